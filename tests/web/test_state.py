"""The questionnaire's state travels in the URL: read back exactly, and each step changes only itself."""

from __future__ import annotations

from urllib.parse import parse_qsl

import algokader
from algokader.web.state import CONTROLS, State, read_state

RULES = algokader.load()


def test_a_state_reads_back_from_its_own_query() -> None:
    state = State(
        "en",
        ("aia-14", "aia-00"),
        ("soort-toepassing-ai-systeem",),
        (("profilering", ("ja",)), ("bijlage-iii", ("1a", "5b")), ("uitsluiting-reikwijdte", ("",))),
        ("profilering", "bijlage-iii", "uitsluiting-reikwijdte", "bijlage-i"),
        ("bijlage-i",),
        "2027-01-01",
        "oorspronkelijk",
    )
    assert read_state(parse_qsl(state.query(), keep_blank_values=True)) == state
    # the reference date and regime are no facts, and a step keeps them
    assert "op" not in state.given and state.with_skip("profilering").op == "2027-01-01"
    assert state.undone().regime == "oorspronkelijk"


def test_answers_skips_and_undo() -> None:
    state = State().with_answer("profilering", ["nee"]).with_skip("bijlage-i").with_answer("bijlage-iii", [""])
    assert state.asked == ("profilering", "bijlage-i", "bijlage-iii")
    assert state.system(RULES.facts) == {"profilering": "nee", "bijlage-iii": []}
    assert state.undone().undone() == State().with_answer("profilering", ["nee"])
    assert state.undone().undone().undone().undone() == State()
    # Facts given at the start (an uploaded description) are not asked, so undo leaves them.
    started = State(facts=(("profilering", ("ja",)),))
    assert started.undone() == started


def test_no_fact_of_the_bundled_vocabulary_is_named_like_a_control() -> None:
    assert not CONTROLS & set(RULES.facts)
