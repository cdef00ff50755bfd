"""Every user-facing string of allocator, in English, Dutch and French; `t()` picks one and fills it in.

Labels of topics, services and the like are policy and live in rules/vocabulary.yaml; this
catalogue holds the words of the tool itself: messages, errors and headings.
"""

from __future__ import annotations

import locale
import os
import re
from typing import Any

LANGS = ("en", "nl", "fr")
DEFAULT_LANG = "en"

#: key -> (English, Dutch, French). Placeholders use str.format syntax and must agree across languages.
CATALOGUE: dict[str, tuple[str, str, str]] = {
    # --- words used around messages
    "help": ("help", "hulp", "aide"),
    "colon": (":", ":", " :"),
    "warning": ("warning", "waarschuwing", "avertissement"),
    "info": ("note", "opmerking", "remarque"),
    "error": ("error", "fout", "erreur"),
    # --- attribute and vocabulary kinds (singular / plural)
    "kind-topic": ("topic", "onderwerp", "thème"),
    "kind-topics": ("topics", "onderwerpen", "thèmes"),
    "kind-location": ("location", "locatie", "lieu"),
    "kind-locations": ("locations", "locaties", "lieux"),
    "kind-actor": ("actor", "actor", "acteur"),
    "kind-actors": ("actors", "actoren", "acteurs"),
    "kind-target": ("target", "doelwit", "cible"),
    "kind-targets": ("targets", "doelwitten", "cibles"),
    "kind-flag": ("flag", "vlag", "indicateur"),
    "kind-flags": ("flags", "vlaggen", "indicateurs"),
    "kind-service": ("service", "dienst", "service"),
    "kind-services": ("services", "diensten", "services"),
    "kind-partner": ("partner", "partner", "partenaire"),
    "kind-partners": ("partners", "partners", "partenaires"),
    "kind-mechanism": ("consultation mechanism", "overlegmechanisme", "mécanisme de concertation"),
    "kind-mechanisms": (
        "consultation mechanisms",
        "overlegmechanismen",
        "mécanismes de concertation",
    ),
    "kind-fact": ("derived fact", "afgeleid feit", "fait dérivé"),
    "kind-facts": ("derived facts", "afgeleide feiten", "faits dérivés"),
    "kind-lead": ("lead", "leiding", "pilote"),
    "kind-leads": ("leads", "leidingen", "pilotes"),
    "kind-key": ("key", "sleutel", "clé"),
    "kind-keys": ("keys", "sleutels", "clés"),
    "kind-rule": ("rule", "regel", "règle"),
    "kind-rules": ("rules", "regels", "règles"),
    # --- guided input (allocator decide in a terminal)
    "guided-which": ("Which {kind}?", "Welk(e) {kind}?", "Quel(le) {kind} ?"),
    "guided-prompt": (
        "Number (1-{last}) or id",
        "Nummer (1-{last}) of id",
        "Numéro (1-{last}) ou identifiant",
    ),
    "guided-again": (
        "`{value}` is not one of them.",
        "`{value}` hoort er niet bij.",
        "`{value}` n'en fait pas partie.",
    ),
    "guided-next-time": (
        "Next time: {command}",
        "Volgende keer: {command}",
        "La prochaine fois : {command}",
    ),
    "log-failed": (
        "the decision was given but could not be written to the decision log `{path}`: {reason}",
        "de beslissing is gegeven maar kon niet in het beslissingslogboek `{path}` worden geschreven: {reason}",
        "la décision a été donnée mais n'a pas pu être écrite dans le journal des décisions `{path}` : {reason}",
    ),
    # --- allocator batch
    "batch-line-too-long": (
        "the line holds {size} characters; at most {limit}",
        "de regel telt {size} tekens; hoogstens {limit}",
        "la ligne compte {size} caractères ; au plus {limit}",
    ),
    "batch-invalid-json": (
        "not valid JSON: {detail} (column {column})",
        "geen geldige JSON: {detail} (kolom {column})",
        "JSON invalide : {detail} (colonne {column})",
    ),
    "batch-not-object": (
        "a line must be one JSON object with topic, location and actor",
        "een regel moet één JSON-object zijn met topic, location en actor",
        "une ligne doit être un objet JSON avec topic, location et actor",
    ),
    "batch-csv-header": (
        "unreadable CSV header: {detail}",
        "onleesbare CSV-kop: {detail}",
        "en-tête CSV illisible : {detail}",
    ),
    "batch-csv-columns": (
        "unknown column(s) {columns}; expected {expected}",
        "onbekende kolom(men) {columns}; verwacht: {expected}",
        "colonne(s) inconnue(s) {columns} ; attendu : {expected}",
    ),
    "batch-csv-row": (
        "unreadable CSV row: {detail}",
        "onleesbare CSV-rij: {detail}",
        "ligne CSV illisible : {detail}",
    ),
    "batch-csv-cells": (
        "{cells} cells where the header has {header}",
        "{cells} cellen waar de kop er {header} heeft",
        "{cells} cellules alors que l'en-tête en compte {header}",
    ),
    "cannot-read-input": (
        "cannot read `{path}`: {reason}",
        "kan `{path}` niet lezen: {reason}",
        "impossible de lire `{path}` : {reason}",
    ),
    "bad-date": (
        "`{value}` is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
        "`{value}` is geen datum (JJJJ-MM-DD of JJJJ-MM-DDTUU:MM)",
        "`{value}` n'est pas une date (AAAA-MM-JJ ou AAAA-MM-JJTHH:MM)",
    ),
    "aborted": ("aborted", "afgebroken", "interrompu"),
    "no-such-option": (
        "no such option `{option}`",
        "onbekende optie `{option}`",
        "option `{option}` inconnue",
    ),
    "bad-option-value": (
        "invalid value for `{option}`: {detail}",
        "ongeldige waarde voor `{option}`: {detail}",
        "valeur invalide pour `{option}` : {detail}",
    ),
    "not-one-of": (
        "`{value}` is not one of {choices}",
        "`{value}` is niet een van {choices}",
        "`{value}` ne fait pas partie de {choices}",
    ),
    "missing-parameter": ("missing {param}", "{param} ontbreekt", "{param} manquant"),
    "no-such-command": (
        "no such command `{command}`",
        "onbekend commando `{command}`",
        "commande `{command}` inconnue",
    ),
    "try-help": (
        "try `{command} --help`",
        "probeer `{command} --help`",
        "essayez `{command} --help`",
    ),
    "batch-summary": (
        "{total} lines: {decided} decided ({leads}), {no_lead} without a lead, {invalid} invalid; {seconds} s, {rate} cases/s",
        "{total} regels: {decided} beslist ({leads}), {no_lead} zonder leiding, {invalid} ongeldig; {seconds} s, {rate} zaken/s",
        "{total} lignes : {decided} décidées ({leads}), {no_lead} sans pilote, {invalid} invalides ; {seconds} s, {rate} dossiers/s",
    ),
    # --- allocator log / replay
    "log-partial-line": (
        "{path}: line {line} is a partial record (a write was interrupted); skipped",
        "{path}: regel {line} is een onvolledig record (een schrijfopdracht werd onderbroken); overgeslagen",
        "{path} : la ligne {line} est un enregistrement incomplet (une écriture a été interrompue) ; ignorée",
    ),
    "log-invalid-line": (
        "{path}: line {line} is not a valid decision record; skipped",
        "{path}: regel {line} is geen geldig beslissingsrecord; overgeslagen",
        "{path} : la ligne {line} n'est pas un enregistrement de décision valide ; ignorée",
    ),
    "replay-summary": (
        "{differ} of {total} logged decisions would be given differently under the rules in force ({fingerprint}…)",
        "{differ} van de {total} gelogde beslissingen zouden anders uitvallen onder de geldende regels ({fingerprint}…)",
        "{differ} des {total} décisions journalisées seraient différentes avec les règles en vigueur ({fingerprint}…)",
    ),
    "replay-invalid": (
        "no longer a valid case",
        "geen geldige zaak meer",
        "n'est plus un dossier valide",
    ),
    # --- explanations (allocator decide)
    "word-and": ("and", "en", "et"),
    "word-or": ("or", "of", "ou"),
    "lead-none-short": (
        "no service (police matter)",
        "geen dienst (politiezaak)",
        "aucun service (affaire de police)",
    ),
    "because-topic": ("the topic is {value}", "het onderwerp is {value}", "le thème est {value}"),
    "because-location": ("the location is {value}", "de locatie is {value}", "le lieu est {value}"),
    "because-actor": ("the actor is {value}", "de actor is {value}", "l'acteur est {value}"),
    "because-target": ("the target is {value}", "het doelwit is {value}", "la cible est {value}"),
    "because-flags": (
        "the case is flagged {value}",
        "de zaak draagt de vlag {value}",
        "le dossier porte l'indicateur {value}",
    ),
    "because-fact": ("{value} holds", "{value} is vastgesteld", "{value} est établi"),
    "because-not-topic": (
        "the topic is not {value}",
        "het onderwerp is niet {value}",
        "le thème n'est pas {value}",
    ),
    "because-not-location": (
        "the location is not {value}",
        "de locatie is niet {value}",
        "le lieu n'est pas {value}",
    ),
    "because-not-actor": (
        "the actor is not {value}",
        "de actor is niet {value}",
        "l'acteur n'est pas {value}",
    ),
    "because-not-target": (
        "the target is not {value}",
        "het doelwit is niet {value}",
        "la cible n'est pas {value}",
    ),
    "because-not-flags": (
        "the case is not flagged {value}",
        "de zaak draagt de vlag {value} niet",
        "le dossier ne porte pas l'indicateur {value}",
    ),
    "because-not-fact": (
        "{value} does not hold",
        "{value} is niet vastgesteld",
        "{value} n'est pas établi",
    ),
    "because-always": (
        "it applies to every case",
        "hij geldt voor elke zaak",
        "elle s'applique à tout dossier",
    ),
    "fact-because": (
        "{fact}, because {reasons}",
        "{fact}, omdat {reasons}",
        "{fact}, car {reasons}",
    ),
    "why-lead": (
        "The highest priority wins: the lead goes to {lead} under {rules} (priority {priority}).",
        "De hoogste prioriteit wint: de leiding gaat naar {lead} volgens {rules} (prioriteit {priority}).",
        "La priorité la plus haute l'emporte ; pilote : {lead}, selon {rules} (priorité {priority}).",
    ),
    "why-overridden": (
        "outranked: {rule} ({lead}, priority {priority})",
        "voorbijgestoken: {rule} ({lead}, prioriteit {priority})",
        "supplantée : {rule} ({lead}, priorité {priority})",
    ),
    "why-conflict": (
        "Rules of equal priority {priority} disagree: {rules}; the lead is not decided.",
        "Regels met gelijke prioriteit {priority} spreken elkaar tegen: {rules}; de leiding is niet beslist.",
        "Des règles de même priorité {priority} se contredisent : {rules} ; le pilote n'est pas décidé.",
    ),
    "why-gap": (
        "No rule gives a lead for this case.",
        "Geen enkele regel bepaalt de leiding voor deze zaak.",
        "Aucune règle ne désigne de pilote pour ce dossier.",
    ),
    "why-no-consultation": (
        "But no rule names a consultation mechanism.",
        "Maar geen enkele regel noemt een overlegmechanisme.",
        "Mais aucune règle ne prévoit de mécanisme de concertation.",
    ),
    "heading-why": ("Why", "Waarom", "Pourquoi"),
    "heading-if": (
        "What would change the lead",
        "Wat de leiding zou veranderen",
        "Ce qui changerait le pilote",
    ),
    "no-counterfactual": (
        "no other value of any attribute would change the lead",
        "geen enkele andere waarde van een kenmerk zou de leiding veranderen",
        "aucune autre valeur d'un attribut ne changerait le pilote",
    ),
    "cf-topic": (
        "if the topic were {values}",
        "als het onderwerp {values} was",
        "si le thème était {values}",
    ),
    "cf-location": (
        "if the location were {values}",
        "als de locatie {values} was",
        "si le lieu était {values}",
    ),
    "cf-actor": (
        "if the actor were {values}",
        "als de actor {values} was",
        "si l'acteur était {values}",
    ),
    "cf-target": (
        "if the target were {values}",
        "als het doelwit {values} was",
        "si la cible était {values}",
    ),
    "cf-flag-add": (
        "if the case were also flagged {values}",
        "als de zaak ook de vlag {values} droeg",
        "si le dossier portait aussi l'indicateur {values}",
    ),
    "cf-flag-remove": (
        "without the flag {values}",
        "zonder de vlag {values}",
        "sans l'indicateur {values}",
    ),
    "cf-lead": (
        "the lead would be {lead}",
        "zou de leiding bij {lead} liggen",
        "le pilote serait {lead}",
    ),
    "cf-none": (
        "no service would lead (a police matter)",
        "zou geen dienst leiden (een politiezaak)",
        "aucun service ne piloterait (affaire de police)",
    ),
    "cf-gap": (
        "no rule would give a lead",
        "zou geen enkele regel de leiding bepalen",
        "aucune règle ne désignerait de pilote",
    ),
    "cf-conflict": (
        "the rules would conflict",
        "zouden de regels elkaar tegenspreken",
        "les règles se contrediraient",
    ),
    # --- reading rule files
    "ruleset-invalid": (
        "the rule set is invalid ({count} error(s)); nothing was loaded",
        "de regelset is ongeldig ({count} fout(en)); er is niets geladen",
        "le jeu de règles est invalide ({count} erreur(s)) ; rien n'a été chargé",
    ),
    "rules-dir-missing": (
        "the rules directory `{path}` does not exist",
        "de regelmap `{path}` bestaat niet",
        "le répertoire de règles `{path}` n'existe pas",
    ),
    "rules-dir-not-dir": (
        "`{path}` is not a directory",
        "`{path}` is geen map",
        "`{path}` n'est pas un répertoire",
    ),
    "rules-dir-unreadable": (
        "cannot list the rules directory `{path}`: {reason}",
        "kan de regelmap `{path}` niet lezen: {reason}",
        "impossible de lire le répertoire de règles `{path}` : {reason}",
    ),
    "vocabulary-missing": (
        "the rules directory has no `vocabulary.yaml`",
        "de regelmap bevat geen `vocabulary.yaml`",
        "le répertoire de règles ne contient pas de `vocabulary.yaml`",
    ),
    "no-rule-files": (
        "the rules directory has no rule files (`*.yaml` besides `vocabulary.yaml`)",
        "de regelmap bevat geen regelbestanden (`*.yaml` naast `vocabulary.yaml`)",
        "le répertoire de règles ne contient aucun fichier de règles (`*.yaml` hors `vocabulary.yaml`)",
    ),
    "unreadable": (
        "cannot read the file: {reason}",
        "kan het bestand niet lezen: {reason}",
        "impossible de lire le fichier : {reason}",
    ),
    "file-too-large": (
        "the file is {size} bytes; a rule file may hold at most {limit} bytes",
        "het bestand is {size} bytes groot; een regelbestand mag hoogstens {limit} bytes bevatten",
        "le fichier fait {size} octets ; un fichier de règles est limité à {limit} octets",
    ),
    "not-utf8": (
        "the file is not valid UTF-8 (byte 0x{byte} cannot be decoded)",
        "het bestand is geen geldige UTF-8 (byte 0x{byte} kan niet gedecodeerd worden)",
        "le fichier n'est pas en UTF-8 valide (l'octet 0x{byte} ne peut être décodé)",
    ),
    "empty-file": ("the file is empty", "het bestand is leeg", "le fichier est vide"),
    "yaml-syntax": (
        "invalid YAML: {problem}",
        "ongeldige YAML: {problem}",
        "YAML invalide : {problem}",
    ),
    "yaml-control-character": (
        "invalid YAML: the control character {char} is not allowed",
        "ongeldige YAML: het stuurteken {char} is niet toegestaan",
        "YAML invalide : le caractère de contrôle {char} n'est pas autorisé",
    ),
    "yaml-directive": (
        "YAML directives such as `{directive}` are not allowed: rule files are read as YAML 1.2",
        "YAML-directieven zoals `{directive}` zijn niet toegestaan: regelbestanden worden als YAML 1.2 gelezen",
        "les directives YAML comme `{directive}` ne sont pas autorisées : les fichiers de règles sont lus en YAML 1.2",
    ),
    "top-not-mapping": (
        "the file must be a mapping of keys (such as `rules:`), not {found}",
        "het bestand moet een mapping van sleutels zijn (zoals `rules:`), geen {found}",
        "le fichier doit être un dictionnaire de clés (comme `rules:`), pas {found}",
    ),
    "too-deep": (
        "the structure is nested more than {limit} levels deep",
        "de structuur is meer dan {limit} niveaus diep genest",
        "la structure est imbriquée sur plus de {limit} niveaux",
    ),
    "duplicate-key": (
        "duplicate key `{key}` (first at line {first_line})",
        "dubbele sleutel `{key}` (eerst op regel {first_line})",
        "clé `{key}` en double (d'abord à la ligne {first_line})",
    ),
    "explicit-tag": (
        "explicit YAML tags such as `{tag}` are not allowed in rule files",
        "expliciete YAML-tags zoals `{tag}` zijn niet toegestaan in regelbestanden",
        "les balises YAML explicites comme `{tag}` ne sont pas autorisées dans les fichiers de règles",
    ),
    "alias": (
        "YAML anchors and aliases (`&name`, `*name`) are not allowed in rule files",
        "YAML-ankers en -aliassen (`&naam`, `*naam`) zijn niet toegestaan in regelbestanden",
        "les ancres et alias YAML (`&nom`, `*nom`) ne sont pas autorisés dans les fichiers de règles",
    ),
    "key-not-text": (
        "keys must be plain text, not {found}",
        "sleutels moeten gewone tekst zijn, geen {found}",
        "les clés doivent être du texte simple, pas {found}",
    ),
    "missing-key": ("missing key `{key}`", "ontbrekende sleutel `{key}`", "clé `{key}` manquante"),
    "unknown-key": ("unknown key `{key}`", "onbekende sleutel `{key}`", "clé `{key}` inconnue"),
    "wrong-type": (
        "`{key}` must be {expected}, not {found}",
        "`{key}` moet {expected} zijn, geen {found}",
        "`{key}` doit être {expected}, pas {found}",
    ),
    "empty-text": (
        "`{key}` must not be empty",
        "`{key}` mag niet leeg zijn",
        "`{key}` ne peut pas être vide",
    ),
    "empty-list": (
        "`{key}` must list at least one entry",
        "`{key}` moet minstens één element bevatten",
        "`{key}` doit contenir au moins une entrée",
    ),
    "bad-id": (
        "`{value}` is not a valid id: use lowercase letters, digits and single hyphens (kebab-case)",
        "`{value}` is geen geldige id: gebruik kleine letters, cijfers en enkele koppeltekens (kebab-case)",
        "`{value}` n'est pas un identifiant valide : utilisez des minuscules, des chiffres et des traits d'union simples (kebab-case)",
    ),
    "bad-rule-id": (
        "`{value}` is not a valid rule id: use lowercase kebab-case parts joined by dots, e.g. `terrorism.civil-setting`",
        "`{value}` is geen geldige regel-id: gebruik delen in kleine letters (kebab-case) verbonden door punten, bv. `terrorism.civil-setting`",
        "`{value}` n'est pas un identifiant de règle valide : des parties en kebab-case reliées par des points, p. ex. `terrorism.civil-setting`",
    ),
    "invalid-value": ("{detail}", "{detail}", "{detail}"),
    "lead-without-priority": (
        "a rule that sets `lead` needs a `priority` (the highest priority wins)",
        "een regel die `lead` bepaalt, heeft een `priority` nodig (de hoogste prioriteit wint)",
        "une règle qui fixe `lead` doit avoir une `priority` (la plus haute priorité l'emporte)",
    ),
    "priority-without-lead": (
        "`priority` only applies to a rule that sets `lead`",
        "`priority` geldt alleen voor een regel die `lead` bepaalt",
        "`priority` ne s'applique qu'à une règle qui fixe `lead`",
    ),
    "no-effect": (
        "the rule has no effect: `then` needs at least one of `lead`, `partners`, `consultation`, `derive`",
        "de regel heeft geen gevolg: `then` heeft minstens één van `lead`, `partners`, `consultation`, `derive` nodig",
        "la règle n'a aucun effet : `then` doit contenir au moins `lead`, `partners`, `consultation` ou `derive`",
    ),
    "unknown-id": (
        "unknown {kind} `{value}`",
        "onbekende {kind} `{value}`",
        "{kind} inconnu(e) `{value}`",
    ),
    "duplicate-id": (
        "the {kind} `{value}` is defined twice (first at line {first_line})",
        "de {kind} `{value}` is twee keer gedefinieerd (eerst op regel {first_line})",
        "le/la {kind} `{value}` est défini(e) deux fois (d'abord à la ligne {first_line})",
    ),
    "id-in-two-lists": (
        "`{value}` is both a service and a partner; services are partners already, list it once",
        "`{value}` is zowel dienst als partner; diensten zijn al partners, vermeld het één keer",
        "`{value}` est à la fois service et partenaire ; les services sont déjà partenaires, ne le listez qu'une fois",
    ),
    "reserved-id": (
        "`{value}` is reserved: the lead `none` means the case lies outside both services' mandates",
        "`{value}` is voorbehouden: de leiding `none` betekent dat de zaak buiten het mandaat van beide diensten valt",
        "`{value}` est réservé : le pilote `none` signifie que le dossier sort du mandat des deux services",
    ),
    "default-target-missing": (
        "the vocabulary must define the target `{value}`: it is the target of a case that names none",
        "het vocabularium moet het doelwit `{value}` definiëren: dat is het doelwit van een zaak zonder doelwit",
        "le vocabulaire doit définir la cible `{value}` : c'est la cible d'un dossier qui n'en nomme aucune",
    ),
    "duplicate-rule-id": (
        "the rule id `{value}` is used twice (first at {first})",
        "de regel-id `{value}` wordt twee keer gebruikt (eerst in {first})",
        "l'identifiant de règle `{value}` est utilisé deux fois (d'abord en {first})",
    ),
    "fact-never-derived": (
        "the fact `{value}` is used here but no rule derives it, so this condition can never hold",
        "het feit `{value}` wordt hier gebruikt, maar geen enkele regel leidt het af: deze voorwaarde kan nooit gelden",
        "le fait `{value}` est utilisé ici mais aucune règle ne le dérive : cette condition ne peut jamais être remplie",
    ),
    "negation-cycle": (
        "the fact `{value}` depends on its own negation (through {path}); such a rule set has no single answer",
        "het feit `{value}` hangt af van zijn eigen ontkenning (via {path}); zo'n regelset heeft geen eenduidig antwoord",
        "le fait `{value}` dépend de sa propre négation (via {path}) ; un tel jeu de règles n'a pas de réponse unique",
    ),
    # --- whole-domain analysis (allocator check)
    "gap": (
        "no rule gives a lead for {cases} case(s): {region}",
        "geen enkele regel bepaalt de leiding voor {cases} zaak/zaken: {region}",
        "aucune règle ne désigne de pilote pour {cases} dossier(s) : {region}",
    ),
    "gap-consultation": (
        "no rule names a consultation mechanism for {cases} case(s): {region}",
        "geen enkele regel noemt een overlegmechanisme voor {cases} zaak/zaken: {region}",
        "aucune règle ne prévoit de mécanisme de concertation pour {cases} dossier(s) : {region}",
    ),
    "conflict": (
        "`{first}` ({first_lead}) and `{second}` ({second_lead}) both apply at priority {priority} to {cases} case(s): {region}",
        "`{first}` ({first_lead}) en `{second}` ({second_lead}) gelden allebei met prioriteit {priority} voor {cases} zaak/zaken: {region}",
        "`{first}` ({first_lead}) et `{second}` ({second_lead}) s'appliquent tous deux avec la priorité {priority} à {cases} dossier(s) : {region}",
    ),
    "shadowed-rule": (
        "`{rule}` applies to {cases} case(s) but changes no decision: {by} already give what it gives",
        "`{rule}` geldt voor {cases} zaak/zaken maar verandert geen enkele beslissing: {by} geven al wat hij geeft",
        "`{rule}` s'applique à {cases} dossier(s) mais ne change aucune décision : {by} donnent déjà ce qu'elle donne",
    ),
    "dead-rule": (
        "the conditions of `{rule}` never hold together: it applies to no case",
        "de voorwaarden van `{rule}` kunnen nooit samen gelden: hij geldt voor geen enkele zaak",
        "les conditions de `{rule}` ne sont jamais réunies : elle ne s'applique à aucun dossier",
    ),
    "unused-id": (
        "the {kind} `{value}` is never used by any rule",
        "de {kind} `{value}` wordt door geen enkele regel gebruikt",
        "le/la {kind} `{value}` n'est utilisé(e) par aucune règle",
    ),
    "never-competent": (
        "no rule ever makes the {kind} `{value}` competent: it can lead no case within its mandate",
        "geen enkele regel maakt de {kind} `{value}` ooit bevoegd: hij kan geen zaak binnen zijn mandaat leiden",
        "aucune règle ne rend jamais compétent le {kind} `{value}` : il ne peut piloter aucun dossier relevant de son mandat",
    ),
    "lead-not-competent": (
        "{lead} leads {cases} case(s) outside its mandate (no rule makes it competent there), through {rules}: {region}",
        "{lead} leidt {cases} zaak/zaken buiten zijn mandaat (geen enkele regel maakt hem daar bevoegd), via {rules}: {region}",
        "{lead} pilote {cases} dossier(s) hors de son mandat (aucune règle ne l'y rend compétent), par {rules} : {region}",
    ),
    "competent-without-lead": (
        "{cases} case(s) fall within a service's mandate but the rules send them to no service (lead none, through {rules}): {region}",
        "{cases} zaak/zaken vallen onder het mandaat van een dienst, maar de regels wijzen ze aan geen enkele dienst toe (leiding geen, via {rules}): {region}",
        "{cases} dossier(s) relèvent du mandat d'un service, mais les règles ne les confient à aucun service (pilote aucun, par {rules}) : {region}",
    ),
    "untranslated-text": (
        "`{rule}` gives its {fields} in one text only: Dutch and French readers see it as written",
        "`{rule}` geeft zijn {fields} in één enkele tekst: Nederlandstalige en Franstalige lezers zien die zoals ze geschreven is",
        "`{rule}` ne donne son {fields} qu'en un seul texte : les lecteurs néerlandophones et francophones le voient tel quel",
    ),
    "untranslated-help": (
        "give it as three texts under nl:, fr: and en: once a translation exists",
        "geef het als drie teksten onder nl:, fr: en en: zodra er een vertaling bestaat",
        "donnez-le en trois textes sous nl:, fr: et en: dès qu'une traduction existe",
    ),
    "unused-fact": (
        "the fact `{value}` is derived but no rule uses it",
        "het feit `{value}` wordt afgeleid, maar geen enkele regel gebruikt het",
        "le fait `{value}` est dérivé mais aucune règle ne l'utilise",
    ),
    "unnamed-value": (
        "no rule names the {kind} `{value}`: such cases are decided like any other {kind}",
        "geen enkele regel noemt de {kind} `{value}`: zulke zaken worden beslist zoals elke andere {kind}",
        "aucune règle ne nomme le/la {kind} `{value}` : ces dossiers sont décidés comme tout autre {kind}",
    ),
    "example-case": (
        "for instance: {command}",
        "bijvoorbeeld: {command}",
        "par exemple : {command}",
    ),
    "shadowed-help": (
        "remove it, or give it an effect of its own",
        "verwijder hem, of geef hem een eigen gevolg",
        "supprimez-la, ou donnez-lui un effet propre",
    ),
    "check-summary": (
        "{rules} rules checked over {cases} cases ({dimensions}) in {seconds} s: {errors} error(s), {warnings} warning(s), {notes} note(s)",
        "{rules} regels gecontroleerd over {cases} zaken ({dimensions}) in {seconds} s: {errors} fout(en), {warnings} waarschuwing(en), {notes} opmerking(en)",
        "{rules} règles vérifiées sur {cases} dossiers ({dimensions}) en {seconds} s : {errors} erreur(s), {warnings} avertissement(s), {notes} remarque(s)",
    ),
    "check-strict-failed": (
        "warnings count as errors under --strict",
        "waarschuwingen tellen als fouten met --strict",
        "les avertissements comptent comme des erreurs avec --strict",
    ),
    # --- help lines
    "did-you-mean": (
        "did you mean `{suggestion}`?",
        "bedoelde u `{suggestion}`?",
        "vouliez-vous dire `{suggestion}` ?",
    ),
    "valid-values": (
        "valid {kinds}: {choices}",
        "geldige {kinds}: {choices}",
        "{kinds} valides : {choices}",
    ),
    "did-you-mean-valid": (
        "did you mean `{suggestion}`? valid {kinds}: {choices}",
        "bedoelde u `{suggestion}`? geldige {kinds}: {choices}",
        "vouliez-vous dire `{suggestion}` ? {kinds} valides : {choices}",
    ),
    "add-to-vocabulary": (
        "add it to rules/vocabulary.yaml first, with its labels in NL, FR and EN",
        "voeg het eerst toe aan rules/vocabulary.yaml, met de labels in NL, FR en EN",
        "ajoutez-le d'abord à rules/vocabulary.yaml, avec ses libellés en NL, FR et EN",
    ),
    # --- type names used in wrong-type
    "type-text": ("text", "tekst", "du texte"),
    "type-number": ("a whole number", "een geheel getal", "un nombre entier"),
    "type-decimal": ("a decimal number", "een decimaal getal", "un nombre décimal"),
    "type-list": ("a list", "een lijst", "une liste"),
    "type-mapping": (
        "a mapping (key: value)",
        "een mapping (sleutel: waarde)",
        "un dictionnaire (clé : valeur)",
    ),
    "type-text-or-list": (
        "text or a list of text",
        "tekst of een lijst van teksten",
        "du texte ou une liste de textes",
    ),
    "type-boolean": ("true or false", "true of false", "true ou false"),
    "type-nothing": (
        "nothing (an empty value)",
        "niets (een lege waarde)",
        "rien (une valeur vide)",
    ),
    # --- case input
    "unknown-case-value": (
        "unknown {kind} `{value}`",
        "onbekende {kind} `{value}`",
        "{kind} inconnu(e) `{value}`",
    ),
    "missing-attribute": (
        "missing {kind}: give `--{option}`",
        "{kind} ontbreekt: geef `--{option}`",
        "{kind} manquant(e) : indiquez `--{option}`",
    ),
    "case-invalid": (
        "invalid case: {detail}",
        "ongeldige zaak: {detail}",
        "dossier invalide : {detail}",
    ),
    # --- allocator matrix
    "matrix-title-lead": (
        "Competence matrix: who leads",
        "Bevoegdheidsmatrix: wie leidt",
        "Matrice des compétences : qui pilote",
    ),
    "matrix-title-competence": (
        "Competence matrix: which services are competent, and who leads where both are",
        "Bevoegdheidsmatrix: welke diensten bevoegd zijn, en wie leidt waar beide het zijn",
        "Matrice des compétences : quels services sont compétents, et qui pilote quand les deux le sont",
    ),
    "matrix-legend-shared": (
        "both services competent (both→ the lead)",
        "beide diensten bevoegd (both→ de leiding)",
        "les deux services compétents (both→ le pilote)",
    ),
    "matrix-varying": (
        "each cell covers every {axes}",
        "elke cel dekt elke {axes}",
        "chaque cellule couvre chaque {axes}",
    ),
    "matrix-legend-text-competence": (
        "ADIV, VSSE: one service competent; both→X: both competent, X leads; none: neither; A/B: the cases of the cell differ, most frequent first",
        "ADIV, VSSE: één dienst bevoegd; both→X: beide bevoegd, X leidt; none: geen van beide; A/B: de zaken van de cel verschillen, meest voorkomende eerst",
        "ADIV, VSSE : un seul service compétent ; both→X : les deux compétents, X pilote ; none : aucun ; A/B : les dossiers de la cellule diffèrent, le plus fréquent d'abord",
    ),
    "matrix-legend-text-lead": (
        "ADIV/VSSE: the cases of the cell disagree, most frequent lead first; GAP, CONFLICT: the rules give no lead or contradictory leads",
        "ADIV/VSSE: de zaken van de cel verschillen, meest voorkomende leiding eerst; GAP, CONFLICT: de regels geven geen of tegenstrijdige leiding",
        "ADIV/VSSE : les dossiers de la cellule diffèrent, pilote le plus fréquent d'abord ; GAP, CONFLICT : les règles ne désignent aucun pilote ou des pilotes contradictoires",
    ),
    "matrix-cases": ("{count} cases", "{count} zaken", "{count} dossiers"),
    "matrix-counts": (
        "{partners} partners · {mechanisms} channels",
        "{partners} partners · {mechanisms} kanalen",
        "{partners} partenaires · {mechanisms} canaux",
    ),
    "matrix-legend-alert": (
        "no lead or a conflict",
        "geen leiding of een conflict",
        "aucun pilote ou un conflit",
    ),
    "matrix-legend-mixed": (
        "depends on the other attributes (click)",
        "hangt af van de andere kenmerken (klik)",
        "dépend des autres attributs (cliquez)",
    ),
    "matrix-click": (
        "Click a cell for the partners, the consultation and the rules behind it.",
        "Klik op een cel voor de partners, het overleg en de regels erachter.",
        "Cliquez sur une cellule pour voir les partenaires, la concertation et les règles.",
    ),
    "matrix-same-axes": (
        "rows and columns must be two different attributes",
        "rijen en kolommen moeten twee verschillende kenmerken zijn",
        "lignes et colonnes doivent être deux attributs différents",
    ),
    # --- allocator coverage
    "coverage-spec": (
        "Specification: {files} feature files, {scenarios} scenarios, {cases} scenario cases ({path})",
        "Specificatie: {files} featurebestanden, {scenarios} scenario's, {cases} scenariozaken ({path})",
        "Spécification : {files} fichiers de fonctionnalités, {scenarios} scénarios, {cases} dossiers de scénario ({path})",
    ),
    "coverage-rules": (
        "Rules: {exercised} of {total} exercised by a scenario case, {named} of {total} named by a scenario",
        "Regels: {exercised} van {total} uitgeoefend door een scenariozaak, {named} van {total} genoemd in een scenario",
        "Règles : {exercised} sur {total} exercées par un dossier de scénario, {named} sur {total} nommées par un scénario",
    ),
    "coverage-regions": (
        "Lead regions: {reached} of {total} reached by a scenario case, covering {share} of the domain (rule, lead, cases, scenario cases):",
        "Leidingsgebieden: {reached} van {total} bereikt door een scenariozaak, goed voor {share} van het domein (regel, leiding, zaken, scenariozaken):",
        "Zones de pilotage : {reached} sur {total} atteintes par un dossier de scénario, soit {share} du domaine (règle, pilote, dossiers, dossiers de scénario) :",
    ),
    "coverage-competence": (
        "Competence (services competent, lead, cases, scenario cases):",
        "Bevoegdheid (bevoegde diensten, leiding, zaken, scenariozaken):",
        "Compétence (services compétents, pilote, dossiers, dossiers de scénario) :",
    ),
    "coverage-unexercised": (
        "Not exercised by any scenario case: {rules}",
        "Door geen enkele scenariozaak uitgeoefend: {rules}",
        "Exercées par aucun dossier de scénario : {rules}",
    ),
    "coverage-unnamed": (
        "Not named by any scenario: {rules}",
        "In geen enkel scenario genoemd: {rules}",
        "Nommées par aucun scénario : {rules}",
    ),
    # --- allocator diff
    "diff-header": (
        "Comparing {old} ({old_fp}…) with {new} ({new_fp}…) over every case",
        "Vergelijking van {old} ({old_fp}…) met {new} ({new_fp}…) over alle zaken",
        "Comparaison de {old} ({old_fp}…) avec {new} ({new_fp}…) sur tous les dossiers",
    ),
    "diff-new-values": (
        "New values: {values}",
        "Nieuwe waarden: {values}",
        "Nouvelles valeurs : {values}",
    ),
    "diff-lead": (
        "lead {before} → {after} on {cases} case(s):",
        "leiding {before} → {after} voor {cases} zaak/zaken:",
        "pilote {before} → {after} pour {cases} dossier(s) :",
    ),
    "diff-partner-added": (
        "partner + {value} on {cases} case(s):",
        "partner + {value} voor {cases} zaak/zaken:",
        "partenaire + {value} pour {cases} dossier(s) :",
    ),
    "diff-partner-removed": (
        "partner − {value} on {cases} case(s):",
        "partner − {value} voor {cases} zaak/zaken:",
        "partenaire − {value} pour {cases} dossier(s) :",
    ),
    "diff-consultation-added": (
        "consultation + {value} on {cases} case(s):",
        "overleg + {value} voor {cases} zaak/zaken:",
        "concertation + {value} pour {cases} dossier(s) :",
    ),
    "diff-consultation-removed": (
        "consultation − {value} on {cases} case(s):",
        "overleg − {value} voor {cases} zaak/zaken:",
        "concertation − {value} pour {cases} dossier(s) :",
    ),
    "diff-rules": (
        "rules before: {before}; after: {after}",
        "regels voordien: {before}; nadien: {after}",
        "règles avant : {before} ; après : {after}",
    ),
    "diff-competent-added": (
        "competent + {value} on {cases} case(s):",
        "bevoegd + {value} voor {cases} zaak/zaken:",
        "compétent + {value} pour {cases} dossier(s) :",
    ),
    "diff-competent-removed": (
        "competent - {value} on {cases} case(s):",
        "bevoegd - {value} voor {cases} zaak/zaken:",
        "compétent - {value} pour {cases} dossier(s) :",
    ),
    "diff-by-topic": (
        "Cases changed, by topic (a case counts once per column):",
        "Gewijzigde zaken per onderwerp (een zaak telt één keer per kolom):",
        "Dossiers modifiés, par thème (un dossier compte une fois par colonne) :",
    ),
    "diff-summary": (
        "{changes} change(s); {cases} of {total} cases are decided differently",
        "{changes} wijziging(en); {cases} van de {total} zaken worden anders beslist",
        "{changes} changement(s) ; {cases} des {total} dossiers sont décidés autrement",
    ),
    "diff-none": (
        "No change: all {total} cases are decided the same way",
        "Geen wijziging: alle {total} zaken worden op dezelfde manier beslist",
        "Aucun changement : les {total} dossiers sont tous décidés de la même façon",
    ),
    # --- rule sets named on the command line (allocator diff)
    "not-rules-or-revision": (
        "`{value}` is neither a rules directory nor a git revision of the checkout holding `{path}`",
        "`{value}` is geen regelmap en geen git-revisie van de checkout met `{path}`",
        "`{value}` n'est ni un répertoire de règles ni une révision git du dépôt contenant `{path}`",
    ),
    "revision-without-rules": (
        "the revision `{value}` has no `{path}` directory",
        "de revisie `{value}` heeft geen map `{path}`",
        "la révision `{value}` n'a pas de répertoire `{path}`",
    ),
    # --- engine and internal errors
    "engine-action-failed": (
        "internal error: the inference engine failed while applying rule `{rule}`: {reason}",
        "interne fout: de inferentiemotor faalde bij het toepassen van regel `{rule}`: {reason}",
        "erreur interne : le moteur d'inférence a échoué en appliquant la règle `{rule}` : {reason}",
    ),
    "engine-failed": (
        "internal error in the inference engine: {reason}",
        "interne fout in de inferentiemotor: {reason}",
        "erreur interne du moteur d'inférence : {reason}",
    ),
    "engine-compile-failed": (
        "internal error: the inference engine refused rule `{rule}` (error {reason})",
        "interne fout: de inferentiemotor weigerde regel `{rule}` (fout {reason})",
        "erreur interne : le moteur d'inférence a refusé la règle `{rule}` (erreur {reason})",
    ),
    "internal-error": (
        "internal error: {reason}; please report it with the command you ran",
        "interne fout: {reason}; meld dit met het commando dat u uitvoerde",
        "erreur interne : {reason} ; signalez-la avec la commande exécutée",
    ),
    # --- decision text
    "heading-case": ("Case", "Zaak", "Dossier"),
    "heading-lead": ("Lead", "Leiding", "Pilote"),
    "heading-partners": ("Partners", "Partners", "Partenaires"),
    "heading-consultation": ("Consultation", "Overleg", "Concertation"),
    "heading-competence": ("Competence", "Bevoegdheid", "Compétence"),
    "label-competent": ("Competent", "Bevoegd", "Compétent"),
    "competence-none": (
        "none: the case falls within neither service's mandate",
        "geen: de zaak valt onder het mandaat van geen van beide diensten",
        "aucune : le dossier ne relève du mandat d'aucun des deux services",
    ),
    "competence-exclusive": (
        "exclusive: one service competent, {service}",
        "exclusief: één dienst bevoegd, {service}",
        "exclusive : un seul service compétent, {service}",
    ),
    "competence-shared": (
        "shared: both services are competent; the lead follows {rule} ({criterion})",
        "gedeeld: beide diensten zijn bevoegd; de leiding volgt uit {rule} ({criterion})",
        "partagée : les deux services sont compétents ; le pilotage découle de {rule} ({criterion})",
    ),
    "competence-shared-undecided": (
        "shared: both services are competent; the rules do not settle which one leads",
        "gedeeld: beide diensten zijn bevoegd; de regels bepalen niet welke leidt",
        "partagée : les deux services sont compétents ; les règles ne désignent pas lequel pilote",
    ),
    "heading-rules": ("Rules", "Regels", "Règles"),
    "heading-ruleset": ("Rule set", "Regelset", "Jeu de règles"),
    "label-basis": ("basis", "grondslag", "base"),
    "no-partners": ("none", "geen", "aucun"),
    "no-flags": ("no flags", "geen vlaggen", "aucun indicateur"),
    "lead-none": (
        "none: outside both services' mandates (see the partners)",
        "geen: buiten het mandaat van beide diensten (zie de partners)",
        "aucun : hors du mandat des deux services (voir les partenaires)",
    ),
    "outcome-gap": (
        "NO LEAD: no rule gives a lead for this case",
        "GEEN LEIDING: geen enkele regel bepaalt de leiding voor deze zaak",
        "AUCUN PILOTE : aucune règle ne désigne de pilote pour ce dossier",
    ),
    "outcome-no-consultation": (
        "INCOMPLETE: no rule names a consultation mechanism for this case",
        "ONVOLLEDIG: geen enkele regel noemt een overlegmechanisme voor deze zaak",
        "INCOMPLET : aucune règle ne prévoit de mécanisme de concertation pour ce dossier",
    ),
    "outcome-conflict": (
        "CONFLICT: rules of equal priority {priority} give different leads: {rules}",
        "CONFLICT: regels met gelijke prioriteit {priority} geven een andere leiding: {rules}",
        "CONFLIT : des règles de même priorité {priority} désignent des pilotes différents : {rules}",
    ),
    "escalate": (
        "Escalate through: {route}",
        "Escaleer via: {route}",
        "Escalader via : {route}",
    ),
    "version-line": (
        "allocator {version}\nrule set {fingerprint} ({rules} rules, {path})",
        "allocator {version}\nregelset {fingerprint} ({rules} regels, {path})",
        "allocator {version}\njeu de règles {fingerprint} ({rules} règles, {path})",
    ),
    # --- the engine and its limits
    "limit-exceeded": (
        "the inference engine cannot hold these rules: {count} limit(s) exceeded",
        "de inferentiemotor kan deze regels niet bevatten: {count} limiet(en) overschreden",
        "le moteur d'inférence ne peut pas contenir ces règles : {count} limite(s) dépassée(s)",
    ),
    "limit-conditions": (
        "the rules hold {count} different conditions ({rules} rules; rules with the very same conditions count once); the inference engine holds at most {limit}",
        "de regels bevatten {count} verschillende voorwaarden ({rules} regels; regels met precies dezelfde voorwaarden tellen één keer); de inferentiemotor bevat er hoogstens {limit}",
        "les règles contiennent {count} conditions différentes ({rules} règles ; des règles aux conditions identiques comptent une fois) ; le moteur d'inférence en contient au plus {limit}",
    ),
    "limit-conditions-help": (
        "give rules that apply together the very same condition, or split the rule set",
        "geef regels die samen gelden precies dezelfde voorwaarde, of splits de regelset",
        "donnez exactement la même condition aux règles qui s'appliquent ensemble, ou scindez le jeu de règles",
    ),
    "limit-case-lists": (
        "one case can meet {count} of the lists of values the rules test at once ({detail}); the inference engine holds at most {limit} per case",
        "één zaak kan tegelijk aan {count} van de lijsten van waarden voldoen die de regels toetsen ({detail}); de inferentiemotor bevat er hoogstens {limit} per zaak",
        "un dossier peut satisfaire à la fois {count} des listes de valeurs que testent les règles ({detail}) ; le moteur d'inférence en contient au plus {limit} par dossier",
    ),
    "limit-case-lists-help": (
        "reuse the same lists of values and of flags in several rules: each different list counts once",
        "gebruik dezelfde lijsten van waarden en vlaggen in meerdere regels: elke verschillende lijst telt één keer",
        "réutilisez les mêmes listes de valeurs et d'indicateurs dans plusieurs règles : chaque liste différente compte une fois",
    ),
    "limit-negated-facts": (
        "{count} derived facts are used under `not`; the inference engine holds at most {limit}",
        "{count} afgeleide feiten worden onder `not` gebruikt; de inferentiemotor bevat er hoogstens {limit}",
        "{count} faits dérivés sont utilisés sous `not` ; le moteur d'inférence en contient au plus {limit}",
    ),
    "limit-rule-facts": (
        "rule `{rule}` requires {count} derived facts at once; the inference engine joins at most {limit} in one rule",
        "regel `{rule}` vereist {count} afgeleide feiten tegelijk; de inferentiemotor combineert er hoogstens {limit} in één regel",
        "la règle `{rule}` exige {count} faits dérivés à la fois ; le moteur d'inférence en combine au plus {limit} dans une règle",
    ),
    "limit-rule-facts-help": (
        "derive an intermediate fact from some of them in a rule of its own, and require that one",
        "leid uit een deel ervan een tussenliggend feit af in een eigen regel, en vereis dat feit",
        "dérivez d'une partie d'entre eux un fait intermédiaire dans une règle distincte, et exigez ce fait",
    ),
    "limit-branching": (
        "the conditions branch too widely for the inference engine: matching one case needs {count} places where it has {limit}",
        "de voorwaarden vertakken te breed voor de inferentiemotor: één zaak toetsen vraagt {count} plaatsen waar er {limit} zijn",
        "les conditions se ramifient trop pour le moteur d'inférence : évaluer un dossier demande {count} places là où il en a {limit}",
    ),
    # --- answers, caches, batch and the rules on disk
    "kind-fifo": ("a named pipe (FIFO)", "een named pipe (FIFO)", "un tube nommé (FIFO)"),
    "kind-device": ("a device", "een apparaatbestand", "un fichier de périphérique"),
    "kind-socket": ("a socket", "een socket", "une socket"),
    "kind-directory": ("a directory", "een map", "un répertoire"),
    "kind-special-file": ("a special file", "een speciaal bestand", "un fichier spécial"),
    "not-a-regular-file": (
        "not a regular file but {kind}: only regular files are read as rule files (move it away or rename it)",
        "geen gewoon bestand maar {kind}: alleen gewone bestanden worden als regelbestand gelezen (verplaats het of geef het een andere naam)",
        "pas un fichier ordinaire mais {kind} : seuls les fichiers ordinaires sont lus comme fichiers de règles (déplacez-le ou renommez-le)",
    ),
    "allocator-closed": (
        "internal error: this allocator was closed; its rule set can no longer decide",
        "interne fout: deze allocator werd gesloten; zijn regelset kan niet meer beslissen",
        "erreur interne : cet allocator a été fermé ; son jeu de règles ne peut plus décider",
    ),
    "batch-line-too-long-bytes": (
        "the line is {size} bytes long; at most {limit} bytes",
        "de regel is {size} bytes lang; hoogstens {limit} bytes",
        "la ligne fait {size} octets ; au plus {limit} octets",
    ),
    "batch-json-duplicate-key": (
        "the key `{key}` is given more than once",
        "de sleutel `{key}` komt meer dan eens voor",
        "la clé `{key}` figure plus d'une fois",
    ),
    "batch-json-number": (
        "`{value}` is not a finite number",
        "`{value}` is geen eindig getal",
        "`{value}` n'est pas un nombre fini",
    ),
    "batch-json-too-deep": (
        "nested too deeply",
        "te diep genest",
        "imbriqué trop profondément",
    ),
    "batch-json-surrogate": (
        "a lone surrogate escape (`\\{value}`) is not a character",
        "een losse surrogaat-escape (`\\{value}`) is geen teken",
        "un échappement de substitut isolé (`\\{value}`) n'est pas un caractère",
    ),
    "batch-bad-id": (
        "`id` must be a text or a finite number, not {found}",
        "`id` moet een tekst of een eindig getal zijn, geen {found}",
        "`id` doit être un texte ou un nombre fini, pas {found}",
    ),
    "batch-csv-duplicate-columns": (
        "column(s) {columns} given more than once",
        "kolom(men) {columns} meer dan eens opgegeven",
        "colonne(s) {columns} donnée(s) plus d'une fois",
    ),
    "batch-csv-no-header": (
        "not decided: the CSV header (line 1) is invalid",
        "niet beslist: de CSV-kop (regel 1) is ongeldig",
        "non décidé : l'en-tête CSV (ligne 1) est invalide",
    ),
    "batch-line-failed": (
        "this line could not be decided: {reason}; please report it",
        "deze regel kon niet worden beslist: {reason}; meld dit",
        "cette ligne n'a pas pu être décidée : {reason} ; signalez-le",
    ),
    "batch-failed-lines": (
        "{failed} line(s) could not be decided because of an internal error (see their error records)",
        "{failed} regel(s) konden niet worden beslist door een interne fout (zie hun foutrecords)",
        "{failed} ligne(s) n'ont pas pu être décidées à cause d'une erreur interne (voir leurs enregistrements d'erreur)",
    ),
    "batch-interrupted": (
        "interrupted by {signal} after line {line}: {decided} decision(s) given, {logged} logged; the rest of the input was not read",
        "onderbroken door {signal} na regel {line}: {decided} beslissing(en) gegeven, {logged} gelogd; de rest van de invoer werd niet gelezen",
        "interrompu par {signal} après la ligne {line} : {decided} décision(s) donnée(s), {logged} journalisée(s) ; le reste de l'entrée n'a pas été lu",
    ),
    "batch-interrupted-no-log": (
        "interrupted by {signal} after line {line}: {decided} decision(s) given (--no-log: none logged); the rest of the input was not read",
        "onderbroken door {signal} na regel {line}: {decided} beslissing(en) gegeven (--no-log: niets gelogd); de rest van de invoer werd niet gelezen",
        "interrompu par {signal} après la ligne {line} : {decided} décision(s) donnée(s) (--no-log : rien de journalisé) ; le reste de l'entrée n'a pas été lu",
    ),
    "batch-log-failed": (
        "cannot write to the decision log `{path}`: {reason}; the batch stopped after line {line}: {logged} decision(s) given and logged, the ones not logged were not written out",
        "kan niet in het beslissingslogboek `{path}` schrijven: {reason}; de batch stopte na regel {line}: {logged} beslissing(en) gegeven en gelogd, de niet-gelogde werden niet uitgeschreven",
        "impossible d'écrire dans le journal des décisions `{path}` : {reason} ; le lot s'est arrêté après la ligne {line} : {logged} décision(s) donnée(s) et journalisée(s), celles non journalisées n'ont pas été écrites",
    ),
    "batch-output-failed": (
        "cannot write the output: {reason}; the batch stopped after line {line} ({logged} decision(s) logged)",
        "kan de uitvoer niet schrijven: {reason}; de batch stopte na regel {line} ({logged} beslissing(en) gelogd)",
        "impossible d'écrire la sortie : {reason} ; le lot s'est arrêté après la ligne {line} ({logged} décision(s) journalisée(s))",
    ),
    "batch-output-is-input": (
        "`--output {path}` is the input itself: writing it would destroy the cases before they are read; choose another file",
        "`--output {path}` is de invoer zelf: ernaar schrijven zou de zaken vernietigen voor ze gelezen zijn; kies een ander bestand",
        "`--output {path}` est l'entrée elle-même : l'écrire détruirait les dossiers avant leur lecture ; choisissez un autre fichier",
    ),
    "case-flag-not-text": (
        "every flag must be a text; one is {found}",
        "elke vlag moet een tekst zijn; één is {found}",
        "chaque indicateur doit être un texte ; l'un d'eux est {found}",
    ),
    "batch-bad-type": (
        "`{key}` must be {expected}, not {found}",
        "`{key}` moet {expected} zijn, geen {found}",
        "`{key}` doit être {expected}, pas {found}",
    ),
    "batch-output-is-log": (
        "`--output {path}` is the decision log: choose another file",
        "`--output {path}` is het beslissingslogboek: kies een ander bestand",
        "`--output {path}` est le journal des décisions : choisissez un autre fichier",
    ),
    # --- the decision log and its readers
    "log-unreadable": (
        "the decision log `{path}` cannot be read: {reason}",
        "het beslissingslogboek `{path}` kan niet worden gelezen: {reason}",
        "le journal des décisions `{path}` ne peut être lu : {reason}",
    ),
    "log-mistyped-line": (
        "{path}: line {line} is not a valid decision record (`{field}` has the wrong type or value); skipped",
        "{path}: regel {line} is geen geldig beslissingsrecord (`{field}` heeft een verkeerd type of een verkeerde waarde); overgeslagen",
        "{path} : la ligne {line} n'est pas un enregistrement de décision valide (`{field}` a un type ou une valeur incorrects) ; ignorée",
    ),
    "log-long-line": (
        "{path}: line {line} is longer than any decision record ({limit} bytes at most); skipped",
        "{path}: regel {line} is langer dan een beslissingsrecord kan zijn (hoogstens {limit} bytes); overgeslagen",
        "{path} : la ligne {line} est plus longue qu'un enregistrement de décision ({limit} octets au plus) ; ignorée",
    ),
    "replay-other-ruleset": (
        "given under {fingerprint}…",
        "gegeven onder {fingerprint}…",
        "donnée sous {fingerprint}…",
    ),
    "replay-inconsistent": (
        "ALTERED OR A BUG (line {line}): logged under the rules in force, yet recorded with another decision",
        "GEWIJZIGD OF EEN FOUT (regel {line}): gelogd onder de geldende regels, maar met een andere beslissing opgetekend",
        "ALTÉRÉ OU BOGUE (ligne {line}) : journalisé sous les règles en vigueur, mais enregistré avec une autre décision",
    ),
    "replay-inconsistent-summary": (
        "{count} logged decision(s) name the rule set in force but record a different decision: the log was altered, or this is a bug (please report it)",
        "{count} gelogde beslissing(en) noemen de geldende regelset maar tekenen een andere beslissing op: het logboek werd gewijzigd, of dit is een fout (meld het)",
        "{count} décision(s) journalisée(s) citent le jeu de règles en vigueur mais enregistrent une autre décision : le journal a été altéré, ou c'est un bogue (signalez-le)",
    ),
    "output-failed": (
        "cannot write to standard output: {reason}",
        "kan niet naar de standaarduitvoer schrijven: {reason}",
        "impossible d'écrire sur la sortie standard : {reason}",
    ),
    "option-repeated": (
        "option `{option}` given more than once; give it once",
        "optie `{option}` meer dan eens gegeven; geef ze één keer",
        "option `{option}` donnée plus d'une fois ; donnez-la une seule fois",
    ),
    "revision-link-outside": (
        "`{path}` is, in revision `{value}`, a symbolic link to `{target}`, outside the revision: the rules of a revision must be files committed in it",
        "`{path}` is in revisie `{value}` een symbolische link naar `{target}`, buiten de revisie: de regels van een revisie moeten erin vastgelegde bestanden zijn",
        "`{path}` est, dans la révision `{value}`, un lien symbolique vers `{target}`, hors de la révision : les règles d'une révision doivent être des fichiers qui y sont enregistrés",
    ),
    # --- the YAML reader and the analysis
}

