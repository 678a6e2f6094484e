"""Time and transitional law: from when a requirement binds a system, and whether it does on a day.

The verdict stays the law's (timeless) applicability; ``binds_on_date`` judges the reference date
(peildatum) and ``binds_from`` names the ``geldt vanaf`` line that governs. Specifications per
transitional rule of the AI Act (the article in each name), then the language, then exactness of
the new dimension against the reference interpreter.
"""

from __future__ import annotations

import datetime
import functools
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import algokader
from algokader import InputError, Regime, RuleError, Truth, Verdict
from algokader.cli import run
from algokader.testing import conditions

from .reference import Reference
from .systems import ANNEX_I_A, NEUTRAL_AI_SYSTEM, changed

D = datetime.date

# A municipality's high-risk system (Annex III 5(a): access to public benefits), placed in 2024, in use
# by the municipality itself, not part of an Annex X system.
MUNICIPAL: dict[str, Any] = {
    **NEUTRAL_AI_SYSTEM,
    "rol-ai-act": {"gebruiksverantwoordelijke"},
    "bijlage-iii": {"5a"},
    "profilering": True,
    "eigen-organisatie": {"overheidsorgaan"},
    "beoogde-gebruiker": {"overheidsorgaan"},
    "in-de-handel-sinds": D(2024, 3, 1),
    "ingrijpende-ontwerpwijziging": False,
    "onderdeel-bijlage-x": False,
    "gebruikt-op-werkplek": False,
}
# A private employer deploying a recruitment system (Annex III 4(a)) placed in 2025.
PRIVATE: dict[str, Any] = changed(
    MUNICIPAL,
    bijlage_iii={"4a"},
    eigen_organisatie={"werkgever"},
    beoogde_gebruiker={"werkgever"},
    in_de_handel_sinds=D(2025, 5, 1),
)
MODEL: dict[str, Any] = {
    **NEUTRAL_AI_SYSTEM,
    "soort-toepassing": "ai-model-voor-algemene-doeleinden",
    "rol-ai-act": {"aanbieder"},
    "hoge-impactcapaciteiten": False,
}
DEPLOYER_DUTY = "aia-20"  # Art. 26(1): use according to the instructions


@functools.cache
def rules() -> algokader.RuleSet:
    return algokader.load()


def result(rid: str, system: dict[str, Any], op: str = "2026-12-03", regime: str = "omnibus") -> algokader.Result:
    return rules().evaluate(system, only=[rid], op=op, regime=regime)[rid]


def start_date(r: algokader.Result) -> D | None:
    assert r.binds_from is not None, r.possible_starts
    return r.binds_from.date


# --- Art. 111(2): high-risk systems placed on the market or put into service before 2 August 2026


@pytest.mark.parametrize("regime", ["oorspronkelijk", "omnibus"])
def test_art_111_2_a_municipalitys_legacy_high_risk_system_binds_from_2030_08_02(regime: str) -> None:
    """Second sentence: systems intended to be used by public authorities must comply by 2 August 2030."""
    r = result(DEPLOYER_DUTY, MUNICIPAL, regime=regime)
    assert r.verdict is Verdict.APPLIES  # the law applies; only its date is later
    assert start_date(r) == D(2030, 8, 2) and "Artikel 111, lid 2" in r.binds_from.source  # type: ignore[union-attr]
    assert r.binds_on_date is Truth.FALSE
    assert result(DEPLOYER_DUTY, MUNICIPAL, op="2030-08-01", regime=regime).binds_on_date is Truth.FALSE
    assert result(DEPLOYER_DUTY, MUNICIPAL, op="2030-08-02", regime=regime).binds_on_date is Truth.TRUE


def test_art_111_2_the_same_system_significantly_changed_binds_from_the_general_date() -> None:
    """First sentence: a significant change in design after 2 August 2026 brings it under the Act now."""
    changed_system = changed(MUNICIPAL, ingrijpende_ontwerpwijziging=True)
    original = result(DEPLOYER_DUTY, changed_system, op="2027-01-01", regime="oorspronkelijk")
    assert start_date(original) == D(2026, 8, 2) and original.binds_on_date is Truth.TRUE
    omnibus = result(DEPLOYER_DUTY, changed_system, op="2028-01-01")
    assert start_date(omnibus) == D(2027, 12, 2) and omnibus.binds_on_date is Truth.TRUE


