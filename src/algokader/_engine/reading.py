"""Reading a caller's system description: any mapping or object, no base class required.

A fact ``soort-toepassing`` is the key ``soort-toepassing`` (or ``soort_toepassing``) of a
mapping, or the attribute ``soort_toepassing`` of any other object; ``names`` maps facts to
other keys or attributes. Missing and ``None`` mean *unknown*, never false. Wrong types and
values outside a fact's domain raise :class:`InputError` naming the fact and the value.

The policy in full (documented for users in ``docs/grenzen.rst``):

- yes/no facts take ``bool`` (or an Enum member whose value is one), or the text ``"ja"``/``"nee"``;
  ``1``, ``"true"`` and other truthy values are wrong types.
- one-of facts take a ``str`` in the domain or an Enum member whose value is one; set facts a
  ``set``, ``frozenset``, ``list``, ``tuple`` or other ``collections.abc.Set`` of those. Subclasses of
  ``str`` count by their text (``str.__str__``): their own ``__eq__``, ``__hash__``, ``__str__`` and
  ``__repr__`` are never called.
- date facts take a ``datetime.date`` (a ``datetime`` counts by its day) or the text
  ``"JJJJ-MM-DD"``; other ISO 8601 forms are wrong types.
- a value that is read but cannot be understood (an attribute or property that raises, even
  ``AttributeError`` from a ``property``; a mapping or collection whose iteration raises) is an
  :class:`InputError` naming the fact, never *unknown*.
- texts, numbers and plain lists or sets are no system description at all: an :class:`InputError`.
- the converted facts are plain built-in values (``str``, ``bool``, ``frozenset[str]``,
  ``datetime.date``), so nothing of the caller's objects is kept or called later.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
import reprlib
from collections.abc import Mapping, Set
from typing import Any

import attrs

from .._base.errors import InputError
from .._base.messages import Text, text
from .._language import ast as a
from .._language.checker import Symbol
from .compiler import FactVars, Program

_MISSING = object()
_ENUM, _BOOL, _DATE = a.TypeKind.ENUM, a.TypeKind.BOOL, a.TypeKind.DATE
_SETS = (set, frozenset, list, tuple)
_SHOWN_VALUES = 12

Given = str | bool | frozenset[str] | datetime.date


@attrs.frozen
class Reading:
    """A system description turned into diagram values plus the facts as understood."""

    values: tuple[int | None, ...]
    given: dict[str, Given]
    derived: tuple[tuple[Symbol, str | bool], ...]


_NOT_A_SYSTEM = (str, bytes, bytearray, memoryview, int, float, complex, list, set, frozenset)
"""Types whose instances are no system description (a tuple is one only as a named tuple)."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)

_PROPERTIES = (property, functools.cached_property)

MOST_PROBLEMS = 20
"""Problems of one system description reported at once; past this, reading stops (a million unknown
keys would otherwise cost a million did-you-mean searches)."""

_SUGGEST_UP_TO = 100
"""Longer unknown names or values get no did-you-mean hint (the comparison costs their length)."""


def _repr() -> reprlib.Repr:
    shown = reprlib.Repr()
    shown.maxstring = shown.maxother = 60
    return shown


_REPR = _repr()
"""Bounded repr: a nested or shared collection is cut short instead of written out in full."""


def _show(value: object) -> str:
    try:
        shown = _REPR.repr(value)
    except Exception:  # a hostile __repr__ must not hide the real problem
        shown = f"<{type(value).__name__}>"
    return _shorten(shown)


def _shorten(shown: str) -> str:
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _reason(err: BaseException) -> str:
    """``Type: message`` of an exception from the caller's code, even when its ``__str__`` raises."""
    try:
        detail = str(err)
    except Exception:
        detail = ""
    shown = f"{type(err).__name__}: {detail}" if detail else type(err).__name__
    return shown if len(shown) <= 200 else shown[:197] + "..."


def _plain_date(value: datetime.date) -> datetime.date:
    """A date (or datetime) as a plain ``datetime.date``, read without calling the caller's overrides."""
    return datetime.date.fromordinal(datetime.date.toordinal(value))


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(values[:_SHOWN_VALUES]) + (", …" if len(values) > _SHOWN_VALUES else "")