_PLACEHOLDER = re.compile(r"{(\w+)")
#: What must never reach a terminal as such: C0 and C1 control characters (ESC, so every ANSI
#: escape sequence, included) and DEL; the invisible format characters (Unicode category Cf: the
#: bidi overrides and isolates such as U+202E, which reorder what follows, zero-width characters,
#: the BOM, the tags); the line and paragraph separators U+2028/U+2029; and lone surrogates,
#: which cannot even be encoded. tests/test_audit_trail.py checks the list against unicodedata.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
#: Everything above but newline and tab, which a message of several lines keeps.
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_FORMAT}]")
#: Everything above, newline and tab included: one field of one line (a log record's user name).
_CONTROL_ONE_LINE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_FORMAT}]")
_MAX_PARAM = 120


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def _shown(match: re.Match[str]) -> str:
    """A character as Python writes it in a string literal: \\x1b, \\u202e, \\U000e0001."""
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def sanitize(text: str, *, one_line: bool = False) -> str:
    """Make text safe for a terminal: control characters, escape sequences, bidi overrides and
    other invisible characters are shown (`\\x1b`, `\\u202e`), never sent.

    `one_line` also shows newlines and tabs: for a value that must stay on its line (a field read
    from the decision log), so that no value can forge a line of its own.
    """
    return (_CONTROL_ONE_LINE if one_line else _CONTROL).sub(_shown, text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def sanitize_json(text: str) -> str:
    """JSON text made safe for a terminal without changing what it means: every character
    `sanitize` would show is written as a JSON escape (`\\u202e`), which decodes to the same data.
    (Inside its strings, JSON already escapes newlines and tabs; outside, they are layout.)"""
    return _CONTROL.sub(_json_escape, text)


#: Parameters that may carry raw user input, shortened so a 1 MB value never floods a terminal.
_USER_INPUT = {"value", "key", "detail", "problem", "reason", "suggestion", "tag"}


_THOUSANDS = {"en": ",", "nl": ".", "fr": "\u202f"}


def _number(value: int, lang: str) -> str:
    """Large whole numbers with the language's thousands separator (52,480,000 / 52.480.000)."""
    return f"{value:,}".replace(",", _THOUSANDS.get(lang, ","))


def _shorten(value: Any) -> Any:
    if isinstance(value, str) and len(value) > _MAX_PARAM:
        return f"{value[:_MAX_PARAM]}… ({len(value)} characters)"
    return value


def t(key: str, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """The message `key` in `lang`, filled with `params` (long values are shortened)."""
    try:
        texts = CATALOGUE[key]
    except KeyError:
        raise KeyError(f"no message {key!r} in the catalogue") from None
    text = texts[LANGS.index(lang)] if lang in LANGS else texts[0]
    if not params:
        return text
    values = {}
    for name, value in params.items():
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
            value = _number(value, lang)
        values[name] = _shorten(value) if name in _USER_INPUT else value
    return text.format(**values)


def kind_name(kind: str, lang: str = DEFAULT_LANG, plural: bool = False) -> str:
    return t(f"kind-{kind}{'s' if plural else ''}", lang)


def detect_lang(explicit: str | None = None) -> str:
    """The language to speak: the option, else ALLOCATOR_LANG, else the locale, else English."""
    for candidate in (explicit, os.environ.get("ALLOCATOR_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGS:
                return code
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            code = value.lower()[:2]
            return code if code in LANGS else DEFAULT_LANG
    try:
        loc = locale.getlocale(locale.LC_MESSAGES)[0] if hasattr(locale, "LC_MESSAGES") else None
    except ValueError:
        loc = None
    if loc and loc[:2].lower() in LANGS:
        return loc[:2].lower()
    return DEFAULT_LANG
