"""`allocator batch --jobs N`: the lines decided in N worker processes, with the very output,
decision log, summary and exit status of one process; a slow producer still gets each answer at
once; SIGTERM, a closed pipe, a failing log or a failing worker stop the batch cleanly, with every
decision delivered in the log and no worker process left behind."""

from __future__ import annotations

import csv
import fcntl
import io
import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from allocator.desk.batch import Writer, run_batch
from allocator.desk.parallel import ParallelBatch, WorkerFailed, _Pool, _Setup
from allocator.desk.service import Allocator
from allocator.load.policy import load_policy
from allocator.testing import run_cli
from tests.helpers import SHIPPED

EXE = str(Path(sys.executable).with_name("allocator"))
ENV = {**os.environ, "ALLOCATOR_LANG": "en"}


def random_cases(count: int, seed: int) -> list[dict[str, Any]]:
    """Cases as a duty desk sees them (any topic, location, actor; a target, flags, an id or a
    reference now and then): nearly all of them new to a batch."""
    vocabulary = load_policy(SHIPPED).vocabulary
    rnd = random.Random(seed)
    cases = []
    for index in range(count):
        case: dict[str, Any] = {
            key: rnd.choice(vocabulary.ids(kind))
            for key, kind in (("topic", "topics"), ("location", "locations"), ("actor", "actors"))
        }
        if rnd.random() < 0.3:
            case["target"] = rnd.choice(vocabulary.ids("targets"))
        flags = [flag for flag in vocabulary.ids("flags") if rnd.random() < 0.1]
        if flags:
            case["flags"] = flags
        if rnd.random() < 0.5:
            case["id"] = f"case-{index}" if rnd.random() < 0.8 else index
        if rnd.random() < 0.2:
            case["ref"] = f"REF/{index}"
        cases.append(case)
    return cases


#: Lines that are not valid cases, each an error record (or, for the blank one, nothing).
BAD_JSON = [
    '{"topic": "terrorism", "location": ',
    '{"topic": "terrorisme", "location": "belgium", "actor": "lone-actor", "id": "typo"}',
    '{"topic": "espionage", "topic": "terrorism", "location": "belgium", "actor": "lone-actor"}',
    '{"topic": ["terrorism"], "location": "belgium", "actor": "lone-actor"}',
    '{"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "id": NaN}',
    "[1, 2]",
    "   ",
]
TOO_LONG = '{"topic": "terrorism", "id": "' + "x" * 1_000_001 + '"}'


