"""Stage 5: exact verdicts under partial knowledge.

A *session* evaluates diagrams for one system. Known facts fix their variables; derived
facts the caller gives become constraints. A condition is TRUE when it holds in every
completion of the unknown facts that satisfies the constraints, FALSE when in none, and
UNKNOWN otherwise — exactly, because the diagrams are canonical. With no derived facts
given, a fully determined path is just a walk from the root, no diagram operations.
"""

from __future__ import annotations

import enum
import math
import threading
from collections.abc import Callable, Iterable, Sequence, Set
from itertools import repeat
from operator import itemgetter
from typing import Any

from .._base.errors import InconsistentInputError
from .._language.checker import Symbol
from . import mdd as _mdd
from .compiler import FactVars, Program, Value
from .mdd import Node, Var
from .reading import Reading


class Verdict(enum.Enum):
    """Whether a requirement applies to a system."""

    APPLIES = "applies"
    DOES_NOT_APPLY = "does-not-apply"
    UNKNOWN = "unknown"


class Truth(enum.Enum):
    """The exact truth of one condition for a system whose facts may be partly unknown."""

    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"


VERDICT_OF = {Truth.TRUE: Verdict.APPLIES, Truth.FALSE: Verdict.DOES_NOT_APPLY, Truth.UNKNOWN: Verdict.UNKNOWN}

_REACHED = (Truth.UNKNOWN, Truth.FALSE, Truth.TRUE, Truth.UNKNOWN)  # by Manager.reach's answer
_VERDICT_REACHED = tuple(VERDICT_OF[truth] for truth in _REACHED)
Pair = tuple[Node, Node]  # (where the answer is yes, where it is no), both within the constraints


