"""Write docs/samples/{en,nl,fr}.md, the texts of allocator for a native reader to review.

    .venv/bin/python scripts/render_samples.py           # (make samples) write the three files
    .venv/bin/python scripts/render_samples.py --check   # exit 1 if one is not up to date

Each file holds, in one language:

1. every message of the catalogue (src/allocator/i18n/locale/<lang>/LC_MESSAGES/allocator.po),
   filled with real, plausible values chosen per placeholder (a plural message with the counts
   0, 1, 2 and 1,234);
2. decisions explained (`allocator decide … --explain`, as the duty officer reads them) for real
   cases under the rules in force, and, under a small drill rule set written here, the cases
   the rules in force never reach: a conflict, a gap, no consultation, a lead `none` with and
   without partners, a flag that changes the lead. The drill runs twice: with the phrases of the
   vocabulary, and with none (the explanation then quotes the labels). After each decision, the
   reason each rule holds (`explanation.rules[].because` of the JSON), which the text shows
   only for the rules that derive a fact.

Between them, they exercise every explanation template (`because-*`, `cf-*`, `why-*`):
tests/test_samples.py checks that, and that the committed files are what this script writes.
Fingerprints are written `sha256:…`, so that a change of the rules alone leaves the files as
they are when it changes no text. Another helper's file, docs/samples/guided-session.txt, is
not written here.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "docs" / "samples"
LOCALES = ROOT / "src" / "allocator" / "i18n" / "locale"
LANGS = ("en", "nl", "fr")
LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands", "fr": "Français"}
#: The counts a plural message is shown with.
COUNTS = (0, 1, 2, 1234)
#: The message keys whose templates the sample decisions must all exercise.
TEMPLATE_PREFIXES = ("because-", "cf-", "why-")

# --------------------------------------------------------------------------- the decisions

#: Real cases under the rules in force: (title, the options of `allocator decide`).
SHIPPED_CASES: list[tuple[str, str]] = [
    (
        "A lone actor plans an attack on a military site; the threat is imminent",
        "-t terrorism -l military-site -a lone-actor --flag imminent",
    ),
    (
        "A foreign intelligence service spies on the government from Belgium",
        "-t espionage -l belgium -a foreign-intelligence-service --target government",
    ),
    (
        "A foreign intelligence service on a civil network",
        "-t espionage -l civil-network -a foreign-intelligence-service",
    ),
    (
        "An unidentified actor attacks a civil network (no lead: a police matter)",
        "-t cyber-attack -l civil-network -a unknown",
    ),
    (
        "Organised crime without an art. 8 link",
        "-t criminal-organisation -l belgium -a criminal-organisation",
    ),
    (
        "A state proxy sabotages critical infrastructure",
        "-t sabotage -l belgium -a state-proxy --target critical-infrastructure",
    ),
    (
        "Security screening of a Belgian civilian",
        "-t security-screening -l belgium -a belgian-civilian",
    ),
    (
        "Proliferation: a company exports dual-use goods, with money flows",
        "-t proliferation -l belgium -a company --flag goods-transfer --flag financial-component",
    ),
    (
        "Belgians abroad threatened by a terrorist group; serious indications of an offence",
        "-t belgians-abroad -l abroad -a terrorist-group --target belgian-nationals-abroad --flag offence-indicated",
    ),
]

#: The vocabulary of the drill rule set: ids of the vocabulary in force, with their labels,
#: descriptions and (in the first run) phrases.
DRILL_VOCABULARY = {
    "topics": ["terrorism", "espionage", "criminal-organisation", "cyber-attack"],
    "locations": ["belgium", "military-site", "abroad"],
    "actors": [
        "terrorist-group",
        "foreign-intelligence-service",
        "criminal-organisation",
        "belgian-military",
    ],
    "targets": ["defence", "population", "unspecified"],
    "flags": ["imminent", "disputed"],
    "services": ["adiv", "vsse"],
    "partners": ["ocad", "fedpol", "federal-prosecutor", "nccn"],
    "mechanisms": ["liaison", "cciv"],
    "facts": ["defence-nexus", "art8-threat"],
}


def _rule(
    rule_id: str, title: tuple[str, str, str], when: dict[str, Any], then: dict[str, Any]
) -> dict[str, Any]:
    nl, fr, en = title
    return {
        "id": rule_id,
        "title": {"nl": nl, "fr": fr, "en": en},
        "basis": {"nl": "Oefenregel", "fr": "Règle d'exercice", "en": "Drill rule"},
        "description": {
            "nl": "Een regel van de oefenregelset van scripts/render_samples.py.",
            "fr": "Une règle du jeu d'exercice de scripts/render_samples.py.",
            "en": "A rule of the drill rule set of scripts/render_samples.py.",
        },
        **({"when": when} if when else {}),
        "then": then,
    }


#: Every kind of condition, positive and negated, and every kind of lead outcome.
DRILL_RULES = [
    _rule(
        "drill.fact.defence-nexus.location",
        ("Een militair domein", "Un domaine militaire", "A military site"),
        {"location": "military-site"},
        {"derive": "defence-nexus"},
    ),
    _rule(
        "drill.fact.defence-nexus.actor",
        ("Defensiepersoneel", "Le personnel de la Défense", "Defence personnel"),
        {"actor": "belgian-military"},
        {"derive": "defence-nexus"},
    ),
    _rule(
        "drill.fact.defence-nexus.target",
        ("Een doelwit bij Defensie", "Une cible de la Défense", "A Defence target"),
        {"target": "defence"},
        {"derive": "defence-nexus"},
    ),
    _rule(
        "drill.fact.art8.topic",
        ("Een onderwerp van art. 8", "Un thème de l'art. 8", "An art. 8 topic"),
        {"topic": ["terrorism", "espionage"]},
        {"derive": "art8-threat"},
    ),
    _rule(
        "drill.fact.art8.actor",
        ("Een actor van art. 8", "Un acteur de l'art. 8", "An art. 8 actor"),
        {"actor": ["terrorist-group", "foreign-intelligence-service"]},
        {"derive": "art8-threat"},
    ),
    _rule(
        "drill.lead.vsse",
        (
            "Een dreiging van art. 8: VSSE",
            "Une menace de l'art. 8 : VSSE",
            "An art. 8 threat: VSSE",
        ),
        {"facts": "art8-threat"},
        {"lead": "vsse", "priority": 200, "competent": "vsse"},
    ),
    _rule(
        "drill.lead.adiv",
        ("Een band met Defensie: ADIV", "Un lien avec la Défense : SGRS", "A Defence nexus: ADIV"),
        {"facts": "defence-nexus"},
        {"lead": "adiv", "priority": 300, "competent": "adiv"},
    ),
    _rule(
        "drill.lead.police",
        ("Misdaad zonder art. 8: politie", "Crime sans art. 8 : police", "Crime without art. 8"),
        {"topic": "criminal-organisation", "not": {"facts": "art8-threat"}},
        {"lead": "none", "priority": 250, "partners": ["fedpol", "federal-prosecutor"]},
    ),
    _rule(
        "drill.lead.cyber-abroad",
        ("Cyber in het buitenland", "Cyber à l'étranger", "Cyber abroad"),
        {
            "topic": "cyber-attack",
            "location": "abroad",
            "not": {"facts": ["art8-threat", "defence-nexus"]},
        },
        {"lead": "none", "priority": 250},
    ),
    _rule(
        "drill.lead.imminent",
        ("Een nakende aanslag: VSSE", "Un attentat imminent : VSSE", "An imminent attack: VSSE"),
        {"topic": "terrorism", "flags": "imminent"},
        {"lead": "vsse", "priority": 400, "competent": "vsse"},
    ),
    _rule(
        "drill.conflict.insider",
        ("Een insider: VSSE", "Un initié : VSSE", "An insider: VSSE"),
        {"topic": "espionage", "actor": "belgian-military"},
        {"lead": "vsse", "priority": 300},
    ),
    _rule(
        "drill.partner.prosecutor",
        ("Het parket", "Le parquet", "The prosecutor"),
        {"actor": "terrorist-group", "not": {"location": "abroad"}},
        {"partners": "federal-prosecutor"},
    ),
    _rule(
        "drill.partner.nccn",
        ("Het Crisiscentrum", "Le Centre de crise", "The Crisis Centre"),
        {"flags": "imminent", "not": {"topic": "criminal-organisation"}},
        {"partners": "nccn"},
    ),
    _rule(
        "drill.partner.ocad",
        ("Het OCAD", "L'OCAM", "OCAD"),
        {"topic": "espionage", "not": {"actor": "belgian-military"}},
        {"partners": "ocad"},
    ),
    _rule(
        "drill.liaison",
        ("Verbindingsofficieren", "Officiers de liaison", "Liaison officers"),
        {
            "topic": ["terrorism", "espionage", "criminal-organisation"],
            "not": {"target": "population"},
        },
        {"consultation": "liaison"},
    ),
    _rule(
        "drill.liaison.population",
        ("De bevolking", "La population", "The population"),
        {"target": "population", "not": {"flags": "disputed"}},
        {"consultation": "liaison"},
    ),
    _rule(
        "drill.cciv",
        ("Een betwiste leiding", "Un pilotage contesté", "A disputed lead"),
        {"flags": "disputed"},
        {"consultation": "cciv"},
    ),
]

#: The drill's cases: (title, the options of `allocator decide`), each reaching what the rules in
#: force never do.
DRILL_CASES: list[tuple[str, str]] = [
    (
        "Defence nexus outranks an art. 8 threat; a flag would change the lead",
        "-t terrorism -l military-site -a terrorist-group --target defence",
    ),
    (
        "A flag gives the lead; removing it would change the lead",
        "-t terrorism -l military-site -a terrorist-group --flag imminent",
    ),
    (
        "Lead none outranked by a Defence nexus",
        "-t criminal-organisation -l military-site -a criminal-organisation",
    ),
    (
        "Lead none, with the partners the case goes to",
        "-t criminal-organisation -l belgium -a criminal-organisation",
    ),
    (
        "Lead none, with no partner",
        "-t cyber-attack -l abroad -a criminal-organisation",
    ),
    (
        "Two rules of equal priority disagree: a conflict, escalated",
        "-t espionage -l military-site -a belgian-military",
    ),
    (
        "No rule gives a lead: a gap, escalated",
        "-t cyber-attack -l belgium -a criminal-organisation",
    ),
    (
        "A lead but no consultation mechanism",
        "-t cyber-attack -l belgium -a terrorist-group",
    ),
    (
        "Negated actor and negated flags; a target would change the lead",
        "-t espionage -l belgium -a foreign-intelligence-service --target population",
    ),
]


def write_drill(directory: Path, phrases: bool) -> Path:
    """The drill rule set in `directory`, its vocabulary taken from the vocabulary in force (with
    its phrases, or none)."""
    from allocator.load.policy import load_policy

    vocabulary = load_policy(ROOT / "rules").vocabulary
    document: dict[str, Any] = {}
    for name, ids in DRILL_VOCABULARY.items():
        terms = []
        for term_id in ids:
            term = vocabulary.terms[name][term_id]
            entry: dict[str, Any] = {
                "id": term.id,
                "label": {"nl": term.label.nl, "fr": term.label.fr, "en": term.label.en},
            }
            if phrases and term.phrase is not None:
                entry["phrase"] = {"nl": term.phrase.nl, "fr": term.phrase.fr, "en": term.phrase.en}
            entry["description"] = {
                "nl": term.description.nl,
                "fr": term.description.fr,
                "en": term.description.en,
            }
            terms.append(entry)
        document[name] = terms
    document["settings"] = {"escalation": ["liaison", "cciv"]}
    directory.mkdir(parents=True, exist_ok=True)
    # JSON is YAML (1.2, as the loader reads it), every string double-quoted.
    for name, data in (("vocabulary.yaml", document), ("drill.yaml", {"rules": DRILL_RULES})):
        text = json.dumps(data, ensure_ascii=False, indent=2)
        (directory / name).write_text(text + "\n", encoding="utf-8")
    return directory


# --------------------------------------------------------------------------- the messages


@functools.cache
def _catalogues() -> dict[str, Any]:
    """The .po catalogue of each language, read once."""
    from babel.messages.pofile import read_po

    found = {}
    for lang in LANGS:
        with (LOCALES / lang / "LC_MESSAGES" / "allocator.po").open("rb") as po:
            found[lang] = read_po(po)
    return found


def _catalogue_keys() -> dict[str, bool]:
    """Every message key of the English catalogue, sorted, and whether it is plural."""
    keys = {}
    for message in _catalogues()["en"]:
        if message.id:
            key = message.id if isinstance(message.id, str) else message.id[0]
            keys[key] = bool(message.pluralizable)
    return dict(sorted(keys.items()))


def _placeholders(key: str) -> set[str]:
    """The placeholders of `key` in any language and form (`{count}` apart)."""
    found: set[str] = set()
    for catalogue in _catalogues().values():
        message = catalogue.get(key)
        if message is None:
            continue
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        for form in forms:
            found |= set(re.findall(r"{(\w+)", form or ""))
    return found - {"count"}


class Values:
    """Plausible values for the placeholders of a message, in one language: chosen by placeholder
    name, some by message (the same name means something else there); words the language says
    (a kind, a type, a sub-message) in that language, vocabulary terms by their phrase or label."""

    def __init__(self, lang: str) -> None:
        from allocator.load.policy import load_policy

        self.lang = lang
        self.policy = load_policy(ROOT / "rules")
        self.vocabulary = self.policy.vocabulary

    # the helpers of the language
    def t(self, key: str, **params: Any) -> str:
        from allocator.i18n import t

        return t(key, self.lang, **params)

    def tn(self, key: str, count: int, **params: Any) -> str:
        from allocator.i18n import tn

        return tn(key, count, self.lang, **params)

    def number(self, value: float, decimals: int = 0) -> str:
        from allocator.i18n import number

        return number(value, self.lang, decimals)

    def phrase(self, kind: str, term_id: str) -> str:
        return str(self.vocabulary.phrase(kind, term_id, self.lang))

    def label(self, kind: str, term_id: str) -> str:
        return self.vocabulary.label(kind, term_id, self.lang)

    def quoted(self, kind: str, term_id: str) -> str:
        return self.t("quoted", value=self.label(kind, term_id))

    def joined(self, items: list[str], word: str = "word-or") -> str:
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.t(word)} {items[-1]}"

    def kind(self, kind: str, plural: bool = False) -> str:
        from allocator.i18n import kind_name

        return kind_name(kind, self.lang, plural)

    def by_name(self) -> dict[str, Callable[[], Any]]:
        """A value for each placeholder name (most messages)."""
        return {
            "actual": lambda: "vsse",
            "added": lambda: self.tn("diff-partner-added", 3, value="FPS Foreign Affairs"),
            "adiv": lambda: self.vocabulary.short_label("services", "adiv", self.lang),
            "after": lambda: "proposal.cyber-terrorism",
            "axes": lambda: self.joined([self.kind("actors"), self.kind("targets")], "word-and"),
            "before": lambda: "terrorism.art8-threat",
            "beside": lambda: "rules/features",
            "both": lambda: self.t("matrix-both", lead="X"),
            "by": lambda: "`general.liaison`, `terrorism.joint-platform`",
            "byte": lambda: "e9",
            "cases": lambda: self.tn("check-summary-cases", 25_878_528),
            "cell": lambda: (
                f"{self.label('topics', 'terrorism')} · {self.label('locations', 'belgium')}"
            ),
            "change": lambda: self.t("diff-text-changed", languages="nl, fr"),
            "changed": lambda: self.tn("fmt-count-formatted", 2),
            "changes": lambda: self.tn("diff-summary-changes", 3),
            "char": lambda: "\\x07",
            "choices": lambda: "terrorism, radicalisation, extremism, espionage",
            "column": lambda: "42",
            "columns": lambda: "`topik`",
            "command": lambda: (
                "allocator decide --topic espionage --location belgium --actor company"
            ),
            "conflict": lambda: self.t("matrix-conflict"),
            "criterion": lambda: self.title("espionage.art8-threat"),
            "decided": lambda: self.tn("batch-summary-decided", 1198),
            "default": lambda: self.label("targets", "unspecified"),
            "detail": lambda: "Expecting ',' delimiter",
            "dimensions": lambda: " × ".join(
                [
                    self.tn("check-dimension-topics", 18),
                    self.tn("check-dimension-locations", 9),
                    self.tn("check-dimension-actors", 13),
                    self.tn("check-dimension-targets", 12),
                    self.tn("check-dimension-flags", 1024),
                ]
            ),
            "directive": lambda: "%YAML 1.1",
            "error": lambda: "ValueError: no such case",
            "errors": lambda: self.tn("check-summary-errors", 0),
            "exercised": lambda: self.number(91),
            "expected": lambda: self.t("type-list"),
            "fact": lambda: "defence-nexus",
            "failed": lambda: self.tn("spec-failed", 1),
            "field": lambda: "decision",
            "fields": lambda: "title, basis",
            "file": lambda: "schema/vocabulary.schema.json",
            "fingerprint": lambda: "sha256:70de869983dd",
            "first": lambda: "rules/terrorism.yaml:12",
            "first_lead": lambda: "`adiv`",
            "first_line": lambda: "14",
            "flag": lambda: self.label("flags", "imminent"),
            "found": lambda: self.t("type-number"),
            "gap": lambda: self.t("matrix-gap"),
            "gherkin": lambda: "expected: #TagLine, #RuleLine, #Comment, #Empty",
            "header": lambda: "5",
            "here": lambda: ".",
            "host": lambda: "0.0.0.0",
            "invalid": lambda: self.tn("batch-summary-invalid", 2),
            "key": lambda: "priorty",
            "keys": lambda: "`lead`, `partners`",
            "kind": lambda: self.kind("target"),
            "kinds": lambda: self.kind("topic", plural=True),
            "languages": lambda: "nl, fr",
            "last": lambda: "18",
            "lead": lambda: self.phrase("services", "vsse"),
            "leads": lambda: ", ".join(
                self.t("batch-summary-lead", lead=lead, cases=self.number(n))
                for lead, n in (
                    (self.vocabulary.short_label("services", "vsse", self.lang), 640),
                    (self.vocabulary.short_label("services", "adiv", self.lang), 512),
                    (self.t("lead-none-brief"), 46),
                )
            ),
            "length": lambda: "214",
            "limit": lambda: self.number(1_048_576),
            "line": lambda: "1207",
            "logged": lambda: self.tn("batch-interrupted-logged", 1000),
            "mark": lambda: "*",
            "mechanisms": lambda: "`cciv`",
            "mode": lambda: "0644",
            "most": lambda: "100",
            "name": lambda: "piracy.yaml",
            "named": lambda: self.number(92),
            "new": lambda: "rules/crime.yaml:31",
            "new_fp": lambda: "sha256:70de869983dd",
            "no_lead": lambda: self.number(3),
            "none": lambda: self.t("matrix-none"),
            "notes": lambda: self.tn("check-summary-notes", 5),
            "old": lambda: "HEAD~1",
            "old_fp": lambda: "sha256:42cd6bac8108",
            "option": lambda: "actor",
            "outcome": lambda: self.t("cf-lead", lead=self.phrase("services", "vsse")),
            "overridden": lambda: "terrorism.art8-threat",
            "param": lambda: "`FILE`",
            "partner": lambda: "ocad",
            "partners": lambda: self.joined(
                [self.phrase("partners", "fedpol"), self.phrase("partners", "federal-prosecutor")],
                "word-and",
            ),
            "path": lambda: "rules/terrorism.yaml",
            "paths": lambda: "features/",
            "port": lambda: "8080",
            "priority": lambda: "400",
            "problem": lambda: "mapping values are not allowed here (line 7, column 12)",
            "rate": lambda: self.number(2431),
            "reached": lambda: self.number(32),
            "reason": lambda: "No space left on device",
            "reasons": lambda: self.t(
                "because-location", value=self.phrase("locations", "military-site")
            ),
            "region": lambda: (
                "topic=cyber-attack, location=belgium|civil-network, actor=unknown, target=any"
            ),
            "removed": lambda: self.tn("diff-consultation-removed", 3, value="CCIV"),
            "route": lambda: " → ".join(
                [self.label("mechanisms", "liaison"), self.label("mechanisms", "cciv")]
            ),
            "rule": lambda: "terrorism.defence-nexus",
            "rules": lambda: "`crime.no-art8-link`, `cyber.no-art8-threat`",
            "scenarios": lambda: self.tn("coverage-spec-scenarios", 155),
            "second": lambda: "crime.no-art8-link",
            "second_lead": lambda: "`none`",
            "seconds": lambda: self.number(1.19, 2),
            "service": lambda: self.label("services", "vsse"),
            "share": lambda: self.percent(0.973),
            "signal": lambda: "SIGINT",
            "size": lambda: self.number(2_411_724),
            "start": lambda: "terrorism-terrorism-terrorism",
            "status": lambda: "1",
            "suggestion": lambda: "terrorism",
            "tag": lambda: "!!python/object",
            "target": lambda: "../../etc/passwd",
            "text": lambda: "Lead:",
            "title": lambda: self.title("terrorism.defence-nexus"),
            "total": lambda: self.number(92),
            "unchanged": lambda: self.tn("fmt-count-unchanged", 12),
            "undefined": lambda: self.tn("spec-undefined", 1),
            "valid": lambda: "en, nl, fr",
            "value": lambda: "terrorsm",
            "values": lambda: self.joined(
                [self.phrase("locations", "belgium"), self.phrase("locations", "abroad")]
            ),
            "version": lambda: "0.1.0",
            "vsse": lambda: self.vocabulary.short_label("services", "vsse", self.lang),
            "warnings": lambda: self.tn("check-summary-warnings", 2),
            "where": lambda: "features/terrorism.feature:12",
            "word": lambda: "alocator",
        }

    def title(self, rule: str) -> str:
        return self.policy.by_id[rule].title_in(self.lang)

    def labelled(self, kind: str, term_id: str) -> str:
        """A term as `allocator diff` names it: its label and, in brackets, its id."""
        return f"{self.label(kind, term_id)} ({term_id})"

    def short(self, outcome: str) -> str:
        """A cell value of the matrix as a person reads it in this language."""
        from allocator.staff.matrix import names_in

        return names_in(self.policy, self.lang)(outcome)

    def percent(self, share: float) -> str:
        from allocator.i18n import percent

        return percent(share, self.lang, 1)

    def by_key(self, key: str) -> dict[str, Any]:
        """Values for one message, where its placeholders mean something of their own."""
        p, q = self.phrase, self.quoted
        attribute = {
            "topic": ("topics", "terrorism", ["espionage", "interference"]),
            "location": (
                "locations",
                "military-site",
                ["military-site", "nato-site", "operations-theatre"],
            ),
            "actor": ("actors", "lone-actor", ["belgian-military"]),
            "target": ("targets", "defence", ["defence", "defence-industry"]),
        }
        found = re.fullmatch(r"because-(not-)?(topic|location|actor|target)(-label)?", key)
        if found:
            negated, name, quoted = found.groups()
            kind, one, several = attribute[name]
            ids = several if negated else [one]
            return {"value": self.joined([q(kind, i) if quoted else p(kind, i) for i in ids])}
        found = re.fullmatch(r"cf-(topic|location|actor|target)(-label)?", key)
        if found:
            name, quoted = found.groups()
            kind = attribute[name][0]
            ids = {
                "topic": ["security-screening"],
                "location": ["belgium", "international-institution", "abroad"],
                "actor": ["company", "foreign-national"],
                "target": ["defence"],
            }[name]
            return {"values": self.joined([q(kind, i) if quoted else p(kind, i) for i in ids])}
        special: dict[str, dict[str, Any]] = {
            "because-fact": {"value": self.joined([p("facts", "art8-threat")], "word-and")},
            "because-not-fact": {
                "value": self.joined([p("facts", "art8-threat"), p("facts", "defence-nexus")])
            },
            "because-fact-label": {"value": q("facts", "defence-nexus")},
            "because-not-fact-label": {"value": q("facts", "art8-threat")},
            "because-flags": {"value": p("flags", "imminent")},
            "because-not-flags": {"value": p("flags", "disputed")},
            "because-flags-label": {"value": q("flags", "imminent")},
            "because-not-flags-label": {"value": q("flags", "disputed")},
            "cf-flag-add": {"values": p("flags", "imminent")},
            "cf-flag-remove": {"values": p("flags", "imminent")},
            "cf-flag-add-label": {"values": q("flags", "imminent")},
            "cf-flag-remove-label": {"values": q("flags", "imminent")},
            "cf-lead-label": {"lead": q("services", "vsse")},
            "why-lead": {"lead": p("services", "adiv"), "rules": "terrorism.defence-nexus"},
            "why-lead-label": {"lead": q("services", "adiv"), "rules": "terrorism.defence-nexus"},
            "why-lead-none": {"rules": "crime.no-art8-link", "priority": "250"},
            "why-lead-none-label": {
                "rules": "crime.no-art8-link",
                "priority": "250",
                "partners": self.joined(
                    [q("partners", "fedpol"), q("partners", "federal-prosecutor")], "word-and"
                ),
            },
            "why-lead-none-alone": {"rules": "cyber.no-art8-threat", "priority": "250"},
            "why-overridden": {"rule": "terrorism.art8-threat", "priority": "200"},
            "why-overridden-label": {
                "rule": "terrorism.art8-threat",
                "priority": "200",
                "lead": q("services", "vsse"),
            },
            "why-overridden-none": {"rule": "crime.no-art8-link", "priority": "250"},
            "why-conflict": {
                "priority": "300",
                "rules": self.joined(
                    [
                        f"drill.lead.adiv ({self.label('services', 'adiv')})",
                        f"drill.conflict.insider ({self.label('services', 'vsse')})",
                    ],
                    "word-and",
                ),
            },
            "why-escalate": {
                "route": f", {self.t('word-then')} ".join(
                    [p("mechanisms", "liaison"), p("mechanisms", "cciv")]
                )
            },
            "why-escalate-label": {},
            "why-brief": {"rules": "espionage.art8-threat", "priority": "200"},
            "why-brief-over": {"rules": "terrorism.defence-nexus"},
            "fact-because": {"fact": self.label("facts", "defence-nexus")},
            "batch-summary-lead": {
                "lead": self.vocabulary.short_label("services", "adiv", self.lang),
                "cases": self.number(512),
            },
            "matrix-both": {"lead": self.vocabulary.short_label("services", "adiv", self.lang)},
            "lead-not-competent": {"lead": "`adiv`"},
            "competence-shared": {"rule": "espionage.art8-threat"},
            "competence-shared-brief": {"rule": "espionage.art8-threat"},
            "coverage-spec": {"cases": self.tn("coverage-spec-cases", 434), "path": "features"},
            "coverage-rules": {"total": self.number(92)},
            "coverage-regions": {"total": self.number(32)},
            "diff-summary": {"total": self.number(25_878_528)},
            "diff-competent-added": {"value": self.label("services", "adiv")},
            "diff-competent-removed": {"value": self.label("services", "vsse")},
            "diff-consultation-added": {"value": self.label("mechanisms", "joint-platform")},
            "diff-consultation-removed": {"value": self.label("mechanisms", "joint-platform")},
            "diff-partner-added": {"value": self.label("partners", "foreign-affairs")},
            "diff-partner-removed": {"value": self.label("partners", "ccb")},
            "diff-lead": {
                "before": self.label("services", "vsse"),
                "after": self.label("services", "adiv"),
            },
            "diff-rules": {"before": "crime.no-art8-link", "after": "-"},
            "diff-field": {"field": "title"},
            "diff-any-actor-but": {"values": self.labelled("actors", "belgian-military")},
            "diff-any-location-but": {"values": self.labelled("locations", "military-site")},
            "diff-any-target-but": {"values": self.labelled("targets", "defence")},
            "diff-any-topic-but": {"values": self.labelled("topics", "espionage")},
            "diff-with-flag": {"flag": self.labelled("flags", "imminent")},
            "diff-without-flag": {"flag": self.labelled("flags", "imminent")},
            "diff-added-removed": {
                "added": "+ " + self.labelled("partners", "foreign-affairs"),
                "removed": "− " + self.labelled("partners", "ccb"),
            },
            "conflict": {"first": "terrorism.defence-nexus", "second": "drill.conflict.insider"},
            "number-percent": {"value": self.number(43.2, 1)},
            "quoted": {"value": self.label("locations", "military-site")},
            "too-deep": {"limit": "64"},
            "log-invalid-line": {"path": "decisions.jsonl"},
            "log-long-line": {"path": "decisions.jsonl", "limit": self.number(65_536)},
            "log-mistyped-line": {"path": "decisions.jsonl", "field": "time"},
            "log-partial-line": {"path": "decisions.jsonl"},
            "diff-new-values": {"values": "piracy"},
            "diff-rule-added": {"rule": "piracy.lead", "where": "rules/piracy.yaml:3"},
            "diff-rule-removed": {"rule": "proposal.cyber-terrorism", "where": "proposal.yaml:3"},
            "diff-rule-changed": {
                "rule": "crime.no-art8-link",
                "old": "rules/crime.yaml:31",
                "new": "rules/crime.yaml:35",
            },
            "matrix-diff-cell": {
                "before": "/".join(self.short(o) for o in ("none", "vsse", "adiv")),
                "after": "/".join(self.short(o) for o in ("vsse", "adiv")),
            },
            "matrix-diff-before": {"before": f"{self.short('vsse')}/{self.short('adiv')}"},
            "matrix-diff-was": {"before": f"{self.short('vsse')}/{self.short('adiv')}"},
            "matrix-cases": {"cases": lambda n: self.number(n)},
            "matrix-diff-cases": {"total": self.number(13)},
            "matrix-varying": {"axes": self.kind("actors")},
            "replay-summary": {"total": self.number(1342), "fingerprint": "sha256:cb54441973e6"},
            "escalate": {},
            "not-a-regular-file": {"kind": self.t("kind-fifo")},
            "never-competent": {"kind": self.kind("service"), "value": "vsse"},
            "unused-id": {"kind": self.kind("partner"), "value": "osce"},
            "unused-fact": {"value": "nationals-abroad"},
            "unnamed-value": {"kind": self.kind("target"), "value": "public-figure"},
            "duplicate-id": {"kind": self.kind("location"), "value": "abroad"},
            "missing-phrase": {"kind": self.kind("location"), "value": "harbour"},
            "unknown-case-value": {"kind": self.kind("topic")},
            "unknown-id": {"kind": self.kind("partner"), "value": "interpol"},
            "missing-attribute": {"kind": self.kind("actor")},
            "default-target-missing": {"value": "unspecified"},
            "negation-cycle": {"value": "defence-nexus", "path": "fact.a → fact.b → fact.a"},
            "fact-never-derived": {"value": "nationals-abroad"},
            "reserved-id": {"value": "none"},
            "bad-id": {"value": "Terrorism_2"},
            "bad-rule-id": {"value": "Terrorism.Lead"},
            "id-in-two-lists": {"value": "vsse"},
            "batch-json-number": {"value": "NaN"},
            "batch-json-surrogate": {"value": "ud800"},
            "batch-bad-type": {"key": "flags", "expected": self.t("type-text-or-list")},
            "ref-control-character": {"value": "PV 2025/123\\x1b[2J"},
            "ref-too-long": {"limit": "100"},
            "file-too-large": {"limit": self.number(1_048_576)},
            "batch-line-too-long-bytes": {"limit": self.number(65_536)},
            "not-rules-or-revision": {"value": "HEAD~3", "path": "rules"},
            "revision-without-rules": {"value": "v0.1", "path": "rules"},
            "revision-link-outside": {"value": "HEAD", "path": "rules/extra.yaml"},
            "spec-step-competence-not": {"actual": "shared", "expected": "exclusive"},
            "spec-step-competent-not": {"actual": "adiv, vsse", "expected": "vsse"},
            "spec-step-consultation-not": {"actual": "liaison", "expected": "liaison, cciv"},
            "spec-step-exit-not": {"actual": "4", "expected": "0"},
            "spec-step-json-field-not": {"field": "lead", "expected": "adiv"},
            "spec-step-lead-not": {"expected": "adiv"},
            "spec-step-outcome-not": {"actual": "gap", "expected": "decided"},
            "spec-step-partners-not": {"actual": "ocad", "expected": "ocad, nccn"},
            "spec-step-partner-missing": {"actual": "ocad, vsse"},
            "spec-step-partner-present": {"actual": "ocad, vsse"},
            "spec-step-mechanism-missing": {"actual": "liaison"},
            "spec-step-mechanism-present": {"actual": "liaison, cciv"},
            "spec-step-fact-missing": {"fact": "art8-threat"},
            "spec-syntax-unexpected": {"found": "Then", "expected": "Given, When"},
            "spec-summary": {"scenarios": self.tn("coverage-spec-scenarios", 155)},
            "fmt-summary-failed": {"failed": self.tn("fmt-count-failed", 1)},
            "limit-case-lists": {
                "detail": "topic: 14, location: 9",
                "limit": self.number(64),
            },
            "limit-conditions": {"rules": "92", "limit": self.number(4096)},
            "limit-branching": {"limit": self.number(1024)},
            "limit-negated-facts": {"limit": "32"},
            "limit-rule-facts": {"rule": "terrorism.defence-nexus", "limit": "8"},
            "engine-action-failed": {"rule": "general.liaison", "reason": "KeyError: 'lead'"},
            "engine-compile-failed": {"rule": "general.liaison", "reason": "3"},
            "engine-failed": {"reason": "KeyError: 'lead'"},
            "internal-error": {"reason": "KeyError: 'lead'"},
            "batch-line-failed": {"reason": "KeyError: 'lead'"},
            "batch-csv-cells": {"header": "5"},
            "batch-csv-columns": {"expected": "topic, location, actor, target, flags, id, ref"},
            "batch-csv-duplicate-columns": {"columns": "`topic`"},
            "batch-bad-id": {"found": self.t("type-list")},
            "case-flag-not-text": {"found": self.t("type-number")},
            "key-not-text": {"found": self.t("type-number")},
            "top-not-mapping": {"found": self.t("type-list")},
            "wrong-type": {
                "key": "priority",
                "expected": self.t("type-number"),
                "found": self.t("type-text"),
            },
            "empty-list": {"key": "partners"},
            "empty-text": {"key": "title"},
            "missing-key": {"key": "basis"},
            "unknown-key": {"key": "priorty"},
            "duplicate-key": {"key": "then"},
            "batch-json-duplicate-key": {"key": "topic"},
            "guided-prompt-default": {"default": self.label("targets", "unspecified")},
            "guided-again": {"value": "defnse"},
            "guided-ambiguous": {"value": "def"},
            "could-be": {"value": "def", "choices": "defence, defence-industry"},
            "did-you-mean-valid": {"suggestion": "terrorism"},
            "not-one-of": {"value": "yaml", "choices": "text, json"},
            "bad-option-value": {"option": "--limit", "detail": "0 is not in the range x>=1"},
            "no-such-option": {"option": "--topik"},
            "option-repeated": {"option": "--topic"},
            "no-such-command": {"command": "decid"},
            "try-help": {"command": "allocator decide"},
            "missing-topic": {"option": "topic"},
            "missing-location": {"option": "location"},
            "missing-actor": {"option": "actor"},
            "serve-unknown-lang": {"value": "de"},
            "serve-unknown-rule": {"value": "piracy.lead"},
            "serve-body-too-large": {"limit": self.number(1_048_576)},
            "serve-headers-too-large": {"limit": self.number(65_536)},
            "serve-token-too-short": {"limit": "32", "line": "3", "path": "/etc/allocator/tokens"},
            "serve-token-file-line": {"line": "2", "path": "/etc/allocator/tokens"},
            "serve-token-repeated": {"line": "4", "path": "/etc/allocator/tokens"},
            "serve-token-file-open": {"path": "/etc/allocator/tokens"},
            "serve-token-file-empty": {"path": "/etc/allocator/tokens"},
            "serve-token-file-not-file": {"path": "/etc/allocator/tokens"},
            "serve-token-file-unreadable": {
                "path": "/etc/allocator/tokens",
                "reason": "Permission denied",
            },
            "serve-batch-log-failed": {"line": "1000"},
            "serve-cannot-bind": {"reason": "Address already in use"},
            "spec-example": {"values": "terrorism | belgium | lone-actor"},
            "spec-step-text-not-in-file": {"text": "lead: vsse", "name": "crime.yaml"},
            "spec-step-bad-file-name": {"name": "../vocabulary.yaml"},
            "spec-step-not-allocator": {"word": "alocator"},
            "spec-step-error": {"error": "FileNotFoundError: rules/piracy.yaml"},
            "spec-step-error-output-missing": {"text": "unknown topic"},
            "spec-step-output-missing": {"text": "Lead:"},
            "spec-step-output-present": {"text": "Traceback"},
            "spec-step-json-keys-missing": {"keys": "`lead`"},
            "spec-step-rule-missing": {"rules": "`terrorism.defence-nexus`"},
            "spec-step-rule-present": {"rule": "terrorism.art8-threat"},
            "spec-no-such-path": {"path": "features/piracy.feature"},
            "spec-no-feature-files": {"paths": "features/"},
            "spec-no-features": {"rules": "rules"},
            "coverage-unexercised": {"rules": "piracy.lead"},
            "coverage-unnamed": {"rules": "piracy.lead, piracy.ocad"},
            "coverage-no-feature-files": {"path": "features"},
            "coverage-no-features": {"here": "."},
            "stale-schema": {"file": "schema/vocabulary.schema.json"},
            "readme-example-drift": {"command": "allocator check --strict"},
            "untranslated-text": {"rule": "proposal.cyber-terrorism", "fields": "title, basis"},
            "shadowed-rule": {"rule": "flag.cyber-component"},
            "dead-rule": {"rule": "proposal.cyber-terrorism"},
            "gap-unnamed-help": {"values": "`piracy`"},
            "example-case": {},
            "outcome-conflict": {
                "priority": "300",
                "rules": "drill.lead.adiv, drill.conflict.insider",
            },
            "log-failed": {"path": "/var/log/allocator/decisions.jsonl"},
            "log-unreadable": {
                "path": "/var/log/allocator/decisions.jsonl",
                "reason": "Permission denied",
            },
            "batch-log-failed": {"path": "/var/log/allocator/decisions.jsonl"},
            "batch-output-is-log": {"path": "decisions.jsonl"},
            "batch-output-is-input": {"path": "cases.csv"},
            "cannot-read-input": {"path": "cases.csv", "reason": "No such file or directory"},
            "batch-output-failed": {"reason": "No space left on device"},
            "output-failed": {"reason": "No space left on device"},
            "unreadable": {"reason": "Permission denied"},
            "rules-dir-unreadable": {"path": "rules", "reason": "Permission denied"},
            "rules-dir-missing": {"path": "/srv/rules"},
            "rules-dir-not-dir": {"path": "rules.tar"},
            "fmt-write-failed": {"path": "rules/crime.yaml", "reason": "Read-only file system"},
            "fmt-path-missing": {"path": "rules/piracy.yaml"},
            "fmt-not-formattable": {"path": "README.md"},
            "fmt-nothing": {"paths": "docs"},
            "version-line": {"path": "rules"},
            "matrix-diff-cells": {"old": "HEAD~1"},
            "replay-other-ruleset": {"fingerprint": "sha256:70de869983dd"},
            "diff-header": {"old": "HEAD~1", "new": "rules"},
            "batch-interrupted": {"line": "1000"},
            "batch-interrupted-no-log": {"line": "1000"},
            "competence-exclusive": {"service": self.label("services", "vsse")},
            "gherkin-syntax": {"problem": "unexpected end of file"},
            "yaml-syntax": {"problem": "mapping values are not allowed here"},
            "missing-parameter": {"param": "`--topic`"},
            "shortened-value": {"start": "PV-2025/0000000000000000000000000000000000000000"},
            "guided-next-time": {
                "command": "allocator decide --topic espionage --location belgium --actor company"
            },
        }
        return special.get(key, {})

    def values(self, key: str, names: set[str]) -> dict[str, Any]:
        table = self.by_name()
        chosen = {name: table[name]() for name in names if name in table}
        missing = names - set(table) - set(self.by_key(key))
        if missing:
            raise KeyError(f"no sample value for {sorted(missing)} of {key!r}")
        chosen.update({n: v for n, v in self.by_key(key).items() if n in names})
        return chosen


def render_message(key: str, plural: bool, lang: str, values: Values) -> list[str]:
    """The message in `lang`, filled in: one line, or one per count."""
    from allocator.i18n import number, t, tn

    params = values.values(key, _placeholders(key))
    if plural:
        texts = [
            (
                number(n, lang),
                tn(key, n, lang, **{k: v(n) if callable(v) else v for k, v in params.items()}),
            )
            for n in COUNTS
        ]
        return [f"  - {n}: {_shown(text)}" for n, text in texts]
    return [f"  {_shown(t(key, lang, **params))}"]


def _shown(text: str) -> str:
    """One message as one Markdown line (a second line of a message continues it)."""
    return text.replace("\n", " ⏎ ")


# --------------------------------------------------------------------------- recording


@contextlib.contextmanager
def recording() -> Iterator[set[str]]:
    """The message keys asked of the catalogues meanwhile (every language)."""
    from allocator.i18n import messages

    used: set[str] = set()
    patched = []
    for lang in LANGS:
        catalogue = messages._catalogue(lang)
        gettext, ngettext = catalogue.gettext, catalogue.ngettext

        def recorded_gettext(message: str, _inner: Callable[[str], str] = gettext) -> str:
            used.add(message)
            return _inner(message)

        def recorded_ngettext(
            one: str, other: str, n: int, _inner: Callable[[str, str, int], str] = ngettext
        ) -> str:
            used.add(one)
            return _inner(one, other, n)

        catalogue.gettext = recorded_gettext  # type: ignore[method-assign]
        catalogue.ngettext = recorded_ngettext  # type: ignore[method-assign,assignment]
        patched.append(catalogue)
    try:
        yield used
    finally:
        for catalogue in patched:
            del catalogue.gettext
            del catalogue.ngettext


# --------------------------------------------------------------------------- the documents


def _decision(args: list[str], lang: str, rules: Path | None) -> list[str]:
    """`allocator decide ARGS --explain` as the duty officer reads it, then the reason each rule
    holds."""
    from allocator.cli.examples import normalise
    from allocator.engine.explain import explanation
    from allocator.i18n import t
    from allocator.testing import run_cli

    where = ["--rules", str(rules)] if rules is not None else []
    command = ["decide", *args, "--explain", "--no-log", *where]
    result = run_cli(["--lang", lang, *command], {"ALLOCATOR_LANG": lang})
    shown = " ".join(["allocator", "--lang", lang, "decide", *args, "--explain"])
    lines = [f"```console\n$ {shown}", normalise(result.stdout + result.stderr).rstrip(), "```", ""]
    allocator = _allocator(rules or ROOT / "rules")
    case = _case(args)
    decision = allocator.decide(case)
    lines.append("Why each rule holds (`explanation.rules[].because` of `--format json`, a clause")
    lines.append("that follows the conjunction, as the message `fact-because` writes it):")
    lines.append("")
    for rule in explanation(allocator.policy, decision, lang)["rules"]:
        lines.append(f"- {t('fact-because', lang, fact=rule['id'], reasons=rule['because'])}")
    lines.append("")
    return lines


@functools.cache
def _allocator(rules: Path) -> Any:
    from allocator.desk.service import Allocator

    return Allocator.from_directory(rules)


def _case(args: list[str]) -> dict[str, Any]:
    names = {"-t": "topic", "-l": "location", "-a": "actor", "--target": "target"}
    case: dict[str, Any] = {"flags": []}
    for option, value in zip(args[::2], args[1::2], strict=True):
        if option == "--flag":
            case["flags"].append(value)
        else:
            case[names[option]] = value
    return case


def render(lang: str, drills: dict[str, Path]) -> str:
    """The review document of one language."""
    values = Values(lang)
    lines = [
        f"# allocator in {LANGUAGE_NAMES[lang]} ({lang}): every text, for review",
        "",
        "Written by `make samples` (scripts/render_samples.py); do not edit: change the message",
        "(scripts/set_message.py) or the vocabulary (rules/vocabulary.yaml), then run `make samples`.",
        "Fingerprints are written `sha256:…`.",
        "",
        "## Messages",
        "",
        "Every message of the catalogue, filled with plausible values; a plural message with the",
        f"counts {', '.join(str(n) for n in COUNTS)}. A line break of a message is shown ⏎.",
        "",
    ]
    for key, plural in _catalogue_keys().items():
        lines.append(f"- `{key}`")
        lines.extend(render_message(key, plural, lang, values))
    lines += ["", "## Decisions explained, under the rules in force", ""]
    for title, options in SHIPPED_CASES:
        lines += [f"### {title}", ""]
        lines += _decision(options.split(), lang, None)
    for heading, directory in drills.items():
        lines += ["", f"## {heading}", ""]
        for title, options in DRILL_CASES:
            lines += [f"### {title}", ""]
            lines += _decision(options.split(), lang, directory)
    return "\n".join(lines).rstrip() + "\n"


def render_all() -> tuple[dict[str, str], set[str]]:
    """The three documents, and the message keys used to write them."""
    with tempfile.TemporaryDirectory(prefix="allocator-samples-") as tmp:
        drills = {
            "Decisions explained, under a drill rule set (with phrases)": write_drill(
                Path(tmp) / "drill", phrases=True
            ),
            "The same drill, its vocabulary without phrases (labels quoted)": write_drill(
                Path(tmp) / "drill-labels", phrases=False
            ),
        }
        with recording() as used:
            documents = {lang: render(lang, drills) for lang in LANGS}
        _allocator.cache_clear()
        documents = {lang: text.replace(tmp, "DRILL") for lang, text in documents.items()}
    return documents, used


def template_keys() -> set[str]:
    """The explanation templates: every `because-*`, `cf-*` and `why-*` key of the catalogue."""
    return {key for key in _catalogue_keys() if key.startswith(TEMPLATE_PREFIXES)}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    documents, used = render_all()
    unused = sorted(template_keys() - used)
    if unused:
        print(f"explanation templates no sample exercises: {', '.join(unused)}", file=sys.stderr)
        return 1
    stale = []
    for lang, text in documents.items():
        path = SAMPLES / f"{lang}.md"
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.relative_to(ROOT))
        if not args.check:
            SAMPLES.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print(f"not up to date: {', '.join(map(str, stale))}; run `make samples`", file=sys.stderr)
        return 1
    print(f"wrote {', '.join(map(str, stale))}" if stale else "docs/samples/ is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
