"""Hostile rule files and hostile case input: a clear message, the right exit code, bounded time and
memory, nothing half-loaded, never a traceback. And the engine's failure modes surface."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocator.desk.service import Allocator
from allocator.errors import RuleSetError
from allocator.load.rules import read_policy
from allocator.testing import run_cli
from tests.helpers import LONE_ACTOR, SHIPPED

EXE = str(Path(sys.executable).with_name("allocator"))
#: The memory a hostile file may make allocator use, at most (address space of the process).
MEMORY_LIMIT = 1_500_000_000

LIMITED = textwrap.dedent(
    f"""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))
    from allocator.cli.group import main
    main(sys.argv[1:])
    """
)


def run_limited(*args: str) -> subprocess.CompletedProcess[str]:
    """allocator in a process capped in memory; a hang would hit the timeout and fail the test."""
    return subprocess.run(
        [sys.executable, "-c", LIMITED, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "ALLOCATOR_LANG": "en"},
        check=False,
    )


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


HOSTILE: dict[str, tuple[bytes, str, str]] = {
    # name: (content of rules/terrorism.yaml, expected code, expected position)
    "syntax": (b"rules:\n  - id: x\n    title: [unclosed\n", "yaml-syntax", "terrorism.yaml:4:1"),
    "duplicate-key": (b"rules:\n  - id: a.b\n    id: a.c\n", "duplicate-key", "terrorism.yaml:3:5"),
    "wrong-type": (b"rules: 42\n", "wrong-type", "terrorism.yaml:1:8"),
    "python-tag": (
        b'rules: !!python/object/apply:os.system ["touch /tmp/pwned"]\n',
        "explicit-tag",
        "terrorism.yaml:1:8",
    ),
    "alias-bomb": (billion_laughs().encode(), "alias", "terrorism.yaml:1:4"),
    "not-utf8": (b"rules:\n  - id: caf\xe9\n", "not-utf8", "terrorism.yaml:2:12"),
    "nul": (b"rules:\n  - id: a\x00b\n", "yaml-control-character", "terrorism.yaml:2:10"),
    "ansi": (b"rules:\n  - id: \x1b[31mred\n", "yaml-control-character", "terrorism.yaml:2:9"),
    "directive": (b"%YAML 1.1\n---\nrules: []\n", "yaml-directive", "terrorism.yaml:1:1"),
    "deep": (b"rules: " + b"[" * 200 + b"]" * 200 + b"\n", "too-deep", "terrorism.yaml:1:"),
    "empty": (b"", "empty-file", "terrorism.yaml:1:1"),
}


#: The hostile files built to exhaust memory or time: read in a process capped in memory, with a
#: timeout (a blow-up fails the test, not pytest). The others only ask for the right message and
#: exit status, which the command line gives the same way in-process.
EXHAUSTING = {"alias-bomb", "deep"}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_rule_file_is_refused_with_its_position(rules_copy: Path, name: str) -> None:
    content, code, position = HOSTILE[name]
    (rules_copy / "terrorism.yaml").write_bytes(content)
    if name in EXHAUSTING:
        limited = run_limited("check", "--rules", str(rules_copy))
        status, stderr = limited.returncode, limited.stderr
    else:
        result = run_cli(["check", "--rules", str(rules_copy)], {"ALLOCATOR_LANG": "en"})
        status, stderr = result.exit_code, result.stderr
    assert status == 3, stderr
    assert f": {code}: " in stderr
    assert position in stderr
    assert "Traceback" not in stderr
    assert "\x1b" not in stderr
    assert not Path("/tmp/pwned").exists()


def test_a_50_mb_file_is_refused_at_once(rules_copy: Path) -> None:
    with open(rules_copy / "huge.yaml", "wb") as fh:
        chunk = b"# " + b"x" * 1022 + b"\n"
        for _ in range(50 * 1024):
            fh.write(chunk)
    result = run_limited("rules", "--rules", str(rules_copy))
    assert result.returncode == 3
    assert (
        "huge.yaml: file-too-large: the file is 52,480,000 bytes; a rule file may hold at most 1,000,000 bytes"
        in result.stderr
    )


@pytest.mark.parametrize(
    "kind",
    ["empty-directory", "symlink-loop-file", "symlink-loop-dir", "not-a-directory", "missing"],
)
def test_hostile_directories(tmp_path: Path, rules_copy: Path, kind: str) -> None:
    target = rules_copy
    if kind == "empty-directory":
        target = tmp_path / "empty"
        target.mkdir()
    elif kind == "symlink-loop-file":
        os.symlink(rules_copy / "loop.yaml", rules_copy / "loop.yaml")
    elif kind == "symlink-loop-dir":
        target = tmp_path / "loop"
        os.symlink(target, target)
    elif kind == "not-a-directory":
        target = rules_copy / "terrorism.yaml"
    else:
        target = tmp_path / "nowhere"
    if kind.startswith("symlink-loop"):  # a loop followed would never end: a process of its own
        limited = run_limited("rules", "--rules", str(target))
        status, stdout, stderr = limited.returncode, limited.stdout, limited.stderr
    else:
        result = run_cli(["rules", "--rules", str(target)], {"ALLOCATOR_LANG": "en"})
        status, stdout, stderr = result.exit_code, result.stdout, result.stderr
    assert status == 3, stdout + stderr
    assert "Traceback" not in stderr
    assert "nothing was loaded" in stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file")
def test_an_unreadable_file(rules_copy: Path) -> None:  # pragma: no cover - not as root
    (rules_copy / "terrorism.yaml").chmod(0)
    result = run_limited("rules", "--rules", str(rules_copy))
    assert result.returncode == 3
    assert "unreadable" in result.stderr


@pytest.mark.parametrize("name", ["syntax", "alias-bomb", "python-tag", "not-utf8"])
def test_a_long_running_process_keeps_the_rules_in_force(rules_copy: Path, name: str) -> None:
    allocator = Allocator.from_directory(rules_copy)
    case = {"topic": "terrorism", "location": "belgium", "actor": "lone-actor"}
    before = allocator.decide(case)
    (rules_copy / "terrorism.yaml").write_bytes(HOSTILE[name][0])  # its rules turn hostile
    with pytest.raises(RuleSetError):
        allocator.reload(rules_copy)
    assert allocator.decide(case) == before
    assert allocator.policy.fingerprint == before.ruleset
    allocator.close()


# --------------------------------------------------------------------------- fuzzing the rule files

ORIGINAL = {path.name: path.read_bytes() for path in SHIPPED.glob("*.yaml")}
TOKENS = [
    b":",
    b"- ",
    b"&a ",
    b"*a",
    b"!!python/name:os.system",
    b"{",
    b"]",
    b"\t",
    b"\x00",
    b"\xff",
    b"'",
    b'"',
    b"\n",
    b"  ",
    b"#",
    b"%",
    b"? ",
    b"<<: *a",
    b"1e9",
    b"~",
    b"\xe2\x80\x8b",
]


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(ORIGINAL)))
    data = bytearray(ORIGINAL[name])
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        operation = draw(
            st.sampled_from(
                ["flip", "delete-line", "duplicate-line", "insert", "truncate", "swap-lines"]
            )
        )
        position = draw(st.integers(min_value=0, max_value=max(len(data) - 1, 0)))
        lines = bytes(data).split(b"\n")
        line = position % max(len(lines), 1)
        if operation == "flip" and data:
            data[position] = draw(st.integers(min_value=0, max_value=255))
        elif operation == "delete-line" and len(lines) > 1:
            del lines[line]
            data = bytearray(b"\n".join(lines))
        elif operation == "duplicate-line":
            lines.insert(line, lines[line])
            data = bytearray(b"\n".join(lines))
        elif operation == "swap-lines" and len(lines) > 2:
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[line], lines[other] = lines[other], lines[line]
            data = bytearray(b"\n".join(lines))
        elif operation == "insert":
            data[position:position] = draw(st.sampled_from(TOKENS))
        elif operation == "truncate":
            data = data[:position]
    return name, bytes(data)


@pytest.fixture(scope="module")
def fuzz_directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one directory every fuzzed rule set is written to, in turn. The files an example does
    not mutate are then the same bytes at the same path as before, taken from the loader's memo of
    parsed files: each example parses only its mutated file."""
    return tmp_path_factory.mktemp("fuzz") / "rules"


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_fuzzed_rule_files_give_exit_0_or_3_and_never_a_traceback(
    fuzz_directory: Path, mutation: tuple[str, bytes]
) -> None:
    name, data = mutation
    # The vocabulary and the mutated file only: loading stays fast, and cross-file problems
    # (a fact derived elsewhere) are one more kind of invalid input.
    directory = fuzz_directory
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir()
    for kept in {"vocabulary.yaml", "facts.yaml", name}:
        (directory / kept).write_bytes(ORIGINAL[kept])
    (directory / name).write_bytes(data)
    policy, problems = read_policy(directory)  # never raises
    assert (policy is None) == any(p.severity == "error" for p in problems)
    for problem in problems:
        for lang in ("en", "nl", "fr"):
            assert problem.render(lang).strip(), (problem.code, lang)
    result = run_cli(["rules", "--rules", str(directory)], {"ALLOCATOR_LANG": "en"})
    assert result.exit_code in {0, 3}, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr


