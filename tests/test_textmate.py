"""The TextMate grammar in ``editors/`` is generated from the Lark grammar's keywords.

When this test fails after a grammar change, regenerate the committed file:

    python -m algokader._tools.textmate > editors/algokader.tmLanguage.json
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from algokader._tools.textmate import BOOLEANS, build_textmate, dumps, grammar_keywords

COMMITTED = Path(__file__).resolve().parent.parent / "editors" / "algokader.tmLanguage.json"
KEYWORD_RULES = ("keyword", "operator-word", "boolean", "type")


def regexes(node: Any) -> list[str]:
    """Every ``match``, ``begin`` and ``end`` regex of the grammar."""
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k in ("match", "begin", "end") and isinstance(v, str)]
        return found + [r for v in node.values() for r in regexes(v)]
    if isinstance(node, list):
        return [r for v in node for r in regexes(v)]
    return []


def scope_of(word: str) -> str | None:
    """The scope the first matching top-level rule gives ``word`` standing alone."""
    grammar = build_textmate()
    for include in grammar["patterns"]:
        rule = grammar["repository"][include["include"][1:]]
        if "match" in rule and re.fullmatch(rule["match"], word):
            return str(rule["name"])
    return None


def test_committed_file_is_current() -> None:
    assert COMMITTED.read_text("utf-8") == dumps()
    assert json.loads(COMMITTED.read_text("utf-8")) == build_textmate()


def test_header() -> None:
    grammar = build_textmate()
    assert grammar["scopeName"] == "source.algokader"
    assert grammar["fileTypes"] == ["ak"]


def test_every_grammar_keyword_is_highlighted() -> None:
    lark_text = (files("algokader") / "grammar" / "algokader.lark").read_text("utf-8")
    words = set(re.findall(r'"([a-z]+)"', lark_text))
    assert {"vereiste", "feit", "als", "en", "ja", "nee", "uitzondering"} <= words
    keywords, operators = grammar_keywords()
    assert keywords | operators | set(BOOLEANS) == words
    patterns = " ".join(build_textmate()["repository"][rule]["match"] for rule in KEYWORD_RULES)
    for word in sorted(words):
        assert re.search(rf"[(:|]{word}[|)]", patterns), word
        assert scope_of(word) is not None and not scope_of(word).startswith("variable"), word


@pytest.mark.parametrize("regex", regexes(build_textmate()))
def test_regexes_compile_with_python(regex: str) -> None:
    re.compile(regex)


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("van", "keyword.other.algokader"),
        ("van-kracht", "variable.other.algokader"),
        ("en", "keyword.operator.word.algokader"),
        ("nee", "constant.language.boolean.algokader"),
        ("ja/nee", "storage.type.algokader"),
        ("2026-08-02", "constant.numeric.date.algokader"),
        ("hoog-risico-bijlage-i-a", "variable.other.algokader"),
        ("# een opmerking", "comment.line.number-sign.algokader"),
        ("≠", "keyword.operator.comparison.algokader"),
    ],
)
def test_scopes(text: str, scope: str) -> None:
    assert scope_of(text) == scope


def test_string_escapes() -> None:
    string = build_textmate()["repository"]["string"]
    (escape,) = string["patterns"]
    assert re.findall(escape["match"], r"a \" b \\ c") == [r"\"", r"\\"]
