"""aia-28 to aia-39: transparency (Art. 50), general-purpose AI models (Art. 53, 55), sandboxes (Art. 59),
post-market monitoring and incidents (Art. 72, 73), whistleblowing (Art. 87), complaints by downstream providers
(Art. 89(2)) and testing (Art. 9, 17, 60) of the AI Act, as executable examples of the law."""

from __future__ import annotations

import functools
from typing import Any

import pytest

import algokader
from algokader import Verdict

from .systems import NEUTRAL_AI_SYSTEM, changed

# Every fact these requirements read. A provider of a plain AI system that nothing makes high-risk,
# transparent, sandboxed or tested in real-world conditions; each test changes what matters.
SYSTEM: dict[str, Any] = {
    **NEUTRAL_AI_SYSTEM,
    "soort-toepassing": "ai-systeem",
    "rol-ai-act": {"aanbieder"},
    "uitzondering-rechtshandhaving-art-50": "geen",
    "hoge-impactcapaciteiten": False,
    "integreert-ai-model-derde": False,
    "in-testomgeving": False,
    "hergebruik-persoonsgegevens-testomgeving": False,
    "test-onder-reele-omstandigheden": False,
}

# The provider of a closed general-purpose AI model without systemic risk.
MODEL: dict[str, Any] = {**SYSTEM, "soort-toepassing": "ai-model-voor-algemene-doeleinden"}

DEPLOYER = {"gebruiksverantwoordelijke"}


@functools.cache
def rules() -> algokader.RuleSet:
    return algokader.load()


def check(rid: str, base: dict[str, Any] = SYSTEM, **changes: Any) -> algokader.Result:
    """The result for ``rid`` of ``base`` with ``changes`` (underscores for hyphens; ``...`` = unknown)."""
    system = changed(base, **changes)
    return rules().evaluate(system, only=[rid])[rid]


def verdict(rid: str, base: dict[str, Any] = SYSTEM, **changes: Any) -> Verdict:
    return check(rid, base, **changes).verdict


def law_binds_but_labels_miss(result: algokader.Result) -> bool:
    return (
        result.verdict is Verdict.APPLIES
        and result.labels_verdict is Verdict.DOES_NOT_APPLY
        and result.deviation is not None
    )


def labels_select_but_law_does_not_bind(result: algokader.Result) -> bool:
    return (
        result.verdict is Verdict.DOES_NOT_APPLY
        and result.labels_verdict is Verdict.APPLIES
        and result.deviation is not None
    )


# --- aia-28: transparency obligations (Art. 50)


def test_provider_of_a_chatbot_must_disclose_that_it_is_ai() -> None:
    """Art. 50(1)."""
    r = check("aia-28", transparantie_situaties={"directe-interactie"})
    assert r.verdict is Verdict.APPLIES
    assert r.outcomes["plichthouder"] == "aanbieder"


def test_provider_of_a_generator_of_synthetic_content_must_mark_it() -> None:
    """Art. 50(2), also for general-purpose AI systems."""
    assert (
        verdict(
            "aia-28",
            soort_toepassing="ai-systeem-voor-algemene-doeleinden",
            transparantie_situaties={"synthetische-inhoud"},
        )
        is Verdict.APPLIES
    )


def test_deployer_publishing_deepfakes_must_disclose_them_although_the_labels_name_only_providers() -> None:
    """Art. 50(4): the duty is the deployer's; the AK profile lists only rol-ai-act: aanbieder."""
    r = check("aia-28", rol_ai_act=DEPLOYER, transparantie_situaties={"deepfake"})
    assert r.outcomes["plichthouder"] == "gebruiksverantwoordelijke"
    assert law_binds_but_labels_miss(r)


def test_deployer_of_emotion_recognition_must_inform_the_people_exposed() -> None:
    """Art. 50(3), also for a high-risk system (Art. 50(6))."""
    r = check(
        "aia-28",
        rol_ai_act=DEPLOYER,
        bijlage_iii={"1c"},
        transparantie_situaties={"emotieherkenning-of-categorisering"},
    )
    assert r.verdict is Verdict.APPLIES


