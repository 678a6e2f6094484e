"""The legal review of the AI Act rules (issue 11): each finding as a specification of the law.

Every test names the article it reads. The systems start from complete bases, so that a verdict is
UNKNOWN only where a test leaves a fact out on purpose.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

import algokader
from algokader import InconsistentInputError, Verdict

from .systems import NEUTRAL_AI_SYSTEM, changed

# An organisation that provides and uses a plain AI system, in scope, that nothing makes high-risk,
# prohibited or transparent yet; each test names what makes its system different.
BASE: dict[str, Any] = {
    **NEUTRAL_AI_SYSTEM,
    "rol-ai-act": {"aanbieder"},
    "hoge-impactcapaciteiten": False,
    "integreert-eigen-ai-model": False,
    "integreert-ai-model-derde": False,
    "beoogde-gebruiker": {"overheidsorgaan"},
    "eigen-organisatie": {"overheidsorgaan"},
    "is-bestuursorgaan": True,
    "gebruikt-op-werkplek": False,
    "besluiten-over-personen": "geen",
    "logs-onder-beheer-van": {"aanbieder"},
    "training-met-data": True,
    "uitzondering-rechtshandhaving-art-50": "geen",
    "geharmoniseerde-normen": "niet-gepubliceerd",
    "gemeenschappelijke-specificaties": "niet-beschikbaar",
    "sectorale-zelfbeoordeling": False,
    "gekozen-procedure": "bijlage-vii",
    "substantiele-wijziging": False,
}

PROVIDER = {"aanbieder"}
DEPLOYER = {"gebruiksverantwoordelijke"}


@functools.cache
def rules() -> algokader.RuleSet:
    return algokader.load()


def result(rid: str, **changes: Any) -> algokader.Result:
    return rules().evaluate(changed(BASE, **changes), only=[rid])[rid]


def verdict(rid: str, **changes: Any) -> Verdict:
    return result(rid, **changes).verdict


def verdicts(rids: list[str], **changes: Any) -> dict[str, Verdict]:
    report = rules().evaluate(changed(BASE, **changes), only=rids)
    return {rid: report[rid].verdict for rid in rids}


# --- 1. Art. 2(10): personal use removes the deployer role, not the Regulation


def test_art_2_10_personal_use_removes_only_the_deployer_role() -> None:
    """A chatbot provider whose users are consumers keeps Art. 4 and Art. 50(1)."""
    chatbot = {
        "uitsluiting_reikwijdte": {"persoonlijk-gebruik"},
        "transparantie_situaties": {"directe-interactie"},
    }
    assert verdicts(["aia-01", "aia-28"], **chatbot) == {"aia-01": Verdict.APPLIES, "aia-28": Verdict.APPLIES}


def test_art_2_10_a_natural_person_in_personal_use_has_no_deployer_duties() -> None:
    """Art. 2(10) and Art. 3(4): such a person is not a deployer, so Art. 4 and 50(4) do not bind."""
    person = {
        "rol_ai_act": DEPLOYER,
        "uitsluiting_reikwijdte": {"persoonlijk-gebruik"},
        "transparantie_situaties": {"deepfake"},
    }
    assert verdicts(["aia-01", "aia-28"], **person) == {
        "aia-01": Verdict.DOES_NOT_APPLY,
        "aia-28": Verdict.DOES_NOT_APPLY,
    }
    # The same deployer without personal use has both duties.
    assert verdicts(["aia-01", "aia-28"], **{**person, "uitsluiting_reikwijdte": set()}) == {
        "aia-01": Verdict.APPLIES,
        "aia-28": Verdict.APPLIES,
    }


def test_art_2_10_personal_use_is_not_a_scope_exclusion_in_the_risk_group() -> None:
    personal = changed(BASE, uitsluiting_reikwijdte={"persoonlijk-gebruik"})
    with pytest.raises(InconsistentInputError):
        rules().evaluate({**personal, "risicogroep": "uitzondering-van-toepassing"}, only=["aia-01"])
    given = rules().evaluate({**personal, "risicogroep": "geen-hoog-risico-ai-systeem"}, only=["aia-01"])
    assert given["aia-01"].verdict is Verdict.APPLIES


# --- 2. Art. 49(3) and 27(1): which public bodies


def test_art_49_3_a_bestuursorgaan_registers_even_when_it_only_names_itself_a_body_governed_by_public_law() -> None:
    """A ZBO or public university is a public authority: Art. 26(8) and 49(3) bind it."""
    zbo = {
        "rol_ai_act": DEPLOYER,
        "bijlage_iii": {"3a"},
        "eigen_organisatie": {"publiekrechtelijk-orgaan"},
        "is_bestuursorgaan": True,
    }
    assert verdicts(["aia-25", "aia-27"], **zbo) == {"aia-25": Verdict.APPLIES, "aia-27": Verdict.APPLIES}


def test_art_49_3_a_body_governed_by_public_law_without_public_authority_does_not_register() -> None:
    """Art. 27(1) names bodies governed by public law; Art. 49(3) only public authorities."""
    body = {
        "rol_ai_act": DEPLOYER,
        "bijlage_iii": {"3a"},
        "eigen_organisatie": {"publiekrechtelijk-orgaan"},
        "is_bestuursorgaan": False,
    }
    assert verdicts(["aia-25", "aia-27"], **body) == {"aia-25": Verdict.DOES_NOT_APPLY, "aia-27": Verdict.APPLIES}


def condition_text(rid: str) -> str:
    """The text of a requirement's ``van toepassing als`` clause, up to the next blank line."""
    text = Path(rules().requirements[rid].path).read_text("utf-8")
    return text.split("van toepassing als", 1)[1].split("\n\n", 1)[0]


