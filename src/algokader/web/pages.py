"""The pages for people: start, questions, result, explanations and downloads, rendered on the server.

Every page works without JavaScript; forms use GET so that each step is a URL (see :mod:`.state`).
"""

from __future__ import annotations

import datetime
import io
import json
import tomllib
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import jinja2
import yaml
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import __version__
from .._base.errors import AlgokaderError, InputError
from .._base.messages import text
from .._engine.compiler import DEFAULT_REGIME, Regime
from .._engine.evaluate import Verdict
from .._engine.explain import Explanation, Step
from .._engine.labels import CATEGORIES, SET_CATEGORY
from .._engine.ruleset import Report, Result, RuleSet, Start, read_regime, reference_date
from .._engine.timeline import Timeline
from ..cli import read_document, verdict_heading
from .errors import WebError, unknown_requirement
from .state import State, plain, read_state, travelling
from .texts import translate

GROUPS = (Verdict.APPLIES, Verdict.UNKNOWN, Verdict.DOES_NOT_APPLY)
"""The order of the result page's groups: the order of ``algokader check``."""

AI_ACT_PREFIX = "aia-"

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("algokader.web", "templates"),
    autoescape=jinja2.select_autoescape(default=True),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def root(request: Request) -> str:
    """The path the application is mounted under (``--root-path`` behind a proxy), without a slash at the end."""
    return str(request.scope.get("root_path", "")).rstrip("/")


