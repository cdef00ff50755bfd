"""The service under load: `allocator serve` on a free loopback port, and a keep-alive HTTP/1.1
client (asyncio, raw sockets: the client must cost less than the server) sending unseen cases.

    .venv/bin/python bench/http_load.py --workers 2 --requests 20000 --concurrency 32

Prints one JSON object: decisions per second, p50/p99 latency (ms), errors. Bounded: 127.0.0.1
only, a fixed number of requests, the server stopped at the end. Every decision is logged (and
fsynced, in groups) to a temporary decision log, as in service.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ALLOCATOR = str(Path(sys.executable).with_name("allocator"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cases(count: int, seed: int) -> list[bytes]:
    """`count` request bodies of random cases, few repeated (the domain has 25 million)."""
    sys.path.insert(0, str(ROOT))
    from allocator.load.policy import load_policy

    vocabulary = load_policy().vocabulary
    rnd = random.Random(seed)
    ids = {
        name: vocabulary.ids(name) for name in ("topics", "locations", "actors", "targets", "flags")
    }
    bodies = []
    for _ in range(count):
        case = {
            "topic": rnd.choice(ids["topics"]),
            "location": rnd.choice(ids["locations"]),
            "actor": rnd.choice(ids["actors"]),
            "target": rnd.choice(ids["targets"]),
            "flags": rnd.sample(ids["flags"], rnd.randint(0, 3)),
        }
        bodies.append(json.dumps(case).encode())
    return bodies


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _connection(
    port: int, queue: list[bytes], latencies: list[float], errors: list[str]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while queue:
            body = queue.pop()
            request = (
                b"POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nContent-Length: "
                + str(len(body)).encode()
                + b"\r\n\r\n"
                + body
            )
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            payload = await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            if not head.startswith(b"HTTP/1.1 200"):
                errors.append(head.split(b"\r\n", 1)[0].decode() + " " + payload[:200].decode())
            elif b'"ruleset"' not in payload:
                errors.append("answer without a rule set")
    finally:
        writer.close()


async def _load(port: int, bodies: list[bytes], concurrency: int) -> dict[str, Any]:
    queue = list(bodies)
    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    await asyncio.gather(*(_connection(port, queue, latencies, errors) for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "decisions_per_s": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "errors": len(errors),
        "first_errors": errors[:3],
    }


def run(workers: int, requests: int, concurrency: int, seed: int = 20261201) -> dict[str, Any]:
    """Start the service, warm it up, load it, stop it; the figures."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="allocator-bench-") as tmp:
        log = Path(tmp) / "decisions.jsonl"
        server = subprocess.Popen(
            [
                ALLOCATOR,
                "serve",
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--watch",
                "0",
                "--log",
                str(log),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2):
                        break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            f"the server did not start: {server.stderr.read() if server.stderr else ''}"
                        ) from None
                    time.sleep(0.05)
            # warm-up: every worker imports, compiles and reaches a steady state (other cases)
            asyncio.run(_load(port, cases(2_000, seed + 1), concurrency))
            figures = asyncio.run(_load(port, cases(requests, seed), concurrency))
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        logged = sum(1 for _ in log.open()) if log.exists() else 0
    figures.update(
        {
            "workers": workers,
            "concurrency": concurrency,
            "logged": logged,
            "cpus": os.cpu_count(),
        }
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    print(json.dumps(run(args.workers, args.requests, args.concurrency), indent=2))


if __name__ == "__main__":
    main()
