"""The public rule-set API: load files, evaluate systems, read results."""

from __future__ import annotations

import bisect
import datetime
import enum
import functools
import os
import threading
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, Sequence, ValuesView
from operator import itemgetter
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from .._base.errors import AlgokaderError, Diagnostic, InputError, RuleError, Severity
from .._base.messages import text
from .._base.resources import bundled_requirements
from .._base.source import read_file, rule_files_in
from .._language import ast as a
from .._language.checker import Model, check
from . import mdd as _mdd
from .compiler import DEFAULT_REGIME, Program, Regime, RequirementProgram, StartNodes, Value, compile_model
from .evaluate import VERDICT_OF, Session, Truth, Verdict
from .maatregelen import (
    MAATREGELEN_FILE,
    Catalogue,
    FollowingMaatregel,
    Maatregel,
    by_requirement,
    check_maatregelen,
    following,
    groups_json,
    read_maatregelen,
)
from .mdd import Node, Var
from .reading import Given, Reader
from .values import (
    EffectiveDate,
    LegalSource,
    dumps,
    effective_dates,
    json_scalar,
    json_string,
    json_strings,
    legal_sources,
    plain,
)

if TYPE_CHECKING:  # imported where used: loading does not need them
    from importlib.resources.abc import Traversable

    from .analysis import Analysis, LabelComparison
    from .diff import Diff
    from .explain import Explainer, Explanation
    from .interview import Interview, Option, Strategy
    from .labels import Labels
    from .predicates import CompiledPredicate, Decision
    from .timeline import Timeline
    from .tree import DecisionTree


@attrs.frozen
class FactInfo:
    """One entry of the vocabulary: a fact callers give, or a definition they may give instead."""

    name: str
    kind: a.TypeKind
    values: tuple[str, ...]
    description: str | None
    sources: tuple[LegalSource, ...]
    derived: bool
    question: a.Wording | None = None
    """How an interview asks for the fact (``vraag``); None for derived facts."""
    help: a.Wording | None = None
    """What the term means, with its article (``uitleg``)."""
    value_texts: Mapping[str, a.Wording] = attrs.field(factory=dict)
    """Short texts for values that are not self-explanatory (``waarde``), by value."""
    dates: tuple[datetime.date, ...] = ()
    """For a date fact: the dates the rules compare it with, in order (the edges worth testing)."""


@attrs.frozen
class RequirementInfo:
    """A requirement's metadata as written in its file."""

    id: str
    urn: str
    title: str
    explanation: str | None
    sources: tuple[LegalSource, ...]
    lifecycle: tuple[str, ...]
    topics: tuple[str, ...]
    roles: tuple[str, ...]
    labels: dict[str, tuple[str, ...]]
    effective: tuple[EffectiveDate, ...]
    deviations: tuple[str, ...]
    outcomes: dict[str, type[enum.Enum] | type[bool]]
    path: str
    line: int


@attrs.frozen
class Start:
    """A ``geldt vanaf`` line that governs a system: from when the requirement binds it and why."""

    date: datetime.date | None
    """The first day it binds; None for ``geldt niet``: it binds this system on no date (yet)."""
    source: str
    """The legal basis as written (Art. 113, Art. 111, the digital omnibus, …)."""
    status: str | None
    """The status of that basis (``aangenomen`` for the omnibus), None when written without one."""
    path: str
    line: int


def _start(line: a.EffectiveDate) -> Start:
    status = line.status.text if line.status is not None else None
    return Start(line.date, line.source, status, line.span.path, line.span.line)


class _Timing:
    """The time dimension of one result, worked out when first asked for (under the session's lock)."""

    __slots__ = ("binds_on_date", "depends_on", "json", "possible", "unbound")

    def __init__(self, session: Session, program: RequirementProgram, starts: StartNodes, node: Node) -> None:
        """``node``: where the requirement binds on the reference date (:meth:`StartNodes.binds_on`)."""
        self.json: str | None = None  # its part of the report's JSON entry, made when first asked for
        self.binds_on_date = session.truth(node)
        region = session.region(program.applies)
        options: dict[Value, Node] = {str(i): fire for i, fire in enumerate(starts.fires)}
        options["-"] = starts.unbound
        # a file whose lines all fail to count under this regime still has a start: none (binds on no date)
        keys = session.possible(region, options) if starts.lines or starts.unbound != _mdd.FALSE else []
        self.possible = tuple(_start(starts.lines[int(k)]) for k in keys if k != "-")
        self.unbound = "-" in keys  # some completion falls under no line: binds on no date
        pairs = [session.split(node)] if self.binds_on_date is Truth.UNKNOWN else []
        if len(keys) > 1:
            pairs.extend(session.split(options[k], region) for k in keys)
        self.depends_on = session.dependencies(pairs)

    @classmethod
    def never(cls) -> _Timing:
        """The time dimension of a requirement that does not apply: it binds on no date (every
        ``binds`` node lies inside ``applies``, so each of the questions above has the empty answer)."""
        timing = cls.__new__(cls)
        timing.binds_on_date, timing.possible, timing.unbound, timing.depends_on = Truth.FALSE, (), False, ()
        timing.json = None
        return timing

    @property
    def binds_from(self) -> Start | None:
        """The one line that governs in every completion, else None (see :attr:`Result.binds_from`)."""
        return self.possible[0] if len(self.possible) == 1 and not self.unbound else None

    def as_json(self) -> str:
        """Its fields of the report's JSON entry (``"binds_on_date"`` to ``"binds_depends_on"``), as text."""
        found = self.json
        if found is None:
            found = self.json = _time_json(self.binds_on_date, self.binds_from, self.possible, self.depends_on)
        return found


_NEVER = _Timing.never()


