"""aia-14, conformity assessment (Art. 16(f) and 43 AI Act): the law as executable examples."""

from __future__ import annotations

import datetime
import functools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import algokader
from algokader import InconsistentInputError, TypeKind, Verdict

from .reference import Reference
from .systems import NEUTRAL_AI_SYSTEM, changed

# A provider of a plain AI system that nothing makes high-risk yet; each test changes what matters.
BASE: dict[str, Any] = {
    **NEUTRAL_AI_SYSTEM,
    "soort-toepassing": "ai-systeem",
    "rol-ai-act": {"aanbieder"},
    "beoogde-gebruiker": {"overheidsorgaan"},
    "geharmoniseerde-normen": "niet-gepubliceerd",
    "gemeenschappelijke-specificaties": "niet-beschikbaar",
    "sectorale-zelfbeoordeling": False,
    "gekozen-procedure": "bijlage-vii",
    "substantiele-wijziging": False,
    "hoge-impactcapaciteiten": False,
}


@functools.cache
def rules() -> algokader.RuleSet:
    return algokader.load()


def aia14(**changes: Any) -> algokader.Result:
    system = changed(BASE, **changes)
    return rules().evaluate(system)["aia-14"]


def route(**changes: Any) -> tuple[Verdict, Any, Any]:
    r = aia14(**changes)
    return r.verdict, r.outcomes["route"], r.outcomes["beoordelaar"]


# --- when it applies (Art. 16(f), Art. 6, Art. 2)


def test_a_system_that_is_not_high_risk_needs_no_assessment() -> None:
    assert aia14().verdict is Verdict.DOES_NOT_APPLY


def test_annex_iii_system_of_a_provider_needs_an_assessment() -> None:
    assert aia14(bijlage_iii={"4a"}).verdict is Verdict.APPLIES


def test_article_6_3_exemption_takes_annex_iii_system_out_unless_it_profiles() -> None:
    assert aia14(bijlage_iii={"4a"}, uitzondering_artikel_6_3="d").verdict is Verdict.DOES_NOT_APPLY
    assert aia14(bijlage_iii={"4a"}, uitzondering_artikel_6_3="d", profilering=True).verdict is Verdict.APPLIES


def test_annex_i_section_a_counts_only_with_third_party_assessment() -> None:
    """Art. 6(1)(b): the decision aid labels it high-risk before asking; the law does not."""
    assert aia14(bijlage_i="afdeling-a").verdict is Verdict.DOES_NOT_APPLY
    assert aia14(bijlage_i="afdeling-a", bijlage_i_derde_partij=True).verdict is Verdict.APPLIES


def test_annex_i_section_b_is_outside_chapter_iii() -> None:
    """Art. 2(2): Section B systems are high-risk but Art. 16 and 43 do not apply to them."""
    r = aia14(bijlage_i="afdeling-b", bijlage_i_derde_partij=True)
    assert r.verdict is Verdict.DOES_NOT_APPLY
    assert (
        rules()
        .evaluate({**BASE, "bijlage-i": "afdeling-b", "bijlage-i-derde-partij": True})["aia-14"]
        .outcomes["route"]
        is None
    )


def test_a_pure_deployer_never_needs_it_whatever_its_biometrics() -> None:
    r = rules().evaluate({"rol-ai-act": {"gebruiksverantwoordelijke"}, "aanbieder-door-wijziging": set()})["aia-14"]
    assert r.verdict is Verdict.DOES_NOT_APPLY
    assert r.depends_on == ()


def test_a_product_manufacturer_is_the_provider_of_an_annex_i_a_safety_component() -> None:
    """Art. 25(3)."""
    r = aia14(
        rol_ai_act={"productfabrikant"},
        bijlage_i="afdeling-a",
        bijlage_i_derde_partij=True,
        onder_naam_productfabrikant=True,
    )
    assert (r.verdict, r.outcomes["route"]) == (Verdict.APPLIES, "sectorale-procedure")
    assert aia14(rol_ai_act={"productfabrikant"}, bijlage_iii={"4a"}).verdict is Verdict.DOES_NOT_APPLY


