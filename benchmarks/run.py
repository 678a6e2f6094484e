"""Benchmarks for algokader: load time, evaluation throughput and peak memory.

Run on demand (not part of the test suite)::

    python benchmarks/run.py --quick              # about half a minute
    python benchmarks/run.py --json results.json  # the longer default run

What is measured:

1. ``load_ms``: a fresh ``python -c "import algokader; algokader.load()"`` (median of
   several subprocess runs), next to the in-process time of ``algokader.load()``.
2. Complete systems (every base fact of the vocabulary given): ``rs.evaluate`` reading the
   verdict and outcomes of aia-14, against ``hand_aia14``, the same rules written by hand in
   plain Python. Both must agree on every generated system before anything is timed.
3. Partial systems (each fact dropped with probability 0.3): ``rs.evaluate`` including
   ``depends_on`` of every result. Every answer is checked against completions of the
   partial system (among them the complete system it came from).
4. Peak memory (tracemalloc) of ``algokader.load()`` plus evaluating both batches, in a
   fresh process so that nothing is cached yet.

Only the standard library and algokader are used.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import itertools
import json
import math
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import algokader
from algokader import FactInfo, RuleSet, TypeKind, Verdict

REQUIREMENT = "aia-14"
OUTCOMES = ("route", "beoordelaar", "herbeoordeling")
DROP_PROBABILITY = 0.3
HAND_RUNS_PER_ROUND = 5
ENUMERATION_CAP = 4096

System = dict[str, Any]  # fact name -> bool | str | set[str] | datetime.date
Answer = tuple[bool, str | None, str | None, bool | None]  # applies, route, beoordelaar, herbeoordeling


@dataclass(frozen=True)
class Settings:
    """How much work one run does."""

    systems: int  # complete systems, timed
    extra_checked: int  # further complete systems, only checked against hand_aia14
    partial: int  # partial systems, timed
    completions: int  # random completions checked per partial system
    repeats: int  # best of this many timed runs
    load_runs: int  # subprocess and in-process load runs (median)
    seed: int


# Both modes time the same batch sizes, so their figures compare (a bigger batch of dicts
# falls out of the CPU caches and slows the hand-written function more than algokader);
# the default run checks more systems and repeats every measurement more often.
QUICK = Settings(systems=4_000, extra_checked=16_000, partial=800, completions=2, repeats=5, load_runs=7, seed=20240)
FULL = Settings(systems=4_000, extra_checked=96_000, partial=800, completions=4, repeats=15, load_runs=15, seed=20240)


# --- the rules of aia-14, written by hand


AI_SYSTEEM = frozenset({"ai-systeem", "ai-systeem-voor-algemene-doeleinden"})
BIOMETRIE = frozenset({"1a", "1b", "1c"})
MARKTTOEZICHT_GEBRUIKERS = frozenset({"rechtshandhaving", "migratie", "asiel", "eu-instelling"})
NOT_APPLICABLE: Answer = (False, None, None, None)


def hand_aia14(s: Mapping[str, Any]) -> Answer:
    """aia-14 for a complete system, from requirements/ai-verordening.ak and requirements/aia-14.ak.

    The definition ``verboden`` is not needed: aia-14 only reaches ``verboden-praktijk``
    through ``open-source-uitgezonderd``.
    """
    # ai-verordening.ak
    soort = s["soort-toepassing"]
    ai_systeem = soort in AI_SYSTEEM
    ai_model = soort == "ai-model-voor-algemene-doeleinden"
    bijlage_iii = s["bijlage-iii"]
    derde_partij = s["bijlage-i-derde-partij"]
    hoog_risico_i_a = ai_systeem and s["bijlage-i"] == "afdeling-a" and derde_partij
    roles = s["rol-ai-act"]
    aanbieder = (
        "aanbieder" in roles
        or len(s["aanbieder-door-wijziging"]) > 0
        or ("productfabrikant" in roles and hoog_risico_i_a)  # Art. 25(3)
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
    binnen_reikwijdte = (
        (ai_systeem or ai_model) and len(s["uitsluiting-reikwijdte"]) == 0 and not open_source_uitgezonderd
    )
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

    herbeoordeling = bool(s["substantiele-wijziging"] and not s["vooraf-bepaalde-wijziging"])
    return True, route, beoordelaar, herbeoordeling


def algokader_aia14(rs: RuleSet, system: System) -> tuple[Verdict, tuple[Any, ...]]:
    """The verdict and outcome values of aia-14 as algokader gives them."""
    result = rs.evaluate(system)[REQUIREMENT]
    return result.verdict, tuple(result.outcomes[name] for name in OUTCOMES)


# --- generating systems


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


# --- checking before timing


class Disagreement(AssertionError):
    """algokader and hand_aia14 answer differently for one system."""

    def __init__(self, problem: str, system: System, algokader_answer: object, hand_answer: object) -> None:
        shown = {name: sorted(value) if isinstance(value, set) else value for name, value in system.items()}
        super().__init__(
            f"{problem}\n  system:    {json.dumps(shown, default=str)}\n"
            f"  algokader: {algokader_answer!r}\n  hand:      {hand_answer!r}"
        )


def check_complete(rs: RuleSet, systems: Sequence[System]) -> Counter[Answer]:
    """Assert that algokader and hand_aia14 agree on every complete system; count the answers."""
    seen: Counter[Answer] = Counter()
    for system in systems:
        verdict, outcomes = algokader_aia14(rs, system)
        hand = hand_aia14(system)
        if verdict is Verdict.UNKNOWN or (verdict is Verdict.APPLIES) != hand[0]:
            raise Disagreement("verdicts differ", system, (verdict, outcomes), hand)
        if outcomes != hand[1:]:
            raise Disagreement("outcomes differ", system, (verdict, outcomes), hand)
        herbeoordeling = outcomes[2]
        if herbeoordeling is not None and not isinstance(herbeoordeling, bool):
            raise Disagreement("herbeoordeling is not a bool", system, (verdict, outcomes), hand)
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


def fresh_process_ms(code: str, runs: int) -> float:
    """Median wall time of ``python -c code`` in a new interpreter, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def in_process_load_ms(runs: int) -> tuple[float, float]:
    """The first ``algokader.load()`` of this process (builds the cached parser) and the median of later ones."""
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        algokader.load()
        times.append(time.perf_counter() - start)
    return times[0] * 1000, statistics.median(times[1:]) * 1000


