"""The rule-set fingerprint: the meaning of the rules, the same on every machine.

The canonical form is the parsed vocabulary and rules (rules sorted by id) as compact JSON with
sorted keys. Comments, blank lines, indentation, quoting style, key order and which file a rule
lives in do not change the fingerprint; any change to an id, a label, a title, a basis, a
description, a condition or an effect does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from allocator.load.policy import load_policy

VOCABULARY = """\
topics:
  - {id: t, label: {nl: t, fr: t, en: t}, description: {nl: t, fr: t, en: t}}
locations:
  - {id: l, label: {nl: l, fr: l, en: l}, description: {nl: l, fr: l, en: l}}
actors:
  - {id: a, label: {nl: a, fr: a, en: a}, description: {nl: a, fr: a, en: a}}
targets:
  - {id: unspecified, label: {nl: u, fr: u, en: u}, description: {nl: u, fr: u, en: u}}
services:
  - {id: vsse, label: {nl: v, fr: v, en: v}, description: {nl: v, fr: v, en: v}}
mechanisms:
  - {id: liaison, label: {nl: m, fr: m, en: m}, description: {nl: m, fr: m, en: m}}
settings:
  escalation: [liaison]
"""
RULES = """\
rules:
  - id: r.one
    title: One
    basis: Basis
    description: The one rule.
    when:
      topic: t
    then:
      lead: vsse
      priority: 1
      consultation: liaison
"""
#: The fingerprint of the rule set above. It changes only if the canonical form changes: then
#: bump CANONICAL_FORM in allocator/loader.py and update this value in the same commit.
GOLDEN = "sha256:cb2ed787fd7031ea468f47c324f7ab6f9f6c966248f19df92ae13aa60bc191c6"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    directory = tmp_path / "tiny"
    directory.mkdir()
    (directory / "vocabulary.yaml").write_text(VOCABULARY, encoding="utf-8")
    (directory / "rules.yaml").write_text(RULES, encoding="utf-8")
    return directory


def fp(directory: Path) -> str:
    return load_policy(directory).fingerprint


def test_the_golden_fingerprint(tiny: Path) -> None:
    assert fp(tiny) == GOLDEN


def test_same_files_same_fingerprint_in_another_process_directory_and_locale(
    tiny: Path, tmp_path: Path
) -> None:
    script = "import sys; from allocator.load.policy import load_policy; print(load_policy(sys.argv[1]).fingerprint)"
    env = {**os.environ, "PYTHONHASHSEED": "12345", "LANG": "fr_BE.UTF-8", "LC_ALL": "C"}
    out = subprocess.run(
        [sys.executable, "-c", script, str(tiny.resolve())],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == fp(tiny)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    title: One\n", "    # a comment\n    title: One\n\n"),
        ("    title: One\n", '    title: "One"\n'),
        ("    title: One\n    basis: Basis\n", "    basis: Basis\n    title: One\n"),
        ("      lead: vsse\n      priority: 1\n", "      priority: 1\n      lead: vsse\n"),
        ("      topic: t\n", "      topic: [t]\n"),
        ("    title: One\n", "    title:   One   \n"),
    ],
    ids=[
        "comment-and-blank",
        "quoting",
        "key-order",
        "effect-key-order",
        "one-or-list",
        "surrounding-blanks",
    ],
)
def test_layout_does_not_change_the_fingerprint(tiny: Path, old: str, new: str) -> None:
    before = fp(tiny)
    path = tiny / "rules.yaml"
    path.write_text(path.read_text().replace(old, new), encoding="utf-8")
    assert fp(tiny) == before


def test_moving_a_rule_to_another_file_does_not_change_it(tiny: Path) -> None:
    before = fp(tiny)
    (tiny / "rules.yaml").rename(tiny / "elsewhere.yaml")
    assert fp(tiny) == before


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("rules.yaml", "title: One", "title: Two"),
        ("rules.yaml", "basis: Basis", "basis: Other basis"),
        ("rules.yaml", "description: The one rule.", "description: Changed."),
        ("rules.yaml", "priority: 1", "priority: 2"),
        ("rules.yaml", "id: r.one", "id: r.two"),
        ("vocabulary.yaml", "{nl: t, fr: t, en: t}}", "{nl: t, fr: t, en: T}}"),
    ],
)
def test_any_change_of_content_changes_it(tiny: Path, file: str, old: str, new: str) -> None:
    before = fp(tiny)
    path = tiny / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert fp(tiny) != before


def test_the_shipped_rules_have_a_stable_fingerprint(shipped: Any) -> None:
    assert fp(Path(shipped.policy.directory)) == shipped.policy.fingerprint
