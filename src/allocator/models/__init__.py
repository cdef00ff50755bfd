"""The pydantic models of allocator: the case, the rule files and policy, the decision."""

from allocator.models.case import Case
from allocator.models.decision import Decision
from allocator.models.policy import (
    CASE_ATTRIBUTES,
    DEFAULT_TARGET,
    NO_LEAD,
    Condition,
    Labels,
    Policy,
    Rule,
    RuleFile,
    Settings,
    Source,
    Term,
    Then,
    Vocabulary,
    When,
)

__all__ = [
    "CASE_ATTRIBUTES",
    "DEFAULT_TARGET",
    "NO_LEAD",
    "Case",
    "Condition",
    "Decision",
    "Labels",
    "Policy",
    "Rule",
    "RuleFile",
    "Settings",
    "Source",
    "Term",
    "Then",
    "Vocabulary",
    "When",
]
