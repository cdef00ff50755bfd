"""`allocator serve`: the decision service over HTTP, and the duty-desk page at `/`."""

from __future__ import annotations

from pathlib import Path

import click

from allocator.cli.options import log_path_option, rules_option
from allocator.errors import ArgumentError
from allocator.load.files import default_rules_dir
from allocator.load.policy import load_policy


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8080,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes sharing the port (each with its own engine; 2 on a 2-core machine).",
)
@rules_option
@click.option(
    "--token-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Require a bearer token: one `user token` pair per line (tokens of 16 characters or "
    "more; the file readable by its owner only). The user is recorded with every decision.",
)
@click.option(
    "--insecure",
    is_flag=True,
    help="Listen on an address other than loopback without tokens (anyone who reaches it may ask).",
)
@log_path_option(
    "Decision log to append to (default: decisions.jsonl in the user's data directory)."
)
@click.option(
    "--watch",
    "watch_interval",
    type=click.FloatRange(0, 3600),
    default=2.0,
    show_default=True,
    help="Seconds between checks of the rule files (a change is reloaded); 0: only on SIGHUP.",
)
@click.option(
    "--max-batch-bytes",
    type=click.IntRange(1024, 1 << 30),
    default=16 * 1024 * 1024,
    show_default=True,
    help="Largest body of POST /v1/decisions:batch.",
)
def serve(
    host: str,
    port: int,
    workers: int,
    rules_dir: Path | None,
    token_file: Path | None,
    insecure: bool,
    log_path: Path | None,
    watch_interval: float,
    max_batch_bytes: int,
) -> None:
    """Answer decisions over HTTP (POST /v1/decisions, /v1/decisions:batch), with the duty-desk
    page at / and GET /v1/vocabulary, /v1/rules, /healthz, /readyz, /metrics.

    The rules are loaded and compiled before the service starts (exit 3 if they are invalid). On
    SIGHUP, and when a rule file changes, they are loaded again: the new rule set takes over only
    once it loads and compiles completely; otherwise the one in force stays (GET /readyz says why).
    Every decision goes to the decision log with its request id, case reference and user.

    Listens on 127.0.0.1 unless --host says otherwise; another address needs --token-file (or
    --insecure). Stop with SIGTERM or Ctrl-C.
    """
    from allocator.serve.run import Options, check_exposure
    from allocator.serve.run import serve as run
    from allocator.serve.service import Tokens

    tokens = Tokens.read(token_file) if token_file is not None else None
    check_exposure(host, tokens, insecure)
    directory = rules_dir or default_rules_dir()
    load_policy(directory)  # invalid rules stop here, before any port is opened (exit 3)
    if port == 0 and workers > 1:
        raise ArgumentError("serve-port-zero-workers")
    status = run(
        Options(
            host=host,
            port=port,
            rules_dir=directory,
            workers=workers,
            tokens=tokens,
            log_path=log_path,
            watch_interval=watch_interval,
            max_body=64 * 1024,
            max_batch_body=max_batch_bytes,
        )
    )
    raise click.exceptions.Exit(status)
