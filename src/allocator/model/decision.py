"""The answer: lead, partners, consultation, competence, the rules behind them, and the rule set in force."""

from __future__ import annotations

from allocator.model.case import Case
from allocator.record import record

TYPE_CHECKING = False  # typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from typing import Any

#: How many services a case falls within (docs/contract.md): none, one, or both.
COMPETENCE = ("none", "exclusive", "shared")

#: The keys of a decision in JSON (docs/contract.md): the contract's first, then how it was reached.
DECISION_FIELDS = (
    "lead",
    "partners",
    "consultation",
    "competent",
    "competence",
    "rules",
    "ruleset",
    "outcome",
    "case",
    "facts",
    "lead_rules",
    "overridden",
    "conflict",
    "missing",
    "escalation",
)

#: The keys every decision has in the contract (docs/contract.md), lead to ruleset.
CONTRACT_FIELDS = DECISION_FIELDS[: DECISION_FIELDS.index("outcome")]

#: The part of a decision the decision log keeps (and `allocator replay` compares).
SUMMARY_FIELDS = ("outcome", "lead", "partners", "consultation", "competent", "competence", "rules")


def competence_of(competent: tuple[str, ...] | list[str]) -> str:
    """`none`, `exclusive` or `shared`, from the services competent for a case."""
    return COMPETENCE[min(len(competent), 2)]


@record
class Decision:
    """What allocator answers for a case (docs/contract.md), plus how it got there.

    `competent` and `lead` answer two questions: which services' mandates the case falls within
    (none, one or both), and the one service that leads.

    `lead` is `adiv`, `vsse` or `none`; it is None only when `outcome` is `gap` (no rule gives a
    lead, or none gives a consultation mechanism) or `conflict` (rules of equal priority
    disagree), and then `escalation` names the route to follow.
    """

    lead: str | None
    partners: tuple[str, ...]
    consultation: tuple[str, ...]
    competent: tuple[str, ...]
    competence: str
    rules: tuple[str, ...]
    ruleset: str
    outcome: str
    case: Case
    #: Derived facts that hold for the case.
    facts: tuple[str, ...] = ()
    #: The rules that chose the lead.
    lead_rules: tuple[str, ...] = ()
    #: Lead rules outranked by a higher priority.
    overridden: tuple[str, ...] = ()
    #: Rules of equal priority that disagree on the lead.
    conflict: tuple[str, ...] = ()
    #: What the rules left open: `lead`, `consultation`.
    missing: tuple[str, ...] = ()
    escalation: tuple[str, ...] = ()

    @property
    def decided(self) -> bool:
        return self.outcome == "decided"

    @property
    def lead_or_outcome(self) -> str:
        """The lead of a decided case, else the outcome (`gap`, `conflict`): what a matrix cell
        and a counterfactual compare."""
        return self.lead if self.decided and self.lead else self.outcome

    def as_json(self) -> dict[str, Any]:
        """The decision as docs/contract.md shapes it: lead, partners, consultation, rules, ruleset first."""
        out: dict[str, Any] = {}
        for name in DECISION_FIELDS:
            value = getattr(self, name)
            out[name] = (
                value.as_dict()
                if name == "case"
                else list(value)
                if isinstance(value, tuple)
                else value
            )
        return out

    def summary(self, document: dict[str, Any] | None = None) -> dict[str, Any]:
        """The decision as the decision log records it (SUMMARY_FIELDS), from `document` (its
        `as_json()`) when already made."""
        document = document if document is not None else self.as_json()
        return {key: document[key] for key in SUMMARY_FIELDS}
