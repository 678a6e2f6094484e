"""Maatregelen: shipped as data next to the rule files, checked when the set loads, and in the answers
(a report per lifecycle phase, ``check --maatregelen``, the JSON of check, ``explain``)."""

from __future__ import annotations

import functools
import json
import shutil
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import algokader
from algokader import RuleError, Verdict
from algokader._engine.maatregelen import PHASES, read_maatregelen, write_maatregelen
from algokader.cli import main

from .systems import NEUTRAL_AI_SYSTEM

BUNDLED = Path(str(files("algokader") / "requirements"))
REFERENCE = Path(__file__).parent / "data" / "algoritmekader-maatregelen.json"


@functools.cache
def rs() -> algokader.RuleSet:
    return algokader.load()


def reference() -> list[dict[str, Any]]:
    return json.loads(REFERENCE.read_text("utf-8"))["maatregelen"]  # type: ignore[no-any-return]


def bundled_text() -> str:
    return (BUNDLED / "maatregelen.json").read_text("utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- the data


def test_every_published_maatregel_is_shipped_with_its_facts() -> None:
    shipped = rs().maatregelen
    assert len(shipped) == len(reference()) == 108
    for entry in reference():
        m = shipped[entry["id"]]
        assert (m.urn, m.url) == (entry["urn"], entry["url"])
        assert m.requirements == tuple(entry["vereisten"])
        assert (m.lifecycle, m.topics, m.roles) == (
            tuple(entry["levenscyclus"]),
            tuple(entry["onderwerp"]),
            tuple(entry["rollen"]),
        )


def test_every_maatregel_has_a_dutch_and_an_english_title_of_its_own() -> None:
    titles = [m.title for m in rs().maatregelen.values()]
    english = [m.title_en for m in rs().maatregelen.values()]
    assert all(t.strip() for t in titles + english)
    assert len(set(titles)) == len(titles) and len(set(english)) == len(english)
    assert all(len(t) <= 90 for t in titles + english)  # short: a line of a report
    m = rs().maatregelen["org-01"]
    assert (m.title_in("nl"), m.title_in("en")) == (m.title, m.title_en)


def test_the_bundled_file_is_in_canonical_form() -> None:
    assert write_maatregelen(rs().maatregelen.values()) == bundled_text()


def test_maatregelen_of_a_requirement() -> None:
    ids = [m.id for m in rs().maatregelen_of("aia-14")]
    assert ids == [e["id"] for e in reference() if "aia-14" in e["vereisten"]]
    assert ids  # aia-14 has maatregelen in the Algoritmekader
    assert rs().maatregelen_of("nothing-99") == ()


# --- checked when the set loads


def sources_with(maatregelen: str) -> dict[str, str]:
    texts = {f"requirements/{p.name}": p.read_text("utf-8") for p in BUNDLED.iterdir() if p.name.endswith(".ak")}
    texts["requirements/maatregelen.json"] = maatregelen
    return texts


def load_error(maatregelen: str) -> RuleError:
    with pytest.raises(RuleError) as caught:
        algokader.load_sources(sources_with(maatregelen))
    return caught.value


def test_an_unknown_vereiste_names_file_line_entry_and_a_suggestion() -> None:
    text = bundled_text().replace('"vereisten": ["aia-01", "aia-21", "awb-01"]', '"vereisten": ["aia-01", "awb-1"]', 1)
    err = load_error(text)
    (diagnostic,) = err.diagnostics
    line = text.split("\n").index('    "vereisten": ["aia-01", "awb-1"],') + 1
    assert (diagnostic.span.path, diagnostic.span.line) == ("requirements/maatregelen.json", line)
    rendered = err.render("nl")
    assert f"requirements/maatregelen.json:{line}:" in rendered
    assert "maatregel org-01: onbekende vereiste 'awb-1'" in rendered
    assert "bedoelde je 'awb-01'?" in rendered
    assert "unknown requirement 'awb-1'" in err.render("en")


def test_a_requirement_removed_from_the_folder_is_named_in_the_maatregelen_that_serve_it(tmp_path: Path) -> None:
    folder = tmp_path / "requirements"
    shutil.copytree(BUNDLED, folder)
    (folder / "woo-01.ak").unlink()
    with pytest.raises(RuleError) as caught:
        algokader.load(folder)
    serving = [m.id for m in rs().maatregelen.values() if "woo-01" in m.requirements]
    assert serving and len(caught.value.diagnostics) == len(serving)
    rendered = caught.value.render("nl")
    for mid in serving:
        assert f"maatregel {mid}: onbekende vereiste 'woo-01'" in rendered
    assert "bedoelde je" not in rendered  # no near miss for a removed requirement
    assert "algokader list" in rendered


def test_all_problems_of_the_file_at_once() -> None:
    text = (
        bundled_text()
        .replace('"titel-en": "Establish', '"titel_en": "Establish', 1)
        .replace('"urn": "urn:nl:ak:mtr:org-02"', '"urn": "urn:nl:ak:mtr:org-20"', 1)
    )
    at = text.index('"id": "org-03"')
    text = text[:at] + text[at:].replace('"organisatieverantwoordelijkheden"', '"organisatie-verantwoordelijkheden"', 1)
    err = load_error(text)
    rendered = err.render("nl")
    assert "onbekend veld 'titel_en'" in rendered and "bedoelde je 'titel-en'?" in rendered
    assert "maatregel org-01 mist het veld 'titel-en'" in rendered
    assert "URN 'urn:nl:ak:mtr:org-20' hoort bij maatregel org-02" in rendered
    assert "onbekende fase van de levenscyclus 'organisatie-verantwoordelijkheden'" in rendered
    assert "bedoelde je 'organisatieverantwoordelijkheden'?" in rendered
    assert len(err.diagnostics) == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[{"id": "org-01",]', "geen geldige JSON"),
        ('{"id": "org-01"}', "is een lijst van maatregelen"),
        ("[1]", "maatregel nummer 1 is geen object"),
        (
            '[{"id": "org-1", "urn": "urn:nl:ak:mtr:org-1", "titel": "T", "titel-en": "T", "vereisten": [],'
            ' "levenscyclus": [], "onderwerp": [], "rollen": [], "url": "https://x"}]',
            "'org-1' is geen geldige maatregel-id",
        ),
        (
            '[{"id": "org-01", "urn": "urn:nl:ak:mtr:org-01", "titel": " ", "titel-en": "T", "vereisten": [],'
            ' "levenscyclus": [], "onderwerp": [], "rollen": [], "url": "https://x"}]',
            "'titel' moet een niet-lege tekst zijn",
        ),
        (
            '[{"id": "org-01", "urn": "urn:nl:ak:mtr:org-01", "titel": "T", "titel-en": "T", "vereisten": "aia-01",'
            ' "levenscyclus": [], "onderwerp": [], "rollen": [], "url": "https://x"}]',
            "'vereisten' moet een lijst van namen zijn",
        ),
        (
            '[{"id": "org-01", "urn": "urn:nl:ak:mtr:org-01", "titel": "T", "titel-en": "T", "vereisten": [],'
            ' "levenscyclus": [], "onderwerp": ["Governance"], "rollen": [], "url": "https://x"}]',
            "'Governance' in 'onderwerp' is geen geldige naam",
        ),
        (
            '[{"id": "org-01", "urn": "urn:nl:ak:mtr:org-01", "titel": "T", "titel-en": "T", "vereisten": [],'
            ' "levenscyclus": [], "onderwerp": [], "rollen": [], "url": "www.x"}]',
            "'www.x' is geen http(s)-adres",
        ),
    ],
)
def test_malformed_files(text: str, message: str) -> None:
    _, problems = read_maatregelen(text, "m.json")
    assert problems
    assert any(message in p.render("nl") for p in problems), [p.render("nl") for p in problems]
    assert all(p.span.path == "m.json" and p.span.line == 1 for p in problems)


