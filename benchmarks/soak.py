"""Soak test: `algokader serve` for N minutes under mixed valid and hostile requests from 16 clients.

    python benchmarks/soak.py                # 10 minutes
    python benchmarks/soak.py --minutes 1    # a short run
    python benchmarks/soak.py --json out.json

Valid traffic: complete descriptions to /api/check (a pool of different ones), users walking the
interview (/api/interview, as in benchmarks/web.py), explanations, the vocabulary and the pages.
Hostile traffic: malformed JSON, bad UTF-8, NaN and numbers too large, bodies over the 1 MiB limit
(with a length and streamed without one), bodies just under it, deeply nested bodies, unknown
facts and fields, wrong types, unknown requirement ids, bad dates, wrong methods and addresses,
and bad page addresses.

It reports the requests by status (overall and per kind), latency p50/p95/max (valid and hostile
apart), the server's resident memory (RSS) at the start, the largest seen and at the end, and
every answer with a 5xx status (with the server's log): any 5xx is a bug, and the exit status is
then 1. Traffic goes to 127.0.0.1 only; the run is bounded by its minutes.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

import algokader
import web  # benchmarks/web.py, next to this script

Request = tuple[str, str, bytes, dict[str, str]]
"""Method, path, body and extra headers."""
MIB = 1 << 20


def valid_kinds(rng: random.Random, pool: list[bytes], ids: list[str]) -> dict[str, Callable[[], Request]]:
    facts = sorted(algokader.load().facts)

    def check() -> Request:
        return ("POST", "/api/check", rng.choice(pool), {})

    def explain() -> Request:
        return ("POST", f"/api/explain/{rng.choice(ids)}", rng.choice(pool), {})

    def vocabulary() -> Request:
        return ("GET", rng.choice(["/api/facts?lang=en", "/api/facts", "/api/requirements"]), b"", {})

    def page() -> Request:
        fact = rng.choice(facts)
        pages = ["/", "/vraag?lang=en", "/resultaat", f"/vraag?asked={fact}&skipped={fact}", "/static/style.css"]
        return ("GET", rng.choice(pages), b"", {})

    return {"check": check, "explain": explain, "vocabulary": vocabulary, "page": page}


def hostile_kinds(rng: random.Random) -> dict[str, Callable[[], Request]]:
    post = ["/api/check", "/api/interview", "/api/explain/aia-14"]

    def body(payload: bytes | str, path: str | None = None) -> Request:
        data = payload.encode("utf-8", "surrogatepass") if isinstance(payload, str) else payload
        return ("POST", path or rng.choice(post), data, {})

    def bad_json() -> Request:
        return body(
            rng.choice(
                [b'{"system": {"profilering": tru}}', b"{", b'{"a": 1,}', b"\xff\xfe\x00", b"{'single': 1}", b"]"]
            )
        )

    def numbers() -> Request:
        value = rng.choice([b"NaN", b"-Infinity", b"1e400", b"9" * 5000, b"-0", b"1e-400", b"123456789012345678901"])
        return body(b'{"system": {"profilering": ' + value + b"}}")

    def huge() -> Request:
        return body(b'{"system": {"x": "' + b"a" * (MIB + rng.randrange(1000)) + b'"}}')

    def near_limit() -> Request:
        many = {f"feit-{i}": i for i in range(rng.randrange(20_000, 45_000))}
        return body(json.dumps(rng.choice([{"system": many}, {"answers": many}, {"only": list(many)}])))

    def deep() -> Request:
        depth = rng.choice([500, 5_000, 100_000])
        nested = rng.choice([(b"[", b"]"), (b'{"a":', b"}")])
        data = b'{"system": {"profilering": ' + nested[0] * depth + b"1" + nested[1] * depth + b"}}"
        return body(data if len(data) <= MIB else nested[0] * depth)

    def unknown_fact() -> Request:
        name = rng.choice(["profileringg", "x" * 5000, "", "soort_toepassing", "\ud800", "lang"])
        return body(
            json.dumps({"system": {name: True}, "answers": None} if rng.random() < 0.2 else {"system": {name: True}})
        )

    def wrong_type() -> Request:
        value = rng.choice([1, "ja", {}, [], [1, 2], None, {"a": [1]}, "ai-systeemm", True])
        field = rng.choice(["profilering", "soort-toepassing", "bijlage-iii", "datum-ingebruikname"])
        shape = rng.choice(
            [
                {"system": {field: value}},
                {"answers": {field: value}},
                {"skipped": value},
                {"only": value},
                {"lang": value},
                {"mode": value},
                {"labels": value},
                [value],
                value,
            ]
        )
        return body(json.dumps(shape))

    def unknown_id() -> Request:
        rid = rng.choice(["aia-99", "AIA-14", "", "x" * 3000, "../etc/passwd", "%00"])
        if rng.random() < 0.5:
            return body(json.dumps({"only": [rid]}))
        return ("POST", "/api/explain/" + (rid or "%20"), b"{}", {})

    def bad_date() -> Request:
        when = rng.choice(["2026-02-30", "2026-13-01", "morgen", "", "99999-01-01", "2026-1-1", 20260101, None])
        shapes = [
            {"op": when},
            {"regime": rng.choice(["origineel", "", 1])},
            {"system": {"datum-ingebruikname": when}},
            {"answers": {"in-de-handel-sinds": when}},
        ]
        return body(json.dumps(rng.choice(shapes)))

    def unknown_field() -> Request:
        return body(json.dumps({rng.choice(["sytem", "answer", "Only", "x" * 300]): {}}))

    def wrong_address() -> Request:
        return rng.choice(
            [
                ("GET", "/api/check", b"", {}),
                ("PUT", "/api/interview", b"{}", {}),
                ("GET", "/api/nothing", b"", {}),
                ("POST", "/api/facts", b"{}", {}),
                ("GET", "/uitleg/aia-99", b"", {}),
                ("POST", "/api/check", b'{"system": {}}', {"Content-Type": "text/plain"}),
                ("POST", "/api/check", b"{}", {"Content-Length": "abc"}),
            ]
        )

    def bad_page() -> Request:
        query = rng.choice(
            [
                "op=2026-02-30",
                "only=aia-99",
                "profilering=misschien",
                "asked=nope&nope=1",
                "regime=x",
                "soort-toepassing=" + "a" * 5000,
                "asked=profilering&skipped=profilering&profilering=ja",
                "lang=de&label=onbekend",
                "datum-ingebruikname=2026-99-99",
            ]
        )
        page = rng.choice(["/vraag", "/resultaat", "/antwoord", "/uitleg/aia-14", "/download/rapport.json", "/begin"])
        return ("GET", f"{page}?{query}", b"", {})

    return {
        "bad-json": bad_json,
        "numbers": numbers,
        "huge": huge,
        "near-limit": near_limit,
        "deep": deep,
        "unknown-fact": unknown_fact,
        "wrong-type": wrong_type,
        "unknown-id": unknown_id,
        "bad-date": bad_date,
        "unknown-field": unknown_field,
        "wrong-address": wrong_address,
        "bad-page": bad_page,
    }


def streamed(port: int, size: int) -> int:
    """A body of ``size`` bytes streamed without a length (chunked): the status of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        head = f"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTransfer-Encoding: chunked\r\n"
        sock.sendall((head + "Content-Type: application/json\r\nConnection: close\r\n\r\n").encode())
        chunk = b"a" * 65536
        try:
            for _ in range(size // len(chunk)):
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server answered and closed before the end: as it should
        reply = b""
        try:
            while len(reply) < 12 and (part := sock.recv(4096)):
                reply += part
        except OSError:
            pass
    return int(reply[9:12]) if reply.startswith(b"HTTP/1.1 ") else 0


def soak(minutes: float, clients: int = web.CLIENTS, hostile_share: float = 0.4) -> dict[str, Any]:
    """The run's figures (see the module's docstring); ``hostile_share`` of the requests are hostile."""
    with tempfile.TemporaryFile() as log:
        return _soak(log, minutes, clients, hostile_share)


def _soak(log: IO[bytes], minutes: float, clients: int, hostile_share: float) -> dict[str, Any]:
    port = web.free_port()
    server = web.start_server(port, log)
    rs = algokader.load()
    pool = web.unique_systems(300, seed=5)
    ids = list(rs.requirements)
    statuses: Counter[int] = Counter()
    by_kind: dict[str, Counter[int]] = defaultdict(Counter)
    latency: dict[str, list[float]] = {"valid": [], "hostile": []}
    failures: list[dict[str, Any]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + 60 * minutes
    rss = {"start": web.rss_mib(server.pid), "max": 0.0}

    def record(kind: str, group: str, status: int, seconds: float, request: Request, reply: bytes) -> None:
        with lock:
            statuses[status] += 1
            by_kind[kind][status] += 1
            latency[group].append(seconds)
            if status >= 500:
                method, path, data, _ = request
                failures.append(
                    {"kind": kind, "status": status, "request": f"{method} {path} {data[:200]!r}", "reply": reply[:300]}
                )

    def client(i: int) -> None:
        rng = random.Random(100 + i)
        valid = valid_kinds(rng, pool, ids)
        hostile = hostile_kinds(rng)
        connection = web.Client(port)
        walking = web.walker(50_000 + 1000 * i)
        walk_body = next(walking)
        try:
            while time.monotonic() < deadline:
                if rng.random() >= hostile_share:
                    if rng.random() < 0.5:  # half of the valid traffic: users walking the interview
                        request: Request = ("POST", "/api/interview", walk_body, {})
                        kind = "interview"
                    else:
                        kind = rng.choice(list(valid))
                        request = valid[kind]()
                    group = "valid"
                else:
                    kind = rng.choice([*hostile, "streamed"])
                    group = "hostile"
                    if kind == "streamed":
                        began = time.perf_counter()
                        status = streamed(port, 2 * MIB)
                        record(kind, group, status, time.perf_counter() - began, ("POST", "/api/check", b"", {}), b"")
                        continue
                    request = hostile[kind]()
                method, path, data, headers = request
                began = time.perf_counter()
                try:
                    status, reply, seconds = send(connection, method, path, data, headers)
                except (OSError, ConnectionError) as err:
                    status, reply, seconds = 0, repr(err).encode(), time.perf_counter() - began
                record(kind, group, status, seconds, request, reply)
                if kind == "interview":
                    if status == 200:
                        walk_body = walking.send(reply)
                    else:
                        walking = web.walker(rng.randrange(1 << 30))
                        walk_body = next(walking)
        finally:
            connection.close()

    def watch() -> None:
        while time.monotonic() < deadline:
            rss["max"] = max(rss["max"], web.rss_mib(server.pid))
            time.sleep(5)

    began = time.monotonic()
    try:
        with ThreadPoolExecutor(clients + 1) as pool_:
            watcher = pool_.submit(watch)
            for done in [pool_.submit(client, i) for i in range(clients)]:
                done.result()
            watcher.result()
        rss["end"] = web.rss_mib(server.pid)
        rss["max"] = max(rss["max"], rss["end"])
    finally:
        web.stop_server(server)
    log.seek(0)
    server_log = log.read().decode("utf-8", "replace")
    elapsed = time.monotonic() - began

    def figures(values: list[float]) -> dict[str, float]:
        ordered = sorted(values)
        return {
            "count": len(ordered),
            "p50_ms": round(web.percentile(ordered, 0.5) * 1000, 1),
            "p95_ms": round(web.percentile(ordered, 0.95) * 1000, 1),
            "max_ms": round(ordered[-1] * 1000, 1) if ordered else float("nan"),
        }

    return {
        "minutes": round(elapsed / 60, 2),
        "clients": clients,
        "requests": sum(statuses.values()),
        "requests_per_second": round(sum(statuses.values()) / elapsed, 1),
        "statuses": dict(sorted(statuses.items())),
        "by_kind": {kind: dict(sorted(found.items())) for kind, found in sorted(by_kind.items())},
        "latency": {group: figures(values) for group, values in latency.items()},
        "rss_mib": rss,
        "failures": [{**f, "reply": f["reply"].decode("utf-8", "replace")} for f in failures[:20]],
        "failure_count": len(failures),
        "server_errors_logged": server_log.count("Traceback"),
        "server_log_tail": server_log[-3000:] if failures else "",
    }


def send(
    connection: web.Client, method: str, path: str, data: bytes, headers: dict[str, str]
) -> tuple[int, bytes, float]:
    if method == "POST" and not headers:
        return connection.post(path, data)
    began = time.perf_counter()
    try:
        connection.connection.request(method, path, body=data or None, headers=headers)
        response = connection.connection.getresponse()
        reply = response.read()
    except Exception:
        connection.close()
        connection.connection = http.client.HTTPConnection("127.0.0.1", connection.port, timeout=120)
        raise
    if response.will_close:
        connection.close()
        connection.connection = http.client.HTTPConnection("127.0.0.1", connection.port, timeout=120)
    return response.status, reply, time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long (default 10)")
    parser.add_argument("--clients", type=int, default=web.CLIENTS, help=f"concurrent clients (default {web.CLIENTS})")
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    args = parser.parse_args()
    found = soak(args.minutes, args.clients)
    print(f"{found['requests']} requests in {found['minutes']} min ({found['requests_per_second']}/s), by status:")
    print("  " + "  ".join(f"{status}: {count}" for status, count in found["statuses"].items()))
    for kind, counts in found["by_kind"].items():
        print(f"  {kind:<14}" + "  ".join(f"{status}: {count}" for status, count in counts.items()))
    for group, figures in found["latency"].items():
        print(f"latency {group:<8} " + "  ".join(f"{k} {v}" for k, v in figures.items()))
    print(f"RSS MiB: {found['rss_mib']}")
    print(f"5xx or no answer: {found['failure_count']}; tracebacks in the server log: {found['server_errors_logged']}")
    for failure in found["failures"]:
        print(f"  {failure}")
    if found["server_log_tail"]:
        print(found["server_log_tail"])
    if args.json:
        Path(args.json).write_text(json.dumps(found, indent=2) + "\n", "utf-8")
    return 1 if found["failure_count"] or found["server_errors_logged"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
