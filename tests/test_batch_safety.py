"""`allocator batch` never loses work: every line becomes a decision or an error record, every
decision delivered is in the decision log, an interrupted batch stops cleanly and says how far it
went, the output never clobbers the input, and what goes out is safe to open (strict JSON, CSV cells
a spreadsheet shows as text)."""

from __future__ import annotations

import csv
import io
import json
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

from allocator.load.policy import load_policy
from allocator.testing import run_cli
from tests.helpers import SHIPPED

EXE = str(Path(sys.executable).with_name("allocator"))
EN = {"ALLOCATOR_LANG": "en"}
GOOD = '{"topic": "terrorism", "location": "belgium", "actor": "lone-actor"}'
CASE = {"topic": "terrorism", "location": "belgium", "actor": "lone-actor"}


def strict(text: str) -> Any:
    """JSON as the standard defines it: NaN and Infinity are not JSON."""

    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def batch(*args: str, input: str, env: dict[str, str] | None = None) -> Any:
    return run_cli(["batch", *args], {**EN, **(env or {})}, input=input)


def distinct_cases(n: int) -> list[dict[str, Any]]:
    """`n` different valid cases (so that each log record tells which line it is)."""
    vocabulary = load_policy(SHIPPED).vocabulary
    found = []
    for topic in vocabulary.ids("topics"):
        for location in vocabulary.ids("locations"):
            for actor in vocabulary.ids("actors"):
                for target in vocabulary.ids("targets"):
                    found.append(
                        {"topic": topic, "location": location, "actor": actor, "target": target}
                    )
                    if len(found) == n:
                        return found
    raise AssertionError("not enough cases")


def lines_of(n: int) -> str:
    return "".join(
        json.dumps({**case, "id": f"case-{i}"}) + "\n" for i, case in enumerate(distinct_cases(n))
    )


def key(case: dict[str, Any]) -> str:
    return "|".join(str(case.get(k)) for k in ("topic", "location", "actor", "target"))


def log_keys(log: Path) -> list[str]:
    """The case of every record in the decision log, in order."""
    if not log.exists():
        return []
    return [key(json.loads(line)["case"]) for line in log.read_text().splitlines()]