def evaluate_complete(rs: RuleSet, systems: Sequence[System]) -> None:
    """Like for like with hand_aia14: only aia-14 (every fact is still read and validated)."""
    for system in systems:
        result = rs.evaluate(system, only=[REQUIREMENT])[REQUIREMENT]
        outcomes = result.outcomes
        _ = (result.verdict, outcomes["route"], outcomes["beoordelaar"], outcomes["herbeoordeling"])


def evaluate_all(rs: RuleSet, systems: Sequence[System]) -> None:
    """Every requirement's verdict, the main job of a compliance check."""
    for system in systems:
        _ = rs.evaluate(system).verdicts


def evaluate_hand(systems: Sequence[System]) -> None:
    for system in systems:
        hand_aia14(system)


def evaluate_partial(rs: RuleSet, systems: Sequence[System]) -> None:
    for system in systems:
        for result in rs.evaluate(system).values():
            _ = (result.verdict, result.outcomes, result.depends_on)


# Runs in a fresh interpreter: the systems arrive as JSON on stdin (sets as lists), then
# tracemalloc follows algokader.load() and the evaluation of every system.
MEMORY_PROBE = """
import json, sys, tracemalloc
import algokader
systems = [{k: set(v) if isinstance(v, list) else v for k, v in s.items()} for s in json.load(sys.stdin)]
tracemalloc.start()
rs = algokader.load()
for system in systems:
    rs.evaluate(system)
print(tracemalloc.get_traced_memory()[1])
"""


