"""What each comparison operator means on a fact's values.

The one definition the compiler (decision diagrams) and the generated predicates (Python
source) both follow: a test is a positive operator, possibly negated (``≠`` is "not ``=``");
on a one-valued fact (yes/no, one-of, date, or a definition) the positive operator compares
the value with each listed value and holds when one comparison does; on a set fact it asks
either for emptiness or for a shared element.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from .._language.ast import Op


@attrs.frozen
class Comparison:
    """A positive operator on one-valued facts: the Python operator the generated code writes,
    and the same comparison as a function (the compiler applies it to date classes, whose
    order is the dates' order)."""

    symbol: str
    holds: Callable[[Any, Any], bool]


COMPARISONS: dict[Op, Comparison] = {
    Op.EQ: Comparison("==", operator.eq),
    Op.IN: Comparison("==", operator.eq),  # with several listed values: equal to one of them
    Op.LT: Comparison("<", operator.lt),
    Op.LE: Comparison("<=", operator.le),
    Op.GT: Comparison(">", operator.gt),
    Op.GE: Comparison(">=", operator.ge),
}

_NEGATION_OF = {Op.NE: Op.EQ, Op.NOT_IN: Op.IN, Op.NOT_EMPTY: Op.EMPTY}


def positive(op: Op) -> tuple[Op, bool]:
    """The operator a test applies, and whether the test is its negation."""
    base = _NEGATION_OF.get(op)
    return (op, False) if base is None else (base, True)


def accepted(op: Op, domain: Iterable[Any], listed: Iterable[Any]) -> list[int]:
    """The positions in ``domain`` (a one-valued fact's values, in order) of the values that
    pass the positive operator ``op`` against the ``listed`` values."""
    holds = COMPARISONS[op].holds
    if holds is operator.eq:  # a set lookup: linear, however long the lists
        members = set(listed)
        return [i for i, value in enumerate(domain) if value in members]
    wanted = list(listed)
    return [i for i, value in enumerate(domain) if any(holds(value, x) for x in wanted)]


def asks_empty(op: Op) -> bool:
    """On a set fact: whether the positive operator asks for emptiness (else: a shared element)."""
    return op is Op.EMPTY
