"""Errors and diagnostics: every problem names its place and says how to fix it."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from .messages import Text, check_language, text

if TYPE_CHECKING:
    from .source import SourceFile


@attrs.frozen(order=True)
class Span:
    """A region of a source file; lines and columns count from 1."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Severity(enum.Enum):
    """How serious a diagnostic or analysis finding is: errors stop loading (and make ``analyze``
    exit non-zero), warnings and notes do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SHOWN_LINE = 160
"""Longest source line a diagnostic shows whole; of a longer one it shows this much around the column."""


@attrs.frozen
class Diagnostic:
    """One problem in a rule file, with its place, message and fix; ``source`` is the file the
    span points into, from which the diagnostic shows its line."""

    severity: Severity
    span: Span
    message: Text
    hint: Text | None = None
    source: SourceFile | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def source_line(self) -> str | None:
        """The line the problem is on, when the file is known and has it."""
        return self.source.line(self.span.line) if self.source is not None else None

    def render(self, lang: str | None = None) -> str:
        """``file:line:column: fout: message``, the source line with a caret, and a hint."""
        lang = check_language(lang)
        word = text(f"severity.{self.severity.value}").render(lang)
        lines = [f"{self.span}: {word}: {self.message.render(lang)}"]
        snippet = self.source.snippet(self.span) if self.source is not None else None
        if snippet is not None:
            lines.extend(f"    {part}" for part in snippet)
        if self.hint is not None:
            lines.append(f"    {text('word.hint').render(lang)}: {self.hint.render(lang)}")
        return "\n".join(lines)


class AlgokaderError(Exception):
    """Base class of every error algokader raises for bad rules or bad input.

    ``path``, ``line`` and ``column`` locate the problem where it has a place in a file.
    """

    path: str | None
    line: int | None
    column: int | None

    def __init__(
        self,
        message: Text,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: Text | None = None,
    ) -> None:
        self.message = message
        self.hint = hint
        self.path, self.line, self.column = path, line, column
        super().__init__(self.render())

    def render(self, lang: str | None = None) -> str:
        """The error as text in ``lang`` (``"nl"`` or ``"en"``)."""
        lang = check_language(lang)
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}:{self.column}" if self.line is not None else "")
            where += ": "
        out = where + self.message.render(lang)
        if self.hint is not None:
            out += f"\n    {text('word.hint').render(lang)}: {self.hint.render(lang)}"
        return out

    def __str__(self) -> str:
        return self.render()


class RuleError(AlgokaderError):
    """Rule files that do not parse or check; ``diagnostics`` lists every problem found."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        if not diagnostics:
            raise ValueError("RuleError needs at least one diagnostic")
        self.diagnostics = tuple(sorted(diagnostics, key=lambda d: d.span))
        first = self.diagnostics[0]
        super().__init__(
            first.message,
            path=first.span.path,
            line=first.span.line,
            column=first.span.column,
            hint=first.hint,
        )

    def render(self, lang: str | None = None) -> str:
        return "\n".join(d.render(lang) for d in self.diagnostics)


class ParseError(RuleError):
    """A rule file that is not valid algokader syntax."""


class InputError(AlgokaderError):
    """A system description with an unknown fact, a wrong type or a value outside the domain.

    ``problems`` lists every problem found in the description, each an :class:`InputError` with its
    own fact, value and hint; ``fact``, ``value``, ``message`` and ``hint`` are those of the first.
    """

    def __init__(
        self,
        message: Text,
        *,
        fact: str | None,
        value: object = None,
        hint: Text | None = None,
        path: str | None = None,
        problems: Sequence[InputError] = (),
    ) -> None:
        self.fact = fact
        self.value = value
        self.problems: tuple[InputError, ...] = tuple(problems) or (self,)
        super().__init__(message, hint=hint, path=path)

    @classmethod
    def of(cls, problems: Sequence[InputError]) -> InputError:
        """One error for every problem of ``problems`` (at least one); a single problem is itself."""
        if len(problems) == 1:
            return problems[0]
        first = problems[0]
        return cls(first.message, fact=first.fact, value=first.value, hint=first.hint, problems=problems)

    def render(self, lang: str | None = None) -> str:
        """Every problem on its own line (with its hint), each naming the file when there is one."""
        if self.problems == (self,):
            return super().render(lang)
        where = f"{self.path}: " if self.path is not None else ""
        return "\n".join(p.render(lang) if p.path is not None else where + p.render(lang) for p in self.problems)


class InconsistentInputError(InputError):
    """Supplied facts that no system can have together (e.g. a derived fact contradicting its base facts)."""

    def __init__(self, facts: Sequence[tuple[str, object]]) -> None:
        self.facts = tuple(facts)
        shown = ", ".join(f"{name} = {value}" for name, value in self.facts)
        super().__init__(
            text("input.inconsistent", facts=shown),
            fact=self.facts[0][0] if self.facts else None,
            value=self.facts[0][1] if self.facts else None,
            hint=text("hint.inconsistent"),
        )
