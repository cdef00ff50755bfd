"""An editor helps policy staff as they type: the JSON Schema of the rule files completes every id
with its label and description (English first, Dutch and French after), the way the YAML
language server (the VS Code YAML extension) shows them, and .vscode/ maps the schemas onto the
files and recommends the extensions."""

from __future__ import annotations

import fnmatch
import json
from typing import Any

import jsonschema
import pytest

from allocator.desk.service import Allocator
from allocator.i18n import t
from allocator.model import LIST_KIND, VOCABULARY_LISTS, Vocabulary
from allocator.staff.schema import rules_schema
from tests.project import ROOT

SCHEMA = json.loads((ROOT / "schema" / "rules.schema.json").read_text(encoding="utf-8"))
VSCODE = ROOT / ".vscode"


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return node


def choices_of(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """The enum an id property allows: one id, or a list of them (anyOf), or one id alone."""
    alternatives = node.get("anyOf", [node])
    found = [resolve(schema, alternative) for alternative in alternatives]
    return next(choice for choice in found if "enum" in choice)


@pytest.mark.parametrize("name", VOCABULARY_LISTS)
def test_every_vocabulary_id_is_completed_with_its_labels(shipped: Allocator, name: str) -> None:
    vocabulary = shipped.policy.vocabulary
    choice = SCHEMA["$defs"][f"{LIST_KIND[name]}-id"]
    ids = list(vocabulary.ids(name))
    assert [value for value in choice["enum"] if value in ids] == ids  # partners: services too
    for term in getattr(vocabulary, name):
        index = choice["enum"].index(term.id)
        plain = choice["enumDescriptions"][index]
        assert plain.startswith(f"{term.label.en} — {term.description.en}")
        assert f"nl: {term.label.nl}" in plain
        assert f"fr: {term.label.fr}" in plain
        markdown = choice["markdownEnumDescriptions"][index]
        for lang in ("en", "nl", "fr"):
            label, description = term.label.get(lang), term.description.get(lang)
            assert f"**{label}** ({lang}) — {description}" in markdown
        assert markdown.index("(en)") < markdown.index("(nl)") < markdown.index("(fr)")


def test_each_property_offers_its_list(shipped: Allocator) -> None:
    defs = SCHEMA["$defs"]
    vocabulary: Vocabulary = shipped.policy.vocabulary
    for model in ("Condition", "When"):
        for attribute, name in (
            ("topic", "topics"),
            ("location", "locations"),
            ("actor", "actors"),
            ("target", "targets"),
            ("flags", "flags"),
            ("facts", "facts"),
        ):
            choice = choices_of(SCHEMA, defs[model]["properties"][attribute])
            assert choice["enum"] == list(vocabulary.ids(name)), (model, attribute)
    then = defs["Then"]["properties"]
    assert choices_of(SCHEMA, then["partners"])["enum"] == list(vocabulary.partner_ids())
    assert choices_of(SCHEMA, then["competent"])["enum"] == list(vocabulary.ids("services"))
    assert choices_of(SCHEMA, then["consultation"])["enum"] == list(vocabulary.ids("mechanisms"))
    assert choices_of(SCHEMA, then["derive"])["enum"] == list(vocabulary.ids("facts"))
    lead = choices_of(SCHEMA, then["lead"])
    assert lead["enum"] == list(vocabulary.lead_ids())
    none = lead["markdownEnumDescriptions"][-1]
    for lang in ("en", "nl", "fr"):
        assert t("lead-none-short", lang) in none


def test_every_description_list_matches_its_enum() -> None:
    for name, node in SCHEMA["$defs"].items():
        if "enum" in node and name.endswith("-id"):
            assert len(node["enumDescriptions"]) == len(node["enum"]), name
            assert len(node["markdownEnumDescriptions"]) == len(node["enum"]), name
            assert all(node["enumDescriptions"]), name


def test_the_labelled_schema_still_catches_a_typo(shipped: Allocator) -> None:
    schema = rules_schema(shipped.policy.vocabulary)
    jsonschema.validators.validator_for(schema).check_schema(schema)
    rule = {"id": "x.y", "title": "t", "basis": "b", "description": "d"}
    jsonschema.validate({"rules": [{**rule, "then": {"lead": "none", "priority": 1}}]}, schema)
    for then in ({"lead": "vse", "priority": 1}, {"partners": ["ocad", "ocda"]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"rules": [{**rule, "then": then}]}, schema)


# --------------------------------------------------------------------------- .vscode


def _matches(path: str, patterns: list[str]) -> bool:
    """The YAML language server's reading of a list of globs: the last pattern that matches
    decides, a pattern starting with `!` excluding."""
    matched = False
    for pattern in patterns:
        include = not pattern.startswith("!")
        if fnmatch.fnmatch(path, pattern.removeprefix("!")):
            matched = include
    return matched


def test_the_vscode_settings_map_each_schema_onto_its_files() -> None:
    settings = json.loads((VSCODE / "settings.json").read_text(encoding="utf-8"))
    mapping: dict[str, list[str]] = {
        schema: [patterns] if isinstance(patterns, str) else patterns
        for schema, patterns in settings["yaml.schemas"].items()
    }
    for schema in mapping:
        assert (ROOT / schema).is_file(), schema
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "rules").glob("*.yaml"))
    assert "rules/vocabulary.yaml" in files
    for path in files:
        chosen = [schema for schema, patterns in mapping.items() if _matches(path, patterns)]
        kind = "vocabulary" if path.endswith("vocabulary.yaml") else "rules"
        assert chosen == [f"./schema/{kind}.schema.json"], (path, chosen)
    assert settings["cucumber.features"] == ["features/**/*.feature"]
    assert list((ROOT / "features").glob("*.feature"))


def test_the_vscode_extensions_are_recommended() -> None:
    extensions = json.loads((VSCODE / "extensions.json").read_text(encoding="utf-8"))
    assert set(extensions["recommendations"]) == {
        "redhat.vscode-yaml",
        "CucumberOpen.cucumber-official",
    }


def test_the_readme_says_how_to_set_up_an_editor() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "**Editor set-up.**" in readme
    for words in ("redhat.vscode-yaml", "CucumberOpen.cucumber-official", ".vscode/settings.json"):
        assert words in readme, words


def test_every_vscode_file_is_json() -> None:
    files = sorted(VSCODE.glob("*.json"))
    assert [path.name for path in files] == ["extensions.json", "settings.json"]
    for path in files:
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict), path
