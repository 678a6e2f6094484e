"""The words of the rules language and what each one means: the one table every reader of the
syntax uses (parser, checker, formatter, export, highlighters, importer, documentation).

The grammar (``grammar/algokader.lark``) says where a word may stand; this table says what it
means. ``tests/test_syntax.py`` holds the two to the same words, so a new keyword touches the
grammar and this table and nothing else. Importing this module imports nothing but the
standard library (the Pygments lexer reads it).
"""

from __future__ import annotations

import enum
import re
from typing import NamedTuple

# ---- operators ------------------------------------------------------------------------


class Op(enum.Enum):
    """Comparison operators of the language; the value is the canonical spelling."""

    EQ = "="
    NE = "≠"
    IN = "in"
    NOT_IN = "niet in"
    CONTAINS = "bevat"
    OVERLAPS = "overlapt met"
    EMPTY = "is leeg"
    NOT_EMPTY = "is niet leeg"
    LT = "voor"
    LE = "uiterlijk"
    GT = "na"
    GE = "vanaf"


class Operand(enum.Enum):
    """What an operator is written with after its subject."""

    VALUE = "value"  # one value (or date): ``x = a``, ``d voor 2026-08-02``
    SET = "set"  # a braced list: ``x in {a, b}``
    NONE = "none"  # nothing: ``x is leeg``


class Operator(NamedTuple):
    """One comparison: its enum, the grammar rule that parses it, its export code, its operand,
    and every spelling the grammar accepts (the canonical one, ``op.value``, first)."""

    op: Op
    rule: str
    code: str
    operand: Operand
    spellings: tuple[str, ...]


OPERATORS: tuple[Operator, ...] = (
    Operator(Op.EQ, "eq", "eq", Operand.VALUE, ("=",)),
    Operator(Op.NE, "ne", "ne", Operand.VALUE, ("≠", "!=")),
    Operator(Op.IN, "in_", "in", Operand.SET, ("in",)),
    Operator(Op.NOT_IN, "not_in", "not-in", Operand.SET, ("niet in", "not in")),
    Operator(Op.CONTAINS, "contains", "contains", Operand.VALUE, ("bevat", "contains")),
    Operator(Op.OVERLAPS, "overlaps", "overlaps", Operand.SET, ("overlapt met", "overlapt", "overlaps")),
    Operator(Op.EMPTY, "empty", "empty", Operand.NONE, ("is leeg",)),
    Operator(Op.NOT_EMPTY, "not_empty", "not-empty", Operand.NONE, ("is niet leeg", "is not leeg")),
    Operator(Op.LT, "lt", "lt", Operand.VALUE, ("voor", "<")),
    Operator(Op.LE, "le", "le", Operand.VALUE, ("uiterlijk", "<=")),
    Operator(Op.GT, "gt", "gt", Operand.VALUE, ("na", ">")),
    Operator(Op.GE, "ge", "ge", Operand.VALUE, ("vanaf", ">=")),
)

OPERATOR_OF: dict[Op, Operator] = {o.op: o for o in OPERATORS}
OPERATOR_RULES: dict[str, Operator] = {o.rule: o for o in OPERATORS}


class Connective(enum.Enum):
    """``en``, ``of`` and ``niet``; the value is the grammar rule, ``words`` the spellings (Dutch first)."""

    AND = "and_"
    OR = "or_"
    NOT = "not_"

    @property
    def words(self) -> tuple[str, str]:
        return _CONNECTIVE_WORDS[self]

    @property
    def word(self) -> str:
        """The canonical (Dutch) spelling."""
        return self.words[0]


_CONNECTIVE_WORDS = {Connective.AND: ("en", "and"), Connective.OR: ("of", "or"), Connective.NOT: ("niet", "not")}

# ---- values and types -----------------------------------------------------------------

BOOLEANS = ("ja", "nee")
"""The yes/no values, true first (grammar rules ``yes`` and ``no``)."""


def boolean_word(value: bool) -> str:
    """``ja`` or ``nee``."""
    return BOOLEANS[0] if value else BOOLEANS[1]


