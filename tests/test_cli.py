"""The ``algokader`` command line: every command and format, and every kind of bad input."""

from __future__ import annotations

import io
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import algokader
from algokader.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def schema() -> dict[str, object]:
    return json.loads((files("algokader") / "data" / "check.schema.json").read_text("utf-8"))  # type: ignore[no-any-return]


# --- check


def test_check_text_groups_by_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(EXAMPLES / "fraude-risicoscore.json"))
    assert (code, err) == (0, "")
    first, rest = out.split("\n\n", 1)
    assert first.startswith("Peildatum ") and "regime omnibus" in first  # the time it was judged on, stated
    assert rest.startswith("Van toepassing (")
    assert "route = interne-controle" in out
    assert "\033[" not in out  # no colour when not on a terminal


def test_check_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(EXAMPLES / "fraude-risicoscore.json"), "--lang", "en")
    assert code == 0 and out.startswith("Reference date ") and "\n\nApplies (" in out


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir()))
def test_check_json_follows_the_documented_schema(capsys: pytest.CaptureFixture[str], example: str) -> None:
    code, out, _ = run(capsys, "check", str(EXAMPLES / example), "--format", "json")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, schema())
    assert {r["id"] for r in data["requirements"]} >= {"aia-14"}


@pytest.mark.parametrize(
    ("system", "options"),
    [
        ({}, {}),
        ({"rol-ai-act": {"aanbieder"}, "bijlage-iii": {"1a"}}, {}),
        (None, {"labels": ["risicogroep-hoog-risico-ai-systeem", "rol-ai-act-aanbieder"], "mode": "labels"}),
    ],
)
def test_report_as_dict_is_what_check_prints_and_follows_the_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, system: dict[str, Any] | None, options: dict[str, Any]
) -> None:
    """One serializer: the API's Report.as_dict() is the JSON the command line prints."""
    data = algokader.load().evaluate(system, **options).as_dict()
    jsonschema.validate(data, schema())
    arguments = ["check", "--format", "json"]
    if system is not None:
        path = tmp_path / "system.json"
        path.write_text(json.dumps({k: sorted(v) for k, v in system.items()}), "utf-8")
        arguments.append(str(path))
    if options:
        arguments += ["--labels", ",".join(options["labels"]), "--mode", options["mode"]]
    code, out, _ = run(capsys, *arguments)
    assert code == 0 and json.loads(out) == data


