"""Maatregelen (measures): what an organisation does to meet the vereisten, shipped as data.

The Algoritmekader pairs each vereiste with maatregelen. They live in ``maatregelen.json`` next to
the rule files: a list of entries with ``id``, ``urn``, ``titel`` and ``titel-en`` (short titles in
our own words), ``url`` (the Algoritmekader page), ``vereisten`` (the requirements it serves) and the
tags ``levenscyclus``, ``onderwerp`` and ``rollen``. The file is read and checked when the rule set
loads: a malformed entry or an unknown vereiste is a diagnostic naming file, line and entry.

JSON, not YAML, because loading must stay fast; lines for diagnostics are found from the text.
A report lists the maatregelen that follow from the requirements that apply, per lifecycle phase;
those that serve only requirements still UNKNOWN are listed apart, as "possibly".
"""

from __future__ import annotations

import bisect
import json
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from .._base.errors import Diagnostic, Severity, Span
from .._base.messages import Text, check_language, text
from .._base.source import SourceFile
from .._language.checker import ID_PATTERN
from .evaluate import Verdict
from .values import json_string, json_strings

MAATREGELEN_FILE = "maatregelen.json"
"""The name of the maatregelen file in a folder of rule files."""

URN_PREFIX = "urn:nl:ak:mtr:"

PHASES = (
    "organisatieverantwoordelijkheden",
    "probleemanalyse",
    "ontwerp",
    "dataverkenning-en-datapreparatie",
    "ontwikkelen",
    "verificatie-en-validatie",
    "implementatie",
    "monitoring-en-beheer",
    "uitfaseren",
)
"""The Algoritmekader's lifecycle phases, in the order of its maatregel numbering (0 to 8)."""

FIELDS = ("id", "urn", "titel", "titel-en", "vereisten", "levenscyclus", "onderwerp", "rollen", "url")
"""The fields of an entry, in the order the canonical file writes them."""

_TEXTS = ("id", "urn", "titel", "titel-en", "url")
_LISTS = ("vereisten", "levenscyclus", "onderwerp", "rollen")
_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")


@attrs.frozen
class Maatregel:
    """One maatregel: a measure that serves some requirements, with its tags and where it is written."""

    id: str
    urn: str
    title: str
    title_en: str
    url: str
    requirements: tuple[str, ...]
    lifecycle: tuple[str, ...]
    topics: tuple[str, ...]
    roles: tuple[str, ...]
    path: str = attrs.field(default="", eq=False)
    line: int = attrs.field(default=0, eq=False)

    def title_in(self, lang: str | None = None) -> str:
        """The title in Dutch (default) or English."""
        return self.title_en if check_language(lang) == "en" else self.title

    def as_dict(self) -> dict[str, Any]:
        """The entry as the maatregelen file writes it."""
        return {
            "id": self.id,
            "urn": self.urn,
            "titel": self.title,
            "titel-en": self.title_en,
            "vereisten": list(self.requirements),
            "levenscyclus": list(self.lifecycle),
            "onderwerp": list(self.topics),
            "rollen": list(self.roles),
            "url": self.url,
        }


@attrs.frozen
class FollowingMaatregel:
    """A maatregel in a report: the requirements it serves that apply, and those still unknown."""

    maatregel: Maatregel
    requirements: tuple[str, ...]
    unknown: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.maatregel.id

    def as_dict(self) -> dict[str, Any]:
        m = self.maatregel
        return {
            "id": m.id,
            "urn": m.urn,
            "title": m.title,
            "title_en": m.title_en,
            "url": m.url,
            "requirements": list(self.requirements),
            "unknown": list(self.unknown),
        }

    def as_json(self) -> str:
        """:meth:`as_dict` as compact JSON text, the maatregel's own part encoded once."""
        served, unknown = json_strings(self.requirements), json_strings(self.unknown)
        return _json_head(self.maatregel) + served + ',"unknown":' + unknown + "}"


_HEADS: dict[str, tuple[Maatregel, str]] = {}
"""Per maatregel id, the last maatregel of that id seen and :func:`_json_head` of it (by identity, not
equality: an attrs hash of every field costs more than the encoding saves)."""