class TypeKind(enum.Enum):
    """The four kinds of fact: yes/no, one value of a list, a set of values, a date."""

    BOOL = "bool"
    ENUM = "enum"
    SET = "set"
    DATE = "date"

    @property
    def rule(self) -> str:
        """The grammar rule that parses a type of this kind."""
        return f"{self.value}_type"

    @property
    def words(self) -> str:
        """How the type is written (before the braced values of ``een van`` / ``verzameling van``)."""
        return _TYPE_WORDS[self]


_TYPE_WORDS = {
    TypeKind.BOOL: "ja/nee",
    TypeKind.ENUM: "een van",
    TypeKind.SET: "verzameling van",
    TypeKind.DATE: "datum",
}
TYPE_RULES: dict[str, TypeKind] = {k.rule: k for k in TypeKind}

# ---- items and clauses ----------------------------------------------------------------

DECLARATIONS = {"fact_decl": "feit", "definition": "definitie", "requirement": "vereiste", "property": "eigenschap"}
"""Per item rule of the grammar, the keyword that opens it."""

DESCRIPTION = "omschrijving"
"""The clause describing a fact, definition, outcome or property."""

WORDS_OF_RULES: dict[str, tuple[str, ...]] = {
    "bool_body": ("waar als",),
    "rule": ("als", "dan"),
    "otherwise": ("anders",),
}
"""The words of definition bodies and choices: ``waar als EXPR``, ``als EXPR dan VALUE``, ``anders VALUE``."""

EXCEPTION = "uitzondering"
"""A label profile's exclusion."""

EFFECTIVE_WORDS = ("volgens", "status")
"""The inner words of ``geldt vanaf DATE [als EXPR] volgens "SOURCE" status STATUS``."""

EFFECTIVE_NEVER = "geldt niet"
"""``geldt niet als EXPR volgens …``: a line under which the requirement binds on no date."""

STATUSES = ("van-kracht", "aangenomen", "voorgesteld")
"""The status an effective date may have: in force, adopted but not yet in force, proposed."""


class Clause(enum.Enum):
    """The clauses of a requirement; the value is the grammar rule, ``words`` how it is written."""

    URN = "urn"
    TITLE = "title"
    EXPLANATION = "explanation"
    SOURCE = "source"
    LIFECYCLE = "lifecycle"
    TOPIC = "topic"
    ROLES = "roles"
    LABELS = "labels"
    APPLIES_WHEN = "applies_when"
    UNLESS = "unless"
    EFFECTIVE = "effective"
    DEVIATION = "deviation"
    OUTCOME = "outcome"

    @property
    def words(self) -> str:
        return _CLAUSE_WORDS[self]

    @property
    def single(self) -> bool:
        """Whether a requirement may have this clause at most once."""
        return self in _SINGLE


_CLAUSE_WORDS = {
    Clause.URN: "urn",
    Clause.TITLE: "titel",
    Clause.EXPLANATION: "toelichting",
    Clause.SOURCE: "bron",
    Clause.LIFECYCLE: "levenscyclus",
    Clause.TOPIC: "onderwerp",
    Clause.ROLES: "rollen",
    Clause.LABELS: "labels",
    Clause.APPLIES_WHEN: "van toepassing als",
    Clause.UNLESS: "tenzij",
    Clause.EFFECTIVE: "geldt vanaf",
    Clause.DEVIATION: "afwijking",
    Clause.OUTCOME: "uitkomst",
}
_SINGLE = frozenset({Clause.URN, Clause.TITLE, Clause.EXPLANATION, Clause.LABELS, Clause.APPLIES_WHEN})

TEXT_CLAUSES = (Clause.URN, Clause.TITLE, Clause.EXPLANATION, Clause.DEVIATION)
"""Clauses holding one string."""

NAME_CLAUSES = (Clause.LIFECYCLE, Clause.TOPIC, Clause.ROLES)
"""Clauses holding a list of names (the requirement's tags)."""


class Asking(enum.Enum):
    """The clauses of a fact that say how the interview asks for it; the value is the grammar rule."""

    QUESTION = "question"
    HELP = "help"
    VALUE_TEXT = "value_text"

    @property
    def words(self) -> str:
        return _ASKING_WORDS[self]


