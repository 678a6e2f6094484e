"""``algokader import-algoritmekader``: take labels and metadata over from Algoritmekader markdown.

Each vereiste page of the Algoritmekader has YAML front matter (``id``, ``labels``,
``uitzondering``, ``levenscyclus``, ``onderwerp``, ``rollen``) and a ``## Bronnen`` section of
links. The importer rewrites only the clauses those carry — ``urn``, ``bron``, the three tag
lists and the ``labels`` block — by editing the file text at their AST spans, so titles,
explanations, conditions, outcomes, deviations and comments stay byte-for-byte. A condition is
never written: a new vereiste gets a deliberately unresolved one that a jurist must replace.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import attrs
import yaml

from .._base.errors import RuleError, Span
from .._base.messages import Text, text
from .._base.resources import RULE_SUFFIX
from .._base.source import read_file
from .._engine.maatregelen import MAATREGELEN_FILE, Maatregel, read_maatregelen, write_maatregelen
from .._engine.maatregelen import URN_PREFIX as MAATREGEL_URN
from .._language import ast as a
from .._language.checker import URN_PREFIX
from .._language.parser import parse
from .._language.syntax import DECLARATIONS, EXCEPTION, NAME_CLAUSES, Clause
from .published import exclusion_to_rules, fail, resolve, split_label
from .skeleton import PLACEHOLDER

MAATREGEL_SITE = "https://minbzk.github.io/Algoritmekader/voldoen-aan-wetten-en-regels/maatregelen/"
"""Where the Algoritmekader builds its maatregel pages, one folder per markdown file."""

_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
# The front matter's tag lists (keyed as the Algoritmekader does) and the clauses they become.
_TAGS = (("levenscyclus", Clause.LIFECYCLE), ("onderwerp", Clause.TOPIC), ("rollen", Clause.ROLES))
# The order metadata clauses have in a canonical file; a missing clause goes after its predecessors.
_ORDER = (Clause.URN, Clause.TITLE, Clause.EXPLANATION, Clause.SOURCE, *NAME_CLAUSES, Clause.LABELS)
# A markdown link [text](url "title"); images (![…]) are not sources; URLs may hold balanced parentheses.
_LINK = re.compile(
    r"(?<!!)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)>?(?:\s+\"[^\"]*\")?\s*\)"
)


@attrs.frozen
class PageRequirement:
    """What one markdown page says about a vereiste; ``None`` where the page says nothing."""

    id: str
    urn: str
    path: str
    labels: dict[str, tuple[str, ...]] | None
    exclusions: tuple[str, ...]
    sources: tuple[tuple[str, str | None], ...] | None
    tags: dict[str, tuple[str, ...] | None]


@attrs.frozen
class MaatregelPage:
    """What one markdown page says about a maatregel: the facts ``maatregelen.json`` keeps current."""

    id: str
    urn: str
    path: str
    url: str
    requirements: tuple[str, ...]
    tags: dict[str, tuple[str, ...]]


# --- reading the markdown


def _line_of(lines: Sequence[str], needle: str, first: int = 1) -> int | None:
    """The line (counting from 1) where ``needle`` first occurs, to point errors at it."""
    for number, line in enumerate(lines, start=1):
        if number >= first and needle in line:
            return number
    return None


def _front_matter(path: Path) -> tuple[dict[str, object], list[str], list[str], int]:
    """A page's front matter as data, its lines, all lines of the page and the closing line's index."""
    where = str(path)
    content = read_file(path).lstrip("\ufeff")
    lines = content.split("\n")
    if not lines or lines[0].strip() != "---":
        raise fail(text("import.no-front-matter"), where, 1, text("hint.front-matter"))
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise fail(text("import.unclosed-front-matter"), where, 1, text("hint.front-matter"))
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for counting from 1, +1 for the '---'
        reason = str(getattr(err, "problem", None) or err)
        raise fail(text("import.bad-yaml", reason=reason), where, line, text("hint.yaml")) from None
    if not isinstance(data, dict):
        raise fail(text("import.not-mapping"), where, 2, text("hint.front-matter"))
    return data, lines[: end + 1], lines, end


def _names(data: dict[str, object], front: Sequence[str], where: str, key: str) -> tuple[str, ...] | None:
    """A front-matter list of names (one name may stand without a list); None when the key is absent."""
    if key not in data or data[key] is None:
        return None if key not in data else ()
    values = data[key]
    if isinstance(values, str):
        values = [values]  # one value written without a list
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise fail(text("import.not-list", key=key), where, _line_of(front, f"{key}:"), text("hint.yaml-list"))
    for value in values:
        if not _NAME.fullmatch(value.strip()):
            raise fail(text("import.bad-name", key=key, value=value), where, _line_of(front, value), text("hint.name"))
    return tuple(v.strip() for v in values)


def read_requirement_page(path: Path) -> PageRequirement:
    """Read one markdown page; raises :class:`AlgokaderError` naming the file and line."""
    page = read_page(path)
    if not isinstance(page, PageRequirement):
        raise fail(text("import.bad-id", id=page.urn), str(path), 2, text("hint.import-id"))
    return page


def read_page(path: Path) -> PageRequirement | MaatregelPage:
    """Read a vereiste or maatregel page (a maatregel's ``id`` is its URN, ``urn:nl:ak:mtr:…``)."""
    data, front, lines, end = _front_matter(path)
    raw_id = data.get("id")
    if isinstance(raw_id, str) and raw_id.strip().startswith(MAATREGEL_URN):
        return _maatregel_page(path, data, front)
    return _vereiste(str(path), data, front, lines, end)


def _vereiste(
    where: str, data: dict[str, object], front: Sequence[str], lines: Sequence[str], end: int
) -> PageRequirement:
    raw_id = data.get("id")
    if not isinstance(raw_id, str) or not raw_id.strip():
        raise fail(text("import.missing-id"), where, 2, text("hint.import-id"))
    raw_id = raw_id.strip()
    rid = raw_id[len(URN_PREFIX) :] if raw_id.startswith(URN_PREFIX) else raw_id
    if not _NAME.fullmatch(rid):
        raise fail(text("import.bad-id", id=raw_id), where, _line_of(front, raw_id), text("hint.import-id"))
    urn = data.get("urn", raw_id if raw_id.startswith(URN_PREFIX) else URN_PREFIX + rid)
    if not isinstance(urn, str):
        raise fail(text("import.not-text", key="urn"), where, _line_of(front, "urn"))

    def names(key: str) -> tuple[str, ...] | None:
        return _names(data, front, where, key)

    labels: dict[str, tuple[str, ...]] | None = None
    listed = names("labels")
    if listed is not None:
        grouped: dict[str, list[str]] = {}
        for label in listed:
            category, value = split_label(label, where, _line_of(front, label))
            if value not in grouped.setdefault(category, []):
                grouped[category].append(value)
        labels = {c: tuple(v) for c, v in grouped.items()}
    exclusions: list[str] = []
    raw_exclusions = data.get("uitzondering") or []
    if isinstance(raw_exclusions, str):
        raw_exclusions = [raw_exclusions]
    if not isinstance(raw_exclusions, list) or not all(isinstance(e, str) for e in raw_exclusions):
        raise fail(text("import.not-list", key="uitzondering"), where, _line_of(front, "uitzondering"))
    for expression in raw_exclusions:
        exclusions.append(exclusion_to_rules(expression, where, _line_of(front, expression.strip()[:30])))
    tags = {key: names(key) for key, _ in _TAGS}
    return PageRequirement(rid, urn, where, labels, tuple(exclusions), _page_sources(lines[end + 1 :]), tags)


_REQUIREMENT_REF = re.compile(r"([a-z]{3}-[0-9]{2})(?:-[A-Za-z0-9_-]*)?")


def _maatregel_page(path: Path, data: dict[str, object], front: Sequence[str]) -> MaatregelPage:
    """A maatregel page: ``id`` (its URN), ``vereiste`` (page names such as ``awb-01-zorgvuldigheidsbeginsel``)
    and the three tag lists; its URL follows from the file name, as the Algoritmekader builds it."""
    where = str(path)
    urn = str(data["id"]).strip()
    mid = urn[len(MAATREGEL_URN) :]
    if not _NAME.fullmatch(mid):
        raise fail(text("import.bad-id", id=urn), where, _line_of(front, urn), text("hint.import-id"))
    requirements: list[str] = []
    refs = data.get("vereiste") or []
    if isinstance(refs, str):
        refs = [refs]
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        raise fail(text("import.not-list", key="vereiste"), where, _line_of(front, "vereiste:"), text("hint.yaml-list"))
    for ref in (r.strip() for r in refs):
        # Page names keep the Algoritmekader's capitals (aia-00-verboden-AI-praktijken): only the id counts.
        match = _REQUIREMENT_REF.fullmatch(ref)
        if match is None:
            raise fail(text("import.bad-vereiste-ref", value=ref), where, _line_of(front, ref))
        if match.group(1) not in requirements:
            requirements.append(match.group(1))
    tags = {key: _names(data, front, where, key) or () for key, _ in _TAGS}
    url = MAATREGEL_SITE + path.stem + "/index.html"
    return MaatregelPage(mid, urn, where, url, tuple(sorted(requirements)), tags)


def update_maatregelen(
    current: Sequence[Maatregel], pages: Sequence[MaatregelPage], path: str
) -> tuple[list[Maatregel], list[tuple[str, Text]]]:
    """The maatregelen after taking the pages over, and what changed (lines with their indentation).
    Titles are kept; a new maatregel gets empty ones, so the set does not load until a human writes them."""
    by_id = {m.id: m for m in current}
    report: list[tuple[str, Text]] = []
    created = changed = 0
    for page in pages:
        old = by_id.get(page.id)
        new = Maatregel(
            page.id,
            page.urn,
            old.title if old else "",
            old.title_en if old else "",
            page.url,
            page.requirements,
            page.tags["levenscyclus"],
            page.tags["onderwerp"],
            page.tags["rollen"],
        )
        by_id[page.id] = new
        if old is None:
            created += 1
            report.append(("", text("import.maatregel-created", id=page.id, path=path)))
            continue
        changes: list[Text] = []
        if old.urn != new.urn:
            changes.append(text("import.urn", old=old.urn, new=new.urn))
        if old.url != new.url:
            changes.append(text("import.url", old=old.url, new=new.url))
        for what, before, after in (
            ("vereisten", old.requirements, new.requirements),
            ("levenscyclus", old.lifecycle, new.lifecycle),
            ("onderwerp", old.topics, new.topics),
            ("rollen", old.roles, new.roles),
        ):
            _change(what, [v for v in after if v not in before], [v for v in before if v not in after], changes)
            if before != after and set(before) == set(after):
                changes.append(text("import.reordered", what=what))
        if changes:
            changed += 1
            report.append(("", text("import.maatregel-updated", id=page.id)))
            report.extend(("    ", c) for c in changes)
    seen = {p.id for p in pages}
    report.extend(("", text("import.maatregel-not-in-pages", id=m.id)) for m in current if m.id not in seen)
    report.append(("", text("import.maatregelen-summary", total=len(pages), created=created, changed=changed)))
    return list(by_id.values()), report


def _page_sources(body: Sequence[str]) -> tuple[tuple[str, str | None], ...] | None:
    """The links of the ``Bronnen`` section, or None when the page has no such section."""
    start = level = None
    for i, line in enumerate(body):
        heading = re.match(r"(#{1,6})\s*(.*?)\s*#*\s*$", line)
        if heading is None:
            continue
        if start is None and heading.group(2).lower() == "bronnen":
            start, level = i + 1, len(heading.group(1))
        elif start is not None and level is not None and len(heading.group(1)) <= level:
            body = body[:i]
            break
    if start is None:
        return None
    section = "\n".join(body[start:])
    return tuple((" ".join(m.group(1).split()), resolve(m.group(2))) for m in _LINK.finditer(section))


# --- editing requirement files


def _quote(value: str) -> str:
    return '"' + " ".join(value.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _source_text(source: tuple[str, str | None]) -> str:
    return "bron " + _quote(source[0]) + (" " + _quote(source[1]) if source[1] is not None else "")


class _Text:
    """A file's text with offsets for spans and a list of edits applied at the end."""

    def __init__(self, content: str) -> None:
        self.content = content
        self.starts = [0]
        for i, char in enumerate(content):
            if char == "\n":
                self.starts.append(i + 1)
        self.edits: list[tuple[int, int, int, str]] = []

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def bounds(self, span: Span) -> tuple[int, int]:
        return self.offset(span.line, span.column), self.offset(span.end_line, span.end_column)

    def indent(self, start: int, default: str) -> str:
        before = self.content[self.content.rfind("\n", 0, start) + 1 : start]
        return before if before and not before.strip() else default

    def replace(self, start: int, end: int, new: str) -> None:
        self.edits.append((start, end, len(self.edits), new))

    def insert(self, at: int, new: str) -> None:
        self.replace(at, at, new)

    def delete(self, start: int, end: int) -> None:
        """Delete a clause; with its line when nothing else stands on it."""
        line_start = self.content.rfind("\n", 0, start) + 1
        line_end = self.content.find("\n", end)
        line_end = len(self.content) if line_end < 0 else line_end
        if not self.content[line_start:start].strip() and not self.content[end:line_end].strip():
            # The line break before the line goes with it, so an insertion after the clause still fits.
            self.replace(max(0, line_start - 1), line_end, "")
        else:
            self.replace(start, end, "")

    def result(self) -> str:
        out: list[str] = []
        position = 0
        for start, end, _, new in sorted(self.edits):
            # An insertion after a clause that was deleted with its line lands where the deletion ends.
            begin, finish = (position, position) if start == end and start < position else (start, end)
            assert begin >= position, "overlapping edits"
            out.append(self.content[position:begin])
            out.append(new)
            position = finish
        out.append(self.content[position:])
        return "".join(out)


def _exclusion_bounds(doc: _Text, expr: a.Expr) -> tuple[int, int]:
    """From the keyword ``uitzondering`` to the end of its expression, outer parentheses included
    (the AST drops a group's parentheses from its span)."""
    start, end = doc.bounds(expr.span)
    keyword = doc.content.rfind(EXCEPTION, 0, start)
    opened = doc.content[keyword + len(EXCEPTION) : start].count("(")
    while opened:
        while doc.content[end] in " \t":
            end += 1
        if doc.content[end] != ")":
            break
        end, opened = end + 1, opened - 1
    return keyword, end


def _parse_exclusion(rules: str) -> a.Expr:
    module = parse(f"vereiste x\n    {Clause.LABELS.words}\n        {EXCEPTION} {rules}\n", f"<{EXCEPTION}>")
    req = module.items[0]
    assert isinstance(req, a.Requirement) and req.labels is not None
    return req.labels.exclusions[0]


def _edit_list(
    doc: _Text,
    old: Sequence[tuple[int, int]],
    old_keys: Sequence[object],
    new_keys: Sequence[object],
    new_texts: Sequence[str],
    indent: str,
    anchor: Callable[[], int],
) -> None:
    """Turn a list of clauses into another with the fewest edits: equal items stay untouched."""
    if not old:
        at = anchor()
        for new in new_texts:
            doc.insert(at, "\n" + indent + new)
        return
    matcher = difflib.SequenceMatcher(a=list(old_keys), b=list(new_keys), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1)
        for k in range(pairs):
            doc.replace(*old[i1 + k], new_texts[j1 + k])
        for k in range(i1 + pairs, i2):
            doc.delete(*old[k])
        extra = new_texts[j1 + pairs : j2]
        if not extra:
            continue
        if i1 + pairs > 0:
            at = old[i1 + pairs - 1][1]
            for new in extra:
                doc.insert(at, "\n" + indent + new)
        else:
            doc.insert(old[0][0], "".join(new + "\n" + indent for new in extra))


def _names_text(values: Sequence[str]) -> str:
    return ", ".join(values)


@attrs.define
class _Update:
    path: str
    created: bool
    before: str
    after: str
    changes: list[Text] = attrs.Factory(list)


def _change(what: str, added: Sequence[str], removed: Sequence[str], changes: list[Text]) -> None:
    if added:
        changes.append(text("import.added", what=what, values=", ".join(added)))
    if removed:
        changes.append(text("import.removed", what=what, values=", ".join(removed)))


def update_requirement(content: str, path: str, page_info: PageRequirement) -> _Update:
    """The file's new text and what changed; only metadata clauses are touched."""
    module = parse(content, path)
    found = [i for i in module.items if isinstance(i, a.Requirement) and i.id.text == page_info.id]
    if not found:
        raise fail(text("import.not-a-requirement", id=page_info.id), path, hint=text("hint.import-file"))
    req = found[0]
    doc = _Text(content)
    changes: list[Text] = []
    spans = list(req.clause_spans)
    clause_indent = doc.indent(doc.bounds(spans[0][1])[0], "    ") if spans else "    "

    def anchor(kind: Clause) -> int:
        """Where a missing clause goes: after the last clause that canonically precedes it."""
        rank = _ORDER.index(kind)
        ends = [doc.bounds(s)[1] for k, s in spans if k in _ORDER and _ORDER.index(k) < rank]
        return max(ends) if ends else doc.bounds(req.id.span)[1]

    # urn
    if req.urn != page_info.urn:
        new = f"{Clause.URN.words} {_quote(page_info.urn)}"
        old = [s for k, s in spans if k is Clause.URN]
        if old:
            doc.replace(*doc.bounds(old[0]), new)
        else:
            doc.insert(anchor(Clause.URN), "\n" + clause_indent + new)
        changes.append(text("import.urn", old=req.urn or "—", new=page_info.urn))

    # sources
    if page_info.sources is not None:
        old_sources = [(s.reference, s.url) for s in req.sources]
        if old_sources != list(page_info.sources):
            bounds = [doc.bounds(s.span) for s in req.sources]
            indent = doc.indent(bounds[0][0], clause_indent) if bounds else clause_indent
            new_texts = [_source_text(s) for s in page_info.sources]
            _edit_list(
                doc, bounds, old_sources, list(page_info.sources), new_texts, indent, lambda: anchor(Clause.SOURCE)
            )
            added = [_show_source(s) for s in page_info.sources if s not in old_sources]
            removed = [_show_source(s) for s in old_sources if s not in page_info.sources]
            _change("bron", added, removed, changes)
            if not added and not removed:
                changes.append(text("import.reordered", what="bron"))

    # levenscyclus, onderwerp, rollen
    for keyword, kind in _TAGS:
        values = page_info.tags[keyword]
        if values is None:
            continue
        current = tuple(
            n.text for n in {Clause.LIFECYCLE: req.lifecycle, Clause.TOPIC: req.topics}.get(kind, req.roles)
        )
        if current == values:
            continue
        clauses = [doc.bounds(s) for k, s in spans if k == kind]
        line = f"{kind.words} {_names_text(values)}"
        if clauses and values:
            doc.replace(*clauses[0], line)
        elif values:
            doc.insert(anchor(kind), "\n" + clause_indent + line)
        for place in clauses[1 if values else 0 :]:
            doc.delete(*place)
        _change(keyword, [v for v in values if v not in current], [v for v in current if v not in values], changes)
        if set(current) == set(values):
            changes.append(text("import.reordered", what=keyword))

    if page_info.labels is not None:
        _update_labels(doc, req, page_info, clause_indent, anchor, changes)

    after = doc.result()
    if after != content:
        parse(after, path)  # an edit that breaks the syntax is a bug here, never the user's file
    return _Update(path, False, content, after, changes)


def _show_source(source: tuple[str, str | None]) -> str:
    return source[0] + (f" <{source[1]}>" if source[1] else "")


def _update_labels(
    doc: _Text,
    req: a.Requirement,
    page_info: PageRequirement,
    clause_indent: str,
    anchor: Callable[[Clause], int],
    changes: list[Text],
) -> None:
    """Edit the ``labels`` block entry by entry, so untouched entries and comments stay as written."""
    assert page_info.labels is not None
    new_labels = page_info.labels
    new_exclusions = [_parse_exclusion(e) for e in page_info.exclusions]
    profile = req.labels
    entry_indent = clause_indent * 2
    if profile is None:
        if not new_labels and not new_exclusions:
            return
        lines = [f"{c}: {_names_text(v)}" for c, v in new_labels.items()]
        lines += [f"{EXCEPTION} {e}" for e in page_info.exclusions]
        block = "\n" + clause_indent + Clause.LABELS.words + "".join("\n" + entry_indent + line for line in lines)
        doc.insert(anchor(Clause.LABELS), "\n" + block)
        for category, values in new_labels.items():
            _change(category, values, (), changes)
        _change(EXCEPTION, page_info.exclusions, (), changes)
        return
    start, _ = doc.bounds(profile.span)
    keyword_end = start + len(Clause.LABELS.words)
    entries = {e.category.text: e for e in profile.entries}
    if profile.entries:
        entry_indent = doc.indent(doc.bounds(profile.entries[0].span)[0], entry_indent)
    last = keyword_end
    for entry in profile.entries:
        bounds = doc.bounds(entry.span)
        last = bounds[1]
        category = entry.category.text
        old_values = [v.text for v in entry.values]
        if category not in new_labels:
            doc.delete(*bounds)
            _change(category, (), old_values, changes)
        elif set(old_values) != set(new_labels[category]):
            doc.replace(*bounds, f"{category}: {_names_text(new_labels[category])}")
            added = [v for v in new_labels[category] if v not in old_values]
            _change(category, added, [v for v in old_values if v not in new_labels[category]], changes)
    for category, values in new_labels.items():
        if category not in entries:
            doc.insert(last, "\n" + entry_indent + f"{category}: {_names_text(values)}")
            _change(category, values, (), changes)
    if list(profile.exclusions) != new_exclusions:
        places = [_exclusion_bounds(doc, e) for e in profile.exclusions]
        after_entries = last
        _edit_list(
            doc,
            places,
            list(profile.exclusions),
            new_exclusions,
            [f"{EXCEPTION} {e}" for e in page_info.exclusions],
            entry_indent,
            lambda: after_entries,
        )
        old_text = [doc.content[s + len(EXCEPTION) : e].strip() for s, e in places]
        added = [t for t, x in zip(page_info.exclusions, new_exclusions, strict=True) if x not in profile.exclusions]
        removed = [t for t, x in zip(old_text, profile.exclusions, strict=True) if x not in new_exclusions]
        _change(EXCEPTION, added, removed, changes)


def new_requirement(page_info: PageRequirement, path: str) -> _Update:
    """A new file: the metadata, a comment and the unresolved condition ``nog-in-te-vullen``; no
    title either, so that loading also fails until a human writes one (a placeholder would pass)."""
    skeleton = (
        f"# {page_info.id} — overgenomen uit het Algoritmekader ({Path(page_info.path).name}) door\n"
        "# `algokader import-algoritmekader`: urn, bronnen, levenscyclus, onderwerp, rollen en labels.\n"
        "#\n"
        f"# De voorwaarde staat niet in het Algoritmekader. Vervang {PLACEHOLDER} hieronder door de\n"
        "# voorwaarde uit de wet en schrijf een eigen titel en toelichting (die van het Algoritmekader\n"
        "# worden niet overgenomen); tot dan laadt de regelset niet.\n"
        "\n"
        f"vereiste {page_info.id}\n"
        "\n"
        f"    van toepassing als {PLACEHOLDER}\n"
    )
    update = update_requirement(skeleton, path, page_info)
    return _Update(path, True, "", update.after, update.changes)


# --- the command


def _maatregelen_update(root: Path, pages: list[MaatregelPage]) -> tuple[Path, str, str, list[tuple[str, Text]]]:
    """The maatregelen file of ``root``: its path, text now and after the import, and the report."""
    target = root / MAATREGELEN_FILE
    before = read_file(target) if target.is_file() else ""
    current: list[Maatregel] = []
    if before:
        current, problems = read_maatregelen(before, str(target))
        if problems:
            raise RuleError(problems)  # a broken file is fixed first; the import does not guess
    updated, report = update_maatregelen(current, pages, str(target))
    return target, before, write_maatregelen(updated), report


def _find_requirement_files(root: Path) -> dict[str, Path]:
    """Which file declares which requirement, found without parsing every file."""
    found: dict[str, Path] = {}
    keyword = re.escape(DECLARATIONS["requirement"])
    pattern = re.compile(rf"^[ \t]*{keyword}[ \t]+({_NAME.pattern})", re.M)
    for path in sorted(root.rglob("*" + RULE_SUFFIX)):
        for match in pattern.finditer(read_file(path)):
            found.setdefault(match.group(1), path)
    return found


def _folder(path: str) -> Path:
    folder = Path(path)
    if not folder.is_dir():
        raise fail(text("import.no-folder", path=path), path, hint=text("hint.import-folder"))
    return folder


def import_command(
    source: str | Sequence[str], requirements: str, *, dry_run: bool, out: TextIO, lang: str | None
) -> int:
    """Create or update ``requirements/<id>.ak`` and ``requirements/maatregelen.json`` from the
    Algoritmekader markdown files in the ``source`` folder(s): vereiste pages and maatregel pages
    (told apart by their ``id``, a maatregel's being its URN ``urn:nl:ak:mtr:…``).

    Every page is read and checked before any file is written, so an error changes nothing.
    """
    sources = [source] if isinstance(source, str) else list(source)
    pages: list[Path] = []
    for folder in sources:
        found = sorted(_folder(folder).glob("*.md"))
        if not found:
            raise fail(text("import.no-markdown", path=folder), folder, hint=text("hint.import-folder"))
        pages.extend(found)
    root = _folder(requirements)
    page_infos: dict[str, PageRequirement] = {}
    maatregel_pages: dict[str, MaatregelPage] = {}
    for page in pages:
        read = read_page(page)
        known: dict[str, PageRequirement] | dict[str, MaatregelPage] = (
            page_infos if isinstance(read, PageRequirement) else maatregel_pages
        )
        if read.id in known:
            other = known[read.id].path
            raise fail(text("import.duplicate-id", id=read.id, other=other), str(page))
        if isinstance(read, PageRequirement):
            page_infos[read.id] = read
        else:
            maatregel_pages[read.id] = read
    maatregelen_update = _maatregelen_update(root, list(maatregel_pages.values())) if maatregel_pages else None
    existing = _find_requirement_files(root)
    updates: list[_Update] = []
    for rid, page_info in page_infos.items():
        target = existing.get(rid)
        if target is None:
            updates.append(new_requirement(page_info, str(root / f"{rid}{RULE_SUFFIX}")))
        else:
            updates.append(update_requirement(read_file(target), str(target), page_info))
    created = changed = 0
    for update in updates:
        if update.created:
            created += 1
            out.write(text("import.created", path=update.path, placeholder=PLACEHOLDER).render(lang) + "\n")
        elif update.after != update.before:
            changed += 1
            out.write(text("import.updated", path=update.path).render(lang) + "\n")
        else:
            out.write(text("import.unchanged", path=update.path).render(lang) + "\n")
        for change in update.changes:
            out.write("    " + change.render(lang) + "\n")
        if not dry_run and update.after != update.before:
            try:
                Path(update.path).write_text(update.after, "utf-8", newline="")
            except OSError as err:
                raise fail(text("import.unwritable", reason=err.strerror or str(err)), update.path) from None
    if page_infos:
        summary = text("import.summary", total=len(updates), created=created, changed=changed)
        out.write(summary.render(lang) + "\n")
    if maatregelen_update is not None:
        target, before, after, report = maatregelen_update
        for indent, line in report:
            out.write(indent + line.render(lang) + "\n")
        if not dry_run and after != before:
            try:
                target.write_text(after, "utf-8", newline="")
            except OSError as err:
                raise fail(text("import.unwritable", reason=err.strerror or str(err)), str(target)) from None
    if dry_run:
        out.write(text("import.dry-run").render(lang) + "\n")
    return 0
