"""The competence matrix: who leads, for every value of two axes, as a table, CSV, JSON or one HTML page."""

from __future__ import annotations

import csv
import html
import io
import itertools
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from allocator.desk.service import Allocator
from allocator.engine.explain import competence_explained
from allocator.i18n import DEFAULT_LANG, kind_name, number, sanitize, t, tn
from allocator.load.files import default_rules_dir
from allocator.load.revisions import open_rules
from allocator.model import ATTRIBUTES, CASE_ATTRIBUTES, DEFAULT_TARGET, Case, Decision, Policy
from allocator.staff.diff import Labels

#: The attributes a matrix can put on its rows and columns, or fix.
AXES = ATTRIBUTES
#: What a cell shows: the lead, or the competence (which services, and who leads where both are).
VIEWS = ("lead", "competence")


#: What `matrix --diff` marks a changed cell with in the text table.
CHANGED_MARK = "*"


@dataclass
class Cell:
    row: str
    column: str
    decisions: list[Decision] = field(default_factory=list)
    view: str = "lead"
    #: With `--diff OLD`: the decision of each case under OLD, in the order of `decisions`; None
    #: for a case OLD cannot describe (a value its vocabulary lacks).
    before: list[Decision | None] | None = None

    def value(self, decision: Decision) -> str:
        """What the cell shows of one decision: its lead (or outcome), or its competence."""
        return _competence(decision) if self.view == "competence" else decision.lead_or_outcome

    def outcomes(self) -> Counter[str]:
        return Counter(self.value(d) for d in self.decisions)

    def cases_changed(self) -> int:
        """How many cases of the cell show another value than under OLD (0 without --diff)."""
        if self.before is None:
            return 0
        return sum(
            1
            for now, then in zip(self.decisions, self.before, strict=True)
            if then is None or self.value(then) != self.value(now)
        )

    def before_summary(self, names: Names | None = None) -> str | None:
        """The summary the cell had under OLD (of the cases OLD can describe); None if none."""
        known = [d for d in self.before or [] if d is not None]
        return Cell(self.row, self.column, known, self.view).summary(names) if known else None

    def summary(self, names: Names | None = None) -> str:
        """`VSSE`, or `ADIV/VSSE` when the cases of the cell disagree (most frequent first): in
        CSV and JSON as here, for a person with the `names` of one language (`SGRS/VSSE`)."""
        return "/".join((names or _short)(name) for name, _ in self.ranked())

    def kind(self) -> str:
        counts = self.outcomes()
        return _kind(next(iter(counts))) if len(counts) == 1 else "mixed"

    def ranked(self) -> list[tuple[str, int]]:
        """The values of the cell with how many cases have each, most frequent first."""
        return sorted(self.outcomes().items(), key=lambda kv: (-kv[1], kv[0]))

    def stripes(self) -> str:
        """A mixed cell's background: one band per value, as wide as its share of the cases."""
        ranked = self.ranked()
        total = sum(n for _, n in ranked)
        bands, start = [], 0.0
        for name, count in ranked:
            end = start + 100 * count / total
            colour = f"var(--{_kind(name) if _kind(name) in _COLOURS else 'alert'})"
            bands.append(f"{colour} {start:.1f}% {end:.1f}%")
            start = end
        return f"background: linear-gradient(90deg, {', '.join(bands)})"


def _competence(decision: Decision) -> str:
    """`adiv` or `vsse` (exclusive), `none`, or `shared-<lead>` where both services are competent."""
    if decision.competence == "shared":
        return f"shared-{decision.lead_or_outcome}"
    return decision.competent[0] if decision.competent else "none"


def _short(outcome: str) -> str:
    """A cell value as CSV and JSON write it, the same in every language: `ADIV`, `both→VSSE`."""
    if outcome.startswith("shared-"):
        return f"both→{_short(outcome[7:])}"
    return {
        "adiv": "ADIV",
        "vsse": "VSSE",
        "none": "none",
        "gap": "GAP",
        "conflict": "CONFLICT",
    }.get(outcome, outcome)


#: How a cell names one value of its cases (`_short`, or `Names` for a person).
Names = Callable[[str], str]


