"""``algokader import-algoritmekader``: labels and metadata come over from the Algoritmekader's
markdown front matter; everything else in a requirement file stays byte-for-byte."""

from __future__ import annotations

import os
import shutil
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml

import algokader
from algokader._language import ast as a
from algokader.cli import main

from .labels import reference


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def markdown(entry: dict[str, Any], *, plain_id: bool = False, **front: Any) -> str:
    """A vereiste page as the Algoritmekader writes it: front matter, text, a Bronnen table."""
    data: dict[str, Any] = {
        "title": "Een titel die niet wordt overgenomen",
        "id": entry["id"] if plain_id else entry["urn"],
        "toelichting": "Tekst die niet wordt overgenomen.",
        "levenscyclus": entry["levenscyclus"],
        "onderwerp": entry["onderwerp"],
        "rollen": entry["rollen"],
        "labels": [f"{c}-{v}" for c, values in entry["labels"].items() for v in values],
        "uitzondering": entry["uitzondering"],
        "hide": ["navigation"],
    }
    data.update(front)
    bronnen = "".join(f"| [{b['ref']}]({b['url']}) |\n" for b in entry["bronnen"])
    return (
        "---\n"
        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        + "---\n\n## Vereiste\n\nZie de wet.\n\n## Bronnen\n\n| Bron |\n|---|\n"
        + bronnen
        + "\n## Maatregelen\n\n- [Een maatregel](../maatregelen/iets.md)\n"
    )


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the bundled requirements and an empty folder for markdown pages."""
    requirements = tmp_path / "requirements"
    shutil.copytree(Path(str(files("algokader") / "requirements")), requirements)
    pages = tmp_path / "vereisten"
    pages.mkdir()
    return pages, requirements


def write_pages(pages: Path, ids: list[str] | None = None) -> None:
    for rid, entry in reference().items():
        if ids is None or rid in ids:
            (pages / f"{entry['slug']}.md").write_text(markdown(entry), "utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def requirement(path: Path) -> a.Requirement:
    (item,) = [i for i in algokader.parse(path.read_text("utf-8"), str(path)).items if isinstance(i, a.Requirement)]
    return item


def clause_lines(req: a.Requirement, kind: str) -> tuple[int, int]:
    (span,) = [s for k, s in req.clause_spans if k is a.Clause(kind)]
    return span.line, span.end_line


def import_(capsys: pytest.CaptureFixture[str], pages: Path, requirements: Path, *extra: str) -> str:
    code, out, err = run(capsys, "import-algoritmekader", str(pages), "--requirements", str(requirements), *extra)
    assert (code, err) == (0, "")
    return out


# --- updating


def test_importing_the_published_data_changes_nothing(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    pages, requirements = folders
    write_pages(pages)
    before = snapshot(requirements)
    out = import_(capsys, pages, requirements)
    assert snapshot(requirements) == before
    assert out.count(": ongewijzigd") == 63
    assert "63 vereisten: 0 nieuw, 0 bijgewerkt" in out


def test_changing_a_label_changes_only_that_line_of_the_labels_block(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    pages, requirements = folders
    entry = reference()["aia-14"]
    labels = [f"{c}-{v}" for c, values in entry["labels"].items() for v in values] + ["risicogroep-verboden-ai"]
    (pages / "aia-14.md").write_text(markdown(entry, labels=labels), "utf-8")
    path = requirements / "aia-14.ak"
    before_text = path.read_text("utf-8")
    before = requirement(path)
    out = import_(capsys, pages, requirements)
    assert "aia-14.ak: bijgewerkt" in out
    assert "risicogroep: + verboden-ai" in out
    after_text = path.read_text("utf-8")
    first, last = clause_lines(before, "labels")
    old_lines, new_lines = before_text.split("\n"), after_text.split("\n")
    assert len(old_lines) == len(new_lines)
    changed = [i + 1 for i, (o, n) in enumerate(zip(old_lines, new_lines, strict=True)) if o != n]
    assert changed == [i + 1 for i, line in enumerate(old_lines) if line.strip().startswith("risicogroep:")]
    assert first <= changed[0] <= last
    assert new_lines[changed[0] - 1] == "        risicogroep: hoog-risico-ai-systeem, verboden-ai"
    after = requirement(path)
    assert after.applies_when == before.applies_when  # the hand-written condition is untouched
    assert (after.unless, after.outcomes, after.deviations) == (before.unless, before.outcomes, before.deviations)
    assert algokader.load(requirements).requirements["aia-14"].labels["risicogroep"] == (
        "hoog-risico-ai-systeem",
        "verboden-ai",
    )
    # Importing the published page again restores the file exactly.
    write_pages(pages, ["aia-14"])
    (pages / "aia-14.md").unlink()
    import_(capsys, pages, requirements)
    assert path.read_text("utf-8") == before_text


def test_rewriting_every_part_of_the_labels_block_keeps_the_rest(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    pages, requirements = folders
    path = requirements / "aia-14.ak"
    # A comment inside the labels block must survive as well.
    original = path.read_text("utf-8").replace(
        "        rol-ai-act: aanbieder\n", "        # alleen de aanbieder\n        rol-ai-act: aanbieder\n"
    )
    path.write_text(original, "utf-8")
    before = requirement(path)
    entry = reference()["aia-14"]
    labels = [
        "soort-toepassing-ai-systeem",
        "risicogroep-hoog-risico-ai-systeem",
        "rol-ai-act-aanbieder",
        "rol-ai-act-importeur",
        "transparantieverplichting-transparantieverplichting",
        "open-source-geen-open-source",
    ]  # systeemrisico is gone
    exclusions = [
        '("soort-toepassing-ai-systeem-voor-algemene-doeleinden" || "soort-toepassing-ai-systeem") && '
        '"open-source-open-source"'
    ]
    (pages / "aia-14.md").write_text(markdown(entry, labels=labels, uitzondering=exclusions), "utf-8")
    out = import_(capsys, pages, requirements)
    assert "systeemrisico: − niet-van-toepassing" in out
    assert "uitzondering: − risicogroep = uitzondering-van-toepassing" in out
    text = path.read_text("utf-8")
    after = requirement(path)
    first, last = clause_lines(before, "labels")
    old_lines, new_lines = original.split("\n"), text.split("\n")
    assert new_lines[: first - 1] == old_lines[: first - 1]
    assert new_lines[-(len(old_lines) - last) :] == old_lines[last:]
    assert "        # alleen de aanbieder" in new_lines
    assert after.applies_when == before.applies_when
    assert after.labels is not None
    assert {e.category.text: [v.text for v in e.values] for e in after.labels.entries} == {
        "soort-toepassing": ["ai-systeem"],
        "risicogroep": ["hoog-risico-ai-systeem"],
        "rol-ai-act": ["aanbieder", "importeur"],
        "transparantieverplichting": ["transparantieverplichting"],
        "open-source": ["geen-open-source"],
    }
    assert (
        "        uitzondering soort-toepassing in {ai-systeem-voor-algemene-doeleinden, ai-systeem}"
        " en open-source = open-source"
    ) in new_lines
    algokader.load(requirements)  # still a valid rule set


def test_sources_and_tags_are_updated_in_place(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]) -> None:
    pages, requirements = folders
    entry = dict(reference()["aia-14"])
    entry["bronnen"] = [
        *entry["bronnen"][:2],
        {"ref": "Artikel 99, AI-verordening", "url": "https://example.org/art-99"},
        *entry["bronnen"][3:],
    ]
    entry["levenscyclus"] = [*entry["levenscyclus"], "monitoring-en-beheer"]
    entry["rollen"] = ["jurist"]
    (pages / "aia-14.md").write_text(markdown(entry, plain_id=True), "utf-8")
    path = requirements / "aia-14.ak"
    before = path.read_text("utf-8").split("\n")
    out = import_(capsys, pages, requirements)
    assert "bron: + Artikel 99, AI-verordening <https://example.org/art-99>" in out
    assert "bron: − Artikel 76, AI-verordening" in out
    assert "levenscyclus: + monitoring-en-beheer" in out
    assert "rollen: − projectleider" in out
    after = path.read_text("utf-8").split("\n")
    changed = {o: n for o, n in zip(before, after, strict=True) if o != n}
    assert list(changed.values()) == [
        '    bron "Artikel 99, AI-verordening" "https://example.org/art-99"',
        "    levenscyclus verificatie-en-validatie, implementatie, monitoring-en-beheer",
        "    rollen jurist",
    ]
    info = algokader.load(requirements).requirements["aia-14"]
    assert info.roles == ("jurist",)


def test_relative_links_become_site_pages(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]) -> None:
    pages, requirements = folders
    relative = [rid for rid, e in reference().items() if any(not b["url"].startswith("http") for b in e["bronnen"])]
    assert relative  # the published data has such links
    write_pages(pages, relative)
    before = snapshot(requirements)
    import_(capsys, pages, requirements)
    assert snapshot(requirements) == before


def test_keys_the_page_leaves_out_leave_the_file_alone(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    pages, requirements = folders
    (pages / "aia-14.md").write_text(
        "---\nid: aia-14\nlabels:\n  - risicogroep-verboden-ai\n---\nGeen bronnen.\n", "utf-8"
    )
    path = requirements / "aia-14.ak"
    before = requirement(path)
    import_(capsys, pages, requirements)
    after = requirement(path)
    assert (after.sources, after.lifecycle, after.topics, after.roles) == (
        before.sources,
        before.lifecycle,
        before.topics,
        before.roles,
    )
    assert after.labels is not None
    assert [(e.category.text, [v.text for v in e.values]) for e in after.labels.entries] == [
        ("risicogroep", ["verboden-ai"])
    ]
    assert after.labels.exclusions == ()


# --- new vereisten


def test_a_new_id_creates_a_file_that_fails_to_load_until_the_condition_is_written(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    pages, requirements = folders
    entry = dict(reference()["aia-14"], id="xyz-01", urn="urn:nl:ak:ver:xyz-01")
    (pages / "xyz-01.md").write_text(markdown(entry), "utf-8")
    out = import_(capsys, pages, requirements)
    created = requirements / "xyz-01.ak"
    assert f"{created}: nieuw" in out
    assert "1 nieuw, 0 bijgewerkt" in out
    new = requirement(created)
    assert new.urn == "urn:nl:ak:ver:xyz-01"
    assert [(s.reference, s.url) for s in new.sources] == [(b["ref"], b["url"]) for b in entry["bronnen"]]
    assert [n.text for n in new.lifecycle] == entry["levenscyclus"]
    assert new.labels == requirement(requirements / "aia-14.ak").labels
    assert new.applies_when == a.Ref(a.Name("nog-in-te-vullen"))
    assert created.read_text("utf-8").startswith("# xyz-01")
    with pytest.raises(algokader.RuleError) as failure:
        algokader.load(requirements)
    # Exactly what a human still has to write: the condition of the law, and an own title.
    problems = sorted((d.span.path, d.message.code) for d in failure.value.diagnostics)
    assert problems == [(str(created), "check.missing-clause"), (str(created), "check.unknown-name")]
    assert "onbekende naam 'nog-in-te-vullen'" in str(failure.value)
    # A second import finds the file and changes nothing.
    before = created.read_bytes()
    out = import_(capsys, pages, requirements)
    assert f"{created}: ongewijzigd" in out
    assert created.read_bytes() == before


def test_dry_run_writes_nothing(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]) -> None:
    pages, requirements = folders
    entry = reference()["aia-14"]
    (pages / "aia-14.md").write_text(markdown(entry, labels=["risicogroep-verboden-ai"]), "utf-8")
    (pages / "xyz-01.md").write_text(markdown(dict(entry, urn="urn:nl:ak:ver:xyz-01")), "utf-8")
    before = snapshot(requirements)
    out = import_(capsys, pages, requirements, "--dry-run", "--lang", "en")
    assert snapshot(requirements) == before
    assert "aia-14.ak: updated" in out
    assert "xyz-01.ak: new" in out
    assert "dry run: nothing was written" in out


# --- errors


def _error(capsys: pytest.CaptureFixture[str], pages: Path, requirements: Path, *extra: str) -> str:
    code, out, err = run(capsys, "import-algoritmekader", str(pages), "--requirements", str(requirements), *extra)
    assert code == 1
    assert out == ""
    return err


def test_a_page_without_front_matter(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]) -> None:
    pages, requirements = folders
    page = pages / "aia-14.md"
    page.write_text("# Conformiteitsbeoordeling\n\nid: aia-14\n", "utf-8")
    err = _error(capsys, pages, requirements)
    assert f"{page}:1:1: geen YAML-front-matter" in err
    assert "tip: begin het bestand met '---'" in err


def test_front_matter_that_is_not_closed(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]) -> None:
    pages, requirements = folders
    page = pages / "aia-14.md"
    page.write_text("---\nid: aia-14\n", "utf-8")
    assert f"{page}:1:1: de front matter wordt niet afgesloten" in _error(capsys, pages, requirements)


def test_malformed_yaml_names_file_and_line(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]) -> None:
    pages, requirements = folders
    page = pages / "aia-14.md"
    page.write_text("---\nid: aia-14\nlabels: [risicogroep-verboden-ai\nrollen: jurist\n---\n", "utf-8")
    err = _error(capsys, pages, requirements, "--lang", "en")
    assert f"{page}:" in err
    assert "front matter is not valid YAML" in err
    line = int(err.split(":")[1])
    assert 3 <= line <= 5


def test_an_unknown_label_value_suggests_the_closest(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    pages, requirements = folders
    page = pages / "aia-14.md"
    page.write_text(markdown(reference()["aia-14"], labels=["risicogroep-hoog-risico-ai-systeme"]), "utf-8")
    err = _error(capsys, pages, requirements)
    lines = page.read_text("utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, 1) if "hoog-risico-ai-systeme" in line)
    assert f"{page}:{number}:1: labelcategorie risicogroep kent de waarde 'hoog-risico-ai-systeme' niet" in err
    assert "bedoelde je 'risicogroep-hoog-risico-ai-systeem'?" in err


def test_an_unknown_label_category_suggests_the_closest(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    pages, requirements = folders
    page = pages / "aia-14.md"
    page.write_text(markdown(reference()["aia-14"], labels=["risicogroepp-verboden-ai"]), "utf-8")
    err = _error(capsys, pages, requirements, "--lang", "en")
    assert str(page) in err
    assert "label 'risicogroepp-verboden-ai' belongs to no known label category" in err
    assert "did you mean 'risicogroep-verboden-ai'?" in err


def test_an_unknown_label_in_an_exclusion(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]) -> None:
    pages, requirements = folders
    page = pages / "aia-14.md"
    page.write_text(markdown(reference()["aia-14"], uitzondering=['"open-source-gesloten"']), "utf-8")
    err = _error(capsys, pages, requirements)
    assert str(page) in err
    assert "kent de waarde 'gesloten' niet" in err


def test_an_unreadable_exclusion(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]) -> None:
    pages, requirements = folders
    page = pages / "aia-14.md"
    page.write_text(markdown(reference()["aia-14"], uitzondering=['"open-source-open-source" &&']), "utf-8")
    err = _error(capsys, pages, requirements)
    assert f"{page}:" in err
    assert "is niet te lezen" in err


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("titel: x\n", "front matter heeft geen 'id'"),
        ("id: AIA 14\n", "'AIA 14' is geen geldige vereiste-id"),
        ("id: aia-14\nlabels: 3\n", "'labels' moet een lijst van namen zijn"),
        ("id: aia-14\nrollen:\n  - Jurist\n", "'Jurist' in 'rollen' is geen geldige naam"),
        ("- id\n- aia-14\n", "front matter is geen lijst van sleutels"),
    ],
)
def test_bad_front_matter_values(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path], front: str, message: str
) -> None:
    pages, requirements = folders
    page = pages / "aia-14.md"
    page.write_text(f"---\n{front}---\n", "utf-8")
    err = _error(capsys, pages, requirements)
    assert str(page) in err
    assert message in err


def test_an_unreadable_page(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]) -> None:
    pages, requirements = folders
    broken = pages / "kapot.md"
    os.symlink(pages / "bestaat-niet", broken)  # a link to nothing: the page is named, and why
    err = _error(capsys, pages, requirements)
    assert f"{broken}: bestand of map bestaat niet" in err


def test_a_page_that_is_not_utf8(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]) -> None:
    pages, requirements = folders
    page = pages / "aia-14.md"
    page.write_bytes(b"---\nid: aia-14\nrollen: [caf\xe9]\n---\n")
    assert f"{page}: bestand is geen geldige UTF-8-tekst" in _error(capsys, pages, requirements)


def test_missing_folders(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path], tmp_path: Path) -> None:
    pages, requirements = folders
    missing = tmp_path / "bestaat-niet"
    assert f"{missing}: map {missing} bestaat niet" in _error(capsys, missing, requirements)
    write_pages(pages, ["aia-14"])
    assert f"{missing}: map {missing} bestaat niet" in _error(capsys, pages, missing)
    empty = tmp_path / "leeg"
    empty.mkdir()
    assert f"{empty}: geen markdownbestanden (*.md)" in _error(capsys, empty, requirements)


def test_a_duplicate_id(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]) -> None:
    pages, requirements = folders
    entry = reference()["aia-14"]
    (pages / "a.md").write_text(markdown(entry), "utf-8")
    (pages / "b.md").write_text(markdown(entry, plain_id=True), "utf-8")
    err = _error(capsys, pages, requirements)
    assert f"{pages / 'b.md'}: vereiste aia-14 staat ook in {pages / 'a.md'}" in err


def test_an_error_in_one_page_writes_no_file(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]) -> None:
    pages, requirements = folders
    entry = reference()["aia-14"]
    (pages / "a.md").write_text(markdown(entry, labels=["risicogroep-verboden-ai"]), "utf-8")
    (pages / "b.md").write_text("geen front matter\n", "utf-8")
    before = snapshot(requirements)
    _error(capsys, pages, requirements)
    assert snapshot(requirements) == before


def test_a_requirement_file_that_does_not_parse(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]) -> None:
    pages, requirements = folders
    write_pages(pages, ["aia-14"])
    target = requirements / "aia-14.ak"
    target.write_text(target.read_text("utf-8").replace("titel", "Titel", 1), "utf-8")
    err = _error(capsys, pages, requirements)
    assert f"{target}:" in err
