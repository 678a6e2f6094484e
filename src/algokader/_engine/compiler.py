"""Stage 4: compile a checked model into decision diagrams, and check outcome rules semantically."""

from __future__ import annotations

import bisect
import datetime
import enum
import re
import sys
from collections.abc import Callable, Collection
from typing import TypeVar

import attrs

from .._base.errors import Diagnostic, RuleError, Severity, Span
from .._base.messages import Text, text
from .._language import ast as a
from .._language.checker import Model, Symbol, requirement_exprs
from . import mdd as _mdd
from . import operators
from .mdd import Node, Var

Value = str | bool
_A = TypeVar("_A")
_T = TypeVar("_T")

MAX_DIAGRAM_NODES = 100_000
"""New diagram nodes allowed while compiling one definition, requirement or property. The
bundled rule set's largest needs under 2,000 (``Program.peak_nodes``); a condition past this one
is refused with an error naming it, instead of taking minutes and gigabytes (the size of a
diagram can grow exponentially with the number of facts, depending on their order). Reaching
it takes under a second and some 30 MB."""

MAX_TOTAL_NODES = 1_000_000
"""Diagram nodes allowed for a whole rule set (the bundled one has under 8,000), so that many
units each just under :data:`MAX_DIAGRAM_NODES` cannot add up to minutes and gigabytes either."""


class _Overflow(Exception):
    """The node limit was passed while compiling the condition at ``span``."""

    def __init__(self, span: Span) -> None:
        super().__init__(str(span))
        self.span = span


_SPACE = re.compile(r"\s+")
_COMMENT = re.compile(r"#[^\n]*")


