"""Locating the files that ship inside the package: the grammar and the bundled rule set."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

RULE_SUFFIX = ".ak"


@functools.cache
def package_files() -> Traversable:
    """The package's own files. Installed as plain files (the usual case) that is its folder, which
    is what importlib.resources gives too, without the cost of importing it on every start."""
    here = Path(__file__).parent.parent
    if (here / "grammar").is_dir():
        return here
    import importlib.resources  # e.g. installed zipped

    return importlib.resources.files("algokader")


def grammar_text() -> str:
    """The Lark grammar of the rules language."""
    return (package_files() / "grammar" / "algokader.lark").read_text("utf-8")


def tables_text() -> str:
    """The LALR tables built from the grammar, shipped so that loading need not rebuild them."""
    return (package_files() / "grammar" / "algokader.tables.json").read_text("utf-8")


def bundled_requirements() -> Traversable:
    """The folder of bundled requirement files."""
    return package_files() / "requirements"


def web_static(name: str) -> str:
    """A file of the web app's ``static`` folder (its stylesheet, the questionnaire page's script):
    the static questionnaire page (``export --format questionnaire-html``) inlines them, so it and
    the web app look alike from one source."""
    return (package_files() / "web" / "static" / name).read_text("utf-8")
