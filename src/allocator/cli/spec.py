"""`allocator spec`: run the Gherkin specification against a rule set, in seconds, in-process."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import click

from allocator.cli.inprocess import run_in_process
from allocator.cli.options import format_option, lang_option, rules_option
from allocator.desk.service import Allocator
from allocator.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from allocator.i18n import sanitize, t, tn
from allocator.load.files import default_rules_dir, display_path
from allocator.load.policy import load_policy
from allocator.render.json import dumps
from allocator.staff.spec_runner import (
    FeatureSyntaxError,
    Result,
    feature_files,
    read_features,
    render_result,
    result_json,
    run_all,
    summary,
)
from allocator.staff.steps import Bench, RulesCopies


def default_features(rules: Path) -> Path | None:
    """features/ beside the rules under test, else beside the rules in force, else ./features."""
    for candidate in (
        rules.resolve().parent / "features",
        default_rules_dir().resolve().parent / "features",
        Path("features"),
    ):
        if candidate.is_dir():
            return candidate
    return None


def exit_status(results: list[Result]) -> int:
    """2 when a step is undefined (the specification itself is wrong), 1 when a scenario fails."""
    if any(r.status == "undefined" for r in results):
        return EXIT_USAGE
    if any(r.status == "failed" for r in results):
        return EXIT_INTERNAL
    return EXIT_OK


@click.command()
@click.argument("features", nargs=-1, metavar="[FEATURE]...", type=click.Path(path_type=Path))
@rules_option
@lang_option
@format_option("text", "json")
@click.pass_obj
def spec(state: object, features: tuple[Path, ...], rules_dir: Path | None, fmt: str) -> None:
    """Run the Gherkin specification (FEATURE files or directories; default: features/ beside
    the rules) against the rules in force or --rules DIR.

    Prints one block per failing scenario (feature file and line, the example row of an outline,
    the failing step and its line, expected and actual, the rules that decided), then a summary.
    Exit 0 when every scenario passes, 1 when some fail, 2 for a path that does not exist, a
    Gherkin syntax error or a step no sentence reads as, 3 when the rules are invalid.
    """
    lang: str = getattr(state, "lang", "en")
    rules = rules_dir or default_rules_dir()
    paths = list(features)
    if not paths:
        found = default_features(rules)
        if found is None:
            raise click.UsageError(sanitize(t("spec-no-features", lang, rules=display_path(rules))))
        paths = [found]
    for path in paths:
        if not path.exists():
            raise click.UsageError(sanitize(t("spec-no-such-path", lang, path=display_path(path))))
    files = feature_files(paths)
    if not files:
        shown = ", ".join(display_path(path) for path in paths)
        raise click.UsageError(sanitize(t("spec-no-feature-files", lang, paths=shown)))
    try:
        scenarios = read_features(files)
    except FeatureSyntaxError as error:
        for problem in error.problems:
            click.echo(problem.render(lang), err=True)
        click.echo(tn("spec-syntax-errors", len(error.problems), lang), err=True)
        raise click.exceptions.Exit(EXIT_USAGE) from None
    policy = load_policy(rules)  # invalid rules: RuleSetError, every problem, exit 3
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="allocator-spec-", ignore_cleanup_errors=True) as home:
        copies = RulesCopies(rules, Path(home))
        shared: list[Allocator] = []

        def allocator() -> Allocator:
            if not shared:
                shared.append(Allocator(policy))
            return shared[0]

        bench = Bench(
            rules=rules,
            run=run_in_process,
            copy_rules=copies,
            allocator=allocator,
            # Decisions given by the scenarios' commands go to a log of the run's own.
            env={"ALLOCATOR_LOG": str(Path(home) / "decisions.jsonl")},
        )
        try:
            results = run_all(scenarios, bench)
        finally:
            copies.clear()
            for one in shared:
                one.close()
    seconds = time.perf_counter() - started
    if fmt == "json":
        click.echo(dumps([result_json(result, lang) for result in results]))
    else:
        blocks = [render_result(result, lang) for result in results if result.status != "passed"]
        click.echo("\n\n".join([*blocks, summary(results, seconds, lang)]))
    raise click.exceptions.Exit(exit_status(results))
