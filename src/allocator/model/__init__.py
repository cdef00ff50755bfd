"""The runtime model: vocabulary, rules, policy, case and decision as plain frozen records (allocator.record).

Every layer runs on these; pydantic validates files and inputs at the boundary (allocator.load)
and converts them here once. No pydantic, no I/O.
"""

from allocator.model.case import Case, CaseKey, plain_case
from allocator.model.decision import (
    COMPETENCE,
    CONTRACT_FIELDS,
    DECISION_FIELDS,
    SUMMARY_FIELDS,
    Decision,
    competence_of,
)
from allocator.model.policy import Condition, Policy, Rule, Source, Then, When, stratify
from allocator.model.vocabulary import (
    ATTRIBUTES,
    CASE_ATTRIBUTES,
    DEFAULT_TARGET,
    LIST_KIND,
    NO_LEAD,
    REQUIRED_ATTRIBUTES,
    VOCABULARY_LISTS,
    Labels,
    Settings,
    Term,
    Text,
    Vocabulary,
    text_in,
)

__all__ = [
    "ATTRIBUTES",
    "CASE_ATTRIBUTES",
    "COMPETENCE",
    "CONTRACT_FIELDS",
    "DECISION_FIELDS",
    "DEFAULT_TARGET",
    "LIST_KIND",
    "NO_LEAD",
    "REQUIRED_ATTRIBUTES",
    "SUMMARY_FIELDS",
    "VOCABULARY_LISTS",
    "Case",
    "CaseKey",
    "Condition",
    "Decision",
    "Labels",
    "Policy",
    "Rule",
    "Settings",
    "Source",
    "Term",
    "Text",
    "Then",
    "Vocabulary",
    "When",
    "competence_of",
    "plain_case",
    "stratify",
    "text_in",
]
