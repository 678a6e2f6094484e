"""The syntax tree that :func:`algokader.parse` returns: immutable value classes, one per construct
of the rules language.

Every node carries its :class:`~algokader.Span` (file, line, column) in ``span``; spans are not part
of equality, so two files that differ only in layout give equal trees. A :class:`Module` holds the
items of one file: :class:`FactDecl`, :class:`Definition`, :class:`Requirement` and :class:`Property`.
Conditions are :data:`Expr` trees of :class:`Ref`, :class:`Test`, :class:`Not`, :class:`And` and
:class:`Or`.
"""

from ._language import ast as _ast
from ._language.ast import *  # noqa: F403  (the node classes, listed once in their module's __all__)

__all__ = list(_ast.__all__)
