"""`allocator diff` for review: values named in the reader's language, and every rule that differs
named field by field with where it is written on each side (directories and git revisions)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from allocator.analysis.domain import build_model, compare
from allocator.analysis.regions import Space
from allocator.load.policy import load_policy
from allocator.model import Policy
from allocator.staff.diff import DiffReport, compare_rules, labelled
from allocator.testing import run_cli
from tests.helpers import NO_LEAD, SHIPPED, git, make_policy, shipped_checkout

EN = {"ALLOCATOR_LANG": "en"}
Edit = Callable[[Path, str, str], None]
#: crime.no-art8-link sends organised crime with no art. 8 link to the police (no lead).


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git checkout whose rules/ are the shipped rules, committed (HEAD)."""
    root = shipped_checkout(tmp_path / "checkout")
    return root


def where(directory: Path, rule_id: str) -> str:
    """`file:line` of a rule as the loader names it (relative to the working directory)."""
    return str(load_policy(directory).sources[rule_id])


def report(old: Policy, new: Policy) -> DiffReport:
    """What `allocator diff` computes for two rule sets in memory."""
    space = Space.merged(old.vocabulary, new.vocabulary)
    changes = compare(build_model(old, space=space), build_model(new, space=space))
    return DiffReport("old", "new", old, new, space, changes, compare_rules(old, new))


