"""aia-00 to aia-13 (AI Act Art. 4, 5, 6(4), 9-19): the law as executable examples.

Each system starts from a complete base (every fact these requirements read is given), so that a
verdict is UNKNOWN only where a test deliberately leaves a fact out.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

import pytest

import algokader
from algokader import Verdict

from .systems import ANNEX_I_A, ANNEX_I_B, NEUTRAL_AI_SYSTEM, changed

# The provider of a plain AI system, in scope, not high-risk, without prohibited practices.
BASE: dict[str, Any] = {
    **NEUTRAL_AI_SYSTEM,
    "soort-toepassing": "ai-systeem",
    "rol-ai-act": {"aanbieder"},
    "genereert-intieme-beelden-zonder-toestemming": False,
    "beoogde-gebruiker": {"overheidsorgaan"},
    "hoge-impactcapaciteiten": False,
    "training-met-data": True,
    "logs-onder-beheer-van": {"aanbieder"},
}

HIGH_RISK_PROVIDER_DUTIES = [f"aia-{n:02d}" for n in range(3, 14)]
ANNEX_III = {"bijlage_iii": {"4a"}}  # recruitment and selection of staff


@functools.cache
def rules() -> algokader.RuleSet:
    return algokader.load()


def result(rid: str, **changes: Any) -> algokader.Result:
    """Evaluate ``rid`` for BASE with ``changes`` (underscores for hyphens; ``...`` leaves a fact out)."""
    system = changed(BASE, **changes)
    return rules().evaluate(system, only=[rid])[rid]


def verdict(rid: str, **changes: Any) -> Verdict:
    return result(rid, **changes).verdict


# --- aia-00: prohibited practices (Art. 5)


@pytest.mark.parametrize("role", [{"aanbieder"}, {"gebruiksverantwoordelijke"}, {"importeur"}])
def test_social_scoring_is_banned_for_providers_deployers_and_importers(role: set[str]) -> None:
    """Art. 5(1)(c): placing on the market, putting into service and use are all prohibited."""
    assert verdict("aia-00", rol_ai_act=role, verboden_praktijk={"sociale-scoring"}) is Verdict.APPLIES


def test_a_mere_distributor_is_not_addressed_by_article_5() -> None:
    """Art. 5 names placing on the market, putting into service and use; a distributor only makes
    available (Art. 3(7)), so the ban does not bind it as such."""
    assert verdict("aia-00", rol_ai_act={"distributeur"}, verboden_praktijk={"manipulatie"}) is Verdict.DOES_NOT_APPLY


def test_a_system_without_prohibited_practice_is_not_caught() -> None:
    assert verdict("aia-00") is Verdict.DOES_NOT_APPLY


def test_emotion_recognition_at_work_for_medical_reasons_is_allowed() -> None:
    """Art. 5(1)(f): the practice's own exception lifts the ban."""
    system = {"verboden_praktijk": {"emotieherkenning-werk-onderwijs"}}
    assert verdict("aia-00", **system) is Verdict.APPLIES
    assert verdict("aia-00", **system, uitzondering_verbod={"medisch-of-veiligheid"}) is Verdict.DOES_NOT_APPLY


def test_an_exception_only_lifts_its_own_practice() -> None:
    """The law-enforcement exceptions of Art. 5(1)(h) do not excuse emotion recognition at work."""
    assert (
        verdict(
            "aia-00",
            verboden_praktijk={"emotieherkenning-werk-onderwijs"},
            uitzondering_verbod={"zoeken-slachtoffers", "afwenden-dreiging", "opsporen-verdachte"},
        )
        is Verdict.APPLIES
    )


def test_real_time_remote_identification_bans_the_use_not_the_supply() -> None:
    """Art. 5(1)(h) prohibits only the use in publicly accessible spaces for law enforcement."""
    realtime = {"verboden_praktijk": {"realtime-biometrische-identificatie"}, "bijlage_iii": {"1a"}}
    assert verdict("aia-00", **realtime, rol_ai_act={"gebruiksverantwoordelijke"}) is Verdict.APPLIES
    assert verdict("aia-00", **realtime, rol_ai_act={"aanbieder"}) is Verdict.DOES_NOT_APPLY
    assert verdict("aia-00", **realtime, rol_ai_act={"importeur"}) is Verdict.DOES_NOT_APPLY


