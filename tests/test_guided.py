"""Guided input in a real terminal (pexpect, a pty), in the three languages; how an answer is
matched (a pure function, no terminal); and the input errors of the command line, which name
what the user may have meant."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect  # type: ignore[import-untyped]
import pytest

from allocator.cli.guided import Choice, candidates, command_line, select
from allocator.desk.service import Allocator
from allocator.errors import CaseError, Problem
from allocator.i18n import LANGS, t
from allocator.load.suggest import fold, matching, suggest, unknown_hint
from allocator.model import CASE_ATTRIBUTES, DEFAULT_TARGET, LIST_KIND, Vocabulary
from allocator.testing import run_cli
from tests.helpers import SHIPPED

EXE = str(Path(sys.executable).with_name("allocator"))
EN = {"ALLOCATOR_LANG": "en"}

# --------------------------------------------------------------------------- in a terminal


class Session:
    """`allocator ARGS` in a pseudo-terminal: answer its questions, then read all it wrote."""

    def __init__(self, tmp_path: Path, vocabulary: Vocabulary, *args: str, lang: str = "en"):
        self.lang = lang
        self.vocabulary = vocabulary
        self.log = tmp_path / "decisions.jsonl"
        env = {**os.environ, "ALLOCATOR_LANG": "en", "ALLOCATOR_LOG": str(self.log)}
        env["TERM"] = "dumb"
        self.seen = io.StringIO()
        self.child = pexpect.spawn(
            EXE,
            ["--lang", lang, *args],
            env=env,
            encoding="utf-8",
            timeout=10,
            dimensions=(60, 200),
        )
        self.child.logfile_read = self.seen
        self.child.delaybeforesend = None  # pexpect waits 50 ms before each line otherwise

    def prompt(self, attribute: str) -> None:
        """Wait for the prompt of the question about `attribute` (topic, …, target, flags)."""
        terms = getattr(self.vocabulary, CASE_ATTRIBUTES[attribute])
        if attribute == "flags":
            text = t("guided-prompt-flags", self.lang, last=len(terms))
        elif attribute == "target":
            default = next(term for term in terms if term.id == DEFAULT_TARGET)
            text = t(
                "guided-prompt-default",
                self.lang,
                last=len(terms),
                default=default.label.get(self.lang),
            )
        else:
            text = t("guided-prompt", self.lang, last=len(terms))
        self.child.expect_exact(text + t("colon", self.lang) + " ")

    def answer(self, attribute: str, text: str) -> None:
        self.prompt(attribute)
        self.child.sendline(text)

    def end(self) -> tuple[int, str]:
        """The exit status and the whole transcript, its lines and spaces as a reader sees them."""
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus, self.seen.getvalue().replace("\r\n", "\n")


@pytest.fixture
def start(tmp_path: Path, shipped: Allocator) -> Callable[..., Session]:
    """Start `allocator --lang LANG ARGS` in a terminal, with the shipped rules."""

    def start(*args: str, lang: str = "en") -> Session:
        return Session(tmp_path, shipped.policy.vocabulary, *args, lang=lang)

    return start


def flat(text: str) -> str:
    """`text` with every run of white space one space: the answer's lines wrap at any width."""
    return " ".join(text.split())


def test_every_question_by_number_id_label_and_an_ambiguous_start_with_a_flag(
    start: Callable[..., Session],
) -> None:
    session = start("decide", "--no-log")
    session.answer("topic", "terr")
    session.answer("topic", "TERRORISM")  # an id in capitals
    session.answer("location", "1")  # a number: belgium
    session.answer("actor", "terrorist g")  # a label's start: Terrorist group
    session.answer("target", "")
    session.answer("flags", "1")  # imminent
    status, out = session.end()
    assert status == 0, out
    assert "Which topic?" in out
    assert "Which target?" in out
    assert "Which flags apply?" in out
    # The ambiguous start lists every value it may be, with its number, id and label.
    assert "`terr` could be several values; type more of it, or its number:" in out
    assert (
        " 1  terrorism            Terrorism\n  17  terrorism-financing  Terrorism financing" in out
    )
    assert "→ terrorism (Terrorism)" in out
    assert "→ terrorist-group (Terrorist group)" in out
    assert "→ unspecified (Unspecified)" in out
    assert "→ imminent (Imminent threat)" in out
    assert (
        "Next time: allocator decide --topic terrorism --location belgium "
        "--actor terrorist-group --flag imminent --lang en --no-log\n"
    ) in out
    # Imminent brings in the National Crisis Centre's crisis cell.
    assert "Crisis cell of the National Crisis Centre" in flat(out)
    assert not session.log.exists()  # --no-log