def test_a_deployer_who_substantially_modifies_a_high_risk_system_becomes_its_provider() -> None:
    """Art. 25(1)(b)."""
    r = aia14(
        rol_ai_act={"gebruiksverantwoordelijke"},
        aanbieder_door_wijziging={"substantiele-wijziging"},
        bijlage_iii={"5a"},
    )
    assert r.verdict is Verdict.APPLIES


@pytest.mark.parametrize(
    "exclusion",
    [
        "militair-defensie-nationale-veiligheid",
        "wetenschappelijk-onderzoek",
        "onderzoek-voor-markt",
    ],
)
def test_systems_outside_the_act_need_nothing(exclusion: str) -> None:
    assert aia14(bijlage_iii={"1a"}, uitsluiting_reikwijdte={exclusion}).verdict is Verdict.DOES_NOT_APPLY


def test_general_purpose_models_are_not_systems_under_article_43() -> None:
    assert (
        aia14(soort_toepassing="ai-model-voor-algemene-doeleinden", bijlage_iii={"1a"}).verdict
        is Verdict.DOES_NOT_APPLY
    )


def test_general_purpose_ai_systems_can_be_high_risk() -> None:
    assert aia14(soort_toepassing="ai-systeem-voor-algemene-doeleinden", bijlage_iii={"3a"}).verdict is Verdict.APPLIES


# --- the routes of Art. 43(1)-(3)


def test_annex_iii_points_2_to_8_use_internal_control() -> None:
    """Art. 43(2): Annex VI, no notified body, whatever standards were applied."""
    for point in ["2", "3b", "4a", "5b", "6d", "7c", "8a"]:
        assert route(bijlage_iii={point}) == (Verdict.APPLIES, "interne-controle", "aanbieder")


def test_biometrics_without_full_standards_needs_a_notified_body() -> None:
    """Art. 43(1)(a)-(c): no standards, partly applied standards, or common specifications not used."""
    for normen, specificaties in [
        ("niet-gepubliceerd", "niet-beschikbaar"),
        ("gedeeltelijk-toegepast", "niet-beschikbaar"),
        ("niet-toegepast", "niet-toegepast"),
        ("beperkt-deel-toegepast", "niet-beschikbaar"),  # Art. 43(1)(d)
    ]:
        assert route(
            bijlage_iii={"1a"}, geharmoniseerde_normen=normen, gemeenschappelijke_specificaties=specificaties
        ) == (Verdict.APPLIES, "aangemelde-instantie", "aangemelde-instantie")


def test_biometrics_with_full_standards_gives_the_provider_the_choice() -> None:
    """Art. 43(1) first subparagraph: the provider opts for Annex VI or Annex VII."""
    keuze = "keuze-interne-controle-of-aangemelde-instantie"
    assert route(bijlage_iii={"1c"}, geharmoniseerde_normen="volledig-toegepast", gekozen_procedure="bijlage-vi") == (
        Verdict.APPLIES,
        keuze,
        "aanbieder",
    )
    assert route(bijlage_iii={"1b"}, gemeenschappelijke_specificaties="toegepast", gekozen_procedure="bijlage-vii") == (
        Verdict.APPLIES,
        keuze,
        "aangemelde-instantie",
    )


def test_open_choice_leaves_the_assessor_undetermined_until_the_provider_chooses() -> None:
    r = aia14(bijlage_iii={"1a"}, geharmoniseerde_normen="volledig-toegepast", gekozen_procedure=...)
    assert r.outcomes["route"] == "keuze-interne-controle-of-aangemelde-instantie"
    assert r.outcomes["beoordelaar"] is None
    assert set(r.possible_outcomes["beoordelaar"]) == {"aanbieder", "aangemelde-instantie"}
    assert r.outcome_depends_on["beoordelaar"] == ("gekozen-procedure",)


