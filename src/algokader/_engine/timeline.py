"""A system's timeline: the dates on which requirements start to bind it, from its report.

Built only from each result's exact time dimension (``binds_from``, ``possible_starts``,
``binds_depends_on``), so it says nothing the results do not.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import attrs

from .._base.messages import text
from .compiler import Regime
from .evaluate import Verdict

if TYPE_CHECKING:
    from .ruleset import Report, Start


@attrs.frozen
class TimelineItem:
    """One requirement on the timeline, with the ``geldt vanaf`` line that governs it (if one does)."""

    id: str
    title: str
    verdict: Verdict
    start: Start | None


@attrs.frozen
class TimelineEntry:
    """A date on which requirements start to bind the system."""

    date: datetime.date
    items: tuple[TimelineItem, ...]


@attrs.frozen
class OpenStart:
    """A requirement whose start depends on facts not given yet."""

    id: str
    title: str
    verdict: Verdict
    possible: tuple[Start, ...]
    unbound_possible: bool  # in some completion no line governs: it binds on no date
    depends_on: tuple[str, ...]


@attrs.frozen
class Timeline:
    """When requirements start to bind one system, under one regime, seen from one reference date."""

    op: datetime.date
    regime: Regime
    entries: tuple[TimelineEntry, ...]
    """The dated starts, earliest first."""
    open: tuple[OpenStart, ...]
    """Requirements whose start unknown facts still leave open."""
    unbound: tuple[TimelineItem, ...]
    """Requirements that (may) apply in law but bind this system on no date: a ``geldt niet`` line
    (its start is that line), or no line counts under this regime (start None)."""
    undated: tuple[TimelineItem, ...]
    """Requirements that (may) apply and whose rule file has no ``geldt vanaf`` line: they bind as they apply."""

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (``algokader tijdlijn --format json``)."""

        def start(s: Start | None) -> dict[str, Any] | None:
            if s is None:
                return None
            day = s.date.isoformat() if s.date is not None else None
            return {"date": day, "source": s.source, "status": s.status, "path": s.path, "line": s.line}

        def item(i: TimelineItem) -> dict[str, Any]:
            return {"id": i.id, "title": i.title, "verdict": i.verdict.value, "start": start(i.start)}

        return {
            "op": self.op.isoformat(),
            "regime": self.regime.value,
            "dates": [
                {"date": e.date.isoformat(), "in_force": e.date <= self.op, "requirements": [item(i) for i in e.items]}
                for e in self.entries
            ],
            "open": [
                {
                    "id": o.id,
                    "title": o.title,
                    "verdict": o.verdict.value,
                    "possible": [start(s) for s in o.possible],
                    "unbound_possible": o.unbound_possible,
                    "depends_on": list(o.depends_on),
                }
                for o in self.open
            ],
            "unbound": [item(i) for i in self.unbound],
            "undated": [item(i) for i in self.undated],
        }

    def render(self, lang: str | None = None) -> str:
        """The timeline as readable text, in Dutch (default) or English."""

        def say(code: str, **args: object) -> str:
            return text(code, **args).render(lang)

        def maybe(verdict: Verdict) -> str:
            return "" if verdict is Verdict.APPLIES else " " + say("timeline.maybe")

        out = [say("timeline.heading", op=self.op.isoformat(), regime=say(f"regime.{self.regime.value}"))]
        for entry in self.entries:
            when = say("timeline.in-force") if entry.date <= self.op else say("timeline.later")
            out.append(f"{entry.date.isoformat()}  ({when})")
            for i in entry.items:
                out.append(f"  {i.id}  {i.title}{maybe(i.verdict)}")
                if i.start is not None:
                    out.append(f"          {i.start.source}")
        if self.open:
            out.append(say("timeline.open"))
            for o in self.open:
                options = [
                    f"{s.date.isoformat() if s.date else say('timeline.no-date')} ({s.source})" for s in o.possible
                ]
                if o.unbound_possible and not any(s.date is None for s in o.possible):
                    options.append(say("timeline.no-date"))
                out.append(f"  {o.id}  {o.title}{maybe(o.verdict)}")
                out.append(f"          {say('timeline.possible')}: {'; '.join(options)}")
                if o.depends_on:
                    out.append(f"          {say('timeline.depends-on')}: {', '.join(o.depends_on)}")
        if self.unbound:
            out.append(say("timeline.unbound"))
            for i in self.unbound:
                out.append(f"  {i.id}  {i.title}{maybe(i.verdict)}")
                out.append(f"          {i.start.source if i.start is not None else say('timeline.no-line')}")
        if self.undated:
            out.append(say("timeline.undated"))
            out.extend(f"  {i.id}  {i.title}{maybe(i.verdict)}" for i in self.undated)
        if len(out) == 1:
            out.append("  " + say("timeline.nothing"))
        return "\n".join(out)


def timeline(report: Report) -> Timeline:
    """The timeline of a report evaluated in law mode."""
    if report.op is None:
        raise ValueError("a timeline needs a report evaluated against the law (mode='law')")
    dated: dict[datetime.date, list[TimelineItem]] = {}
    still_open: list[OpenStart] = []
    unbound: list[TimelineItem] = []
    undated: list[TimelineItem] = []
    for result in report.values():
        if result.verdict is Verdict.DOES_NOT_APPLY:
            continue
        info = result.requirement
        start = result.binds_from
        possible = result.possible_starts
        if not info.effective:
            undated.append(TimelineItem(info.id, info.title, result.verdict, None))
        elif start is not None and start.date is not None:
            dated.setdefault(start.date, []).append(TimelineItem(info.id, info.title, result.verdict, start))
        elif start is not None or not possible:
            unbound.append(TimelineItem(info.id, info.title, result.verdict, start))
        else:
            still_open.append(
                OpenStart(
                    info.id, info.title, result.verdict, possible, result.unbound_possible, result.binds_depends_on
                )
            )
    entries = tuple(TimelineEntry(day, tuple(items)) for day, items in sorted(dated.items()))
    return Timeline(report.op, report.regime, entries, tuple(still_open), tuple(unbound), tuple(undated))
