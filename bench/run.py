"""allocator's benchmark: one table of figures and bench/results.json. Run with `make bench`.

Figures are medians (and p99 where it says so) because the machine is noisy; the reference
ratios (python -c pass, the plain-Python oracle) are measured in the same run.

Besides the shipped rules, `allocator check` and the engine's decisions are timed on generated
rule sets of 100, 500 and 2,000 rules over the shipped vocabulary (tests/rulegen.py: irregular,
valid, the same for every run). Each runs in a process of its own; a set the engine refuses (its
limits, allocator.limits) is reported as refused, with the reason, instead of failing the run.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXE = str(Path(sys.executable).with_name("allocator"))
if str(ROOT) not in sys.path:  # tests/rulegen.py, the generator of the rule sets timed here
    sys.path.insert(0, str(ROOT))
#: The goals, figure by figure: (comparison, bound).
TARGETS = {
    "decision_p50_us": ("<=", 100.0),
    "batch_jobs_cases_per_s": (">=", 10_000.0),
    "check_s": ("<=", 1.0),
    "cold_start_ratio": ("<=", 5.0),
    "cold_start_worst_ratio": ("<=", 5.0),
    "memory_growth_mb": ("<", 10.0),
    "service_2w_decisions_per_s": (">=", 2_000.0),
    "service_2w_p99_ms": ("<", 20.0),
}


def _compile_sources() -> None:
    """Bytecode for allocator's modules, as an installed package has it (pip compiles it on
    install): with PYTHONDONTWRITEBYTECODE set, an editable checkout would compile every module
    again at each start, and every new process would time the compiler."""
    import compileall

    compileall.compile_dir(str(ROOT / "src"), quiet=1)


def generated_cases(count: int, seed: int = 20261128) -> list[dict[str, Any]]:
    """Cases as a duty desk sees them: any topic, location and actor; a target in one case in
    three; each flag on about one case in ten."""
    from allocator.load.policy import load_policy

    vocabulary = load_policy().vocabulary
    rnd = random.Random(seed)
    targets = vocabulary.ids("targets")
    cases = []
    for _ in range(count):
        case: dict[str, Any] = {
            "topic": rnd.choice(vocabulary.ids("topics")),
            "location": rnd.choice(vocabulary.ids("locations")),
            "actor": rnd.choice(vocabulary.ids("actors")),
        }
        if rnd.random() < 1 / 3:
            case["target"] = rnd.choice(targets)
        flags = [flag for flag in vocabulary.ids("flags") if rnd.random() < 0.1]
        if flags:
            case["flags"] = flags
        cases.append(case)
    return cases


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_decisions(count: int) -> dict[str, float]:
    """In-process latency through durable_rules (no decision cache), and the oracle beside it."""
    from allocator.desk.service import Allocator
    from allocator.testing import oracle

    allocator = Allocator.from_directory(cache=False)
    cases = generated_cases(count, seed=1)
    for case in cases[:500]:
        allocator.decide(case)
    timings = []
    for case in cases:
        started = time.perf_counter()
        allocator.decide(case)
        timings.append(time.perf_counter() - started)
    oracle_timings = []
    for case in cases:
        started = time.perf_counter()
        oracle.decide(allocator.policy, case)
        oracle_timings.append(time.perf_counter() - started)
    return {
        "decision_p50_us": statistics.median(timings) * 1e6,
        "decision_p99_us": percentile(timings, 0.99) * 1e6,
        "oracle_p50_us": statistics.median(oracle_timings) * 1e6,
    }


def _run(args: list[str], **kwargs: Any) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, **kwargs)
    return time.perf_counter() - started


def _batch_help_has_jobs() -> bool:
    result = subprocess.run([EXE, "batch", "--help"], capture_output=True, text=True)
    return "--jobs" in result.stdout


def bench_batch(count: int) -> dict[str, float]:
    """`allocator batch` end to end, JSONL in and out, start-up and the decision log included;
    every case new to the process (no decision is stored between runs). With --jobs: one process
    and one per core."""
    jobs = _batch_help_has_jobs()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "cases.jsonl"
        source.write_text("".join(json.dumps(case) + "\n" for case in generated_cases(count)))
        env = {
            **os.environ,
            "ALLOCATOR_LOG": str(Path(tmp) / "log.jsonl"),
            "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
        }
        out = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
        base = [EXE, "batch", str(source), "--output", os.devnull]
        one = [*base, "--jobs", "1"] if jobs else base
        cold = _run(one, **out)  # the first run compiles the rules into the cache
        warm = statistics.median(_run(one, **out) for _ in range(3))
        no_cache = _run([*one, "--no-cache"], **out)
        found = {
            "batch_cases_per_s": count / warm,
            "batch_cold_cache_cases_per_s": count / cold,
            "batch_no_cache_cases_per_s": count / no_cache,
        }
        if jobs:
            cores = os.cpu_count() or 1
            parallel = statistics.median(
                _run([*base, "--jobs", str(cores)], **out) for _ in range(5)
            )
            found["batch_jobs_cases_per_s"] = count / parallel
            found["batch_jobs"] = cores
    return found


#: The parts of one decision measured by bench/parts.py, as the table names them.
PARTS = (
    ("validation", "part_validate_us"),
    ("assertion", "part_assert_us"),
    ("firing", "part_fire_us"),
    ("resolve", "part_resolve_us"),
    ("rendering JSON", "part_render_json_us"),
    ("rendering text", "part_render_text_us"),
    ("total", "part_total_us"),
)


def _parts(count: int) -> dict[str, float]:
    """Each part of a decision (bench/parts.py), when that module is there."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        parts = importlib.import_module("parts")
    except ImportError:
        return {}
    found: dict[str, float] = parts.bench_parts(count)
    return found