def test_real_time_identification_to_search_for_a_missing_child_is_excepted() -> None:
    """Art. 5(1)(h)(i), with the national law of Art. 5(5) and the authorisation of Art. 5(3)."""
    assert (
        verdict(
            "aia-00",
            rol_ai_act={"gebruiksverantwoordelijke"},
            verboden_praktijk={"realtime-biometrische-identificatie"},
            uitzondering_verbod={"zoeken-slachtoffers"},
            wettelijke_grondslag_realtime_identificatie=True,
            toestemming_realtime_identificatie=True,
        )
        is Verdict.DOES_NOT_APPLY
    )


def test_nudification_apps_are_banned_by_the_omnibus_even_as_open_source() -> None:
    """Digital omnibus (status adopted): new Art. 5 practice; Art. 2(12) does not exempt open source
    that falls under Art. 5."""
    assert verdict("aia-00", genereert_intieme_beelden_zonder_toestemming=True) is Verdict.APPLIES
    assert (
        verdict("aia-00", genereert_intieme_beelden_zonder_toestemming=True, open_source_licentie=True)
        is Verdict.APPLIES
    )
    effective = rules().requirements["aia-00"].effective
    assert [(e.date, e.status) for e in effective] == [
        (datetime.date(2025, 2, 2), None),
        (datetime.date(2026, 12, 2), "aangenomen"),
    ]


def test_whether_a_system_generates_intimate_images_must_be_asked() -> None:
    r = result("aia-00", genereert_intieme_beelden_zonder_toestemming=...)
    assert r.verdict is Verdict.UNKNOWN
    assert r.depends_on == ("genereert-intieme-beelden-zonder-toestemming",)


def test_prohibitions_do_not_reach_defence_use_or_general_purpose_models() -> None:
    """Art. 2(3) excludes military and national-security use; Art. 5 concerns AI systems."""
    practice = {"verboden_praktijk": {"sociale-scoring"}}
    assert (
        verdict("aia-00", **practice, uitsluiting_reikwijdte={"militair-defensie-nationale-veiligheid"})
        is Verdict.DOES_NOT_APPLY
    )
    assert verdict("aia-00", **practice, soort_toepassing="ai-model-voor-algemene-doeleinden") is Verdict.DOES_NOT_APPLY


def test_a_product_manufacturer_counts_as_provider_of_the_ai_component() -> None:
    """Art. 25(3): the manufacturer of an Annex I section A product is the provider of its AI system."""
    assert (
        verdict(
            "aia-00",
            rol_ai_act={"productfabrikant"},
            onder_naam_productfabrikant=True,
            verboden_praktijk={"manipulatie"},
            **ANNEX_I_A,
        )
        is Verdict.APPLIES
    )


# --- aia-01: AI literacy (Art. 4)


@pytest.mark.parametrize("role", [{"aanbieder"}, {"gebruiksverantwoordelijke"}])
def test_ai_literacy_binds_providers_and_deployers_of_any_ai_system(role: set[str]) -> None:
    assert verdict("aia-01", rol_ai_act=role) is Verdict.APPLIES


def test_ai_literacy_also_for_high_risk_and_general_purpose_systems() -> None:
    assert verdict("aia-01", **ANNEX_III) is Verdict.APPLIES
    assert verdict("aia-01", soort_toepassing="ai-systeem-voor-algemene-doeleinden") is Verdict.APPLIES


@pytest.mark.parametrize("role", [{"importeur"}, {"distributeur"}, set()])
def test_importers_and_distributors_are_not_named_in_article_4(role: set[str]) -> None:
    assert verdict("aia-01", rol_ai_act=role) is Verdict.DOES_NOT_APPLY


