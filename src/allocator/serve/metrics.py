"""The service's Prometheus metrics, at GET /metrics.

With several workers, `allocator serve` points $PROMETHEUS_MULTIPROC_DIR at a directory of its
own before the workers start: each worker writes its values there and /metrics, whichever worker
answers it, adds them up (prometheus_client's multiprocess mode).
"""

from __future__ import annotations

import functools
import os
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

# The *_created series say nothing an operator needs.
disable_created_metrics()  # type: ignore[no-untyped-call]

#: Request latency buckets (seconds): a decision takes a fraction of a millisecond; a batch more.
BUCKETS = (0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0)

DECISIONS = Counter(
    "allocator_decisions",
    "Decisions given, by outcome (decided, gap, conflict) and lead (adiv, vsse, none, or empty).",
    ["outcome", "lead"],
)
REJECTED = Counter(
    "allocator_rejected_requests",
    "Requests refused, by reason (invalid-case, unauthorized, too-large, log-failed, ...).",
    ["reason"],
)
LATENCY = Histogram(
    "allocator_request_duration_seconds",
    "Time from request to answer, by endpoint.",
    ["endpoint"],
    buckets=BUCKETS,
)
RELOADS = Counter(
    "allocator_ruleset_reloads",
    "Reloads of the rule set, by result (ok: the new set is in force; failed: the old one stays).",
    ["result"],
)


@functools.cache
def decided(outcome: str, lead: str) -> Any:
    """The counter of one outcome and lead (looked up once: labels() takes a lock each time)."""
    return DECISIONS.labels(outcome, lead)


@functools.cache
def latency(endpoint: str) -> Any:
    return LATENCY.labels(endpoint)


def exposition() -> tuple[bytes, str]:
    """The metrics as Prometheus text, and its content type."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=directory)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