def block(text: str, rule_id: str) -> list[str]:
    """The lines of the block of one rule in a diff's text: its head, then its field lines."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"  {rule_id}"))
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    return lines[start:end]


# --------------------------------------------------------------------------- labels


def test_an_id_is_shown_with_its_label_unless_the_label_shows_it() -> None:
    assert labelled("Terrorisme", "terrorism") == "Terrorisme (terrorism)"
    assert labelled("Sûreté de l'État (VSSE)", "vsse") == "Sûreté de l'État (VSSE)"
    assert labelled("crime", "crime") == "crime"


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "fr",
            [
                "  crime.no-art8-link : modifiée, {old} → {new}",
                "    then.lead : aucun service (affaire de police) (none) → Service Général du Renseignement et de la Sécurité (SGRS) (adiv)",
                "pilote aucun service (affaire de police) (none) → Service Général du Renseignement et de la Sécurité (SGRS) (adiv) pour 73\u202f728 dossiers :",
                "    Organisation criminelle (criminal-organisation)",
                "      · Territoire belge (belgium) | Institution internationale (international-institution) | Étranger (abroad) | Réseau civil (civil-network)",
                "      · Acteur isolé (lone-actor) | Organisation criminelle (criminal-organisation)",
                "thème                                            Pilote  Compétence  Partenaires  Concertation",
                "Organisation criminelle (criminal-organisation)  73\u202f728           0            0             0",
            ],
        ),
        (
            "nl",
            [
                "  crime.no-art8-link: gewijzigd, {old} → {new}",
                "    then.lead: geen dienst (politiezaak) (none) → Algemene Dienst Inlichting en Veiligheid (ADIV)",
                "leiding geen dienst (politiezaak) (none) → Algemene Dienst Inlichting en Veiligheid (ADIV) voor 73.728 zaken:",
                "    Criminele organisatie (criminal-organisation)",
                "      · Belgisch grondgebied (belgium) | Internationale instelling (international-institution) | Buitenland (abroad) | Civiel netwerk (civil-network)",
                "      · Bevolking (population) | Publiek figuur (public-figure) | Niet opgegeven (unspecified)",
            ],
        ),
    ],
)
def test_the_report_speaks_the_language_asked(
    rules_copy: Path, edit: Edit, lang: str, lines: list[str]
) -> None:
    edit(rules_copy / "crime.yaml", NO_LEAD, "      lead: adiv\n      priority: 250\n")
    result = run_cli(["diff", str(SHIPPED), str(rules_copy), "--lang", lang])
    assert result.exit_code == 1, result.stderr
    old, new = where(SHIPPED, "crime.no-art8-link"), where(rules_copy, "crime.no-art8-link")
    out = result.stdout.splitlines()
    for line in lines:
        expected = line.format(old=old, new=new)
        assert any(got.startswith(expected) for got in out), (expected, result.stdout)
    # Regions are told in words, never in the form of ids only (`topic=…, location=any`).
    assert "topic=" not in result.stdout
    assert "location=" not in result.stdout


def test_the_flags_of_a_region_are_named_by_their_labels(rules_copy: Path, edit: Edit) -> None:
    path = rules_copy / "flags.yaml"
    edit(path, "      partners: cfi\n", "      partners: [cfi, ocad]\n")
    result = run_cli(["diff", str(SHIPPED), str(rules_copy), "--lang", "fr"])
    assert result.exit_code == 1
    assert "partenaire + Organe de coordination pour l'analyse de la menace (OCAM) (ocad)" in (
        result.stdout
    )
    assert "avec l'indicateur Volet financier (financial-component)" in result.stdout
    assert "financial-component=yes" not in result.stdout


# --------------------------------------------------------------------------- rules, field by field


def test_every_kind_of_field_is_named_with_the_rule_file_and_line() -> None:
    fact = {"id": "fact.nexus", "when": {"location": "military-site"}}
    lead = {
        "id": "lead.rule",
        "when": {"topic": "terrorism", "target": "defence"},
        "then": {
            "lead": "vsse",
            "priority": 200,
            "partners": ["ocad", "fedpol"],
            "consultation": "liaison",
        },
    }
    old = make_policy(
        [
            {**fact, "then": {"derive": "defence-nexus"}},
            lead,
            {"id": "gone", "then": {"consultation": "liaison"}},
        ]
    )
    new = make_policy(
        [
            {"id": "new.rule", "title": "A new rule", "then": {"consultation": "cciv"}},
            {
                **lead,
                "title": {"nl": "lead.rule", "fr": "une autre", "en": "lead.rule"},
                "basis": {"nl": "wet", "fr": "loi", "en": "test"},
                "description": {"nl": "a", "fr": "b", "en": "c"},
                "when": {
                    "topic": ["terrorism", "espionage"],
                    "location": "belgium",
                    "flags": "imminent",
                    "facts": "defence-nexus",
                    "not": {"actor": "soldier"},
                },
                "then": {
                    "lead": "adiv",
                    "priority": 300,
                    "partners": ["fedpol", "nccn"],
                    "competent": "adiv",
                    "consultation": ["liaison", "crisis-cell"],
                },
            },
            {**fact, "then": {"derive": ["defence-nexus", "civil-setting"]}},
        ]
    )
    diff = report(old, new)
    text = diff.text("en")
    assert "4 rules differ:" in text
    assert block(text, "lead.rule") == [
        "  lead.rule: changed, test.yaml:2 → test.yaml:2",
        "    then.lead: vsse → adiv",
        "    then.priority: 200 → 300",
        "    then.partners: + nccn; − ocad",
        "    then.competent: + adiv",
        "    then.consultation: + crisis-cell",
        "    when.topic: + espionage",
        "    when.location: (no condition) → belgium",
        "    when.target: defence → (no condition)",
        "    when.flags: (no condition) → imminent",
        "    when.facts: (no condition) → defence-nexus",
        "    when.not.actor: + soldier",
        "    title: text changed (fr)",
        "    description: text changed (en, nl, fr)",
        "    basis: text changed (nl, fr)",
    ]
    assert block(text, "fact.nexus") == [
        "  fact.nexus: changed, test.yaml:1 → test.yaml:3",
        "    then.derive: + civil-setting",
    ]
    assert block(text, "new.rule") == [
        "  new.rule: added in test.yaml:1",
        "    title: A new rule",
    ]
    assert block(text, "gone") == ["  gone: removed from test.yaml:3", "    title: gone"]
    # The rule blocks come before the regions of cases.
    assert text.index("4 rules differ:") < text.index(" on ")

    rules = {rule["id"]: rule for rule in diff.as_json()["rules"]}
    assert list(rules) == ["fact.nexus", "gone", "lead.rule", "new.rule"]
    assert rules["lead.rule"]["change"] == "changed"
    assert rules["lead.rule"]["fields"] == [
        "then.lead",
        "then.priority",
        "then.partners",
        "then.competent",
        "then.consultation",
        "when.topic",
        "when.location",
        "when.target",
        "when.flags",
        "when.facts",
        "when.not.actor",
        "title",
        "description",
        "basis",
    ]
    details = {d["field"]: d for d in rules["lead.rule"]["details"]}
    assert details["then.lead"] == {"field": "then.lead", "before": "vsse", "after": "adiv"}
    assert details["then.partners"] == {
        "field": "then.partners",
        "before": ["ocad", "fedpol"],
        "after": ["fedpol", "nccn"],
        "added": ["nccn"],
        "removed": ["ocad"],
    }
    assert details["basis"] == {"field": "basis", "languages": ["nl", "fr"]}
    assert rules["lead.rule"]["old"] == {"file": "test.yaml", "line": 2}
    assert rules["new.rule"] == {
        "id": "new.rule",
        "change": "added",
        "fields": [],
        "details": [],
        "old": None,
        "new": {"file": "test.yaml", "line": 1},
    }
    assert rules["gone"]["change"] == "removed"
    assert (rules["gone"]["old"], rules["gone"]["new"]) == ({"file": "test.yaml", "line": 3}, None)
    assert diff.as_json()["summary"]["rules_changed"] == 4


def test_the_order_of_a_list_is_no_change() -> None:
    rule = {"id": "r", "when": {"topic": ["terrorism", "espionage"]}, "then": {"lead": "vsse"}}
    swapped = {**rule, "when": {"topic": ["espionage", "terrorism"]}}
    old = make_policy([{**rule, "then": {"lead": "vsse", "priority": 1}}])
    new = make_policy([{**swapped, "then": {"lead": "vsse", "priority": 1}}])
    assert report(old, new).rules[0].fields == []
    assert "when.topic" not in report(old, new).text("en")


def test_the_field_lines_speak_the_language_asked() -> None:
    old = make_policy([{"id": "r", "then": {"lead": "vsse", "priority": 1}}])
    new = make_policy([{"id": "r", "when": {"topic": "crime"}, "then": {"consultation": "cciv"}}])
    text = report(old, new).text("fr")
    assert block(text, "r") == [
        "  r : modifiée, test.yaml:1 → test.yaml:1",
        "    then.lead : vsse → (non défini)",
        "    then.priority : 1 → (non défini)",
        "    then.consultation : + cciv",
        "    when.topic : (aucune condition) → crime",
    ]
    assert "1 règle diffère :" in text


def test_each_side_is_named_file_and_line_for_directories(rules_copy: Path, edit: Edit) -> None:
    # Ten lines more before the rule: its line moves, and the report says so.
    edit(rules_copy / "crime.yaml", "rules:\n", "rules:\n" + "#\n" * 10)
    edit(rules_copy / "crime.yaml", NO_LEAD, "      lead: vsse\n      priority: 250\n")
    old, new = load_policy(SHIPPED), load_policy(rules_copy)
    rule = "crime.no-art8-link"
    assert new.sources[rule].line == old.sources[rule].line + 10
    result = run_cli(["diff", str(SHIPPED), str(rules_copy)], EN)
    assert result.exit_code == 1
    assert block(result.stdout, rule) == [
        f"  {rule}: changed, {old.sources[rule]} → {new.sources[rule]}",
        "    then.lead: no service (police matter) (none) → State Security (VSSE)",
    ]
    assert "1 rule differs:" in result.stdout  # the comment lines change no rule
    document = json.loads(
        run_cli(["diff", str(SHIPPED), str(rules_copy), "--format", "json"]).stdout
    )
    (entry,) = document["rules"]
    assert entry["old"] == {"file": old.sources[rule].path, "line": old.sources[rule].line}
    assert entry["new"] == {"file": new.sources[rule].path, "line": new.sources[rule].line}
    assert (entry["change"], entry["fields"]) == ("changed", ["then.lead"])
    assert entry["details"] == [{"field": "then.lead", "before": "none", "after": "vsse"}]


def test_a_rule_renamed_is_removed_and_added_and_decides_nothing_differently(
    rules_copy: Path, edit: Edit
) -> None:
    edit(rules_copy / "crime.yaml", "  - id: crime.no-art8-link\n", "  - id: crime.police\n")
    result = run_cli(["diff", str(SHIPPED), str(rules_copy)], EN)
    assert result.exit_code == 0  # no case is decided differently
    old, new = where(SHIPPED, "crime.no-art8-link"), where(rules_copy, "crime.police")
    assert "2 rules differ:" in result.stdout
    assert f"  crime.no-art8-link: removed from {old}" in result.stdout
    assert f"  crime.police: added in {new}" in result.stdout
    assert "No change: all 25,878,528 cases are decided the same way" in result.stdout
    document = json.loads(
        run_cli(["diff", str(SHIPPED), str(rules_copy), "--format", "json"]).stdout
    )
    assert [(r["id"], r["change"]) for r in document["rules"]] == [
        ("crime.no-art8-link", "removed"),
        ("crime.police", "added"),
    ]
    assert document["rules"][0]["new"] is None
    assert document["rules"][1]["old"] is None
    assert document["changes"] == []


def test_a_text_changed_alone_is_listed_and_exits_0(rules_copy: Path, edit: Edit) -> None:
    edit(
        rules_copy / "crime.yaml",
        'fr: "La criminalité organisée sans lien',
        'fr: "La grande criminalité organisée sans lien',
    )
    result = run_cli(["diff", str(SHIPPED), str(rules_copy), "--lang", "fr"])
    assert result.exit_code == 0
    assert block(result.stdout, "crime.no-art8-link")[1:] == ["    title : texte modifié (fr)"]


def test_the_json_report_keeps_its_keys_and_adds_the_rules(rules_copy: Path, edit: Edit) -> None:
    edit(rules_copy / "crime.yaml", NO_LEAD, "      lead: vsse\n      priority: 250\n")
    result = run_cli(["diff", str(SHIPPED), str(rules_copy), "--format", "json", "--lang", "fr"])
    document: dict[str, Any] = json.loads(result.stdout)
    assert list(document) == ["old", "new", "rules", "changes", "summary"]
    # Ids, whatever the language.
    assert [(c["aspect"], c["before"], c["after"]) for c in document["changes"]] == [
        ("lead", "none", "vsse")
    ]
    assert document["changes"][0]["regions"][0]["topic"] == ["criminal-organisation"]
    assert set(document["rules"][0]) == {"id", "change", "fields", "details", "old", "new"}
    assert document["summary"]["rules_changed"] == 1


# --------------------------------------------------------------------------- git revisions


def test_files_of_a_revision_are_named_as_git_names_them(repo: Path) -> None:
    path = repo / "rules" / "espionage.yaml"
    text = path.read_text()
    old = "      topic: espionage\n    then:\n      lead: vsse\n      priority: 200\n"
    assert old in text
    path.write_text(text.replace(old, old + "      partners: ocad\n"))
    git(repo, "commit", "-qam", "espionage: inform OCAD")
    line = load_policy(repo / "rules").sources["espionage.art8-threat"].line

    result = run_cli(["diff", "HEAD~1", "HEAD", "--rules", str(repo / "rules")], EN)
    assert result.exit_code == 1, result.stderr
    assert block(result.stdout, "espionage.art8-threat") == [
        f"  espionage.art8-threat: changed, HEAD~1:rules/espionage.yaml:{line}"
        f" → HEAD:rules/espionage.yaml:{line}",
        "    then.partners: + Coordination Unit for Threat Analysis (CUTA) (ocad)",
    ]
    assert "allocator-rules-" not in result.stdout  # never the temporary copy of a revision

    result = run_cli(["diff", "HEAD~1", "--rules", str(repo / "rules"), "--format", "json"], EN)
    (entry,) = json.loads(result.stdout)["rules"]
    assert entry["old"] == {"file": "HEAD~1:rules/espionage.yaml", "line": line}
    on_disk = load_policy(repo / "rules").sources["espionage.art8-threat"]
    assert entry["new"] == {"file": on_disk.path, "line": line}  # NEW: the rules on disk


def test_an_invalid_revision_names_its_files_as_git_does(repo: Path) -> None:
    (repo / "rules" / "terrorism.yaml").write_text("rules: [")
    git(repo, "commit", "-qam", "a broken rule file")
    git(repo, "checkout", "-q", "HEAD~1", "--", "rules")  # the rules on disk are valid again
    result = run_cli(["diff", "HEAD", "--rules", str(repo / "rules")], EN)
    assert result.exit_code == 3
    assert result.stderr.startswith("allocator: error: HEAD:rules/terrorism.yaml:")
    assert "the rule set is invalid (1 error); nothing was loaded" in result.stderr
    assert "allocator-rules-" not in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_an_unknown_revision_is_a_usage_error(repo: Path) -> None:
    result = run_cli(["diff", "v99", "--rules", str(repo / "rules"), "--lang", "fr"])
    assert result.exit_code == 2
    assert "`v99`" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
