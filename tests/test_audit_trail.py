"""The decision log as an audit trail, and what reaches the terminal.

Who is logged (the operating system's user, not $LOGNAME); what `log` and `replay` show of a
record (sanitised: no escape sequence, bidi override or forged line reaches a terminal); a record
of the wrong shape (reported with its line number and skipped, never a crash); `log` streaming
from the end of a log of half a million lines; `replay` checking each record's rule set, and
telling a rule change from a record that cannot be (tampering, or a bug). And at the boundary of
the command line: bidi characters in messages and in the matrix, an unknown $ALLOCATOR_LANG, a
standard output that is full, closed or whose reader went away, an option given twice.
"""

from __future__ import annotations

import errno
import io
import json
import os
import random
import subprocess
import sys
import textwrap
import time
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from allocator import __version__
from allocator.desk import decision_log as decisionlog
from allocator.desk.decision_log import make_record, read
from allocator.desk.service import Allocator
from allocator.i18n import sanitize
from allocator.load.policy import load_policy
from allocator.testing import run_cli
from tests.helpers import LONE_ACTOR, SHIPPED

EN = {"ALLOCATOR_LANG": "en"}
#: The installed command, through its real entry point (`allocator`), run by this interpreter.
ALLOCATOR = [sys.executable, "-c", "import sys; from allocator.cli.entry import main; main()"]
#: Characters no terminal may receive from a log: ESC (every ANSI/OSC sequence), BEL, C1 CSI,
#: the bidi overrides and isolates, zero-width and line separators.
UNSAFE = ["\x1b", "\x07", "\x9b", "\u202e", "\u202d", "\u2066", "\u2069", "\u200b", "\u2028"]


def a_record(shipped: Allocator, **changes: Any) -> dict[str, Any]:
    """The log record of the plainest decision (VSSE leads a lone actor in Belgium), changed."""
    decision = shipped.decide({"topic": "terrorism", "location": "belgium", "actor": "lone-actor"})
    entry = make_record(
        decision.case.as_dict(), decision.summary(), decision.ruleset, "decide", __version__
    )
    entry.update(changes)
    return entry


