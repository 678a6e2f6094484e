"""Stage 5b: compiled predicates — the frozen decision diagrams as generated Python for known facts.

``RuleSet.predicates()`` turns requirements into one plain Python function that reads a
caller's dict or object the way a hand-written function would: lazily, each fact at most
once, and only the facts its walk reaches. The function is one walk over the diagrams the
compiler froze (the one meaning of every operator, the same diagrams ``evaluate()`` walks):
it branches on the lowest variable any of them still tests, reading and checking that
variable's fact the first time (exact type, inside the fact's domain), and follows every
diagram to the child for the value found. When all of them have reached a terminal, the
answer is a precomputed tuple of Decisions. Whenever a fact it needs is missing, ``None``
or not a plain value of the right type, the system is handed to the exact evaluator
(``RuleSet.evaluate``), which gives the three-valued verdicts or the error naming fact and
value. So the answer is always the exact one; the generated code only makes the common case
fast. (A walk that ends without meeting an unknown variable has the same terminal for every
completion of the unknown facts.)

Size: the walk is bounded by the diagrams, not by the conditions as written. Where its
remaining diagrams split over disjoint facts, or are too many to walk jointly, it walks them
in groups one after the other, each adding its part to an integer code of the answer (the
answers of such parts are a product; walking them jointly would multiply their sizes). A fact
that more than one group tests first (a scope fact) it branches on once, for all of them, and
writes the groups under each value (fewer and smaller there), rather than let each group test
it again; where
paths of one diagram meet again (``a of b`` followed by more tests), the shared part is
written once, in a block that paths reach through an integer ``j<n>``. A yes/no fact one value
of which decides everything left (an exclusion) it tests first, wherever the diagrams test it,
as a hand-written function returns early; the rest of the walk is then the diagrams with that
fact fixed, and no longer tests it. A set fact of few values it reads as the number of its
subset: one lookup checks the elements and gives the number the walk then tests. Where parts
walked one after the other end in a return, each numbers its ends 0, 1, ... (what its own leaves
add, then the combinations of the sequences inside it) and the answer is an item of that
sequence's table, by the mixed-radix number of those (a tuple's item, not a dict's lookup of a
large code), within MAX_TABLE and MAX_TABLED.

Safety: the generated source is built only from the fixed templates below and integer
indices. Every name, value, key and date from a rule file or from the caller lives in the
function's globals as a constant (``_k3``, ``_e3``, ``_c7`` ...), never in its text, and
the function sees no builtins but the few the templates use. A test proves it by
tokenising the source generated for fuzzed rule sets.
"""

from __future__ import annotations

import datetime
import enum
import itertools
import math
import re
import sys
import threading
import types
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Protocol, TypeVar

import attrs

from .._language import ast as a
from . import mdd as _mdd
from .compiler import FactVars, Program, choice_keys
from .evaluate import Verdict
from .mdd import Node, Var


@attrs.frozen
class Decision:
    """A requirement's verdict and outcome values for one system, as a compiled predicate gives it."""

    verdict: Verdict
    outcomes: Mapping[str, Any]
    """Each outcome's value (an enum member or a bool), or ``None`` when it does not apply or is undetermined."""


class _Access(enum.Enum):
    """How the generated code reads a system's facts."""

    KEYS = "keys"  # s[key]: a dict
    ATTRIBUTES = "attributes"  # getattr(s, name): an object of a type the exact evaluator read before


class FallbackReason(enum.Enum):
    """Why a compiled predicate handed a system to the exact evaluator (:meth:`RuleSet.evaluate`)."""

    SYSTEM_TYPE = "system-type"
    """Neither a dict nor an object of a type read before (the first object of each type is read exactly)."""
    NOT_COMPILED = "not-compiled"
    """A requirement too large to generate code for: always decided exactly."""
    VALUE = "value"
    """A fact missing, ``None``, or a value of another type or outside the fact's domain."""
    CALLER_ERROR = "caller-error"
    """The caller's own code raised while being read (a property, ``__hash__``, ``__eq__``...)."""
    INTERNAL = "internal"
    """The generated code raised what no input explains: a bug in algokader (also warned about)."""


class GeneratedCodeWarning(RuntimeWarning):
    """A compiled predicate's generated code failed on its own: the answer stays exact, only slower."""