def test_in_dutch_a_label_start_and_enter_for_no_flags(start: Callable[..., Session]) -> None:
    session = start(
        "decide", "--no-log", "--topic", "espionage", "--location", "belgium", lang="nl"
    )
    session.answer("actor", "Onder")  # Onderneming: company
    session.answer("target", "over")
    session.answer("flags", "")
    status, out = session.end()
    assert status == 0, out
    assert "Welk onderwerp?" not in out  # only what is missing is asked, then target and flags
    assert "Welke actor?\n" in out
    assert "Welk doelwit?\n" in out
    assert "→ company (Onderneming)" in out
    assert "→ government (Overheid)" in out
    assert "→ geen indicatoren" in out
    assert (
        "Volgende keer: allocator decide --topic espionage --location belgium --actor company "
        "--target government --lang nl --no-log\n"
    ) in out
    assert "Crisiscel" not in out


def test_in_french_accents_exact_labels_a_typo_and_flags_by_label(
    start: Callable[..., Session],
) -> None:
    session = start("decide", "--no-log", "--actor", "terrorist-group", lang="fr")
    # An exact label wins over the longer ones it starts (Terrorisme, not Financement du…).
    session.answer("topic", "terrorisme")
    session.answer("location", "domaine")  # Domaine militaire
    session.answer("target", "defnse")
    session.answer("target", "DEFENSE")
    session.answer("flags", "volet")
    session.answer("flags", "menace imm")
    status, out = session.end()
    assert status == 0, out
    assert "Quel acteur ?" not in out  # the actor was given
    assert "Quel thème ?\n" in out
    assert "Quel lieu ?\n" in out
    assert "Quelle cible ?\n" in out
    assert "Quels indicateurs s'appliquent ?" in out
    assert "`defnse` n'en fait pas partie. vouliez-vous dire `defence` ?" in out
    assert "→ defence (Défense)" in out  # "Défense" as typed in capitals and without accent
    assert "`volet` peut désigner plusieurs valeurs ; précisez ou tapez le numéro :" in out
    assert "financial-component" in out
    assert "cyber-component" in out
    assert "→ imminent (Menace imminente)" in out
    assert (
        "La prochaine fois : allocator decide --topic terrorism --location military-site "
        "--actor terrorist-group --target defence --flag imminent --lang fr --no-log\n"
    ) in out
    assert "Cellule de crise du Centre de crise national" in flat(out)


def test_several_flags_at_once(start: Callable[..., Session]) -> None:
    session = start("decide", "--no-log", "--topic", "espionage", "--location", "belgium")
    session.answer("actor", "company")
    session.answer("target", "gov")
    session.answer("flags", "1,3")
    status, out = session.end()
    assert status == 0, out
    assert "→ imminent (Imminent threat), financial-component (Financial component)" in out
    assert "--flag imminent --flag financial-component --lang en --no-log\n" in out


def test_the_next_time_line_repeats_the_options_given(
    start: Callable[..., Session], tmp_path: Path
) -> None:
    """Language, format, reference and the rest: the same command, the case filled in."""
    log = tmp_path / "chosen log.jsonl"
    session = start(
        "decide", "--format", "json", "--ref", "DOS 2026/117", "--why", "--log", str(log), lang="nl"
    )
    answers = {"topic": "spionage", "location": "1", "actor": "company", "target": "", "flags": ""}
    for attribute, text in answers.items():
        session.answer(attribute, text)
    status, out = session.end()
    assert status == 0, out
    assert (
        "Volgende keer: allocator decide --topic espionage --location belgium --actor company "
        f"--lang nl --format json --ref 'DOS 2026/117' --log '{log}' --why\n"
    ) in out
    assert json.loads(log.read_text())["ref"] == "DOS 2026/117"


