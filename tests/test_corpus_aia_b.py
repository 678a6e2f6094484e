"""aia-15 to aia-27: the duties of providers (Art. 16(g)-(l), 20, 47-49) and deployers (Art. 26, 27, 86)
of high-risk AI systems, as executable examples of the law."""

from __future__ import annotations

import functools
from typing import Any

import pytest

import algokader
from algokader import Verdict

from .systems import ANNEX_I_A, ANNEX_I_B, NEUTRAL_AI_SYSTEM

# A municipality that develops and uses a plain AI system that nothing makes high-risk yet; each
# test names what makes the system and the organisation different.
BASE: dict[str, Any] = {
    **NEUTRAL_AI_SYSTEM,
    "soort-toepassing": "ai-systeem",
    "rol-ai-act": {"aanbieder", "gebruiksverantwoordelijke"},
    "hoge-impactcapaciteiten": False,
    "beoogde-gebruiker": {"overheidsorgaan"},
    "eigen-organisatie": {"overheidsorgaan"},
    "gebruikt-op-werkplek": False,
    "besluiten-over-personen": "geen",
    "logs-onder-beheer-van": {"gebruiksverantwoordelijke"},
}

PROVIDER = {"aanbieder"}
DEPLOYER = {"gebruiksverantwoordelijke"}


@functools.cache
def rules() -> algokader.RuleSet:
    return algokader.load()


def system(**changes: Any) -> dict[str, Any]:
    """BASE with changes; keyword names use '_' for '-', and the value ... removes a fact."""
    facts = dict(BASE)
    for key, value in changes.items():
        name = key.replace("_", "-")
        if value is ...:
            del facts[name]
        else:
            facts[name] = value
    return facts


def result(rid: str, **changes: Any) -> algokader.Result:
    return rules().evaluate(system(**changes), only=[rid])[rid]


def verdict(rid: str, **changes: Any) -> Verdict:
    return result(rid, **changes).verdict


# --- provider duties of Art. 16 for every high-risk system of Chapter III: aia-15, 16, 18, 19

PROVIDER_DUTIES = ["aia-15", "aia-16", "aia-18", "aia-19"]


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_provider_of_an_annex_iii_system_has_the_duty(rid: str) -> None:
    """Art. 16: a recruitment screening system (Annex III, 4(a))."""
    assert verdict(rid, rol_ai_act=PROVIDER, bijlage_iii={"4a"}) is Verdict.APPLIES


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_provider_of_an_annex_i_section_a_system_has_the_duty(rid: str) -> None:
    assert verdict(rid, rol_ai_act=PROVIDER, **ANNEX_I_A) is Verdict.APPLIES


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_annex_i_section_b_is_outside_chapter_iii(rid: str) -> None:
    """Art. 2(2): high-risk, yet Art. 16 does not apply; the label profile does match."""
    assert verdict(rid, rol_ai_act=PROVIDER, **ANNEX_I_B) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_a_system_that_is_not_high_risk_carries_no_provider_duty(rid: str) -> None:
    assert verdict(rid, rol_ai_act=PROVIDER) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_article_6_3_exemption_without_profiling_takes_the_system_out(rid: str) -> None:
    assert verdict(rid, rol_ai_act=PROVIDER, bijlage_iii={"4a"}, uitzondering_artikel_6_3="a") is Verdict.DOES_NOT_APPLY
    assert (
        verdict(rid, rol_ai_act=PROVIDER, bijlage_iii={"4a"}, uitzondering_artikel_6_3="a", profilering=True)
        is Verdict.APPLIES
    )


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_a_mere_deployer_has_no_provider_duty(rid: str) -> None:
    assert verdict(rid, rol_ai_act=DEPLOYER, bijlage_iii={"4a"}) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_deployer_who_puts_its_own_name_on_the_system_becomes_provider(rid: str) -> None:
    """Art. 25(1)(a): outside the label rol-ai-act: aanbieder, inside the law."""
    r = verdict(rid, rol_ai_act=DEPLOYER, aanbieder_door_wijziging={"eigen-naam-of-merk"}, bijlage_iii={"5a"})
    assert r is Verdict.APPLIES


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_defence_systems_are_outside_the_act(rid: str) -> None:
    """Art. 2(3)."""
    r = verdict(
        rid, rol_ai_act=PROVIDER, bijlage_iii={"1a"}, uitsluiting_reikwijdte={"militair-defensie-nationale-veiligheid"}
    )
    assert r is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_unknown_annex_iii_leaves_the_provider_duty_open(rid: str) -> None:
    r = result(rid, rol_ai_act=PROVIDER, bijlage_iii=...)
    assert r.verdict is Verdict.UNKNOWN
    assert "bijlage-iii" in r.depends_on


