"""The questionnaire: one question per page, built from the interview engine, its state in the URL.

Each page replays the state (starting facts and labels, then the answers and skips in order) into
a fresh :meth:`RuleSet.interview`, so the server keeps nothing between requests.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from .._base.errors import AlgokaderError
from .._engine.evaluate import Verdict
from .._engine.interview import Interview
from .._engine.ruleset import Question, RuleSet
from .._language.ast import TypeKind
from .errors import WebError
from .pages import GROUPS, check_scope, read, render, root, shown_value, state_when
from .state import State, read_state
from .texts import translate


def replay(rules: RuleSet, state: State, *, steps: int | None = None) -> Interview:
    """A fresh interview brought to ``state`` (or to its first ``steps`` questions); 422 when it does not fit."""
    asked = set(state.asked)
    given = state.given
    start = State(state.lang, facts=tuple((n, v) for n, v in state.facts if n not in asked)).system(rules.facts)
    answers = State(state.lang, facts=tuple((n, v) for n, v in state.facts if n in asked)).system(rules.facts)
    skipped = set(state.skipped)
    check_scope(rules, state)
    op, regime = state_when(state)
    try:
        iv = rules.interview(
            only=list(state.only) or None,
            system=start,
            labels=list(state.labels) or None,
            lang=state.lang,
            op=op,
            regime=regime,
        )
        for fact in state.asked[:steps]:
            if fact in skipped:
                iv.skip(fact)
            elif fact in given:
                iv.answer(fact, answers[fact])
            else:  # asked but neither answered nor skipped: a hand-made URL
                iv.skip(fact)
    except AlgokaderError as err:
        raise WebError.from_error(err, state.lang) from None
    return iv


def decided(before: Interview, after: Interview, lang: str) -> list[dict[str, Any]]:
    """What the last answer settled: verdicts no longer unknown, outcomes newly determined."""
    found = []
    old, new = before.report, after.report
    for rid, verdict in new.verdicts.items():
        was = old.verdicts.get(rid)
        outcomes = []
        if verdict is not Verdict.DOES_NOT_APPLY:
            for name, value in new[rid].outcomes.items():
                if value is not None and old[rid].outcomes.get(name) is None:
                    outcomes.append((name, shown_value(value, lang)))
        if (verdict is not was and verdict is not Verdict.UNKNOWN) or outcomes:
            found.append({"id": rid, "verdict": verdict.value, "outcomes": outcomes})
    return found


def question_item(q: Question) -> dict[str, Any]:
    """What the question page shows: the options with the values that travel in the form."""
    kind = q.kind.value if q.kind is not None else None
    options = [
        {"value": ("ja" if o.value else "nee") if isinstance(o.value, bool) else o.value, "text": o.text}
        for o in q.options
    ]
    return {
        "fact": q.fact,
        "text": q.text,
        "help": q.help,
        "kind": kind,
        "options": options,
        "sources": q.sources,
        "settles": list(q.settles),
    }


def question_json(q: Question | None) -> dict[str, Any] | None:
    """The question as the API returns it (values as ``evaluate()`` accepts them)."""
    if q is None:
        return None
    return {
        "fact": q.fact,
        "text": q.text,
        "help": q.help,
        "kind": q.kind.value if q.kind is not None else None,
        "options": [{"value": o.value, "text": o.text} for o in q.options],
        "sources": [{"reference": s.reference, "url": s.url} for s in q.sources],
        "settles": list(q.settles),
    }


def routes(pages: APIRouter, rules: RuleSet) -> None:
    """Add the question page (``/vraag``) and the answer step (``/antwoord``) to ``pages``."""

    def page(request: Request, state: State, iv: Interview, q: Question, error: str | None = None) -> Response:
        lang = state.lang
        before = replay(rules, state, steps=len(state.asked) - 1) if state.asked else None
        total = len(iv.only)
        return render(
            request,
            "question.html",
            lang,
            status=422 if error else 200,
            state=state,
            q=question_item(q),
            number=len(state.asked) + 1,
            settled=total - len(iv.open),
            total=total,
            decided=decided(before, iv, lang) if before is not None else None,
            error=error,
            groups=GROUPS,
        )

    @pages.get("/vraag")
    def question(request: Request) -> Response:
        state = read(request)
        iv = replay(rules, state)
        q = iv.next_question()
        if q is None:
            return RedirectResponse(f"{root(request)}/resultaat?{state.query()}", status_code=303)
        return page(request, state, iv, q)

    @pages.get("/antwoord")
    def answer(request: Request) -> Response:
        params = request.query_params.multi_items()
        state = read_state(params)
        controls = dict(params)
        fact = controls.get("question", "")
        if "back" in controls:
            state = state.undone()
        elif fact not in rules.facts or fact in state.asked:
            pass  # a stale or hand-made form: show the question the state leads to
        elif "skip" in controls:
            state = state.with_skip(fact)
        else:
            values = [v for k, v in params if k == fact]
            kind = rules.facts[fact].kind
            if kind is TypeKind.SET:
                values = [v for v in values if v] or [""]
            elif len(values) != 1 or not values[0]:
                iv = replay(rules, state)
                q = iv.next_question()
                if q is not None and q.fact == fact:
                    return page(request, state, iv, q, error=translate("question.choose", state.lang))
                values = []
            if values:
                answered = state.with_answer(fact, values)
                try:
                    replay(rules, answered)
                except WebError as err:
                    iv = replay(rules, state)
                    q = iv.next_question()
                    if q is None or q.fact != fact:
                        raise
                    return page(request, state, iv, q, error=err.message)
                state = answered
        return RedirectResponse(f"{root(request)}/vraag?{state.query()}", status_code=303)