@pytest.mark.parametrize("at", ["first", "flags"])
def test_end_of_input_stops_cleanly_with_exit_2(start: Callable[..., Session], at: str) -> None:
    session = start("decide")  # logging on: a stopped session logs nothing
    if at == "flags":
        session.answer("topic", "1")
        session.answer("location", "1")
        session.answer("actor", "1")
        session.answer("target", "")
        session.prompt("flags")
    else:
        session.prompt("topic")
    session.child.sendeof()
    status, out = session.end()
    assert status == 2, out
    assert "allocator: stopped before the case was complete: nothing was decided or logged" in out
    assert "Traceback" not in out
    assert "Next time" not in out
    assert "Lead:" not in out
    assert not session.log.exists()


def test_ctrl_c_stops_cleanly_with_exit_2(start: Callable[..., Session]) -> None:
    session = start("decide", "--no-log", lang="nl")
    session.prompt("topic")
    session.child.sendintr()
    status, out = session.end()
    assert status == 2, out
    assert "allocator: gestopt voordat de zaak volledig was" in out
    assert "Traceback" not in out


# --------------------------------------------------------------------------- matching an answer

TOPICS = [
    Choice(1, "terrorism", "Terrorisme"),
    Choice(2, "espionage", "Spionage"),
    Choice(3, "terrorism-financing", "Financiering van terrorisme"),
]
TARGETS = [
    Choice(1, "defence", "Défense"),
    Choice(2, "defence-industry", "Industrie de défense"),
    Choice(3, "government", "Pouvoirs publics"),
]
FLAGS = [
    Choice(1, "imminent", "Imminent threat"),
    Choice(2, "financial-component", "Financial component"),
    Choice(3, "cyber-component", "Cyber component"),
    Choice(4, "disputed", "Lead disputed"),
    Choice(5, "un-sanctions", "Financial sanctions (UN)"),
]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("2", ["espionage"]),  # a number
        (" 3 ", ["terrorism-financing"]),
        ("4", []),  # past the end
        ("0", []),
        ("ESPIONAGE", ["espionage"]),  # an id in any case
        ("terrorism", ["terrorism"]),  # an exact id wins over the ids it starts
        ("Terrorisme", ["terrorism"]),  # so does an exact label
        ("terr", ["terrorism", "terrorism-financing"]),  # ambiguous: every candidate, in order
        ("spio", ["espionage"]),  # the start of a label
        ("financiering VAN", ["terrorism-financing"]),
        ("terrorism_fin", ["terrorism-financing"]),  # separators aside
        ("", []),
        ("   ", []),
        ("sabotage", []),
    ],
)
def test_candidates_of_an_answer(answer: str, expected: list[str]) -> None:
    assert candidates(answer, TOPICS) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("defe", ["defence", "defence-industry"]),
        ("Défense", ["defence"]),  # the exact label, accent and all
        ("defense", ["defence"]),  # …or without its accent
        ("DÉFENSE", ["defence"]),
        ("indus", ["defence-industry"]),
        ("pouvoirs", ["government"]),
        ("pouvoirs publics", ["government"]),
    ],
)
def test_accents_and_case_do_not_matter(answer: str, expected: list[str]) -> None:
    assert candidates(answer, TARGETS) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("", []),
        ("1,3", [("1", ["imminent"]), ("3", ["cyber-component"])]),
        ("1 3", [("1", ["imminent"]), ("3", ["cyber-component"])]),
        ("1, 3;4", [("1", ["imminent"]), ("3", ["cyber-component"]), ("4", ["disputed"])]),
        ("imminent, DISPUTED", [("imminent", ["imminent"]), ("DISPUTED", ["disputed"])]),
        ("Imminent threat", [("Imminent threat", ["imminent"])]),  # a label of two words
        ("imm lead", [("imm", ["imminent"]), ("lead", ["disputed"])]),
        ("fin", [("fin", ["financial-component", "un-sanctions"])]),  # ambiguous
        (
            "cyber fin",
            [("cyber", ["cyber-component"]), ("fin", ["financial-component", "un-sanctions"])],
        ),
        ("financial s", [("financial s", ["un-sanctions"])]),  # the start of a label of two words
        ("lead, dis", [("lead", ["disputed"]), ("dis", ["disputed"])]),
        ("i, c", [("i", ["imminent"]), ("c", ["cyber-component"])]),
        ("comp", [("comp", [])]),  # a word inside a label is not its start
        ("imminent-threat", [("imminent-threat", ["imminent"])]),
        ("1 zzz", [("1", ["imminent"]), ("zzz", [])]),
    ],
)
def test_select_reads_several_answers_on_one_line(
    answer: str, expected: list[tuple[str, list[str]]]
) -> None:
    assert select(answer, FLAGS) == expected


