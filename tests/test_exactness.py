"""Exactness of three-valued verdicts, outcomes and depends_on, against brute force.

For random partial inputs (and, in the first test, random rules), the library's answer must
equal the answer obtained by enumerating every completion of the unknown facts with the
independent reference interpreter in ``reference.py``:

* APPLIES when every consistent completion applies, DOES_NOT_APPLY when none does,
  UNKNOWN otherwise;
* an outcome is determined exactly when all applicable completions choose the same value;
* ``depends_on`` holds exactly the unknown facts whose value alone can flip the answer for
  some values of the others, and facts that can settle the answer by themselves come first.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import algokader
from algokader import InconsistentInputError, RuleError, Verdict
from algokader.testing import conditions

from .reference import Reference

VOCABULARY = """
feit p: ja/nee
feit q: ja/nee
feit kleur: een van {rood, groen, blauw}
feit rollen: verzameling van {x, y, z}
feit start: datum

definitie d1
    waar als p en (kleur = rood of rollen bevat x)

definitie niveau: een van {hoog, laag, geen}
    als d1 dan hoog
    als q en start vanaf 2026-08-02 dan laag
    anders geen
"""
DATES = {"start": (datetime.date(2026, 8, 2), datetime.date(2027, 1, 1))}
BASE = ("p", "q", "kleur", "rollen", "start")

ATOMS = [
    "p",
    "q",
    "d1",
    "kleur = rood",
    "kleur ≠ groen",
    "kleur in {rood, blauw}",
    "kleur niet in {blauw}",
    "rollen bevat y",
    "rollen overlapt met {x, z}",
    "rollen is leeg",
    "rollen is niet leeg",
    "start voor 2026-08-02",
    "start vanaf 2027-01-01",
    "start = 2026-08-02",
    "start uiterlijk 2026-08-02",
    "start na 2026-08-02",
    "niveau = hoog",
    "niveau in {laag, geen}",
    "d1 = nee",
]

expressions = conditions(ATOMS, max_leaves=6)

FACT_VALUES: dict[str, Any] = {
    "p": st.booleans(),
    "q": st.booleans(),
    "kleur": st.sampled_from(["rood", "groen", "blauw"]),
    "rollen": st.frozensets(st.sampled_from(["x", "y", "z"])),
    "start": st.sampled_from(
        [datetime.date(2026, 8, 1), datetime.date(2026, 8, 2), datetime.date(2026, 9, 1), datetime.date(2027, 6, 1)]
    ),
}


@st.composite
def partial_inputs(draw: st.DrawFn) -> dict[str, Any]:
    """Some base facts known, optionally a derived fact given as well."""
    system = {name: draw(FACT_VALUES[name]) for name in BASE if draw(st.booleans())}
    derived = draw(st.sampled_from([None, "d1", "niveau"]))
    if derived == "d1":
        system["d1"] = draw(st.booleans())
    elif derived == "niveau":
        system["niveau"] = draw(st.sampled_from(["hoog", "laag", "geen"]))
    return system


def requirement(condition: str, unless: str | None, rules: list[str]) -> str:
    text = f'vereiste tst-01\n  urn "urn:nl:ak:ver:tst-01"\n  titel "t"\n  van toepassing als {condition}\n'
    if unless:
        text += f"  tenzij {unless}\n"
    text += "  uitkomst u: een van {u1, u2, u3}\n"
    for i, rule in enumerate(rules):
        text += f"    als {rule} dan u{i + 1}\n"
    return text + "    anders u3\n"


def oracle(ref: Reference, system: dict[str, Any]) -> dict[str, Any] | None:
    """Brute-force answer, or None when no completion is consistent with the input."""
    known = {k: v for k, v in system.items() if k in BASE}
    derived = {k: v for k, v in system.items() if k not in BASE}
    rows = []
    for full in ref.completions(known, DATES):
        if all(ref.value(name, full) == value for name, value in derived.items()):
            applies = ref.applies("tst-01", full)
            outcome = ref.outcome("tst-01", "u", full) if applies else None
            rows.append((full, applies, outcome))
    if not rows:
        return None
    verdicts = {applies for _, applies, _ in rows}
    outcomes = {o for _, applies, o in rows if applies}
    unknown = [n for n in BASE if n not in known]
    return {
        "verdict": Verdict.UNKNOWN
        if len(verdicts) == 2
        else Verdict.APPLIES
        if True in verdicts
        else Verdict.DOES_NOT_APPLY,
        "outcomes": outcomes,
        "depends_on": relevant(rows, unknown, lambda r: r[1]),
        "outcome_depends_on": relevant([r for r in rows if r[1]], unknown, lambda r: r[2]),
        "settlers": settlers(rows, unknown),
    }


def relevant(rows: list[tuple[dict[str, Any], bool, Any]], unknown: list[str], answer: Any) -> set[str]:
    """Facts whose value alone changes the answer for some values of the other facts."""
    found = set()
    for fact in unknown:
        groups: dict[tuple[Any, ...], set[Any]] = defaultdict(set)
        for row in rows:
            key = tuple(row[0][n] for n in unknown if n != fact)
            groups[key].add(answer(row))
        if any(len(g) > 1 for g in groups.values()):
            found.add(fact)
    return found


def settlers(rows: list[tuple[dict[str, Any], bool, Any]], unknown: list[str]) -> set[str]:
    """Facts with a value that, once known, settles the verdict whatever the rest is."""
    found = set()
    for fact in unknown:
        by_value: dict[Any, set[bool]] = defaultdict(set)
        for full, applies, _ in rows:
            by_value[full[fact]].add(applies)
        if any(len(v) == 1 for v in by_value.values()):
            found.add(fact)
    return found


def check_against_oracle(sources: dict[str, str], system: dict[str, Any]) -> None:
    ref = Reference.from_sources(sources)
    rs = algokader.load_sources(sources)
    expected = oracle(ref, system)
    if expected is None:
        with pytest.raises(InconsistentInputError):
            rs.evaluate(system)
        return
    result = rs.evaluate(system)["tst-01"]
    assert result.verdict is expected["verdict"]
    assert set(result.possible_outcomes["u"]) == expected["outcomes"]
    assert result.outcomes["u"] == (next(iter(expected["outcomes"])) if len(expected["outcomes"]) == 1 else None)
    assert set(result.depends_on) == (expected["depends_on"] if result.verdict is Verdict.UNKNOWN else set())
    if len(expected["outcomes"]) > 1:
        assert set(result.outcome_depends_on["u"]) == expected["outcome_depends_on"]
    # Facts that can settle the verdict on their own are asked first.
    ranks = [fact in expected["settlers"] for fact in result.depends_on]
    assert ranks == sorted(ranks, reverse=True)


@settings(deadline=None)
@given(
    condition=expressions,
    unless=st.none() | expressions,
    rules=st.lists(expressions, min_size=1, max_size=2),
    system=partial_inputs(),
)
def test_random_rules_match_brute_force(
    condition: str, unless: str | None, rules: list[str], system: dict[str, Any]
) -> None:
    sources = {"vocab.ak": VOCABULARY, "tst-01.ak": requirement(condition, unless, rules)}
    try:
        algokader.load_sources(sources)
    except RuleError as err:
        # Random rules can be dead (never chosen); the checker rightly rejects such files.
        assert all(d.message.code == "check.rule-never-fires" for d in err.diagnostics)
        assume(False)
    check_against_oracle(sources, system)


def test_tautology_is_applies_even_with_every_fact_unknown() -> None:
    sources = {"vocab.ak": VOCABULARY, "tst-01.ak": requirement("p of niet p", None, ["q"])}
    result = algokader.load_sources(sources).evaluate({})["tst-01"]
    assert result.verdict is Verdict.APPLIES
    assert result.depends_on == ()


def test_derived_fact_constrains_base_facts() -> None:
    """Given only niveau = hoog, d1 must hold, so p is true whatever else is unknown."""
    sources = {"vocab.ak": VOCABULARY, "tst-01.ak": requirement("p", None, ["q"])}
    result = algokader.load_sources(sources).evaluate({"niveau": "hoog"})["tst-01"]
    assert result.verdict is Verdict.APPLIES


def test_contradicting_derived_and_base_facts_are_an_error_naming_both() -> None:
    sources = {"vocab.ak": VOCABULARY, "tst-01.ak": requirement("p", None, ["q"])}
    with pytest.raises(InconsistentInputError) as caught:
        algokader.load_sources(sources).evaluate({"niveau": "hoog", "p": False})
    assert ("niveau", "hoog") in caught.value.facts
    assert ("p", "nee") in caught.value.facts
    assert "niveau = hoog" in str(caught.value)
