"""The answer: lead, partners, consultation, the rules behind them, and the rule set in force."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from allocator.light import DECISION_FIELDS, DecisionData, DecisionMixin
from allocator.models.case import Case
from allocator.models.common import Frozen

Outcome = Literal["decided", "gap", "conflict"]
Competence = Literal["none", "exclusive", "shared"]


class Decision(Frozen, DecisionMixin):
    """What allocator answers for a case (docs/contract.md), plus how it got there.

    `competent` and `lead` answer two questions: which services' mandates the case falls within
    (none, one or both), and the one service that leads.

    `lead` is `adiv`, `vsse` or `none`; it is null only when `outcome` is `gap` (no rule gives
    a lead, or none gives a consultation mechanism) or `conflict` (rules of equal priority
    disagree), and then `escalation` names the route to follow.
    """

    lead: str | None
    partners: tuple[str, ...]
    consultation: tuple[str, ...]
    competent: tuple[str, ...] = Field(
        default=(), description="The services whose legal mandate the case falls within, sorted."
    )
    competence: Competence = Field(
        default="none",
        description="`none`, `exclusive` (one service competent) or `shared` (both).",
    )
    rules: tuple[str, ...]
    ruleset: str
    outcome: Outcome = "decided"
    case: Case
    facts: tuple[str, ...] = Field(default=(), description="Derived facts that hold for the case.")
    lead_rules: tuple[str, ...] = Field(default=(), description="The rules that chose the lead.")
    overridden: tuple[str, ...] = Field(
        default=(), description="Lead rules outranked by a higher priority."
    )
    conflict: tuple[str, ...] = Field(
        default=(), description="Rules of equal priority that disagree on the lead."
    )
    missing: tuple[str, ...] = Field(
        default=(), description="What the rules left open: `lead`, `consultation`."
    )
    escalation: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, data: DecisionData) -> Decision:
        """The model of a decision the resolution computed (its parts are already valid)."""
        return cls.model_construct(**{name: getattr(data, name) for name in DECISION_FIELDS})