class Session:
    """Exact evaluation of one system's facts against a compiled program."""

    def __init__(
        self, program: Program, reading: Reading, scratch: _mdd.Manager | None = None, *, shared: bool = False
    ) -> None:
        """``scratch``: an overlay of the program's diagram to work in, shared with later sessions
        (an interview's), instead of a new one; ``shared``: work in the program's shared overlay
        (:meth:`Manager.workspace`), where what was worked out for earlier systems is reused."""
        self.program = program
        self.manager = program.manager
        self.reading = reading
        self.values = reading.values
        if shared and scratch is None:
            scratch = self.manager.workspace()
        self._scratch: _mdd.Manager | None = scratch
        self._lock = scratch.lock if scratch is not None else threading.RLock()
        self._memo: dict[Node, Node] = {}
        self._reach: dict[Node, int] = {}
        if scratch is not None:
            with self._lock:
                self._memo, self._reach = _by_values(scratch, self.values)
        self._settled_by: dict[Node, tuple[str, ...]] = {}
        # what depends only on diagram nodes lives with the overlay, for every session in it
        self._dependencies: dict[tuple[Pair, ...], tuple[str, ...]] = (
            scratch.memo("dependencies") if scratch is not None else {}
        )
        self._value_masks: dict[int, int] = scratch.memo("open-values") if scratch is not None else {}
        self._projections: dict[Var, dict[Node, Node]] = scratch.memo("projections") if scratch is not None else {}
        self._chooser_memo: dict[tuple[Node, Node], int] = scratch.memo("choosers") if scratch is not None else {}
        self._overlaps: dict[tuple[Node, Node], bool] = scratch.memo("overlaps") if scratch is not None else {}
        self._leaving: dict[Node, frozenset[Node]] = scratch.memo("block-exits") if scratch is not None else {}
        self._supports: dict[Node, frozenset[Var]] = scratch.memo("supports") if scratch is not None else {}
        self._set_scores: dict[tuple[Var, Node, Node], float] = (
            scratch.memo("set-scores") if scratch is not None else {}
        )
        self._blocks: dict[None, tuple[list[int], list[Var]]] = (
            scratch.memo("fact-blocks") if scratch is not None else {}
        )
        self._settled: dict[tuple[Node, Any], tuple[str, ...]] = (
            scratch.memo("settled-by") if scratch is not None else {}
        )
        self._readers: dict[Node, Callable[[Sequence[int | None]], Any]] = (
            scratch.memo("support-values") if scratch is not None else {}
        )
        self.constraint = _mdd.TRUE
        if reading.derived:
            with self._lock:
                self.constraint = self._constrain(reading.derived)

    def assume(self, node: Node, facts: Sequence[tuple[str, object]]) -> None:
        """Narrow the completions to those where ``node`` (a scratch node) holds; ``facts`` name it in errors."""
        with self._lock:
            combined = self.scratch.and_(self.constraint, self.restrict(node))
            if combined == _mdd.FALSE:
                raise InconsistentInputError(facts)
            self.constraint = combined

    @property
    def scratch(self) -> _mdd.Manager:
        if self._scratch is None:
            self._scratch = self.manager.scratch()
        return self._scratch

    def restrict(self, node: Node) -> Node:
        with self._lock:
            return self.scratch.restrict(node, self.values, self._memo)

    def _equals(self, symbol: Symbol, value: str | bool) -> Node:
        return self.program.definition(symbol.name).values[value]

    def _constrain(self, derived: Sequence[tuple[Symbol, str | bool]]) -> Node:
        s = self.scratch
        parts = [self.restrict(self._equals(symbol, value)) for symbol, value in derived]
        combined = s.and_all(parts)
        if combined != _mdd.FALSE:
            return combined
        culprits = [d for d, part in zip(derived, parts, strict=False) if part == _mdd.FALSE] or list(derived)
        involved: list[tuple[str, object]] = []
        for symbol, value in culprits:
            involved.append((symbol.name, _show_value(value)))
        base = {
            self.program.var_fact[v].name for symbol, value in culprits for v in s.support(self._equals(symbol, value))
        }
        for name in sorted(base, key=lambda n: self.program.facts[n].index):
            if name in self.reading.given:
                involved.append((name, _show_value(self.reading.given[name])))
        raise InconsistentInputError(involved)

    # --- truth
    def truth(self, node: Node) -> Truth:
        with self._lock:
            if self.constraint == _mdd.TRUE:
                # every completion is possible: which terminals the known facts leave reachable
                return _REACHED[self.scratch.reach(node, self.values, self._reach)]
            s = self.scratch
            restricted = self.restrict(node)
            can_hold = s.and_(self.constraint, restricted) != _mdd.FALSE
            can_fail = s.and_(self.constraint, s.not_(restricted)) != _mdd.FALSE
            return Truth.UNKNOWN if can_hold and can_fail else Truth.TRUE if can_hold else Truth.FALSE

    def verdicts(self, nodes: Sequence[Node]) -> list[Verdict]:
        """The verdict of each condition; conditions that share a diagram are judged once."""
        with self._lock:
            found: dict[Node, Verdict] = {}
            if self.constraint == _mdd.TRUE:
                # Manager.reach first walks the known path, so one call settles both a fully
                # determined path and, failing that, the search; it builds no nodes, so the frozen
                # diagram serves (its nodes are the overlay's too) and the session's memo is shared.
                reach, values, memo = self.manager.reach, self.values, self._reach
                for node in set(nodes):
                    found[node] = _VERDICT_REACHED[reach(node, values, memo)]
            else:
                for node in set(nodes):
                    found[node] = VERDICT_OF[self.truth(node)]
            return [found[node] for node in nodes]

    def split(self, node: Node, within: Node = _mdd.TRUE) -> Pair:
        """Where ``node`` holds and where it fails, inside ``within`` and the constraints."""
        with self._lock:
            s = self.scratch
            restricted = s.restrict(node, self.values, self._memo)
            region = s.and_(self.constraint, within)
            if region == _mdd.TRUE:  # the common case: no derived facts given, the whole question
                return restricted, s.not_(restricted)
            return s.and_(region, restricted), s.and_(region, s.not_(restricted))

    def region(self, node: Node) -> Node:
        """The completions consistent with the input in which ``node`` holds."""
        with self._lock:
            return self.scratch.and_(self.constraint, self.restrict(node))

    def possible(self, region: Node, options: dict[Value, Node]) -> list[Value]:
        """The option values some consistent completion inside ``region`` picks."""
        with self._lock:
            if region == _mdd.TRUE and self.constraint == _mdd.TRUE:
                walked = [(key, self.manager.evaluate(node, self.values)) for key, node in options.items()]
                if all(w is not None for _, w in walked):
                    return [key for key, w in walked if w == _mdd.TRUE]
            s = self.scratch
            return [key for key, node in options.items() if s.and_(region, self.restrict(node)) != _mdd.FALSE]

    def possible_where(self, node: Node, options: dict[Value, Node]) -> list[Value]:
        """:meth:`possible` inside :meth:`region` of ``node`` (the frozen diagram's)."""
        with self._lock:
            if self.constraint != _mdd.TRUE:
                return self.possible(self.region(node), options)
            # restricting distributes over "and": an option is possible exactly when the frozen
            # "node and option" can end in TRUE under the known facts, found without building
            s, values, memo = self.scratch, self.values, self._reach
            return [key for key, option in options.items() if s.reach(s.and_(node, option), values, memo) & 2]

    # --- what to ask next
    def settled_by(self, node: Node) -> tuple[str, ...]:
        """:meth:`dependencies` of the one question whether ``node`` holds (``()`` when it is settled);
        asked once per diagram in a session, since requirements often share their condition."""
        with self._lock:
            found = self._settled_by.get(node)
            if found is None:
                if self.constraint != _mdd.TRUE:
                    found = self.dependencies([self.split(node)])
                else:
                    # Without constraints the answer is a function of the node and the values of the
                    # variables it mentions alone: sessions that agree on those share it, unrestricted.
                    key = (node, self._support_values(node))
                    found = self._settled.get(key)
                    if found is None:
                        found = self._settled[key] = self.dependencies([self.split(node)])
                self._settled_by[node] = found
            return found

    def _support_values(self, node: Node) -> Any:
        """The known values of the variables ``node`` mentions (what restricting it reads), as a key."""
        read = self._readers.get(node)
        if read is None:
            mentioned = sorted((self._scratch or self.manager).support(node))
            read = self._readers[node] = itemgetter(*mentioned) if mentioned else _nothing
        return read(self.values)

    def dependencies(self, pairs: Iterable[Pair]) -> tuple[str, ...]:
        """The unknown facts that bear on the open questions, most decisive first.

        Each pair is the (yes, no) region of one question. A fact is relevant when, for some
        values of the other facts, changing this fact alone flips an answer. Its score is the
        share of its consistent values that settle every question whatever the other unknown
        facts are; higher scores come first, ties in declaration order.
        """
        with self._lock:
            pairs = [p for p in pairs if p[0] != _mdd.FALSE and p[1] != _mdd.FALSE]
            if not pairs:
                return ()
            # Diagrams are canonical, so requirements whose open questions are the same diagrams
            # (common: many duties share one condition) share the answer.
            key = tuple(pairs)
            found = self._dependencies.get(key)
            if found is None:
                found = self._dependencies[key] = self._rank(pairs)
            return found

    def _rank(self, pairs: list[Pair]) -> tuple[str, ...]:
        s = self.scratch
        # One yes/no question over all completions: every value combination of the other facts is
        # possible, so a fact matters exactly when the reduced diagram mentions it. A question
        # from :meth:`split` without constraints is a node and its negation (a lookup in the
        # negation memo split just filled); any other pair is checked by building its "or".
        if len(pairs) == 1:
            yes, no = pairs[0]
            whole = s.not_(yes) == no or s.or_(yes, no) == _mdd.TRUE
        else:
            whole = False
        if whole:
            mentioned = self._support(pairs[0][0])  # negation keeps the support
        else:
            mentioned = frozenset().union(*(self._support(y) | self._support(n) for y, n in pairs))
        # by fact index (hashing a fact's record would hash its every field)
        fact_of, var_fact = self._fact_blocks()[0], self.program.var_fact
        by_index = {fact_of[v]: var_fact[v] for v in mentioned}
        facts = [by_index[i] for i in sorted(by_index)]
        relevant = 0
        if not whole:
            for y, n in pairs:
                relevant |= self._choosers(y, n)
        scores: dict[str, float] = {}
        for fact in facts:
            if whole or relevant >> fact.index & 1:
                scores[fact.name] = self._score(fact, pairs, whole)
        # ``facts`` is in declaration order and sorting is stable: ties stay in that order
        return tuple(sorted(scores, key=lambda name: -scores[name]))

    def _score(self, fact: FactVars, pairs: list[Pair], whole: bool) -> float:
        """The share of the fact's consistent values that settle every question (``whole``: the one
        question's yes and no cover every completion, so every value is consistent)."""
        s = self.scratch
        if fact.var_count == 1:
            var = fact.first_var
            # a bit per value: whether some question's yes or no cofactor is not FALSE (the value
            # is consistent), whether some question's both are not (it leaves that one open); the
            # cofactors are read without building them
            consistent = unsettled = 0
            for y, n in pairs:
                can_yes, can_no = self._open_values(y, var), self._open_values(n, var)
                consistent |= can_yes | can_no
                unsettled |= can_yes & can_no
            return (consistent & ~unsettled).bit_count() / max(1, consistent.bit_count())
        # A set fact has too many values to try one by one: project onto its own variables
        # (every other variable the questions mention quantified away).
        consistent_region = unsettled = _mdd.FALSE
        block = self._projections.setdefault(fact.first_var, {})
        first = fact.first_var
        last = Var(first + fact.var_count - 1)
        for yes, no in pairs:
            can_yes, can_no = s.project(yes, first, last, block), s.project(no, first, last, block)
            if not whole:  # else "exists" distributes over the "or" of yes and no, which is TRUE
                consistent_region = s.or_(consistent_region, s.or_(can_yes, can_no))
            unsettled = s.or_(unsettled, s.and_(can_yes, can_no))
        if whole:
            consistent_region = _mdd.TRUE
        # Both regions are diagrams over the fact's own variables, far fewer than the questions
        # they come from: systems with new questions mostly meet them again, so the share is kept
        # with the overlay (counting walks the regions).
        key = (first, consistent_region, unsettled)
        found = self._set_scores.get(key)
        if found is None:
            variables = fact.variables
            # the unsettled values are consistent ones: the settling ones are the rest
            consistent = self._count(consistent_region, variables)
            found = self._set_scores[key] = (consistent - self._count(unsettled, variables)) / max(1, consistent)
        return found

    def _count(self, node: Node, variables: Sequence[Var]) -> int:
        """:meth:`Manager.count`, a terminal without a walk."""
        if node == _mdd.FALSE:
            return 0
        if node == _mdd.TRUE:
            return math.prod(self.manager.arities[v] for v in variables)
        return self.scratch.count(node, variables)

    def _choosers(self, yes: Node, no: Node) -> int:
        """The facts whose values alone can still choose between ``yes`` and ``no`` for some values
        of the others (``exists f: yes`` and ``exists f: no`` overlap), a bit per fact index; -1
        (every bit) when ``yes`` and ``no`` overlap themselves.

        Found without building a node, by one walk over the pairs of nodes that the same values
        lead ``yes`` and ``no`` to, each pair's answer kept with the overlay (shared by every
        question and session in it). Below a pair, a fact other than the one tested there can
        choose exactly when it can in some child pair (the tested variable goes the same way on
        both sides); the tested fact can when its variables, picked on each side on its own,
        lead to a pair of nodes that overlap (:meth:`_overlap`).
        """
        s, memo = self.scratch, self._chooser_memo
        var, kids = s.var, s.kids
        fact_of, block_end = self._fact_blocks()
        false, true = _mdd.FALSE, _mdd.TRUE
        leaving = self._leaving

        def known(p: Node, q: Node) -> int | None:
            if p == false or q == false:
                return 0
            if p == true or q == true or p == q:
                return -1
            return memo.get((p, q) if p < q else (q, p))

        def exits(node: Node, last: Var) -> Set[Node]:
            """Where the paths from ``node`` leave the variables up to ``last`` (``FALSE`` left out)."""
            if var[node] > last:
                return {node}
            done = leaving.get(node)  # inside a block: ``last`` is that of the node's own fact
            if done is not None:
                return done
            found: set[Node] = set()
            stack, seen = [node], set()
            while stack:
                k = stack.pop()
                if k == false or k in seen:
                    continue
                seen.add(k)
                if k == true or var[k] > last:
                    found.add(k)
                else:
                    stack.extend(kids[k])
            leaving[node] = frozenset(found)
            return found

        root = known(yes, no)
        if root is not None:
            return root
        stack = [(yes, no) if yes < no else (no, yes)]
        while stack:
            p, q = stack[-1]
            if (p, q) in memo:
                stack.pop()
                continue
            vp, vq = var[p], var[q]
            children = _pair_children(p, q, vp, vq, kids)
            mask, missing = 0, []
            for a, b in children:
                r = known(a, b)
                if r is None:
                    missing.append((a, b) if a < b else (b, a))
                elif r == -1:  # the two sides overlap below: they do here
                    mask = -1
                    break
                else:
                    mask |= r
            if mask != -1 and missing:
                stack.extend(missing)
                continue
            v = min(vp, vq)
            bit = 1 << fact_of[v]
            if mask != -1 and not mask & bit:
                last = block_end[v]
                ends_p: Set[Node]
                ends_q: Set[Node]
                if last == v:  # one variable: the children are where the paths leave it
                    ends_p = set(kids[p]) - {false} if vp == v else {p}
                    ends_q = set(kids[q]) - {false} if vq == v else {q}
                else:
                    ends_p, ends_q = exits(p, last), exits(q, last)
                if self._overlap_any(ends_p, ends_q):
                    mask |= bit
            memo[(p, q)] = mask
            stack.pop()
        return memo[(yes, no) if yes < no else (no, yes)]

    def _overlap_any(self, left: Set[Node], right: Set[Node]) -> bool:
        """Whether some ``a and b`` (``a`` from ``left``, ``b`` from ``right``) is satisfiable, found
        by one search over pairs of nodes that builds nothing and stops at the first path both
        sides allow (a reduced node other than ``FALSE`` is satisfiable, so a side that is ``TRUE``,
        or both the same node, end it). The searches from all the pairs share what they have seen;
        each pair's answer is kept with the overlay when there are few of them."""
        false, true = _mdd.FALSE, _mdd.TRUE
        left, right = left - {false}, right - {false}
        if not left or not right:
            return False
        if true in left or true in right or not left.isdisjoint(right):
            return True
        memo = self._overlaps
        roots = []
        for a in left:
            for b in right:
                key = (a, b) if a < b else (b, a)
                done = memo.get(key)
                if done:
                    return True
                if done is None:
                    roots.append(key)
        var, kids = self.scratch.var, self.scratch.kids
        seen = set(roots)
        stack = list(roots)
        while stack:
            p, q = stack.pop()
            for x, y in _pair_children(p, q, var[p], var[q], kids):
                if x == false or y == false:
                    continue
                if x == true or y == true or x == y:
                    if len(roots) == 1:
                        memo[roots[0]] = True
                    return True
                pair = (x, y) if x < y else (y, x)
                if pair not in seen:
                    done = memo.get(pair)
                    if done:
                        if len(roots) == 1:
                            memo[roots[0]] = True
                        return True
                    seen.add(pair)
                    if done is None:
                        stack.append(pair)
        if len(roots) <= KEPT_ROOTS:  # none of them overlaps
            for key in roots:
                memo[key] = False
        return False

    def _support(self, node: Node) -> frozenset[Var]:
        """The variables ``node`` depends on, kept with the overlay (the interview's table too)."""
        found = self._supports.get(node)
        if found is None:
            found = self._supports[node] = frozenset(self.scratch.support(node))
        return found

    def _fact_blocks(self) -> tuple[list[int], list[Var]]:
        """Per variable: the index of its fact and the fact's last variable (a fact's variables are adjacent)."""
        found = self._blocks.get(None)
        if found is None:
            fact_of = [f.index for f in self.program.var_fact]
            block_end = [Var(f.first_var + f.var_count - 1) for f in self.program.var_fact]
            found = self._blocks[None] = (fact_of, block_end)
        return found

    def _open_values(self, node: Node, var: Var) -> int:
        """The values of ``var`` under which ``node`` can still hold, a bit per value: one walk
        for every value at once, building nothing (a reduced node other than ``FALSE`` holds
        somewhere, so below ``var`` every node answers every value); kept with the overlay, by
        ``node * variables + var``."""
        memo = self._value_masks
        width = len(self.manager.arities)
        every = (1 << self.manager.arities[var]) - 1
        v_of, kids = self.scratch.var, self.scratch.kids

        def known(k: Node) -> int | None:
            if k == _mdd.FALSE:
                return 0
            if k == _mdd.TRUE or v_of[k] > var:
                return every
            if v_of[k] == var:
                return sum(1 << i for i, child in enumerate(kids[k]) if child != _mdd.FALSE)
            return memo.get(k * width + var)

        found = known(node)
        if found is not None:
            return found
        stack = [node]
        while stack:
            k = stack[-1]
            if k * width + var in memo:
                stack.pop()
                continue
            mask, missing = 0, []
            for child in kids[k]:
                r = known(child)
                if r is None:
                    missing.append(child)
                else:
                    mask |= r
            if missing and mask != every:  # every value already open: the rest cannot add one
                stack.extend(missing)
                continue
            memo[k * width + var] = mask
            stack.pop()
        return memo[node * width + var]


