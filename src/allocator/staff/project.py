"""The checks of the project's own rules: what `make test` holds the checkout to beyond the rules.

When the rules checked are the `rules/` directory of a checkout of allocator (README.md and
schema/ beside it), `allocator check` also reports, each with the command that fixes it:

- a JSON Schema in schema/ that is not what `allocator schema` generates (`make schema`);
- a console example of README.md whose output is no longer what the tool prints
  (`make readme`): the examples are run by the command line (allocator.cli.check), which hands
  their outputs to `readme_drift` here;
- a rule text in fewer than the three languages (a warning there, a note elsewhere:
  allocator.staff.check.untranslated).

Any other rules directory (a proposal, a copy, the rules installed with the package) gets none
of these: they are about the checkout, not about the rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from allocator.errors import Hint, Problem
from allocator.load.files import display_path
from allocator.model import Vocabulary
from allocator.staff.schema import schema_text

README = "README.md"
SCHEMA_DIR = "schema"
#: The schemas `make schema` writes, by kind (`allocator schema --kind KIND`).
SCHEMA_KINDS = ("rules", "vocabulary")
#: A console example of the README: "```console", the command after "$ ", its output, "```".
EXAMPLE = re.compile(r"```console\n(.*?)```", flags=re.DOTALL)


def project_root(rules: Path) -> Path | None:
    """The checkout whose own rules `rules` are: a directory named `rules` with README.md and
    schema/ beside it. None for any other rules directory."""
    try:
        resolved = rules.resolve()
        root = resolved.parent
        if (
            resolved.name == "rules"
            and resolved.is_dir()
            and (root / README).is_file()
            and (root / SCHEMA_DIR).is_dir()
        ):
            return root
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop
        pass
    return None


def schema_path(root: Path, kind: str) -> Path:
    return root / SCHEMA_DIR / f"{kind}.schema.json"


def stale_schemas(root: Path, vocabulary: Vocabulary) -> list[Problem]:
    """A warning for each schema of schema/ that is not what `allocator schema` generates now."""
    problems = []
    for kind in SCHEMA_KINDS:
        path = schema_path(root, kind)
        try:
            committed: str | None = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            committed = None
        if committed != schema_text(kind, vocabulary):
            shown = display_path(path)
            problems.append(
                Problem(
                    "stale-schema",
                    {"file": shown},
                    shown,
                    severity="warning",
                    hint=Hint("stale-schema-help"),
                )
            )
    return problems


@dataclass(frozen=True)
class Example:
    """One console example of the README: `$ allocator …` and the output shown under it."""

    line: int  # the line of `$ allocator …` (1-based)
    command: str  # without the "$ "
    shown: str  # the output as written, up to the closing ``` (its final newline included)
    start: int  # where the output starts in the README's text
    end: int  # where it ends

    @property
    def words(self) -> list[str]:
        return self.command.split()


def examples(text: str) -> list[Example]:
    """Every console example of `text` (a README), in order."""
    found = []
    for match in EXAMPLE.finditer(text):
        first, newline, _ = match.group(1).partition("\n")
        start = match.start(1) + len(first) + len(newline)
        found.append(
            Example(
                line=text.count("\n", 0, match.start(1)) + 1,
                command=first.removeprefix("$ "),
                shown=text[start : match.end(1)],
                start=start,
                end=match.end(1),
            )
        )
    return found


def rewrite(text: str, outputs: Mapping[int, str]) -> str:
    """`text` with the output of each example (by its line) replaced by `outputs[line]`."""
    parts = []
    position = 0
    for example in examples(text):
        if example.line in outputs:
            parts += [text[position : example.start], outputs[example.line]]
            position = example.end
    return "".join([*parts, text[position:]])


def readme_drift(root: Path, found: list[Example], outputs: Mapping[int, str]) -> list[Problem]:
    """A warning for each example whose output (`outputs`, by line) is not the one shown."""
    shown = display_path(root / README)
    return [
        Problem(
            "readme-example-drift",
            {"command": example.command},
            shown,
            example.line,
            severity="warning",
            hint=Hint("readme-example-help"),
        )
        for example in found
        if example.line in outputs and outputs[example.line] != example.shown
    ]