class _TimeKey:
    """What a requirement's time dimension under one regime is a function of besides the constraints,
    found once per rule set: the ``binds`` node of each reference date, and the known values of the
    variables its diagrams mention. Results that agree on these share one :class:`_Timing`."""

    __slots__ = ("days", "nodes", "read")

    def __init__(self, manager: _mdd.Manager, program: RequirementProgram, starts: StartNodes) -> None:
        self.days = tuple(day for day, _ in starts.binds)  # bisected per result: not rebuilt per call
        self.nodes = tuple(node for _, node in starts.binds)
        mentioned: set[Var] = set()
        for node in (program.applies, starts.unbound, *starts.fires, *self.nodes):
            mentioned |= manager.support(node)
        ordered = sorted(mentioned)
        self.read: Callable[[Sequence[int | None]], Any] = itemgetter(*ordered) if ordered else _no_values

    def binds_on(self, day: datetime.date) -> Node:
        """:meth:`StartNodes.binds_on`."""
        i = bisect.bisect_right(self.days, day)
        return self.nodes[i - 1] if i else _mdd.FALSE


def _no_values(values: Sequence[int | None]) -> tuple[()]:
    return ()


def _timing(session: Session, shape: _Shape, program: RequirementProgram, regime: Regime, op: datetime.date) -> _Timing:
    """The time dimension of a result that may apply: a function of the ``binds`` node, the
    constraints and the known values :class:`_TimeKey` reads (each of its parts restricts the
    requirement's diagrams to the known values, or walks them, within the constraints), so it is
    kept with the overlay, for every report in it that meets the same (most requirements stay the
    same from one interview answer to the next)."""
    starts = program.starts[regime]
    keys = shape.time_keys.get(regime)
    if keys is None:
        keys = shape.time_keys[regime] = _TimeKey(session.manager, program, starts)
    node = keys.binds_on(op)
    scratch = session.scratch
    with scratch.lock:
        memo: dict[tuple[str, Regime, Node, Node, Any], _Timing] = scratch.memo("timing")
        # the constraints (derived facts, labels) bear on it too: their diagram, already restricted
        # to the known values, is a node of the same overlay
        key = (shape.info.id, regime, node, session.constraint, keys.read(session.values))
        found = memo.get(key)
        if found is None:
            found = memo[key] = _Timing(session, program, starts, node)
        return found


class _Shape:
    """What every result of one requirement shares, worked out once per rule set."""

    __slots__ = (
        "applies",
        "info",
        "json_head",
        "json_sources",
        "kinds",
        "names",
        "nothing",
        "program",
        "time_keys",
        "unset",
    )

    def __init__(self, info: RequirementInfo, program: RequirementProgram) -> None:
        self.info = info
        self.program = program
        self.applies = program.applies
        self.names = tuple(program.outcomes)
        # per outcome: its name, the type of its values and the diagram of each value
        self.kinds = tuple((name, info.outcomes[name], choice.values) for name, choice in program.outcomes.items())
        # the outcomes of every result in which no completion picks a value, shared (so read-only):
        # each outcome undetermined, with no possible values (also its keys: the empty tuple)
        self.unset: Mapping[str, Any] = MappingProxyType(dict.fromkeys(self.names))
        self.nothing: Mapping[str, tuple[Any, ...]] = MappingProxyType(dict.fromkeys(self.names, ()))
        # the parts of the report's JSON entry that are the same in every report
        fixed = (("id", info.id), ("urn", info.urn), ("title", info.title))
        self.json_head = "{" + "".join(f"{json_string(k)}:{json_string(v)}," for k, v in fixed) + '"verdict":'
        self.json_sources = ',"sources":' + dumps([s.as_dict() for s in info.sources])
        self.time_keys: dict[Regime, _TimeKey] = {}  # made when first needed (loading does not need them)


class _Context:
    """What every result of one report shares: the session's explainer, the report's lock, the
    reference date and the regime (``None``: not judged in time, labels mode)."""

    __slots__ = ("explainer", "lock", "time")

    def __init__(self, explainer: Explainer, lock: threading.RLock, time: tuple[datetime.date, Regime] | None) -> None:
        self.explainer = explainer
        self.lock = lock  # the lazy work of all the report's results shares one session
        self.time = time


