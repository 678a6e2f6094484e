"""The web API under load: requests/s and latency (p50, p95) of POST /api/check and POST /api/interview
with 16 concurrent clients, against `algokader serve` in its own process on a free loopback port, and
the server's resident memory (RSS) over a long mixed run.

    python benchmarks/web.py                 # every workload, 800 requests each, and RSS over 10,000 (minutes)
    python benchmarks/web.py --requests 200  # a quicker run
    python benchmarks/web.py --json out.json # also write the figures

Workloads (the server keeps finished answers in a bounded cache, so which requests repeat matters):

- ``check-examples`` / ``interview-examples``: the same few bodies over and over (the five examples,
  half of each for the interview); the workload of the first version of this benchmark, kept to
  compare with it. After the first round every answer is a cached one.
- ``check-unique``: every request a different complete description (valid random ones): no
  answer is ever cached, this is the engine's own speed behind HTTP.
- ``interview-walk``: each client plays users answering the questionnaire from the start to the
  end, as the API's ``question`` leads: each user follows one of the examples and answers 15 % of
  the questions at random, 5 % with "weet ik niet". The first questions are the same for everyone
  (and answered from the cache), later ones increasingly each user's own.
- ``interview-random``: the same walk with every answer at random: mostly states nobody asked
  for before, the worst case for the cache.

``server_p95_ms()`` is the figure for ``benchmarks/run.py``: the larger p95 of ``check-unique``
and ``interview-walk``, after a warm-up.

Traffic goes to 127.0.0.1 only; every loop is bounded by a request count and a time limit.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import io
import json
import random
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

import algokader
from algokader import TypeKind
from algokader.cli import read_system

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 16
TIME_LIMIT = 300.0
"""Seconds after which a run stops sending, whatever its request count."""
DEVIATE, SKIP = 0.15, 0.05
"""In a walk: the share of questions a user answers at random, and with "weet ik niet"."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int, log: IO[bytes] | None = None) -> subprocess.Popen[bytes]:
    """``algokader serve`` on 127.0.0.1:``port``, its output to ``log`` (default: discarded)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "algokader", "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=log if log is not None else subprocess.DEVNULL,
        stderr=log if log is not None else subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit("algokader serve did not start") from None
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("algokader serve did not start within 60 s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def rss_mib(pid: int) -> float:
    """The resident memory of process ``pid`` in MiB (Linux: /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmRSS for process {pid}")


def percentile(ordered: list[float], share: float) -> float:
    return ordered[int(share * (len(ordered) - 1))] if ordered else float("nan")


def examples() -> list[dict[str, Any]]:
    return [
        json.loads(json.dumps(read_system(str(p), io.StringIO()), default=str))
        for p in sorted((ROOT / "examples").iterdir())
    ]


def random_value(kind: TypeKind, values: tuple[str, ...] | list[Any], rng: random.Random) -> Any:
    if kind is TypeKind.BOOL:
        return rng.random() < 0.5
    if kind is TypeKind.ENUM:
        return rng.choice(list(values))
    if kind is TypeKind.SET:
        return sorted(rng.sample(list(values), rng.randint(0, min(3, len(values)))))
    return (datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(6 * 365))).isoformat()


def unique_systems(count: int, seed: int = 7) -> list[bytes]:
    """``count`` different complete descriptions that the rules accept, as /api/check bodies."""
    rs = algokader.load()
    facts = [f for f in rs.facts.values() if not f.derived]
    rng = random.Random(seed)
    found: dict[bytes, None] = {}
    base = examples()
    while len(found) < count:
        system = dict(rng.choice(base))
        for fact in rng.sample(facts, 4):  # an example with a few facts changed: mostly consistent
            system[fact.name] = random_value(fact.kind, fact.values, rng)
        try:
            rs.evaluate(system)
        except algokader.AlgokaderError:
            continue
        found[json.dumps({"system": system}).encode()] = None
    return list(found)