@pytest.mark.parametrize("rid", PROVIDER_DUTIES)
def test_high_risk_label_alone_does_not_settle_it(rid: str) -> None:
    """The AK label hoog-risico-ai-systeem also covers Annex I section B (Art. 2(2))."""
    given = {"risicogroep": "hoog-risico-ai-systeem", "rol-ai-act": PROVIDER, "aanbieder-door-wijziging": set()}
    assert rules().evaluate(given, only=[rid])[rid].verdict is Verdict.UNKNOWN


# --- aia-17: registration of Annex III systems in the EU database (Art. 16(i), 49(1), 49(4))


def test_aia17_provider_of_an_annex_iii_system_registers_it() -> None:
    assert verdict("aia-17", rol_ai_act=PROVIDER, bijlage_iii={"3b"}) is Verdict.APPLIES


def test_aia17_annex_i_systems_are_not_registered_under_article_49_1() -> None:
    assert verdict("aia-17", rol_ai_act=PROVIDER, **ANNEX_I_A) is Verdict.DOES_NOT_APPLY


def test_aia17_critical_infrastructure_is_registered_nationally_instead() -> None:
    """Art. 49(1) excludes point 2; Art. 49(5) sends it to national registration."""
    assert verdict("aia-17", rol_ai_act=PROVIDER, bijlage_iii={"2"}) is Verdict.DOES_NOT_APPLY
    assert verdict("aia-17", rol_ai_act=PROVIDER, bijlage_iii={"2", "5a"}) is Verdict.APPLIES


def test_aia17_authorised_representative_also_carries_the_registration() -> None:
    """Art. 49(1) 'or, where applicable, the authorised representative'; Art. 22(3)."""
    assert verdict("aia-17", rol_ai_act={"gemachtigde"}, bijlage_iii={"4a"}) is Verdict.APPLIES


def test_aia17_exempted_annex_iii_system_is_registered_under_aia02_not_here() -> None:
    assert verdict("aia-17", rol_ai_act=PROVIDER, bijlage_iii={"4a"}, uitzondering_artikel_6_3="d") is (
        Verdict.DOES_NOT_APPLY
    )


@pytest.mark.parametrize(
    ("points", "users", "section"),
    [
        ({"6a"}, {"rechtshandhaving"}, "beveiligd-niet-openbaar-deel"),
        ({"7b"}, {"migratie"}, "beveiligd-niet-openbaar-deel"),
        ({"1a"}, {"grenstoezicht"}, "beveiligd-niet-openbaar-deel"),
        ({"1a"}, {"overheidsorgaan"}, "openbaar-deel"),
        ({"4a"}, {"rechtshandhaving"}, "openbaar-deel"),
    ],
)
def test_aia17_law_enforcement_migration_and_border_systems_go_to_the_secure_section(
    points: set[str], users: set[str], section: str
) -> None:
    """Art. 49(4): points 1, 6 and 7 in law enforcement, migration, asylum and border control."""
    r = result("aia-17", rol_ai_act=PROVIDER, bijlage_iii=points, beoogde_gebruiker=users)
    assert (r.verdict, r.outcomes["databankdeel"]) == (Verdict.APPLIES, section)


