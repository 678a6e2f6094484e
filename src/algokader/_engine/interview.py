"""The guided intake: an exact interview that asks only what can still change an answer.

The state of an interview is a system description (the starting facts and labels plus the
answers) and the facts the respondent could not answer (skipped). Its report is always
``evaluate()`` of that description. What is still open is worked out on the diagrams:

- every requirement in scope has *components*: "it can apply", "it can fail to apply" and,
  per outcome value, "it can apply with this value". Each is a diagram over the unknown
  facts, restricted to the answers and the constraints (derived facts, labels);
- skipped facts stay unknown for good, so they are quantified away (∃): a component is
  *open* when, over the facts that can still be asked, it is neither always nor never
  possible. The interview ends exactly when no component is open: then no answer to the
  remaining questions can change a verdict, an outcome or the outcomes still possible;
- a fact is worth asking when some of its consistent values settles an open component; a
  fact that matters only together with another one (as in an exclusive or) still counts,
  so the interview never stops early. Implied facts (one consistent value) and facts
  every value of which leaves everything as it is are never asked;
- expectations are taken over the consistent completions under a prior (:func:`_prior`):
  values equally likely, but the members of a set fact independent with one member expected,
  not every subset equally likely (that made a non-empty Annex III all but certain);
- the next question (default, ``Strategy.LOOKAHEAD``) looks one answer ahead: of the facts
  expected to settle most requirements (a beam of ``_BEAM``), the one after whose answer the
  fewest facts are expected to be still worth asking (the facts the open parts then depend
  on, exactly, on the restricted diagrams; ties: fewest open parts, then fewest answers). The
  answers looked at are the classes the diagrams in scope cannot tell apart (for Annex III:
  the groups of points the rules treat alike), each class of values equally likely. The
  benchmark (``benchmarks/interview.py``) compares it with the other strategies and with the
  order of ``open_questions``.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from .._base.errors import InputError
from .._base.messages import check_language, text
from .._language import ast as a
from . import mdd as _mdd
from .compiler import DEFAULT_REGIME, FactVars, Program, Regime
from .evaluate import Session
from .mdd import Node, Var
from .reading import Given, Reader

if TYPE_CHECKING:
    from .ruleset import FactInfo, Question, Report, RuleSet


_BOTH = 3  # both terminals reachable: the function is not constant


class Strategy(enum.Enum):
    """How the next question is chosen (the benchmark compares them; the default, LOOKAHEAD, asked fewest)."""

    EXPECTED = "expected"
    """Most requirements expected to be settled by the answer (exact model counts)."""
    TOUCHED = "touched"
    """Most open requirements whose open parts the fact can settle."""
    LOOKAHEAD = "lookahead"
    """Fewest facts expected to be still worth asking after the answer (one step of look-ahead)."""
    OPEN = "open"
    """Fewest requirements expected to be still open after the answer (one step of look-ahead)."""
    PARTS = "parts"
    """Fewest open parts (verdicts, outcome values) expected after the answer; ties: fewest options."""
    NAIVE = "naive"
    """The order of :attr:`Report.open_questions` (the baseline)."""


@attrs.frozen
class Option:
    """One possible answer: the value as ``evaluate()`` accepts it, and its text."""

    value: str | bool
    text: str


class _Except(Collection[Var]):
    """Every variable except some: what ``exists`` quantifies when projecting onto one fact."""

    def __init__(self, kept: Collection[Var]) -> None:
        self.kept = kept

    def __contains__(self, var: object) -> bool:
        return var not in self.kept

    def __iter__(self) -> Iterable[Var]:  # type: ignore[override]
        raise TypeError("not enumerable")

    def __len__(self) -> int:
        raise TypeError("not enumerable")


# what Interview._restrict takes after the node, for one answer of one fact (see Interview._fix)
_FixArgs = tuple[
    tuple[int | None, ...], int, dict[Node, Node], tuple[tuple[int | None, ...], dict[Node, Node], int] | None
]


@attrs.define
class _State:
    """The diagrams of one state of the interview."""

    values: tuple[int | None, ...]
    consistent: Node  # the completions of the askable facts consistent with the input
    askable: list[Var]  # the unknown variables of facts not skipped, ascending
    open: dict[str, list[Node]]  # per requirement its open components (skipped facts quantified away)
    ahead: list[list[Node]]  # the same without a component that is the complement of another one
    ahead_masks: list[list[int]] | None = None  # per part of ``ahead``: :meth:`Interview._fact_mask`


class Interview:
    """An interview over a rule set; see :meth:`RuleSet.interview`."""

    def __init__(
        self,
        ruleset: RuleSet,
        program: Program,
        reader: Reader,
        ids: list[str],
        system: object = None,
        labels: Iterable[str] | Mapping[str, Iterable[str]] | None = None,
        lang: str = "nl",
        strategy: Strategy = Strategy.LOOKAHEAD,
        op: datetime.date | None = None,
        regime: Regime = DEFAULT_REGIME,
    ) -> None:
        self._lang = check_language(lang)
        self.op = op
        """The reference date the report judges ``binds_on_date`` on (None: today, when the report is made)."""
        self.regime = regime
        """The regime of the report's dates."""
        self._ruleset, self._program, self._reader = ruleset, program, reader
        self._ids = ids
        self._strategy = strategy
        extra: dict[str, object] = {}
        if labels is not None:
            from .labels import label_facts, read_labels

            extra = label_facts(read_labels(labels))
        self._start: dict[str, Given] = dict(reader.read(system, None, extra).given)
        self._steps: list[tuple[str, Given | None]] = []  # None: skipped
        # Interviews share one overlay of the diagram (its lock held while working in it). Nodes
        # never change meaning, so what is worked out per node is kept for every interview in it:
        # most parts stay the same from one answer to the next, and from one respondent to the next.
        self._scratch = s = program.manager.workspace()
        self._lock = s.lock
        self._supports: dict[Node, frozenset[Var]] = s.memo("supports")  # the sessions' table too
        self._cofactors: dict[tuple[int, int], dict[int, int]] = s.memo("interview.outcomes")
        self._projections: dict[str, dict[Node, Node]] = s.memo("interview.projections")
        self._still: dict[tuple[Node, Node, str], Node] = s.memo("interview.still")
        self._reaches: dict[Node, int] = s.memo("interview.reaches")
        priors = s.memo("interview.prior")
        if not priors:
            priors[None] = _prior(program)
        self._prior: list[tuple[float, ...]] = priors[None]
        self._masses: dict[Node, float] = s.memo("interview.masses")
        self._fixed: dict[tuple[str, int], tuple[tuple[int | None, ...], dict[Node, Node]]] = s.memo("interview.fixed")
        self._fix_args: dict[tuple[str, int], _FixArgs] = s.memo("interview.fix-args")
        self._masks: dict[int, int] = s.memo("interview.masks")
        self._var_masks: dict[int, int] = s.memo("interview.var-masks")
        # the question chosen in a state, by strategy and the state's diagrams (see next_question)
        self._chosen: dict[tuple[object, ...], tuple[str, tuple[str, ...]]] = s.memo("interview.chosen")
        self._state: _State | None = None
        self._components: tuple[tuple[int | None, ...], Node, dict[str, list[Node]]] | None = None
        self._report: Report | None = None
        # inconsistent starting knowledge is an error now, not at the first question (the skips that
        # usually follow change the state, not the restricted components: the state waits for them)
        with self._lock:
            self._restricted()

    # --- what is known
    @property
    def facts(self) -> dict[str, Given]:
        """The starting facts and the answers: a description ``evaluate()`` and ``check`` accept."""
        found = dict(self._start)
        found.update((fact, value) for fact, value in self._steps if value is not None)
        return found

    @property
    def skipped(self) -> tuple[str, ...]:
        """The facts answered with "weet ik niet", in order."""
        return tuple(fact for fact, value in self._steps if value is None)

    @property
    def asked(self) -> tuple[str, ...]:
        """The facts answered or skipped so far, in order."""
        return tuple(fact for fact, _ in self._steps)

    @property
    def only(self) -> tuple[str, ...]:
        """The requirements in scope."""
        return tuple(self._ids)

    @property
    def report(self) -> Report:
        """The exact report for everything answered so far: ``evaluate(facts, only=…, op=…, regime=…)``."""
        if self._report is None:
            self._report = self._ruleset.evaluate(self.facts, only=self._ids, op=self.op, regime=self.regime)
        return self._report

    @property
    def open(self) -> tuple[str, ...]:
        """The requirements in scope whose verdict or outcomes further answers can still change."""
        return tuple(rid for rid, parts in self._state_now().open.items() if parts)

    @property
    def done(self) -> bool:
        """True when no verdict and no outcome in scope can change any more."""
        return not self.open

    # --- changing what is known
    def answer(self, fact: str, value: object) -> None:
        """Answer ``fact`` with ``value`` as ``evaluate()`` accepts it; :class:`InputError` when invalid
        (an unknown fact, a wrong type or value, or a value the other answers rule out)."""
        name = self._own_name(fact)
        facts = self.facts
        if name in facts:
            shown = _shown(facts[name])
            raise InputError(text("interview.given", name=name, value=shown), fact=name, value=value)
        candidate = {**facts, name: value}
        reading = self._reader.read(candidate)
        Session(self._program, reading, scratch=self._scratch)  # raises when inconsistent
        self._push((name, reading.given[name]))

    def skip(self, fact: str) -> None:
        """ "Weet ik niet": the fact stays unknown and is never asked again."""
        name = self._own_name(fact)
        if name in self.facts:
            raise InputError(text("interview.given", name=name, value=_shown(self.facts[name])), fact=name)
        if name not in self._program.facts:
            raise InputError(text("interview.not-asked", name=name), fact=name)
        if name not in self.skipped:
            self._push((name, None))

    def undo(self) -> str:
        """Take the last answer or skip back; returns its fact. :class:`InputError` when there is none."""
        if not self._steps:
            raise InputError(text("interview.nothing-to-undo"), fact=None)
        fact, _ = self._steps.pop()
        self._changed()
        return fact

    def _own_name(self, fact: str) -> str:
        name = self._reader.keys.get(fact) if isinstance(fact, str) else None
        if name is None:
            raise self._reader.unknown(fact)
        return name

    def _push(self, step: tuple[str, Given | None]) -> None:
        self._steps.append(step)
        self._changed(facts=step[1] is not None)

    def _changed(self, facts: bool = True) -> None:
        """Forget the state; ``facts``: the facts changed too (a skip changes neither them nor the report)."""
        self._state = None
        if facts:
            self._components = None
            self._report = None

    # --- the diagrams of the current state
    def _state_now(self) -> _State:
        with self._lock:
            if self._state is None:
                self._state = self._analyse()
            return self._state

    def _restricted(self) -> tuple[tuple[int | None, ...], Node, dict[str, list[Node]]]:
        """The answers' assignment, the constraints and each requirement's components before the
        skipped facts are quantified away: kept while only skips are added (they change none of it)."""
        if self._components is not None:
            return self._components
        program, s = self._program, self._scratch
        reading = self._reader.read(self.facts)
        session = Session(program, reading, scratch=s)
        restrict = session.restrict  # its memo is the report's too (the same assignment)
        constraint = session.constraint
        found: dict[str, list[Node]] = {}
        for rid in self._ids:
            req = program.requirements[rid]
            applies = restrict(req.applies)
            hold = s.and_(constraint, applies)
            parts = [hold, s.and_(constraint, s.not_(applies))]
            if hold != _mdd.FALSE:
                for nodes in req.outcomes.values():
                    parts.extend(s.and_(hold, restrict(n)) for n in nodes.values.values())
            found[rid] = parts
        self._components = (reading.values, constraint, found)
        return self._components

    def _analyse(self) -> _State:
        program, s = self._program, self._scratch
        values, constraint, components = self._restricted()
        skipped = {v for name in self.skipped for v in program.facts[name].variables if values[v] is None}
        exists_memo = self._skipped_memo(frozenset(skipped)) if skipped else {}

        def project(node: Node) -> Node:
            return s.exists(node, skipped, exists_memo) if skipped else node

        consistent = project(constraint)
        askable = [Var(v) for v, known in enumerate(values) if known is None and v not in skipped]
        found: dict[str, list[Node]] = {}
        for rid, parts in components.items():
            opened = []
            for part in parts:
                projected = project(part)
                if projected != _mdd.FALSE and s.and_(consistent, s.not_(projected)) != _mdd.FALSE:
                    opened.append(projected)
            found[rid] = opened
        # "can apply" and "can fail to apply" are each other's complement when nothing constrains
        # or is skipped: they open and close together and depend on the same facts
        ahead = [
            parts[1:] if len(parts) > 1 and consistent == _mdd.TRUE and s.not_(parts[0]) == parts[1] else parts
            for parts in found.values()
            if parts
        ]
        return _State(values, consistent, askable, found, ahead)

    def _skipped_memo(self, skipped: frozenset[Var]) -> dict[Node, Node]:
        """The memo of quantifying ``skipped`` away (``exists``), a pure function of the node: shared
        by the states with the same skipped variables (one respondent's steps after a skip, and
        others who skipped the same), for the last :data:`SKIPPED_SETS` sets (under the overlay's lock)."""
        table: dict[frozenset[Var], dict[Node, Node]] = self._scratch.memo("interview.exists")
        found = table.pop(skipped, None)  # taken out and put back: the most recent last
        if found is None:
            found = {}
            while len(table) >= SKIPPED_SETS:
                del table[next(iter(table))]
        table[skipped] = found
        return found

    # --- choosing the next question
    def next_question(self) -> Question | None:
        """The next question, or None when every verdict and outcome in scope is settled."""
        with self._lock:
            state = self._state_now()
            if not any(state.open.values()):
                return None
            # The choice is a function of the strategy and the state's diagrams alone (they mention
            # only the facts still askable), so it is kept: respondents who reach the same state,
            # common early on, get it as a lookup. The naive order reads the report instead.
            key: tuple[object, ...] | None = None
            if self._strategy is not Strategy.NAIVE:
                key = (self._strategy, state.consistent, *((rid, *parts) for rid, parts in state.open.items()))
            chosen = self._chosen.get(key) if key is not None else None
            if chosen is None:
                chosen = self._choose(state)
                if key is not None:
                    self._chosen[key] = chosen
            return self._question(state, *chosen)

    def _choose(self, state: _State) -> tuple[str, tuple[str, ...]]:
        """The fact to ask next and the requirements its answer can settle."""
        candidates = self._candidates(state)
        scored = {name: self._score(state, name) for name in candidates}
        useful = {name: found for name, found in scored.items() if found[1]}
        if not useful:  # only facts that matter together with others (an exclusive or): still ask
            useful = {name: found for name, found in scored.items() if self._relevant(state, name)}
        if not useful:  # constraints that tie facts together so that no one fact can flip an answer alone
            useful = dict.fromkeys(candidates, (0.0, ()))
        if self._strategy in _LOOKING_AHEAD and len(useful) > 1:
            # look ahead only at the facts expected to settle most (a beam): each look-ahead
            # restricts every open part once per answer
            beam = sorted(useful, key=lambda n: (-useful[n][0], -len(useful[n][1]), program_index(self._program, n)))
            ahead = {name: self._ahead(state, name) for name in beam[:_BEAM]}
            strategy = self._strategy

            def key(n: str) -> tuple[float, ...]:
                reqs, parts, facts, answers = ahead[n]
                if strategy is Strategy.LOOKAHEAD:
                    return facts, parts, reqs, answers, program_index(self._program, n)
                if strategy is Strategy.OPEN:
                    return reqs, facts, -len(useful[n][1]), program_index(self._program, n)
                return parts, answers, facts, program_index(self._program, n)

            choice = min(ahead, key=key)
        elif self._strategy is Strategy.NAIVE:
            ranked = [q.fact for q in self.report.open_questions if q.fact in useful]
            choice = ranked[0] if ranked else min(useful, key=lambda n: program_index(self._program, n))
        elif self._strategy is Strategy.TOUCHED:
            choice = min(useful, key=lambda n: (-len(useful[n][1]), -useful[n][0], program_index(self._program, n)))
        else:
            choice = min(useful, key=lambda n: (-useful[n][0], -len(useful[n][1]), program_index(self._program, n)))
        settles = useful[choice][1] or tuple(rid for rid, parts in state.open.items() if parts)
        return choice, settles

    def _mass(self, node: Node) -> float:
        """The probability of ``node`` under the prior (:func:`_prior`): a weighted model count."""
        if node <= _mdd.TRUE:
            return float(node)
        found = self._masses.get(node)
        if found is None:
            s = self._scratch
            weights = self._prior[s.var[node]]
            found = sum(w * self._mass(kid) for w, kid in zip(weights, s.kids[node], strict=True) if w)
            self._masses[node] = found
        return found

    def _answers(self, state: _State, name: str) -> list[tuple[float, int]]:
        """The answers to ``name`` looked ahead at, as (probability, key of :meth:`_fix`), one per
        class of answers the diagrams in scope cannot tell apart (:meth:`_classes`). A one-variable
        fact: its values, each class of them equally likely (the distinct behaviours, not the raw
        values: four kinds of article 6(3) exception that every rule in scope treats alike weigh
        as much as "none"). A set fact: the empty set and each single member under the prior of
        independent members (most of the probability: a set usually has few members)."""
        fact = self._program.facts[name]
        keys = range(fact.arity) if fact.var_count == 1 else range(fact.var_count + 1)
        weights: dict[int, float] = {}
        classes = self._classes(state, fact)
        sizes: dict[int, int] = {}
        for key in keys:
            sizes[classes[key]] = sizes.get(classes[key], 0) + 1
        for key in keys:
            # one-variable fact: each behaviour equally likely, its values sharing its share
            single = fact.var_count == 1
            weight = 1.0 / (len(sizes) * sizes[classes[key]]) if single else self._answer_prior(fact, key)
            if state.consistent != _mdd.TRUE:
                weight *= self._mass(self._fix(name, key, state.consistent))
            if weight > 0:
                first = classes[key]
                weights[first] = weights.get(first, 0.0) + weight
        total = sum(weights.values())
        return [(w / total, key) for key, w in weights.items()]

    def _classes(self, state: _State, fact: FactVars) -> dict[int, int]:
        """Each answer key (a value; for a set fact: empty, or one member) mapped to the first key
        that leads every open part and the constraints to the same diagram. A fact's variables
        are adjacent, so a path tests them in one stretch: two answers are alike exactly when
        every node where a path enters that stretch ends at the same node below it."""
        s = self._scratch
        first, last = fact.first_var, fact.variables[-1]
        entries: set[Node] = set()
        seen: set[Node] = set()
        stack = [state.consistent, *(part for parts in state.ahead for part in parts)]
        while stack:
            node = stack.pop()
            if node <= _mdd.TRUE or node in seen or s.var[node] > last:
                continue
            seen.add(node)
            if s.var[node] >= first:
                entries.add(node)
            else:
                stack.extend(s.kids[node])
        ordered = sorted(entries)
        found: dict[tuple[int, ...], int] = {}
        classes: dict[int, int] = {}
        if fact.var_count == 1:
            for value in range(fact.arity):
                classes[value] = found.setdefault(tuple(s.kids[node][value] for node in ordered), value)
            return classes
        # The path of "only member k" is the empty set's path (every member absent) until that
        # path meets member k, then takes "present" once and goes on absent: each entry's path of
        # absences is walked once, not once per member.
        var, kids = s.var, s.kids
        keys = fact.var_count + 1
        ends: list[list[Node]] = [[] for _ in range(keys)]
        for entry in ordered:
            on: dict[int, Node] = {}
            node = entry
            while node > _mdd.TRUE and var[node] <= last:
                on[var[node]] = node
                node = kids[node][0]
            empty = node
            ends[0].append(empty)
            for key in range(1, keys):
                at = on.get(first + key - 1)
                if at is None:
                    ends[key].append(empty)
                    continue
                node = kids[at][1]
                while node > _mdd.TRUE and var[node] <= last:
                    node = kids[node][0]
                ends[key].append(node)
        for key in range(keys):
            classes[key] = found.setdefault(tuple(ends[key]), key)
        return classes

    def _answer_prior(self, fact: FactVars, key: int) -> float:
        if fact.var_count == 1:
            return self._prior[fact.first_var][key]
        absent = 1.0
        for var in fact.variables:
            absent *= self._prior[var][0]
        if key == 0:
            return absent
        var = fact.element(key - 1)
        return absent / self._prior[var][0] * self._prior[var][1]

    def _fix(self, name: str, key: int, node: Node) -> Node:
        """``node`` with the fact answered: value ``key`` of a one-variable fact; for a set fact
        key 0 = empty, k = only member k - 1."""
        args = self._fix_args.get((name, key))
        if args is not None:
            return self._restrict(node, *args)
        fixed = self._fixed.get((name, key))
        if fixed is None:
            fact = self._program.facts[name]
            values: list[int | None] = [None] * len(self._prior)
            if fact.var_count == 1:
                values[fact.first_var] = key
            else:
                for i, var in enumerate(fact.variables):
                    values[var] = 1 if i == key - 1 else 0
            fixed = self._fixed[(name, key)] = (tuple(values), {})
        fact = self._program.facts[name]
        if fact.var_count > 1 and key:
            # only member k - 1: where that member is not tested, the same as the empty set
            empty = self._fixed.get((name, 0))
            if empty is None:
                self._fix(name, 0, _mdd.TRUE)
                empty = self._fixed[(name, 0)]
            member = 1 << (fact.first_var + key - 1)
            args = self._fix_args[(name, key)] = (fixed[0], 1 << fact.index, fixed[1], (empty[0], empty[1], member))
        else:
            args = self._fix_args[(name, key)] = (fixed[0], 1 << fact.index, fixed[1], None)
        return self._restrict(node, *args)

    def _restrict(
        self,
        node: Node,
        values: tuple[int | None, ...],
        bit: int,
        memo: dict[Node, Node],
        otherwise: tuple[tuple[int | None, ...], dict[Node, Node], int] | None = None,
    ) -> Node:
        """``Manager.restrict`` by one fact's values (``bit``: the fact's) that leaves a node that
        does not depend on the fact as it is; ``otherwise``: the restriction to use for a node that
        does not test a variable (its values, memo and a bit for the variable)."""
        # the common cases first, before any closure is made: a node done before (memo), and
        # one that does not depend on the fact (it tests none of its variables, so it stays)
        if node <= _mdd.TRUE:
            return node
        done = memo.get(node)
        if done is not None:
            return done
        if not self._fact_mask(node) & bit:
            return node
        s = self._scratch
        var, kids = s.var, s.kids
        fact_mask, var_mask = self._fact_mask, self._var_mask

        def follow(k: Node) -> Node:
            while k > _mdd.TRUE:
                value = values[var[k]]
                if value is None:
                    break
                k = kids[k][value]
            return k

        def known(k: Node) -> Node | None:
            """The result for ``k`` (past the fact's variables) when it needs no rebuilding."""
            if k <= _mdd.TRUE:
                return k
            done = memo.get(k)
            if done is not None:
                return done
            if not fact_mask(k) & bit:
                return k
            if otherwise is not None and not var_mask(k) & otherwise[2]:
                done = memo[k] = self._restrict(k, otherwise[0], bit, otherwise[1])
                return done
            return None

        root = follow(node)
        done = known(root)
        if done is not None:
            memo[node] = done
            return done
        # the nodes to rebuild, each with its children's results or None (rebuilt too); then built
        # deepest first (a child tests a later variable than its parent)
        children: dict[Node, list[tuple[Node, Node | None]]] = {}
        stack = [root]
        while stack:
            n = stack.pop()
            found = []
            for kid in kids[n]:
                k = follow(kid)
                result = known(k)
                found.append((k, result))
                if result is None and k not in children:
                    children[k] = found  # a placeholder until it is visited
                    stack.append(k)
            children[n] = found
        mk = s.mk
        for n in sorted(children, key=var.__getitem__, reverse=True):
            memo[n] = mk(var[n], tuple([memo[k] if r is None else r for k, r in children[n]]))
        result = memo[node] = memo[root]  # the node's result is its followed root's
        return result

    def _var_mask(self, node: int) -> int:
        """The variables ``node`` depends on, a bit per variable."""
        if node <= _mdd.TRUE:
            return 0
        found = self._var_masks.get(node)
        if found is None:
            s = self._scratch
            found = 1 << s.var[node]
            for kid in s.kids[node]:
                found |= self._var_mask(kid)
            self._var_masks[node] = found
        return found

    def _ahead(self, state: _State, name: str) -> tuple[float, float, float, int]:
        """Looking one answer ahead: the expected number of requirements still open, of open parts,
        and of facts still worth asking (those the open parts depend on); and the number of answers."""
        s = self._scratch
        answers = self._answers(state, name)
        masks = state.ahead_masks
        if masks is None:
            masks = state.ahead_masks = [[self._fact_mask(part) for part in found] for found in state.ahead]
        bit = 1 << self._program.facts[name].index
        reqs = parts = facts = 0.0
        for weight, key in answers:
            consistent = self._fix(name, key, state.consistent)
            args = self._fix_args[(name, key)]
            restrict, fact_mask = self._restrict, self._fact_mask
            open_reqs = open_parts = relevant = 0
            for found, found_masks in zip(state.ahead, masks, strict=True):
                opened = False
                for part, mask in zip(found, found_masks, strict=True):
                    if consistent == _mdd.TRUE and not mask & bit:
                        # the answer leaves the part as it is, an open part (neither FALSE nor TRUE)
                        opened = True
                        open_parts += 1
                        relevant |= mask
                        continue
                    after = restrict(part, *args)  # _fix of the part
                    if after == _mdd.FALSE or (after == _mdd.TRUE and consistent == _mdd.TRUE):
                        continue
                    if consistent != _mdd.TRUE and s.and_(consistent, s.not_(after)) == _mdd.FALSE:
                        continue
                    opened = True
                    open_parts += 1
                    relevant |= fact_mask(after)
                open_reqs += opened
            reqs += weight * open_reqs
            parts += weight * open_parts
            facts += weight * relevant.bit_count()
        # rounded, so that equal expectations summed in another order tie as they should
        return round(reqs, 9), round(parts, 9), round(facts, 9), len(answers)

    def _fact_mask(self, node: int) -> int:
        """The facts ``node`` depends on, a bit per fact index (in a reduced diagram: the facts of
        the nodes it reaches)."""
        if node <= _mdd.TRUE:
            return 0
        found = self._masks.get(node)
        if found is None:
            s = self._scratch
            found = 1 << self._program.var_fact[s.var[node]].index
            for kid in s.kids[node]:
                found |= self._fact_mask(kid)
            self._masks[node] = found
        return found

    def _support(self, node: Node) -> frozenset[Var]:
        found = self._supports.get(node)
        if found is None:
            found = self._supports[node] = frozenset(self._scratch.support(node))
        return found

    def _candidates(self, state: _State) -> list[str]:
        program = self._program
        support = set(self._support(state.consistent))
        for parts in state.open.values():
            for part in parts:
                support |= self._support(part)
        names = {program.var_fact[v].name for v in support if state.values[v] is None}
        return sorted(names, key=lambda n: program_index(program, n))

    def _score(self, state: _State, name: str) -> tuple[float, tuple[str, ...]]:
        """The requirements expected to be settled by answering ``name``, and those it can settle."""
        program, s = self._program, self._scratch
        fact = program.facts[name]
        own = frozenset(fact.variables)
        consistent = state.consistent
        coupled = bool(own & self._support(consistent))
        if coupled and _single_value(s, self._project(consistent, name), fact):
            return 0.0, ()  # implied: only one value is possible
        total = self._mass(consistent)
        expected = 0.0
        settles: list[str] = []
        for rid, parts in state.open.items():
            remaining = _mdd.FALSE  # the values of the fact after which something stays open
            touched = False
            for part in parts:
                if not coupled and not (own & self._support(part)):
                    remaining = _mdd.TRUE
                    break
                touched = True
                remaining = s.or_(remaining, self._still_open(part, consistent, name))
            if not touched:
                continue
            left = self._mass(s.and_(consistent, remaining)) / total
            if left < 1.0:
                expected += 1.0 - left
                settles.append(rid)
        return expected, tuple(settles)

    def _reach(self, node: Node) -> int:
        """Which terminals a node's paths end in: 1 = FALSE, 2 = TRUE, 3 = both (read, never built)."""
        found = self._reaches.get(node)
        if found is None:
            if node <= _mdd.TRUE:
                return 1 << node
            found = 0
            for kid in self._scratch.kids[node]:
                found |= self._reach(kid)
                if found == _BOTH:
                    break
            self._reaches[node] = found
        return found

    def _outcomes(self, node: Node, var: Var, value: int) -> int:
        """:meth:`_reach` of ``node`` with ``var`` fixed to ``value``: whether that cofactor is
        constant, found without building it (paths of an ordered diagram test a variable once)."""
        s = self._scratch
        if node <= _mdd.TRUE or s.var[node] > var:
            return self._reach(node)
        if s.var[node] == var:
            return self._reach(s.kids[node][value])
        memo = self._cofactors.setdefault((var, value), {})
        found = memo.get(node)
        if found is None:
            found = 0
            for kid in s.kids[node]:
                found |= self._outcomes(kid, var, value)
                if found == _BOTH:
                    break
            memo[node] = found
        return found

    def _project(self, node: Node, name: str) -> Node:
        """``node`` with every variable but the fact's quantified away."""
        memo = self._projections.setdefault(name, {})
        found = memo.get(node)
        if found is None:
            fact = self._program.facts[name]
            if fact.var_count == 1:
                # a function of one variable: the values under which some path reaches TRUE,
                # read off the cofactors without building them (the same node as exists gives)
                var = fact.first_var
                opened = [v for v in range(fact.arity) if self._outcomes(node, var, v) & 2]
                found = memo[node] = self._scratch.literal(var, opened)
            else:
                found = self._scratch.project(node, fact.first_var, fact.variables[-1], memo)
        return found

    def _still_open(self, part: Node, consistent: Node, name: str) -> Node:
        """The values of the fact after which ``part`` is still open, as a diagram over its variables."""
        key = (part, consistent, name)
        found = self._still.get(key)
        if found is None:
            s, fact = self._scratch, self._program.facts[name]
            if consistent == _mdd.TRUE and fact.var_count == 1:
                var = fact.first_var
                opened = [v for v in range(fact.arity) if self._outcomes(part, var, v) == _BOTH]
                found = s.literal(var, opened)
            else:
                yes = self._project(part, name)
                no = self._project(s.and_(consistent, s.not_(part)), name)
                found = s.and_(yes, no)
            self._still[key] = found
        return found

    def _relevant(self, state: _State, name: str) -> bool:
        """Whether, for some values of the other facts, changing this fact alone turns an open part
        from possible to impossible (it matters, if only together with other answers)."""
        s = self._scratch
        own = set(self._program.facts[name].variables)
        for parts in state.open.values():
            for part in parts:
                yes = s.exists(part, own, {})
                no = s.exists(s.and_(state.consistent, s.not_(part)), own, {})
                if s.and_(yes, no) != _mdd.FALSE:
                    return True
        return False

    def _question(self, state: _State, name: str, settles: tuple[str, ...]) -> Question:
        from .ruleset import Question

        info = self._ruleset.facts[name]
        wording, help_ = question_texts(info, self._lang)
        return Question(
            name,
            settles,
            text=wording,
            help=help_,
            kind=info.kind,
            options=self._options(name, state),
            sources=info.sources,
        )

    def options(self, name: str, state: _State | None = None) -> tuple[Option, ...]:
        """The answers a question about ``name`` offers: its values the other facts still allow
        (for a set fact: the members that may still be present)."""
        with self._lock:
            return self._options(name, state or self._state_now())

    def _options(self, name: str, state: _State) -> tuple[Option, ...]:
        s, fact = self._scratch, self._program.facts[name]
        info = self._ruleset.facts[name]
        lang = self._lang
        consistent = state.consistent

        def allowed(var: Var, value: int) -> bool:
            return consistent == _mdd.TRUE or s.cofactor(consistent, var, value, {}) != _mdd.FALSE

        def shown(value: str) -> str:
            return option_text(info, value, lang)

        if fact.kind is a.TypeKind.BOOL:
            yes, no = text("word.yes").render(lang), text("word.no").render(lang)
            return tuple(
                Option(v == 1, label)
                for v, label in ((1, yes), (0, no))
                if allowed(fact.first_var, v)  # bool values: 0 = nee, 1 = ja
            )
        if fact.kind is a.TypeKind.ENUM:
            return tuple(Option(v, shown(v)) for i, v in enumerate(fact.values) if allowed(fact.first_var, i))
        if fact.kind is a.TypeKind.SET:
            return tuple(Option(v, shown(v)) for i, v in enumerate(fact.values) if allowed(fact.element(i), 1))
        return ()


