"""Building blocks of system descriptions shared by the corpus tests."""

from __future__ import annotations

from typing import Any

# An AI system, in the Act's scope, that nothing makes prohibited, high-risk or transparent yet.
NEUTRAL_AI_SYSTEM: dict[str, Any] = {
    "soort-toepassing": "ai-systeem",
    "rol-ai-act": {"aanbieder"},
    "aanbieder-door-wijziging": set(),
    "uitsluiting-reikwijdte": set(),
    "verboden-praktijk": set(),
    "uitzondering-verbod": set(),
    "genereert-intieme-beelden-zonder-toestemming": False,
    "integreert-eigen-ai-model": False,
    "bijlage-i": "geen",
    "bijlage-i-derde-partij": False,
    "bijlage-iii": set(),
    "uitzondering-artikel-6-3": "geen",
    "profilering": False,
    "open-source-licentie": False,
    "transparantie-situaties": set(),
}

# Annex I section A with third-party assessment (e.g. a medical device), Art. 6(1).
ANNEX_I_A = {"bijlage_i": "afdeling-a", "bijlage_i_derde_partij": True}
# Annex I section B (e.g. a component of a vehicle): high-risk, but outside Chapter III (Art. 2(2)).
ANNEX_I_B = {"bijlage_i": "afdeling-b", "bijlage_i_derde_partij": True}


def changed(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """``base`` with ``changes`` (underscores stand for hyphens; ``...`` leaves a fact out)."""
    system = dict(base)
    for key, value in changes.items():
        name = key.replace("_", "-")
        if value is ...:
            system.pop(name, None)
        else:
            system[name] = value
    return system
