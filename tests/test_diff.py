"""`allocator diff`: exactly the cases that change, between directories or git revisions."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from allocator.desk.service import Allocator
from allocator.load.policy import load_policy
from allocator.model import Vocabulary
from allocator.testing import run_cli
from tests.helpers import SHIPPED, Decisions, FlagFreeCase, domain_size, git, shipped_checkout

EN = {"ALLOCATOR_LANG": "en"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git checkout whose rules/ differ by one rule between HEAD~1 and HEAD."""
    root = shipped_checkout(tmp_path / "checkout")
    path = root / "rules" / "espionage.yaml"
    text = path.read_text()
    # One rule changes: espionage.art8-threat (VSSE's espionage lead) now brings in OCAD.
    old = "      topic: espionage\n    then:\n      lead: vsse\n      priority: 200\n"
    assert old in text
    path.write_text(text.replace(old, old + "      partners: ocad\n"))
    git(root, "commit", "-qam", "espionage: inform OCAD")
    return root


def changed_cases(old: Decisions, new: Allocator) -> set[FlagFreeCase]:
    """The flag-free cases whose lead, partners or consultation differ between `old` (the decision
    of every flag-free case) and `new`."""
    changed = set()
    for case, a in old.items():
        b = new.decide(dict(zip(("topic", "location", "actor", "target"), case, strict=True)))
        if (a.lead, a.partners, a.consultation) != (b.lead, b.partners, b.consultation):
            changed.add(case)
    return changed


def cases_in(document: dict[str, Any], vocabulary: Vocabulary) -> set[tuple[str, ...]]:
    """The flag-free cases of every changed region of a diff report."""
    found: set[tuple[str, ...]] = set()
    for change in document["changes"]:
        for region in change["regions"]:
            if any(value == "yes" for value in region["flags"].values()):
                continue
            axes = [
                vocabulary.ids(name) if region[key] == "any" else region[key]
                for key, name in (
                    ("topic", "topics"),
                    ("location", "locations"),
                    ("actor", "actors"),
                    ("target", "targets"),
                )
            ]
            found.update(itertools.product(*axes))
    return found


@pytest.mark.slow
def test_two_revisions_differing_by_one_rule_list_exactly_the_cases_that_changed(
    repo: Path, shipped: Allocator, flag_free_decisions: Decisions
) -> None:
    result = run_cli(
        ["diff", "HEAD~1", "HEAD", "--rules", str(repo / "rules"), "--format", "json"], EN
    )
    assert result.exit_code == 1, result.stderr
    document = json.loads(result.stdout)
    (change,) = document["changes"]
    assert (change["aspect"], change["before"], change["after"]) == ("partner", None, "ocad")
    assert change["rules_after"] == ["espionage.art8-threat"]
    # The rule applies to every espionage case (its partners count even where a higher priority
    # outranks its lead), but terrorist and extremist groups already brought OCAD in: every
    # other actor changes, in every location, target and combination of flags.
    vocabulary = load_policy(repo / "rules").vocabulary
    already = {"terrorist-group", "extremist-group"}
    assert already <= set(vocabulary.ids("actors"))
    actors = len(vocabulary.ids("actors")) - len(already)
    flags = 2 ** len(vocabulary.ids("flags"))
    locations, targets = len(vocabulary.ids("locations")), len(vocabulary.ids("targets"))
    assert (
        document["summary"]["cases_changed"]
        == change["cases"]
        == locations * actors * targets * flags
    )

    git(repo, "checkout", "-q", "HEAD~1")
    # The revision before is the rules as shipped, whose decisions are known.
    assert load_policy(repo / "rules").fingerprint == shipped.policy.fingerprint
    git(repo, "checkout", "-q", "-")
    new = Allocator.from_directory(repo / "rules")
    expected = changed_cases(flag_free_decisions, new)
    assert expected
    assert cases_in(document, new.policy.vocabulary) == expected


