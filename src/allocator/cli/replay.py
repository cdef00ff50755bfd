"""`allocator replay`: the logged decisions decided again, and those that would be given differently today."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from allocator.cli.log import (
    LeadNames,
    as_json,
    case_text,
    filters,
    lead_names,
    lead_shown,
    ref_shown,
    reporter,
    shown,
    time_shown,
)
from allocator.cli.options import format_option, lang_option, rules_option
from allocator.desk.decision_log import Filter, default_log_path, records
from allocator.desk.service import Allocator
from allocator.errors import AllocatorError
from allocator.i18n import number, t, tn
from allocator.model import SUMMARY_FIELDS

#: What a replay compares when the record was given under another rule set: the answer itself.
_ANSWER = ("outcome", "lead", "partners", "consultation")


@click.command()
@filters
@rules_option
@lang_option
@format_option("text", "json")
@click.pass_obj
def replay(
    state: object,
    wanted: Filter,
    log_path: Path | None,
    rules_dir: Path | None,
    fmt: str,
) -> None:
    """Decide the logged cases again with the current rules; list those whose decision would differ.

    The question after every rule change: which past answers would we give differently today?
    Each record names the rule set it was given under. A record given under another rule set
    that now gets another answer is a rule change at work (the rule set then is shown). A record
    naming the rule set in force with another decision than the one it gets now cannot come
    from allocator: the log was altered, or there is a bug; it is flagged apart.

    Exit 0 when none would differ, 1 when some would. Replayed decisions are not logged.
    """
    lang: str = getattr(state, "lang", "en")
    allocator = Allocator.from_directory(rules_dir)
    in_force = allocator.policy.fingerprint
    path = log_path or default_log_path()
    report = reporter(path, lang)
    differences: list[dict[str, Any]] = []
    replayed = 0
    for line, entry in records(path, report):
        if not wanted.matches(entry):
            continue
        replayed += 1
        before = entry["decision"]
        same_rules = entry["ruleset"] == in_force
        item: dict[str, Any] = {
            "line": line,
            "time": entry["time"],
            "user": entry["user"],
            "ruleset_then": entry["ruleset"],
            "same_ruleset": same_rules,
            "inconsistent": same_rules,
            "case": entry["case"],
            "before": before,
        }
        if "ref" in entry:
            item["ref"] = entry["ref"]
        try:
            now = allocator.decide(entry["case"])
        except AllocatorError as exc:
            differences.append({**item, "now": None, "error": exc.render(lang)})
            continue
        after = now.summary()
        if same_rules:  # the same rules give the same decision, every part of it
            keys: tuple[str, ...] = SUMMARY_FIELDS
        else:  # records written before decisions had `competent` are compared without it
            keys = (*_ANSWER, "competent") if "competent" in before else _ANSWER
        if any(before.get(key) != after[key] for key in keys):
            differences.append({**item, "now": after})
    inconsistent = sum(1 for item in differences if item["inconsistent"])
    if fmt == "json":
        click.echo(
            as_json(
                {
                    "ruleset": in_force,
                    "replayed": replayed,
                    "differ": len(differences),
                    "inconsistent": inconsistent,
                    "differences": differences,
                }
            )
        )
    else:
        names = lead_names(lang, allocator.policy)
        for item in differences:
            click.echo(_difference_text(item, lang, names))
        click.echo(
            tn(
                "replay-summary",
                len(differences),
                lang,
                total=number(replayed, lang),
                fingerprint=in_force[:19],
            )
        )
        if inconsistent:
            click.echo(tn("replay-inconsistent-summary", inconsistent, lang))
    raise click.exceptions.Exit(1 if differences else 0)


def _difference_text(item: dict[str, Any], lang: str, names: LeadNames) -> str:
    """One replayed decision that differs: when, the case, the lead then and now, what changed,
    and under which rules it was given (or, under the rules in force, that it cannot be)."""
    head = f"{time_shown(item, '%Y-%m-%dT%H:%M:%S')}  {case_text(item['case'])}  {lead_shown(item['before'], names)} →"
    if item["inconsistent"]:
        tail = f"  {t('replay-inconsistent', lang, line=item['line'])}"
    else:
        tail = (
            f"  ({t('replay-other-ruleset', lang, fingerprint=shown(item['ruleset_then'])[:19])})"
        )
    if item["now"] is None:
        return f"{head} {t('replay-invalid', lang)}{tail}: {item['error']}"
    changes = []
    for key in ("competent", "partners", "consultation"):
        if key not in item["before"]:
            continue
        added = sorted(set(item["now"][key]) - set(item["before"][key]))
        removed = sorted(set(item["before"][key]) - set(item["now"][key]))
        if key == "competent":  # services, named as the lead is
            mark = t("replay-competent", lang) + ":"
            added, removed = [names(x) for x in added], [names(x) for x in removed]
        else:
            mark = ""
        changes += [f"{mark}+{shown(x)}" for x in added] + [f"{mark}-{shown(x)}" for x in removed]
    detail = f"  [{' '.join(changes)}]" if changes else ""
    return f"{head} {lead_shown(item['now'], names)}{detail}{tail}{ref_shown(item)}"
