"""A Pygments lexer for algokader rule files (``*.ak``).

Registered as the ``pygments.lexers`` entry point ``algokader``, so Sphinx, Pygments and any tool
built on them highlight ``.. code-block:: algokader`` without further setup. The rest of the
package never imports this module: algokader itself does not depend on Pygments.

The keywords and their roles are read from the syntax table (:mod:`algokader._language.syntax`),
which the parser, the formatter and the TextMate grammar read too.
"""

from __future__ import annotations

import re
from typing import ClassVar

from pygments.lexer import RegexLexer
from pygments.token import (
    Comment,
    Keyword,
    Literal,
    Name,
    Operator,
    Punctuation,
    String,
    Text,
    _TokenType,
)

from ._base.resources import grammar_text
from ._language.syntax import Role, grammar_words, symbols, words

__all__ = ["KEYWORDS", "AlgokaderLexer", "grammar_keywords"]

# A name may contain hyphens, so a keyword only counts when no name character touches it:
# ``niet-van-toepassing`` is one name, not three words.
_NAME_CHAR = r"a-z0-9-"
_BEFORE = rf"(?<![{_NAME_CHAR}])"
_AFTER = rf"(?![{_NAME_CHAR}])"


def grammar_keywords() -> frozenset[str]:
    """Every double-quoted word of letters in ``grammar/algokader.lark`` (the syntax table's words)."""
    return grammar_words(grammar_text())


KEYWORDS: frozenset[str] = words()
"""Every word of the language, from the syntax table (which the tests hold to the grammar)."""


def _words(group: frozenset[str]) -> str:
    """A regex matching any word of ``group`` as a whole name (never a part of one)."""
    if not group:
        return r"(?!)"  # matches nothing, so an emptied group cannot swallow names
    # Longest first, so that ``overlapt`` is not cut short by a shorter alternative.
    alternatives = "|".join(re.escape(word) for word in sorted(group, key=lambda w: (-len(w), w)))
    return f"{_BEFORE}(?:{alternatives}){_AFTER}"


_NAME = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"

TokenDef = tuple[str, _TokenType] | tuple[str, _TokenType, str]


class AlgokaderLexer(RegexLexer):
    """Highlights the algokader rules language: Dutch keywords, hyphenated names, strings, dates."""

    name = "algokader"
    aliases: ClassVar[list[str]] = ["algokader", "ak"]
    filenames: ClassVar[list[str]] = ["*.ak"]
    mimetypes: ClassVar[list[str]] = ["text/x-algokader"]
    url = "https://minbzk.github.io/Algoritmekader/"

    tokens: ClassVar[dict[str, list[TokenDef]]] = {
        "root": [
            (r"\s+", Text.Whitespace),
            (r"#[^\n]*", Comment.Single),
            (r'"', String.Double, "string"),
            # Same lookahead as the grammar's DATE token: a date is never the start of a longer name.
            (r"[0-9]{4}-[0-9]{2}-[0-9]{2}" + _AFTER, Literal.Date),
            (_words(words(Role.DECLARATION)), Keyword.Declaration),
            (_words(words(Role.BOOLEAN)), Keyword.Constant),
            (_words(words(Role.TYPE)), Keyword.Type),
            (_words(words(Role.OPERATOR)), Operator.Word),
            (_words(words(Role.KEYWORD)), Keyword),
            (_NAME, Name),
            ("|".join(re.escape(symbol) for symbol in symbols()), Operator),
            (r"[:{}(),/]", Punctuation),
        ],
        "string": [
            (r"\\.", String.Escape),
            (r'[^"\\]+', String.Double),
            (r'"', String.Double, "#pop"),
        ],
    }
