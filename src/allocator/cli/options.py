"""Option decorators shared by the commands, so every command spells them the same way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def rules_option(func: F) -> F:
    return click.option(
        "--rules",
        "rules_dir",
        type=click.Path(path_type=Path),
        envvar="ALLOCATOR_RULES",
        show_envvar=True,
        help="Rules directory to use (default: the rules in force).",
    )(func)


def format_option(*choices: str) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(choices),
            default=choices[0],
            show_default=True,
            help="Output format.",
        )(func)

    return decorate


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and ctx.obj is not None:
        from allocator.messages import detect_lang

        ctx.obj.lang = detect_lang(value)
    return value


def lang_option(func: F) -> F:
    """`--lang` on a command too (`allocator decide … --lang fr`), not only before it."""
    from allocator.messages import LANGS

    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        expose_value=False,
        callback=_set_lang,
        help="Language of labels and messages (also: allocator --lang, $ALLOCATOR_LANG).",
    )(func)


class VocabularyValue(click.ParamType):  # type: ignore[type-arg]
    """An id of one vocabulary list: passed through as typed (the case check lists every mistake at
    once, with did-you-mean), completed in the shell from the rules in force with its label."""

    def __init__(self, list_name: str) -> None:
        self.list_name = list_name
        self.name = list_name[:-1]

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[Any]:
        from click.shell_completion import CompletionItem

        try:
            from allocator.loader import load_policy
            from allocator.messages import detect_lang

            policy = load_policy(ctx.params.get("rules_dir"))
        except Exception:  # completion must never print an error into the user's shell
            return []
        lang = detect_lang(ctx.params.get("lang"))
        return [
            CompletionItem(term.id, help=term.label.get(lang))
            for term in getattr(policy.vocabulary, self.list_name)
            if term.id.startswith(incomplete)
        ]


def log_path_option(help_text: str) -> Callable[[F], F]:
    """`--log PATH` (or $ALLOCATOR_LOG): the decision log."""
    return click.option(
        "--log",
        "log_path",
        type=click.Path(path_type=Path, dir_okay=False),
        envvar="ALLOCATOR_LOG",
        show_envvar=True,
        help=help_text,
    )


def log_options(func: F) -> F:
    """`--log PATH` / `--no-log`: where the decisions given are recorded."""
    func = click.option(
        "--no-log", is_flag=True, help="Do not record this decision in the decision log."
    )(func)
    return log_path_option(
        "Decision log to append to (default: decisions.jsonl in the user's data directory)."
    )(func)


def output_option(func: F) -> F:
    """`--output FILE` instead of standard output."""
    return click.option(
        "--output",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Write to FILE instead of standard output.",
    )(func)
