"""rs.evaluate's shared, lazy results against a plain reference: a fresh unshared session per system,
every answer worked out from the session's primitives (verdicts, outcomes, depends_on in order)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import algokader
from algokader import TypeKind, Verdict
from algokader._engine.evaluate import VERDICT_OF, Session
from algokader._engine.mdd import FALSE, Node
from algokader.testing import partial_systems, systems

RS = algokader.load()


def reference(system: dict[str, Any]) -> list[tuple[Any, ...]]:
    program = RS._program
    session = Session(program, RS._reader.read(system))
    rows = []
    for rid, info in RS.requirements.items():
        req = program.requirements[rid]
        verdict = VERDICT_OF[session.truth(req.applies)]
        region = session.region(req.applies)
        outcomes = {}
        for name, choice in req.outcomes.items():
            keys = session.possible(region, choice.values)
            kind = info.outcomes[name]
            outcomes[name] = tuple(k if kind is bool else kind(k) for k in keys)
        rows.append((rid, verdict, outcomes, session.dependencies([session.split(req.applies)])))
    return rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partial_systems(RS))
def test_evaluate_gives_the_reference_answers(system: dict[str, Any]) -> None:
    report = RS.evaluate(system)
    found = [(r.id, r.verdict, dict(r.possible_outcomes), r.depends_on) for r in report.values()]
    assert found == reference(system)
    for r in report.values():  # a value is given exactly when one is possible
        assert dict(r.outcomes) == {k: v[0] if len(v) == 1 else None for k, v in r.possible_outcomes.items()}


def reference_rank(session: Session, pairs: list[tuple[Node, Node]]) -> tuple[str, ...]:
    """:meth:`Session.dependencies` from its definition: a fact counts when quantifying it away
    leaves the two sides overlapping (``exists`` builds both); its score is the share of its
    consistent values (cofactors built one by one; a set fact's by projection) that settle every
    question."""
    s, program = session.scratch, session.program
    pairs = [p for p in pairs if p[0] != FALSE and p[1] != FALSE]
    mentioned = set().union(*(s.support(y) | s.support(n) for y, n in pairs)) if pairs else set()
    facts = sorted({program.var_fact[v] for v in mentioned}, key=lambda f: f.index)
    scores: dict[str, float] = {}
    for fact in facts:
        own = set(fact.variables)
        if not any(s.and_(s.exists(y, own), s.exists(n, own)) != FALSE for y, n in pairs):
            continue
        others = mentioned - own
        if len(own) == 1:
            (var,) = own
            settled = consistent = 0
            for value in range(s.arities[var]):
                cut = [
                    (s.cofactor(y, var, value, {}) != FALSE, s.cofactor(n, var, value, {}) != FALSE) for y, n in pairs
                ]
                if any(y or n for y, n in cut):
                    consistent += 1
                    settled += all(not (y and n) for y, n in cut)
            scores[fact.name] = settled / max(1, consistent)
            continue
        region = unsettled = FALSE
        for y, n in pairs:
            can_yes, can_no = s.exists(y, others), s.exists(n, others)
            region = s.or_(region, s.or_(can_yes, can_no))
            unsettled = s.or_(unsettled, s.and_(can_yes, can_no))
        variables = sorted(own)
        settles = s.count(s.and_(region, s.not_(unsettled)), variables)
        scores[fact.name] = settles / max(1, s.count(region, variables))
    return tuple(sorted(scores, key=lambda name: (-scores[name], program.facts[name].index)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partial_systems(RS), st.sampled_from([None, "2025-03-01", "2026-08-02", "2027-12-31"]))
def test_every_ranking_a_report_makes_is_the_reference_ranking(system: dict[str, Any], op: str | None) -> None:
    """Every question a whole report ranks facts for (verdicts, outcomes, and the time dimension's
    binds-on-date and governing line) ranked by the definition, in the same overlay."""
    asked: list[tuple[Session, list[tuple[Node, Node]], tuple[str, ...]]] = []
    original = Session.dependencies

    def recorded(self: Session, pairs: Iterable[tuple[Node, Node]]) -> tuple[str, ...]:
        pairs = list(pairs)
        found = original(self, pairs)
        asked.append((self, pairs, found))
        return found

    Session.dependencies = recorded  # type: ignore[method-assign]
    try:
        report = RS.evaluate(system, op=op)
        report.as_dict()
        for result in report.values():
            dict(result.outcome_depends_on)
        for session, pairs, found in asked:
            with session.scratch.lock:
                assert found == reference_rank(session, pairs)
    finally:
        Session.dependencies = original  # type: ignore[method-assign]
    assert asked


def test_shared_outcome_mappings_are_read_only() -> None:
    """Results in which no completion picks an outcome (no outcomes, or the requirement does not
    apply) share their mappings: none of them can be changed, and they read as before."""
    no = {name: False for name, fact in RS.facts.items() if not fact.derived and fact.kind is TypeKind.BOOL}
    shared = [r for r in RS.evaluate(no).values() if r.verdict is Verdict.DOES_NOT_APPLY or not r.requirement.outcomes]
    assert any(r.requirement.outcomes for r in shared) and any(not r.requirement.outcomes for r in shared)
    for r in shared:
        assert dict(r.outcomes) == dict.fromkeys(r.requirement.outcomes)
        assert dict(r.possible_outcomes) == dict.fromkeys(r.requirement.outcomes, ())
        for mapping in (r.outcomes, r.possible_outcomes):
            with pytest.raises(TypeError):
                mapping["x"] = None  # type: ignore[index]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partial_systems(RS), systems(RS))
def test_systems_one_fact_apart_get_the_reference_answers(start: dict[str, Any], full: dict[str, Any]) -> None:
    """Sessions share what depends only on a condition and the known values of the facts it mentions:
    systems one fact apart (the same values for most conditions, other ones for a few) each get
    their own answers."""
    system = dict(start)
    for name in list(full)[:12]:
        if name in system:
            del system[name]
        else:
            system[name] = full[name]
        report = RS.evaluate(system)
        assert [(r.id, r.verdict, dict(r.possible_outcomes), r.depends_on) for r in report.values()] == reference(
            system
        )


SMALL = {
    "f.ak": "feit p: ja/nee\nfeit q: ja/nee\nfeit k: een van {x, y, z}\nfeit s: verzameling van {a, b, c}\n",
    "r/tst-01.ak": 'vereiste tst-01\n    urn "urn:nl:ak:ver:tst-01"\n    titel "t"\n'
    "    van toepassing als (p en s bevat a en s bevat b) of (niet p en (s bevat a of k = x)) of (q en s bevat c)\n",
    "r/tst-02.ak": 'vereiste tst-02\n    urn "urn:nl:ak:ver:tst-02"\n    titel "t"\n'
    "    van toepassing als (s bevat a en s bevat b en s bevat c) of k = x\n",
}
# The same conditions restricted by different known values, each ranked by hand: with p known the
# rest is one diagram over s (and k); a set fact's share counts its subsets that settle it.
SMALL_RANKINGS = [
    # s ⊇ {a, b}: every subset settles it; tst-02: a third of k's values, one subset in eight
    ({"p": True, "q": False}, ("s",), ("k", "s")),
    ({"p": False, "q": False}, ("s", "k"), ("k", "s")),  # a ∈ s or k = x: half the subsets, a third of k
    ({"p": False, "q": False, "k": "y"}, ("s",), ("s",)),
    ({"q": False, "k": "y"}, ("s", "p"), ("s",)),  # a ∈ s and (b ∈ s or not p): 6 of 8 subsets, p neither value
    ({"p": True}, ("s", "q"), ("k", "s")),  # s ⊇ {a, b} or (q and c ∈ s)
    ({"p": True, "q": False}, ("s",), ("k", "s")),  # the first again, after the others filled the memos
]


def test_rankings_of_one_condition_under_different_known_values_are_each_its_own() -> None:
    """Rankings are kept with the shared overlay by the diagrams they are about (restrictions, a set
    fact's regions): systems that restrict the same conditions differently, one after the other in
    one rule set, each get their own, the same as in a rule set of their own."""
    shared = algokader.load_sources(SMALL)
    for system, *rankings in SMALL_RANKINGS:
        for rid, ranking in zip(("tst-01", "tst-02"), rankings, strict=False):
            assert shared.evaluate(system)[rid].depends_on == ranking, (rid, system)
            assert algokader.load_sources(SMALL).evaluate(system)[rid].depends_on == ranking, (rid, system)
            session = Session(shared._program, shared._reader.read(system))
            node = shared._program.requirements[rid].applies
            assert reference_rank(session, [session.split(node)]) == ranking, (rid, system)