def names_in(policy: Policy, lang: str) -> Names:
    """A cell value as a person reads it in `lang`: a service by the abbreviation of its label in
    that language (ADIV is `SGRS` in French), `none`, the alerts and `both→X` in words."""
    vocabulary = policy.vocabulary

    def name(outcome: str) -> str:
        if outcome.startswith("shared-"):
            return t("matrix-both", lang, lead=name(outcome[7:]))
        if outcome == "none":
            return t("matrix-none", lang)
        if outcome == "gap":
            return t("matrix-gap", lang)
        if outcome == "conflict":
            return t("matrix-conflict", lang)
        return vocabulary.short_label("services", outcome, lang)

    return name


#: The values that have a colour of their own (the others are alerts: gap, conflict).
_COLOURS = ("adiv", "vsse", "none", "shared")


def _kind(key: str) -> str:
    """The colour class of one cell value: the lead, or `shared` for both services competent."""
    return "shared" if key.startswith("shared-") else key


@dataclass
class Baseline:
    """The rule set a matrix is compared with (`matrix --diff OLD`)."""

    label: str
    fingerprint: str


@dataclass
class Matrix:
    policy: Policy
    rows: str
    columns: str
    fixed: dict[str, Any]
    varying: list[str]
    row_values: tuple[str, ...]
    column_values: tuple[str, ...]
    cells: dict[tuple[str, str], Cell]
    view: str = "lead"
    baseline: Baseline | None = None

    def cell(self, row: str, column: str) -> Cell:
        return self.cells[(row, column)]

    def changed_cells(self) -> list[Cell]:
        """The cells whose answer changed since the baseline, row by row."""
        return [
            self.cell(row, column)
            for row in self.row_values
            for column in self.column_values
            if self.cell(row, column).cases_changed()
        ]

    def cell_name(self, cell: Cell, lang: str) -> str:
        labels = Labels(lang, self.policy.vocabulary)
        return (
            f"{labels(CASE_ATTRIBUTES[self.rows], cell.row)}"
            f" · {labels(CASE_ATTRIBUTES[self.columns], cell.column)}"
        )


def build_matrix(
    allocator: Allocator,
    rows: str = "topic",
    columns: str = "location",
    fixed: dict[str, Any] | None = None,
    view: str = "lead",
) -> Matrix:
    """Decide every case of the slice: rows x columns x every value of the axes not fixed."""
    policy = allocator.policy
    vocabulary = policy.vocabulary
    fixed = dict(fixed or {})
    fixed.setdefault("flags", [])
    if rows not in {"target"} and columns not in {"target"}:
        fixed.setdefault("target", DEFAULT_TARGET)
    varying = [axis for axis in AXES if axis not in {rows, columns} and axis not in fixed]
    row_values = vocabulary.ids(CASE_ATTRIBUTES[rows])
    column_values = vocabulary.ids(CASE_ATTRIBUTES[columns])
    cells: dict[tuple[str, str], Cell] = {}
    for row, column in itertools.product(row_values, column_values):
        cell = Cell(row, column, view=view)
        for combination in itertools.product(
            *(vocabulary.ids(CASE_ATTRIBUTES[a]) for a in varying)
        ):
            case = {
                **fixed,
                rows: row,
                columns: column,
                **dict(zip(varying, combination, strict=True)),
            }
            cell.decisions.append(allocator.decide(case))
        cells[(row, column)] = cell
    return Matrix(policy, rows, columns, fixed, varying, row_values, column_values, cells, view)


def _describable(case: Case, policy: Policy) -> bool:
    """Whether every value of `case` is in the vocabulary of `policy`."""
    ids = policy.vocabulary.case_ids
    return (
        case.topic in ids["topic"]
        and case.location in ids["location"]
        and case.actor in ids["actor"]
        and case.target in ids["target"]
        and all(flag in ids["flags"] for flag in case.flags)
    )


def compare_matrix(matrix: Matrix, old: Allocator, label: str) -> Matrix:
    """Decide every case of `matrix` again under `old` too, so each cell knows what it was."""
    for cell in matrix.cells.values():
        cell.before = [
            old.decide(d.case) if _describable(d.case, old.policy) else None for d in cell.decisions
        ]
    matrix.baseline = Baseline(label, old.policy.fingerprint)
    return matrix


