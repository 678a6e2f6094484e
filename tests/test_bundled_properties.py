"""Property-based tests over the bundled rule set: the compiled rules agree with the independent
reference interpreter, partial answers are sound, and label mode is the Algoritmekader filter."""

from __future__ import annotations

import functools
import re
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import algokader
from algokader import Verdict
from algokader._engine.labels import CATEGORIES
from algokader.testing import assert_holds, label_profiles, partial_systems, requirement_sources, systems

from .labels import reference as published
from .reference import Reference


@functools.cache
def rs() -> algokader.RuleSet:
    return algokader.load()


@functools.cache
def oracle() -> Reference:
    folder = files("algokader") / "requirements"
    texts = {f"requirements/{p.name}": p.read_text("utf-8") for p in folder.iterdir() if p.name.endswith(".ak")}
    return Reference.from_sources(texts)


@settings(max_examples=60)
@given(systems(rs()))
def test_every_verdict_and_outcome_matches_the_reference_interpreter(system: dict[str, Any]) -> None:
    report = rs().evaluate(system)
    for rid in rs().requirements:
        applies = oracle().applies(rid, system)
        assert report.verdicts[rid] is (Verdict.APPLIES if applies else Verdict.DOES_NOT_APPLY), rid
        if applies:
            for name, value in report[rid].outcomes.items():
                assert value == oracle().outcome(rid, name, system), (rid, name)


@given(partial_systems(rs()), st.data())
def test_partial_answers_hold_for_completions(system: dict[str, Any], data: st.DataObject) -> None:
    report = rs().evaluate(system)
    completion = data.draw(systems(rs(), **system))
    full = rs().evaluate(completion)
    for rid, verdict in report.verdicts.items():
        if verdict is not Verdict.UNKNOWN:
            assert full.verdicts[rid] is verdict, rid
        else:
            assert set(report[rid].depends_on) <= set(rs().facts) - set(system), rid


def ak_filter(entry: dict[str, Any], labels: dict[str, set[str]]) -> bool:
    """The Algoritmekader's filter, written independently: OR within, AND across, no exclusion true."""

    def has(label: str) -> bool:
        category = next(c for c in entry["labels"] if label.startswith(c + "-"))
        return label[len(category) + 1 :] in labels.get(category, set())

    def excluded(expression: str) -> bool:
        tokens = re.findall(r'"[^"]*"|\|\||&&|\(|\)|[a-z0-9-]+', expression)
        position = 0

        def either() -> bool:
            nonlocal position
            value = both()
            while position < len(tokens) and tokens[position] == "||":
                position += 1
                value = both() or value
            return value

        def both() -> bool:
            nonlocal position
            value = atom()
            while position < len(tokens) and tokens[position] == "&&":
                position += 1
                value = atom() and value
            return value

        def atom() -> bool:
            nonlocal position
            token = tokens[position]
            position += 1
            if token == "(":
                value = either()
                position += 1
                return value
            return has(token.strip('"'))

        return either()

    matches = all(set(values) & labels.get(category, set()) for category, values in entry["labels"].items())
    return matches and not any(excluded(e) for e in entry["uitzondering"])


@given(label_profiles())
def test_label_mode_on_a_complete_profile_is_the_algoritmekader_filter(labels: list[str]) -> None:
    chosen: dict[str, set[str]] = {}
    for label in labels:
        category = next(c for c in CATEGORIES if label.startswith(c + "-"))
        chosen.setdefault(category, set()).add(label[len(category) + 1 :])
    report = rs().evaluate(labels=labels, mode="labels")
    for rid, entry in published().items():
        verdict = report.verdicts[rid]
        if len(chosen) == len(CATEGORIES):  # nothing open: the filter's answer is definite
            assert verdict is (Verdict.APPLIES if ak_filter(entry, chosen) else Verdict.DOES_NOT_APPLY), rid
        elif verdict is not Verdict.UNKNOWN:  # open categories: a definite answer must hold for a completion
            completed = {c: chosen.get(c, {CATEGORIES[c][0]}) for c in CATEGORIES}
            assert (verdict is Verdict.APPLIES) == ak_filter(entry, completed), rid


@settings(max_examples=20)
@given(requirement_sources(rs()))
def test_generated_requirement_files_parse_and_check(text: str) -> None:
    rid = text.split()[1]
    sources = dict(rs()._program.model.sources)
    sources[f"extra/{rid}.ak"] = text
    sources = {k: v for k, v in sources.items() if not k.endswith(f"/{rid}.ak") or k.startswith("extra/")}
    algokader.load_sources(sources)


@pytest.mark.parametrize(
    "rule",
    ["als aia-14 dan en slechts dan aia-15", "als aia-30 dan ook aia-39", "als aia-20 dan ook aia-01"],
)
def test_properties_stated_in_the_rules_language(rule: str) -> None:
    assert_holds(rs(), rule)


def test_a_failing_property_names_a_witness() -> None:
    with pytest.raises(AssertionError, match="for example"):
        assert_holds(rs(), "als aia-01 dan ook aia-14")