def test_deployer_of_a_chatbot_bought_elsewhere_has_no_article_50_duty() -> None:
    """Art. 50(1) binds the provider, not the deployer."""
    assert verdict("aia-28", rol_ai_act=DEPLOYER, transparantie_situaties={"directe-interactie"}) is (
        Verdict.DOES_NOT_APPLY
    )


def test_provider_of_an_emotion_recognition_system_has_no_article_50_duty() -> None:
    """Art. 50(3) binds the deployer; the AK label selects the provider anyway."""
    r = check("aia-28", transparantie_situaties={"emotieherkenning-of-categorisering"})
    assert labels_select_but_law_does_not_bind(r)


def test_organisation_that_builds_and_uses_a_deepfake_chatbot_carries_both_duties() -> None:
    r = check(
        "aia-28",
        rol_ai_act={"aanbieder", "gebruiksverantwoordelijke"},
        transparantie_situaties={"directe-interactie", "deepfake"},
    )
    assert r.verdict is Verdict.APPLIES
    assert r.outcomes["plichthouder"] == "aanbieder-en-gebruiksverantwoordelijke"


def test_use_authorised_by_law_for_criminal_investigation_is_exempt() -> None:
    """Art. 50(1)-(4): the carve-out for use permitted by law to detect or prosecute criminal offences."""
    r = check(
        "aia-28",
        transparantie_situaties={"directe-interactie"},
        uitzondering_rechtshandhaving_art_50="opsporen-voorkomen-onderzoeken",
        meldpunt_voor_publiek=False,
    )
    assert labels_select_but_law_does_not_bind(r)


def test_unknown_law_enforcement_authorisation_leaves_it_open() -> None:
    r = check(
        "aia-28",
        transparantie_situaties={"directe-interactie"},
        uitzondering_rechtshandhaving_art_50=...,
        meldpunt_voor_publiek=False,
    )
    assert r.verdict is Verdict.UNKNOWN
    assert r.depends_on == ("uitzondering-rechtshandhaving-art-50",)


def test_open_source_chatbot_stays_within_the_act() -> None:
    """Art. 2(12): the open-source exclusion does not cover systems under Art. 50."""
    assert (
        verdict("aia-28", open_source_licentie=True, transparantie_situaties={"directe-interactie"}) is Verdict.APPLIES
    )


def test_system_without_an_article_50_situation_has_no_transparency_duty() -> None:
    assert verdict("aia-28") is Verdict.DOES_NOT_APPLY


def test_personal_use_removes_the_deployer_duty() -> None:
    """Art. 2(10): a natural person in purely personal use is not a deployer (Art. 3(4))."""
    r = check(
        "aia-28",
        rol_ai_act=DEPLOYER,
        transparantie_situaties={"deepfake"},
        uitsluiting_reikwijdte={"persoonlijk-gebruik"},
    )
    assert r.verdict is Verdict.DOES_NOT_APPLY


def test_a_general_purpose_model_itself_has_no_article_50_duty() -> None:
    assert verdict("aia-28", MODEL, transparantie_situaties={"synthetische-inhoud"}) is Verdict.DOES_NOT_APPLY


# --- aia-29: documentation duties of GPAI model providers (Art. 53(1)(a)-(b), 53(2))


def test_provider_of_a_closed_general_purpose_model_documents_it() -> None:
    assert verdict("aia-29", MODEL) is Verdict.APPLIES


def test_open_source_model_without_systemic_risk_is_exempt() -> None:
    """Art. 53(2); the AK label lists open source unconditionally."""
    assert labels_select_but_law_does_not_bind(check("aia-29", MODEL, open_source_licentie=True))


def test_open_source_model_with_systemic_risk_is_not_exempt() -> None:
    """Art. 53(2), last part."""
    assert verdict("aia-29", MODEL, open_source_licentie=True, hoge_impactcapaciteiten=True) is Verdict.APPLIES


def test_open_source_model_of_unknown_impact_is_undecided() -> None:
    r = check("aia-29", MODEL, open_source_licentie=True, hoge_impactcapaciteiten=...)
    assert r.verdict is Verdict.UNKNOWN
    assert r.depends_on == ("hoge-impactcapaciteiten",)


