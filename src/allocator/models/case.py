"""A case as the duty officer describes it, validated against the vocabulary of the rules in force."""

from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationInfo, field_validator

from allocator.light import CaseMixin
from allocator.models.common import Frozen, Id
from allocator.models.policy import CASE_ATTRIBUTES, DEFAULT_TARGET, Vocabulary


class Case(Frozen, CaseMixin):
    """topic, location, actor, optional target and flags (docs/contract.md).

    Validate with `Case.model_validate(data, context={"vocabulary": vocabulary})` to check every
    value against rules/vocabulary.yaml; without a vocabulary only the id syntax is checked.
    Flags are kept sorted and without duplicates, so equal cases compare and hash equal.
    """

    topic: Id
    location: Id
    actor: Id
    target: Id = DEFAULT_TARGET
    flags: tuple[Id, ...] = Field(default=())

    @field_validator("flags", mode="before")
    @classmethod
    def _flags_as_set(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part for part in value.replace(";", ",").split(",") if part.strip()]
        if isinstance(value, (list, tuple, set, frozenset)):
            return tuple(sorted({str(v).strip() if isinstance(v, str) else v for v in value}))
        return value

    @field_validator("topic", "location", "actor", "target", "flags")
    @classmethod
    def _in_vocabulary(cls, value: Any, info: ValidationInfo) -> Any:
        vocabulary: Vocabulary | None = (info.context or {}).get("vocabulary")
        if vocabulary is None:
            return value
        from allocator.vocab import check_value

        name = info.field_name or ""
        values = value if isinstance(value, tuple) else (value,)
        for one in values:
            check_value(vocabulary, CASE_ATTRIBUTES[name], one)
        return value