def enumeration_vs_diagram(rs: RuleSet, systems: Sequence[System], cap: int) -> dict[str, Any]:
    """Exact aia-14 verdicts for partial systems two ways: by enumerating every completion of the
    unknown facts aia-14 reads (each completion through the fast path), and by the decision diagram.
    Enumeration is only attempted where it has at most ``cap`` completions."""
    program = rs._program  # internal: which facts aia-14's condition reads
    applies = program.requirements["aia-14"].applies
    read = sorted({program.var_fact[v].name for v in program.manager.support(applies)})
    facts = {fact.name: fact for fact in base_facts(rs)}

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
                seen.add(
                    rs.evaluate({**system, **dict(zip(unknown, combo, strict=True))}, only=["aia-14"]).verdicts[
                        "aia-14"
                    ]
                )
                if len(seen) == 2:
                    break
            verdicts.append(seen.pop() if len(seen) == 1 else Verdict.UNKNOWN)
        return verdicts

    def by_diagram() -> list[Verdict]:
        return [rs.evaluate(system, only=["aia-14"]).verdicts["aia-14"] for system, _, _ in feasible]

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


def peak_memory_kb(systems: Sequence[System]) -> float:
    """Peak traced memory of load plus evaluating ``systems``, in a fresh process, in KiB."""
    payload = json.dumps(
        [{k: sorted(v) if isinstance(v, set) else v for k, v in s.items()} for s in systems], default=str
    )
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE], input=payload, capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip()) / 1024


# --- reporting


