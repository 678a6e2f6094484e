"""An independent two-valued interpreter of the AST, used as the oracle in exactness tests.

It shares nothing with the library's compiler or decision diagrams: it walks the parsed
syntax tree over one *complete* assignment of facts, the way a jurist would read the rules.
Exactness tests enumerate every completion of the unknown facts with it.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator, Mapping
from typing import Any

import algokader
from algokader._language import ast as a

Assignment = Mapping[str, Any]


class Reference:
    """Evaluates requirements and definitions of parsed modules over complete assignments."""

    def __init__(self, modules: list[a.Module]) -> None:
        self.facts: dict[str, a.FactDecl] = {}
        self.definitions: dict[str, a.Definition] = {}
        self.requirements: dict[str, a.Requirement] = {}
        for module in modules:
            for item in module.items:
                if isinstance(item, a.FactDecl):
                    self.facts[item.name.text] = item
                elif isinstance(item, a.Definition):
                    self.definitions[item.name.text] = item
                elif isinstance(item, a.Requirement):
                    self.requirements[item.id.text] = item

    @classmethod
    def from_sources(cls, sources: Mapping[str, str]) -> Reference:
        return cls([algokader.parse(text, path=path) for path, text in sources.items()])

    # --- values
    def value(self, name: str, facts: Assignment) -> Any:
        if name in self.facts:
            return facts[name]
        definition = self.definitions[name]
        if isinstance(definition.body, a.Choice):
            return self.choose(definition.body, facts)
        return self.holds(definition.body, facts)

    def choose(self, choice: a.Choice, facts: Assignment) -> Any:
        for rule in choice.rules:
            if self.holds(rule.condition, facts):
                return rule.value.value
        return choice.otherwise.value if choice.otherwise is not None else None

    def holds(self, expr: a.Expr, facts: Assignment) -> bool:
        if isinstance(expr, a.And):
            return all(self.holds(e, facts) for e in expr.operands)
        if isinstance(expr, a.Or):
            return any(self.holds(e, facts) for e in expr.operands)
        if isinstance(expr, a.Not):
            return not self.holds(expr.operand, facts)
        if isinstance(expr, a.Ref):
            return self.value(expr.name.text, facts) is True
        subject = self.value(expr.subject.text, facts)
        values = [lit.value for lit in expr.values]
        op = expr.op
        if op is a.Op.EQ:
            return bool(subject == values[0])
        if op is a.Op.NE:
            return bool(subject != values[0])
        if op is a.Op.IN:
            return subject in values
        if op is a.Op.NOT_IN:
            return subject not in values
        if op is a.Op.CONTAINS:
            return values[0] in subject
        if op is a.Op.OVERLAPS:
            return any(v in subject for v in values)
        if op is a.Op.EMPTY:
            return not subject
        if op is a.Op.NOT_EMPTY:
            return bool(subject)
        comparisons = {
            a.Op.LT: subject < values[0],
            a.Op.LE: subject <= values[0],
            a.Op.GT: subject > values[0],
            a.Op.GE: subject >= values[0],
        }
        return bool(comparisons[op])

    def applies(self, rid: str, facts: Assignment) -> bool:
        req = self.requirements[rid]
        assert req.applies_when is not None
        return self.holds(req.applies_when, facts) and not any(self.holds(e, facts) for e in req.unless)

    def outcome(self, rid: str, name: str, facts: Assignment) -> Any:
        req = self.requirements[rid]
        outcome = next(o for o in req.outcomes if o.name.text == name)
        return self.choose(outcome.choice, facts)

    # --- time: which `geldt vanaf` line governs, and whether the requirement binds on a day
    def governing(self, rid: str, facts: Assignment, regime: str) -> a.EffectiveDate | None:
        """The first line that counts under ``regime`` (``oorspronkelijk``: no status or van-kracht;
        ``omnibus``: also aangenomen) whose condition holds; None when there is none."""
        for line in self.requirements[rid].effective:
            status = line.status.text if line.status is not None else None
            counted = status in (None, "van-kracht") or (regime == "omnibus" and status == "aangenomen")
            if counted and (line.condition is None or self.holds(line.condition, facts)):
                return line
        return None

    def binds(self, rid: str, facts: Assignment, day: datetime.date, regime: str) -> bool:
        """The requirement applies and binds on ``day``: the governing line's date is on or before it
        (a requirement without any line binds whenever it applies)."""
        if not self.applies(rid, facts):
            return False
        if not self.requirements[rid].effective:
            return True
        line = self.governing(rid, facts, regime)
        return line is not None and line.date is not None and line.date <= day

    # --- the space of completions
    def domain(self, name: str, dates: tuple[datetime.date, ...] = ()) -> list[Any]:
        """Every value a fact can take (dates: one representative per interval the rules distinguish)."""
        decl = self.facts[name]
        kind = decl.type.kind
        if kind is a.TypeKind.BOOL:
            return [False, True]
        if kind is a.TypeKind.ENUM:
            return list(decl.type.names)
        if kind is a.TypeKind.SET:
            names = decl.type.names
            return [frozenset(c) for r in range(len(names) + 1) for c in itertools.combinations(names, r)]
        one = datetime.timedelta(days=1)
        points = {d + k * one for d in dates for k in (-1, 0, 1)} or {datetime.date(2000, 1, 1)}
        return sorted(points)

    def completions(
        self, known: Assignment, dates: Mapping[str, tuple[datetime.date, ...]]
    ) -> Iterator[dict[str, Any]]:
        """Every complete assignment that agrees with the known base facts."""
        unknown = [n for n in self.facts if n not in known]
        domains = [self.domain(n, dates.get(n, ())) for n in unknown]
        for combo in itertools.product(*domains):
            full = dict(known)
            full.update(zip(unknown, combo, strict=True))
            yield full
