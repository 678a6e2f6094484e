"""The web pages' words: all from the message catalogue (``algokader._base.messages``)."""

from __future__ import annotations

from .._base.messages import text


def translate(key: str, lang: str, **args: object) -> str:
    """The text for ``key`` in ``lang``; raises ``KeyError`` for an unknown key (a template mistake)."""
    return text(key, **args).render(lang)