def test_aia17_biometric_system_with_unknown_users_leaves_the_section_open() -> None:
    r = result("aia-17", rol_ai_act=PROVIDER, bijlage_iii={"1a"}, beoogde_gebruiker=...)
    assert r.verdict is Verdict.APPLIES
    assert r.outcomes["databankdeel"] is None
    assert set(r.possible_outcomes["databankdeel"]) == {"openbaar-deel", "beveiligd-niet-openbaar-deel"}


# --- deployer duties of Art. 26(1), (2), (5) for every high-risk system of Chapter III: aia-20, 21, 22

DEPLOYER_DUTIES = ["aia-20", "aia-21", "aia-22"]


@pytest.mark.parametrize("rid", DEPLOYER_DUTIES)
def test_deployer_of_a_benefits_eligibility_system_has_the_duty(rid: str) -> None:
    """Art. 26: a municipality assessing eligibility for public assistance (Annex III, 5(a))."""
    assert verdict(rid, rol_ai_act=DEPLOYER, bijlage_iii={"5a"}) is Verdict.APPLIES


@pytest.mark.parametrize("rid", DEPLOYER_DUTIES)
def test_deployer_of_an_annex_i_section_a_system_has_the_duty(rid: str) -> None:
    assert verdict(rid, rol_ai_act=DEPLOYER, **ANNEX_I_A) is Verdict.APPLIES


@pytest.mark.parametrize("rid", DEPLOYER_DUTIES)
def test_deployer_of_an_annex_i_section_b_system_has_no_duty(rid: str) -> None:
    """Art. 2(2)."""
    assert verdict(rid, rol_ai_act=DEPLOYER, **ANNEX_I_B) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", DEPLOYER_DUTIES)
def test_a_provider_that_does_not_use_the_system_has_no_deployer_duty(rid: str) -> None:
    assert verdict(rid, rol_ai_act=PROVIDER, bijlage_iii={"5a"}) is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", DEPLOYER_DUTIES)
def test_personal_non_professional_use_removes_the_deployer_role(rid: str) -> None:
    """Art. 2(10) and 3(4): a natural person in purely personal use is not a deployer."""
    r = verdict(rid, rol_ai_act=DEPLOYER, bijlage_iii={"5a"}, uitsluiting_reikwijdte={"persoonlijk-gebruik"})
    assert r is Verdict.DOES_NOT_APPLY


@pytest.mark.parametrize("rid", DEPLOYER_DUTIES)
def test_unknown_role_leaves_the_deployer_duty_open(rid: str) -> None:
    r = result(rid, rol_ai_act=..., bijlage_iii={"5a"})
    assert r.verdict is Verdict.UNKNOWN
    assert r.depends_on == ("rol-ai-act",)


def test_aia22_financial_institutions_monitor_through_their_governance_rules() -> None:
    """Art. 26(5) second subparagraph: the duty is deemed met, not lifted."""
    r = result("aia-22", rol_ai_act=DEPLOYER, bijlage_iii={"5b"}, eigen_organisatie={"financiele-instelling"})
    assert (r.verdict, r.outcomes["monitoring"]) == (Verdict.APPLIES, "via-financiele-governance")
    r = result("aia-22", rol_ai_act=DEPLOYER, bijlage_iii={"5a"})
    assert r.outcomes["monitoring"] == "eigen-monitoring"


# --- aia-23: keeping the logs (Art. 26(6))


def test_aia23_deployer_keeps_the_logs_it_controls() -> None:
    assert verdict("aia-23", rol_ai_act=DEPLOYER, bijlage_iii={"5a"}) is Verdict.APPLIES