def logged_cases(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


# --------------------------------------------------------------------------- every line a record

BAD_LINES = {
    # name: (line, error code)
    "list-for-an-id": (
        '{"topic": ["espionage"], "location": "belgium", "actor": "lone-actor"}',
        "invalid-type",
    ),
    "mapping-as-a-flag": (
        '{"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "flags": [{}]}',
        "invalid-type",
    ),
    "number-as-a-flag": (
        '{"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "flags": [1, "x"]}',
        "invalid-type",
    ),
    "number-for-an-id": (
        '{"topic": 5, "location": "belgium", "actor": "lone-actor"}',
        "invalid-type",
    ),
    "lone-surrogate-id": (
        '{"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "id": "\\ud800"}',
        "invalid-json",
    ),
    "lone-surrogate-value": (
        '{"topic": "terrorism\\udc00", "location": "belgium", "actor": "lone-actor"}',
        "invalid-json",
    ),
    "deeply-nested": ("[" * 100_000 + "]" * 100_000, "invalid-json"),
    "nested-id": (
        '{"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "id": '
        + "[" * 5000
        + "]" * 5000
        + "}",
        "invalid-json",
    ),
    "nan-id": (
        '{"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "id": NaN}',
        "invalid-json",
    ),
    "infinity-id": (
        '{"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "id": -Infinity}',
        "invalid-json",
    ),
    "overflowing-id": (
        '{"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "id": 1e999}',
        "invalid-json",
    ),
    "huge-integer-id": (
        '{"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "id": '
        + "9" * 5000
        + "}",
        "invalid-json",
    ),
    "mapping-id": (
        '{"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "id": {"a": 1}}',
        "invalid-id",
    ),
    "duplicate-key": (
        '{"topic": "espionage", "topic": "terrorism", "location": "belgium", "actor": "lone-actor"}',
        "invalid-json",
    ),
    "duplicate-nested-key": (
        '{"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "id": {"a": 1, "a": 2}}',
        "invalid-json",
    ),
}


@pytest.mark.parametrize("name", list(BAD_LINES))
def test_a_bad_line_is_an_error_record_and_the_batch_goes_on(name: str) -> None:
    """Issue, defect 5: one such line ended the batch with `internal error` (exit 1), the rest
    unprocessed; defect 8: NaN ids came out as invalid JSON, duplicate keys took the last value."""
    line, code = BAD_LINES[name]
    result = batch("--no-log", input=f"{GOOD}\n{line}\n{GOOD}\n")
    assert result.exit_code == 2, result.stderr
    records = [strict(text) for text in result.stdout.splitlines()]
    assert [r["line"] for r in records] == [1, 2, 3]
    assert records[1]["error"]["code"] == code
    assert "id" not in records[1] or isinstance(records[1]["id"], str)
    assert [records[0]["lead"], records[2]["lead"]] == ["vsse", "vsse"]
    assert "3 lines: 2 decided (VSSE: 2), 0 without a lead, 1 invalid" in result.stderr


def test_an_id_longer_than_200_characters_is_an_error_record(tmp_path: Path) -> None:
    """An id is echoed and logged with its decision: one of 1 MB would be in every copy."""
    log = tmp_path / "log.jsonl"
    longest, too_long = "x" * 200, "y" * 201
    lines = [json.dumps({**CASE, "id": ident}) for ident in (longest, too_long)]
    result = batch("--log", str(log), input="\n".join(lines) + "\n")
    assert result.exit_code == 2, result.stderr
    first, second = (json.loads(text) for text in result.stdout.splitlines())
    assert first["id"] == longest
    assert second == {
        "line": 2,
        "error": {
            "code": "invalid-id",
            "message": "`id` is 201 characters long; at most 200 are taken",
        },
    }
    assert [json.loads(text).get("id") for text in log.read_text().splitlines()] == [longest]
    rows = f"id,topic,location,actor\n{too_long},terrorism,belgium,lone-actor\n"
    result = batch("--no-log", "--format", "csv", input=rows)
    assert result.exit_code == 2
    assert too_long not in result.stdout
    assert "invalid-id: `id` is 201 characters long" in result.stdout


def test_whatever_the_lines_each_becomes_one_record() -> None:
    """Random JSON and random bytes: as many records as lines, never an internal error."""
    rnd = random.Random(8)
    atoms: list[Any] = [
        None,
        True,
        0,
        -1,
        2.5,
        "",
        "terrorism",
        "belgium",
        "lone-actor",
        "imminent",
        [],
        {},
    ]

    def value(depth: int = 0) -> Any:
        roll = rnd.random()
        if depth > 3 or roll < 0.5:
            return rnd.choice(atoms)
        if roll < 0.75:
            return [value(depth + 1) for _ in range(rnd.randint(0, 3))]
        return {
            rnd.choice(["topic", "location", "actor", "target", "flags", "id", "x"]): value(
                depth + 1
            )
            for _ in range(rnd.randint(0, 5))
        }

    lines = []
    for _ in range(300):
        kind = rnd.random()
        if kind < 0.6:
            case = {
                **CASE,
                **{
                    k: value()
                    for k in rnd.sample(["topic", "target", "flags", "id"], rnd.randint(0, 2))
                },
            }
            lines.append(json.dumps(case))
        elif kind < 0.8:
            lines.append(json.dumps(value()))
        else:
            lines.append(
                "".join(
                    chr(rnd.choice([rnd.randint(0x20, 0x7E), rnd.randint(0x80, 0x2FF)]))
                    for _ in range(rnd.randint(1, 40))
                )
            )
    lines = [line if line.strip() else "x" for line in lines]
    result = batch("--no-log", input="\n".join(lines) + "\n")
    assert result.exit_code in {0, 2, 4}, result.stderr
    records = [strict(text) for text in result.stdout.splitlines()]
    assert [r["line"] for r in records] == list(range(1, len(lines) + 1))


def test_a_line_the_engine_cannot_decide_is_an_error_record_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from allocator.desk.service import Allocator

    real = Allocator.answer

    def failing(self: Allocator, data: Any) -> Any:
        if data.get("target") == "defence":
            raise RuntimeError("boom")
        return real(self, data)

    monkeypatch.setattr(Allocator, "answer", failing)
    odd = json.dumps({**CASE, "target": "defence"})
    result = batch("--no-log", input=f"{GOOD}\n{odd}\n{GOOD}\n")
    assert result.exit_code == 1
    records = [strict(text) for text in result.stdout.splitlines()]
    assert [r["line"] for r in records] == [1, 2, 3]
    assert records[1]["error"]["code"] == "internal-error"
    assert "RuntimeError: boom" in records[1]["error"]["message"]
    assert "1 line could not be decided because of an internal error" in result.stderr


# --------------------------------------------------------------------------- CSV


def test_duplicate_csv_columns_are_error_records_with_line_numbers() -> None:
    """Issue, defect 8: a column given twice silently took the last value."""
    text = "topic,location,actor,topic\nespionage,belgium,lone-actor,terrorism\n\nterrorism,belgium,lone-actor,x\n"
    result = batch("--no-log", input=text)
    assert result.exit_code == 2
    records = [strict(line) for line in result.stdout.splitlines()]
    assert [(r["line"], r["error"]["code"]) for r in records] == [
        (1, "invalid-csv"),
        (2, "invalid-csv"),
        (4, "invalid-csv"),
    ]
    assert "topic given more than once" in records[0]["error"]["message"]
    assert "header (line 1) is invalid" in records[1]["error"]["message"]


def test_a_csv_header_after_blank_lines() -> None:
    result = batch("--no-log", input="\n\ntopic,location,actor\nterrorism,belgium,lone-actor\n")
    assert result.exit_code == 0, result.stdout
    assert strict(result.stdout)["line"] == 4


FORMULAS = ['=HYPERLINK("http://x")', "+1+cmd", "-2+3", "@SUM(A1)", "\x1b[31mred", "tab\there"]


def test_csv_output_neutralises_formulas_and_control_characters() -> None:
    """Issue, defect 8: the CSV id was echoed raw: escape codes, and formulas a spreadsheet runs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["topic", "location", "actor", "id"])
    for ident in FORMULAS:
        writer.writerow(["terrorism", "belgium", "lone-actor", ident])
    writer.writerow(["=cmd|' /C calc'!A0", "belgium", "lone-actor", "bad-topic"])
    result = batch("--no-log", "--format", "csv", input=buffer.getvalue())
    assert result.exit_code == 2
    assert "\x1b" not in result.stdout
    assert "\t" not in result.stdout
    rows = list(csv.reader(io.StringIO(result.stdout)))
    ids = [row[1] for row in rows[1:]]
    assert ids[:4] == ["'" + formula for formula in FORMULAS[:4]]
    assert ids[4] == "\\x1b[31mred"
    assert ids[5] == "tab\\x09here"
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


# --------------------------------------------------------------------------- the output never clobbers the input


def test_output_equal_to_the_input_is_a_usage_error(tmp_path: Path) -> None:
    """Issue, defect 5: `--output` equal to the input truncated the input and exited 0."""
    source = tmp_path / "cases.jsonl"
    content = lines_of(5)
    source.write_text(content)
    link = tmp_path / "link.jsonl"
    link.symlink_to(source.name)
    for args in (
        [str(source), "--output", str(source)],
        [str(link), "--output", str(source)],
        [str(source), "--output", str(link)],
    ):
        result = run_cli(["batch", "--no-log", *args], EN)
        assert result.exit_code == 2, result.stdout
        assert "is the input itself" in result.stderr
        assert source.read_text() == content
    with open(source, "rb") as stdin:  # `allocator batch --output cases.jsonl < cases.jsonl`
        process = subprocess.run(
            [EXE, "batch", "--no-log", "--output", str(source)],
            stdin=stdin,
            capture_output=True,
            text=True,
            env={**os.environ, **EN},
            timeout=60,
        )
    assert process.returncode == 2, process.stderr
    assert source.read_text() == content


def test_output_equal_to_the_decision_log_is_a_usage_error(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    log.write_text("")
    result = batch("--log", str(log), "--output", str(log), input=lines_of(2))
    assert result.exit_code == 2
    assert "is the decision log" in result.stderr


# --------------------------------------------------------------------------- bounded reading


@pytest.mark.slow
def test_a_huge_line_is_skipped_while_read_never_held_whole(tmp_path: Path) -> None:
    """Issue, defect 5: a 1.5 GB line was read whole before MAX_LINE was checked."""
    cache_dir = tmp_path / "cache"
    probe = (
        "import resource, sys\n"
        "from allocator.cli.group import main\n"
        "try:\n    main(sys.argv[1:])\n"
        "finally:\n"
        "    print('maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    env = {**os.environ, **EN, "ALLOCATOR_CACHE_DIR": str(cache_dir)}
    # The same process on one ordinary line, with the compiled rules already cached: the
    # baseline the huge line is measured against (a first run would also parse the rule files).
    subprocess.run(
        [sys.executable, "-c", probe, "batch", "--no-log"],
        input=GOOD.encode(),
        env=env,
        check=True,
        capture_output=True,
    )
    baseline = subprocess.run(
        [sys.executable, "-c", probe, "batch", "--no-log"],
        input=GOOD.encode(),
        env=env,
        check=True,
        capture_output=True,
    )
    baseline_kb = int(baseline.stderr.decode().rsplit("maxrss", 1)[1])
    with subprocess.Popen(
        [sys.executable, "-c", probe, "batch", "--no-log"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as process:
        megabytes = 200
        head = b'{"topic":"terrorism","location":"belgium","actor":"lone-actor","id":"'

        def feed() -> None:
            assert process.stdin is not None
            process.stdin.write(head)
            chunk = b"x" * (1 << 20)
            for _ in range(megabytes):
                process.stdin.write(chunk)
            process.stdin.write(b'"}\n' + GOOD.encode() + b"\n")
            process.stdin.close()

        feeder = threading.Thread(target=feed)
        feeder.start()
        assert process.stdout is not None
        assert process.stderr is not None
        out = process.stdout.read()
        err = process.stderr.read()
        process.wait(timeout=300)
        feeder.join()
    maxrss_kb = int(err.decode().rsplit("maxrss", 1)[1])
    # A 200 MB line read whole would add at least 200 MB; read in bounded pieces it adds little.
    assert maxrss_kb - baseline_kb < 64 * 1024, f"{maxrss_kb} kB against {baseline_kb} kB"
    assert process.returncode == 2, err
    records = [strict(line) for line in out.decode().splitlines()]
    assert records[0]["line"] == 1
    assert records[0]["error"]["code"] == "line-too-long"
    assert f"{len(head) + megabytes * (1 << 20) + 3:,} bytes" in records[0]["error"]["message"]
    assert records[1]["lead"] == "vsse"


def test_the_line_reader_skips_a_long_line_and_goes_on() -> None:
    from allocator.desk.batch import LineReader

    seen: list[int] = []
    data = b"\xef\xbb\xbfone\n" + b"x" * 50 + b"\nthree\nlast"
    reader = LineReader(io.BytesIO(data), limit=20, progress=seen.append)
    assert list(reader) == ["one\n", "\n", "three\n", "last"]
    assert reader.too_long == {2: 51}
    assert sum(seen) == len(data)


# --------------------------------------------------------------------------- the log before the output


def test_each_block_is_logged_before_it_is_written_out() -> None:
    from allocator.desk.batch import Writer, run_batch
    from allocator.desk.service import Allocator

    events: list[tuple[str, Any]] = []

    class Out(io.BytesIO):
        def write(self, data: Any) -> int:
            lines = bytes(data).decode().splitlines()
            events.append(("out", [json.loads(line)["id"] for line in lines if '"id"' in line]))
            return super().write(data)

    def log(records: list[str]) -> int:
        events.append(("log", [json.loads(r)["case"]["topic"] for r in records]))
        return len(records)

    lines = lines_of(700).splitlines(keepends=True)
    assert len({key(json.loads(line)) for line in lines}) == 700
    with Allocator.from_directory(SHIPPED) as allocator:
        summary = run_batch(allocator, lines, Writer("jsonl"), Out(), log=log)
    assert summary.logged == 700 == summary.decided
    logged = 0
    written = 0
    for kind, items in events:
        if kind == "log":
            logged += len(items)
        else:
            written += len(items)
            assert written <= logged  # nothing goes out before its log record is written
    assert written == 700
    assert max(len(items) for kind, items in events if kind == "log") <= 256


def test_a_log_that_cannot_be_written_withholds_the_decisions(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = batch("--log", str(blocker / "log.jsonl"), input=lines_of(3))
    assert result.exit_code == 1
    assert result.stdout == ""  # no decision delivered that is not in the log
    assert "cannot write to the decision log" in result.stderr
    assert "0 decisions given and logged" in result.stderr


def _popen(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [EXE, "batch", "--log", str(log), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **EN},
    )
    _watchdog(process)
    return process


def _watchdog(process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Kill `process` if it still runs after `seconds`: a test waiting on it fails, never hangs."""
    timer = threading.Timer(seconds, process.kill)
    timer.daemon = True
    timer.start()


def _feed_and_read(process: subprocess.Popen[bytes], count: int) -> list[Any]:
    """Write `count` cases one at a time, reading each answer as it comes (a slow producer)."""
    assert process.stdin is not None
    assert process.stdout is not None
    delivered = []
    for line in lines_of(count).splitlines(keepends=True):
        process.stdin.write(line.encode())
        process.stdin.flush()
        delivered.append(json.loads(process.stdout.readline()))
    return delivered


@pytest.mark.parametrize(
    ("signum", "status", "name"), [(signal.SIGINT, 130, "SIGINT"), (signal.SIGTERM, 143, "SIGTERM")]
)
def test_an_interrupted_batch_stops_cleanly_with_everything_delivered_logged(
    tmp_path: Path, signum: int, status: int, name: str
) -> None:
    """Issue, defect 5: decisions were printed, then logged in chunks of 1,000: SIGINT or SIGTERM
    left up to 999 delivered decisions unlogged."""
    log = tmp_path / "log.jsonl"
    with _popen([], log) as process:
        delivered = _feed_and_read(process, 5)  # each answer arrives without waiting for more input
        process.send_signal(signum)
        _out, err = process.communicate(timeout=60)
    assert process.returncode == status, err
    assert [d["id"] for d in delivered] == [f"case-{i}" for i in range(5)]
    assert log_keys(log) == [key(d["case"]) for d in delivered]
    text = err.decode()
    assert f"interrupted by {name} after line 5: 5 decisions given, 5 logged" in text
    assert "Traceback" not in text


def test_kill_9_leaves_no_delivered_decision_unlogged(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    with _popen([], log) as process:
        delivered = _feed_and_read(process, 7)
        process.kill()
        process.wait(timeout=60)
    assert {key(d["case"]) for d in delivered} <= set(log_keys(log))


def test_a_closed_pipe_stops_quietly_with_everything_delivered_logged(tmp_path: Path) -> None:
    """Issue, defect 5: `allocator batch … | head` left delivered decisions unlogged, and ended
    with an internal error."""
    log = tmp_path / "log.jsonl"
    source = tmp_path / "cases.jsonl"
    source.write_text(lines_of(5000))
    with subprocess.Popen(
        [EXE, "batch", str(source), "--log", str(log)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **EN},
    ) as process:
        _watchdog(process)
        assert process.stdout is not None
        assert process.stderr is not None
        delivered = [key(json.loads(process.stdout.readline())["case"]) for _ in range(20)]
        process.stdout.close()  # what `head -20` does
        err = process.stderr.read().decode()
        process.wait(timeout=60)
    assert process.returncode == 141, err
    assert err == ""
    assert set(delivered) <= set(log_keys(log))
    assert logged_cases(log) < 5000


def test_a_slow_producer_gets_each_answer_at_once(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    with _popen(["--format", "csv"], log) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        process.stdin.write(b"topic,location,actor,id\n")
        process.stdin.flush()
        assert process.stdout.readline().startswith(b"line,id,")
        started = time.monotonic()
        process.stdin.write(b"terrorism,belgium,lone-actor,a\n")
        process.stdin.flush()
        assert process.stdout.readline().startswith(
            b"2,a,terrorism,belgium,lone-actor,,,decided,vsse,"
        )
        assert time.monotonic() - started < 30
        assert log_keys(log) == ["terrorism|belgium|lone-actor|unspecified"]
        process.stdin.close()
        process.wait(timeout=60)
    assert process.returncode == 0


def test_ids_are_echoed_as_the_same_data_without_anything_a_terminal_would_obey() -> None:
    ident = "case\u202e-1\x1b[2J é"
    lines = [json.dumps({**CASE, "id": ident}), json.dumps({**CASE, "topic": "x", "id": ident})]
    result = batch("--no-log", input="\n".join(lines) + "\n")
    assert "\u202e" not in result.stdout
    assert "\x1b" not in result.stdout
    assert "é" in result.stdout
    assert [strict(line)["id"] for line in result.stdout.splitlines()] == [ident, ident]
