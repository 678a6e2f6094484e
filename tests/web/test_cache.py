"""The cache of finished API answers: bounded in entries and bytes, least recently used out first,
one making per key however many ask at once, errors never kept, and the same answers as without it."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpx
import pytest

from algokader.web import api, create_app
from algokader.web.cache import COSTLY, RETRY_AFTER, Answers, Busy
from algokader.web.state import LANGS

from .test_api import RULES, call

T = TypeVar("T")


def run_apart(work: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: the browser tests' Playwright keeps an event loop
    running in the main thread for the whole session."""
    found: list[T] = []
    worker = threading.Thread(target=lambda: found.append(asyncio.run(work)))
    worker.start()
    worker.join()
    assert found, "the coroutine raised (see the thread's traceback above)"
    return found[0]


def test_at_most_so_many_entries_least_recently_used_out_first() -> None:
    kept = Answers(entries=3, size=1 << 20)
    for key in "abc":
        kept.put(key, key.encode())
    assert kept.get("a") == b"a"  # now the most recently used: "b" goes first
    kept.put("d", b"d")
    assert len(kept) == 3 and kept.get("b") is None
    assert [kept.get(k) for k in "acd"] == [b"a", b"c", b"d"]


def test_at_most_so_many_bytes_and_no_answer_over_a_quarter_of_them() -> None:
    kept = Answers(entries=1000, size=4000)
    for i in range(100):
        kept.put(i, bytes(900))
        assert kept.kept_bytes <= 4000 and kept.kept_bytes == 900 * len(kept)
    assert len(kept) == 4 and kept.get(99) is not None and kept.get(95) is None
    kept.put("big", bytes(1001))  # over a quarter: sent, not kept
    assert kept.get("big") is None and len(kept) == 4
    kept.put(99, b"x")  # replacing counts the new size only
    assert kept.kept_bytes == 3 * 900 + 1


def test_ten_thousand_different_answers_stay_within_the_bounds() -> None:
    kept = Answers(entries=256, size=64 << 10)
    for i in range(10_000):
        kept.put(("interview", i), bytes(i % 700))
    assert len(kept) <= 256 and kept.kept_bytes <= 64 << 10
    assert kept.kept_bytes == sum(len(kept.get(("interview", i)) or b"") for i in range(9_744, 10_000))


def test_an_answer_asked_again_while_recent_is_compressed_when_it_leaves() -> None:
    kept = Answers(entries=100, size=1 << 20, hot=4000)
    answer = b'{"report": "' + b"x" * 900 + b'"}'
    kept.put("asked", answer)
    assert kept.get("asked") == answer  # asked again while recent
    for i in range(5):  # four more push it out of the recent tier (4000 bytes), the fifth pushes out 0
        kept.put(i, bytes(950))
    assert kept.compressed == 1 and kept.get("asked") == answer  # the same bytes, from the compressed tier
    assert kept.kept_bytes < 4 * 950 + len(answer)  # kept compressed: smaller than sent
    assert len(kept) == 5 and kept.get(0) is None  # 0 was never asked again: dropped, not compressed


def test_a_dropped_answer_asked_for_again_is_kept_the_next_time() -> None:
    kept = Answers(entries=100, size=1 << 20, hot=2000)
    kept.put("once", b"a" * 500)
    for i in range(4):
        kept.put(i, bytes(500))
    assert kept.get("once") is None  # dropped: nobody asked again while it was recent
    kept.put("once", b"a" * 500)  # made again: its request was asked before
    for i in range(4, 8):
        kept.put(i, bytes(500))
    assert kept.get("once") == b"a" * 500 and kept.compressed == 1


def test_an_answer_that_took_long_to_make_is_kept_compressed() -> None:
    kept = Answers(entries=100, size=1 << 20, hot=2000)
    kept.put("slow", b"s" * 500, cost=COSTLY)
    kept.put("quick", b"q" * 500, cost=COSTLY / 2)
    for i in range(4):
        kept.put(i, bytes(500))
    assert kept.get("slow") == b"s" * 500 and kept.get("quick") is None


