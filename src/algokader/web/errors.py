"""Errors as the web application answers them: JSON for the API, a page for people; never a traceback."""

from __future__ import annotations

import datetime
import difflib
import enum
import json
from collections.abc import Iterable
from typing import Any

from fastapi.responses import JSONResponse

from .._base.errors import AlgokaderError, InputError
from .._base.messages import text


class JSON(JSONResponse):
    """JSON as UTF-8, or with escapes when the data holds text that is no UTF-8 (a lone surrogate
    from a ``\\ud800`` escape in the request): the answer must not fail because of the question."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except UnicodeEncodeError:
            return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


class WebError(Exception):
    """A request the application refuses, with its HTTP status and the parts of the JSON error."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        fact: str | None = None,
        value: object = None,
        hint: str | None = None,
        line: int | None = None,
        column: int | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.fact = fact
        self.value = value
        self.hint = hint
        self.line = line
        self.column = column
        self.retry_after = retry_after
        """Seconds to wait before asking again (a 503's ``Retry-After`` header), or None."""

    @property
    def headers(self) -> dict[str, str]:
        """The response headers the error needs (``Retry-After`` for a busy server)."""
        return {"Retry-After": str(self.retry_after)} if self.retry_after is not None else {}

    @classmethod
    def from_error(cls, err: AlgokaderError, lang: str, status: int = 422) -> WebError:
        """An algokader error (unknown fact, bad value, bad labels) with its message and hint in ``lang``."""
        fact = err.fact if isinstance(err, InputError) else None
        value = err.value if isinstance(err, InputError) else None
        hint = err.hint.render(lang) if err.hint is not None else None
        return cls(
            status, err.message.render(lang), fact=fact, value=value, hint=hint, line=err.line, column=err.column
        )

    def as_dict(self) -> dict[str, Any]:
        """The documented JSON error: ``{"error": {"status", "message", "fact", "value", "hint", ...}}``."""
        body: dict[str, Any] = {
            "status": self.status,
            "message": self.message,
            "fact": self.fact,
            "value": json_value(self.value),
            "hint": self.hint,
        }
        if self.line is not None:
            body["line"], body["column"] = self.line, self.column
        return {"error": body}


def unknown_requirement(rid: str, known: Iterable[str], lang: str) -> WebError:
    """404 for an id the rule set does not have, with the nearest id as a hint."""
    match = difflib.get_close_matches(rid, list(known), n=1, cutoff=0.6)
    hint = text("hint.did-you-mean", suggestion=match[0]).render(lang) if match else None
    return WebError(404, text("input.unknown-requirement", name=rid[:100]).render(lang), value=rid[:100], hint=hint)


def json_value(value: object, depth: int = 0) -> object:
    """A value from the input as JSON data; anything else (or anything deeper than a few levels) as text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value[:200] if isinstance(value, str) else value
    if isinstance(value, enum.Enum):
        return json_value(value.value, depth)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if depth < 3 and isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
        return [json_value(v, depth + 1) for v in items[:50]]
    if depth < 3 and isinstance(value, dict):
        return {str(k)[:100]: json_value(v, depth + 1) for k, v in list(value.items())[:50]}
    return repr(value)[:200]
