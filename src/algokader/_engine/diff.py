"""Semantic diff of two versions of a rule set: which requirements changed meaning, and for which systems.

Both versions are compared as functions of the facts, so reformatting a file or renaming a
definition reports no change. The old version's diagrams are carried over into the new version's
variables by fact and value name; each change is described by a few maximal conditions on the
facts (prime cubes of the region where the answer differs), with a witness system.
"""

from __future__ import annotations

from typing import Any

import attrs

from .._base.messages import Text, text
from .._language import ast as a
from . import mdd as _mdd
from .analysis import Witness, _plain_witness, witness
from .compiler import FactVars, Program
from .mdd import Node, Var

Cube = dict[Var, int]


@attrs.frozen
class Change:
    """One change of meaning: for ``regions``, ``id``'s verdict or an outcome now differs."""

    id: str
    kind: str  # "added", "removed", "now-applies", "no-longer-applies", "outcome"
    outcome: str | None
    region_texts: tuple[Text, ...]  # each region as a message, rendered in the language asked for
    witness: Witness | None
    message: Text

    @property
    def regions(self) -> tuple[str, ...]:
        """The regions where the answer changes, each a few conditions on the facts (default language)."""
        return tuple(r.render() for r in self.region_texts)

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "outcome": self.outcome,
            "regions": [r.render(lang) for r in self.region_texts],
            "witness": _plain_witness(self.witness),
            "message": self.message.render(lang),
        }


@attrs.frozen
class Diff:
    """Every change of meaning between two rule sets, and the vocabulary changes behind them."""

    changes: tuple[Change, ...]
    vocabulary: tuple[str, ...]

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {"changes": [c.as_dict(lang) for c in self.changes], "vocabulary": list(self.vocabulary)}

    def render(self, lang: str | None = None) -> str:
        if not self.changes and not self.vocabulary:
            return text("diff.none").render(lang)
        lines = [f"~ {v}" for v in self.vocabulary]
        for c in self.changes:
            head = f"{c.id}" + (f" ({c.outcome})" if c.outcome else "")
            lines.append(f"{head}: {c.message.render(lang)}")
            lines.extend(f"    - {r.render(lang)}" for r in c.region_texts)
        return "\n".join(lines)


class _Importer:
    """Carries diagrams of one program into another's variables, by fact and value name."""

    def __init__(self, old: Program, new: Program, target: _mdd.Manager) -> None:
        self.old, self.new, self.m = old, new, target
        self.memo: dict[Node, Node] = {}
        self.notes: list[str] = []
        self.lost: set[int] = set()  # old variables with no counterpart: quantified away
        for name, fact in old.facts.items():
            other = new.facts.get(name)
            if (
                other is None
                or other.kind is not fact.kind
                or (fact.kind is a.TypeKind.DATE and other.dates != fact.dates)
            ):
                self.notes.append(name)
                self.lost.update(fact.variables)
            elif set(fact.values) != set(other.values):
                self.notes.append(name)

    def value_node(self, fact: FactVars, other: FactVars, var: Var, value: int) -> Node:
        """The new-program condition for old ``var = value``."""
        m = self.m
        if fact.kind is a.TypeKind.SET:
            element = fact.values[var - fact.first_var]
            if element not in other.values:
                return _mdd.TRUE if value == 0 else _mdd.FALSE  # the new version cannot name it: absent
            return m.literal(other.element(other.values.index(element)), (value,))
        if fact.kind is a.TypeKind.ENUM:
            label = fact.values[value]
            return m.literal(other.first_var, (other.values.index(label),)) if label in other.values else _mdd.FALSE
        return m.literal(other.first_var, (value,))  # yes/no, or a date with the same intervals

    def node(self, n: Node) -> Node:
        if n <= _mdd.TRUE:
            return n
        done = self.memo.get(n)
        if done is None:
            var = self.old.manager.var[n]
            kids = [self.node(k) for k in self.old.manager.kids[n]]
            if var in self.lost:
                done = self.m.or_all(kids)
            else:
                fact = self.old.var_fact[var]
                other = self.new.facts[fact.name]
                done = self.m.or_all(self.m.and_(self.value_node(fact, other, var, i), k) for i, k in enumerate(kids))
            self.memo[n] = done
        return done


def _cube_node(m: _mdd.Manager, cube: Cube) -> Node:
    return m.and_all(m.literal(var, (value,)) for var, value in cube.items())


def _cubes(program: Program, m: _mdd.Manager, region: Node, limit: int = 3) -> list[Cube]:
    """A few maximal cubes covering part of ``region``, largest generalisation first."""
    found: list[Cube] = []
    remaining = region
    while remaining != _mdd.FALSE and len(found) < limit:
        cube = m.witness(remaining)
        for var in sorted(cube):
            trial = {k: v for k, v in cube.items() if k != var}
            if m.and_(_cube_node(m, trial), m.not_(region)) == _mdd.FALSE:
                cube = trial
        found.append(cube)
        remaining = m.and_(remaining, m.not_(_cube_node(m, cube)))
    return found


def diff(old: Program, new: Program) -> Diff:
    """The changes of meaning from ``old`` to ``new``."""
    m = new.manager.scratch()
    importer = _Importer(old, new, m)
    changes: list[Change] = []

    def change(rid: str, kind: str, outcome: str | None, region: Node, message: Text) -> None:
        regions = tuple(new.describe_cube(c) for c in _cubes(new, m, region))
        changes.append(Change(rid, kind, outcome, regions, witness(new, m, region), message))

    for rid in sorted(set(old.requirements) | set(new.requirements)):
        if rid not in new.requirements:
            changes.append(Change(rid, "removed", None, (), None, text("diff.removed")))
            continue
        if rid not in old.requirements:
            change(rid, "added", None, new.requirements[rid].applies, text("diff.added"))
            continue
        before = importer.node(old.requirements[rid].applies)
        after = new.requirements[rid].applies
        gained = m.and_(after, m.not_(before))
        lost = m.and_(before, m.not_(after))
        if gained != _mdd.FALSE:
            change(rid, "now-applies", None, gained, text("diff.now-applies"))
        if lost != _mdd.FALSE:
            change(rid, "no-longer-applies", None, lost, text("diff.no-longer-applies"))
        both = m.and_(before, after)
        for name, nodes in new.requirements[rid].outcomes.items():
            previous = old.requirements[rid].outcomes.get(name)
            if previous is None:
                continue
            differs = _mdd.FALSE
            for value, node in nodes.values.items():
                old_node = importer.node(previous.values[value]) if value in previous.values else _mdd.FALSE
                differs = m.or_(differs, m.and_(both, m.and_(node, m.not_(old_node))))
            if differs != _mdd.FALSE:
                change(rid, "outcome", name, differs, text("diff.outcome", name=name))
    return Diff(tuple(changes), tuple(sorted(set(importer.notes))))
