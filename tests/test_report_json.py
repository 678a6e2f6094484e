"""Report.as_json is byte for byte the JSON of Report.as_dict that the API and ``check --format json`` send.

The web answers are made from ``as_json`` (fixed parts encoded once per rule set, spliced), so every
difference to ``json.dumps(as_dict())`` would be a different answer: checked on every mode, labels,
scope, reference date and regime, on partial and complete descriptions, and on interview reports.
"""

from __future__ import annotations

import datetime
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import algokader
from algokader import TypeKind
from algokader._engine.ruleset import Report
from algokader.cli import read_system

from .systems import NEUTRAL_AI_SYSTEM

RULES = algokader.load()
EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").iterdir())


def as_dict_json(report: Report) -> str:
    """What the API sent before as_json: starlette's JSONResponse of the data."""
    return json.dumps(report.as_dict(), ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def random_system(rng: random.Random, share: float) -> dict[str, Any]:
    """Each fact that callers give known with probability ``share``, with a random value."""
    system: dict[str, Any] = {}
    for info in RULES.facts.values():
        if info.derived or rng.random() >= share:
            continue
        if info.kind is TypeKind.BOOL:
            system[info.name] = rng.random() < 0.5
        elif info.kind is TypeKind.ENUM:
            system[info.name] = rng.choice(info.values)
        elif info.kind is TypeKind.SET:
            system[info.name] = set(rng.sample(info.values, rng.randint(0, min(3, len(info.values)))))
        else:
            system[info.name] = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(2000))
    return system


OPTIONS: list[dict[str, Any]] = [
    {},
    {"op": "2025-01-01"},
    {"op": "2027-09-01", "regime": "oorspronkelijk"},
    {"labels": ["gebruiksverantwoordelijke"]},
    {"labels": {"Risicogroep": ["hoog-risico AI"]}},
    {"only": ["aia-14", "aia-00", "aia-22"]},
    {"mode": "labels", "labels": ["hoog-risico AI", "aanbieder"]},
    {"mode": "labels"},
]


def test_the_examples_in_every_mode() -> None:
    compared = 0
    for path in EXAMPLES:
        system = read_system(str(path), io.StringIO())
        for options in OPTIONS:
            try:
                report = RULES.evaluate(system, **options)
            except algokader.AlgokaderError:  # labels that contradict the example: refused either way
                continue
            assert report.as_json() == as_dict_json(report), (path.name, options)
            compared += 1
    assert compared >= 25  # of 40


def test_no_description_and_the_neutral_system() -> None:
    compared = 0
    for system in (None, {}, NEUTRAL_AI_SYSTEM):
        for options in OPTIONS:
            try:
                report = RULES.evaluate(system, **options)
            except algokader.AlgokaderError:  # labels that contradict the neutral system
                assert system is NEUTRAL_AI_SYSTEM
                continue
            assert report.as_json() == as_dict_json(report), (system, options)
            compared += 1
    assert compared >= 20  # of 24


@settings(deadline=None, max_examples=60)
@given(seed=st.integers(0, 2**32 - 1), share=st.sampled_from([0.1, 0.4, 0.8, 1.0]), option=st.sampled_from(OPTIONS))
def test_random_descriptions(seed: int, share: float, option: dict[str, Any]) -> None:
    try:
        report = RULES.evaluate(random_system(random.Random(seed), share), **option)
    except algokader.AlgokaderError:  # a contradictory description: refused the same way either way
        return
    assert report.as_json() == as_dict_json(report)


def test_interview_reports_along_a_walk() -> None:
    rng = random.Random(5)
    iv = RULES.interview(lang="en")
    for _ in range(12):
        assert iv.report.as_json() == as_dict_json(iv.report)
        question = iv.next_question()
        if question is None:
            break
        values = [o.value for o in question.options]
        chosen = {rng.choice(values)} if question.kind is TypeKind.SET else rng.choice(values)
        iv.answer(question.fact, chosen)


def test_non_ascii_text_is_in_the_answers() -> None:
    """The bundled titles and sources hold accents and quotes: UTF-8 and escaping are exercised above."""
    text = RULES.evaluate(NEUTRAL_AI_SYSTEM).as_json()
    assert any(ord(c) > 127 for c in text)
    assert json.loads(text) == json.loads(as_dict_json(RULES.evaluate(NEUTRAL_AI_SYSTEM)))


def test_the_kept_maatregelen_texts_are_those_of_the_verdicts_within_their_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A rule set keeps the maatregelen JSON per combination of verdicts: reports that meet a kept
    combination (the same system again, another with the same verdicts) send the same text as one
    made afresh, and no more than ``KEPT_VERDICTS`` combinations are kept."""
    from algokader._engine import maatregelen

    monkeypatch.setattr(maatregelen, "KEPT_VERDICTS", 3)
    rng = random.Random(11)
    systems = [random_system(rng, share) for share in (0.1, 0.4, 0.8) for _ in range(4)]
    kept = RULES._maatregel_catalogue()
    for system in systems + systems[::-1]:
        try:
            report = RULES.evaluate(system)
        except algokader.AlgokaderError:
            continue
        assert report.as_json() == as_dict_json(report)
        assert len(kept._texts) <= 3
    assert RULES._maatregel_catalogue() is kept
