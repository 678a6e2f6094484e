"""The typed syntax tree of rule files: frozen attrs classes with source spans.

Spans are data but not part of equality, so two files that differ only in layout give
equal trees.
"""

from __future__ import annotations

import datetime

import attrs

from .._base.errors import Span
from .._base.source import SourceFile
from .syntax import Clause, Op, PropertyKind, TypeKind, boolean_word

__all__ = [
    "And",
    "Choice",
    "Clause",
    "Definition",
    "Determined",
    "EffectiveDate",
    "Expr",
    "FactDecl",
    "FactType",
    "Item",
    "LabelEntry",
    "LabelProfile",
    "Literal",
    "LiteralValue",
    "Module",
    "Name",
    "Not",
    "Op",
    "Or",
    "Outcome",
    "Property",
    "PropertyKind",
    "PropertyRule",
    "Ref",
    "Relation",
    "Requirement",
    "Source",
    "Test",
    "TypeKind",
]

NO_SPAN = Span("<unknown>", 0, 0, 0, 0)


def _span() -> Span:
    return attrs.field(default=NO_SPAN, eq=False, repr=False, kw_only=True)


LiteralValue = str | bool | datetime.date


@attrs.frozen
class Literal:
    """A value written in a rule: a name, ``ja``/``nee`` or a date."""

    value: LiteralValue
    span: Span = _span()

    def __str__(self) -> str:
        if isinstance(self.value, bool):
            return boolean_word(self.value)
        return str(self.value)


@attrs.frozen
class Name:
    """An identifier with the place it was written."""

    text: str
    span: Span = _span()

    def __str__(self) -> str:
        return self.text


@attrs.frozen
class Ref:
    """A reference to a yes/no fact or definition, true when it holds."""

    name: Name
    span: Span = _span()


@attrs.frozen
class Test:
    """``subject op values``: a comparison of a fact or definition with literal values."""

    op: Op
    subject: Name
    values: tuple[Literal, ...]
    span: Span = _span()


@attrs.frozen
class Not:
    """``niet OPERAND``."""

    operand: Expr
    span: Span = _span()


@attrs.frozen
class And:
    """``A en B en …``: every operand holds."""

    operands: tuple[Expr, ...]
    span: Span = _span()


@attrs.frozen
class Or:
    """``A of B of …``: some operand holds."""

    operands: tuple[Expr, ...]
    span: Span = _span()


Expr = Ref | Test | Not | And | Or


@attrs.frozen
class FactType:
    """A fact's type: its kind and, for ``een van`` and ``verzameling van``, its values."""

    kind: TypeKind
    values: tuple[Literal, ...] = ()
    span: Span = _span()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(str(v.value) for v in self.values)


BOOL_TYPE = FactType(TypeKind.BOOL)


@attrs.frozen
class Source:
    """A legal source: a reference such as ``Artikel 43, AI-verordening`` and an optional URL."""

    reference: str
    url: str | None = None
    span: Span = _span()


@attrs.frozen
class Wording:
    """A text for people in Dutch, with its English next to it: ``"…" en "…"``."""

    nl: str
    en: str | None = None
    span: Span = _span()

    def render(self, lang: str | None = None) -> str:
        """The text in ``lang`` (English falls back to Dutch where none is written)."""
        return self.en if lang == "en" and self.en is not None else self.nl


@attrs.frozen
class ValueWording:
    """``waarde VALUE "…" en "…"``: what one value of a fact means, for the interview."""

    value: Literal
    wording: Wording
    span: Span = _span()


@attrs.frozen
class FactDecl:
    """``feit NAME: TYPE`` — one entry of the vocabulary callers supply, with how to ask for it."""

    name: Name
    type: FactType
    description: str | None = None
    sources: tuple[Source, ...] = ()
    question: Wording | None = None
    help: Wording | None = None
    value_texts: tuple[ValueWording, ...] = ()
    span: Span = _span()


