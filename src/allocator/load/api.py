"""The shapes of the HTTP service (`allocator serve`), as pydantic models: the OpenAPI document is
generated from them, with the ids of the vocabulary in force as the allowed values.

The service reads a case exactly as `allocator batch` reads a JSON line (the same checks, the
same error codes and messages, "did you mean" included), so these models describe the wire
format; they do not replace those checks.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from allocator.model import CASE_ATTRIBUTES, DEFAULT_TARGET, Vocabulary
from allocator.option_table import MAX_REF


class CaseRequest(BaseModel):
    """One case (docs/contract.md), with an optional case reference for the decision log."""

    model_config = ConfigDict(extra="forbid")

    topic: str = Field(description="What the case is about.")
    location: str = Field(description="Where it plays out.")
    actor: str = Field(description="Who is behind it.")
    target: str = Field(DEFAULT_TARGET, description="Who or what is aimed at.")
    flags: list[str] = Field(default_factory=list, description="Flags such as imminent.")
    ref: str | None = Field(
        None,
        max_length=MAX_REF,
        description="A case reference from the case file, recorded with the decision in the "
        "decision log (one line, no control or invisible character).",
    )
    id: str | int | None = Field(
        None, description="In a batch: an identifier echoed in the line's answer and logged."
    )


class CaseEcho(BaseModel):
    topic: str
    location: str
    actor: str
    target: str
    flags: list[str]


class DecisionResponse(BaseModel):
    """The decision, as `allocator decide --format json` prints it: the contract's keys first."""

    lead: str | None = Field(description="adiv, vsse or none; null for a gap or a conflict.")
    partners: list[str]
    consultation: list[str]
    competent: list[str]
    competence: Literal["none", "exclusive", "shared"]
    rules: list[str]
    ruleset: str = Field(description="sha256: and the digest of the rule set in force.")
    outcome: Literal["decided", "gap", "conflict"]
    case: CaseEcho
    facts: list[str]
    lead_rules: list[str]
    overridden: list[str]
    conflict: list[str]
    missing: list[str]
    escalation: list[str]
    explanation: dict[str, Any] | None = Field(
        None, description="With ?why=true or ?explain=true: the reasoning (and counterfactuals)."
    )


class ProblemOut(BaseModel):
    code: str
    message: str
    help: str | None = None


class ErrorBody(BaseModel):
    code: str = Field(description="A stable error code, as the command line reports it.")
    message: str = Field(description="The message, in the language asked for.")
    problems: list[ProblemOut] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    error: ErrorBody


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    """The rule set in force in the worker that answered, and its reloads."""

    status: Literal["ready"]
    ruleset: str
    rules: int
    loaded_at: str
    reloads: int
    reload_failures: int
    last_reload_error: str | None
    last_reload_error_at: str | None
    pid: int


def case_request_schema(vocabulary: Vocabulary, ref_template: str) -> dict[str, Any]:
    """The JSON schema of CaseRequest, each attribute restricted to the ids in force."""
    schema = CaseRequest.model_json_schema(ref_template=ref_template)
    properties = schema["properties"]
    for attribute, list_name in CASE_ATTRIBUTES.items():
        ids = list(vocabulary.ids(list_name))
        if attribute == "flags":
            properties[attribute]["items"] = {"type": "string", "enum": ids}
        else:
            properties[attribute]["enum"] = ids
    return schema
