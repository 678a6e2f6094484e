"""Explanations: why a verdict and an outcome came out, traced to file, line and legal source."""

from __future__ import annotations

import functools
import json
from importlib.resources import files

import algokader
from algokader import StepKind, Truth, Verdict

from .test_aia14 import BASE


@functools.cache
def rs() -> algokader.RuleSet:
    return algokader.load()


def result(**changes: object) -> algokader.Result:
    return rs().evaluate({**BASE, **{k.replace("_", "-"): v for k, v in changes.items()}})["aia-14"]


def test_structured_explanation_points_at_the_condition_in_the_file() -> None:
    e = result(bijlage_iii={"4a"}).explanation
    assert (e.id, e.verdict) == ("aia-14", Verdict.APPLIES)
    assert e.condition is not None
    assert e.condition.truth is Truth.TRUE
    assert e.condition.span.path == "requirements/aia-14.ak"
    lines = (files("algokader") / "requirements" / "aia-14.ak").read_text("utf-8").splitlines()
    assert lines[e.condition.span.line - 1].strip().startswith("van toepassing als")
    assert e.condition.text == "binnen-reikwijdte en aanbieder en hoog-risico-hoofdstuk-iii"
    assert [c.text for c in e.condition.children] == ["binnen-reikwijdte", "aanbieder", "hoog-risico-hoofdstuk-iii"]


def test_definitions_are_expanded_with_their_legal_source() -> None:
    e = result(bijlage_iii={"4a"}).explanation
    assert e.condition is not None
    aanbieder = e.condition.children[1]
    assert aanbieder.kind is StepKind.TEST
    (definition,) = aanbieder.children
    assert definition.kind is StepKind.DEFINITION
    assert any("artikel 25" in s.reference.lower() for s in definition.sources)
    assert definition.span.path == "requirements/ai-verordening.ak"


def test_a_failing_condition_is_explained_by_the_part_that_fails() -> None:
    r = rs().evaluate({"rol-ai-act": {"gebruiksverantwoordelijke"}, "aanbieder-door-wijziging": set()})["aia-14"]
    text = r.explain()
    assert "NIET VAN TOEPASSING" in text
    assert "✗ aanbieder — onwaar" in text
    assert "rol-ai-act = {gebruiksverantwoordelijke}" in text
    # Parts that did not decide the verdict are not shown.
    assert not any(line.strip().startswith("? hoog-risico-hoofdstuk-iii") for line in text.splitlines())


def test_outcome_explanation_shows_the_chosen_rule_with_its_line() -> None:
    r = result(bijlage_iii={"1a"}, beoogde_gebruiker={"asiel"})
    (route, assessor, _) = r.explanation.outcomes
    assert route.value == "aangemelde-instantie"
    chosen = [rule for rule in route.rules if rule.truth is Truth.TRUE]
    assert [rule.text for rule in chosen] == ["als biometrie dan aangemelde-instantie"]
    assert assessor.value == "markttoezichtautoriteit"
    assert "Uitkomst beoordelaar = markttoezichtautoriteit" in r.explain()
    assert "aia-14.ak:" in r.explain()


def test_unknown_verdict_explains_what_is_missing() -> None:
    r = rs().evaluate({"risicogroep": "hoog-risico-ai-systeem"})["aia-14"]
    text = r.explain()
    assert "ONBEKEND" in text
    assert "Hangt af van: rol-ai-act" in text
    assert "rol-ai-act = onbekend" in text


def test_english_rendering() -> None:
    text = result(bijlage_iii={"4a"}).explain(lang="en")
    assert ": APPLIES" in text
    assert "Applies when:" in text
    assert "Sources:" in text


def test_structured_explanation_is_json_ready() -> None:
    data = result(bijlage_iii={"1a"}).explanation.as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["verdict"] == "applies"
    assert data["outcomes"][0]["name"] == "route"
    assert data["condition"]["file"] == "requirements/aia-14.ak"


def test_open_questions_of_a_report_are_ranked_and_name_the_requirements() -> None:
    report = rs().evaluate({"soort-toepassing": "ai-systeem"})
    questions = report.open_questions
    assert [len(q.requirements) for q in questions] == sorted((len(q.requirements) for q in questions), reverse=True)
    assert len({q.fact for q in questions}) == len(questions)  # each fact asked once
    for question in questions:
        for rid in question.requirements:
            result = report[rid]
            assert question.fact in result.depends_on or any(
                question.fact in deps for deps in result.outcome_depends_on.values()
            )
    (roles,) = [q for q in questions if q.fact == "rol-ai-act"]
    assert "aia-14" in roles.requirements
