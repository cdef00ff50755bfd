"""The caches: the compiled rule set on disk (fast start-up) and the memo of one rule set in memory.

They speed up, and can never serve what another rule set (or another allocator) decided: the
compiled form is keyed by the very bytes parsed, checked, private to its user, pruned; decisions are
never stored on disk; the memo belongs to the rule set that filled it, taken whole by every call.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import allocator.load.rules
from allocator.desk.service import Allocator
from allocator.errors import AllocatorError
from allocator.load.policy import load_policy
from allocator.store import compiled as cache
from allocator.testing import run_cli
from tests.helpers import LONE_ACTOR, SHIPPED

EXE = str(Path(sys.executable).with_name("allocator"))

CASES = "".join(
    json.dumps(case) + "\n"
    for case in [
        {"topic": "cyber-attack", "location": "belgium", "actor": "criminal-organisation"},
        {"topic": "cyber-attack", "location": "belgium", "actor": "criminal-organisation"},
        {"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "flags": ["imminent"]},
    ]
)
#: A case whose lead the edit below changes (none -> vsse).
CYBER = {"topic": "cyber-attack", "location": "belgium", "actor": "criminal-organisation"}
LEAD_NONE = "      lead: none\n      priority: 250\n"
LEAD_VSSE = "      lead: vsse\n      priority: 250\n"


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("compiled-*.json"))


def edited(rules: Path, target: Path) -> Path:
    """A copy of `rules` in which cyber crime without an art. 8 link goes to VSSE."""
    shutil.copytree(rules, target)
    text = (target / "cyber.yaml").read_text(encoding="utf-8")
    assert LEAD_NONE in text
    (target / "cyber.yaml").write_text(text.replace(LEAD_NONE, LEAD_VSSE, 1), encoding="utf-8")
    return target


# --------------------------------------------------------------------------- the compiled rule set


def test_a_compiled_rule_set_is_read_back_without_parsing(
    rules_copy: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_policy(rules_copy)
    assert entries(private_cache)

    def must_not_parse(*_: Any) -> Any:
        raise AssertionError("the rules were parsed again")

    monkeypatch.setattr(allocator.load.rules, "parse_rules", must_not_parse)
    again = load_policy(rules_copy)
    assert again == first  # the whole policy: rules, sources, strata, fingerprint, directory


def test_the_policy_read_back_is_the_policy_compiled(rules_copy: Path) -> None:
    from allocator.load.compiled import cached_policy
    from allocator.load.files import read_rules

    load_policy(rules_copy)  # compiled, and stored
    read_back = cached_policy(read_rules(rules_copy))
    assert read_back is not None
    assert read_back == load_policy(rules_copy, cache=False)
    assert read_back.term_sources == load_policy(rules_copy, cache=False).term_sources


def test_editing_a_rule_file_is_never_served_from_the_cache(rules_copy: Path, edit: Any) -> None:
    before = load_policy(rules_copy)
    edit(rules_copy / "cyber.yaml", LEAD_NONE, LEAD_VSSE)
    after = load_policy(rules_copy)
    assert after.fingerprint != before.fingerprint
    assert after.by_id["cyber.no-art8-threat"].then.lead == "vsse"


def test_a_new_allocator_build_does_not_read_an_older_cache(
    rules_copy: Path, monkeypatch: pytest.MonkeyPatch, private_cache: Path
) -> None:
    load_policy(rules_copy)
    monkeypatch.setattr(cache, "code_digest", lambda: "another-build")
    load_policy(rules_copy)
    assert len(entries(private_cache)) == 2


@pytest.mark.slow
def test_a_file_saved_while_the_rules_are_read_never_poisons_the_cache(
    rules_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue, defect 2: the key hashed the files at one moment and the policy was parsed from them
    a moment later; a file saved in between was stored under the old key, for good. Here one file
    is swapped between two versions all the time while rule sets compile into fresh caches; each
    cache must then answer each version with that version's lead."""
    version_a = (rules_copy / "cyber.yaml").read_bytes()
    version_b = version_a.replace(LEAD_NONE.encode(), LEAD_VSSE.encode(), 1)
    assert version_a != version_b

    def put(content: bytes) -> None:
        swap = rules_copy / ".swap"
        swap.write_bytes(content)
        os.replace(swap, rules_copy / "cyber.yaml")

    caches = []
    stop = threading.Event()

    def swapper() -> None:
        index = 0
        while not stop.is_set():
            put(version_b if index % 2 == 0 else version_a)
            index += 1
            time.sleep(0.001)

    thread = threading.Thread(target=swapper)
    thread.start()
    try:
        for run in range(30):
            directory = tmp_path / f"cache-{run}"
            monkeypatch.setenv("ALLOCATOR_CACHE_DIR", str(directory))
            load_policy(rules_copy)
            caches.append(directory)
    finally:
        stop.set()
        thread.join()
    poisoned = []
    for directory in caches:
        monkeypatch.setenv("ALLOCATOR_CACHE_DIR", str(directory))
        for content, lead in ((version_a, "none"), (version_b, "vsse")):
            put(content)
            found = load_policy(rules_copy).by_id["cyber.no-art8-threat"].then.lead
            if found != lead:
                poisoned.append((directory.name, lead, found))
    assert poisoned == []