def test_diff_of_directories_and_the_text_report(
    tmp_path: Path, rules_copy: Path, edit: Any
) -> None:
    edit(
        rules_copy / "crime.yaml",
        "      lead: none\n      priority: 250\n",
        "      lead: vsse\n      priority: 250\n",
    )
    result = run_cli(["diff", str(SHIPPED), str(rules_copy)], EN)
    assert result.exit_code == 1
    out = result.stdout
    assert "lead no service (police matter) (none) → State Security (VSSE) on" in out
    assert "rules before: crime.no-art8-link; after: crime.no-art8-link" in out
    assert "partner + Federal Police" not in out  # fedpol stays: crime.no-art8-link still brings it
    assert "for instance: allocator decide --topic criminal-organisation" in out
    assert "1 change;" in out


def test_no_change_exits_0(rules_copy: Path) -> None:
    (rules_copy / "terrorism.yaml").write_text(
        "# a comment\n" + (rules_copy / "terrorism.yaml").read_text()
    )
    result = run_cli(["diff", str(SHIPPED), str(rules_copy)], EN)
    assert result.exit_code == 0
    cases = domain_size(load_policy(rules_copy).vocabulary)
    assert f"No change: all {cases:,} cases are decided the same way" in result.stdout


def test_uncommitted_edits_against_head(repo: Path) -> None:
    path = repo / "rules" / "flags.yaml"
    path.write_text(
        path.read_text().replace("      partners: cfi\n", "      partners: [cfi, ocad]\n")
    )
    result = run_cli(["diff", "HEAD", "--rules", str(repo / "rules"), "--format", "json"], EN)
    assert result.exit_code == 1
    changes = json.loads(result.stdout)["changes"]
    assert [(c["aspect"], c["after"]) for c in changes] == [("partner", "ocad")]
    assert all(region["flags"]["financial-component"] == "yes" for region in changes[0]["regions"])


def test_a_new_topic_shows_as_new_values_and_lead_changes(rules_copy: Path, edit: Any) -> None:
    words = '{nl: "x", fr: "x", en: "x"}'
    edit(
        rules_copy / "vocabulary.yaml",
        "\nlocations:",
        f"\n  - id: piracy\n    label: {words}\n    description: {words}\n\nlocations:",
    )
    (rules_copy / "piracy.yaml").write_text(
        "rules:\n  - id: piracy.lead\n    title: Piracy\n    basis: None\n    description: Test.\n"
        "    when: {topic: piracy}\n    then: {lead: adiv, priority: 400}\n"
    )
    result = run_cli(["diff", str(SHIPPED), str(rules_copy)], EN)
    assert result.exit_code == 1
    assert "New values: topic x (piracy)" in result.stdout
    assert "lead (no lead) → General Intelligence and Security Service (ADIV)" in result.stdout


@pytest.mark.parametrize("spec", ["no-such-revision", "HEAD~999999"])
def test_neither_a_directory_nor_a_revision_is_a_usage_error(repo: Path, spec: str) -> None:
    result = run_cli(["diff", spec, "--rules", str(repo / "rules")], EN)
    assert result.exit_code == 2
    assert "is neither a rules directory nor a git revision" in result.stderr


def test_an_invalid_side_exits_3(rules_copy: Path) -> None:
    (rules_copy / "terrorism.yaml").write_text("rules: [")
    result = run_cli(["diff", str(SHIPPED), str(rules_copy)], EN)
    assert result.exit_code == 3


def test_a_committed_absolute_symlink_is_left_out_when_no_rule_file(
    repo: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("outside the checkout")
    (repo / "rules" / "NOTES").symlink_to(notes)  # absolute, and never read as rules
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "rules: a link to notes kept elsewhere")
    result = run_cli(["diff", "HEAD", "--rules", str(repo / "rules")], EN)
    assert result.exit_code == 0, result.stderr
    assert "No change" in result.stdout


def test_a_committed_absolute_symlink_as_a_rule_file_is_an_invalid_rule_set(
    repo: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "extra.yaml"
    elsewhere.write_text((repo / "rules" / "crime.yaml").read_text())
    link = repo / "rules" / "extra.yaml"
    link.symlink_to(elsewhere)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "rules: a rule file kept elsewhere")
    link.unlink()  # the rules on disk stay valid: only the revision holds the link
    result = run_cli(["diff", "HEAD", "--rules", str(repo / "rules")], EN)
    assert result.exit_code == 3, result.stderr
    assert (
        f"`rules/extra.yaml` is, in revision `HEAD`, a symbolic link to `{elsewhere}`, outside the revision"
        in result.stderr
    )
    assert "internal error" not in result.stderr
