"""Stage 6: explanations — why a verdict or outcome came out as it did, traced to file, line and law."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from .._base.errors import Span
from .._base.messages import check_language, text
from .._language import ast as a
from .compiler import ChoiceNodes
from .evaluate import Session, Truth, Verdict
from .maatregelen import Maatregel
from .values import LegalSource, legal_sources, plain


class StepKind(enum.Enum):
    """What a step of an explanation is."""

    ALL = "all"  # en
    ANY = "any"  # of
    NOT = "not"
    TEST = "test"  # a comparison with facts
    DEFINITION = "definition"
    RULE = "rule"  # als … dan … of a choice
    OTHERWISE = "otherwise"


@attrs.frozen
class Step:
    """One condition with its exact truth for this system, where it is written, and why."""

    kind: StepKind
    text: str
    truth: Truth
    span: Span
    facts: tuple[tuple[str, object], ...] = ()
    sources: tuple[LegalSource, ...] = ()
    children: tuple[Step, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "text": self.text,
            "truth": self.truth.value,
            "file": self.span.path,
            "line": self.span.line,
            "column": self.span.column,
            "facts": {name: plain(value) for name, value in self.facts},
            "sources": [s.as_dict() for s in self.sources],
            "children": [c.as_dict() for c in self.children],
        }


@attrs.frozen
class OutcomeExplanation:
    """How one outcome was chosen: the rules in order, each with its truth."""

    name: str
    value: object | None
    possible: tuple[object, ...]
    rules: tuple[Step, ...]
    depends_on: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": plain(self.value),
            "possible": [plain(v) for v in self.possible],
            "rules": [r.as_dict() for r in self.rules],
            "depends_on": list(self.depends_on),
        }


@attrs.frozen
class Explanation:
    """The full explanation of one requirement's verdict and outcomes for one system."""

    id: str
    title: str
    verdict: Verdict
    span: Span
    sources: tuple[LegalSource, ...]
    condition: Step | None
    exclusions: tuple[Step, ...]
    outcomes: tuple[OutcomeExplanation, ...]
    depends_on: tuple[str, ...]
    maatregelen: tuple[Maatregel, ...] = ()
    """The maatregelen that serve this requirement (whatever the verdict)."""

    def as_dict(self) -> dict[str, Any]:
        """The explanation as JSON-ready data."""
        return {
            "id": self.id,
            "title": self.title,
            "verdict": self.verdict.value,
            "file": self.span.path,
            "line": self.span.line,
            "sources": [s.as_dict() for s in self.sources],
            "condition": self.condition.as_dict() if self.condition else None,
            "exclusions": [e.as_dict() for e in self.exclusions],
            "outcomes": [o.as_dict() for o in self.outcomes],
            "depends_on": list(self.depends_on),
            "maatregelen": [
                {"id": m.id, "urn": m.urn, "title": m.title, "title_en": m.title_en, "url": m.url}
                for m in self.maatregelen
            ],
        }

    def render(self, lang: str | None = None) -> str:
        """The explanation as indented text in ``lang`` (``"nl"`` or ``"en"``)."""
        return _Renderer(check_language(lang)).explanation(self)


