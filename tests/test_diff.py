"""Semantic diff: changes of meaning between two versions of a rule set, never of mere text."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import pytest

import algokader
from algokader import Verdict
from algokader.cli import main


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    source = files("algokader") / "requirements"
    for folder in (old, new):
        folder.mkdir()
        for entry in source.iterdir():
            if entry.name.endswith(".ak"):
                (folder / entry.name).write_text(entry.read_text("utf-8"), "utf-8")
    return old, new


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_identical_sets_have_no_changes(copies: tuple[Path, Path]) -> None:
    old, new = copies
    found = algokader.load(old).diff(algokader.load(new))
    assert (found.changes, found.vocabulary) == ((), ())


def test_reformatting_and_renaming_a_definition_change_nothing(copies: tuple[Path, Path]) -> None:
    old, new = copies
    for path in new.glob("*.ak"):
        text = path.read_text("utf-8")
        text = re.sub(r"\bbiometrie\b(?!-)", "biometrische-toepassing", text)  # the definition, not fact values
        text = text.replace("    van toepassing als", "    # herschreven\n    van toepassing als")
        path.write_text(text, "utf-8")
    found = algokader.load(old).diff(algokader.load(new))
    assert found.changes == ()


def test_a_narrowed_condition_reports_the_systems_that_lose_the_requirement(copies: tuple[Path, Path]) -> None:
    """Dropping Annex III point 5(b) from Art. 27: deployers of credit scoring no longer need a FRIA."""
    old, new = copies
    # The condition of aia-27 is the definition grondrechtenbeoordeling-verplicht in ai-verordening.ak.
    edit(new, "ai-verordening.ak", "bijlage-iii overlapt met {5b, 5c}", "bijlage-iii overlapt met {5c}")
    before, after = algokader.load(old), algokader.load(new)
    found = before.diff(after)
    (change,) = found.changes
    assert (change.id, change.kind) == ("aia-27", "no-longer-applies")
    assert any("bijlage-iii bevat 5b" in region for region in change.regions)
    assert change.witness is not None
    assert before.evaluate(change.witness)["aia-27"].verdict is Verdict.APPLIES
    assert after.evaluate(change.witness)["aia-27"].verdict is Verdict.DOES_NOT_APPLY


def test_an_outcome_change_is_reported_for_the_systems_it_affects(copies: tuple[Path, Path]) -> None:
    old, new = copies
    edit(new, "aia-14.ak", "als biometrie dan aangemelde-instantie\n", "als biometrie dan interne-controle\n")
    found = algokader.load(old).diff(algokader.load(new))
    (change,) = found.changes
    assert (change.id, change.kind, change.outcome) == ("aia-14", "outcome", "route")
    assert change.witness is not None
    after = algokader.load(new).evaluate(change.witness)["aia-14"]
    assert after.outcomes["route"] == "interne-controle"


def test_added_and_removed_requirements(copies: tuple[Path, Path]) -> None:
    old, new = copies
    (new / "woo-01.ak").unlink()
    found = algokader.load(old).diff(algokader.load(new))
    assert [(c.id, c.kind) for c in found.changes] == [("woo-01", "removed")]
    found = algokader.load(new).diff(algokader.load(old))
    assert [(c.id, c.kind) for c in found.changes] == [("woo-01", "added")]


def test_diff_on_the_command_line(copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = copies
    # The condition of aia-27 is the definition grondrechtenbeoordeling-verplicht in ai-verordening.ak.
    edit(new, "ai-verordening.ak", "bijlage-iii overlapt met {5b, 5c}", "bijlage-iii overlapt met {5c}")
    assert main(["diff", str(old), str(new), "--lang", "en"]) == 0
    assert "aia-27: no longer applies to" in capsys.readouterr().out
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    (change,) = json.loads(capsys.readouterr().out)["changes"]
    assert change["kind"] == "no-longer-applies"
    assert main(["diff", str(old), str(old)]) == 0
    assert capsys.readouterr().out.strip() == "geen verandering in betekenis"
