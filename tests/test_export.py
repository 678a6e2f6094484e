"""``algokader export``: the JSON document follows its schema and its predicate trees mean what the
rules mean. The task-registry export is specified in test_registry.py."""

from __future__ import annotations

import datetime
import functools
import io
import json
import random
import shutil
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import algokader
from algokader._tools.export import export_command, export_json
from algokader.cli import main

from .systems import NEUTRAL_AI_SYSTEM


@functools.cache
def rs() -> algokader.RuleSet:
    return algokader.load()


@functools.cache
def exported() -> dict[str, Any]:
    # Through a JSON round trip, so the test sees exactly what a consumer reads.
    return json.loads(json.dumps(export_json(rs())))  # type: ignore[no-any-return]


def schema() -> dict[str, Any]:
    return json.loads((files("algokader") / "data" / "export.schema.json").read_text("utf-8"))  # type: ignore[no-any-return]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- a consumer of the export: a tiny interpreter of its predicate trees


class Interpreter:
    """Evaluates the exported trees for a complete system, using nothing but the export."""

    def __init__(self, document: dict[str, Any], system: dict[str, Any]) -> None:
        vocabulary = document["vocabulary"]
        self.facts = {f["name"]: f for f in vocabulary["facts"]}
        self.definitions = {d["name"]: d for d in vocabulary["definitions"]}
        self.system = system
        self.cache: dict[str, Any] = {}

    def value(self, name: str) -> Any:
        if name in self.facts:
            value = self.system[name]
            return frozenset(value) if self.facts[name]["type"]["kind"] == "set" else value
        if name not in self.cache:
            definition = self.definitions[name]
            if definition["expression"] is not None:
                self.cache[name] = self.holds(definition["expression"])
            else:
                self.cache[name] = self.choose(definition["choice"])
        return self.cache[name]

    def choose(self, choice: dict[str, Any]) -> Any:
        for rule in choice["rules"]:
            if self.holds(rule["when"]):
                return rule["value"]
        return choice["otherwise"]

    def holds(self, tree: dict[str, Any]) -> bool:
        op = tree["op"]
        if op == "and":
            return all(self.holds(t) for t in tree["args"])
        if op == "or":
            return any(self.holds(t) for t in tree["args"])
        if op == "not":
            return not self.holds(tree["arg"])
        if op == "ref":
            return bool(self.value(tree["name"]) is True)
        value = self.value(tree["subject"])
        values = tree["values"]
        operator = tree["operator"]
        if isinstance(value, frozenset):
            if operator in ("empty", "not-empty"):
                return len(value) == 0 if operator == "empty" else len(value) > 0
            shares = bool(value & set(values))
            return not shares if operator in ("ne", "not-in") else shares
        if operator in ("lt", "le", "gt", "ge"):
            day, limit = value, datetime.date.fromisoformat(values[0])
            return bool({"lt": day < limit, "le": day <= limit, "gt": day > limit, "ge": day >= limit}[operator])
        if isinstance(value, datetime.date):
            values = [datetime.date.fromisoformat(v) for v in values]
        found = value in values
        return not found if operator in ("ne", "not-in") else found

    def applies(self, requirement: dict[str, Any]) -> bool:
        condition = requirement["condition"]
        if condition is None or not self.holds(condition):
            return False
        return not any(self.holds(t) for t in requirement["unless"])


def complete_systems(count: int) -> list[dict[str, Any]]:
    """Systems with every fact of the vocabulary given: a neutral AI system and random ones."""
    facts = exported()["vocabulary"]["facts"]
    chooser = random.Random(20260802)
    systems = []
    neutral = {f["name"]: _default(f) for f in facts} | NEUTRAL_AI_SYSTEM
    systems.append(neutral)
    for _ in range(count):
        system: dict[str, Any] = {}
        for fact in facts:
            kind, values = fact["type"]["kind"], fact["type"]["values"]
            if kind == "bool":
                system[fact["name"]] = chooser.random() < 0.5
            elif kind == "enum":
                system[fact["name"]] = chooser.choice(values)
            elif kind == "set":
                system[fact["name"]] = {v for v in values if chooser.random() < 0.3}
            else:
                system[fact["name"]] = datetime.date(2024, 1, 1) + datetime.timedelta(days=chooser.randrange(2000))
        systems.append(system)
    return systems


def _default(fact: dict[str, Any]) -> Any:
    kind, values = fact["type"]["kind"], fact["type"]["values"]
    return {"bool": False, "enum": values[0] if values else None, "set": set(), "date": datetime.date(2026, 1, 1)}[kind]


# --- JSON


def test_json_export_validates_against_its_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.validate(exported(), schema(), cls=jsonschema.Draft202012Validator)


