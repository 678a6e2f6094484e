"""Locating the files that ship inside the package: the grammar and the bundled rule set."""

from __future__ import annotations

import importlib.resources
from importlib.resources.abc import Traversable

RULE_SUFFIX = ".ak"


def grammar_text() -> str:
    """The Lark grammar of the rules language."""
    return (importlib.resources.files("algokader") / "grammar" / "algokader.lark").read_text("utf-8")


def tables_text() -> str:
    """The LALR tables built from the grammar, shipped so that loading need not rebuild them."""
    return (importlib.resources.files("algokader") / "grammar" / "algokader.tables.json").read_text("utf-8")


def bundled_requirements() -> Traversable:
    """The folder of bundled requirement files."""
    return importlib.resources.files("algokader") / "requirements"