def test_art_49_3_and_27_1_each_read_one_definition() -> None:
    assert "overheidsinstantie" in condition_text("aia-25")
    assert "publiekrechtelijk-of-openbare-dienst" in condition_text("aia-27")
    for rid in ("aia-25", "aia-27"):
        assert "eigen-organisatie" not in condition_text(rid), rid


def test_art_49_3_and_27_1_define_every_organisation_value() -> None:
    """Every value of eigen-organisatie and beoogde-gebruiker is explained in the fact's description."""
    for name in ("eigen-organisatie", "beoogde-gebruiker"):
        info = rules().facts[name]
        for value in info.values:
            assert f"{value} =" in (info.description or ""), (name, value)


# --- 3. Art. 5(1)(h), 5(3) and 5(5): the exceptions need national law and an authorisation

REALTIME = {
    "rol_ai_act": DEPLOYER,
    "eigen_organisatie": {"rechtshandhaving"},
    "verboden_praktijk": {"realtime-biometrische-identificatie"},
    "uitzondering_verbod": {"opsporen-verdachte"},
}


def test_art_5_1_h_a_claimed_exception_without_national_law_or_authorisation_stays_prohibited() -> None:
    assert verdict("aia-00", **REALTIME) is Verdict.UNKNOWN
    r = result("aia-00", **REALTIME)
    assert set(r.depends_on) == {"wettelijke-grondslag-realtime-biometrie", "toestemming-realtime-biometrie"}
    for basis, authorised in [(False, True), (True, False), (False, False)]:
        assert (
            verdict(
                "aia-00",
                **REALTIME,
                wettelijke_grondslag_realtime_biometrie=basis,
                toestemming_realtime_biometrie=authorised,
            )
            is Verdict.APPLIES
        ), (basis, authorised)


def test_art_5_3_and_5_5_national_law_and_authorisation_lift_the_prohibition() -> None:
    assert (
        verdict("aia-00", **REALTIME, wettelijke_grondslag_realtime_biometrie=True, toestemming_realtime_biometrie=True)
        is Verdict.DOES_NOT_APPLY
    )


def test_art_5_1_h_without_an_exception_the_authorisation_facts_do_not_matter() -> None:
    r = result("aia-00", **{**REALTIME, "uitzondering_verbod": set()})
    assert (r.verdict, r.depends_on) == (Verdict.APPLIES, ())


# --- 4. Art. 43(4) and 25(1)(b): reassessment after a substantial modification


def test_art_43_4_a_deployer_who_became_provider_through_a_substantial_modification_reassesses() -> None:
    r = result(
        "aia-14",
        rol_ai_act=DEPLOYER,
        aanbieder_door_wijziging={"substantiele-wijziging"},
        bijlage_iii={"5a"},
        substantiele_wijziging=...,
    )
    assert (r.verdict, r.outcomes["herbeoordeling"]) == (Verdict.APPLIES, True)


def test_art_3_23_a_predetermined_change_is_no_substantial_modification() -> None:
    """The vocabulary has one fact for it: the change planned in the first assessment is not one."""
    assert "vooraf-bepaalde-wijziging" not in rules().facts
    assert "vooraf" in (rules().facts["substantiele-wijziging"].description or "")
    assert result("aia-14", bijlage_iii={"5a"}, substantiele_wijziging=True).outcomes["herbeoordeling"] is True
    assert result("aia-14", bijlage_iii={"5a"}).outcomes["herbeoordeling"] is False


# --- 5. Recital 97: a general-purpose AI system built on the provider's own model


@pytest.mark.parametrize(
    ("high_impact", "expected"), [(False, {"aia-29", "aia-39"}), (True, {"aia-29", "aia-30", "aia-39"})]
)
def test_recital_97_integrating_an_own_model_places_the_model_on_the_market(
    high_impact: bool, expected: set[str]
) -> None:
    system = {
        "soort_toepassing": "ai-systeem-voor-algemene-doeleinden",
        "integreert_eigen_ai_model": True,
        "hoge_impactcapaciteiten": high_impact,
        "transparantie_situaties": {"directe-interactie"},
    }
    found = verdicts(["aia-01", "aia-28", "aia-29", "aia-30", "aia-39"], **system)
    assert {rid for rid, v in found.items() if v is Verdict.APPLIES} == {"aia-01", "aia-28", *expected}


def test_recital_97_a_system_on_someone_elses_model_has_no_model_duties() -> None:
    system = {"soort_toepassing": "ai-systeem-voor-algemene-doeleinden", "integreert_ai_model_derde": True}
    assert set(verdicts(["aia-29", "aia-39"], **system).values()) == {Verdict.DOES_NOT_APPLY}
