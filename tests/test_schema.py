"""The JSON Schemas in schema/ are what the models generate, and the shipped files satisfy them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from allocator.desk.service import Allocator
from allocator.staff.schema import schema_text
from allocator.testing import run_cli
from tests.helpers import SHIPPED

ROOT = Path(__file__).resolve().parent.parent
RULE_FILES = sorted(p for p in SHIPPED.glob("*.yaml") if p.name != "vocabulary.yaml")


def load(path: Path) -> object:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", ["rules", "vocabulary"])
def test_the_committed_schema_is_what_the_models_generate(shipped: Allocator, kind: str) -> None:
    committed = (ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind, shipped.policy.vocabulary), (
        "run `make schema` and commit schema/"
    )


def test_the_command_prints_the_same_schema(shipped: Allocator) -> None:
    result = run_cli(["schema"], {"ALLOCATOR_LANG": "en"})
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(schema_text("rules", shipped.policy.vocabulary))


@pytest.mark.parametrize("path", [*RULE_FILES, SHIPPED / "vocabulary.yaml"], ids=lambda p: p.name)
def test_each_shipped_file_references_and_satisfies_its_schema(path: Path) -> None:
    kind = "vocabulary" if path.name == "vocabulary.yaml" else "rules"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json"
    schema = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)  # raises SchemaError if it is not a valid schema
    errors = [error.message for error in validator(schema).iter_errors(load(path))]
    assert not errors, errors


@pytest.mark.parametrize(
    "rule",
    [
        {
            "id": "x.y",
            "title": "t",
            "basis": "b",
            "description": "d",
            "when": {"topic": "terrorsm"},
            "then": {"partners": "ocad"},
        },
        {
            "id": "x.y",
            "title": "t",
            "basis": "b",
            "description": "d",
            "when": {"topc": "terrorism"},
            "then": {"partners": "ocad"},
        },
        {
            "id": "x.y",
            "title": "t",
            "basis": "b",
            "description": "d",
            "then": {"partners": ["ocad", "nccnn"]},
        },
        {"id": "x.y", "title": "t", "basis": "b", "then": {"partners": "ocad"}},
    ],
    ids=["unknown-topic", "unknown-key", "unknown-partner", "missing-description"],
)
def test_the_schema_catches_what_an_editor_should_flag(rule: dict[str, object]) -> None:
    schema = json.loads((ROOT / "schema" / "rules.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"rules": [rule]}, schema)
