"""``algokader import-algoritmekader`` keeps ``maatregelen.json`` current from the Algoritmekader's
maatregel pages: facts come over, titles stay ours, and what changed is reported."""

from __future__ import annotations

import json
import shutil
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml

import algokader
from algokader import RuleError
from algokader.cli import main

from .labels import reference as vereisten

REFERENCE = Path(__file__).parent / "data" / "algoritmekader-maatregelen.json"


def reference() -> list[dict[str, Any]]:
    return json.loads(REFERENCE.read_text("utf-8"))["maatregelen"]  # type: ignore[no-any-return]


def page(entry: dict[str, Any], **front: Any) -> str:
    """A maatregel page as the Algoritmekader writes it: the vereisten by their page names."""
    slugs = {rid: v["slug"] for rid, v in vereisten().items()}
    data: dict[str, Any] = {
        "title": "Een titel die niet wordt overgenomen",
        "id": entry["urn"],
        "toelichting": "Tekst die niet wordt overgenomen.",
        "vereiste": [slugs[r] for r in entry["vereisten"]],
        "levenscyclus": entry["levenscyclus"],
        "onderwerp": entry["onderwerp"],
        "rollen": entry["rollen"],
        "hide": ["navigation", "toc"],
    }
    data.update(front)
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n\n## Maatregel\n\nDoe iets.\n"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    requirements = tmp_path / "requirements"
    shutil.copytree(Path(str(files("algokader") / "requirements")), requirements)
    pages = tmp_path / "maatregelen"
    pages.mkdir()
    for entry in reference():
        (pages / f"{entry['slug']}.md").write_text(page(entry), "utf-8")
    return pages, requirements


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def import_(capsys: pytest.CaptureFixture[str], requirements: Path, *sources: Path, extra: tuple[str, ...] = ()) -> str:
    argv = ["import-algoritmekader", *map(str, sources), "--requirements", str(requirements), *extra]
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    return out


