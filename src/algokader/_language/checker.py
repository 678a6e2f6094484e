"""Stage 3: check a set of parsed files like a type checker, reporting every problem at once."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, Sequence

import attrs

from .._base.errors import Diagnostic, Severity, Span
from .._base.messages import Text, text
from .._base.source import SourceFile
from . import ast as a
from .syntax import STATUSES

ID_PATTERN = re.compile(r"[a-z]{3}-[0-9]{2}")
URN_PREFIX = "urn:nl:ak:ver:"

Declaration = a.FactDecl | a.Definition


@attrs.frozen
class Symbol:
    """A name that expressions can use: a fact callers give, or a definition derived from facts."""

    name: str
    type: a.FactType
    decl: Declaration

    @property
    def derived(self) -> bool:
        return isinstance(self.decl, a.Definition)


@attrs.frozen
class Model:
    """A checked rule set: every name resolves and every expression is well typed."""

    symbols: dict[str, Symbol]
    requirements: dict[str, a.Requirement]
    files: dict[str, SourceFile]
    properties: dict[str, a.Property] = attrs.field(factory=dict)

    @property
    def sources(self) -> dict[str, str]:
        """Each file's text by its path."""
        return {path: file.text for path, file in self.files.items()}

    @property
    def facts(self) -> list[a.FactDecl]:
        return [s.decl for s in self.symbols.values() if isinstance(s.decl, a.FactDecl)]

    @property
    def definitions(self) -> list[a.Definition]:
        return [s.decl for s in self.symbols.values() if isinstance(s.decl, a.Definition)]


def symbol_type(decl: Declaration) -> a.FactType:
    if isinstance(decl, a.FactDecl):
        return decl.type
    return decl.type if decl.type is not None else a.BOOL_TYPE


def kind_text(kind: a.TypeKind) -> Text:
    return text(f"kind.{kind.value}")


HINTED_PROBLEMS = 20
"""Did-you-mean hints are looked for while fewer problems than this have been found."""

SHOWN_VALUES = 12
"""A hint listing a type's values shows this many, then '…'."""


def listed(values: Sequence[str]) -> str:
    return ", ".join(values[:SHOWN_VALUES]) + (", …" if len(values) > SHOWN_VALUES else "")


def suggest(name: str, candidates: Iterable[str]) -> Text | None:
    """A did-you-mean hint for the closest candidate, if any is close."""
    import difflib  # only when there is a mistake to hint at: loading stays quick

    match = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return text("hint.did-you-mean", suggestion=match[0]) if match else None


def expr_names(expr: a.Expr) -> Iterator[a.Name]:
    """Every fact or definition name an expression mentions."""
    stack: list[a.Expr] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, a.Ref):
            yield node.name
        elif isinstance(node, a.Test):
            yield node.subject
        elif isinstance(node, a.Not):
            stack.append(node.operand)
        else:
            stack.extend(node.operands)


def body_exprs(body: a.Expr | a.Choice) -> list[a.Expr]:
    return [r.condition for r in body.rules] if isinstance(body, a.Choice) else [body]


def requirement_exprs(req: a.Requirement) -> list[a.Expr]:
    """Every condition a requirement writes: when it applies, its exclusions, its outcome rules,
    its label exclusions and the conditions of its ``geldt vanaf`` lines."""
    exprs = ([req.applies_when] if req.applies_when else []) + list(req.unless)
    exprs.extend(r.condition for o in req.outcomes for r in o.choice.rules)
    if req.labels is not None:
        exprs.extend(req.labels.exclusions)
    exprs.extend(e.condition for e in req.effective if e.condition is not None)
    return exprs


