"""`allocator check`: is the rule set valid, complete and free of conflicts, over the whole domain?"""

from __future__ import annotations

from pathlib import Path

import click

from allocator.cli.options import format_option, lang_option, rules_option
from allocator.errors import EXIT_OK, EXIT_RULES
from allocator.i18n import t
from allocator.load.files import default_rules_dir
from allocator.render.json import dumps
from allocator.staff.check import check as run_check
from allocator.staff.check import dimensions


@click.command()
@rules_option
@lang_option
@click.option(
    "--strict",
    is_flag=True,
    help="Fail on warnings too (shadowed or dead rules, unused vocabulary).",
)
@format_option("text", "json")
@click.pass_obj
def check(state: object, rules_dir: Path | None, strict: bool, fmt: str) -> None:
    """Validate the rules and analyse every case of the domain.

    Reports, as path:line:col: code: message, every problem at once: invalid files, unknown ids,
    unused vocabulary, and over every topic x location x actor x target x combination of
    flags: gaps (no lead), conflicts (equal priorities that disagree), shadowed rules (they
    change no decision) and dead rules (they never apply). Exit 0 when valid with no gap or
    conflict (warnings are printed; --strict makes them fail), 3 otherwise.
    """
    lang: str = getattr(state, "lang", "en")
    report = run_check(rules_dir or default_rules_dir())
    passed = report.passed(strict)
    space = report.model.space if report.model else None
    summary = {
        "rules": len(report.policy.rules) if report.policy else 0,
        "cases": space.total() if space else 0,
        "errors": report.count("error"),
        "warnings": report.count("warning"),
        "notes": report.count("info"),
        "seconds": round(report.seconds, 3),
    }
    if fmt == "json":
        document = {
            "passed": passed,
            "strict": strict,
            "rules_dir": report.directory,
            "ruleset": report.policy.fingerprint if report.policy else None,
            "summary": summary,
            "problems": [problem.as_json(lang) for problem in report.problems],
            "findings": [
                {
                    "kind": f.kind,
                    "rules": f.rules,
                    "cases": f.cases,
                    "regions": [space.box_json(box) for box in f.region] if space else [],
                    "example": f.example,
                    **f.detail,
                }
                for f in report.findings
            ],
        }
        click.echo(dumps(document))
    else:
        for problem in report.problems:
            click.echo(problem.render(lang), err=problem.severity == "error")
        if space is not None:
            click.echo(
                t(
                    "check-summary",
                    lang,
                    rules=summary["rules"],
                    cases=f"{summary['cases']:,}",
                    dimensions=dimensions(space),
                    seconds=f"{report.seconds:.2f}",
                    errors=summary["errors"],
                    warnings=summary["warnings"],
                    notes=summary["notes"],
                )
            )
        elif report.problems:
            click.echo(t("ruleset-invalid", lang, count=summary["errors"]), err=True)
        if strict and summary["warnings"] and not summary["errors"]:
            click.echo(t("check-strict-failed", lang), err=True)
    raise click.exceptions.Exit(EXIT_OK if passed else EXIT_RULES)
