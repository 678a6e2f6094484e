"""The ``algokader`` command line: every command and format, and every kind of bad input."""

from __future__ import annotations

import io
import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

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
