"""Benchmarks for algokader: against a hand-written function and peer rule engines, load time, memory.

Run on demand (not part of the test suite)::

    python benchmarks/run.py --quick --json out.json   # about two minutes
    python benchmarks/run.py --json out.json           # the longer default run
    python benchmarks/run.py --quick --alternatives    # also the peers' slower formulations

What is measured (README.md explains every figure):

1. The benchmark rule set ``benchmarks/rules`` (40 AI-Act-style requirements, 4 outcome
   values, 13 facts, 786,432 possible systems), written three more times in ``peers.py``: by
   hand (``peers.hand``) and for the peer engines (datalogic-py, zen-engine, rule-engine,
   cel-python, panzi-json-logic). Before anything is timed, algokader's fast path
   (``rs.predicates()``) and reference interpreter (``rs.evaluate``) and every peer must
   agree with ``hand`` on every system they are timed on (and more). Then: compile time,
   complete systems per second and the ratio to ``hand``, partial systems (~30% of the facts
   unknown: exact three-valued verdicts with ``depends_on``), and the whole input space
   enumerated through the fast path and ``hand`` (every input in the full run, every 31st
   with ``--quick``), each answer compared.
2. ``load_ms``: a fresh ``python -c "import algokader; algokader.load()"`` of the bundled set
   (bytecode cached, median), against the baseline of the same run: a fresh ``load_sources()`` of
   the same files, which always compiles (``load_ms_without_cache``); and where an in-process load
   spends its time (``load_breakdown``: reading, cache key, decoding the cached entry, RuleSet).
3. The bundled set: aia-14 against ``hand_aia14`` (fast path and reference), every verdict
   of the bundled set, partial systems with ``depends_on``, exact partial verdicts by
   enumerating completions versus the decision diagram.
4. Peak memory (tracemalloc) of loading and evaluating, in a fresh process.
5. ``next_question_p95_ms``: ``Interview.next_question()`` over whole interviews of all
   requirements by benchmarks/interview.py's simulated respondents (each checked to end at
   ``evaluate()``'s answer); ``server_p95_ms``: benchmarks/web.py's load test (``algokader serve``,
   16 clients on loopback; the worst p95 of ``/api/check`` and ``/api/interview``).

The table shows each target of issue 17 (load_ms, partial_systems_per_s, next_question_p95_ms,
server_p95_ms, fast_path_ratio, peer_speedup) as met or NOT MET; ``--json`` writes them all.

Timings are the best of several interleaved rounds with the garbage collector off.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import itertools
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import interview as interview_bench  # benchmarks/interview.py
import peers  # benchmarks/peers.py, next to this script

import algokader
import web as web_bench  # benchmarks/web.py
from algokader import FactInfo, RuleSet, TypeKind, Verdict

BENCH_RULES = Path(__file__).resolve().with_name("rules")
REQUIREMENT = "aia-14"
OUTCOMES = ("route", "beoordelaar", "herbeoordeling")
DROP_PROBABILITY = 0.3
HAND_RUNS_PER_ROUND = 5
ENUMERATION_CAP = 4096
COMPILE_RUNS = 3

# Targets of issue 17 (and of issue 6 for the reference interpreter).
FAST_PATH_TARGET = 1.2  # fast path time / hand time, at most
PEER_SPEEDUP_TARGET = 5.0  # fastest peer's time / fast path time, at least
REFERENCE_TARGET = 8.0  # reference interpreter time / hand time, at most
LOAD_TARGET_MS = 100.0  # fresh import + load of the bundled set, bytecode cached, at most
PARTIAL_TARGET = 5000.0  # bundled set, partial systems with depends_on, per second, at least
NEXT_QUESTION_TARGET_MS = 20.0  # p95 of Interview.next_question() over the bundled set, at most
SERVER_TARGET_MS = 50.0  # p95 of /api/check and /api/interview under 16 concurrent clients, at most

System = dict[str, Any]  # fact name -> bool | str | set[str] | datetime.date
Answer = tuple[bool, str | None, str | None, bool | None]  # applies, route, beoordelaar, herbeoordeling
FAST_PATH = hasattr(RuleSet, "predicates")  # rs.predicates() / rs.predicate(): the compiled fast path


@dataclass(frozen=True)
class Settings:
    """How much work one run does."""

    systems: int  # complete systems, timed (both rule sets)
    extra_checked: int  # further complete systems, only checked
    partial: int  # partial systems, timed
    completions: int  # random completions checked per partial system
    repeats: int  # best of this many timed runs
    secondary_repeats: int  # the same for the bundled set's (secondary) figures
    load_runs: int  # subprocess and in-process load runs (median)
    peer_seconds: float  # a peer's timed batch is sized to take about this long
    peer_check_seconds: float  # and it is checked on as many systems as fit in this time (at least its batch)
    enumeration_stride: int  # the benchmark input space enumerated: every input (1) or every n-th
    diagram_systems: int  # partial systems for enumeration versus diagram
    memory_systems: int  # complete systems evaluated in the memory probes
    interview_systems: int  # of benchmarks/interview.py's SYSTEMS: interviews run to the end (all requirements)
    server_requests: int  # requests per endpoint against `algokader serve` (0: not measured)
    server_seconds: float  # and at most this long per endpoint
    seed: int


# Both modes time the same batch sizes, so their figures compare (a bigger batch of dicts
# falls out of the CPU caches and slows the hand-written functions more than algokader);
# the default run checks more systems, enumerates the whole input space and repeats more.
QUICK = Settings(
    systems=4_000,
    extra_checked=4_000,
    partial=300,
    completions=2,
    repeats=5,
    secondary_repeats=2,
    load_runs=5,
    peer_seconds=0.08,
    peer_check_seconds=0.3,
    enumeration_stride=31,
    diagram_systems=100,
    memory_systems=1_000,
    interview_systems=8,
    server_requests=96,
    server_seconds=15.0,
    seed=20240,
)
FULL = Settings(
    systems=4_000,
    extra_checked=60_000,
    partial=800,
    completions=4,
    repeats=15,
    secondary_repeats=7,
    load_runs=15,
    peer_seconds=0.4,
    peer_check_seconds=4.0,
    enumeration_stride=1,
    diagram_systems=200,
    memory_systems=4_000,
    interview_systems=len(interview_bench.SYSTEMS),
    server_requests=2_000,
    server_seconds=120.0,
    seed=20240,
)


class Disagreement(AssertionError):
    """Two formulations of the same rules answer differently for one system."""

    def __init__(self, problem: str, system: Mapping[str, Any], got: object, expected: object) -> None:
        shown = {name: sorted(value) if isinstance(value, set | frozenset) else value for name, value in system.items()}
        super().__init__(
            f"{problem}\n  system:   {json.dumps(shown, default=str)}\n  answer:   {got!r}\n  expected: {expected!r}"
        )


def answer_disagreement(
    engine: str, system: Mapping[str, Any], got: Sequence[Any], expected: Sequence[Any]
) -> Disagreement:
    """A disagreement with ``peers.hand``, naming the verdicts and outcomes that differ."""
    got_named, expected_named = peers.describe(got), peers.describe(expected)
    differ = [k for k in expected_named if not peers.same_answer((got_named.get(k),), (expected_named[k],))]
    return Disagreement(
        f"{engine} disagrees with peers.hand on {', '.join(differ) or 'the length of the answer'}",
        system,
        {k: got_named.get(k) for k in differ} if differ else got,
        {k: expected_named[k] for k in differ} if differ else expected,
    )


# --- timing


def timed(work: Callable[[], object]) -> float:
    """One run of ``work`` in seconds, with the garbage collector off (as timeit does)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start
    finally:
        if enabled:
            gc.enable()