class Fallbacks(Mapping[FallbackReason, int]):
    """How often a compiled predicate handed a system to the exact evaluator, per reason."""

    def __init__(self) -> None:
        self._counts = dict.fromkeys(FallbackReason, 0)
        self._lock = threading.Lock()
        self.last_internal: str | None = None
        """The last :attr:`FallbackReason.INTERNAL` error, as ``Type: message`` (None if there was none)."""

    def count(self, reason: FallbackReason) -> None:
        with self._lock:
            self._counts[reason] += 1

    def __getitem__(self, reason: FallbackReason) -> int:
        return self._counts[reason]

    def __iter__(self) -> Iterator[FallbackReason]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)

    @property
    def total(self) -> int:
        """Every fallback, whatever the reason."""
        return sum(self._counts.values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{reason.value}={n}" for reason, n in self._counts.items() if n)
        return f"<Fallbacks {shown or 'none'}>"


_T_co = TypeVar("_T_co", covariant=True)


class CompiledPredicate(Protocol[_T_co]):
    """What :meth:`RuleSet.predicates` and :meth:`RuleSet.predicate` return: a plain function from a
    system to its Decision(s), carrying the count of its fallbacks to the exact evaluator."""

    fallbacks: Fallbacks

    def __call__(self, system: object, /) -> _T_co: ...


class _Decided(Exception):
    """Carries the exact evaluator's error out of the generated code's ``try``, to be raised as it was."""

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error


class _TooLarge(Exception):
    """A requirement whose condition is too large to compile; it stays with the exact evaluator."""


class _Fail(Exception):
    """Raised by generated code for a value it will not interpret itself."""


def _fail() -> Any:
    raise _Fail


_SETS = frozenset({set, frozenset, list, tuple})
_UNSET = object()
# The only builtins generated code can reach.
_BUILTINS = {"type": type, "getattr": getattr, "Exception": Exception}


# Bounds on the generated walk (docs/grenzen.rst lists them).
MAX_LINES = 6_000
"""Lines of one walk over the diagrams, per way of reading (dict or object). Requirements whose
joint walk would be longer are walked in batches, one after the other; one requirement whose
walk alone is longer stays with the exact evaluator."""
MAX_SOURCE_LINES = 30_000
"""Lines of all batches together, per way of reading; requirements past it stay with the exact evaluator."""
MAX_JOINT = 300
"""Lines up to which the walk follows classes that share facts together; past it, it walks them in
groups one after the other (each testing again what they share), so the code grows with the sum of
the groups' sizes instead of their product."""
JOIN_CHUNK = 6  # join blocks behind one range test
MAX_SHARED = 64  # copies of the rest of a walk that branching on shared facts may make along one path
MAX_SPREAD = 4  # copies of the rest of a walk that early returns may make along one path
MAX_SET_PATHS = 64  # cubes over one set fact's elements tested at once (past it: one element at a time)
MAX_SUBSET_ELEMENTS = 6  # a set fact of at most this many values is read as the number of its subset
MAX_DEPTH = 60  # nested blocks of one walk (Python's tokenizer stops at 100 levels of indentation)
MAX_DECISIONS = 4_096  # outcome value combinations precomputed per requirement
MAX_ANSWERS = 4_096  # answers combined at run time (from several independent parts) kept for reuse
MAX_TABLE = 4_096  # answers of one sequence of parts, tabled by the parts' local numbers (past it: _M)
MAX_TABLED = 16_384  # tabled answers of all sequences together
MAX_PLAIN_TYPES = 256  # object types remembered as "read by attribute"


@attrs.define
class Generated:
    """Generated source and the constants its globals bind (kept for inspection and tests)."""

    source: str
    constants: dict[str, object]
    compiled: tuple[str, ...]  # ids with generated code; the others always go to the exact evaluator
    batches: int = 1  # walks one after the other (more than one only past MAX_LINES)


@attrs.frozen
class _Class:
    """Requirements whose diagrams are the same decide alike: the walk follows them together.

    Its slots are the diagrams it follows: where it applies, then per outcome, per value (in the
    choice's order), where that value is chosen. Once every slot has reached a terminal, its
    decision is a number: 0 when it does not apply, else 1 + the outcome values' combination in
    the order of the decision table.
    """

    slots: tuple[Node, ...]
    widths: tuple[int, ...]  # the number of values of each outcome
    weight: int  # the place of its decision in an answer's code
    size: int  # how many decisions it can take

    def decision(self, slots: Sequence[Node]) -> int:
        if slots[0] == _mdd.FALSE:
            return 0
        combination, at = 0, 1
        for width in self.widths:
            chosen = [i for i in range(width) if slots[at + i] == _mdd.TRUE]
            if len(chosen) != 1:  # the compiler proves one value is chosen wherever it applies
                raise _TooLarge
            combination, at = combination * width + chosen[0], at + width
        return 1 + combination


Part = tuple[tuple[int, tuple[Node, ...]], ...]  # classes still followed, each with its slots' nodes now


class _Mode(enum.Enum):
    """What the walk does once the part it follows is decided."""

    RETURN = "return"  # return the answer, all of whose code is known where the walk ends
    RETURN_CODE = "return-code"  # return the answer of the code ``k`` and what this part adds
    ASSIGN = "assign"  # set ``k`` to this part's code; another part follows
    ADD = "add"  # add this part's code to ``k``; another part follows


_TAIL = (_Mode.RETURN, _Mode.RETURN_CODE)


@attrs.define(eq=False)
class _Sequence:
    """Parts walked one after the other inside a site (see _Walk.tabled): per part, the codes its
    leaves add and the sequences written inside it."""

    codes: list[dict[int, None]]  # per part, the codes its own leaves add (in the order found)
    inner: list[list[_Sequence]]  # per part, the sequences inside it (in the order written)


@attrs.define
class _Site:
    """A sequence of parts walked where the walk returns, its leaves kept as markers in the lines
    until the whole of it is written (see _Walk.tabled)."""

    top: _Sequence
    ends: list[tuple[_Sequence, int, int, _Mode]] = attrs.field(factory=list)  # per marker: where, code, mode
    at: tuple[_Sequence, int] | None = None  # the sequence and part being written


_MARKER = re.compile("\x01([0-9]+)\x01")


@attrs.define
class _Region:
    """A walk written as a tree plus blocks for its shared parts (see _Walk.joined)."""

    number: int
    joins: dict[tuple[Part, int, _Mode], int]
    reached: dict[tuple[Part, int, _Mode], list[set[int]]] = attrs.field(factory=dict)
    entering: tuple[Part, int, _Mode] | None = None


class _Walk:
    """Writes one walk over the frozen diagrams from templates and integer indices.

    The walk branches on the lowest variable the diagrams it follows still test, reading that
    variable's fact (and checking the value) the first time, and follows every diagram's child
    for the value it finds. Where the diagrams left split into groups over disjoint facts, it
    walks the groups one after the other, each adding its part of the answer's code: the answer
    is a product of independent parts, and walking them together would multiply their sizes.
    """

    def __init__(
        self,
        program: Program,
        classes: Sequence[_Class],
        names: Mapping[str, str],
        constants: dict[str, object],
        answer: Callable[[int], str],
        leaf: Callable[[str], str],
        decoded: Callable[[int], object],
    ) -> None:
        self.program = program
        # A private overlay: testing a fact before the diagrams' order (see decider) makes nodes.
        self.manager = program.manager.scratch()
        self.classes = classes
        self.names = names
        self.constants = constants
        self.answer = answer  # the constant holding the answer of a code
        self.leaf = leaf  # the return statement of an answer expression
        self.decoded = decoded  # the answer of a code
        self.site: _Site | None = None  # the sequence whose leaves are being written (see tabled)
        self.tabled_count = 0  # answers in the tables made so far
        self.tables = 0
        self.known: set[int] = set()  # facts read on every path to where code is written now
        self.maybe: set[int] = set()  # facts an earlier batch may have read
        self.guarded: set[int] = set()  # their locals, set to _U at the start
        self.lines = 0
        self.budget = MAX_LINES
        self.constant_ids: dict[tuple[type, object], str] = {}
        self._support: dict[Node, frozenset[int]] = {}
        self._sizes: dict[Part, int] = {}
        self._children: dict[Part, tuple[Var, dict[Part, list[Any]]]] = {}
        self.region: _Region | None = None  # the join blocks being written (see joined)
        self.regions_made: list[_Region] = []
        self.spread = 1  # how often early returns have copied the walk being written (see ends_early)
        self.fact_list = sorted(program.facts.values(), key=lambda fact: fact.index)
        self._restricted: dict[tuple[Var, int], dict[Node, Node]] = {}
        self._deciders: dict[Part, tuple[Var, int] | None] = {}

    # --- the diagrams
    def support(self, node: Node) -> frozenset[int]:
        """The facts (by index) a diagram tests."""
        found = self._support.get(node)
        if found is None:
            m, facts = self.manager, self.program.var_fact
            seen, stack, indices = set(), [node], set()
            while stack:
                n = stack.pop()
                if n <= _mdd.TRUE or n in seen:
                    continue
                seen.add(n)
                indices.add(facts[m.var[n]].index)
                stack.extend(m.kids[n])
            found = self._support[node] = frozenset(indices)
        return found

    def components(self, live: list[tuple[int, tuple[Node, ...]]]) -> list[Part]:
        """``live`` in groups that share no fact, each in class order, ordered by their first class."""
        groups: list[tuple[set[int], list[tuple[int, tuple[Node, ...]]]]] = []
        for item in live:
            facts = set().union(*(self.support(n) for n in item[1]))
            joined = [g for g in groups if not g[0].isdisjoint(facts)]
            merged: tuple[set[int], list[tuple[int, tuple[Node, ...]]]] = (facts, [item])
            for g in joined:
                merged[0].update(g[0])
                merged[1].extend(g[1])
                groups.remove(g)
            groups.append(merged)
        parts = [tuple(sorted(items)) for _, items in groups]
        return sorted(parts, key=lambda part: part[0][0])

    def masked(self, c: int, slots: tuple[Node, ...]) -> tuple[Node, ...]:
        """Where a class does not apply, its outcomes are not chosen: the walk need not test them."""
        if slots[0] == _mdd.FALSE and len(slots) > 1:
            return (_mdd.FALSE,) * len(slots)
        return slots

    # --- code
    def count(self, lines: int) -> None:
        self.lines += lines
        if self.lines > self.budget:
            raise _TooLarge

    def constant(self, value: object) -> str:
        key = (type(value), value)
        name = self.constant_ids.get(key)
        if name is None:
            name = self.constant_ids[key] = f"_c{len(self.constant_ids)}"
            self.constants[name] = value
        return name

    def settle(self, part: Part, code: int) -> tuple[Part, int]:
        """The classes of ``part`` still undecided, and ``code`` with the decided ones' decisions added."""
        live = []
        for c, slots in part:
            if all(n <= _mdd.TRUE for n in slots):
                cls = self.classes[c]
                code += cls.decision(slots) * cls.weight
            else:
                live.append((c, slots))
        return tuple(live), code

    def emit(self, part: Part, code: int, mode: _Mode) -> list[str]:
        """The statements that finish ``part`` (``code``: what the classes decided so far add)."""
        live, code = self.settle(part, code)
        if not live:
            self.count(1)
            return [self.finish(code, mode)]
        if self.region is not None:
            key = (live, code, mode)
            target = self.region.joins.get(key)
            if target is not None and key != self.region.entering:
                self.region.reached.setdefault(key, []).append(set(self.known))
                self.count(1)
                return [f"j{self.region.number} = {target}"]
            self.region.entering = None
        else:
            early = self.decider(live)
            if early is not None:
                return self.decide_first(live, code, mode, *early)
        parts = self.components(list(live))
        if len(parts) == 1:
            part = parts[0]
            if len(part) == 1 and self.region is None and self.joint_size(part) > MAX_JOINT:
                return self.joined(part, code, mode)
            if len(part) == 1 or self.joint_size(part) <= MAX_JOINT:
                return self.branch(part, code, mode)
            spread = self.spread
            if self.ends_early(part):
                try:
                    return self.branch(part, code, mode)
                finally:
                    self.spread = spread
            parts = self.groups(part)
            if self.shared_first(part, parts):
                try:
                    return self.branch(part, code, mode)
                finally:
                    self.spread = spread
            # The groups share facts: read those here, once, rather than test in each group
            # whether another read them. (Reading one a group would not have needed is safe:
            # a fact that cannot be read hands the system to the exact evaluator.)
            before = set(self.known)
            try:
                lines = self.read_first(parts)
                lines += self.sequence(parts, code, mode)
                self.maybe |= self.known - before  # read on this path: other paths may find them set
            finally:  # also when a trial walk gives up (_TooLarge): the next one starts from here
                self.known = before
            return lines
        return self.sequence(parts, code, mode)

    def restrict(self, part: Part, var: Var, value: int) -> Part:
        """``part`` with ``var`` fixed to ``value`` wherever its diagrams test it (at any depth)."""
        memo = self._restricted.setdefault((var, value), {})
        cofactor = self.manager.cofactor
        return tuple((c, self.masked(c, tuple(cofactor(n, var, value, memo) for n in slots))) for c, slots in part)

    def decider(self, part: Part) -> tuple[Var, int] | None:
        """A yes/no fact, tested below the top of ``part``'s diagrams, one value of which decides
        every class of it (the early return of a hand-written function: ``if excluded: return``),
        as its variable and that value. Testing it first takes it out of every path below."""
        if part in self._deciders:
            return self._deciders[part]
        found: tuple[Var, int] | None = None
        var_of = self.manager.var
        top = min(var_of[n] for _, slots in part for n in slots if n > _mdd.TRUE)
        # Only a fact every class tests can decide them all.
        tested = [frozenset().union(*(self.support(n) for n in slots)) for _, slots in part]
        for i in sorted(frozenset.intersection(*tested)):
            fact = self.fact_list[i]
            if fact.kind is not a.TypeKind.BOOL or fact.first_var == top:
                continue  # the top variable: branch (with ends_early) writes its early return
            for value in (1, 0):
                if self.decides(part, fact.first_var, value):
                    found = (fact.first_var, value)
                    break
            if found is not None:
                break
        self._deciders[part] = found
        return found

    def decides(self, part: Part, var: Var, value: int) -> bool:
        """Whether fixing ``var`` to ``value`` takes every class of ``part`` to terminals."""
        memo = self._restricted.setdefault((var, value), {})
        cofactor = self.manager.cofactor
        for _, slots in part:
            applies = cofactor(slots[0], var, value, memo)
            if applies == _mdd.FALSE:
                continue  # not applying: its outcomes are not chosen (see masked)
            if applies != _mdd.TRUE or any(cofactor(n, var, value, memo) > _mdd.TRUE for n in slots[1:]):
                return False
        return True

    def decide_first(self, part: Part, code: int, mode: _Mode, var: Var, value: int) -> list[str]:
        """Test the yes/no fact of ``var`` (see decider) before the rest of ``part``."""
        fact = self.program.var_fact[var]
        i, local = fact.index, f"f{fact.index}"
        _, decided = self.settle(self.restrict(part, var, value), code)
        done = self.finish(decided, mode)
        lines: list[str] = []
        first = i not in self.known
        if first and i in self.maybe:  # perhaps read by an earlier batch
            self.guarded.add(i)
            lines += [f"if {local} is _U:", *_indent(self.read(fact, local))]
        fold = first and i not in self.maybe
        self.known.add(i)
        try:
            rest = self.emit(self.restrict(part, var, 1 - value), code, mode)
        finally:
            if first:
                self.known.discard(i)
        yes, no = ("True", "False") if value else ("False", "True")
        tail = mode in _TAIL and self.region is None
        if fold:  # read here: the check is the branch itself
            lines += [f"if ({local} := {self.raw(fact)}) is {yes}:", f"    {done}"]
            if tail:
                lines += [f"if {local} is not {no}:", "    _fail()", *rest]
            else:
                lines += [f"elif {local} is {no}:", *_indent(rest), "else:", "    _fail()"]
        else:
            lines += [f"if {local if value else 'not ' + local}:", f"    {done}"]
            lines += rest if tail else ["else:", *_indent(rest)]
        self.count(len(lines) - len(rest))
        return lines

    def joined(self, part: Part, code: int, mode: _Mode) -> list[str]:
        """The walk of one class whose diagram, written out as a tree, would repeat shared parts
        many times (``a of b`` followed by more tests): each shared part large enough is written
        once, in a block after the tree, which paths reach by setting ``j<n>`` to its number."""
        key = (part, code, mode)
        parents: dict[tuple[Part, int, _Mode], int] = {}
        sizes: dict[tuple[Part, int, _Mode], int] = {}
        children: dict[tuple[Part, int, _Mode], list[tuple[Part, int, _Mode]]] = {}
        # In the order found (a dict, not a set: states hold enum members, whose hashes differ
        # between processes), so that sorting by level below gives the same source every time.
        stack, seen = [key], {key: None}
        while stack:  # the diagram of states the walk goes through
            here = stack.pop()
            _, groups = self.children(here[0])
            found = children[here] = []
            for child in groups:
                live, child_code = self.settle(child, here[1])
                if live and len(self.components(list(live))) == 1:
                    step = (live, child_code, mode)
                    found.append(step)
                    parents[step] = parents.get(step, 0) + 1
                    if step not in seen:
                        seen[step] = None
                        stack.append(step)
                if len(seen) > MAX_LINES:
                    raise _TooLarge
        var_of = self.manager.var

        def level(state: tuple[Part, int, _Mode]) -> int:
            return min(var_of[n] for _, slots in state[0] for n in slots if n > _mdd.TRUE)

        joins: dict[tuple[Part, int, _Mode], int] = {}
        for state in sorted(seen, key=level, reverse=True):  # the deepest first
            size = 2 + sum(1 if step in joins else sizes[step] for step in children[state])
            sizes[state] = size
            if state != key and parents.get(state, 0) > 1 and size > 3:
                joins[state] = 0
        order = sorted(joins, key=level)
        for number, state in enumerate(order, 1):
            joins[state] = number
        region = _Region(len(self.regions_made), joins)
        self.regions_made.append(region)
        outer_known, outer_maybe = set(self.known), set(self.maybe)
        self.region = region
        try:
            j = f"j{region.number}"
            lines = [f"{j} = 0", *self.branch(part, code, mode)]
            blocks: list[tuple[int, list[str]]] = []
            for state in order:
                reached = region.reached.get(state)
                if not reached:
                    continue  # every path to it went through a join written out once
                self.known = set.intersection(*reached)
                self.maybe = outer_maybe | set.union(*reached) | self.maybe
                region.entering = state
                blocks.append((joins[state], [f"if {j} == {joins[state]}:", *_indent(self.emit(*state))]))
            # In chunks, so that a path passes a test per chunk and the tests of its own chunk
            # (jumps only go forward, to a later block: the chunks are not exclusive).
            for at in range(0, len(blocks), JOIN_CHUNK):
                chunk = blocks[at : at + JOIN_CHUNK]
                if len(chunk) == 1:
                    lines += chunk[0][1]
                else:
                    lines.append(f"if {chunk[0][0]} <= {j} <= {chunk[-1][0]}:")
                    lines += _indent([line for _, block in chunk for line in block])
        finally:
            self.region = None
            self.known = outer_known
        self.count(2)
        return lines

    def sequence(self, parts: list[Part], code: int, mode: _Mode) -> list[str]:
        """Parts walked one after the other, each adding its classes' decisions to the code."""
        region, self.region = self.region, None  # a jump from inside a sequence would skip its rest
        try:
            return self._sequence(parts, code, mode)
        finally:
            self.region = region

    def _sequence(self, parts: list[Part], code: int, mode: _Mode) -> list[str]:
        site = self.site
        if site is not None and site.at is not None:  # inside a part of a site: numbered in it
            here = site.at
            inner = _Sequence([{} for _ in parts], [[] for _ in parts])
            here[0].inner[here[1]].append(inner)
            try:
                return self._parts(parts, code, mode, inner)
            finally:
                site.at = here
        if mode is _Mode.RETURN and len(parts) > 1:
            return self.tabled(parts, code)
        return self._parts(parts, code, mode, None)

    def _parts(self, parts: list[Part], code: int, mode: _Mode, numbered: _Sequence | None) -> list[str]:
        lines: list[str] = []
        for i, sub in enumerate(parts):
            if numbered is not None and self.site is not None:
                self.site.at = (numbered, i)
            last = i == len(parts) - 1
            if mode in _TAIL:
                sub_mode = _Mode.RETURN_CODE if last else _Mode.ASSIGN if i == 0 and mode is _Mode.RETURN else _Mode.ADD
            else:
                sub_mode = _Mode.ASSIGN if i == 0 and mode is _Mode.ASSIGN else _Mode.ADD
            lines += self.emit(sub, code if i == 0 else 0, sub_mode)
        return lines

    def tabled(self, parts: list[Part], code: int) -> list[str]:
        """Parts walked one after the other where the walk returns, the answer an item of a table
        of this sequence (``_T<n>[k]``) rather than of ``_M``: each part numbers its ends 0, 1, ...
        (the codes its own leaves add, then the combinations of each sequence inside it), and ``k``
        is the mixed-radix number of the parts' ends, small and dense, so the lookup is a tuple's
        item (``_M``'s would hash and compare a large integer). Past the bounds (MAX_TABLE,
        MAX_TABLED) the leaves add the answer's code and look it up in ``_M``."""
        top = _Sequence([{} for _ in parts], [[] for _ in parts])
        site = self.site = _Site(top)
        try:
            lines = self._parts(parts, code, _Mode.RETURN, top)
        finally:
            self.site = None
        sizes: dict[int, int] = {}

        def size(seq: _Sequence) -> int:  # the ends of a sequence: the product of its parts'
            found = sizes.get(id(seq))
            if found is None:
                found = math.prod(
                    len(codes) + sum(size(inner) for inner in inners)
                    for codes, inners in zip(seq.codes, seq.inner, strict=True)
                )
                sizes[id(seq)] = found
            return found

        # Per sequence: per part, each own code's number; what a part's number counts in k; and
        # what its first part's leaves add besides (where the sequence sits in the part around it).
        places: dict[int, tuple[list[dict[int, int]], list[int], int]] = {}

        def place(seq: _Sequence, scale: int, base: int) -> None:
            widths = [
                len(codes) + sum(size(inner) for inner in inners)
                for codes, inners in zip(seq.codes, seq.inner, strict=True)
            ]
            counts = [scale * math.prod(widths[p + 1 :]) for p in range(len(widths))]
            places[id(seq)] = ([{c: n for n, c in enumerate(sorted(codes))} for codes in seq.codes], counts, base)
            for p, inners in enumerate(seq.inner):
                at = len(seq.codes[p])
                for inner in inners:
                    place(inner, counts[p], at * counts[p] + (base if p == 0 else 0))
                    at += size(inner)

        def ends(seq: _Sequence) -> list[int]:  # the codes of a sequence's ends, in their order
            per_part = [
                sorted(codes) + [c for inner in inners for c in ends(inner)]
                for codes, inners in zip(seq.codes, seq.inner, strict=True)
            ]
            return [sum(combination) for combination in itertools.product(*per_part)]

        table: str | None = None
        total = size(top)
        if total <= MAX_TABLE and self.tabled_count + total <= MAX_TABLED:
            table = f"_T{self.tables}"
            self.tables += 1
            self.tabled_count += total
            place(top, 1, 0)
            self.constants[table] = tuple(self.decoded(c) for c in ends(top))

        def end(marker: re.Match[str]) -> str:
            seq, p, c, mode = site.ends[int(marker[1])]
            if table is None:
                return self.finish(c, mode)
            numbers, counts, base = places[id(seq)]
            d = numbers[p][c] * counts[p] + (base if p == 0 else 0)
            if mode is _Mode.ASSIGN:
                return f"k = {d}"
            if mode is _Mode.ADD:
                return f"k += {d}" if d else "pass"
            return self.leaf(f"{table}[k + {d}]" if d else f"{table}[k]")

        return [_MARKER.sub(end, line) for line in lines]

    def read_first(self, parts: list[Part]) -> list[str]:
        """Statements reading the facts that more than one of ``parts`` tests and that are not read
        yet; they count as read after. (A fact only one part tests, it reads when it needs it.)"""
        lines = []
        seen: set[int] = set()
        shared: set[int] = set()
        for part in parts:
            facts = set().union(*(self.support(n) for _, slots in part for n in slots))
            shared |= seen & facts
            seen |= facts
        for i in sorted(shared - self.known):
            fact = self.fact_list[i]
            if i in self.maybe:
                self.guarded.add(i)
                lines += [f"if f{i} is _U:", *_indent(self.read(fact, f"f{i}"))]
            else:
                lines += self.read(fact, f"f{i}")
            self.known.add(i)
        self.count(len(lines))
        return lines

    def children(self, part: Part) -> tuple[Var, dict[Part, list[Any]]]:
        """The variable to branch on (the lowest one tested), and the parts it leads to with their
        values; for a set fact, the parts past all its elements with the subsets or cubes leading there."""
        done = self._children.get(part)
        if done is not None:
            return done
        var_of = self.manager.var
        var = Var(min(var_of[n] for _, slots in part for n in slots if n > _mdd.TRUE))
        fact = self.program.var_fact[var]
        groups: dict[Part, list[Any]] | None = None
        if _subsets(fact):
            groups = self.subset_groups(part, fact)
        elif fact.kind is a.TypeKind.SET:
            groups = self.set_paths(part, fact)
        if groups is None:
            groups = {}
            for value in range(self.manager.arities[var]):
                groups.setdefault(self.cofactor(part, var, value), []).append(value)
        done = self._children[part] = (var, groups)
        return done

    def cofactor(self, part: Part, var: Var, value: int) -> Part:
        var_of, kids = self.manager.var, self.manager.kids
        return tuple(
            (c, self.masked(c, tuple(kids[n][value] if n > _mdd.TRUE and var_of[n] == var else n for n in slots)))
            for c, slots in part
        )

    def subset_groups(self, part: Part, fact: FactVars) -> dict[Part, list[Any]]:
        """Per part reached past a small set fact's element variables, the subsets leading there
        (bit ``j`` of a subset's number: the fact's ``j``-th value is in it): read as that number,
        the set is then tested like a one-of fact, with integers."""
        layer: list[tuple[Part, int]] = [(part, 0)]
        for j in range(fact.var_count):
            var = fact.element(j)
            layer = [(self.cofactor(here, var, bit), mask | bit << j) for here, mask in layer for bit in (0, 1)]
        found: dict[Part, list[Any]] = {}
        for here, mask in sorted(layer, key=lambda item: item[1]):
            found.setdefault(here, []).append(mask)
        return found

    def set_paths(self, part: Part, fact: FactVars) -> dict[Part, list[Any]] | None:
        """Per part reached past a set fact's element variables, the cubes (``((var, value), ...)``)
        leading there: one test of the whole set per part, so that what follows a test such as
        ``overlapt met`` is written once, not once per element. None past MAX_SET_PATHS cubes."""
        var_of = self.manager.var
        low, high = fact.first_var, fact.first_var + fact.var_count
        found: dict[Part, list[Any]] = {}
        stack: list[tuple[Part, tuple[tuple[Var, int], ...]]] = [(part, ())]
        paths = 0
        while stack:
            here, cube = stack.pop()
            tested = [var_of[n] for _, slots in here for n in slots if n > _mdd.TRUE and low <= var_of[n] < high]
            if not tested:
                found.setdefault(here, []).append(cube)
                paths += 1
                if paths > MAX_SET_PATHS:
                    return None
                continue
            var = Var(min(tested))
            for value in (0, 1):  # popped yes first
                stack.append((self.cofactor(here, var, value), (*cube, (var, value))))
        return found

    def joint_size(self, part: Part) -> int:
        """About how many lines walking ``part`` jointly takes (at most MAX_JOINT + 1: beyond it, no matter)."""
        found = self._sizes.get(part)
        if found is not None:
            return found
        live = tuple(item for item in part if any(n > _mdd.TRUE for n in item[1]))
        if not live:
            return 1
        total = 0
        parts = self.components(list(live))
        if len(parts) > 1:
            for sub in parts:
                total += self.joint_size(sub)
                if total > MAX_JOINT:
                    break
        else:
            _, groups = self.children(live)
            total = len(groups) + 1
            for child in groups:
                total += self.joint_size(child)
                if total > MAX_JOINT:
                    break
        found = self._sizes[part] = min(total, MAX_JOINT + 1)
        return found

    def ends_early(self, part: Part) -> bool:
        """Whether some value of the next variable decides every class of ``part`` at once (the early
        return of a hand-written function), while the others do not copy the rest of the walk more
        than MAX_SPREAD times along one path."""
        _, groups = self.children(part)
        open_ = sum(1 for child in groups if any(n > _mdd.TRUE for _, slots in child for n in slots))
        if open_ == len(groups) or self.spread * open_ > MAX_SPREAD:
            return False
        self.spread *= open_
        return True

    def shared_first(self, part: Part, parts: list[Part]) -> bool:
        """Whether to branch on the next variable for all ``parts`` at once: when more than one of
        them tests it (a scope fact), one test decides it for all, and the groups below it are
        the smaller for it, rather than each group testing it again; at most MAX_SHARED copies of
        the rest of the walk along one path."""
        var, groups = self.children(part)
        i = self.program.var_fact[var].index
        testing = sum(1 for sub in parts if any(i in self.support(n) for _, slots in sub for n in slots))
        if testing < 2 or self.spread * len(groups) > MAX_SHARED:
            return False
        self.spread *= len(groups)
        return True

    def groups(self, part: Part) -> list[Part]:
        """``part``, too large to walk jointly, as groups of classes (in order) that each fit."""
        found: list[Part] = []
        group: Part = ()
        for item in part:
            if group and self.joint_size((*group, item)) > MAX_JOINT:
                found.append(group)
                group = ()
            group = (*group, item)
        return [*found, group]

    def finish(self, code: int, mode: _Mode) -> str:
        site = self.site
        if site is not None and site.at is not None and mode is not _Mode.RETURN:  # see tabled
            seq, p = site.at
            seq.codes[p].setdefault(code)
            site.ends.append((seq, p, code, mode))
            return f"\x01{len(site.ends) - 1}\x01"
        if mode is _Mode.RETURN:
            return self.leaf(self.answer(code))
        if mode is _Mode.RETURN_CODE:
            return self.leaf(f"_M[k + {code}]" if code else "_M[k]")
        if mode is _Mode.ASSIGN:
            return f"k = {code}"
        return f"k += {code}" if code else "pass"

    def branch(self, part: Part, code: int, mode: _Mode) -> list[str]:
        var, groups = self.children(part)
        fact = self.program.var_fact[var]
        if len(groups) == 1:  # not reached for reduced diagrams, whose nodes have distinct children
            return self.emit(next(iter(groups)), code, mode)
        i = fact.index
        first = i not in self.known
        self.known.add(i)
        entry, after = self.maybe, set(self.maybe)
        try:
            bodies = []
            for child, values in groups.items():
                self.maybe = set(entry)  # what a sibling read is not read on this path
                bodies.append((values, self.emit(child, code, mode)))
                after |= self.maybe
        finally:
            if first:
                self.known.discard(i)
        self.maybe = after
        local = f"f{i}"
        lines: list[str] = []
        fold = first and fact.kind is a.TypeKind.BOOL and i not in entry
        if first and not fold:
            if i in self.maybe:
                self.guarded.add(i)
                lines += [f"if {local} is _U:", *_indent(self.read(fact, local))]
            else:
                lines += self.read(fact, local)
        if fold:  # a yes/no fact's check is the branch itself
            bodies.sort(key=lambda body: body[0])  # no, then yes
            (_, no), (_, yes) = bodies
            target = f"({local} := {self.raw(fact)})"
            if mode in _TAIL and self.region is None:
                flat_yes = len(yes) >= len(no)
                inner, flat = (no, yes) if flat_yes else (yes, no)
                lines += [f"if {target} is {'False' if flat_yes else 'True'}:", *_indent(inner)]
                lines += [f"if {local} is not {'True' if flat_yes else 'False'}:", "    _fail()", *flat]
            else:
                lines += [f"if {target} is True:", *_indent(yes), f"elif {local} is False:", *_indent(no)]
                lines += ["else:", "    _fail()"]
        elif (
            mode in _TAIL and self.region is None
        ):  # every body returns: the largest one needs no test and no indentation
            flat_at = max(range(len(bodies)), key=lambda k: (len(bodies[k][1]), -k))
            for k, (values, body) in enumerate(bodies):
                if k != flat_at:
                    lines += [f"if {self.test(fact, var, values, local)}:", *_indent(body)]
            lines += bodies[flat_at][1]
        else:
            tests = [self.test(fact, var, values, local) for values, _ in bodies]
            last = max(range(len(bodies)), key=lambda k: (len(tests[k]), k))
            bodies.append(bodies.pop(last))
            for k, (values, body) in enumerate(bodies):
                if k == len(bodies) - 1:
                    lines.append("else:")
                else:
                    lines.append(f"{'if' if k == 0 else 'elif'} {self.test(fact, var, values, local)}:")
                lines += _indent(body)
        self.count(len(lines) - sum(len(body) for _, body in bodies))
        return lines

    def raw(self, fact: FactVars) -> str:
        """The expression reading a fact from the dict ``s`` (see generate for objects)."""
        i = fact.index
        self.constants[f"_k{i}"] = self.names.get(fact.name, fact.name)
        return f"s[_k{i}]"

    def read(self, fact: FactVars, local: str) -> list[str]:
        """The statements reading and checking a fact into ``local``: its value index (one-of), bool,
        subset number or set, or date. (The failing branch comes first: the common case jumps once.)"""
        i, read = fact.index, self.raw(fact)
        if fact.kind is a.TypeKind.BOOL:
            return [f"if ({local} := {read}) is not True and {local} is not False:", "    _fail()"]
        if fact.kind is a.TypeKind.ENUM:
            self.constants[f"_e{i}"] = {label: index for index, label in enumerate(fact.values)}
            return [f"{local} = _fail() if type(v := {read}) is not _str else _e{i}[v]"]
        if _subsets(fact):
            # One lookup both checks the elements and gives the subset's number (see subset_groups);
            # a frozenset is its own key, any other kind of set is made one (a list of lists cannot).
            self.constants[f"_e{i}"] = {
                frozenset(fact.values[j] for j in range(fact.var_count) if mask >> j & 1): mask
                for mask in range(1 << fact.var_count)
            }
            other = f"(_fail() if type(v) not in _SETS else _e{i}[_frozenset(v)])"
            return [f"{local} = {other} if type(v := {read}) is not _frozenset else _e{i}[v]"]
        if fact.kind is a.TypeKind.SET:
            self.constants[f"_e{i}"] = frozenset(fact.values)
            return [f"{local} = _fail() if type(v := {read}) not in _SETS or not _e{i}.issuperset(v) else v"]
        return [f"{local} = _fail() if type(v := {read}) is not _date else v"]

    def test(self, fact: FactVars, var: Var, values: Sequence[Any], local: str) -> str:
        """The condition that the fact's value (in ``local``) gives the variable one of ``values``."""
        if fact.kind is a.TypeKind.BOOL:
            return local if values == [1] else f"not {local}"
        if fact.kind is a.TypeKind.ENUM or _subsets(fact):
            return self._enum_test(local, values)
        if fact.kind is a.TypeKind.SET:
            if values and isinstance(values[0], int):  # one element's variable
                element = self.constant(fact.values[var - fact.first_var])
                return f"{element} in {local}" if values == [1] else f"{element} not in {local}"
            return " or ".join(self._cube(fact, cube, local, len(values) > 1) for cube in values)
        return " or ".join(self._date_run(fact, lo, hi, local) for lo, hi in _runs(values))

    def _cube(self, fact: FactVars, cube: Sequence[tuple[Var, int]], local: str, grouped: bool) -> str:
        """The condition that a set (in ``local``) has and lacks the elements ``cube`` says."""
        if len(cube) == fact.var_count and not any(value for _, value in cube):
            return f"not {local}"
        tests = [
            f"{self.constant(fact.values[var - fact.first_var])} {'in' if value else 'not in'} {local}"
            for var, value in cube
        ]
        if not tests:
            return "True"
        return f"({' and '.join(tests)})" if grouped and len(tests) > 1 else " and ".join(tests)

    @staticmethod
    def _enum_test(local: str, indices: Sequence[int]) -> str:
        if len(indices) == 1:
            return f"{local} == {indices[0]}"
        return f"{local} in {{{', '.join(str(i) for i in indices)}}}"  # a frozenset constant: one lookup

    def _date_run(self, fact: FactVars, lo: int, hi: int, local: str) -> str:
        """The condition that a date's class (see FactVars.date_class) is in ``lo .. hi``."""
        parts = []
        if lo > 0:  # even: after the date before it; odd: on or after its date
            parts.append(f"{self.constant(fact.dates[lo // 2 - 1 + lo % 2])} {'<=' if lo % 2 else '<'} ")
        parts.append(local)
        if hi < 2 * len(fact.dates):  # even: before its date; odd: on or before its date
            parts.append(f" {'<=' if hi % 2 else '<'} {self.constant(fact.dates[hi // 2])}")
        return "(" + "".join(parts) + ")"


def _subsets(fact: FactVars) -> bool:
    """Whether a set fact is read as the number of its subset (see _Walk.subset_groups)."""
    return fact.kind is a.TypeKind.SET and fact.var_count <= MAX_SUBSET_ELEMENTS


def _indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines]


