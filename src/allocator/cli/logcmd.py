"""`allocator log` and `allocator replay`: the decisions given, and which would be given differently today."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from allocator.cli.options import (
    VocabularyValue,
    format_option,
    lang_option,
    log_path_option,
    rules_option,
)

if TYPE_CHECKING:
    from allocator.decisionlog import Skipped


def _date(ctx: click.Context, _param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        from allocator.messages import t

        raise click.BadParameter(
            t("bad-date", getattr(ctx.obj, "lang", "en"), value=value)
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _filters(func: Any) -> Any:
    for decorator in (
        click.option(
            "--since", callback=_date, metavar="DATE", help="Only decisions at or after DATE (UTC)."
        ),
        click.option(
            "--until",
            callback=_date,
            metavar="DATE",
            help="Only decisions at or before DATE (UTC).",
        ),
        click.option(
            "--topic", type=VocabularyValue("topics"), help="Only decisions about this topic."
        ),
        click.option(
            "--lead", metavar="LEAD", help="Only decisions with this lead (adiv, vsse, none)."
        ),
        log_path_option(
            "Decision log to read (default: decisions.jsonl in the user's data directory)."
        ),
    ):
        func = decorator(func)
    return func


def _reporter(path: Path, lang: str) -> Callable[[Skipped], None]:
    """Report a skipped line of the log on standard error, with its line number."""
    from allocator.decisionlog import MAX_LINE
    from allocator.messages import sanitize, t

    keys = {
        "partial": "log-partial-line",
        "invalid": "log-invalid-line",
        "mistyped": "log-mistyped-line",
        "long": "log-long-line",
    }

    def report(item: Skipped) -> None:
        text = t(
            keys[item.reason],
            lang,
            path=str(path),
            line=item.line,
            field=item.field,
            limit=MAX_LINE,
        )
        click.echo(sanitize(text, one_line=True), err=True)

    return report


#: The longest a field read from the log is shown in text (a tampered record may hold megabytes).
_FIELD = 64


def _shown(value: object) -> str:
    """A value read from the log, safe for a terminal: on one line, escapes shown, not too long."""
    from allocator.messages import sanitize

    text = sanitize(str(value), one_line=True)
    return text if len(text) <= _FIELD else f"{text[: _FIELD - 1]}…"


def _case_text(case: dict[str, Any]) -> str:
    flags = ",".join(_shown(flag) for flag in case.get("flags", [])) or "-"
    values = (_shown(case.get(key, "-")) for key in ("topic", "location", "actor", "target"))
    return " · ".join([*values, flags])


def _outcome(decision: dict[str, Any]) -> str:
    return _shown((decision.get("lead") or decision.get("outcome") or "?").upper())


def _moment(entry: dict[str, Any], fmt: str) -> str:
    from allocator.decisionlog import parse_time

    moment = parse_time(entry["time"])
    return moment.astimezone(UTC).strftime(fmt) if moment else _shown(entry["time"])


def _json(document: Any) -> str:
    """JSON for standard output: what the log holds, exactly, with nothing a terminal would obey."""
    from allocator.messages import sanitize_json
    from allocator.render import dumps

    return sanitize_json(dumps(document))


@click.command(name="log")
@_filters
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="How many of the latest.",
)
@lang_option
@format_option("text", "json")
@click.pass_obj
def log(
    state: object,
    since: datetime | None,
    until: datetime | None,
    topic: str | None,
    lead: str | None,
    log_path: Path | None,
    limit: int,
    fmt: str,
) -> None:
    """Show the latest decisions given (oldest first), with who asked and the rule set in force.

    The log is read backwards from its end, only as far as needed: the latest decisions of a
    log of millions come at once. A line that is not a decision record is reported and skipped.
    """
    from allocator.decisionlog import LatestFirst, default_log_path

    lang: str = getattr(state, "lang", "en")
    path = log_path or default_log_path()
    latest = LatestFirst(path, since=since, until=until, topic=topic, lead=lead)
    chosen = list(itertools.islice(latest, limit))
    chosen.reverse()
    report = _reporter(path, lang)
    for item in latest.skipped():
        report(item)
    if fmt == "json":
        click.echo(_json(chosen))
        return
    for entry in chosen:
        click.echo(
            f"{_moment(entry, '%Y-%m-%d %H:%M:%S')}Z  {_shown(entry['user']):<10}  "
            f"{_case_text(entry['case'])}  → {_outcome(entry['decision'])}  "
            f"({_shown(entry['ruleset'])[:19]}…)"
        )


#: What a replay compares when the record was given under another rule set: the answer itself.
_ANSWER = ("outcome", "lead", "partners", "consultation")


@click.command()
@_filters
@rules_option
@lang_option
@format_option("text", "json")
@click.pass_obj
def replay(
    state: object,
    since: datetime | None,
    until: datetime | None,
    topic: str | None,
    lead: str | None,
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
    from allocator.api import Allocator
    from allocator.decisionlog import default_log_path, matches, records
    from allocator.errors import AllocatorError
    from allocator.light import SUMMARY_FIELDS
    from allocator.messages import t

    lang: str = getattr(state, "lang", "en")
    allocator = Allocator.from_directory(rules_dir)
    in_force = allocator.policy.fingerprint
    path = log_path or default_log_path()
    report = _reporter(path, lang)
    differences: list[dict[str, Any]] = []
    replayed = 0
    for line, entry in records(path, report):
        if not matches(entry, since=since, until=until, topic=topic, lead=lead):
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
            _json(
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
        for item in differences:
            click.echo(_difference_text(item, lang))
        click.echo(
            t(
                "replay-summary",
                lang,
                differ=len(differences),
                total=replayed,
                fingerprint=in_force[:19],
            )
        )
        if inconsistent:
            click.echo(t("replay-inconsistent-summary", lang, count=inconsistent))
    raise click.exceptions.Exit(1 if differences else 0)


def _difference_text(item: dict[str, Any], lang: str) -> str:
    """One replayed decision that differs: when, the case, the lead then and now, what changed,
    and under which rules it was given (or, under the rules in force, that it cannot be)."""
    from allocator.messages import t

    head = f"{_moment(item, '%Y-%m-%dT%H:%M:%S')}  {_case_text(item['case'])}  {_outcome(item['before'])} →"
    if item["inconsistent"]:
        tail = f"  {t('replay-inconsistent', lang, line=item['line'])}"
    else:
        tail = (
            f"  ({t('replay-other-ruleset', lang, fingerprint=_shown(item['ruleset_then'])[:19])})"
        )
    if item["now"] is None:
        return f"{head} {t('replay-invalid', lang)}{tail}: {item['error']}"
    changes = []
    for key in ("competent", "partners", "consultation"):
        if key not in item["before"]:
            continue
        added = sorted(set(item["now"][key]) - set(item["before"][key]))
        removed = sorted(set(item["before"][key]) - set(item["now"][key]))
        mark = "competent:" if key == "competent" else ""
        changes += [f"{mark}+{_shown(x)}" for x in added] + [f"{mark}-{_shown(x)}" for x in removed]
    detail = f"  [{' '.join(changes)}]" if changes else ""
    return f"{head} {_outcome(item['now'])}{detail}{tail}"