def best_times(works: Sequence[tuple[Callable[[], object], int]], rounds: int) -> list[float]:
    """The fastest run of each ``(work, runs per round)`` over ``rounds`` interleaved rounds.

    Interleaving lets every work see the same machine conditions, which steadies their ratio.
    """
    best = [math.inf] * len(works)
    for _ in range(rounds):
        for index, (work, runs) in enumerate(works):
            for _ in range(runs):
                best[index] = min(best[index], timed(work))
    return best


def fresh_process_ms(code: str, runs: int, bytecode: str | None = None) -> float:
    """Median wall time of ``python -c code`` in a new interpreter, in milliseconds.

    With ``bytecode`` (a folder), modules are compiled once into it and read from there, as
    from the ``.pyc`` files pip writes when it installs a package; without it, as the
    environment says (``PYTHONDONTWRITEBYTECODE`` makes every process compile from source).
    """
    env = dict(os.environ)
    if bytecode is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = bytecode
        subprocess.run([sys.executable, "-c", code], check=True, env=env)  # writes the bytecode
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def in_process_load_ms(runs: int) -> tuple[float, float]:
    """The first ``algokader.load()`` of this process and the median of later ones."""
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        algokader.load()
        times.append(time.perf_counter() - start)
    return times[0] * 1000, statistics.median(times[1:]) * 1000


def best_ms(work: Callable[[], object], runs: int) -> float:
    return min(timed(work) for _ in range(runs)) * 1000


# --- the benchmark rule set: algokader's answers in peers.hand's shape

OUTCOME_SLOTS = tuple((peers.REQUIREMENTS.index(rid), name) for rid, name in peers.OUTCOMES)


def verdict_value(verdict: Verdict) -> bool | Verdict:
    """APPLIES and DOES_NOT_APPLY as bools; UNKNOWN (wrong for complete input) stays itself and so differs."""
    return True if verdict is Verdict.APPLIES else False if verdict is Verdict.DOES_NOT_APPLY else verdict


def decisions_answer(decisions: Sequence[Any]) -> tuple[Any, ...]:
    """The fast path's Decisions (or reference Results) as an answer of ``peers.hand``."""
    verdicts = tuple(verdict_value(d.verdict) for d in decisions)
    return verdicts + tuple(decisions[index].outcomes[name] for index, name in OUTCOME_SLOTS)


def fast_path(rs: RuleSet) -> Callable[[object], tuple[Any, ...]]:
    """``rs.predicates()``; before that API existed, the reference interpreter in the same shape."""
    if FAST_PATH:
        return rs.predicates()
    return lambda system: tuple(rs.evaluate(system).values())


def check_vocabulary(rs: RuleSet) -> None:
    """benchmarks/rules and peers.py describe the same facts, requirements and outcomes."""
    facts = {f.name: (f.kind.name.lower(), f.values) for f in rs.facts.values() if not f.derived}
    if facts != peers.FACTS:
        raise SystemExit(f"benchmarks/rules and peers.FACTS describe different facts:\n  {facts}\n  {peers.FACTS}")
    if tuple(rs.requirements) != peers.REQUIREMENTS:
        raise SystemExit(f"benchmarks/rules has requirements {list(rs.requirements)}, peers.py {peers.REQUIREMENTS}")
    for rid, name in peers.OUTCOMES:
        if name not in rs.requirements[rid].outcomes:
            raise SystemExit(f"benchmarks/rules: {rid} has no outcome {name}")
    if rs.warnings:
        raise SystemExit(f"benchmarks/rules loads with warnings: {rs.warnings}")


def check_algokader(rs: RuleSet, fast: Callable[[object], Any], systems: Iterable[System]) -> Counter[int]:
    """The fast path and the reference interpreter agree with peers.hand; count requirements applying."""
    applying: Counter[int] = Counter()
    for system in systems:
        expected = peers.hand(system)
        got = decisions_answer(fast(system))
        if not peers.same_answer(got, expected):
            raise answer_disagreement("the fast path (rs.predicates)", system, got, expected)
        got = decisions_answer(tuple(rs.evaluate(system).values()))
        if not peers.same_answer(got, expected):
            raise answer_disagreement("the reference interpreter (rs.evaluate)", system, got, expected)
        applying[sum(expected[: len(peers.REQUIREMENTS)])] += 1
    return applying


@dataclass
class PeerRun:
    peer: peers.Peer
    engine: peers.Engine
    compile_ms: float
    batch: list[Any]  # prepared systems, timed
    checked: int


def prepare_peer(peer: peers.Peer, systems: Sequence[System], timed_count: int, settings: Settings) -> PeerRun:
    """Compile (timed), size the timed batch (a prefix of the first ``timed_count`` systems) to the
    engine's speed, and check the engine against peers.hand on at least that batch."""
    compile_ms = best_ms(peer.compile, COMPILE_RUNS)
    engine = peer.compile()
    # Calibrate: evaluate systems one by one for about 50 ms (at most 200).
    prepared = [engine.prepare(s) for s in systems[:200]]
    for data in prepared[:3]:  # warm up
        engine.evaluate(data)
    count, start = 0, time.perf_counter()
    while count < len(prepared) and time.perf_counter() - start < 0.05:
        engine.evaluate(prepared[count])
        count += 1
    per_system = (time.perf_counter() - start) / count
    batch_size = max(5, min(timed_count, round(settings.peer_seconds / per_system)))
    checked = min(len(systems), max(batch_size, round(settings.peer_check_seconds / per_system)))
    prepared += [engine.prepare(s) for s in systems[len(prepared) : checked]]
    for system, data in zip(systems[:checked], prepared, strict=False):
        got, expected = engine.evaluate(data), peers.hand(system)
        if not peers.same_answer(got, expected):
            raise answer_disagreement(peer.name, system, got, expected)
    return PeerRun(peer, engine, compile_ms, prepared[:batch_size], checked)


def complete_partial(partial: Mapping[str, Any], rng: random.Random) -> System:
    return {**peers.random_systems(1, rng)[0], **partial}