# --------------------------------------------------------------------------- hostile case input


@pytest.mark.parametrize(
    "value",
    [
        "",
        " ",
        "x" * 1_000_000,
        "\x1b[2J\x1b[31mboom",
        "terrorism\x00",
        "../../etc/passwd",
        "TERRORISM",
        "ter rorism",
        "🙂",
    ],
    ids=["empty", "blank", "1-MB", "ansi", "nul", "path", "upper", "space", "emoji"],
)
def test_hostile_values_are_a_usage_error_never_echoed_raw(value: str) -> None:
    result = run_cli(
        ["decide", "--topic", value, "--location", "belgium", "--actor", "lone-actor"],
        {"ALLOCATOR_LANG": "en"},
    )
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "\x00" not in result.stderr
    assert len(result.stderr) < 3_000
    assert "Traceback" not in result.stderr


def test_an_upper_case_id_is_suggested_in_lower_case() -> None:
    result = run_cli(
        ["decide", "--topic", "TERRORISM", "--location", "belgium", "--actor", "lone-actor"],
        {"ALLOCATOR_LANG": "en"},
    )
    assert "did you mean `terrorism`?" in result.stderr


# --------------------------------------------------------------------------- the engine's failure modes


def test_an_exception_in_a_rule_action_is_an_internal_error_naming_the_rule(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import allocator.engine.durable

    def failing(rule: Any) -> None:
        if rule.id == "terrorism.art8-threat":
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(allocator.engine.durable, "_record_nothing", failing)
    result = run_cli(
        [
            *LONE_ACTOR,
            "--no-log",
        ],
        {"ALLOCATOR_LANG": "en"},
    )
    assert result.exit_code == 1
    assert (
        "the inference engine failed while applying rule `terrorism.art8-threat`" in result.stderr
    )
    assert "disk on fire" in result.stderr
    assert result.stdout == ""  # no answer rather than a wrong one


def test_a_crashing_engine_is_not_an_answer(tmp_path: Path) -> None:
    """If the C core killed the process, the officer sees a failure, never a decision."""
    script = "import os, signal, allocator.engine.durable as e; e._record_nothing = lambda rule: os.kill(os.getpid(), signal.SIGSEGV)\nfrom allocator.cli.group import main\nmain()"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "decide",
            "--topic",
            "terrorism",
            "--location",
            "belgium",
            "--actor",
            "lone-actor",
            "--no-log",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert result.stdout == ""


def test_random_cases_in_many_threads_match_one_thread(shipped: Allocator) -> None:
    import concurrent.futures

    vocabulary = shipped.policy.vocabulary
    rnd = random.Random(8)
    cases = [
        {
            "topic": rnd.choice(vocabulary.ids("topics")),
            "location": rnd.choice(vocabulary.ids("locations")),
            "actor": rnd.choice(vocabulary.ids("actors")),
            "flags": rnd.sample(vocabulary.ids("flags"), 2),
        }
        for _ in range(2_000)
    ]
    expected = [shipped.decide(case) for case in cases]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(shipped.decide, cases)) == expected