def test_art_111_2_a_private_deployers_legacy_system_binds_on_no_date_until_changed() -> None:
    r = result(DEPLOYER_DUTY, PRIVATE, op="2035-01-01")
    assert r.verdict is Verdict.APPLIES
    assert r.binds_from is not None and r.binds_from.date is None  # geldt niet
    assert "ingrijpende wijziging" in r.binds_from.source
    assert r.binds_on_date is Truth.FALSE
    after_change = result(DEPLOYER_DUTY, changed(PRIVATE, ingrijpende_ontwerpwijziging=True), op="2035-01-01")
    assert after_change.binds_on_date is Truth.TRUE


def test_art_111_2_a_system_placed_after_the_cut_off_is_no_legacy_system() -> None:
    r = result(DEPLOYER_DUTY, changed(PRIVATE, in_de_handel_sinds=D(2026, 8, 2)), regime="oorspronkelijk")
    assert start_date(r) == D(2026, 8, 2) and r.binds_on_date is Truth.TRUE


# --- Art. 111(1): components of the large-scale IT systems of Annex X


def test_art_111_1_annex_x_components_placed_before_2027_08_02_comply_by_2030_12_31() -> None:
    component = changed(MUNICIPAL, onderdeel_bijlage_x=True, eigen_organisatie={"grenstoezicht"})
    r = result(DEPLOYER_DUTY, component)
    assert start_date(r) == D(2030, 12, 31) and "Artikel 111, lid 1" in r.binds_from.source  # type: ignore[union-attr]
    later = result(DEPLOYER_DUTY, changed(component, in_de_handel_sinds=D(2027, 8, 2)))
    assert start_date(later) == D(2027, 12, 2)  # placed on the cut-off day: the general (omnibus) date


# --- Art. 111(3): general-purpose AI models placed on the market before 2 August 2025


def test_art_111_3_a_gpai_model_placed_before_2025_08_02_binds_from_2027_08_02() -> None:
    old = result("aia-29", changed(MODEL, in_de_handel_sinds=D(2025, 1, 15)))
    assert start_date(old) == D(2027, 8, 2) and old.binds_on_date is Truth.FALSE
    new = result("aia-29", changed(MODEL, in_de_handel_sinds=D(2025, 8, 2)))
    assert start_date(new) == D(2025, 8, 2) and new.binds_on_date is Truth.TRUE  # Art. 113(b)


def test_art_111_3_an_unknown_market_date_gives_an_exact_unknown_with_the_date_in_binds_depends_on() -> None:
    r = result("aia-29", MODEL, op="2026-01-01")
    assert r.verdict is Verdict.APPLIES
    assert r.binds_on_date is Truth.UNKNOWN
    assert r.binds_from is None
    assert {s.date for s in r.possible_starts} == {D(2025, 8, 2), D(2027, 8, 2)}
    assert r.binds_depends_on == ("in-de-handel-sinds",)
    # Once both dates have passed, the market date no longer matters for whether it binds.
    later = result("aia-29", MODEL, op="2027-08-02")
    assert later.binds_on_date is Truth.TRUE and later.binds_from is None
    assert later.binds_depends_on == ("in-de-handel-sinds",)  # still open: from when


# --- Art. 113: the general dates, and the omnibus


def test_art_113_a_article_5_binds_from_2025_02_02_regardless_of_the_market_date() -> None:
    banned = changed(
        NEUTRAL_AI_SYSTEM, verboden_praktijk={"sociale-scoring"}, in_de_handel_sinds=D(2020, 1, 1), **ANNEX_I_A
    )
    for regime in ("oorspronkelijk", "omnibus"):
        r = result("aia-00", banned, op="2025-02-02", regime=regime)
        assert start_date(r) == D(2025, 2, 2) and r.binds_on_date is Truth.TRUE
        assert result("aia-00", banned, op="2025-02-01", regime=regime).binds_on_date is Truth.FALSE
    unknown_date = result("aia-00", changed(banned, in_de_handel_sinds=...))
    assert unknown_date.binds_on_date is Truth.TRUE and unknown_date.binds_depends_on == ()