def test_a_duplicate_id_names_the_first_line() -> None:
    entry = bundled_text().split("\n  },\n")[0].removeprefix("[\n") + "\n  }"
    text = "[\n" + entry + ",\n" + entry + "\n]\n"
    _, problems = read_maatregelen(text, "m.json")
    (problem,) = problems
    assert "maatregel org-00 staat al op regel 2" in problem.render("nl")
    assert problem.span.line == 14  # the second entry opens on line 13, its id is on the next


def test_a_folder_without_maatregelen_loads_without_them(tmp_path: Path) -> None:
    for path in BUNDLED.iterdir():
        if path.name.endswith(".ak"):
            shutil.copy(path, tmp_path / path.name)
    folder = algokader.load(tmp_path)
    assert folder.maatregelen == {}
    report = folder.evaluate(NEUTRAL_AI_SYSTEM)
    assert (dict(report.maatregelen), dict(report.possible_maatregelen)) == ({}, {})
    shutil.copy(BUNDLED / "maatregelen.json", tmp_path / "maatregelen.json")
    assert len(algokader.load(tmp_path).maatregelen) == 108


# --- in the answers


def assert_follows(rules: algokader.RuleSet, report: algokader.Report) -> None:
    """The specification of report.maatregelen and report.possible_maatregelen."""
    for phase, entries in report.maatregelen.items():
        for f in entries:
            assert phase in f.maatregel.lifecycle
            assert f.requirements and all(report.verdicts[r] is Verdict.APPLIES for r in f.requirements)
            assert all(report.verdicts[r] is Verdict.UNKNOWN for r in f.unknown)
    for phase, entries in report.possible_maatregelen.items():
        for f in entries:
            assert phase in f.maatregel.lifecycle
            assert not f.requirements and f.unknown
    listed = {(p, f.id) for p, entries in report.maatregelen.items() for f in entries}
    maybe = {(p, f.id) for p, entries in report.possible_maatregelen.items() for f in entries}
    for m in rules.maatregelen.values():
        verdicts = {report.verdicts.get(r) for r in m.requirements}
        for phase in m.lifecycle:
            assert ((phase, m.id) in listed) == (Verdict.APPLIES in verdicts)
            assert ((phase, m.id) in maybe) == (Verdict.APPLIES not in verdicts and Verdict.UNKNOWN in verdicts)
    order = [PHASES.index(p) for p in report.maatregelen]
    assert order == sorted(order)


