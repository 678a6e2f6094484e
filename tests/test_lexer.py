"""The Pygments lexer: it accepts every bundled file and follows the grammar's keywords."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.resources import files
from importlib.resources.abc import Traversable

import pytest

pytest.importorskip("pygments")

from pygments import lex
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Comment, Error, Keyword, Literal, Name, Operator, String, _TokenType

from algokader.lexer import KEYWORDS, AlgokaderLexer


def bundled_files() -> list[Traversable]:
    folder = files("algokader") / "requirements"
    return sorted((f for f in folder.iterdir() if f.name.endswith(".ak")), key=lambda f: f.name)


def tokens(source: str) -> list[tuple[_TokenType, str]]:
    return [(kind, value) for kind, value in lex(source, AlgokaderLexer()) if value.strip()]


def kind_of(source: str, value: str) -> _TokenType:
    return next(kind for kind, text in tokens(source) if text == value)


@pytest.mark.parametrize("path", bundled_files(), ids=lambda f: f.name)
def test_every_bundled_file_lexes_without_errors(path: Traversable) -> None:
    source = path.read_text("utf-8")
    found = list(lex(source, AlgokaderLexer()))
    assert [value for kind, value in found if kind in Error] == []
    # Lexing loses nothing: the tokens put together are the file again.
    assert "".join(value for _, value in found) == source + ("" if source.endswith("\n") else "\n")


def test_keyword_set_equals_the_grammar_words() -> None:
    grammar = (files("algokader") / "grammar" / "algokader.lark").read_text("utf-8")
    words = {w for w in re.findall(r'"([^"]*)"', grammar) if re.fullmatch(r"[^\W\d_]+", w)}
    assert words == KEYWORDS
    assert {"vereiste", "van", "toepassing", "als", "tenzij", "overlapt", "or", "and", "not", "contains"} <= KEYWORDS


def test_every_keyword_is_highlighted_as_a_keyword_or_operator_word() -> None:
    for word in KEYWORDS:
        kind = kind_of(word, word)
        assert kind in Keyword or kind in Operator.Word, (word, kind)


def test_keyword_types() -> None:
    source = "vereiste x\n    van toepassing als a en niet b or c = ja\n"
    assert kind_of(source, "vereiste") in Keyword.Declaration
    assert kind_of(source, "toepassing") in Keyword
    assert kind_of(source, "en") in Operator.Word
    assert kind_of(source, "or") in Operator.Word
    assert kind_of(source, "ja") in Keyword.Constant
    assert kind_of(source, "=") in Operator


def test_names_with_hyphens_are_one_name_even_with_keywords_inside() -> None:
    found = tokens("als niet-van-toepassing-en dan van-toepassing")
    assert (Name, "niet-van-toepassing-en") in found
    assert (Name, "van-toepassing") in found


def test_strings_with_escapes_and_newlines() -> None:
    found = tokens('titel "een \\"citaat\\" en\nmeer"')
    assert found[0] == (Keyword, "titel")
    assert (String.Escape, '\\"') in found
    assert all(kind in String for kind, _ in found[1:])
    # Keywords inside a string are string, not keyword.
    assert (Keyword, "en") not in found


def test_dates_and_comments() -> None:
    found = tokens('# een opmerking met vereiste\ngeldt vanaf 2026-08-02 volgens "x"\n')
    assert found[0] == (Comment.Single, "# een opmerking met vereiste")
    assert (Literal.Date, "2026-08-02") in found
    # A date-like prefix of a longer name stays a name, as in the grammar.
    assert (Name, "2026-08-02-x") in tokens("2026-08-02-x")


def test_registered_with_pygments() -> None:
    assert isinstance(get_lexer_by_name("algokader"), AlgokaderLexer)
    assert isinstance(get_lexer_by_name("ak"), AlgokaderLexer)
    assert isinstance(get_lexer_for_filename("aia-14.ak"), AlgokaderLexer)


def test_the_library_imports_without_pygments() -> None:
    # Pygments made unimportable: the library and its command line must still load.
    code = (
        "import sys; sys.modules['pygments'] = None; import algokader, algokader.cli; "
        "assert 'algokader.lexer' not in sys.modules; print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "ok", done.stderr