def test_a_distributor_who_relabels_a_high_risk_system_becomes_its_provider() -> None:
    """Art. 25(1)(a) is about high-risk systems; rebranding another system makes one a provider
    under Art. 3(3) directly, which the description states with the role aanbieder."""
    relabelled = {"rol_ai_act": {"distributeur"}, "aanbieder_door_wijziging": {"eigen-naam-of-merk"}}
    assert verdict("aia-01", **relabelled, **ANNEX_III) is Verdict.APPLIES
    assert verdict("aia-01", **relabelled) is Verdict.DOES_NOT_APPLY
    assert verdict("aia-01", rol_ai_act={"distributeur", "aanbieder"}) is Verdict.APPLIES


def test_providers_of_general_purpose_models_only_are_outside_article_4() -> None:
    assert verdict("aia-01", soort_toepassing="ai-model-voor-algemene-doeleinden") is Verdict.DOES_NOT_APPLY


def test_open_source_systems_are_out_unless_article_5_or_50_applies() -> None:
    """Art. 2(12)."""
    assert verdict("aia-01", open_source_licentie=True) is Verdict.DOES_NOT_APPLY
    assert (
        verdict("aia-01", open_source_licentie=True, transparantie_situaties={"directe-interactie"}) is Verdict.APPLIES
    )
    assert (
        verdict(
            "aia-01",
            open_source_licentie=True,
            verboden_praktijk={"emotieherkenning-werk-onderwijs"},
            uitzondering_verbod={"medisch-of-veiligheid"},
        )
        is Verdict.APPLIES
    )


def test_ai_literacy_needs_an_ai_system_and_a_role() -> None:
    assert verdict("aia-01", soort_toepassing="algoritme-zonder-ai") is Verdict.DOES_NOT_APPLY
    # Art. 2(10): personal use removes only the deployer role; a provider keeps Art. 4.
    assert verdict("aia-01", uitsluiting_reikwijdte={"persoonlijk-gebruik"}) is Verdict.APPLIES
    personal = {"rol_ai_act": {"gebruiksverantwoordelijke"}, "uitsluiting_reikwijdte": {"persoonlijk-gebruik"}}
    assert verdict("aia-01", **personal) is Verdict.DOES_NOT_APPLY
    r = result("aia-01", rol_ai_act=...)
    assert r.verdict is Verdict.UNKNOWN
    assert "rol-ai-act" in r.depends_on


# --- aia-02: documenting an Art. 6(3) assessment (Art. 6(4), 49(2))

EXEMPTED = {"bijlage_iii": {"5b"}, "uitzondering_artikel_6_3": "d"}  # credit scoring, preparatory task


def test_provider_who_claims_an_article_6_3_exemption_documents_and_registers_it() -> None:
    assert verdict("aia-02", **EXEMPTED) is Verdict.APPLIES


def test_a_system_outside_annex_iii_has_nothing_to_document() -> None:
    assert verdict("aia-02") is Verdict.DOES_NOT_APPLY


def test_an_annex_iii_system_without_exemption_is_high_risk_instead() -> None:
    assert verdict("aia-02", bijlage_iii={"5b"}) is Verdict.DOES_NOT_APPLY


def test_profiling_rules_out_the_exemption() -> None:
    """Art. 6(3) last subparagraph: a profiling Annex III system is always high-risk."""
    assert verdict("aia-02", **EXEMPTED, profilering=True) is Verdict.DOES_NOT_APPLY
    r = result("aia-02", **EXEMPTED, profilering=...)
    assert r.verdict is Verdict.UNKNOWN
    assert r.depends_on == ("profilering",)


def test_the_duty_is_the_providers_not_the_deployers() -> None:
    assert verdict("aia-02", **EXEMPTED, rol_ai_act={"gebruiksverantwoordelijke"}) is Verdict.DOES_NOT_APPLY


def test_an_exempted_annex_iii_system_that_is_high_risk_through_annex_i_is_not_documented_as_such() -> None:
    assert verdict("aia-02", **EXEMPTED, **ANNEX_I_A) is Verdict.DOES_NOT_APPLY


# --- aia-03 .. aia-13: provider duties for high-risk systems (Art. 9-19, via Art. 16)


