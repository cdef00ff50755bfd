"""Run the service: uvicorn with one worker in this process, or several forked workers that share
one port (each its own socket with SO_REUSEPORT: the kernel spreads the connections).

Each worker loads and compiles the rules itself (after the fork: durable_rules' C state is never
shared), reloads them on SIGHUP and when a rule file changes, and appends to the same decision
log (appends are locked, so records never interleave). The supervisor forwards SIGHUP to every
worker, stops them all on SIGTERM or SIGINT, and starts a worker again if one dies.
"""

from __future__ import annotations

import contextlib
import gc
import ipaddress
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from allocator.errors import ArgumentError
from allocator.serve.service import Tokens, _say

#: Exit status when stopped by SIGINT, as a shell reports it.
EXIT_SIGINT = 130


@dataclass(frozen=True)
class Options:
    host: str
    port: int
    rules_dir: Path
    workers: int
    tokens: Tokens | None
    log_path: Path | None
    watch_interval: float
    max_body: int
    max_batch_body: int


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, tokens: Tokens | None, insecure: bool) -> None:
    """Refuse to answer anyone on the network without tokens, unless told `--insecure`."""
    if not is_loopback(host) and tokens is None and not insecure:
        raise ArgumentError("serve-open-without-tokens", host=host)


def _build(options: Options):  # type: ignore[no-untyped-def]
    """The service and its application, in the process that will serve them."""
    from allocator.desk.service import Allocator
    from allocator.serve import metrics
    from allocator.serve.app import create_app
    from allocator.serve.service import LogWriter, Service

    def counted(ok: bool, _detail: str) -> None:
        metrics.RELOADS.labels("ok" if ok else "failed").inc()

    service = Service(
        rules_dir=options.rules_dir,
        allocator=Allocator.from_directory(options.rules_dir),
        log=LogWriter(options.log_path),
        tokens=options.tokens,
        on_reload=counted,
    )
    return service, create_app(service, options.max_body, options.max_batch_body)


def _uvicorn_config(app: object, options: Options):  # type: ignore[no-untyped-def]
    import importlib.util

    import uvicorn

    fast = importlib.util.find_spec("httptools") is not None
    loop = "uvloop" if importlib.util.find_spec("uvloop") is not None else "asyncio"
    return uvicorn.Config(
        app,  # type: ignore[arg-type]
        host=options.host,
        port=options.port,
        http="httptools" if fast else "h11",
        loop=loop,
        lifespan="off",
        access_log=False,
        log_level="warning",
        server_header=False,
        proxy_headers=False,  # the client address is the peer's: no header may claim another
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,
        limit_concurrency=1024,
        h11_max_incomplete_event_size=16 * 1024,
    )


def run_worker(options: Options, sockets: list[socket.socket] | None = None) -> None:
    """Serve until SIGTERM or SIGINT, in this process."""
    import uvicorn

    service, app = _build(options)
    stop = threading.Event()

    def on_hup(_signum: int, _frame: object) -> None:
        threading.Thread(target=service.reload, args=("SIGHUP",), daemon=True).start()

    signal.signal(signal.SIGHUP, on_hup)
    if options.watch_interval > 0:
        threading.Thread(
            target=service.watch,
            args=(options.watch_interval, stop),
            name="allocator-watch",
            daemon=True,
        ).start()
    server = uvicorn.Server(_uvicorn_config(app, options))
    # What start-up built (the policy, the engine, FastAPI's routes) lives as long as the worker:
    # out of the collector's sight, its passes stay short, and so does the tail of the latency.
    gc.collect()
    gc.freeze()
    _say(
        f"serving http://{options.host}:{options.port} with rule set {service.fingerprint}"
        f" ({len(service.allocator.policy.rules)} rules from {options.rules_dir})"
    )
    try:
        server.run(sockets=sockets)
    finally:
        stop.set()
        if service.log is not None:
            service.log.close()
        service.allocator.close()


def serve(options: Options) -> int:
    """Run `options.workers` workers; return the exit status."""
    if options.workers <= 1:
        try:
            run_worker(options)
        except KeyboardInterrupt:
            return EXIT_SIGINT
        return 0
    return _supervise(options)


def _bind(options: Options, listen: bool) -> socket.socket:
    """A socket on the service's port with SO_REUSEPORT: each worker listens on its own, and the
    kernel spreads new connections over them (a shared socket would wake one worker for most).
    The supervisor's own socket only holds the port (it never listens, so it gets no connection)."""
    family = socket.AF_INET6 if ":" in options.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((options.host.strip("[]"), options.port))
    except OSError as exc:
        sock.close()
        raise ArgumentError(
            "serve-cannot-bind",
            host=options.host,
            port=options.port,
            reason=exc.strerror or str(exc),
        ) from None
    if listen:
        sock.listen(2048)
    return sock


def _supervise(options: Options) -> int:
    sock = _bind(options, listen=False)
    metrics_dir = tempfile.mkdtemp(prefix="allocator-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    children: dict[int, float] = {}
    stopping = False
    restarts: list[float] = []

    def spawn() -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            for sig in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT, signal.SIGCHLD):
                signal.signal(sig, signal.SIG_DFL)
            status = 0
            try:
                sock.close()
                run_worker(options, sockets=[_bind(options, listen=True)])
            except KeyboardInterrupt:
                status = EXIT_SIGINT
            except BaseException as exc:  # report, never a traceback on the operator's screen
                _say(f"worker failed: {type(exc).__name__}: {exc}")
                status = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(status)
        children[pid] = time.monotonic()

    def forward(signum: int, _frame: object) -> None:
        nonlocal stopping
        if signum in (signal.SIGTERM, signal.SIGINT):
            stopping = True
            signum = signal.SIGTERM
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)

    for sig in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, forward)
    try:
        for _ in range(options.workers):
            spawn()
        while children:
            try:
                pid, _status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            children.pop(pid, None)
            from prometheus_client import multiprocess

            multiprocess.mark_process_dead(pid, metrics_dir)  # type: ignore[no-untyped-call]
            if stopping:
                continue
            now = time.monotonic()
            restarts = [moment for moment in restarts if now - moment < 60] + [now]
            if len(restarts) > 5 * options.workers:
                _say("workers keep failing; stopping")
                forward(signal.SIGTERM, None)
                continue
            _say(f"worker {pid} stopped; starting another")
            spawn()
    finally:
        sock.close()
        shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0
