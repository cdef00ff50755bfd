"""Guided input, shell completion, batch, and the decision log with log and replay."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from allocator.desk.decision_log import append, read
from allocator.testing import run_cli
from tests.helpers import LONE_ACTOR

EN = {"ALLOCATOR_LANG": "en"}
EXE = str(Path(sys.executable).with_name("allocator"))


# --------------------------------------------------------------------------- guided input


def test_missing_attributes_are_asked_for_and_the_command_line_is_given() -> None:
    result = run_cli(["decide", "--interactive", "--no-log"], EN, input="1\nbelgium\nterr\n\n\n")
    assert result.exit_code == 0, result.stderr
    assert "Which topic?" in result.stderr
    assert " 1  terrorism" in result.stderr
    assert "Terrorism" in result.stderr
    assert (
        "Next time: allocator decide --topic terrorism --location belgium --actor terrorist-group"
        in result.stderr
    )
    assert "State Security (VSSE)" in result.stdout


def test_a_wrong_answer_is_asked_again_with_a_suggestion() -> None:
    result = run_cli(
        ["decide", "--interactive", "--no-log", "--topic", "espionage", "--location", "belgium"],
        EN,
        input="compny\n99\ncompany\n\n\n",
    )
    assert result.exit_code == 0
    assert "`compny` is not one of them. did you mean `company`?" in result.stderr
    assert "`99` is not one of them." in result.stderr
    assert "Which topic?" not in result.stderr  # only what is missing is asked


def test_guided_input_speaks_the_language() -> None:
    result = run_cli(
        [
            "--lang",
            "fr",
            "decide",
            "--interactive",
            "--no-log",
            "--topic",
            "espionage",
            "--location",
            "belgium",
        ],
        input="12\n\n\n",
    )
    assert "Quel acteur ?" in result.stderr
    assert "La prochaine fois : allocator decide" in result.stderr


def test_without_a_terminal_missing_attributes_are_a_usage_error() -> None:
    result = run_cli(["decide", "--topic", "espionage"], EN)
    assert result.exit_code == 2
    assert "missing location" in result.stderr


def test_option_values_complete_in_the_shell() -> None:
    env = {
        **os.environ,
        "_ALLOCATOR_COMPLETE": "bash_complete",
        "COMP_WORDS": "allocator decide --topic terr",
        "COMP_CWORD": "3",
    }
    out = subprocess.run([EXE], env=env, capture_output=True, text=True, check=False).stdout
    assert out.split() == ["plain,terrorism", "plain,terrorism-financing"]
    env.update(
        {
            "_ALLOCATOR_COMPLETE": "zsh_complete",
            "COMP_WORDS": "allocator decide --flag imm",
            "COMP_CWORD": "3",
        }
    )
    out = subprocess.run([EXE], env=env, capture_output=True, text=True, check=False).stdout
    assert out.splitlines()[:3] == ["plain", "imminent", "Imminent threat"]


# --------------------------------------------------------------------------- batch

JSONL = "\n".join(
    [
        '{"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "id": "A-1"}',
        '{"topic": "terrorsm", "location": "belgium", "actor": "lone-actor"}',
        "this is not json",
        "",
        '{"topic": "espionage", "location": "abroad", "actor": "company", "flags": "imminent;disputed"}',
        '["a list"]',
    ]
)


def batch(*args: str, input: str, env: dict[str, str] | None = None) -> Any:
    return run_cli(["batch", *args], {**EN, **(env or {})}, input=input)


def test_jsonl_in_order_with_error_records_and_exit_2() -> None:
    result = batch("--no-log", input=JSONL + "\n")
    assert result.exit_code == 2
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["line"] for r in records] == [1, 2, 3, 5, 6]
    assert records[0]["id"] == "A-1"
    assert records[0]["lead"] == "vsse"
    assert records[1]["error"]["code"] == "unknown-case-value"
    assert "did you mean `terrorism`?" in records[1]["error"]["message"]
    assert records[2]["error"]["code"] == "invalid-json"
    assert records[3]["case"]["flags"] == ["disputed", "imminent"]
    assert records[4]["error"]["code"] == "invalid-json"
    # Espionage abroad is VSSE's too (art. 8, 1°, a, wherever it plays out).
    assert "5 lines: 2 decided (VSSE: 2), 0 without a lead, 3 invalid" in result.stderr


def test_csv_is_detected_and_written() -> None:
    text = "topic,location,actor,target,flags,id\nterrorism,belgium,lone-actor,,imminent|offence-indicated,x1\nespionage,nato-site,company,,,x2\nterrorism,belgium\n"
    result = batch("--no-log", "--format", "csv", input=text)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "line,id,topic,location,actor,target,flags,outcome,lead,partners,consultation,competent,"
        "competence,rules,ruleset,error"
    )
    assert lines[1].startswith(
        "2,x1,terrorism,belgium,lone-actor,,imminent;offence-indicated,decided,vsse,federal-prosecutor;fedpol;nccn;ocad,liaison;joint-platform;task-force;crisis-cell,vsse,exclusive,"
    )
    assert lines[2].startswith("3,x2,espionage,nato-site,company,,,decided,adiv,")
    assert lines[3].startswith("4,,,,,,,invalid,")
    assert "2 cells where the header has 6" in lines[3]


def test_all_decided_exits_0_and_a_gap_exits_4(rules_copy: Path, edit: Any) -> None:
    good = '{"topic":"espionage","location":"belgium","actor":"company"}\n' * 3
    assert batch("--no-log", input=good).exit_code == 0
    edit(
        rules_copy / "espionage.yaml",
        "      lead: vsse\n      priority: 200\n",
        "      partners: ocad\n",
    )
    result = batch("--no-log", "--rules", str(rules_copy), input=good)
    assert result.exit_code == 4
    assert json.loads(result.stdout.splitlines()[0])["outcome"] == "gap"
    assert "0 decided (-), 3 without a lead, 0 invalid" in result.stderr


def test_forced_input_format_and_files(tmp_path: Path) -> None:
    source = tmp_path / "cases.csv"
    source.write_text("topic,location,actor\nterrorism,operations-theatre,terrorist-group\n")
    out = tmp_path / "out.jsonl"
    result = run_cli(["batch", str(source), "--no-log", "--output", str(out)], EN)
    assert result.exit_code == 0
    assert json.loads(out.read_text())["lead"] == "adiv"
    wrong = run_cli(["batch", str(source), "--no-log", "--input-format", "jsonl"], EN)
    assert wrong.exit_code == 2
    missing = run_cli(["batch", str(tmp_path / "nope.csv")], EN)
    assert missing.exit_code == 2
    assert "cannot read" in missing.stderr


def test_empty_input_is_nothing_to_do() -> None:
    result = batch("--no-log", input="\n\n")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "0 lines" in result.stderr


def test_hostile_lines_do_not_stop_the_batch() -> None:
    lines = [
        json.dumps({"topic": "\x1b[31mred", "location": "belgium", "actor": "lone-actor"}),
        json.dumps({"topic": "x" * 1_000_000, "location": "belgium", "actor": "lone-actor"}),
        json.dumps(
            {"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "extra": 1}
        ),
        '{"topic": "terrorism", "location": "belgium", "actor": "lone-actor"',
        json.dumps({"topic": "terrorism", "location": "belgium", "actor": "lone-actor"}),
    ]
    result = batch("--no-log", input="\n".join(lines) + "\n")
    assert result.exit_code == 2
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [("error" in r) for r in records] == [True, True, True, True, False]
    assert "\x1b" not in result.stdout.replace("\\u001b", "")
    assert all(len(json.dumps(r)) < 5_000 for r in records)


# --------------------------------------------------------------------------- the decision log


def test_decide_logs_a_complete_record(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    run_cli(
        [
            *LONE_ACTOR,
            "--log",
            str(log),
        ],
        EN,
    )
    (entry,) = [json.loads(line) for line in log.read_text().splitlines()]
    assert set(entry) == {"time", "user", "tool", "source", "ruleset", "case", "decision"}
    assert entry["time"].endswith("Z")
    assert entry["tool"].startswith("allocator ")
    assert entry["source"] == "decide"
    assert entry["ruleset"].startswith("sha256:")
    assert entry["case"]["topic"] == "terrorism"
    assert entry["decision"]["lead"] == "vsse"


def test_no_log_and_the_environment(tmp_path: Path) -> None:
    log = tmp_path / "env.jsonl"
    args = [*LONE_ACTOR]
    run_cli([*args, "--no-log"], {**EN, "ALLOCATOR_LOG": str(log)})
    assert not log.exists()
    run_cli(args, {**EN, "ALLOCATOR_LOG": str(log)})
    assert len(log.read_text().splitlines()) == 1


def test_batch_logs_every_decision_but_not_invalid_lines(tmp_path: Path) -> None:
    log = tmp_path / "batch.jsonl"
    batch("--log", str(log), input=JSONL + "\n")
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert [e["source"] for e in entries] == ["batch", "batch"]


def test_a_log_that_cannot_be_written_is_an_error_after_the_answer(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    unwritable = blocker / "log.jsonl"
    result = run_cli(
        [
            *LONE_ACTOR,
            "--log",
            str(unwritable),
        ],
        EN,
    )
    assert result.exit_code == 1
    assert "State Security (VSSE)" in result.stdout
    assert "could not be written to the decision log" in result.stderr


def test_a_torn_last_line_is_reported_skipped_and_isolated(tmp_path: Path) -> None:
    log = tmp_path / "torn.jsonl"
    args = [
        *LONE_ACTOR,
        "--log",
        str(log),
    ]
    run_cli(args, EN)
    with open(log, "ab") as fh:
        fh.write(
            b'{"time": "2026-11-28T10:00:00Z", "user": "x", "case": {"topic": "terr'
        )  # a crash mid-write
    records, skipped = read(log)
    assert len(records) == 1
    assert [(s.line, s.reason) for s in skipped] == [(2, "partial")]
    shown = run_cli(["log", "--log", str(log)], EN)
    assert shown.exit_code == 0
    assert "line 2 is a partial record" in shown.stderr
    run_cli(args, EN)  # the next writer starts a fresh line: the torn record cannot swallow it
    records, skipped = read(log)
    assert len(records) == 2
    assert [(s.line, s.reason) for s in skipped] == [(2, "invalid")]


def test_log_filters_and_json(tmp_path: Path) -> None:
    log = tmp_path / "filters.jsonl"
    for topic, location in (
        ("terrorism", "belgium"),
        ("espionage", "abroad"),
        ("terrorism", "military-site"),
    ):
        run_cli(
            [
                "decide",
                "--topic",
                topic,
                "--location",
                location,
                "--actor",
                "company",
                "--log",
                str(log),
            ],
            EN,
        )
    text = run_cli(["log", "--log", str(log)], EN).stdout.splitlines()
    assert len(text) == 3
    assert "terrorism · belgium · company" in text[0]
    assert "→ VSSE" in text[0]
    by_topic = json.loads(
        run_cli(["log", "--log", str(log), "--topic", "terrorism", "--format", "json"], EN).stdout
    )
    assert [e["case"]["location"] for e in by_topic] == ["belgium", "military-site"]
    by_lead = json.loads(
        run_cli(
            ["log", "--log", str(log), "--lead", "adiv", "--format", "json", "--limit", "1"], EN
        ).stdout
    )
    assert [e["case"]["location"] for e in by_lead] == ["military-site"]
    assert run_cli(["log", "--log", str(log), "--since", "2999-01-01"], EN).stdout == ""
    assert (
        len(run_cli(["log", "--log", str(log), "--until", "2999-01-01"], EN).stdout.splitlines())
        == 3
    )
    # Relative moments are accepted (tests/test_case_reference.py); anything else is refused.
    assert run_cli(["log", "--log", str(log), "--since", "last tuesday"], EN).exit_code == 2
    assert len(run_cli(["log", "--log", str(log), "--since", "1w"], EN).stdout.splitlines()) == 3


def test_replay_lists_the_decisions_the_rules_in_force_would_change(
    tmp_path: Path, rules_copy: Path, edit: Any
) -> None:
    log = tmp_path / "replay.jsonl"
    for location in ("belgium", "abroad"):
        run_cli(
            [
                "decide",
                "--topic",
                "cyber-attack",
                "--location",
                location,
                "--actor",
                "criminal-organisation",
                "--log",
                str(log),
            ],
            EN,
        )
    unchanged = run_cli(["replay", "--log", str(log)], EN)
    assert unchanged.exit_code == 0
    assert "0 of 2 logged decisions would be given differently" in unchanged.stdout
    edit(
        rules_copy / "cyber.yaml",
        "      lead: none\n      priority: 250\n",
        "      lead: vsse\n      priority: 250\n",
    )
    changed = run_cli(
        ["replay", "--log", str(log), "--rules", str(rules_copy), "--format", "json"], EN
    )
    assert changed.exit_code == 1
    document = json.loads(changed.stdout)
    assert document["replayed"] == 2
    assert document["differ"] == 2
    assert {(d["before"]["lead"], d["now"]["lead"]) for d in document["differences"]} == {
        ("none", "vsse")
    }
    assert len(log.read_text().splitlines()) == 2  # replaying logs nothing


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from allocator.desk.decision_log import append
    path, worker, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    padding = "x" * 20_000  # records larger than a pipe buffer, to make interleaving likely if it could happen
    for i in range(count):
        append(path, [{"case": {"worker": worker, "i": i}, "decision": {"pad": padding}}])
    """
)


