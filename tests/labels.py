"""The Algoritmekader's published label profiles, and their canonical form in the rules language.

Deliberately written apart from ``algokader._tools.published`` and ``algokader._tools.skeleton``: the tests use it
as an independent oracle for what the library and the requirement files must contain.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from typing import Any
from urllib.parse import urljoin

CATEGORIES = (
    "soort-toepassing",
    "risicogroep",
    "rol-ai-act",
    "transparantieverplichting",
    "systeemrisico",
    "open-source",
)
REFERENCE = files("algokader") / "data" / "algoritmekader-vereisten.json"


def reference() -> dict[str, dict[str, Any]]:
    """The published data of every vereiste, by id."""
    data = json.loads(REFERENCE.read_text("utf-8"))
    return {entry["id"]: entry for entry in data["vereisten"]}


SITE = "https://minbzk.github.io/Algoritmekader/voldoen-aan-wetten-en-regels/vereisten/"


def resolve(url: str) -> str:
    """A source link as a requirement file records it: relative Markdown links of the
    Algoritmekader repository become the pages the site builds from them."""
    if url.startswith(("http://", "https://")):
        return url
    page = urljoin(SITE, url)
    return page[: -len(".md")] + "/index.html" if page.endswith(".md") else page


def _split(label: str) -> tuple[str, str]:
    for category in CATEGORIES:
        if label.startswith(category + "-"):
            return category, label[len(category) + 1 :]
    raise ValueError(f"label {label!r} has no known category prefix")


def exclusion_to_rules(expression: str) -> str:
    """An ``uitzondering`` expression of the Algoritmekader (``"cat-value"``, ``||``, ``&&``,
    parentheses) in the canonical form of the rules language: a group of alternatives within one
    category becomes ``cat in {…}`` (values in the published order), a single label ``cat = value``,
    ``&&`` becomes ``en`` and an alternative across categories ``(… of …)``.
    """
    tokens = re.findall(r'"[^"]*"|\|\||&&|\(|\)|[a-z0-9-]+', expression)
    if "".join(tokens) != re.sub(r"\s+", "", expression):
        raise ValueError(f"cannot read {expression!r}")
    position = 0

    def alternatives() -> list[list[Any]]:
        nonlocal position
        groups = [conjunction()]
        while position < len(tokens) and tokens[position] == "||":
            position += 1
            groups.append(conjunction())
        return groups

    def conjunction() -> list[Any]:
        nonlocal position
        parts = [atom()]
        while position < len(tokens) and tokens[position] == "&&":
            position += 1
            parts.append(atom())
        return parts

    def atom() -> Any:
        nonlocal position
        token = tokens[position]
        position += 1
        if token == "(":
            inner = alternatives()
            position += 1  # ")"
            return inner
        return _split(token.strip('"'))

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
    return result[1:-1] if result.startswith("(") and result.endswith(")") and " of " in result else result


def labels_block(entry: dict[str, Any]) -> str:
    """The ``labels`` block of a requirement file for a published vereiste, in canonical form."""
    lines = ["    labels"]
    for category, values in entry["labels"].items():
        lines.append(f"        {category}: {', '.join(values)}")
    lines.extend(f"        uitzondering {exclusion_to_rules(e)}" for e in entry["uitzondering"])
    return "\n".join(lines)
