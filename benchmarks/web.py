"""The web API under load: requests/s and latency (p50, p95) of POST /api/check and POST /api/interview
with 16 concurrent clients, against `algokader serve` in its own process on a free loopback port.

    python benchmarks/web.py                 # 800 requests per endpoint (about a minute on 2 cores)
    python benchmarks/web.py --requests 200  # a quicker run
    python benchmarks/web.py --json out.json # also write the figures

Traffic goes to 127.0.0.1 only; every loop is bounded by a request count and a time limit.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from algokader.cli import read_system

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 16
TIME_LIMIT = 300.0
"""Seconds after which a run stops sending, whatever its request count."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "algokader", "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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


def bodies() -> dict[str, list[bytes]]:
    """Request bodies from the example descriptions: complete ones for check, partial ones for the interview."""
    systems = [
        json.loads(json.dumps(read_system(str(p), io.StringIO()), default=str))
        for p in sorted((ROOT / "examples").iterdir())
    ]
    check = [json.dumps({"system": s}).encode() for s in systems]
    interview = []
    for s in systems:
        half = dict(list(s.items())[: len(s) // 2])  # mid-interview: half the answers known
        interview.append(json.dumps({"answers": half}).encode())
        interview.append(json.dumps({"answers": {}, "only": [f"aia-{i:02}" for i in range(40)]}).encode())
    return {"/api/check": check, "/api/interview": interview}


def run(port: int, path: str, payloads: list[bytes], count: int) -> dict[str, Any]:
    """``count`` POSTs to ``path`` from 16 threads, each with its own keep-alive connection."""
    deadline = time.monotonic() + TIME_LIMIT
    per_client = [list(range(i, count, CLIENTS)) for i in range(CLIENTS)]

    def client(indices: list[int]) -> list[float]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        took = []
        try:
            for i in indices:
                if time.monotonic() > deadline:
                    break
                began = time.perf_counter()
                headers = {"Content-Type": "application/json"}
                connection.request("POST", path, body=payloads[i % len(payloads)], headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    raise SystemExit(f"{path}: status {response.status}")
                took.append(time.perf_counter() - began)
        finally:
            connection.close()
        return took

    began = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        latencies = [t for part in pool.map(client, per_client) for t in part]
    elapsed = time.perf_counter() - began
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "seconds": round(elapsed, 2),
        "requests_per_second": round(len(ordered) / elapsed, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=800, help="requests per endpoint (default 800)")
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    args = parser.parse_args()
    port = free_port()
    server = start_server(port)
    try:
        payloads = bodies()
        for path, sent in payloads.items():  # warm up: the first requests compile and cache
            run(port, path, sent, CLIENTS)
        results = {path: run(port, path, sent, args.requests) for path, sent in payloads.items()}
    finally:
        server.terminate()
        server.wait(10)
    print(f"{'endpoint':<18}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}   ({CLIENTS} clients, loopback)")
    for path, r in results.items():
        print(f"{path:<18}{r['requests']:>9}{r['requests_per_second']:>9}{r['p50_ms']:>9}{r['p95_ms']:>9}")
    if args.json:
        Path(args.json).write_text(json.dumps({"clients": CLIENTS, "results": results}, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