def test_aia23_logs_held_only_by_the_provider_are_not_the_deployers_to_keep() -> None:
    """Art. 26(6) 'to the extent such logs are under their control'; e.g. a hosted service."""
    r = verdict("aia-23", rol_ai_act=DEPLOYER, bijlage_iii={"5a"}, logs_onder_beheer_van={"aanbieder"})
    assert r is Verdict.DOES_NOT_APPLY


def test_aia23_unknown_log_control_is_the_open_question() -> None:
    r = result("aia-23", rol_ai_act=DEPLOYER, bijlage_iii={"5a"}, logs_onder_beheer_van=...)
    assert (r.verdict, r.depends_on) == (Verdict.UNKNOWN, ("logs-onder-beheer-van",))


def test_aia23_financial_institutions_keep_logs_in_their_sectoral_documentation() -> None:
    r = result("aia-23", rol_ai_act=DEPLOYER, bijlage_iii={"5c"}, eigen_organisatie={"financiele-instelling"})
    assert (r.verdict, r.outcomes["bewaarwijze"]) == (Verdict.APPLIES, "in-financiele-documentatie")


def test_aia23_annex_i_section_b_needs_no_log_keeping() -> None:
    assert verdict("aia-23", rol_ai_act=DEPLOYER, **ANNEX_I_B) is Verdict.DOES_NOT_APPLY


# --- aia-24: informing workers (Art. 26(7))

WORKPLACE = {"eigen_organisatie": {"werkgever"}, "gebruikt_op_werkplek": True}


def test_aia24_employer_using_a_worker_monitoring_system_informs_workers() -> None:
    """Annex III, 4(b): monitoring and evaluating performance of workers."""
    assert verdict("aia-24", rol_ai_act=DEPLOYER, bijlage_iii={"4b"}, **WORKPLACE) is Verdict.APPLIES


def test_aia24_also_for_an_annex_i_safety_component_on_the_shop_floor() -> None:
    assert verdict("aia-24", rol_ai_act=DEPLOYER, **ANNEX_I_A, **WORKPLACE) is Verdict.APPLIES


def test_aia24_system_used_only_towards_citizens_needs_no_worker_information() -> None:
    r = verdict("aia-24", rol_ai_act=DEPLOYER, bijlage_iii={"5a"}, eigen_organisatie={"werkgever"})
    assert r is Verdict.DOES_NOT_APPLY


def test_aia24_a_deployer_that_is_not_an_employer_has_no_duty() -> None:
    r = verdict("aia-24", rol_ai_act=DEPLOYER, bijlage_iii={"4b"}, gebruikt_op_werkplek=True)
    assert r is Verdict.DOES_NOT_APPLY


def test_aia24_unknown_workplace_use_is_the_open_question() -> None:
    r = result("aia-24", rol_ai_act=DEPLOYER, bijlage_iii={"4b"}, **{**WORKPLACE, "gebruikt_op_werkplek": ...})
    assert (r.verdict, r.depends_on) == (Verdict.UNKNOWN, ("gebruikt-op-werkplek",))


# --- aia-25: registration by public deployers (Art. 26(8), 49(3), 49(4))


def test_aia25_municipality_registers_its_use_of_an_annex_iii_system() -> None:
    r = result("aia-25", rol_ai_act=DEPLOYER, bijlage_iii={"5a"})
    assert (r.verdict, r.outcomes["databankdeel"]) == (Verdict.APPLIES, "openbaar-deel")


def test_aia25_private_deployers_do_not_register() -> None:
    r = verdict(
        "aia-25", rol_ai_act=DEPLOYER, bijlage_iii={"4a"}, eigen_organisatie={"werkgever"}, is_bestuursorgaan=False
    )
    assert r is Verdict.DOES_NOT_APPLY


def test_aia25_police_register_in_the_secure_section() -> None:
    """A law enforcement authority is a public authority (Art. 3(45)); Art. 49(4)."""
    r = result("aia-25", rol_ai_act=DEPLOYER, bijlage_iii={"6d"}, eigen_organisatie={"rechtshandhaving"})
    assert (r.verdict, r.outcomes["databankdeel"]) == (Verdict.APPLIES, "beveiligd-niet-openbaar-deel")


