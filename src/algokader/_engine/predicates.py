"""Stage 5b: compiled predicates — requirements as generated Python for known facts.

``RuleSet.predicates()`` turns requirements into one plain Python function that reads a
caller's dict or object the way a hand-written function would: lazily, each fact at most
once, and only the facts the short-circuit evaluation of the conditions reaches. Every value
it reads is checked (exact type, inside the fact's domain); definitions are evaluated at
most once per call. Whenever a fact it needs is missing, ``None`` or not a plain value of
the right type, that requirement is handed to the exact evaluator (``RuleSet.evaluate``),
which gives the three-valued verdict or the error naming fact and value. So the answer is
always the exact one; the generated code only makes the common case fast.

Short-circuiting is sound under partial knowledge: an evaluation that finishes without
touching an unknown fact has the same value for every completion of the unknown facts.

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
import sys
import threading
import types
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Protocol, TypeVar

import attrs

from .._language import ast as a
from .._language.checker import Model, Symbol
from . import operators
from .compiler import choice_keys
from .evaluate import Verdict

# Larger conditions (after inlining definitions) are not compiled: they stay exact-only.
MAX_EXPANSION = 20_000
MAX_PARENTHESES = 100  # nesting depth of one generated expression (Python's parser stops at 200)
MAX_DECISIONS = 4_096  # outcome value combinations precomputed per requirement
MAX_PLAIN_TYPES = 256  # object types remembered as "read by attribute"


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


@attrs.define
class Generated:
    """Generated source and the constants its globals bind (kept for inspection and tests)."""

    source: str
    constants: dict[str, object]
    compiled: tuple[str, ...]  # ids with generated code; the others always go to the exact evaluator


class _Generator:
    """Writes the Python source of one predicate function from templates and integer indices."""

    def __init__(self, model: Model, names: Mapping[str, str], sites: dict[str, int] | None = None) -> None:
        self.model = model
        # How often each fact and definition is written into the source; one that appears
        # once is evaluated at most once per call anyway and needs no cache.
        self.sites: dict[str, int] = {}
        self.cached = None if sites is None else {name for name, count in sites.items() if count > 1}
        self.names = names
        self.definitions = {d.name.text: d for d in model.definitions}
        self.constants: dict[str, object] = {}
        self._constant_ids: dict[tuple[type, object], str] = {}
        self.facts: dict[str, int] = {}  # cached fact name -> index of its local
        self.defs: dict[str, int] = {}  # cached definition name -> index of its local
        self.fact_ids: dict[str, int] = {}
        # Facts and definitions certainly evaluated (so their locals set) wherever code is being
        # written now: references to them need no "computed yet?" test.
        self.known: frozenset[str] = frozenset()
        # Facts and definitions that code written so far (in execution order) may have computed;
        # and the locals that are tested for "computed yet?", so must start out unset.
        self.maybe: set[str] = set()
        self.guarded: set[str] = set()
        self.budget = 0

    # --- constants and locals
    def constant(self, value: object) -> str:
        key = (type(value), value)
        name = self._constant_ids.get(key)
        if name is None:
            name = self._constant_ids[key] = f"_c{len(self._constant_ids)}"
            self.constants[name] = value
        return name

    def fact(self, symbol: Symbol, access: _Access) -> str:
        """The cached, checked value of a base fact: enum index, bool, set or date."""
        name = symbol.name
        n = self._slot(name, self.facts)
        if n >= 0 and name in self.known:
            return f"f{n}"
        i = self.fact_ids.setdefault(name, len(self.fact_ids))  # numbers the constants of this fact
        if access is _Access.KEYS:
            self.constants[f"_k{i}"] = self.names.get(name, name)
            read = f"s[_k{i}]"
        else:
            self.constants[f"_a{i}"] = self.names.get(name, name.replace("-", "_"))
            read = f"getattr(s, _a{i})"
        kind = symbol.type.kind
        if kind is a.TypeKind.ENUM:
            self.constants[f"_e{i}"] = {label: index for index, label in enumerate(symbol.type.names)}
            checked = f"_e{i}[v] if type(v := {read}) is _str else _fail()"
        elif kind is a.TypeKind.BOOL:
            checked = f"v if (v := {read}) is True or v is False else _fail()"
        elif kind is a.TypeKind.SET:
            self.constants[f"_e{i}"] = frozenset(symbol.type.names)
            checked = f"v if type(v := {read}) in _SETS and _e{i}.issuperset(v) else _fail()"
        else:
            checked = f"v if type(v := {read}) is _date else _fail()"
        return self._cache("f", n, name, checked)

    def definition(self, symbol: Symbol, access: _Access) -> str:
        """The cached value of a definition: a bool, or the index of its value."""
        n = self._slot(symbol.name, self.defs)
        if n >= 0 and symbol.name in self.known:
            return f"d{n}"
        body = self.definitions[symbol.name].body
        if isinstance(body, a.Choice):
            as_index = symbol.type.kind is not a.TypeKind.BOOL
            value = self.choice(body, choice_keys(symbol.type), access, as_index=as_index)
        else:
            value = self.expr(body, access)
        return self._cache("d", n, symbol.name, value)

    def _slot(self, name: str, slots: dict[str, int]) -> int:
        """The index of the local caching ``name``, or -1 when it needs none."""
        self.sites[name] = self.sites.get(name, 0) + 1
        if self.cached is not None and name not in self.cached:
            return -1
        return slots.setdefault(name, len(slots))

    def _cache(self, prefix: str, n: int, name: str, value: str) -> str:
        """``value``, computed once per call: tested for "computed yet?" only where an earlier
        part of the function may already have computed it."""
        if n < 0:
            return f"({value})"
        local = f"{prefix}{n}"
        if name not in self.maybe:
            self.maybe.add(name)
            return f"({local} := {value})"
        self.guarded.add(local)
        return f"({local} if {local} is not _U else ({local} := {value}))"

    def known_after(self, expr: a.Expr, value: bool | None = None) -> frozenset[str]:
        """The facts and definitions certainly evaluated once ``expr`` is (and came out ``value``)."""
        if isinstance(expr, a.Not):
            return self.known_after(expr.operand, None if value is None else not value)
        if isinstance(expr, (a.And, a.Or)):
            short_circuits = isinstance(expr, a.Or)  # the value that stops the evaluation early
            if value is None or value == short_circuits:
                return self.known_after(expr.operands[0])
            return frozenset().union(*(self.known_after(e, value) for e in expr.operands))
        name = expr.name.text if isinstance(expr, a.Ref) else expr.subject.text
        if name not in self.definitions:
            return frozenset({name})
        body = self.definitions[name].body
        first = body.rules[0].condition if isinstance(body, a.Choice) else body
        return frozenset({name}) | self.known_after(first)

    def in_turn(self, exprs: Sequence[a.Expr], access: _Access, reached_when: bool | None) -> list[str]:
        """Operands evaluated left to right, each reached only when those before it came out
        ``reached_when`` (None: whatever they gave), so it may use what they evaluated."""
        before = self.known
        written = []
        for expr in exprs:
            written.append(self.expr(expr, access))
            self.known |= self.known_after(expr, reached_when)
        self.known = before
        return written

    # --- expressions
    def expr(self, expr: a.Expr, access: _Access) -> str:
        self.budget += 1
        if self.budget > MAX_EXPANSION:
            raise _TooLarge
        if isinstance(expr, a.Not):
            return f"(not {self.expr(expr.operand, access)})"
        if isinstance(expr, (a.And, a.Or)):
            word = " and " if isinstance(expr, a.And) else " or "
            return "(" + word.join(self.in_turn(expr.operands, access, isinstance(expr, a.And))) + ")"
        if isinstance(expr, a.Ref):
            return self.test(a.Test(a.Op.EQ, expr.name, (a.Literal(True),)), access)
        return self.test(expr, access)

    def test(self, test: a.Test, access: _Access) -> str:
        symbol = self.model.symbols[test.subject.text]
        listed = [lit.value for lit in test.values]
        kind = symbol.type.kind
        op, negated = operators.positive(test.op)
        if kind is a.TypeKind.BOOL:
            value = self.definition(symbol, access) if symbol.derived else self.fact(symbol, access)
            found = self._bool_test(value, operators.accepted(op, (False, True), listed))
        elif symbol.derived or kind is a.TypeKind.ENUM:
            value = self.definition(symbol, access) if symbol.derived else self.fact(symbol, access)
            found = self._index_test(value, operators.accepted(op, symbol.type.names, listed))
        elif kind is a.TypeKind.SET:
            value = self.fact(symbol, access)
            if operators.asks_empty(op):
                found = f"(not {value})"
            elif len(listed) == 1:
                found = f"({self.constant(listed[0])} in {value})"
            else:
                found = f"(not {self.constant(frozenset(listed))}.isdisjoint({value}))"
        else:
            symbol_ = operators.COMPARISONS[op].symbol
            found = f"({self.fact(symbol, access)} {symbol_} {self.constant(listed[0])})"
        return f"(not {found})" if negated else found

    @staticmethod
    def _bool_test(value: str, accepted: Sequence[int]) -> str:
        """``value`` tested against the accepted positions of (no, yes)."""
        if len(accepted) == 2:
            return "True"  # the diagram does not depend on it either
        return value if accepted == [1] else f"(not {value})"

    @staticmethod
    def _index_test(value: str, indices: Sequence[int]) -> str:
        if len(indices) == 1:
            return f"({value} == {indices[0]})"
        return f"({value} in ({', '.join(str(i) for i in sorted(set(indices)))},))"

    def choice(self, choice: a.Choice, keys: Sequence[a.LiteralValue], access: _Access, as_index: bool) -> str:
        """First match: the chosen value (its index in ``keys`` when ``as_index``)."""

        def shown(value: a.LiteralValue) -> str:
            if as_index:
                return str(keys.index(value))
            return "True" if value is True else "False"

        conditions = self.in_turn([rule.condition for rule in choice.rules], access, False)
        parts = [f"{shown(rule.value.value)} if {c} else " for rule, c in zip(choice.rules, conditions, strict=True)]
        last = shown(choice.otherwise.value) if choice.otherwise is not None else "_fail()"
        return "(" + "".join(parts) + last + ")"

    # --- requirements
    def requirement(self, item: _Item, access: _Access) -> str:
        """The Decision of one requirement, given the conjuncts of its condition still to test."""
        self.budget = 0
        if item.never:
            return f"_N{item.n}"
        before = self.known
        tests = self.in_turn(item.conjuncts, access, True)
        if item.req.unless:
            tests.append(f"not ({' or '.join(self.in_turn(item.req.unless, access, False))})")
        # The outcomes are chosen only once every test has passed.
        for conjunct in item.conjuncts:
            self.known |= self.known_after(conjunct, True)
        for exclusion in item.req.unless:
            self.known |= self.known_after(exclusion, False)
        chosen = f"_Y{item.n}"
        if item.req.outcomes:
            terms = []
            weights = [1]
            for outcome in reversed(item.req.outcomes[1:]):
                weights.insert(0, weights[0] * len(choice_keys(outcome.type)))
            for outcome, weight in zip(item.req.outcomes, weights, strict=True):
                chosen_value = self.choice(outcome.choice, choice_keys(outcome.type), access, as_index=True)
                terms.append(f"{chosen_value} * {weight}")
                self.known |= self.known_after(outcome.choice.rules[0].condition) if outcome.choice.rules else set()
            chosen = f"_D{item.n}[{' + '.join(terms)}]"
        self.known = before
        return f"({chosen} if {' and '.join(tests)} else _N{item.n})" if tests else chosen

    def emit(self, items: list[_Item], access: _Access, depth: int = 0, nothing: str | None = None) -> list[str]:
        """Statements assigning ``r<n>`` for each item (any exception abandons them all).

        A conjunct that several requirements share (``binnen-reikwijdte``, say) is tested once
        for all of them, and when it fails they all get "does not apply" at once — the early
        return a hand-written function would have. ``nothing``, when given, is the function's
        answer when no requirement applies: a conjunct all of them share returns it at once.
        """
        lines: list[str] = []
        outer = self.known
        while items:
            shared = _shared_conjunct(items) if depth < MAX_GROUP_DEPTH else None
            if shared is None:
                for item in items:
                    lines.append(f"r{item.n} = {self.requirement(item, access)}")
                    if item.conjuncts:
                        self.known |= self.known_after(item.conjuncts[0])
                break
            group = [item.without(shared) for item in items if shared in item.conjuncts]
            items = [item for item in items if shared not in item.conjuncts]
            # When every requirement tests it first, its failing is the function's answer.
            return_nothing = nothing is not None and not lines and not items
            self.budget = 0
            lines.append(f"if {self.expr(shared, access)}:")
            here = self.known
            self.known = here | self.known_after(shared, True)
            lines += ["    " + line for line in self.emit(group, access, depth + 1)]
            lines.append("else:")
            if return_nothing:
                lines.append(f"    return {nothing}")
            else:
                lines += [f"    r{item.n} = _N{item.n}" for item in group]
            self.known = here | self.known_after(shared)
        self.known = outer
        return lines


MAX_GROUP_DEPTH = 16  # Python allows 20 nested blocks


@attrs.frozen
class _Item:
    """A requirement still to be emitted: its number, and the conjuncts of its condition left to test."""

    n: int
    req: a.Requirement
    conjuncts: tuple[a.Expr, ...]
    never: bool = False  # no condition: it never applies

    @classmethod
    def of(cls, n: int, req: a.Requirement) -> _Item:
        if req.applies_when is None:
            return cls(n, req, (), never=True)
        return cls(n, req, tuple(_conjuncts(req.applies_when)))

    def without(self, conjunct: a.Expr) -> _Item:
        return attrs.evolve(self, conjuncts=tuple(c for c in self.conjuncts if c != conjunct))


def _conjuncts(expr: a.Expr) -> list[a.Expr]:
    if isinstance(expr, a.And):
        return [c for operand in expr.operands for c in _conjuncts(operand)]
    return [expr]


def _shared_conjunct(items: list[_Item]) -> a.Expr | None:
    """The conjunct most requirements test (at least two), the first written on a tie."""
    counts: dict[a.Expr, int] = {}
    for item in items:
        for conjunct in dict.fromkeys(item.conjuncts):  # in written order, so the choice is deterministic
            counts[conjunct] = counts.get(conjunct, 0) + 1
    best = max(counts, key=counts.__getitem__, default=None)
    return best if best is not None and counts[best] > 1 else None


def _nesting(source: str) -> int:
    """How deeply parentheses nest in ``source``."""
    depth = deepest = 0
    for char in source:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
    return deepest


def _decisions(req: a.Requirement, kinds: Mapping[str, Callable[[Any], Any]]) -> tuple[Decision, list[Decision]]:
    """The Decision when ``req`` does not apply, and one per combination of outcome values."""
    names = [o.name.text for o in req.outcomes]
    nothing = Decision(Verdict.DOES_NOT_APPLY, types.MappingProxyType(dict.fromkeys(names)))
    table = [
        Decision(Verdict.APPLIES, types.MappingProxyType({n: kinds[n](k) for n, k in zip(names, keys, strict=True)}))
        for keys in itertools.product(*(choice_keys(o.type) for o in req.outcomes))
    ]
    if len(table) > MAX_DECISIONS:
        raise _TooLarge
    return nothing, table


Exact = Callable[[object, Sequence[str]], dict[str, Decision]]


def generate(
    model: Model,
    ids: Sequence[str],
    kinds: Mapping[str, Mapping[str, Callable[[Any], Any]]],
    names: Mapping[str, str],
    single: bool,
) -> Generated:
    """The source of ``_p(s)`` deciding ``ids`` (a tuple of Decisions, or one when ``single``).

    ``kinds`` gives, per requirement and outcome, the function from a rule value to the value
    callers see (the outcome's enum, or ``bool``).
    """
    sizing = _Generator(model, names)
    items: list[_Item] = []
    for n, rid in enumerate(ids):
        req = model.requirements[rid]
        try:
            nothing, table = _decisions(req, kinds[rid])
            item = _Item.of(n, req)
            if _nesting(sizing.requirement(item, _Access.KEYS)) > MAX_PARENTHESES:
                raise _TooLarge
        except _TooLarge:
            continue  # left to the exact evaluator
        items.append(item)
        sizing.constants[f"_N{n}"], sizing.constants[f"_D{n}"], sizing.constants[f"_Y{n}"] = nothing, table, table[0]
    counting = _Generator(model, names)
    counting.emit(items, _Access.KEYS)
    gen = _Generator(model, names, counting.sites)
    gen.constants.update({k: v for k, v in sizing.constants.items() if k[:2] in ("_N", "_D", "_Y")})
    gen.constants["_A"] = tuple(sizing.constants.get(f"_N{n}") for n in range(len(ids)))
    results = [f"r{n}" for n in range(len(ids))]
    done = {item.n for item in items}
    together = "(" + ", ".join(results) + ",)"
    if len(done) == len(ids):
        finish = f"return {results[0] if single else together}"
    else:  # the requirements not compiled are left to the exact evaluator
        finish = f"return _exact(s, {together}){'[0]' if single else ''}"
    bodies: dict[_Access, list[str]] = {}
    for access in _Access:
        gen.maybe = set()
        bodies[access] = gen.emit(items, access, nothing=None if len(items) < len(ids) else "_N0" if single else "_A")
    unset = sorted(gen.guarded, key=lambda local: (local[0], int(local[1:])))
    lines = ["def _p(s):"] + (["    " + " = ".join([*unset, "_U"])] if unset else [])
    lines += (
        ["    " + " = ".join([*(f"r{n}" for n in range(len(ids)) if n not in done), "None"])]
        if len(done) < len(ids)
        else []
    )
    lines.append("    try:")
    for access, test in ((_Access.KEYS, "type(s) is _dict"), (_Access.ATTRIBUTES, "type(s) in _plain")):
        lines += [
            f"        if {test}:",
            *("            " + line for line in bodies[access]),
            f"            {finish}",
        ]
    # An exception (a fact missing, a value not read here, the caller's code raising) hands the
    # system to the exact evaluator, which sees why it raised (see build); so does a system the
    # code does not read itself (neither a dict nor an object of a type read before).
    everything = f"return _exact(s, None){'[0]' if single else ''}"
    lines += ["    except Exception:", f"        {everything}", f"    {everything}"]
    compiled = tuple(ids[item.n] for item in items)
    return Generated("\n".join(lines) + "\n", gen.constants, compiled)


def build(
    model: Model,
    ids: Sequence[str],
    kinds: Mapping[str, Mapping[str, Callable[[Any], Any]]],
    names: Mapping[str, str],
    exact: Exact,
    single: bool = False,
) -> CompiledPredicate[Any]:
    """A compiled predicate for ``ids``: ``exact(system, missing_ids)`` decides what the code cannot."""
    generated = generate(model, ids, kinds, names, single)
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