def test_check_yaml_and_toml_and_stdin(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    yaml_file = tmp_path / "s.yaml"
    yaml_file.write_text(
        "soort-toepassing: ai-systeem\nrol-ai-act: [gebruiksverantwoordelijke]\naanbieder-door-wijziging: []\n"
    )
    code, out, _ = run(capsys, "check", str(yaml_file), "--only", "aia-14")
    assert code == 0 and out.split("\n\n", 1)[1].startswith("Niet van toepassing (1)")
    code, out, _ = run(capsys, "check", str(EXAMPLES / "gezichtsherkenning-grens.toml"))
    assert code == 0 and "beoordelaar = markttoezichtautoriteit" in out
    monkeypatch.setattr("sys.stdin", io.StringIO('{"soort-toepassing": "geen-algoritme"}'))
    code, out, _ = run(capsys, "check", "-", "--format", "json")
    assert code == 0 and json.loads(out)["requirements"][0]["verdict"] == "does-not-apply"


def test_check_open_questions_are_listed_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    system = tmp_path / "s.json"
    system.write_text('{"soort-toepassing": "ai-systeem", "rol-ai-act": ["aanbieder"]}')
    code, out, _ = run(capsys, "check", str(system))
    assert code == 0
    assert "Open vragen" in out
    assert out.count("bijlage-iii →") == 1


def test_check_with_labels_only_in_label_mode(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "check", "--labels", "AI-systeem,aanbieder,hoog-risico AI", "--mode", "labels", "--format", "json"
    )
    assert code == 0
    (entry,) = [r for r in json.loads(out)["requirements"] if r["id"] == "aia-14"]
    assert entry["verdict"] == "unknown"
    assert entry["labels_verdict"] == "unknown"


def test_check_with_a_decision_aid_export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    export = tmp_path / "beslishulp.json"
    export.write_text(
        json.dumps({"Risicogroep": ["hoog-risico AI"], "Verantwoordelijkheid": ["gebruiksverantwoordelijke"]})
    )
    code, out, _ = run(capsys, "check", "--labels-file", str(export), "--mode", "labels", "--format", "json")
    assert code == 0
    (entry,) = [r for r in json.loads(out)["requirements"] if r["id"] == "aia-14"]
    assert entry["verdict"] == "does-not-apply"


def test_check_shows_the_deviation_when_law_and_labels_contradict(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    system = json.loads((EXAMPLES / "fraude-risicoscore.json").read_text())
    system.update({"bijlage-iii": [], "bijlage-i": "afdeling-b", "bijlage-i-derde-partij": True})
    path = tmp_path / "b.json"
    path.write_text(json.dumps(system))
    code, out, _ = run(capsys, "check", str(path), "--only", "aia-14", "--format", "json")
    assert code == 0
    (entry,) = json.loads(out)["requirements"]
    assert (entry["verdict"], entry["labels_verdict"]) == ("does-not-apply", "applies")
    assert "afdeling B" in entry["deviation"]


def test_check_marks_a_label_deviation_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """The documented deviation is one marker line pointing to explain; --verbose gives the text."""
    example = str(EXAMPLES / "fraude-risicoscore.json")
    code, out, _ = run(capsys, "check", example)
    assert code == 0
    lines = out.splitlines()
    marker = lines.index("          volgens de labels: van toepassing (afwijking, zie algokader explain aia-24)")
    block = [line for line in lines[:marker] if line.startswith("  ") and not line.startswith("          ")]
    assert block[-1].startswith("  aia-24  ")  # the marker stands in aia-24's block
    assert "Gebruiksverantwoordelijken die geen werkgever zijn" not in out
    assert max(len(line) for line in lines if not line.startswith("  ") or line.startswith("          ")) <= 100
    code, out, _ = run(capsys, "check", example, "--lang", "en")
    assert "          by the labels: applies (deviation, see algokader explain aia-24)\n" in out
    code, out, _ = run(capsys, "check", example, "--verbose", "--only", "aia-24")
    assert code == 0
    assert "          Volgens de labels: van toepassing. Afwijking van het labelprofiel:\n" in out
    assert "            Gebruiksverantwoordelijken die geen werkgever zijn" in out
    shown = [line for line in out.splitlines() if line.startswith("          ") and "Afwijking" not in line]
    assert max(len(line) for line in shown if "peildatum" not in line) <= 100  # wrapped for a terminal


def test_explain_shows_the_deviation_the_marker_points_to(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "aia-24", str(EXAMPLES / "fraude-risicoscore.json"), "--lang", "en")
    assert code == 0 and "By the labels: applies. Deviation from the label profile:\n" in out
    assert "Gebruiksverantwoordelijken die geen werkgever zijn" in out
    code, out, _ = run(capsys, "explain", "aia-14", str(EXAMPLES / "fraude-risicoscore.json"))
    assert code == 0 and "labelprofiel" not in out  # law and labels agree


def test_every_problem_of_a_system_description_on_its_own_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("soort-toepasing: ai-systeem\nrol-ai-act: [aanbeider]\nprofilering: 3\n")
    code, out, err = run(capsys, "check", str(path), "--lang", "en")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}: unknown fact 'soort-toepasing'",
        "    hint: did you mean 'soort-toepassing'?",
        f"{path}: fact rol-ai-act: value 'aanbeider' is not allowed",
        "    hint: did you mean 'aanbieder'?",
        f"{path}: fact profilering: expected yes/no (True/False), got 3 (int)",
    ]


# --- explain and list


def test_explain_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "aia-14", str(EXAMPLES / "gezichtsherkenning-grens.toml"))
    assert code == 0 and "Uitkomst beoordelaar = markttoezichtautoriteit" in out
    code, out, _ = run(capsys, "explain", "aia-14", str(EXAMPLES / "gezichtsherkenning-grens.toml"), "--format", "json")
    assert code == 0 and json.loads(out)["verdict"] == "applies"


def test_list_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0 and out.startswith("aia-")
    code, out, _ = run(capsys, "list", "--format", "json")
    entries = json.loads(out)["requirements"]
    assert all(e["urn"] == f"urn:nl:ak:ver:{e['id']}" and e["sources"] for e in entries)