def test_aia25_critical_infrastructure_and_annex_i_are_not_registered_by_deployers() -> None:
    assert verdict("aia-25", rol_ai_act=DEPLOYER, bijlage_iii={"2"}) is Verdict.DOES_NOT_APPLY
    assert verdict("aia-25", rol_ai_act=DEPLOYER, **ANNEX_I_A) is Verdict.DOES_NOT_APPLY


def test_aia25_eu_institutions_register_too() -> None:
    assert verdict("aia-25", rol_ai_act=DEPLOYER, bijlage_iii={"8a"}, eigen_organisatie={"eu-instelling"}) is (
        Verdict.APPLIES
    )


def test_aia25_unknown_kind_of_organisation_is_the_open_question() -> None:
    r = result("aia-25", rol_ai_act=DEPLOYER, bijlage_iii={"5a"}, eigen_organisatie=...)
    assert (r.verdict, r.depends_on) == (Verdict.UNKNOWN, ("eigen-organisatie", "is-bestuursorgaan"))
    # A bestuursorgaan is a public authority whatever it picks (Art. 49(3)).
    assert (
        verdict("aia-25", rol_ai_act=DEPLOYER, bijlage_iii={"5a"}, eigen_organisatie=..., is_bestuursorgaan=True)
        is Verdict.APPLIES
    )


# --- aia-26: informing persons and the right to an explanation (Art. 26(11), 86)


def test_aia26_decision_with_legal_effect_gives_a_right_to_explanation() -> None:
    """Art. 86(1): refusing social assistance on the basis of an Annex III, 5(a) system."""
    r = result("aia-26", rol_ai_act=DEPLOYER, bijlage_iii={"5a"}, besluiten_over_personen="met-rechtsgevolg")
    assert (r.verdict, r.outcomes["recht-op-uitleg"], r.outcomes["informeren-volgens"]) == (
        Verdict.APPLIES,
        True,
        "artikel-26-lid-11",
    )


def test_aia26_assisting_decisions_only_requires_informing_the_persons() -> None:
    """Art. 26(11) covers decisions the system helps to make; Art. 86 needs a significant effect."""
    r = result("aia-26", rol_ai_act=DEPLOYER, bijlage_iii={"3b"}, besluiten_over_personen="ondersteunt-of-neemt")
    assert (r.verdict, r.outcomes["recht-op-uitleg"]) == (Verdict.APPLIES, False)


def test_aia26_critical_infrastructure_informs_but_gives_no_right_to_explanation() -> None:
    """Art. 26(11) covers all of Annex III; Art. 86(1) excludes point 2."""
    r = result("aia-26", rol_ai_act=DEPLOYER, bijlage_iii={"2"}, besluiten_over_personen="met-rechtsgevolg")
    assert (r.verdict, r.outcomes["recht-op-uitleg"]) == (Verdict.APPLIES, False)


def test_aia26_no_decisions_about_people_no_duty() -> None:
    assert verdict("aia-26", rol_ai_act=DEPLOYER, bijlage_iii={"5a"}) is Verdict.DOES_NOT_APPLY


def test_aia26_annex_i_systems_are_not_covered() -> None:
    r = verdict("aia-26", rol_ai_act=DEPLOYER, **ANNEX_I_A, besluiten_over_personen="met-rechtsgevolg")
    assert r is Verdict.DOES_NOT_APPLY


def test_aia26_law_enforcement_informs_under_the_law_enforcement_directive() -> None:
    """Art. 26(11) last sentence: Art. 13 of Directive (EU) 2016/680 applies."""
    r = result(
        "aia-26",
        rol_ai_act=DEPLOYER,
        bijlage_iii={"6a"},
        eigen_organisatie={"rechtshandhaving"},
        besluiten_over_personen="ondersteunt-of-neemt",
    )
    assert (r.verdict, r.outcomes["informeren-volgens"]) == (Verdict.APPLIES, "artikel-13-richtlijn-2016-680")


