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


def _values_hint(values: tuple[str, ...]) -> Text:
    shown = ", ".join(values[:_SHOWN_VALUES]) + (", …" if len(values) > _SHOWN_VALUES else "")
    return text("hint.values", values=shown)


def _label(value: object) -> str | None:
    """The label a value stands for: a string, or an Enum member whose value is one."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, str):
        return str.__str__(value)
    return None


class Reader:
    """Reads systems for one compiled rule set."""

    def __init__(self, program: Program) -> None:
        self.facts = program.facts
        self.var_count = len(program.manager.arities)
        self.derived = {
            name: symbol
            for name, symbol in program.model.symbols.items()
            if symbol.derived and symbol.type.kind in (a.TypeKind.BOOL, a.TypeKind.ENUM)
        }
        self.keys: dict[str, str] = {}
        for name in [*self.facts, *self.derived]:
            self.keys[name] = name
            self.keys[name.replace("-", "_")] = name

    def read(self, system: object, names: Mapping[str, str] | None = None) -> Reading:
        raw = self.raw_values(system, dict(names or {}))
        values: list[int | None] = [None] * self.var_count
        given: dict[str, Given] = {}
        derived: list[tuple[Symbol, str | bool]] = []
        for name, value in raw.items():
            fact = self.facts.get(name)
            if fact is not None:
                given[name] = self.convert_fact(fact, value, values)
            else:
                symbol = self.derived[name]
                converted = self.convert_scalar(name, symbol.type.kind, symbol.type.names, value)
                given[name] = converted
                derived.append((symbol, converted))
        return Reading(tuple(values), given, tuple(derived))

    # --- finding the raw values
    def raw_values(self, system: object, names: dict[str, str]) -> dict[str, object]:
        for fact in names:
            if fact not in self.keys or self.keys[fact] != fact:
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
                    raise InputError(
                        text("input.duplicate", name=name, first=origin[name], second=key), fact=name, value=value
                    )
                origin[name] = key
                if value is not None:
                    found[name] = value
            return found
        for name in self.keys.values():
            attribute = names.get(name, name.replace("-", "_"))
            try:
                value = getattr(system, attribute, _MISSING)
            except Exception as err:  # a property that raises is bad input, not unknown
                raise InputError(
                    text("input.read-failed", name=name, reason=f"{type(err).__name__}: {err}"), fact=name
                ) from err
            if value is not _MISSING and value is not None:
                found[name] = value
        return found

    def unknown(self, key: str) -> InputError:
        match = difflib.get_close_matches(key, list(self.keys), n=1, cutoff=0.6)
        hint = text("hint.did-you-mean", suggestion=self.keys[match[0]]) if match else None
        return InputError(text("input.unknown-fact", name=key), fact=key, hint=hint)

    # --- converting values
    def bad_type(self, name: str, expected: Text, value: object) -> InputError:
        return InputError(
            text("input.bad-type", name=name, expected=expected, value=_show(value), type=type(value).__name__),
            fact=name,
            value=value,
        )

    def label_in(self, name: str, domain: tuple[str, ...], value: object, expected: Text) -> str:
        label = _label(value)
        if label is None:
            raise self.bad_type(name, expected, value)
        if label not in domain:
            match = difflib.get_close_matches(label, domain, n=1, cutoff=0.6)
            hint = text("hint.did-you-mean", suggestion=match[0]) if match else _values_hint(domain)
            raise InputError(text("input.bad-value", name=name, value=_show(label)), fact=name, value=value, hint=hint)
        return label

    def convert_scalar(self, name: str, kind: a.TypeKind, domain: tuple[str, ...], value: object) -> str | bool:
        if kind is a.TypeKind.BOOL:
            if isinstance(value, bool):
                return value
            label = _label(value)
            if isinstance(value, enum.Enum) and isinstance(value.value, bool):
                return value.value
            if label in ("ja", "nee"):
                return label == "ja"
            raise self.bad_type(name, text("expected.bool"), value)
        return self.label_in(name, domain, value, text("expected.enum", values=", ".join(domain[:_SHOWN_VALUES])))

    def convert_fact(self, fact: FactVars, value: object, values: list[int | None]) -> Given:
        name = fact.name
        if fact.kind is a.TypeKind.SET:
            expected = text("expected.set", values=", ".join(fact.values[:_SHOWN_VALUES]))
            if not isinstance(value, (Set, list, tuple)):
                raise self.bad_type(name, expected, value)
            members = frozenset(self.label_in(name, fact.values, item, expected) for item in value)
            for offset, element in enumerate(fact.values):
                values[fact.first_var + offset] = 1 if element in members else 0
            return members
        if fact.kind is a.TypeKind.DATE:
            day = self.convert_date(name, value)
            values[fact.first_var] = fact.date_class(day)
            return day
        scalar = self.convert_scalar(name, fact.kind, fact.values, value)
        values[fact.first_var] = int(scalar) if isinstance(scalar, bool) else fact.values.index(scalar)
        return scalar

    def convert_date(self, name: str, value: object) -> datetime.date:
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
        raise self.bad_type(name, text("expected.date"), value)
