"""``algokader export --format beslishulp``: the decision tree in the AI-Act decision aid's own format.

The decision aid (beslishulp) walks a ``decision-tree.yaml`` (questions with answers that lead to
the next question or to a conclusion, each answer possibly carrying labels) and groups its
questions with a ``categories.yaml`` (question id → category and subcategory). This module
writes both from :meth:`RuleSet.decision_tree`, valid against the decision aid's published schema
(``algokader/data/beslishulp-decision-tree.schema.json``):

- each question node becomes a question; its id is ``1.n`` when it serves the decision aid's
  first part (soort toepassing, verantwoordelijkheid) and ``2.n`` otherwise, the subcategory being
  that of the first fact to settle that depends on the asked fact;
- each result becomes a conclusion ``C<n>``: it names the settled labels, and as its obligation
  the vereisten whose published label profile those labels select (as the Algoritmekader filters)
  and the requirements in scope that apply with their outcomes;
- the answer that leads to a conclusion carries that conclusion's labels, in the decision aid's
  label strings (``algokader/data/beslishulp-labels.json``, the table that also reads them): the
  front end collects the labels of the answers given. A value the decision aid has no string for
  (such as ``niet-van-toepassing`` of a category it leaves open) carries none.

The conformity-assessment body is aia-14's outcome ``beoordelaar``: an external assessor
(aangemelde instantie, sectorale aangemelde instantie or markttoezichtautoriteit) is the label
"beoordeling door derde partij", the provider itself or no assessment "niet van toepassing".
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from .._base.errors import AlgokaderError
from .._base.messages import text
from .._engine.evaluate import Verdict
from .._engine.labels import CATEGORIES, SET_CATEGORY, decision_aid_strings
from .._engine.ruleset import RuleSet
from .._engine.tree import DECISION_AID_SETTLE, DecisionTree, TreeResult

BODY = "aia-14.beoordelaar"
"""The outcome that models the conformity-assessment body (Art. 43)."""

BODY_CATEGORY = "conformiteitsbeoordelingsinstantie"
THIRD_PARTY = frozenset({"aangemelde-instantie", "sectorale-aangemelde-instantie", "markttoezichtautoriteit"})

SCOPE = (*DECISION_AID_SETTLE, BODY)
"""The decision aid's scope: its six label categories and the conformity-assessment body."""

FIRST_PART = "Geldt de AI-verorderning voor mij?"  # the decision aid's own category titles, as it spells them
SECOND_PART = "In welke risicogroep valt de toepassing?"
_FIRST_SUBCATEGORIES = frozenset({"Soort toepassing", "Verantwoordelijkheid", "Operationeel"})


def label_values(labels: dict[str, Any]) -> dict[str, list[str]]:
    """A leaf's settled facts as Algoritmekader label values per category (the body mapped onto its category)."""
    found: dict[str, list[str]] = {}
    for name, value in labels.items():
        if name == BODY:
            found[BODY_CATEGORY] = ["beoordeling-door-derde-partij" if value in THIRD_PARTY else "niet-van-toepassing"]
        elif name in CATEGORIES:
            values = value if isinstance(value, list) else [value]
            found[name] = [v for v in values if v in CATEGORIES[name]]
    return found


