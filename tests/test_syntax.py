"""The syntax table: the grammar and the table know the same words, and every reader of the
syntax (parser, formatter, export, highlighters) takes its words from the table, so a new
keyword touches the grammar and the table and nothing else."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import algokader
import algokader.ast
from algokader._base.resources import grammar_text
from algokader._language import syntax
from algokader._language.syntax import OPERATORS, Clause, Op, Operand, PropertyKind, Role, TypeKind

GRAMMAR = grammar_text()


def test_the_table_and_the_grammar_know_the_same_words() -> None:
    assert syntax.words() == syntax.grammar_words(GRAMMAR)


def test_every_operator_spelling_is_one_the_grammar_accepts() -> None:
    quoted = set(re.findall(r'"([^"]+)"', GRAMMAR))
    for operator in OPERATORS:
        assert operator.spellings[0] == operator.op.value
        for spelling in operator.spellings:
            assert set(spelling.split()) <= quoted, spelling


def test_every_rule_alias_of_the_grammar_has_its_meaning_in_the_table() -> None:
    aliases = set(re.findall(r"->\s*(\w+)", GRAMMAR))
    known = (
        {o.rule for o in OPERATORS}
        | {c.value for c in syntax.Connective}
        | {k.rule for k in TypeKind}
        | {k.rule for k in PropertyKind}
        | {"determined", "group", "ref", "yes", "no", "name_value", "date_value"}
    )
    assert aliases == known


def test_the_requirement_clauses_are_the_grammars() -> None:
    (line,) = re.findall(r"_req_clause:(.*?)\n\n", GRAMMAR, re.S)
    assert set(re.findall(r"\w+", line)) == {c.value for c in Clause}
    for clause in Clause:
        assert set(clause.words.split()) <= syntax.words()


def test_roles() -> None:
    assert syntax.words(Role.BOOLEAN) == {"ja", "nee"}
    assert {"vanaf", "en", "or", "niet", "bevat", "overlapt", "met", "leeg"} <= syntax.words(Role.OPERATOR)
    assert {"feit", "vereiste", "uitkomst"} <= syntax.words(Role.DECLARATION)
    assert "toepassing" in syntax.words(Role.KEYWORD)
    assert syntax.reserved() >= syntax.words(Role.OPERATOR) | {"als", "dan", "tenzij"}


@pytest.mark.parametrize("operator", OPERATORS, ids=lambda o: o.rule)
def test_every_spelling_of_an_operator_parses_to_its_enum_and_formats_canonically(operator: syntax.Operator) -> None:
    from algokader._tools.export import tree
    from algokader._tools.fmt import format_text

    operand = {Operand.VALUE: " 2026-01-01", Operand.SET: " {a}", Operand.NONE: ""}[operator.operand]
    if operator.op in (Op.EQ, Op.NE, Op.CONTAINS):
        operand = " a"
    for spelling in operator.spellings:
        source = f"definitie y waar als x {spelling}{operand}\n"
        (item,) = algokader.parse(source).items
        assert isinstance(item, algokader.ast.Definition)
        assert isinstance(item.body, algokader.ast.Test) and item.body.op is operator.op
        assert format_text(source) == f"definitie y\n    waar als x {operator.op.value}{operand}\n"
        assert tree(item.body)["operator"] == operator.code


# ---- a new keyword, in a scratch copy of the package ----------------------------------

_CHECKS = r"""
import json, sys
import algokader
import algokader.ast
from algokader._base.resources import grammar_text
from algokader._language import syntax
from algokader._language.parser import RESERVED
from algokader._tools.export import tree
from algokader._tools.fmt import format_text
from algokader._tools.textmate import build_textmate
from algokader.lexer import KEYWORDS, AlgokaderLexer
from pygments import lex

assert algokader.__file__.startswith(sys.argv[1]), algokader.__file__
found = {"same words": syntax.grammar_words(grammar_text()) == syntax.words()}
source = "definitie y waar als x omvat a\n"
try:
    (item,) = algokader.parse(source).items
except algokader.ParseError:
    found["parses"] = False
else:
    found["parses"] = item.body.op is syntax.Op.CONTAINS
    found["formats"] = format_text(source)
    found["exports"] = tree(item.body)["operator"]
found["reserved"] = "omvat" in RESERVED
found["lexer"] = "omvat" in KEYWORDS and [str(k) for k, v in lex(source, AlgokaderLexer()) if v == "omvat"]
found["textmate"] = "omvat" in build_textmate()["repository"]["operator-word"]["match"]
print(json.dumps(found))
"""


def _scratch(tmp_path: Path, *, table: bool) -> dict[str, object]:
    """A copy of the package whose grammar spells ``bevat`` also as ``omvat``, and (if ``table``)
    whose syntax table lists that spelling: what the copy's readers then make of ``omvat``."""
    package = Path(algokader.__file__).parent
    copy = tmp_path / "algokader"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__", "requirements", "*.tables.json"))
    grammar = copy / "grammar" / "algokader.lark"
    text = grammar.read_text("utf-8")
    assert '_contains: "bevat" | "contains"\n' in text
    grammar.write_text(text.replace('_contains: "bevat" | "contains"', '_contains: "bevat" | "contains" | "omvat"'))
    if table:
        table_file = copy / "_language" / "syntax.py"
        code = table_file.read_text("utf-8")
        old = '("bevat", "contains")'
        assert code.count(old) == 1
        table_file.write_text(code.replace(old, '("bevat", "contains", "omvat")'))
    done = subprocess.run(
        [sys.executable, "-c", _CHECKS, str(copy)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    found: dict[str, object] = json.loads(done.stdout)
    return found


def test_a_new_keyword_touches_only_the_grammar_and_the_table(tmp_path: Path) -> None:
    pytest.importorskip("pygments")
    assert _scratch(tmp_path, table=True) == {
        "same words": True,
        "parses": True,
        "formats": "definitie y\n    waar als x bevat a\n",
        "exports": "contains",
        "reserved": True,
        "lexer": ["Token.Operator.Word"],
        "textmate": True,
    }


def test_a_keyword_only_the_grammar_knows_is_caught(tmp_path: Path) -> None:
    pytest.importorskip("pygments")
    found = _scratch(tmp_path, table=False)
    assert found["same words"] is False
    assert found["reserved"] is False and found["textmate"] is False
