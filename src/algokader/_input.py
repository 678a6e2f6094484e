"""Reading a caller's system description: any mapping or object, no base class required.

A fact ``soort-toepassing`` is the key ``soort-toepassing`` (or ``soort_toepassing``) of a
mapping, or the attribute ``soort_toepassing`` of any other object; ``names`` maps facts to
other keys or attributes. Missing and ``None`` mean *unknown*, never false. Wrong types and
values outside a fact's domain raise :class:`InputError` naming the fact and the value.
"""

from __future__ import annotations

import datetime
import difflib
import enum
from collections.abc import Mapping, Set

import attrs

from . import _ast as a
from ._checker import Symbol
from ._compiler import FactVars, Program
from ._errors import InputError
from ._messages import Text, text

_MISSING = object()
_SHOWN_VALUES = 12

Given = str | bool | frozenset[str] | datetime.date


@attrs.frozen
class Reading:
    """A system description turned into diagram values plus the facts as understood."""

    values: tuple[int | None, ...]
    given: dict[str, Given]
    derived: tuple[tuple[Symbol, str | bool], ...]


def _show(value: object) -> str:
    try:
        shown = repr(value)
    except Exception:  # a hostile __repr__ must not hide the real problem
        shown = f"<{type(value).__name__}>"
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(values[:_SHOWN_VALUES]) + (", …" if len(values) > _SHOWN_VALUES else "")


def _label(value: object) -> str | None:
    """The label a value stands for: a string, or an Enum member whose value is one."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, str):
        return str.__str__(value)
    return None


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

    def read(
        self, system: object, names: Mapping[str, str] | None = None, extra: Mapping[str, object] | None = None
    ) -> Reading:
        """Read ``system``; ``extra`` holds facts from elsewhere (labels) that must agree with it."""
        raw = self.raw_values(system, names or {})
        for name, value in (extra or {}).items():
            if name in raw and self.convert(self.slots[name], raw[name]) != self.convert(self.slots[name], value):
                message = text("input.label-conflict", name=name, label=_show(value), value=_show(raw[name]))
                raise InputError(message, fact=name, value=value)
            raw[name] = value
        values: list[int | None] = [None] * self.var_count
        given: dict[str, Given] = {}
        derived: list[tuple[Symbol, str | bool]] = []
        for name, value in raw.items():
            slot = self.slots[name]
            converted = self.convert(slot, value)
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
        return Reading(tuple(values), given, tuple(derived))

    # --- finding the raw values
    def raw_values(self, system: object, names: Mapping[str, str]) -> dict[str, object]:
        for fact in names:
            if self.keys.get(fact) != fact:
                raise self.unknown(fact)
        found: dict[str, object] = {}
        if system is None:
            return found
        if isinstance(system, Mapping):
            renamed = {key: fact for fact, key in names.items()}
            origin: dict[str, object] = {}
            for key, value in system.items():
                if not isinstance(key, str):
                    raise self.unknown(_show(key))
                name = renamed.get(key) or self.keys.get(key)
                if name is None:
                    raise self.unknown(key)
                if name in origin:
                    message = text("input.duplicate", name=name, first=origin[name], second=key)
                    raise InputError(message, fact=name, value=value)
                origin[name] = key
                if value is not None:
                    found[name] = value
            return found
        for name, default in self.attributes:
            attribute = names.get(name, default)
            try:
                value = getattr(system, attribute, _MISSING)
            except Exception as err:  # a property that raises is bad input, not an unknown fact
                reason = f"{type(err).__name__}: {err}"
                raise InputError(text("input.read-failed", name=name, reason=reason), fact=name) from err
            if value is not _MISSING and value is not None:
                found[name] = value
        return found

    def unknown(self, key: str) -> InputError:
        match = difflib.get_close_matches(key, list(self.keys), n=1, cutoff=0.6)
        hint = text("hint.did-you-mean", suggestion=self.keys[match[0]]) if match else None
        return InputError(text("input.unknown-fact", name=key), fact=key, hint=hint)

    # --- converting values
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
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        label = _label(value)
        if label is not None:
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
            match = difflib.get_close_matches(label, slot.domain, n=1, cutoff=0.6)
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