def check_bench_partial(
    rs: RuleSet,
    fast: Callable[[object], Any],
    pairs: Sequence[tuple[System, System]],
    completions: int,
    rng: random.Random,
) -> Counter[Verdict]:
    """Partial answers of the benchmark set, checked against completions with peers.hand.

    A settled verdict must hold in every completion and a known outcome value wherever its
    requirement applies; ``depends_on`` names only unknown facts and is empty exactly when the
    verdict is settled. The fast path must give the reference's verdicts and outcome values.
    """
    verdicts: Counter[Verdict] = Counter()
    for complete, partial in pairs:
        report = rs.evaluate(partial)
        results = tuple(report.values())
        answer = decisions_answer(results)
        missing = set(peers.FACTS) - partial.keys()
        fast_answer = decisions_answer(fast(partial))
        if fast_answer != answer:
            raise Disagreement("the fast path and rs.evaluate differ on partial input", partial, fast_answer, answer)
        for result in results:
            verdicts[result.verdict] += 1
            if not set(result.depends_on) <= missing:
                raise Disagreement(f"{result.id}: depends_on names a known fact", partial, result.depends_on, missing)
            if (result.verdict is Verdict.UNKNOWN) != bool(result.depends_on):
                raise Disagreement(f"{result.id}: depends_on does not fit the verdict", partial, result, missing)
        for candidate in [complete] + [complete_partial(partial, rng) for _ in range(completions)]:
            expected = peers.hand(candidate)
            for index, rid in enumerate(peers.REQUIREMENTS):
                verdict = results[index].verdict
                if verdict is not Verdict.UNKNOWN and (verdict is Verdict.APPLIES) != expected[index]:
                    raise Disagreement(f"{rid}: verdict fails for completion {candidate}", partial, verdict, expected)
            for slot, (index, name) in enumerate(OUTCOME_SLOTS, len(peers.REQUIREMENTS)):
                known = answer[slot]
                if expected[index] and known is not None and known != expected[slot]:
                    raise Disagreement(f"outcome {name} fails for completion {candidate}", partial, known, expected)
    return verdicts


def space(stride: int) -> Iterator[System]:
    """The benchmark input space: all of it, or every ``stride``-th system."""
    if stride == 1:
        return peers.all_systems()
    return (peers.system_at(index) for index in range(0, peers.SPACE_SIZE, stride))


def enumerate_space(fast: Callable[[object], Any], stride: int) -> dict[str, Any]:
    """Every system of the (sampled) input space through the fast path and peers.hand: every answer
    compared, then one timed pass of each (generating the systems is timed on its own)."""
    inputs, applying = 0, 0
    answers: set[tuple[Any, ...]] = set()
    for system in space(stride):
        expected = peers.hand(system)
        got = decisions_answer(fast(system))
        if not peers.same_answer(got, expected):
            raise answer_disagreement("the fast path (exhaustive enumeration)", system, got, expected)
        inputs += 1
        applying += any(expected[: len(peers.REQUIREMENTS)])
        answers.add(expected)

    def generate() -> None:
        for _ in space(stride):
            pass

    def through_fast_path() -> None:
        for system in space(stride):
            fast(system)

    def through_hand() -> None:
        hand = peers.hand
        for system in space(stride):
            hand(system)

    generation, fast_s, hand_s = timed(generate), timed(through_fast_path), timed(through_hand)
    return {
        "inputs": inputs,
        "space_size": peers.SPACE_SIZE,
        "stride": stride,
        "exhaustive": stride == 1,
        "agree": True,
        "applying_any": applying,
        "distinct_answers": len(answers),
        "generation_s": round(generation, 3),
        "fast_path_s": round(fast_s, 3),
        "hand_s": round(hand_s, 3),
        "fast_path_over_hand": round((fast_s - generation) / (hand_s - generation), 2) if hand_s > generation else None,
    }


# Runs in a fresh interpreter: the systems arrive as JSON on stdin (sets as lists), then
# tracemalloc follows algokader.load() and the evaluation of every system (argv[1]: a rule
# directory, or "" for the bundled set; with a directory the fast path evaluates them too).
MEMORY_PROBE = """
import json, sys, tracemalloc
import algokader
path = sys.argv[1] or None
systems = [{k: set(v) if isinstance(v, list) else v for k, v in s.items()} for s in json.load(sys.stdin)]
tracemalloc.start()
rs = algokader.load(path)
if path and hasattr(rs, "predicates"):
    fast = rs.predicates()
    for system in systems:
        fast(system)
for system in systems:
    rs.evaluate(system)
print(tracemalloc.get_traced_memory()[1])
"""


def peak_memory_kb(systems: Sequence[Mapping[str, Any]], rules: Path | None = None) -> float:
    """Peak traced memory of load plus evaluating ``systems``, in a fresh process, in KiB."""
    payload = json.dumps(
        [{k: sorted(v) if isinstance(v, set | frozenset) else v for k, v in s.items()} for s in systems], default=str
    )
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(rules or "")],
        input=payload,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip()) / 1024


def benchmark_set(settings: Settings, rng: random.Random, alternatives: bool = False) -> dict[str, Any]:
    """Everything measured on benchmarks/rules."""
    load_ms = best_ms(lambda: algokader.load(BENCH_RULES), COMPILE_RUNS)
    rs = algokader.load(BENCH_RULES)
    check_vocabulary(rs)
    build_ms = best_ms(lambda: fast_path(rs), COMPILE_RUNS)
    fast = fast_path(rs)
    systems = peers.random_systems(settings.systems, rng)
    extra = peers.random_systems(settings.extra_checked, rng)
    applying = check_algokader(rs, fast, systems + extra)

    available, skipped = peers.available_peers(alternatives=alternatives)
    runs = [prepare_peer(peer, systems + extra, len(systems), settings) for peer in available]

    hand = peers.hand
    slots = [(rid, name) for rid, name in peers.OUTCOMES]

    def run_hand() -> None:
        for system in systems:
            hand(system)

    def run_fast() -> None:
        for system in systems:
            fast(system)

    def run_reference() -> None:
        evaluate = rs.evaluate
        for system in systems:
            report = evaluate(system)
            _ = report.verdicts
            for rid, name in slots:
                _ = report[rid].outcomes[name]

    def run_peer(run: PeerRun) -> Callable[[], None]:
        evaluate, batch = run.engine.evaluate, run.batch

        def work() -> None:
            for data in batch:
                evaluate(data)

        return work

    times = best_times(
        [(run_hand, HAND_RUNS_PER_ROUND), (run_fast, 1), (run_reference, 1), *((run_peer(r), 1) for r in runs)],
        settings.repeats,
    )
    n = len(systems)
    hand_per, fast_per, reference_per = (t / n for t in times[:3])
    engines: dict[str, dict[str, Any]] = {
        "hand-written": {"compile_ms": None, "per_s": round(1 / hand_per), "ratio": 1.0, "batch": n, "checked": n},
        "algokader fast path": {
            "compile_ms": round(load_ms + build_ms, 2),
            "per_s": round(1 / fast_per),
            "ratio": round(fast_per / hand_per, 2),
            "batch": n,
            "checked": n + len(extra),
            "how": f"rs.predicates(); compile = load {load_ms:.1f} ms + build {build_ms:.1f} ms",
        },
        "algokader reference": {
            "compile_ms": round(load_ms, 2),
            "per_s": round(1 / reference_per),
            "ratio": round(reference_per / hand_per, 2),
            "batch": n,
            "checked": n + len(extra),
            "how": "rs.evaluate(): all verdicts and the outcome values (the interpreter behind explanations)",
        },
    }
    for run, total in zip(runs, times[3:], strict=True):
        per = total / len(run.batch)
        engines[run.peer.name] = {
            "compile_ms": round(run.compile_ms, 2),
            "per_s": round(1 / per),
            "ratio": round(per / hand_per, 2),
            "batch": len(run.batch),
            "checked": run.checked,
            "how": run.peer.how,
        }
    fastest = min((r.peer.name for r in runs), key=lambda name: 1 / engines[name]["per_s"], default=None)

    # Partial systems: ~30% of the facts unknown.
    pairs = [(s, {k: v for k, v in s.items() if rng.random() >= DROP_PROBABILITY}) for s in systems[: settings.partial]]
    partial = [p for _, p in pairs]
    partial_verdicts = check_bench_partial(rs, fast, pairs, settings.completions, rng)

    def run_partial() -> None:
        for system in partial:
            for result in rs.evaluate(system).values():
                _ = (result.verdict, result.outcomes, result.depends_on)

    def run_partial_fast() -> None:
        for system in partial:
            fast(system)

    partial_s, partial_fast_s = best_times([(run_partial, 1), (run_partial_fast, 1)], settings.repeats)
    enumeration = enumerate_space(fast, settings.enumeration_stride)
    memory = peak_memory_kb(systems[: settings.memory_systems] + partial, BENCH_RULES)

    return {
        "engines": engines,
        "skipped": skipped,
        "fastest_peer": fastest,
        "fast_path_ratio": engines["algokader fast path"]["ratio"],
        "reference_ratio": engines["algokader reference"]["ratio"],
        "peer_speedup": round(engines[fastest]["ratio"] / engines["algokader fast path"]["ratio"], 2)
        if fastest
        else None,
        "partial_systems_per_s": round(len(partial) / partial_s),
        "partial_fast_path_per_s": round(len(partial) / partial_fast_s),
        "partial_verdicts": {verdict.value: partial_verdicts[verdict] for verdict in Verdict},
        "partial_systems": len(partial),
        "enumeration": enumeration,
        "peak_memory_kb": round(memory, 1),
        "systems_checked": sum(applying.values()),
        "systems_applying_any": sum(count for k, count in applying.items() if k),
        "mean_requirements_applying": round(sum(k * c for k, c in applying.items()) / sum(applying.values()), 2),
    }


