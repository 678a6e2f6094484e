"""A real uvicorn server on a free loopback port, and Debian's chromium driven by Playwright.

The browser is ``/usr/bin/chromium`` (``apt-get install chromium``; ``.ci/run`` installs it),
never one Playwright downloads. Without it the browser tests skip locally, and fail under
``CI=true``: a CI run must not pass by skipping them.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def required(message: str) -> None:
    """Skip for ``message`` locally; fail under CI, where everything the web tests need is installed."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)


try:
    import uvicorn

    from algokader.web import create_app
except ImportError as err:  # pragma: no cover - only without the web extra
    required(f"the web extra is not installed ({err.name}): pip install '.[test]'")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parent.parent.parent
SCREENSHOTS = ROOT / "docs" / "_static" / "web"
"""Where the browser tests write a screenshot of each page type, for docs/web.rst."""


def serve(app: Any, root_path: str = "") -> Iterator[str]:
    """Run ``app`` under uvicorn on a free loopback port in a thread; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", root_path=root_path, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    """The bundled requirements served by a real uvicorn on 127.0.0.1."""
    yield from serve(create_app())


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian chromium; skipped locally when missing, a failure under CI=true."""
    if not os.path.exists(CHROMIUM):
        required(f"{CHROMIUM} is missing: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        required("playwright is not installed: pip install '.[test]'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page (own context: no shared history or cookies) that refuses every request off this server."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1000, "height": 900}, accept_downloads=True)
    elsewhere: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(base_url):
            r.continue_()
        else:
            elsewhere.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.elsewhere = elsewhere
    try:
        yield page
    finally:
        context.close()
