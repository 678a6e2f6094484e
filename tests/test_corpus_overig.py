"""The vereisten outside the AI Act (AVG, Awb, Woo, Archiefwet, Auteurswet, Databankenwet, Grondwet,
BIO, Algoritmeregister) as executable examples of the law.

These laws bind on their own roles (verwerkingsverantwoordelijke, bestuursorgaan, overheidsorgaan), not
on the roles of the AI Act, and they apply just as much to algorithms that are not AI.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest

import algokader
from algokader import Verdict

from .systems import NEUTRAL_AI_SYSTEM

# A municipality (a bestuursorgaan) that uses a rule-based algorithm, not AI, to prepare decisions on
# social-assistance applications. It is controller of the personal data; nothing else is special.
GEMEENTE: dict[str, Any] = {
    **NEUTRAL_AI_SYSTEM,
    "soort-toepassing": "algoritme-zonder-ai",
    "rol-ai-act": set(),
    "verwerkt-persoonsgegevens": True,
    "uitsluiting-avg": set(),
    "avg-rol": {"verwerkingsverantwoordelijke"},
    "bijzondere-persoonsgegevens": False,
    "besluiten-over-personen": "ondersteunt-of-neemt",
    "uitsluitend-geautomatiseerd-besluit": False,
    "uitzondering-artikel-22": "geen",
    "dpia-criteria": set(),
    "dpia-bij-wetgeving": False,
    "is-bestuursorgaan": True,
    "awb-besluit": "beschikking",
    "ander-woo-orgaan": False,
    "overheidsorgaan-archiefwet": True,
    "soort-organisatie": "gemeente",
    "awgb-terrein": False,
    "impactvol-algoritme": False,
    "gebruikt-beschermde-werken": False,
    "opvraging-databank": "geen",
    "uitzondering-databankenwet": False,
}

# A private software company that develops an AI system for municipalities and hosts it for them as
# processor; it is not a public body.
LEVERANCIER: dict[str, Any] = {
    **GEMEENTE,
    "soort-toepassing": "ai-systeem",
    "rol-ai-act": {"aanbieder"},
    "avg-rol": {"verwerker"},
    "is-bestuursorgaan": False,
    "awb-besluit": "geen",
    "overheidsorgaan-archiefwet": False,
    "soort-organisatie": "private-organisatie",
}


@functools.cache
def rules() -> algokader.RuleSet:
    return algokader.load()


def system(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """``base`` with facts changed (underscores stand for hyphens); ``...`` makes a fact unknown."""
    result = dict(base)
    for key, value in changes.items():
        name = key.replace("_", "-")
        if value is ...:
            del result[name]
        else:
            result[name] = value
    return result


def verdict(rid: str, base: dict[str, Any] = GEMEENTE, **changes: Any) -> Verdict:
    return rules().evaluate(system(base, **changes), only=[rid])[rid].verdict


AVG_CONTROLLER_DUTIES = ["avg-01", "avg-02", "avg-03", "avg-05", "avg-06", "avg-07", "avg-09", "avg-11"]


# --- AVG: scope (art. 2) and the controller (art. 4(7), 5(2))


@pytest.mark.parametrize("rid", AVG_CONTROLLER_DUTIES)
def test_controller_duties_bind_a_municipality_that_processes_personal_data_even_without_ai(rid: str) -> None:
    assert verdict(rid) is Verdict.APPLIES


@pytest.mark.parametrize("rid", AVG_CONTROLLER_DUTIES)
def test_controller_duties_do_not_bind_without_personal_data(rid: str) -> None:
    assert verdict(rid, verwerkt_persoonsgegevens=False) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", AVG_CONTROLLER_DUTIES)
def test_controller_duties_do_not_bind_a_mere_processor(rid: str) -> None:
    """Art. 5(2) AVG: the controller is responsible for the principles, not the processor."""
    assert verdict(rid, LEVERANCIER) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", AVG_CONTROLLER_DUTIES)
def test_criminal_law_processing_falls_under_the_wpg_not_the_avg(rid: str) -> None:
    """Art. 2(2)(d) AVG: processing by competent authorities for criminal-law purposes is excluded."""
    assert verdict(rid, uitsluiting_avg={"strafrechtelijke-verwerking"}) is Verdict.DOES_NOT_APPLY


def test_unknown_avg_role_leaves_controller_duties_open() -> None:
    assert verdict("avg-01", avg_rol=...) is Verdict.UNKNOWN


def test_without_personal_data_the_avg_role_does_not_matter() -> None:
    assert verdict("avg-01", verwerkt_persoonsgegevens=False, avg_rol=...) is Verdict.DOES_NOT_APPLY


def test_ai_act_role_is_irrelevant_for_the_avg() -> None:
    """A deployer under the AI Act that is controller: bound because it is controller."""
    assert verdict("avg-03", soort_toepassing="ai-systeem", rol_ai_act={"gebruiksverantwoordelijke"}) is Verdict.APPLIES
    assert verdict("avg-03", LEVERANCIER, rol_ai_act={"gebruiksverantwoordelijke"}) is Verdict.DOES_NOT_APPLY


def test_provider_that_trains_its_model_on_personal_data_is_controller_for_that() -> None:
    assert verdict("avg-01", LEVERANCIER, avg_rol={"verwerkingsverantwoordelijke", "verwerker"}) is Verdict.APPLIES


# --- avg-04: proportionality and subsidiarity


def test_proportionality_binds_a_controller() -> None:
    assert verdict("avg-04") is Verdict.APPLIES


def test_proportionality_binds_government_also_for_other_data() -> None:
    """Without personal data the general proportionality principle of public action still binds."""
    assert verdict("avg-04", verwerkt_persoonsgegevens=False) is Verdict.APPLIES


def test_proportionality_does_not_bind_a_private_processor() -> None:
    assert verdict("avg-04", LEVERANCIER) is Verdict.DOES_NOT_APPLY


def test_proportionality_for_a_private_company_depends_on_its_avg_role() -> None:
    assert verdict("avg-04", LEVERANCIER, avg_rol=...) is Verdict.UNKNOWN


# --- avg-08: special categories (art. 9)


def test_special_categories_rule_applies_when_such_data_are_processed() -> None:
    assert verdict("avg-08", bijzondere_persoonsgegevens=True) is Verdict.APPLIES


def test_special_categories_rule_does_not_apply_to_ordinary_personal_data() -> None:
    assert verdict("avg-08") is Verdict.DOES_NOT_APPLY


def test_special_categories_rule_is_unknown_until_the_data_are_known() -> None:
    assert verdict("avg-08", bijzondere_persoonsgegevens=...) is Verdict.UNKNOWN


# --- avg-10: solely automated decisions (art. 22)

AUTOMATISCH = {"besluiten_over_personen": "met-rechtsgevolg", "uitsluitend_geautomatiseerd_besluit": True}


def test_solely_automated_decision_with_legal_effect_is_caught_also_without_ai() -> None:
    assert verdict("avg-10", **AUTOMATISCH) is Verdict.APPLIES


def test_meaningful_human_review_takes_a_decision_outside_article_22() -> None:
    assert verdict("avg-10", besluiten_over_personen="met-rechtsgevolg") is Verdict.DOES_NOT_APPLY


def test_automated_step_without_legal_or_similar_effect_is_outside_article_22() -> None:
    changes = {**AUTOMATISCH, "besluiten_over_personen": "ondersteunt-of-neemt"}
    assert verdict("avg-10", **changes) is Verdict.DOES_NOT_APPLY


def test_whether_review_is_meaningful_decides_article_22() -> None:
    changes = {**AUTOMATISCH, "uitsluitend_geautomatiseerd_besluit": ...}
    assert verdict("avg-10", **changes) is Verdict.UNKNOWN


def test_article_22_decision_is_forbidden_unless_an_exception_of_paragraph_2_applies() -> None:
    result = rules().evaluate(system(GEMEENTE, **AUTOMATISCH), only=["avg-10"])["avg-10"]
    assert result.outcomes["verbod-artikel-22"].name.lower() == "verboden"
    allowed = system(GEMEENTE, **AUTOMATISCH, uitzondering_artikel_22="wettelijke-grondslag")
    result = rules().evaluate(allowed, only=["avg-10"])["avg-10"]
    assert result.outcomes["verbod-artikel-22"].name.lower().replace("_", "-") == "toegestaan-met-waarborgen"


# --- avg-12: security (art. 32) binds controller and processor


def test_security_of_processing_binds_the_processor_too() -> None:
    assert verdict("avg-12", LEVERANCIER) is Verdict.APPLIES
    assert verdict("avg-12") is Verdict.APPLIES


def test_security_of_processing_does_not_apply_without_a_role_in_the_processing() -> None:
    assert verdict("avg-12", avg_rol=set()) is Verdict.DOES_NOT_APPLY


# --- avg-13: DPIA (art. 35)


def test_dpia_required_for_systematic_profiling_with_legal_effects() -> None:
    assert verdict("avg-13", dpia_criteria={"systematische-beoordeling-met-rechtsgevolg"}) is Verdict.APPLIES


def test_no_dpia_without_a_likely_high_risk() -> None:
    assert verdict("avg-13") is Verdict.DOES_NOT_APPLY


def test_dpia_made_with_the_legislation_suffices() -> None:
    """Art. 35(10) AVG."""
    changes = {"dpia_criteria": {"ap-dpia-lijst"}, "dpia_bij_wetgeving": True}
    assert verdict("avg-13", **changes) is Verdict.DOES_NOT_APPLY


def test_high_risk_ai_system_without_personal_data_needs_no_dpia() -> None:
    changes = {"soort_toepassing": "ai-systeem", "bijlage_iii": {"5a"}, "verwerkt_persoonsgegevens": False}
    assert verdict("avg-13", **changes) is Verdict.DOES_NOT_APPLY


def test_dpia_depends_on_the_risk_criteria_when_unknown() -> None:
    assert verdict("avg-13", dpia_criteria=...) is Verdict.UNKNOWN


# --- Awb: care (3:2) and reasons (3:46-3:47)


def test_care_principle_binds_a_bestuursorgaan_using_any_algorithm() -> None:
    assert verdict("awb-01") is Verdict.APPLIES


def test_care_principle_also_covers_other_acts_than_decisions() -> None:
    """Art. 3:1(2) Awb extends afdeling 3.2 to other acts of bestuursorganen."""
    assert verdict("awb-01", awb_besluit="geen") is Verdict.APPLIES


def test_awb_does_not_bind_a_private_supplier() -> None:
    assert verdict("awb-01", LEVERANCIER) is Verdict.DOES_NOT_APPLY
    assert verdict("awb-02", LEVERANCIER) is Verdict.DOES_NOT_APPLY


def test_duty_to_state_reasons_applies_to_decisions() -> None:
    assert verdict("awb-02") is Verdict.APPLIES
    assert verdict("awb-02", awb_besluit="besluit-van-algemene-strekking") is Verdict.APPLIES


def test_duty_to_state_reasons_does_not_apply_to_other_acts_or_general_rules() -> None:
    """Afdeling 3.7 only covers besluiten, and not algemeen verbindende voorschriften (art. 3:1(1)(b))."""
    assert verdict("awb-02", awb_besluit="geen") is Verdict.DOES_NOT_APPLY
    assert verdict("awb-02", awb_besluit="algemeen-verbindend-voorschrift") is Verdict.DOES_NOT_APPLY


def test_duty_to_state_reasons_unknown_until_use_in_decisions_is_known() -> None:
    assert verdict("awb-02", awb_besluit=...) is Verdict.UNKNOWN


# --- Archiefwet, Woo


def test_archive_duty_binds_a_public_body_for_its_algorithm() -> None:
    assert verdict("arc-01") is Verdict.APPLIES


def test_archive_duty_does_not_bind_the_private_supplier() -> None:
    assert verdict("arc-01", LEVERANCIER) is Verdict.DOES_NOT_APPLY


def test_archive_duty_unknown_when_public_status_unknown() -> None:
    assert verdict("arc-01", overheidsorgaan_archiefwet=...) is Verdict.UNKNOWN


def test_woo_binds_a_bestuursorgaan() -> None:
    assert verdict("woo-01") is Verdict.APPLIES


def test_woo_binds_organs_of_article_2_2_that_are_not_bestuursorgaan() -> None:
    assert verdict("woo-01", LEVERANCIER, ander_woo_orgaan=True) is Verdict.APPLIES


def test_woo_does_not_bind_a_private_supplier() -> None:
    assert verdict("woo-01", LEVERANCIER) is Verdict.DOES_NOT_APPLY


# --- copyright and database right bind anyone, whatever the AI Act role


def test_copyright_applies_when_protected_works_are_used_for_training() -> None:
    assert verdict("aut-01", LEVERANCIER, gebruikt_beschermde_werken=True) is Verdict.APPLIES
    assert verdict("aut-01", gebruikt_beschermde_werken=True, rol_ai_act=set()) is Verdict.APPLIES


def test_copyright_does_not_apply_without_protected_works() -> None:
    assert verdict("aut-01", LEVERANCIER) is Verdict.DOES_NOT_APPLY


def test_database_right_applies_to_extracting_a_substantial_part() -> None:
    assert verdict("dat-01", opvraging_databank="substantieel-deel") is Verdict.APPLIES


def test_database_right_applies_to_repeated_systematic_extraction_of_small_parts() -> None:
    assert verdict("dat-01", opvraging_databank="herhaald-systematisch-niet-substantieel") is Verdict.APPLIES


def test_database_right_does_not_cover_a_single_insubstantial_extraction() -> None:
    assert verdict("dat-01", opvraging_databank="niet-substantieel-deel") is Verdict.DOES_NOT_APPLY


def test_statutory_exception_takes_extraction_outside_the_database_right() -> None:
    changes = {"opvraging_databank": "substantieel-deel", "uitzondering_databankenwet": True}
    assert verdict("dat-01", **changes) is Verdict.DOES_NOT_APPLY


def test_database_right_unknown_when_the_exception_is_unknown() -> None:
    assert verdict("dat-01", opvraging_databank="substantieel-deel", uitzondering_databankenwet=...) is Verdict.UNKNOWN


# --- BIO, Algoritmeregister


def test_bio_binds_municipalities_and_central_government() -> None:
    assert verdict("bio-01") is Verdict.APPLIES
    assert verdict("bio-01", soort_organisatie="rijksoverheid") is Verdict.APPLIES


def test_bio_does_not_bind_private_companies_or_independent_bodies() -> None:
    assert verdict("bio-01", LEVERANCIER) is Verdict.DOES_NOT_APPLY
    assert verdict("bio-01", soort_organisatie="andere-overheidsorganisatie") is Verdict.DOES_NOT_APPLY


def test_register_covers_impactful_algorithms_without_ai() -> None:
    assert verdict("bzk-01", impactvol_algoritme=True) is Verdict.APPLIES


def test_register_covers_high_risk_ai_systems_of_government() -> None:
    changes = {"soort_toepassing": "ai-systeem", "rol_ai_act": {"gebruiksverantwoordelijke"}, "bijlage_iii": {"5a"}}
    assert verdict("bzk-01", **changes) is Verdict.APPLIES


def test_register_does_not_cover_low_impact_algorithms_or_private_companies() -> None:
    assert verdict("bzk-01") is Verdict.DOES_NOT_APPLY
    assert verdict("bzk-01", LEVERANCIER, impactvol_algoritme=True) is Verdict.DOES_NOT_APPLY


def test_register_unknown_while_impact_is_unknown() -> None:
    assert verdict("bzk-01", impactvol_algoritme=...) is Verdict.UNKNOWN


# --- fundamental rights and non-discrimination


def test_fundamental_rights_bind_government_directly() -> None:
    assert verdict("grw-01") is Verdict.APPLIES
    assert verdict("grw-01", LEVERANCIER, is_bestuursorgaan=True) is Verdict.APPLIES


def test_fundamental_rights_do_not_bind_a_private_company_directly() -> None:
    assert verdict("grw-01", LEVERANCIER) is Verdict.DOES_NOT_APPLY


def test_non_discrimination_binds_government() -> None:
    assert verdict("grw-02") is Verdict.APPLIES


def test_non_discrimination_binds_a_private_company_in_the_fields_of_the_awgb() -> None:
    """E.g. a private employer selecting job applicants (art. 5 AWGB)."""
    assert verdict("grw-02", LEVERANCIER, awgb_terrein=True) is Verdict.APPLIES


def test_non_discrimination_law_does_not_bind_a_private_company_outside_those_fields() -> None:
    assert verdict("grw-02", LEVERANCIER) is Verdict.DOES_NOT_APPLY


def test_non_discrimination_for_a_private_company_depends_on_the_field() -> None:
    assert verdict("grw-02", LEVERANCIER, awgb_terrein=...) is Verdict.UNKNOWN


# --- the published label profiles (AI-Act labels only) against the law

OVERIG = [
    "arc-01", "aut-01", "avg-01", "avg-02", "avg-03", "avg-04", "avg-05", "avg-06", "avg-07", "avg-08", "avg-09",
    "avg-10", "avg-11", "avg-12", "avg-13", "awb-01", "awb-02", "bio-01", "bzk-01", "dat-01", "grw-01", "grw-02",
    "woo-01",
]  # fmt: skip


def label_verdict(rid: str, base: dict[str, Any], **changes: Any) -> Verdict:
    return rules().evaluate(system(base, **changes), mode="labels", only=[rid])[rid].verdict


@pytest.mark.parametrize("rid", ["avg-01", "avg-13", "awb-01", "awb-02", "arc-01", "woo-01", "grw-01"])
def test_labels_miss_the_municipality_whose_algorithm_is_not_ai(rid: str) -> None:
    base = system(GEMEENTE, dpia_criteria={"ap-dpia-lijst"})
    assert verdict(rid, base) is Verdict.APPLIES
    assert label_verdict(rid, base) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", ["avg-01", "avg-08", "awb-01", "awb-02", "arc-01", "woo-01", "grw-01", "bio-01"])
def test_labels_select_the_private_supplier_that_the_law_does_not_bind(rid: str) -> None:
    assert verdict(rid, LEVERANCIER) is Verdict.DOES_NOT_APPLY
    assert label_verdict(rid, LEVERANCIER) is Verdict.APPLIES


def test_labels_miss_a_controller_that_trains_a_general_purpose_model_on_personal_data() -> None:
    model = system(LEVERANCIER, soort_toepassing="ai-model-voor-algemene-doeleinden", hoge_impactcapaciteiten=False)
    model["avg-rol"] = {"verwerkingsverantwoordelijke"}
    assert verdict("avg-01", model) is Verdict.APPLIES
    assert label_verdict("avg-01", model) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", OVERIG)
def test_every_difference_between_labels_and_law_is_documented(rid: str) -> None:
    comparison = {c.id: c for c in rules().compare_labels()}[rid]
    assert not comparison.agrees
    assert comparison.covered_by_deviation
