"""The Algoritmekader's published vereisten: its data shipped with algokader, its links and its
``uitzondering`` expressions in the rules language. Shared by ``new`` and ``import-algoritmekader``."""

from __future__ import annotations

import difflib
import functools
import json
import re
from importlib.resources import files
from typing import Any
from urllib.parse import urljoin

from .._base.errors import AlgokaderError
from .._base.messages import Text, text
from .._engine.labels import CATEGORIES

SITE = "https://minbzk.github.io/Algoritmekader/voldoen-aan-wetten-en-regels/vereisten/"
"""The pages the Algoritmekader builds from its vereiste files; relative source links resolve against it."""


@functools.cache
def published() -> dict[str, dict[str, Any]]:
    """The published data of every vereiste of the Algoritmekader, by id."""
    data = json.loads((files("algokader") / "data" / "algoritmekader-vereisten.json").read_text("utf-8"))
    return {entry["id"]: entry for entry in data["vereisten"]}


def fail(message: Text, path: str, line: int | None = None, hint: Text | None = None) -> AlgokaderError:
    return AlgokaderError(message, path=path, line=line, column=1 if line is not None else None, hint=hint)


def resolve(url: str) -> str:
    """A source link as a requirement file records it: relative links of the Algoritmekader
    repository become the pages the site builds from them."""
    if url.startswith(("http://", "https://", "mailto:")):
        return url
    page = urljoin(SITE, url)
    return page[: -len(".md")] + "/index.html" if page.endswith(".md") else page


def split_label(label: str, where: str, line: int | None) -> tuple[str, str]:
    """``risicogroep-hoog-risico-ai-systeem`` → (``risicogroep``, ``hoog-risico-ai-systeem``)."""
    everything = [f"{c}-{v}" for c, values in CATEGORIES.items() for v in values]
    for category in sorted(CATEGORIES, key=len, reverse=True):  # the longest prefix wins
        if label.startswith(category + "-"):
            value = label[len(category) + 1 :]
            if value in CATEGORIES[category]:
                return category, value
            candidates = [f"{category}-{v}" for v in CATEGORIES[category]]
            match = difflib.get_close_matches(label, candidates, n=1, cutoff=0.5)
            hint = (
                text("hint.did-you-mean", suggestion=match[0])
                if match
                else text("hint.values", values=", ".join(CATEGORIES[category]))
            )
            raise fail(text("import.unknown-label-value", category=category, value=value), where, line, hint)
    match = difflib.get_close_matches(label, everything, n=1, cutoff=0.5)
    hint = (
        text("hint.did-you-mean", suggestion=match[0])
        if match
        else text("hint.label-categories", categories=", ".join(CATEGORIES))
    )
    raise fail(text("import.unknown-label-category", label=label), where, line, hint)


def exclusion_to_rules(expression: str, where: str = "<uitzondering>", line: int | None = None) -> str:
    """An ``uitzondering`` expression (``"cat-value"``, ``||``, ``&&``, parentheses) in the canonical
    form of the rules language: alternatives within one category become ``cat in {…}``, a single
    label ``cat = value``, ``&&`` becomes ``en`` and alternatives across categories ``(… of …)``."""
    tokens = re.findall(r'"[^"]*"|\|\||&&|\(|\)|[a-z0-9-]+', expression)

    def bad() -> AlgokaderError:
        return fail(text("import.bad-exclusion", expression=expression), where, line, text("hint.exclusion"))

    if not tokens or "".join(tokens) != re.sub(r"\s+", "", expression):
        raise bad()
    position = 0

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def alternatives() -> list[list[Any]]:
        nonlocal position
        groups = [conjunction()]
        while peek() == "||":
            position += 1
            groups.append(conjunction())
        return groups

    def conjunction() -> list[Any]:
        nonlocal position
        parts = [atom()]
        while peek() == "&&":
            position += 1
            parts.append(atom())
        return parts

    def atom() -> Any:
        nonlocal position
        token = peek()
        if token is None or token in ("||", "&&", ")"):
            raise bad()
        position += 1
        if token == "(":
            inner = alternatives()
            if peek() != ")":
                raise bad()
            position += 1
            return inner
        return split_label(token.strip('"'), where, line)

    def render(groups: list[list[Any]]) -> str:
        labels = [g[0] for g in groups if len(g) == 1 and isinstance(g[0], tuple)]
        if len(labels) == len(groups) and len({c for c, _ in labels}) == 1:
            category = labels[0][0]
            values = [v for _, v in labels]
            return f"{category} = {values[0]}" if len(values) == 1 else f"{category} in {{{', '.join(values)}}}"
        rendered = [" en ".join(part(p) for p in g) for g in groups]
        return rendered[0] if len(rendered) == 1 else "(" + " of ".join(rendered) + ")"

    def part(p: Any) -> str:
        return f"{p[0]} = {p[1]}" if isinstance(p, tuple) else render(p)

    result = render(alternatives())
    if position != len(tokens):
        raise bad()
    return result[1:-1] if result.startswith("(") and result.endswith(")") and " of " in result else result
