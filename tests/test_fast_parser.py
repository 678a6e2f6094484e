"""The fast LALR driver (``algokader._language.lalr``) against Lark, and what ``import algokader`` loads.

The fast driver must give exactly Lark's tree (data, tokens, positions) wherever Lark parses,
and give up (None) wherever Lark raises, so that Lark reports the error as before.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import lark
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from algokader._base.resources import grammar_text
from algokader._base.source import normalize
from algokader._language import lalr as _lalr
from algokader._language import parser as _parser

ROOT = Path(__file__).resolve().parent.parent
RULE_FILES = sorted(ROOT.glob("requirements/**/*.ak")) + sorted(ROOT.glob("benchmarks/rules/**/*.ak"))


def lark_parser() -> lark.Lark:
    return lark.Lark(grammar_text(), **_parser.LARK_OPTIONS)


LARK = lark_parser()


def fast_parser() -> _lalr.Parser:
    parser = _parser._fast()
    assert parser is not None, "regenerate grammar/algokader.tables.json (see test_project.py)"
    return parser


def same_tree(fast: Any, slow: Any, where: str = "start") -> None:
    if slow is None or isinstance(slow, lark.Token):
        assert type(fast) is type(slow) or isinstance(fast, _lalr.Tok), (where, fast, slow)
        if slow is not None:
            got = (fast.type, str(fast), fast.value, fast.line, fast.column, fast.end_line, fast.end_column)
            assert got == (slow.type, str(slow), slow.value, slow.line, slow.column, slow.end_line, slow.end_column)
        return
    assert isinstance(fast, _lalr.Node), (where, fast, slow)
    assert fast.data == slow.data, where
    meta = slow.meta
    assert fast.meta.empty == meta.empty, where
    if not meta.empty:
        assert (fast.line, fast.column, fast.end_line, fast.end_column) == (
            meta.line,
            meta.column,
            meta.end_line,
            meta.end_column,
        ), where
    assert len(fast.children) == len(slow.children), (where, fast.children, slow.children)
    for index, (mine, theirs) in enumerate(zip(fast.children, slow.children, strict=True)):
        same_tree(mine, theirs, f"{where}/{slow.data}[{index}]")


def agree(text: str) -> None:
    """Both parsers accept ``text`` with the same tree, or both reject it."""
    text = normalize(text)
    try:
        expected = LARK.parse(text)
    except lark.exceptions.UnexpectedInput:
        expected = None
    got = fast_parser().parse(text)
    if expected is None:
        assert got is None, f"the fast parser accepts what Lark rejects: {text!r}"
    else:
        assert got is not None, f"the fast parser rejects what Lark accepts: {text!r}"
        same_tree(got, expected)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_the_fast_parser_gives_larks_tree_for_every_rule_file(path: Path) -> None:
    agree(path.read_text("utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n# alleen commentaar\n",
        "feit a: ja/nee",
        "feit a: ja/nee\ndefinitie d waar als a en niet (a of a)\n",
        "definitie d: een van {x, y} als a = ja dan x anders y",
        "vereiste abc-01 van toepassing als a in {x, y} tenzij b is niet leeg",
        'vereiste abc-01 geldt vanaf 2026-08-02 volgens "art. 1" status van-kracht',
        "vereiste abc-01 van toepassing als d voor 2026-08-02 en d >= 2027-01-01",
        'feit t: datum bron "a" "b" omschrijving "regel\n   twee"',
        "feit a: ja/nee feit b: ja/nee",  # layout is free
        "feit vanaf: ja/nee",  # a keyword where a name is expected
        "feit a: ja/nee\nfeit B: ja/nee",  # an uppercase letter
        "vereiste abc-01 van toepassing als",  # unexpected end
        "vereiste abc-01 van toepassing als a en en b",
        "feit a: een van {x,}",
        "eigenschap p als abc-01 dan ook abc-02 als a dan bepaald abc-01 route",
        "feit a: ja/nee \u00a0",
        '"open',
    ],
)
def test_the_fast_parser_agrees_with_lark_on_small_texts(text: str) -> None:
    agree(text)


@st.composite
def mutated_rule_files(draw: st.DrawFn) -> str:
    """A bundled file with a few edits: pieces deleted, repeated or swapped, characters inserted."""
    text = RULE_FILES[draw(st.integers(0, len(RULE_FILES) - 1))].read_text("utf-8")
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(text)))
        stop = draw(st.integers(start, min(len(text), start + 40)))
        edit = draw(st.sampled_from(["delete", "repeat", "insert", "truncate"]))
        if edit == "delete":
            text = text[:start] + text[stop:]
        elif edit == "repeat":
            text = text[:stop] + text[start:stop] + text[stop:]
        elif edit == "insert":
            text = text[:start] + draw(st.text(alphabet=' \n\t,:{}()="#-aenovx019', max_size=6)) + text[start:]
        else:
            text = text[:start]
    return text


@given(mutated_rule_files())
def test_the_fast_parser_agrees_with_lark_on_mutated_files(text: str) -> None:
    agree(text)


@given(from_lark(lark_parser(), explicit={"DATE": st.sampled_from(["2026-08-02", "2024-13-45"])}))
def test_the_fast_parser_agrees_with_lark_on_generated_texts(text: str) -> None:
    agree(text)


def test_without_fast_tables_lark_parses_and_the_result_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = {str(p): p.read_text("utf-8") for p in RULE_FILES[:12]}
    fast = {path: _parser.parse_collecting(text, path) for path, text in texts.items()}
    monkeypatch.setattr(_parser, "_fast", lambda: None)
    for path, text in texts.items():
        module, problems = _parser.parse_collecting(text, path)
        assert (module, problems) == fast[path]
        assert module is not None and fast[path][0] is not None
        assert repr(_spans(module)) == repr(_spans(fast[path][0]))


def _spans(node: object) -> list[object]:
    """Every span in an AST (spans take no part in equality)."""
    found: list[object] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple | list):
            stack.extend(item)
        elif hasattr(item, "__attrs_attrs__"):
            for field in item.__attrs_attrs__:
                value = getattr(item, field.name)
                (found.append if field.name == "span" else stack.append)(value)
    return found


def test_fast_tables_of_another_grammar_or_format_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    stored = json.loads((ROOT / "grammar" / "algokader.tables.json").read_text("utf-8"))
    assert _lalr.load(stored["fast"], _parser.fast_key(grammar_text())) is not None
    assert _lalr.load(stored["fast"], _parser.fast_key(grammar_text() + "\n// changed")) is None
    assert _lalr.load({**stored["fast"], "format": _lalr.FORMAT + 1}, _parser.fast_key(grammar_text())) is None
    assert _lalr.load(None, _parser.fast_key(grammar_text())) is None

    monkeypatch.setattr(_parser, "tables_text", lambda: "not json")
    _parser._fast.cache_clear()
    try:
        assert _parser._fast() is None
        module = _parser.parse("feit a: ja/nee\n")  # Lark, built from the grammar
        assert module.items[0].name.text == "a"  # type: ignore[union-attr]
    finally:
        _parser._fast.cache_clear()


def test_the_shipped_fast_tables_are_current() -> None:
    """Regenerate with the command in test_project.py when this fails. (Lark numbers its states
    differently from run to run, so the tables are compared by what they parse, above.)"""
    assert _parser._fast() is not None
    rebuilt = _lalr.Parser(json.loads(json.dumps(_lalr.build(lark_parser(), "key"))))
    text = RULE_FILES[0].read_text("utf-8")
    same_tree(rebuilt.parse(text), LARK.parse(text))


def test_import_and_load_do_not_import_what_they_do_not_need() -> None:
    """Not a timing test: the modules that loading and evaluating do without stay unimported."""
    code = (
        "import json, sys, algokader\n"
        "algokader.load().evaluate({})\n"
        "watched = ('lark', 'yaml', 'difflib', 'algokader')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in watched)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout))
    for unwanted in (
        "lark",
        "yaml",
        "algokader._engine.analysis",
        "algokader._engine.diff",
        "algokader._tools.export",
        "algokader._tools.fmt",
        "algokader._engine.labels",
        "algokader._language.parser",  # the bundled set comes from its cache entry: nothing is parsed
        "algokader._language.lalr",
        "difflib",  # only for did-you-mean hints
    ):
        assert unwanted not in loaded


def test_the_lazy_names_are_still_there() -> None:
    import algokader

    for name in algokader.__all__:
        assert getattr(algokader, name) is not None
        assert name in dir(algokader)
    code = "from algokader import *\nprint(Analysis.__name__, Decision.__name__, Explanation.__name__, Diff.__name__)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["Analysis", "Decision", "Explanation", "Diff"]
    with pytest.raises(AttributeError):
        _ = algokader.no_such_name  # type: ignore[attr-defined]