def test_model_duties_do_not_bind_a_user_of_the_model_or_an_ai_system() -> None:
    assert verdict("aia-29", MODEL, rol_ai_act=DEPLOYER) is Verdict.DOES_NOT_APPLY
    assert verdict("aia-29") is Verdict.DOES_NOT_APPLY


# --- aia-30, aia-31, aia-32: GPAI models with systemic risk (Art. 55(1)(a)-(d))

SYSTEMIC = ["aia-30", "aia-31", "aia-32"]


@pytest.mark.parametrize("rid", SYSTEMIC)
def test_provider_of_a_model_with_systemic_risk_is_bound_even_if_open_source(rid: str) -> None:
    """Art. 55 has no open-source exemption."""
    for open_source in (False, True):
        r = check(rid, MODEL, hoge_impactcapaciteiten=True, open_source_licentie=open_source)
        assert r.verdict is Verdict.APPLIES
        assert r.labels_verdict is Verdict.APPLIES


@pytest.mark.parametrize("rid", SYSTEMIC)
def test_model_without_systemic_risk_is_not_bound(rid: str) -> None:
    assert verdict(rid, MODEL) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", SYSTEMIC)
def test_unknown_high_impact_capabilities_leave_it_open(rid: str) -> None:
    r = check(rid, MODEL, hoge_impactcapaciteiten=...)
    assert r.verdict is Verdict.UNKNOWN
    assert r.depends_on == ("hoge-impactcapaciteiten",)


@pytest.mark.parametrize("rid", SYSTEMIC)
def test_systemic_risk_duties_are_for_model_providers_only(rid: str) -> None:
    assert verdict(rid, MODEL, hoge_impactcapaciteiten=True, rol_ai_act=DEPLOYER) is Verdict.DOES_NOT_APPLY
    assert verdict(rid, hoge_impactcapaciteiten=True) is Verdict.DOES_NOT_APPLY


# --- aia-39: copyright policy of GPAI model providers (Art. 53(1)(c))


def test_copyright_policy_binds_open_source_model_providers_too() -> None:
    """Art. 53(2) exempts only points (a) and (b)."""
    assert verdict("aia-39", MODEL, open_source_licentie=True) is Verdict.APPLIES


def test_copyright_policy_is_not_required_for_an_ai_system_or_a_research_only_model() -> None:
    assert verdict("aia-39") is Verdict.DOES_NOT_APPLY
    assert verdict("aia-39", MODEL, uitsluiting_reikwijdte={"wetenschappelijk-onderzoek"}) is Verdict.DOES_NOT_APPLY


# --- aia-33: reuse of personal data in an AI regulatory sandbox (Art. 59)

SANDBOX = {**SYSTEM, "in-testomgeving": True, "hergebruik-persoonsgegevens-testomgeving": True}


def test_provider_reusing_personal_data_in_a_sandbox_must_meet_article_59() -> None:
    assert verdict("aia-33", SANDBOX) is Verdict.APPLIES


def test_sandbox_rules_survive_the_pre_market_research_exclusion() -> None:
    """Art. 2(8) and recital 25: the exclusion leaves the sandbox provisions unaffected; the labels drop it."""
    r = check("aia-33", SANDBOX, uitsluiting_reikwijdte={"onderzoek-voor-markt"})
    assert law_binds_but_labels_miss(r)


def test_defence_systems_are_outside_the_sandbox_rules() -> None:
    """Art. 2(3)."""
    assert (
        verdict("aia-33", SANDBOX, uitsluiting_reikwijdte={"militair-defensie-nationale-veiligheid"})
        is Verdict.DOES_NOT_APPLY
    )


def test_sandbox_without_reuse_of_personal_data_needs_no_article_59_conditions() -> None:
    assert verdict("aia-33", SANDBOX, hergebruik_persoonsgegevens_testomgeving=False) is Verdict.DOES_NOT_APPLY


def test_system_outside_any_sandbox_is_not_concerned_although_the_labels_select_it() -> None:
    assert labels_select_but_law_does_not_bind(check("aia-33"))


