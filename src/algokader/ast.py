"""The syntax tree that :func:`algokader.parse` returns: immutable value classes, one per construct
of the rules language.

Every node carries its :class:`~algokader.Span` (file, line, column) in ``span``; spans are not part
of equality, so two files that differ only in layout give equal trees. A :class:`Module` holds the
items of one file: :class:`FactDecl`, :class:`Definition`, :class:`Requirement` and :class:`Property`.
Conditions are :data:`Expr` trees of :class:`Ref`, :class:`Test`, :class:`Not`, :class:`And` and
:class:`Or`.
"""

from ._language.ast import (
    And,
    Choice,
    Clause,
    Definition,
    Determined,
    EffectiveDate,
    Expr,
    FactDecl,
    FactType,
    Item,
    LabelEntry,
    LabelProfile,
    Literal,
    LiteralValue,
    Module,
    Name,
    Not,
    Op,
    Or,
    Outcome,
    Property,
    PropertyKind,
    PropertyRule,
    Ref,
    Relation,
    Requirement,
    Source,
    Test,
    TypeKind,
)

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