# --- the bundled set: aia-14, written by hand


AI_SYSTEEM = frozenset({"ai-systeem", "ai-systeem-voor-algemene-doeleinden"})
BIOMETRIE = frozenset({"1a", "1b", "1c"})
MARKTTOEZICHT_GEBRUIKERS = frozenset({"rechtshandhaving", "migratie", "asiel", "eu-instelling"})
NOT_APPLICABLE: Answer = (False, None, None, None)
EXCLUSIONS = frozenset(
    {
        "militair-defensie-nationale-veiligheid",
        "rechtshandhaving-derde-land",
        "wetenschappelijk-onderzoek",
        "onderzoek-voor-markt",
    }
)


def hand_aia14(s: Mapping[str, Any]) -> Answer:
    """aia-14 for a complete system, from requirements/ai-verordening.ak and requirements/aia-14.ak.

    The definition ``verboden`` is not needed: aia-14 only reaches ``verboden-praktijk``
    through ``open-source-uitgezonderd``.
    """
    # ai-verordening.ak
    soort = s["soort-toepassing"]
    ai_systeem = soort in AI_SYSTEEM
    bijlage_iii = s["bijlage-iii"]
    derde_partij = s["bijlage-i-derde-partij"]
    hoog_risico_i_a = ai_systeem and s["bijlage-i"] == "afdeling-a" and derde_partij
    roles = s["rol-ai-act"]
    aanbieder = (
        "aanbieder" in roles
        or len(s["aanbieder-door-wijziging"]) > 0
        or ("productfabrikant" in roles and hoog_risico_i_a and s["onder-naam-productfabrikant"])  # Art. 25(3)
    )
    hoog_risico_i_b = ai_systeem and s["bijlage-i"] == "afdeling-b" and derde_partij
    hoog_risico_iii = (
        ai_systeem and len(bijlage_iii) > 0 and (s["profilering"] or s["uitzondering-artikel-6-3"] == "geen")
    )
    hoog_risico = hoog_risico_i_a or hoog_risico_i_b or hoog_risico_iii
    hoog_risico_hoofdstuk_iii = hoog_risico_i_a or hoog_risico_iii
    open_source_uitgezonderd = (
        ai_systeem
        and s["open-source-licentie"]
        and not hoog_risico
        and len(s["verboden-praktijk"]) == 0
        and len(s["transparantie-situaties"]) == 0
    )
    # Art. 2(10) (persoonlijk-gebruik) only removes the deployer role; aia-14 needs an AI system, so the
    # model branch of binnen-reikwijdte and alleen-bijlage-i-b never decide it.
    uitgesloten = not EXCLUSIONS.isdisjoint(s["uitsluiting-reikwijdte"])
    binnen_reikwijdte = ai_systeem and not uitgesloten and not open_source_uitgezonderd
    # aia-14.ak: van toepassing als ...
    if not (binnen_reikwijdte and aanbieder and hoog_risico_hoofdstuk_iii):
        return NOT_APPLICABLE

    biometrie = not BIOMETRIE.isdisjoint(bijlage_iii)
    normen_volledig = (
        s["geharmoniseerde-normen"] == "volledig-toegepast" or s["gemeenschappelijke-specificaties"] == "toegepast"
    )

    route: str | None = None
    if hoog_risico_i_a:
        route = "sectorale-procedure"
    elif biometrie and normen_volledig:
        route = "keuze-interne-controle-of-aangemelde-instantie"
    elif biometrie:
        route = "aangemelde-instantie"
    elif hoog_risico_iii:
        route = "interne-controle"

    beoordelaar: str | None = None
    if hoog_risico_i_a and s["sectorale-zelfbeoordeling"] and normen_volledig:
        beoordelaar = "aanbieder"
    elif hoog_risico_i_a:
        beoordelaar = "sectorale-aangemelde-instantie"
    elif biometrie and normen_volledig and s["gekozen-procedure"] == "bijlage-vi":
        beoordelaar = "aanbieder"
    elif biometrie and not MARKTTOEZICHT_GEBRUIKERS.isdisjoint(s["beoogde-gebruiker"]):
        beoordelaar = "markttoezichtautoriteit"
    elif biometrie:
        beoordelaar = "aangemelde-instantie"
    elif hoog_risico_iii:
        beoordelaar = "aanbieder"

    herbeoordeling = bool(s["substantiele-wijziging"] or "substantiele-wijziging" in s["aanbieder-door-wijziging"])
    return True, route, beoordelaar, herbeoordeling


def aia14_answer(result: Any) -> tuple[Any, ...]:
    """A Decision or Result of aia-14 as ``(verdict, route, beoordelaar, herbeoordeling)``."""
    return (result.verdict, *(result.outcomes[name] for name in OUTCOMES))


def aia14_fast_path(rs: RuleSet) -> Callable[[object], Any]:
    if FAST_PATH:
        return rs.predicate(REQUIREMENT)
    return lambda system: rs.evaluate(system, only=[REQUIREMENT])[REQUIREMENT]


def base_facts(rs: RuleSet) -> list[FactInfo]:
    """The facts a caller gives (not the derived definitions), in vocabulary order."""
    return [fact for fact in rs.facts.values() if not fact.derived]