def _json_head(m: Maatregel) -> str:
    """What :meth:`FollowingMaatregel.as_json` writes before the requirements it serves."""
    known = _HEADS.get(m.id)
    if known is not None and known[0] is m:
        return known[1]
    fields = (("id", m.id), ("urn", m.urn), ("title", m.title), ("title_en", m.title_en), ("url", m.url))
    head = "{" + "".join(f"{json_string(k)}:{json_string(v)}," for k, v in fields) + '"requirements":'
    _HEADS[m.id] = (m, head)
    return head


# --- reading and checking the file


class _Located:
    """Finds lines in the file's text: of entries (by decoding them one by one) and of fields in them."""

    def __init__(self, source: str, path: str) -> None:
        self.source = source
        self.path = path
        self.file = SourceFile(path, source)
        self.lines = self.file.lines
        self.starts = [0, *(m.end() for m in re.finditer("\n", source))]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def span(self, start: int, length: int = 1) -> Span:
        line, column = self.position(start)
        return Span(self.path, line, column, line, column + max(1, length))

    def find(self, needle: str, start: int, end: int) -> int:
        """Where ``needle`` first stands in ``[start, end)``, outside escaped quotes; else ``start``."""
        for match in re.finditer(re.escape(needle), self.source[start:end]):
            at = start + match.start()
            if self.source[at - 1 : at] != "\\":
                return at
        return start

    def diagnostic(self, at: int, length: int, message: Text, hint: Text | None = None) -> Diagnostic:
        span = self.span(at, length)
        return Diagnostic(Severity.ERROR, span, message, hint, self.file)


def _entries(doc: _Located) -> tuple[list[tuple[int, int, object]], list[Diagnostic]]:
    """The top-level array's items with their start and end offsets."""
    source = doc.source
    try:
        json.loads(source)
    except json.JSONDecodeError as err:
        message = text("maatregel.bad-json", reason=err.msg)
        return [], [doc.diagnostic(err.pos, 1, message, text("hint.maatregel-json"))]
    except RecursionError:
        return [], [doc.diagnostic(0, 1, text("maatregel.bad-json", reason=text("io.nested-too-deep")))]
    decoder = json.JSONDecoder()
    at = len(source) - len(source.lstrip())
    if not source.startswith("[", at):
        return [], [doc.diagnostic(at, 1, text("maatregel.not-list"), text("hint.maatregel-json"))]
    found: list[tuple[int, int, object]] = []
    at += 1
    while True:
        while source[at] in " \t\r\n,":
            at += 1
        if source[at] == "]":
            return found, []
        value, end = decoder.raw_decode(source, at)
        found.append((at, end, value))
        at = end


class _Entry:
    """Checks one entry of the file, reporting each problem at its field (or value) in the text."""

    def __init__(self, doc: _Located, start: int, end: int, mid: str, problems: list[Diagnostic]) -> None:
        self.doc, self.start, self.end, self.mid, self.problems = doc, start, end, mid, problems
        self.bad = False

    def problem(self, key: str | None, message: Text, hint: Text | None = None, *, value: str | None = None) -> None:
        self.bad = True
        at, length = self.start, 1
        if key is not None:
            at, length = self.doc.find(f'"{key}"', self.start, self.end), len(key) + 2
        if value is not None:
            shown = json.dumps(value, ensure_ascii=False)
            at, length = self.doc.find(shown, at, self.end), len(shown)
        self.problems.append(self.doc.diagnostic(at, length, message, hint))

    def check(self, value: dict[str, Any]) -> None:
        mid = self.mid
        fields = text("hint.maatregel-fields", fields=", ".join(FIELDS))
        for key in value:
            if key not in FIELDS:
                import difflib  # only when there is a mistake to hint at: loading stays quick

                match = difflib.get_close_matches(key, FIELDS, n=1, cutoff=0.6)
                hint = text("hint.did-you-mean", suggestion=match[0]) if match else fields
                self.problem(key, text("maatregel.unknown-field", id=mid, field=key), hint)
        for key in FIELDS:
            if key not in value:
                self.problem(None, text("maatregel.missing-field", id=mid, field=key), fields)
            elif key in _TEXTS and not (isinstance(value[key], str) and value[key].strip()):
                self.problem(key, text("maatregel.not-text", id=mid, field=key))
            elif key in _LISTS:
                self.names(key, value[key])
        if self.bad:
            return
        if not ID_PATTERN.fullmatch(mid):
            self.problem("id", text("maatregel.bad-id", id=mid), text("hint.maatregel-id"))
        if value["urn"] != URN_PREFIX + mid:
            self.problem("urn", text("maatregel.bad-urn", id=mid, urn=value["urn"]))
        if not value["url"].startswith(("https://", "http://")):
            self.problem("url", text("check.bad-url", url=value["url"]))
        for phase in value["levenscyclus"]:
            if phase not in PHASES:
                import difflib  # only when there is a mistake to hint at: loading stays quick

                match = difflib.get_close_matches(phase, PHASES, n=1, cutoff=0.5)
                hint = (
                    text("hint.did-you-mean", suggestion=match[0])
                    if match
                    else text("hint.values", values=", ".join(PHASES))
                )
                self.problem("levenscyclus", text("maatregel.unknown-phase", id=mid, name=phase), hint, value=phase)

    def names(self, key: str, items: object) -> None:
        mid = self.mid
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            self.problem(key, text("maatregel.not-names", id=mid, field=key), text("hint.maatregel-list"))
            return
        for item in items:
            if not _NAME.fullmatch(item):
                self.problem(
                    key, text("maatregel.bad-name", id=mid, field=key, value=item), text("hint.name"), value=item
                )
            elif items.count(item) > 1:
                self.problem(key, text("maatregel.duplicate-value", id=mid, field=key, value=item), value=item)
                return


