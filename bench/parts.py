"""Where the time of one decision goes: each part timed on its own, over cases never seen before.

`bench_parts(count)` decides `count` generated cases (bench/run.py's `generated_cases`, seed 1, the
workload of `decision_p50_us`) with the shipped rules compiled afresh, no decision remembered, and
returns the median (µs) of each part:

- `part_validate_us`: the case checked against the vocabulary (`plain_case`, else `make_case`);
- `part_assert_us`: the facts the engine is given, built and asserted: the case fact (whose
  assertion creates the case's session in durable_rules: the largest share), one stage fact per
  stage that negates a derived fact, and the session deleted afterwards. durable_rules' assertion
  and firing are separate calls: `assert_fact` matches the fact (alpha and beta network) and
  queues the activations; the actions run when they are started;
- `part_fire_us`: the actions run (`start_action_for_state`, `complete_and_start_action`, and what
  allocator does in them: recording the hits, and asserting each derived fact, whose matching
  therefore counts here);
- `part_resolve_us`: the hits made a Decision (`engine.resolve`);
- `part_render_json_us`: `Decision.as_json()` and its JSON text (compact, as batch and the service
  write it);
- `part_render_text_us`: the text for a person (`render.text.decision_text`, English);
- `part_total_us`: one decision as `Allocator.decide` makes it: validation, assertion, firing and
  resolution of the same case, timed as one (rendering excluded, as in `decision_p50_us`).

Beside them: `part_assert_case_us` (the case fact alone: building it, the session's creation and
its matching), `part_delete_us` (the session's deletion, inside `part_assert_us`) and
`part_decide_us` (`Allocator.decide` itself, timed without the instruments, in a second pass).
Medians of separate parts do not add up exactly to the median of the whole.

Run: `.venv/bin/python bench/parts.py [--count N] [--repeat R]` (the median of R runs).
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

KEYS = (
    "part_validate_us",
    "part_assert_us",
    "part_fire_us",
    "part_resolve_us",
    "part_render_json_us",
    "part_render_text_us",
    "part_total_us",
    "part_assert_case_us",
    "part_delete_us",
    "part_decide_us",
)


def _generated_cases(count: int) -> list[dict[str, Any]]:
    """bench/run.py's workload (imported, not copied: one definition of the cases)."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    run = importlib.import_module("run")
    cases: list[dict[str, Any]] = run.generated_cases(count, seed=1)
    return cases


def _median_us(values: list[float]) -> float:
    return statistics.median(values) * 1e6


def bench_parts(count: int) -> dict[str, float]:
    """The median (µs) of each part of one decision over `count` unseen cases (see the module)."""
    from allocator.desk.service import Allocator
    from allocator.engine.resolve import resolve
    from allocator.model import plain_case
    from allocator.render.text import decision_text

    allocator = Allocator.from_directory(cache=False)
    snapshot = allocator.snapshot()
    policy, engine = snapshot.policy, snapshot.engine
    vocabulary = policy.vocabulary
    cases = _generated_cases(count)
    for data in cases[: min(500, count)]:  # warm up, as bench_decisions does
        allocator.decide(data)

    clock = time.perf_counter
    parts: dict[str, list[float]] = {key: [] for key in KEYS}
    decisions = []
    for data in cases:
        laps: list[float] = []
        started = clock()
        case = plain_case(vocabulary, data) or allocator.case(data)
        validated = clock()
        matches = engine.match(case, laps)
        matched = clock()
        decisions.append(resolve(policy, case, matches.fired, matches.facts))
        resolved = clock()
        # laps: the session's start, then each assertion and the firing it led to, then the
        # session deleted: intervals alternate assert, fire, assert, fire, ..., delete.
        intervals = [after - before for before, after in itertools.pairwise(laps)]
        parts["part_validate_us"].append(validated - started)
        parts["part_assert_us"].append(sum(intervals[0::2]))
        parts["part_fire_us"].append(sum(intervals[1::2]))
        parts["part_assert_case_us"].append(intervals[0])
        parts["part_delete_us"].append(intervals[-1])
        parts["part_resolve_us"].append(resolved - matched)
        parts["part_total_us"].append(resolved - started)
    # Rendering in passes of its own: interleaved, it evicts the engine from the CPU's caches
    # and the decision parts come out slower than a decision alone is.
    for decision in decisions:
        started = clock()
        json.dumps(decision.as_json(), ensure_ascii=False, separators=(",", ":"))
        parts["part_render_json_us"].append(clock() - started)
    for decision in decisions:
        started = clock()
        decision_text(decision, policy, "en")
        parts["part_render_text_us"].append(clock() - started)
    for data in cases:
        started = clock()
        allocator.decide(data)
        parts["part_decide_us"].append(clock() - started)
    allocator.close()
    return {key: _median_us(values) for key, values in parts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000, help="cases per run (20,000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs; the median of each part")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    runs = [bench_parts(args.count) for _ in range(args.repeat)]
    figures = {key: statistics.median(run[key] for run in runs) for key in KEYS}
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    width = max(len(key) for key in KEYS)
    print(f"median over {args.count:,} unseen cases, {args.repeat} run(s)")
    for key in KEYS:
        print(f"{key:<{width}}  {figures[key]:8.1f} µs")


if __name__ == "__main__":
    main()
