"""The caches: they speed up, and can never serve what another rule set (or another allocator) decided."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import allocator.loader
from allocator import cache
from allocator.api import Allocator
from allocator.loader import load_policy
from allocator.testing import run_cli

CASES = "".join(
    json.dumps(case) + "\n"
    for case in [
        {"topic": "cyber-attack", "location": "belgium", "actor": "criminal-organisation"},
        {"topic": "cyber-attack", "location": "belgium", "actor": "criminal-organisation"},
        {"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "flags": ["imminent"]},
    ]
)


def test_a_compiled_rule_set_is_read_back_without_parsing(
    rules_copy: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_policy(rules_copy)
    assert list(private_cache.glob("policy-*.pickle"))

    def must_not_parse(*_: Any) -> Any:
        raise AssertionError("the rules were parsed again")

    monkeypatch.setattr(allocator.loader, "read_policy", must_not_parse)
    again = load_policy(rules_copy)
    assert again.fingerprint == first.fingerprint
    assert again.rules == first.rules


def test_editing_a_rule_file_is_never_served_from_the_cache(rules_copy: Path, edit: Any) -> None:
    before = load_policy(rules_copy)
    edit(
        rules_copy / "cyber.yaml",
        "      lead: none\n      priority: 250\n",
        "      lead: vsse\n      priority: 250\n",
    )
    after = load_policy(rules_copy)
    assert after.fingerprint != before.fingerprint
    assert after.by_id["cyber.no-art8-threat"].then.lead == "vsse"


def test_a_new_allocator_build_does_not_read_an_older_cache(
    rules_copy: Path, monkeypatch: pytest.MonkeyPatch, private_cache: Path
) -> None:
    load_policy(rules_copy)
    monkeypatch.setattr(cache, "code_digest", lambda: "another-build")
    load_policy(rules_copy)
    assert len(list(private_cache.glob("policy-*.pickle"))) == 2


def test_a_damaged_cache_is_ignored(rules_copy: Path, private_cache: Path) -> None:
    policy = load_policy(rules_copy)
    for path in private_cache.glob("policy-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert load_policy(rules_copy).fingerprint == policy.fingerprint


def test_an_unwritable_cache_directory_only_costs_time(
    rules_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("ALLOCATOR_CACHE_DIR", str(blocker / "cache"))
    assert load_policy(rules_copy).rules
    allocator = Allocator.from_directory(rules_copy)
    assert (
        allocator.answer({"topic": "terrorism", "location": "belgium", "actor": "lone-actor"}).lead
        == "vsse"
    )


def _rows(directory: Path) -> int:
    total = 0
    for path in directory.glob("decisions-*.sqlite"):
        with sqlite3.connect(path) as db:
            total += db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]
    return total


def test_batch_answers_from_the_decision_cache_and_never_a_stale_one(
    rules_copy: Path, edit: Any, private_cache: Path
) -> None:
    env = {"ALLOCATOR_LANG": "en", "ALLOCATOR_CACHE_DIR": str(private_cache)}
    first = run_cli(["batch", "--rules", str(rules_copy), "--no-log"], env, input=CASES)
    assert _rows(private_cache) == 2  # two different cases
    again = run_cli(["batch", "--rules", str(rules_copy), "--no-log"], env, input=CASES)
    assert again.stdout == first.stdout
    assert [json.loads(line)["lead"] for line in first.stdout.splitlines()] == [
        "none",
        "none",
        "vsse",
    ]
    edit(
        rules_copy / "cyber.yaml",
        "      lead: none\n      priority: 250\n",
        "      lead: vsse\n      priority: 250\n",
    )
    changed = run_cli(["batch", "--rules", str(rules_copy), "--no-log"], env, input=CASES)
    leads = [json.loads(line)["lead"] for line in changed.stdout.splitlines()]
    assert leads == ["vsse", "vsse", "vsse"]
    assert all(
        json.loads(line)["ruleset"] != json.loads(first.stdout.splitlines()[0])["ruleset"]
        for line in changed.stdout.splitlines()
    )


def test_no_cache_asks_the_engine_every_time(rules_copy: Path, private_cache: Path) -> None:
    env = {"ALLOCATOR_LANG": "en", "ALLOCATOR_CACHE_DIR": str(private_cache)}
    result = run_cli(
        ["batch", "--rules", str(rules_copy), "--no-log", "--no-cache"], env, input=CASES
    )
    assert result.exit_code == 0
    assert not list(private_cache.glob("decisions-*.sqlite"))


def test_cached_and_fresh_answers_are_identical(shipped: Allocator) -> None:
    cached = Allocator(shipped.policy, cache=True)
    for case in [json.loads(line) for line in CASES.splitlines()] * 2:
        fresh = shipped.decide(case).model_dump(mode="json")
        assert json.loads(cached.answer(case).json) == fresh
        assert cached.decide(case).model_dump(mode="json") == fresh
    cached.close()


def test_invalid_cases_are_never_cached(shipped: Allocator) -> None:
    cached = Allocator(shipped.policy, cache=True)
    from allocator.errors import CaseError

    for bad in (
        {"topic": "terrorsm", "location": "belgium", "actor": "lone-actor"},
        {"topic": "terrorism", "location": "belgium", "actor": "lone-actor", "extra": 1},
    ):
        with pytest.raises(CaseError):
            cached.answer(bad)
    cached.close()
