"""A Pygments lexer for algokader rule files (``*.ak``).

Registered as the ``pygments.lexers`` entry point ``algokader``, so Sphinx, Pygments and any tool
built on them highlight ``.. code-block:: algokader`` without further setup. The rest of the
package never imports this module: algokader itself does not depend on Pygments.

The keywords are read from the grammar the parser uses, so the lexer cannot drift from it.
"""

from __future__ import annotations

import importlib.resources
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

__all__ = ["KEYWORDS", "AlgokaderLexer", "grammar_keywords"]

# A quoted literal in the Lark grammar that is a word of the language (not punctuation or a regex).
_WORD = re.compile(r'"([^\W\d_]+)"')

# A name may contain hyphens, so a keyword only counts when no name character touches it:
# ``niet-van-toepassing`` is one name, not three words.
_NAME_CHAR = r"a-z0-9-"
_BEFORE = rf"(?<![{_NAME_CHAR}])"
_AFTER = rf"(?![{_NAME_CHAR}])"


def grammar_keywords() -> frozenset[str]:
    """Every double-quoted word of letters in ``grammar/algokader.lark``."""
    grammar = importlib.resources.files("algokader") / "grammar" / "algokader.lark"
    return frozenset(_WORD.findall(grammar.read_text("utf-8")))


KEYWORDS: frozenset[str] = grammar_keywords()

# Finer token types for groups of keywords; any grammar word not listed here stays a plain Keyword,
# and a word dropped from the grammar drops out of these groups too (they are intersected with it).
_DECLARATIONS = KEYWORDS & {"feit", "definitie", "vereiste", "uitkomst", "eigenschap"}
_CONSTANTS = KEYWORDS & {"ja", "nee"}
_TYPES = KEYWORDS & {"datum", "verzameling"}
_OPERATOR_WORDS = KEYWORDS & {
    "of",
    "or",
    "en",
    "and",
    "niet",
    "not",
    "in",
    "bevat",
    "contains",
    "overlapt",
    "overlaps",
    "met",
    "is",
    "leeg",
    "voor",
    "uiterlijk",
    "na",
    "vanaf",
}
_OTHER = KEYWORDS - _DECLARATIONS - _CONSTANTS - _TYPES - _OPERATOR_WORDS


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
            (_words(_DECLARATIONS), Keyword.Declaration),
            (_words(_CONSTANTS), Keyword.Constant),
            (_words(_TYPES), Keyword.Type),
            (_words(_OPERATOR_WORDS), Operator.Word),
            (_words(_OTHER), Keyword),
            (_NAME, Name),
            (r"≠|!=|<=|>=|[=<>]", Operator),
            (r"[:{}(),/]", Punctuation),
        ],
        "string": [
            (r"\\.", String.Escape),
            (r'[^"\\]+', String.Double),
            (r'"', String.Double, "#pop"),
        ],
    }