def test_omnibus_new_article_5_practice_does_not_bind_before_2026_12_02() -> None:
    generator = changed(NEUTRAL_AI_SYSTEM, genereert_intieme_beelden_zonder_toestemming=True)
    assert result("aia-00", generator).verdict is Verdict.APPLIES
    assert result("aia-00", generator, op="2026-12-01").binds_on_date is Truth.FALSE
    assert start_date(result("aia-00", generator, op="2026-12-02")) == D(2026, 12, 2)
    # Under the Act as published the practice is not banned on any date.
    original = result("aia-00", generator, op="2030-01-01", regime="oorspronkelijk")
    assert original.binds_from is None and original.possible_starts == () and original.unbound_possible
    assert original.binds_on_date is Truth.FALSE


@pytest.mark.parametrize(
    ("ground", "published", "omnibus"),
    [({"bijlage-iii": {"4a"}}, D(2026, 8, 2), D(2027, 12, 2)), (ANNEX_I_A, D(2027, 8, 2), D(2028, 8, 2))],
    ids=["annex-iii", "annex-i"],
)
def test_art_113_and_the_omnibus_date_annex_iii_and_annex_i_duties(
    ground: dict[str, Any], published: D, omnibus: D
) -> None:
    provider = changed(
        {**NEUTRAL_AI_SYSTEM, **{k.replace("_", "-"): v for k, v in ground.items()}},
        in_de_handel_sinds=D(2026, 9, 1),
        onderdeel_bijlage_x=False,
    )
    assert start_date(result("aia-03", provider, regime="oorspronkelijk")) == published
    assert start_date(result("aia-03", provider, regime="omnibus")) == omnibus


def test_art_50_2_omnibus_grace_for_marking_by_systems_placed_before_2026_08_02() -> None:
    marking = changed(NEUTRAL_AI_SYSTEM, transparantie_situaties={"synthetische-inhoud"}, onderdeel_bijlage_x=False)
    marking["uitzondering-rechtshandhaving-art-50"] = "geen"
    old = changed(marking, in_de_handel_sinds=D(2026, 1, 1))
    assert start_date(result("aia-28", old)) == D(2026, 12, 2)
    assert start_date(result("aia-28", old, regime="oorspronkelijk")) == D(2026, 8, 2)
    assert start_date(result("aia-28", changed(marking, in_de_handel_sinds=D(2026, 8, 2)))) == D(2026, 8, 2)
    # The grace covers only Art. 50(2): a chatbot (Art. 50(1)) placed earlier binds from 2 August 2026.
    chatbot = changed(old, transparantie_situaties={"synthetische-inhoud", "directe-interactie"})
    assert start_date(result("aia-28", chatbot)) == D(2026, 8, 2)


# --- the API


def test_the_verdict_does_not_depend_on_the_reference_date_or_the_regime() -> None:
    for op in ("2024-01-01", "2031-01-01"):
        for regime in Regime:
            report = rules().evaluate(PRIVATE, op=op, regime=regime)
            assert report.verdicts == rules().evaluate(PRIVATE).verdicts
            assert (report.op, report.regime) == (D.fromisoformat(op), Regime(regime))


def test_the_reference_date_defaults_to_today_and_the_regime_to_the_omnibus() -> None:
    report = rules().evaluate(PRIVATE)
    assert report.op == D.today() and report.regime is Regime.OMNIBUS


@pytest.mark.parametrize("op", ["2026-13-01", "morgen", 20261203, "2026-12-03T00:00"])
def test_a_reference_date_that_is_no_date_is_an_input_error(op: object) -> None:
    with pytest.raises(InputError, match="peildatum"):
        rules().evaluate(PRIVATE, op=op)  # type: ignore[arg-type]


def test_an_unknown_regime_is_an_input_error() -> None:
    with pytest.raises(InputError, match="oorspronkelijk, omnibus"):
        rules().evaluate(PRIVATE, regime="origineel")