def random_value(fact: FactInfo, rng: random.Random) -> Any:
    """A random value from the fact's domain; half of the sets are empty, the rest have 1-3 elements."""
    if fact.kind is TypeKind.BOOL:
        return rng.random() < 0.5
    if fact.kind is TypeKind.ENUM:
        return rng.choice(fact.values)
    if fact.kind is TypeKind.SET:
        if rng.random() < 0.5:
            return set()
        return set(rng.sample(fact.values, rng.randint(1, min(3, len(fact.values)))))
    if fact.kind is TypeKind.DATE:
        return datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(6 * 365))
    raise ValueError(f"no generator for {fact.kind}")


def complete_systems(facts: Sequence[FactInfo], count: int, rng: random.Random) -> list[System]:
    return [{fact.name: random_value(fact, rng) for fact in facts} for _ in range(count)]


def drop_facts(system: System, rng: random.Random, probability: float = DROP_PROBABILITY) -> System:
    return {name: value for name, value in system.items() if rng.random() >= probability}


def check_complete(rs: RuleSet, fast: Callable[[object], Any], systems: Sequence[System]) -> Counter[Answer]:
    """Assert that the fast path, the reference and hand_aia14 agree on every complete system; count the answers."""
    seen: Counter[Answer] = Counter()
    for system in systems:
        hand = hand_aia14(system)
        for name, result in (("fast path", fast(system)), ("rs.evaluate", rs.evaluate(system)[REQUIREMENT])):
            verdict, *outcomes = aia14_answer(result)
            if verdict is Verdict.UNKNOWN or (verdict is Verdict.APPLIES) != hand[0]:
                raise Disagreement(f"aia-14 verdicts differ ({name})", system, (verdict, *outcomes), hand)
            if tuple(outcomes) != hand[1:]:
                raise Disagreement(f"aia-14 outcomes differ ({name})", system, (verdict, *outcomes), hand)
            if outcomes[2] is not None and not isinstance(outcomes[2], bool):
                raise Disagreement(f"herbeoordeling is not a bool ({name})", system, (verdict, *outcomes), hand)
        seen[hand] += 1
    return seen


def check_partial(
    rs: RuleSet,
    facts: Sequence[FactInfo],
    pairs: Sequence[tuple[System, System]],
    completions: int,
    rng: random.Random,
) -> Counter[Verdict]:
    """Check each partial answer against completions of the partial system.

    A settled verdict must hold in every completion, a known outcome in every completion in
    which aia-14 applies, and ``depends_on`` may only name facts that were left out. The
    complete system a partial one was made from is always one of the completions.
    """
    verdicts: Counter[Verdict] = Counter()
    for complete, partial in pairs:
        result = rs.evaluate(partial)[REQUIREMENT]
        verdicts[result.verdict] += 1
        answer = (result.verdict, dict(result.outcomes), result.depends_on)
        missing = {fact.name for fact in facts} - partial.keys()
        if not set(result.depends_on) <= missing:
            raise Disagreement("depends_on names a known fact", partial, answer, sorted(missing))
        if result.verdict is Verdict.UNKNOWN and not result.depends_on:
            raise Disagreement("unknown verdict without depends_on", partial, answer, sorted(missing))
        candidates = [complete] + [
            {**{fact.name: random_value(fact, rng) for fact in facts}, **partial} for _ in range(completions)
        ]
        for candidate in candidates:
            hand = hand_aia14(candidate)
            if result.verdict is not Verdict.UNKNOWN and (result.verdict is Verdict.APPLIES) != hand[0]:
                raise Disagreement(f"verdict fails for completion {candidate}", partial, answer, hand)
            if not hand[0]:
                continue
            for name, value in zip(OUTCOMES, hand[1:], strict=True):
                known = result.outcomes[name]
                if known is not None and known != value:
                    raise Disagreement(f"outcome {name} fails for completion {candidate}", partial, answer, hand)
    return verdicts


def enumeration_vs_diagram(rs: RuleSet, systems: Sequence[System], cap: int) -> dict[str, Any]:
    """Exact aia-14 verdicts for partial systems two ways: by enumerating every completion of the
    unknown facts aia-14 reads (each completion through the fast path), and by the decision diagram.
    Enumeration is only attempted where it has at most ``cap`` completions."""
    program = rs._program  # internal: which facts aia-14's condition reads
    applies = program.requirements[REQUIREMENT].applies
    read = sorted({program.var_fact[v].name for v in program.manager.support(applies)})
    facts = {fact.name: fact for fact in base_facts(rs)}
    fast = aia14_fast_path(rs)

    def domain(fact: FactInfo) -> list[Any]:
        if fact.kind is TypeKind.BOOL:
            return [False, True]
        if fact.kind is TypeKind.SET:
            return [set(c) for r in range(len(fact.values) + 1) for c in itertools.combinations(fact.values, r)]
        return list(fact.values)

    feasible: list[tuple[System, list[str], list[list[Any]]]] = []
    for system in systems:
        unknown = [name for name in read if name not in system]
        size = math.prod(
            2 ** len(facts[n].values) if facts[n].kind is TypeKind.SET else len(facts[n].values) or 2 for n in unknown
        )
        if size <= cap:
            feasible.append((system, unknown, [domain(facts[n]) for n in unknown]))

    def by_enumeration() -> list[Verdict]:
        verdicts = []
        for system, unknown, domains in feasible:
            seen: set[Verdict] = set()
            for combo in itertools.product(*domains):
                seen.add(fast({**system, **dict(zip(unknown, combo, strict=True))}).verdict)
                if len(seen) == 2:
                    break
            verdicts.append(seen.pop() if len(seen) == 1 else Verdict.UNKNOWN)
        return verdicts

    def by_diagram() -> list[Verdict]:
        return [rs.evaluate(system, only=[REQUIREMENT]).verdicts[REQUIREMENT] for system, _, _ in feasible]

    for (system, _, _), enumerated_verdict, diagram_verdict in zip(
        feasible, by_enumeration(), by_diagram(), strict=True
    ):
        if enumerated_verdict is not diagram_verdict:
            raise Disagreement("enumeration and decision diagram disagree", system, diagram_verdict, enumerated_verdict)
    enumerated, diagram = best_times([(by_enumeration, 1), (by_diagram, 1)], 3)
    per = max(1, len(feasible))
    return {
        "enumerable_systems": len(feasible),
        "partial_systems": len(systems),
        "enumeration_ms_per_system": round(enumerated / per * 1000, 3),
        "diagram_ms_per_system": round(diagram / per * 1000, 3),
        "enumeration_over_diagram": round(enumerated / diagram, 1) if diagram else None,
    }


