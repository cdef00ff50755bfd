"""`allocator log` and `allocator replay`: the decisions given, and which would be given differently today."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from allocator.cli.options import (
    VocabularyValue,
    format_option,
    lang_option,
    log_path_option,
    rules_option,
)


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


def _read(log_path: Path | None, lang: str, **filters: Any) -> tuple[Path, list[dict[str, Any]]]:
    from allocator.decisionlog import default_log_path, read, select
    from allocator.messages import t

    path = log_path or default_log_path()
    records, skipped = read(path)
    for item in skipped:
        key = "log-partial-line" if item.reason == "partial" else "log-invalid-line"
        click.echo(t(key, lang, path=str(path), line=item.line), err=True)
    return path, list(select(records, **filters))


def _case_text(case: dict[str, Any]) -> str:
    flags = ",".join(case.get("flags", [])) or "-"
    return f"{case.get('topic')} · {case.get('location')} · {case.get('actor')} · {case.get('target')} · {flags}"


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
    """Show the latest decisions given (oldest first), with who asked and the rule set in force."""
    from allocator.render import dumps

    lang: str = getattr(state, "lang", "en")
    _, records = _read(log_path, lang, since=since, until=until, topic=topic, lead=lead)
    records = records[-limit:]
    if fmt == "json":
        click.echo(dumps(records))
        return
    for entry in records:
        decision = entry["decision"]
        outcome = (decision.get("lead") or decision.get("outcome") or "?").upper()
        click.echo(
            f"{entry.get('time', '?')[:19].replace('T', ' ')}Z  {entry.get('user', '?'):<10}  "
            f"{_case_text(entry['case'])}  → {outcome}  ({str(entry.get('ruleset', ''))[:19]}…)"
        )


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
    Exit 0 when none would differ, 1 when some would. Replayed decisions are not logged.
    """
    from allocator.api import Allocator
    from allocator.errors import AllocatorError
    from allocator.messages import t
    from allocator.render import dumps

    lang: str = getattr(state, "lang", "en")
    allocator = Allocator.from_directory(rules_dir)
    _, records = _read(log_path, lang, since=since, until=until, topic=topic, lead=lead)
    differences: list[dict[str, Any]] = []
    for entry in records:
        before = entry["decision"]
        try:
            now = allocator.decide(entry["case"])
        except AllocatorError as exc:
            differences.append(
                {
                    "time": entry.get("time"),
                    "case": entry["case"],
                    "before": before,
                    "now": None,
                    "error": exc.render(lang),
                }
            )
            continue
        after = now.summary()
        keys = ["outcome", "lead", "partners", "consultation"]
        if "competent" in before:  # records written before decisions had it are compared without
            keys.append("competent")
        if any(before.get(k) != after[k] for k in keys):
            differences.append(
                {
                    "time": entry.get("time"),
                    "user": entry.get("user"),
                    "ruleset_then": entry.get("ruleset"),
                    "case": entry["case"],
                    "before": before,
                    "now": after,
                }
            )
    if fmt == "json":
        click.echo(
            dumps(
                {
                    "ruleset": allocator.policy.fingerprint,
                    "replayed": len(records),
                    "differ": len(differences),
                    "differences": differences,
                }
            )
        )
    else:
        for item in differences:
            then = (item["before"].get("lead") or item["before"].get("outcome") or "?").upper()
            if item["now"] is None:
                click.echo(
                    f"{str(item['time'])[:19]}  {_case_text(item['case'])}  {then} → {t('replay-invalid', lang)}: {item['error']}"
                )
                continue
            now_text = (item["now"]["lead"] or item["now"]["outcome"]).upper()
            changes = []
            for key in ("competent", "partners", "consultation"):
                if key not in item["before"]:
                    continue
                added = sorted(set(item["now"][key]) - set(item["before"].get(key, [])))
                removed = sorted(set(item["before"].get(key, [])) - set(item["now"][key]))
                mark = "competent:" if key == "competent" else ""
                changes += [f"{mark}+{x}" for x in added] + [f"{mark}-{x}" for x in removed]
            detail = f"  [{' '.join(changes)}]" if changes else ""
            click.echo(
                f"{str(item['time'])[:19]}  {_case_text(item['case'])}  {then} → {now_text}{detail}"
            )
        click.echo(
            t(
                "replay-summary",
                lang,
                differ=len(differences),
                total=len(records),
                fingerprint=allocator.policy.fingerprint[:19],
            )
        )
    raise click.exceptions.Exit(1 if differences else 0)