class Explainer:
    """Builds explanations for one session, reading conditions back from the rule files."""

    def __init__(self, session: Session, maatregelen: dict[str, tuple[Maatregel, ...]] | None = None) -> None:
        self.session = session
        self.maatregelen = maatregelen or {}
        self.program = session.program
        self.model = session.program.model

    def source_text(self, span: Span) -> str:
        return self.program.source_text(span)

    def truth(self, expr: a.Expr) -> Truth:
        return self.session.truth(self.program.expr_nodes[expr])

    def given(self, name: str) -> object:
        return self.session.reading.given.get(name)

    def step(self, expr: a.Expr, seen: frozenset[str] = frozenset()) -> Step:
        truth = self.truth(expr)
        span = expr.span
        if isinstance(expr, (a.And, a.Or)):
            kind = StepKind.ALL if isinstance(expr, a.And) else StepKind.ANY
            return Step(
                kind, self.source_text(span), truth, span, children=tuple(self.step(e, seen) for e in expr.operands)
            )
        if isinstance(expr, a.Not):
            child = self.step(expr.operand, seen)
            shown = self.source_text(span)
            if not shown.startswith(("niet", "not")):  # a negation the author did not write (a label exclusion)
                shown = f"niet ({child.text})"
            return Step(StepKind.NOT, shown, truth, span, children=(child,))
        name = expr.name.text if isinstance(expr, a.Ref) else expr.subject.text
        symbol = self.model.symbols[name]
        if not symbol.derived:
            return Step(StepKind.TEST, self.source_text(span), truth, span, facts=((name, self.given(name)),))
        children: tuple[Step, ...] = ()
        if name not in seen:
            children = (self.definition(name, seen | {name}),)
        return Step(
            StepKind.TEST, self.source_text(span), truth, span, facts=((name, self.given(name)),), children=children
        )

    def definition(self, name: str, seen: frozenset[str]) -> Step:
        decl = self.model.symbols[name].decl
        assert isinstance(decl, a.Definition)
        if isinstance(decl.body, a.Choice):
            children = self.rules(decl.body, self.program.definition(name), seen)
            truth = Truth.TRUE
        else:
            body = self.step(decl.body, seen)
            children, truth = (body,), body.truth
        return Step(
            StepKind.DEFINITION,
            f"definitie {name}",
            truth,
            decl.name.span,
            sources=legal_sources(decl.sources),
            children=children,
        )

    def rules(self, choice: a.Choice, nodes: ChoiceNodes, seen: frozenset[str]) -> tuple[Step, ...]:
        steps = []
        for rule, fires in zip(choice.rules, nodes.rule_fires, strict=False):
            condition = self.step(rule.condition, seen)
            steps.append(
                Step(
                    StepKind.RULE,
                    f"als {condition.text} dan {rule.value}",
                    self.session.truth(fires),
                    rule.span,
                    children=(condition,),
                )
            )
        if choice.otherwise is not None:
            steps.append(
                Step(
                    StepKind.OTHERWISE,
                    f"anders {choice.otherwise}",
                    self.session.truth(nodes.otherwise_fires),
                    choice.otherwise.span,
                )
            )
        return tuple(steps)

    def explain(
        self,
        rid: str,
        verdict: Verdict,
        values: dict[str, object],
        possible: dict[str, tuple[object, ...]],
        depends_on: tuple[str, ...],
        outcome_depends: dict[str, tuple[str, ...]],
    ) -> Explanation:
        req = self.model.requirements[rid]
        condition = self.step(req.applies_when) if req.applies_when is not None else None
        exclusions = tuple(self.step(e) for e in req.unless)
        program = self.program.requirements[rid]
        outcomes = tuple(
            OutcomeExplanation(
                o.name.text,
                values[o.name.text],
                possible[o.name.text],
                self.rules(o.choice, program.outcomes[o.name.text], frozenset())
                if verdict is not Verdict.DOES_NOT_APPLY
                else (),
                outcome_depends[o.name.text],
            )
            for o in req.outcomes
        )
        return Explanation(
            rid,
            req.title or "",
            verdict,
            req.id.span,
            legal_sources(req.sources),
            condition,
            exclusions,
            outcomes,
            depends_on,
            self.maatregelen.get(rid, ()),
        )


_MARK = {Truth.TRUE: "✓", Truth.FALSE: "✗", Truth.UNKNOWN: "?"}


