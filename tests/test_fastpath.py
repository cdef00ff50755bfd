"""The fast path of `allocator decide` answers exactly as the full command line, without pydantic."""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from allocator.cli import fast as fastpath
from allocator.desk.service import Allocator
from allocator.load.policy import load_policy
from allocator.testing import run_cli
from tests.helpers import LONE_ACTOR, SHIPPED

EXE = str(Path(sys.executable).with_name("allocator"))


def fast(args: list[str]) -> tuple[int | None, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = fastpath.run(args)
    return status, out.getvalue()


def cases(count: int) -> list[list[str]]:
    vocabulary = load_policy(SHIPPED).vocabulary
    rnd = random.Random(5)
    found = []
    for _ in range(count):
        args = [
            "decide",
            "--topic", rnd.choice(vocabulary.ids("topics")),
            "--location", rnd.choice(vocabulary.ids("locations")),
            "--actor", rnd.choice(vocabulary.ids("actors")),
        ]  # fmt: skip
        if rnd.random() < 0.5:
            args += ["--target", rnd.choice(vocabulary.ids("targets"))]
        for flag in rnd.sample(vocabulary.ids("flags"), rnd.randint(0, 3)):
            args += ["--flag", flag]
        found.append(args)
    return found


@pytest.fixture(autouse=True)
def _compiled() -> None:
    load_policy(SHIPPED)  # the full path compiles the rule set into the (test's) cache


@pytest.mark.parametrize(
    ("fmt", "lang"), list(itertools.product(["text", "json"], ["en", "nl", "fr"]))
)
def test_the_fast_path_answers_exactly_as_the_full_path(fmt: str, lang: str) -> None:
    for number, args in enumerate(cases(40)):
        if number % 3 == 1:
            args = [*args, "--why"]  # the reasoning too (in JSON, the explanation)
        full = run_cli([*args, "--format", fmt, "--lang", lang, "--no-log"])
        status, output = fast([*args, "--format", fmt, "--lang", lang, "--no-log"])
        assert status == full.exit_code
        assert output == full.stdout, args


def test_gaps_and_conflicts_too(rules_copy: Path) -> None:
    (rules_copy / "rival.yaml").write_text(
        "rules:\n  - id: rival.x\n    title: Rival\n    basis: None\n    description: Test.\n"
        "    when: {topic: espionage, not: {facts: defence-nexus}}\n    then: {lead: adiv, priority: 200}\n"
    )
    load_policy(rules_copy)
    args = [
        "decide",
        "--topic",
        "espionage",
        "--location",
        "belgium",
        "--actor",
        "company",
        "--rules",
        str(rules_copy),
        "--no-log",
    ]
    full = run_cli(args, {"ALLOCATOR_LANG": "en"})
    status, output = fast([*args, "--lang", "en"])
    assert (status, full.exit_code) == (4, 4)
    assert output == full.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["decide", "--topic", "terrorism", "--location", "belgium"],
        ["decide", "--topic", "terrorsm", "--location", "belgium", "--actor", "lone-actor"],
        [
            *LONE_ACTOR,
            "--explain",
        ],
        [
            *LONE_ACTOR,
            "--format",
            "xml",
        ],
        [
            *LONE_ACTOR,
            "--help",
        ],
        [
            "decide",
            "--topic",
            "terrorism",
            "--topic",
            "extremism",
            "--location",
            "belgium",
            "--actor",
            "lone-actor",
        ],
        [
            *LONE_ACTOR,
            "--flag",
            "imminnt",
        ],
        ["rules"],
        ["decide", "--location", "belgium", "--actor", "lone-actor", "--topic"],
    ],
)
def test_anything_but_a_plain_valid_case_goes_the_full_way(args: list[str]) -> None:
    assert fast(args) == (None, "")


def test_rules_not_compiled_yet_go_the_full_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALLOCATOR_CACHE_DIR", str(tmp_path / "empty-cache"))
    assert fast([*LONE_ACTOR]) == (None, "")


def test_an_edited_rule_file_is_never_answered_from_the_old_compiled_form(
    rules_copy: Path, edit: Any, private_cache: Path
) -> None:
    args = [
        "decide",
        "--topic",
        "cyber-attack",
        "--location",
        "belgium",
        "--actor",
        "criminal-organisation",
        "--rules",
        str(rules_copy),
        "--format",
        "json",
        "--no-log",
    ]
    load_policy(rules_copy)
    assert json.loads(fast(args)[1])["lead"] == "none"
    edit(
        rules_copy / "cyber.yaml",
        "      lead: none\n      priority: 250\n",
        "      lead: vsse\n      priority: 250\n",
    )
    assert fast(args) == (None, "")  # not compiled yet: the full path takes over (and compiles)
    load_policy(rules_copy)
    assert json.loads(fast(args)[1])["lead"] == "vsse"


def test_the_fast_path_logs_the_same_record(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    args = [
        *LONE_ACTOR,
        "--log",
        str(log),
    ]
    run_cli(args, {"ALLOCATOR_LANG": "en"})
    fast(args)
    full, quick = (json.loads(line) for line in log.read_text().splitlines())
    for entry in (full, quick):
        entry.pop("time")
    assert quick == full


#: What a plain decision, logged, must never import: the full command line and the loading layer
#: (click, pydantic, the YAML parser); the standard dataclasses, whose import (inspect, ast, dis,
#: tokenize) and per-class compilation were a quarter of a cold start (allocator.record); typing
#: and threading, a few milliseconds more (annotations are not evaluated; the engine's locks come
#: from _thread); OpenSSL, through hashlib (the caches' digest is BLAKE2b: allocator.digest).
HEAVY = (
    *("pydantic", "click", "ruamel.yaml", "dataclasses", "inspect"),
    *("typing", "threading", "hashlib", "_hashlib"),
)


@pytest.mark.parametrize("extra", [[], ["--format", "json", "--lang", "nl"]])
def test_the_installed_command_answers_without_importing_pydantic_click_or_dataclasses(
    tmp_path: Path, extra: list[str]
) -> None:
    env = {**os.environ, "ALLOCATOR_LOG": str(tmp_path / "log.jsonl")}
    args = [*LONE_ACTOR, *extra]
    subprocess.run([EXE, *args], env=env, capture_output=True, check=True)  # compiles if needed
    probe = (
        "import sys; from allocator.cli.entry import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit as exit:\n    code = exit.code\n"
        f"print('heavy:', sorted(m for m in {HEAVY!r} if m in sys.modules), code, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, *args], env=env, capture_output=True, text=True, check=True
    )
    assert "heavy: [] 0" in result.stderr
    assert "VSSE" in result.stdout or '"lead": "vsse"' in result.stdout
    assert len((tmp_path / "log.jsonl").read_text().splitlines()) == 2  # both runs logged


def test_decisions_from_the_api_and_the_fast_path_agree(shipped: Allocator) -> None:
    for args in cases(30):
        options = dict(zip(args[1::2], args[2::2], strict=False))
        flags = [args[i + 1] for i, a in enumerate(args) if a == "--flag"]
        case = {
            "topic": options["--topic"],
            "location": options["--location"],
            "actor": options["--actor"],
            "flags": flags,
        }
        if "--target" in options:
            case["target"] = options["--target"]
        _status, output = fast([*args, "--format", "json", "--no-log"])
        assert json.loads(output) == shipped.decide(case).as_json()