KEPT_ROOTS = 16
"""At most how many pairs a failed overlap search keeps the answer of (each an entry of the overlay)."""
BY_VALUES = 8
"""How many assignments' restrictions and reach answers an overlay keeps (the most recent)."""


def _by_values(scratch: _mdd.Manager, values: tuple[int | None, ...]) -> tuple[dict[Node, Node], dict[Node, int]]:
    """The memos of restricting and of :meth:`Manager.reach` under ``values`` in ``scratch``: pure
    functions of the assignment, so the sessions of one state (an interview's and its report's,
    the same request's again) share them; the least recently used assignment goes past
    :data:`BY_VALUES` (under the overlay's lock)."""
    table: dict[tuple[int | None, ...], tuple[dict[Node, Node], dict[Node, int]]] = scratch.memo("by-values")
    found = table.pop(values, None)  # taken out and put back: the most recent last
    if found is None:
        found = ({}, {})
        while len(table) >= BY_VALUES:
            del table[next(iter(table))]
    table[values] = found
    return found


def _nothing(values: Sequence[int | None]) -> tuple[()]:
    return ()


def _pair_children(p: Node, q: Node, vp: Var, vq: Var, kids: Sequence[Sequence[Node]]) -> Iterable[tuple[Node, Node]]:
    """The pairs of nodes one step below the pair ``(p, q)`` (tested at ``vp`` and ``vq``): the
    values of the lower variable lead both sides where they go (a side that does not test it stays)."""
    if vp == vq:
        return zip(kids[p], kids[q], strict=True)
    if vp < vq:
        return zip(kids[p], repeat(q))
    return zip(repeat(p), kids[q])


def _show_value(value: object) -> object:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(value)) + "}"
    return value
