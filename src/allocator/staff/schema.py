"""JSON Schemas of the rule files, generated from the pydantic models, with the vocabulary's ids.

Editors that speak JSON Schema (the YAML language server in VS Code, IntelliJ…) then check
a rule file while it is typed and complete every id: each rule file starts with
`# yaml-language-server: $schema=../schema/rules.schema.json`.
"""

from __future__ import annotations

import json
from typing import Any

from allocator.load.schemas import RuleFile
from allocator.load.schemas import Vocabulary as VocabularySchema
from allocator.model import CASE_ATTRIBUTES, Vocabulary

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _one_or_many(ids: tuple[str, ...], description: str) -> dict[str, Any]:
    choice = {"enum": list(ids)}
    return {
        "anyOf": [choice, {"type": "array", "items": choice, "uniqueItems": True}],
        "description": description,
    }


def rules_schema(vocabulary: Vocabulary) -> dict[str, Any]:
    """The schema of a rule file, its ids limited to (and completed from) `vocabulary`."""
    schema = RuleFile.model_json_schema(by_alias=True)
    defs = schema["$defs"]
    lists = {**CASE_ATTRIBUTES, "facts": "facts"}
    for model in ("Condition", "When"):
        for attribute, list_name in lists.items():
            prop = defs[model]["properties"][attribute]
            text = prop.get("description") or f"One {attribute} or a list: any of them."
            defs[model]["properties"][attribute] = _one_or_many(vocabulary.ids(list_name), text)
    then = defs["Then"]["properties"]
    then["lead"] = {
        "enum": list(vocabulary.lead_ids()),
        "description": then["lead"].get("description", ""),
    }
    then["partners"] = _one_or_many(vocabulary.partner_ids(), "Partners to bring in.")
    then["competent"] = _one_or_many(
        vocabulary.ids("services"), then["competent"].get("description", "")
    )
    then["consultation"] = _one_or_many(
        vocabulary.ids("mechanisms"), "Consultation mechanisms required."
    )
    then["derive"] = _one_or_many(vocabulary.ids("facts"), then["derive"].get("description", ""))
    return {"$schema": SCHEMA_DIALECT, "$id": "allocator/rules.schema.json", **schema}


def vocabulary_schema() -> dict[str, Any]:
    schema = VocabularySchema.model_json_schema(by_alias=True)
    return {"$schema": SCHEMA_DIALECT, "$id": "allocator/vocabulary.schema.json", **schema}


def schema_text(kind: str, vocabulary: Vocabulary) -> str:
    document = rules_schema(vocabulary) if kind == "rules" else vocabulary_schema()
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