def test_fold_compares_as_a_reader_would() -> None:
    assert fold("  Défense ") == "defense"
    assert fold("Military_site") == fold("military site") == "military-site"
    assert fold("Belges à l’étranger") == fold("belges a l'etranger")
    assert fold("Ǆ") == "dz"  # compatibility forms, case folding, marks dropped


def test_matching_by_labels_in_any_language() -> None:
    names = {"company": ("Onderneming", "Entreprise", "Company"), "unknown": ("Onbekend",)}
    assert matching("onder", names) == ["company"]
    assert matching("ENTREP", names) == ["company"]
    assert matching("on", names) == ["company", "unknown"]
    assert suggest("Ondernemng", list(names), names) == "company"  # a typo in a label
    assert suggest("Terrorism", ["terrorism", "espionage"]) == "terrorism"


def test_the_next_time_command_line_has_target_and_flags() -> None:
    data = {
        "topic": "terrorism",
        "location": "belgium",
        "actor": "lone-actor",
        "target": "government",
        "flags": ["imminent", "disputed"],
    }
    assert command_line(data) == (
        "allocator decide --topic terrorism --location belgium --actor lone-actor "
        "--target government --flag imminent --flag disputed"
    )
    assert command_line(data, ["--ref", "A B"]).endswith("--flag disputed --ref 'A B'")
    assert "--target" not in command_line({**data, "target": "unspecified"})


# --------------------------------------------------------------------------- the command line


def test_an_id_in_another_case_is_refused_with_the_id_meant() -> None:
    result = run_cli(
        ["decide", "--no-log", "--topic", "Terrorism", "--location", "belgium", "--actor", "x"],
        EN,
    )
    assert result.exit_code == 2
    assert "unknown topic `Terrorism`\n  help: did you mean `terrorism`?" in result.stderr
    assert "unknown actor `x`" in result.stderr


def test_the_start_of_several_ids_lists_them_all() -> None:
    args = ["decide", "--no-log", "--topic", "terr", "--location", "belgium"]
    result = run_cli([*args, "--actor", "lone-actor"], EN)
    assert result.exit_code == 2
    assert "help: `terr` could be: terrorism, terrorism-financing\n" in result.stderr


def test_a_label_is_not_an_id_but_names_it() -> None:
    args = ["decide", "--no-log", "--topic", "espionage", "--location", "belgium"]
    result = run_cli(["--lang", "nl", *args, "--actor", "Onderneming"], EN)
    assert result.exit_code == 2
    assert "onbekende actor `Onderneming`\n  hulp: bedoelde u `company`?" in result.stderr


def test_a_missing_attribute_without_a_terminal_lists_the_valid_values() -> None:
    result = run_cli(["decide", "--no-log", "--topic", "terrorism", "--location", "belgium"], EN)
    assert result.exit_code == 2
    assert (
        "missing actor: give `--actor`\n  help: valid actors: foreign-intelligence-service, "
        "foreign-military, state-proxy"
    ) in result.stderr


