"""Public value types for what a rule file says about the law: legal sources and effective dates.

The API hands these out instead of syntax-tree nodes, so callers depend on no internals.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
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