_BEAM = 6
SKIPPED_SETS = 8
"""How many sets of skipped facts an overlay keeps the quantified diagrams of (the most recent)."""
_LOOKING_AHEAD = (Strategy.LOOKAHEAD, Strategy.OPEN, Strategy.PARTS)


def _prior(program: Program) -> list[tuple[float, ...]]:
    """The probability of each value of each variable the look-ahead assumes: the values of a
    yes/no, one-of or date fact equally likely; the members of a set fact independent, each
    present with probability 1/n (n members; at most 1/2), so that a set has one member on
    average, not half of them as when every subset is equally likely."""
    prior: list[tuple[float, ...]] = []
    for v, arity in enumerate(program.manager.arities):
        fact = program.var_fact[v]
        if fact.kind is a.TypeKind.SET:
            present = min(0.5, 1.0 / fact.var_count)
            prior.append((1.0 - present, present))
        else:
            prior.append(tuple([1.0 / arity] * arity))
    return prior


def question_texts(info: FactInfo, lang: str) -> tuple[str, str | None]:
    """How a fact is asked (its ``vraag``, else its description or name) and its help (``uitleg``)."""
    wording = info.question.render(lang) if info.question is not None else (info.description or info.name)
    return wording, info.help.render(lang) if info.help is not None else None


def option_text(info: FactInfo, value: str, lang: str) -> str:
    """The text of one value of a fact as an answer: its ``waarde`` text, else the value itself."""
    wording = info.value_texts.get(value)
    return wording.render(lang) if wording is not None else value


def program_index(program: Program, name: str) -> int:
    return program.facts[name].index


def _single_value(s: _mdd.Manager, node: Node, fact: FactVars) -> bool:
    """Whether the projection of the consistent completions onto a fact leaves one value."""
    return s.count(node, list(fact.variables)) == 1


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(value)) + "}"
    return str(value)


__all__: Sequence[str] = ("Interview", "Option", "Strategy")
