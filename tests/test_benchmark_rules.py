"""The benchmark rule set (benchmarks/rules) against its other formulations in benchmarks/peers.py.

The rule files, ``peers.hand`` and the peer expressions are written independently; these
tests keep them in step on random and hand-picked systems. ``benchmarks/run.py`` checks the
same on many more systems (and the whole input space) before it times anything.
"""

from __future__ import annotations

import functools
import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import algokader
from algokader import RuleSet, Verdict

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _import_peers() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_peers", BENCHMARKS / "peers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


peers = _import_peers()


@functools.cache
def rule_set() -> RuleSet:
    return algokader.load(BENCHMARKS / "rules")


def verdict_value(verdict: Verdict) -> Any:
    return {Verdict.APPLIES: True, Verdict.DOES_NOT_APPLY: False}.get(verdict, verdict)


def reference_answer(system: dict[str, Any]) -> tuple[Any, ...]:
    """``rs.evaluate`` in the shape of ``peers.hand``: 40 verdicts, then the outcome values."""
    report = rule_set().evaluate(system)
    verdicts = tuple(verdict_value(report.verdicts[rid]) for rid in peers.REQUIREMENTS)
    return verdicts + tuple(report[rid].outcomes[name] for rid, name in peers.OUTCOMES)


def fast_path_answer(system: dict[str, Any]) -> tuple[Any, ...] | None:
    """The compiled fast path in the same shape, or None where this algokader has none."""
    if not hasattr(RuleSet, "predicates"):
        return None
    decisions = fast_path()(system)
    slots = [(peers.REQUIREMENTS.index(rid), name) for rid, name in peers.OUTCOMES]
    return tuple(verdict_value(d.verdict) for d in decisions) + tuple(decisions[i].outcomes[n] for i, n in slots)


@functools.cache
def fast_path() -> Any:
    return rule_set().predicates()


def system(**facts: Any) -> dict[str, Any]:
    """A complete system: nothing unless given (no roles, no annexes, every yes/no fact false)."""
    base: dict[str, Any] = {
        name: False if kind == peers.BOOL else frozenset() if kind == peers.SET else values[0]
        for name, (kind, values) in peers.FACTS.items()
    }
    base.update({name.replace("_", "-"): frozenset(v) if isinstance(v, set) else v for name, v in facts.items()})
    return base


# (system, the verdicts that must apply, the outcome values) — worked out from the rules' text.
HAND_PICKED: list[tuple[dict[str, Any], set[str], dict[str, Any]]] = [
    (system(soort_toepassing="geen-ai", rollen={"aanbieder"}, bijlage_iii={"biometrie"}), set(), {}),
    (system(rollen={"aanbieder"}, bijlage_iii={"biometrie"}, uitsluiting_artikel_2=True), set(), {}),
    (system(rollen={"aanbieder"}, open_source_licentie=True), set(), {}),  # article 2(12)
    (
        system(rollen={"aanbieder"}, open_source_licentie=True, transparantie_situaties={"interactie"}),
        {"bmk-01", "bmk-31", "bmk-40"},
        {},
    ),
    (
        system(rollen={"aanbieder"}, bijlage_iii={"biometrie"}, normen_toegepast=True, overheidsorgaan=True),
        {"bmk-01", "bmk-05", "bmk-07", "bmk-11", "bmk-14", "bmk-17"},
        {
            "bmk-14.route": "keuze-interne-controle-of-aangemelde-instantie",
            "bmk-14.beoordelaar": "markttoezichtautoriteit",
            "bmk-17.databank-deel": "beveiligd",
        },
    ),
    (
        system(rollen={"aanbieder"}, bijlage_i="afdeling-a", bijlage_iii={"biometrie"}),
        {"bmk-05", "bmk-11", "bmk-14", "bmk-17"},
        {"bmk-14.route": "sectorale-procedure", "bmk-14.beoordelaar": "aangemelde-instantie"},
    ),
    (
        system(rollen={"aanbieder"}, bijlage_iii={"werk-onderwijs"}, beroep_op_artikel_6_3=True),
        {"bmk-17", "bmk-18", "bmk-40"},
        {"bmk-14.route": None, "bmk-17.databank-deel": "openbaar"},
    ),
    (
        system(rollen={"aanbieder"}, bijlage_i="afdeling-b"),  # high risk, but outside chapter III
        {"bmk-01"},
        {"bmk-14.route": None},
    ),
    (
        system(
            rollen={"gebruiksverantwoordelijke"}, bijlage_iii={"werk-onderwijs"}, overheidsorgaan=True, profilering=True
        ),
        {"bmk-01", "bmk-23", "bmk-26", "bmk-27", "bmk-28", "bmk-29", "bmk-30"},
        {},
    ),
    (
        system(soort_toepassing="ai-model-algemeen", rollen={"aanbieder"}, open_source_licentie=True),
        {"bmk-37", "bmk-38"},
        {"bmk-35.bijlage-xi-afdeling-2": None},
    ),
    (
        system(soort_toepassing="ai-model-algemeen", rollen={"aanbieder"}, hoge_impactcapaciteiten=True),
        {"bmk-35", "bmk-36", "bmk-37", "bmk-38", "bmk-39"},
        {"bmk-35.bijlage-xi-afdeling-2": True},
    ),
    (
        system(rollen={"aanbieder"}, verboden_praktijk={"sociale-scoring"}),
        {"bmk-01", "bmk-02", "bmk-04"},
        {},
    ),
]


