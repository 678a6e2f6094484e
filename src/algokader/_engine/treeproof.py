"""A symbolic proof that a decision tree is exact, over all of its paths at once.

Each answer is read from what it tells (``Answer.facts``) and what its question asks
(``TreeQuestion.asks``), as ``algokader check`` reads the merged description of a path: a fact
the answer tells takes the value told; of a set fact it tells, the members listed are present
and the other members asked absent; a fact the question asks only on another answer's way (a
folded follow-up) is left free. That reading is the answer's *cube*. The systems an answer
stands for widen it where the answer names a group of members the rules treat alike by its
first member ("Een of meer van: …"): there it reads "some member of the group", the group found
as the builder finds it (:meth:`~.tree._Builder.groups`) on the state the fact is asked in.

For every node the proof builds the diagram ``R(node)`` of all complete systems that reach it:
the root is reached by every system, a child by the "or" over its incoming answers of
``R(parent)`` and what the answer stands for. Diagrams are canonical, so a node reached by
hundreds of thousands of paths costs one diagram. With the very diagrams the builder settles
(:class:`~.tree._Builder`'s parts) it proves:

1. at every question: no two answers' cubes share a system of ``R(node)`` (no two answers
   tell the same), the answers together cover ``R(node)``, every answer is possible, and every
   answer into a node leaves the same open parts (a shared node is one state);
2. at every leaf: every part (a requirement applies, it applies with this outcome value, a fact
   to settle has this value) is constant on ``R(leaf)``, and the leaf's result is what those
   constants give (:meth:`~.tree._Builder.result`); so every system following any answer
   consistent with it, any member of a group included, ends in its own exact result;
3. every node is reached by some system, and the leaves together by every system;

and anchors the diagrams to :meth:`RuleSet.evaluate`: one system of each ``R(leaf)`` gets the
leaf's result from ``evaluate()``. The grouping is not trusted: a group read wrongly would
leave a part open at some leaf. What stays assumed: the compiled diagrams are the rules' meaning
(the anchor samples that, once per leaf), and the texts say what the facts tell.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._language import ast as a
from . import mdd as _mdd
from .compiler import FactVars, Program
from .evaluate import Verdict
from .labels import CATEGORIES
from .mdd import Manager, Node, Var
from .tree import MAX_NODES, Answer, DecisionTree, TreeQuestion, TreeResult, _Builder, _date_in
from .values import plain

if TYPE_CHECKING:
    from .ruleset import RuleSet


def _cube(program: Program, question: TreeQuestion, answer: Answer) -> tuple[list[tuple[Var, int]], list[str]]:
    """The variable values an answer tells, and what in it cannot be read."""
    found: list[tuple[Var, int]] = []
    problems: list[str] = []
    where = f"{question.id} → {answer.next} ({answer.text!r})"
    for name in answer.facts:
        if name not in question.asks:
            problems.append(f"{where}: tells {name}, which the question does not ask")
    for name, members in question.asks.items():
        fact = program.facts.get(name)
        if fact is None:
            problems.append(f"{where}: asks {name}, which is no fact")
            continue
        if name not in answer.facts:  # asked on another answer's way (a folded follow-up)
            continue
        told = answer.facts[name]
        if fact.kind is a.TypeKind.SET:  # the members asked and not listed are absent
            if not isinstance(told, list) or not set(told) <= set(members):
                problems.append(f"{where}: {name} = {told!r} is not a list of the members asked {members}")
                continue
            found.extend((fact.element(fact.values.index(m)), 1 if m in told else 0) for m in members)
            continue
        value = _value_of(fact, told)
        if value is None:
            problems.append(f"{where}: {name} = {told!r} is no value of the fact")
        else:
            found.append((fact.first_var, value))
    return found, problems


def _value_of(fact: FactVars, told: Any) -> int | None:
    if fact.kind is a.TypeKind.BOOL:
        return int(told) if isinstance(told, bool) else None
    if fact.kind is a.TypeKind.ENUM:
        return fact.values.index(told) if told in fact.values else None
    try:
        return fact.date_class(datetime.date.fromisoformat(told))
    except (TypeError, ValueError):
        return None


def _conjunction(s: Manager, cube: Sequence[tuple[Var, int]]) -> Node:
    return s.and_all(s.literal(var, (value,)) for var, value in cube)


def _order(tree: DecisionTree) -> tuple[list[str], list[str]]:
    """The nodes reachable from the root, parents before children, and the problems of the graph."""
    problems: list[str] = []
    indegree: dict[str, int] = {}
    stack = [tree.root]
    seen = {tree.root}
    while stack:
        node_id = stack.pop()
        indegree.setdefault(node_id, 0)
        question = tree.questions.get(node_id)
        if question is None:
            if node_id not in tree.leaves:
                problems.append(f"{node_id}: no such node")
            continue
        for answer in question.answers:
            indegree[answer.next] = indegree.get(answer.next, 0) + 1
            if answer.next not in seen:
                seen.add(answer.next)
                stack.append(answer.next)
    for node_id in [*tree.questions, *tree.leaves]:
        if node_id not in seen:
            problems.append(f"{node_id}: not reachable from the root")
    order: list[str] = []
    ready = [tree.root]
    while ready:
        node_id = ready.pop()
        order.append(node_id)
        question = tree.questions.get(node_id)
        for answer in question.answers if question is not None else ():
            indegree[answer.next] -= 1
            if indegree[answer.next] == 0:
                ready.append(answer.next)
    if len(order) < len(seen):
        problems.append("the tree has a cycle")
    return order, problems


def prove(rs: RuleSet, tree: DecisionTree) -> list[str]:
    """The problems found proving ``tree`` exact over all of its paths (see the module); empty when proven."""
    problems, reach, s = _symbolic(rs, tree)
    return problems or _anchor(rs, s, tree, reach)


def _symbolic(rs: RuleSet, tree: DecisionTree) -> tuple[list[str], dict[str, Node], Manager]:
    """Points 1-3 of the module: the problems, ``R(node)`` of every node, and the manager they live in."""
    program: Program = rs._program  # the diagrams the tree was built from
    builder = _Builder(rs, program, tree.only, tree.settle, tree.lang, MAX_NODES)
    order, problems = _order(tree)
    reach: dict[str, Node] = {tree.root: _mdd.TRUE}
    if problems:
        return problems, reach, builder.s
    states: dict[str, tuple[Node, ...]] = {tree.root: builder.start}
    for node_id in order:
        here = reach.get(node_id, _mdd.FALSE)
        if here == _mdd.FALSE:
            problems.append(f"{node_id}: no system reaches it")
            continue
        question = tree.questions.get(node_id)
        if question is None:
            problems.extend(_leaf(builder, tree.leaves[node_id], here))
            continue
        problems.extend(_question(program, builder, question, here, reach, states))
    # implied by the cover at every question, checked once more as a whole: every system ends in a leaf
    if builder.s.or_all([reach.get(leaf, _mdd.FALSE) for leaf in tree.leaves]) != _mdd.TRUE:
        problems.append("the leaves are not reached by every system")
    return problems, reach, builder.s


def _question(
    program: Program,
    builder: _Builder,
    question: TreeQuestion,
    here: Node,
    reach: dict[str, Node],
    states: dict[str, tuple[Node, ...]],
) -> list[str]:
    s = builder.s
    problems: list[str] = []
    described: list[Node] = []
    meant: list[Node] = []
    state = states[question.id]
    for answer in question.answers:
        cube, wrong = _cube(program, question, answer)
        problems.extend(wrong)
        described.append(s.and_(here, _conjunction(s, cube)))
        closure, wrong = _closure(program, builder, state, question, answer, cube)
        problems.extend(wrong)
        node = s.and_(here, closure)
        if node == _mdd.FALSE:
            problems.append(
                f"{question.id} → {answer.next} ({answer.text!r}): no system reaching the question gives it"
            )
        meant.append(node)
        reach[answer.next] = s.or_(reach.get(answer.next, _mdd.FALSE), node)
        after = tuple(builder.fix(part, tuple(cube)) for part in state)
        if states.setdefault(answer.next, after) != after:
            problems.append(f"{answer.next}: the answers into it leave different open parts (no shared subtree)")
    told = _mdd.FALSE  # the systems the answers so far describe: an overlap is looked up only when there is one
    for j, node in enumerate(described):
        if s.and_(told, node) != _mdd.FALSE:
            i = next(i for i in range(j) if s.and_(described[i], node) != _mdd.FALSE)
            texts = question.answers[i].text, question.answers[j].text
            problems.append(f"{question.id}: answers {texts[0]!r} and {texts[1]!r} describe the same systems")
        told = s.or_(told, node)
    missed = s.and_(here, s.not_(s.or_all(meant)))
    if missed != _mdd.FALSE:
        shown = program.describe_cube(s.witness(missed)).render("en")
        problems.append(f"{question.id}: no answer fits the systems where {shown}")
    return problems


def _closure(
    program: Program,
    builder: _Builder,
    state: tuple[Node, ...],
    question: TreeQuestion,
    answer: Answer,
    cube: Sequence[tuple[Var, int]],
) -> tuple[Node, list[str]]:
    """The systems an answer stands for: its cube, with a member of a set fact that stands for a
    group of members the rules treat alike read as "some member of the group", the group found
    as the builder finds it (:meth:`~.tree._Builder.groups`) on the state the fact is asked in."""
    s = builder.s
    problems: list[str] = []
    told = dict(cube)
    parts: list[Node] = []
    stage = state
    for name in answer.facts:  # in the order asked: the facts folded in come after
        fact = program.facts.get(name)
        if fact is None or name not in question.asks:
            continue
        own = [var for var in fact.variables if var in told]
        if fact.kind is not a.TypeKind.SET:
            parts.extend(s.literal(var, (told[var],)) for var in own)
        else:
            open_parts = [p for p in stage if p > _mdd.TRUE]
            relevant = 0
            for part in open_parts:
                relevant |= builder.mask(part)
            variables = [var for var in fact.variables if relevant >> var & 1]
            for group in builder.groups(open_parts, variables):
                if not any(var in told for var in group):
                    continue
                if not all(var in told for var in group):
                    problems.append(f"{question.id} → {answer.next}: {name} asks part of a group of members")
                if any(told[var] for var in group):
                    parts.append(s.or_all(s.literal(var, (1,)) for var in group))
                else:
                    parts.extend(s.literal(var, (0,)) for var in group)
        stage = tuple(builder.fix(p, tuple((var, told[var]) for var in own)) for p in stage)
    return s.and_all(parts), problems


def _leaf(builder: _Builder, leaf: TreeResult, here: Node) -> list[str]:
    s = builder.s
    state: list[Node] = []
    problems: list[str] = []
    for i, part in enumerate(builder.start):
        if s.and_(here, s.not_(part)) == _mdd.FALSE:
            state.append(_mdd.TRUE)
        elif s.and_(here, part) == _mdd.FALSE:
            state.append(_mdd.FALSE)
        else:
            state.append(part)
            problems.append(f"{leaf.id}: part {i} is not settled by the answers on the way there")
    if problems:
        return problems
    settled = builder.result(leaf.id, tuple(state))
    if settled != leaf:
        problems.append(f"{leaf.id}: claims {_claims(leaf)}, the answers settle {_claims(settled)}")
    return problems


def _claims(leaf: TreeResult) -> tuple[Any, ...]:
    return tuple((r.id, r.verdict.value, dict(r.outcomes)) for r in leaf.requirements), dict(leaf.labels)


def _system(program: Program, values: Mapping[Var, int]) -> dict[str, Any]:
    """A complete system with these variable values (the others their first value)."""
    system: dict[str, Any] = {}
    for name, fact in program.facts.items():
        if fact.kind is a.TypeKind.SET:
            system[name] = [m for i, m in enumerate(fact.values) if values.get(fact.element(i), 0)]
            continue
        value = values.get(fact.first_var, 0)
        if fact.kind is a.TypeKind.BOOL:
            system[name] = bool(value)
        elif fact.kind is a.TypeKind.ENUM:
            system[name] = fact.values[value]
        else:
            system[name] = _date_in(fact, value)
    return system


def _anchor(rs: RuleSet, s: Manager, tree: DecisionTree, reach: Mapping[str, Node]) -> list[str]:
    """One system of each leaf's ``R(leaf)`` gets the leaf's result from ``evaluate()``."""
    program: Program = rs._program
    problems: list[str] = []
    wanted = sorted({*tree.only, *(name.split(".")[0] for name in tree.settle if "." in name)})
    defined = [name for name in tree.settle if name not in program.facts and "." not in name]
    for leaf in tree.leaves.values():
        system = _system(program, s.witness(reach[leaf.id]))
        report = rs.evaluate(system, only=wanted) if wanted else None
        labels_facts = rs.evaluate(system, mode="labels").facts if defined else {}
        got: list[tuple[str, str, dict[str, Any]]] = []
        for rid in tree.only:
            assert report is not None
            result = report[rid]
            applies = result.verdict is Verdict.APPLIES
            got.append(
                (rid, result.verdict.value, {k: plain(v) for k, v in result.outcomes.items()} if applies else {})
            )
        labels: dict[str, Any] = {}
        claimed = dict(leaf.labels)
        for name in tree.settle:
            if "." in name:
                assert report is not None
                rid, outcome = name.split(".", 1)
                result = report[rid]
                labels[name] = plain(result.outcomes[outcome]) if result.verdict is Verdict.APPLIES else None
            elif name in program.facts:
                kept = CATEGORIES.get(name, program.facts[name].values)
                told = system[name]
                labels[name] = [m for m in told if m in kept] if isinstance(told, list) else plain(told)
            else:  # a definition: label mode knows only the values it has labels for
                found = labels_facts.get(name)
                values = sorted(found) if isinstance(found, frozenset) else [] if found is None else [str(found)]
                labels[name] = values[0] if len(values) == 1 else None
                if claimed.get(name) not in CATEGORIES.get(name, ()):
                    claimed[name] = None
        want = [(r.id, r.verdict.value, dict(r.outcomes)) for r in leaf.requirements]
        if (got, labels) != (want, claimed):
            problems.append(
                f"{leaf.id}: evaluate() gives {(got, labels)} for {system}, the leaf claims {(want, claimed)}"
            )
    return problems


__all__: Sequence[str] = ("prove",)
