"""click options built from the one option table (allocator.option_table), shared by the commands
so every command spells them the same way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from click.shell_completion import CompletionItem

from allocator.i18n import detect_lang, t
from allocator.load.policy import load_policy
from allocator.option_table import (
    FLAG,
    LANG,
    LOG,
    NO_LOG,
    REPEATED,
    RULES,
    SWITCH,
    OptionSpec,
    text_problem,
)
from allocator.option_table import FORMAT as _FORMAT
from allocator.record import replace

F = TypeVar("F", bound=Callable[..., Any])


class VocabularyValue(click.ParamType):  # type: ignore[type-arg]
    """An id of one vocabulary list: passed through as typed (the case check lists every mistake at
    once, with did-you-mean), completed in the shell from the rules in force with its label."""

    def __init__(self, list_name: str) -> None:
        self.list_name = list_name
        self.name = list_name[:-1]

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[Any]:
        try:
            policy = load_policy(ctx.params.get("rules_dir"))
        except Exception:  # completion must never print an error into the user's shell
            return []
        lang = detect_lang(ctx.params.get("lang"))
        return [
            CompletionItem(term.id, help=term.label.get(lang))
            for term in getattr(policy.vocabulary, self.list_name)
            if term.id.startswith(incomplete)
        ]


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and ctx.obj is not None:
        ctx.obj.lang = detect_lang(value)
    return value


def _free_text(limit: int) -> Callable[[click.Context, click.Parameter, str | None], str | None]:
    """A callback refusing free text the decision log would not take as given (exit 2); an empty
    value counts as none."""

    def check(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        if not value:
            return None
        problem = text_problem(value, limit)
        if problem is not None:
            key, params = problem
            raise click.BadParameter(t(key, getattr(ctx.obj, "lang", "en"), **params))
        return value

    return check


def option(spec: OptionSpec) -> Callable[[F], F]:
    """The click option of one entry of the option table."""
    names: tuple[str, ...] = spec.names
    settings: dict[str, Any] = {"help": spec.help}
    if spec.takes == FLAG:
        settings["is_flag"] = True
    elif spec.takes == SWITCH:
        names = (f"{names[0]}/{spec.negation}", *names[1:])
        settings["default"] = None
    elif spec.takes == REPEATED:
        settings["multiple"] = True
    if spec.vocabulary is not None:
        settings["type"] = VocabularyValue(spec.vocabulary)
    elif spec.choices is not None:
        settings["type"] = click.Choice(spec.choices)
    elif spec.path:
        settings["type"] = (
            click.Path(path_type=Path, dir_okay=False)
            if spec.file_only
            else click.Path(path_type=Path)
        )
    if spec.default is not None:
        settings.update(default=spec.default, show_default=True)
    if spec.envvar is not None:
        settings.update(envvar=spec.envvar, show_envvar=True)
    if spec.max_length is not None:
        settings.update(callback=_free_text(spec.max_length), metavar="TEXT")
    if (
        spec is LANG
    ):  # `--lang` on a command too (`allocator decide … --lang fr`), not only before it
        settings.update(expose_value=False, callback=_set_lang)
        return click.option(*names, **settings)
    return click.option(*names, spec.dest, **settings)


def options(specs: tuple[OptionSpec, ...]) -> Callable[[F], F]:
    """Every option of `specs`, listed by `--help` in that order."""

    def decorate(func: F) -> F:
        for spec in reversed(specs):
            func = option(spec)(func)
        return func

    return decorate


rules_option = option(RULES)
lang_option = option(LANG)


def format_option(*choices: str) -> Callable[[F], F]:
    """`--format` with these choices, the first the default."""
    return option(replace(_FORMAT, choices=choices, default=choices[0]))


def log_path_option(help_text: str) -> Callable[[F], F]:
    """`--log PATH` (or $ALLOCATOR_LOG): the decision log."""
    return option(replace(LOG, help=help_text))


def log_options(func: F) -> F:
    """`--log PATH` / `--no-log`: where the decisions given are recorded."""
    return options((LOG, NO_LOG))(func)


def output_option(func: F) -> F:
    """`--output FILE` instead of standard output."""
    return click.option(
        "--output",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Write to FILE instead of standard output.",
    )(func)