def test_list_another_rule_set(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "f.ak").write_text("feit a: ja/nee\n")
    (tmp_path / "tst-01.ak").write_text(
        'vereiste tst-01\n urn "urn:nl:ak:ver:tst-01"\n titel "T"\n van toepassing als a\n'
    )
    code, out, _ = run(capsys, "list", "--requirements", str(tmp_path))
    assert (code, out) == (0, "tst-01  T\n")


# --- bad input: exit 1, a message with file/line/column or fact/value, never a traceback


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.json", '{"soort-toepassing": ', "bad.json:1:"),
        ("bad.yaml", "a: [1, 2\n", "bad.yaml:"),
        ("bad.toml", "a = \n", "bad.toml"),
        ("list.json", "[1, 2]", "object"),
        ("binary.json", b"\x00\xff\xfe", "bestand"),
    ],
)
def test_malformed_system_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: str | bytes, expected: str
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    code, out, err = run(capsys, "check", str(path))
    assert code == 1 and out == ""
    assert expected in err
    assert "Traceback" not in err


def test_empty_system_file_means_nothing_known(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0 and "Onbekend" in out


def test_missing_file_and_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "nope.json"))
    assert code == 1 and "nope.json" in err
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 1 and str(tmp_path) in err


def test_fmt_and_analyze_take_files_and_folders(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    (rules / "sub").mkdir(parents=True)
    (rules / "b.ak").write_text("feit   b: ja/nee\n")
    (rules / "sub" / "a.ak").write_text("feit a: ja/nee\n")
    (rules / "notes.txt").write_text("not a rule file")
    code, out, err = run(capsys, "fmt", "--check", str(rules))
    assert (code, err) == (1, "") and out == f"zou opnieuw opgemaakt worden: {rules}/b.ak\n"
    code, out, _ = run(capsys, "fmt", str(rules / "sub"), str(rules / "b.ak"), str(rules))
    assert code == 0 and out == f"opnieuw opgemaakt: {rules}/b.ak\n"  # named twice, formatted once
    code, out, _ = run(capsys, "fmt", "--check", str(rules))
    assert (code, out) == (0, "")
    code, _, err = run(capsys, "fmt", "--check", "requirements/", str(tmp_path / "nope"), "--lang", "en")
    assert (code, err) == (1, f"{tmp_path / 'nope'}: no such file or folder\n")
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "fmt", str(tmp_path / "empty"))
    assert code == 1 and "geen regelbestanden (*.ak)" in err
    for argv in ([str(rules)], [str(rules / "b.ak"), str(rules / "sub")], [str(rules / "sub" / "a.ak")]):
        code, out, err = run(capsys, "analyze", *argv, "--format", "json")
        assert (code, err) == (0, ""), argv
        unread = {f["message"] for f in json.loads(out)["findings"] if f["kind"] == "unread-fact"}
        assert len(unread) == (2 if len(argv) == 2 or argv[0] == str(rules) else 1), argv
    code, _, err = run(capsys, "analyze", str(tmp_path / "nope"))
    assert code == 1 and "bestaat niet" in err


def test_bad_fact_value(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"soort-toepassing": "ai-systeen"}')
    code, _, err = run(capsys, "check", str(path))
    assert code == 1
    assert "soort-toepassing" in err and "ai-systeen" in err and "ai-systeem" in err


def test_unknown_label(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--labels", "hoog risico AI", "--mode", "labels", "--lang", "en")
    assert code == 1
    assert "unknown label hoog risico AI" in err and "hoog-risico AI" in err


def test_broken_rule_files_report_file_line_column(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "f.ak").write_text("feit a: ja/nee\ndefinitie b waar als c\n")
    code, _, err = run(capsys, "list", "--requirements", str(tmp_path))
    assert code == 1
    assert f"{tmp_path}/f.ak:2:22: fout: onbekende naam 'c'" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["bogus"],
        ["check"],  # nothing to check
        ["check", "x.json", "--format", "xml"],
        ["check", "x.json", "--only", "xyz-99"],
        ["explain", "xyz-99", "x.json"],
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.json").write_text("{}")
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("algokader: ")
