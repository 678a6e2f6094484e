"""Exhaustive analysis of a compiled rule set: dead and duplicate rules, unused names, and where the
law and the published labels disagree — answered exactly over the finite vocabulary, with witnesses."""

from __future__ import annotations

import datetime
import enum
from typing import Any

import attrs

from .._base.errors import Severity
from .._base.messages import Text, text
from .._language import ast as a
from .._language.checker import body_exprs, expr_names, requirement_exprs
from . import mdd as _mdd
from .compiler import Program
from .mdd import Node

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


def witness(program: Program, manager: _mdd.Manager, node: Node) -> Witness:
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


class FindingKind(enum.Enum):
    """What an analysis finding is about."""

    DEAD = "dead"
    ALWAYS_APPLIES = "always-applies"
    IDENTICAL_CONDITIONS = "identical-conditions"
    UNUSED_DEFINITION = "unused-definition"
    UNREAD_FACT = "unread-fact"
    UNDOCUMENTED_DEVIATION = "undocumented-deviation"
    PROPERTY_VIOLATED = "property-violated"
    OVERLAPPING_RULES = "overlapping-rules"


@attrs.frozen
class Finding:
    """One thing exhaustive analysis found, with the requirements or names involved and a witness system."""

    level: Severity
    kind: FindingKind
    ids: tuple[str, ...]
    message: Text
    witness: Witness | None = None

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "level": self.level.value,
            "kind": self.kind.value,
            "ids": list(self.ids),
            "message": self.message.render(lang),
            "witness": _plain_witness(self.witness),
        }


