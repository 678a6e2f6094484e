"""The public rule-set API: load files, evaluate systems, read results."""

from __future__ import annotations

import enum
import functools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from .._base.errors import AlgokaderError, Diagnostic, InputError, RuleError, Severity
from .._base.messages import text
from .._base.resources import RULE_SUFFIX, bundled_requirements
from .._language import ast as a
from .._language.checker import check
from .._language.parser import MAX_FILE_BYTES, parse_collecting
from . import mdd as _mdd
from .compiler import ChoiceNodes, Program, RequirementProgram, Value, compile_model
from .evaluate import VERDICT_OF, Session, Verdict
from .reading import Given, Reader

if TYPE_CHECKING:  # imported where used: loading does not need them
    from importlib.resources.abc import Traversable

    from .analysis import Analysis, LabelComparison
    from .diff import Diff
    from .explain import Explainer, Explanation
    from .interview import Interview, Option, Strategy
    from .labels import Labels
    from .predicates import Decision


@attrs.frozen
class FactInfo:
    """One entry of the vocabulary: a fact callers give, or a definition they may give instead."""

    name: str
    kind: a.TypeKind
    values: tuple[str, ...]
    description: str | None
    sources: tuple[a.Source, ...]
    derived: bool
    question: a.Wording | None = None
    """How an interview asks for the fact (``vraag``); None for derived facts."""
    help: a.Wording | None = None
    """What the term means, with its article (``uitleg``)."""
    value_texts: Mapping[str, a.Wording] = attrs.field(factory=dict)
    """Short texts for values that are not self-explanatory (``waarde``), by value."""


@attrs.frozen
class RequirementInfo:
    """A requirement's metadata as written in its file."""

    id: str
    urn: str
    title: str
    explanation: str | None
    sources: tuple[a.Source, ...]
    lifecycle: tuple[str, ...]
    topics: tuple[str, ...]
    roles: tuple[str, ...]
    labels: dict[str, tuple[str, ...]]
    effective: tuple[a.EffectiveDate, ...]
    deviations: tuple[str, ...]
    outcomes: dict[str, type[enum.Enum] | type[bool]]
    path: str
    line: int