def read_maatregelen(source: str, path: str) -> tuple[list[Maatregel], list[Diagnostic]]:
    """The entries of a maatregelen file, and every problem of form found in it."""
    doc = _Located(source, path)
    entries, problems = _entries(doc)
    found: list[Maatregel] = []
    for index, (start, end, value) in enumerate(entries, start=1):
        if not isinstance(value, dict):
            problems.append(doc.diagnostic(start, 1, text("maatregel.not-object", index=index)))
            continue
        raw_id = value.get("id")
        entry = _Entry(doc, start, end, raw_id if isinstance(raw_id, str) else f"#{index}", problems)
        entry.check(value)
        if entry.bad:
            continue
        line, _ = doc.position(start)
        found.append(
            Maatregel(
                entry.mid,
                value["urn"],
                " ".join(value["titel"].split()),
                " ".join(value["titel-en"].split()),
                value["url"],
                tuple(value["vereisten"]),
                tuple(value["levenscyclus"]),
                tuple(value["onderwerp"]),
                tuple(value["rollen"]),
                path,
                line,
            )
        )
    seen: dict[str, Maatregel] = {}
    for m in found:
        if m.id in seen:
            at = doc.starts[m.line - 1]
            at = doc.find(f'"{m.id}"', at, len(source))
            problems.append(
                doc.diagnostic(at, len(m.id) + 2, text("maatregel.duplicate", id=m.id, line=seen[m.id].line))
            )
        else:
            seen[m.id] = m
    return found, problems


def check_maatregelen(maatregelen: Sequence[Maatregel], source: str, requirements: Iterable[str]) -> list[Diagnostic]:
    """Every vereiste an entry names must be a requirement of the rule set."""
    ids = set(requirements)
    known = sorted(ids)
    problems: list[Diagnostic] = []
    doc: _Located | None = None  # the file's lines, worked out only when there is a problem to place
    for m in maatregelen:
        for rid in m.requirements:
            if rid in ids:
                continue
            if doc is None:
                doc = _Located(source, m.path)
            start = doc.starts[m.line - 1]
            import difflib  # only when there is a mistake to hint at: loading stays quick

            # A high cutoff: ids differ in few characters, and a removed requirement has no near miss.
            match = difflib.get_close_matches(rid, known, n=1, cutoff=0.8)
            hint = text("hint.did-you-mean", suggestion=match[0]) if match else text("hint.maatregel-requirements")
            at = doc.find(f'"{rid}"', doc.find('"vereisten"', start, len(source)), len(source))
            message = text("maatregel.unknown-requirement", id=m.id, name=rid)
            problems.append(doc.diagnostic(at, len(rid) + 2, message, hint))
    return problems