def test_maatregelen_follow_from_the_requirements_that_apply() -> None:
    report = rs().evaluate(NEUTRAL_AI_SYSTEM | {"avg-verwerkingsverantwoordelijke": True})
    assert_follows(rs(), report)
    assert report.maatregelen and report["avg-01"].verdict is Verdict.APPLIES
    ids = {f.id for entries in report.maatregelen.values() for f in entries}
    assert ids >= {m.id for m in rs().maatregelen_of("avg-01")}


def test_a_maatregel_for_requirements_that_do_not_apply_is_not_listed() -> None:
    report = rs().evaluate(NEUTRAL_AI_SYSTEM)
    assert_follows(rs(), report)
    not_applying = [
        m
        for m in rs().maatregelen.values()
        if all(report.verdicts[r] is Verdict.DOES_NOT_APPLY for r in m.requirements)
    ]
    assert not_applying
    shown = {f.id for groups in (report.maatregelen, report.possible_maatregelen) for e in groups.values() for f in e}
    assert not shown & {m.id for m in not_applying}


def test_unknown_requirements_give_possible_maatregelen() -> None:
    report = rs().evaluate({})
    assert_follows(rs(), report)
    assert report.possible_maatregelen


def test_in_label_mode_too() -> None:
    report = rs().evaluate(labels=["AI-systeem", "aanbieder", "hoog-risico AI"], mode="labels")
    assert_follows(rs(), report)
    assert report.maatregelen


def test_only_the_evaluated_requirements_count() -> None:
    report = rs().evaluate(NEUTRAL_AI_SYSTEM | {"avg-verwerkingsverantwoordelijke": True}, only=["avg-01"])
    served = {r for entries in report.maatregelen.values() for f in entries for r in f.requirements}
    assert served == {"avg-01"}


def test_explain_lists_the_maatregelen_of_its_requirement() -> None:
    result = rs().evaluate(NEUTRAL_AI_SYSTEM, only=["aia-14"])["aia-14"]
    expected = rs().maatregelen_of("aia-14")
    assert result.explanation.maatregelen == expected
    text = result.explain("nl")
    assert "Maatregelen:" in text
    for m in expected:
        assert f"  - {m.id} {m.title} <{m.url}>" in text
    assert f"  - {expected[0].id} {expected[0].title_en} <" in result.explain("en")
    data = result.explanation.as_dict()
    assert [e["urn"] for e in data["maatregelen"]] == [m.urn for m in expected]


def test_check_shows_maatregelen_on_request(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    system = tmp_path / "s.json"
    facts = {k: sorted(v) if isinstance(v, set) else v for k, v in NEUTRAL_AI_SYSTEM.items()}
    system.write_text(json.dumps(facts | {"avg-verwerkingsverantwoordelijke": True}), "utf-8")
    code, plain, _ = run(capsys, "check", str(system))
    assert code == 0 and "Maatregelen (" not in plain
    code, out, _ = run(capsys, "check", str(system), "--maatregelen")
    assert code == 0 and out.startswith(plain)
    assert "Maatregelen (" in out and "per fase van de levenscyclus" in out
    first = rs().maatregelen_of("avg-01")[0]
    assert f"    {first.id}  {first.title}  → " in out
    code, out, _ = run(capsys, "check", str(system), "--maatregelen", "--lang", "en")
    assert "Measures (" in out and first.title_en in out


def test_check_json_carries_the_maatregelen(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--labels", "AI-systeem,aanbieder", "--format", "json")
    assert code == 0
    data = json.loads(out)
    schema = json.loads((files("algokader") / "data" / "check.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    verdicts = {r["id"]: r["verdict"] for r in data["requirements"]}
    for group in data["maatregelen"]:
        assert group["phase"] in PHASES
        for m in group["maatregelen"]:
            assert all(verdicts[r] == "applies" for r in m["requirements"])
    assert data["maatregelen"] or data["possible_maatregelen"]
