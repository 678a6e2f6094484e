"""Exhaustive analysis of a compiled rule set: where the law and the published labels disagree."""

from __future__ import annotations

import datetime

import attrs

from . import _ast as a
from . import _mdd
from ._compiler import Program

Witness = dict[str, object]


@attrs.frozen
class LabelComparison:
    """How one requirement's law condition and its published label profile relate.

    ``over_approximation`` is a system the labels select but the law does not bind,
    ``under_approximation`` one the law binds but the labels miss (``None`` when there is none).
    ``covered_by_deviation`` says whether the file documents a deviation.
    """

    id: str
    over_approximation: Witness | None
    under_approximation: Witness | None
    covered_by_deviation: bool

    @property
    def agrees(self) -> bool:
        return self.over_approximation is None and self.under_approximation is None


def witness(program: Program, manager: _mdd.Manager, node: int) -> Witness:
    """Facts of one system in ``node``: only the facts that matter are named; a set names its members."""
    found: Witness = {}
    for var, value in sorted(manager.witness(node).items()):
        fact = program.var_fact[var]
        if fact.kind is a.TypeKind.SET:
            members = found.setdefault(fact.name, frozenset())
            if value:
                found[fact.name] = members | {fact.values[var - fact.first_var]}  # type: ignore[operator]
        elif fact.kind is a.TypeKind.BOOL:
            found[fact.name] = bool(value)
        elif fact.kind is a.TypeKind.ENUM:
            found[fact.name] = fact.values[value]
        else:
            found[fact.name] = _representative(fact.dates, value)
    return found


def _representative(dates: tuple[datetime.date, ...], interval: int) -> datetime.date:
    """A day in the given interval of the dates the rules mention."""
    if interval % 2:
        return dates[interval // 2]
    if interval // 2 < len(dates):
        return dates[interval // 2] - datetime.timedelta(days=1)
    return dates[-1] + datetime.timedelta(days=1)


def compare_labels(program: Program) -> list[LabelComparison]:
    """For every requirement with a label profile, the systems on which labels and law disagree."""
    m = program.manager.scratch()
    found = []
    for rid, req in program.requirements.items():
        if req.labels_match is None:
            continue
        over = m.and_(req.labels_match, m.not_(req.applies))
        under = m.and_(req.applies, m.not_(req.labels_match))
        found.append(
            LabelComparison(
                rid,
                witness(program, m, over) if over != _mdd.FALSE else None,
                witness(program, m, under) if under != _mdd.FALSE else None,
                bool(program.model.requirements[rid].deviations),
            )
        )
    return found
