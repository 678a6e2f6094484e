"""The symbolic proof of a decision tree (treeproof.prove): every path at once, not samples.

Specifications: the trees ``decision_tree`` builds (``--only aia-14`` and the decision aid's scope)
are proven exact over all of their paths; a tree corrupted in any of the ways that break exactness
(a leaf claiming another result, an answer dropped, two answers telling the same, an answer
leading to the wrong node) is not, and the proof names the node at fault.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from algokader import DecisionTree, Verdict
from algokader._engine.tree import TreeQuestion
from algokader._engine.treeproof import _anchor, _symbolic, prove

from .test_tree import aia14, decision_aid, rs


@pytest.mark.parametrize("tree", [aia14, decision_aid])
def test_the_built_trees_are_proven_exact_over_every_path(tree: Callable[[], DecisionTree]) -> None:
    assert prove(rs(), tree()) == []


def test_a_tree_settling_a_definition_and_an_outcome_is_proven_exact() -> None:
    assert prove(rs(), rs().decision_tree(settle=["risicogroep", "aia-14.beoordelaar"])) == []


def with_question(tree: DecisionTree, question: TreeQuestion) -> DecisionTree:
    return attrs.evolve(tree, questions={**tree.questions, question.id: question})


def test_a_leaf_claiming_another_verdict_is_found() -> None:
    tree = aia14()
    leaf = next(iter(tree.leaves.values()))
    settled = leaf.requirements[0]
    other = Verdict.DOES_NOT_APPLY if settled.verdict is Verdict.APPLIES else Verdict.APPLIES
    wrong = attrs.evolve(leaf, requirements=(attrs.evolve(settled, verdict=other, outcomes={}),))
    problems = prove(rs(), attrs.evolve(tree, leaves={**tree.leaves, leaf.id: wrong}))
    assert any(p.startswith(f"{leaf.id}: claims ") for p in problems), problems


def test_a_leaf_of_the_decision_aid_claiming_another_label_is_found() -> None:
    tree = decision_aid()
    leaf = next(leaf for leaf in tree.leaves.values() if leaf.labels["aia-14.beoordelaar"] is not None)
    wrong = attrs.evolve(leaf, labels={**leaf.labels, "aia-14.beoordelaar": None})
    problems = prove(rs(), attrs.evolve(tree, leaves={**tree.leaves, leaf.id: wrong}))
    assert any(p.startswith(f"{leaf.id}: claims ") for p in problems), problems


def test_a_dropped_answer_is_found() -> None:
    tree = aia14()
    question = tree.questions[tree.root]
    problems = prove(rs(), with_question(tree, attrs.evolve(question, answers=question.answers[1:])))
    assert f"{question.id}: no answer fits the systems where" in " ".join(problems), problems


def test_two_answers_telling_the_same_are_found() -> None:
    tree = aia14()
    question = next(q for q in tree.questions.values() if len({a.next for a in q.answers}) > 2)
    first, second, *rest = question.answers
    twin = attrs.evolve(second, facts=first.facts)
    problems = prove(rs(), with_question(tree, attrs.evolve(question, answers=(first, twin, *rest))))
    assert any(p.startswith(f"{question.id}: answers ") and "describe the same systems" in p for p in problems)
    assert any(p.startswith(f"{question.id}: no answer fits") for p in problems), problems


def test_an_answer_leading_to_the_wrong_node_is_found() -> None:
    tree = aia14()
    question, i, j = next(
        (q, i, j)
        for q in tree.questions.values()
        for i, x in enumerate(q.answers)
        for j, y in enumerate(q.answers)
        if x.next in tree.leaves and y.next in tree.leaves and tree.leaves[x.next] != tree.leaves[y.next]
    )
    answers = list(question.answers)
    answers[i] = attrs.evolve(answers[i], next=question.answers[j].next)
    problems = prove(rs(), with_question(tree, attrs.evolve(question, answers=tuple(answers))))
    target = question.answers[j].next
    assert any(p.startswith(f"{target}: part ") and "not settled" in p for p in problems), problems


def test_an_answer_telling_a_fact_its_question_does_not_ask_is_found() -> None:
    tree = aia14()
    question = tree.questions[tree.root]
    first, *rest = question.answers
    odd = attrs.evolve(first, facts={**first.facts, "nergens": True})
    problems = prove(rs(), with_question(tree, attrs.evolve(question, answers=(odd, *rest))))
    assert any("tells nergens" in p for p in problems), problems


@pytest.mark.parametrize("tree", [aia14, decision_aid])
def test_the_anchor_to_evaluate_finds_a_leaf_the_diagrams_would_not(tree: Callable[[], DecisionTree]) -> None:
    """The anchor checks the leaves with evaluate() alone: given the systems reaching each node,
    a leaf claiming another result is found even without the symbolic check of the leaves."""
    problems, reach, manager = _symbolic(rs(), tree())
    assert problems == []
    leaf = next(iter(tree().leaves.values()))
    if leaf.requirements:
        settled = leaf.requirements[0]
        other = Verdict.DOES_NOT_APPLY if settled.verdict is Verdict.APPLIES else Verdict.APPLIES
        wrong = attrs.evolve(leaf, requirements=(attrs.evolve(settled, verdict=other, outcomes={}),))
    else:
        wrong = attrs.evolve(leaf, labels={**leaf.labels, "risicogroep": "nergens"})
    corrupted = attrs.evolve(tree(), leaves={**tree().leaves, leaf.id: wrong})
    found = _anchor(rs(), manager, corrupted, reach)
    assert len(found) == 1 and found[0].startswith(f"{leaf.id}: evaluate() gives "), found