def bundled_set(settings: Settings, rng: random.Random) -> dict[str, Any]:
    """aia-14 against hand_aia14, the whole bundled set on complete and partial systems."""
    rs = algokader.load()
    facts = base_facts(rs)
    fast = aia14_fast_path(rs)
    systems = complete_systems(facts, settings.systems, rng)
    extra = complete_systems(facts, settings.extra_checked, rng)
    pairs = [(system, drop_facts(system, rng)) for system in systems[: settings.partial]]
    partial = [p for _, p in pairs]
    answers = check_complete(rs, fast, systems + extra)
    partial_verdicts = check_partial(rs, facts, pairs, settings.completions, rng)
    every = fast_path(rs)

    def run_fast() -> None:
        for system in systems:
            fast(system)

    def run_reference() -> None:
        for system in systems:
            result = rs.evaluate(system, only=[REQUIREMENT])[REQUIREMENT]
            outcomes = result.outcomes
            _ = (result.verdict, outcomes["route"], outcomes["beoordelaar"], outcomes["herbeoordeling"])

    def run_hand() -> None:
        for system in systems:
            hand_aia14(system)

    def run_all_reference() -> None:
        for system in systems:
            _ = rs.evaluate(system).verdicts

    def run_all_fast() -> None:
        for system in systems:
            every(system)

    def run_partial() -> None:
        for system in partial:
            for result in rs.evaluate(system).values():
                _ = (result.verdict, result.outcomes, result.depends_on)

    # The systems above were evaluated when they were checked, and memos that outlive a report
    # (the overlay's, keyed by diagram nodes) would serve them again in every round. So each
    # timed round takes partial systems this process has never seen, checked after the timing:
    # what is shared then helps only as much as it would help new users.
    fresh = [
        [(system, drop_facts(system, rng)) for system in complete_systems(facts, settings.partial, rng)]
        for _ in range(settings.secondary_repeats)
    ]
    unseen = iter(fresh)

    def run_fresh_partial() -> None:
        for _, system in next(unseen):
            for result in rs.evaluate(system).values():
                _ = (result.verdict, result.outcomes, result.depends_on)

    fast_s, reference_s, hand_s = best_times(
        [(run_fast, 1), (run_reference, 1), (run_hand, HAND_RUNS_PER_ROUND)], settings.secondary_repeats
    )
    all_reference_s, all_fast_s = best_times([(run_all_reference, 1), (run_all_fast, 1)], settings.secondary_repeats)
    (partial_s,) = best_times([(run_partial, 1)], settings.secondary_repeats)
    (fresh_partial_s,) = best_times([(run_fresh_partial, 1)], settings.secondary_repeats)
    check_partial(rs, facts, [pair for pairs_of_round in fresh for pair in pairs_of_round], settings.completions, rng)
    n = len(systems)
    return {
        "requirements": len(rs.requirements),
        "aia14_fast_path_ratio": round(fast_s / hand_s, 2),
        "aia14_reference_ratio": round(reference_s / hand_s, 2),
        "aia14_hand_written_per_s": round(n / hand_s),
        "aia14_fast_path_per_s": round(n / fast_s),
        "aia14_reference_per_s": round(n / reference_s),
        "full_set_fast_path_per_s": round(n / all_fast_s),
        "full_set_reference_per_s": round(n / all_reference_s),
        "partial_systems_per_s": round(settings.partial / fresh_partial_s),
        "partial_systems_per_s_repeated": round(len(partial) / partial_s),
        "partial_systems": len(partial),
        "peak_memory_kb": round(peak_memory_kb(systems[: settings.memory_systems] + partial), 1),
        "enumeration_vs_diagram": enumeration_vs_diagram(rs, partial[: settings.diagram_systems], ENUMERATION_CAP),
        "systems_checked": sum(answers.values()),
        "systems_applying": sum(count for answer, count in answers.items() if answer[0]),
        "distinct_answers": len(answers),
        "partial_verdicts": {verdict.value: partial_verdicts[verdict] for verdict in Verdict},
    }


# --- start-up, the questionnaire and the server (issue 17)


def load_breakdown(runs: int) -> dict[str, float]:
    """Where an in-process ``algokader.load()`` of the bundled set spends its time, in ms (median):
    reading the files, the cache key, decoding the cached entry, making the RuleSet; and, as the
    baseline of the same run, compiling the same texts (what loading costs without the cache)."""
    from algokader._engine import cache
    from algokader._engine.ruleset import RuleSet as Made
    from algokader._engine.ruleset import bundled_sources, compile_sources

    phases: dict[str, list[float]] = {"read": [], "key": [], "decode": [], "ruleset": [], "compile": []}
    for _ in range(runs):
        began = time.perf_counter()
        sources = bundled_sources()
        read = time.perf_counter()
        key = cache.key(sources)
        keyed = time.perf_counter()
        compiled = cache.decode(cache.bundled_entry().read_bytes(), key, sources)
        decoded = time.perf_counter()
        Made(*compiled)
        made = time.perf_counter()
        compile_sources(sources)
        phases["compile"].append(time.perf_counter() - made)
        for name, (start, end) in {
            "read": (began, read),
            "key": (read, keyed),
            "decode": (keyed, decoded),
            "ruleset": (decoded, made),
        }.items():
            phases[name].append(end - start)
    return {f"{name}_ms": round(statistics.median(times) * 1000, 2) for name, times in phases.items()}


def respondent(rs: RuleSet, facts: Mapping[str, Any]) -> System:
    """A complete description for the rule set as it is now: facts it no longer has dropped, and the
    base facts added since benchmarks/interview.py's BASE was written given a plain value (no, none,
    ``geen`` or else the first value, the first date the rules compare with)."""
    system = {name: value for name, value in facts.items() if name in rs.facts}
    for fact in base_facts(rs):
        if fact.name in system:
            continue
        if fact.kind is TypeKind.BOOL:
            system[fact.name] = False
        elif fact.kind is TypeKind.SET:
            system[fact.name] = []
        elif fact.kind is TypeKind.ENUM:
            system[fact.name] = "geen" if "geen" in fact.values else fact.values[0]
        else:
            system[fact.name] = fact.dates[0] if fact.dates else datetime.date(2024, 8, 1)
    return system


def questionnaire(settings: Settings) -> dict[str, Any]:
    """``next_question()`` latency over whole interviews (all requirements, the default strategy) of
    benchmarks/interview.py's simulated respondents, each checked to end exactly at ``evaluate()``."""
    rs = algokader.load()
    only = list(rs)
    chosen = list(interview_bench.SYSTEMS.items())[: settings.interview_systems]
    latencies: list[float] = []
    asked: list[int] = []
    for name, facts in chosen:
        system = respondent(rs, {**interview_bench.BASE, **facts})
        count, exact, times = interview_bench.run_one(rs, system, only, "lookahead")
        if not exact:
            raise Disagreement(f"the interview of {name!r} does not end at evaluate()'s answer", facts, None, None)
        asked.append(count)
        latencies.extend(times)
    return {
        "interviews": len(chosen),
        "questions": sum(asked),
        "calls": len(latencies),
        "p50_ms": round(interview_bench._percentile(latencies, 0.5) * 1000, 2),
        "p95_ms": round(interview_bench._percentile(latencies, 0.95) * 1000, 2),
        "max_ms": round(max(latencies) * 1000, 2),
    }


