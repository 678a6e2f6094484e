"""``algokader export --format beslishulp``: the decision tree in the AI-Act decision aid's own format.

The decision aid (beslishulp) walks a ``decision-tree.yaml`` (questions with answers that lead to
the next question or to a conclusion, each answer possibly carrying labels) and groups its
questions with a ``categories.yaml`` (question id → category and subcategory). This module
writes both from :meth:`RuleSet.decision_tree`, valid against the decision aid's published schema
(``algokader/data/beslishulp-decision-tree.schema.json``):

- each question node becomes a question; the root is ``1.2``, where the front end starts, the others
  ``1.n`` when they serve the decision aid's first part (soort toepassing, verantwoordelijkheid)
  and ``2.n`` otherwise;
- each result becomes a conclusion ``10.n`` (category "Conclusie", found by the prefix): it names
  the settled labels, and as its obligation the vereisten whose published label profile those
  labels select (as the Algoritmekader filters) and the requirements in scope that apply with
  their outcomes;
- each label, in the decision aid's label strings (``algokader/data/beslishulp-labels.json``, the
  table that also reads them), is given once on every path, on the answer after which it is
  certain, since the front end collects the labels of the answers given. A value the decision aid
  has no string for carries none, and neither does "niet van toepassing", which the front end
  gives every subcategory still open at a conclusion.

The conformity-assessment body is aia-14's outcome ``beoordelaar``: an external assessor
(aangemelde instantie, sectorale aangemelde instantie or markttoezichtautoriteit) is the label
"beoordeling door derde partij", the provider itself or no assessment "niet van toepassing".
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import yaml

from .._base.errors import AlgokaderError
from .._base.messages import text
from .._engine.evaluate import Verdict
from .._engine.labels import CATEGORIES, NOT_ASKED, SET_CATEGORY, UNUSED_CATEGORIES, decision_aid_strings
from .._engine.ruleset import RuleSet
from .._engine.tree import DECISION_AID_SETTLE, Answer, DecisionTree, TreeResult
from .._engine.values import LegalSource

BODY = "aia-14.beoordelaar"
"""The outcome that models the conformity-assessment body (Art. 43)."""

BODY_CATEGORY = "conformiteitsbeoordelingsinstantie"
THIRD_PARTY = frozenset({"aangemelde-instantie", "sectorale-aangemelde-instantie", "markttoezichtautoriteit"})

Label = tuple[str, str]
"""A label as (category, value)."""

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


ROOT_ID = "1.2"
"""The question the decision aid's front end starts at (and shows no "Vorige vraag" button on)."""

CONCLUSION_PREFIX = "10"
"""Conclusions are numbered ``10.n``: the front end finds their category by that prefix."""

CONCLUSION_CATEGORY = {"questionId": CONCLUSION_PREFIX, "category": "Conclusie", "subcategory": "Conclusie"}


def _settled(tree: DecisionTree, leaf_labels: dict[str, list[Label]]) -> dict[str, frozenset[Label]]:
    """Per node, the labels every result below it has: what is certain once the node is reached.

    Every description reaching a node reaches one of the results below it, each exact for the
    descriptions that reach it; so a label they all have holds for every description at the node.
    """
    found: dict[str, frozenset[Label]] = {leaf: frozenset(labels) for leaf, labels in leaf_labels.items()}
    order: list[str] = []
    seen: set[str] = set()
    stack = [(tree.root, False)]
    while stack:  # post-order without recursion: a question after the nodes its answers lead to
        node, done = stack.pop()
        if done:
            order.append(node)
        elif node not in seen and node in tree.questions:
            seen.add(node)
            stack.append((node, True))
            stack.extend((a.next, False) for a in tree.questions[node].answers)
    for node in order:
        below = [found[a.next] for a in tree.questions[node].answers]
        found[node] = frozenset.intersection(*below)
    return found


