"""Source files: bounded reading, the text as the parser reads it, its lines, the text of a span
and a line with a caret under a span. Every stage and reader that points into a file uses these."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from .errors import SHOWN_LINE, AlgokaderError, Span
from .messages import text
from .resources import RULE_SUFFIX

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

MAX_FILE_BYTES = 1 << 20
"""Largest rule file accepted (1 MiB)."""


def read_file(
    path: str | Path | Traversable,
    limit: int = MAX_FILE_BYTES,
    *,
    too_large: str = "io.too-large",
    hint: str | None = "hint.too-large",
) -> str:
    """A file's UTF-8 text, read no further than ``limit`` bytes (the file may be endless:
    ``/dev/zero``, a pipe). Raises :class:`AlgokaderError` naming the file as given when it cannot
    be read, is not UTF-8, or is larger than ``limit`` (message ``too_large``, given ``size`` and
    ``limit``, with ``hint``). A byte-order mark is kept (:func:`normalize` drops it)."""
    local = Path(path) if isinstance(path, str) else path
    try:
        with local.open("rb") as stream:
            data = stream.read(limit + 1)
        size: object = len(data)
        if len(data) > limit:
            size = local.stat().st_size if isinstance(local, Path) and local.is_file() else f"> {limit}"
    except FileNotFoundError:
        raise AlgokaderError(text("io.no-such-path"), path=str(path)) from None
    except IsADirectoryError:
        raise AlgokaderError(text("io.is-folder"), path=str(path)) from None
    except OSError as err:
        raise AlgokaderError(text("io.unreadable", reason=err.strerror or str(err)), path=str(path)) from None
    if len(data) > limit:
        advice = text(hint) if hint is not None else None
        raise AlgokaderError(text(too_large, size=size, limit=limit), path=str(path), hint=advice)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise AlgokaderError(text("io.not-utf8"), path=str(path)) from None


def normalize(source: str) -> str:
    """The text as the parser reads it: a leading byte-order mark dropped, CRLF and lone CR line
    endings made LF (Lark counts lines by LF, and a comment runs to the next LF)."""
    if source.startswith("\ufeff"):
        source = source[1:]
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    return source


def split_lines(source: str) -> list[str]:
    """A normalized text's lines as the parser numbers them: split at LF only (``str.splitlines``
    also splits at form feeds, U+2028 and other characters that are no line break to Lark)."""
    lines = source.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


@attrs.frozen
class SourceFile:
    """One file's normalized text under the path messages show, with its lines numbered from 1."""

    path: str
    text: str = attrs.field(repr=False)
    lines: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(split_lines(self.text)))

    @classmethod
    def of(cls, path: str, source: str) -> SourceFile:
        """The file of a text as read from disk (normalized first)."""
        return cls(path, normalize(source))

    def line(self, number: int) -> str | None:
        """Line ``number`` (from 1), or None where the file has no such line."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else None

    def span(self, line: int, column: int, end_line: int | None = None, end_column: int | None = None) -> Span:
        """A span in this file; without an end, one character wide."""
        end = column + 1 if end_column is None else end_column
        return Span(self.path, line, column, line if end_line is None else end_line, end)

    def end(self) -> Span:
        """The one-character span just after the file's last character (where an unexpected end is)."""
        last = max(1, len(self.lines))
        return self.span(last, len(self.lines[-1]) + 1 if self.lines else 1)

    def excerpt(self, span: Span) -> str:
        """The text of ``span`` as written, its lines joined by LF and their common indentation removed."""
        first, last = span.line - 1, span.end_line - 1
        if first == last:
            return (self.line(span.line) or "")[span.column - 1 : span.end_column - 1]
        # Pad the first line back to its column so dedent sees the clause's own indentation.
        head = " " * (span.column - 1) + (self.line(span.line) or "")[span.column - 1 :]
        tail = (self.line(span.end_line) or "")[: span.end_column - 1]
        return textwrap.dedent("\n".join([head, *self.lines[first + 1 : last], tail])).strip("\n")

    def snippet(self, span: Span) -> tuple[str, str] | None:
        """The line of ``span`` (cut around the column, marked with … where cut, when long) and the
        caret line under it; None where the file has no such line."""
        line = self.line(span.line)
        return None if line is None else caret(line, span)


def caret(line: str, span: Span) -> tuple[str, str]:
    """``line`` as shown (at most SHOWN_LINE characters around the span's column) and a line of
    carets under the span's part of it (one caret for a span that runs over several lines)."""
    column = span.column
    shown = line
    if len(line) > SHOWN_LINE:
        start = max(0, min(column - 1 - SHOWN_LINE // 2, len(line) - SHOWN_LINE))
        prefix = "…" if start > 0 else ""
        suffix = "…" if start + SHOWN_LINE < len(line) else ""
        shown, column = prefix + line[start : start + SHOWN_LINE] + suffix, column - start + len(prefix)
    width = max(1, span.end_column - span.column) if span.end_line == span.line else 1
    width = min(width, max(1, len(shown) - column + 1))
    return shown, " " * (column - 1) + "^" * width


def rule_files_in(root: Path | Traversable, prefix: str) -> list[tuple[str, Path | Traversable]]:
    """The rule files (``*.ak``) below a folder, sorted, each with its name shown as ``prefix`` + path."""
    found: list[tuple[str, Path | Traversable]] = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        shown = f"{prefix}{entry.name}"
        if entry.is_dir():
            found.extend(rule_files_in(entry, shown + "/"))
        elif entry.name.endswith(RULE_SUFFIX):
            found.append((shown, entry))
    return found
