"""`allocator decide`: the lead service, the partners and the consultation for one case, and why."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.core import ParameterSource

from allocator.cli.guided import complete_case
from allocator.cli.options import options
from allocator.desk.decision_log import log_decisions
from allocator.desk.service import Allocator
from allocator.engine.explain import counterfactuals as find_counterfactuals
from allocator.engine.explain import explanation
from allocator.errors import EXIT_NO_DECISION, CaseError
from allocator.model import REQUIRED_ATTRIBUTES
from allocator.option_table import DECIDE
from allocator.render.json import decision_json, dumps
from allocator.render.text import decision_text


@click.command()
@options(DECIDE)
@click.pass_obj
def decide(
    state: object,
    topic: str | None,
    location: str | None,
    actor: str | None,
    target: str,
    flags: tuple[str, ...],
    why: bool,
    explain: bool,
    interactive: bool | None,
    rules_dir: Path | None,
    ref: str | None,
    log_path: Path | None,
    no_log: bool,
    fmt: str,
) -> None:
    """Which service leads a case, who must be brought in, through which channel, and why.

    The answer comes first, in about a dozen lines; --why adds the reasoning, --explain also what
    would change the lead. In a terminal, missing attributes are asked for; elsewhere they are a usage error. Every
    decision is appended to the decision log (see `allocator log`) unless --no-log, with the
    case reference given by --ref (at most 100 characters on one line; shown in text output).

    Exit status: 0 decided (lead `none` included), 2 bad input, 3 invalid rules, 4 the rules give
    no lead or contradictory leads (the output names the escalation route), 1 anything else.
    """
    lang: str = getattr(state, "lang", "en")
    with Allocator.from_directory(rules_dir) as allocator:
        data = {
            "topic": topic,
            "location": location,
            "actor": actor,
            "target": target,
            "flags": list(flags),
        }
        if interactive is None:
            interactive = sys.stdin.isatty() and sys.stderr.isatty()
        if interactive and not all(data[a] for a in REQUIRED_ATTRIBUTES):
            also = _given_options(
                click.get_current_context(),
                {
                    "--lang": ("lang", lang),
                    "--format": ("fmt", fmt),
                    "--ref": ("ref", ref),
                    "--rules": ("rules_dir", rules_dir),
                    "--log": ("log_path", log_path),
                    "--why": ("why", why),
                    "--explain": ("explain", explain),
                    "--no-log": ("no_log", no_log),
                },
            )
            data = complete_case(allocator.policy, data, lang, also)
        try:
            decision = allocator.decide(
                {key: value for key, value in data.items() if value is not None}
            )
        except CaseError as error:  # said as the options of this command
            raise error.with_options() from None
        counterfactuals = None
        if explain:
            counterfactuals = find_counterfactuals(
                allocator.policy, allocator.decide, decision, lang
            )
        if fmt == "json":
            document = decision_json(decision)
            if why or explain:
                document["explanation"] = explanation(allocator.policy, decision, lang)
            if explain:
                document["explanation"]["counterfactuals"] = counterfactuals
            text = dumps(document)
        else:
            text = decision_text(
                decision, allocator.policy, lang, counterfactuals, why=why or explain, ref=ref
            )
    click.echo(text)
    if not no_log:
        log_decisions(log_path, [decision], "decide", ref)
    if not decision.decided:
        raise click.exceptions.Exit(EXIT_NO_DECISION)


def _given_options(ctx: click.Context, options: dict[str, tuple[str, object]]) -> list[str]:
    """The options given on the command line besides the case (not those from the environment or
    the defaults), as the guided input's "next time" line repeats them: an option with its value,
    a flag alone. `options`: option -> (its parameter's name, its value)."""
    parts: list[str] = []
    for option, (name, value) in options.items():
        contexts = (ctx, ctx.parent) if ctx.parent is not None else (ctx,)
        if not any(c.get_parameter_source(name) is ParameterSource.COMMANDLINE for c in contexts):
            continue  # `allocator --lang nl decide …` gives --lang to the group
        if value is True:
            parts.append(option)
        elif value:
            parts += [option, str(value)]
    return parts
