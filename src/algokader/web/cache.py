"""Finished API answers, kept in a bounded cache, and the work of making them, off the event loop.

The API is stateless: every request carries everything its answer depends on. An interview's
answer is a pure function of the request (scope, labels, answers, skips, language, reference date
and regime) and costs up to a second for the first questions, where the report of an almost empty
description ranks every requirement's open facts; those are also the requests everyone sends.
So each answer is kept, as the bytes sent, under the canonical form of its request; a repeated
request is answered from the cache, and requests for an answer being made wait for that one
instead of making it again.

Answers are kept compressed (zlib at level 1: an answer of 160 kB of JSON takes about 23 kB), so that the
cache holds thousands. Bounds: at most ``entries`` answers and ``size`` bytes of them
(compressed; least recently used go first);
an answer larger than a quarter of ``size`` is sent but not kept. Errors are never kept: a
refused request costs its checks each time, and hostile input cannot fill the cache. At most
``workers`` answers are made at a time, each in a worker thread, so the event loop keeps
answering cached requests and cheap ones while a slow one is made; at most ``queue`` more wait
for a worker. A request whose answer would have to wait beyond that is refused at once
(:class:`Busy`, the API's 503 with ``Retry-After``) instead of joining an ever longer queue; a
request for an answer kept or being made is never refused.
"""

from __future__ import annotations

import asyncio
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Hashable

from starlette.concurrency import run_in_threadpool

ENTRIES = 4096
"""Most answers kept."""
SIZE = 32 << 20
"""Most bytes of answers kept (32 MiB)."""
WORKERS = 2
"""Most answers made at the same time (the engine is pure Python: more threads only share the lock)."""
QUEUE = 64
"""Most answers waiting for a worker; beyond them a request is refused (:class:`Busy`)."""
RETRY_AFTER = 1
"""The seconds a refused request is told to wait before it asks again."""


class Busy(Exception):
    """More answers wait to be made than the queue holds: this one is refused, not queued."""

    def __init__(self, retry_after: int = RETRY_AFTER) -> None:
        super().__init__(f"busy: retry after {retry_after} s")
        self.retry_after = retry_after


class Answers:
    """A bounded, thread-safe least-recently-used cache of answers (bytes) by request key."""

    def __init__(self, entries: int = ENTRIES, size: int = SIZE, workers: int = WORKERS, queue: int = QUEUE) -> None:
        if entries < 1 or size < 1 or workers < 1 or queue < 0:
            raise ValueError("entries, size and workers must be positive, queue not negative")
        self.entries, self.size, self.workers, self.queue = entries, size, workers, queue
        self._kept: OrderedDict[Hashable, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._pending: dict[Hashable, asyncio.Future[bytes]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._slots: asyncio.Semaphore | None = None
        self.hits = self.misses = self.refused = 0

    def __len__(self) -> int:
        return len(self._kept)

    @property
    def making(self) -> int:
        """The answers being made or waiting for a worker."""
        return len(self._pending)

    @property
    def kept_bytes(self) -> int:
        """The bytes of the answers kept."""
        return self._bytes

    def get(self, key: Hashable) -> bytes | None:
        """The answer kept for ``key`` (now the most recently used), or None."""
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
            return found

    def put(self, key: Hashable, answer: bytes) -> None:
        """Keep ``answer`` for ``key``, dropping the least recently used beyond the bounds."""
        if len(answer) > self.size // 4:
            return
        with self._lock:
            old = self._kept.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._kept[key] = answer
            self._bytes += len(answer)
            while len(self._kept) > self.entries or self._bytes > self.size:
                _, dropped = self._kept.popitem(last=False)
                self._bytes -= len(dropped)

    async def answer(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        """The answer for ``key``: kept, being made (then waited for), or made now by ``make`` in a
        worker thread. An exception from ``make`` reaches every request waiting for it; nothing is kept.
        :class:`Busy` when it would have to be made and ``workers + queue`` answers are already
        being made or waiting."""
        found = self.get(key)
        if found is not None:
            return zlib.decompress(found)
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # what waits belongs to one event loop (a server runs one)
            self._loop, self._pending, self._slots = loop, {}, asyncio.Semaphore(self.workers)
        making = self._pending.get(key)  # only the event loop's thread touches _pending
        if making is None:
            if len(self._pending) >= self.workers + self.queue:
                self.refused += 1
                raise Busy()
            making = self._pending[key] = loop.create_task(self._make(key, make))
        # A request that goes away (its task cancelled) must not cancel the answer others wait for.
        return await asyncio.shield(making)

    async def _make(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        """The answer as made, sent as it is to those waiting for it; kept compressed (made
        and compressed in the worker thread: zlib lets go of the interpreter while it works)."""

        def made_and_packed() -> tuple[bytes, bytes]:
            answer = make()
            return answer, zlib.compress(answer, 1)

        try:
            assert self._slots is not None
            async with self._slots:
                answer, packed = await run_in_threadpool(made_and_packed)
        finally:
            self._pending.pop(key, None)
        self.put(key, packed)
        return answer
