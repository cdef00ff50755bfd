"""Memory stays flat: 100,000 decisions through the engine, one session each, well past the 1024 cap."""

from __future__ import annotations

import gc
import itertools
import os

import pytest

from allocator.desk.service import Allocator

LIMIT_MB = 10.0
DECISIONS = 100_000


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs Linux /proc")
def test_100k_decisions_grow_memory_by_less_than_10_mb(shipped: Allocator) -> None:
    vocabulary = shipped.policy.vocabulary
    cases = [
        shipped.case({"topic": topic, "location": location, "actor": actor, "flags": flags})
        for topic, location, actor, flags in itertools.product(
            vocabulary.ids("topics"),
            vocabulary.ids("locations"),
            vocabulary.ids("actors"),
            [(), ("imminent",)],
        )
    ]
    stream = itertools.cycle(cases)
    for _ in range(5_000):  # warm up caches and allocator pools
        shipped.decide(next(stream))
    gc.collect()
    before = rss_mb()
    for _ in range(DECISIONS):
        shipped.decide(next(stream))
    gc.collect()
    growth = rss_mb() - before
    print(f"memory growth over {DECISIONS} decisions: {growth:.2f} MB")
    assert growth < LIMIT_MB
