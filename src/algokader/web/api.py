"""The JSON API: the same engine as the command line, one serializer for each answer."""

from __future__ import annotations

import datetime
import difflib
import hashlib
import json
import math
import sys
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any, Literal, TypeVar

import pydantic
from fastapi import APIRouter, Request, Response

from .._base.errors import AlgokaderError
from .._base.messages import text
from .._engine.compiler import Regime
from .._engine.ruleset import Report, RuleSet
from .._engine.values import dumps, json_strings
from ..cli import requirements_json
from .cache import Answers, Busy
from .errors import JSON, WebError, unknown_requirement
from .pages import when
from .questionnaire import question_json
from .state import LANGS
from .texts import translate

MAX_BODY_BYTES = 1 << 20
"""Largest request body accepted (1 MiB, as for a description read by the command line)."""

Labels = list[str] | dict[str, list[str]]


class _Body(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", strict=True)

    lang: Literal["nl", "en"] = pydantic.Field("nl", description="Language of messages and question texts.")


_OP = pydantic.Field(
    None,
    description="The reference date (peildatum), YYYY-MM-DD, that `binds_on_date` and the timeline are judged on "
    "(default: today).",
    json_schema_extra={"format": "date"},
)
_REGIME = pydantic.Field(
    None,
    description="The AI Act's dates as published (`oorspronkelijk`) or with the digital omnibus (`omnibus`, the "
    "default).",
)


class _Timed(_Body):
    op: str | None = _OP
    regime: Literal["oorspronkelijk", "omnibus"] | None = _REGIME


class CheckRequest(_Timed):
    """A system description as ``algokader check`` reads it, with the options of the command."""

    system: dict[str, Any] | None = pydantic.Field(
        None, description="The facts: fact name to value (yes/no as true/false, sets as lists). Missing is unknown."
    )
    only: list[str] | None = pydantic.Field(None, description="Only these requirement ids (default: all).")
    labels: Labels | None = pydantic.Field(
        None, description="Algoritmekader or decision-aid labels, as a list or as the decision aid's export."
    )
    mode: Literal["law", "labels"] = pydantic.Field("law", description="law (default) or the label filter alone.")


class ExplainRequest(_Body):
    """A system description for the explanation of one requirement."""

    system: dict[str, Any] | None = None
    labels: Labels | None = None
    mode: Literal["law", "labels"] = "law"


class InterviewRequest(_Timed):
    """The answers so far; the reply is the next question and the exact report for these answers."""

    answers: dict[str, Any] = pydantic.Field(default_factory=dict, description="Facts answered so far.")
    skipped: list[str] = pydantic.Field(default_factory=list, description='Facts answered with "weet ik niet".')
    only: list[str] | None = pydantic.Field(None, description="Only these requirement ids (default: all).")
    labels: Labels | None = None


_T = TypeVar("_T", bound=_Body)


def _request_body(model: type[_Body]) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": model.model_json_schema()}}}}


@cache
def check_schema() -> dict[str, Any]:
    """The documented JSON schema of ``check --format json`` (the API's report, the same document)."""
    schema: dict[str, Any] = json.loads((files("algokader") / "data" / "check.schema.json").read_text("utf-8"))
    return {k: v for k, v in schema.items() if k not in ("$schema", "$id")}


_ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "message", "fact", "value", "hint"],
            "properties": {
                "status": {"type": "integer"},
                "message": {"type": "string", "description": "What is wrong, in the request's language."},
                "fact": {"type": ["string", "null"], "description": "The fact (or field) concerned, if any."},
                "value": {"description": "The value concerned, if any."},
                "hint": {"type": ["string", "null"], "description": "How to fix it, e.g. a did-you-mean."},
                "line": {"type": "integer"},
                "column": {"type": "integer"},
            },
        }
    },
}


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    described = {
        400: "Malformed JSON.",
        404: "Unknown requirement id.",
        413: "Body larger than 1 MiB.",
        422: "Unknown fact, bad value or bad field, with a did-you-mean where one is near.",
        503: "Too many answers waiting to be made: ask again after the `Retry-After` header's seconds.",
    }
    return {
        s: {"description": described[s], "content": {"application/json": {"schema": _ERROR_SCHEMA}}} for s in statuses
    }


def _query_lang(request: Request) -> str:
    lang = request.query_params.get("lang", "nl")
    return lang if lang in LANGS else "nl"


async def read_body(request: Request, model: type[_T]) -> _T:
    """The request body as ``model``: 400 when it is not JSON, 422 when a field is wrong."""
    lang = _query_lang(request)
    raw = await request.body()
    data = parse_json(raw, lang)
    if isinstance(data, dict) and data.get("lang") in LANGS:
        lang = data["lang"]
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as err:
        raise _validation_error(err, model, lang) from None