def test_the_installed_command_says_the_same_without_a_terminal() -> None:
    """The fast path hands an invalid case to the full path: one message, however it is run."""
    for args in (
        ["decide", "--no-log", "--topic", "Terrorism", "--location", "belgium", "--actor", "x"],
        ["decide", "--no-log", "--topic", "terrorism", "--location", "belgium"],
    ):
        done = subprocess.run(
            [EXE, *args],
            input="",
            capture_output=True,
            text=True,
            env={**os.environ, **EN},
            check=False,
        )
        assert done.returncode == 2
        assert done.stderr == run_cli(args, EN).stderr


# --------------------------------------------------------------------------- grammar per kind

GRAMMAR = {
    ("unknown-case-value", "topic"): {
        "en": "unknown topic `x`",
        "nl": "onbekend onderwerp `x`",
        "fr": "thème inconnu `x`",
    },
    ("unknown-case-value", "location"): {
        "en": "unknown location `x`",
        "nl": "onbekende locatie `x`",
        "fr": "lieu inconnu `x`",
    },
    ("unknown-case-value", "target"): {
        "en": "unknown target `x`",
        "nl": "onbekend doelwit `x`",
        "fr": "cible inconnue `x`",
    },
    ("unknown-id", "mechanism"): {
        "en": "unknown consultation mechanism `x`",
        "nl": "onbekend overlegmechanisme `x`",
        "fr": "mécanisme de concertation inconnu `x`",
    },
}


@pytest.mark.parametrize(("code", "kind"), list(GRAMMAR))
def test_the_message_agrees_with_the_kind(code: str, kind: str) -> None:
    problem = Problem(code, {"kind": kind, "value": "x"})
    assert {lang: problem.message(lang) for lang in LANGS} == GRAMMAR[code, kind]


def test_missing_attributes_in_each_language() -> None:
    problem = Problem("missing-attribute", {"kind": "location", "option": "--location"})
    assert problem.message("nl") == "geen locatie opgegeven: gebruik `--location`"
    assert problem.message("fr") == "lieu manquant : indiquez `--location`"


def test_a_missing_attribute_is_named_as_the_caller_gives_it() -> None:
    """The command line says its option; a batch line, the service and the library, the key of
    the case they give."""
    with Allocator.from_directory(SHIPPED) as allocator, pytest.raises(CaseError) as missing:
        allocator.decide({"topic": "terrorism", "location": "belgium"})
    assert missing.value.render("en").startswith("missing actor: give `actor`\n")
    assert (
        missing.value.with_options()
        .render("nl")
        .startswith("geen actor opgegeven: gebruik `--actor`\n")
    )
    line = run_cli(
        ["batch", "--no-log"], EN, input='{"topic": "terrorism", "location": "belgium"}\n'
    )
    assert "missing actor: give `actor`" in line.stdout
    assert "--actor" not in line.stdout


@pytest.mark.parametrize("lang", LANGS)
def test_no_message_hedges_its_grammar(lang: str) -> None:
    """No "Welk(e)", "inconnu(e)": each kind its own words, in every language."""
    texts = [
        Problem(code, {"kind": kind, "value": "x", "option": "o"}).message(lang)
        for code in ("unknown-case-value", "unknown-id", "missing-attribute")
        for kind in LIST_KIND.values()
    ]
    texts += [t(f"guided-which-{a}", lang) for a in ("topic", "location", "actor", "target")]
    assert not [text for text in texts if "(e)" in text or "(le)" in text], texts


def test_the_help_line_for_the_start_of_several_ids() -> None:
    hint = unknown_hint("terr", ["terrorism", "espionage", "terrorism-financing"], "topic")
    assert hint.render("en") == "`terr` could be: terrorism, terrorism-financing"
    assert hint.render("fr") == "`terr` peut désigner : terrorism, terrorism-financing"
