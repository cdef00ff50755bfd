"""Guided input: ask, in a terminal, for what the command line left out.

A guided session is one where a required attribute is missing and standard input and error are a
terminal (allocator.cli.decide). It asks for each missing required attribute (topic, location,
actor), then for the target when none was given (Enter: unspecified) and for the flags when none
were given (any number of them; Enter: none), and prints the command line that gives the same
case next time.

Each question lists every value, numbered, with its label in the user's language. An answer is a
number, an id in any case, or the start of an id or of a label, case and accents aside
(allocator.load.suggest.matching): "12", "COMPANY", "Onder" (Onderneming) and "entrep"
(Entreprise) all name `company`. What starts several values lists them and asks again; what
names none is asked again, with the nearest value. For the flags, several answers go on one line,
separated by commas or spaces ("1,3", "1 3", "imminent, disputed"). End of input (Ctrl-D) or
Ctrl-C at a question ends the command with exit status 2, nothing decided and nothing logged.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import click

from allocator.errors import EXIT_USAGE
from allocator.i18n import sanitize, t
from allocator.load.suggest import matching, suggest
from allocator.model import CASE_ATTRIBUTES, DEFAULT_TARGET, REQUIRED_ATTRIBUTES, Policy

#: The question for each attribute, written per attribute: its words agree with it in Dutch
#: (welk/welke) and French (quel/quelle/quels).
WHICH = {
    "topic": "guided-which-topic",
    "location": "guided-which-location",
    "actor": "guided-which-actor",
    "target": "guided-which-target",
    "flags": "guided-which-flags",
}


@dataclass(frozen=True)
class Choice:
    """A value offered: its number in the list, its id and its label in the user's language."""

    number: int
    id: str
    label: str


def choices_of(policy: Policy, attribute: str, lang: str) -> list[Choice]:
    """Every value of `attribute` (a case attribute: topic, …, flags), numbered from 1."""
    terms = getattr(policy.vocabulary, CASE_ATTRIBUTES[attribute])
    return [Choice(n, term.id, term.label.get(lang)) for n, term in enumerate(terms, 1)]


def candidates(answer: str, choices: Sequence[Choice]) -> list[str]:
    """The ids `answer` may stand for, in list order: the value of that number; else the value
    whose id or label it is; else every value whose id or label starts with it (case, accents
    and separators aside). None: an empty list; more than one: ambiguous."""
    text = answer.strip()
    if text.isascii() and text.isdigit():
        number = int(text)
        return [choices[number - 1].id] if 1 <= number <= len(choices) else []
    return matching(text, {choice.id: (choice.label,) for choice in choices})


def select(answer: str, choices: Sequence[Choice]) -> list[tuple[str, list[str]]]:
    """Each part of an answer that may name several values, with the ids it may stand for.

    Parts are separated by commas; a part that names no single value as a whole is taken word by
    word ("1 3", "imm dis"), so that a label of several words still works ("imminent threat").
    An empty answer has no parts (none chosen)."""
    parts: list[tuple[str, list[str]]] = []
    for part in (p.strip() for p in answer.replace(";", ",").split(",")):
        if not part:
            continue
        found = candidates(part, choices)
        words = part.split()
        if len(found) == 1 or len(words) == 1:
            parts.append((part, found))
        else:
            parts += [(word, candidates(word, choices)) for word in words]
    return parts


def _show(choices: Sequence[Choice]) -> None:
    width = max(len(choice.id) for choice in choices)
    for choice in choices:
        click.echo(f"  {choice.number:>2}  {choice.id:<{width}}  {choice.label}", err=True)


def _prompt(text: str, lang: str) -> str:
    """One line typed at a prompt on standard error (Enter: the empty string)."""
    answer = click.prompt(
        text, default="", show_default=False, prompt_suffix=f"{t('colon', lang)} ", err=True
    )
    return str(answer).strip()


