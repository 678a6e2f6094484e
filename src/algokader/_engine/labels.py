"""The Algoritmekader's label taxonomy, and reading label input.

Labels come as the Algoritmekader's canonical strings (``risicogroep-hoog-risico-ai-systeem``),
as the decision aid's strings (``hoog-risico AI``, ``aanbieder``), or as the decision aid's
own export per subcategory (``{"Risicogroep": ["hoog-risico AI"], …}``). Unknown strings are
an error with a did-you-mean, never dropped.
"""

from __future__ import annotations

import difflib
import functools
import importlib.resources
import json
from collections.abc import Iterable, Mapping, Sequence

from .._base.errors import Diagnostic, InputError, RuleError, Severity
from .._base.messages import text
from .._language import ast as a
from .._language.checker import Model, check, expr_names
from . import mdd as _mdd
from .compiler import Program, compile_model, profile_condition
from .evaluate import VERDICT_OF, Session, Verdict
from .reading import Reader, Reading

CATEGORIES: dict[str, tuple[str, ...]] = {
    "soort-toepassing": (
        "ai-systeem",
        "ai-systeem-voor-algemene-doeleinden",
        "ai-model-voor-algemene-doeleinden",
        "geen-algoritme",
    ),
    "risicogroep": (
        "uitzondering-van-toepassing",
        "verboden-ai",
        "hoog-risico-ai-systeem",
        "geen-hoog-risico-ai-systeem",
        "niet-van-toepassing",
    ),
    "rol-ai-act": ("aanbieder", "gebruiksverantwoordelijke", "importeur", "distributeur"),
    "transparantieverplichting": ("transparantieverplichting", "geen-transparantieverplichting", "niet-van-toepassing"),
    "systeemrisico": ("systeemrisico", "geen-systeemrisico", "niet-van-toepassing"),
    "open-source": ("open-source", "geen-open-source", "niet-van-toepassing"),
}
"""The six label categories the vereisten are filtered on, with the Algoritmekader's values."""

SET_CATEGORY = "rol-ai-act"
"""The one category that holds several values at once (an organisation can have several roles)."""

UNUSED_CATEGORIES: dict[str, tuple[str, ...]] = {
    "operationeel": ("in-gebruik", "in-ontwikkeling"),
    "conformiteitsbeoordelingsinstantie": ("beoordeling-door-derde-partij", "niet-van-toepassing"),
}
"""Categories the decision aid produces but no vereiste is filtered on: accepted, and without effect."""

NOT_ASKED = "niet van toepassing"
"""In the decision aid's export, the answer that means the question was not asked: the category stays open."""

Labels = dict[str, frozenset[str]]


@functools.cache
def _decision_aid() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """The decision aid's label strings → (category, value), and its subcategory names → category."""
    data = json.loads((importlib.resources.files("algokader") / "data" / "beslishulp-labels.json").read_text("utf-8"))
    strings: dict[str, tuple[str, str]] = {}
    subcategories: dict[str, str] = {}
    for entry in data["labels"]:
        strings.setdefault(entry["beslishulp_label"], (entry["algoritmekader_category"], entry["algoritmekader_value"]))
        subcategories[entry["beslishulp_subcategory"]] = entry["algoritmekader_category"]
    return strings, subcategories


def decision_aid_strings() -> dict[tuple[str, str], tuple[str, str]]:
    """(category, value) → (the decision aid's label string, its subcategory), for every label the
    decision aid can produce (the same table that reads its labels)."""
    strings, subcategories = _decision_aid()
    subcategory_of = {category: name for name, category in subcategories.items()}
    return {found: (label, subcategory_of[found[0]]) for label, found in strings.items()}


@functools.cache
def _canonical() -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for category, values in (CATEGORIES | UNUSED_CATEGORIES).items():
        for value in values:
            found[f"{category}-{value}"] = (category, value)
    return found


def _lookup(label: str, category: str | None = None) -> tuple[str, str]:
    strings, _ = _decision_aid()
    found = _canonical().get(label) or strings.get(label)
    if found is None and category is not None:
        found = (category, label) if label in (CATEGORIES | UNUSED_CATEGORIES).get(category, ()) else None
    if found is None or (category is not None and found[0] != category):
        choices = list(_canonical()) + list(strings)
        match = difflib.get_close_matches(label, choices, n=1, cutoff=0.6)
        hint = text("hint.did-you-mean", suggestion=match[0]) if match else text("hint.labels")
        raise InputError(text("input.unknown-label", label=label), fact=category or "labels", value=label, hint=hint)
    return found


def read_labels(labels: Iterable[str] | Mapping[str, Iterable[str]]) -> Labels:
    """Label input as a set of values per category; categories not mentioned are open."""
    found: dict[str, set[str]] = {}
    if isinstance(labels, Mapping):
        _, subcategories = _decision_aid()
        for key, values in labels.items():
            if not isinstance(key, str):
                raise InputError(text("input.unknown-label-category", name=repr(key)[:60]), fact=None, value=key)
            category = subcategories.get(key) or (key if key in CATEGORIES | UNUSED_CATEGORIES else None)
            if category is None:
                match = difflib.get_close_matches(key, [*subcategories, *CATEGORIES], n=1, cutoff=0.6)
                hint = text("hint.did-you-mean", suggestion=match[0]) if match else None
                raise InputError(text("input.unknown-label-category", name=key), fact=key, hint=hint)
            for value in _strings(key, values):
                if value == NOT_ASKED:
                    continue
                found.setdefault(category, set()).add(_lookup(value, category)[1])
    else:
        for label in _strings("labels", labels):
            if label == NOT_ASKED:
                continue  # names no category in a flat list
            category, value = _lookup(label)
            found.setdefault(category, set()).add(value)
    return {c: frozenset(v) for c, v in found.items() if c in CATEGORIES}


