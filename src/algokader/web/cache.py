"""Finished API answers, kept in a bounded cache, and the work of making them, off the event loop.

The API is stateless: every request carries everything its answer depends on. An interview's
answer is a pure function of the request (scope, labels, answers, skips, language, reference date
and regime) and costs up to a second for the first questions, where the report of an almost empty
description ranks every requirement's open facts; those are also the requests everyone sends.
So each answer is kept, as the bytes sent, under the canonical form of its request; a repeated
request is answered from the cache, and requests for an answer being made wait for that one
instead of making it again.

Two tiers. A new answer is kept as it is sent, in a small *recent* tier (at most ``hot`` bytes):
answered from there, a request costs no decompression. Leaving it (least recently used first),
an answer is compressed (zlib at level 1: an answer of 160 kB of JSON takes about 23 kB) into the
*compressed* tier, which holds thousands, if it is worth it: if it was asked for again while
recent, if its request was asked before (a dropped answer asked for again is kept next time), or
if it took long to make (``COSTLY``). Any other is dropped: most answers of users walking the
interview are asked for once, and compressing each (half a millisecond) cost more than making
again the few that are asked for later. Bounds: at most ``entries`` answers and ``size`` bytes of
them in both tiers together (recent ones as sent, the others compressed; least recently used go
first); an answer larger than a quarter of ``hot`` is sent but not kept. Errors are never kept: a
refused request costs its checks each time, and hostile input cannot fill the cache. At most
``workers`` answers are made at a time, each in a worker thread (which also compresses what
leaves the recent tier), so the event loop keeps answering cached requests and cheap ones while a
slow one is made; at most ``queue`` more wait for a worker. A request whose answer would have to
wait beyond that is refused at once (:class:`Busy`, the API's 503 with ``Retry-After``) instead of
joining an ever longer queue; a request for an answer kept or being made is never refused.
"""

from __future__ import annotations

import asyncio
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Hashable

from starlette.concurrency import run_in_threadpool

ENTRIES = 4096
"""Most answers kept."""
SIZE = 32 << 20
"""Most bytes of answers kept (32 MiB), in both tiers."""
HOT = 8 << 20
"""Most bytes of recent answers, kept as sent (8 MiB, part of ``SIZE``)."""
COSTLY = 0.01
"""Seconds of work (a worker thread's CPU time) from which an answer is kept compressed even if
nobody asked for it again while it was recent: twenty times the cost of compressing it."""
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


class _Recent:
    """An answer in the recent tier, and whether it is to be compressed when it leaves."""

    __slots__ = ("answer", "keep")

    def __init__(self, answer: bytes, keep: bool) -> None:
        self.answer, self.keep = answer, keep


class Answers:
    """A bounded, thread-safe least-recently-used cache of answers (bytes) by request key."""

    def __init__(
        self,
        entries: int = ENTRIES,
        size: int = SIZE,
        workers: int = WORKERS,
        queue: int = QUEUE,
        hot: int = HOT,
    ) -> None:
        if entries < 1 or size < 1 or workers < 1 or queue < 0 or hot < 1:
            raise ValueError("entries, size, hot and workers must be positive, queue not negative")
        self.entries, self.size, self.workers, self.queue = entries, size, workers, queue
        self.hot = min(hot, size)
        self._recent: OrderedDict[Hashable, _Recent] = OrderedDict()
        self._packed: OrderedDict[Hashable, bytes] = OrderedDict()
        self._recent_bytes = self._packed_bytes = 0
        self._asked: OrderedDict[int, None] = OrderedDict()
        """The hashes of requests whose answers were dropped (at most ``entries``): asked before."""
        self._lock = threading.Lock()
        self._pending: dict[Hashable, asyncio.Future[bytes]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._slots: asyncio.Semaphore | None = None
        self.hits = self.misses = self.refused = 0

    def __len__(self) -> int:
        return len(self._recent) + len(self._packed)

    @property
    def making(self) -> int:
        """The answers being made or waiting for a worker."""
        return len(self._pending)

    @property
    def kept_bytes(self) -> int:
        """The bytes of the answers kept (recent ones as sent, the others compressed)."""
        return self._recent_bytes + self._packed_bytes

    @property
    def compressed(self) -> int:
        """The answers kept compressed."""
        return len(self._packed)

    def get(self, key: Hashable) -> bytes | None:
        """The answer kept for ``key`` (now the most recently used), or None."""
        with self._lock:
            recent = self._recent.get(key)
            if recent is not None:
                self._recent.move_to_end(key)
                recent.keep = True
                self.hits += 1
                return recent.answer
            packed = self._packed.get(key)
            if packed is None:
                self.misses += 1
                return None
            self._packed.move_to_end(key)
            self.hits += 1
        return zlib.decompress(packed)

    def put(self, key: Hashable, answer: bytes, cost: float = 0.0) -> None:
        """Keep ``answer`` for ``key`` (made in ``cost`` seconds), dropping or compressing the least
        recently used beyond the bounds; what leaves the recent tier is compressed here, in the caller's
        thread."""
        if len(answer) > self.hot // 4:
            return
        leaving: list[tuple[Hashable, bytes]] = []
        with self._lock:
            self._drop(key)
            asked = hash(key) in self._asked
            if asked:
                del self._asked[hash(key)]
            self._recent[key] = _Recent(answer, asked or cost >= COSTLY)
            self._recent_bytes += len(answer)
            while self._recent_bytes > self.hot or len(self._recent) > self.entries:
                old, recent = self._recent.popitem(last=False)
                self._recent_bytes -= len(recent.answer)
                if recent.keep:
                    leaving.append((old, recent.answer))
                else:
                    self._remember(old)
            self._trim()
        if not leaving:
            return
        packed = [(old, zlib.compress(sent, 1)) for old, sent in leaving]  # outside the lock: it takes a while
        with self._lock:
            for old, small in packed:
                if old not in self._recent and old not in self._packed:  # else: made again meanwhile
                    self._packed[old] = small
                    self._packed_bytes += len(small)
            self._trim()

    def _drop(self, key: Hashable) -> None:
        recent = self._recent.pop(key, None)
        if recent is not None:
            self._recent_bytes -= len(recent.answer)
        packed = self._packed.pop(key, None)
        if packed is not None:
            self._packed_bytes -= len(packed)

    def _remember(self, key: Hashable) -> None:
        self._asked[hash(key)] = None
        if len(self._asked) > self.entries:
            self._asked.popitem(last=False)

    def _trim(self) -> None:
        """The compressed tier within what the recent one leaves of the bounds."""
        while self._packed and (
            len(self._recent) + len(self._packed) > self.entries or self._recent_bytes + self._packed_bytes > self.size
        ):
            old, packed = self._packed.popitem(last=False)
            self._packed_bytes -= len(packed)
            self._remember(old)

    async def answer(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        """The answer for ``key``: kept, being made (then waited for), or made now by ``make`` in a
        worker thread. An exception from ``make`` reaches every request waiting for it; nothing is kept.
        :class:`Busy` when it would have to be made and ``workers + queue`` answers are already
        being made or waiting."""
        found = self.get(key)
        if found is not None:
            return found
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
        """The answer as made and kept, both in the worker thread, sent as it is to those waiting for it."""

        def made_and_kept() -> bytes:
            began = time.thread_time()
            answer = make()
            self.put(key, answer, time.thread_time() - began)
            return answer

        try:
            assert self._slots is not None
            async with self._slots:
                return await run_in_threadpool(made_and_kept)
        finally:
            self._pending.pop(key, None)