def _runs(values: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted integers as maximal runs of consecutive ones."""
    runs: list[tuple[int, int]] = []
    for value in values:
        if runs and runs[-1][1] == value - 1:
            runs[-1] = (runs[-1][0], value)
        else:
            runs.append((value, value))
    return runs


def _depth(lines: Sequence[str]) -> int:
    return max((len(line) - len(line.lstrip(" ")) for line in lines), default=0) // 4


def _decisions(req: a.Requirement, kinds: Mapping[str, Callable[[Any], Any]]) -> tuple[Decision, list[Decision]]:
    """The Decision when ``req`` does not apply, and one per combination of outcome values."""
    names = [o.name.text for o in req.outcomes]
    nothing = Decision(Verdict.DOES_NOT_APPLY, types.MappingProxyType(dict.fromkeys(names)))
    sizes = [len(choice_keys(o.type)) for o in req.outcomes]
    if math.prod(sizes) > MAX_DECISIONS:
        raise _TooLarge
    table = [
        Decision(Verdict.APPLIES, types.MappingProxyType({n: kinds[n](k) for n, k in zip(names, keys, strict=True)}))
        for keys in itertools.product(*(choice_keys(o.type) for o in req.outcomes))
    ]
    return nothing, table


class _Answers(dict[int, Any]):
    """Answers by their code, made on first use; at most MAX_ANSWERS are kept."""

    def __init__(self, decode: Callable[[int], Any]) -> None:
        super().__init__()
        self.decode = decode

    def __missing__(self, code: int) -> Any:
        answer = self.decode(code)
        if len(self) < MAX_ANSWERS:
            self[code] = answer
        return answer


Exact = Callable[[object, Sequence[str]], dict[str, Decision]]


def generate(
    program: Program,
    ids: Sequence[str],
    kinds: Mapping[str, Mapping[str, Callable[[Any], Any]]],
    names: Mapping[str, str],
    single: bool,
) -> Generated:
    """The source of ``_p(s)`` deciding ``ids`` (a tuple of Decisions, or one when ``single``).

    ``kinds`` gives, per requirement and outcome, the function from a rule value to the value
    callers see (the outcome's enum, or ``bool``).
    """
    model = program.model
    tables: dict[int, tuple[Decision, list[Decision]]] = {}
    keys: dict[int, tuple[Node, tuple[tuple[Node, ...], ...]]] = {}
    for n, rid in enumerate(ids):
        req = model.requirements[rid]
        try:
            tables[n] = _decisions(req, kinds[rid])
        except _TooLarge:
            continue  # left to the exact evaluator
        compiled = program.requirements[rid]
        outcomes = tuple(
            tuple(compiled.outcomes[o.name.text].values[key] for key in choice_keys(o.type)) for o in req.outcomes
        )
        keys[n] = (compiled.applies, outcomes)
    # One class per distinct set of diagrams, in the order of its first requirement.
    order = list(dict.fromkeys(keys.values()))
    classes: list[_Class] = []
    weight = 1
    for applies, outcomes in order:
        size = 1 + math.prod(len(values) for values in outcomes)
        slots = (applies, *(node for values in outcomes for node in values))
        classes.append(_Class(slots, tuple(len(values) for values in outcomes), weight, size))
        weight *= size
    class_of = {n: order.index(key) for n, key in keys.items()}

    def decode(code: int) -> Any:
        found: list[Decision | None] = []
        for n in range(len(ids)):
            c = class_of.get(n)
            if c is None:
                found.append(None)
                continue
            d = code // classes[c].weight % classes[c].size
            found.append(tables[n][0] if d == 0 else tables[n][1][d - 1])
        return found[0] if single and len(class_of) == len(ids) else tuple(found)

    everything_compiled = len(class_of) == len(ids)
    constants: dict[str, object] = {}
    answers: dict[int, str] = {}

    made: dict[int, Any] = {}  # answers by code, one object for each (tables share them)

    def decoded(code: int) -> Any:
        found = made.get(code)
        if found is None:
            found = made[code] = decode(code)
        return found

    def answer(code: int) -> str:
        name = answers.get(code)
        if name is None:
            name = answers[code] = f"_R{len(answers)}"
            constants[name] = decoded(code)
        return name

    def leaf(expression: str) -> str:
        if everything_compiled:
            return f"return {expression}"
        return f"return _exact(s, {expression}){'[0]' if single else ''}"

    walk = _Walk(program, classes, names, constants, answer, leaf, decoded)
    all_classes = list(range(len(classes)))
    walk.lines, walk.budget = 0, MAX_LINES
    try:  # the common case: one walk over everything, written once
        body = walk.emit(tuple((c, walk.masked(c, walk.classes[c].slots)) for c in all_classes), 0, _Mode.RETURN)
        if _depth(body) > MAX_DEPTH:
            raise _TooLarge
    except (_TooLarge, RecursionError):
        batches, left_out = _plan(walk, len(classes))
        compiled_classes = {c for batch in batches for c in batch}
        if left_out:  # those classes' requirements go to the exact evaluator too
            for n in [n for n, c in class_of.items() if c not in compiled_classes]:
                del class_of[n]
            everything_compiled = False
        # The trial walks' constants go: the walk below numbers its own afresh, in its order.
        constants.clear()
        answers.clear()
        made.clear()  # decoded before some classes were left out
        walk.constant_ids.clear()
        walk.tables = walk.tabled_count = 0
        walk.guarded = set()
        body = _body(walk, batches)
    else:
        batches = [all_classes]
    # Read by attribute: the same walk, each ``s[_k<i>]`` written ``getattr(s, _a<i>)``.
    for i in sorted({int(i) for line in body for i in _KEY_READ.findall(line)}):
        fact = walk.fact_list[i]
        constants[f"_a{i}"] = names.get(fact.name, fact.name.replace("-", "_"))
    bodies = {_Access.KEYS: body, _Access.ATTRIBUTES: [_KEY_READ.sub(r"getattr(s, _a\1)", line) for line in body]}
    lines = ["def _p(s):"]
    if walk.guarded:
        lines.append("    " + " = ".join([*(f"f{i}" for i in sorted(walk.guarded)), "_U"]))
    lines.append("    try:")
    for access, test in ((_Access.KEYS, "type(s) is _dict"), (_Access.ATTRIBUTES, "type(s) in _plain")):
        lines += [f"        if {test}:", *("            " + line for line in bodies[access])]
    # An exception (a fact missing, a value not read here, the caller's code raising) hands the
    # system to the exact evaluator, which sees why it raised (see build); so does a system the
    # code does not read itself (neither a dict nor an object of a type read before).
    everything = f"return _exact(s, None){'[0]' if single else ''}"
    lines += ["    except Exception:", f"        {everything}", f"    {everything}"]
    constants["_M"] = _Answers(decode)
    done = tuple(ids[n] for n in sorted(class_of))
    return Generated("\n".join(lines) + "\n", constants, done, max(1, len(batches)))


_KEY_READ = re.compile(r"s\[_k([0-9]+)\]")


def _plan(walk: _Walk, count: int) -> tuple[list[list[int]], bool]:
    """The classes in batches whose walks each fit the bounds, and whether some classes fit in none."""
    everything = list(range(count))
    batches: list[list[int]] = []
    left_out = False
    total = 0
    batch: list[int] = []
    for c in everything:
        if _fits(walk, [*batch, c], MAX_LINES):
            batch.append(c)
            continue
        if batch:
            total += _size(walk, batch)
            batches.append(batch)
        batch = [c] if _fits(walk, [c], MAX_LINES) else []
        left_out = left_out or not batch
    if batch:
        batches.append(batch)
        total += _size(walk, batch)
    while batches and total > MAX_SOURCE_LINES:  # the last batches stay with the exact evaluator
        total -= _size(walk, batches.pop())
        left_out = True
    return batches, left_out


def _size(walk: _Walk, classes: list[int]) -> int:
    walk.lines, walk.budget, walk.maybe, walk.regions_made = 0, MAX_SOURCE_LINES, set(), []
    walk.emit(tuple((c, walk.masked(c, walk.classes[c].slots)) for c in classes), 0, _Mode.RETURN)
    return walk.lines


def _fits(walk: _Walk, classes: list[int], budget: int) -> bool:
    walk.lines, walk.budget, walk.maybe, walk.regions_made = 0, budget, set(), []
    try:
        lines = walk.emit(tuple((c, walk.masked(c, walk.classes[c].slots)) for c in classes), 0, _Mode.RETURN)
    except (_TooLarge, RecursionError):
        return False
    return _depth(lines) <= MAX_DEPTH


def _body(walk: _Walk, batches: list[list[int]]) -> list[str]:
    """The walk over the batches one after the other."""
    walk.maybe, walk.budget, walk.regions_made = set(), sys.maxsize, []
    if not batches:
        return [walk.finish(0, _Mode.RETURN)]
    lines: list[str] = []
    for b, batch in enumerate(batches):
        if len(batches) == 1:
            mode = _Mode.RETURN
        else:
            mode = _Mode.ASSIGN if b == 0 else _Mode.RETURN_CODE if b == len(batches) - 1 else _Mode.ADD
        lines += walk.emit(tuple((c, walk.masked(c, walk.classes[c].slots)) for c in batch), 0, mode)
        walk.maybe |= {i for c in batch for n in walk.classes[c].slots for i in walk.support(n)}
    return lines


def build(
    program: Program,
    ids: Sequence[str],
    kinds: Mapping[str, Mapping[str, Callable[[Any], Any]]],
    names: Mapping[str, str],
    exact: Exact,
    single: bool = False,
) -> CompiledPredicate[Any]:
    """A compiled predicate for ``ids``: ``exact(system, missing_ids)`` decides what the code cannot."""
    generated = generate(program, ids, kinds, names, single)
    plain: set[type] = set()
    fallbacks = Fallbacks()
    code: list[types.CodeType] = []  # the generated function's, once compiled

    def decide_exactly(
        system: object, partial: tuple[Decision | None, ...] | None, reason: FallbackReason | None = None
    ) -> tuple[Decision, ...]:
        """Decide what the generated code left open (everything, when ``partial`` is None)."""
        inside_try = partial is not None  # the generated code's: its handler must not catch our error
        if inside_try:
            reason = FallbackReason.NOT_COMPILED
        elif reason is None:  # called from the generated code: by its handler, or for a system it does not read
            active = sys.exception()
            if isinstance(active, _Decided):  # the exact evaluator's own error, from inside the try
                active.error.__suppress_context__ = True
                raise active.error
            reason = FallbackReason.SYSTEM_TYPE if active is None else _why(active, code)
            if reason is FallbackReason.INTERNAL:
                fallbacks.count(reason)
                fallbacks.last_internal = f"{type(active).__name__}: {active}"
                warnings.warn(GeneratedCodeWarning(fallbacks.last_internal), stacklevel=3)
        if reason is not FallbackReason.INTERNAL:
            fallbacks.count(reason)
        partial = partial or (None,) * len(ids)
        missing = [rid for rid, found in zip(ids, partial, strict=True) if found is None]
        try:
            decided = exact(system, missing)
        except Exception as err:
            if not inside_try:
                raise
            raise _Decided(err) from err
        if not isinstance(system, Mapping) and len(plain) < MAX_PLAIN_TYPES:
            plain.add(type(system))  # read by attribute from now on, as the exact evaluator does
        return tuple(decided[rid] if found is None else found for rid, found in zip(ids, partial, strict=True))

    namespace: dict[str, object] = {
        "__builtins__": _BUILTINS,
        "_U": _UNSET,
        "_SETS": _SETS,
        "_frozenset": frozenset,
        "_str": str,
        "_dict": dict,
        "_date": datetime.date,
        "_fail": _fail,
        "_plain": plain,
        "_exact": decide_exactly,
        **generated.constants,
    }
    try:
        compiled = compile(generated.source, "<algokader predicate>", "exec")
    except (SyntaxError, RecursionError, MemoryError):  # beyond what the limits above foresee

        def exactly(system: object) -> Any:
            decided = decide_exactly(system, None, FallbackReason.NOT_COMPILED)
            return decided[0] if single else decided

        namespace["_p"] = exactly
    else:
        # The one use of exec in algokader: the source holds only template text and integers (see above).
        exec(compiled, namespace)
        code.append(namespace["_p"].__code__)  # type: ignore[attr-defined]
        code.append(_Answers.__missing__.__code__)
    function: CompiledPredicate[Any] = namespace["_p"]  # type: ignore[assignment]
    function.fallbacks = fallbacks
    return function


def _why(error: BaseException, code: list[types.CodeType]) -> FallbackReason:
    """Why the generated code raised: read off where the exception was raised."""
    if isinstance(error, _Fail):
        return FallbackReason.VALUE
    innermost = error.__traceback__
    while innermost is not None and innermost.tb_next is not None:
        innermost = innermost.tb_next
    if innermost is None or innermost.tb_frame.f_code not in code:
        return FallbackReason.CALLER_ERROR  # raised in a frame of the caller's code
    # Raised by the generated code itself: a dict without the key, an object without the
    # attribute, a value outside the domain (a lookup), elements that cannot be hashed.
    if isinstance(error, (KeyError, AttributeError, TypeError)):
        return FallbackReason.VALUE
    return FallbackReason.INTERNAL