@attrs.frozen
class Analysis:
    """The result of :func:`analyze`: findings, and the label-versus-law comparison per requirement."""

    findings: tuple[Finding, ...]
    label_comparison: tuple[LabelComparison, ...]

    @property
    def has_errors(self) -> bool:
        return any(f.level is Severity.ERROR for f in self.findings)

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The documented JSON form (see ``algokader/data/analyze.schema.json``)."""
        return {
            "findings": [f.as_dict(lang) for f in self.findings],
            "label_comparison": [
                {
                    "id": c.id,
                    "over_approximation": _plain_witness(c.over_approximation),
                    "under_approximation": _plain_witness(c.under_approximation),
                    "covered_by_deviation": c.covered_by_deviation,
                }
                for c in self.label_comparison
            ],
        }

    def render(self, lang: str | None = None) -> str:
        lines = []
        for f in self.findings:
            word = text(f"severity.{f.level.value}").render(lang)
            line = f"{word}: {f.kind.value} [{', '.join(f.ids)}]: {f.message.render(lang)}"
            if f.witness is not None:
                line += "\n    " + text("analysis.witness").render(lang) + ": " + _describe(f.witness)
            lines.append(line)
        counts = {level: sum(f.level is level for f in self.findings) for level in Severity}
        lines.append(
            text(
                "analysis.summary",
                errors=counts[Severity.ERROR],
                warnings=counts[Severity.WARNING],
                infos=counts[Severity.INFO],
                requirements=len(self.label_comparison),
            ).render(lang)
        )
        return "\n".join(lines)


def _plain_witness(witness: Witness | None) -> dict[str, Any] | None:
    if witness is None:
        return None
    plain: dict[str, Any] = {}
    for name, value in witness.items():
        if isinstance(value, frozenset):
            plain[name] = sorted(value)
        elif isinstance(value, datetime.date):
            plain[name] = value.isoformat()
        else:
            plain[name] = value
    return plain


def _describe(witness: Witness) -> str:
    shown = []
    for name, value in (_plain_witness(witness) or {}).items():
        if isinstance(value, list):
            shown.append(f"{name} = {{{', '.join(value)}}}")
        elif isinstance(value, bool):
            shown.append(f"{name} = {'ja' if value else 'nee'}")
        else:
            shown.append(f"{name} = {value}")
    return ", ".join(shown) or "—"


def _references(program: Program) -> tuple[set[str], set[str]]:
    """The definitions and facts the requirements and properties use, directly or through other
    definitions. A definition that only a property reads is still checked by ``analyze``, so it is used."""
    model = program.model
    roots: list[a.Expr] = []
    for prop in model.properties.values():
        for rule in prop.rules:
            roots.extend((rule.left, rule.right) if isinstance(rule, a.Relation) else (rule.left,))
    for req in model.requirements.values():
        roots.extend(requirement_exprs(req))
        if req.labels is not None:
            roots.extend(a.Ref(e.category) for e in req.labels.entries)
    used: set[str] = set()
    stack = [n.text for e in roots for n in expr_names(e)]
    while stack:
        name = stack.pop()
        if name in used or name not in model.symbols:
            continue
        used.add(name)
        decl = model.symbols[name].decl
        if isinstance(decl, a.Definition):
            stack.extend(n.text for e in body_exprs(decl.body) for n in expr_names(e))
    definitions = {n for n in used if model.symbols[n].derived}
    return definitions, used - definitions


def analyze(program: Program) -> Analysis:
    """Exhaustive analysis over every system the vocabulary can describe (not sampling)."""
    findings: list[Finding] = []
    by_condition: dict[Node, list[str]] = {}
    for rid, req in program.requirements.items():
        if req.applies == _mdd.FALSE:
            findings.append(Finding(Severity.ERROR, FindingKind.DEAD, (rid,), text("analysis.dead")))
        elif req.applies == _mdd.TRUE:
            findings.append(Finding(Severity.WARNING, FindingKind.ALWAYS_APPLIES, (rid,), text("analysis.always")))
        else:
            by_condition.setdefault(req.applies, []).append(rid)
    for node, ids in by_condition.items():
        if len(ids) > 1:
            example = witness(program, program.manager, node)
            findings.append(
                Finding(
                    Severity.INFO, FindingKind.IDENTICAL_CONDITIONS, tuple(ids), text("analysis.identical"), example
                )
            )
    definitions, facts = _references(program)
    for name, symbol in program.model.symbols.items():
        if symbol.derived and name not in definitions:
            findings.append(
                Finding(Severity.WARNING, FindingKind.UNUSED_DEFINITION, (name,), text("analysis.unused", name=name))
            )
        elif not symbol.derived and name not in facts:
            findings.append(
                Finding(Severity.WARNING, FindingKind.UNREAD_FACT, (name,), text("analysis.unread", name=name))
            )
    m = program.manager.scratch()
    for rid, written in program.model.requirements.items():
        applies = program.requirements[rid].applies
        for outcome in written.outcomes:
            rules = outcome.choice.rules
            for i, first in enumerate(rules):
                for later in rules[i + 1 :]:
                    if first.value == later.value:
                        continue
                    both = m.and_(
                        applies, m.and_(program.expr_nodes[first.condition], program.expr_nodes[later.condition])
                    )
                    if both != _mdd.FALSE:
                        message = text(
                            "analysis.overlap",
                            name=outcome.name.text,
                            first=first.span.line,
                            later=later.span.line,
                            value=str(first.value),
                        )
                        findings.append(
                            Finding(
                                Severity.INFO, FindingKind.OVERLAPPING_RULES, (rid,), message, witness(program, m, both)
                            )
                        )
    for name, checks in program.properties.items():
        for rule, bad in checks:
            if bad != _mdd.FALSE:
                message = text("analysis.property", name=name, rule=program.source_text(rule.span))
                findings.append(
                    Finding(
                        Severity.ERROR,
                        FindingKind.PROPERTY_VIOLATED,
                        (name,),
                        message,
                        witness(program, program.manager, bad),
                    )
                )
    comparisons = tuple(compare_labels(program))
    for c in comparisons:
        if not c.agrees and not c.covered_by_deviation:
            shown = c.over_approximation or c.under_approximation
            findings.append(
                Finding(
                    Severity.ERROR, FindingKind.UNDOCUMENTED_DEVIATION, (c.id,), text("analysis.undocumented"), shown
                )
            )
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    findings.sort(key=lambda f: (order[f.level], f.kind.value, f.ids))
    return Analysis(tuple(findings), comparisons)