def test_the_timeline_lists_start_dates_with_their_requirements_and_sources() -> None:
    timeline = rules().evaluate(MUNICIPAL, op="2027-01-01").timeline()
    by_date = {e.date: [i.id for i in e.items] for e in timeline.entries}
    assert DEPLOYER_DUTY in by_date[D(2030, 8, 2)]
    assert all(i.start is not None and i.start.source for e in timeline.entries for i in e.items)
    assert [e.date for e in timeline.entries] == sorted(by_date)
    data = timeline.as_dict()
    assert data["op"] == "2027-01-01" and data["regime"] == "omnibus"
    assert any(d["date"] == "2030-08-02" and not d["in_force"] for d in data["dates"])
    assert "2030-08-02" in timeline.render() and "Artikel 111, lid 2" in timeline.render()
    private = rules().evaluate(PRIVATE, op="2027-01-01").timeline()
    assert DEPLOYER_DUTY in [i.id for i in private.unbound]


def test_the_interview_report_is_evaluate_on_the_same_reference_date_and_regime() -> None:
    # the municipality's system with its role and Annex III point still to be asked; Art. 111(2)
    # lets the deployer's duty bind it from 2030-08-02, so the two days end differently
    start = {k: v for k, v in MUNICIPAL.items() if k not in ("rol-ai-act", "bijlage-iii", "profilering")}
    for op, regime, binds in (("2027-01-01", "oorspronkelijk", Truth.FALSE), ("2031-01-01", "omnibus", Truth.TRUE)):
        iv = rules().interview(only=[DEPLOYER_DUTY, "aia-14"], system=start, op=op, regime=regime)
        while (question := iv.next_question()) is not None:
            iv.answer(question.fact, MUNICIPAL[question.fact])
            expected = rules().evaluate(iv.facts, only=iv.only, op=op, regime=regime)
            assert (
                (iv.report.op, iv.report.regime)
                == (expected.op, expected.regime)
                == (D.fromisoformat(op), Regime(regime))
            )
            assert {r: iv.report[r].binds_on_date for r in iv.only} == {r: expected[r].binds_on_date for r in iv.only}
            assert iv.report.timeline() == expected.timeline()
        assert iv.asked and iv.report[DEPLOYER_DUTY].binds_on_date is binds
    iv = rules().interview(only=[DEPLOYER_DUTY], system=MUNICIPAL)
    assert (iv.report.op, iv.report.regime) == (D.today(), Regime.OMNIBUS)


def test_the_interview_refuses_a_bad_reference_date_or_regime_when_it_starts() -> None:
    with pytest.raises(InputError, match="peildatum"):
        rules().interview(only=[DEPLOYER_DUTY], op="2026-02-30")
    with pytest.raises(InputError, match="oorspronkelijk, omnibus"):
        rules().interview(only=[DEPLOYER_DUTY], regime="origineel")


def test_vraag_op_and_regime_judge_the_summary_on_that_day(tmp_path: Path) -> None:
    start = tmp_path / "start.yaml"
    start.write_text(yaml.safe_dump(MUNICIPAL), "utf-8")
    out = io.StringIO()
    argv = ["vraag", "--only", DEPLOYER_DUTY, "--start", str(start), "--op", "2027-01-01", "--regime", "oorspronkelijk"]
    assert run(argv, io.StringIO(""), out) == 0
    check = io.StringIO()
    run(
        ["check", str(start), "--only", DEPLOYER_DUTY, "--op", "2027-01-01", "--regime", "oorspronkelijk"],
        io.StringIO(""),
        check,
    )
    assert "Peildatum 2027-01-01" in out.getvalue() and out.getvalue().strip().endswith(check.getvalue().strip())
    with pytest.raises(InputError, match="peildatum") as err:
        run(["vraag", "--only", DEPLOYER_DUTY, "--op", "morgen"], io.StringIO(""), io.StringIO())
    assert err.value.path is None  # the error is the option's, not the start file's or the labels'


# --- the language