_ASKING_WORDS = {Asking.QUESTION: "vraag", Asking.HELP: "uitleg", Asking.VALUE_TEXT: "waarde"}
ASKING_RULES: dict[str, Asking] = {k.value: k for k in Asking}
ENGLISH = "en"
"""The word between a text and its English: ``vraag "…" en "…"``."""


class PropertyKind(enum.Enum):
    """How a property relates its two conditions; the value is how it is written after ``als LEFT``."""

    IMPLIES = "dan ook"
    EXCLUDES = "dan nooit"
    EQUIVALENT = "dan en slechts dan"

    @property
    def rule(self) -> str:
        """The grammar rule (alias) that parses it."""
        return self.name.lower()


DETERMINED = "dan bepaald"
"""``als LEFT dan bepaald ID OUTCOME`` (grammar rule ``determined``)."""

# ---- the words as a whole -------------------------------------------------------------


class Role(enum.Enum):
    """What a word of the language is, as highlighters colour it."""

    DECLARATION = "declaration"  # opens an item or an outcome
    TYPE = "type"  # names a kind of fact
    OPERATOR = "operator"  # part of a condition
    BOOLEAN = "boolean"  # a value
    KEYWORD = "keyword"  # any other word of the structure


_WORD = re.compile(r"[^\W\d_]+")
_GRAMMAR_WORD = re.compile(r'"([^\W\d_]+)"')


def grammar_words(grammar: str) -> frozenset[str]:
    """Every double-quoted word of letters in a Lark grammar: the words the grammar knows."""
    return frozenset(_GRAMMAR_WORD.findall(grammar))


def _letters(*phrases: str | tuple[str, ...]) -> set[str]:
    found: set[str] = set()
    for phrase in phrases:
        for part in phrase if isinstance(phrase, tuple) else (phrase,):
            found.update(_WORD.findall(part))
    return found


def roles() -> dict[str, Role]:
    """Every word of the language (each word of letters this table spells) with its role. Operator
    and boolean words come first: ``vanaf`` is an operator even where it also starts a clause."""
    operator = _letters(*(o.spellings for o in OPERATORS), *(c.words for c in Connective))
    boolean = set(BOOLEANS)
    declaration = {*DECLARATIONS.values(), Clause.OUTCOME.words}
    types = {_WORD.findall(k.words)[0] for k in TypeKind if k is not TypeKind.BOOL}  # een, verzameling, datum
    every = _letters(
        *DECLARATIONS.values(),
        DESCRIPTION,
        *WORDS_OF_RULES.values(),
        EXCEPTION,
        EFFECTIVE_WORDS,
        EFFECTIVE_NEVER,
        *(c.words for c in Clause),
        *(k.words for k in Asking),
        *(k.value for k in PropertyKind),
        DETERMINED,
        *(k.words for k in TypeKind),
    )
    found = dict.fromkeys(every, Role.KEYWORD)
    found.update(dict.fromkeys(types, Role.TYPE))
    found.update(dict.fromkeys(declaration, Role.DECLARATION))
    found.update(dict.fromkeys(operator, Role.OPERATOR))
    found.update(dict.fromkeys(boolean, Role.BOOLEAN))
    return found


def words(*wanted: Role) -> frozenset[str]:
    """The words of the given roles (of every role when none is given)."""
    return frozenset(w for w, r in roles().items() if not wanted or r in wanted)


def symbols() -> tuple[str, ...]:
    """The operators spelled with symbols (``=``, ``≠``, ``<=`` …), longest first, so that an
    alternation of them tries ``<=`` before ``<``."""
    found = {s for o in OPERATORS for s in o.spellings if not _WORD.search(s)}
    return tuple(sorted(found, key=lambda s: (-len(s), s)))


CONDITION_FOLLOWERS = ("als", "dan", "anders", "waar", "tenzij")
"""Structure words that can follow or open a condition, where the lexer could read a name."""


def reserved() -> frozenset[str]:
    """Keywords that can stand where a name or value could, and therefore cannot be one."""
    return words(Role.OPERATOR, Role.BOOLEAN) | frozenset(CONDITION_FOLLOWERS)