@attrs.frozen
class FactVars:
    """How one caller-supplied fact maps onto diagram variables."""

    index: int
    name: str
    kind: a.TypeKind
    values: tuple[str, ...]
    first_var: Var
    dates: tuple[datetime.date, ...] = ()

    @property
    def var_count(self) -> int:
        return len(self.values) if self.kind is a.TypeKind.SET else 1

    @property
    def variables(self) -> list[Var]:
        return [self.element(i) for i in range(self.var_count)]

    def element(self, index: int) -> Var:
        """The variable of a set fact's ``index``-th value (of any other fact: its one variable)."""
        return Var(self.first_var + index)

    @property
    def arity(self) -> int:
        if self.kind is a.TypeKind.ENUM:
            return len(self.values)
        if self.kind is a.TypeKind.DATE:
            return 2 * len(self.dates) + 1
        return 2

    def date_class(self, day: datetime.date) -> int:
        """The interval of the mentioned dates a date falls in: even = between, odd = on one."""
        i = bisect.bisect_left(self.dates, day)
        return 2 * i + 1 if i < len(self.dates) and self.dates[i] == day else 2 * i

    def describe(self, var: Var, value: int) -> Text:
        """A readable condition for ``var = value`` (for witnesses), in either language."""
        if self.kind is a.TypeKind.SET:
            element = self.values[var - self.first_var]
            return text("condition.contains" if value else "condition.lacks", name=self.name, value=element)
        if self.kind is a.TypeKind.BOOL:
            return text("condition.is", name=self.name, value="ja" if value else "nee")
        if self.kind is a.TypeKind.ENUM:
            return text("condition.is", name=self.name, value=self.values[value])
        if value % 2:
            return text("condition.is", name=self.name, value=self.dates[value // 2])
        lo = self.dates[value // 2 - 1] if value else None
        hi = self.dates[value // 2] if value // 2 < len(self.dates) else None
        if lo and hi:
            return text("condition.between", name=self.name, after=lo, before=hi)
        if lo:
            return text("condition.after", name=self.name, after=lo)
        if hi:
            return text("condition.before", name=self.name, before=hi)
        return text("condition.any-date", name=self.name)


@attrs.frozen
class ChoiceNodes:
    """A compiled first-match choice: per rule the diagram of 'this rule is the one chosen'."""

    values: dict[Value, Node]
    rule_fires: tuple[Node, ...]
    otherwise_fires: Node


class Regime(enum.Enum):
    """Which dates of the AI Act count: as published (``oorspronkelijk``), or with the postponements
    of the digital omnibus (``omnibus``): the ``geldt vanaf`` lines with status ``aangenomen``."""

    ORIGINAL = "oorspronkelijk"
    OMNIBUS = "omnibus"


DEFAULT_REGIME = Regime.OMNIBUS
"""The regime in force as best known: the omnibus was finally adopted (29 June 2026), its publication
in the Official Journal is not confirmed in the project's sources (see docs/tijdlijn.rst)."""

_COUNTED = {Regime.ORIGINAL: ("van-kracht",), Regime.OMNIBUS: ("van-kracht", "aangenomen")}


def counts_in(line: a.EffectiveDate, regime: Regime) -> bool:
    """Whether a ``geldt vanaf`` line counts under a regime: always without a status, otherwise by it."""
    return line.status is None or line.status.text in _COUNTED[regime]


@attrs.frozen
class StartNodes:
    """A requirement's ``geldt vanaf`` lines under one regime, compiled as a first-match choice."""

    lines: tuple[a.EffectiveDate, ...]  # the lines that count under the regime, in file order
    fires: tuple[Node, ...]  # per line: its condition holds and no earlier line's does
    unbound: Node  # no line's condition holds: the requirement binds such a system on no date
    binds: tuple[tuple[datetime.date, Node], ...]  # (day, where it binds on any reference date from day on)

    def binds_on(self, day: datetime.date) -> Node:
        """Where the requirement binds on ``day``: it applies and a line dated on or before ``day`` governs."""
        i = bisect.bisect_right([d for d, _ in self.binds], day)
        return self.binds[i - 1][1] if i else _mdd.FALSE


@attrs.frozen
class RequirementProgram:
    """One requirement compiled: where it applies, its outcomes' choices, its label profile."""

    applies: Node
    outcomes: dict[str, ChoiceNodes]
    labels_match: Node | None  # the published label profile, as a condition on the same facts
    starts: dict[Regime, StartNodes] = attrs.field(factory=dict)


class Program:
    """A rule set compiled to diagrams over the base facts."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.files = model.files
        self.facts: dict[str, FactVars] = {}
        dates = _date_constants(model)
        arities: list[int] = []
        self.var_fact: list[FactVars] = []
        for index, decl in enumerate(model.facts):
            fact = FactVars(
                index,
                decl.name.text,
                decl.type.kind,
                decl.type.names if decl.type.kind is not a.TypeKind.BOOL else ("nee", "ja"),
                Var(len(arities)),
                tuple(sorted(dates.get(decl.name.text, ()))),
            )
            self.facts[fact.name] = fact
            for _ in fact.variables:
                arities.append(fact.arity)
                self.var_fact.append(fact)
        self.manager = _mdd.Manager(arities)
        self.problems: list[Diagnostic] = []
        self.expr_nodes: dict[a.Expr, Node] = {}
        self.definition_nodes: dict[str, ChoiceNodes] = {}
        self.peak_nodes = 0
        """The most new diagram nodes one definition, requirement or property needed."""
        for definition in model.definitions:
            name = definition.name
            self.bounded(name.text, name.span, self.definition, name.text)
        self.requirements = {
            rid: self.bounded(rid, req.id.span, self.requirement, req) for rid, req in model.requirements.items()
        }
        self.properties = {
            name: tuple(self.bounded(name, p.name.span, self.violations, p)) for name, p in model.properties.items()
        }
        self.manager.freeze()

    def bounded(self, name: str, span: Span, build: Callable[[_A], _T], arg: _A) -> _T:
        """Compile one unit within :data:`MAX_DIAGRAM_NODES`; past it, stop with an error naming
        the innermost condition being built (else the unit) and every error found so far."""
        m = self.manager
        start = m.size
        total = start + MAX_DIAGRAM_NODES > MAX_TOTAL_NODES
        m.node_limit = MAX_TOTAL_NODES if total else start + MAX_DIAGRAM_NODES
        try:
            return build(arg)
        except (_mdd.DiagramTooLarge, _Overflow) as err:
            where = err.span if isinstance(err, _Overflow) and err.span.line >= 1 else span
            if total:
                message, hint = text("check.diagrams-too-large", limit=MAX_TOTAL_NODES), text("hint.diagrams-too-large")
            else:
                message = text("check.diagram-too-large", name=name, limit=MAX_DIAGRAM_NODES)
                hint = text("hint.diagram-too-large")
            self.report(where, message, hint)
            raise RuleError([p for p in self.problems if p.severity is Severity.ERROR]) from None
        finally:
            m.node_limit = sys.maxsize
            self.peak_nodes = max(self.peak_nodes, m.size - start)

    def source_text(self, span: Span, longest: int = 160) -> str:
        """What the author wrote at ``span``, on one line, comments dropped, shortened if long."""
        file = self.files.get(span.path)
        if file is None or not file.lines or span.line < 1:
            return "?"
        shown = _SPACE.sub(" ", _COMMENT.sub("", file.excerpt(span))).strip()
        return shown if len(shown) <= longest else shown[: longest - 1] + "…"

    # --- diagnostics
    def report(self, span: Span, message: Text, hint: Text | None = None, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Diagnostic(severity, span, message, hint, self.files.get(span.path)))

    def describe_witness(self, node: Node) -> Text:
        return self.describe_cube(self.manager.witness(node))

    def describe_cube(self, cube: dict[Var, int]) -> Text:
        """A conjunction of ``var = value`` conditions as one message; the empty one is every system."""
        parts = tuple(self.var_fact[v].describe(v, value) for v, value in sorted(cube.items()))
        return text("condition.all", conditions=parts) if parts else text("condition.every-system")

    # --- definitions
    def definition(self, name: str) -> ChoiceNodes:
        """A definition as one first-match choice: a yes/no ``waar als EXPR`` is the choice of ``ja``
        where EXPR holds and ``nee`` otherwise, so every definition has the same compiled form."""
        done = self.definition_nodes.get(name)
        if done is None:
            decl = self.model.symbols[name].decl
            assert isinstance(decl, a.Definition)
            if isinstance(decl.body, a.Choice):
                assert decl.type is not None
                done = self.choice(decl.body, decl.type, decl.name, _mdd.TRUE)
            else:
                holds = self.expr(decl.body)
                fails = self.manager.not_(holds)
                done = ChoiceNodes({True: holds, False: fails}, (holds,), fails)
            self.definition_nodes[name] = done
        return done

    def definition_bool(self, name: str) -> Node:
        return self.definition(name).values[True]

    def symbol_equals(self, symbol: Symbol, value: a.LiteralValue) -> Node:
        """The diagram of ``symbol = value`` for a definition (yes/no or one-of)."""
        if symbol.type.kind is a.TypeKind.BOOL:
            node = self.definition_bool(symbol.name)
            return node if value is True else self.manager.not_(node)
        return self.definition(symbol.name).values[value]  # type: ignore[index]

    def choice(self, choice: a.Choice, type_: a.FactType, name: a.Name, context: Node) -> ChoiceNodes:
        m = self.manager
        keys = choice_keys(type_)
        values: dict[Value, Node] = dict.fromkeys(keys, _mdd.FALSE)
        taken = _mdd.FALSE
        fires: list[Node] = []
        for rule in choice.rules:
            condition = self.expr(rule.condition)
            try:
                fire = m.and_(condition, m.not_(taken))
                fires.append(fire)
                values[rule.value.value] = m.or_(values[rule.value.value], fire)  # type: ignore[index]
                taken = m.or_(taken, condition)
                never = m.and_(context, fire) == _mdd.FALSE
            except _mdd.DiagramTooLarge:
                raise _Overflow(rule.span) from None
            if never:
                self.report(rule.span, text("check.rule-never-fires"), text("hint.rule-never-fires"))
        rest = m.not_(taken)
        gap = m.and_(context, rest)
        if choice.otherwise is not None:
            key = choice.otherwise.value
            values[key] = m.or_(values[key], rest)  # type: ignore[index]
            if gap == _mdd.FALSE:
                self.report(
                    choice.otherwise.span,
                    text("check.fallback-never-used"),
                    text("hint.fallback-never-used"),
                    Severity.WARNING,
                )
        elif gap != _mdd.FALSE:
            self.report(
                name.span,
                text("check.uncovered", name=name.text, witness=self.describe_witness(gap)),
                text("hint.uncovered"),
            )
        return ChoiceNodes(values, tuple(fires), rest if choice.otherwise is not None else _mdd.FALSE)

    # --- requirements
    def requirement(self, req: a.Requirement) -> RequirementProgram:
        m = self.manager
        condition = self.expr(req.applies_when) if req.applies_when is not None else _mdd.FALSE
        exclusions = tuple(self.expr(e) for e in req.unless)
        applies = m.and_(condition, m.not_(m.or_all(exclusions)))
        outcomes = {o.name.text: self.choice(o.choice, o.type, o.name, applies) for o in req.outcomes}
        labels_match = None
        if req.labels is not None:
            sets = [n for n, symbol in self.model.symbols.items() if symbol.type.kind is a.TypeKind.SET]
            labels_match = self.expr(profile_condition(req.labels, sets))
        starts = {regime: self.starts(req, applies, regime) for regime in Regime}
        for line in req.effective:
            if line.condition is None:
                continue
            regimes = [r for r in Regime if counts_in(line, r)]
            if regimes and all(
                m.and_(applies, starts[r].fires[starts[r].lines.index(line)]) == _mdd.FALSE for r in regimes
            ):
                self.report(
                    line.span, text("check.line-never-governs"), text("hint.line-never-governs"), Severity.WARNING
                )
        return RequirementProgram(applies, outcomes, labels_match, starts)

    def starts(self, req: a.Requirement, applies: Node, regime: Regime) -> StartNodes:
        """The lines that count under ``regime`` as an ordered choice; no lines at all: binds whenever it applies."""
        m = self.manager
        if not req.effective:
            return StartNodes((), (), _mdd.FALSE, ((datetime.date.min, applies),))
        lines = tuple(line for line in req.effective if counts_in(line, regime))
        taken = _mdd.FALSE
        fires: list[Node] = []
        for line in lines:
            condition = self.expr(line.condition) if line.condition is not None else _mdd.TRUE
            fires.append(m.and_(condition, m.not_(taken)))
            taken = m.or_(taken, condition)
        binds = []
        for day in sorted({line.date for line in lines if line.date is not None}):
            started = [f for line, f in zip(lines, fires, strict=True) if line.date is not None and line.date <= day]
            binds.append((day, m.and_(applies, m.or_all(started))))
        return StartNodes(lines, tuple(fires), m.not_(taken), tuple(binds))

    # --- properties
    def violations(self, prop: a.Property) -> list[tuple[a.PropertyRule, Node]]:
        """Each rule of a property with the systems that violate it."""
        m = self.manager
        found: list[tuple[a.PropertyRule, Node]] = []
        for rule in prop.rules:
            left = self.expr(rule.left)
            right = None if isinstance(rule, a.Determined) else self.expr(rule.right)
            try:
                if isinstance(rule, a.Determined):
                    bad = self.undetermined(left, rule.requirement, rule.outcome)
                elif rule.kind is a.PropertyKind.IMPLIES:
                    bad = m.and_(left, m.not_(right))  # type: ignore[arg-type]
                elif rule.kind is a.PropertyKind.EXCLUDES:
                    bad = m.and_(left, right)  # type: ignore[arg-type]
                else:
                    bad = m.or_(m.and_(left, m.not_(right)), m.and_(right, m.not_(left)))  # type: ignore[arg-type]
            except _mdd.DiagramTooLarge:
                raise _Overflow(rule.span) from None
            found.append((rule, bad))
        return found

    def undetermined(self, where: Node, rid: a.Name, name: a.Name) -> Node:
        """Systems in ``where`` for which the requirement does not apply, or the outcome differs
        from the one some other system in ``where`` gets."""
        m = self.manager
        program = self.requirements[rid.text]
        bad = m.and_(where, m.not_(program.applies))
        values = [m.and_(where, node) for node in program.outcomes[name.text].values.values()]
        taken = [v for v in values if v != _mdd.FALSE]
        if len(taken) > 1:
            bad = m.or_(bad, m.or_all(taken[1:]))  # a second value is possible
        return bad

    # --- expressions
    def expr(self, expr: a.Expr) -> Node:
        done = self.expr_nodes.get(expr)
        if done is not None:
            return done
        m = self.manager
        try:
            if isinstance(expr, a.Not):
                done = m.not_(self.expr(expr.operand))
            elif isinstance(expr, a.And):
                # Compile every operand (no short cut): explanations show each of them.
                done = m.and_all([self.expr(e) for e in expr.operands])
            elif isinstance(expr, a.Or):
                done = m.or_all([self.expr(e) for e in expr.operands])
            elif isinstance(expr, a.Ref) and expr.name.text not in self.model.symbols:
                done = self.requirements[expr.name.text].applies  # in a property: the requirement applies
            elif isinstance(expr, a.Ref):
                done = self.test(a.Test(a.Op.EQ, expr.name, (a.Literal(True),)))
            else:
                done = self.test(expr)
        except _mdd.DiagramTooLarge:  # an operand's own overflow has become an _Overflow already
            raise _Overflow(expr.span) from None
        self.expr_nodes[expr] = done
        return done

    def test(self, test: a.Test) -> Node:
        m = self.manager
        symbol = self.model.symbols[test.subject.text]
        listed = [lit.value for lit in test.values]
        op, negate = operators.positive(test.op)
        if symbol.derived:
            keys = choice_keys(symbol.type)
            node = m.or_all(self.symbol_equals(symbol, keys[i]) for i in operators.accepted(op, keys, listed))
        else:
            fact = self.facts[symbol.name]
            if fact.kind is a.TypeKind.BOOL:
                node = m.literal(fact.first_var, operators.accepted(op, (False, True), listed))
            elif fact.kind is a.TypeKind.ENUM:
                node = m.literal(fact.first_var, operators.accepted(op, fact.values, listed))
            elif fact.kind is a.TypeKind.SET:
                if operators.asks_empty(op):
                    node = m.not_(m.or_all(m.literal(v, (1,)) for v in fact.variables))
                else:  # a shared element
                    position = {value: i for i, value in enumerate(fact.values)}
                    node = m.or_all(m.literal(fact.element(position[str(v)]), (1,)) for v in listed)
            else:  # a date: compared through its class, whose order is the dates' order
                day = listed[0]
                assert isinstance(day, datetime.date)
                classes = operators.accepted(op, range(fact.arity), [fact.date_class(day)])
                node = m.literal(fact.first_var, classes)
        return m.not_(node) if negate else node


def choice_keys(type_: a.FactType) -> list[Value]:
    """A definition's or outcome's values in the order of its choice: yes before no, or as listed."""
    return [True, False] if type_.kind is a.TypeKind.BOOL else list(type_.names)


def profile_condition(labels: a.LabelProfile, set_categories: Collection[str]) -> a.Expr:
    """The Algoritmekader's filter as an expression: any listed value within a category (for a
    set category: any shared value), every category, and none of the exclusions."""
    tests: list[a.Expr] = [
        a.Test(
            a.Op.OVERLAPS if entry.category.text in set_categories else a.Op.IN,
            entry.category,
            tuple(a.Literal(v.text, span=v.span) for v in entry.values),
            span=entry.span,
        )
        for entry in labels.entries
    ]
    tests.extend(a.Not(e, span=e.span) for e in labels.exclusions)
    return a.And(tuple(tests), span=labels.span)  # no entries: the filter lets everything through


def _date_constants(model: Model) -> dict[str, set[datetime.date]]:
    """Every date each date fact is compared with anywhere in the rule set."""
    found: dict[str, set[datetime.date]] = {}
    exprs: list[a.Expr] = []
    for definition in model.definitions:
        body = definition.body
        exprs.extend([r.condition for r in body.rules] if isinstance(body, a.Choice) else [body])
    for req in model.requirements.values():
        exprs.extend(requirement_exprs(req))
    stack: list[a.Expr] = exprs
    while stack:
        node = stack.pop()
        if isinstance(node, a.Test):
            for lit in node.values:
                if isinstance(lit.value, datetime.date):
                    found.setdefault(node.subject.text, set()).add(lit.value)
        elif isinstance(node, a.Not):
            stack.append(node.operand)
        elif isinstance(node, (a.And, a.Or)):
            stack.extend(node.operands)
    return found


def compile_model(model: Model) -> tuple[Program, list[Diagnostic]]:
    program = Program(model)
    return program, program.problems