def write_maatregelen(maatregelen: Iterable[Maatregel]) -> str:
    """The canonical text of a maatregelen file: one field a line, lists on one line, sorted by phase and id."""

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    entries = []
    for m in sorted(maatregelen, key=sort_key):
        fields = m.as_dict()
        body = ",\n".join(f"    {dump(key)}: {dump(fields[key])}" for key in FIELDS)
        entries.append("  {\n" + body + "\n  }")
    return "[\n" + ",\n".join(entries) + "\n]\n"


def sort_key(m: Maatregel) -> tuple[int, str, int]:
    """The Algoritmekader's order: by the phase of the id's prefix (org 0 … uit 8), then number."""
    prefix, _, number = m.id.partition("-")
    rank = _PREFIX_RANK.get(prefix, len(_PREFIX_RANK))
    return rank, prefix, int(number) if number.isdigit() else 0


_PREFIX_RANK = {p: i for i, p in enumerate(("org", "pba", "owp", "dat", "owk", "ver", "imp", "mon", "uit"))}


# --- maatregelen in answers


def by_requirement(maatregelen: Iterable[Maatregel]) -> dict[str, tuple[Maatregel, ...]]:
    """Per requirement id, the maatregelen that serve it, in file order."""
    found: dict[str, list[Maatregel]] = {}
    for m in maatregelen:
        for rid in m.requirements:
            found.setdefault(rid, []).append(m)
    return {rid: tuple(ms) for rid, ms in found.items()}


def following(
    maatregelen: Iterable[Maatregel], verdicts: Mapping[str, Verdict]
) -> tuple[dict[str, tuple[FollowingMaatregel, ...]], dict[str, tuple[FollowingMaatregel, ...]]]:
    """The maatregelen that follow from the verdicts, per phase, and those that possibly do.

    A maatregel follows when one of the requirements it serves applies; it possibly follows when
    none applies but one is UNKNOWN. A maatregel with several phases stands under each.
    """
    sure: dict[str, list[FollowingMaatregel]] = {}
    maybe: dict[str, list[FollowingMaatregel]] = {}
    # most maatregelen serve only requirements that do not apply (or are out of scope): skipped
    # with one set operation instead of two scans of their requirements
    applies = {rid for rid, verdict in verdicts.items() if verdict is Verdict.APPLIES}
    unknowns = {rid for rid, verdict in verdicts.items() if verdict is Verdict.UNKNOWN}
    live = applies | unknowns
    for m in maatregelen:
        served = m.requirements
        if live.isdisjoint(served):
            continue
        applying = tuple([r for r in served if r in applies]) if not applies.isdisjoint(served) else ()
        unknown = tuple([r for r in served if r in unknowns]) if not unknowns.isdisjoint(served) else ()
        target = sure if applying else maybe
        entry = FollowingMaatregel(m, applying, unknown)
        for phase in m.lifecycle:
            target.setdefault(phase, []).append(entry)
    order = {p: i for i, p in enumerate(PHASES)}

    def grouped(found: dict[str, list[FollowingMaatregel]]) -> dict[str, tuple[FollowingMaatregel, ...]]:
        return {p: tuple(found[p]) for p in sorted(found, key=lambda p: order.get(p, len(order)))}

    return grouped(sure), grouped(maybe)


def count(groups: Mapping[str, Sequence[FollowingMaatregel]]) -> int:
    """How many different maatregelen the groups hold (one with several phases counts once)."""
    return len({f.id for entries in groups.values() for f in entries})


def groups_json(groups: Mapping[str, Sequence[FollowingMaatregel]]) -> list[dict[str, Any]]:
    """Phase groups as JSON: ``[{"phase": …, "maatregelen": [{…}, …]}, …]``."""
    return [{"phase": phase, "maatregelen": [f.as_dict() for f in entries]} for phase, entries in groups.items()]


def groups_json_text(groups: Mapping[str, Sequence[FollowingMaatregel]]) -> str:
    """:func:`groups_json` as compact JSON text."""
    # a maatregel with several phases is the same entry under each: encoded once
    made: dict[int, str] = {}

    def entry(f: FollowingMaatregel) -> str:
        found = made.get(id(f))
        if found is None:
            found = made[id(f)] = f.as_json()
        return found

    return (
        "["
        + ",".join(
            '{"phase":' + json_string(phase) + ',"maatregelen":[' + ",".join(map(entry, entries)) + "]}"
            for phase, entries in groups.items()
        )
        + "]"
    )