@pytest.mark.parametrize("user", ["rechtshandhaving", "migratie", "asiel", "eu-instelling"])
def test_market_surveillance_authority_acts_as_notified_body_for_named_public_users(user: str) -> None:
    """Art. 43(1) third subparagraph, Art. 74(8)-(9)."""
    assert route(bijlage_iii={"1a"}, beoogde_gebruiker={user}) == (
        Verdict.APPLIES,
        "aangemelde-instantie",
        "markttoezichtautoriteit",
    )


def test_border_management_alone_is_not_named_in_article_43() -> None:
    assert route(bijlage_iii={"1a"}, beoogde_gebruiker={"grenstoezicht"})[2] == "aangemelde-instantie"


def test_market_surveillance_authority_has_no_role_when_internal_control_is_chosen() -> None:
    assert (
        route(
            bijlage_iii={"1a"},
            beoogde_gebruiker={"rechtshandhaving"},
            geharmoniseerde_normen="volledig-toegepast",
            gekozen_procedure="bijlage-vi",
        )[2]
        == "aanbieder"
    )


def test_annex_i_section_a_follows_the_sectoral_procedure() -> None:
    """Art. 43(3): the notified body of the sectoral act checks the AI requirements too."""
    assert route(bijlage_i="afdeling-a", bijlage_i_derde_partij=True) == (
        Verdict.APPLIES,
        "sectorale-procedure",
        "sectorale-aangemelde-instantie",
    )


def test_sectoral_opt_out_needs_full_ai_standards_too() -> None:
    """Art. 43(3) third subparagraph."""
    sectoral = {"bijlage_i": "afdeling-a", "bijlage_i_derde_partij": True, "sectorale_zelfbeoordeling": True}
    assert route(**sectoral)[2] == "sectorale-aangemelde-instantie"
    assert route(**sectoral, geharmoniseerde_normen="volledig-toegepast")[2] == "aanbieder"


def test_annex_i_section_a_takes_precedence_over_biometrics() -> None:
    assert route(bijlage_i="afdeling-a", bijlage_i_derde_partij=True, bijlage_iii={"1a"})[1] == "sectorale-procedure"


# --- reassessment (Art. 43(4))


def test_substantial_modification_requires_a_new_assessment() -> None:
    assert aia14(bijlage_iii={"4b"}, substantiele_wijziging=True).outcomes["herbeoordeling"] is True


def test_no_modification_no_reassessment() -> None:
    assert aia14(bijlage_iii={"4b"}).outcomes["herbeoordeling"] is False


# --- partial knowledge


def test_route_is_known_even_when_standards_are_unknown_for_points_2_to_8() -> None:
    r = aia14(
        bijlage_iii={"6a"}, geharmoniseerde_normen=..., gemeenschappelijke_specificaties=..., gekozen_procedure=...
    )
    assert (r.verdict, r.outcomes["route"], r.outcomes["beoordelaar"]) == (
        Verdict.APPLIES,
        "interne-controle",
        "aanbieder",
    )


def test_biometric_route_with_unknown_standards_asks_about_the_standards() -> None:
    r = aia14(bijlage_iii={"1a"}, geharmoniseerde_normen=..., gemeenschappelijke_specificaties=...)
    assert r.outcomes["route"] is None
    assert set(r.possible_outcomes["route"]) == {
        "aangemelde-instantie",
        "keuze-interne-controle-of-aangemelde-instantie",
    }
    assert set(r.outcome_depends_on["route"]) == {"geharmoniseerde-normen", "gemeenschappelijke-specificaties"}


def test_only_the_risk_group_given() -> None:
    r = rules().evaluate({"risicogroep": "hoog-risico-ai-systeem"})["aia-14"]
    assert r.verdict is Verdict.UNKNOWN
    assert "rol-ai-act" in r.depends_on
    assert "soort-toepassing" not in r.depends_on  # the risk group already implies an AI system
    assert "hoge-impactcapaciteiten" not in r.depends_on  # a model property, irrelevant for a system


