"""The guided intake (issue 12): an exact interview that asks only what can still change an answer."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import algokader
from algokader import InputError, Verdict, load_sources
from algokader.cli import run
from algokader.testing import partial_systems

RS = algokader.load()
AIA = [rid for rid in RS if rid.startswith("aia-")]
BASE_FACTS = {name for name, f in RS.facts.items() if not f.derived}


def _state(report: algokader.Report) -> dict[str, Any]:
    return {rid: (r.verdict, dict(r.possible_outcomes)) for rid, r in report.items()}


def _respond(interview: Any, description: dict[str, Any], steps: list[str]) -> None:
    """A truthful respondent: answers from the description, "weet ik niet" for what it lacks."""
    seen: set[str] = set()
    while (question := interview.next_question()) is not None:
        assert question.fact not in seen, "a question is never asked twice"
        assert question.fact not in interview.facts, "a given fact is never asked"
        assert question.settles and set(question.settles) <= set(interview.only)
        seen.add(question.fact)
        steps.append(question.fact)
        if question.fact in description:
            interview.answer(question.fact, description[question.fact])
        else:
            interview.skip(question.fact)
        assert _state(interview.report) == _state(RS.evaluate(interview.facts, only=list(interview.only)))


base_descriptions = partial_systems(RS).map(lambda s: {k: v for k, v in s.items() if k in BASE_FACTS})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base_descriptions, st.sampled_from([None, AIA, ["aia-14"], ["avg-01", "awb-01", "aia-05"]]))
def test_the_interview_ends_with_the_verdicts_and_outcomes_of_the_whole_description(
    description: dict[str, Any], only: list[str] | None
) -> None:
    """Whatever the system, and whatever the respondent cannot answer: when the interview ends,
    its report is evaluate() of everything the respondent knows, for every requirement in scope."""
    interview = RS.interview(only=only)
    steps: list[str] = []
    _respond(interview, description, steps)
    scope = list(interview.only)
    assert _state(interview.report) == _state(RS.evaluate(description, only=scope))
    assert list(interview.asked) == steps


@settings(max_examples=15, deadline=None)
@given(base_descriptions)
def test_every_bool_or_choice_question_has_a_value_that_changes_a_verdict_or_outcome(
    description: dict[str, Any],
) -> None:
    interview = RS.interview(only=AIA)
    while (question := interview.next_question()) is not None:
        if question.kind in (algokader.TypeKind.BOOL, algokader.TypeKind.ENUM):
            now = _state(interview.report)
            after = [
                _state(RS.evaluate({**interview.facts, question.fact: o.value}, only=AIA)) for o in question.options
            ]
            # Never useless: some answer changes something, or the fact matters together with others.
            assert any(a != now for a in after) or len(question.options) > 1
        value = description.get(question.fact)
        if value is None:
            interview.skip(question.fact)
        else:
            interview.answer(question.fact, value)


def test_a_question_carries_its_text_help_kind_options_and_sources() -> None:
    interview = RS.interview(only=["aia-14"])
    question = interview.next_question()
    assert question is not None
    info = RS.facts[question.fact]
    assert info.question is not None and question.text == info.question.nl
    assert question.kind is info.kind and question.sources == info.sources
    assert question.options and question.settles == ("aia-14",)
    english = RS.interview(only=["aia-14"], lang="en").next_question()
    assert english is not None and english.text == info.question.en


def test_undo_takes_the_last_answer_back_and_the_same_question_comes_again() -> None:
    interview = RS.interview(only=AIA)
    first = interview.next_question()
    assert first is not None
    interview.answer(first.fact, first.options[0].value if first.kind is not algokader.TypeKind.SET else [])
    assert interview.undo() == first.fact
    assert interview.facts == {} and interview.asked == ()
    again = interview.next_question()
    assert again is not None and again.fact == first.fact
    with pytest.raises(InputError):
        interview.undo()


def test_a_skipped_fact_is_never_asked_again_and_what_it_decides_stays_unknown() -> None:
    interview = RS.interview(only=["aia-14"], system={"soort-toepassing": "ai-systeem", "rol-ai-act": ["aanbieder"]})
    question = interview.next_question()
    assert question is not None
    interview.skip(question.fact)
    steps: list[str] = []
    _respond(interview, {}, steps)
    assert question.fact not in steps
    result = interview.report["aia-14"]
    assert result.verdict is Verdict.UNKNOWN and question.fact in result.depends_on


def test_bad_answers_are_input_errors_naming_the_fact() -> None:
    interview = RS.interview(only=AIA)
    with pytest.raises(InputError) as err:
        interview.answer("soort-toepassing", "robot")
    assert err.value.fact == "soort-toepassing"
    with pytest.raises(InputError):
        interview.answer("soort-toepasing", "ai-systeem")  # an unknown fact: did-you-mean
    interview.answer("soort-toepassing", "ai-systeem")
    with pytest.raises(InputError):
        interview.answer("soort-toepassing", "geen-algoritme")  # already given


def test_starting_from_a_partial_description_never_asks_what_it_gives() -> None:
    start = {"soort-toepassing": "ai-systeem", "rol-ai-act": ["gebruiksverantwoordelijke"], "bijlage-iii": ["5a"]}
    interview = RS.interview(only=AIA, system=start)
    steps: list[str] = []
    _respond(interview, {"profilering": True}, steps)
    assert not set(steps) & set(start)
    assert interview.facts.items() >= {"soort-toepassing": "ai-systeem"}.items()


def test_starting_from_labels_uses_them_as_constraints_like_evaluate() -> None:
    labels = ["hoog-risico AI", "gebruiksverantwoordelijke", "AI-systeem"]
    interview = RS.interview(only=AIA, labels=labels)
    assert _state(interview.report) == _state(RS.evaluate(labels=labels, only=AIA))
    first = interview.next_question()
    assert first is not None and first.fact not in ("soort-toepassing", "rol-ai-act")


def test_an_xor_is_asked_to_the_end() -> None:
    """Neither fact alone settles an exclusive or; the interview still asks both."""
    rs = load_sources(
        {
            "f.ak": 'feit a: ja/nee\n    vraag "A?" en "A?"\nfeit b: ja/nee\n    vraag "B?" en "B?"\n',
            "x/xor-01.ak": 'vereiste xor-01\n    urn "urn:nl:ak:ver:xor-01"\n    titel "x"\n'
            "    van toepassing als (a en niet b) of (b en niet a)\n",
        }
    )
    interview = rs.interview()
    asked = []
    while (question := interview.next_question()) is not None:
        asked.append(question.fact)
        interview.answer(question.fact, True)
    assert sorted(asked) == ["a", "b"] and interview.report["xor-01"].verdict is Verdict.DOES_NOT_APPLY


# --- the checker


def _problems(source: str) -> str:
    with pytest.raises(algokader.RuleError) as err:
        load_sources(
            {
                "f.ak": source,
                "r/abc-01.ak": 'vereiste abc-01\n    urn "urn:nl:ak:ver:abc-01"\n    titel "t"\n'
                "    van toepassing als a en c = x\n",
            }
        )
    return err.value.render("en")


def test_a_vocabulary_that_asks_needs_a_question_for_every_fact_a_requirement_reads() -> None:
    shown = _problems('feit a: ja/nee\n    vraag "A?" en "A?"\nfeit c: een van {x, y}\n')
    assert "fact c has no question, but requirement abc-01 reads it" in shown


def test_a_fact_asks_one_question() -> None:
    shown = _problems('feit a: ja/nee\n    vraag "A?" en "A?"\n    vraag "B?" en "B?"\nfeit c: een van {x, y}\n')
    assert "'vraag' occurs more than once in a" in shown


def test_the_same_question_twice_missing_english_and_unknown_values_are_errors() -> None:
    shown = _problems(
        'feit a: ja/nee\n    vraag "A?" en "A?"\nfeit c: een van {x, y}\n    vraag "A?"\n    waarde xx "X" en "X"\n'
    )
    assert "vraag of fact c has no English text" in shown
    assert "fact c asks the same question as fact a" in shown
    assert "'xx' is not a value of c" in shown and "did you mean 'x'?" in shown


# --- the command line


def _vraag(tmp_path: Path, answers: str, *argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = run(["vraag", *argv], io.StringIO(answers), out)
    return code, out.getvalue()


def test_vraag_with_piped_answers_writes_yaml_that_check_reproduces(tmp_path: Path) -> None:
    saved = tmp_path / "antwoorden.yaml"
    answers = "\n".join(["1"] + ["0"] * 5 + ["2"] * 30) + "\n"
    code, shown = _vraag(tmp_path, answers, "--only", "aia-01,aia-14", "--output", str(saved))
    assert code == 0 and saved.exists()
    summary = shown.split(str(saved))[-1].strip()
    check = io.StringIO()
    assert run(["check", str(saved), "--only", "aia-01,aia-14"], io.StringIO(""), check) == 0
    assert summary == check.getvalue().strip()


def test_vraag_asks_a_bad_answer_again_and_shows_help(tmp_path: Path) -> None:
    code, shown = _vraag(tmp_path, "?\n99\nbanaan\nw\nq\n", "--only", "aia-14")
    assert code == 0
    assert shown.count("is geen geldig antwoord") == 2
    assert "Bron:" in shown and "Gestopt" in shown


def test_vraag_undo_and_end_of_input(tmp_path: Path) -> None:
    # 1 is valid for any question, and no single answer settles both requirements
    code, shown = _vraag(tmp_path, "t\n1\nt\n", "--only", "aia-14,avg-01", "--lang", "en")
    assert code == 0 and "nothing to take back" in shown and "Taken back" in shown and "End of input" in shown


def test_vraag_from_a_start_file_and_labels(tmp_path: Path) -> None:
    start = tmp_path / "start.yaml"
    start.write_text("soort-toepassing: ai-systeem\nrol-ai-act: [aanbieder]\n", "utf-8")
    code, shown = _vraag(tmp_path, "q\n", "--only", "aia-14", "--start", str(start))
    assert code == 0 and "soort-toepassing" not in shown.split("Vraag 1")[1].split("\n")[1]
    code, _ = _vraag(tmp_path, "q\n", "--only", "aia-14", "--labels", "hoog-risico AI,aanbieder,AI-systeem")
    assert code == 0


def test_vraag_saves_what_was_answered_when_interrupted(tmp_path: Path) -> None:
    class Interrupting(io.StringIO):
        def readline(self, size: int | None = -1) -> str:
            if self.tell() >= 2:
                raise KeyboardInterrupt
            return super().readline()

    saved = tmp_path / "a.yaml"
    out = io.StringIO()
    # no single answer settles both requirements, so the interview is still going when interrupted
    code = run(["vraag", "--only", "aia-14,avg-01", "--output", str(saved)], Interrupting("1\n"), out)
    first = RS.interview(only=["aia-14", "avg-01"]).next_question()
    assert first is not None
    assert code == 130 and f"{first.fact}:" in saved.read_text("utf-8")


def test_vraag_never_shows_a_traceback_for_a_bad_start_file(tmp_path: Path) -> None:
    start = tmp_path / "start.yaml"
    start.write_text("soort-toepassing: robot\n", "utf-8")
    with pytest.raises(InputError) as err:
        _vraag(tmp_path, "", "--start", str(start))
    assert err.value.path == str(start)


def test_every_question_of_the_bundled_vocabulary_reads_as_a_question_in_both_languages() -> None:
    """A question opens with a capital and ends with a question mark, in Dutch and in English."""
    wrong = [
        f"{name}: {text!r}"
        for name, fact in algokader.load().facts.items()
        if fact.question is not None
        for text in (fact.question.nl, fact.question.en or "")
        if not (text[:1].isupper() and text.rstrip().endswith("?"))
    ]
    assert wrong == []


# --- never a useless question, exhaustively on small random rule sets

_SMALL_FACTS = (
    'feit a: ja/nee\n    vraag "A?" en "A?"\n'
    'feit b: ja/nee\n    vraag "B?" en "B?"\n'
    'feit k: een van {rood, groen, blauw}\n    vraag "K?" en "K?"\n'
    'feit s: verzameling van {x, y, z}\n    vraag "S?" en "S?"\n'
)
_SMALL_ATOMS = ["a", "b", "k = rood", "k = groen", "s bevat x", "s bevat y", "s is leeg"]
_SMALL_VALUES: dict[str, list[Any]] = {
    "a": [True, False],
    "b": [True, False],
    "k": ["rood", "groen", "blauw"],
    "s": [[m for i, m in enumerate("xyz") if n >> i & 1] for n in range(8)],
}


def _completions(known: dict[str, Any]) -> list[dict[str, Any]]:
    found = [dict(known)]
    for name, values in _SMALL_VALUES.items():
        if name not in known:
            found = [{**f, name: v} for f in found for v in values]
    return found


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(algokader.testing.conditions(_SMALL_ATOMS, max_leaves=4), st.none() | st.sampled_from(_SMALL_ATOMS)),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(list(_completions({}))),
    st.sampled_from(["lookahead", "touched", "parts"]),
)
def test_every_question_has_values_that_lead_to_different_verdicts_or_outcomes(
    rules: list[tuple[str, str | None]], truth: dict[str, Any], strategy: str
) -> None:
    """Never one whose every value leads to the same verdicts and outcomes in scope: for every
    question there is a way the facts still open can turn out under which two values of the
    asked fact give different verdicts or outcomes (checked by enumerating every completion)."""
    sources = {"f.ak": _SMALL_FACTS}
    for i, (condition, tenzij) in enumerate(rules):
        rid = f"tst-{i:02d}"
        text = f'vereiste {rid}\n    urn "urn:nl:ak:ver:{rid}"\n    titel "t"\n    van toepassing als {condition}\n'
        if tenzij is not None:
            text += f"    tenzij {tenzij}\n"
        sources[f"r/{rid}.ak"] = text
    rs = load_sources(sources)
    interview = rs.interview(strategy=strategy)
    while (question := interview.next_question()) is not None:
        known = dict(interview.facts)
        fact = question.fact
        differs = False
        for completion in _completions({**known, fact: _SMALL_VALUES[fact][0]}):
            seen = {str(_state(rs.evaluate({**completion, fact: value}))) for value in _SMALL_VALUES[fact]}
            if len(seen) > 1:
                differs = True
                break
        assert differs, f"{fact} was asked after {known}, but no value of it changes anything"
        interview.answer(fact, truth[fact])
    assert _state(interview.report) == _state(rs.evaluate(truth))


def _questions(description: dict[str, Any], only: list[str] | None) -> list[tuple[str, tuple[str, ...]]]:
    interview = RS.interview(only=only)
    asked = []
    while (question := interview.next_question()) is not None:
        asked.append((question.fact, question.settles))
        if question.fact in description:
            interview.answer(question.fact, description[question.fact])
        else:
            interview.skip(question.fact)
    return asked


def _details(description: dict[str, Any]) -> list[tuple[Any, ...]]:
    report = RS.evaluate(description)
    return [(r.verdict, dict(r.possible_outcomes), r.depends_on, dict(r.outcome_depends_on)) for r in report.values()]


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(base_descriptions, min_size=4, max_size=4))
def test_what_evaluations_and_interviews_keep_for_each_other_changes_no_answer(
    descriptions: list[dict[str, Any]],
) -> None:
    """Evaluations and interviews share one overlay of the diagram and what was worked out in it
    (per node, whatever the system). Answers never depend on it: asked in a fresh overlay, after
    other systems, or by four threads at once, every question and every detail is the same."""
    scopes: list[list[str] | None] = [None, ["aia-14"]]
    manager = RS._program.manager  # internal: the overlay is emptied to compare with a fresh start

    def everything(description: dict[str, Any]) -> tuple[Any, ...]:
        return _details(description), [_questions(description, only) for only in scopes]

    fresh = []
    for description in descriptions:
        manager.discard_workspace()
        fresh.append(everything(description))
    assert [everything(d) for d in descriptions] == fresh

    from concurrent.futures import ThreadPoolExecutor

    manager.discard_workspace()
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(everything, descriptions)) == fresh


def _walk_states(seed: int, steps: int) -> list[tuple[dict[str, Any], list[str]]]:
    """Interview states as the API gets them (answers, skipped): a respondent answering the
    questions asked with a random option, "weet ik niet" now and then, starting over when done."""
    import random

    rng = random.Random(seed)
    states: list[tuple[dict[str, Any], list[str]]] = []
    answers: dict[str, Any] = {}
    skipped: list[str] = []
    while len(states) < steps:
        states.append((dict(answers), list(skipped)))
        interview = RS.interview(system=answers)
        for fact in skipped:
            interview.skip(fact)
        question = interview.next_question()
        if question is None:
            answers, skipped = {}, []
        elif rng.random() < 0.15 or not question.options:
            skipped.append(question.fact)
        elif question.kind is algokader.TypeKind.SET:
            answers[question.fact] = [o.value for o in question.options if rng.random() < 0.3]
        else:
            answers[question.fact] = rng.choice(question.options).value
    return states


def _api_answer(answers: dict[str, Any], skipped: list[str]) -> str:
    """What POST /api/interview answers for this state (its JSON, the time dimension included)."""
    import json

    from algokader.web.questionnaire import question_json

    interview = RS.interview(system=answers, op="2026-12-04")
    for fact in skipped:
        interview.skip(fact)
    question = interview.next_question()
    report = interview.report.as_dict()
    return json.dumps({"question": question_json(question), "open": list(interview.open), "report": report})


def test_interview_answers_with_the_time_dimension_do_not_depend_on_the_shared_overlay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each step of walking respondents, asked in a fresh overlay, equals the same step asked after
    all the steps before it in one shared overlay (what rankings, overlaps and restrictions it
    kept), and in overlays so small that they are replaced again and again; the kept
    restrictions stay within their bound."""
    from algokader._engine import evaluate, interview, mdd

    manager = RS._program.manager  # internal: the overlay is emptied to compare with a fresh start
    states = _walk_states(5, 24) + _walk_states(6, 24)
    fresh = []
    for answers, skipped in states:
        manager.discard_workspace()
        fresh.append(_api_answer(answers, skipped))
    manager.discard_workspace()
    assert [_api_answer(a, s) for a, s in states] == fresh
    assert len(manager.workspace().memo("by-values")) <= evaluate.BY_VALUES

    monkeypatch.setattr(mdd, "WORKSPACE_NODES", 3_000)
    manager.discard_workspace()
    overlays = set()
    shared = []
    for answers, skipped in states:
        overlay = manager.workspace()
        overlays.add(id(overlay))
        shared.append(_api_answer(answers, skipped))
        assert len(overlay.memo("by-values")) <= evaluate.BY_VALUES
        assert len(overlay.memo("interview.exists")) <= interview.SKIPPED_SETS
    assert shared == fresh
    assert len(overlays) > 5  # the bound replaced the overlay again and again
    # what the rankings keep is in tables the bound counts (a table per name, an entry per result)
    names = {"choosers", "overlaps", "open-values", "block-exits", "dependencies", "timing", "set-scores"}
    assert names <= overlay.memos.keys()
    monkeypatch.undo()
    manager.discard_workspace()