def test_aia26_unknown_decisions_leave_it_open() -> None:
    r = result("aia-26", rol_ai_act=DEPLOYER, bijlage_iii={"5a"}, besluiten_over_personen=...)
    assert (r.verdict, r.depends_on) == (Verdict.UNKNOWN, ("besluiten-over-personen",))


# --- aia-27: fundamental rights impact assessment (Art. 27(1))


def test_aia27_municipality_assesses_fundamental_rights_before_first_use() -> None:
    assert verdict("aia-27", rol_ai_act=DEPLOYER, bijlage_iii={"5a"}) is Verdict.APPLIES


@pytest.mark.parametrize("organisation", ["publiekrechtelijk-orgaan", "private-publieke-dienst"])
def test_aia27_public_law_bodies_and_private_public_service_providers(organisation: str) -> None:
    """Art. 27(1): e.g. a university or a privately run school using an admission system (3(a))."""
    r = verdict("aia-27", rol_ai_act=DEPLOYER, bijlage_iii={"3a"}, eigen_organisatie={organisation})
    assert r is Verdict.APPLIES


@pytest.mark.parametrize("point", ["5b", "5c"])
def test_aia27_private_credit_scoring_and_insurance_pricing_need_it_too(point: str) -> None:
    """Art. 27(1): deployers of Annex III, 5(b) and 5(c), whoever they are."""
    r = verdict("aia-27", rol_ai_act=DEPLOYER, bijlage_iii={point}, eigen_organisatie={"financiele-instelling"})
    assert r is Verdict.APPLIES


def test_aia27_private_employer_screening_applicants_needs_no_assessment() -> None:
    r = verdict(
        "aia-27", rol_ai_act=DEPLOYER, bijlage_iii={"4a"}, eigen_organisatie={"werkgever"}, is_bestuursorgaan=False
    )
    assert r is Verdict.DOES_NOT_APPLY


def test_aia27_a_bank_screening_job_applicants_needs_no_assessment() -> None:
    """A private bank is bound only for its Annex III, 5(b) and 5(c) systems, not for recruitment (4(a))."""
    r = verdict(
        "aia-27",
        rol_ai_act=DEPLOYER,
        bijlage_iii={"4a"},
        eigen_organisatie={"financiele-instelling"},
        is_bestuursorgaan=False,
    )
    assert r is Verdict.DOES_NOT_APPLY


def test_aia27_critical_infrastructure_and_annex_i_are_excluded() -> None:
    assert verdict("aia-27", rol_ai_act=DEPLOYER, bijlage_iii={"2"}) is Verdict.DOES_NOT_APPLY
    assert verdict("aia-27", rol_ai_act=DEPLOYER, **ANNEX_I_A) is Verdict.DOES_NOT_APPLY


def test_aia27_credit_scoring_needs_it_whatever_the_organisation() -> None:
    r = result("aia-27", rol_ai_act=DEPLOYER, bijlage_iii={"5b"}, eigen_organisatie=...)
    assert r.verdict is Verdict.APPLIES


def test_aia27_other_annex_iii_point_with_unknown_organisation_is_open() -> None:
    r = result("aia-27", rol_ai_act=DEPLOYER, bijlage_iii={"4a"}, eigen_organisatie=...)
    assert (r.verdict, r.depends_on) == (Verdict.UNKNOWN, ("eigen-organisatie", "is-bestuursorgaan"))


# --- every file: the requirement is the published one and carries its deviations

ALL = [f"aia-{n}" for n in range(15, 28)]


@pytest.mark.parametrize("rid", ALL)
def test_every_requirement_records_dates_and_deviations(rid: str) -> None:
    info = rules().requirements[rid]
    assert info.effective
    assert info.deviations