def jsonl_input(count: int, seed: int) -> str:
    rnd = random.Random(seed)
    lines = [json.dumps(case) for case in random_cases(count, seed)]
    for bad in BAD_JSON * 4:
        lines.insert(rnd.randrange(len(lines)), bad)
    lines.insert(len(lines) // 2, TOO_LONG)
    return "\n".join(lines) + "\n"


def csv_input(count: int, seed: int) -> str:
    rnd = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["topic", "location", "actor", "target", "flags", "id", "ref"])
    rows = [
        [
            case["topic"],
            case["location"],
            case["actor"],
            case.get("target", ""),
            ";".join(case.get("flags", [])),
            case.get("id", ""),
            case.get("ref", ""),
        ]
        for case in random_cases(count, seed)
    ]
    for bad in (
        ["terrorisme", "belgium", "lone-actor", "", "", "typo", ""],
        ["terrorism", "belgium"],
        ["terrorism", "belgium", "lone-actor", "", "imminent|nope", "", "REF\x07"],
    ) * 4:
        rows.insert(rnd.randrange(len(rows)), bad)
    writer.writerows(rows)
    lines = buffer.getvalue().splitlines(keepends=True)
    lines.insert(len(lines) // 2, "terrorism,belgium,lone-actor,,," + "x" * 1_000_001 + ",\n")
    lines.insert(len(lines) // 3, "terrorism,belgium,lone\x00actor,,,nul,\n")
    return "".join(lines)


def batch(source: Path, log: Path, jobs: int, *args: str) -> tuple[bytes, str, int]:
    """`allocator batch` on a file (--jobs 1 in this process, others in a process of their own):
    its output, standard error and exit status."""
    out = source.with_suffix(f".{jobs}.out")
    command = ["batch", str(source), "--output", str(out), "--log", str(log), "--jobs", str(jobs)]
    if jobs == 1:
        result = run_cli([*command, *args], {"ALLOCATOR_LANG": "en"})
        return out.read_bytes(), result.stderr, result.exit_code
    process = subprocess.run(
        [EXE, *command, *args], capture_output=True, text=True, env=ENV, timeout=120
    )
    return out.read_bytes(), process.stderr, process.returncode


def records(log: Path) -> list[dict[str, Any]]:
    """The log's records in order, without their time (the one thing --jobs may change)."""
    return _timeless(log.read_text().splitlines())


def without_timing(stderr: str) -> str:
    """The summary without its seconds and cases per second."""
    return "\n".join(line.rsplit(";", 1)[0] for line in stderr.splitlines())


def assert_same_as_one_job(source: Path, tmp_path: Path, *args: str) -> None:
    one = batch(source, tmp_path / "log.1.jsonl", 1, *args)
    assert one[2] == 2, one[1]  # the bad lines are error records
    for jobs in (2, 3):
        log = tmp_path / f"log.{jobs}.jsonl"
        out, stderr, status = batch(source, log, jobs, *args)
        assert status == one[2], stderr
        assert out == one[0]
        assert without_timing(stderr) == without_timing(one[1])
        assert records(log) == records(tmp_path / "log.1.jsonl")


@pytest.mark.slow
def test_json_lines_out_of_two_or_three_workers_are_those_of_one_process(tmp_path: Path) -> None:
    source = tmp_path / "cases.jsonl"
    source.write_text(jsonl_input(2000, seed=1))
    assert_same_as_one_job(source, tmp_path)
    first = json.loads(source.with_suffix(".2.out").read_text().splitlines()[0])
    assert first["line"] == 1


@pytest.mark.slow
def test_csv_with_labels_out_of_two_or_three_workers_is_that_of_one_process(
    tmp_path: Path,
) -> None:
    source = tmp_path / "cases.csv"
    source.write_text(csv_input(2000, seed=2))
    assert_same_as_one_job(source, tmp_path, "--format", "csv", "--labels", "--lang", "fr")
    text = source.with_suffix(".2.out").read_text()
    assert text.startswith("ligne,")
    assert "line-too-long" in text
    assert "invalid-csv" in text


# --------------------------------------------------------------------------- in this process


#: Forking from pytest, which may run a timer thread of an earlier test: harmless here (no such
#: thread touches the engine), and Python 3.12+ warns about it.
FORK_FROM_PYTEST = pytest.mark.filterwarnings(
    "ignore:This process .* is multi-threaded:DeprecationWarning"
)


def lines_of(count: int, seed: int) -> list[str]:
    return [json.dumps(case) + "\n" for case in random_cases(count, seed)]


@pytest.mark.parametrize(
    ("text", "fmt", "lang"),
    [(jsonl_input(1000, seed=3), "jsonl", "en"), (csv_input(1000, seed=4), "csv", "nl")],
    ids=["jsonl", "csv-labels"],
)
@pytest.mark.parametrize("method", ["fork", "spawn"])
@FORK_FROM_PYTEST
def test_the_workers_decide_every_chunk_as_this_process_would(
    text: str, fmt: str, lang: str, method: str
) -> None:
    """Every chunk decided by a worker (none here while they start), forked or spawned: the
    output and the log records (but their time) are those of one process, bad lines included."""
    lines = text.splitlines(keepends=True)
    logged: dict[str, list[str]] = {"one": [], "workers": []}
    with Allocator.from_directory(SHIPPED) as allocator:
        labels = allocator.policy.vocabulary if fmt == "csv" else None
        alone = io.BytesIO()
        one = run_batch(
            allocator,
            lines,
            Writer(fmt, labels, lang),
            alone,
            lang=lang,
            log=_collect(logged["one"]),
        )
        shared = io.BytesIO()
        workers = ParallelBatch(
            allocator,
            Writer(fmt, labels, lang),
            shared,
            lang=lang,
            log=_collect(logged["workers"]),
            jobs=2,
            help_while_starting=False,
            method=method,
        )
        summary = workers.run(lines)
    assert workers.handed_out >= summary.total / 256  # every chunk went to a worker
    assert (summary.total, summary.invalid, summary.logged) == (one.total, one.invalid, one.logged)
    assert summary.invalid > 0
    assert shared.getvalue() == alone.getvalue()
    assert _timeless(logged["workers"]) == _timeless(logged["one"])


def test_a_small_input_starts_no_worker() -> None:
    with Allocator.from_directory(SHIPPED) as allocator:
        out = io.BytesIO()
        batch = ParallelBatch(allocator, Writer("jsonl"), out, jobs=4)
        summary = batch.run(lines_of(300, seed=4))
    assert batch._pool is None
    assert summary.total == 300 == len(out.getvalue().splitlines())


@pytest.mark.parametrize("method", ["fork", "spawn"])
@FORK_FROM_PYTEST
def test_a_worker_holding_another_rule_set_stops_the_batch(method: str) -> None:
    policy = load_policy(SHIPPED)
    pool = _Pool(
        1,
        _Setup("jsonl", False, "en", False, True),
        policy,
        "sha256:not-the-one-loaded",
        "en",
        method,
    )
    try:
        with pytest.raises(WorkerFailed) as failed:
            pool.wait_for_news(None)
    finally:
        pool.stop(graceful=False)
    assert f"holds another rule set, {policy.fingerprint}, than" in failed.value.reason
    assert multiprocessing.active_children() == []


def test_jobs_is_a_whole_number_from_one() -> None:
    result = run_cli(["batch", "--jobs", "0", "--no-log"], {"ALLOCATOR_LANG": "en"}, input="")
    assert result.exit_code == 2
    assert "--jobs" in result.stderr
    assert "--jobs N" in run_cli(["batch", "--help"]).stdout


def _collect(into: list[str]) -> Any:
    def log(entries: list[str]) -> int:
        into.extend(entries)
        return len(entries)

    return log


def _timeless(entries: list[str]) -> list[dict[str, Any]]:
    found = []
    for entry in entries:
        record = json.loads(entry)
        del record["time"]
        found.append(record)
    return found


# --------------------------------------------------------------------------- stopping


def session(pid: int) -> list[tuple[int, str]]:
    """The live processes of the session `pid` leads (its workers among them): pid, command."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == pid and fields[0] != "Z":
            found.append((int(entry.name), command))
    return found


def workers_of(pid: int) -> list[int]:
    """The batch's workers: its children (forked, they run its command line), not spawn's helper."""
    found = []
    for child, command in session(pid):
        try:
            parent = int(
                (Path("/proc") / str(child) / "stat").read_text().rsplit(")", 1)[1].split()[1]
            )
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid and "resource_tracker" not in command:
            found.append(child)
    return found


def assert_nothing_left(pid: int) -> None:
    """No process of the batch's session is left (a worker, or multiprocessing's helper)."""
    deadline = time.monotonic() + 10
    while session(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert session(pid) == []


def start(log: Path, *args: str) -> subprocess.Popen[bytes]:
    """`allocator batch --jobs 2` reading standard input, in a session of its own."""
    process = subprocess.Popen(
        [EXE, "batch", "--log", str(log), "--jobs", "2", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        start_new_session=True,
    )
    timer = threading.Timer(60, process.kill)  # a test waiting on it fails, never hangs
    timer.daemon = True
    timer.start()
    assert process.stdin is not None
    # Room for a whole burst: what is written at once is in the pipe at once, so the batch never
    # finds it empty in the middle of a burst (and so starts its workers).
    fcntl.fcntl(process.stdin.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
    return process


def feed(process: subprocess.Popen[bytes], lines: list[str]) -> list[Any]:
    """Write `lines` at once and read their answers as they come."""
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write("".join(lines).encode())
    process.stdin.flush()
    return [json.loads(process.stdout.readline()) for _ in lines]


def case_key(case: dict[str, Any]) -> str:
    return "|".join(str(case.get(k)) for k in ("topic", "location", "actor", "target", "flags"))


def logged_keys(log: Path) -> list[str]:
    if not log.exists():
        return []
    return [case_key(json.loads(line)["case"]) for line in log.read_text().splitlines()]


def test_sigterm_while_the_input_is_slow_stops_cleanly_leaving_no_worker(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    lines = lines_of(1503, seed=5)
    with start(log) as process:
        delivered = feed(process, lines[:1500])  # answered before the input waits
        workers = workers_of(process.pid)
        assert len(workers) == 2
        for line in lines[1500:]:  # then one at a time: each answered at once
            delivered += feed(process, [line])
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=60)
    assert process.returncode == 143, err
    assert [d["line"] for d in delivered] == list(range(1, 1504))
    assert logged_keys(log) == [case_key(d["case"]) for d in delivered]
    text = err.decode()
    assert "interrupted by SIGTERM after line 1503: 1,503 decisions given, 1,503 logged" in text
    assert "Traceback" not in text
    assert_nothing_left(process.pid)


def test_a_closed_pipe_stops_quietly_with_everything_delivered_logged(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    source = tmp_path / "cases.jsonl"
    source.write_text("".join(lines_of(5000, seed=6)))
    with subprocess.Popen(
        [EXE, "batch", str(source), "--log", str(log), "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        start_new_session=True,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        delivered = [case_key(json.loads(process.stdout.readline())["case"]) for _ in range(20)]
        process.stdout.close()  # what `head -20` does
        err = process.stderr.read().decode()
        process.wait(timeout=60)
    assert process.returncode == 141, err
    assert err == ""
    logged = logged_keys(log)
    assert logged[:20] == delivered
    assert len(logged) < 5000
    assert_nothing_left(process.pid)


def test_a_log_that_cannot_be_written_withholds_the_decisions(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    source = tmp_path / "cases.jsonl"
    source.write_text("".join(lines_of(1500, seed=7)))
    with subprocess.Popen(
        [EXE, "batch", str(source), "--log", str(blocker / "log.jsonl"), "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        start_new_session=True,
    ) as process:
        out, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert out == b""  # no decision delivered that is not in the log
    assert "cannot write to the decision log" in err.decode()
    assert "0 decisions given and logged" in err.decode()
    assert_nothing_left(process.pid)


def test_workers_end_when_the_batch_is_killed(tmp_path: Path) -> None:
    """kill -9 leaves the batch no say: its workers end because their input closes, which it
    does only if no worker holds the batch's end of a pipe (a forked worker closes those)."""
    log = tmp_path / "log.jsonl"
    with start(log) as process:
        feed(process, lines_of(1000, seed=9))
        workers = workers_of(process.pid)
        assert len(workers) == 2
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert_nothing_left(process.pid)


def test_a_worker_that_dies_stops_the_batch_with_what_was_logged_delivered(
    tmp_path: Path,
) -> None:
    log = tmp_path / "log.jsonl"
    lines = lines_of(3000, seed=8)
    with start(log) as process:
        delivered = feed(process, lines[:1000])
        workers = workers_of(process.pid)
        os.kill(workers[0], signal.SIGKILL)
        out, err = process.communicate("".join(lines[1000:]).encode(), timeout=60)
    assert process.returncode == 1, err
    delivered += [json.loads(line) for line in out.decode().splitlines()]
    assert logged_keys(log) == [case_key(d["case"]) for d in delivered]
    assert len(delivered) < 3000
    assert "a worker process failed: it was stopped by SIGKILL" in err.decode()
    assert_nothing_left(process.pid)