def open_baseline(spec: str, rules_dir: Path | None = None) -> tuple[Allocator, str]:
    """The rule set OLD of `matrix --diff OLD` (a rules directory, or a git revision of the
    checkout holding the rules in force), ready to decide, and its label."""
    source = open_rules(spec, rules_dir or default_rules_dir())
    try:
        policy = source.load()
    finally:
        source.close()
    return Allocator(policy), source.label


def _slice_text(matrix: Matrix, lang: str) -> str:
    """The cases of each cell: `target: Unspecified; no flags; each cell covers all actors`."""
    colon = t("colon", lang)
    parts = []
    for axis in AXES:
        if axis in matrix.fixed:
            label = _label(matrix.policy, axis, matrix.fixed[axis], lang)
            parts.append(f"{t(f'kind-{axis}', lang)}{colon} {label}")
    flags = [_label(matrix.policy, "flags", flag, lang) for flag in matrix.fixed.get("flags", [])]
    if flags:
        parts.append(f"{t('kind-flags', lang)}{colon} {', '.join(flags)}")
    else:
        parts.append(t("no-flags", lang))
    if matrix.varying:
        axes = [kind_name(axis, lang, plural=True) for axis in matrix.varying]
        joined = (
            axes[0]
            if len(axes) == 1
            else f"{', '.join(axes[:-1])} {t('word-and', lang)} {axes[-1]}"
        )
        parts.append(t("matrix-varying", lang, axes=joined))
    return (t("semicolon", lang) + " ").join(parts)


# --------------------------------------------------------------------------- text, CSV, JSON


def _marked(cell: Cell, names: Names) -> str:
    """The summary of a cell, with the mark of a changed one."""
    return cell.summary(names) + (CHANGED_MARK if cell.cases_changed() else "")


def _change_text(matrix: Matrix, cell: Cell, lang: str) -> str:
    """`Terrorism (terrorism) · Military site (military-site): was VSSE/ADIV, now ADIV (2 cases of
    13 changed)`."""
    names = names_in(matrix.policy, lang)
    before = cell.before_summary(names) or t("matrix-diff-new", lang)
    text = t(
        "matrix-diff-cell",
        lang,
        cell=matrix.cell_name(cell, lang),
        before=before,
        after=cell.summary(names),
    )
    if len(cell.decisions) > 1:
        changed = tn(
            "matrix-diff-cases", cell.cases_changed(), lang, total=number(len(cell.decisions), lang)
        )
        text += f" ({changed})"
    return text


def _diff_text(matrix: Matrix, lang: str) -> list[str]:
    """The legend of the mark and every changed cell, before and after (with --diff)."""
    baseline = matrix.baseline
    if baseline is None:
        return []
    old, fingerprint = baseline.label, baseline.fingerprint[:19]
    changed = matrix.changed_cells()
    if not changed:
        return [t("matrix-diff-none", lang, old=old, fingerprint=fingerprint)]
    return [
        t("matrix-diff-legend", lang, mark=CHANGED_MARK, old=old, fingerprint=fingerprint),
        "",
        tn("matrix-diff-cells", len(changed), lang, old=old),
        *(f"  {_change_text(matrix, cell, lang)}" for cell in changed),
        "",
    ]


