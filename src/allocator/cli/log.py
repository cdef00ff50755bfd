"""`allocator log`: the latest decisions given; and what `allocator replay` shares with it (the
filters, the safe display of what a record holds)."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from allocator.cli.options import VocabularyValue, format_option, lang_option, log_path_option
from allocator.desk.decision_log import (
    MAX_LINE,
    Filter,
    LatestFirst,
    Skipped,
    default_log_path,
    parse_moment,
    parse_time,
)
from allocator.i18n import sanitize, sanitize_json, t
from allocator.model import ATTRIBUTES, NO_LEAD, Policy
from allocator.record import fields
from allocator.render.json import dumps


def _date(ctx: click.Context, _param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    moment = parse_moment(value)
    if moment is None:
        raise click.BadParameter(t("bad-moment", getattr(ctx.obj, "lang", "en"), value=value))
    return moment


_WHEN = (
    "a date or date-time (UTC unless it names its offset), a span back from now "
    "(30m, 2h, 3d, 1w), or today or yesterday (from midnight, local time)"
)


#: The options of `filters`, gathered into one decision_log.Filter.
_FILTERS = fields(Filter)


def filters(func: Any) -> Any:
    """The filters `log` and `replay` share, given to the command as one `wanted` Filter."""

    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        wanted = Filter(**{name: kwargs.pop(name) for name in _FILTERS})
        return func(*args, wanted=wanted, **kwargs)

    for decorator in (
        click.option(
            "--since",
            callback=_date,
            metavar="WHEN",
            help=f"Only decisions at or after WHEN: {_WHEN}.",
        ),
        click.option(
            "--until",
            callback=_date,
            metavar="WHEN",
            help=f"Only decisions at or before WHEN: {_WHEN}.",
        ),
        click.option(
            "--topic", type=VocabularyValue("topics"), help="Only decisions about this topic."
        ),
        click.option(
            "--lead", metavar="LEAD", help="Only decisions with this lead (adiv, vsse, none)."
        ),
        click.option(
            "--ref", metavar="REF", help="Only decisions logged with this case reference (exact)."
        ),
        click.option(
            "--ruleset",
            metavar="PREFIX",
            help="Only decisions given under a rule set whose fingerprint starts with PREFIX "
            "(sha256:70de86 or 70de86).",
        ),
        log_path_option(
            "Decision log to read (default: decisions.jsonl in the user's data directory)."
        ),
    ):
        command = decorator(command)
    return command


def reporter(path: Path, lang: str) -> Callable[[Skipped], None]:
    """Report a skipped line of the log on standard error, with its line number."""
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


def shown(value: object) -> str:
    """A value read from the log, safe for a terminal: on one line, escapes shown, not too long."""
    text = sanitize(str(value), one_line=True)
    return text if len(text) <= _FIELD else f"{text[: _FIELD - 1]}…"


def case_text(case: dict[str, Any]) -> str:
    flags = ",".join(shown(flag) for flag in case.get("flags", [])) or "-"
    values = (shown(case.get(key, "-")) for key in ATTRIBUTES)
    return " · ".join([*values, flags])


#: How a text listing names a logged lead: a service id, `none`, or an outcome -> its name.
LeadNames = Callable[[str], str]


def lead_names(lang: str, policy: Policy | None = None) -> LeadNames:
    """How the text listings name the lead of a logged decision in `lang`: a service by the
    abbreviation that ends its label in the rules in force (`policy`, else read from the rules
    in force): `SGRS` in French, `ADIV` in Dutch and English; no service, and the outcomes without
    a lead, in words. An id those rules do not know (or rules that cannot be read) is shown in
    capitals, as logged."""
    if policy is None:
        from allocator.errors import AllocatorError
        from allocator.load.policy import load_policy

        try:
            policy = load_policy()
        except (AllocatorError, OSError):
            policy = None
    services = policy.vocabulary.terms["services"] if policy is not None else {}

    def name(value: str) -> str:
        if value == NO_LEAD:
            return t("lead-none-brief", lang)
        if value == "gap":
            return t("matrix-gap", lang)
        if value == "conflict":
            return t("matrix-conflict", lang)
        if policy is not None and value in services:
            return policy.vocabulary.short_label("services", value, lang)
        return value.upper()

    return name


def lead_shown(decision: dict[str, Any], names: LeadNames | None = None) -> str:
    """The lead of a logged decision (else its outcome), as the text listings show it."""
    value = str(decision.get("lead") or decision.get("outcome") or "?")
    return shown(names(value) if names is not None else value.upper())


def time_shown(entry: dict[str, Any], fmt: str) -> str:
    moment = parse_time(entry["time"])
    return moment.astimezone(UTC).strftime(fmt) if moment else shown(entry["time"])


def as_json(document: Any) -> str:
    """JSON for standard output: what the log holds, exactly, with nothing a terminal would obey."""
    return sanitize_json(dumps(document))


@click.command(name="log")
@filters
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
    wanted: Filter,
    log_path: Path | None,
    limit: int,
    fmt: str,
) -> None:
    """Show the latest decisions given (oldest first), with who asked and the rule set in force.

    The log is read backwards from its end, only as far as needed: the latest decisions of a
    log of millions come at once. A line that is not a decision record is reported and skipped.
    """
    lang: str = getattr(state, "lang", "en")
    path = log_path or default_log_path()
    latest = LatestFirst(path, wanted)
    chosen = list(itertools.islice(latest, limit))
    chosen.reverse()
    report = reporter(path, lang)
    for item in latest.skipped():
        report(item)
    if fmt == "json":
        click.echo(as_json(chosen))
        return
    names = lead_names(lang) if chosen else None
    for entry in chosen:
        click.echo(
            f"{time_shown(entry, '%Y-%m-%d %H:%M:%S')}Z  {shown(entry['user']):<10}  "
            f"{case_text(entry['case'])}  → {lead_shown(entry['decision'], names)}  "
            f"({shown(entry['ruleset'])[:19]}…){ref_shown(entry)}"
        )


def ref_shown(entry: dict[str, Any]) -> str:
    """The case reference of a record, as the text listings show it after the rest ('' if none)."""
    return f"  ref={shown(entry['ref'])}" if "ref" in entry else ""