def _label(value: object) -> str | None:
    """The label a value stands for: a string, or an Enum member whose value is one."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, str):
        return str.__str__(value)
    return None


def _all_of(problems: list[InputError]) -> InputError:
    """One error for all problems found; when reading stopped early, a last line says so."""
    if len(problems) >= MOST_PROBLEMS:
        problems = [*problems, InputError(text("input.more-problems", count=MOST_PROBLEMS), fact=None)]
    return InputError.of(problems)


@attrs.frozen
class _Slot:
    """How to read one fact or derived fact: its kind, domain and label → index table."""

    name: str
    kind: a.TypeKind
    domain: tuple[str, ...]
    index: dict[str, int]
    fact: FactVars | None  # None for a derived fact
    absent: tuple[int, ...] = ()  # a set fact's variables when no element is present


class Reader:
    """Reads systems for one compiled rule set."""

    def __init__(self, program: Program) -> None:
        self.var_count = len(program.manager.arities)
        self.slots: dict[str, _Slot] = {}
        for name, fact in program.facts.items():
            index = {v: i for i, v in enumerate(fact.values)}
            self.slots[name] = _Slot(name, fact.kind, fact.values, index, fact, (0,) * len(fact.values))
        for name, symbol in program.model.symbols.items():
            if symbol.derived and symbol.type.kind in (a.TypeKind.BOOL, a.TypeKind.ENUM):
                names = symbol.type.names
                self.slots[name] = _Slot(name, symbol.type.kind, names, {v: i for i, v in enumerate(names)}, None)
        self.symbols = program.model.symbols
        self.keys: dict[str, str] = {}
        for name in self.slots:
            self.keys[name] = name
            self.keys[name.replace("-", "_")] = name
        self.attributes = tuple((name, name.replace("-", "_")) for name in self.slots)
        # For plain dicts of well-typed base facts under their own names: per fact its kind,
        # first variable, label table and variables (see read_plain).
        self.plain: dict[str, tuple[a.TypeKind, int, dict[str, int], tuple[int, ...], FactVars]] = {
            name: (slot.kind, slot.fact.first_var, slot.index, slot.absent, slot.fact)
            for name, slot in self.slots.items()
            if slot.fact is not None
        }

    def read(
        self, system: object, names: Mapping[str, str] | None = None, extra: Mapping[str, object] | None = None
    ) -> Reading:
        """Read ``system``; ``extra`` holds facts from elsewhere (labels) that must agree with it."""
        if type(system) is dict and not names and not extra:
            reading = self.read_plain(system)
            if reading is not None:
                return reading
        problems: list[InputError] = []  # every problem of the description, reported at once
        raw = self.raw_values(system, names or {}, problems)
        for name, value in (extra or {}).items():
            if name in raw:
                try:
                    conflict = self.converted(self.slots[name], raw[name]) != self.convert(self.slots[name], value)
                except InputError:
                    continue  # the fact's own problem is reported below
                if conflict:
                    message = text("input.label-conflict", name=name, label=_show(value), value=_show(raw[name]))
                    problems.append(InputError(message, fact=name, value=value))
                    continue
            raw[name] = value
        values: list[int | None] = [None] * self.var_count
        given: dict[str, Given] = {}
        derived: list[tuple[Symbol, str | bool]] = []
        for name, value in raw.items():
            if len(problems) >= MOST_PROBLEMS:
                break
            slot = self.slots[name]
            try:
                converted = self.converted(slot, value)
            except InputError as err:
                problems.append(err)
                continue
            given[name] = converted
            fact = slot.fact
            if fact is None:
                derived.append((self.symbols[name], converted))  # type: ignore[arg-type]
            elif slot.kind is a.TypeKind.SET:
                first = fact.first_var
                values[first : first + len(slot.domain)] = slot.absent
                for element in converted:  # type: ignore[union-attr]
                    values[first + slot.index[element]] = 1
            elif slot.kind is a.TypeKind.BOOL:
                values[fact.first_var] = 1 if converted else 0
            elif slot.kind is a.TypeKind.ENUM:
                values[fact.first_var] = slot.index[converted]  # type: ignore[index]
            else:
                values[fact.first_var] = fact.date_class(converted)  # type: ignore[arg-type]
        if problems:
            raise _all_of(problems)
        return Reading(tuple(values), given, tuple(derived))

    def read_plain(self, system: dict[Any, Any]) -> Reading | None:
        """The common case made quick: a dict holding plain values (``str``, ``bool``, a set, list
        or tuple of ``str``, a ``datetime.date``) of base facts under their own names. ``None`` for anything else,
        which the general path then reads, or rejects with the error naming fact and value."""
        plain = self.plain
        values: list[int | None] = [None] * self.var_count
        given: dict[str, Given] = {}
        for key, value in system.items():
            found = plain.get(key) if type(key) is str else None
            if found is None:
                return None
            if value is None:
                continue
            kind, first, index, absent, fact = found
            if kind is _ENUM:
                i = index.get(value) if type(value) is str else None
                if i is None:
                    return None
                values[first] = i
                given[key] = value
            elif kind is _BOOL:
                if value is not True and value is not False:
                    return None
                values[first] = 1 if value else 0
                given[key] = value
            elif kind is _DATE:
                if type(value) is not datetime.date:  # a datetime (by its day) or a text: the general path
                    return None
                values[first] = fact.date_class(value)
                given[key] = value
            else:
                if type(value) not in _SETS:
                    return None
                values[first : first + len(absent)] = absent
                for member in value:
                    i = index.get(member) if type(member) is str else None
                    if i is None:
                        return None
                    values[first + i] = 1
                given[key] = frozenset(value)
        return Reading(tuple(values), given, ())

    # --- finding the raw values
    def raw_values(
        self, system: object, names: Mapping[str, str], problems: list[InputError] | None = None
    ) -> dict[str, object]:
        """The value given for each fact; problems with single facts go to ``problems`` (or are raised)."""
        collected: list[InputError] = [] if problems is None else problems
        found = self.collect_raw_values(system, names, collected)
        if problems is None and collected:
            raise _all_of(collected)
        return found

    def collect_raw_values(
        self, system: object, names: Mapping[str, str], problems: list[InputError]
    ) -> dict[str, object]:
        for fact, key in names.items():
            if type(fact) is not str or self.keys.get(fact) != fact:
                raise self.unknown(fact)
            if type(key) is not str:
                raise InputError(text("input.bad-name", name=fact, value=_show(key)), fact=fact, value=key)
        found: dict[str, object] = {}
        if system is None:
            return found
        kind = type(system)  # not isinstance: that asks the object's own __class__
        if issubclass(kind, _NOT_A_SYSTEM) or (kind is tuple):
            message = text("input.not-a-system", value=_show(system), type=kind.__name__)
            raise InputError(message, fact=None, value=system, hint=text("hint.not-a-system"))
        if issubclass(kind, Mapping):
            try:
                return self.mapping_values(system, names, problems)  # type: ignore[arg-type]
            except InputError:
                raise
            except Exception as err:  # a mapping whose iteration raises
                message = text("input.read-system-failed", reason=_reason(err))
                raise InputError(message, fact=None, value=system) from err
        for name, default in self.attributes:
            if len(problems) >= MOST_PROBLEMS:
                break
            attribute = names.get(name, default)
            try:
                value = getattr(system, attribute, _MISSING)
                if value is _MISSING and isinstance(getattr(kind, attribute, None), _PROPERTIES):
                    getattr(system, attribute)  # the property raised AttributeError: raise it again
            except Exception as err:  # a property that raises is bad input, not an unknown fact
                message = text("input.read-failed", name=name, reason=_reason(err))
                problem = InputError(message, fact=name)
                problem.__cause__ = err
                problems.append(problem)
                continue
            if value is not _MISSING and value is not None:
                found[name] = value
        return found

    def mapping_values(
        self, system: Mapping[object, object], names: Mapping[str, str], problems: list[InputError]
    ) -> dict[str, object]:
        found: dict[str, object] = {}
        renamed = {key: fact for fact, key in names.items()}
        origin: dict[str, object] = {}
        for given, value in system.items():
            if len(problems) >= MOST_PROBLEMS:
                break
            if not isinstance(given, str):
                problems.append(self.unknown(given))
                continue
            key = str.__str__(given)  # a subclass by its text: its own __eq__ and __hash__ stay uncalled
            name = renamed.get(key) or self.keys.get(key)
            if name is None:
                problems.append(self.unknown(key, value))
                continue
            if name in origin:
                message = text("input.duplicate", name=name, first=origin[name], second=key)
                problems.append(InputError(message, fact=name, value=value))
                continue
            origin[name] = key
            if value is not None:
                found[name] = value
        return found

    def unknown(self, key: object, value: object = None) -> InputError:
        """The error for ``key``, which names no fact: its ``value`` is what was given under a text key,
        and the key itself when it is no text (then it is what is wrong)."""
        shown = _shorten(key) if type(key) is str else _show(key)
        hint = None
        if type(key) is str and len(key) <= _SUGGEST_UP_TO:
            import difflib  # only when there is a mistake to hint at: loading stays quick

            match = difflib.get_close_matches(key, list(self.keys), n=1, cutoff=0.6)
            hint = text("hint.did-you-mean", suggestion=self.keys[match[0]]) if match else None
        fact, wrong = (key, value) if isinstance(key, str) else (shown, key)
        return InputError(text("input.unknown-fact", name=shown), fact=fact, value=wrong, hint=hint)

    # --- converting values
    def converted(self, slot: _Slot, value: object) -> Given:
        """:meth:`convert`, with whatever the caller's objects raise on the way turned into an
        :class:`InputError` naming the fact and the value."""
        try:
            return self.convert(slot, value)
        except InputError:
            raise
        except Exception as err:
            message = text("input.read-failed", name=slot.name, reason=_reason(err))
            raise InputError(message, fact=slot.name, value=value) from err

    def convert(self, slot: _Slot, value: object) -> Given:
        kind = slot.kind
        # The common cases first: exact built-in types found in the domain.
        if kind is a.TypeKind.BOOL:
            if type(value) is bool:
                return value
        elif kind is a.TypeKind.ENUM:
            if type(value) is str and value in slot.index:
                return value
        elif (
            kind is a.TypeKind.SET
            and isinstance(value, (set, frozenset, list, tuple))
            and all(type(m) is str and m in slot.index for m in value)
        ):
            return frozenset(value)
        return self.convert_slowly(slot, value)

    def convert_slowly(self, slot: _Slot, value: object) -> Given:
        kind = slot.kind
        if kind is a.TypeKind.BOOL:
            if isinstance(value, bool):
                return value
            if isinstance(value, enum.Enum) and isinstance(value.value, bool):
                return value.value
            label = _label(value)
            if label in ("ja", "nee"):
                return label == "ja"
            raise self.bad_type(slot, value)
        if kind is a.TypeKind.ENUM:
            return self.label_in(slot, value)
        if kind is a.TypeKind.SET:
            if not isinstance(value, (Set, list, tuple)):
                raise self.bad_type(slot, value)
            return frozenset(self.label_in(slot, item) for item in value)
        if isinstance(value, datetime.date):  # a datetime too: its day
            return _plain_date(value)
        label = _label(value)
        if label is not None and _ISO_DATE.fullmatch(label):
            try:
                return datetime.date.fromisoformat(label)
            except ValueError:
                pass
        raise self.bad_type(slot, value)

    def label_in(self, slot: _Slot, value: object) -> str:
        label = _label(value)
        if label is None:
            raise self.bad_type(slot, value)
        if label not in slot.index:
            import difflib  # only when there is a mistake to hint at: loading stays quick

            match = (
                difflib.get_close_matches(label, slot.domain, n=1, cutoff=0.6) if len(label) <= _SUGGEST_UP_TO else []
            )
            hint = text("hint.did-you-mean", suggestion=match[0]) if match else self.values_hint(slot)
            message = text("input.bad-value", name=slot.name, value=_show(label))
            raise InputError(message, fact=slot.name, value=value, hint=hint)
        return label

    @staticmethod
    def values_hint(slot: _Slot) -> Text:
        return text("hint.values", values=_listed(slot.domain))

    def bad_type(self, slot: _Slot, value: object) -> InputError:
        expected = text(f"expected.{slot.kind.value}", values=_listed(slot.domain))
        message = text(
            "input.bad-type", name=slot.name, expected=expected, value=_show(value), type=type(value).__name__
        )
        return InputError(message, fact=slot.name, value=value)