class Result:
    """The answer for one requirement and one system.

    ``depends_on`` and the explanation are worked out when first asked for, so a caller who
    only needs verdicts does not pay for them.
    """

    __slots__ = (
        "_choices",
        "_context",
        "_depends_on",
        "_labels_node",
        "_labels_verdict",
        "_outcome_depends_on",
        "_shape",
        "_timing",
        "outcomes",
        "possible_outcomes",
        "requirement",
        "verdict",
    )

    def __init__(
        self,
        shape: _Shape,
        verdict: Verdict,
        outcomes: Mapping[str, Any],
        possible_outcomes: Mapping[str, tuple[Any, ...]],
        choices: Mapping[str, Sequence[Value]],
        context: _Context,
        labels_verdict: Verdict | None = None,
        labels_node: Node | None = None,
    ) -> None:
        self._shape = shape
        self.requirement = shape.info
        self._context = context
        self._timing: _Timing | None = None
        self.verdict = verdict
        self._labels_verdict = labels_verdict
        self._labels_node = labels_node  # the label profile's diagram, judged when first asked for
        self.outcomes: Mapping[str, Any] = outcomes
        """Each outcome's value, or ``None`` while undetermined (or when the requirement does not apply)."""
        self.possible_outcomes: Mapping[str, tuple[Any, ...]] = possible_outcomes
        """Each outcome's values that some completion of the unknown facts gives."""
        self._choices = choices
        # only an UNKNOWN verdict has facts that would settle it
        self._depends_on: tuple[str, ...] | None = None if verdict is Verdict.UNKNOWN else ()
        self._outcome_depends_on: dict[str, tuple[str, ...]] | None = None

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!s}" for k, v in self.outcomes.items())
        return f"<Result {self.id}: {self.verdict.value}{'; ' + shown if shown else ''}>"

    @property
    def id(self) -> str:
        return self.requirement.id

    @property
    def labels_verdict(self) -> Verdict | None:
        """The verdict of the Algoritmekader's label filter for the same system (None without a label profile)."""
        if self._labels_node is not None:
            session = self._context.explainer.session
            with self._context.lock:  # another thread may be judging it right now
                node = self._labels_node
                if node is not None:
                    self._labels_verdict = VERDICT_OF[session.truth(node)]
                    self._labels_node = None
        return self._labels_verdict

    @property
    def deviation(self) -> str | None:
        """The file's documented deviation when the law and the labels contradict each other, else None."""
        if {self.verdict, self.labels_verdict} == {Verdict.APPLIES, Verdict.DOES_NOT_APPLY}:
            return " ".join(self.requirement.deviations) or None
        return None

    @property
    def _lock(self) -> threading.RLock:
        """Its report's: the lazy work of all its results shares one session."""
        return self._context.lock

    @property
    def _requirement_program(self) -> RequirementProgram:
        """The requirement in the session's program (the label profiles' in labels mode)."""
        return self._context.explainer.program.requirements[self.id]

    @property
    def depends_on(self) -> tuple[str, ...]:
        """The unknown facts whose values would settle an UNKNOWN verdict, most decisive first."""
        found = self._depends_on
        if found is None:
            context = self._context
            with context.lock:
                found = self._depends_on = context.explainer.session.settled_by(self._requirement_program.applies)
        return found

    @property
    def outcome_depends_on(self) -> Mapping[str, tuple[str, ...]]:
        """Per outcome, the unknown facts that would settle it, most decisive first."""
        if self._outcome_depends_on is None:
            session = self._context.explainer.session
            with self._context.lock:
                region = session.region(self._requirement_program.applies)
                found: dict[str, tuple[str, ...]] = {}
                for name, keys in self._choices.items():
                    pairs = []
                    if len(keys) > 1:
                        nodes = self._requirement_program.outcomes[name].values
                        pairs = [session.split(nodes[k], region) for k in keys]
                    found[name] = session.dependencies(pairs)
                self._outcome_depends_on = found
        return self._outcome_depends_on

    # --- time: the verdict above is the law's applicability; these say whether it binds on the reference date
    def _judge_time(self) -> _Timing | None:
        time = self._context.time
        if self._timing is None and time is not None:
            session = self._context.explainer.session
            with self._context.lock:
                if self._timing is None:
                    op, regime = time
                    if self.verdict is Verdict.DOES_NOT_APPLY:  # no completion applies: none binds
                        self._timing = _NEVER
                    else:
                        self._timing = _timing(session, self._shape, self._requirement_program, regime, op)
        return self._timing

    @property
    def binds_on_date(self) -> Truth:
        """Whether the requirement binds the system on the report's reference date (``report.op``):
        it applies and a ``geldt vanaf`` line dated on or before that day governs the system. Exact
        three-valued, like the verdict; with no ``geldt vanaf`` lines at all it is the verdict."""
        timing = self._judge_time()
        if timing is None:
            return {Verdict.APPLIES: Truth.TRUE, Verdict.DOES_NOT_APPLY: Truth.FALSE}.get(self.verdict, Truth.UNKNOWN)
        return timing.binds_on_date

    @property
    def possible_starts(self) -> tuple[Start, ...]:
        """The ``geldt vanaf`` lines that govern the system in some completion in which the requirement applies."""
        timing = self._judge_time()
        return timing.possible if timing is not None else ()

    @property
    def binds_from(self) -> Start | None:
        """The ``geldt vanaf`` line that governs the system: from when it binds and on which legal basis.
        None when the requirement does not apply, when no line governs (it binds on no date under this
        regime), or while unknown facts leave several lines possible (see :attr:`possible_starts`)."""
        timing = self._judge_time()
        return timing.binds_from if timing is not None else None

    @property
    def unbound_possible(self) -> bool:
        """Whether in some completion in which it applies no ``geldt vanaf`` line governs: it then binds on no date."""
        timing = self._judge_time()
        return timing.unbound if timing is not None else False

    @property
    def binds_depends_on(self) -> tuple[str, ...]:
        """The unknown facts that would settle :attr:`binds_on_date` and which line governs, most decisive first."""
        timing = self._judge_time()
        return timing.depends_on if timing is not None else ()

    def _time_json(self) -> str:
        """The time fields of its entry in :meth:`Report.as_json` (made once per shared :class:`_Timing`)."""
        timing = self._judge_time()
        if timing is None:
            return _time_json(self.binds_on_date, None, (), ())
        return timing.as_json()

    @property
    def explanation(self) -> Explanation:
        """Why: the conditions with their truth, file, line and legal sources, as data."""
        with self._context.lock:
            return self._context.explainer.explain(
                self.id,
                self.verdict,
                dict(self.outcomes),
                dict(self.possible_outcomes),
                self.depends_on,
                dict(self.outcome_depends_on),
            )

    def explain(self, lang: str | None = None) -> str:
        """The explanation as readable text, in Dutch (default) or English."""
        return self.explanation.render(lang)


@attrs.frozen
class Question:
    """An unknown fact worth asking about, and the requirements its answer would help settle.

    From :meth:`Interview.next_question` it also carries what a person is shown: the question
    text, the help, the kind of answer and the options (for a set fact: the members of one
    multi-select); from :attr:`Report.open_questions` just the fact and the requirements.
    """

    fact: str
    requirements: tuple[str, ...]
    text: str = ""
    help: str | None = None
    kind: a.TypeKind | None = None
    options: tuple[Option, ...] = ()
    sources: tuple[LegalSource, ...] = ()

    @property
    def settles(self) -> tuple[str, ...]:
        """The requirements the answer helps decide (the same as ``requirements``)."""
        return self.requirements