def repeated_bodies() -> dict[str, list[bytes]]:
    """The first version's bodies: complete examples for check, partial ones for the interview."""
    systems = examples()
    check = [json.dumps({"system": s}).encode() for s in systems]
    interview = []
    for s in systems:
        half = dict(list(s.items())[: len(s) // 2])  # mid-interview: half the answers known
        interview.append(json.dumps({"answers": half}).encode())
        interview.append(json.dumps({"answers": {}, "only": [f"aia-{i:02}" for i in range(40)]}).encode())
    return {"/api/check": check, "/api/interview": interview}


class Client:
    """One keep-alive connection; ``post`` returns status, the reply's bytes and the seconds taken."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def post(self, path: str, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, bytes, float]:
        began = time.perf_counter()
        try:
            self.connection.request(
                "POST", path, body=body, headers={"Content-Type": "application/json", **(headers or {})}
            )
            response = self.connection.getresponse()
            content = response.read()
        except (http.client.HTTPException, OSError):
            self.connection.close()  # the server closed the connection (e.g. after a 413): reconnect
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            raise
        if response.will_close:
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        return response.status, content, time.perf_counter() - began

    def close(self) -> None:
        self.connection.close()


def walker(seed: int, deviate: float = DEVIATE, skip: float = SKIP) -> Iterator[bytes]:
    """Interview bodies of users one after another; each ``send`` of the last reply gives the next body."""
    rng = random.Random(seed)
    personas = examples()
    while True:
        persona = rng.choice(personas)
        answers: dict[str, Any] = {}
        skipped: list[str] = []
        while True:
            reply = yield json.dumps({"answers": answers, "skipped": skipped}).encode()
            question = json.loads(reply)["question"]
            if question is None:
                break
            fact = question["fact"]
            values = [o["value"] for o in question["options"]]
            draw = rng.random()
            if draw < skip:
                skipped.append(fact)
            elif fact in persona and draw >= skip + deviate:
                answers[fact] = persona[fact]
            else:
                answers[fact] = random_value(TypeKind(question["kind"]), values, rng)


def run(
    port: int,
    path: str,
    count: int,
    *,
    payloads: list[bytes] | None = None,
    walk: float | None = None,
    seed: int = 1000,
) -> dict[str, Any]:
    """``count`` POSTs to ``path`` from 16 threads, each with its own keep-alive connection: the
    ``payloads`` in turn, or (``walk``: the share of random answers) walking users, client ``i``'s
    drawn with seed ``seed + i`` (a different seed: different users)."""
    deadline = time.monotonic() + TIME_LIMIT
    per_client = [len(range(i, count, CLIENTS)) for i in range(CLIENTS)]
    sent: set[bytes] = set()

    def client(i: int) -> list[float]:
        connection = Client(port)
        took = []
        walking = walker(seed + i, deviate=walk) if walk is not None else None
        body = next(walking) if walking is not None else b""
        try:
            for n in range(per_client[i]):
                if time.monotonic() > deadline:
                    break
                if payloads is not None:
                    body = payloads[(i + n * CLIENTS) % len(payloads)]
                sent.add(body)
                status, content, seconds = connection.post(path, body)
                if status != 200:
                    raise SystemExit(f"{path}: status {status}: {content[:300]!r}")
                took.append(seconds)
                if walking is not None:
                    body = walking.send(content)
        finally:
            connection.close()
        return took

    began = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        latencies = [t for part in pool.map(client, range(CLIENTS)) for t in part]
    elapsed = time.perf_counter() - began
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "distinct": len(sent),
        "seconds": round(elapsed, 2),
        "requests_per_second": round(len(ordered) / elapsed, 1),
        "p50_ms": round(percentile(ordered, 0.5) * 1000, 1),
        "p95_ms": round(percentile(ordered, 0.95) * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1) if ordered else float("nan"),
    }


def workloads(requests: int) -> dict[str, Callable[[int], dict[str, Any]]]:
    repeated = repeated_bodies()
    unique = unique_systems(requests)
    return {
        "check-examples": lambda port: run(port, "/api/check", requests, payloads=repeated["/api/check"]),
        "check-unique": lambda port: run(port, "/api/check", requests, payloads=unique),
        "interview-examples": lambda port: run(port, "/api/interview", requests, payloads=repeated["/api/interview"]),
        "interview-walk": lambda port: run(port, "/api/interview", requests, walk=DEVIATE, seed=2000),
        "interview-random": lambda port: run(port, "/api/interview", requests, walk=1.0, seed=3000),
    }


def memory(port: int, pid: int, total: int) -> dict[str, Any]:
    """The server's RSS over ``total`` requests of the mix (half unique checks, half walking users),
    sampled every tenth of the way; ``growth_mib`` is the end minus the first sample."""
    unique = unique_systems(total // 2, seed=11)
    samples = [rss_mib(pid)]
    step = total // 10
    for part in range(10):
        run(port, "/api/check", step // 2, payloads=unique[part * step // 2 : (part + 1) * step // 2])
        run(port, "/api/interview", step // 2, walk=DEVIATE, seed=10_000 + 100 * part)
        samples.append(rss_mib(pid))
    return {"requests": total, "rss_mib": samples, "growth_mib": round(samples[-1] - samples[1], 1)}


def server_p95_ms(quick: bool = True) -> float:
    """The larger p95 (ms) of ``check-unique`` and ``interview-walk`` with 16 clients, after a
    warm-up of as many requests by other users; ``quick``: 64 requests each (about 20 s with
    the server's start on two idle cores), else 800."""
    requests = 64 if quick else 800
    unique = unique_systems(2 * requests, seed=3)
    port = free_port()
    server = start_server(port)
    try:
        run(port, "/api/check", requests, payloads=unique[requests:])
        run(port, "/api/interview", requests, walk=DEVIATE, seed=1000)
        check = run(port, "/api/check", requests, payloads=unique[:requests])
        interview = run(port, "/api/interview", requests, walk=DEVIATE, seed=2000)  # other users
    finally:
        stop_server(server)
    return max(float(check["p95_ms"]), float(interview["p95_ms"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=800, help="requests per workload (default 800)")
    parser.add_argument("--memory", type=int, default=10_000, help="requests of the RSS run (default 10,000; 0: none)")
    parser.add_argument("--only", nargs="*", help="only these workloads")
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    args = parser.parse_args()
    chosen = workloads(args.requests)
    chosen = {name: measure for name, measure in chosen.items() if not args.only or name in args.only}
    port = free_port()
    server = start_server(port)
    results: dict[str, Any] = {}
    try:
        rss = {"start": rss_mib(server.pid)}
        for path, payloads in repeated_bodies().items():  # warm up: the first requests compile and cache
            run(port, path, CLIENTS, payloads=payloads)
        run(port, "/api/interview", 10 * CLIENTS, walk=DEVIATE, seed=1000)  # the first users
        for name, measure in chosen.items():
            results[name] = measure(port)
            print(f"{name:<20}{json.dumps(results[name])}", flush=True)
        rss["after_workloads"] = rss_mib(server.pid)
        if args.memory:
            results["memory"] = memory(port, server.pid, args.memory)
        results["rss_mib"] = {**rss, "end": rss_mib(server.pid)}
    finally:
        stop_server(server)
    print(f"\n{'workload':<20}{'requests':>9}{'distinct':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for name in chosen:
        r = results[name]
        row = [r["requests"], r["distinct"], r["requests_per_second"], r["p50_ms"], r["p95_ms"], r["max_ms"]]
        print(f"{name:<20}" + "".join(f"{v:>9}" for v in row))
    print(f"({CLIENTS} clients, loopback)  RSS MiB: {results['rss_mib']}")
    if "memory" in results:
        print(f"RSS over {results['memory']['requests']} requests: {results['memory']['rss_mib']}")
    if args.json:
        Path(args.json).write_text(json.dumps({"clients": CLIENTS, "results": results}, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
