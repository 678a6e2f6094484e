"""Exhaustive analysis: each kind of defect planted in a small rule set is found, with a witness that
really exhibits it; the bundled rule set has no error-level finding."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

import algokader
from algokader import FindingKind, Severity, Verdict
from algokader.cli import main

VOCABULARY = """
feit soort-toepassing: een van {ai-systeem, ai-systeem-voor-algemene-doeleinden,
    ai-model-voor-algemene-doeleinden, geen-algoritme}
feit rol-ai-act: verzameling van {aanbieder, gebruiksverantwoordelijke, importeur, distributeur}
feit p: ja/nee
feit q: ja/nee
feit nooit-gelezen: ja/nee
definitie ongebruikt waar als p en q
definitie risicogroep: een van {uitzondering-van-toepassing, verboden-ai, hoog-risico-ai-systeem,
        geen-hoog-risico-ai-systeem, niet-van-toepassing}
    als p dan hoog-risico-ai-systeem
    anders geen-hoog-risico-ai-systeem
"""


def requirement(rid: str, condition: str, labels: str = "", deviation: str = "") -> str:
    text = f'vereiste {rid}\n  urn "urn:nl:ak:ver:{rid}"\n  titel "t"\n  van toepassing als {condition}\n'
    if labels:
        text += f"  labels\n    {labels}\n"
    if deviation:
        text += f'  afwijking "{deviation}"\n'
    return text


def analysis(*requirements: str) -> algokader.Analysis:
    sources = {"vocab.ak": VOCABULARY}
    for text in requirements:
        rid = text.split()[1]
        sources[f"{rid}.ak"] = text
    return algokader.load_sources(sources).analyze()


def kinds(found: algokader.Analysis) -> dict[FindingKind, list[tuple[str, ...]]]:
    grouped: dict[FindingKind, list[tuple[str, ...]]] = {}
    for f in found.findings:
        grouped.setdefault(f.kind, []).append(f.ids)
    return grouped


def test_a_requirement_that_can_never_apply_is_an_error() -> None:
    found = analysis(requirement("tst-01", "p en niet p"), requirement("tst-02", "p of q"))
    assert kinds(found)[FindingKind.DEAD] == [("tst-01",)]
    assert found.has_errors


def test_a_requirement_that_always_applies_is_a_warning() -> None:
    found = analysis(requirement("tst-01", "p of niet p"))
    (always,) = [f for f in found.findings if f.kind is FindingKind.ALWAYS_APPLIES]
    assert (always.level, always.ids) == (Severity.WARNING, ("tst-01",))


def test_requirements_with_the_same_meaning_are_reported_even_when_written_differently() -> None:
    found = analysis(
        requirement("tst-01", "p en q"), requirement("tst-02", "niet (niet q of niet p)"), requirement("tst-03", "p")
    )
    (same,) = [f for f in found.findings if f.kind is FindingKind.IDENTICAL_CONDITIONS]
    assert same.ids == ("tst-01", "tst-02")
    assert same.witness is not None
    rs = algokader.load_sources({"vocab.ak": VOCABULARY, "tst-01.ak": requirement("tst-01", "p en q")})
    assert rs.evaluate(same.witness)["tst-01"].verdict is Verdict.APPLIES


def test_unused_definitions_and_unread_facts_are_warnings() -> None:
    found = kinds(analysis(requirement("tst-01", "p")))
    assert ("ongebruikt",) in found[FindingKind.UNUSED_DEFINITION]
    assert ("nooit-gelezen",) in found[FindingKind.UNREAD_FACT]
    assert ("q",) in found[FindingKind.UNREAD_FACT]  # only the unused definition reads it


def test_a_definition_a_property_reads_is_used() -> None:
    """analyze checks every property, so what a property reads is part of the rule set (the bundled
    duties outside the Algoritmekader, extra-aia-overheid.ak, rely on it)."""
    checked = requirement("tst-01", "p") + "eigenschap e\n  als ongebruikt dan ook tst-01\n"
    found = kinds(analysis(checked))
    assert ("ongebruikt",) not in found.get(FindingKind.UNUSED_DEFINITION, [])
    assert ("q",) not in found.get(FindingKind.UNREAD_FACT, [])
    assert ("nooit-gelezen",) in found[FindingKind.UNREAD_FACT]


def test_an_undocumented_label_disagreement_is_an_error_with_a_witness_that_exhibits_it() -> None:
    text = requirement("tst-01", "p en q", labels="risicogroep: hoog-risico-ai-systeem")
    found = analysis(text)
    (problem,) = [f for f in found.findings if f.kind is FindingKind.UNDOCUMENTED_DEVIATION]
    assert problem.level is Severity.ERROR
    rs = algokader.load_sources({"vocab.ak": VOCABULARY, "tst-01.ak": text})
    assert problem.witness is not None
    result = rs.evaluate(problem.witness)["tst-01"]
    assert result.verdict is not result.labels_verdict
    (comparison,) = found.label_comparison
    assert comparison.over_approximation is not None  # p true, q false: labels say yes, law says no
    assert comparison.under_approximation is None
    assert not comparison.covered_by_deviation


def test_a_documented_disagreement_is_no_error() -> None:
    text = requirement(
        "tst-01", "p en q", labels="risicogroep: hoog-risico-ai-systeem", deviation="q ontbreekt in de labels."
    )
    found = analysis(text)
    assert not found.has_errors
    assert found.label_comparison[0].covered_by_deviation


def test_the_bundled_rule_set_has_no_error_level_finding() -> None:
    found = algokader.load().analyze()
    assert not found.has_errors, found.render("en")
    assert len(found.label_comparison) == 63


def test_analyze_json_follows_the_documented_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    schema = json.loads((files("algokader") / "data" / "analyze.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    assert len(data["label_comparison"]) == 63


def test_analyze_exits_1_on_an_error_level_finding(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "vocab.ak").write_text(VOCABULARY)
    (tmp_path / "tst-01.ak").write_text(requirement("tst-01", "p en niet p"))
    assert main(["analyze", str(tmp_path), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "error: dead [tst-01]: can never apply" in out


def test_overlapping_outcome_rules_are_noted_with_a_witness_where_both_hold() -> None:
    text = requirement("tst-01", "p") + "  uitkomst u: een van {x, y}\n    als q dan x\n    als p dan y\n"
    found = analysis(text)
    (overlap,) = [f for f in found.findings if f.kind is FindingKind.OVERLAPPING_RULES]
    assert overlap.level is Severity.INFO
    assert overlap.witness == {"p": True, "q": True}