class _NotANumber(ValueError):
    """NaN, Infinity or a number Python cannot hold: valid for ``json.loads``, not JSON (RFC 8259)."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key, self.args_ = key, args


def _constant(name: str) -> object:
    raise _NotANumber("api.not-a-number", value=name)


def _float(literal: str) -> float:
    value = float(literal)
    if math.isinf(value):  # 1e400: finite in the text, infinite as a float
        raise _NotANumber("api.number-too-large", digits=sys.get_int_max_str_digits())
    return value


def _int(literal: str) -> int:
    try:
        return int(literal)
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        raise _NotANumber("api.number-too-large", digits=sys.get_int_max_str_digits()) from None


def parse_json(raw: bytes, lang: str) -> object:
    """The body as JSON data (an empty body is ``{}``); 400 naming the reason (and the line and
    column where known) when it is no JSON: bad syntax or UTF-8, nesting too deep, NaN or Infinity,
    or a number too large to hold."""
    try:
        return (
            json.loads(raw.decode("utf-8"), parse_constant=_constant, parse_float=_float, parse_int=_int)
            if raw.strip()
            else {}
        )
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        line, column = (err.lineno, err.colno) if isinstance(err, json.JSONDecodeError) else (None, None)
        reason = getattr(err, "msg", None) or str(err)
        raise WebError(400, translate("api.bad-json", lang, reason=reason), line=line, column=column) from None
    except _NotANumber as err:
        reason = translate(err.key, lang, **err.args_)
        raise WebError(400, translate("api.bad-json", lang, reason=reason)) from None
    except RecursionError:
        raise WebError(400, translate("api.bad-json", lang, reason=translate("api.too-deep", lang))) from None


def _validation_error(err: pydantic.ValidationError, model: type[_Body], lang: str) -> WebError:
    problem = err.errors(include_url=False)[0]
    where = ".".join(str(p) for p in problem["loc"])
    field = str(problem["loc"][0]) if problem["loc"] else None
    hint = None
    if problem["type"] == "extra_forbidden" and field is not None:
        match = difflib.get_close_matches(field, list(model.model_fields), n=1, cutoff=0.6)
        if match:
            hint = text("hint.did-you-mean", suggestion=match[0]).render(lang)
        else:
            hint = translate("api.fields", lang, fields=", ".join(model.model_fields))
        message = translate("api.unknown-field", lang, name=field[:100])
        return WebError(422, message, fact=field[:100], value=problem.get("input"), hint=hint)
    if problem["type"] in ("model_type", "model_attributes_type", "dict_type") and not problem["loc"]:
        return WebError(422, translate("api.not-object", lang), value=problem.get("input"))
    return WebError(422, f"{where}: {problem['msg']}", fact=field, value=problem.get("input"))


def _key(*parts: object) -> bytes:
    """The sha256 of a request's canonical form: its answer depends on nothing else (errors are never
    cached). A digest, so that a kept answer's key takes 32 bytes however large the request (up to 1 MiB)."""
    return hashlib.sha256(json.dumps(parts, separators=(",", ":"), default=str).encode()).digest()


def _sent(answer: bytes) -> Response:
    return Response(answer, media_type="application/json")