def render(request: Request, template: str, lang: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page in ``lang``: ``t(key, **args)`` translates, ``root`` prefixes every link."""

    def t(key: str, **args: object) -> str:
        return translate(key, lang, **args)

    prefix = root(request)
    here = request.url.path
    here = here[len(prefix) :] if prefix and here.startswith(prefix) else here
    html = _ENV.get_template(template).render(lang=lang, t=t, root=prefix, here=here, version=__version__, **context)
    return HTMLResponse(html, status_code=status)


def read(request: Request) -> State:
    return read_state(request.query_params.multi_items())


def check_scope(rules: RuleSet, state: State) -> None:
    """404 for a requirement id in the state that the rule set does not have."""
    for rid in state.only:
        if rid not in rules:
            raise unknown_requirement(rid, rules.requirements, state.lang)


def when(op: str | None, regime: str | None, lang: str) -> tuple[datetime.date, Regime]:
    """The reference date (None: today) and the regime (None: the default) for ``evaluate`` and
    ``interview``; 422 naming the field (``op`` or ``regime``) for a value that is not one."""
    for field, read, value in (("op", reference_date, op), ("regime", read_regime, regime or DEFAULT_REGIME)):
        try:
            read(value)
        except InputError as err:
            error = WebError.from_error(err, lang)
            error.fact = field
            raise error from None
    return reference_date(op), read_regime(regime or DEFAULT_REGIME)


def state_when(state: State) -> tuple[datetime.date, Regime]:
    """The state's reference date and regime (an empty ``op`` is today)."""
    return when(state.op or None, state.regime or None, state.lang)


def evaluate(rules: RuleSet, state: State, only: list[str] | None = None) -> Report:
    """The exact report for the state's facts and labels on its reference date and regime; 422 (as
    a page) for a bad fact, value, date or regime."""
    check_scope(rules, state)
    op, regime = state_when(state)
    try:
        return rules.evaluate(
            state.system(rules.facts),
            labels=list(state.labels) or None,
            only=only or list(state.only) or None,
            op=op,
            regime=regime,
        )
    except AlgokaderError as err:
        raise WebError.from_error(err, state.lang) from None


def shown_value(value: object, lang: str) -> str:
    if value is None:
        return translate("verdict.unknown", lang)
    if isinstance(value, bool):
        return translate("value.ja" if value else "value.nee", lang)
    if isinstance(value, frozenset | set | list | tuple):
        return ", ".join(sorted(str(v) for v in value)) or "∅"
    return str(getattr(value, "value", value))


def result_item(result: Result, lang: str) -> dict[str, Any]:
    """What the result page shows of one requirement."""
    outcomes = []
    if result.verdict is not Verdict.DOES_NOT_APPLY:
        for name, value in result.outcomes.items():
            possible = [shown_value(v, lang) for v in result.possible_outcomes.get(name, ())]
            outcomes.append(
                {
                    "name": name,
                    "value": "" if value is None else travelling(value)[0],  # the contract's value, as in a URL
                    "shown": shown_value(value, lang),
                    "possible": possible if value is None else [],
                }
            )
    labels_verdict = result.labels_verdict
    return {
        "id": result.id,
        "title": result.requirement.title,
        "verdict": result.verdict.value,
        "outcomes": outcomes,
        "depends_on": list(result.depends_on),
        "labels_verdict": labels_verdict.value if labels_verdict is not None else None,
        "deviation": result.deviation,
    }


def groups(report: Report, lang: str) -> list[dict[str, Any]]:
    """The report in the groups of ``algokader check``, each with its heading and count."""
    found = []
    for verdict in GROUPS:
        results = report.by_verdict(verdict)
        if results:
            found.append(
                {
                    "verdict": verdict.value,
                    "heading": verdict_heading(verdict, lang),
                    "items": [result_item(r, lang) for r in results],
                }
            )
    return found


def timeline_item(timeline: Timeline, lang: str) -> dict[str, Any]:
    """What the result page's timeline shows: the dates on which requirements start to bind the
    system, then the starts still open and the requirements that bind it on no date."""

    def start(s: Start | None) -> dict[str, Any] | None:
        if s is None:
            return None
        return {"date": s.date.isoformat() if s.date is not None else None, "source": s.source, "status": s.status}

    return {
        "op": timeline.op.isoformat(),
        "regime": timeline.regime.value,
        "dates": [
            {
                "date": e.date.isoformat(),
                "in_force": e.date <= timeline.op,
                "items": [
                    {"id": i.id, "title": i.title, "maybe": i.verdict is not Verdict.APPLIES, "start": start(i.start)}
                    for i in e.items
                ],
            }
            for e in timeline.entries
        ],
        "open": [
            {
                "id": o.id,
                "title": o.title,
                "maybe": o.verdict is not Verdict.APPLIES,
                "possible": [start(p) for p in o.possible],
                "no_date": o.unbound_possible and not any(p.date is None for p in o.possible),
                "depends_on": list(o.depends_on),
            }
            for o in timeline.open
        ],
        "unbound": [
            {"id": i.id, "title": i.title, "maybe": i.verdict is not Verdict.APPLIES, "start": start(i.start)}
            for i in timeline.unbound
        ],
        "undated": [i.id for i in timeline.undated],
    }


def step_item(step: Step, lang: str) -> dict[str, Any]:
    return {
        "kind": step.kind.value,
        "text": step.text,
        "truth": step.truth.value,
        "where": f"{step.span.path}:{step.span.line}",
        # Only the facts given: a fact not given (a definition, say) is shown by the step's own truth.
        "facts": [(name, shown_value(value, lang)) for name, value in step.facts if value is not None],
        "sources": step.sources,
        "children": [step_item(c, lang) for c in step.children],
    }


def explanation_item(e: Explanation, lang: str) -> dict[str, Any]:
    return {
        "id": e.id,
        "title": e.title,
        "verdict": e.verdict.value,
        "where": f"{e.span.path}:{e.span.line}",
        "sources": e.sources,
        "condition": step_item(e.condition, lang) if e.condition is not None else None,
        "exclusions": [step_item(s, lang) for s in e.exclusions],
        "outcomes": [
            {
                "name": o.name,
                "shown": shown_value(o.value, lang),
                "possible": [shown_value(v, lang) for v in o.possible] if o.value is None else [],
                "rules": [step_item(r, lang) for r in o.rules],
                "depends_on": list(o.depends_on),
            }
            for o in e.outcomes
        ],
        "depends_on": list(e.depends_on),
    }


def label_choices() -> list[dict[str, Any]]:
    """The label categories for the start page: each with its values as the label strings read_labels takes."""
    return [
        {
            "category": category,
            "multiple": category == SET_CATEGORY,
            "values": [(f"{category}-{value}", value) for value in values],
        }
        for category, values in CATEGORIES.items()
    ]


def answers_document(report: Report) -> dict[str, object]:
    """The facts as understood, as a description that ``algokader check`` reads back to the same report."""
    return {name: plain(value) for name, value in report.facts.items()}


def download(content: str, filename: str, media_type: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def router(rules: RuleSet, questionnaire: Callable[[APIRouter, RuleSet], None] | None = None) -> APIRouter:
    """The pages' routes over one rule set."""
    pages = APIRouter(include_in_schema=False)
    # The pages that evaluate are plain functions: FastAPI runs those in worker threads, so that a
    # slow page (a report of an almost empty description) does not hold up the event loop.
    ai_act = [rid for rid in rules.requirements if rid.startswith(AI_ACT_PREFIX)]

    @pages.get("/")
    async def start(request: Request) -> HTMLResponse:
        state = read(request)
        return render(
            request,
            "start.html",
            state.lang,
            state=state,
            requirements=list(rules.requirements.values()),
            total=len(rules.requirements),
            ai_act=len(ai_act),
            label_choices=label_choices(),
            op=state.op or datetime.date.today().isoformat(),
            regime=state.regime or DEFAULT_REGIME.value,
            regimes=[r.value for r in Regime],
        )

    async def begin_from(request: Request, params: list[tuple[str, str]], upload: tuple[str, str] | None) -> Response:
        state = read_state(params)
        values = dict(params)
        scope = values.get("scope", "all")
        only: tuple[str, ...] = state.only
        if scope == "aia":
            only = tuple(ai_act)
        elif scope == "one":
            rid = values.get("requirement", "")
            if rid not in rules:
                raise unknown_requirement(rid, rules.requirements, state.lang)
            only = (rid,)
        state = State(state.lang, only, state.labels, state.facts, op=state.op, regime=state.regime)
        if upload is not None:
            state = attrs.evolve(state, facts=_uploaded(rules, state, *upload))
        evaluate(rules, state)  # bad labels or facts are reported on the way in, not on the next page
        return RedirectResponse(f"{root(request)}/vraag?{state.query()}", status_code=303)

    @pages.get("/begin")
    async def begin(request: Request) -> Response:
        return await begin_from(request, request.query_params.multi_items(), None)

    @pages.post("/begin")
    async def begin_upload(request: Request) -> Response:
        form = await request.form()
        params: list[tuple[str, str]] = []
        upload: tuple[str, str] | None = None
        for key, value in form.multi_items():
            if isinstance(value, str):
                params.append((key, value))
            elif key == "beschrijving" and value.filename:
                lang = dict(params).get("lang", "nl")
                upload = (_decode(await value.read(), value.filename, lang), value.filename)
        return await begin_from(request, params, upload)

    if questionnaire is not None:
        questionnaire(pages, rules)

    @pages.get("/resultaat")
    def result(request: Request) -> HTMLResponse:
        state = read(request)
        report = evaluate(rules, state)
        unknown = len(report.by_verdict(Verdict.UNKNOWN))
        return render(
            request,
            "result.html",
            state.lang,
            state=state,
            groups=groups(report, state.lang),
            unknown=unknown,
            total=len(report),
            questions=report.open_questions,
            timeline=timeline_item(report.timeline(), state.lang),
        )

    @pages.get("/uitleg/{rid}")
    def explanation(rid: str, request: Request) -> HTMLResponse:
        state = read(request)
        if rid not in rules:
            raise unknown_requirement(rid, rules.requirements, state.lang)
        result = evaluate(rules, state, only=[rid])[rid]
        return render(
            request,
            "explanation.html",
            state.lang,
            state=state,
            e=explanation_item(result.explanation, state.lang),
            item=result_item(result, state.lang),
        )

    @pages.get("/download/antwoorden.yaml")
    def answers_yaml(request: Request) -> Response:
        report = evaluate(rules, read(request))
        text_ = yaml.safe_dump(answers_document(report), allow_unicode=True, sort_keys=False)
        return download(text_, "antwoorden.yaml", "application/yaml")

    @pages.get("/download/antwoorden.json")
    def answers_json(request: Request) -> Response:
        report = evaluate(rules, read(request))
        return download(_json(answers_document(report)), "antwoorden.json", "application/json")

    @pages.get("/download/rapport.json")
    def report_download(request: Request) -> Response:
        report = evaluate(rules, read(request))
        return download(_json(report.as_dict()), "rapport.json", "application/json")

    return pages


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _decode(data: bytes, filename: str, lang: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WebError(422, f"{filename}: {text('io.not-utf8').render(lang)}") from None


def _uploaded(rules: RuleSet, state: State, upload: str, filename: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The facts of an uploaded description, read as ``algokader check`` reads a file."""
    lang = state.lang
    try:
        if filename.lower().endswith(".toml"):
            try:
                data: object = tomllib.loads(upload)
            except tomllib.TOMLDecodeError as err:
                raise AlgokaderError(text("io.bad-system", reason=str(err)), path=filename) from None
        else:
            data = read_document("-", io.StringIO(upload))  # YAML, which includes JSON
        if data is None:
            data = {}
        if not isinstance(data, Mapping):
            raise AlgokaderError(text("io.system-not-mapping"), path=filename)
        system = {**state.system(rules.facts), **data}
        report = rules.evaluate(system)  # the labels stay labels: only the facts given are converted here
    except AlgokaderError as err:
        error = WebError.from_error(err, lang)
        error.message = f"{filename}: {error.message}" if filename else error.message
        raise error from None
    return tuple((name, travelling(value)) for name, value in report.facts.items())