def test_a_mere_deployer_or_a_general_purpose_model_is_not_concerned() -> None:
    """Art. 59(1)(d): the data are under the prospective provider's control; sandboxes are for AI systems."""
    assert verdict("aia-33", SANDBOX, rol_ai_act=DEPLOYER) is Verdict.DOES_NOT_APPLY
    assert verdict("aia-33", {**SANDBOX, "soort-toepassing": "ai-model-voor-algemene-doeleinden"}) is (
        Verdict.DOES_NOT_APPLY
    )


def test_unknown_reuse_in_a_sandbox_leaves_it_open() -> None:
    r = check("aia-33", SANDBOX, hergebruik_persoonsgegevens_testomgeving=...)
    assert r.verdict is Verdict.UNKNOWN
    assert r.depends_on == ("hergebruik-persoonsgegevens-testomgeving",)


# --- aia-34, aia-35: post-market monitoring and serious incidents of high-risk systems (Art. 72, 73)

PROVIDER_DUTIES = ["aia-34", "aia-35"]


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_provider_of_an_annex_iii_or_annex_i_a_system_is_bound(rid: str) -> None:
    assert verdict(rid, bijlage_iii={"5b"}) is Verdict.APPLIES
    assert verdict(rid, bijlage_i="afdeling-a", bijlage_i_derde_partij=True) is Verdict.APPLIES


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_annex_i_section_b_system_is_outside_chapter_ix_duties(rid: str) -> None:
    """Art. 2(2); the AK label hoog-risico-ai-systeem covers it."""
    assert labels_select_but_law_does_not_bind(check(rid, bijlage_i="afdeling-b", bijlage_i_derde_partij=True))


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_annex_iii_system_exempted_under_article_6_3_is_not_bound(rid: str) -> None:
    assert verdict(rid, bijlage_iii={"4a"}, uitzondering_artikel_6_3="a") is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_deployer_who_substantially_modifies_a_high_risk_system_becomes_its_provider(rid: str) -> None:
    """Art. 25(1)(b); the labels keep looking at rol-ai-act only."""
    r = check(rid, rol_ai_act=DEPLOYER, aanbieder_door_wijziging={"substantiele-wijziging"}, bijlage_iii={"5a"})
    assert law_binds_but_labels_miss(r)


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_manufacturer_of_an_annex_i_a_product_counts_as_provider_of_its_ai_component(rid: str) -> None:
    """Art. 25(3)."""
    r = check(
        rid,
        rol_ai_act={"productfabrikant"},
        bijlage_i="afdeling-a",
        bijlage_i_derde_partij=True,
        onder_naam_productfabrikant=True,
    )
    assert law_binds_but_labels_miss(r)


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_plain_deployer_is_not_bound(rid: str) -> None:
    assert verdict(rid, rol_ai_act=DEPLOYER, bijlage_iii={"5a"}) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_unknown_annex_iii_points_leave_it_open(rid: str) -> None:
    assert verdict(rid, bijlage_iii=...) is Verdict.UNKNOWN


# --- aia-36: reporting infringements (Art. 87 with Directive (EU) 2019/1937)


def test_every_actor_around_an_ai_system_or_model_in_scope_is_concerned() -> None:
    assert verdict("aia-36", rol_ai_act=DEPLOYER) is Verdict.APPLIES
    assert verdict("aia-36", rol_ai_act={"importeur"}, bijlage_iii={"4a"}) is Verdict.APPLIES
    assert verdict("aia-36", MODEL) is Verdict.APPLIES


def test_prohibited_practice_is_the_typical_infringement_to_report() -> None:
    """Art. 5 and 87; the AK profile omits risicogroep verboden-ai."""
    assert law_binds_but_labels_miss(check("aia-36", verboden_praktijk={"sociale-scoring"}))


def test_authorised_representative_is_concerned_too() -> None:
    assert law_binds_but_labels_miss(check("aia-36", rol_ai_act={"gemachtigde"}))


def test_no_role_or_no_ai_in_scope_means_nothing_to_report_under_the_act() -> None:
    assert verdict("aia-36", rol_ai_act=set()) is Verdict.DOES_NOT_APPLY
    assert verdict("aia-36", soort_toepassing="algoritme-zonder-ai") is Verdict.DOES_NOT_APPLY
    assert (
        verdict("aia-36", uitsluiting_reikwijdte={"militair-defensie-nationale-veiligheid"}) is Verdict.DOES_NOT_APPLY
    )