class Checker:
    """Collects diagnostics over all modules of a rule set."""

    def __init__(self, modules: Sequence[a.Module]) -> None:
        self.modules = modules
        self.files = {m.path: m.file for m in modules}
        self.problems: list[Diagnostic] = []
        self.symbols: dict[str, Symbol] = {}
        self.requirements: dict[str, a.Requirement] = {}
        self.properties: dict[str, a.Property] = {}
        self.in_property = False  # requirement ids may be used as conditions in properties
        self._value_sets: dict[int, frozenset[str]] = {}  # by id() of a type, which the model keeps alive

    def report(self, span: Span, message: Text, hint: Text | None = None, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Diagnostic(severity, span, message, hint, self.files.get(span.path)))

    def suggest(self, name: str, candidates: Sequence[str]) -> Text | None:
        """:func:`suggest` for the first HINTED_PROBLEMS problems only: each search compares the name
        with every candidate, so a file of many unknown names among many declared ones would take
        quadratic time."""
        return suggest(name, candidates) if len(self.problems) < HINTED_PROBLEMS else None

    def run(self) -> Model:
        self.declare()
        for symbol in self.symbols.values():
            self.check_declaration(symbol)
        self.check_cycles()
        for module in self.modules:
            self.check_requirements(module)
        for module in self.modules:
            for item in module.items:
                if isinstance(item, a.Property):
                    self.check_property(item)
        self.check_questions()
        return Model(
            self.symbols,
            dict(sorted(self.requirements.items())),
            self.files,
            dict(sorted(self.properties.items())),
        )

    def check_outcome_reference(self, rid: a.Name, name: a.Name) -> None:
        req = self.requirements.get(rid.text)
        if req is None:
            hint = suggest(rid.text, self.requirements) or text("hint.declare")
            self.report(rid.span, text("check.unknown-name", name=rid.text), hint)
            return
        outcomes = [o.name.text for o in req.outcomes]
        if name.text not in outcomes:
            hint = suggest(name.text, outcomes) or text("hint.values", values=", ".join(outcomes) or "—")
            self.report(name.span, text("check.unknown-outcome", name=name.text, id=rid.text), hint)

    def check_property(self, prop: a.Property) -> None:
        name = prop.name.text
        if name in self.properties or name in self.symbols:
            first = self.properties[name].name.span if name in self.properties else self.symbols[name].decl.name.span
            self.report(prop.name.span, text("check.duplicate", name=name, where=str(first)), text("hint.duplicate"))
            return
        self.properties[name] = prop
        self.check_sources(prop.sources)
        self.in_property = True
        try:
            for rule in prop.rules:
                self.check_expr(rule.left)
                if isinstance(rule, a.Relation):
                    self.check_expr(rule.right)
                else:
                    self.check_outcome_reference(rule.requirement, rule.outcome)
        finally:
            self.in_property = False

    # --- declarations
    def declare(self) -> None:
        for module in self.modules:
            for item in module.items:
                if isinstance(item, (a.Requirement, a.Property)):
                    continue
                name = item.name.text
                if name in self.symbols:
                    first = self.symbols[name].decl.name.span
                    self.report(
                        item.name.span, text("check.duplicate", name=name, where=str(first)), text("hint.duplicate")
                    )
                    continue
                self.symbols[name] = Symbol(name, symbol_type(item), item)

    def check_type(self, type_: a.FactType) -> None:
        if type_.kind in (a.TypeKind.ENUM, a.TypeKind.SET):
            if not type_.values:
                self.report(type_.span, text("check.enum-needs-values"))
            seen: set[str] = set()
            for value in type_.values:
                if value.value in seen:
                    self.report(value.span, text("check.duplicate-value", value=value))
                seen.add(str(value.value))

    def check_declaration(self, symbol: Symbol) -> None:
        decl = symbol.decl
        self.check_type(symbol.type)
        self.check_sources(decl.sources)
        if isinstance(decl, a.FactDecl):
            self.check_wordings(decl)
            return
        name = decl.name.text
        if isinstance(decl.body, a.Choice):
            if decl.type is None:
                self.report(decl.name.span, text("check.choice-needs-enum", name=name))
                return
            if decl.type.kind not in (a.TypeKind.BOOL, a.TypeKind.ENUM):
                self.report(decl.type.span, text("check.choice-type", name=name, kind=kind_text(decl.type.kind)))
                return
            self.check_choice(decl.body, name, decl.type)
        else:
            if decl.type is not None and decl.type.kind is not a.TypeKind.BOOL:
                self.report(decl.type.span, text("check.bool-body-type", name=name, kind=kind_text(decl.type.kind)))
            self.check_expr(decl.body)

    # --- how the interview asks (vraag, uitleg, waarde)
    def check_wordings(self, decl: a.FactDecl) -> None:
        """Each value text names a value of the fact, once; every text has its English."""
        name = decl.name.text
        seen: set[str] = set()
        for entry in decl.value_texts:
            if not self.check_literal(entry.value, name, decl.type):
                continue
            shown = str(entry.value)
            if shown in seen:
                self.report(entry.span, text("check.duplicate-clause", clause=f"waarde {shown}", name=name))
            seen.add(shown)
        wordings = [("vraag", decl.question), ("uitleg", decl.help)]
        wordings += [(f"waarde {entry.value}", entry.wording) for entry in decl.value_texts]
        for clause, wording in wordings:
            if wording is not None and wording.en is None:
                self.report(wording.span, text("check.no-english", clause=clause, name=name), text("hint.no-english"))

    def check_questions(self) -> None:
        """Once a vocabulary asks (any fact has a ``vraag``), every base fact a requirement reads
        needs a question of its own: otherwise an interview could not ask it."""
        facts = [s.decl for s in self.symbols.values() if isinstance(s.decl, a.FactDecl)]
        if not any(f.question is not None for f in facts):
            return
        asked: dict[str, a.FactDecl] = {}
        for fact in facts:
            if fact.question is None:
                continue
            other = asked.setdefault(fact.question.nl, fact)
            if other is not fact:
                where = str(other.name.span)
                message = text("check.duplicate-question", name=fact.name.text, other=other.name.text, where=where)
                self.report(fact.question.span, message, text("hint.duplicate-question"))
        readers = self.base_fact_readers()
        for fact in facts:
            rid = readers.get(fact.name.text)
            if fact.question is None and rid is not None:
                message = text("check.question-missing", name=fact.name.text, id=rid)
                self.report(fact.name.span, message, text("hint.question-missing"))

    def base_fact_readers(self) -> dict[str, str]:
        """Per base fact that some requirement reads (through definitions too), the first such requirement."""
        found: dict[str, str] = {}
        for rid, req in sorted(self.requirements.items()):
            exprs = ([req.applies_when] if req.applies_when else []) + list(req.unless)
            exprs += [r.condition for o in req.outcomes for r in o.choice.rules]
            seen: set[str] = set()
            stack = [n.text for e in exprs for n in expr_names(e)]
            while stack:
                name = stack.pop()
                symbol = self.symbols.get(name)
                if symbol is None or name in seen:
                    continue
                seen.add(name)
                if isinstance(symbol.decl, a.Definition):
                    stack.extend(n.text for e in body_exprs(symbol.decl.body) for n in expr_names(e))
                else:
                    found.setdefault(name, rid)
        return found

    def check_choice(self, choice: a.Choice, name: str, type_: a.FactType) -> None:
        for rule in choice.rules:
            self.check_expr(rule.condition)
            self.check_literal(rule.value, name, type_)
        if choice.otherwise is not None:
            self.check_literal(choice.otherwise, name, type_)

    def value_set(self, type_: a.FactType) -> frozenset[str]:
        """A type's values as a set, made once per type (a test may list thousands of values)."""
        found = self._value_sets.get(id(type_))
        if found is None:
            found = self._value_sets[id(type_)] = frozenset(type_.names)
        return found

    def check_literal(self, literal: a.Literal, name: str, type_: a.FactType) -> bool:
        """Whether ``literal`` is a value of ``type_``; reports it if not."""
        value = literal.value
        if type_.kind is a.TypeKind.BOOL:
            ok = isinstance(value, bool)
        elif type_.kind is a.TypeKind.DATE:
            ok = not isinstance(value, (bool, str))
        else:
            if isinstance(value, str):
                if value in self.value_set(type_):
                    return True
                hint = self.suggest(value, type_.names) or text("hint.values", values=listed(type_.names))
                self.report(literal.span, text("check.unknown-value", value=value, name=name), hint)
                return False
            ok = False
        if not ok:
            self.report(
                literal.span, text("check.value-type", value=str(literal), name=name, kind=kind_text(type_.kind))
            )
        return ok

    def check_sources(self, sources: Iterable[a.Source]) -> None:
        for source in sources:
            if source.url is not None and not re.fullmatch(r"https?://\S+", source.url):
                self.report(source.span, text("check.bad-url", url=source.url))

    # --- expressions
    def resolve(self, name: a.Name) -> Symbol | None:
        symbol = self.symbols.get(name.text)
        if symbol is None:
            names = [*self.symbols, *self.requirements] if self.in_property else list(self.symbols)
            hint = self.suggest(name.text, names) or text("hint.declare")
            self.report(name.span, text("check.unknown-name", name=name.text), hint)
        return symbol

    def check_expr(self, expr: a.Expr) -> None:
        stack: list[a.Expr] = [expr]
        while stack:
            node = stack.pop()
            if isinstance(node, a.Not):
                stack.append(node.operand)
            elif isinstance(node, (a.And, a.Or)):
                stack.extend(node.operands)
            elif isinstance(node, a.Ref):
                if self.in_property and node.name.text in self.requirements and node.name.text not in self.symbols:
                    continue  # "the requirement applies"
                symbol = self.resolve(node.name)
                if symbol is not None and symbol.type.kind is not a.TypeKind.BOOL:
                    example = symbol.type.names[0] if symbol.type.names else "2026-01-01"
                    self.report(
                        node.span,
                        text("check.type-not-bool", name=symbol.name, kind=kind_text(symbol.type.kind)),
                        text("hint.type-not-bool", name=symbol.name, example=example),
                    )
            else:
                self.check_test(node)

    def check_test(self, test: a.Test) -> None:
        symbol = self.resolve(test.subject)
        if symbol is None:
            return
        kind = symbol.type.kind
        allowed = {
            a.Op.EQ: (a.TypeKind.BOOL, a.TypeKind.ENUM, a.TypeKind.DATE),
            a.Op.NE: (a.TypeKind.BOOL, a.TypeKind.ENUM, a.TypeKind.DATE),
            a.Op.IN: (a.TypeKind.ENUM,),
            a.Op.NOT_IN: (a.TypeKind.ENUM,),
            a.Op.CONTAINS: (a.TypeKind.SET,),
            a.Op.OVERLAPS: (a.TypeKind.SET,),
            a.Op.EMPTY: (a.TypeKind.SET,),
            a.Op.NOT_EMPTY: (a.TypeKind.SET,),
        }.get(test.op, (a.TypeKind.DATE,))
        if kind not in allowed:
            expected = tuple(kind_text(k) for k in allowed)
            hint = None
            if kind is a.TypeKind.SET and test.op in (a.Op.EQ, a.Op.IN):
                hint = text("hint.did-you-mean", suggestion=f"{symbol.name} bevat …")
            self.report(
                test.span,
                text("check.op-type", op=test.op.value, expected=expected, name=symbol.name, kind=kind_text(kind)),
                hint,
            )
            return
        for value in test.values:
            self.check_literal(value, symbol.name, symbol.type)

    def check_cycles(self) -> None:
        deps: dict[str, list[str]] = {}
        for name, symbol in self.symbols.items():
            if isinstance(symbol.decl, a.Definition):
                exprs = body_exprs(symbol.decl.body)
                deps[name] = [n.text for e in exprs for n in expr_names(e) if n.text in self.symbols]
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done
        reported: set[frozenset[str]] = set()
        for root, targets in deps.items():
            if state.get(root):
                continue
            path: list[str] = [root]
            iters = [iter(targets)]
            state[root] = 1
            while iters:
                nxt = next(iters[-1], None)
                if nxt is None:
                    state[path.pop()] = 2
                    iters.pop()
                    continue
                if nxt not in deps or state.get(nxt) == 2:
                    continue
                if state.get(nxt) == 1:
                    cycle = [*path[path.index(nxt) :], nxt]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        decl = self.symbols[nxt].decl
                        self.report(
                            decl.name.span,
                            text("check.cycle", name=nxt, cycle=" → ".join(cycle)),
                            text("hint.cycle"),
                        )
                    continue
                state[nxt] = 1
                path.append(nxt)
                iters.append(iter(deps[nxt]))

    # --- requirements
    def check_requirements(self, module: a.Module) -> None:
        first: a.Requirement | None = None
        for item in module.items:
            if not isinstance(item, a.Requirement):
                continue
            if first is not None:
                self.report(item.id.span, text("check.two-requirements", id=first.id.text, line=first.id.span.line))
            first = first or item
            self.check_requirement(item, module.path)

    def check_requirement(self, req: a.Requirement, path: str) -> None:
        rid = req.id.text
        if not ID_PATTERN.fullmatch(rid):
            self.report(req.id.span, text("check.bad-id", id=rid), text("hint.id"))
        elif rid in self.requirements:
            where = str(self.requirements[rid].id.span)
            self.report(req.id.span, text("check.duplicate", name=rid, where=where), text("hint.duplicate"))
        else:
            self.requirements[rid] = req
        stem = posixpath.basename(path.replace("\\", "/"))
        if stem.endswith(".ak") and stem[:-3] != rid:
            self.report(req.id.span, text("check.id-filename", id=rid, file=stem), text("hint.id-filename", id=rid))
        clauses = dict(req.clause_spans)
        required = ((a.Clause.URN, req.urn), (a.Clause.TITLE, req.title), (a.Clause.APPLIES_WHEN, req.applies_when))
        for clause, value in required:
            if value is None:
                self.report(req.id.span, text("check.missing-clause", name=rid, clause=clause.words))
        if req.urn is not None and req.urn != URN_PREFIX + rid:
            self.report(clauses.get(a.Clause.URN, req.id.span), text("check.bad-urn", urn=req.urn, id=rid))
        self.check_sources(req.sources)
        for effective in req.effective:
            if effective.status is not None and effective.status.text not in STATUSES:
                hint = suggest(effective.status.text, STATUSES) or text("hint.values", values=", ".join(STATUSES))
                self.report(effective.status.span, text("check.bad-status", status=effective.status.text), hint)
            if effective.condition is not None:
                self.check_expr(effective.condition)
            elif effective.date is None:
                self.report(effective.span, text("check.never-without-condition"), text("hint.never-without-condition"))
        if req.labels is not None:
            self.check_labels(req.labels)
        for expr in ([req.applies_when] if req.applies_when else []) + list(req.unless):
            self.check_expr(expr)
        seen: dict[str, a.Outcome] = {}
        for outcome in req.outcomes:
            name = outcome.name.text
            if name in seen:
                where = str(seen[name].name.span)
                self.report(outcome.name.span, text("check.duplicate", name=name, where=where), text("hint.duplicate"))
            seen[name] = outcome
            self.check_type(outcome.type)
            self.check_sources(outcome.sources)
            if outcome.type.kind not in (a.TypeKind.BOOL, a.TypeKind.ENUM):
                self.report(outcome.type.span, text("check.choice-type", name=name, kind=kind_text(outcome.type.kind)))
                continue
            self.check_choice(outcome.choice, name, outcome.type)

    def check_labels(self, labels: a.LabelProfile) -> None:
        seen: set[str] = set()
        for entry in labels.entries:
            name = entry.category.text
            if name in seen:
                self.report(
                    entry.category.span,
                    text("check.duplicate-label", name=name),
                    text("hint.duplicate-label", name=name),
                )
            seen.add(name)
            symbol = self.resolve(entry.category)
            if symbol is None:
                continue
            if symbol.type.kind not in (a.TypeKind.ENUM, a.TypeKind.SET):
                self.report(entry.category.span, text("check.not-label-category", name=symbol.name))
                continue
            for value in entry.values:
                self.check_literal(a.Literal(value.text, span=value.span), symbol.name, symbol.type)
        for expr in labels.exclusions:
            self.check_expr(expr)


def check(modules: Sequence[a.Module]) -> tuple[Model, list[Diagnostic]]:
    """Check modules together; returns the model and every problem found."""
    checker = Checker(modules)
    model = checker.run()
    return model, checker.problems
