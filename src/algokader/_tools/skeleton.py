"""``algokader new ID``: the skeleton of a new requirement file.

For a vereiste the Algoritmekader publishes, the published metadata and label profile are filled
in. The title, explanation and condition are left to the author: the condition is a deliberately
unknown name, so that the rule set refuses to load until someone writes the law's condition.
"""

from __future__ import annotations

import re
from typing import Any

from .._base.errors import InputError
from .._base.messages import text
from .fmt import quote
from .published import SITE, exclusion_to_rules, published, resolve

__all__ = ["PLACEHOLDER", "SITE", "exclusion_to_rules", "labels_block", "published", "resolve", "skeleton"]

PLACEHOLDER = "nog-in-te-vullen"
"""The condition of a fresh skeleton: no fact or definition has this name, so loading fails on it."""


_ID = re.compile(r"[a-z]{3}-[0-9]{2}")


def labels_block(entry: dict[str, Any]) -> str:
    """The ``labels`` block of a published vereiste in canonical form."""
    lines = ["    labels"]
    for category, values in entry["labels"].items():
        lines.append(f"        {category}: {', '.join(values)}")
    lines.extend(f"        uitzondering {exclusion_to_rules(e)}" for e in entry["uitzondering"])
    return "\n".join(lines)


_HEADER = """\
{header}
{published}

vereiste {rid}
    urn "urn:nl:ak:ver:{rid}"
"""

_TODO = '    # titel "…"\n    # toelichting "…"\n'


_CONDITION = """
{comment}
    van toepassing als {placeholder}
"""


def _comment(message: str, indent: str = "") -> str:
    return "\n".join(f"{indent}# {line}".rstrip() for line in message.split("\n"))


def skeleton(rid: str, lang: str | None = None) -> str:
    """A new requirement file for ``rid``, its comments in ``lang``; raises :class:`InputError` for a malformed id."""
    if not _ID.fullmatch(rid):
        raise InputError(text("check.bad-id", id=rid), fact=None, value=rid, hint=text("hint.id"))
    entry = published().get(rid)
    note = (text("skeleton.published", url=entry["url"]) if entry is not None else text("skeleton.unpublished")).render(
        lang
    )
    header = text("skeleton.header", rid=rid, placeholder=PLACEHOLDER).render(lang)
    out = _HEADER.format(rid=rid, header=_comment(header), published=_comment(f"\n{note}"))
    if entry is None:
        # The blank line is where `algokader fmt` puts it: these comments belong to the condition below.
        out += (
            "\n"
            + _TODO
            + '    # bron "Artikel …" "https://…"\n    # levenscyclus …\n    # onderwerp …\n    # rollen …\n'
        )
    else:
        out += _TODO
        for source in entry["bronnen"]:
            url = source.get("url")
            out += f"    bron {quote(source['ref'])}" + (f" {quote(resolve(url))}" if url else "") + "\n"
        for keyword, key in (("levenscyclus", "levenscyclus"), ("onderwerp", "onderwerp"), ("rollen", "rollen")):
            if entry[key]:
                out += f"    {keyword} {', '.join(entry[key])}\n"
        out += "\n" + labels_block(entry) + "\n"
    comment = _comment(text("skeleton.condition", placeholder=PLACEHOLDER).render(lang), "    ")
    return out + _CONDITION.format(comment=comment, placeholder=PLACEHOLDER)