def source(lines: str, extra: str = "") -> dict[str, str]:
    return {
        "v.ak": "feit p: ja/nee\nfeit q: ja/nee\nfeit start: datum\n" + extra,
        "tst-01.ak": 'vereiste tst-01\n  urn "urn:nl:ak:ver:tst-01"\n  titel "t"\n  van toepassing als p\n' + lines,
    }


def test_the_first_line_whose_condition_holds_governs() -> None:
    rs = algokader.load_sources(
        source(
            '  geldt vanaf 2030-01-01 als q volgens "later"\n'
            '  geldt niet als start voor 2020-01-01 volgens "nooit"\n'
            '  geldt vanaf 2026-01-01 volgens "algemeen"\n'
        )
    )
    sources = {}
    for q, start in ((True, D(2019, 1, 1)), (False, D(2019, 1, 1)), (False, D(2021, 1, 1))):
        r = rs.evaluate({"p": True, "q": q, "start": start}, op="2027-01-01")["tst-01"]
        assert r.binds_from is not None
        sources[q, start] = (r.binds_from.source, r.binds_on_date)
    assert sources == {
        (True, D(2019, 1, 1)): ("later", Truth.FALSE),
        (False, D(2019, 1, 1)): ("nooit", Truth.FALSE),
        (False, D(2021, 1, 1)): ("algemeen", Truth.TRUE),
    }


def test_a_line_with_a_status_counts_only_under_the_omnibus() -> None:
    rs = algokader.load_sources(
        source(
            '  geldt vanaf 2028-01-01 volgens "uitstel" status aangenomen\n  geldt vanaf 2026-01-01 volgens "eerst"\n'
        )
    )
    for regime, expected in (("omnibus", "uitstel"), ("oorspronkelijk", "eerst")):
        start = rs.evaluate({"p": True}, regime=regime)["tst-01"].binds_from
        assert start is not None and start.source == expected


def test_geldt_niet_without_a_condition_is_an_error() -> None:
    with pytest.raises(RuleError, match="geldt niet"):
        algokader.load_sources(source('  geldt niet volgens "x"\n'))


def test_a_line_no_system_reaches_is_a_warning() -> None:
    rs = algokader.load_sources(
        source('  geldt vanaf 2026-01-01 volgens "altijd"\n  geldt vanaf 2030-01-01 als q volgens "nooit bereikt"\n')
    )
    assert [w.span.line for w in rs.warnings] == [6]
    assert "bepaalt" in rs.warnings[0].message.render("nl")


def test_a_line_condition_names_are_checked_like_any_condition() -> None:
    with pytest.raises(RuleError, match="qq"):
        algokader.load_sources(source('  geldt vanaf 2026-01-01 als qq volgens "x"\n'))


# --- exactness of the time dimension against the reference interpreter

ATOMS = ["p", "q", "start voor 2026-08-02", "start vanaf 2027-01-01", "start = 2026-08-02"]
DATES = {"start": (D(2026, 8, 2), D(2027, 1, 1))}
BASE = ("p", "q", "start")
LINE_DATES = [D(2025, 1, 1), D(2026, 8, 2), D(2027, 1, 1), None]
VALUES: dict[str, Any] = {
    "p": st.booleans(),
    "q": st.booleans(),
    "start": st.sampled_from([D(2026, 8, 1), D(2026, 8, 2), D(2026, 9, 1), D(2027, 6, 1)]),
}


@st.composite
def lines(draw: st.DrawFn) -> str:
    text = ""
    for _ in range(draw(st.integers(0, 3))):
        day = draw(st.sampled_from(LINE_DATES))
        condition = draw(st.one_of(st.none(), conditions(ATOMS, max_leaves=3)))
        if day is None and condition is None:
            condition = "q"
        head = f"geldt vanaf {day}" if day is not None else "geldt niet"
        status = draw(st.sampled_from(["", " status aangenomen", " status van-kracht"]))
        text += f'  {head}{f" als {condition}" if condition else ""} volgens "r{len(text)}"{status}\n'
    return text