def _mutations(data: bytes) -> list[bytes]:
    """Damage of every kind: torn, flipped, swapped for another format, lengths made huge (a
    pickle's FRAME length raised MemoryError and OverflowError in the unpickler)."""
    middle = len(data) // 2
    return [
        b"",
        data[:middle],
        data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1 :],
        data + b"trailing garbage",
        b"not a cache entry at all",
        data[:3] + b"\xff" * 8 + data[11:],
        data[:3] + b"\x00\x00\x00\x00\x00\x00\x00\x7f" + data[11:],
        b"\x80\x05\x95" + b"\xff" * 8 + b"\x8c",
        b'{"format": "allocator-compiled/1"}\n{}',
        b"[" * 100_000 + b"]" * 100_000,
        b"\n" + data,
    ]


def test_a_damaged_cache_is_ignored_and_rebuilt(rules_copy: Path, private_cache: Path) -> None:
    """Issue, defect 4: some damaged caches raised MemoryError or OverflowError on every command
    until deleted by hand. Any damage is ignored, then overwritten by a good entry."""
    policy = load_policy(rules_copy)
    originals = {path: path.read_bytes() for path in private_cache.iterdir()}
    assert originals
    for path, data in originals.items():
        for damaged in _mutations(data):
            path.write_bytes(damaged)
            path.chmod(0o600)
            assert load_policy(rules_copy).fingerprint == policy.fingerprint
            assert run_fast_decide(rules_copy) == "none"
            # the damage was overwritten: the next start reads a good entry again
            assert any(p.read_bytes() == data for p in private_cache.iterdir() if p.is_file())


def run_fast_decide(rules: Path) -> str:
    """The lead of the cyber case through `allocator decide --format json` (the fast path first)."""
    from allocator.cli.entry import main

    args = [
        "decide", "--topic", "cyber-attack", "--location", "belgium",
        "--actor", "criminal-organisation", "--rules", str(rules), "--format", "json", "--no-log",
    ]  # fmt: skip
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 0
    return str(json.loads(out.getvalue())["lead"])