@attrs.frozen
class Rule:
    """``als CONDITION dan VALUE``."""

    condition: Expr
    value: Literal
    span: Span = _span()


@attrs.frozen
class Choice:
    """Ordered first-match rules with an optional ``anders`` fallback."""

    rules: tuple[Rule, ...]
    otherwise: Literal | None = None
    span: Span = _span()


@attrs.frozen
class Definition:
    """``definitie NAME``: a derived fact, either ``waar als EXPR`` or a choice of values."""

    name: Name
    type: FactType | None
    body: Expr | Choice
    description: str | None = None
    sources: tuple[Source, ...] = ()
    span: Span = _span()


@attrs.frozen
class Outcome:
    """``uitkomst NAME: TYPE`` — a named result of a requirement chosen by rules."""

    name: Name
    type: FactType
    choice: Choice
    description: str | None = None
    sources: tuple[Source, ...] = ()
    span: Span = _span()


@attrs.frozen
class LabelEntry:
    """``CATEGORY: VALUE, …`` in a label profile."""

    category: Name
    values: tuple[Name, ...]
    span: Span = _span()


@attrs.frozen
class LabelProfile:
    """The Algoritmekader's published labels of a requirement and its ``uitzondering`` exclusions."""

    entries: tuple[LabelEntry, ...] = ()
    exclusions: tuple[Expr, ...] = ()
    span: Span = _span()


@attrs.frozen
class EffectiveDate:
    """``geldt vanaf DATE [als CONDITION] volgens "SOURCE" [status STATUS]``, or ``geldt niet als
    CONDITION volgens …`` (``date`` None): from when the requirement binds the systems that meet the
    condition. A requirement's lines are read in order; the first whose condition holds governs."""

    date: datetime.date | None
    source: str
    status: Name | None = None
    condition: Expr | None = None
    span: Span = _span()


@attrs.frozen
class Requirement:
    """``vereiste ID``: one vereiste of the Algoritmekader."""

    id: Name
    urn: str | None = None
    title: str | None = None
    explanation: str | None = None
    sources: tuple[Source, ...] = ()
    lifecycle: tuple[Name, ...] = ()
    topics: tuple[Name, ...] = ()
    roles: tuple[Name, ...] = ()
    labels: LabelProfile | None = None
    applies_when: Expr | None = None
    unless: tuple[Expr, ...] = ()
    effective: tuple[EffectiveDate, ...] = ()
    deviations: tuple[str, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    span: Span = _span()
    clause_spans: tuple[tuple[Clause, Span], ...] = attrs.field(default=(), eq=False, repr=False, kw_only=True)
    """Where each clause was written, in file order."""


@attrs.frozen
class Relation:
    """``als LEFT dan ook|nooit|en slechts dan RIGHT``: how two conditions relate everywhere."""

    kind: PropertyKind
    left: Expr
    right: Expr
    span: Span = _span()


@attrs.frozen
class Determined:
    """``als LEFT dan bepaald REQUIREMENT OUTCOME``: wherever LEFT holds, the requirement applies
    and the outcome has one and the same value."""

    left: Expr
    requirement: Name
    outcome: Name
    span: Span = _span()


PropertyRule = Relation | Determined


@attrs.frozen
class Property:
    """``eigenschap NAME``: invariants of the rule set, checked exhaustively by ``analyze``."""

    name: Name
    rules: tuple[PropertyRule, ...]
    description: str | None = None
    sources: tuple[Source, ...] = ()
    span: Span = _span()


Item = FactDecl | Definition | Requirement | Property


@attrs.frozen
class Module:
    """One parsed rule file."""

    path: str
    items: tuple[Item, ...]
    source: str = attrs.field(default="", eq=False, repr=False)
    """The file's text as the parser read it (normalized line endings, no byte-order mark)."""

    @property
    def file(self) -> SourceFile:
        """The file, with its lines, for pointing into it."""
        return SourceFile(self.path, self.source)