def router(rules: RuleSet, answers: Answers | None = None) -> APIRouter:
    """The API's routes over one rule set; ``answers`` keeps their answers (default: a new cache)."""
    api = APIRouter(prefix="/api", tags=["api"])
    kept = answers if answers is not None else Answers()

    async def answered(key: bytes, make: Callable[[], bytes], lang: str) -> Response:
        try:
            return _sent(await kept.answer(key, make))
        except Busy as busy:
            message = translate("api.busy", lang, seconds=busy.retry_after)
            raise WebError(503, message, retry_after=busy.retry_after) from None

    made = _made

    def only(ids: list[str] | None, lang: str) -> list[str] | None:
        for rid in ids or []:
            if rid not in rules:
                raise unknown_requirement(rid, rules.requirements, lang)
        return ids

    @api.post(
        "/check",
        summary="Which requirements apply to a system",
        description="Exactly the JSON of `algokader check --format json` for the same description and options.",
        openapi_extra=_request_body(CheckRequest),
        responses={
            200: {"content": {"application/json": {"schema": check_schema()}}},
            **_errors(400, 404, 413, 422, 503),
        },
    )
    async def check(request: Request) -> Response:
        body = await read_body(request, CheckRequest)
        ids = only(body.only, body.lang)
        op, regime = when(body.op, body.regime, body.lang)

        def make() -> bytes:
            try:
                report = rules.evaluate(body.system, labels=body.labels, mode=body.mode, only=ids, op=op, regime=regime)
                return _report_made(report, report.as_dict)
            except AlgokaderError as err:
                raise WebError.from_error(err, body.lang) from None

        return await answered(_key("check", body.model_dump(), op), make, body.lang)

    @api.post(
        "/explain/{rid}",
        summary="Why a requirement applies or not",
        description="Exactly the JSON of `algokader explain ID --format json`: every condition with its truth, "
        "file, line and legal sources.",
        openapi_extra=_request_body(ExplainRequest),
        responses=_errors(400, 404, 413, 422, 503),
    )
    async def explain(rid: str, request: Request) -> Response:
        body = await read_body(request, ExplainRequest)
        only([rid], body.lang)

        def make() -> bytes:
            try:
                result = rules.evaluate(body.system, labels=body.labels, mode=body.mode, only=[rid])[rid]
                return made(result.explanation.as_dict())
            except AlgokaderError as err:
                raise WebError.from_error(err, body.lang) from None

        return await answered(_key("explain", rid, body.model_dump(), datetime.date.today()), make, body.lang)

    @api.get(
        "/requirements",
        summary="The requirement set",
        description="Exactly the JSON of `algokader list --format json`.",
    )
    async def requirements() -> Response:
        return await answered(_key("requirements"), lambda: made(requirements_json(rules)), "nl")

    @api.get(
        "/facts",
        summary="The vocabulary",
        description="Every fact a description can give, with its kind, values and, for the facts an interview "
        "asks, the question, its help and the texts of the values (in `lang`: nl or en).",
    )
    async def facts(lang: Literal["nl", "en"] = "nl") -> Response:
        return await answered(_key("facts", lang), lambda: made(vocabulary_json(rules, lang)), lang)

    @api.post(
        "/interview",
        summary="The next question",
        description="The interview brought to the answers and skips given: the next question (null when every "
        "verdict and outcome in scope is settled), the requirements still open, and the exact report for "
        "these answers (the JSON of `check --format json`).",
        openapi_extra=_request_body(InterviewRequest),
        responses=_errors(400, 404, 413, 422, 503),
    )
    async def interview(request: Request) -> Response:
        body = await read_body(request, InterviewRequest)
        only(body.only, body.lang)
        op, regime = when(body.op, body.regime, body.lang)
        return await answered(_key("interview", body.model_dump(), op), _interview(rules, body, op, regime), body.lang)

    return api


def _made(content: Any) -> bytes:
    return bytes(JSON(content).body)


def _report_made(report: Report, content: Callable[[], Any], before: str = "", after: str = "") -> bytes:
    """``_made(content())`` for ``content`` that is the report's data between ``before`` and ``after``
    (JSON text): the same bytes, from the report's JSON text instead of its data."""
    try:
        return (before + report.as_json() + after).encode("utf-8")
    except UnicodeEncodeError:  # text that is no UTF-8: JSON's escaped fallback, from the data
        return _made(content())


def _interview(rules: RuleSet, body: InterviewRequest, op: datetime.date, regime: Regime) -> Callable[[], bytes]:
    """What makes the answer to an interview request (its ``only`` ids known to ``rules``)."""

    def make() -> bytes:
        try:
            iv = rules.interview(
                only=body.only, system=body.answers, labels=body.labels, lang=body.lang, op=op, regime=regime
            )
            for fact in body.skipped:
                iv.skip(fact)
            question = iv.next_question()
            asked, still = question_json(question), list(iv.open)
            head = '{"question":' + dumps(asked) + ',"open":' + json_strings(still) + ',"report":'
            return _report_made(
                iv.report, lambda: {"question": asked, "open": still, "report": iv.report.as_dict()}, head, "}"
            )
        except AlgokaderError as err:
            raise WebError.from_error(err, body.lang) from None

    return make


async def first_answers(rules: RuleSet, answers: Answers) -> None:
    """Make and keep the answers every interview starts with (no answers yet, in each language), so that
    the first users after a start do not wait for them (the slowest answers: every requirement open)."""
    for lang in LANGS:
        body = InterviewRequest.model_validate({"lang": lang})
        op, regime = when(body.op, body.regime, lang)
        await answers.answer(_key("interview", body.model_dump(), op), _interview(rules, body, op, regime))


def vocabulary_json(rules: RuleSet, lang: str) -> dict[str, Any]:
    """The vocabulary as JSON: each fact with its kind, values, description, sources and question."""
    return {
        "facts": [
            {
                "name": info.name,
                "kind": info.kind.value,
                "values": list(info.values),
                "derived": info.derived,
                "description": info.description,
                "question": info.question.render(lang) if info.question is not None else None,
                "help": info.help.render(lang) if info.help is not None else None,
                "value_texts": {value: wording.render(lang) for value, wording in info.value_texts.items()},
                "sources": [{"reference": s.reference, "url": s.url} for s in info.sources],
            }
            for info in rules.facts.values()
        ]
    }