def print_table(rows: Sequence[tuple[str, str, str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    rule = "  ".join("-" * w for w in widths)
    for index, (metric, value, note) in enumerate(rows):
        print(f"{metric:<{widths[0]}}  {value:>{widths[1]}}  {note}")
        if index == 0:
            print(rule)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark algokader (load time, throughput, memory).")
    parser.add_argument("--quick", action="store_true", help="a short run (about 30 s) instead of the long default")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON to PATH")
    parser.add_argument("--seed", type=int, help="random seed for the generated systems")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    settings = QUICK if args.quick else FULL
    if args.seed is not None:
        settings = Settings(**{**asdict(settings), "seed": args.seed})
    started = time.perf_counter()

    first_load, warm_load = in_process_load_ms(settings.load_runs)
    startup = fresh_process_ms("pass", settings.load_runs)
    imported = fresh_process_ms("import algokader", settings.load_runs)
    loaded = fresh_process_ms("import algokader; algokader.load()", settings.load_runs)

    rs = algokader.load()
    facts = base_facts(rs)
    rng = random.Random(settings.seed)
    systems = complete_systems(facts, settings.systems, rng)
    extra = complete_systems(facts, settings.extra_checked, rng)
    pairs = [(system, drop_facts(system, rng)) for system in systems[: settings.partial]]
    partial = [p for _, p in pairs]

    try:
        answers = check_complete(rs, systems + extra)
        partial_verdicts = check_partial(rs, facts, pairs, settings.completions, rng)
    except Disagreement as problem:
        print(f"algokader and hand_aia14 disagree, nothing timed: {problem}", file=sys.stderr)
        return 1

    # The hand-written run is cheap and short, so it gets more tries per round.
    algokader_s, hand_s = best_times(
        [(lambda: evaluate_complete(rs, systems), 1), (lambda: evaluate_hand(systems), HAND_RUNS_PER_ROUND)],
        settings.repeats,
    )
    (partial_s,) = best_times([(lambda: evaluate_partial(rs, partial), 1)], settings.repeats)
    (all_s,) = best_times([(lambda: evaluate_all(rs, systems), 1)], settings.repeats)
    memory = peak_memory_kb(systems + partial)
    strategies = enumeration_vs_diagram(rs, partial[:200], ENUMERATION_CAP)

    applying = sum(count for answer, count in answers.items() if answer[0])
    figures: dict[str, Any] = {
        "load_ms": round(loaded, 2),
        "in_process_load_ms": round(warm_load, 3),
        "fast_path_ratio": round(algokader_s / hand_s, 1),
        "hand_written_per_s": round(len(systems) / hand_s),
        "fast_path_per_s": round(len(systems) / algokader_s),
        "partial_systems_per_s": round(len(partial) / partial_s),
        "full_set_systems_per_s": round(len(systems) / all_s),
        "peak_memory_kb": round(memory, 1),
        "enumeration_vs_diagram": strategies,
        # context
        "in_process_first_load_ms": round(first_load, 2),
        "python_startup_ms": round(startup, 2),
        "import_ms": round(imported, 2),
        "systems_checked": sum(answers.values()),
        "systems_applying": applying,
        "distinct_answers": len(answers),
        "partial_verdicts": {verdict.value: partial_verdicts[verdict] for verdict in Verdict},
        "settings": asdict(settings) | {"mode": "quick" if args.quick else "full"},
        "python": sys.version.split()[0],
        "algokader": algokader.__version__,
    }

    print(f"algokader {algokader.__version__} on Python {figures['python']}, {len(rs.requirements)} requirement(s)")
    print(
        f"checked {figures['systems_checked']} complete systems against hand_aia14 "
        f"({applying} applying, {len(answers)} distinct answers) and {len(partial)} partial ones: all agree"
    )
    print()
    n, p, k = len(systems), len(partial), settings.repeats
    print_table(
        [
            ("metric", "value", "how"),
            (
                "load_ms",
                f"{loaded:.1f}",
                f"fresh `python -c 'import algokader; algokader.load()'`, median of {settings.load_runs}",
            ),
            ("  python_startup_ms", f"{startup:.1f}", "fresh `python -c pass`"),
            ("  import_ms", f"{imported:.1f}", "fresh `python -c 'import algokader'`"),
            ("in_process_load_ms", f"{warm_load:.2f}", f"algokader.load() in process, median of {settings.load_runs}"),
            ("  in_process_first_load_ms", f"{first_load:.2f}", "first load in process (builds the Lark parser)"),
            (
                "fast_path_per_s",
                f"{figures['fast_path_per_s']:,}",
                f"rs.evaluate(only=aia-14), {n} complete systems, best of {k}",
            ),
            (
                "hand_written_per_s",
                f"{figures['hand_written_per_s']:,}",
                f"hand_aia14, same {n} systems, best of {HAND_RUNS_PER_ROUND * k}",
            ),
            ("fast_path_ratio", f"{figures['fast_path_ratio']}", "algokader time / hand-written time"),
            (
                "full_set_systems_per_s",
                f"{figures['full_set_systems_per_s']:,}",
                f"rs.evaluate, verdicts of all {len(rs.requirements)} requirements, {n} complete systems",
            ),
            (
                "partial_systems_per_s",
                f"{figures['partial_systems_per_s']:,}",
                f"rs.evaluate + depends_on, {p} systems, ~{DROP_PROBABILITY:.0%} facts unknown, best of {k}",
            ),
            ("peak_memory_kb", f"{memory:,.0f}", f"tracemalloc: load + {n + p} evaluations, fresh process"),
            (
                "enumeration_over_diagram",
                f"{strategies['enumeration_over_diagram']}",
                f"exact partial verdicts by enumerating completions vs the diagram, on the "
                f"{strategies['enumerable_systems']} of {strategies['partial_systems']} systems with "
                f"<= {ENUMERATION_CAP:,} completions",
            ),
        ]
    )
    print(f"\n({time.perf_counter() - started:.1f} s)")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(figures, out, indent=2)
            out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