def test_both_tiers_together_stay_within_the_bounds() -> None:
    kept = Answers(entries=50, size=20_000, hot=5_000)
    for i in range(5_000):
        kept.put(i, bytes(i % 1200), cost=COSTLY if i % 3 else 0.0)
        if i % 7 == 0:
            kept.get(i - 1)
        assert len(kept) <= 50 and kept.kept_bytes <= 20_000
        assert kept._recent_bytes <= 5_000 and len(kept._asked) <= 50
    assert kept.compressed > 0
    assert kept.kept_bytes == sum(map(len, kept._packed.values())) + sum(len(r.answer) for r in kept._recent.values())


def test_the_answer_a_worker_makes_is_kept_by_that_worker() -> None:
    kept = Answers()
    answer = b"x" * 100

    async def twice() -> list[bytes]:
        return [await kept.answer("k", lambda: answer) for _ in range(2)]

    assert run_apart(twice()) == [answer, answer] and kept.hits == 1 and kept.misses == 1


def test_a_request_key_is_a_digest_however_large_the_request() -> None:
    key = api._key("interview", {"skipped": ["profilering"] * 50_000}, "2026-01-01")
    assert isinstance(key, bytes) and len(key) == 32
    assert key != api._key("interview", {"skipped": ["profilering"] * 49_999}, "2026-01-01")


def test_concurrent_equal_requests_make_the_answer_once() -> None:
    kept = Answers()
    made: list[int] = []

    def make() -> bytes:
        made.append(threading.get_ident())
        time.sleep(0.05)
        return b"answer"

    async def many() -> list[bytes]:
        return await asyncio.gather(*(kept.answer("k", make) for _ in range(20)))

    assert run_apart(many()) == [b"answer"] * 20
    assert len(made) == 1 and made[0] != threading.get_ident()  # once, and not on the event loop's thread
    assert run_apart(many()) == [b"answer"] * 20 and len(made) == 1  # kept


def test_an_error_reaches_every_waiting_request_and_is_not_kept() -> None:
    kept = Answers()
    calls = 0

    def make() -> bytes:
        nonlocal calls
        calls += 1
        time.sleep(0.02)
        raise ValueError("refused")

    async def many() -> list[Any]:
        return await asyncio.gather(*(kept.answer("k", make) for _ in range(5)), return_exceptions=True)

    found = run_apart(many())
    assert all(isinstance(e, ValueError) for e in found) and calls == 1
    run_apart(many())
    assert calls == 2 and len(kept) == 0


def test_at_most_workers_answers_are_made_at_a_time() -> None:
    kept = Answers(workers=2)
    busy = peak = 0
    lock = threading.Lock()

    def make() -> bytes:
        nonlocal busy, peak
        with lock:
            busy += 1
            peak = max(peak, busy)
        time.sleep(0.02)
        with lock:
            busy -= 1
        return b""

    async def many() -> None:
        await asyncio.gather(*(kept.answer(i, make) for i in range(10)))

    run_apart(many())
    assert peak == 2


def test_bounds_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Answers(entries=0)
    with pytest.raises(ValueError, match="negative"):
        Answers(queue=-1)


def test_beyond_the_queue_a_new_answer_is_refused_and_nothing_else() -> None:
    kept = Answers(workers=1, queue=2)
    kept.put("kept", b"old")
    release = threading.Event()

    def make() -> bytes:
        release.wait(10)
        return b"new"

    async def many() -> tuple[list[Any], bytes, Any, list[Any]]:
        tasks = [asyncio.ensure_future(kept.answer(i, make)) for i in range(5)]
        await asyncio.sleep(0.05)  # 0 is being made, 1 and 2 wait: 3 and 4 are refused at once
        refused = [t.exception() if t.done() else None for t in tasks]
        assert kept.making == 3
        again = asyncio.ensure_future(kept.answer(1, make))  # waits for the answer being made
        found = await kept.answer("kept", make)  # kept: answered however busy
        release.set()
        return refused, found, await again, await asyncio.gather(*tasks, return_exceptions=True)

    refused, found, again, results = run_apart(many())
    assert refused[:3] == [None] * 3 and all(isinstance(e, Busy) for e in refused[3:])
    assert found == b"old" and again == b"new" and results[:3] == [b"new"] * 3
    assert kept.refused == 2 and kept.making == 0
    assert run_apart(kept.answer(3, make)) == b"new"  # the queue is free again


