"""`allocator fmt`: the rule files and the feature files in their canonical layout."""

from __future__ import annotations

from pathlib import Path

import click

from allocator.cli.options import lang_option, rules_option
from allocator.errors import EXIT_INTERNAL, EXIT_OK, EXIT_RULES, Problem
from allocator.i18n import sanitize, t, tn
from allocator.load.files import default_rules_dir, display_path
from allocator.staff.fmt import (
    ChangedMeanwhile,
    FileLayout,
    default_paths,
    files_to_format,
    lay_out_all,
    write_atomically,
)


@click.command()
@click.argument("paths", nargs=-1, metavar="[PATH]...", type=click.Path(path_type=Path))
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing: list the files whose layout would change (exit 1 if any does).",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Write nothing: show what would change, as a unified diff (implies --check).",
)
@rules_option
@lang_option
@click.pass_obj
def fmt(
    state: object, paths: tuple[Path, ...], check: bool, show_diff: bool, rules_dir: Path | None
) -> None:
    """Put rule files and feature files in their canonical layout.

    PATH: files or directories (a directory's .yaml files, and the .feature files below it).
    Default: the rules in force and the features/ directory beside them. Rule files keep their
    comments and their meaning (the fingerprint of the rule set does not change); feature files
    get their keywords indented and their tables aligned.

    A file that cannot be read is named at path:line:col and left alone; the others are still
    formatted. Exit 0 when all is done (with --check: when no file would change), 1 when some file
    would change (--check) or could not be written, 3 when a file cannot be read or parsed.
    """
    lang: str = getattr(state, "lang", "en")
    check = check or show_diff
    targets = list(paths)
    for path in targets:
        if not path.exists():
            raise click.UsageError(sanitize(t("fmt-path-missing", lang, path=display_path(path))))
    if not targets:
        rules = rules_dir or default_rules_dir()
        if not rules.is_dir():
            problem = Problem("rules-dir-missing", {"path": display_path(rules)})
            click.echo(
                f"allocator: {t('error', lang)}{t('colon', lang)} {problem.render(lang)}", err=True
            )
            raise click.exceptions.Exit(EXIT_RULES)
        targets = default_paths(rules)
    files, refused = files_to_format(targets)
    if refused:
        raise click.UsageError(
            sanitize(t("fmt-not-formattable", lang, path=display_path(refused[0])))
        )
    if not files:
        shown = ", ".join(display_path(path) for path in targets)
        click.echo(sanitize(t("fmt-nothing", lang, paths=shown)), err=True)
        raise click.exceptions.Exit(EXIT_OK)
    layouts = lay_out_all(files)
    # The report goes to standard output, unless standard output carries the diff.
    report_to_stderr = show_diff
    failed = unsafe = written = unwritten = 0
    for layout in layouts:
        if layout.failed:
            failed += 1
            for problem in layout.problems:
                click.echo(problem.render(lang), err=True)
        elif layout.unsafe:
            unsafe += 1
            click.echo(sanitize(t("fmt-unsafe", lang, path=layout.shown)), err=True)
        elif not layout.changed:
            continue
        elif check:
            if show_diff:
                click.echo(sanitize(layout.diff()), nl=False)
            click.echo(
                sanitize(t("fmt-would-change", lang, path=layout.shown)), err=report_to_stderr
            )
        elif _write(layout, lang):
            written += 1
            click.echo(sanitize(t("fmt-formatted", lang, path=layout.shown)))
        else:
            unwritten += 1
    changed = sum(1 for layout in layouts if layout.changed)
    unchanged = sum(1 for layout in layouts if not layout.failed and not layout.unsafe) - changed
    parts = {
        "changed": (
            tn("fmt-count-would-change", changed, lang)
            if check
            else tn("fmt-count-formatted", written, lang)
        ),
        "unchanged": tn("fmt-count-unchanged", unchanged, lang),
    }
    trouble = failed + unsafe + unwritten
    summary = (
        t("fmt-summary-failed", lang, failed=tn("fmt-count-failed", trouble, lang), **parts)
        if trouble
        else t("fmt-summary", lang, **parts)
    )
    click.echo(summary, err=report_to_stderr)
    if failed:
        status = EXIT_RULES
    elif unsafe or unwritten or (check and changed):
        status = EXIT_INTERNAL
    else:
        status = EXIT_OK
    raise click.exceptions.Exit(status)


def _write(layout: FileLayout, lang: str) -> bool:
    """Write one file in place; False (and why, on standard error) when it cannot be."""
    try:
        write_atomically(layout)
    except ChangedMeanwhile:
        click.echo(sanitize(t("fmt-changed-meanwhile", lang, path=layout.shown)), err=True)
        return False
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = t("fmt-write-failed", lang, path=layout.shown, reason=reason)
        click.echo(sanitize(message), err=True)
        return False
    return True
