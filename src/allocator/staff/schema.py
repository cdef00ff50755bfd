"""JSON Schemas of the rule files, generated from the pydantic models, with the vocabulary's ids.

Editors that speak JSON Schema (the YAML language server in VS Code, IntelliJ…) then check
a rule file while it is typed and complete every id: each rule file starts with
`# yaml-language-server: $schema=../schema/rules.schema.json`.
"""

from __future__ import annotations

import json
from typing import Any

from allocator.i18n import LANGS, t
from allocator.load.schemas import RuleFile
from allocator.load.schemas import Vocabulary as VocabularySchema
from allocator.model import CASE_ATTRIBUTES, LIST_KIND, NO_LEAD, Labels, Vocabulary

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: The language an editor shows first; the others follow in the markdown descriptions.
FIRST_LANG = "en"


def _languages() -> list[str]:
    return [FIRST_LANG, *(lang for lang in LANGS if lang != FIRST_LANG)]


def _choices(values: list[tuple[str, Labels, Labels]]) -> dict[str, Any]:
    """An `enum` of ids with the label and description of each, as the YAML language server (the VS
    Code YAML extension) shows them in its completions and hovers: `enumDescriptions` (plain text,
    English, the other labels after it) and `markdownEnumDescriptions` (every language)."""
    plain = []
    markdown = []
    for _, label, description in values:
        others = "; ".join(f"{lang}: {label.get(lang)}" for lang in _languages()[1:])
        plain.append(f"{label.get(FIRST_LANG)} — {description.get(FIRST_LANG)} ({others})")
        markdown.append(
            "\n\n".join(
                f"**{label.get(lang)}** ({lang}) — {description.get(lang)}" for lang in _languages()
            )
        )
    return {
        "enum": [value for value, _, _ in values],
        "enumDescriptions": plain,
        "markdownEnumDescriptions": markdown,
    }


def _terms(vocabulary: Vocabulary, *names: str) -> list[tuple[str, Labels, Labels]]:
    return [
        (term.id, term.label, term.description)
        for name in names
        for term in getattr(vocabulary, name)
    ]


def _in_every_language(key: str) -> Labels:
    words = {lang: t(key, lang) for lang in LANGS}
    return Labels(nl=words["nl"], fr=words["fr"], en=words["en"])


def _one_or_many(reference: str, description: str) -> dict[str, Any]:
    choice = {"$ref": f"#/$defs/{reference}"}
    return {
        "anyOf": [choice, {"type": "array", "items": choice, "uniqueItems": True}],
        "description": description,
    }


def rules_schema(vocabulary: Vocabulary) -> dict[str, Any]:
    """The schema of a rule file, its ids limited to (and completed from) `vocabulary`, each id
    with its label and description in every language."""
    schema = RuleFile.model_json_schema(by_alias=True)
    defs = schema["$defs"]
    lists = {**CASE_ATTRIBUTES, "facts": "facts"}
    none = (NO_LEAD, _in_every_language("lead-none-short"), _in_every_language("lead-none"))
    # One definition per list of ids, referred to wherever the list is allowed.
    choices = {
        **{f"{LIST_KIND[name]}-id": _terms(vocabulary, name) for name in lists.values()},
        "service-id": _terms(vocabulary, "services"),
        "partner-id": _terms(vocabulary, "services", "partners"),
        "mechanism-id": _terms(vocabulary, "mechanisms"),
        "lead-id": [*_terms(vocabulary, "services"), none],
    }
    for model in ("Condition", "When"):
        for attribute, list_name in lists.items():
            prop = defs[model]["properties"][attribute]
            text = prop.get("description") or f"One {attribute} or a list: any of them."
            defs[model]["properties"][attribute] = _one_or_many(f"{LIST_KIND[list_name]}-id", text)
    then = defs["Then"]["properties"]
    then["lead"] = {"$ref": "#/$defs/lead-id", "description": then["lead"].get("description", "")}
    then["partners"] = _one_or_many("partner-id", "Partners to bring in.")
    then["competent"] = _one_or_many("service-id", then["competent"].get("description", ""))
    then["consultation"] = _one_or_many("mechanism-id", "Consultation mechanisms required.")
    then["derive"] = _one_or_many("fact-id", then["derive"].get("description", ""))
    for name, values in choices.items():
        defs[name] = _choices(values)
    return {"$schema": SCHEMA_DIALECT, "$id": "allocator/rules.schema.json", **schema}


def vocabulary_schema() -> dict[str, Any]:
    schema = VocabularySchema.model_json_schema(by_alias=True)
    return {"$schema": SCHEMA_DIALECT, "$id": "allocator/vocabulary.schema.json", **schema}


def schema_text(kind: str, vocabulary: Vocabulary) -> str:
    document = rules_schema(vocabulary) if kind == "rules" else vocabulary_schema()
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