def assert_agree(name: str, got: tuple[Any, ...], expected: tuple[Any, ...], system: dict[str, Any]) -> None:
    if not peers.same_answer(got, expected):
        named, wanted = peers.describe(got), peers.describe(expected)
        differ = {k: (named.get(k), wanted[k]) for k in wanted if not peers.same_answer((named.get(k),), (wanted[k],))}
        pytest.fail(f"{name} disagrees with peers.hand on {system}: {differ} (answer, hand)")


def test_rule_set_loads_without_warnings() -> None:
    rs = rule_set()
    assert rs.warnings == ()
    assert tuple(rs.requirements) == peers.REQUIREMENTS
    facts = {f.name: (f.kind.name.lower(), f.values) for f in rs.facts.values() if not f.derived}
    assert facts == {name: (kind, values) for name, (kind, values) in peers.FACTS.items()}
    for rid, name in peers.OUTCOMES:
        assert name in rs.requirements[rid].outcomes


def test_input_space() -> None:
    assert peers.SPACE_SIZE == 786_432
    assert peers.system_at(0) == next(peers.all_systems())
    assert peers.system_at(peers.SPACE_SIZE - 1) == {name: values[-1] for name, values in peers.DOMAINS.items()}


@pytest.mark.parametrize(("case", "applying", "outcomes"), HAND_PICKED, ids=[str(i) for i in range(len(HAND_PICKED))])
def test_hand_picked(case: dict[str, Any], applying: set[str], outcomes: dict[str, Any]) -> None:
    expected = peers.hand(case)
    named = peers.describe(expected)
    assert {rid for rid in peers.REQUIREMENTS if named[rid]} >= applying
    assert {k: named[k] for k in outcomes} == outcomes
    assert_agree("rs.evaluate", reference_answer(case), expected, case)
    fast = fast_path_answer(case)
    if fast is not None:
        assert_agree("rs.predicates", fast, expected, case)


def test_random_systems_agree() -> None:
    rng = random.Random(6)
    cases = peers.uniform_systems(150, rng) + peers.random_systems(250, rng)
    applying = 0
    for case in cases:
        expected = peers.hand(case)
        applying += any(expected[: len(peers.REQUIREMENTS)])
        assert_agree("rs.evaluate", reference_answer(case), expected, case)
        fast = fast_path_answer(case)
        if fast is not None:
            assert_agree("rs.predicates", fast, expected, case)
    assert applying > 150  # the sample reaches the interesting part of the rules


@pytest.mark.parametrize("peer", peers.PEERS, ids=[p.name for p in peers.PEERS])
def test_peer_agrees_with_hand(peer: Any) -> None:
    pytest.importorskip(peer.module)
    engine = peer.compile()
    cases = [case for case, _, _ in HAND_PICKED] + peers.random_systems(20, random.Random(7))
    for case in cases:
        assert_agree(peer.name, engine.evaluate(engine.prepare(case)), peers.hand(case), case)
