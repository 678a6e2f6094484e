"""Concurrency and determinism.

- One loaded rule set, evaluated from 8 threads at once (complete and partial systems, the label
  mode, and everything a result computes lazily: outcomes, ``depends_on``, explanations, open
  questions), gives exactly the answers of evaluating the same systems one after another. So does
  one report read from 8 threads at once.
- Output does not depend on the order of sets or dictionaries: the command line's text and JSON
  (``check``, ``explain``, ``analyze``, ``list``, ``export``) are byte-identical across processes with
  different ``PYTHONHASHSEED`` values, and a system's sets can be given in any order.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import settings

import algokader
from algokader import Report, RuleSet
from algokader._engine.labels import CATEGORIES

THREADS = 8
PER_THREAD = max(3, settings.default.max_examples // 32)
"""Systems each thread evaluates: 3 under the ci profile, 6 under dev, 62 under thorough."""

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@functools.cache
def bundled() -> RuleSet:
    return algokader.load()


def systems(rs: RuleSet, count: int, seed: int) -> list[dict[str, Any]]:
    """Complete and partial systems over the base facts, some with facts as None."""
    rng = random.Random(seed)
    found = []
    for i in range(count):
        unknown = (0.0, 0.3, 0.7)[i % 3]
        system: dict[str, Any] = {}
        for name, fact in rs.facts.items():
            if fact.derived or rng.random() < unknown:
                continue
            if fact.kind is algokader.TypeKind.BOOL:
                system[name] = rng.random() < 0.5
            elif fact.kind is algokader.TypeKind.ENUM:
                system[name] = rng.choice(fact.values)
            elif fact.kind is algokader.TypeKind.DATE:
                system[name] = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(1500))
            else:
                system[name] = [v for v in fact.values if rng.random() < 0.3]
            if rng.random() < 0.05:
                system[name] = None
        found.append(system)
    return found


def everything(report: Report) -> dict[str, Any]:
    """All a report says, lazily computed parts included, as comparable plain data."""
    return {
        "facts": {k: sorted(v) if isinstance(v, frozenset) else v for k, v in report.facts.items()},
        "questions": [(q.fact, q.requirements) for q in report.open_questions],
        "results": {
            rid: (
                r.verdict,
                {k: str(v) for k, v in r.outcomes.items()},
                {k: tuple(map(str, v)) for k, v in r.possible_outcomes.items()},
                r.depends_on,
                dict(r.outcome_depends_on),
                r.labels_verdict,
                r.deviation,
                r.explain(),
                r.binds_on_date,
                r.possible_starts,
                r.binds_depends_on,
            )
            for rid, r in report.items()
        },
    }


@contextmanager
def frequent_thread_switches() -> Iterator[None]:
    """Switch threads every microsecond instead of every 5 ms, so that races have many chances."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def in_threads(work: Callable[[int], Any]) -> list[Any]:
    with frequent_thread_switches(), ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(work, range(THREADS)))


def test_one_rule_set_evaluated_from_eight_threads_answers_as_sequential_evaluation() -> None:
    rs = bundled()
    batches = [systems(rs, PER_THREAD, seed) for seed in range(THREADS)]

    def work(thread: int) -> list[dict[str, Any]]:
        answers = [everything(rs.evaluate(system)) for system in batches[thread]]
        answers.append(everything(rs.evaluate(labels=label_profile(thread), mode="labels")))
        return answers

    expected = [work(thread) for thread in range(THREADS)]
    assert in_threads(work) == expected


def label_profile(seed: int) -> list[str]:
    """Algoritmekader labels: per category one value or none (open)."""
    rng = random.Random(seed)
    return [f"{category}-{rng.choice(values)}" for category, values in CATEGORIES.items() if rng.random() < 0.6]


def test_one_report_read_from_eight_threads_answers_as_one_reader() -> None:
    rs = bundled()
    system = systems(rs, 3, seed=99)[2]  # a partial one: lazily computed depends_on and explanations
    expected = everything(rs.evaluate(system))
    shared = rs.evaluate(system)
    assert in_threads(lambda thread: everything(shared)) == [expected] * THREADS


def test_two_threads_asking_for_the_same_labels_verdict_both_get_it() -> None:
    rs = bundled()
    report = rs.evaluate(systems(rs, 1, seed=5)[0])
    rid = next(rid for rid in report if rs.requirements[rid].labels)
    result = report[rid]
    with ThreadPoolExecutor(max_workers=2) as pool:
        with result._lock:  # both readers get past any check made before the lock, then wait for it
            futures = [pool.submit(lambda: result.labels_verdict) for _ in range(2)]
            time.sleep(0.2)
        answers = [future.result() for future in futures]
    assert answers[0] is answers[1] is not None


def test_sets_in_any_order_give_the_same_report() -> None:
    rs = bundled()
    for system in systems(rs, 6, seed=7):
        reordered = {k: list(reversed(v)) if isinstance(v, list) else v for k, v in reversed(system.items())}
        assert everything(rs.evaluate(reordered)) == everything(rs.evaluate(system))


# ---- byte-identical output across hash seeds ----------------------------------------------------------

COMMANDS = {
    "check-text": ["check", str(EXAMPLES / "chatbot.yaml")],
    "check-json": ["check", str(EXAMPLES / "fraude-risicoscore.json"), "--format", "json"],
    "check-partial-en": ["check", "-", "--lang", "en"],
    "check-labels": [
        "check",
        "--labels",
        "AI-systeem,aanbieder,hoog-risico AI",
        "--mode",
        "labels",
        "--format",
        "json",
    ],
    "explain": ["explain", "aia-14", str(EXAMPLES / "ai-model-aanbieder.yaml")],
    "analyze-text": ["analyze"],
    "analyze-json": ["analyze", "--format", "json"],
    "list": ["list", "--format", "json"],
    "export": ["export", "--format", "json"],
}

PARTIAL = "rol-ai-act: [aanbieder, gebruiksverantwoordelijke]\nsoort-toepassing: ai-systeem\n"

_SCRIPT = """
import contextlib, io, json, sys
from algokader.cli import main
commands = json.loads(sys.argv[1])
outputs = {}
for name, argv in commands.items():
    out = io.StringIO()
    sys.stdin = io.StringIO(sys.argv[2])
    with contextlib.redirect_stdout(out):
        code = main(argv)
    outputs[name] = [code, out.getvalue()]
print(json.dumps(outputs, ensure_ascii=False))
"""


def _outputs(seed: str) -> dict[str, list[Any]]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "ALGOKADER_LANG": "nl"}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, json.dumps(COMMANDS), PARTIAL],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    outputs: dict[str, list[Any]] = json.loads(done.stdout)
    return outputs


def test_output_is_byte_identical_across_hash_seeds() -> None:
    runs = {seed: _outputs(seed) for seed in ("0", "1", "4242")}
    first = runs["0"]
    assert all(code in (0, 1) and text for code, text in first.values()), first
    for seed, outputs in runs.items():
        for command in COMMANDS:
            assert outputs[command] == first[command], f"{command} differs with PYTHONHASHSEED={seed}"