@settings(deadline=None)
@given(
    lines(),
    conditions(ATOMS, max_leaves=4),
    st.fixed_dictionaries({}, optional=VALUES),
    st.sampled_from([D(2024, 1, 1), D(2026, 8, 1), D(2026, 8, 2), D(2027, 6, 1)]),
    st.sampled_from(["oorspronkelijk", "omnibus"]),
)
def test_binds_on_date_and_the_starts_are_exact(
    written: str, applies: str, system: dict[str, Any], op: D, regime: str
) -> None:
    sources = {
        "v.ak": "feit p: ja/nee\nfeit q: ja/nee\nfeit start: datum\n",
        "tst-01.ak": 'vereiste tst-01\n  urn "urn:nl:ak:ver:tst-01"\n  titel "t"\n'
        f"  van toepassing als {applies}\n{written}",
    }
    try:
        rs = algokader.load_sources(sources)
    except RuleError:
        assume(False)
        raise
    ref = Reference.from_sources(sources)
    rows = list(ref.completions(system, DATES))
    binds = {ref.binds("tst-01", full, op, regime) for full in rows}
    governing = {ref.governing("tst-01", full, regime) for full in rows if ref.applies("tst-01", full)}
    r = rs.evaluate(system, op=op, regime=regime)["tst-01"]
    expected = Truth.UNKNOWN if len(binds) == 2 else Truth.TRUE if True in binds else Truth.FALSE
    assert r.binds_on_date is expected
    if ref.requirements["tst-01"].effective:
        lines_found = {(s.source, s.date) for s in r.possible_starts}
        assert lines_found == {(g.source, g.date) for g in governing if g is not None}
        assert r.unbound_possible == (None in governing)
        if len(governing) == 1 and None not in governing:
            assert r.binds_from is not None
        else:
            assert r.binds_from is None
    # the facts that settle it: a fact is listed exactly when changing it alone can flip binds_on_date
    unknown = [n for n in BASE if n not in system]
    flips = set()
    for fact in unknown:
        groups: dict[tuple[Any, ...], set[bool]] = {}
        for full in rows:
            key = tuple(full[n] for n in unknown if n != fact)
            groups.setdefault(key, set()).add(ref.binds("tst-01", full, op, regime))
        if any(len(g) > 1 for g in groups.values()):
            flips.add(fact)
    if expected is Truth.UNKNOWN:
        assert flips <= set(r.binds_depends_on)


def test_the_time_dimension_kept_in_the_shared_overlay_is_the_one_worked_out_afresh() -> None:
    """Results that agree on the known values their ``geldt vanaf`` diagrams mention (and on the
    constraints, for derived facts and labels) share one time dimension in the shared overlay: each
    equals the one a fresh overlay works out, with and without labels."""
    rs = rules()
    manager = rs._program.manager  # internal: the overlay is emptied to compare with a fresh start
    systems = [
        {},
        changed(MUNICIPAL, in_de_handel_sinds=...),
        changed(MUNICIPAL, profilering=...),
        changed(PRIVATE, bijlage_iii=...),
        changed(PRIVATE, in_de_handel_sinds=D(2027, 1, 1)),
        changed(MODEL, hoge_impactcapaciteiten=...),
    ]
    options: list[dict[str, Any]] = [{}, {"labels": {"Risicogroep": ["hoog-risico AI"]}}, {"op": "2030-09-01"}]

    def times(system: dict[str, Any], option: dict[str, Any]) -> list[tuple[Any, ...]]:
        try:
            report = rs.evaluate(system, **option)
        except algokader.AlgokaderError:  # a system the labels contradict: refused alike either way
            return []
        return [
            (r.id, r.binds_on_date, r.binds_from, r.possible_starts, r.unbound_possible, r.binds_depends_on)
            for r in report.values()
        ]

    cases = [(system, option) for system in systems for option in options]
    fresh = []
    for system, option in cases:
        manager.discard_workspace()
        fresh.append(times(system, option))
    manager.discard_workspace()
    assert [times(s, o) for s, o in cases + cases][: len(cases)] == fresh
    assert [times(s, o) for s, o in cases] == fresh  # now from what the overlay kept
    assert manager.workspace().memo("timing")
    manager.discard_workspace()