def server(settings: Settings) -> dict[str, Any]:
    """benchmarks/web.py's load test: `algokader serve` in its own process, 16 concurrent clients."""
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        return {"skipped": "the web extra is not installed (pip install '.[web]')"}
    web_bench.TIME_LIMIT = settings.server_seconds  # each endpoint's run stops sending after this
    port = web_bench.free_port()
    process = web_bench.start_server(port)
    try:
        loads = web_bench.workloads(settings.server_requests)
        warm = web_bench.unique_systems(settings.server_requests, seed=99)  # not the timed systems
        # Warm up as benchmarks/web.py does: other descriptions and other users' walks, so that the
        # timed runs meet a server that has answered before (not its very first requests).
        web_bench.run(port, "/api/check", settings.server_requests, payloads=warm)
        web_bench.run(port, "/api/interview", settings.server_requests, walk=web_bench.DEVIATE, seed=1000)
        results = {name: load(port) for name, load in loads.items()}
    finally:
        web_bench.stop_server(process)
    # Repeated requests are answered from the server's cache; the target is judged on the
    # requests a server has not seen (new descriptions, users walking the questionnaire).
    fresh = ("check-unique", "interview-walk")
    return {
        "clients": web_bench.CLIENTS,
        "seconds_per_endpoint_at_most": settings.server_seconds,
        "workloads": results,
        "p95_ms": max(results[name]["p95_ms"] for name in fresh),
    }


# --- reporting


