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