def test_open_source_system_outside_the_act_is_not_concerned() -> None:
    """Art. 2(12): open source, not high-risk, no Art. 5 practice, no Art. 50 situation."""
    assert verdict("aia-36", open_source_licentie=True) is Verdict.DOES_NOT_APPLY


# --- aia-37: complaints by downstream providers to the AI Office (Art. 89(2))


def test_provider_integrating_another_providers_model_may_complain() -> None:
    assert verdict("aia-37", integreert_ai_model_derde=True) is Verdict.APPLIES


def test_provider_without_a_third_party_model_has_no_such_right_although_the_labels_select_it() -> None:
    assert labels_select_but_law_does_not_bind(check("aia-37"))


def test_model_provider_itself_is_not_a_downstream_provider() -> None:
    """Art. 3(68): a downstream provider provides an AI system."""
    assert labels_select_but_law_does_not_bind(check("aia-37", MODEL, integreert_ai_model_derde=True))


def test_deployer_of_a_system_built_on_a_model_is_not_a_downstream_provider() -> None:
    assert verdict("aia-37", rol_ai_act=DEPLOYER, integreert_ai_model_derde=True) is Verdict.DOES_NOT_APPLY


def test_unknown_integration_leaves_it_open() -> None:
    r = check("aia-37", integreert_ai_model_derde=...)
    assert r.verdict is Verdict.UNKNOWN
    assert r.depends_on == ("integreert-ai-model-derde",)


# --- aia-38: testing of high-risk systems (Art. 9(6)-(8), 17(1)(d), 60)


def test_provider_of_a_high_risk_system_tests_it_before_the_market() -> None:
    r = check("aia-38", bijlage_iii={"4a"})
    assert r.verdict is Verdict.APPLIES
    assert r.outcomes["praktijktest-artikel-60"] is False


def test_real_world_testing_of_an_annex_iii_system_adds_article_60() -> None:
    r = check("aia-38", bijlage_iii={"4a"}, test_onder_reele_omstandigheden=True)
    assert r.verdict is Verdict.APPLIES
    assert r.outcomes["praktijktest-artikel-60"] is True


def test_article_60_is_only_for_annex_iii_systems() -> None:
    """Art. 60(1): Annex I-A systems are tested under Art. 9 but not under the Art. 60 regime."""
    r = check("aia-38", bijlage_i="afdeling-a", bijlage_i_derde_partij=True, test_onder_reele_omstandigheden=True)
    assert r.verdict is Verdict.APPLIES
    assert r.outcomes["praktijktest-artikel-60"] is False


def test_real_world_testing_is_not_covered_by_the_pre_market_research_exclusion() -> None:
    """Art. 2(8), last sentence; the labels exclude every uitzondering-van-toepassing."""
    r = check(
        "aia-38",
        bijlage_iii={"4a"},
        uitsluiting_reikwijdte={"onderzoek-voor-markt"},
        test_onder_reele_omstandigheden=True,
    )
    assert law_binds_but_labels_miss(r)
    assert r.outcomes["praktijktest-artikel-60"] is True


def test_pre_market_research_in_the_lab_is_outside_the_act() -> None:
    assert (
        verdict("aia-38", bijlage_iii={"4a"}, uitsluiting_reikwijdte={"onderzoek-voor-markt"}) is Verdict.DOES_NOT_APPLY
    )


def test_systems_that_are_not_high_risk_or_only_annex_i_b_need_no_article_9_testing() -> None:
    assert verdict("aia-38") is Verdict.DOES_NOT_APPLY
    assert labels_select_but_law_does_not_bind(check("aia-38", bijlage_i="afdeling-b", bijlage_i_derde_partij=True))


def test_every_file_of_this_batch_documents_its_label_deviations() -> None:
    """Where the law and the published labels can disagree, the file says why (afwijking)."""
    ids = {f"aia-{n}" for n in range(28, 40)}
    for comparison in rules().compare_labels():
        if comparison.id in ids:
            assert comparison.agrees or comparison.covered_by_deviation, comparison.id
