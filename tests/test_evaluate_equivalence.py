"""rs.evaluate's shared, lazy results against a plain reference: a fresh unshared session per system,
every answer worked out from the session's primitives (verdicts, outcomes, depends_on in order)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import algokader
from algokader import TypeKind, Verdict
from algokader._engine.evaluate import VERDICT_OF, Session
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