def bench_service(requests: int, concurrency: int = 32) -> dict[str, Any]:
    """`allocator serve` over HTTP on 127.0.0.1 (bench/http_load.py): keep-alive connections,
    cases never asked before, every decision logged; with 1 and 2 workers."""
    sys.path.insert(0, str(ROOT / "bench"))
    http_load = importlib.import_module("http_load")

    found: dict[str, Any] = {}
    for workers in (1, 2):
        figures = http_load.run(workers, requests, concurrency)
        key = f"service_{workers}w"
        found[f"{key}_decisions_per_s"] = figures["decisions_per_s"]
        found[f"{key}_p50_ms"] = figures["p50_ms"]
        found[f"{key}_p99_ms"] = figures["p99_ms"]
        found[f"{key}_errors"] = figures["errors"]
    found["service_requests"] = requests
    found["service_concurrency"] = concurrency
    return found


def bench_check(runs: int) -> dict[str, float]:
    times = [
        _run([EXE, "check"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(runs)
    ]
    return {"check_s": statistics.median(times)}


def bench_generated(sizes: tuple[int, ...], cases: int) -> dict[str, Any]:
    """`allocator check` end to end, and the engine's decisions, on generated rule sets."""
    from tests.rulegen import write_rule_set

    checks: dict[str, Any] = {}
    decisions: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            rules = write_rule_set(Path(tmp) / f"rules-{size}", size)
            env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache"), "ALLOCATOR_LANG": "en"}
            started = time.perf_counter()
            result = subprocess.run(
                [EXE, "check", "--rules", str(rules), "--format", "json"],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            seconds = time.perf_counter() - started
            try:
                summary = json.loads(result.stdout)["summary"]
                findings = len(json.loads(result.stdout)["findings"])
            except (ValueError, KeyError):
                summary, findings = {}, 0
            if summary.get("cases"):
                checks[str(size)] = {
                    "seconds": seconds,
                    "analysis_seconds": summary.get("seconds"),
                    "findings": findings,
                    "errors": summary.get("errors"),
                    "warnings": summary.get("warnings"),
                }
            else:  # not analysed: the rules were refused (by the engine's limits, say)
                checks[str(size)] = {"seconds": seconds, "refused": _reason(result)}
            decisions[str(size)] = _in_own_process(["--decide-worker", str(rules), str(cases)], env)
    return {"check_generated": checks, "decide_generated": decisions}


def _reason(result: subprocess.CompletedProcess[str]) -> str:
    """The first error a refused command printed (or how it ended)."""
    if result.returncode < 0:
        return f"ended by signal {-result.returncode}"
    try:
        problems = json.loads(result.stdout).get("problems", [])
        errors = [p["message"] for p in problems if p.get("severity") == "error"]
        if errors:
            return str(errors[0])
    except (ValueError, AttributeError):
        pass
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    return lines[0] if lines else f"exit {result.returncode}"


def _in_own_process(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run this script with `args` in a new process; a crash of the engine is reported, not fatal."""
    result = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, env=env, check=False
    )
    if result.returncode == 0:
        document: dict[str, Any] = json.loads(result.stdout)
        return document
    return {"refused": _reason(result), "crashed": True}


def decide_worker(rules: Path, count: int) -> dict[str, Any]:
    """Decide `count` generated cases under the rules of `rules` (no decision cache): p50 and p99,
    or why the rule set was refused."""
    from allocator.desk.service import Allocator
    from allocator.errors import AllocatorError
    from allocator.load.policy import load_policy

    try:
        policy = load_policy(rules, cache=False)
        allocator = Allocator(policy, cache=False)
    except AllocatorError as exc:
        return {"refused": exc.render().splitlines()[0]}
    cases = generated_cases(count, seed=3)
    try:
        for case in cases[: min(200, count)]:
            allocator.decide(case)
        timings = []
        for case in cases:
            started = time.perf_counter()
            allocator.decide(case)
            timings.append(time.perf_counter() - started)
    except AllocatorError as exc:
        return {"refused": exc.render().splitlines()[0]}
    finally:
        allocator.close()
    return {
        "decision_p50_us": statistics.median(timings) * 1e6,
        "decision_p99_us": percentile(timings, 0.99) * 1e6,
        "cases": count,
    }


def bench_cold_start(runs: int) -> dict[str, Any]:
    """`allocator decide` as a new process, each run right after a `python -c pass` (the machine
    this runs on changes speed from one minute to the next: a ratio is taken between two runs a
    few milliseconds apart, and the median of those ratios reported): a plain decision in text
    (English), the worst of text and JSON in NL, FR and EN, and a plain decision logged."""
    decide = [
        EXE,
        "decide",
        "--topic",
        "terrorism",
        "--location",
        "belgium",
        "--actor",
        "lone-actor",
        "--no-log",
    ]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    _run(decide, **quiet)  # the compiled rule set is written to the cache on the first run
    python = [sys.executable, "-c", "pass"]
    with tempfile.TemporaryDirectory() as tmp:  # as a duty officer runs it: the decision logged
        logged_env = {**os.environ, "ALLOCATOR_LOG": str(Path(tmp) / "log.jsonl")}
        variants: dict[str, tuple[list[str], dict[str, Any]]] = {"plain": (decide, quiet)}
        variants.update(
            {
                f"{fmt}-{lang}": ([*decide, "--format", fmt, "--lang", lang], quiet)
                for fmt in ("text", "json")
                for lang in ("en", "nl", "fr")
            }
        )
        variants["logged"] = (decide[:-1], {**quiet, "env": logged_env})
        reference: list[float] = []
        timed: dict[str, list[float]] = {name: [] for name in variants}
        ratios: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(runs):
            for name, (args, options) in variants.items():
                before = _run(python, **quiet)
                took = _run(args, **options)
                reference.append(before)
                timed[name].append(took)
                ratios[name].append(took / before)
    first = _run([*decide[:-1], "--flag", "imminent", "--no-log"], **quiet)
    ratio = {name: statistics.median(values) for name, values in ratios.items()}
    shown = [name for name in variants if name not in ("plain", "logged")]
    worst = max(shown, key=lambda name: ratio[name])
    return {
        "cold_start_ms": statistics.median(timed["plain"]) * 1e3,
        "python_start_ms": statistics.median(reference) * 1e3,
        "cold_start_ratio": ratio["plain"],
        "cold_start_variants_ms": {name: statistics.median(timed[name]) * 1e3 for name in shown},
        "cold_start_variants_ratio": {name: ratio[name] for name in shown},
        "cold_start_worst": worst,
        "cold_start_worst_ratio": ratio[worst],
        "cold_start_new_case_ms": first * 1e3,
        "cold_start_logged_ms": statistics.median(timed["logged"]) * 1e3,
        "cold_start_logged_ratio": ratio["logged"],
    }


def bench_memory(count: int) -> dict[str, float]:
    from allocator.desk.service import Allocator

    def rss_mb() -> float:
        with open(f"/proc/{os.getpid()}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    allocator = Allocator.from_directory(cache=False)
    cases = generated_cases(5_000, seed=2)
    for case in cases:
        allocator.decide(case)
    gc.collect()
    before = rss_mb()
    for index in range(count):
        allocator.decide(cases[index % len(cases)])
    gc.collect()
    return {"memory_growth_mb": rss_mb() - before}


def _generated_rows(results: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    def row(name: str, figures: dict[str, Any], shown: str) -> tuple[str, str, str | None]:
        return (name, f"refused: {figures['refused']}" if "refused" in figures else shown, None)

    rows = [
        row(
            f"allocator check, {int(size):,} generated rules",
            figures,
            f"{figures.get('seconds', 0):.2f} s ({figures.get('findings', 0):,} findings)",
        )
        for size, figures in results["check_generated"].items()
    ]
    rows += [
        row(
            f"decision p50 / p99, {int(size):,} generated rules",
            figures,
            f"{figures.get('decision_p50_us', 0):.0f} µs / {figures.get('decision_p99_us', 0):.0f} µs",
        )
        for size, figures in results["decide_generated"].items()
    ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller workloads, for a smoke test")
    parser.add_argument(
        "--decide-worker", nargs=2, metavar=("RULES", "COUNT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    _compile_sources()
    if args.decide_worker:
        rules, count = args.decide_worker
        print(json.dumps(decide_worker(Path(rules), int(count))))
        return
    scale = 10 if args.quick else 1
    results: dict[str, Any] = {}
    results.update(bench_decisions(20_000 // scale))
    results["decision_cases"] = 20_000 // scale
    results.update(_parts(20_000 // scale))
    results["oracle_ratio"] = results["oracle_p50_us"] / results["decision_p50_us"]
    results.update(bench_batch(10_000 // scale))
    results["batch_cases"] = 10_000 // scale
    results.update(bench_check(5 if not args.quick else 1))
    from tests.rulegen import SIZES

    results.update(bench_generated(SIZES, 3_000 // scale))
    results.update(bench_cold_start(21 if not args.quick else 5))
    results.update(bench_memory(100_000 // scale))
    results.update(bench_service(20_000 // scale))
    results["machine"] = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }
    results["quick"] = args.quick

    rows: list[tuple[str, str, str | None, str]] = [
        (
            "decision p50 / p99, in process, through durable_rules",
            f"{results['decision_p50_us']:.0f} µs / {results['decision_p99_us']:.0f} µs",
            "decision_p50_us",
            f"{results['decision_cases']:,} unseen cases, no decision cache",
        ),
        *[
            (f"  part: {name}", f"{results[key]:.1f} µs", None, "p50 per case (bench/parts.py)")
            for name, key in PARTS
            if key in results
        ],
        (
            "oracle p50 (plain Python, reference)",
            f"{results['oracle_p50_us']:.0f} µs (x{results['oracle_ratio']:.2f} of the engine)",
            None,
            "the same cases",
        ),
        (
            "batch, one process",
            f"{results['batch_cases_per_s']:,.0f} cases/s"
            f" (first run {results['batch_cold_cache_cases_per_s']:,.0f},"
            f" --no-cache {results['batch_no_cache_cases_per_s']:,.0f})",
            None,
            f"{results['batch_cases']:,} unseen cases, JSONL in and out, logged, end to end",
        ),
        *(
            [
                (
                    f"batch --jobs {results['batch_jobs']}",
                    f"{results['batch_jobs_cases_per_s']:,.0f} cases/s",
                    "batch_jobs_cases_per_s",
                    "the same",
                )
            ]
            if "batch_jobs_cases_per_s" in results
            else []
        ),
        (
            "allocator check --strict, shipped rules",
            f"{results['check_s']:.2f} s",
            "check_s",
            "end to end, a new process",
        ),
        *[
            (name, value, key, "generated rules (tests/rulegen.py)")
            for name, value, key in _generated_rows(results)
        ],
        (
            "decide cold start, text, English",
            f"{results['cold_start_ms']:.0f} ms = x{results['cold_start_ratio']:.1f}"
            f" python -c pass ({results['python_start_ms']:.0f} ms)",
            "cold_start_ratio",
            "a new process, compiled rules cached, --no-log; ratio: median of run/python pairs",
        ),
        (
            "decide cold start, worst of text/JSON x NL/FR/EN",
            f"{results['cold_start_variants_ms'][results['cold_start_worst']]:.0f} ms"
            f" ({results['cold_start_worst']}) = x{results['cold_start_worst_ratio']:.1f}",
            "cold_start_worst_ratio",
            "the same",
        ),
        (
            "decide cold start, logged",
            f"{results['cold_start_logged_ms']:.0f} ms = x{results['cold_start_logged_ratio']:.1f}",
            None,
            "the same, the decision written to a decision log (fsync)",
        ),
        (
            "decide cold start, a case not seen before",
            f"{results['cold_start_new_case_ms']:.0f} ms",
            None,
            "one run",
        ),
        *[
            (
                f"serve, {workers} worker{'s' if workers > 1 else ''}: decisions/s",
                f"{results[f'service_{workers}w_decisions_per_s']:,.0f}/s"
                f" ({results[f'service_{workers}w_errors']} errors)",
                "service_2w_decisions_per_s" if workers == 2 else None,
                f"{results['service_requests']:,} unseen cases over HTTP keep-alive,"
                f" concurrency {results['service_concurrency']}, logged",
            )
            for workers in (1, 2)
        ],
        *[
            (
                f"serve, {workers} worker{'s' if workers > 1 else ''}: latency p50 / p99",
                f"{results[f'service_{workers}w_p50_ms']:.1f} ms /"
                f" {results[f'service_{workers}w_p99_ms']:.1f} ms",
                "service_2w_p99_ms" if workers == 2 else None,
                "the same",
            )
            for workers in (1, 2)
        ],
        (
            "memory growth over 100,000 decisions",
            f"{results['memory_growth_mb']:.2f} MB",
            "memory_growth_mb",
            "one process",
        ),
    ]
    width = max(len(name) for name, _, _, _ in rows)
    value_width = max(len(value) for _, value, _, _ in rows)
    print(f"{'figure':<{width}}  {'value':<{value_width}}  goal           workload")
    for name, value, key, workload in rows:
        goal = ""
        if key is not None:
            op, bound = TARGETS[key]
            met = {
                "<=": results[key] <= bound,
                ">=": results[key] >= bound,
                "<": results[key] < bound,
            }[op]
            goal = f"{op} {bound:g} {'met' if met else 'NOT met'}"
        print(f"{name:<{width}}  {value:<{value_width}}  {goal:<13}  {workload}")
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
