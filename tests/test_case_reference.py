"""The audit trail tied to the case file: a case reference (`decide --ref`, a batch line's `ref`)
goes into the decision log, and `log` / `replay` find decisions by it, by rule set and by time
(`--since 2h`, `yesterday`)."""

from __future__ import annotations

import contextlib
import io
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from allocator.cli import fast as fastpath
from allocator.desk.decision_log import parse_moment, read
from allocator.desk.service import Allocator
from allocator.load.policy import load_policy
from allocator.testing import run_cli
from tests.helpers import LONE_ACTOR, SHIPPED

EN = {"ALLOCATOR_LANG": "en"}
ESPIONAGE = [
    "decide",
    "--topic",
    "espionage",
    "--location",
    "nato-site",
    "--actor",
    "foreign-intelligence-service",
]


@pytest.fixture(autouse=True)
def _compiled() -> None:
    load_policy(SHIPPED)  # the rule set compiled in the test's cache: the fast path can answer


@pytest.fixture
def log(_private_decision_log: Path) -> Path:
    return _private_decision_log


def logged(path: Path) -> list[dict[str, Any]]:
    return read(path, strict=True)[0]


def fast(args: list[str]) -> tuple[int | None, str]:
    """The fast path itself (allocator.cli.entry runs it first): its status (None: it handed
    over to the full command line) and what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = fastpath.run(args)
    return status, out.getvalue()


# --------------------------------------------------------------------------- decide --ref


def test_the_fast_path_logs_the_reference_and_shows_it_in_text(log: Path) -> None:
    status, out = fast([*LONE_ACTOR, "--ref", "CASE-2026-0042"])
    assert status == 0
    assert out.splitlines()[1] == "Reference:    CASE-2026-0042"  # under the case
    (entry,) = logged(log)
    assert entry["ref"] == "CASE-2026-0042"
    assert "ref" not in entry["case"]


def test_the_fast_path_in_json_logs_the_reference_and_leaves_the_json_alone(log: Path) -> None:
    status, out = fast([*LONE_ACTOR, "--ref", "CASE-1", "--format", "json"])
    assert status == 0
    plain_status, plain = fast([*LONE_ACTOR, "--format", "json", "--no-log"])
    assert plain_status == 0
    assert json.loads(out) == json.loads(plain)  # the decision's contract is unchanged
    assert "CASE-1" not in out
    (entry,) = logged(log)
    assert entry["ref"] == "CASE-1"


def test_the_full_path_logs_the_reference_too(log: Path) -> None:
    result = run_cli([*LONE_ACTOR, "--ref", "CASE-7", "--explain"], EN)
    assert result.exit_code == 0, result.stderr
    assert "\nReference:    CASE-7\n" in result.stdout
    result = run_cli([*LONE_ACTOR, "--ref", "CASE-8", "--explain", "--format", "json"], EN)
    assert result.exit_code == 0, result.stderr
    assert "CASE-8" not in result.stdout
    assert [entry["ref"] for entry in logged(log)] == ["CASE-7", "CASE-8"]


def test_both_paths_log_the_same_record(log: Path) -> None:
    assert fast([*LONE_ACTOR, "--ref", "R-1"])[0] == 0
    assert run_cli([*LONE_ACTOR, "--ref", "R-1", "--no-interactive"], EN).exit_code == 0
    quick, full = logged(log)
    for entry in (quick, full):
        entry.pop("time")
    assert quick == full


def test_without_a_reference_no_ref_field_is_logged(log: Path) -> None:
    assert fast(LONE_ACTOR)[0] == 0
    assert run_cli([*LONE_ACTOR, "--ref", ""], EN).exit_code == 0
    assert all("ref" not in entry for entry in logged(log))


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("x" * 101, "the case reference is 101 characters long; at most 100 are taken"),
        (
            "CASE\x1b[31m-1",
            "invisible character (shown escaped) in the case reference: `CASE\\x1b[31m-1`",
        ),
        ("CASE-1\nforged line", "`CASE-1\\x0aforged line`"),
        ("CASE\u202e-1", "`CASE\\u202e-1`"),
    ],
    ids=["too-long", "escape", "newline", "bidi"],
)
def test_a_reference_the_log_would_not_take_is_refused(ref: str, message: str, log: Path) -> None:
    assert fast([*LONE_ACTOR, "--ref", ref])[0] is None  # handed over: the full path says why
    result = run_cli([*LONE_ACTOR, "--ref", ref], EN)
    assert result.exit_code == 2
    assert "invalid value for `--ref`" in result.stderr
    assert message in result.stderr
    assert result.stdout == ""
    assert not log.exists()


def test_a_reference_of_100_characters_is_taken(log: Path) -> None:
    assert fast([*LONE_ACTOR, "--ref", "é" * 100])[0] == 0
    assert logged(log)[0]["ref"] == "é" * 100


# --------------------------------------------------------------------------- batch


def test_a_json_lines_batch_logs_each_ref_and_id(log: Path) -> None:
    lines = [
        {"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "id": 7, "ref": "C-1"},
        {"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "id": "b"},
        {"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "ref": 5},
        {"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "ref": "a\u0007b"},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    result = run_cli(["batch", "-"], EN, input=stdin)
    assert result.exit_code == 2  # two lines are invalid
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert "ref" not in out[0]
    assert out[0]["id"] == 7
    assert out[2]["error"]["code"] == "invalid-type"
    assert out[3]["error"]["code"] == "invalid-ref"
    assert "\\x07" in out[3]["error"]["message"]
    first, second = logged(log)
    assert (first["id"], first["ref"]) == (7, "C-1")
    assert second["id"] == "b"
    assert "ref" not in second


def test_a_csv_batch_logs_the_ref_column(log: Path) -> None:
    stdin = (
        "id,topic,location,actor,ref\n"
        "c1,terrorism,belgium,lone-actor,CASE-10\n"
        "c2,terrorism,belgium,lone-actor,\n"
    )
    result = run_cli(["batch", "-", "--input-format", "csv"], EN, input=stdin)
    assert result.exit_code == 0, result.stderr
    first, second = logged(log)
    assert (first["id"], first["ref"], first["source"]) == ("c1", "CASE-10", "batch")
    assert second["id"] == "c2"
    assert "ref" not in second


# --------------------------------------------------------------------------- log and replay


def decide_three() -> None:
    for args in ([*LONE_ACTOR, "--ref", "CASE-A"], [*ESPIONAGE, "--ref", "CASE-B"], LONE_ACTOR):
        assert fast(args)[0] == 0


def log_json(*args: str) -> list[dict[str, Any]]:
    result = run_cli(["log", *args, "--format", "json"], EN)
    assert result.exit_code == 0, result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def test_log_ref_finds_exactly_the_decision(log: Path) -> None:
    decide_three()
    (entry,) = log_json("--ref", "CASE-B")
    assert entry["case"]["topic"] == "espionage"
    assert log_json("--ref", "CASE") == []  # exact, not a prefix
    text = run_cli(["log", "--ref", "CASE-A"], EN).stdout
    assert text.count("\n") == 1
    assert text.rstrip().endswith("ref=CASE-A")


def test_log_ruleset_takes_a_fingerprint_prefix(log: Path, shipped: Allocator) -> None:
    decide_three()
    fingerprint = shipped.policy.fingerprint
    assert fingerprint.startswith("sha256:")
    assert len(log_json("--ruleset", fingerprint[:13])) == 3
    assert len(log_json("--ruleset", fingerprint[7:13])) == 3
    assert len(log_json("--ruleset", fingerprint)) == 3
    other = "0" if fingerprint[7] != "0" else "1"
    assert log_json("--ruleset", other) == []
    assert len(log_json("--ruleset", fingerprint[7:13], "--ref", "CASE-A")) == 1


def write_at(path: Path, entry: dict[str, Any], moment: datetime, ref: str) -> dict[str, Any]:
    stamp = moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    entry = {**entry, "time": stamp, "ref": ref}
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry) + "\n")
    return entry


def test_since_takes_spans_and_day_words(log: Path) -> None:
    assert fast(LONE_ACTOR)[0] == 0
    (template,) = logged(log)
    log.unlink()
    now = datetime.now(UTC)
    midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    day_before = datetime.combine(midnight.date() - timedelta(days=1), datetime.min.time())
    yesterday = day_before.astimezone()  # local midnight, yesterday
    moments = {
        "before-yesterday": yesterday - timedelta(hours=1),
        "yesterday": yesterday + timedelta(minutes=1),
        "3h-ago": now - timedelta(hours=3),
        "10m-ago": now - timedelta(minutes=10),
    }
    for ref, moment in moments.items():
        write_at(log, template, moment, ref)

    def refs(*args: str) -> list[str]:
        return [entry["ref"] for entry in log_json(*args)]

    def between(start: datetime, end: datetime) -> list[str]:
        return [ref for ref, moment in moments.items() if start <= moment <= end]

    assert refs("--since", "2h") == ["10m-ago"]
    assert refs("--since", "30m") == ["10m-ago"]
    assert refs("--since", "1w") == list(moments)
    assert refs("--until", "2h") == ["before-yesterday", "yesterday", "3h-ago"]
    assert refs("--since", "yesterday") == between(yesterday, now)
    assert refs("--since", "yesterday", "--until", "today") == between(yesterday, midnight)
    assert refs("--since", "today") == between(midnight, now)
    assert refs("--since", "TODAY") == refs("--since", "today")


def test_parse_moment_by_itself() -> None:
    now = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    assert parse_moment("2h", now) == now - timedelta(hours=2)
    assert parse_moment("3d", now) == now - timedelta(days=3)
    assert parse_moment("1w", now) == now - timedelta(weeks=1)
    assert parse_moment("2026-11-20", now) == datetime(2026, 11, 20, tzinfo=UTC)
    assert parse_moment("2026-11-20T10:00+01:00", now) == datetime(2026, 11, 20, 9, tzinfo=UTC)
    today = parse_moment("today", now)
    yesterday = parse_moment("yesterday", now)
    assert today is not None
    assert yesterday is not None
    assert timedelta(hours=22) <= today - yesterday <= timedelta(hours=26)
    for bad in ("someday", "2x", "-2h", "h", "2 hours", "99999999d", ""):
        assert parse_moment(bad, now) is None, bad


@pytest.mark.parametrize("option", ["--since", "--until"])
@pytest.mark.parametrize("command", ["log", "replay"])
def test_a_moment_of_no_accepted_form_is_a_usage_error(command: str, option: str) -> None:
    result = run_cli([command, option, "someday"], EN)
    assert result.exit_code == 2
    assert f"invalid value for `{option}`" in result.stderr
    for form in ("YYYY-MM-DD", "30m, 2h, 3d, 1w", "today or yesterday", "`someday`"):
        assert form in result.stderr


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_new_messages_speak_each_language(lang: str) -> None:
    english = run_cli(["log", "--since", "someday"], EN).stderr
    result = run_cli(["--lang", lang, "log", "--since", "someday"])
    assert result.exit_code == 2
    assert result.stderr != english
    refused = run_cli(["--lang", lang, *LONE_ACTOR, "--ref", "x" * 101])
    assert refused.exit_code == 2
    assert "101" in refused.stderr
    status, out = fast(["--lang", lang, *LONE_ACTOR, "--ref", "R-9", "--no-log"])
    assert status == 0
    heading = {"nl": "Referentie", "fr": "Référence"}[lang]
    assert out.splitlines()[1].startswith(heading)
    assert out.splitlines()[1].endswith(" R-9")
    assert "Reference" not in out


def test_replay_ref_replays_only_that_case(log: Path) -> None:
    decide_three()
    result = run_cli(["replay", "--ref", "CASE-B", "--format", "json"], EN)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["replayed"] == 1
    # a decision given under other rules, and answered differently now: listed with its reference
    (entry,) = log_json("--ref", "CASE-A")
    entry.update(ruleset="sha256:0ld", ref="OLD-1")
    entry["decision"] = {**entry["decision"], "lead": "adiv"}
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry) + "\n")
    assert run_cli(["replay", "--ref", "CASE-A"], EN).exit_code == 0
    result = run_cli(["replay", "--ref", "OLD-1"], EN)
    assert result.exit_code == 1
    assert "ADIV → VSSE" in result.stdout
    assert "ref=OLD-1" in result.stdout
    assert "1 of 1 logged decision" in result.stdout
    found = json.loads(run_cli(["replay", "--ruleset", "0ld", "--format", "json"], EN).stdout)
    assert found["replayed"] == 1
    assert found["differences"][0]["ref"] == "OLD-1"


def test_older_records_without_ref_stay_valid(log: Path, shipped: Allocator) -> None:
    decide_three()
    entries = logged(log)
    assert len(entries) == 3
    assert "ref" not in entries[2]
    assert len(log_json()) == 3
    assert os.path.getsize(log) > 0
