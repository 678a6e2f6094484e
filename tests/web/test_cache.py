"""The cache of finished API answers: bounded in entries and bytes, least recently used out first,
one making per key however many ask at once, errors never kept, and the same answers as without it."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Coroutine
from typing import Any, TypeVar

import pytest

from algokader.web.cache import Answers

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
