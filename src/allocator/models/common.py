"""Shared building blocks of the models: frozen strict base, ids, text, one-or-many lists."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, WithJsonSchema

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
RULE_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$"


class Frozen(BaseModel):
    """Immutable, and refuses keys it does not know."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=False)


#: A vocabulary id: lowercase kebab-case, as in docs/contract.md.
Id = Annotated[str, StringConstraints(strict=True, pattern=ID_PATTERN)]
#: A rule id: kebab-case parts joined by dots (`terrorism.civil-setting`).
RuleId = Annotated[str, StringConstraints(strict=True, pattern=RULE_ID_PATTERN)]
#: Non-empty text, surrounding blanks removed.
Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]


def _one_or_many(value: Any) -> Any:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(value)
    return value


#: One id or a list of ids, always held as a tuple.
IdList = Annotated[
    tuple[Id, ...],
    BeforeValidator(_one_or_many),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": ID_PATTERN},
                {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}},
            ]
        }
    ),
]