def test_an_overloaded_api_answers_503_with_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(RULES)
    answers: Answers = app.state.answers
    answers.workers, answers.queue = 1, 0
    release = threading.Event()
    evaluate = RULES.evaluate

    def slow(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        return evaluate(*args, **kwargs)

    monkeypatch.setattr(RULES, "evaluate", slow)

    async def requests() -> tuple[httpx.Response, httpx.Response, httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            first = asyncio.ensure_future(client.post("/api/check", json={"system": {}}))
            while not answers.making:
                await asyncio.sleep(0.01)
            busy = await client.post("/api/check?lang=en", json={"system": {"profilering": True}, "lang": "en"})
            same = asyncio.ensure_future(client.post("/api/check", json={"system": {}}))
            await asyncio.sleep(0.05)
            release.set()
            return (
                await first,
                busy,
                await same,
                await client.post("/api/check", json={"system": {"profilering": True}}),
            )

    first, busy, same, later = run_apart(requests())
    assert busy.status_code == 503 and busy.headers["retry-after"] == str(RETRY_AFTER)
    error = busy.json()["error"]
    assert error["status"] == 503 and error["message"] == f"the server is too busy; try again in {RETRY_AFTER} s"
    assert first.status_code == same.status_code == later.status_code == 200 and first.json() == same.json()
    assert later.json() == evaluate({"profilering": True}).as_dict()


def test_a_cached_interview_answer_is_the_same_as_a_fresh_one(base_url: str) -> None:
    body = {"answers": {"soort-toepassing": "ai-systeem"}, "skipped": ["profilering"], "lang": "en"}
    first = call(base_url, "POST", "/api/interview", body)
    second = call(base_url, "POST", "/api/interview", body)
    assert first[0] == second[0] == 200 and first[2] == second[2]
    iv = RULES.interview(system=body["answers"], lang="en")
    iv.skip("profilering")
    assert second[2]["report"] == iv.report.as_dict() and second[2]["open"] == list(iv.open)
    question = iv.next_question()
    assert question is not None and second[2]["question"]["fact"] == question.fact
    # the same answers in another language or on another date are other answers, not the cached one
    dutch = call(base_url, "POST", "/api/interview", {**body, "lang": "nl"})[2]
    assert dutch["question"]["text"] != second[2]["question"]["text"]
    later = call(base_url, "POST", "/api/interview", {**body, "op": "2031-01-01"})[2]
    assert later["report"]["op"] == "2031-01-01" and second[2]["report"]["op"] != "2031-01-01"


def test_a_refused_request_is_refused_again(base_url: str) -> None:
    for _ in range(2):
        status, _, data = call(base_url, "POST", "/api/interview", {"answers": {"profileringg": True}})
        assert status == 422 and data["error"]["fact"] == "profileringg"


def test_the_first_interview_answers_are_made_before_the_server_listens() -> None:
    def answered(app: Any, started: bool) -> list[httpx.Response]:
        async def requests() -> list[httpx.Response]:
            async with contextlib.AsyncExitStack() as stack:
                if started:  # what uvicorn does before it listens: the application's start (lifespan)
                    await stack.enter_async_context(app.router.lifespan_context(app))
                    assert len(app.state.answers) == 2 and app.state.answers.hits == 0
                transport = httpx.ASGITransport(app=app)
                client = await stack.enter_async_context(httpx.AsyncClient(transport=transport, base_url="http://t"))
                return [await client.post("/api/interview", json={"answers": {}, "lang": lang}) for lang in LANGS]

        return run_apart(requests())

    prepared = create_app(RULES)
    kept = answered(prepared, started=True)
    assert prepared.state.answers.hits == 2 and len(prepared.state.answers) == 2  # both kept, nothing made
    fresh = create_app(RULES, prepare=False)
    made = answered(fresh, started=False)
    assert fresh.state.answers.hits == 0
    assert [r.status_code for r in kept] == [r.status_code for r in made] == [200, 200]
    assert [r.content for r in kept] == [r.content for r in made]