@pytest.mark.slow
def test_concurrent_writers_never_interleave(tmp_path: Path) -> None:
    log = tmp_path / "concurrent.jsonl"
    workers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(log), str(n), "150"]) for n in range(6)
    ]
    for process in workers:
        assert process.wait(timeout=120) == 0
    records, skipped = read(log)
    assert skipped == []
    assert len(records) == 6 * 150
    for worker in range(6):
        mine = [r["case"]["i"] for r in records if r["case"]["worker"] == str(worker)]
        assert mine == list(range(150))  # each writer's records intact and in its own order
    assert all(len(r["decision"]["pad"]) == 20_000 for r in records)


@pytest.mark.slow
def test_concurrent_batches_through_the_command_line(tmp_path: Path) -> None:
    log = tmp_path / "batches.jsonl"
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"topic":"terrorism","location":"belgium","actor":"lone-actor"}\n' * 300)
    env = {**os.environ, "ALLOCATOR_LOG": str(log)}
    runs = [
        subprocess.Popen(
            [EXE, "batch", str(cases), "--output", os.devnull], env=env, stderr=subprocess.DEVNULL
        )
        for _ in range(4)
    ]
    assert [p.wait(timeout=120) for p in runs] == [0, 0, 0, 0]
    records, skipped = read(log)
    assert (len(records), skipped) == (1200, [])


def test_append_returns_what_it_wrote(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "log.jsonl"
    assert append(path, [{"case": {}, "decision": {}}] * 3) == 3
    assert len(path.read_text().splitlines()) == 3


def test_the_progress_bar_counts_every_byte_and_passes_every_line_through() -> None:
    import io

    from allocator.desk.batch import LineReader

    lines = [f'{{"topic": "terrorism", "n": {i}}}\n' for i in range(500)]
    data = "".join(lines).encode()
    counted: list[int] = []
    assert list(LineReader(io.BytesIO(data), progress=counted.append)) == lines
    assert sum(counted) == len(data)