@pytest.mark.parametrize("rid", HIGH_RISK_PROVIDER_DUTIES)
def test_provider_of_an_annex_iii_system_is_bound(rid: str) -> None:
    assert verdict(rid, **ANNEX_III) is Verdict.APPLIES


@pytest.mark.parametrize("rid", HIGH_RISK_PROVIDER_DUTIES)
def test_provider_of_a_system_that_is_not_high_risk_is_not_bound(rid: str) -> None:
    assert verdict(rid) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", HIGH_RISK_PROVIDER_DUTIES)
def test_annex_i_section_a_counts_with_third_party_assessment_only(rid: str) -> None:
    """Art. 6(1)(b)."""
    assert verdict(rid, **ANNEX_I_A) is Verdict.APPLIES
    assert verdict(rid, **{**ANNEX_I_A, "bijlage_i_derde_partij": False}) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", HIGH_RISK_PROVIDER_DUTIES)
def test_annex_i_section_b_is_outside_chapter_iii(rid: str) -> None:
    """Art. 2(2)."""
    assert verdict(rid, **ANNEX_I_B) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", HIGH_RISK_PROVIDER_DUTIES)
def test_exempted_annex_iii_system_is_out_unless_it_profiles(rid: str) -> None:
    assert verdict(rid, **EXEMPTED) is Verdict.DOES_NOT_APPLY
    assert verdict(rid, **EXEMPTED, profilering=True) is Verdict.APPLIES


@pytest.mark.parametrize("rid", HIGH_RISK_PROVIDER_DUTIES)
def test_a_deployer_is_bound_only_after_becoming_provider(rid: str) -> None:
    """Art. 25(1)(b): substantial modification makes the deployer the provider."""
    deployer = {"rol_ai_act": {"gebruiksverantwoordelijke"}, "logs_onder_beheer_van": {"aanbieder"}}
    assert verdict(rid, **ANNEX_III, **deployer) is Verdict.DOES_NOT_APPLY
    assert verdict(rid, **ANNEX_III, **deployer, aanbieder_door_wijziging={"substantiele-wijziging"}) is Verdict.APPLIES


@pytest.mark.parametrize("rid", HIGH_RISK_PROVIDER_DUTIES)
def test_product_manufacturer_is_provider_for_annex_i_section_a_only(rid: str) -> None:
    """Art. 25(3) deems the product manufacturer provider of a high-risk safety component."""
    assert verdict(rid, rol_ai_act={"productfabrikant"}, onder_naam_productfabrikant=True, **ANNEX_I_A) is (
        Verdict.APPLIES
    )
    # Art. 25(3): only a safety component under the manufacturer's own name or trademark.
    assert verdict(rid, rol_ai_act={"productfabrikant"}, onder_naam_productfabrikant=False, **ANNEX_I_A) is (
        Verdict.DOES_NOT_APPLY
    )
    assert verdict(rid, rol_ai_act={"productfabrikant"}, **ANNEX_III) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", HIGH_RISK_PROVIDER_DUTIES)
def test_supplying_a_real_time_identification_system_keeps_the_high_risk_duties(rid: str) -> None:
    """Art. 5(1)(h) bans only the use; the provider of an Annex III point 1(a) system is still bound."""
    assert (
        verdict(rid, bijlage_iii={"1a"}, verboden_praktijk={"realtime-biometrische-identificatie"}) is Verdict.APPLIES
    )


@pytest.mark.parametrize("rid", HIGH_RISK_PROVIDER_DUTIES)
def test_models_and_out_of_scope_systems_are_not_bound(rid: str) -> None:
    assert verdict(rid, **ANNEX_III, soort_toepassing="ai-model-voor-algemene-doeleinden") is Verdict.DOES_NOT_APPLY
    assert verdict(rid, **ANNEX_III, uitsluiting_reikwijdte={"wetenschappelijk-onderzoek"}) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", HIGH_RISK_PROVIDER_DUTIES)
def test_unknown_third_party_assessment_leaves_an_annex_i_product_open(rid: str) -> None:
    r = result(rid, bijlage_i="afdeling-a", bijlage_i_derde_partij=...)
    assert r.verdict is Verdict.UNKNOWN
    assert r.depends_on == ("bijlage-i-derde-partij",)


