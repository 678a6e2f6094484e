"""Public value types for what a rule file says about the law: legal sources and effective dates.

The API hands these out instead of syntax-tree nodes, so callers depend on no internals.
"""

from __future__ import annotations

import datetime
import enum
import json
from collections.abc import Iterable, Sequence
from json.encoder import encode_basestring
from typing import Any

import attrs

from .._base.source import SourceFile
from .._language import ast as a


@attrs.frozen
class LegalSource:
    """A legal source a rule file cites (``bron``): a reference such as ``Artikel 43,
    AI-verordening`` and an optional URL."""

    reference: str
    url: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The source as JSON-ready data."""
        return {"reference": self.reference, "url": self.url}


@attrs.frozen
class EffectiveDate:
    """One ``geldt vanaf`` line of a requirement: the date (None for ``geldt niet``), the source that
    says so, the status of that source (such as ``aangenomen``) when the file gives one, and the
    condition that says for which systems the line counts, as written (None: for every system)."""

    date: datetime.date | None
    source: str
    status: str | None = None
    condition: str | None = None


def legal_sources(sources: Iterable[a.Source]) -> tuple[LegalSource, ...]:
    return tuple(LegalSource(s.reference, s.url) for s in sources)


def effective_dates(dates: Iterable[a.EffectiveDate], file: SourceFile | None) -> tuple[EffectiveDate, ...]:
    def written(e: a.EffectiveDate) -> str | None:
        if e.condition is None:
            return None
        return " ".join(file.excerpt(e.condition.span).split()) if file is not None else ""

    return tuple(EffectiveDate(e.date, e.source, e.status.text if e.status else None, written(e)) for e in dates)


def plain(value: object) -> object:
    """A fact or outcome value as JSON: sets as sorted lists, dates as ISO strings, enums by value."""
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


# --- JSON text made directly: the report's fixed parts are encoded once and spliced, its varying parts
# encoded by the same C encoder ``json.dumps`` uses, so the text is byte for byte that of
# ``json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))`` (the web's JSON).

dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
"""Compact JSON text of any JSON-ready data, exactly as ``json.dumps`` with those options writes it."""

json_string = encode_basestring
"""A string as JSON text (``json.dumps``'s own escaping with ``ensure_ascii=False``)."""


def json_strings(items: Sequence[str]) -> str:
    """A list of strings (fact names, requirement ids) as JSON text."""
    return "[" + ",".join(map(encode_basestring, items)) + "]" if items else "[]"


def json_scalar(value: object) -> str:
    """A value as JSON text; None, booleans and strings without a call into the encoder."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is str:
        return encode_basestring(value)
    return dumps(value)
