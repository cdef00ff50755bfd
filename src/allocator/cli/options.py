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
        type=click.Path(path_type=Path, file_okay=False),
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