def documents(rs: RuleSet, tree: DecisionTree) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """``decision-tree.yaml`` and ``categories.yaml`` as data.

    The front end files the labels of an answer under the subcategory of the question answered,
    and shows ``question``, ``explanation``, ``conclusion`` and ``obligation`` as HTML: each label
    is given on the answer after which it is certain, a question takes the subcategory of most of
    the labels its answers give, and those four texts are escaped.
    """
    strings = decision_aid_strings()
    subcategory_of = {category: sub for (category, _), (_, sub) in strings.items()}
    subcategory_of[BODY] = subcategory_of[BODY_CATEGORY]
    lang = tree.lang
    leaf_labels = {
        leaf.id: [(c, v) for c, vs in label_values(dict(leaf.labels)).items() for v in vs if (c, v) in strings]
        for leaf in tree.leaves.values()
    }
    # the front end gives "niet van toepassing" to every subcategory still open at a conclusion
    settled = _settled(
        tree,
        {leaf: [label for label in labels if strings[label][0] != NOT_ASKED] for leaf, labels in leaf_labels.items()},
    )

    def given(question: str, answer: Answer) -> list[Label]:
        before = settled[question] if question != tree.root else frozenset()
        return [label for label in _ordered(settled[answer.next]) if label not in before]

    ids: dict[str, str] = {tree.root: ROOT_ID}
    categories: list[dict[str, str]] = []
    counters = {FIRST_PART: 0, SECOND_PART: 0}
    for q in tree.questions.values():
        sub = _subcategory(
            [strings[label][1] for a in q.answers for label in given(q.id, a)],
            subcategory_of.get(q.topic, subcategory_of["risicogroep"]),
        )
        part = FIRST_PART if sub in _FIRST_SUBCATEGORIES else SECOND_PART
        while q.id not in ids:
            counters[part] += 1
            candidate = f"{1 if part == FIRST_PART else 2}.{counters[part]}"
            if candidate != ROOT_ID:
                ids[q.id] = candidate
        categories.append({"questionId": ids[q.id], "category": part, "subcategory": sub})
    for number, leaf_id in enumerate(tree.leaves, 1):
        ids[leaf_id] = f"{CONCLUSION_PREFIX}.{number}"
    conclusions = []
    selected: dict[tuple[tuple[str, tuple[str, ...]], ...], list[str]] = {}
    for leaf in tree.leaves.values():
        values = label_values(dict(leaf.labels))
        shown = [strings[label][0] for label in leaf_labels[leaf.id]]
        key = tuple(sorted((c, tuple(vs)) for c, vs in values.items()))
        if key not in selected:
            selected[key] = _selected(rs, values)
        conclusions.append(
            {
                "conclusionId": ids[leaf.id],
                "conclusion": _html(_conclusion(leaf, shown, lang)),
                "obligation": _html(_obligation(leaf, selected[key], lang)),
                "sources": [_source(s) for r in leaf.requirements for s in _sources(rs, r.id)],
            }
        )
    filed = {c["questionId"]: c for c in categories}
    questions = []
    for q in tree.questions.values():
        answers = []
        for answer in q.answers:
            entry: dict[str, Any] = {"answer": answer.text}
            labels = given(q.id, answer)
            if labels:
                entry["labels"] = [strings[label][0] for label in labels]
            if answer.next in tree.leaves:
                entry["nextConclusionId"] = ids[answer.next]
            else:
                entry["nextQuestionId"] = ids[answer.next]
            answers.append(entry)
        question: dict[str, Any] = {
            "questionId": ids[q.id],
            "question": _html(q.text),
            "explanation": _html(q.explanation),
            "category": filed[ids[q.id]]["category"],
            "subcategory": filed[ids[q.id]]["subcategory"],
            "answers": answers,
        }
        if q.sources:
            question["sources"] = [_source(s) for s in q.sources]
        questions.append(question)
    tree_doc = {
        "name": text("beslishulp.name").render(lang),
        "version": text(
            "beslishulp.version", only=", ".join(tree.only) or "-", settle=", ".join(tree.settle) or "-"
        ).render(lang),
        "questions": questions,
        "conclusions": conclusions,
    }
    return tree_doc, [*categories, CONCLUSION_CATEGORY]


_RANK: Final = {
    label: rank for rank, label in enumerate((c, v) for c, vs in (CATEGORIES | UNUSED_CATEGORIES).items() for v in vs)
}


def _ordered(labels: frozenset[Label]) -> list[Label]:
    """Labels in the order of the categories and their values."""
    return sorted(labels, key=_RANK.__getitem__)


def _subcategory(given: list[str], topic: str) -> str:
    """The subcategory most of a question's labels belong to (the topic's on a tie or with none)."""
    if not given:
        return topic
    counts = Counter(given)
    most = max(counts.values())
    return topic if counts.get(topic) == most else next(sub for sub in given if counts[sub] == most)


def _html(plain: str) -> str:
    """Text for a field the front end shows as HTML."""
    return html.escape(plain, quote=False)


def _source(source: LegalSource) -> dict[str, str]:
    """A source as the front end reads it: ``url`` a string or absent (never null)."""
    return {"source": source.reference} if source.url is None else {"source": source.reference, "url": source.url}


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
