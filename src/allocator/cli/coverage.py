"""`allocator coverage`: which rules and regions of the domain the Gherkin specification exercises."""

from __future__ import annotations

from pathlib import Path

import click

from allocator.cli.options import format_option, lang_option, rules_option
from allocator.i18n import number, percent, sanitize, t, tn
from allocator.load.files import default_rules_dir, display_path
from allocator.load.policy import load_policy
from allocator.render.json import dumps
from allocator.staff.coverage import coverage as run_coverage
from allocator.staff.coverage import default_features_dir, features_candidates, has_feature_files


@click.command()
@rules_option
@lang_option
@click.option(
    "--features",
    "features_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Feature files to read (default: features/ beside the rules, else ./features).",
)
@format_option("text", "json")
@click.pass_obj
def coverage(state: object, rules_dir: Path | None, features_dir: Path | None, fmt: str) -> None:
    """Which rules the scenarios name and exercise, and which lead and competence regions their cases reach.

    A rule is exercised when it contributes to the decision of at least one scenario case;
    named when its id appears in a scenario. A lead region is where one lead rule decides.
    Exit 0 when every rule is named and exercised, 1 otherwise.
    """
    lang: str = getattr(state, "lang", "en")
    rules = rules_dir or default_rules_dir()
    features = features_dir or default_features_dir(rules)
    if features is None:
        looked = [path.resolve() for path in features_candidates(rules)]
        raise click.UsageError(
            sanitize(
                t(
                    "coverage-no-features",
                    lang,
                    beside=display_path(looked[0]),
                    here=str(looked[1]),
                )
            )
        )
    if not has_feature_files(features):
        raise click.UsageError(
            sanitize(t("coverage-no-feature-files", lang, path=display_path(features)))
        )
    report = run_coverage(load_policy(rules), features)
    if fmt == "json":
        click.echo(dumps(report.as_json()))
    else:
        spec = report.specification
        rules_total = len(report.rule_ids)
        reached = sum(1 for r in report.regions if r.hits)
        lines = [
            tn(
                "coverage-spec",
                len(spec.files),
                lang,
                scenarios=tn("coverage-spec-scenarios", spec.scenarios, lang),
                cases=tn("coverage-spec-cases", len(spec.cases), lang),
                path=display_path(features),
            ),
            t(
                "coverage-rules",
                lang,
                exercised=number(rules_total - len(report.unexercised()), lang),
                named=number(rules_total - len(report.unnamed()), lang),
                total=number(rules_total, lang),
            ),
            t(
                "coverage-regions",
                lang,
                reached=number(reached, lang),
                total=number(len(report.regions), lang),
                share=percent(report.domain_share(), lang, 1),
            ),
            "",
        ]
        vocabulary = report.policy.vocabulary

        def name(value: str) -> str:
            """A lead or a shape of competence as the language names it: `SGRS`, `aucun`."""
            if value == "shared":
                return t("coverage-both", lang)
            if value == "none":
                return t("matrix-none", lang)
            return vocabulary.short_label("services", value, lang)

        width = max(len(r.rule) for r in report.regions) if report.regions else 10
        leads = max([len(name(r.lead)) for r in report.regions] + [4])
        for region in report.regions:
            lines.append(
                f"  {region.rule:<{width}}  {name(region.lead):<{leads}}  {number(region.cases, lang):>9}  {number(region.hits, lang):>4}"
            )
        lines += ["", t("coverage-competence", lang)]
        shapes = max([len(name(c.competence)) for c in report.competence] + [7])
        leads = max([len(name(c.lead)) for c in report.competence] + [5])
        for shape in report.competence:
            lines.append(
                f"  {name(shape.competence):<{shapes}} {name(shape.lead):<{leads}}  {number(shape.cases, lang):>11}  {number(shape.hits, lang):>4}"
            )
        if report.unexercised():
            lines += ["", t("coverage-unexercised", lang, rules=", ".join(report.unexercised()))]
        if report.unnamed():
            lines += ["", t("coverage-unnamed", lang, rules=", ".join(report.unnamed()))]
        click.echo("\n".join(lines))
    raise click.exceptions.Exit(0 if report.complete() else 1)