KEPT_VERDICTS = 64
"""How many combinations of verdicts a rule set keeps the maatregelen JSON of (the most recent)."""


class Catalogue:
    """A rule set's maatregelen, with the JSON text of what follows from recent verdicts kept: a
    function of which requirements apply and which are unknown alone, which walking interview
    users and similar systems share (the text is most of a report's)."""

    __slots__ = ("_heads", "_lock", "_order", "_texts", "maatregelen")

    def __init__(self, maatregelen: Iterable[Maatregel]) -> None:
        self.maatregelen = tuple(maatregelen)
        self._texts: dict[tuple[frozenset[str], frozenset[str]], tuple[str, str]] = {}
        self._lock = threading.Lock()
        self._heads: list[str] | None = None  # per maatregel: :func:`_json_head`, made when first needed
        self._order = {p: i for i, p in enumerate(PHASES)}

    def texts(self, verdicts: Mapping[str, Verdict]) -> tuple[str, str]:
        """:func:`groups_json_text` of both parts of :func:`following` for ``verdicts``; the least
        recently used combination goes past :data:`KEPT_VERDICTS`."""
        applies, unknown = Verdict.APPLIES, Verdict.UNKNOWN
        key = (
            frozenset([rid for rid, v in verdicts.items() if v is applies]),
            frozenset([rid for rid, v in verdicts.items() if v is unknown]),
        )
        with self._lock:
            found = self._texts.pop(key, None)  # taken out and put back: the most recent last
            if found is not None:
                self._texts[key] = found
                return found
        found = self._made(*key)
        with self._lock:
            while len(self._texts) >= KEPT_VERDICTS:
                del self._texts[next(iter(self._texts))]
            self._texts[key] = found
        return found

    def _made(self, applies: frozenset[str], unknowns: frozenset[str]) -> tuple[str, str]:
        """The two texts, made as :func:`following` picks and orders the entries and
        :meth:`FollowingMaatregel.as_json` writes them, without the objects in between."""
        heads = self._heads
        if heads is None:
            heads = self._heads = [_json_head(m) for m in self.maatregelen]
        sure: dict[str, list[str]] = {}
        maybe: dict[str, list[str]] = {}
        live = applies | unknowns
        for m, head in zip(self.maatregelen, heads, strict=True):
            served = m.requirements
            if live.isdisjoint(served):
                continue
            applying = [r for r in served if r in applies] if not applies.isdisjoint(served) else []
            unknown = [r for r in served if r in unknowns] if not unknowns.isdisjoint(served) else []
            target = sure if applying else maybe
            entry = head + json_strings(applying) + ',"unknown":' + json_strings(unknown) + "}"
            for phase in m.lifecycle:
                target.setdefault(phase, []).append(entry)
        order = self._order

        def text(found: dict[str, list[str]]) -> str:
            phases = sorted(found, key=lambda p: order.get(p, len(order)))
            return (
                "["
                + ",".join(
                    '{"phase":' + json_string(p) + ',"maatregelen":[' + ",".join(found[p]) + "]}" for p in phases
                )
                + "]"
            )

        return text(sure), text(maybe)


def render_groups(
    sure: Mapping[str, Sequence[FollowingMaatregel]],
    maybe: Mapping[str, Sequence[FollowingMaatregel]],
    lang: str | None = None,
) -> str:
    """The maatregelen of a report as text: per phase, each with the requirements it serves."""
    lang = check_language(lang)
    out = [text("maatregel.heading", count=count(sure)).render(lang)]
    if not sure:
        out.append("  " + text("maatregel.none").render(lang))

    def block(groups: Mapping[str, Sequence[FollowingMaatregel]], unknown_first: bool) -> None:
        for phase, entries in groups.items():
            out.append(f"  {phase}")
            for f in entries:
                served = f.unknown if unknown_first else f.requirements
                line = f"    {f.id}  {f.maatregel.title_in(lang)}  → {', '.join(served)}"
                if not unknown_first and f.unknown:
                    line += "  (" + text("maatregel.also-unknown", ids=", ".join(f.unknown)).render(lang) + ")"
                out.append(line)

    block(sure, False)
    if maybe:
        out.append("")
        out.append(text("maatregel.possibly", count=count(maybe)).render(lang))
        block(maybe, True)
    return "\n".join(out)
