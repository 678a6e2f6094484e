"""The interview unrolled: a decision tree of questions, answers and settled results.

A node is a question, an edge an answer, a leaf the settled result. The state of a node is the
vector of its *parts*, each a diagram restricted by the answers on the way there: per
requirement in scope "it applies" and, per outcome value, "it applies with this value"; per
derived fact to settle (``settle=``), "it has this value". A node is a leaf exactly when every
part is constant, so its result is what ``evaluate()`` gives for any system consistent with the
answers. Diagrams are canonical, so two states with the same parts have the same subtree: the
tree is built as a DAG keyed on that vector.

The question at a node is chosen on the node's own state, as the interview's look-ahead does
(:class:`~.interview.Strategy`): among the questions that can still change a part, the one after
whose answer the fewest questions are expected to remain (each answer equally likely).

Answers are single choice, at most :data:`MAX_ANSWERS`. A set fact is asked in one of two forms,
whichever the look-ahead prefers:

- a *group* of members the rules treat alike (any one present gives the same result, whichever
  and however many): one question listing them, plus "none of these";
- up to :data:`_COMBINED` members that matter each on their own: one question whose answers are
  every combination of them (one member: a yes/no question).

The questions planned so, one answer at a time, are then *folded*: the questions below a node
become part of its answers ("Nee, daarna: ja") across as many levels as fit in
:data:`MAX_ANSWERS` answers, the folds chosen (:meth:`_Builder.folds`, exact dynamic programming
over the plan) for the fewest questions summed over the paths, each path counting equally as in
:class:`TreeCounts`. The questions on a path are the nodes on it, so two yes/no questions can
become one question of four answers.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._base.errors import AlgokaderError, InputError
from .._base.messages import check_language, text
from .._base.resources import package_files
from .._language import ast as a
from . import mdd as _mdd
from .compiler import FactVars, Program, Value
from .evaluate import Verdict
from .interview import option_text, question_texts
from .labels import CATEGORIES
from .mdd import Node, Var
from .values import LegalSource, plain

if TYPE_CHECKING:
    from .ruleset import FactInfo, RuleSet

FORMAT = "algokader-decision-tree/1"
"""The ``format`` of :meth:`DecisionTree.as_dict`."""

MAX_ANSWERS = 10
"""The most answers one question offers (the decision aid's format allows no more)."""

MAX_NODES = 20_000
"""The default limit on the nodes of a tree (questions and results) before :class:`TreeTooLarge`."""

DECISION_AID_SETTLE = (
    "soort-toepassing",
    "rol-ai-act",
    "risicogroep",
    "transparantieverplichting",
    "systeemrisico",
    "open-source",
)
"""The decision aid's six label categories, as facts to settle."""

DECISION_AID_ONLY = ("aia-14",)
"""The requirement whose outcomes (route, beoordelaar) model the conformity-assessment body (Art. 43)."""

_COMBINED = 3  # members of a set fact asked in one question: 2**3 = 8 answers
_ROLLOUT = 2  # questions compared by the subtree they lead to
_WIDE, _WIDE_DEPTH = 8, 3  # near the root: more of them
_FOLD = True  # fold the questions below into the answers while they fit in MAX_ANSWERS together
_NEVER = 1 << 62  # no fold with this many answers
_ESTIMATES = 400_000  # states looked at for those comparisons, at most


class TreeTooLarge(AlgokaderError):
    """The decision tree for the scope asked would pass the node limit."""

    def __init__(self, reached: int, limit: int) -> None:
        super().__init__(text("tree.too-large", reached=reached, limit=limit), hint=text("hint.tree-too-large"))
        self.reached = reached
        self.limit = limit


@attrs.frozen
class Answer:
    """One answer to a question: its text, what it tells (in the form ``check`` reads) and the next node."""

    text: str
    facts: Mapping[str, Any]
    next: str


@attrs.frozen
class TreeQuestion:
    """A question node: the fact asked (for a set fact possibly only some members) and its answers."""

    id: str
    fact: str
    member: str | None
    """For a yes/no question about one member of a set fact: that member; else None."""
    members: tuple[str, ...]
    """For a set fact: the members the question is about; else empty."""
    text: str
    explanation: str
    sources: tuple[LegalSource, ...]
    answers: tuple[Answer, ...]
    topic: str
    """The first requirement or fact to settle, in the order of the scope, that depends on the fact."""
    asks: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    """Every fact the question asks about, with the members asked (empty for a fact that is not a
    set): more than ``fact`` when a follow-up question is folded into the answers."""


@attrs.frozen
class Settled:
    """One requirement's settled result at a leaf."""

    id: str
    title: str
    verdict: Verdict
    url: str | None
    outcomes: Mapping[str, Any]
    """Each outcome's value where the requirement applies (empty where it does not)."""


@attrs.frozen
class TreeResult:
    """A leaf: the settled requirements and the settled facts (``settle=``), by name."""

    id: str
    requirements: tuple[Settled, ...]
    labels: Mapping[str, Any]


@attrs.frozen
class TreeCounts:
    """The size of a tree: distinct facts asked, nodes (questions and results), root-to-leaf paths
    (answers of one question that lead to the same node count once) and questions per path."""

    questions: int
    nodes: int
    paths: int
    mean_depth: float
    max_depth: int
    answer_paths: int = 0
    """Paths counting every answer, also answers that lead to the same node (``paths`` counts those once)."""


@attrs.frozen
class DecisionTree:
    """A generated decision tree (a DAG: identical subtrees are one node); see :meth:`RuleSet.decision_tree`."""

    root: str
    questions: Mapping[str, TreeQuestion]
    leaves: Mapping[str, TreeResult]
    counts: TreeCounts
    lang: str
    only: tuple[str, ...]
    settle: tuple[str, ...]

    def node(self, node_id: str) -> TreeQuestion | TreeResult:
        """The question or leaf with this id."""
        return self.questions.get(node_id) or self.leaves[node_id]

    def paths(self) -> Iterator[tuple[tuple[tuple[TreeQuestion, Answer], ...], TreeResult]]:
        """Every root-to-leaf path: the (question, answer) pairs on it, and its leaf."""
        stack: list[tuple[str, tuple[tuple[TreeQuestion, Answer], ...]]] = [(self.root, ())]
        while stack:
            node_id, way = stack.pop()
            leaf = self.leaves.get(node_id)
            if leaf is not None:
                yield way, leaf
                continue
            question = self.questions[node_id]
            stack.extend((answer.next, (*way, (question, answer))) for answer in reversed(question.answers))

    def as_dict(self) -> dict[str, Any]:
        """The tree as JSON-ready data (format ``algokader-decision-tree/1``).

        Each answer's ``facts`` is what the answer tells, in the form ``algokader check`` reads.
        The description of a path is the merge of the ``facts`` of its answers, in order: a set
        fact's lists are unioned (a question about some members of a set fact lists those present,
        the empty list when none is; members no answer lists are absent), any other fact takes
        the answer's value. That description, given to ``check`` (or ``evaluate(only=…)``), gives
        exactly the result of the path's leaf: every fact the leaf does not depend on may be
        anything, the members of a set no question asked about included. An answer that stands
        for a group of members the rules treat alike ("Een of meer van: …") lists the group's
        first member: any nonempty choice from the group gives the same result.

        Question nodes also carry ``members`` (for a set fact: the members asked about) and
        ``topic`` (the first requirement or fact to settle that depends on the fact); ``stats``
        also ``answer_paths`` (paths counting every answer; ``paths`` counts answers to the same
        node once, and ``mean_depth``/``max_depth`` are over those).
        """
        nodes: dict[str, Any] = {}
        for q in self.questions.values():
            nodes[q.id] = {
                "kind": "question",
                "fact": q.fact,
                "member": q.member,
                "members": list(q.members),
                "text": q.text,
                "explanation": q.explanation,
                "sources": [{"source": s.reference, "url": s.url} for s in q.sources],
                "answers": [{"text": x.text, "facts": dict(x.facts), "next": x.next} for x in q.answers],
                "topic": q.topic,
                "asks": {name: list(members) for name, members in q.asks.items()},
            }
        for leaf in self.leaves.values():
            nodes[leaf.id] = {
                "kind": "result",
                "requirements": [
                    {
                        "id": r.id,
                        "title": r.title,
                        "verdict": r.verdict.value,
                        "url": r.url,
                        "outcomes": dict(r.outcomes),
                    }
                    for r in leaf.requirements
                ],
                "labels": dict(leaf.labels),
            }
        ordered = dict(sorted(nodes.items(), key=lambda item: int(item[0][1:])))
        c = self.counts
        return {
            "format": FORMAT,
            "lang": self.lang,
            "scope": {"only": list(self.only), "settle": list(self.settle)},
            "root": self.root,
            "nodes": ordered,
            "stats": {
                "questions": c.questions,
                "nodes": c.nodes,
                "paths": c.paths,
                "mean_depth": round(c.mean_depth, 2),
                "max_depth": c.max_depth,
                "answer_paths": c.answer_paths,
            },
        }


@functools.cache
def page_urls() -> dict[str, str]:
    """The Algoritmekader page of each published vereiste, by id."""
    data = json.loads((package_files() / "data" / "algoritmekader-vereisten.json").read_text("utf-8"))
    return {entry["id"]: entry["url"] for entry in data["vereisten"]}


# --- the parts a state is made of


@attrs.frozen
class _Target:
    """Where a requirement's or settled fact's parts sit in the state vector."""

    name: str
    requirement: bool
    applies: int  # index of "it applies" (requirements), -1 for facts to settle
    values: tuple[tuple[str, tuple[tuple[Value, int], ...]], ...]  # per outcome (or the fact): (value, index)
    members: bool = False  # a set fact to settle: each value is a member, present or not


@attrs.frozen
class _Ask:
    """A question the builder can ask: which variables it fixes, and how, per answer."""

    fact: FactVars
    kind: str  # "value", "group" or "combined"
    variables: tuple[Var, ...]
    answers: tuple[tuple[tuple[tuple[Var, int], ...], Any], ...]  # (assignment, what the answer means)


class _Builder:
    def __init__(
        self, ruleset: RuleSet, program: Program, ids: Sequence[str], settle: Sequence[str], lang: str, limit: int
    ) -> None:
        self.ruleset, self.program, self.lang, self.limit = ruleset, program, lang, limit
        self.s = program.manager.scratch()
        parts: list[Node] = []
        self.targets: list[_Target] = []
        s = self.s
        for rid in ids:
            req = program.requirements[rid]
            applies = len(parts)
            parts.append(req.applies)
            outcomes = []
            for name, nodes in req.outcomes.items():
                found = []
                for value, node in nodes.values.items():
                    found.append((value, len(parts)))
                    parts.append(s.and_(req.applies, node))
                outcomes.append((name, tuple(found)))
            self.targets.append(_Target(rid, True, applies, tuple(outcomes)))
        for name in settle:
            if name in program.facts:
                fact = program.facts[name]
                kept = CATEGORIES.get(name, fact.values)
                found = []
                for i, value in enumerate(fact.values):
                    if fact.kind is a.TypeKind.SET:
                        if value in kept:
                            found.append((value, len(parts)))
                            parts.append(s.literal(fact.element(i), [1]))
                    else:
                        found.append((value, len(parts)))
                        parts.append(s.literal(fact.first_var, [i]))
                members = fact.kind is a.TypeKind.SET
                self.targets.append(_Target(name, False, -1, ((name, tuple(found)),), members))
            elif "." in name:  # a requirement's outcome: its value where the requirement applies
                rid, outcome = name.split(".", 1)
                req = program.requirements[rid]
                found = []
                for value, node in req.outcomes[outcome].values.items():
                    found.append((value, len(parts)))
                    parts.append(s.and_(req.applies, node))
                self.targets.append(_Target(name, False, -1, ((name, tuple(found)),)))
            else:
                found = []
                for value, node in program.definition(name).values.items():
                    found.append((value, len(parts)))
                    parts.append(node)
                self.targets.append(_Target(name, False, -1, ((name, tuple(found)),)))
        self.start = tuple(parts)
        self.ids: dict[tuple[Node, ...], str] = {}
        self.questions: dict[str, TreeQuestion] = {}
        self.leaves: dict[str, TreeResult] = {}
        self.asked: set[str] = set()
        self._cofactors: dict[tuple[int, int], dict[Node, Node]] = {}
        self._masks: dict[Node, int] = {}
        self._estimates: dict[tuple[Node, ...], tuple[int, int, int]] = {}
        self._bits: dict[tuple[tuple[Var, int], ...], int] = {}
        self._fixed: dict[tuple[Node, tuple[tuple[Var, int], ...]], Node] = {}
        self._ranked: dict[tuple[Node, ...], list[_Ask]] = {}
        self.plan: dict[tuple[Node, ...], tuple[_Ask, tuple[tuple[Node, ...], ...]] | None] = {}
        self._paths: dict[tuple[Node, ...], int] = {}
        self._sizes: dict[tuple[Node, ...], tuple[int, int, int]] = {}
        self._folds: dict[tuple[Node, ...], list[tuple[int, int, tuple[int, ...]]]] = {}

    # --- diagrams
    def fix(self, node: Node, assignment: tuple[tuple[Var, int], ...]) -> Node:
        if node <= _mdd.TRUE:
            return node
        bits = self._bits.get(assignment)
        if bits is None:
            bits = self._bits[assignment] = sum(1 << var for var, _ in assignment)
        if not self.mask(node) & bits:
            return node
        key = (node, assignment)
        done = self._fixed.get(key)
        if done is not None:
            return done
        start = node
        for var, value in assignment:
            memo = self._cofactors.get((var, value))
            if memo is None:
                memo = self._cofactors[(var, value)] = {}
            node = self.s.cofactor(node, var, value, memo)
        self._fixed[(start, assignment)] = node
        return node

    def mask(self, node: Node) -> int:
        """The variables ``node`` depends on, a bit per variable."""
        if node <= _mdd.TRUE:
            return 0
        found = self._masks.get(node)
        if found is None:
            s = self.s
            found = 1 << s.var[node]
            for kid in s.kids[node]:
                found |= self.mask(kid)
            self._masks[node] = found
        return found

    # --- building: plan the questions, fold them into answers, then write the nodes
    def build(self) -> str:
        self.plan_of(self.start, 0)
        return self.node(self.start)

    def plan_of(self, state: tuple[Node, ...], depth: int) -> None:
        """Choose the question of every state the unrolled interview reaches (answers one at a time)."""
        if state in self.plan:
            return
        open_parts = [p for p in state if p > _mdd.TRUE]
        if not open_parts:
            self.plan[state] = None
            self._sizes[state] = (1, 0, 0)
            return
        width = _WIDE if depth < _WIDE_DEPTH else _ROLLOUT
        ask = self.choose(state, open_parts, width)
        children = tuple(tuple(self.fix(p, assignment) for p in state) for assignment, _ in ask.answers)
        self.plan[state] = (ask, children)
        for child in children:
            self.plan_of(child, depth + 1)

    def paths(self, state: tuple[Node, ...]) -> int:
        """The root-to-leaf paths below a planned state (answers to the same state once): folding keeps them."""
        found = self._paths.get(state)
        if found is None:
            planned = self.plan[state]
            found = 1 if planned is None else sum(self.paths(c) for c in dict.fromkeys(planned[1]))
            self._paths[state] = found
        return found

    def size(self, state: tuple[Node, ...]) -> tuple[int, int, int]:
        """(paths, questions summed over them, the most on one) below a state written as a node."""
        found = self._sizes.get(state)
        if found is None:
            cost, deepest, _ = self.folds(state)[MAX_ANSWERS]
            paths = self.paths(state)
            found = self._sizes[state] = (paths, paths + cost, 1 + deepest)
        return found

    def folds(self, state: tuple[Node, ...]) -> list[tuple[int, int, tuple[int, ...]]]:
        """How to fold the planned questions below a state into the answers of one question, per
        number of answers allowed (index): the fewest questions summed over the paths below the
        answers, then the fewest on the longest, and per distinct next state 0 (an answer leads
        there) or the answers allowed to its own fold (its question is folded in).

        Each path counts equally, as in :class:`TreeCounts`, so the fold with the fewest questions
        summed over the paths is the one with the lowest mean (folding keeps the paths)."""
        found = self._folds.get(state)
        if found is not None:
            return found
        planned = self.plan[state]
        assert planned is not None
        ask, children = planned
        table: dict[int, tuple[int, int, tuple[int, ...]]] = {0: (0, 0, ())}
        for child, copies in Counter(children).items():
            _, below, deepest = self.size(child)
            options = [(copies, below, deepest, 0)]
            then = self.plan[child]
            if then is not None and self.foldable(ask, then[0]):
                for room, (cost, deep, _) in enumerate(self.folds(child)):
                    if room >= 2 and copies * room <= MAX_ANSWERS and cost < _NEVER:
                        options.append((copies * room, cost, deep, room))
            grown: dict[int, tuple[int, int, tuple[int, ...]]] = {}
            for used, (cost, deep, way) in table.items():
                for more, cost_more, deep_more, room in options:
                    if used + more <= MAX_ANSWERS:
                        value = (cost + cost_more, max(deep, deep_more), (*way, room))
                        if used + more not in grown or value[:2] < grown[used + more][:2]:
                            grown[used + more] = value
            table = grown
        best: tuple[int, int, tuple[int, ...]] = (_NEVER, 0, ())
        found = []
        for room in range(MAX_ANSWERS + 1):
            if room in table and table[room][:2] < best[:2]:
                best = table[room]
            found.append(best)
        self._folds[state] = found
        return found

    @staticmethod
    def foldable(ask: _Ask, then: _Ask) -> bool:
        """Whether ``then`` may be folded into the answers of ``ask``: not when both ask about the
        same fact (one answer would split that fact over two texts)."""
        return _FOLD and then.fact.name != ask.fact.name

    def unfold(
        self, state: tuple[Node, ...], way: tuple[int, ...]
    ) -> Iterator[tuple[tuple[tuple[_Ask, Any], ...], tuple[Node, ...]]]:
        """The answers of a folded question: per answer the (question, answer) pairs it stands for
        and the state it leads to."""
        planned = self.plan[state]
        assert planned is not None
        ask, children = planned
        rooms = dict(zip(Counter(children), way, strict=True))
        for (_, meaning), child in zip(ask.answers, children, strict=True):
            room = rooms[child]
            if room == 0:
                yield ((ask, meaning),), child
                continue
            for parts, after in self.unfold(child, self.folds(child)[room][2]):
                yield ((ask, meaning), *parts), after

    def node(self, state: tuple[Node, ...]) -> str:
        found = self.ids.get(state)
        if found is not None:
            return found
        node_id = f"n{len(self.ids)}"
        self.ids[state] = node_id
        if len(self.ids) > self.limit:
            raise TreeTooLarge(len(self.ids), self.limit)
        planned = self.plan[state]
        if planned is None:
            self.leaves[node_id] = self.result(node_id, state)
            return node_id
        ask = planned[0]
        folded = list(self.unfold(state, self.folds(state)[MAX_ANSWERS][2]))
        # the questions folded in, in the order their answers come: numbered when more than one
        then_texts = dict.fromkeys(self.wording(then)[0] for parts, _ in folded for then, _ in parts[1:])
        numbers = {wording: i for i, wording in enumerate(then_texts, 2)} if len(then_texts) > 1 else {}
        asks: dict[str, set[str]] = {}
        answers = []
        for parts, after in folded:
            facts: dict[str, Any] = {}
            shown = ""
            for then, meaning in parts:
                self.asked.add(then.fact.name)
                asks.setdefault(then.fact.name, set()).update(self.members_of(then))
                words, told = self.answer_text(then, meaning)
                facts = _merge(facts, told)
                if not shown:
                    shown = words
                    continue
                number = numbers.get(self.wording(then)[0])
                key, fields = ("tree.and-then", {}) if number is None else ("tree.and-then-at", {"number": number})
                shown = text(key, first=shown, then=_lower_first(words), **fields).render(self.lang)
            answers.append(Answer(shown, facts, self.node(after)))
        question = self.question(node_id, ask, tuple(answers))
        if then_texts:
            if numbers:
                listed = " ".join(
                    text("tree.numbered", number=n, question=t).render(self.lang) for t, n in numbers.items()
                )
            else:
                listed = next(iter(then_texts))
            wording = " ".join([question.text, text("tree.then", question=listed).render(self.lang)])
            question = attrs.evolve(question, text=wording)
        order = {name: self.program.facts[name].values for name in asks}
        kept = {name: tuple(v for v in order[name] if v in members) for name, members in asks.items()}
        self.questions[node_id] = attrs.evolve(question, asks=kept)
        return node_id

    def members_of(self, ask: _Ask) -> tuple[str, ...]:
        fact = ask.fact
        return tuple(fact.values[v - fact.first_var] for v in ask.variables) if fact.kind is a.TypeKind.SET else ()

    def choose(self, state: tuple[Node, ...], open_parts: list[Node], width: int) -> _Ask:
        """The question to ask: of the :data:`_ROLLOUT` best by :meth:`ranked`, the one whose
        subtree, built by asking each time the best by :meth:`ranked`, has the fewest questions
        per path on average (then the fewest on the longest path)."""
        ranked = self.ranked(open_parts)
        if len(ranked) == 1:
            return ranked[0]
        best: tuple[float, int, int] | None = None
        chosen = ranked[0]
        for rank, ask in enumerate(ranked[:width]):
            paths, total, deepest = self.below(state, ask)
            key = (round(total / paths, 9), deepest, rank)
            if best is None or key < best:
                best, chosen = key, ask
        return chosen

    def below(self, state: tuple[Node, ...], ask: _Ask) -> tuple[int, int, int]:
        """:meth:`estimate` of the subtree that asks ``ask`` at ``state``."""
        children = dict.fromkeys(tuple(self.fix(p, assignment) for p in state) for assignment, _ in ask.answers)
        paths = total = deepest = 0
        for child in children:
            below = self.estimate(child)
            paths += below[0]
            total += below[1] + below[0]
            deepest = max(deepest, below[2] + 1)
        return paths, total, deepest

    def estimate(self, state: tuple[Node, ...]) -> tuple[int, int, int]:
        """(paths, questions summed over them, the most on one) of the subtree asking each time the
        best question by :meth:`ranked` (distinct continuations only)."""
        found = self._estimates.get(state)
        if found is None:
            open_parts = [p for p in state if p > _mdd.TRUE]
            found = self.below(state, self.ranked(open_parts)[0]) if open_parts else (1, 0, 0)
            self._estimates[state] = found
            if len(self._estimates) > _ESTIMATES:  # the plan's states are among those estimated
                raise TreeTooLarge(len(self.plan), self.limit)
        return found

    def ranked(self, open_parts: list[Node]) -> list[_Ask]:
        """The questions that can change a part, best first: fewest questions expected to remain
        after the answer (:meth:`remaining`; each distinct continuation equally likely), then the
        fewest answers, then the fact's place in the vocabulary."""
        key = tuple(open_parts)
        found = self._ranked.get(key)
        if found is not None:
            return found
        relevant = 0
        for part in open_parts:
            relevant |= self.mask(part)
        scored: list[tuple[tuple[float, int, int, int], _Ask]] = []
        for ask in self.candidates(open_parts, relevant):
            # answers that lead to the same state (members of a group, values the rules treat
            # alike) are one branch of the tree
            children = {tuple(self.fix(part, assignment) for part in open_parts) for assignment, _ in ask.answers}
            cost = 0.0
            for child in children:
                after = 0
                for fixed in child:
                    if fixed > _mdd.TRUE:
                        after |= self.mask(fixed)
                cost += self.remaining(after)
            scored.append(((round(cost / len(children), 9), len(ask.answers), ask.fact.index, len(scored)), ask))
        found = self._ranked[key] = [ask for _, ask in sorted(scored, key=lambda item: item[0])]
        return found

    def remaining(self, variables: int) -> float:
        """An estimate of the questions still to ask about these variables: one per fact, a set
        fact one per :data:`_COMBINED` members."""
        count: dict[int, int] = {}
        var_fact = self.program.var_fact
        while variables:
            low = variables & -variables
            fact = var_fact[low.bit_length() - 1]
            count[fact.index] = count.get(fact.index, 0) + 1
            variables ^= low
        return float(sum(-(-n // _COMBINED) for n in count.values()))

    def candidates(self, open_parts: list[Node], relevant: int) -> list[_Ask]:
        found: list[_Ask] = []
        by_fact: dict[str, list[Var]] = {}
        var_fact = self.program.var_fact
        bits = relevant
        while bits:
            low = bits & -bits
            var = Var(low.bit_length() - 1)
            by_fact.setdefault(var_fact[var].name, []).append(var)
            bits ^= low
        for name, variables in by_fact.items():
            fact = self.program.facts[name]
            if fact.kind is not a.TypeKind.SET:
                var = fact.first_var
                found.append(_Ask(fact, "value", (var,), tuple((((var, v),), v) for v in range(fact.arity))))
                continue
            groups = self.groups(open_parts, variables)
            for group in groups:
                if len(group) == 1:
                    found.append(_Ask(fact, "combined", tuple(group), _combinations([group])))
                    continue
                options: list[tuple[tuple[tuple[Var, int], ...], Any]] = [
                    (((bucket[0], 1), *((w, 0) for w in group if w != bucket[0])), (tuple(bucket),))
                    for bucket in _buckets(fact, group)
                ]
                options.append((tuple((w, 0) for w in group), ()))
                found.append(_Ask(fact, "group", tuple(group), tuple(options)))
            alone = [group for group in groups if len(group) == 1]
            for chosen in (groups, alone):
                for start in range(0, len(chosen), _COMBINED):
                    chunk = chosen[start : start + _COMBINED]
                    if len(chunk) > 1:
                        flat = tuple(var for group in chunk for var in group)
                        found.append(_Ask(fact, "combined", flat, _combinations(chunk)))
        return found

    def groups(self, open_parts: list[Node], variables: list[Var]) -> list[list[Var]]:
        """The members (variables) of one set fact, grouped: in a group of more than one, every
        member present makes each part the same diagram, one that depends on no other member of
        the group, so any nonempty choice from the group gives the same result."""
        keyed: dict[tuple[Node, ...], list[Var]] = {}
        for var in variables:
            keyed.setdefault(tuple(self.fix(p, ((var, 1),)) for p in open_parts), []).append(var)
        found: list[list[Var]] = []
        for key, group in keyed.items():
            bits = 0
            for var in group:
                bits |= 1 << var
            if len(group) > 1 and any(self.mask(node) & bits for node in key):
                found.extend([var] for var in group)
            else:
                found.append(group)
        return sorted(found)

    # --- what is shown
    def question(self, node_id: str, ask: _Ask, answers: tuple[Answer, ...]) -> TreeQuestion:
        fact = ask.fact
        info = self.ruleset.facts[fact.name]
        wording, help_ = self.wording(ask)
        members = self.members_of(ask)
        member = members[0] if ask.kind == "combined" and len(members) == 1 else None
        topic = self.topic(fact)
        return TreeQuestion(node_id, fact.name, member, members, wording, help_ or "", info.sources, answers, topic)

    def wording(self, ask: _Ask) -> tuple[str, str | None]:
        """The text and help of a question (for a set fact: about the members it asks)."""
        fact, lang = ask.fact, self.lang
        info = self.ruleset.facts[fact.name]
        wording, help_ = question_texts(info, lang)
        members = self.members_of(ask)
        if ask.kind == "combined" and len(members) == 1:
            member = members[0]
            shown = option_text(info, member, lang)
            wording = text("tree.member-question", question=wording, member=shown).render(lang)
        elif ask.kind == "combined":
            # the members are in every answer's text: naming them in the question too made it a wall of text
            groups = [tuple(fact.values[v - fact.first_var] for v in group) for group in ask.answers[0][1]]
            wording = text("tree.members-question", question=wording).render(lang)
            if any(len(group) > 1 for group in groups):
                help_ = " ".join(x for x in (help_, text("tree.group-help").render(lang)) if x)
        elif ask.kind == "group":
            help_ = " ".join(x for x in (help_, text("tree.group-help").render(lang)) if x)
        return wording, help_

    def topic(self, fact: FactVars) -> str:
        bits = 0
        for var in fact.variables:
            bits |= 1 << var
        for target in self.targets:
            indices = [i for _, values in target.values for _, i in values]
            if target.requirement:
                indices.append(target.applies)
            if any(self.mask(self.start[i]) & bits for i in indices):
                return target.name
        return self.targets[0].name

    def answer_text(self, ask: _Ask, meaning: Any) -> tuple[str, dict[str, Any]]:
        fact, lang = ask.fact, self.lang
        info = self.ruleset.facts[fact.name]
        if ask.kind == "value":
            if fact.kind is a.TypeKind.BOOL:
                return text("word.yes" if meaning else "word.no").render(lang).capitalize(), {fact.name: bool(meaning)}
            if fact.kind is a.TypeKind.ENUM:
                value = fact.values[meaning]
                return option_text(info, value, lang), {fact.name: value}
            return fact.describe(fact.first_var, meaning).render(lang), {fact.name: _date_in(fact, meaning)}
        present: list[tuple[str, ...]] = [tuple(fact.values[v - fact.first_var] for v in group) for group in meaning]
        told = {fact.name: [group[0] for group in present]}  # a group by its first member: they act alike
        if ask.kind == "combined" and len(ask.variables) == 1:
            return text("word.yes" if present else "word.no").render(lang).capitalize(), told
        if not present:
            return text("tree.none-of-these").render(lang), told
        return "; ".join(self.group_text(info, group) for group in present), told

    def group_text(self, info: FactInfo, group: Sequence[str]) -> str:
        shown = "; ".join(option_text(info, m, self.lang) for m in group)
        return shown if len(group) == 1 else text("tree.any-of", members=shown).render(self.lang)

    def result(self, node_id: str, state: tuple[Node, ...]) -> TreeResult:
        urls = page_urls()
        requirements = []
        labels: dict[str, Any] = {}
        for target in self.targets:
            if target.requirement:
                applies = state[target.applies] == _mdd.TRUE
                outcomes: dict[str, Any] = {}
                if applies:
                    for name, values in target.values:
                        held = [value for value, i in values if state[i] == _mdd.TRUE]
                        outcomes[name] = plain(held[0]) if held else None
                info = self.ruleset.requirements[target.name]
                verdict = Verdict.APPLIES if applies else Verdict.DOES_NOT_APPLY
                requirements.append(Settled(target.name, info.title, verdict, urls.get(target.name), outcomes))
                continue
            _, values = target.values[0]
            held = [value for value, i in values if state[i] == _mdd.TRUE]
            if target.members:
                labels[target.name] = [str(v) for v in held]
            else:
                labels[target.name] = plain(held[0]) if held else None
        return TreeResult(node_id, tuple(requirements), labels)

    def counts(self, root: str) -> TreeCounts:
        # per node: (paths below it, questions summed over those paths, the most questions on one,
        # paths counting every answer); answers that lead to the same node are one path
        done: dict[str, tuple[int, int, int, int]] = {}

        def walk(node_id: str) -> tuple[int, int, int, int]:
            found = done.get(node_id)
            if found is None:
                question = self.questions.get(node_id)
                if question is None:
                    found = (1, 0, 0, 1)
                else:
                    kids = [walk(n) for n in dict.fromkeys(answer.next for answer in question.answers)]
                    paths = sum(k[0] for k in kids)
                    every = sum(walk(answer.next)[3] for answer in question.answers)
                    found = (paths, sum(k[1] + k[0] for k in kids), 1 + max(k[2] for k in kids), every)
                done[node_id] = found
            return found

        paths, total, deepest, every = walk(root)
        return TreeCounts(len(self.asked), len(self.ids), paths, total / paths, deepest, every)


def _merge(first: Mapping[str, Any], then: Mapping[str, Any]) -> dict[str, Any]:
    """What two answers tell together (set facts' lists unioned), as ``as_dict`` merges a path."""
    found = dict(first)
    for name, value in then.items():
        if isinstance(value, list) and isinstance(found.get(name), list):
            found[name] = sorted({*found[name], *value})
        else:
            found[name] = value
    return found


def _lower_first(words: str) -> str:
    """An answer's text continued in a sentence: its first letter small, unless its first word is
    an abbreviation (AI, EU)."""
    first = words.split(" ", 1)[0].split("-", 1)[0]
    if first[:1].isupper() and not any(c.isupper() for c in first[1:]):
        return words[0].lower() + words[1:]
    return words


def _buckets(fact: FactVars, group: list[Var]) -> list[list[Var]]:
    """The options of a question about a group of members: one member each when they fit
    (:data:`MAX_ANSWERS` with "none of these"), else members sharing a numbered prefix (Annex
    III's areas: 1a, 1b, 1c), else runs of members of about equal length."""
    room = MAX_ANSWERS - 1
    if len(group) <= room:
        return [[var] for var in group]
    keyed: dict[str, list[Var]] = {}
    for var in group:
        value = fact.values[var - fact.first_var]
        digits = len(value) - len(value.lstrip("0123456789"))
        keyed.setdefault(value[:digits] or value, []).append(var)
    if len(keyed) <= room:
        return list(keyed.values())
    size = -(-len(group) // room)
    return [group[i : i + size] for i in range(0, len(group), size)]


def _combinations(groups: Sequence[Sequence[Var]]) -> tuple[tuple[tuple[tuple[Var, int], ...], Any], ...]:
    """Every combination of ``groups`` (each a group of members that act alike) present or not,
    most present first and none last: per answer the assignment (a present group by its first
    member) and the groups present."""

    def order(bits: int) -> tuple[int, list[int]]:
        return -bits.bit_count(), [-(bits >> i & 1) for i in range(len(groups))]

    found = []
    for bits in sorted(range(1 << len(groups)), key=order):
        assignment = tuple(
            (var, 1 if bits >> i & 1 and j == 0 else 0) for i, group in enumerate(groups) for j, var in enumerate(group)
        )
        found.append((assignment, tuple(tuple(group) for i, group in enumerate(groups) if bits >> i & 1)))
    return tuple(found)


def _date_in(fact: FactVars, key: int) -> str:
    """A date of the interval ``key`` of a date fact (odd: the date itself; even: the days between two)."""
    dates = fact.dates
    if key % 2:
        return dates[key // 2].isoformat()
    i = key // 2
    day = dates[i] - datetime.timedelta(days=1) if i < len(dates) else dates[-1] + datetime.timedelta(days=1)
    return day.isoformat()


def build_tree(
    ruleset: RuleSet,
    program: Program,
    ids: Sequence[str],
    settle: Sequence[str],
    lang: str = "nl",
    max_nodes: int = MAX_NODES,
) -> DecisionTree:
    """The decision tree for the requirements ``ids`` and the facts ``settle``; see :meth:`RuleSet.decision_tree`."""
    lang = check_language(lang)
    for name in settle:
        rid, _, outcome = name.partition(".")
        if outcome and rid in ruleset.requirements and outcome in ruleset.requirements[rid].outcomes:
            continue
        if outcome or name not in ruleset.facts:
            raise InputError(text("tree.unknown-settle", name=name), fact=name, hint=text("hint.tree-settle"))
    builder = _Builder(ruleset, program, ids, settle, lang, max_nodes)
    root = builder.build()
    return DecisionTree(
        root,
        dict(sorted(builder.questions.items(), key=lambda item: int(item[0][1:]))),
        dict(sorted(builder.leaves.items(), key=lambda item: int(item[0][1:]))),
        builder.counts(root),
        lang,
        tuple(ids),
        tuple(settle),
    )


__all__: Sequence[str] = ("DecisionTree", "TreeTooLarge")
