"""Compare two rule sets over the whole domain: the regions of cases they decide differently."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from allocator.analysis.domain import Change, build_model, compare
from allocator.analysis.regions import Box, Space, union
from allocator.i18n import DEFAULT_LANG, LANGS, kind_name, number, sanitize, t, tn
from allocator.load.files import default_rules_dir, display_path
from allocator.load.policy import load_policy
from allocator.load.revisions import open_rules
from allocator.model import (
    ATTRIBUTES,
    CASE_ATTRIBUTES,
    LIST_KIND,
    NO_LEAD,
    Condition,
    Policy,
    Rule,
    Source,
    Vocabulary,
    text_in,
)
from allocator.model.policy import CONDITION_KEYS
from allocator.staff.check import example_command

#: The aspects of a decision a change can touch, in the order the summary shows them.
ASPECTS = ("lead", "competent", "partner", "consultation")
#: The vocabulary list the values of each aspect of a decision come from.
ASPECT_LISTS = {
    "lead": "services",
    "competent": "services",
    "partner": "partners",
    "consultation": "mechanisms",
}


# --------------------------------------------------------------------------- labels


def labelled(label: str, term_id: str) -> str:
    """`Terrorisme (terrorism)`: the label a reader knows, with the id the rule files use, unless
    the label already shows it (`State Security (VSSE)` for `vsse`, or a label that is the id)."""
    if label == term_id or label.casefold().endswith(f"({term_id.casefold()})"):
        return label
    return f"{label} ({term_id})"


class Labels:
    """The labels of ids in one language, from one or more vocabularies (the first that knows an
    id names it: a value removed by a change keeps the label it had)."""

    def __init__(self, lang: str, *vocabularies: Vocabulary) -> None:
        self.lang = lang
        self.vocabularies = vocabularies

    def label(self, kind: str, term_id: str) -> str:
        """The label of `term_id` in the vocabulary list `kind` (`topics`, `services`…)."""
        for vocabulary in self.vocabularies:
            found = vocabulary.label(kind, term_id, self.lang)
            if found != term_id or term_id in vocabulary.terms.get(kind, {}):
                return found
        return term_id

    def __call__(self, kind: str, term_id: str) -> str:
        """`term_id` of the list `kind` as shown to a reader: label and id (see `labelled`)."""
        return labelled(self.label(kind, term_id), term_id)

    def lead(self, value: str) -> str:
        """A lead as the analysis names it: a service, `none`, or `(no lead)` / `(conflict)`."""
        if value == NO_LEAD:
            return labelled(t("lead-none-short", self.lang), NO_LEAD)
        if value == "(no lead)":
            return t("diff-no-lead", self.lang)
        if value == "(conflict)":
            return t("diff-conflict", self.lang)
        return self("services", value)

    def many(self, kind: str, ids: tuple[str, ...] | list[str]) -> str:
        return ", ".join(self(kind, term_id) for term_id in ids)

    def region_box(self, space: Space, box: Box) -> list[str]:
        """A box of cases in words, part by part in the order of a case: `Cyber attack
        (cyber-attack)`, `any location`, `Terrorist group (terrorist-group) | Extremist group
        (extremist-group)`, `any target`, then the flags that matter (`with the flag …`)."""
        lang = self.lang
        anything = {
            "topic": t("diff-any-topic", lang),
            "location": t("diff-any-location", lang),
            "actor": t("diff-any-actor", lang),
            "target": t("diff-any-target", lang),
        }
        parts = []
        for i, attribute in enumerate(ATTRIBUTES):
            kind = CASE_ATTRIBUTES[attribute]
            full = space.full[i]
            chosen = space.chosen(i, box[i])
            missing = space.chosen(i, full & ~box[i])
            if box[i] == full:
                parts.append(anything[attribute])
            elif len(missing) < len(chosen) and len(missing) <= 3:
                but = " | ".join(self(kind, value) for value in missing)
                parts.append(
                    {
                        "topic": t("diff-any-topic-but", lang, values=but),
                        "location": t("diff-any-location-but", lang, values=but),
                        "actor": t("diff-any-actor-but", lang, values=but),
                        "target": t("diff-any-target-but", lang, values=but),
                    }[attribute]
                )
            else:
                parts.append(" | ".join(self(kind, value) for value in chosen))
        for j, flag in enumerate(space.flags):
            bits = box[len(ATTRIBUTES) + j]
            if bits == 2:
                parts.append(t("diff-with-flag", lang, flag=self("flags", flag)))
            elif bits == 1:
                parts.append(t("diff-without-flag", lang, flag=self("flags", flag)))
        return parts


def wrapped(parts: list[str], indent: str, width: int = 100) -> list[str]:
    """`parts` joined by ` · `, on as few lines of `width` as will hold them (a part is never cut);
    the lines after the first are indented two more spaces."""
    lines = [indent + parts[0]]
    for part in parts[1:]:
        if len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += f" · {part}"
        else:
            lines.append(f"{indent}  · {part}")
    return lines


# --------------------------------------------------------------------------- rules, field by field

#: The vocabulary list the values of each list-valued field of a rule come from.
_THEN_LISTS = {
    "partners": "partners",
    "competent": "services",
    "consultation": "mechanisms",
    "derive": "facts",
}
#: The vocabulary list of each condition key.
_CONDITION_LISTS = {**CASE_ATTRIBUTES, "facts": "facts"}
#: The texts of a rule, each given in one language for all or in each.
_TEXTS = ("title", "description", "basis")


@dataclass
class FieldChange:
    """One field of a rule that differs: `then.lead`, `when.topic`, `when.not.actor`, `title`…

    `kind` says how to read it: `value` (one value, None where not set: `then.lead`,
    `then.priority`), `list` (`then.partners`, `when.not.actor`: what was added and removed),
    `condition` (a test of `when`, where an empty list means no test at all), `text` (`title`,
    `description`, `basis`: the languages in which it now reads differently).
    """

    field: str
    kind: str
    #: The vocabulary list the values come from (`lead` for a lead), for their labels.
    list_name: str | None = None
    before: Any = None
    after: Any = None
    languages: tuple[str, ...] = ()

    @property
    def added(self) -> list[str]:
        return [value for value in self.after if value not in self.before]

    @property
    def removed(self) -> list[str]:
        return [value for value in self.before if value not in self.after]

    def as_json(self) -> dict[str, Any]:
        if self.kind == "text":
            return {"field": self.field, "languages": list(self.languages)}
        if self.kind == "value":
            return {"field": self.field, "before": self.before, "after": self.after}
        return {
            "field": self.field,
            "before": list(self.before),
            "after": list(self.after),
            "added": self.added,
            "removed": self.removed,
        }

    def text(self, labels: Labels) -> str:
        """What changed, in words: `State Security (VSSE) → …`, `+ Espionage (espionage)`."""
        lang = labels.lang
        if self.kind == "text":
            return t("diff-text-changed", lang, languages=", ".join(self.languages))
        if self.kind == "value":
            before, after = (self._value(v, labels) for v in (self.before, self.after))
            return f"{before} → {after}"
        kind = self.list_name or ""
        if self.kind == "condition" and not (self.before and self.after):
            before, after = (
                labels.many(kind, v) if v else t("diff-no-condition", lang)
                for v in (self.before, self.after)
            )
            return f"{before} → {after}"
        added = f"+ {labels.many(kind, self.added)}" if self.added else ""
        removed = f"− {labels.many(kind, self.removed)}" if self.removed else ""
        if added and removed:
            return t("diff-added-removed", lang, added=added, removed=removed)
        return added or removed

    def _value(self, value: Any, labels: Labels) -> str:
        if value is None:
            return t("diff-unset", labels.lang)
        if isinstance(value, int):
            return number(value, labels.lang)
        return (
            labels.lead(value) if self.list_name == "lead" else labels(self.list_name or "", value)
        )


@dataclass
class RuleChange:
    """A rule added, removed or changed, with the fields that differ and where it is written on
    each side (`file:line`; a file of a git revision as `HEAD~1:rules/crime.yaml`)."""

    id: str
    change: str  # "added", "removed", "changed"
    rule: Rule  # the rule as it is now (as it was, for a rule removed)
    fields: list[FieldChange]
    old: Source | None
    new: Source | None

    def as_json(self) -> dict[str, Any]:
        def where(source: Source | None) -> dict[str, Any] | None:
            return None if source is None else {"file": source.path, "line": source.line}

        return {
            "id": self.id,
            "change": self.change,
            "fields": [f.field for f in self.fields],
            "details": [f.as_json() for f in self.fields],
            "old": where(self.old),
            "new": where(self.new),
        }

    def text(self, labels: Labels) -> list[str]:
        """One compact block: the rule, what happened to it and where, then a line per field."""
        lang = labels.lang
        if self.change == "added":
            head = t("diff-rule-added", lang, rule=self.id, where=str(self.new))
        elif self.change == "removed":
            head = t("diff-rule-removed", lang, rule=self.id, where=str(self.old))
        else:
            head = t("diff-rule-changed", lang, rule=self.id, old=str(self.old), new=str(self.new))
        lines = [f"  {head}"]
        if self.change != "changed":
            lines.append(
                "    " + t("diff-field", lang, field="title", change=self.rule.title_in(lang))
            )
        lines += [
            "    " + t("diff-field", lang, field=f.field, change=f.text(labels))
            for f in self.fields
        ]
        return lines


def rule_fields(old: Rule, new: Rule) -> list[FieldChange]:
    """Every field in which two versions of a rule differ: its effects, its conditions, its texts.

    Lists are compared as sets (the order of `topic: [a, b]` means nothing); a text is compared
    in each language.
    """
    found: list[FieldChange] = []
    for name in ("lead", "priority"):
        before, after = getattr(old.then, name), getattr(new.then, name)
        if before != after:
            found.append(FieldChange(f"then.{name}", "value", name, before, after))
    for name in ("partners", "competent", "consultation"):
        found += _list_change(f"then.{name}", "list", _THEN_LISTS[name], old.then, new.then, name)
    for name in CONDITION_KEYS:
        found += _list_change(
            f"when.{name}", "condition", _CONDITION_LISTS[name], old.when, new.when, name
        )
    old_not, new_not = old.when.not_ or Condition(), new.when.not_ or Condition()
    for name in CONDITION_KEYS:
        found += _list_change(
            f"when.not.{name}", "list", _CONDITION_LISTS[name], old_not, new_not, name
        )
    found += _list_change("then.derive", "list", "facts", old.then, new.then, "derive")
    for name in _TEXTS:
        before, after = getattr(old, name), getattr(new, name)
        languages = tuple(lang for lang in LANGS if text_in(before, lang) != text_in(after, lang))
        if languages:
            found.append(FieldChange(name, "text", languages=languages))
    return found


def _list_change(
    field_name: str, kind: str, list_name: str, old: Any, new: Any, name: str
) -> list[FieldChange]:
    before: tuple[str, ...] = getattr(old, name)
    after: tuple[str, ...] = getattr(new, name)
    if set(before) == set(after):
        return []
    return [FieldChange(field_name, kind, list_name, before, after)]


def compare_rules(
    old: Policy,
    new: Policy,
    old_shown: Callable[[str], str] = str,
    new_shown: Callable[[str], str] = str,
) -> list[RuleChange]:
    """The rules added, removed or changed between two rule sets, by id; `old_shown` and
    `new_shown` turn the path a rule was read from into the one to show."""

    def where(policy: Policy, rule_id: str, shown: Callable[[str], str]) -> Source | None:
        source = policy.sources.get(rule_id)
        if source is None:
            return None
        return Source(shown(source.path), source.line, source.column)

    changes = []
    for rule_id in sorted(old.by_id.keys() | new.by_id.keys()):
        before, after = old.by_id.get(rule_id), new.by_id.get(rule_id)
        if before == after:
            continue
        fields: list[FieldChange] = []
        if before is None:
            change = "added"
        elif after is None:
            change = "removed"
        else:
            change, fields = "changed", rule_fields(before, after)
        rule = after or before
        assert rule is not None  # an id comes from one side at least
        changes.append(
            RuleChange(
                rule_id,
                change,
                rule,
                fields,
                where(old, rule_id, old_shown) if before is not None else None,
                where(new, rule_id, new_shown) if after is not None else None,
            )
        )
    return changes


@dataclass
class DiffReport:
    old_label: str
    new_label: str
    old: Policy
    new: Policy
    space: Space
    changes: list[Change]
    #: The rules added, removed or changed, by id, field by field.
    rules: list[RuleChange] = field(default_factory=list)

    @property
    def cases_changed(self) -> int:
        return self.space.size(union(*(change.region for change in self.changes)))

    def by_topic(self) -> dict[str, dict[str, int]]:
        """For each topic with a change: how many cases changed lead, competence, partners, consultation."""
        counts: dict[str, dict[str, int]] = {}
        for aspect in ASPECTS:
            region = union(*(c.region for c in self.changes if c.aspect == aspect))
            for topic, count in self.space.size_by(region, 0).items():
                counts.setdefault(topic, dict.fromkeys(ASPECTS, 0))[aspect] = count
        return {topic: row for topic, row in counts.items() if any(row.values())}

    def new_values(self) -> list[tuple[str, str]]:
        """The values of the case attributes the new vocabulary adds, as (list name, id)."""
        found = []
        for name in CASE_ATTRIBUTES.values():
            before = set(self.old.vocabulary.ids(name))
            found += [
                (name, value) for value in self.new.vocabulary.ids(name) if value not in before
            ]
        return found

    def labels(self, lang: str) -> Labels:
        return Labels(lang, self.new.vocabulary, self.old.vocabulary)

    def as_json(self) -> dict[str, Any]:
        return {
            "old": {"rules": self.old_label, "ruleset": self.old.fingerprint},
            "new": {"rules": self.new_label, "ruleset": self.new.fingerprint},
            "rules": [rule.as_json() for rule in self.rules],
            "changes": [
                {
                    "aspect": change.aspect,
                    "before": change.before,
                    "after": change.after,
                    "cases": self.space.size(change.region),
                    "regions": [self.space.box_json(box) for box in change.region],
                    "rules_before": change.rules_before,
                    "rules_after": change.rules_after,
                    "example": self.space.example(change.region),
                }
                for change in self.changes
            ],
            "summary": {
                "changes": len(self.changes),
                "cases_changed": self.cases_changed,
                "cases": self.space.total(),
                "by_topic": self.by_topic(),
                "rules_changed": len(self.rules),
            },
        }

    def _topic_table(self, labels: Labels) -> list[str]:
        """Cases changed per topic and aspect (a case counts once per aspect)."""
        lang = labels.lang
        header = [
            t("kind-topic", lang),
            t("heading-lead", lang),
            t("heading-competence", lang),
            t("heading-partners", lang),
            t("heading-consultation", lang),
        ]
        rows = [
            [labels("topics", topic), *(number(row[aspect], lang) for aspect in ASPECTS)]
            for topic, row in self.by_topic().items()
        ]
        return [t("diff-by-topic", lang), *_table(header, rows), ""]

    def _change_head(self, change: Change, labels: Labels) -> str:
        lang = labels.lang
        cases = self.space.size(change.region)
        if change.aspect == "lead":
            return tn(
                "diff-lead",
                cases,
                lang,
                before=labels.lead(change.before or ""),
                after=labels.lead(change.after or ""),
            )
        return tn(
            f"diff-{change.aspect}-{'added' if change.after else 'removed'}",
            cases,
            lang,
            value=labels(ASPECT_LISTS[change.aspect], change.after or change.before or ""),
        )

    def text(self, lang: str = DEFAULT_LANG) -> str:
        labels = self.labels(lang)
        lines = [
            t(
                "diff-header",
                lang,
                old=self.old_label,
                old_fp=self.old.fingerprint[:19],
                new=self.new_label,
                new_fp=self.new.fingerprint[:19],
            ),
        ]
        added_values = self.new_values()
        if added_values:
            values = ", ".join(
                f"{kind_name(LIST_KIND[name], lang)} {labels(name, value)}"
                for name, value in added_values
            )
            lines.append(t("diff-new-values", lang, values=values))
        if self.rules:
            lines += ["", tn("diff-rules-differ", len(self.rules), lang)]
            for rule in self.rules:
                lines += rule.text(labels)
        for change in self.changes:
            lines.append("")
            lines.append(self._change_head(change, labels))
            for box in change.region:
                lines += wrapped(labels.region_box(self.space, box), "    ")
            if change.rules_before or change.rules_after:
                lines.append(
                    "  "
                    + t(
                        "diff-rules",
                        lang,
                        before=", ".join(change.rules_before) or "-",
                        after=", ".join(change.rules_after) or "-",
                    )
                )
            lines.append(
                "  "
                + t(
                    "example-case", lang, command=example_command(self.space.example(change.region))
                )
            )
        lines.append("")
        if self.changes:
            lines += self._topic_table(labels)
            lines.append(
                tn(
                    "diff-summary",
                    self.cases_changed,
                    lang,
                    changes=tn("diff-summary-changes", len(self.changes), lang),
                    total=number(self.space.total(), lang),
                )
            )
        else:
            lines.append(tn("diff-none", self.space.total(), lang))
        return sanitize("\n".join(lines))


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(
            text.ljust(widths[i]) if i == 0 else text.rjust(widths[i])
            for i, text in enumerate(line)
        ).rstrip()
        for line in [header, *rows]
    ]


def diff_rules(old_spec: str, new_spec: str | None, rules_dir: Path | None = None) -> DiffReport:
    """Load both rule sets (directories or git revisions) and compare their decisions everywhere,
    and their rules field by field."""
    in_force = rules_dir or default_rules_dir()
    old_source = open_rules(old_spec, in_force)
    try:
        old = old_source.load()
        new_source = open_rules(new_spec, in_force) if new_spec else None
        try:
            new = new_source.load() if new_source else load_policy(in_force)
            new_shown = new_source.shown if new_source else str
        finally:
            if new_source is not None:
                new_source.close()
    finally:
        old_source.close()
    new_label = new_source.label if new_source else display_path(in_force)
    space = Space.merged(old.vocabulary, new.vocabulary)
    changes = compare(build_model(old, space=space), build_model(new, space=space))
    rules = compare_rules(old, new, old_source.shown, new_shown)
    return DiffReport(old_source.label, new_label, old, new, space, changes, rules)