class Result:
    """The answer for one requirement and one system.

    ``depends_on`` and the explanation are worked out when first asked for, so a caller who
    only needs verdicts does not pay for them.
    """

    __slots__ = (
        "_choices",
        "_depends_on",
        "_explainer",
        "_labels_node",
        "_labels_verdict",
        "_outcome_depends_on",
        "outcomes",
        "possible_outcomes",
        "requirement",
        "verdict",
    )

    def __init__(
        self,
        requirement: RequirementInfo,
        verdict: Verdict,
        outcomes: dict[str, Any],
        possible_outcomes: dict[str, tuple[Any, ...]],
        choices: dict[str, list[Value]],
        explainer: Explainer,
        labels_verdict: Verdict | None = None,
        labels_node: int | None = None,
    ) -> None:
        self.requirement = requirement
        self.verdict = verdict
        self._labels_verdict = labels_verdict
        self._labels_node = labels_node  # the label profile's diagram, judged when first asked for
        self.outcomes: Mapping[str, Any] = outcomes
        """Each outcome's value, or ``None`` while undetermined (or when the requirement does not apply)."""
        self.possible_outcomes: Mapping[str, tuple[Any, ...]] = possible_outcomes
        """Each outcome's values that some completion of the unknown facts gives."""
        self._choices = choices
        self._explainer = explainer
        self._depends_on: tuple[str, ...] | None = None
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
            session = self._explainer.session
            with session.lock:  # another thread may be judging it right now
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
    def _program(self) -> RequirementProgram:
        return self._explainer.program.requirements[self.id]

    @property
    def depends_on(self) -> tuple[str, ...]:
        """The unknown facts whose values would settle an UNKNOWN verdict, most decisive first."""
        if self._depends_on is None:
            session = self._explainer.session
            with session.lock:
                found: tuple[str, ...] = ()
                if self.verdict is Verdict.UNKNOWN:
                    found = session.dependencies([session.split(self._program.applies)])
                self._depends_on = found
        return self._depends_on

    @property
    def outcome_depends_on(self) -> Mapping[str, tuple[str, ...]]:
        """Per outcome, the unknown facts that would settle it, most decisive first."""
        if self._outcome_depends_on is None:
            session = self._explainer.session
            with session.lock:
                region = session.region(self._program.applies)
                found: dict[str, tuple[str, ...]] = {}
                for name, keys in self._choices.items():
                    pairs = []
                    if len(keys) > 1:
                        nodes = self._program.outcomes[name].values
                        pairs = [session.split(nodes[k], region) for k in keys]
                    found[name] = session.dependencies(pairs)
                self._outcome_depends_on = found
        return self._outcome_depends_on

    @property
    def explanation(self) -> Explanation:
        """Why: the conditions with their truth, file, line and legal sources, as data."""
        with self._explainer.session.lock:
            return self._explainer.explain(
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
    sources: tuple[a.Source, ...] = ()

    @property
    def settles(self) -> tuple[str, ...]:
        """The requirements the answer helps decide (the same as ``requirements``)."""
        return self.requirements


class Report(Mapping[str, Result]):
    """Results for every requirement evaluated, keyed by id, in id order.

    Verdicts are computed up front; a requirement's outcomes and explanation only when its
    result is first looked at.
    """

    def __init__(
        self, verdicts: dict[str, Verdict], build: Callable[[str, Verdict], Result], facts: dict[str, Given]
    ) -> None:
        self.verdicts: Mapping[str, Verdict] = verdicts
        """Every requirement's verdict, by id."""
        self.facts = facts
        """The facts as understood, after conversion (sets as frozensets, yes/no as bools)."""
        self._build = build
        self._results: dict[str, Result] = {}

    def __getitem__(self, key: str) -> Result:
        result = self._results.get(key)
        if result is None:
            verdict = self.verdicts.get(key)
            if verdict is None:
                raise KeyError(f"{key!r} is not in this report")
            result = self._results[key] = self._build(key, verdict)
        return result

    def __iter__(self) -> Iterator[str]:
        return iter(self.verdicts)

    def __len__(self) -> int:
        return len(self.verdicts)

    def by_verdict(self, verdict: Verdict) -> tuple[Result, ...]:
        """The results with this verdict, in id order."""
        return tuple(self[rid] for rid, v in self.verdicts.items() if v is verdict)

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

    def __init__(self, program: Program, warnings: Sequence[Diagnostic] = ()) -> None:
        self._program = program
        self._reader = Reader(program)
        self._labels: Program | None = None
        self.warnings = tuple(warnings)
        model = program.model
        self.facts: dict[str, FactInfo] = {
            name: FactInfo(
                name,
                s.type.kind,
                s.type.names,
                s.decl.description,
                s.decl.sources,
                s.derived,
                *_asking(s.decl),
            )
            for name, s in model.symbols.items()
        }
        self.requirements: dict[str, RequirementInfo] = {
            rid: self._info(req) for rid, req in model.requirements.items()
        }

    @staticmethod
    def _info(req: a.Requirement) -> RequirementInfo:
        rid = req.id.text
        labels = {e.category.text: tuple(v.text for v in e.values) for e in req.labels.entries} if req.labels else {}
        return RequirementInfo(
            rid,
            req.urn or "",
            req.title or "",
            req.explanation,
            req.sources,
            tuple(n.text for n in req.lifecycle),
            tuple(n.text for n in req.topics),
            tuple(n.text for n in req.roles),
            labels,
            req.effective,
            req.deviations,
            {o.name.text: _outcome_enum(rid, o) for o in req.outcomes},
            req.id.span.path,
            req.id.span.line,
        )

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
    ) -> Report:
        """Evaluate every requirement (or those in ``only``) for ``system``.

        ``system`` is any mapping or object holding facts; missing facts are unknown.
        ``names`` maps fact names to the caller's own keys or attribute names.
        ``labels`` are Algoritmekader or decision-aid labels: in ``mode="law"`` (the default) they
        constrain the facts; in ``mode="labels"`` only the published label profiles are evaluated.
        """
        ids = self._select(only)
        given: Labels = {}
        if labels is not None:
            from .labels import read_labels

            given = read_labels(labels)
        if mode == "labels":
            return self._evaluate_labels(system, given, names, ids)
        if mode != "law":
            raise InputError(text("input.bad-mode", mode=mode), fact=None, value=mode)
        reading = self._reader.read(system, names, _label_facts(given))
        session = Session(self._program, reading)
        programs = self._program.requirements
        verdicts = dict(zip(ids, session.verdicts([programs[rid].applies for rid in ids]), strict=True))
        from .explain import Explainer

        explainer = Explainer(session)

        def build(rid: str, verdict: Verdict) -> Result:
            with session.lock:
                return self._result(session, explainer, rid, verdict)

        return Report(verdicts, build, reading.given)

    def interview(
        self,
        only: Sequence[str] | None = None,
        system: object = None,
        labels: Iterable[str] | Mapping[str, Iterable[str]] | None = None,
        lang: str = "nl",
        *,
        strategy: Strategy | str = "lookahead",
    ) -> Interview:
        """An exact interview for the requirements in ``only`` (default all): it asks one fact at a
        time, only what can still change a verdict or outcome, starting from ``system`` (a partial
        description) and ``labels`` (constraints, as in :meth:`evaluate`). See :class:`Interview`."""
        from .interview import Interview, Strategy

        chosen = strategy if isinstance(strategy, Strategy) else Strategy(strategy)
        return Interview(self, self._program, self._reader, self._select(only), system, labels, lang, chosen)

    def predicates(
        self, only: Sequence[str] | None = None, *, names: Mapping[str, str] | None = None
    ) -> Callable[[object], tuple[Decision, ...]]:
        """A compiled predicate: a plain function from a system to the Decisions of the requirements
        in ``only`` (default all), in the order of :meth:`evaluate`'s report.

        It is generated once and meant to be called many times. It reads only the facts its
        conditions reach and checks each value it reads; whatever it cannot decide from those
        (a fact missing, ``None`` or of another type) goes to :meth:`evaluate`, so its answers
        are always exact. It does not check facts it never reads: validate whole descriptions
        with :meth:`evaluate`.
        """
        ids = self._select(only)
        return self._build(ids, names, single=False)

    def predicate(self, rid: str, *, names: Mapping[str, str] | None = None) -> Callable[[object], Decision]:
        """A compiled predicate for one requirement: a plain function from a system to its Decision
        (see :meth:`predicates`)."""
        return self._build(self._select([rid]), names, single=True)

    def _build(self, ids: list[str], names: Mapping[str, str] | None, single: bool) -> Callable[[object], Any]:
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
        return build(self._program.model, ids, kinds, names, exact, single)

    def _evaluate_labels(
        self, system: object, given: Labels, names: Mapping[str, str] | None, ids: list[str]
    ) -> Report:
        from .labels import ROLES_GIVEN, SET_CATEGORY

        labels = dict(given)
        if system is not None:
            for category, values in self._project_labels(system, names).items():
                if labels.setdefault(category, values) != values:
                    shown = ", ".join(sorted(labels[category]))
                    message = text("input.label-conflict", name=category, label=shown, value=", ".join(sorted(values)))
                    raise InputError(message, fact=category, value=shown)
        program = self._label_program()
        known = {c: next(iter(v)) for c, v in labels.items() if c != SET_CATEGORY and len(v) == 1}
        if SET_CATEGORY in labels:
            known[SET_CATEGORY] = labels[SET_CATEGORY]  # type: ignore[assignment]
        session = Session(program, Reader(program).read(known))
        for category, values in labels.items():
            if category != SET_CATEGORY and len(values) > 1:
                fact = program.facts[category]
                node = session.scratch.literal(fact.first_var, [fact.values.index(v) for v in values])
                session.assume(node, [(category, "{" + ", ".join(sorted(values)) + "}")])
        if SET_CATEGORY not in labels:
            session.assume(program.definition_bool(ROLES_GIVEN), [(SET_CATEGORY, "{}")])
        verdicts = {
            rid: VERDICT_OF[session.truth(program.requirements[rid].applies)]
            if rid in program.requirements
            else Verdict.APPLIES  # no published profile: the filter lets it through
            for rid in ids
        }
        from .explain import Explainer

        explainer = Explainer(session)

        def build(rid: str, verdict: Verdict) -> Result:
            info = self.requirements[rid]
            empty: dict[str, Any] = dict.fromkeys(info.outcomes)
            nothing: dict[str, tuple[Any, ...]] = dict.fromkeys(info.outcomes, ())
            choices: dict[str, list[Value]] = {name: [] for name in info.outcomes}
            return Result(info, verdict, empty, nothing, choices, explainer, labels_verdict=verdict)

        return Report(verdicts, build, dict(labels))

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

    def _label_program(self) -> Program:
        if self._labels is None:
            from .labels import label_program

            self._labels = label_program(self._program.model)
        return self._labels

    def _project_labels(self, system: object, names: Mapping[str, str] | None) -> Labels:
        """The label categories a system's facts determine (open where they do not)."""
        from .labels import CATEGORIES

        session = Session(self._program, self._reader.read(system, names))
        found: Labels = {}
        for category, values in CATEGORIES.items():
            symbol = self._program.model.symbols.get(category)
            if symbol is None:
                continue
            if not symbol.derived:
                value = session.reading.given.get(category)
                if isinstance(value, frozenset):
                    found[category] = value & frozenset(values)
                elif value in values:
                    found[category] = frozenset({value})  # type: ignore[arg-type]
                continue
            nodes = self._program.definition(category)
            if isinstance(nodes, ChoiceNodes):
                options = session.possible(_mdd.TRUE, nodes.values)
                if len(options) == 1 and options[0] in values:
                    found[category] = frozenset({str(options[0])})
        return found

    def _select(self, only: Sequence[str] | None) -> list[str]:
        if only is None:
            return list(self.requirements)
        if isinstance(only, str):
            only = [only]
        for rid in only:
            if rid not in self.requirements:
                raise InputError(text("input.unknown-requirement", name=rid), fact=None, value=rid)
        return sorted(set(only))

    def _result(self, session: Session, explainer: Explainer, rid: str, verdict: Verdict) -> Result:
        program = self._program.requirements[rid]
        info = self.requirements[rid]
        values: dict[str, Any] = {}
        possible: dict[str, tuple[Any, ...]] = {}
        choices: dict[str, list[Value]] = {}
        # Outcomes are chosen among the completions in which the requirement applies.
        region = _mdd.TRUE
        if verdict is Verdict.UNKNOWN or session.constraint != _mdd.TRUE:
            region = session.region(program.applies)
        for name, nodes in program.outcomes.items():
            keys = session.possible(region, nodes.values) if verdict is not Verdict.DOES_NOT_APPLY else []
            options = tuple(_outcome_value(info.outcomes[name], k) for k in keys)
            values[name] = options[0] if len(options) == 1 else None
            possible[name] = options
            choices[name] = keys
        return Result(info, verdict, values, possible, choices, explainer, labels_node=program.labels_match)


