"""`allocator check`: is the rule set valid, complete and free of conflicts, over the whole domain?"""

from __future__ import annotations

import dataclasses
import shlex
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from allocator.cli.examples import RUNNING_EXAMPLES, in_checkout, normalise, writes_files
from allocator.cli.options import format_option, lang_option, rules_option
from allocator.errors import EXIT_OK, EXIT_RULES, Problem
from allocator.i18n import number, t, tn
from allocator.load.files import default_rules_dir
from allocator.record import replace
from allocator.render.json import dumps
from allocator.staff.check import CheckReport, dimensions
from allocator.staff.check import check as run_check
from allocator.staff.project import README, examples, readme_drift


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
    change no decision) and dead rules (they never apply). On the rules of a checkout (README.md
    and schema/ beside them) also what its tests would fail on: a stale schema (make schema), a
    README example that drifted (make readme), a rule text in one language only. Exit 0 when
    valid with no gap or conflict (warnings are printed; --strict makes them fail), 3 otherwise.
    """
    lang: str = getattr(state, "lang", "en")
    rules = rules_dir or default_rules_dir()
    report = run_check(rules)
    check_readme(report, rules)
    if fmt == "json":
        click.echo(render_json(report, strict, lang))
    else:
        for line, to_stderr in render_text(report, strict, lang):
            click.echo(line, err=to_stderr)
    raise click.exceptions.Exit(EXIT_OK if report.passed(strict) else EXIT_RULES)


def _summary(report: CheckReport) -> dict[str, Any]:
    space = report.model.space if report.model else None
    return {
        "rules": len(report.policy.rules) if report.policy else 0,
        "cases": space.total() if space else 0,
        "errors": report.count("error"),
        "warnings": report.count("warning"),
        "notes": report.count("info"),
        "seconds": round(report.seconds, 3),
    }


def render_json(report: CheckReport, strict: bool, lang: str) -> str:
    """The report as `check --format json` prints it."""
    space = report.model.space if report.model else None
    document = {
        "passed": report.passed(strict),
        "strict": strict,
        "rules_dir": report.directory,
        "ruleset": report.policy.fingerprint if report.policy else None,
        "summary": _summary(report),
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
    return dumps(document)


def render_text(report: CheckReport, strict: bool, lang: str) -> list[tuple[str, bool]]:
    """The report as `check` prints it: each line, and whether it goes to standard error."""
    lines: list[tuple[str, bool]] = [
        (problem.render(lang), problem.severity == "error") for problem in report.problems
    ]
    summary = _summary(report)
    if report.model is not None:
        lines.append(
            (
                tn(
                    "check-summary",
                    summary["rules"],
                    lang,
                    cases=tn("check-summary-cases", summary["cases"], lang),
                    dimensions=dimensions(report.model.space, lang),
                    seconds=number(report.seconds, lang, 2),
                    errors=tn("check-summary-errors", summary["errors"], lang),
                    warnings=tn("check-summary-warnings", summary["warnings"], lang),
                    notes=tn("check-summary-notes", summary["notes"], lang),
                ),
                False,
            )
        )
    elif report.problems:
        lines.append((tn("ruleset-invalid", summary["errors"], lang), True))
    if strict and summary["warnings"] and not summary["errors"]:
        lines.append((t("check-strict-failed", lang), True))
    return lines


# --------------------------------------------------------------------------- the README's examples


@dataclass(frozen=True)
class CheckArgs:
    """What a README example of `allocator check` asks for."""

    strict: bool = False
    fmt: str = "text"
    lang: str = "en"
    rules: str | None = None


def _check_args(command: str) -> CheckArgs | None:
    """The options of `allocator [--lang L] check …`, or None when `command` is another command
    or options this reading does not know (then the example is run as it is)."""
    try:
        words = shlex.split(command)
    except ValueError:
        return None
    values: dict[str, Any] = {}
    position = 1
    seen_check = False
    while position < len(words):
        word = words[position]
        name, equals, value = word.partition("=")
        if word == "check" and not seen_check:
            seen_check = True
        elif word == "--strict" and seen_check:
            values["strict"] = True
        elif name in {"--lang", "--format", "--rules"} and (seen_check or name == "--lang"):
            if not equals:
                position += 1
                if position >= len(words):
                    return None
                value = words[position]
            values[{"--format": "fmt"}.get(name, name[2:])] = value
        else:
            return None
        position += 1
    return CheckArgs(**values) if seen_check else None


def _rebased(path: str | None, cwd: Path, root: Path) -> str | None:
    """`path`, shown relative to `cwd`, shown relative to `root` instead (as in the README)."""
    if path is None:
        return None
    absolute = Path(path) if Path(path).is_absolute() else cwd / path
    try:
        return str(absolute.resolve().relative_to(root.resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(absolute)


def _as_in_readme(report: CheckReport, cwd: Path, root: Path) -> CheckReport:
    """`report` as `allocator check` run in `root` would print it."""
    problems = [
        replace(problem, path=_rebased(problem.path, cwd, root)) for problem in report.problems
    ]
    directory = _rebased(report.directory, cwd, root) or report.directory
    return dataclasses.replace(report, problems=problems, directory=directory)


def example_outputs(report: CheckReport, rules: Path, text: str) -> dict[int, str]:
    """The output of each console example of the README `text` (by its line), as the README
    should show it now. An example of `allocator check` on the rules of `report` is not run again:
    it is `report` printed as that example asks, the README's other examples taken as up to date
    (a drifted one is reported by itself; `make readme` fixes both at once). An example that would
    write a file is left out."""
    root = report.root
    assert root is not None
    cwd = Path.cwd()
    outputs: dict[int, str] = {}
    with in_checkout(root, rules) as run:
        for example in examples(text):
            args = _check_args(example.command)
            if writes_files(example.command):
                continue
            if args is not None and (
                args.rules is None or (root / args.rules).resolve() == rules.resolve()
            ):
                shown = _as_in_readme(report, cwd, root)
                if args.fmt == "json":
                    printed = render_json(shown, args.strict, args.lang) + "\n"
                else:
                    lines = render_text(shown, args.strict, args.lang)
                    printed = "".join(f"{line}\n" for line, err in lines if not err)
                    printed += "".join(f"{line}\n" for line, err in lines if err)
                outputs[example.line] = normalise(printed)
            else:
                outputs[example.line] = run(example.command)
    return outputs


def check_readme(report: CheckReport, rules: Path) -> None:
    """Add to `report` a warning for each console example of the checkout's README whose output
    has drifted (`make readme` rewrites them). Only for the checkout's own rules, valid, and not
    while the README's examples are being run."""
    if report.root is None or report.policy is None or RUNNING_EXAMPLES.get():
        return
    started = time.perf_counter()
    try:
        text = (report.root / README).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return
    outputs = example_outputs(report, rules, text)
    report.problems = sorted(
        [*report.problems, *readme_drift(report.root, examples(text), outputs)],
        key=Problem.sort_key,
    )
    report.seconds += time.perf_counter() - started