def matrix_text(matrix: Matrix, lang: str = DEFAULT_LANG) -> str:
    names = names_in(matrix.policy, lang)
    corner = f"{t(f'kind-{matrix.rows}', lang)} \\ {t(f'kind-{matrix.columns}', lang)}"
    header = [corner, *matrix.column_values]
    body = [
        [row, *(_marked(matrix.cell(row, column), names) for column in matrix.column_values)]
        for row in matrix.row_values
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    lines = [t(f"matrix-title-{matrix.view}", lang), _slice_text(matrix, lang), ""]
    for line in [header, *body]:
        lines.append("  ".join(text.ljust(widths[i]) for i, text in enumerate(line)).rstrip())
    lines += [
        "",
        _legend_text(matrix, names, lang),
        *_diff_text(matrix, lang),
        f"{t('heading-ruleset', lang)}{t('colon', lang)} {matrix.policy.fingerprint}",
    ]
    return sanitize("\n".join(lines))


def _legend_text(matrix: Matrix, names: Names, lang: str) -> str:
    """What the values of the cells mean, written with the names the cells use."""
    words = {
        "adiv": names("adiv"),
        "vsse": names("vsse"),
        "none": names("none"),
        "gap": names("gap"),
        "conflict": names("conflict"),
        "both": t("matrix-both", lang, lead="X"),
    }
    return t(f"matrix-legend-text-{matrix.view}", lang, **words)


def matrix_csv(matrix: Matrix) -> str:
    """The matrix as a grid; with --diff, one line per cell: its value, whether it changed and
    what it was (a grid has no room for the two)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if matrix.baseline is not None:
        writer.writerow([matrix.rows, matrix.columns, matrix.view, "changed", "before"])
        for row, column in itertools.product(matrix.row_values, matrix.column_values):
            cell = matrix.cell(row, column)
            changed = cell.cases_changed()
            before = cell.before_summary() or ""
            writer.writerow([row, column, cell.summary(), "yes" if changed else "no", before])
        return out.getvalue()
    writer.writerow([f"{matrix.rows}\\{matrix.columns}", *matrix.column_values])
    for row in matrix.row_values:
        writer.writerow(
            [row, *(matrix.cell(row, column).summary() for column in matrix.column_values)]
        )
    return out.getvalue()


def _decision_record(decision: Decision, varying: list[str]) -> dict[str, Any]:
    return {
        **{axis: getattr(decision.case, axis) for axis in varying},
        "outcome": decision.outcome,
        "lead": decision.lead,
        "competent": list(decision.competent),
        "competence": decision.competence,
        "criterion": list(decision.lead_rules),
        "partners": list(decision.partners),
        "consultation": list(decision.consultation),
        "rules": list(decision.rules),
    }


def _before_record(decision: Decision | None) -> dict[str, Any] | None:
    """What a case was under OLD (--diff): what a cell shows of it; None if OLD lacks a value."""
    if decision is None:
        return None
    return {
        "outcome": decision.outcome,
        "lead": decision.lead,
        "competent": list(decision.competent),
        "competence": decision.competence,
    }


def _cell_json(matrix: Matrix, cell: Cell) -> dict[str, Any]:
    decisions = [_decision_record(d, matrix.varying) for d in cell.decisions]
    document: dict[str, Any] = {
        "row": cell.row,
        "column": cell.column,
        "summary": cell.summary(),
        "outcomes": dict(cell.outcomes()),
        "decisions": decisions,
    }
    if cell.before is not None:
        changed = cell.cases_changed()
        document.update(
            changed=bool(changed),
            before=cell.before_summary(),
            cases_changed=changed,
        )
        for record, before in zip(decisions, cell.before, strict=True):
            record["before"] = _before_record(before)
    return document


def matrix_json(matrix: Matrix) -> dict[str, Any]:
    document: dict[str, Any] = {
        "rows": matrix.rows,
        "columns": matrix.columns,
        "slice": matrix.fixed,
        "varying": matrix.varying,
        "view": matrix.view,
        "ruleset": matrix.policy.fingerprint,
    }
    if matrix.baseline is not None:
        document["diff"] = {
            "old": matrix.baseline.label,
            "ruleset": matrix.baseline.fingerprint,
            "cells_changed": len(matrix.changed_cells()),
        }
    document["cells"] = [
        _cell_json(matrix, matrix.cell(row, column))
        for row, column in itertools.product(matrix.row_values, matrix.column_values)
    ]
    return document


# --------------------------------------------------------------------------- HTML

_CSS = """
:root { --adiv: #2f6b3a; --vsse: #23507a; --none: #6b6b6b; --alert: #b3261e; --shared: #6a3d8f; }
* { box-sizing: border-box; }
body { font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px; color: #1b1b1b; }
h1 { font-size: 22px; margin: 0 0 4px; }
.meta { color: #555; margin: 0 0 16px; font-size: 13px; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; margin: 0 0 16px; font-size: 13px; }
.legend span { display: inline-flex; align-items: center; gap: 6px; }
.swatch { width: 16px; height: 16px; border-radius: 3px; display: inline-block; }
.layout { display: flex; gap: 24px; align-items: flex-start; }
table { border-collapse: separate; border-spacing: 3px; }
th { font-weight: 600; font-size: 12px; text-align: left; padding: 4px 6px; vertical-align: bottom; }
thead th { max-width: 110px; }
tbody th { white-space: nowrap; }
td { padding: 0; }
td button { width: 100%; min-width: 92px; max-width: 150px; min-height: 44px; border: 0; border-radius: 4px; color: #fff; font-family: inherit; font-weight: 600; font-size: 13px; line-height: 1.2; cursor: pointer; padding: 4px 6px; overflow-wrap: anywhere; text-shadow: 0 0 2px rgba(0,0,0,.6); }
td button small { display: block; font-weight: 400; opacity: .9; font-size: 11px; }
td button:focus-visible, td button.selected { outline: 3px solid #f2b705; outline-offset: 1px; }
.k-adiv { background: var(--adiv); } .k-vsse { background: var(--vsse); } .k-none { background: var(--none); }
.k-shared { background: var(--shared); }
.k-gap, .k-conflict { background: var(--alert); }
.k-mixed { background: repeating-linear-gradient(135deg, var(--adiv) 0 10px, var(--vsse) 10px 20px); }
#details { position: sticky; top: 16px; width: 360px; border: 1px solid #ccc; border-radius: 6px; padding: 12px 14px; font-size: 13px; }
#details h2 { font-size: 16px; margin: 0 0 8px; }
#details dt { font-weight: 600; margin-top: 8px; }
#details dd { margin: 2px 0 0; }
#details ul { margin: 2px 0; padding-left: 18px; }
.case { border-top: 1px solid #ddd; margin-top: 8px; padding-top: 6px; }
td button.changed, .swatch.changed { box-shadow: inset 0 0 0 3px #fff, inset 0 0 0 5px #1b1b1b; }
.swatch.changed { background: #bbb; }
td button small.was { font-style: italic; font-weight: 600; opacity: 1; }
.case.changed { border-left: 4px solid #1b1b1b; padding-left: 6px; }
@media print { #details { display: none; } body { margin: 8mm; } }
"""

_SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById('matrix-data').textContent);
  var panel = document.getElementById('details');
  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }
  function list(items, labels) {
    if (!items.length) return el('span', data.words.none);
    var ul = el('ul');
    items.forEach(function (id) { ul.appendChild(el('li', labels[id] ? labels[id] + ' (' + id + ')' : id)); });
    return ul;
  }
  function show(button) {
    document.querySelectorAll('td button.selected').forEach(function (b) { b.classList.remove('selected'); });
    button.classList.add('selected');
    var cell = data.cells[button.dataset.cell];
    panel.replaceChildren();
    panel.appendChild(el('h2', cell.title));
    cell.decisions.forEach(function (d) {
      var box = el('div'); box.className = d.before ? 'case changed' : 'case';
      if (d.varying) box.appendChild(el('strong', d.varying));
      var dl = el('dl');
      var rows = [[data.words.lead, el('span', d.lead)], [data.words.competence, el('span', d.competence)]];
      if (d.before) rows.splice(data.view === 'competence' ? 2 : 1, 0, [data.words.before, el('span', d.before)]);
      rows.concat([[data.words.partners, list(d.partners, data.labels)],
       [data.words.consultation, list(d.consultation, data.labels)], [data.words.rules, list(d.rules, {})]])
        .forEach(function (pair) { dl.appendChild(el('dt', pair[0])); var dd = el('dd'); dd.appendChild(pair[1]); dl.appendChild(dd); });
      box.appendChild(dl);
      panel.appendChild(box);
    });
  }
  document.querySelectorAll('td button').forEach(function (button) {
    button.addEventListener('click', function () { show(button); history.replaceState(null, '', '#' + button.id); });
  });
  var linked = location.hash && document.getElementById(location.hash.slice(1));
  if (linked && linked.dataset.cell !== undefined) show(linked);
})();
"""


def _label(policy: Policy, axis: str, value: str, lang: str) -> str:
    return policy.vocabulary.label(CASE_ATTRIBUTES[axis], value, lang)


def _sanitized(value: Any) -> Any:
    """Every text in `value` (dicts and lists walked) sanitised."""
    if isinstance(value, str):
        return sanitize(value)
    if isinstance(value, dict):
        return {key: _sanitized(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_sanitized(item) for item in value]
    return value


def matrix_html(matrix: Matrix, lang: str = DEFAULT_LANG) -> str:
    """One self-contained page (no external resource): the matrix coloured by lead, details on click."""
    policy = matrix.policy
    vocabulary = policy.vocabulary

    def esc(text: str) -> str:
        """Text for the page: markup escaped, and no invisible character (a bidi override such as
        U+202E in a label would reorder what follows it) shown but as its escape (`\\u202e`)."""
        return html.escape(sanitize(text))

    labels = {
        term.id: term.label.get(lang)
        for name in ("partners", "services", "mechanisms")
        for term in getattr(vocabulary, name)
    }
    names = names_in(policy, lang)
    lead_names = {
        "adiv": labels.get("adiv", "ADIV"),
        "vsse": labels.get("vsse", "VSSE"),
        "none": t("lead-none", lang),
    }
    baseline = matrix.baseline

    def was(before: Decision | None) -> str:
        """What a case was under OLD, as the cell shows it: its lead, or its competence."""
        if before is None:
            return t("matrix-diff-new", lang)
        if matrix.view == "competence":
            return names(_competence(before))
        outcome = before.lead_or_outcome
        return str(lead_names.get(outcome, names(outcome)))

    cells_data: list[dict[str, Any]] = []
    rows_html = []
    for row in matrix.row_values:
        tds = []
        for column in matrix.column_values:
            cell = matrix.cell(row, column)
            index = len(cells_data)
            decisions = []
            befores = cell.before or [None] * len(cell.decisions)
            for decision, before in zip(cell.decisions, befores, strict=True):
                varying = ", ".join(
                    f"{_label(policy, axis, getattr(decision.case, axis), lang)}"
                    for axis in matrix.varying
                )
                outcome = decision.lead_or_outcome
                record = {
                    "varying": varying,
                    "lead": lead_names.get(outcome, names(outcome)),
                    "competence": competence_explained(policy, decision, lang)["text"],
                    "partners": list(decision.partners),
                    "consultation": list(decision.consultation),
                    "rules": list(decision.rules),
                }
                if cell.before is not None and (
                    before is None or cell.value(before) != cell.value(decision)
                ):
                    record["before"] = was(before)
                decisions.append(record)
            title = f"{_label(policy, matrix.rows, row, lang)} · {_label(policy, matrix.columns, column, lang)}"
            cells_data.append({"title": title, "decisions": decisions})
            first = cell.decisions[0]
            leads = Cell(row, column, cell.decisions, "lead").summary(names)
            competence = Cell(row, column, cell.decisions, "competence").summary(names)
            colon = t("colon", lang)
            tip = [
                title,
                f"{t('heading-lead', lang)}{colon} {leads}",
                f"{t('heading-competence', lang)}{colon} {competence}",
            ]
            if len(cell.decisions) == 1:
                partners = ", ".join(labels.get(p, p) for p in first.partners)
                channels = ", ".join(labels.get(m, m) for m in first.consultation)
                tip += [
                    f"{t('heading-partners', lang)}{colon} {partners or t('no-partners', lang)}",
                    f"{t('heading-consultation', lang)}{colon} {channels or t('no-partners', lang)}",
                    f"{t('heading-rules', lang)}{colon} {', '.join(first.rules)}",
                ]
            else:
                tip.append(t("matrix-click", lang))
            changed = cell.cases_changed()
            was_text = ""
            if baseline is not None and changed:
                before_summary = cell.before_summary(names) or t("matrix-diff-new", lang)
                tip.append(t("matrix-diff-before", lang, old=baseline.label, before=before_summary))
                if len(cell.decisions) > 1:
                    total = number(len(cell.decisions), lang)
                    tip.append(tn("matrix-diff-cases", changed, lang, total=total))
                was_text = t("matrix-diff-was", lang, before=before_summary)
            tooltip = "\n".join(tip)
            counts = cell.outcomes()
            if len(counts) > 1:
                ranked = cell.ranked()
                extra = tn(
                    "matrix-cases",
                    sum(n for _, n in ranked),
                    lang,
                    cases="/".join(number(n, lang) for _, n in ranked),
                )
            elif len(cell.decisions) > 1:
                cases = len(cell.decisions)
                extra = tn("matrix-cases", cases, lang, cases=number(cases, lang))
            else:
                partners = tn("matrix-partners", len(first.partners), lang)
                channels = tn("matrix-channels", len(first.consultation), lang)
                extra = f"{partners} · {channels}"
            style = f' style="{esc(cell.stripes())}"' if cell.kind() == "mixed" else ""
            text = esc(cell.summary(names)).replace("/", "/<wbr>")
            classes = f"k-{esc(cell.kind())}" + (" changed" if was_text else "")
            was_html = f'<small class="was">{esc(was_text)}</small>' if was_text else ""
            tds.append(
                f'<td><button type="button" id="cell-{index}" class="{classes}"{style} data-cell="{index}" title="{esc(tooltip)}">'
                f"{text}<small>{esc(extra)}</small>{was_html}</button></td>"
            )
        rows_html.append(
            f'<tr><th scope="row">{esc(_label(policy, matrix.rows, row, lang))}</th>{"".join(tds)}</tr>'
        )
    header = "".join(
        f'<th scope="col">{esc(_label(policy, matrix.columns, c, lang))}</th>'
        for c in matrix.column_values
    )
    payload = {
        "view": matrix.view,
        "cells": cells_data,
        "labels": labels,
        "words": {
            "lead": t("heading-lead", lang),
            "competence": t("heading-competence", lang),
            "partners": t("heading-partners", lang),
            "consultation": t("heading-consultation", lang),
            "rules": t("heading-rules", lang),
            "none": t("no-partners", lang),
            "before": t("matrix-diff-before-word", lang),
        },
    }
    # JSON inside <script>: escape "<" so no label can close the element or open a comment; the
    # texts are sanitised too, the page shows them (textContent) as they are.
    data = (
        json.dumps(_sanitized(payload), ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    if matrix.view == "competence":
        entries = (
            ("adiv", t("competence-exclusive", lang, service=labels.get("adiv", "ADIV"))),
            ("vsse", t("competence-exclusive", lang, service=labels.get("vsse", "VSSE"))),
            ("shared", t("matrix-legend-shared", lang, both=t("matrix-both", lang, lead="X"))),
            ("none", t("competence-none", lang)),
            ("mixed", t("matrix-legend-mixed", lang)),
        )
    else:
        entries = (
            ("adiv", labels.get("adiv", "ADIV")),
            ("vsse", labels.get("vsse", "VSSE")),
            ("none", t("lead-none", lang)),
            ("gap", t("matrix-legend-alert", lang)),
            ("mixed", t("matrix-legend-mixed", lang)),
        )
    legend = "".join(
        f'<span><i class="swatch k-{kind}"></i>{esc(text)}</span>' for kind, text in entries
    )
    meta = f"{_slice_text(matrix, lang)} · {t('heading-ruleset', lang)} {policy.fingerprint}"
    if baseline is not None:
        changed_legend = t("matrix-diff-legend-html", lang, old=baseline.label)
        legend += f'<span><i class="swatch changed"></i>{esc(changed_legend)}</span>'
        meta += " · " + t(
            "matrix-diff-compared", lang, old=baseline.label, fingerprint=baseline.fingerprint
        )
        if not matrix.changed_cells():
            meta += " · " + t(
                "matrix-diff-none", lang, old=baseline.label, fingerprint=baseline.fingerprint[:19]
            )
    title = t(f"matrix-title-{matrix.view}", lang)
    return f"""<!DOCTYPE html>
<html lang="{esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{esc(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{esc(title)}</h1>
<p class="meta">{esc(meta)}</p>
<div class="legend">{legend}</div>
<div class="layout">
<table>
<thead><tr><th>{esc(t(f"kind-{matrix.rows}", lang))} \\ {esc(t(f"kind-{matrix.columns}", lang))}</th>{header}</tr></thead>
<tbody>
{chr(10).join(rows_html)}
</tbody>
</table>
<aside id="details" aria-live="polite"><p>{esc(t("matrix-click", lang))}</p></aside>
</div>
<script type="application/json" id="matrix-data">{data}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""