def write_log(path: Path, entries: list[dict[str, Any] | str]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for entry in entries:
            fh.write(
                (entry if isinstance(entry, str) else json.dumps(entry, ensure_ascii=False)) + "\n"
            )
    return path


# --------------------------------------------------------------------------- who is logged


def test_the_user_comes_from_the_operating_system_not_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pwd

    for var in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(var, "duty-chief")
    decisionlog._user.cache_clear()
    log = tmp_path / "log.jsonl"
    try:
        assert run_cli([*LONE_ACTOR, "--log", str(log)], EN).exit_code == 0
    finally:
        decisionlog._user.cache_clear()
    (entry,) = [json.loads(line) for line in log.read_text().splitlines()]
    assert entry["user"] == pwd.getpwuid(os.getuid()).pw_name
    assert entry["user"] != "duty-chief" or pwd.getpwuid(os.getuid()).pw_name == "duty-chief"


def test_a_uid_without_a_name_is_logged_as_the_uid(monkeypatch: pytest.MonkeyPatch) -> None:
    import pwd

    def nobody(uid: int) -> Any:
        raise KeyError(uid)

    monkeypatch.setattr(pwd, "getpwuid", nobody)
    monkeypatch.setenv("LOGNAME", "duty-chief")
    decisionlog._user.cache_clear()
    try:
        assert decisionlog._user() == str(os.getuid())
    finally:
        decisionlog._user.cache_clear()


# --------------------------------------------------------------------------- what reaches the terminal


def test_every_invisible_or_control_character_is_shown_escaped() -> None:
    unsafe = [
        chr(code)
        for code in range(0x110000)
        if unicodedata.category(chr(code)) in {"Cc", "Cf", "Zl", "Zp", "Cs"}
    ]
    for char in unsafe:
        shown = sanitize(f"a{char}b", one_line=True)
        assert char not in shown, hex(ord(char))
        assert shown.startswith("a\\")
        assert shown.endswith("b")
        if char not in "\n\t":
            assert char not in sanitize(f"a{char}b"), hex(ord(char))
    assert sanitize("a\u202eb") == "a\\u202eb"
    assert sanitize("a\U000e0041b") == "a\\U000e0041b"
    assert sanitize("line\nnext\ttab") == "line\nnext\ttab"  # messages keep their layout
    assert sanitize("line\nnext\ttab", one_line=True) == "line\\x0anext\\x09tab"
    assert (
        sanitize("Dossiers : 52\u202f480 · Veiligheid – VSSE")
        == "Dossiers : 52\u202f480 · Veiligheid – VSSE"
    )


def test_sanitised_json_means_the_same() -> None:
    from allocator.i18n import sanitize_json

    value = {"user": "a\u202eb\x1b[31m\x85\U000e0041\ud800\nc", "n": [1, "\u2066"]}
    text = sanitize_json(json.dumps(value, ensure_ascii=False, indent=2))
    assert json.loads(text) == value
    assert not any(char in text for char in [*UNSAFE, "\x85", "\U000e0041", "\ud800"])


HOSTILE_USER = "evil\x1b[2J\x1b]0;pwned\x07\u202eregdab\nFORGED  → ADIV"
HOSTILE_FLAG = "imminent\u2066\x9b31m"


def test_log_and_replay_never_send_what_a_record_holds_to_the_terminal(
    tmp_path: Path, shipped: Allocator
) -> None:
    good = a_record(shipped)
    tampered = a_record(shipped, user=HOSTILE_USER)
    tampered["case"] = {
        **tampered["case"],
        "topic": "terror\x1b[8mism\u202e",
        "flags": [HOSTILE_FLAG],
    }
    tampered["ruleset"] = "sha256:\u202e" + "0" * 64
    log = write_log(tmp_path / "log.jsonl", [good, tampered])

    shown = run_cli(["log", "--log", str(log)], EN)
    assert shown.exit_code == 0, shown.stderr
    assert not any(char in shown.stdout for char in UNSAFE)
    lines = shown.stdout.splitlines()
    assert len(lines) == 2  # the newline in the user name forged no line of its own
    assert "evil\\x1b[2J\\x1b]0;pwned\\x07\\u202eregdab\\x0aFORGED" in lines[1]
    assert "terror\\x1b[8mism\\u202e" in lines[1]

    replayed = run_cli(["replay", "--log", str(log)], EN)
    assert not any(char in replayed.stdout + replayed.stderr for char in UNSAFE)
    assert "terror\\x1b[8mism\\u202e" in replayed.stdout

    for command in ("log", "replay"):
        document = run_cli([command, "--log", str(log), "--format", "json"], EN)
        assert not any(char in document.stdout for char in UNSAFE), command
        data = json.loads(document.stdout)  # the data itself is kept, exactly
        kept = data[1] if command == "log" else data["differences"][0]
        assert kept["user"] == HOSTILE_USER
        assert kept["case"]["flags"] == [HOSTILE_FLAG]


# --------------------------------------------------------------------------- records of the wrong shape


def _mistyped(entry: dict[str, Any], where: str, value: Any) -> dict[str, Any]:
    entry = json.loads(json.dumps(entry))
    *parents, key = where.split(".")
    target = entry
    for name in parents:
        target = target[name]
    target[key] = value
    return entry


MISTYPED = [
    ("decision", 5),
    ("time", None),
    ("time", "yesterday"),
    ("case.flags", [1]),
    ("case", "x"),
    ("case.topic", None),
    ("user", 5),
    ("ruleset", []),
    ("decision.lead", 5),
    ("decision.partners", "ocad"),
    ("decision.outcome", {"decided": True}),
]


@pytest.mark.parametrize(("field", "value"), MISTYPED, ids=[f"{f}={v!r}" for f, v in MISTYPED])
def test_a_mistyped_record_is_reported_with_its_line_and_skipped(
    tmp_path: Path, shipped: Allocator, field: str, value: Any
) -> None:
    good = a_record(shipped)
    log = write_log(tmp_path / "log.jsonl", [good, _mistyped(good, field, value), good])

    shown = run_cli(["log", "--log", str(log)], EN)
    assert shown.exit_code == 0, shown.stderr
    assert len(shown.stdout.splitlines()) == 2
    assert f"line 2 is not a valid decision record (`{field}`" in shown.stderr
    assert "internal error" not in shown.stderr

    replayed = run_cli(["replay", "--log", str(log)], EN)
    assert replayed.exit_code == 0, replayed.stderr
    assert "0 of 2 logged decisions" in replayed.stdout
    assert f"line 2 is not a valid decision record (`{field}`" in replayed.stderr


def test_json_that_is_not_a_record_and_deep_nesting_are_skipped(
    tmp_path: Path, shipped: Allocator
) -> None:
    good = a_record(shipped)
    log = write_log(
        tmp_path / "log.jsonl", [good, "[1, 2]", "5", "[" * 100_000 + "]" * 100_000, good]
    )
    for command in ("log", "replay"):
        result = run_cli([command, "--log", str(log)], EN)
        assert result.exit_code == 0, result.stderr
        for line in (2, 3, 4):
            assert f"line {line} is not a valid decision record; skipped" in result.stderr


# --------------------------------------------------------------------------- streaming


def test_log_reads_only_the_end_of_the_log(tmp_path: Path, shipped: Allocator) -> None:
    """A broken line at the head is never even met: `log --limit 2` reads a few blocks from the end."""
    good = a_record(shipped)
    log = tmp_path / "log.jsonl"
    with open(log, "w", encoding="utf-8") as fh:
        fh.write("{not json\n" + (json.dumps(good) + "\n") * 2000)
    result = run_cli(["log", "--log", str(log), "--limit", "2"], EN)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr == ""
    everything = run_cli(["log", "--log", str(log), "--limit", "5000"], EN)
    assert len(everything.stdout.splitlines()) == 2000
    assert "line 1 is not a valid decision record" in everything.stderr


def _random_log(rnd: random.Random, good: str, longest: int) -> bytes:
    lines = []
    for _ in range(rnd.randint(0, 40)):
        kind = rnd.random()
        if kind < 0.6:
            lines.append(good.replace("decide", "d" * rnd.randint(1, 90)))
        elif kind < 0.7:
            lines.append("")
        elif kind < 0.8:
            lines.append("{broken")
        elif kind < 0.9:
            lines.append(json.dumps({"time": None, "case": {}, "decision": {}}))
        else:
            lines.append("x" * rnd.randint(longest - 2, longest + 300))  # about MAX_LINE
    text = "\n".join(lines)
    if lines and rnd.random() < 0.7:
        text += "\n"
    elif rnd.random() < 0.5:
        text += good[: rnd.randint(1, 40)]  # a torn last record
    return text.encode()


def test_reading_backwards_finds_what_reading_forwards_finds(
    tmp_path: Path, shipped: Allocator, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = json.dumps(a_record(shipped))
    longest = len(good) + 120
    monkeypatch.setattr(decisionlog, "MAX_LINE", longest)
    rnd = random.Random(8)
    for trial in range(300):
        monkeypatch.setattr(decisionlog, "BLOCK", rnd.choice([1, 2, 7, 64, 333, 4096]))
        path = tmp_path / f"log-{trial}.jsonl"
        path.write_bytes(_random_log(rnd, good, longest))
        forward_skipped: list[decisionlog.Skipped] = []
        forward = list(decisionlog.records(path, forward_skipped.append))
        latest = decisionlog.LatestFirst(path)
        backward = list(latest)
        assert backward[::-1] == [entry for _, entry in forward], trial
        assert latest.skipped() == forward_skipped, trial


def test_the_filters_find_a_record_however_it_is_written(
    tmp_path: Path, shipped: Allocator
) -> None:
    """`log` passes over lines a filter cannot match without parsing them: never one that does."""
    plain = a_record(shipped, time="2026-03-01T10:00:00.000000Z")
    escaped = json.dumps(a_record(shipped, time="2026-03-02T10:00:00Z")).replace(
        '"terrorism"', '"terr\\u006frism"'
    )
    spaced = json.dumps(a_record(shipped, time="2026-03-03T11:00:00+01:00"), indent=1)
    spaced = spaced.replace("\n", " ")
    other = a_record(shipped, time="2026-03-04T10:00:00Z")
    other["case"] = {**other["case"], "topic": "espionage"}
    other["decision"] = {**other["decision"], "lead": "adiv"}
    log = write_log(tmp_path / "log.jsonl", [plain, escaped, spaced, other])

    def times(*args: str) -> list[str]:
        result = run_cli(["log", "--log", str(log), "--format", "json", *args], EN)
        assert result.exit_code == 0, result.stderr
        return [entry["time"][:10] for entry in json.loads(result.stdout)]

    assert times("--topic", "terrorism") == ["2026-03-01", "2026-03-02", "2026-03-03"]
    assert times("--lead", "vsse") == ["2026-03-01", "2026-03-02", "2026-03-03"]
    assert times("--lead", "adiv", "--topic", "espionage") == ["2026-03-04"]
    assert times("--since", "2026-03-02T09:00:00", "--until", "2026-03-03T10:00:00") == [
        "2026-03-02",
        "2026-03-03",
    ]


def test_read_keeps_its_lenient_form(tmp_path: Path) -> None:
    log = write_log(tmp_path / "log.jsonl", [{"case": {"i": 1}, "decision": {}}, "[1]"])
    found, skipped = read(log)
    assert found == [{"case": {"i": 1}, "decision": {}}]
    assert skipped == [decisionlog.Skipped(2, "invalid")]
    assert read(log, strict=True)[0] == []


def big_log(path: Path, template: dict[str, Any], days: int = 50, per_day: int = 10_000) -> int:
    """A log of days x per_day records (500,000 by default), one per second, written in blocks."""
    rest = json.dumps(template, ensure_ascii=False, separators=(",", ":"))
    head = '{"time":"'
    assert rest.startswith(head + template["time"])
    rest = rest[len(head) + len(template["time"]) :]
    day = "".join(
        f"{head}DAY{h:02d}:{m:02d}:{s:02d}.000000Z{rest}\n"
        for i in range(per_day)
        for h, m, s in [(i // 3600, i // 60 % 60, i % 60)]
    )
    with open(path, "w", encoding="utf-8") as fh:
        for number in range(days):
            fh.write(day.replace("DAY", f"2026-{1 + number // 28:02d}-{1 + number % 28:02d}T"))
    return days * per_day


MEASURE = textwrap.dedent(
    """
    import json, resource, subprocess, sys, time
    started = time.perf_counter()
    run = subprocess.run(sys.argv[1:], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"seconds": seconds, "max_rss_kb": usage.ru_maxrss, "status": run.returncode,
                      "lines": run.stdout.splitlines(), "stderr": run.stderr}))
    """
)


def measure(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """`allocator ARGS` in a process of its own: wall time, peak memory (getrusage), output."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *ALLOCATOR, *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **EN, **(env or {})},
    ).stdout
    return dict(json.loads(out))


@pytest.mark.slow
def test_the_latest_20_of_half_a_million_decisions_come_at_once(
    tmp_path: Path, shipped: Allocator
) -> None:
    log = tmp_path / "big.jsonl"
    started = time.perf_counter()
    count = big_log(log, a_record(shipped))
    written = time.perf_counter() - started
    assert count == 500_000
    size = log.stat().st_size
    baseline = measure("rules", "--format", "json")  # the interpreter and the command line alone
    figures = measure("log", "--log", str(log), "--limit", "20")
    print(
        f"\n500k-line log ({size / 1e6:.0f} MB, written in {written:.1f} s): "
        f"allocator log --limit 20 in {figures['seconds']:.3f} s, peak RSS "
        f"{figures['max_rss_kb'] / 1024:.1f} MiB (allocator rules alone: "
        f"{baseline['seconds']:.3f} s, {baseline['max_rss_kb'] / 1024:.1f} MiB)"
    )
    assert figures["status"] == 0, figures["stderr"]
    assert len(figures["lines"]) == 20
    assert figures["lines"][-1].startswith("2026-02-22 02:46:39Z")  # the last record of the log
    assert figures["seconds"] < 1.0
    assert figures["max_rss_kb"] < 100 * 1024  # bounded: the log is 300 MB
    filtered = measure("log", "--log", str(log), "--limit", "3", "--since", "2026-02-22T02:00:00")
    assert len(filtered["lines"]) == 3
    assert filtered["seconds"] < 1.0


# --------------------------------------------------------------------------- replay and the rule set


def test_replay_says_under_which_rule_set_a_changed_decision_was_given(
    tmp_path: Path, shipped: Allocator
) -> None:
    old = a_record(shipped, ruleset="sha256:" + "ab" * 32)
    old["decision"] = {**old["decision"], "lead": "adiv", "partners": []}
    log = write_log(tmp_path / "log.jsonl", [a_record(shipped), old])
    result = run_cli(["replay", "--log", str(log)], EN)
    assert result.exit_code == 1
    (line, summary) = result.stdout.splitlines()
    assert "ADIV → VSSE  [+ocad]  (given under sha256:abababababab…)" in line
    assert "ALTERED" not in result.stdout
    assert summary.startswith("1 of 2 logged decisions would be given differently")
    document = json.loads(run_cli(["replay", "--log", str(log), "--format", "json"], EN).stdout)
    (difference,) = document["differences"]
    assert (difference["same_ruleset"], difference["inconsistent"]) == (False, False)
    assert (difference["line"], difference["ruleset_then"]) == (2, "sha256:" + "ab" * 32)
    assert document["inconsistent"] == 0


def test_a_rule_renamed_under_another_rule_set_is_no_difference(
    tmp_path: Path, shipped: Allocator
) -> None:
    old = a_record(shipped, ruleset="sha256:" + "ab" * 32)
    old["decision"] = {**old["decision"], "rules": ["an.old.name"]}
    log = write_log(tmp_path / "log.jsonl", [old])
    result = run_cli(["replay", "--log", str(log)], EN)
    assert result.exit_code == 0
    assert "0 of 1 logged decisions" in result.stdout


@pytest.mark.parametrize(
    ("field", "value"),
    [("lead", "adiv"), ("rules", ["terrorism.joint-platform"]), ("competence", "shared")],
)
def test_a_record_under_the_rules_in_force_with_another_decision_is_flagged_apart(
    tmp_path: Path, shipped: Allocator, field: str, value: Any
) -> None:
    tampered = a_record(shipped)
    tampered["decision"] = {**tampered["decision"], field: value}
    log = write_log(tmp_path / "log.jsonl", [a_record(shipped), tampered])
    result = run_cli(["replay", "--log", str(log)], EN)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "ALTERED OR A BUG (line 2): logged under the rules in force" in lines[0]
    assert "given under" not in lines[0]
    assert lines[-1].startswith(
        "1 logged decision names the rule set in force but records a different decision"
    )
    document = json.loads(run_cli(["replay", "--log", str(log), "--format", "json"], EN).stdout)
    assert document["inconsistent"] == 1
    (difference,) = document["differences"]
    assert (difference["line"], difference["same_ruleset"], difference["inconsistent"]) == (
        2,
        True,
        True,
    )
    french = run_cli(["replay", "--log", str(log), "--lang", "fr"], EN)
    assert "ALTÉRÉ OU BOGUE (ligne 2)" in french.stdout


# --------------------------------------------------------------------------- bidi in messages and the matrix


def test_a_bidi_override_in_a_value_is_shown_escaped_in_the_error() -> None:
    result = run_cli(
        ["decide", "--topic", "terror\u202eism", "--location", "belgium", "--actor", "lone-actor"],
        EN,
    )
    assert result.exit_code == 2
    assert "\u202e" not in result.stderr
    assert "terror\\u202eism" in result.stderr


def test_a_bidi_override_in_a_label_never_reaches_the_matrix(
    tmp_path: Path, rules_copy: Path, edit: Any
) -> None:
    edit(rules_copy / "vocabulary.yaml", 'en: "Unspecified"', 'en: "Un\u202especified\u2066"')
    edit(rules_copy / "vocabulary.yaml", 'en: "Terrorism"', 'en: "Terror\u202eism\u200b"')
    text = run_cli(["matrix", "--rules", str(rules_copy)], EN)
    assert text.exit_code == 0, text.stderr
    assert not any(char in text.stdout for char in UNSAFE)
    assert "Un\\u202especified\\u2066" in text.stdout
    out = tmp_path / "matrix.html"
    page_run = run_cli(
        ["matrix", "--rules", str(rules_copy), "--format", "html", "--output", str(out)], EN
    )
    assert page_run.exit_code == 0, page_run.stderr
    page = out.read_text(encoding="utf-8")
    assert not any(char in page for char in UNSAFE)
    assert "Terror\\u202eism\\u200b" in page  # the row heading, the tooltips
    assert '"title": "Terror\\\\u202eism\\\\u200b' in page  # the cell data, shown as escaped


# --------------------------------------------------------------------------- the language


@pytest.mark.parametrize(
    "args",
    [["rules"], ["schema"], ["log"], ["replay"], ["--version"], LONE_ACTOR],
    ids=lambda args: " ".join(args),
)
def test_an_unknown_language_falls_back_to_english_for_every_command(
    tmp_path: Path, args: list[str]
) -> None:
    env = {
        "ALLOCATOR_LANG": "de",
        "LC_ALL": "",
        "LC_MESSAGES": "",
        "LANG": "",
        "ALLOCATOR_LOG": str(tmp_path / "log.jsonl"),
    }
    result = run_cli(args, env)
    assert result.exit_code == 0, result.stderr
    assert "--lang" not in result.stderr


def test_a_locale_name_in_allocator_lang_is_understood() -> None:
    result = run_cli([*LONE_ACTOR, "--no-log"], {"ALLOCATOR_LANG": "nl_BE.UTF-8"})
    assert result.exit_code == 0, result.stderr
    assert "Veiligheid van de Staat" in result.stdout
    rules = run_cli(["rules"], {"ALLOCATOR_LANG": "nl_BE.UTF-8"})
    assert rules.exit_code == 0, rules.stderr
    assert "leidt" in rules.stdout


def test_an_unknown_language_asked_for_explicitly_is_still_a_usage_error() -> None:
    assert run_cli(["--lang", "de", "rules"]).exit_code == 2


# --------------------------------------------------------------------------- standard output that fails


@pytest.fixture
def compiled() -> None:
    load_policy(SHIPPED)  # so that `decide` in a process of its own takes the fast path


def run_allocator(args: list[str], log: Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **EN, "ALLOCATOR_LOG": str(log)}
    return subprocess.run(
        [*ALLOCATOR, *args], env=env, stderr=subprocess.PIPE, text=True, check=False, **kwargs
    )


DECIDE_JSON = [*LONE_ACTOR, "--format", "json"]


@pytest.mark.parametrize(
    "args",
    [LONE_ACTOR, DECIDE_JSON, [*LONE_ACTOR, "--explain"], ["rules"]],
    ids=lambda args: " ".join(args[:1] + args[-1:]),
)
def test_a_full_disk_is_a_clear_error_and_nothing_is_logged(
    tmp_path: Path, compiled: None, args: list[str]
) -> None:
    log = tmp_path / "log.jsonl"
    with open("/dev/full", "w") as full:
        result = run_allocator(args, log, stdout=full)
    assert result.returncode == 74, result.stderr
    assert (
        result.stderr
        == "allocator: error: cannot write to standard output: No space left on device\n"
    )
    assert not log.exists()  # an answer nobody could read was not given


@pytest.mark.parametrize("args", [LONE_ACTOR, ["rules"], ["log"]], ids=lambda args: args[0])
def test_a_closed_standard_output_is_a_clear_error(
    tmp_path: Path, compiled: None, args: list[str]
) -> None:
    log = tmp_path / "log.jsonl"
    write_log(log, [])
    if args == ["log"]:
        run_allocator([*LONE_ACTOR, "--log", str(log)], log, stdout=subprocess.DEVNULL)
    before = log.read_text()
    result = run_allocator(args, log, stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    assert result.returncode == 74, result.stderr
    assert "cannot write to standard output: Bad file descriptor" in result.stderr
    assert "internal error" not in result.stderr
    assert log.read_text() == before


@pytest.mark.parametrize("args", [LONE_ACTOR, ["rules"]], ids=lambda args: args[0])
def test_a_pipe_closed_by_its_reader_ends_the_command_quietly(
    tmp_path: Path, compiled: None, args: list[str]
) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # `allocator … | head -0`: the reader is gone before anything is written
    try:
        result = run_allocator(args, tmp_path / "log.jsonl", stdout=write_end)
    finally:
        os.close(write_end)
    assert result.returncode == 141  # 128 + SIGPIPE, as a shell shows any tool stopped by it
    assert result.stderr == ""


class _FullDisk(io.StringIO):
    def flush(self) -> None:
        if self.getvalue():
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_the_fast_path_reports_a_full_disk_too(
    compiled: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from allocator.cli import entry, group

    def not_the_full_path(args: list[str]) -> None:
        raise AssertionError("the fast path should have answered")

    monkeypatch.setenv("ALLOCATOR_LANG", "en")
    monkeypatch.setattr(group, "main", not_the_full_path)
    monkeypatch.setattr(sys, "stdout", _FullDisk())
    with pytest.raises(SystemExit) as stopped:
        entry.main([*LONE_ACTOR, "--no-log"])
    assert stopped.value.code == 74
    assert "cannot write to standard output: No space left on device" in capsys.readouterr().err


# --------------------------------------------------------------------------- an option given twice


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (
            [
                "decide",
                "--topic",
                "espionage",
                "--topic",
                "terrorism",
                "--location",
                "belgium",
                "--actor",
                "lone-actor",
            ],
            "--topic",
        ),
        (
            [
                "decide",
                "-t",
                "espionage",
                "--topic=terrorism",
                "--location",
                "belgium",
                "--actor",
                "lone-actor",
            ],
            "--topic",
        ),
        ([*LONE_ACTOR, "--location", "abroad"], "--location"),
        ([*LONE_ACTOR, "--format", "json", "--format", "text"], "--format"),
        (["log", "--limit", "2", "--limit", "3"], "--limit"),
        (["--lang", "en", "--lang", "en", "rules"], "--lang"),
    ],
)
def test_an_option_taking_one_value_given_twice_is_a_usage_error(
    tmp_path: Path, args: list[str], option: str
) -> None:
    log = tmp_path / "log.jsonl"
    result = run_cli([*args], {**EN, "ALLOCATOR_LOG": str(log)})
    assert result.exit_code == 2
    assert f"option `{option}` given more than once; give it once" in result.stderr
    assert result.stdout == ""
    assert not log.exists()


def test_options_that_may_repeat_still_do() -> None:
    result = run_cli(
        [
            *LONE_ACTOR,
            "--flag",
            "imminent",
            "--flag",
            "offence-indicated",
            "--no-log",
            "--format",
            "json",
        ],
        EN,
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["case"]["flags"] == ["imminent", "offence-indicated"]


# --------------------------------------------------------------------------- a log held open


def test_a_log_held_open_follows_rotation_and_mends_a_torn_line(tmp_path: Path) -> None:
    """`allocator serve` keeps the log open: a log moved away or removed (rotated) is noticed at
    the next group, which starts a new file; a torn last line is closed before the group."""
    path = tmp_path / "logs" / "decisions.jsonl"
    record = make_record(
        {"topic": "terrorism", "location": "belgium", "actor": "lone-actor"},
        {"outcome": "decided", "lead": "vsse", "partners": [], "consultation": [], "rules": []},
        "sha256:x",
        "serve",
        __version__,
    )
    appender = decisionlog.Appender(path)
    try:
        assert appender.append([record, record]) == 2
        path.rename(tmp_path / "logs" / "decisions.jsonl.1")
        assert appender.append([record]) == 1
        assert len(path.read_text().splitlines()) == 1
        path.unlink()
        assert appender.append([record]) == 1
        with path.open("a") as fh:
            fh.write('{"time": "torn')
        assert appender.append([record]) == 1
    finally:
        appender.close()
    entries, skipped = read(path)
    assert len(entries) == 2
    assert [s.reason for s in skipped] == ["invalid"]
    assert len((tmp_path / "logs" / "decisions.jsonl.1").read_text().splitlines()) == 2
