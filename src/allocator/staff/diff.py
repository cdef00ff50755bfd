"""Compare two rule sets over the whole domain: the regions of cases they decide differently."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allocator.analysis.domain import Change, build_model, compare
from allocator.analysis.regions import Space, union
from allocator.i18n import DEFAULT_LANG, sanitize, t
from allocator.load.files import default_rules_dir, display_path
from allocator.load.policy import load_policy
from allocator.load.revisions import open_rules
from allocator.model import CASE_ATTRIBUTES, Policy
from allocator.staff.check import example_command

#: The aspects of a decision a change can touch, in the order the summary shows them.
ASPECTS = ("lead", "competent", "partner", "consultation")


@dataclass
class DiffReport:
    old_label: str
    new_label: str
    old: Policy
    new: Policy
    space: Space
    changes: list[Change]

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

    def new_values(self) -> list[str]:
        found = []
        for name in CASE_ATTRIBUTES.values():
            before = set(self.old.vocabulary.ids(name))
            found += [
                f"{name[:-1]} `{value}`"
                for value in self.new.vocabulary.ids(name)
                if value not in before
            ]
        return found

    def as_json(self) -> dict[str, Any]:
        return {
            "old": {"rules": self.old_label, "ruleset": self.old.fingerprint},
            "new": {"rules": self.new_label, "ruleset": self.new.fingerprint},
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
            },
        }

    def _topic_table(self, lang: str) -> list[str]:
        """Cases changed per topic and aspect (a case counts once per aspect)."""
        header = [
            t("kind-topic", lang),
            t("heading-lead", lang),
            t("heading-competence", lang),
            t("heading-partners", lang),
            t("heading-consultation", lang),
        ]
        rows = [
            [topic, *(f"{row[aspect]:,}" for aspect in ASPECTS)]
            for topic, row in self.by_topic().items()
        ]
        return [t("diff-by-topic", lang), *_table(header, rows), ""]

    def text(self, lang: str = DEFAULT_LANG) -> str:
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
            lines.append(t("diff-new-values", lang, values=", ".join(added_values)))
        for change in self.changes:
            cases = f"{self.space.size(change.region):,}"
            if change.aspect == "lead":
                head = t("diff-lead", lang, before=change.before, after=change.after, cases=cases)
            else:
                key = f"diff-{change.aspect}-{'added' if change.after else 'removed'}"
                head = t(key, lang, value=change.after or change.before, cases=cases)
            lines.append("")
            lines.append(head)
            lines.extend(f"    {self.space.describe_box(box)}" for box in change.region)
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
            lines += self._topic_table(lang)
            lines.append(
                t(
                    "diff-summary",
                    lang,
                    changes=len(self.changes),
                    cases=f"{self.cases_changed:,}",
                    total=f"{self.space.total():,}",
                )
            )
        else:
            lines.append(t("diff-none", lang, total=f"{self.space.total():,}"))
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
    """Load both rule sets (directories or git revisions) and compare their decisions everywhere."""
    in_force = rules_dir or default_rules_dir()
    old_source = open_rules(old_spec, in_force)
    new_source = open_rules(new_spec, in_force) if new_spec else None
    try:
        old = load_policy(old_source.directory)
        new = load_policy(new_source.directory if new_source else in_force)
    finally:
        old_source.close()
        if new_source is not None:
            new_source.close()
    new_label = new_source.label if new_source else display_path(in_force)
    space = Space.merged(old.vocabulary, new.vocabulary)
    changes = compare(build_model(old, space=space), build_model(new, space=space))
    return DiffReport(old_source.label, new_label, old, new, space, changes)