def print_table(rows: Sequence[Sequence[str]], right: Sequence[bool]) -> None:
    """Columns padded to their widest cell (right-aligned where ``right``), a rule under the header."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        cells = [cell.rjust(w) if r else cell.ljust(w) for cell, w, r in zip(row, widths, right, strict=True)]
        print("  ".join(cells).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))


def target(value: float | None, limit: float, relation: str) -> dict[str, Any]:
    """A target ``value relation limit`` (relation "<", "<=" or ">=") and whether the value meets it."""
    compare = {"<": float.__lt__, "<=": float.__le__, ">=": float.__ge__}[relation]
    met = value is not None and compare(float(value), float(limit))
    return {"value": value, "target": f"{relation} {limit:g}", "met": met}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark algokader against hand-written code and peer engines.")
    parser.add_argument("--quick", action="store_true", help="a short run (under a minute) instead of the long default")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON to PATH")
    parser.add_argument("--seed", type=int, help="random seed for the generated systems")
    parser.add_argument(
        "--alternatives", action="store_true", help="also time the peers' slower formulations (peers.ALTERNATIVES)"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    settings = QUICK if args.quick else FULL
    if args.seed is not None:
        settings = Settings(**{**asdict(settings), "seed": args.seed})
    started = time.perf_counter()
    if not FAST_PATH:
        print(
            "note: this algokader has no RuleSet.predicates(); the fast path figures use rs.evaluate", file=sys.stderr
        )

    first_load, warm_load = in_process_load_ms(settings.load_runs)
    with tempfile.TemporaryDirectory(prefix="algokader-pyc-") as bytecode:
        startup = fresh_process_ms("pass", settings.load_runs, bytecode)
        imported = fresh_process_ms("import algokader", settings.load_runs, bytecode)
        loaded = fresh_process_ms("import algokader; algokader.load()", settings.load_runs, bytecode)
        compiling = fresh_process_ms(
            "import algokader; from algokader._engine.ruleset import bundled_sources; "
            "algokader.load_sources(bundled_sources())",  # load_sources never reads a cache
            settings.load_runs,
            bytecode,
        )
    breakdown = load_breakdown(settings.load_runs)
    loaded_from_source = fresh_process_ms("import algokader; algokader.load()", settings.load_runs)

    rng = random.Random(settings.seed)
    try:
        bench = benchmark_set(settings, rng, args.alternatives)
        bundled = bundled_set(settings, rng)
        asking = questionnaire(settings)
    except Disagreement as problem:
        print(f"disagreement, nothing timed further: {problem}", file=sys.stderr)
        return 1

    serving = server(settings) if settings.server_requests else {"skipped": "server_requests = 0"}
    engines = bench["engines"]
    fastest = bench["fastest_peer"]
    targets = {
        "fast_path_ratio": target(bench["fast_path_ratio"], FAST_PATH_TARGET, "<="),
        "peer_speedup": target(bench["peer_speedup"], PEER_SPEEDUP_TARGET, ">="),
        "reference_ratio": target(bench["reference_ratio"], REFERENCE_TARGET, "<="),
        "load_ms": target(round(loaded, 1), LOAD_TARGET_MS, "<="),
        "partial_systems_per_s": target(bundled["partial_systems_per_s"], PARTIAL_TARGET, ">="),
        "next_question_p95_ms": target(asking["p95_ms"], NEXT_QUESTION_TARGET_MS, "<="),
        "server_p95_ms": target(serving.get("p95_ms"), SERVER_TARGET_MS, "<="),
    }
    enumeration = bench["enumeration"]
    figures: dict[str, Any] = {
        "fast_path_ratio": bench["fast_path_ratio"],
        "reference_ratio": bench["reference_ratio"],
        "peer_speedup": bench["peer_speedup"],
        "peer_name": fastest,
        "load_ms": round(loaded, 2),
        "load_ms_without_cache": round(compiling, 2),
        "load_over_uncached": round(loaded / compiling, 2),
        "load_breakdown": breakdown,
        "next_question_p95_ms": asking["p95_ms"],
        "server_p95_ms": serving.get("p95_ms"),
        "questionnaire": asking,
        "server": serving,
        "load_ms_compiling_from_source": round(loaded_from_source, 2),
        "partial_systems_per_s": bundled["partial_systems_per_s"],
        "bench_partial_systems_per_s": bench["partial_systems_per_s"],
        "bench_partial_fast_path_per_s": bench["partial_fast_path_per_s"],
        "enumeration": enumeration,
        "peak_memory_kb": bundled["peak_memory_kb"],
        "bench_peak_memory_kb": bench["peak_memory_kb"],
        "engines": engines,
        "targets": targets,
        "bench": {k: v for k, v in bench.items() if k not in ("engines", "enumeration")},
        "bundled": bundled,
        "in_process_load_ms": round(warm_load, 3),
        "in_process_first_load_ms": round(first_load, 2),
        "python_startup_ms": round(startup, 2),
        "import_ms": round(imported, 2),
        "fast_path_api": FAST_PATH,
        "settings": asdict(settings) | {"mode": "quick" if args.quick else "full"},
        "python": sys.version.split()[0],
        "algokader": algokader.__version__,
    }

    print(f"algokader {algokader.__version__} on Python {figures['python']}")
    print(
        f"benchmark set (benchmarks/rules): {len(peers.REQUIREMENTS)} requirements, {len(peers.OUTCOMES)} outcome "
        f"values, {len(peers.FACTS)} facts, {peers.SPACE_SIZE:,} possible systems"
    )
    print("checked against peers.hand before timing, all agree:")
    print(
        f"  algokader fast path and reference: {bench['systems_checked']:,} complete systems "
        f"({bench['systems_applying_any']:,} with a requirement applying, {bench['mean_requirements_applying']} "
        "applying on average)"
    )
    checked = [f"{name} {e['checked']:,}" for name, e in engines.items() if not name.startswith(("hand", "algokader"))]
    if checked:
        print(f"  peers (complete systems): {', '.join(checked)}")
    print(
        f"  {bench['partial_systems']} partial systems (~{DROP_PROBABILITY:.0%} facts unknown): verdicts, outcome "
        "values and depends_on against completions; fast path = reference"
    )
    what = "every system" if enumeration["exhaustive"] else f"1 in {enumeration['stride']} systems"
    print(
        f"  enumeration of the input space, {what} ({enumeration['inputs']:,}): fast path = peers.hand on each; "
        f"{enumeration['applying_any']:,} get a requirement, {enumeration['distinct_answers']:,} distinct answers"
    )
    print(
        f"bundled set: aia-14 fast path and reference against hand_aia14 on {bundled['systems_checked']:,} systems, "
        f"{bundled['partial_systems']} partial ones against completions, all agree"
    )
    for note in bench["skipped"]:
        print(f"note: {note}")
    print()
    rows = [("engine", "compile ms", "objects/s", "x hand", "batch", "how")]
    for name, e in engines.items():
        compile_ms = "-" if e["compile_ms"] is None else f"{e['compile_ms']:.1f}"
        rows.append((name, compile_ms, f"{e['per_s']:,}", f"{e['ratio']:.2f}", f"{e['batch']:,}", e.get("how", "")))
    print_table(rows, (False, True, True, True, True, False))
    print()

    def verdict(name: str) -> str:
        return "met" if targets[name]["met"] else "NOT MET"

    k = settings.repeats
    rows = [
        ("metric", "value", "target", "", "how"),
        (
            "fast_path_ratio",
            f"{bench['fast_path_ratio']:.2f}",
            targets["fast_path_ratio"]["target"],
            verdict("fast_path_ratio"),
            f"rs.predicates() time / peers.hand time, {settings.systems:,} complete systems, best of {k}",
        ),
        (
            "peer_speedup",
            f"{bench['peer_speedup']}",
            targets["peer_speedup"]["target"],
            verdict("peer_speedup"),
            f"fastest peer ({fastest}) time / fast path time",
        ),
        (
            "reference_ratio",
            f"{bench['reference_ratio']:.2f}",
            targets["reference_ratio"]["target"],
            verdict("reference_ratio"),
            "rs.evaluate (all verdicts, outcome values) time / peers.hand time",
        ),
        (
            "load_ms",
            f"{loaded:.1f}",
            targets["load_ms"]["target"],
            verdict("load_ms"),
            f"fresh `python -c 'import algokader; algokader.load()'`, median of {settings.load_runs}, bytecode cached",
        ),
        (
            "  load_ms_without_cache",
            f"{compiling:.1f}",
            "",
            "",
            f"baseline, same run: fresh `load_sources()` of the same files (always compiles); cached/uncached "
            f"{loaded / compiling:.2f}",
        ),
        (
            "  load breakdown (in process)",
            " / ".join(f"{breakdown[k]:.1f}" for k in ("read_ms", "key_ms", "decode_ms", "ruleset_ms")),
            "",
            "",
            f"ms: read files / cache key / decode the entry / RuleSet(); compiling instead: "
            f"{breakdown['compile_ms']:.1f}",
        ),
        (
            "  load_ms_compiling_from_source",
            f"{loaded_from_source:.1f}",
            "",
            "",
            "the same with the environment's bytecode setting (PYTHONDONTWRITEBYTECODE: compiled every start)",
        ),
        ("  python_startup_ms", f"{startup:.1f}", "", "", "fresh `python -c pass`"),
        ("  import_ms", f"{imported:.1f}", "", "", "fresh `python -c 'import algokader'`"),
        ("  in_process_load_ms", f"{warm_load:.1f}", "", "", "algokader.load() in process, median"),
        ("  in_process_first_load_ms", f"{first_load:.1f}", "", "", "the first load in this process"),
        (
            "partial_systems_per_s",
            f"{bundled['partial_systems_per_s']:,}",
            targets["partial_systems_per_s"]["target"],
            verdict("partial_systems_per_s"),
            f"bundled set ({bundled['requirements']} requirements): rs.evaluate + depends_on of every result, "
            f"~{DROP_PROBABILITY:.0%} facts unknown",
        ),
        (
            "next_question_p95_ms",
            f"{asking['p95_ms']:.2f}",
            targets["next_question_p95_ms"]["target"],
            verdict("next_question_p95_ms"),
            f"Interview.next_question(), all requirements, {asking['interviews']} interviews of "
            f"benchmarks/interview.py to the end ({asking['calls']} calls; p50 {asking['p50_ms']:.2f}, "
            f"max {asking['max_ms']:.1f})",
        ),
        (
            "server_p95_ms",
            f"{serving['p95_ms']:.1f}" if "p95_ms" in serving else "-",
            targets["server_p95_ms"]["target"],
            verdict("server_p95_ms"),
            "worst p95 of check-unique and interview-walk; "
            + (
                ", ".join(
                    f"{name} {r['requests_per_second']:.0f} req/s p50 {r['p50_ms']:.1f} p95 {r['p95_ms']:.1f}"
                    for name, r in serving["workloads"].items()
                )
                if "workloads" in serving
                else f"(not measured: {serving['skipped']})"
            )
            + f", {web_bench.CLIENTS} clients, loopback (benchmarks/web.py)",
        ),
        (
            "bench_partial_systems_per_s",
            f"{bench['partial_systems_per_s']:,}",
            "",
            "",
            "the same on the benchmark set (40 requirements)",
        ),
        (
            "bench_partial_fast_path_per_s",
            f"{bench['partial_fast_path_per_s']:,}",
            "",
            "",
            "rs.predicates() on those partial systems (exact verdicts and outcomes, no depends_on)",
        ),
        (
            "enumeration_s",
            f"{enumeration['fast_path_s']:.2f}",
            "",
            "",
            f"{enumeration['inputs']:,} systems through the fast path (generating them: "
            f"{enumeration['generation_s']:.2f} s; peers.hand: {enumeration['hand_s']:.2f} s)",
        ),
        (
            "peak_memory_kb",
            f"{bundled['peak_memory_kb']:,.0f}",
            "",
            "",
            "tracemalloc: load of the bundled set + its evaluations, fresh process",
        ),
        (
            "bench_peak_memory_kb",
            f"{bench['peak_memory_kb']:,.0f}",
            "",
            "",
            "the same for the benchmark set (load, predicates(), fast path and rs.evaluate)",
        ),
        (
            "aia14_fast_path_ratio",
            f"{bundled['aia14_fast_path_ratio']:.2f}",
            "",
            "",
            "bundled aia-14: rs.predicate('aia-14') time / hand_aia14 time",
        ),
        (
            "aia14_reference_ratio",
            f"{bundled['aia14_reference_ratio']:.2f}",
            "",
            "",
            "bundled aia-14: rs.evaluate(only=aia-14) time / hand_aia14 time",
        ),
        (
            "full_set_fast_path_per_s",
            f"{bundled['full_set_fast_path_per_s']:,}",
            "",
            "",
            f"bundled set: rs.predicates(), all {bundled['requirements']} decisions, complete systems",
        ),
        (
            "full_set_reference_per_s",
            f"{bundled['full_set_reference_per_s']:,}",
            "",
            "",
            "bundled set: rs.evaluate, all verdicts, complete systems",
        ),
        (
            "enumeration_over_diagram",
            f"{bundled['enumeration_vs_diagram']['enumeration_over_diagram']}",
            "",
            "",
            "bundled aia-14, exact partial verdicts: enumerating completions vs the decision diagram",
        ),
    ]
    print_table(rows, (False, True, False, False, False))
    print(f"\n({time.perf_counter() - started:.1f} s)")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(figures, out, indent=2)
            out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
