"""The command line: the click group with every command, and one boundary that turns errors into
messages and exit codes."""

from __future__ import annotations

import importlib
import os
import re
import sys
from pathlib import Path
from typing import Any

import click

from allocator.cli.output import guard_stdout, lang_from_argv, report_output_failure
from allocator.errors import EXIT_INTERNAL, EXIT_USAGE, AllocatorError, OutputFailed
from allocator.i18n import LANGS, detect_lang, sanitize, t, tn
from allocator.load.files import default_rules_dir, display_path
from allocator.version import __version__

#: Every command, each defined in the module of its name under allocator.cli. A module is imported
#: only when its command runs (or help lists them all): `allocator batch` does not pay for the
#: YAML parser and pydantic that `check` needs, nor `log` for the web framework of `serve`.
COMMANDS = (
    "batch",
    "check",
    "coverage",
    "decide",
    "diff",
    "fmt",
    "log",
    "matrix",
    "replay",
    "rules",
    "schema",
    "serve",
    "spec",
)


class State:
    """What the group passes to its commands."""

    def __init__(self, lang: str) -> None:
        self.lang = lang


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from allocator.load.policy import load_policy  # lazy: only --version reads the rules here

    lang = detect_lang(ctx.params.get("lang"))
    directory = default_rules_dir()
    policy = load_policy(directory)
    click.echo(
        tn(
            "version-line",
            len(policy.rules),
            lang,
            version=__version__,
            fingerprint=policy.fingerprint,
            path=display_path(Path(policy.directory)),
        )
    )
    ctx.exit(0)


class RepeatedOption(click.UsageError):
    """An option that takes one value, given more than once (`--topic a --topic b`)."""

    def __init__(self, option: str, ctx: click.Context | None = None) -> None:
        super().__init__(option, ctx)
        self.option = option


def _reject_repeated_options(command: click.Command, ctx: click.Context, args: list[str]) -> None:
    """A usage error when an option taking one value is given twice: click would silently keep
    the last, and `decide --topic espionage --topic terrorism` would answer a question not asked."""
    if ctx.resilient_parsing:  # shell completion: never an error there
        return
    parser = command.make_parser(ctx)
    try:
        _, _, order = parser.parse_args(args=list(args))  # a dry run: no callback, no value checked
    except click.UsageError:
        return  # the parse proper reports it
    seen: set[str] = set()
    for param in order:
        if not isinstance(param, click.Option) or param.multiple or param.count or param.is_flag:
            continue
        if param.name in seen:
            raise RepeatedOption(max(param.opts, key=len), ctx)
        seen.add(str(param.name))


class AllocatorGroup(click.Group):
    """The command group; it refuses an option given twice, before it or before a command, and
    imports a command's module only when that command is asked for (COMMANDS)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module = importlib.import_module(f"allocator.cli.{cmd_name}")
            self.add_command(getattr(module, cmd_name))
        return self.commands.get(cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        _reject_repeated_options(self, ctx, args)
        return super().parse_args(ctx, args)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            probe = click.Context(command, info_name=name, parent=ctx)
            _reject_repeated_options(command, probe, rest)
        return name, command, rest


@click.group(
    cls=AllocatorGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    is_eager=True,
    help="Language of labels and messages (default: $ALLOCATOR_LANG, then the locale, then en).",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and the fingerprint of the rule set in force.",
)
@click.pass_context
def cli(ctx: click.Context, lang: str | None) -> None:
    """Which Belgian intelligence service leads a case, who must be brought in, and through which channel.

    \b
    Examples:
      allocator decide --topic terrorism --location belgium --actor terrorist-group
      allocator decide --topic espionage --location nato-site --actor foreign-intelligence-service --format json
      allocator rules
    """
    ctx.obj = State(detect_lang(lang))


#: click's message for a value outside a Choice (the one it shows most often).
_NOT_ONE_OF = re.compile(r"'(?P<value>.*)' is not one of (?P<choices>.*)\.")


def _click_message(exc: click.ClickException, lang: str) -> str:
    """click's own usage errors, in the user's language where we know their shape."""
    if isinstance(exc, RepeatedOption):
        return t("option-repeated", lang, option=exc.option)
    if isinstance(exc, click.NoSuchOption):
        text = t("no-such-option", lang, option=exc.option_name)
        if exc.possibilities:
            text += ": " + t("did-you-mean", lang, suggestion=sorted(exc.possibilities)[0])
        return text
    if isinstance(exc, click.MissingParameter):
        param = (
            exc.param.opts[0]
            if exc.param is not None and exc.param.opts
            else (exc.param_hint or "")
        )
        return t("missing-parameter", lang, param=f"`{param}`")
    if isinstance(exc, click.BadParameter):
        option = exc.param_hint or (
            exc.param.opts[0] if exc.param is not None and exc.param.opts else "?"
        )
        if isinstance(option, list | tuple):
            option = " / ".join(option)
        detail = exc.message
        choice = _NOT_ONE_OF.fullmatch(detail.strip())
        if choice is not None:
            detail = t(
                "not-one-of",
                lang,
                value=choice["value"],
                choices=choice["choices"].replace("'", "`"),
            )
        return t("bad-option-value", lang, option=str(option).strip("'\""), detail=detail)
    message = exc.format_message()
    if message.startswith("No such command"):
        return t(
            "no-such-command", lang, command=message.split("'")[1] if "'" in message else message
        )
    return message


def main(argv: list[str] | None = None) -> Any:
    """Entry point: run the command; every error becomes a message on stderr and its exit code, never a traceback."""
    args = sys.argv[1:] if argv is None else argv
    lang = lang_from_argv(args)
    previous = guard_stdout()
    try:
        status = _run(args, lang)
        sys.stdout.flush()  # what is still buffered fails here, inside the boundary, if it fails
    except OutputFailed as failure:
        status = report_output_failure(failure, lang)
    finally:
        sys.stdout = previous
    return sys.exit(status)


def _run(args: list[str], lang: str) -> int:
    """The command's exit status; errors become messages. A failure to write standard output
    (OutputFailed) goes through to `main`."""
    try:
        # Outside standalone mode click returns the status of `ctx.exit(n)` / `Exit(n)` instead of exiting.
        status = cli.main(args=args, prog_name="allocator", standalone_mode=False)
        return status if isinstance(status, int) else 0
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.Abort:
        click.echo(f"allocator: {t('aborted', lang)}", err=True)
        return EXIT_USAGE
    except click.ClickException as exc:
        click.echo(
            f"allocator: {t('error', lang)}{t('colon', lang)} {sanitize(_click_message(exc, lang))}",
            err=True,
        )
        context = getattr(exc, "ctx", None)
        if isinstance(exc, click.UsageError) and context is not None:
            click.echo(t("try-help", lang, command=context.command_path), err=True)
        return exc.exit_code
    except AllocatorError as exc:
        click.echo(f"allocator: {t('error', lang)}{t('colon', lang)} {exc.render(lang)}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last boundary: report, never dump a traceback on the user
        if os.environ.get("ALLOCATOR_DEBUG"):
            raise
        reason = sanitize(f"{type(exc).__name__}: {exc}")
        click.echo(f"allocator: {t('internal-error', lang, reason=reason)}", err=True)
        return EXIT_INTERNAL