def test_risk_group_with_provider_and_annex_iii_point_applies_only_if_no_exemption_is_possible() -> None:
    """High risk might come from Annex I section B with the Annex III point exempted (Art. 6(3))."""
    given = {"risicogroep": "hoog-risico-ai-systeem", "rol-ai-act": {"aanbieder"}, "bijlage-iii": {"4a"}}
    assert rules().evaluate(given)["aia-14"].verdict is Verdict.UNKNOWN
    r = rules().evaluate({**given, "profilering": True})["aia-14"]
    assert r.verdict is Verdict.APPLIES
    assert set(r.possible_outcomes["route"]) == {"interne-controle", "sectorale-procedure"}  # Annex I-A still open
    assert "bijlage-i" in r.outcome_depends_on["route"]
    r = rules().evaluate({**given, "profilering": True, "bijlage-i": "geen"})["aia-14"]
    assert r.outcomes["route"] == "interne-controle"


def test_risk_group_contradicting_the_facts_is_an_error() -> None:
    with pytest.raises(InconsistentInputError) as caught:
        rules().evaluate({**BASE, "risicogroep": "hoog-risico-ai-systeem"})
    assert caught.value.fact == "risicogroep"


# --- exactness on the real vocabulary, against brute force

SMALL = [
    "soort-toepassing",
    "bijlage-i",
    "bijlage-i-derde-partij",
    "uitzondering-artikel-6-3",
    "profilering",
    "geharmoniseerde-normen",
    "gemeenschappelijke-specificaties",
    "sectorale-zelfbeoordeling",
    "gekozen-procedure",
    "substantiele-wijziging",
    "open-source-licentie",
]


@functools.cache
def reference() -> Reference:
    from importlib.resources import files

    folder = files("algokader") / "requirements"
    texts = {f"requirements/{p.name}": p.read_text("utf-8") for p in folder.iterdir() if p.name.endswith(".ak")}
    return Reference.from_sources(texts)


def default(name: str) -> Any:
    """A fixed value for a fact the exactness test does not vary."""
    decl = reference().facts[name]
    if decl.type.kind is TypeKind.DATE:
        return datetime.date(2026, 1, 1)
    if decl.type.kind is TypeKind.SET:
        return frozenset()
    return reference().domain(name)[0]


@st.composite
def partial_systems(draw: st.DrawFn) -> dict[str, Any]:
    system = {name: default(name) for name in reference().facts} | BASE
    system["rol-ai-act"] = draw(
        st.sampled_from([{"aanbieder"}, {"gebruiksverantwoordelijke"}, {"importeur", "aanbieder"}])
    )
    system["bijlage-iii"] = draw(st.sampled_from([set(), {"1a"}, {"1c", "5b"}, {"4a"}]))
    system["beoogde-gebruiker"] = draw(st.sampled_from([set(), {"asiel"}, {"grenstoezicht"}]))
    ref = reference()
    for name in SMALL:
        system[name] = draw(st.sampled_from(ref.domain(name)))
    for name in draw(st.lists(st.sampled_from(SMALL), max_size=5, unique=True)):
        del system[name]
    if draw(st.booleans()):
        system["risicogroep"] = draw(st.sampled_from(["hoog-risico-ai-systeem", "geen-hoog-risico-ai-systeem"]))
    return system


@given(partial_systems())
def test_aia14_verdicts_and_outcomes_are_exact(system: dict[str, Any]) -> None:
    ref = reference()
    known = {k: frozenset(v) if isinstance(v, set) else v for k, v in system.items() if k in ref.facts}
    rows = [
        full
        for full in ref.completions(known, {})
        if "risicogroep" not in system or ref.value("risicogroep", full) == system["risicogroep"]
    ]
    if not rows:
        with pytest.raises(InconsistentInputError):
            rules().evaluate(system)
        return
    result = rules().evaluate(system)["aia-14"]
    applies = {ref.applies("aia-14", full) for full in rows}
    expected = Verdict.UNKNOWN if len(applies) == 2 else Verdict.APPLIES if True in applies else Verdict.DOES_NOT_APPLY
    assert result.verdict is expected
    for name in ("route", "beoordelaar", "herbeoordeling"):
        values = {ref.outcome("aia-14", name, full) for full in rows if ref.applies("aia-14", full)}
        assert set(result.possible_outcomes[name]) == values