def test_a_planted_pickle_is_never_loaded(
    rules_copy: Path, private_cache: Path, tmp_path: Path
) -> None:
    """Issue, defect 4: the compiled policy was a pickle, loaded without any check: whoever could
    write the cache directory ran code as the duty officer. Nothing in the cache is ever unpickled."""
    marker = tmp_path / "pwned"

    class Planted:
        def __reduce__(self) -> tuple[Any, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    load_policy(rules_copy)
    for path in list(private_cache.iterdir()):
        path.write_bytes(pickle.dumps(Planted()))
        path.chmod(0o600)
    assert load_policy(rules_copy).fingerprint
    assert run_fast_decide(rules_copy) == "none"
    assert not marker.exists()


def test_the_cache_is_private_to_its_user(rules_copy: Path, tmp_path: Path) -> None:
    """Issue, defect 4: the SQLite decision cache was world-readable (case history). The cache
    directory is 0700, every file in it 0600, and no case is ever stored there."""
    directory = tmp_path / "fresh" / "cache"
    env = {"ALLOCATOR_LANG": "en", "ALLOCATOR_CACHE_DIR": str(directory)}
    old = os.umask(0o022)
    try:
        assert (
            run_cli(["batch", "--rules", str(rules_copy), "--no-log"], env, input=CASES).exit_code
            == 0
        )
        assert run_cli(["rules", "--rules", str(rules_copy)], env).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    files = list(directory.iterdir())
    assert files
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
        assert path.stat().st_uid == os.getuid()
        assert b"lone-actor" not in path.read_bytes() or path.name.startswith("compiled-")
    assert not [p for p in files if p.read_bytes().startswith(b"SQLite format")]


def test_a_planted_answer_cannot_change_a_decision(rules_copy: Path, private_cache: Path) -> None:
    """Issue, defect 4: a planted SQLite file (its name derived from the public fingerprint) made
    batch answer ADIV for a VSSE case, and log it. Decisions never come from a file."""
    env = {"ALLOCATOR_LANG": "en", "ALLOCATOR_CACHE_DIR": str(private_cache)}
    case = '{"topic":"terrorism","location":"belgium","actor":"lone-actor"}\n'
    first = run_cli(["batch", "--rules", str(rules_copy), "--no-log"], env, input=case)
    assert json.loads(first.stdout)["lead"] == "vsse"
    for path in private_cache.iterdir():
        if path.read_bytes().startswith(b"SQLite format"):
            with sqlite3.connect(path) as db:
                for key, decision in db.execute("SELECT case_key, decision FROM decisions"):
                    planted = decision.replace('"lead":"vsse"', '"lead":"adiv"')
                    db.execute(
                        "UPDATE decisions SET decision = ?, lead = 'adiv' WHERE case_key = ?",
                        (planted, key),
                    )
                db.execute("UPDATE decisions SET summary = NULL")  # the NULL row that crashed
    log = private_cache.parent / "planted-log.jsonl"
    again = run_cli(["batch", "--rules", str(rules_copy), "--log", str(log)], env, input=case)
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["lead"] == "vsse"
    assert json.loads(log.read_text())["decision"]["lead"] == "vsse"


def test_entries_that_are_not_ours_are_refused_and_rebuilt(
    rules_copy: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_policy(rules_copy)
    (entry,) = entries(private_cache)
    parsed: list[bool] = []
    real = allocator.load.rules.parse_rules

    def counting(*args: Any) -> Any:
        parsed.append(True)
        return real(*args)

    monkeypatch.setattr(allocator.load.rules, "parse_rules", counting)
    entry.chmod(0o644)  # readable by others: not one of ours
    load_policy(rules_copy)
    assert parsed == [True]
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600  # rebuilt, private again
    load_policy(rules_copy)
    assert parsed == [True]  # and read back
    if os.geteuid() == 0:  # only root can give a file away: a file another user planted
        os.chown(entry, 65534, 65534)
        load_policy(rules_copy)
        assert parsed == [True, True]
        assert entry.stat().st_uid == 0


def test_a_cache_directory_open_to_others_is_closed_or_not_used(
    rules_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = tmp_path / "ours"
    ours.mkdir()
    ours.chmod(0o777)
    monkeypatch.setenv("ALLOCATOR_CACHE_DIR", str(ours))
    load_policy(rules_copy)
    assert stat.S_IMODE(ours.stat().st_mode) == 0o700  # nothing but ours in it: closed
    assert entries(ours)
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "someone-elses-file").write_text("x")
    shared.chmod(0o777)
    monkeypatch.setenv("ALLOCATOR_CACHE_DIR", str(shared))
    assert load_policy(rules_copy).rules  # works, without any cache
    assert stat.S_IMODE(shared.stat().st_mode) == 0o777  # left as it was
    assert not entries(shared)


def test_the_cache_keeps_only_the_most_recent_entries(
    rules_copy: Path, private_cache: Path, edit: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue, defect 7: caches were never pruned. Old versions' files are removed too."""
    keep = getattr(cache, "KEEP", 8)
    legacy = [
        private_cache / name
        for name in ("policy-x.pickle", "runtime-x.pickle", "decisions-x-y.sqlite")
    ]
    for path in legacy:
        path.write_bytes(b"old")
    previous = "Terrorism, radicalisation or extremism"
    for index in range(keep + 4):
        text = (rules_copy / "terrorism.yaml").read_text(encoding="utf-8")
        assert previous in text
        replacement = f"Terrorism {index}, radicalisation or extremism"
        edit(rules_copy / "terrorism.yaml", previous, replacement)
        previous = replacement
        latest = load_policy(rules_copy)
    assert len(list(private_cache.iterdir())) == keep  # entries, and nothing else
    assert len(entries(private_cache)) == keep
    assert not any(path.exists() for path in legacy)

    def must_not_parse(*_: Any) -> Any:
        raise AssertionError("the rule set in force was pruned")

    monkeypatch.setattr(allocator.load.rules, "parse_rules", must_not_parse)
    assert load_policy(rules_copy) == latest  # the most recent is among those kept, read back


def test_the_key_does_not_depend_on_the_working_directory(
    rules_copy: Path, private_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue, defect 7: the key held the working directory, so every directory compiled again.
    Paths in messages stay relative to wherever the command runs."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    seen = []
    files = []
    for where in (rules_copy.parent, elsewhere, rules_copy.parent):
        monkeypatch.chdir(where)
        policy = load_policy(rules_copy.resolve())
        seen.append(policy.sources["cyber.no-art8-threat"].path)
        files.append(sorted(path.name for path in private_cache.iterdir()))
    assert files[0] == files[1] == files[2]
    assert len(entries(private_cache)) == 1
    assert seen[0] == seen[2] == "rules/cyber.yaml"
    assert seen[1] == str(rules_copy.resolve() / "cyber.yaml")


def test_an_unwritable_cache_directory_only_costs_time(
    rules_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("ALLOCATOR_CACHE_DIR", str(blocker / "cache"))
    assert load_policy(rules_copy).rules
    with Allocator.from_directory(rules_copy) as allocator:
        case = {"topic": "terrorism", "location": "belgium", "actor": "lone-actor"}
        assert allocator.answer(case).lead == "vsse"


# --------------------------------------------------------------------------- no decision on disk


def test_batch_answers_from_the_rules_in_force_and_stores_no_decision(
    rules_copy: Path, edit: Any, private_cache: Path
) -> None:
    env = {"ALLOCATOR_LANG": "en", "ALLOCATOR_CACHE_DIR": str(private_cache)}
    first = run_cli(["batch", "--rules", str(rules_copy), "--no-log"], env, input=CASES)
    again = run_cli(["batch", "--rules", str(rules_copy), "--no-log"], env, input=CASES)
    assert again.stdout == first.stdout
    assert [json.loads(line)["lead"] for line in first.stdout.splitlines()] == [
        "none",
        "none",
        "vsse",
    ]
    assert [p.name for p in private_cache.iterdir()] == [p.name for p in entries(private_cache)]
    edit(rules_copy / "cyber.yaml", LEAD_NONE, LEAD_VSSE)
    changed = run_cli(["batch", "--rules", str(rules_copy), "--no-log"], env, input=CASES)
    leads = [json.loads(line)["lead"] for line in changed.stdout.splitlines()]
    assert leads == ["vsse", "vsse", "vsse"]
    assert all(
        json.loads(line)["ruleset"] != json.loads(first.stdout.splitlines()[0])["ruleset"]
        for line in changed.stdout.splitlines()
    )


def test_no_cache_writes_nothing_to_the_cache(rules_copy: Path, private_cache: Path) -> None:
    env = {"ALLOCATOR_LANG": "en", "ALLOCATOR_CACHE_DIR": str(private_cache)}
    result = run_cli(
        ["batch", "--rules", str(rules_copy), "--no-log", "--no-cache"], env, input=CASES
    )
    assert result.exit_code == 0
    assert not list(private_cache.iterdir())


# --------------------------------------------------------------------------- the memo, the snapshot


def test_cached_and_fresh_answers_are_identical(shipped: Allocator) -> None:
    with Allocator(shipped.policy, cache=True) as cached:
        for case in [json.loads(line) for line in CASES.splitlines()] * 2:
            fresh = shipped.decide(case).as_json()
            assert json.loads(cached.answer(case).json) == fresh
            assert cached.decide(case).as_json() == fresh


def test_invalid_cases_are_never_cached(shipped: Allocator) -> None:
    from allocator.errors import CaseError

    with Allocator(shipped.policy, cache=True) as cached:
        for bad in (
            {"topic": "terrorsm", "location": "belgium", "actor": "lone-actor"},
            {"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "extra": 1},
            {"topic": ["terrorism"], "location": "belgium", "actor": "lone-actor"},
            {"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "flags": [{}]},
            {"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "flags": [1, "a"]},
        ):
            with pytest.raises(CaseError):
                cached.answer(bad)
            with pytest.raises(CaseError):
                cached.decide(bad)


def test_the_memo_of_a_rule_set_never_answers_for_another(rules_copy: Path, tmp_path: Path) -> None:
    other = edited(rules_copy, tmp_path / "other")
    with Allocator.from_directory(rules_copy) as allocator:
        before = allocator.answer(CYBER)
        assert before.lead == "none"
        assert allocator.decide(CYBER).lead == "none"
        allocator.reload(other)
        after = allocator.answer(CYBER)
        assert (after.lead, allocator.decide(CYBER).lead) == ("vsse", "vsse")
        assert after.ruleset == allocator.policy.fingerprint != before.ruleset


def test_a_reload_during_a_decision_never_splits_it(
    rules_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue, defect 3: answer() took the memo and the engine in two steps; a reload in between
    mixed rule sets, or met an engine already closed. A call finishes under the rule set it
    started with, whole: here a reload lands in the middle of the engine's work."""
    from allocator.engine.durable import Engine

    other = edited(rules_copy, tmp_path / "other")
    allocator = Allocator.from_directory(rules_copy)
    first_fingerprint = allocator.policy.fingerprint
    real_match = Engine.match
    reloads: list[bool] = []

    def match_with_a_reload(engine: Engine, case: Any) -> Any:
        if not reloads:
            reloads.append(True)
            allocator.reload(other)  # the rule set in force changes under the running call
        return real_match(engine, case)

    monkeypatch.setattr(Engine, "match", match_with_a_reload)
    for call in (allocator.answer, allocator.decide):
        reloads.clear()
        allocator.reload(rules_copy)
        answered = call(CYBER)
        assert reloads == [True]
        assert (answered.lead, answered.ruleset) == ("none", first_fingerprint)
        assert call(CYBER).lead == "vsse"  # the next call: the new rule set, whole
    allocator.close()


#: The issue's 600 reloads met 9,965 calls (about 16 a reload), 298 of which failed. Here four
#: threads call all the time: each reload runs under thousands of calls (over half a million in
#: 40 reloads, measured), so a race of that kind shows many times over; more reloads only repeat it.
RELOADS = 40


@pytest.mark.slow
def test_reloads_under_load_give_only_whole_answers(rules_copy: Path, tmp_path: Path) -> None:
    """Issue, defect 3: 298 of 9,965 calls raised a raw durable_rules_engine.error during 600
    reloads, and rule set B's answer was stored in rule set A's decision cache."""
    other = edited(rules_copy, tmp_path / "other")
    expected = {}
    for directory in (rules_copy, other):
        with Allocator.from_directory(directory, cache=False) as fresh:
            expected[fresh.policy.fingerprint] = {
                (location, actor): fresh.answer(
                    {**CYBER, "location": location, "actor": actor}
                ).lead
                for location in fresh.policy.vocabulary.ids("locations")
                for actor in fresh.policy.vocabulary.ids("actors")
            }
    keys = sorted(next(iter(expected.values())))
    allocator = Allocator.from_directory(rules_copy)
    errors: list[str] = []
    mixed: list[tuple[Any, ...]] = []
    calls = [0]
    stop = threading.Event()

    def worker(offset: int) -> None:
        index = offset
        while not stop.is_set():
            location, actor = keys[index % len(keys)]
            index += 7
            try:
                answer = allocator.answer({**CYBER, "location": location, "actor": actor})
            except Exception as exc:
                errors.append(f"{type(exc).__module__}.{type(exc).__name__}: {exc}")
                continue
            calls[0] += 1
            if expected[answer.ruleset][(location, actor)] != answer.lead:
                mixed.append((location, actor, answer.ruleset, answer.lead))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    try:
        for index in range(RELOADS):
            allocator.reload(other if index % 2 == 0 else rules_copy)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    allocator.close()
    assert calls[0] > 0
    assert errors == []
    assert mixed == []
    env = {"ALLOCATOR_LANG": "en"}
    lines = "".join(
        json.dumps({**CYBER, "location": location, "actor": actor}) + "\n"
        for location, actor in keys
    )
    result = run_cli(["batch", "--rules", str(rules_copy), "--no-log"], env, input=lines)
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    (fingerprint,) = {answer["ruleset"] for answer in answers}
    assert [answer["lead"] for answer in answers] == [expected[fingerprint][key] for key in keys]
    assert fingerprint == load_policy(rules_copy).fingerprint


def _rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs Linux /proc")
def test_an_allocator_never_closed_frees_its_engine(shipped: Allocator) -> None:
    """Issue, defect 7: an Allocator not closed leaked ~0.8 MB of the engine's C memory."""
    case = {"topic": "terrorism", "location": "belgium", "actor": "lone-actor"}
    for _ in range(3):
        Allocator(shipped.policy).decide(case)
    gc.collect()
    before = _rss_mb()
    for _ in range(40):
        Allocator(shipped.policy).decide(case)
    gc.collect()
    assert _rss_mb() - before < 10


def test_a_closed_allocator_says_so(shipped: Allocator) -> None:
    with Allocator(shipped.policy) as allocator:
        assert allocator.decide(
            {"topic": "terrorism", "location": "belgium", "actor": "lone-actor"}
        )
    with pytest.raises(AllocatorError) as caught:
        allocator.decide({"topic": "terrorism", "location": "belgium", "actor": "lone-actor"})
    assert caught.value.key == "allocator-closed"
    allocator.close()  # idempotent


# --------------------------------------------------------------------------- the rules on disk


def _limited(
    args: list[str], env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """allocator in a process capped in memory; a hang hits the timeout and fails the test."""
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))\n"
        "from allocator.cli.entry import main\n"
        "main(sys.argv[1:])\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "ALLOCATOR_LANG": "en", **(env or {})},
        check=False,
    )


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "directory"])
@pytest.mark.parametrize("command", ["rules", "decide", "batch", "check"])
def test_a_rule_file_that_is_not_a_regular_file_is_refused(
    rules_copy: Path,
    private_cache: Path,
    kind: str,
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue: a FIFO named x.yaml in rules/ hung every command; `x.yaml -> /dev/zero` exhausted
    memory in the digest. Both are refused at once, with the file named (exit 3). They run in a
    process capped in memory, with a timeout; a directory, which can do neither, in-process (through
    the same entry point, fast path included)."""
    load_policy(rules_copy)  # compiled before: the fast path would look
    target = rules_copy / "x.yaml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "dev-zero":
        target.symlink_to("/dev/zero")
    else:
        target.mkdir()
    args = {
        "rules": ["rules"],
        "decide": [*LONE_ACTOR, "--no-log"],
        "batch": ["batch", "--no-log", os.devnull],
        "check": ["check"],
    }[command]
    if kind == "directory":
        from allocator.cli.entry import main

        monkeypatch.setenv("ALLOCATOR_LANG", "en")
        with pytest.raises(SystemExit) as exit_:
            main([*args, "--rules", str(rules_copy)])
        status, stderr = exit_.value.code, capsys.readouterr().err
    else:
        result = _limited(
            [*args, "--rules", str(rules_copy)], {"ALLOCATOR_CACHE_DIR": str(private_cache)}
        )
        status, stderr = result.returncode, result.stderr
    assert status == 3, stderr
    assert "x.yaml: not-a-regular-file: not a regular file but a" in stderr
    assert "Traceback" not in stderr


def test_a_rule_file_read_once_is_bounded(rules_copy: Path, tmp_path: Path) -> None:
    from allocator.load.files import MAX_RULE_FILE_BYTES, read_bounded

    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_RULE_FILE_BYTES + 10))
    data, size, kind, reason = read_bounded(big, MAX_RULE_FILE_BYTES)
    assert (data, size, kind, reason) == (None, MAX_RULE_FILE_BYTES + 10, None, None)
    exact = tmp_path / "exact.yaml"
    exact.write_bytes(b"#" * MAX_RULE_FILE_BYTES)
    assert read_bounded(exact, MAX_RULE_FILE_BYTES)[0] == b"#" * MAX_RULE_FILE_BYTES


def test_the_shipped_rules_compile_into_one_entry(private_cache: Path) -> None:
    load_policy(SHIPPED)
    (entry,) = entries(private_cache)
    header, _, body = entry.read_bytes().partition(b"\n")
    assert json.loads(header)["format"] == cache.FORMAT
    assert isinstance(json.loads(body), dict)  # plain JSON data: nothing that runs when read


def test_the_code_digest_is_kept_under_a_stamp_and_recomputed_after_an_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The digest of allocator's code is read back under a stamp of its files (names, sizes,
    inodes, times) instead of hashing every file at each start; an edit gives a new stamp, and
    the digest is computed from the bytes again."""
    package = tmp_path / "package"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("A = 1\n")
    (package / "sub" / "b.py").write_text("B = 2\n")
    (package / "sub" / "notes.txt").write_text("not code\n")
    monkeypatch.setattr(cache, "PACKAGE", package)
    monkeypatch.setenv("ALLOCATOR_CACHE_DIR", str(tmp_path / "cache"))
    cache.code_digest.cache_clear()
    first = cache.code_digest()
    stamps = [p for p in (tmp_path / "cache").iterdir() if "code-" in p.name]
    assert len(stamps) == 1
    assert stat.S_IMODE(stamps[0].stat().st_mode) == 0o600

    reads: list[str] = []
    real_open = open

    def counting_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        reads.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", counting_open)
    cache.code_digest.cache_clear()
    assert cache.code_digest() == first
    assert not [r for r in reads if r.endswith(".py")]  # read back, not hashed again

    (package / "sub" / "b.py").write_text("B = 3\n")  # same size, new bytes
    cache.code_digest.cache_clear()
    assert cache.code_digest() != first
    cache.code_digest.cache_clear()