def test_importing_the_published_pages_changes_nothing(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    pages, requirements = folders
    before = (requirements / "maatregelen.json").read_bytes()
    out = import_(capsys, requirements, pages)
    assert (requirements / "maatregelen.json").read_bytes() == before
    assert out.strip() == "108 maatregelen: 0 nieuw, 0 bijgewerkt"


def test_changed_facts_come_over_and_titles_stay(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    pages, requirements = folders
    entry = next(e for e in reference() if e["id"] == "org-01")
    slugs = {rid: v["slug"] for rid, v in vereisten().items()}
    changed = page(entry, vereiste=[slugs["awb-01"], slugs["avg-01"]], rollen=["jurist", "projectleider"])
    (pages / f"{entry['slug']}.md").write_text(changed, "utf-8")
    before = algokader.load(requirements).maatregelen["org-01"]
    out = import_(capsys, requirements, pages)
    assert "maatregel org-01: bijgewerkt\n" in out
    assert "    vereisten: + avg-01\n" in out and "    vereisten: − aia-01, aia-21\n" in out
    assert "    rollen: + jurist\n" in out and "    rollen: − beleid-en-advies\n" in out
    assert "108 maatregelen: 0 nieuw, 1 bijgewerkt" in out
    after = algokader.load(requirements).maatregelen["org-01"]
    assert after.requirements == ("avg-01", "awb-01")
    assert after.roles == ("jurist", "projectleider")
    assert (after.title, after.title_en) == (before.title, before.title_en)  # never overwritten


def test_a_new_maatregel_needs_its_titles_before_the_set_loads(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    pages, requirements = folders
    entry = dict(next(e for e in reference() if e["id"] == "uit-01"), urn="urn:nl:ak:mtr:uit-02")
    (pages / "8-uit-02-verwijderen-data.md").write_text(page(entry), "utf-8")
    out = import_(capsys, requirements, pages)
    path = requirements / "maatregelen.json"
    assert f"maatregel uit-02: nieuw; schrijf titel en titel-en in {path}" in out
    assert "108 maatregelen" not in out and "109 maatregelen: 1 nieuw, 0 bijgewerkt" in out
    with pytest.raises(RuleError) as caught:
        algokader.load(requirements)
    rendered = caught.value.render("nl")
    assert "maatregel uit-02: 'titel' moet een niet-lege tekst zijn" in rendered
    data = json.loads(path.read_text("utf-8"))
    (new,) = [e for e in data if e["id"] == "uit-02"]
    assert new["url"].endswith("/maatregelen/8-uit-02-verwijderen-data/index.html")
    assert data[-1]["id"] == "uit-02"  # in the Algoritmekader's order


def test_a_dry_run_writes_nothing(capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]) -> None:
    pages, requirements = folders
    entry = next(e for e in reference() if e["id"] == "org-01")
    (pages / f"{entry['slug']}.md").write_text(page(entry, onderwerp=["governance", "privacy"]), "utf-8")
    before = (requirements / "maatregelen.json").read_bytes()
    out = import_(capsys, requirements, pages, extra=("--dry-run",))
    assert "    onderwerp: + privacy" in out and "proefdraai" in out
    assert (requirements / "maatregelen.json").read_bytes() == before


def test_vereiste_and_maatregel_pages_in_one_run(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path], tmp_path: Path
) -> None:
    pages, requirements = folders
    missing = pages / f"{reference()[0]['slug']}.md"
    missing.unlink()
    vereiste_pages = tmp_path / "vereisten"
    vereiste_pages.mkdir()
    aia14 = vereisten()["aia-14"]
    front = {
        "id": aia14["urn"],
        "levenscyclus": aia14["levenscyclus"],
        "onderwerp": aia14["onderwerp"],
        "rollen": aia14["rollen"],
    }
    (vereiste_pages / "aia-14.md").write_text("---\n" + yaml.safe_dump(front) + "---\n", "utf-8")
    out = import_(capsys, requirements, vereiste_pages, pages)
    assert ": ongewijzigd" in out and "1 vereisten: 0 nieuw, 0 bijgewerkt" in out
    assert "maatregel org-00: staat niet in de markdownbestanden; blijft ongewijzigd" in out
    assert "107 maatregelen: 0 nieuw, 0 bijgewerkt" in out
    assert "org-00" in algokader.load(requirements).maatregelen  # kept


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ({"vereiste": ["zorgvuldigheid"]}, "'zorgvuldigheid' in 'vereiste' begint niet met een vereiste-id"),
        ({"rollen": "Projectleider"}, "'Projectleider' in 'rollen' is geen geldige naam"),
        ({"id": "urn:nl:ak:mtr:Org_01"}, "'urn:nl:ak:mtr:Org_01' is geen geldige vereiste-id"),
    ],
)
def test_bad_maatregel_pages_change_nothing(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path], front: dict[str, Any], message: str
) -> None:
    pages, requirements = folders
    entry = reference()[1]
    bad = pages / f"{entry['slug']}.md"
    bad.write_text(page(entry, **front), "utf-8")
    before = (requirements / "maatregelen.json").read_bytes()
    code, out, err = run(capsys, "import-algoritmekader", str(pages), "--requirements", str(requirements))
    assert (code, out) == (1, "")
    assert err.startswith(f"{bad}:") and message in err
    assert (requirements / "maatregelen.json").read_bytes() == before


def test_a_broken_maatregelen_file_is_reported_not_overwritten(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    pages, requirements = folders
    path = requirements / "maatregelen.json"
    path.write_text(path.read_text("utf-8").replace('"titel-en"', '"title-en"', 1), "utf-8")
    before = path.read_bytes()
    code, _, err = run(capsys, "import-algoritmekader", str(pages), "--requirements", str(requirements))
    assert code == 1 and f"{path}:" in err and "onbekend veld 'title-en'" in err
    assert path.read_bytes() == before


def test_a_folder_without_maatregelen_file_gets_one(
    capsys: pytest.CaptureFixture[str], folders: tuple[Path, Path]
) -> None:
    pages, requirements = folders
    (requirements / "maatregelen.json").unlink()
    out = import_(capsys, requirements, pages)
    assert "108 maatregelen: 108 nieuw, 0 bijgewerkt" in out
    data = json.loads((requirements / "maatregelen.json").read_text("utf-8"))
    assert [e["id"] for e in data] == [e["id"] for e in reference()]
    assert all(e["titel"] == "" for e in data)
