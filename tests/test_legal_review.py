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

from .systems import ANNEX_I_A, ANNEX_I_B, NEUTRAL_AI_SYSTEM, changed

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
    assert condition_text("aia-27").strip() == "grondrechtenbeoordeling-verplicht"
    vocabulary = (Path(rules().requirements["aia-27"].path).parent / "ai-verordening.ak").read_text("utf-8")
    fria = vocabulary.split("definitie grondrechtenbeoordeling-verplicht", 1)[1].split("\n\n", 1)[0]
    assert "publiekrechtelijk-of-openbare-dienst" in fria
    assert "eigen-organisatie" not in condition_text("aia-25") + fria


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
    assert set(r.depends_on) == {"wettelijke-grondslag-realtime-identificatie", "toestemming-realtime-identificatie"}
    for basis, authorised in [(False, True), (True, False), (False, False)]:
        assert (
            verdict(
                "aia-00",
                **REALTIME,
                wettelijke_grondslag_realtime_identificatie=basis,
                toestemming_realtime_identificatie=authorised,
            )
            is Verdict.APPLIES
        ), (basis, authorised)


def test_art_5_3_and_5_5_national_law_and_authorisation_lift_the_prohibition() -> None:
    assert (
        verdict(
            "aia-00",
            **REALTIME,
            wettelijke_grondslag_realtime_identificatie=True,
            toestemming_realtime_identificatie=True,
        )
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


# --- 6. Art. 2(2): a system high-risk only through Annex I section B


@pytest.mark.parametrize("rid", ["aia-00", "aia-01", "aia-28", "aia-36", "aia-37"])
def test_art_2_2_section_b_systems_get_none_of_the_acts_other_duties(rid: str) -> None:
    system = {
        **ANNEX_I_B,
        "verboden_praktijk": {"manipulatie"},
        "transparantie_situaties": {"directe-interactie"},
        "integreert_ai_model_derde": True,
    }
    assert verdict(rid, **system) is Verdict.DOES_NOT_APPLY
    assert verdict(rid, **{**system, "bijlage_i": "geen"}) is Verdict.APPLIES


def test_art_2_2_no_article_25_provider_shift_for_section_b_systems() -> None:
    shifted = {"rol_ai_act": DEPLOYER, "aanbieder_door_wijziging": {"substantiele-wijziging"}}
    assert verdict("aia-01", **shifted, **ANNEX_I_B) is Verdict.DOES_NOT_APPLY
    assert verdict("aia-14", **shifted, **ANNEX_I_A) is Verdict.APPLIES


# --- 7. Art. 2(3): exclusively military, and only AI systems


def test_art_2_3_excludes_systems_used_exclusively_for_defence() -> None:
    assert "uitsluitend" in (rules().facts["uitsluiting-reikwijdte"].description or "")
    assert verdict("aia-01", uitsluiting_reikwijdte={"militair-defensie-nationale-veiligheid"}) is (
        Verdict.DOES_NOT_APPLY
    )


@pytest.mark.parametrize("exclusion", ["militair-defensie-nationale-veiligheid", "rechtshandhaving-derde-land"])
def test_art_2_3_and_2_4_speak_of_ai_systems_and_leave_model_duties(exclusion: str) -> None:
    model = {"soort_toepassing": "ai-model-voor-algemene-doeleinden", "uitsluiting_reikwijdte": {exclusion}}
    assert verdicts(["aia-29", "aia-39"], **model) == {"aia-29": Verdict.APPLIES, "aia-39": Verdict.APPLIES}
    research = {**model, "uitsluiting_reikwijdte": {"wetenschappelijk-onderzoek"}}
    assert verdicts(["aia-29", "aia-39"], **research) == {
        "aia-29": Verdict.DOES_NOT_APPLY,
        "aia-39": Verdict.DOES_NOT_APPLY,
    }


# --- 8. Art. 43(3), third subparagraph: an opt-out of third-party assessment is still third-party


def test_art_43_3_the_third_party_question_warns_about_the_standards_opt_out() -> None:
    fact = rules().facts["bijlage-i-derde-partij"]
    assert fact.question is not None and fact.help is not None
    assert "af te zien" in fact.help.nl and "hoog risico" in fact.help.nl and "opt out" in (fact.help.en or "")


# --- 9 and 10. Art. 43(1)(c) and 43(3): the routes the law leaves room for


def test_art_43_1_c_full_harmonised_standards_keep_the_choice_even_when_common_specifications_exist() -> None:
    r = result(
        "aia-14",
        bijlage_iii={"1a"},
        geharmoniseerde_normen="volledig-toegepast",
        gemeenschappelijke_specificaties="niet-toegepast",
    )
    assert r.outcomes["route"] == "keuze-interne-controle-of-aangemelde-instantie"
    assert "43, lid 1, onder c" in Path(rules().requirements["aia-14"].path).read_text("utf-8")


def test_art_43_3_a_section_a_product_without_third_party_assessment_takes_the_annex_iii_route() -> None:
    r = result("aia-14", bijlage_i="afdeling-a", bijlage_i_derde_partij=False, bijlage_iii={"5a"})
    assert (r.verdict, r.outcomes["route"], r.outcomes["beoordelaar"]) == (
        Verdict.APPLIES,
        "interne-controle",
        "aanbieder",
    )


def test_art_43_1_the_beoordelaar_rule_order_is_documented() -> None:
    text = Path(rules().requirements["aia-14"].path).read_text("utf-8")
    assert "Volgorde van de regels" in text and "74, lid 8" in text


# --- 11. Art. 50(1) and 50(3): the law enforcement carve-outs differ


def test_art_50_3_the_carve_out_does_not_cover_prosecution_only() -> None:
    emotion = {"rol_ai_act": DEPLOYER, "transparantie_situaties": {"emotieherkenning-of-categorisering"}}
    assert verdict("aia-28", **emotion, uitzondering_rechtshandhaving_art_50="alleen-vervolgen") is Verdict.APPLIES
    assert verdict("aia-28", **emotion, uitzondering_rechtshandhaving_art_50="opsporen-voorkomen-onderzoeken") is (
        Verdict.DOES_NOT_APPLY
    )
    deepfake = {"rol_ai_act": DEPLOYER, "transparantie_situaties": {"deepfake"}}
    assert verdict("aia-28", **deepfake, uitzondering_rechtshandhaving_art_50="alleen-vervolgen") is (
        Verdict.DOES_NOT_APPLY
    )


def test_art_50_1_a_system_for_the_public_to_report_crime_keeps_the_duty() -> None:
    chatbot = {
        "transparantie_situaties": {"directe-interactie"},
        "uitzondering_rechtshandhaving_art_50": "opsporen-voorkomen-onderzoeken",
    }
    assert verdict("aia-28", **chatbot, meldpunt_voor_publiek=True) is Verdict.APPLIES
    assert verdict("aia-28", **chatbot, meldpunt_voor_publiek=False) is Verdict.DOES_NOT_APPLY


# --- 12. Art. 25(3): a safety component under the product manufacturer's name


def test_art_25_3_the_product_manufacturer_is_provider_only_under_its_own_name() -> None:
    manufacturer = {"rol_ai_act": {"productfabrikant"}, **ANNEX_I_A}
    assert verdict("aia-14", **manufacturer, onder_naam_productfabrikant=True) is Verdict.APPLIES
    assert verdict("aia-14", **manufacturer, onder_naam_productfabrikant=False) is Verdict.DOES_NOT_APPLY
    assert result("aia-14", **manufacturer).depends_on == ("onder-naam-productfabrikant",)


# --- citations and deviations


def test_art_49_1_and_49_2_treat_the_authorised_representative_alike() -> None:
    exempt = {"rol_ai_act": {"gemachtigde"}, "bijlage_iii": {"4a"}, "uitzondering_artikel_6_3": "a"}
    assert verdict("aia-02", **exempt) is Verdict.APPLIES
    assert verdict("aia-17", rol_ai_act={"gemachtigde"}, bijlage_iii={"4a"}) is Verdict.APPLIES


def test_art_5_risk_group_knows_the_omnibus_practice() -> None:
    """One Art. 5 chain: the omnibus practice is verboden-ai in the risk group too."""
    omnibus = changed(BASE, genereert_intieme_beelden_zonder_toestemming=True)
    with pytest.raises(InconsistentInputError):
        rules().evaluate({**omnibus, "risicogroep": "geen-hoog-risico-ai-systeem"}, only=["aia-00"])
    assert rules().evaluate({**omnibus, "risicogroep": "verboden-ai"}, only=["aia-00"])["aia-00"].verdict is (
        Verdict.APPLIES
    )


def test_no_deviation_mentions_an_annex_i_product_without_third_party_assessment() -> None:
    for rid in ("aia-14", "aia-34", "aia-35", "aia-38"):
        assert not any("zonder verplichte beoordeling" in d for d in rules().requirements[rid].deviations), rid
    assert any("verboden-ai" in d for d in rules().requirements["aia-14"].deviations)


# --- duties outside the Algoritmekader (extra-aia-overheid.ak)


def duty(name: str, **changes: Any) -> bool | None:
    """Whether the derived duty ``name`` holds for BASE with changes: the definition supplied as true and
    as false, the consistent one is the answer (None if both are)."""
    answers = []
    for value in (True, False):
        try:
            rules().evaluate({**changed(BASE, **changes), name: value}, only=["aia-01"])
        except InconsistentInputError:
            continue
        answers.append(value)
    return answers[0] if len(answers) == 1 else None


def test_art_27_3_the_fundamental_rights_assessment_is_notified() -> None:
    assert duty("plicht-grondrechtenbeoordeling-melden", rol_ai_act=DEPLOYER, bijlage_iii={"5a"}) is True
    assert duty("plicht-grondrechtenbeoordeling-melden", rol_ai_act=DEPLOYER, bijlage_iii={"2"}) is False


def test_art_26_10_post_remote_biometric_identification_needs_authorisation() -> None:
    police = {"rol_ai_act": DEPLOYER, "bijlage_iii": {"1a"}, "eigen_organisatie": {"rechtshandhaving"}}
    assert duty("plicht-toestemming-biometrie-achteraf", **police, biometrie_achteraf_opsporing=True) is True
    assert duty("plicht-toestemming-biometrie-achteraf", **police, biometrie_achteraf_opsporing=False) is False


def test_art_5_2_and_5_4_a_lawful_real_time_use_has_its_safeguards() -> None:
    lawful = {
        **REALTIME,
        "wettelijke_grondslag_realtime_identificatie": True,
        "toestemming_realtime_identificatie": True,
    }
    assert duty("plicht-waarborgen-realtime-identificatie", **lawful) is True
    assert (
        duty("plicht-waarborgen-realtime-identificatie", **{**lawful, "toestemming_realtime_identificatie": False})
        is False
    )


def test_art_53_1_d_the_training_content_summary_binds_open_source_models_too() -> None:
    model = {"soort_toepassing": "ai-model-voor-algemene-doeleinden", "open_source_licentie": True}
    assert duty("plicht-samenvatting-trainingsinhoud", **model) is True
    assert verdict("aia-29", **model) is Verdict.DOES_NOT_APPLY  # Art. 53(2) exempts only (a) and (b)


@pytest.mark.parametrize(
    ("role", "name"),
    [
        ("importeur", "plicht-importeur-hoog-risico"),
        ("distributeur", "plicht-distributeur-hoog-risico"),
        ("gemachtigde", "plicht-gemachtigde-hoog-risico"),
    ],
)
def test_art_22_23_24_the_value_chain_of_a_high_risk_system(role: str, name: str) -> None:
    assert duty(name, rol_ai_act={role}, bijlage_iii={"4a"}) is True
    assert duty(name, rol_ai_act={role}) is False


def test_duties_outside_the_algoritmekader_are_marked_so() -> None:
    in_aia28 = {"plicht-artikel-50-aanbieder", "plicht-artikel-50-gebruiksverantwoordelijke"}
    extra = [n for n in rules().facts if n.startswith("plicht-") and n not in in_aia28]
    assert len(extra) == 7
    for name in extra:
        assert (rules().facts[name].description or "").startswith("Niet in het Algoritmekader."), name