@pytest.mark.parametrize("rid", HIGH_RISK_PROVIDER_DUTIES)
def test_high_risk_dates_follow_article_113_and_the_omnibus(rid: str) -> None:
    """Art. 113 and 113(c); the omnibus moves Annex III to 2 Dec 2027 and Annex I to 2 Aug 2028.
    A new system (placed after the Art. 111 cut-offs), not part of an Annex X system."""
    new = {"in-de-handel-sinds": "2028-09-01", "onderdeel-bijlage-x": False}
    dates = {}
    for name, ground in (("iii", ANNEX_III), ("i", ANNEX_I_A)):
        for regime in ("oorspronkelijk", "omnibus"):
            r = rules().evaluate(changed({**BASE, **new}, **ground), only=[rid], regime=regime)[rid]
            assert r.binds_from is not None
            dates[name, regime] = r.binds_from.date.isoformat() if r.binds_from.date else None
    assert dates == {
        ("iii", "oorspronkelijk"): "2026-08-02",
        ("iii", "omnibus"): "2027-12-02",
        ("i", "oorspronkelijk"): "2027-08-02",
        ("i", "omnibus"): "2028-08-02",
    }


def test_logs_are_kept_by_the_provider_only_to_the_extent_it_controls_them() -> None:
    """Art. 19(1)."""
    assert verdict("aia-13", **ANNEX_III, logs_onder_beheer_van={"gebruiksverantwoordelijke"}) is (
        Verdict.DOES_NOT_APPLY
    )
    assert verdict("aia-13", **ANNEX_III, logs_onder_beheer_van={"aanbieder", "gebruiksverantwoordelijke"}) is (
        Verdict.APPLIES
    )
    r = result("aia-13", **ANNEX_III, logs_onder_beheer_van=...)
    assert r.verdict is Verdict.UNKNOWN
    assert r.depends_on == ("logs-onder-beheer-van",)


def test_data_quality_covers_test_data_only_without_training() -> None:
    """Art. 10(6)."""
    assert result("aia-05", **ANNEX_III).outcomes["datasets"] == "training-validatie-en-test"
    assert result("aia-05", **ANNEX_III, training_met_data=False).outcomes["datasets"] == "alleen-test"
    r = result("aia-05", **ANNEX_III, training_met_data=...)
    assert r.verdict is Verdict.APPLIES
    assert r.outcomes["datasets"] is None
    assert set(r.possible_outcomes["datasets"]) == {"training-validatie-en-test", "alleen-test"}


def test_technical_documentation_of_an_annex_i_product_is_one_file() -> None:
    """Art. 11(2)."""
    assert result("aia-06", **ANNEX_I_A).outcomes["dossier"] == "bijlage-iv-met-sectorale-documentatie"
    assert result("aia-06", **ANNEX_III).outcomes["dossier"] == "bijlage-iv"


def test_remote_biometric_identification_logs_minimum_data() -> None:
    """Art. 12(3)."""
    assert result("aia-07", bijlage_iii={"1a"}).outcomes["minimale-loggegevens-biometrie"] is True
    assert result("aia-07", **ANNEX_III).outcomes["minimale-loggegevens-biometrie"] is False


def test_two_person_verification_for_remote_biometric_identification() -> None:
    """Art. 14(5), with the carve-out for law enforcement, migration, border control and asylum."""
    outcome = "verificatie-door-twee-personen"
    assert result("aia-09", bijlage_iii={"1a"}).outcomes[outcome] == "vereist"
    assert (
        result("aia-09", bijlage_iii={"1a"}, beoogde_gebruiker={"rechtshandhaving"}).outcomes[outcome]
        == "vereist-tenzij-wet-onevenredig-acht"
    )
    assert result("aia-09", **ANNEX_III).outcomes[outcome] == "niet-vereist"


def test_every_file_records_at_least_one_deviation_from_the_labels() -> None:
    for rid in ["aia-00", "aia-01", "aia-02", *HIGH_RISK_PROVIDER_DUTIES]:
        assert rules().requirements[rid].deviations, rid