class _Words:
    """The renderer's words in one language, from the message catalogue."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __getitem__(self, key: object) -> str:
        if isinstance(key, Verdict):
            return text(f"verdict.{key.value}").render(self.lang).upper()
        if isinstance(key, Truth):
            return text(f"truth.{key.value}").render(self.lang)
        return text(f"explain.{key}").render(self.lang)


class _Renderer:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.words = _Words(lang)
        self.out: list[str] = []
        self.expanded: set[str] = set()

    def value(self, value: object) -> str:
        if value is None:
            return self.words["unknown-value"]
        if isinstance(value, bool):
            return "ja" if value else "nee"
        if isinstance(value, frozenset):
            return "{" + ", ".join(sorted(value)) + "}"
        return str(plain(value))

    def explanation(self, e: Explanation) -> str:
        w = self.words
        self.out = [f"{e.id} — {e.title}: {w[e.verdict]}", f"  ({e.span.path}:{e.span.line})"]
        if e.condition is not None:
            self.out.append(f"{w['condition']}:")
            self.step(e.condition, 1)
        for exclusion in e.exclusions:
            self.out.append(f"{w['unless']}:")
            self.step(exclusion, 1)
        for outcome in e.outcomes:
            if e.verdict is Verdict.DOES_NOT_APPLY:
                shown = w["not-applicable"]
            elif outcome.value is None:
                possible = ", ".join(self.value(v) for v in outcome.possible)
                shown = text("explain.undetermined", values=possible).render(w.lang)
            else:
                shown = self.value(outcome.value)
            self.out.append(f"{w['outcome']} {outcome.name} = {shown}")
            for rule in outcome.rules:
                if rule.truth is not Truth.FALSE:
                    self.step(rule, 1)
            if outcome.value is None and outcome.depends_on:
                self.out.append(f"  {w['depends']}: {', '.join(outcome.depends_on)}")
        if e.depends_on:
            self.out.append(f"{w['depends']}: {', '.join(e.depends_on)}")
        if e.sources:
            self.out.append(f"{w['sources']}:")
            for source in e.sources:
                self.out.append(f"  - {source.reference}" + (f" <{source.url}>" if source.url else ""))
        if e.maatregelen:
            self.out.append(f"{w['maatregelen']}:")
            for m in e.maatregelen:
                self.out.append(f"  - {m.id} {m.title_in(self.lang)} <{m.url}>")
        return "\n".join(self.out)

    def step(self, step: Step, depth: int) -> None:
        w = self.words
        indent = "  " * depth
        line = f"{indent}{_MARK[step.truth]} {step.text} — {w[step.truth]}"
        children = self.shown_children(step)
        definition = step.children[0] if step.kind is StepKind.TEST and step.children else None
        if definition is not None:
            # A reference to a definition: say where it is defined and expand it once.
            references = "; ".join(s.reference for s in definition.sources)
            line += f"  ({w['definition']} {definition.span.path}:{definition.span.line}"
            line += f"; {references})" if references else ")"
            if step.text in self.expanded:
                line += f" — {w['see-above']}"
                children = ()
            else:
                self.expanded.add(step.text)
                children = self.shown_children(definition)
        elif step.kind is StepKind.TEST and step.facts:
            line += " [" + ", ".join(f"{n} = {self.value(v)}" for n, v in step.facts) + "]"
        elif step.kind is StepKind.RULE:
            line += f"  ({step.span.path}:{step.span.line})"
        self.out.append(line)
        for child in children:
            self.step(child, depth + 1)

    @staticmethod
    def shown_children(step: Step) -> tuple[Step, ...]:
        """Only the children that make the point: a false 'en' shows its false parts, a true 'of' its true ones."""
        if step.kind is StepKind.ALL and step.truth is Truth.FALSE:
            return tuple(c for c in step.children if c.truth is Truth.FALSE)
        if step.kind is StepKind.ANY and step.truth is Truth.TRUE:
            return tuple(c for c in step.children if c.truth is Truth.TRUE)
        if (
            step.kind is StepKind.DEFINITION
            and step.children
            and step.children[0].kind in (StepKind.RULE, StepKind.OTHERWISE)
        ):
            return tuple(c for c in step.children if c.truth is not Truth.FALSE)
        return step.children