def _strings(where: str, values: object) -> list[str]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise InputError(text("input.labels-not-list", name=where), fact=where, value=values)
    items = list(values)
    for item in items:
        if not isinstance(item, str):
            raise InputError(text("input.unknown-label", label=repr(item)), fact=where, value=item)
    return items


ROLES_GIVEN = "rol-ai-act-opgegeven"
"""In label space, an open role category still means at least one role."""


def label_program(model: Model) -> Program:
    """The label profiles of a rule set compiled over the label categories themselves.

    Each requirement with a profile becomes a requirement of a small rule set whose facts are
    the six categories; its condition is the Algoritmekader filter (see
    :func:`._compiler.profile_condition`). Exclusions may only mention label categories.
    """
    facts: list[a.Item] = [
        a.FactDecl(
            a.Name(category),
            a.FactType(
                a.TypeKind.SET if category == SET_CATEGORY else a.TypeKind.ENUM,
                tuple(a.Literal(v) for v in values),
            ),
        )
        for category, values in CATEGORIES.items()
    ]
    roles = a.Test(a.Op.NOT_EMPTY, a.Name(SET_CATEGORY), ())
    facts.append(a.Definition(a.Name(ROLES_GIVEN), None, roles))
    problems: list[Diagnostic] = []
    requirements: list[a.Item] = []
    for req in model.requirements.values():
        if req.labels is None:
            continue
        for expr in req.labels.exclusions:
            for name in expr_names(expr):
                if name.text not in CATEGORIES:
                    message = text("check.label-exclusion", name=name.text)
                    problems.append(
                        Diagnostic(Severity.ERROR, name.span, message, None, model.files.get(name.span.path))
                    )
        requirements.append(
            a.Requirement(
                req.id,
                urn=req.urn,
                title=req.title,
                sources=req.sources,
                labels=req.labels,
                applies_when=profile_condition(req.labels, (SET_CATEGORY,)),
                span=req.span,
            )
        )
    if problems:
        raise RuleError(problems)
    modules = [
        a.Module("<labels>", tuple(facts)),
        *(a.Module(r.id.span.path, (r,), model.sources.get(r.id.span.path, "")) for r in requirements),  # type: ignore[union-attr]
    ]
    label_model, found = check(modules)
    found = [d for d in found if d.severity is Severity.ERROR]
    if found:
        raise RuleError(found)
    program, found = compile_model(label_model)
    if any(d.severity is Severity.ERROR for d in found):
        raise RuleError(found)
    return program


# --- label mode: the published profiles alone, and labels as facts of the law


def label_facts(labels: Labels) -> dict[str, object]:
    """Labels as facts of the law vocabulary: one value per category, the roles as a set."""
    facts: dict[str, object] = {}
    for category, values in labels.items():
        if category == SET_CATEGORY:
            facts[category] = values
        elif len(values) == 1:
            facts[category] = next(iter(values))
        else:
            message = text("input.label-not-single", name=category, values=", ".join(sorted(values)))
            raise InputError(message, fact=category, value=sorted(values))
    return facts


def evaluate_labels(
    space: Program, given: Labels, system: tuple[Program, Reading] | None, ids: Sequence[str]
) -> tuple[dict[str, Verdict], Session, Labels]:
    """Label mode: each requirement's verdict under its published profile (``space``, see
    :func:`label_program`) for the labels given and those ``system`` (the law's program and its
    reading of the system) determines; the session judged in; and the labels used."""
    labels = dict(given)
    if system is not None:
        for category, values in project_labels(*system).items():
            if labels.setdefault(category, values) != values:
                shown = ", ".join(sorted(labels[category]))
                message = text("input.label-conflict", name=category, label=shown, value=", ".join(sorted(values)))
                raise InputError(message, fact=category, value=shown)
    known: dict[str, object] = {c: next(iter(v)) for c, v in labels.items() if c != SET_CATEGORY and len(v) == 1}
    if SET_CATEGORY in labels:
        known[SET_CATEGORY] = labels[SET_CATEGORY]
    session = Session(space, Reader(space).read(known))
    for category, values in labels.items():
        if category != SET_CATEGORY and len(values) > 1:
            fact = space.facts[category]
            node = session.scratch.literal(fact.first_var, [fact.values.index(v) for v in values])
            session.assume(node, [(category, "{" + ", ".join(sorted(values)) + "}")])
    if SET_CATEGORY not in labels:
        session.assume(space.definition_bool(ROLES_GIVEN), [(SET_CATEGORY, "{}")])
    verdicts = {
        rid: VERDICT_OF[session.truth(space.requirements[rid].applies)]
        if rid in space.requirements
        else Verdict.APPLIES  # no published profile: the filter lets it through
        for rid in ids
    }
    return verdicts, session, labels


def project_labels(program: Program, reading: Reading) -> Labels:
    """The label categories a system's facts determine (open where they do not)."""
    session = Session(program, reading)
    found: Labels = {}
    for category, values in CATEGORIES.items():
        symbol = program.model.symbols.get(category)
        if symbol is None:
            continue
        if not symbol.derived:
            value = reading.given.get(category)
            if isinstance(value, frozenset):
                found[category] = value & frozenset(values)
            elif value in values:
                found[category] = frozenset({value})  # type: ignore[arg-type]
            continue
        options = session.possible(_mdd.TRUE, program.definition(category).values)
        if len(options) == 1 and options[0] in values:
            found[category] = frozenset({str(options[0])})
    return found
