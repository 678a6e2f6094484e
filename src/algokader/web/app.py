"""The ASGI application: pages, JSON API, OpenAPI document, static files, limits and error handling."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from importlib.resources import files
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import __version__
from .._engine.ruleset import RuleSet, load
from . import api, pages
from .cache import Answers
from .errors import JSON, WebError
from .openapi import outline
from .state import CONTROLS, LANGS
from .texts import translate

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGI = Callable[[Scope, Receive, Send], Awaitable[None]]

_log = logging.getLogger("algokader.web")


class _Guard:
    """Pure ASGI (a streamed body's error must reach the handlers unwrapped): refuses a request body
    over the limit with 413, whether it announces its length or streams, and adds the headers
    that keep the pages private (no referrer, nothing from other sites)."""

    def __init__(self, app: ASGI, limit: int, headers: list[tuple[bytes, bytes]]) -> None:
        self.app = app
        self.limit = limit
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *self.headers]
            await send(message)

        length = dict(scope.get("headers", ())).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            request = Request(scope)
            response = _error(request, WebError(413, translate("api.too-large", _lang(request), limit=self.limit)))
            await response(scope, receive, guarded)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise HTTPException(413)
            return message

        await self.app(scope, limited, guarded)


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang", "nl")
    return lang if lang in LANGS else "nl"


def _is_api(request: Request) -> bool:
    path = request.url.path[len(pages.root(request)) :]
    return path.startswith("/api/") or path == "/openapi.json"


def _error(request: Request, error: WebError) -> Response:
    """The error as JSON for the API, as a page for people."""
    if _is_api(request):
        return JSON(error.as_dict(), status_code=error.status, headers=error.headers)
    lang = _lang(request)
    state = pages.read(request)
    page = pages.render(request, "error.html", lang, status=error.status, error=error, state=state)
    page.headers.update(error.headers)
    return page


def _http_error(request: Request, status: int) -> WebError:
    lang = _lang(request)
    if status == 413:
        return WebError(413, translate("api.too-large", lang, limit=api.MAX_BODY_BYTES))
    if status == 405:
        return WebError(405, translate("api.method", lang, method=request.method))
    if status == 404:
        return WebError(404, translate("api.not-found" if _is_api(request) else "error.not-found", lang))
    return WebError(status, str(status))


def create_app(rules: RuleSet | None = None, *, frame_ancestors: str = "*", prepare: bool = True) -> FastAPI:
    """The web application over ``rules`` (default: the bundled requirements).

    ``frame_ancestors`` is the Content-Security-Policy list of sites that may show the pages in an
    iframe (``"*"``: any, ``"'none'"``: none, or a list of origins). ``prepare``: the answers every
    interview starts with are made when the server starts, before it listens (:func:`api.first_answers`).
    """
    rules = rules if rules is not None else load()
    clash = sorted(CONTROLS & set(rules.facts))
    if clash:
        raise ValueError(f"facts named like the questionnaire's parameters cannot be served: {', '.join(clash)}")
    answers = Answers()

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if prepare:
            await api.first_answers(rules, answers)
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="algokader",
        version=__version__,
        summary="The requirements of the Dutch Algoritmekader as executable rules, over HTTP.",
        docs_url=None,  # the browsable docs are our own page: Swagger UI would load scripts from elsewhere
        redoc_url=None,
    )
    app.state.rules = rules
    app.state.answers = answers

    @app.exception_handler(WebError)
    async def web_error(request: Request, err: WebError) -> Response:
        return _error(request, err)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException) -> Response:
        return _error(request, _http_error(request, err.status_code))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, err: RequestValidationError) -> Response:
        problem = err.errors()[0] if err.errors() else {}
        where = ".".join(str(p) for p in problem.get("loc", ()))
        return _error(request, WebError(422, f"{where}: {problem.get('msg', '')}"))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, err: Exception) -> Response:
        _log.exception("internal error on %s %s", request.method, request.url.path)
        return JSON(WebError(500, translate("api.internal", _lang(request))).as_dict(), status_code=500)

    # Everything comes from this site; the answers are in the URL, so no page may pass it on.
    policy = f"default-src 'self'; img-src 'self' data:; frame-ancestors {frame_ancestors}; form-action 'self'"
    headers = [
        (b"content-security-policy", policy.encode()),
        (b"referrer-policy", b"no-referrer"),
        (b"x-content-type-options", b"nosniff"),
    ]
    app.add_middleware(_Guard, limit=api.MAX_BODY_BYTES, headers=headers)
    app.include_router(api.router(rules, app.state.answers))
    from .questionnaire import routes

    app.include_router(pages.router(rules, routes))
    app.mount("/static", StaticFiles(directory=str(files("algokader.web") / "static")), name="static")

    @app.get("/api", include_in_schema=False)
    async def api_docs(request: Request) -> HTMLResponse:
        lang = _lang(request)
        return pages.render(
            request, "api.html", lang, state=pages.read(request), endpoints=outline(app.openapi()), title=app.title
        )

    return app