def _refuse(answer: str, found: Sequence[str], choices: Sequence[Choice], lang: str) -> None:
    """Say why `answer` names no single value: the values it may stand for, or the nearest."""
    shown = sanitize(answer, one_line=True)
    if found:
        click.echo(t("guided-ambiguous", lang, value=shown), err=True)
        _show([choice for choice in choices if choice.id in found])
        return
    names = {choice.id: (choice.label,) for choice in choices}
    guess = suggest(answer, list(names), names)
    hint = t("did-you-mean", lang, suggestion=guess) if guess else ""
    click.echo(f"{t('guided-again', lang, value=shown)} {hint}".rstrip(), err=True)


def _chosen(ids: Sequence[str], choices: Sequence[Choice]) -> str:
    labels = {choice.id: choice.label for choice in choices}
    return ", ".join(f"{id_} ({labels[id_]})" for id_ in ids)


def ask(policy: Policy, attribute: str, lang: str, default: str | None = None) -> str:
    """Ask for one value of `attribute`; with a `default`, Enter chooses it."""
    choices = choices_of(policy, attribute, lang)
    click.echo(t(WHICH[attribute], lang), err=True)
    _show(choices)
    if default is None:
        prompt = t("guided-prompt", lang, last=len(choices))
    else:
        label = next(choice.label for choice in choices if choice.id == default)
        prompt = t("guided-prompt-default", lang, last=len(choices), default=label)
    while True:
        answer = _prompt(prompt, lang)
        found = [default] if not answer and default is not None else candidates(answer, choices)
        if len(found) == 1:
            click.echo(f"  → {_chosen(found, choices)}", err=True)
            return found[0]
        if answer:
            _refuse(answer, found, choices, lang)


def ask_flags(policy: Policy, lang: str) -> list[str]:
    """Ask for the flags: none, one or several on one line."""
    choices = choices_of(policy, "flags", lang)
    click.echo(t(WHICH["flags"], lang), err=True)
    _show(choices)
    prompt = t("guided-prompt-flags", lang, last=len(choices))
    while True:
        parts = select(_prompt(prompt, lang), choices)
        unclear = [(part, found) for part, found in parts if len(found) != 1]
        if not unclear:
            named = {found[0] for _, found in parts}
            chosen = [choice.id for choice in choices if choice.id in named]
            shown = _chosen(chosen, choices) if chosen else t("guided-no-flags", lang)
            click.echo(f"  → {shown}", err=True)
            return chosen
        for part, found in unclear:
            _refuse(part, found, choices, lang)


def complete_case(
    policy: Policy, data: dict[str, Any], lang: str, also: Sequence[str] = ()
) -> dict[str, Any]:
    """Ask for every missing required attribute, then for the target and the flags if none were
    given; print the command line to use next time, with the options in `also` (those given
    besides the case: language, format, reference…). Returns `data`, completed. Nothing is asked
    when no required attribute is missing. End of input or Ctrl-C at a question: exit 2."""
    missing = [a for a in REQUIRED_ATTRIBUTES if not data.get(a)]
    if not missing:
        return data
    try:
        for attribute in missing:
            data[attribute] = ask(policy, attribute, lang)
        if not data.get("target") or data["target"] == DEFAULT_TARGET:
            data["target"] = ask(policy, "target", lang, default=DEFAULT_TARGET)
        if not data.get("flags"):
            data["flags"] = ask_flags(policy, lang)
    except (click.Abort, EOFError, KeyboardInterrupt):
        click.echo(err=True)  # end the line of the prompt left unanswered
        click.echo(f"allocator: {t('guided-stopped', lang)}", err=True)
        raise click.exceptions.Exit(EXIT_USAGE) from None
    click.echo(t("guided-next-time", lang, command=command_line(data, also)), err=True)
    return data


def command_line(data: dict[str, Any], also: Sequence[str] = ()) -> str:
    """The `allocator decide` command that gives the case of `data`, with the options `also`."""
    parts = ["allocator", "decide"]
    for attribute in REQUIRED_ATTRIBUTES:
        parts += [f"--{attribute}", data[attribute]]
    if data.get("target") and data["target"] != DEFAULT_TARGET:
        parts += ["--target", data["target"]]
    for flag in data.get("flags", ()):
        parts += ["--flag", flag]
    return shlex.join([*parts, *also])
