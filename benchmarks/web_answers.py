"""Every API answer of a fixed set of requests, as a digest per request: to show that two versions of
the web layer answer byte for byte the same (status, headers, body).

    python benchmarks/web_answers.py out.jsonl            # the checkout's answers
    PYTHONPATH=/other/src python benchmarks/web_answers.py other.jsonl
    diff out.jsonl other.jsonl                            # nothing: the same answers

The requests (well over 300): checks of the examples and of random complete descriptions with every
mode, labels, ``only``, ``op``, ``regime`` and language variant; users walking the interview (each step's
body made from the previous answer, so a different answer would change the walk); explanations; the
requirement set and the vocabulary; and bad requests of every kind (400, 404, 405, 413, 422). Each is
sent twice, so the second answer comes from the server's cache. In-process (httpx over ASGI), no network.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import web as web_bench
from algokader.web import create_app

SKIPPED_HEADERS = {"date", "server"}


def requests() -> list[tuple[str, str, bytes | None]]:
    """(method, path, body) of every request, in order."""
    out: list[tuple[str, str, bytes | None]] = []
    systems = web_bench.examples()

    def post(path: str, body: Any) -> None:
        out.append(("POST", path, json.dumps(body).encode() if not isinstance(body, bytes) else body))

    variants: list[dict[str, Any]] = [
        {},
        {"lang": "en"},
        {"mode": "labels", "labels": ["hoog-risico AI", "aanbieder"]},
        {"labels": ["gebruiksverantwoordelijke"]},
        {"labels": {"Risicogroep": ["hoog-risico AI"]}},
        {"only": ["aia-14", "aia-00"]},
        {"only": ["aia-03"], "lang": "en"},
        {"op": "2025-01-01"},
        {"op": "2027-09-01", "regime": "oorspronkelijk"},
        {"regime": "omnibus", "lang": "en"},
    ]
    for system in systems:
        for variant in variants:
            post("/api/check", {"system": system, **variant})
        half = dict(list(system.items())[: len(system) // 2])
        post("/api/check", {"system": half})
        post("/api/check", {"system": half, "lang": "en", "op": "2026-08-02"})
    for body in web_bench.unique_systems(60, seed=5):
        post("/api/check", body)
    post("/api/check", {"mode": "labels", "labels": ["aanbieder"], "lang": "en"})
    post("/api/check", {})
    post("/api/check", b"")
    for rid in ("aia-00", "aia-03", "aia-14", "aia-22"):
        post(f"/api/explain/{rid}", {"system": systems[0]})
        post(f"/api/explain/{rid}", {"system": systems[1], "lang": "en"})
        post(f"/api/explain/{rid}", {"mode": "labels", "labels": ["aanbieder"]})
    out.append(("GET", "/api/requirements", None))
    out.append(("GET", "/api/facts", None))
    out.append(("GET", "/api/facts?lang=en", None))
    bad: list[tuple[str, bytes]] = [
        ("/api/check", b"{"),
        ("/api/check", b'{"system": {"a": 1,}}'),
        ("/api/check", b"\xff\xfe"),
        ("/api/check", b'{"labels": [NaN]}'),
        ("/api/check", b'{"system": {"x": 1e400}}'),
        ("/api/check", b"[" * 5000 + b"]" * 5000),
        ("/api/check", b"[]"),
        ("/api/check", b'"text"'),
        ("/api/check", b'{"sytem": {}}'),
        ("/api/check", b'{"zzzz": {}, "lang": "en"}'),
        ("/api/check", b'{"system": {"onbekend_feit": true}}'),
        ("/api/check", b'{"system": {"onbekend_feit": true}, "lang": "en"}'),
        ("/api/check", b'{"labels": ["hoog-risico AII"]}'),
        ("/api/check", b'{"labels": {"Onbekend": []}}'),
        ("/api/check", b'{"only": ["aia-99"]}'),
        ("/api/check", b'{"only": ["aia-0"], "lang": "en"}'),
        ("/api/check", b'{"op": "gisteren"}'),
        ("/api/check", b'{"regime": "nieuw"}'),
        ("/api/check", b'{"mode": "wet"}'),
        ("/api/check", b'{"lang": "de"}'),
        ("/api/check", b'{"system": []}'),
        ("/api/check", b'{"system": {"\\ud800": 1}}'),
        ("/api/check", b'{"only": "aia-00"}'),
        ("/api/check", b"x" * ((1 << 20) + 1)),
        ("/api/interview", b'{"answers": {"onbekend": 1}}'),
        ("/api/interview", b'{"skipped": ["onbekend"]}'),
        ("/api/interview", b'{"answers": [], "lang": "en"}'),
        ("/api/interview", b'{"antwoorden": {}}'),
        ("/api/explain/aia-999", b"{}"),
        ("/api/explain/aia-00", b'{"op": "2025-01-01"}'),
    ]
    for system in systems[:2]:
        for fact in list(system)[:3]:
            bad.append(("/api/check", json.dumps({"system": {**system, fact: "?bad?"}}).encode()))
    for path, body in bad:
        post(path, body)
    out.append(("GET", "/api/check", None))
    out.append(("GET", "/api/nothing", None))
    return out


async def walk(client: httpx.AsyncClient, seed: int, steps: int, extra: dict[str, Any]) -> list[dict[str, Any]]:
    """One walker's steps (benchmarks/web.py's users), each body made from the previous answer."""
    walking = web_bench.walker(seed)
    body = next(walking)
    found = []
    for _ in range(steps):
        sent = json.dumps({**json.loads(body), **extra}).encode()
        digest, content = await answer(client, "POST", "/api/interview", sent)
        found.append(digest)
        if b'"question"' not in content[:20]:
            break
        body = walking.send(content)
    return found


async def answer(client: httpx.AsyncClient, method: str, path: str, body: bytes | None) -> tuple[dict[str, Any], bytes]:
    response = await client.request(method, path, content=body, headers={"content-type": "application/json"})
    headers = sorted((k, v) for k, v in response.headers.items() if k not in SKIPPED_HEADERS)
    return {
        "request": f"{method} {path} {hashlib.sha256(body or b'').hexdigest()[:16]}",
        "status": response.status_code,
        "headers": headers,
        "bytes": len(response.content),
        "sha256": hashlib.sha256(response.content).hexdigest(),
    }, response.content


async def main(out: Path) -> int:
    app = create_app()
    transport = httpx.ASGITransport(app=app)
    found: list[dict[str, Any]] = []
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        listed = requests()
        for _ in range(2):  # the second time from the cache
            for method, path, body in listed:
                found.append((await answer(client, method, path, body))[0])
        for seed, extra in ((1, {}), (2, {"lang": "en"}), (3, {"only": ["aia-00", "aia-14", "aia-22"]})):
            found += await walk(client, seed, 25, extra)
    out.write_text("".join(json.dumps(f) + "\n" for f in found), "utf-8")
    print(f"{len(found)} answers written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main(Path(sys.argv[1]))))