MakeResults = Callable[[Mapping[str, Verdict], Mapping[str, Result]], dict[str, Result]]
"""Makes a report's results for some verdicts, in their order, keeping those already made."""


class Report(Mapping[str, Result]):
    """Results for every requirement evaluated, keyed by id, in id order.

    Verdicts are computed up front; a requirement's outcomes and explanation only when its
    result is first looked at.
    """

    def __init__(
        self,
        verdicts: dict[str, Verdict],
        make_results: MakeResults,
        lock: threading.RLock,
        facts: dict[str, Given],
        maatregelen: Sequence[Maatregel] | Catalogue = (),
        op: datetime.date | None = None,
        regime: Regime = DEFAULT_REGIME,
    ) -> None:
        self.verdicts: Mapping[str, Verdict] = verdicts
        """Every requirement's verdict, by id."""
        self.facts = facts
        """The facts as understood, after conversion (sets as frozensets, yes/no as bools)."""
        self.op = op
        """The reference date (peildatum) the results' ``binds_on_date`` is judged on; None in labels mode."""
        self.regime = regime
        """Which dates counted: the AI Act as published or with the digital omnibus."""
        self._make_results = make_results
        self._results: dict[str, Result] = {}
        self._complete = False  # whether _results holds every result, in id order
        # Results are made, and their details worked out, when first asked for, in one session
        # whose scratch diagram is not thread-safe: the report and its results share ``lock``.
        self._lock = lock
        self._catalogue = maatregelen if isinstance(maatregelen, Catalogue) else Catalogue(maatregelen)
        self._following: (
            tuple[dict[str, tuple[FollowingMaatregel, ...]], dict[str, tuple[FollowingMaatregel, ...]]] | None
        ) = None

    def __getitem__(self, key: str) -> Result:
        result = self._results.get(key)
        if result is None:
            verdict = self.verdicts.get(key)
            if verdict is None:
                raise KeyError(f"{key!r} is not in this report")
            with self._lock:
                result = self._results.get(key) or self._make_results({key: verdict}, {})[key]
                self._results[key] = result
        return result

    def __iter__(self) -> Iterator[str]:
        return iter(self.verdicts)

    def values(self) -> ValuesView[Result]:
        return _Results(self)

    def items(self) -> ItemsView[str, Result]:
        return _Items(self)

    def _all(self) -> dict[str, Result]:
        """Every result in id order, made now where not yet (iterating over all makes them all anyway)."""
        if not self._complete:
            with self._lock:
                if not self._complete:
                    self._results = self._make_results(self.verdicts, self._results)
                    self._complete = True
        return self._results

    def __len__(self) -> int:
        return len(self.verdicts)

    def by_verdict(self, verdict: Verdict) -> tuple[Result, ...]:
        """The results with this verdict, in id order."""
        return tuple(self[rid] for rid, v in self.verdicts.items() if v is verdict)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data: what ``algokader check --format json`` prints
        (schema: ``algokader/data/check.schema.json``)."""

        def entry(r: Result) -> dict[str, Any]:
            return {
                "id": r.id,
                "urn": r.requirement.urn,
                "title": r.requirement.title,
                "verdict": r.verdict.value,
                "outcomes": {k: plain(v) for k, v in r.outcomes.items()},
                "depends_on": list(r.depends_on),
                "labels_verdict": r.labels_verdict.value if r.labels_verdict is not None else None,
                "deviation": r.deviation,
                "sources": [s.as_dict() for s in r.requirement.sources],
                "binds_on_date": r.binds_on_date.value,
                "binds_from": start(r.binds_from),
                "possible_starts": [start(s) for s in r.possible_starts],
                "binds_depends_on": list(r.binds_depends_on),
            }

        def start(s: Start | None) -> dict[str, Any] | None:
            if s is None:
                return None
            day = s.date.isoformat() if s.date is not None else None
            return {"date": day, "source": s.source, "status": s.status}

        return {
            "op": self.op.isoformat() if self.op is not None else None,
            "regime": self.regime.value,
            "requirements": [entry(r) for r in self.values()],
            "facts": {k: plain(v) for k, v in self.facts.items()},
            "maatregelen": groups_json(self.maatregelen),
            "possible_maatregelen": groups_json(self.possible_maatregelen),
        }

    def as_json(self) -> str:
        """:meth:`as_dict` as compact JSON text, exactly ``json.dumps(report.as_dict(), ensure_ascii=False,
        allow_nan=False, separators=(",", ":"))``, made without the data in between: each requirement's
        fixed parts (id, title, sources) are encoded once per rule set (tests/test_report_json.py)."""
        parts = ['{"op":', json_scalar(self.op.isoformat() if self.op is not None else None)]
        parts += (',"regime":', json_string(self.regime.value), ',"requirements":[')
        applies, unknown = Verdict.APPLIES, Verdict.UNKNOWN
        applies_json, not_json, unknown_json = _VERDICT_JSON

        def said(v: Verdict | None) -> str:  # by identity: an enum's hash is a Python call
            return "null" if v is None else applies_json if v is applies else unknown_json if v is unknown else not_json

        for r in self.values():
            shape = r._shape
            verdict, labels, outcomes = r.verdict, r.labels_verdict, r.outcomes
            parts += (
                shape.json_head,
                said(verdict),
                ',"outcomes":{',
                ",".join([json_string(k) + ":" + json_scalar(plain(v)) for k, v in outcomes.items()])
                if outcomes
                else "",
                '},"depends_on":',
                json_strings(r.depends_on),
                ',"labels_verdict":',
                said(labels),
                ',"deviation":',
                # a deviation needs two different verdicts: without, no need to ask
                json_scalar(r.deviation) if labels is not None and labels is not verdict else "null",
                shape.json_sources,
                r._time_json(),
                "},",
            )
        if parts[-1] == "},":  # the last entry closes without a comma
            parts[-1] = "}"
        parts += ('],"facts":', dumps({k: plain(v) for k, v in self.facts.items()}))
        sure, maybe = self._catalogue.texts(self.verdicts)
        parts += (',"maatregelen":', sure, ',"possible_maatregelen":', maybe, "}")
        return "".join(parts)

    @property
    def maatregelen(self) -> Mapping[str, tuple[FollowingMaatregel, ...]]:
        """The maatregelen that follow from the requirements that apply, per lifecycle phase (in the
        Algoritmekader's order), each with the applying requirements it serves. A maatregel that serves
        only requirements that do not apply is not listed; one that serves only UNKNOWN ones is in
        :attr:`possible_maatregelen`."""
        return self._maatregelen()[0]

    @property
    def possible_maatregelen(self) -> Mapping[str, tuple[FollowingMaatregel, ...]]:
        """Per phase, the maatregelen serving no requirement that applies but one whose verdict is UNKNOWN."""
        return self._maatregelen()[1]

    def _maatregelen(
        self,
    ) -> tuple[dict[str, tuple[FollowingMaatregel, ...]], dict[str, tuple[FollowingMaatregel, ...]]]:
        if self._following is None:
            self._following = following(self._catalogue.maatregelen, self.verdicts)
        return self._following

    @property
    def open_questions(self) -> tuple[Question, ...]:
        """Unknown facts that would settle verdicts or outcomes, those touching most requirements first."""
        found: dict[str, list[str]] = {}
        first_rank: dict[str, int] = {}
        for result in self.values():
            ranked = list(result.depends_on) + [f for deps in result.outcome_depends_on.values() for f in deps]
            for rank, fact in enumerate(ranked):
                ids = found.setdefault(fact, [])
                if result.id not in ids:
                    ids.append(result.id)
                first_rank[fact] = min(first_rank.get(fact, rank), rank)
        order = sorted(found, key=lambda f: (-len(found[f]), first_rank[f], f))
        return tuple(Question(f, tuple(found[f])) for f in order)

    def timeline(self) -> Timeline:
        """The dates on which requirements start to bind this system, each with the requirements that
        start then and their legal basis; plus those whose start is still open or that bind on no date."""
        from .timeline import timeline

        return timeline(self)


_VERDICT_JSON = tuple(json_string(v.value) for v in (Verdict.APPLIES, Verdict.DOES_NOT_APPLY, Verdict.UNKNOWN))


@functools.lru_cache(maxsize=4096)
def _start_json(s: Start | None) -> str:
    """A ``geldt vanaf`` line as :meth:`Report.as_dict` writes it, as JSON text (the same few in every report)."""
    if s is None:
        return "null"
    day = s.date.isoformat() if s.date is not None else None
    return dumps({"date": day, "source": s.source, "status": s.status})


def _time_json(
    binds_on_date: Truth, binds_from: Start | None, possible: Iterable[Start], depends_on: Sequence[str]
) -> str:
    """The time fields of a requirement's entry in :meth:`Report.as_json`, as JSON text."""
    return "".join(
        (
            ',"binds_on_date":',
            json_string(binds_on_date.value),
            ',"binds_from":',
            _start_json(binds_from),
            ',"possible_starts":[',
            ",".join(map(_start_json, possible)),
            '],"binds_depends_on":',
            json_strings(depends_on),
        )
    )


class _Results(ValuesView[Result]):
    """A report's results in id order, made in one go."""

    _mapping: Report

    def __iter__(self) -> Iterator[Result]:
        return iter(self._mapping._all().values())


class _Items(ItemsView[str, Result]):
    """A report's (id, result) pairs in id order, made in one go."""

    _mapping: Report

    def __iter__(self) -> Iterator[tuple[str, Result]]:
        return iter(self._mapping._all().items())


def _asking(decl: a.FactDecl | a.Definition) -> tuple[a.Wording | None, a.Wording | None, dict[str, a.Wording]]:
    if isinstance(decl, a.Definition):
        return None, None, {}
    return decl.question, decl.help, {str(v.value): v.wording for v in decl.value_texts}


def _outcome_enum(rid: str, outcome: a.Outcome) -> type[enum.Enum] | type[bool]:
    if outcome.type.kind is a.TypeKind.BOOL:
        return bool
    members = [(_member_name(v), v) for v in outcome.type.names]
    return enum.StrEnum(f"{rid}:{outcome.name.text}", members)  # type: ignore[return-value]


def _member_name(value: str) -> str:
    name = value.upper().replace("-", "_")
    return name if name[0].isalpha() else "V_" + name


class RuleSet:
    """A checked, compiled set of requirements, ready to evaluate systems against."""

    def __init__(
        self, program: Program, warnings: Sequence[Diagnostic] = (), maatregelen: Sequence[Maatregel] = ()
    ) -> None:
        self._program = program
        self._reader = Reader(program)
        self._label_program: Program | None = None
        self.warnings = tuple(warnings)
        model = program.model
        self.facts: dict[str, FactInfo] = {
            name: FactInfo(
                name,
                s.type.kind,
                s.type.names,
                s.decl.description,
                legal_sources(s.decl.sources),
                s.derived,
                *_asking(s.decl),
                dates=program.facts[name].dates if name in program.facts else (),
            )
            for name, s in model.symbols.items()
        }
        self.requirements: dict[str, RequirementInfo] = {
            rid: self._info(req) for rid, req in model.requirements.items()
        }
        self.maatregelen: dict[str, Maatregel] = {m.id: m for m in maatregelen}
        """The maatregelen (measures) shipped with the rule files, by id."""
        self._serving = by_requirement(maatregelen)
        self._catalogue = Catalogue(self.maatregelen.values())
        self._shapes = {rid: _Shape(info, program.requirements[rid]) for rid, info in self.requirements.items()}

    def _maatregel_catalogue(self) -> Catalogue:
        """:attr:`maatregelen` with what follows from recent verdicts kept (made again if they changed)."""
        current = tuple(self.maatregelen.values())
        if current != self._catalogue.maatregelen:  # by identity, element by element: no field compared
            self._catalogue = Catalogue(current)
        return self._catalogue

    def maatregelen_of(self, rid: str) -> tuple[Maatregel, ...]:
        """The maatregelen that serve a requirement, in the order of the maatregelen file."""
        return self._serving.get(rid, ())

    def _info(self, req: a.Requirement) -> RequirementInfo:
        rid = req.id.text
        labels = {e.category.text: tuple(v.text for v in e.values) for e in req.labels.entries} if req.labels else {}
        return RequirementInfo(
            rid,
            req.urn or "",
            req.title or "",
            req.explanation,
            legal_sources(req.sources),
            tuple(n.text for n in req.lifecycle),
            tuple(n.text for n in req.topics),
            tuple(n.text for n in req.roles),
            labels,
            effective_dates(req.effective, self._program.model.files.get(req.id.span.path)),
            req.deviations,
            {o.name.text: _outcome_enum(rid, o) for o in req.outcomes},
            req.id.span.path,
            req.id.span.line,
        )

    @property
    def sources(self) -> Mapping[str, str]:
        """The rule files' texts, keyed by the paths messages show (``load_sources(rs.sources)`` loads them again)."""
        return MappingProxyType(self._program.model.sources)

    def __len__(self) -> int:
        return len(self.requirements)

    def __iter__(self) -> Iterator[str]:
        return iter(self.requirements)

    def __contains__(self, rid: object) -> bool:
        return rid in self.requirements

    def __repr__(self) -> str:
        return f"<RuleSet: {len(self)} requirements, {len(self.facts)} facts>"

    def evaluate(
        self,
        system: object = None,
        *,
        labels: Iterable[str] | Mapping[str, Iterable[str]] | None = None,
        mode: str = "law",
        names: Mapping[str, str] | None = None,
        only: Sequence[str] | None = None,
        op: datetime.date | str | None = None,
        regime: Regime | str = DEFAULT_REGIME,
    ) -> Report:
        """Evaluate every requirement (or those in ``only``) for ``system``.

        ``system`` is any mapping or object holding facts; missing facts are unknown.
        ``names`` maps fact names to the caller's own keys or attribute names.
        ``labels`` are Algoritmekader or decision-aid labels: in ``mode="law"`` (the default) they
        constrain the facts; in ``mode="labels"`` only the published label profiles are evaluated.
        ``op`` is the reference date (peildatum, default today) each result's ``binds_on_date`` is
        judged on; ``regime`` chooses the AI Act's dates as published (``"oorspronkelijk"``) or with
        the digital omnibus (``"omnibus"``, the default). Verdicts do not depend on either.
        """
        day = reference_date(op)
        chosen = read_regime(regime)
        ids = self._select(only)
        given: Labels = {}
        if labels is not None:
            from .labels import read_labels

            given = read_labels(labels)
        if mode == "labels":
            return self._evaluate_labels(system, given, names, ids)
        if mode != "law":
            raise ValueError(f"mode must be 'law' or 'labels', not {mode!r}")
        as_facts: dict[str, object] = {}
        if given:
            from .labels import label_facts

            as_facts = label_facts(given)
        reading = self._reader.read(system, names, as_facts)
        session = Session(self._program, reading, shared=True)
        shapes = self._shapes
        verdicts = dict(zip(ids, session.verdicts([shapes[rid].applies for rid in ids]), strict=True))
        from .explain import Explainer

        lock = threading.RLock()
        context = _Context(Explainer(session, self._serving), lock, (day, chosen))

        # a partial, not a closure: one Python call per report, not two
        make_results = functools.partial(_results, session, shapes, context)
        return Report(verdicts, make_results, lock, reading.given, self._maatregel_catalogue(), day, chosen)

    def _evaluate_labels(
        self, system: object, given: Labels, names: Mapping[str, str] | None, ids: list[str]
    ) -> Report:
        """Label mode: only the published label profiles, for the labels given and those the system's facts fix."""
        from .explain import Explainer
        from .labels import evaluate_labels

        projected = None if system is None else (self._program, self._reader.read(system, names))
        verdicts, session, labels = evaluate_labels(self._label_space(), given, projected, ids)
        lock = threading.RLock()
        context = _Context(Explainer(session, self._serving), lock, None)

        def make_result(rid: str, verdict: Verdict) -> Result:
            shape = self._shapes[rid]
            empty: dict[str, Any] = dict.fromkeys(shape.names)
            nothing: dict[str, tuple[Any, ...]] = dict.fromkeys(shape.names, ())
            choices: dict[str, list[Value]] = {name: [] for name in shape.names}
            return Result(shape, verdict, empty, nothing, choices, context, labels_verdict=verdict)

        def make_results(verdicts: Mapping[str, Verdict], made: Mapping[str, Result]) -> dict[str, Result]:
            return {rid: made.get(rid) or make_result(rid, verdict) for rid, verdict in verdicts.items()}

        return Report(verdicts, make_results, lock, dict(labels), self._maatregel_catalogue())

    def interview(
        self,
        only: Sequence[str] | None = None,
        system: object = None,
        labels: Iterable[str] | Mapping[str, Iterable[str]] | None = None,
        lang: str = "nl",
        *,
        strategy: Strategy | str = "lookahead",
        op: datetime.date | str | None = None,
        regime: Regime | str = DEFAULT_REGIME,
    ) -> Interview:
        """An exact interview for the requirements in ``only`` (default all): it asks one fact at a
        time, only what can still change a verdict or outcome, starting from ``system`` (a partial
        description) and ``labels`` (constraints, as in :meth:`evaluate`). ``op`` and ``regime`` are
        passed to the report's :meth:`evaluate` (``op`` fixed when the interview starts, default today);
        they never change the questions, since verdicts do not depend on them. See :class:`Interview`."""
        from .interview import Interview, Strategy

        day, times = reference_date(op), read_regime(regime)
        chosen = strategy if isinstance(strategy, Strategy) else Strategy(strategy)
        ids = self._select(only)
        return Interview(self, self._program, self._reader, ids, system, labels, lang, chosen, op=day, regime=times)

    def decision_tree(
        self,
        only: Sequence[str] | None = None,
        settle: Sequence[str] | None = None,
        lang: str = "nl",
        max_nodes: int = 20_000,
    ) -> DecisionTree:
        """The interview unrolled into a decision tree (a DAG: identical subtrees shared) for the
        requirements in ``only`` and the derived facts in ``settle`` (such as ``risicogroep``; a fact
        such as ``soort-toepassing`` is settled by asking it). ``only`` defaults to every requirement
        when ``settle`` is not given, to none when it is. :class:`TreeTooLarge` past ``max_nodes``."""
        from .tree import build_tree

        chosen = list(settle or ())
        ids = self._select(only) if only is not None or not chosen else []
        return build_tree(self, self._program, ids, chosen, lang, max_nodes)

    def predicates(
        self, only: Sequence[str] | None = None, *, names: Mapping[str, str] | None = None
    ) -> CompiledPredicate[tuple[Decision, ...]]:
        """A compiled predicate: a plain function from a system to the Decisions of the requirements
        in ``only`` (default all), in the order of :meth:`evaluate`'s report.

        It is generated once, from the decision diagrams :meth:`evaluate` uses, and meant to be
        called many times. It reads the facts its walk over those diagrams reaches, each at most
        once, and checks each value it reads; whatever it cannot decide from those
        (a fact missing, ``None`` or of another type) goes to :meth:`evaluate`, so its answers
        are always exact. It does not check facts it never reads: validate whole descriptions
        with :meth:`evaluate`. Its ``fallbacks`` attribute counts, per :class:`FallbackReason`, the
        systems it handed to :meth:`evaluate`.
        """
        ids = self._select(only)
        return self._compile_predicates(ids, names, single=False)

    def predicate(self, rid: str, *, names: Mapping[str, str] | None = None) -> CompiledPredicate[Decision]:
        """A compiled predicate for one requirement: a plain function from a system to its Decision
        (see :meth:`predicates`)."""
        return self._compile_predicates(self._select([rid]), names, single=True)

    def _compile_predicates(
        self, ids: list[str], names: Mapping[str, str] | None, single: bool
    ) -> CompiledPredicate[Any]:
        names = dict(names or {})
        self._reader.raw_values(None, names)  # unknown fact names in ``names`` are an error now, not later
        from .predicates import Decision, build

        def exact(system: object, missing: Sequence[str]) -> dict[str, Decision]:
            report = self.evaluate(system, names=names, only=missing)
            return {rid: Decision(r.verdict, MappingProxyType(dict(r.outcomes))) for rid, r in report.items()}

        kinds = {
            rid: {
                name: functools.partial(_outcome_value, kind) for name, kind in self.requirements[rid].outcomes.items()
            }
            for rid in ids
        }
        return build(self._program, ids, kinds, names, exact, single)

    def analyze(self) -> Analysis:
        """Exhaustive analysis: dead, always-applying and identical requirements, unused definitions,
        unread facts, and label-versus-law disagreements that no `afwijking` documents."""
        from .analysis import analyze

        return analyze(self._program)

    def diff(self, newer: RuleSet) -> Diff:
        """What changes in meaning from this rule set to ``newer``: per requirement, the systems
        that now (no longer) get it or get another outcome, described by conditions on the facts."""
        from .diff import diff

        return diff(self._program, newer._program)

    def compare_labels(self) -> list[LabelComparison]:
        """Per requirement, a system the published labels select but the law does not bind (over-
        approximation) and one the law binds but the labels miss (under-approximation), exhaustively."""
        from .analysis import compare_labels

        return compare_labels(self._program)

    def _label_space(self) -> Program:
        """The label profiles compiled over the label categories (made when label mode is first used)."""
        if self._label_program is None:
            from .labels import label_program

            self._label_program = label_program(self._program.model)
        return self._label_program

    def _select(self, only: Sequence[str] | None) -> list[str]:
        if only is None:
            return list(self.requirements)
        if isinstance(only, str):
            only = [only]
        for rid in only:
            if rid not in self.requirements:
                raise KeyError(f"{rid!r} is not a requirement of this rule set")
        return sorted(set(only))


def _results(
    session: Session,
    shapes: Mapping[str, _Shape],
    context: _Context,
    verdicts: Mapping[str, Verdict],
    made: Mapping[str, Result],
) -> dict[str, Result]:
    """The results of a law-mode report for ``verdicts``, in their order, those in ``made`` kept (under
    the report's lock). One loop with the commonest result inline: no Python call per result."""
    results: dict[str, Result] = {}
    for rid, verdict in verdicts.items():
        result = made.get(rid)
        if result is None:
            shape = shapes[rid]
            if verdict is Verdict.DOES_NOT_APPLY or not shape.kinds:  # outcomes are only chosen where it applies
                nothing = shape.nothing
                program = shape.program
                result = Result(shape, verdict, shape.unset, nothing, nothing, context, None, program.labels_match)
            else:
                result = _chosen(session, shape, context, verdict)
        results[rid] = result
    return results


def _chosen(session: Session, shape: _Shape, context: _Context, verdict: Verdict) -> Result:
    """The result of a requirement with outcomes that applies in some completion."""
    labels = shape.program.labels_match
    values: dict[str, Any] = {}
    possible: dict[str, tuple[Any, ...]] = {}
    choices: dict[str, Sequence[Value]] = {}
    # Outcomes are chosen among the completions in which the requirement applies.
    for name, kind, nodes in shape.kinds:
        keys = session.possible_where(shape.applies, nodes)
        options = tuple(_outcome_value(kind, k) for k in keys)
        values[name] = options[0] if len(options) == 1 else None
        possible[name] = options
        choices[name] = keys
    return Result(shape, verdict, values, possible, choices, context, labels_node=labels)


def reference_date(op: object) -> datetime.date:
    """The reference date: a ``datetime.date`` (a ``datetime`` by its day), ``JJJJ-MM-DD``, or None for today."""
    if op is None:
        return datetime.date.today()
    if isinstance(op, datetime.date):
        return datetime.date.fromordinal(datetime.date.toordinal(op))
    if isinstance(op, str) and len(op) == 10:
        try:
            return datetime.date.fromisoformat(op)
        except ValueError:
            pass
    raise InputError(text("input.bad-op", value=repr(op)[:60]), fact=None, value=op, hint=text("hint.bad-op"))


def read_regime(regime: object) -> Regime:
    """A :class:`Regime` or its name (``oorspronkelijk`` or ``omnibus``)."""
    if isinstance(regime, Regime):
        return regime
    for known in Regime:
        if regime == known.value:
            return known
    choices = ", ".join(r.value for r in Regime)
    raise InputError(text("input.bad-regime", value=repr(regime)[:60], choices=choices), fact=None, value=regime)


def checked_model(rs: RuleSet) -> Model:
    """Package-internal: the rule set's checked syntax trees, for algokader's own tools (the export
    builds its predicate trees from them). Nothing outside :mod:`algokader._engine` reads ``_program``."""
    return rs._program.model


def label_program(rs: RuleSet) -> Program:
    """Package-internal: the label profiles compiled over the label categories, for the task-registry
    export (which writes each requirement's profile in the registry's strings)."""
    return rs._label_space()


def _outcome_value(kind: type[enum.Enum] | type[bool], key: str | bool) -> Any:
    return key if kind is bool else kind(key)


# --- loading


def load(path: str | os.PathLike[str] | None = None) -> RuleSet:
    """Load a rule set: the bundled requirements, or the ``.ak`` files of a directory or one file.

    A directory's ``maatregelen.json`` (beside its rule files, not in subfolders) is loaded with them.
    Raises :class:`RuleError` listing every problem in the files, with file, line and column.
    """
    if path is None:
        return _cached(bundled_sources())
    root = Path(path)
    if root.is_dir():
        prefix = f"{root}/".replace("//", "/")
        files = rule_files_in(root, prefix)
        if not files:
            raise AlgokaderError(text("io.no-files", path=str(root)), path=str(root))
        files += _maatregelen_file(root, prefix)
    else:
        files = [(str(root), root)]
    return _cached({name: read_file(file) for name, file in files})


def bundled_sources() -> dict[str, str]:
    """The texts of the bundled rule set, keyed by the paths messages show."""
    files = rule_files_in(bundled_requirements(), "requirements/")
    files += _maatregelen_file(bundled_requirements(), "requirements/")
    return {name: read_file(file) for name, file in files}


def _cached(sources: Mapping[str, str]) -> RuleSet:
    """:func:`load_sources` through the cache of compiled sets (see :mod:`algokader._engine.cache`)."""
    from .cache import cached_or_compiled

    return RuleSet(*cached_or_compiled(sources, lambda: compile_sources(sources)))


def _maatregelen_file(root: Traversable | Path, prefix: str) -> list[tuple[str, Traversable | Path]]:
    entry = root / MAATREGELEN_FILE
    return [(prefix + MAATREGELEN_FILE, entry)] if entry.is_file() else []


def load_sources(sources: Mapping[str, str]) -> RuleSet:
    """Build a rule set from file texts keyed by the path to show in messages.

    A text whose path ends in ``maatregelen.json`` is read as the maatregelen of the set.
    """
    return RuleSet(*compile_sources(sources))


def compile_sources(sources: Mapping[str, str]) -> tuple[Program, tuple[Diagnostic, ...], tuple[Maatregel, ...]]:
    """Parse, check and compile file texts: the program, the warnings and the maatregelen of a rule set."""
    from .._language.parser import parse_collecting  # not needed when the cache has the set

    modules: list[a.Module] = []
    problems: list[Diagnostic] = []
    maatregelen: list[Maatregel] = []
    maatregelen_sources: list[tuple[str, list[Maatregel]]] = []
    for path, source in sources.items():
        if path == MAATREGELEN_FILE or path.endswith("/" + MAATREGELEN_FILE):
            entries, found = read_maatregelen(source, path)
            problems.extend(found)
            maatregelen.extend(entries)
            maatregelen_sources.append((source, entries))
            continue
        module, found = parse_collecting(source, path)
        problems.extend(found)
        if module is not None:
            modules.append(module)
    ids = [i.id.text for m in modules for i in m.items if isinstance(i, a.Requirement)]
    for source, entries in maatregelen_sources:
        problems.extend(check_maatregelen(entries, source, ids))
    if problems:
        raise RuleError(problems)
    model, problems = check(modules)
    if any(p.severity is Severity.ERROR for p in problems):
        raise RuleError(problems)
    program, semantic = compile_model(model)
    errors = [p for p in semantic if p.severity is Severity.ERROR]
    if errors:
        raise RuleError(errors)
    warnings = [p for p in [*problems, *semantic] if p.severity is Severity.WARNING]
    return program, tuple(warnings), tuple(maatregelen)
