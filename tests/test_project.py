"""The project promises that hold outside the library code: README, CI and packaging."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text("utf-8"))


def test_readme_has_exactly_two_commands_and_ci_runs_the_test_command() -> None:
    install_and_check, install_and_test = readme_commands()
    assert "algokader check examples/" in install_and_check
    assert "pytest" in install_and_test
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert install_and_test in ci.splitlines()


def test_grammar_and_requirements_ship_inside_the_package() -> None:
    package = files("algokader")
    assert (package / "grammar" / "algokader.lark").is_file()
    assert (package / "requirements" / "aia-14.ak").is_file()
    assert (package / "py.typed").is_file()


def test_readme_main_job_runs_on_the_example() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "algokader", "check", str(ROOT / "examples" / "fraude-risicoscore.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "aia-14" in done.stdout
    assert "route = interne-controle" in done.stdout


@pytest.mark.parametrize("path", sorted((ROOT / "examples").iterdir()), ids=lambda p: p.name)
def test_every_example_checks_cleanly(path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "algokader", "check", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_shipped_parser_tables_belong_to_the_grammar() -> None:
    """The tables must be rebuilt when the grammar (or Lark) changes: run ``python -c "from
    algokader._language.parser import build_tables as b; print(b(), end='')" > grammar/algokader.tables.json``.
    Every other test parses with the shipped tables."""
    from algokader._base.resources import grammar_text
    from algokader._language.parser import parser_tables, tables_key

    tables = parser_tables()
    assert tables is not None
    assert tables["key"] == tables_key(grammar_text())


def test_the_parser_is_built_from_the_grammar_when_the_tables_do_not_match(monkeypatch: pytest.MonkeyPatch) -> None:
    from algokader._language import parser as _parser

    monkeypatch.setattr(_parser, "parser_tables", lambda: {"key": "sha256:other"})
    _parser.lark_parser.cache_clear()
    try:
        module = _parser.parse("feit a: ja/nee\n")
        assert module.items[0].name.text == "a"  # type: ignore[union-attr]
    finally:
        _parser.lark_parser.cache_clear()


def test_bundled_rule_files_are_in_canonical_layout() -> None:
    """Run ``algokader fmt requirements/*.ak`` after editing them."""
    from algokader._tools.fmt import format_text

    for path in sorted((ROOT / "requirements").glob("*.ak")):
        text = path.read_text("utf-8")
        assert format_text(text, str(path)) == text, f"{path.name} is not formatted"