def _label_facts(labels: Labels) -> dict[str, object]:
    """Labels as facts of the law vocabulary: one value per category, the roles as a set."""
    facts: dict[str, object] = {}
    if not labels:
        return facts
    from .labels import SET_CATEGORY

    for category, values in labels.items():
        if category == SET_CATEGORY:
            facts[category] = values
        elif len(values) == 1:
            facts[category] = next(iter(values))
        else:
            message = text("input.label-not-single", name=category, values=", ".join(sorted(values)))
            raise InputError(message, fact=category, value=sorted(values))
    return facts


def _outcome_value(kind: type[enum.Enum] | type[bool], key: str | bool) -> Any:
    return key if kind is bool else kind(key)


# --- loading


def _read(path: Traversable | Path) -> str:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)  # no further: the file may be endless (/dev/zero, a pipe)
        size: object = len(data)
        if len(data) > MAX_FILE_BYTES:
            size = path.stat().st_size if isinstance(path, Path) and path.is_file() else f"> {MAX_FILE_BYTES}"
    except OSError as err:
        raise AlgokaderError(text("io.unreadable", reason=err.strerror or str(err)), path=str(path)) from None
    if len(data) > MAX_FILE_BYTES:
        raise AlgokaderError(
            text("io.too-large", size=size, limit=MAX_FILE_BYTES), path=str(path), hint=text("hint.too-large")
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise AlgokaderError(text("io.not-utf8"), path=str(path)) from None


def _rule_files(root: Traversable | Path, prefix: str) -> list[tuple[str, Traversable | Path]]:
    found: list[tuple[str, Traversable | Path]] = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        shown = f"{prefix}{entry.name}"
        if entry.is_dir():
            found.extend(_rule_files(entry, shown + "/"))
        elif entry.name.endswith(RULE_SUFFIX):
            found.append((shown, entry))
    return found


def load(path: str | os.PathLike[str] | None = None) -> RuleSet:
    """Load a rule set: the bundled requirements, or the ``.ak`` files of a directory or one file.

    Raises :class:`RuleError` listing every problem in the files, with file, line and column.
    """
    if path is None:
        files = _rule_files(bundled_requirements(), "requirements/")
    else:
        root = Path(path)
        if root.is_dir():
            files = _rule_files(root, f"{root}/".replace("//", "/"))
            if not files:
                raise AlgokaderError(text("io.no-files", path=str(root)), path=str(root))
        else:
            files = [(str(root), root)]
    return load_sources({name: _read(file) for name, file in files})


def load_sources(sources: Mapping[str, str]) -> RuleSet:
    """Build a rule set from file texts keyed by the path to show in messages."""
    modules: list[a.Module] = []
    problems: list[Diagnostic] = []
    for path, source in sources.items():
        module, found = parse_collecting(source, path)
        problems.extend(found)
        if module is not None:
            modules.append(module)
    if problems:
        raise RuleError(problems)
    model, problems = check(modules)
    if any(p.severity is Severity.ERROR for p in problems):
        raise RuleError(problems)
    program, semantic = compile_model(model)
    errors = [p for p in semantic if p.severity is Severity.ERROR]
    if errors:
        raise RuleError(errors)
    return RuleSet(program, [p for p in [*problems, *semantic] if p.severity is Severity.WARNING])
