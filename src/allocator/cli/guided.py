"""Guided input: ask, in a terminal, for the attributes the command line left out."""

from __future__ import annotations

import shlex
from typing import Any

import click

from allocator.i18n import t
from allocator.load.suggest import suggest
from allocator.model import CASE_ATTRIBUTES, DEFAULT_TARGET, REQUIRED_ATTRIBUTES, Policy


def ask(policy: Policy, attribute: str, lang: str) -> str:
    """Offer every value with its label, numbered; accept a number, an id or an unambiguous start."""
    terms = getattr(policy.vocabulary, CASE_ATTRIBUTES[attribute])
    ids: list[str] = [term.id for term in terms]
    width = max(len(i) for i in ids)
    click.echo(t("guided-which", lang, kind=t(f"kind-{attribute}", lang)), err=True)
    for number, term in enumerate(terms, 1):
        click.echo(f"  {number:>2}  {term.id:<{width}}  {term.label.get(lang)}", err=True)
    while True:
        answer = str(click.prompt(t("guided-prompt", lang, last=len(ids)), err=True)).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(ids):
            return ids[int(answer) - 1]
        if answer in ids:
            return answer
        starting = [i for i in ids if i.startswith(answer.lower())]
        if answer and len(starting) == 1:
            return starting[0]
        guess = suggest(answer, ids)
        hint = t("did-you-mean", lang, suggestion=guess) if guess else ""
        click.echo(f"{t('guided-again', lang, value=answer)} {hint}".rstrip(), err=True)


def complete_case(policy: Policy, data: dict[str, Any], lang: str) -> dict[str, Any]:
    """Ask for every missing required attribute; print the command line to use next time."""
    missing = [a for a in REQUIRED_ATTRIBUTES if not data.get(a)]
    for attribute in missing:
        data[attribute] = ask(policy, attribute, lang)
    if missing:
        click.echo(t("guided-next-time", lang, command=command_line(data)), err=True)
    return data


def command_line(data: dict[str, Any]) -> str:
    parts = ["allocator", "decide"]
    for attribute in REQUIRED_ATTRIBUTES:
        parts += [f"--{attribute}", data[attribute]]
    if data.get("target") and data["target"] != DEFAULT_TARGET:
        parts += ["--target", data["target"]]
    for flag in data.get("flags", ()):
        parts += ["--flag", flag]
    return shlex.join(parts)