def test_json_export_covers_every_requirement_with_its_metadata() -> None:
    requirements = {r["id"]: r for r in exported()["requirements"]}
    assert len(requirements) == 63
    assert sorted(requirements) == sorted(rs().requirements)
    aia14 = requirements["aia-14"]
    info = rs().requirements["aia-14"]
    assert (aia14["urn"], aia14["title"], aia14["explanation"]) == (info.urn, info.title, info.explanation)
    assert [(s["reference"], s["url"]) for s in aia14["sources"]] == [(s.reference, s.url) for s in info.sources]
    assert aia14["labels"]["categories"] == {k: list(v) for k, v in info.labels.items()}
    assert aia14["labels"]["exclusions"] == [
        {"op": "test", "operator": "eq", "subject": "risicogroep", "values": ["uitzondering-van-toepassing"]}
    ]
    assert aia14["condition"] == {
        "op": "and",
        "args": [
            {"op": "ref", "name": "binnen-reikwijdte"},
            {"op": "ref", "name": "aanbieder"},
            {"op": "ref", "name": "hoog-risico-hoofdstuk-iii"},
        ],
    }
    omnibus = aia14["effective"][3]
    assert (omnibus["date"], omnibus["status"]) == ("2027-12-02", "aangenomen")
    assert omnibus["when"] == {"op": "ref", "name": "hoog-risico-bijlage-iii"}
    assert aia14["effective"][2]["date"] is None  # geldt niet (Art. 111(2))
    assert aia14["deviations"] == list(info.deviations)
    assert [o["name"] for o in aia14["outcomes"]] == ["route", "beoordelaar", "herbeoordeling"]
    assert aia14["outcomes"][2]["otherwise"] is False
    assert aia14["tags"] == {
        "levenscyclus": list(info.lifecycle),
        "onderwerp": list(info.topics),
        "rollen": list(info.roles),
    }


def test_json_export_holds_the_vocabulary() -> None:
    vocabulary = exported()["vocabulary"]
    names = {f["name"] for f in vocabulary["facts"]} | {d["name"] for d in vocabulary["definitions"]}
    assert names == set(rs().facts)
    for fact in vocabulary["facts"]:
        info = rs().facts[fact["name"]]
        assert not info.derived
        assert (fact["type"]["kind"], tuple(fact["type"]["values"])) == (info.kind.value, info.values)
    for definition in vocabulary["definitions"]:
        assert rs().facts[definition["name"]].derived
        assert (definition["expression"] is None) != (definition["choice"] is None)


@pytest.mark.parametrize("index", range(31))
def test_predicate_trees_give_the_verdicts_of_evaluate(index: int) -> None:
    """The trees are faithful: a consumer evaluating them gets algokader's own answers."""
    system = complete_systems(30)[index]
    report = rs().evaluate(system)
    interpreter = Interpreter(exported(), system)
    for requirement in exported()["requirements"]:
        result = report[requirement["id"]]
        assert result.verdict is not algokader.Verdict.UNKNOWN  # the system is complete
        applies = interpreter.applies(requirement)
        assert applies == (result.verdict is algokader.Verdict.APPLIES), requirement["id"]
        if applies:
            for outcome in requirement["outcomes"]:
                expected = result.outcomes[outcome["name"]]
                expected = expected if isinstance(expected, bool) else str(expected)
                assert interpreter.choose(outcome) == expected, (requirement["id"], outcome["name"])
        if requirement["labels"] is not None:
            labels_apply = interpreter.holds(requirement["labels"]["filter"])
            assert labels_apply == (result.labels_verdict is algokader.Verdict.APPLIES), requirement["id"]


def test_the_systems_cover_both_verdicts() -> None:
    """Guard against a vacuous faithfulness test: the systems make requirements apply and not apply."""
    seen: set[algokader.Verdict] = set()
    for system in complete_systems(30):
        seen.update(rs().evaluate(system).verdicts.values())
    assert seen == {algokader.Verdict.APPLIES, algokader.Verdict.DOES_NOT_APPLY}


def test_json_export_cli_to_stdout_and_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "export", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == exported()
    target = tmp_path / "export.json"
    code, out, err = run(capsys, "export", "--format", "json", "--output", str(target))
    assert (code, out, err) == (0, "", "")
    assert json.loads(target.read_text("utf-8")) == exported()


def test_json_export_of_another_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "requirements"
    # The rule files only: the bundled maatregelen.json names woo-01, so it would not load without it.
    shutil.copytree(Path(str(files("algokader") / "requirements")), folder, ignore=shutil.ignore_patterns("*.json"))
    (folder / "woo-01.ak").unlink()
    code, out, err = run(capsys, "export", "--format", "json", "--requirements", str(folder))
    assert (code, err) == (0, "")
    ids = [r["id"] for r in json.loads(out)["requirements"]]
    assert len(ids) == 62
    assert "woo-01" not in ids


# --- task registry


def test_task_registry_needs_an_output_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", "--format", "task-registry")
    assert (code, out) == (1, "")
    assert "--output" in err


def test_task_registry_output_that_is_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    code, _, err = run(capsys, "export", "--format", "task-registry", "--output", str(blocker))
    assert code == 1
    assert str(blocker) in err


def test_export_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "export")[0] == 2  # --format is required
    assert run(capsys, "export", "--format", "xml")[0] == 2


def test_export_of_a_missing_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", "--format", "json", "--requirements", str(tmp_path / "nothing"))
    assert code == 1
    assert "nothing" in err


def test_export_command_rejects_an_unknown_format() -> None:
    with pytest.raises(algokader.AlgokaderError, match="yaml"):
        export_command(rs(), "yaml", None, out=io.StringIO())
