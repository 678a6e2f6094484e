"""The questionnaire's state, carried entirely by the request (query string or form fields).

Nothing about a user is stored on the server: every page's URL holds the language, the scope,
the labels, the answers and the order in which they were given, so the back button, a reload and
a bookmark all show the same page. The encoding, which is part of the documented automation
contract:

- ``FACT=VALUE`` for each answer or given fact: ``ja``/``nee`` for yes/no facts, the value for
  one-of facts, ``JJJJ-MM-DD`` for dates, one pair per member for set facts, and ``FACT=`` (empty)
  for the empty set;
- ``asked=FACT`` for each question answered or skipped, in order (facts given from an uploaded
  description are not in it, so "terug" never takes them away);
- ``skipped=FACT`` for each "weet ik niet";
- ``only=ID,ID,…``: the requirements in scope (none: all; the parameter may also repeat);
- ``label=LABEL`` for each starting label, ``lang=nl|en``;
- ``op=JJJJ-MM-DD``: the reference date (peildatum) the timeline is judged on (none: today);
- ``regime=oorspronkelijk|omnibus``: the AI Act's dates as published or with the digital omnibus
  (none: the library's default, the omnibus).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import attrs

from .._engine.ruleset import FactInfo
from .._language.ast import TypeKind

CONTROLS = frozenset(
    {"lang", "only", "label", "asked", "skipped", "question", "skip", "back", "scope", "requirement", "op", "regime"}
)
"""Parameter names that are not facts; a rule set whose vocabulary uses one cannot be served."""

LANGS = ("nl", "en")


@attrs.frozen
class State:
    """Everything a questionnaire page needs, read from the request."""

    lang: str = "nl"
    only: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    facts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Each fact given, with its values as they travel (one for a single value; members for a set)."""
    asked: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    op: str = ""
    """The reference date as it travels (``JJJJ-MM-DD``; empty: today); checked where it is used."""
    regime: str = ""
    """The regime's name as it travels (empty: the default); checked where it is used."""

    @property
    def given(self) -> dict[str, tuple[str, ...]]:
        return dict(self.facts)

    def system(self, facts: Mapping[str, FactInfo]) -> dict[str, object]:
        """The facts as ``evaluate`` reads them (unknown names passed on, so that it names them)."""
        system: dict[str, object] = {}
        for name, values in self.facts:
            info = facts.get(name)
            if info is not None and info.kind is TypeKind.SET:
                system[name] = [v for v in values if v]
            else:
                system[name] = values[0] if len(values) == 1 else list(values)
        return system

    def with_answer(self, fact: str, values: Sequence[str]) -> State:
        facts = (*((n, v) for n, v in self.facts if n != fact), (fact, tuple(values)))
        return attrs.evolve(self, facts=facts, asked=(*_without(self.asked, fact), fact))

    def with_skip(self, fact: str) -> State:
        facts = tuple((n, v) for n, v in self.facts if n != fact)
        return attrs.evolve(
            self, facts=facts, asked=(*_without(self.asked, fact), fact), skipped=(*_without(self.skipped, fact), fact)
        )

    def undone(self) -> State:
        """The state before the last question answered or skipped (unchanged when none was)."""
        if not self.asked:
            return self
        last = self.asked[-1]
        return attrs.evolve(
            self,
            facts=tuple((n, v) for n, v in self.facts if n != last),
            asked=self.asked[:-1],
            skipped=_without(self.skipped, last),
        )

    def pairs(self, *, lang: bool = True) -> list[tuple[str, str]]:
        """The state as query parameters, in a canonical order."""
        out: list[tuple[str, str]] = [("lang", self.lang)] if lang else []
        out += [("only", ",".join(self.only))] if self.only else []
        out += [("label", label) for label in self.labels]
        out += [("op", self.op)] if self.op else []
        out += [("regime", self.regime)] if self.regime else []
        for name, values in self.facts:
            out += [(name, v) for v in values] or [(name, "")]
        out += [("asked", f) for f in self.asked]
        out += [("skipped", f) for f in self.skipped]
        return out

    def query(self, **changes: Any) -> str:
        """The canonical query string of this state (with ``changes`` applied, e.g. ``lang="en"``)."""
        return urlencode(attrs.evolve(self, **changes).pairs() if changes else self.pairs())


def _without(items: tuple[str, ...], item: str) -> tuple[str, ...]:
    return tuple(i for i in items if i != item)


def read_state(params: Iterable[tuple[str, str]]) -> State:
    """The state in query or form parameters; parameters named like controls but not state are ignored."""
    lang = "nl"
    only: list[str] = []
    labels: list[str] = []
    facts: dict[str, list[str]] = {}
    asked: list[str] = []
    skipped: list[str] = []
    op = regime = ""
    for key, value in params:
        if key == "lang":
            lang = value if value in LANGS else lang
        elif key == "only":
            only += [v.strip() for v in value.split(",") if v.strip()]
        elif key == "label":
            labels += [value] if value else []
        elif key == "asked":
            asked.append(value)
        elif key == "skipped":
            skipped.append(value)
        elif key == "op":
            op = value.strip()
        elif key == "regime":
            regime = value.strip()
        elif key not in CONTROLS:
            facts.setdefault(key, []).append(value)
    return State(
        lang,
        tuple(dict.fromkeys(only)),
        tuple(dict.fromkeys(labels)),
        tuple((k, tuple(v)) for k, v in facts.items()),
        tuple(dict.fromkeys(asked)),
        tuple(dict.fromkeys(skipped)),
        op,
        regime,
    )


def travelling(value: object) -> tuple[str, ...]:
    """A converted fact value (as in ``Report.facts``) as the strings that carry it in a URL."""
    if isinstance(value, bool):
        return ("ja" if value else "nee",)
    if isinstance(value, frozenset | set | list | tuple):
        return tuple(sorted(str(v) for v in value)) or ("",)
    if isinstance(value, datetime.date):
        return (value.isoformat(),)
    return (str(value),)


def plain(value: object) -> object:
    """A converted fact value as plain JSON/YAML data that ``algokader check`` reads back."""
    if isinstance(value, frozenset | set):
        return sorted(str(v) for v in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