def documents(rs: RuleSet, tree: DecisionTree) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """``decision-tree.yaml`` and ``categories.yaml`` as data."""
    strings = decision_aid_strings()
    subcategory_of = {category: sub for (category, _), (_, sub) in strings.items()}
    subcategory_of[BODY] = subcategory_of[BODY_CATEGORY]
    lang = tree.lang
    ids: dict[str, str] = {}
    categories: list[dict[str, str]] = []
    counters = {FIRST_PART: 0, SECOND_PART: 0}
    for q in tree.questions.values():
        sub = subcategory_of.get(q.topic, subcategory_of["risicogroep"])
        part = FIRST_PART if sub in _FIRST_SUBCATEGORIES else SECOND_PART
        counters[part] += 1
        ids[q.id] = f"{1 if part == FIRST_PART else 2}.{counters[part]}"
        categories.append({"questionId": ids[q.id], "category": part, "subcategory": sub})
    for number, leaf_id in enumerate(tree.leaves, 1):
        ids[leaf_id] = f"C{number}"
    conclusions = []
    selected: dict[tuple[tuple[str, tuple[str, ...]], ...], list[str]] = {}
    leaf_labels: dict[str, list[str]] = {}
    for leaf in tree.leaves.values():
        values = label_values(dict(leaf.labels))
        shown = [strings[(c, v)][0] for c, vs in values.items() for v in vs if (c, v) in strings]
        leaf_labels[leaf.id] = shown
        key = tuple(sorted((c, tuple(vs)) for c, vs in values.items()))
        if key not in selected:
            selected[key] = _selected(rs, values)
        conclusions.append(
            {
                "conclusionId": ids[leaf.id],
                "conclusion": _conclusion(leaf, shown, lang),
                "obligation": _obligation(leaf, selected[key], lang),
                "sources": [
                    {"source": s.reference, "url": s.url} for r in leaf.requirements for s in _sources(rs, r.id)
                ],
            }
        )
    questions = []
    for q in tree.questions.values():
        answers = []
        for answer in q.answers:
            entry: dict[str, Any] = {"answer": answer.text}
            if answer.next in tree.leaves:
                entry["nextConclusionId"] = ids[answer.next]
                if leaf_labels[answer.next]:
                    entry["labels"] = leaf_labels[answer.next]
            else:
                entry["nextQuestionId"] = ids[answer.next]
            answers.append(entry)
        question: dict[str, Any] = {
            "questionId": ids[q.id],
            "question": q.text,
            "explanation": q.explanation,
            "category": next(c["category"] for c in categories if c["questionId"] == ids[q.id]),
            "subcategory": next(c["subcategory"] for c in categories if c["questionId"] == ids[q.id]),
            "answers": answers,
        }
        if q.sources:
            question["sources"] = [{"source": s.reference, "url": s.url} for s in q.sources]
        questions.append(question)
    tree_doc = {
        "name": text("beslishulp.name").render(lang),
        "version": text(
            "beslishulp.version", only=", ".join(tree.only) or "-", settle=", ".join(tree.settle) or "-"
        ).render(lang),
        "questions": questions,
        "conclusions": conclusions,
    }
    return tree_doc, categories


def _sources(rs: RuleSet, rid: str) -> Sequence[Any]:
    return rs.requirements[rid].sources


def _selected(rs: RuleSet, values: dict[str, list[str]]) -> list[str]:
    """The vereisten whose published label profile these labels select."""
    given = {c: vs for c, vs in values.items() if vs and (c in CATEGORIES)}
    if not given:
        return []
    if SET_CATEGORY in given and not given[SET_CATEGORY]:
        del given[SET_CATEGORY]
    report = rs.evaluate(labels=given, mode="labels")
    return [rid for rid, verdict in report.verdicts.items() if verdict is Verdict.APPLIES]


def _conclusion(leaf: TreeResult, shown: list[str], lang: str) -> str:
    if shown:
        return text("beslishulp.conclusion", labels="; ".join(shown)).render(lang)
    return text("beslishulp.conclusion-none").render(lang)


def _obligation(leaf: TreeResult, selected: list[str], lang: str) -> str:
    parts = []
    for r in leaf.requirements:
        if r.verdict is Verdict.APPLIES:
            outcomes = "; ".join(f"{k}: {v}" for k, v in r.outcomes.items())
            parts.append(f"{r.id} ({outcomes})" if outcomes else r.id)
    applying = text("beslishulp.applies", ids=", ".join(parts)).render(lang) if parts else ""
    listed = (
        text("beslishulp.selected", ids=", ".join(selected)).render(lang)
        if selected
        else text("beslishulp.selected-none").render(lang)
    )
    return " ".join(x for x in (applying, listed) if x)


def beslishulp_command(
    rs: RuleSet, only: Sequence[str] | None, settle: Sequence[str] | None, output: str | None, lang: str
) -> int:
    """Write ``decision-tree.yaml`` and ``categories.yaml`` into the folder ``output``; the
    decision aid's scope (:data:`SCOPE`) unless ``only`` or ``settle`` narrow it."""
    if output is None:
        raise AlgokaderError(text("export.needs-output"), hint=text("hint.export-output"))
    tree = rs.decision_tree(only=only, settle=SCOPE if settle is None and only is None else settle, lang=lang)
    tree_doc, categories = documents(rs, tree)
    folder = Path(output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, document in (("decision-tree.yaml", tree_doc), ("categories.yaml", categories)):
            content = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
            (folder / name).write_text(content, "utf-8")
    except OSError as err:
        raise AlgokaderError(text("export.unwritable", reason=err.strerror or str(err)), path=str(folder)) from None
    return 0
