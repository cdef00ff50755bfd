"""The message keys `pybabel extract` cannot find in a t() or tn() call, listed here for it.

Most keys are written where they are shown, t("key", …) or tn("key", count, …), and Babel finds
them there. The others travel first, as the code of a Problem or an error, in a table, as a
severity (Problem("unknown-key", …) is rendered later by errors.localized); or are built at run
time (f"kind-{kind}"); or sit in a t() call inside an f-string, which Babel's extractor does
not see under Python 3.11. Each is listed here in N_() or, for a plural message, N_plural(), so
that the template allocator.pot holds every key and `pybabel update` keeps every translation.

A new key of that kind goes here; tests/test_translations.py checks that this list holds
exactly those keys (the comments say where they come from). Nothing imports this module at run
time.
"""

from __future__ import annotations


def N_(key: str) -> str:
    """A message key marked for extraction (gettext_noop)."""
    return key


def N_plural(key: str) -> str:
    """A plural message key marked for extraction: msgid and msgid_plural are the key."""
    return key


SINGULAR = (
    # cli/batch.py
    N_("batch-output-is-input"),
    N_("batch-output-is-log"),
    N_("batch-labels-need-csv"),
    N_("cannot-read-input"),
    # severities of a Problem (errors.py), shown as t(problem.severity)
    N_("info"),
    N_("warning"),
    # option_table.py: why free text (a case reference) is refused, for decide --ref and batch
    N_("ref-control-character"),
    N_("ref-too-long"),
    # cli/log.py
    N_("log-invalid-line"),
    N_("log-long-line"),
    N_("log-mistyped-line"),
    N_("log-partial-line"),
    # desk/batch.py
    N_("batch-bad-id"),
    N_("batch-id-too-long"),
    N_("batch-bad-type"),
    N_("batch-csv-header"),
    N_("batch-csv-no-header"),
    N_("batch-csv-row"),
    N_("batch-invalid-json"),
    N_("batch-json-duplicate-key"),
    N_("batch-json-number"),
    N_("batch-json-surrogate"),
    N_("batch-json-too-deep"),
    N_("batch-line-too-long-bytes"),
    N_("batch-not-object"),
    # desk/batch.py, load/cases.py
    N_("case-flag-not-text"),
    # desk/decision_log.py
    N_("log-failed"),
    N_("log-unreadable"),
    # desk/service.py
    N_("allocator-closed"),
    # engine/durable.py
    N_("engine-action-failed"),
    N_("engine-compile-failed"),
    N_("engine-failed"),
    # engine/plan.py
    N_("limit-case-lists-help"),
    N_("limit-conditions-help"),
    N_("limit-rule-facts-help"),
    # type names, errors.type_name() and the `expected` of wrong-type (load/problems.py, desk/batch.py)
    N_("type-boolean"),
    N_("type-decimal"),
    N_("type-list"),
    N_("type-mapping"),
    N_("type-nothing"),
    N_("type-number"),
    N_("type-text"),
    # load/cases.py, load/problems.py
    N_("case-invalid"),
    # load/files.py
    N_("no-rule-files"),
    N_("not-a-regular-file"),
    N_("rules-dir-missing"),
    N_("rules-dir-not-dir"),
    N_("rules-dir-unreadable"),
    N_("vocabulary-missing"),
    # load/files.py, load/yamlread.py
    N_("file-too-large"),
    N_("unreadable"),
    # load/problems.py
    N_("bad-id"),
    N_("bad-rule-id"),
    N_("empty-list"),
    N_("empty-text"),
    N_("invalid-value"),
    N_("missing-attribute"),
    N_("missing-key"),
    N_("top-not-mapping"),
    N_("type-text-or-list"),
    N_("unknown-key"),
    N_("wrong-type"),
    # load/problems.py, load/schemas.py
    N_("lead-without-priority"),
    N_("no-effect"),
    N_("priority-without-lead"),
    N_("unknown-case-value"),
    # load/problems.py, load/suggest.py
    N_("valid-values"),
    # load/revisions.py
    N_("not-rules-or-revision"),
    N_("revision-link-outside"),
    N_("revision-without-rules"),
    # load/rules.py
    N_("add-to-vocabulary"),
    N_("default-target-missing"),
    N_("duplicate-id"),
    N_("duplicate-rule-id"),
    N_("fact-never-derived"),
    N_("id-in-two-lists"),
    N_("negation-cycle"),
    N_("reserved-id"),
    N_("unknown-id"),
    # load/suggest.py
    N_("did-you-mean-valid"),
    # load/yamlread.py
    N_("alias"),
    N_("duplicate-key"),
    N_("empty-file"),
    N_("explicit-tag"),
    N_("key-not-text"),
    N_("not-utf8"),
    N_("too-deep"),
    N_("yaml-control-character"),
    N_("yaml-directive"),
    N_("yaml-syntax"),
    # render/text.py: headings of the answer passed to head() and field() (the others are in t() calls)
    N_("heading-case"),
    N_("heading-reference"),
    N_("heading-why"),
    # staff/check.py
    N_("dead-rule"),
    N_("gap-unnamed-help"),
    N_("missing-phrase"),
    N_("missing-phrase-help"),
    N_("never-competent"),
    N_("shadowed-help"),
    N_("unnamed-value"),
    N_("untranslated-help"),
    N_("untranslated-text"),
    N_("unused-fact"),
    N_("unused-id"),
    # staff/project.py
    N_("readme-example-drift"),
    N_("readme-example-help"),
    N_("stale-schema"),
    N_("stale-schema-help"),
    # staff/feature_layout.py
    N_("gherkin-syntax"),
    # serve/: error keys raised with AllocatorError and ArgumentError, and error records
    N_("serve-cannot-bind"),
    N_("serve-line-not-utf8"),
    N_("serve-open-without-tokens"),
    N_("serve-port-zero-workers"),
    N_("serve-stopping"),
    N_("serve-token-file-empty"),
    N_("serve-token-file-line"),
    N_("serve-token-file-not-file"),
    N_("serve-token-file-open"),
    N_("serve-token-file-unreadable"),
    N_("serve-token-repeated"),
    N_("serve-token-too-short"),
    # written in t() calls inside f-strings, which Babel's extractor reads only under Python 3.12+
    N_("aborted"),
    N_("error"),
    N_("guided-again"),
    N_("heading-ruleset"),
    N_("help"),
    N_("internal-error"),
    N_("kind-fact"),
    N_("kind-flags"),
    N_("label-basis"),
    N_("label-competent"),
    N_("no-counterfactual"),
    N_("output-failed"),
    N_("replay-inconsistent"),
    N_("replay-invalid"),
    N_("replay-other-ruleset"),
    N_("word-and"),
    N_("word-or"),
    N_("word-then"),
    # cli/guided.py: the question per attribute (guided.WHICH); guided-stopped in an f-string
    N_("guided-stopped"),
    N_("guided-which-actor"),
    N_("guided-which-flags"),
    N_("guided-which-location"),
    N_("guided-which-target"),
    N_("guided-which-topic"),
    # errors.PER_KIND: unknown-case-value, unknown-id and missing-attribute, written per kind
    N_("missing-actor"),
    N_("missing-location"),
    N_("missing-topic"),
    N_("unknown-actor"),
    N_("unknown-fact"),
    N_("unknown-flag"),
    N_("unknown-location"),
    N_("unknown-mechanism"),
    N_("unknown-partner"),
    N_("unknown-service"),
    N_("unknown-target"),
    N_("unknown-topic"),
    # load/suggest.py: the help line for the start of several ids
    N_("could-be"),
    # built at run time: kind_name(kind) and t(f"kind-{axis}")
    N_("kind-actor"),
    N_("kind-actors"),
    N_("kind-device"),
    N_("kind-directory"),
    N_("kind-facts"),
    N_("kind-fifo"),
    N_("kind-flag"),
    N_("kind-key"),
    N_("kind-keys"),
    N_("kind-lead"),
    N_("kind-leads"),
    N_("kind-location"),
    N_("kind-locations"),
    N_("kind-mechanism"),
    N_("kind-mechanisms"),
    N_("kind-partner"),
    N_("kind-partners"),
    N_("kind-rule"),
    N_("kind-rules"),
    N_("kind-service"),
    N_("kind-services"),
    N_("kind-socket"),
    N_("kind-special-file"),
    N_("kind-target"),
    N_("kind-targets"),
    N_("kind-topics"),
    # built at run time: t(f"because-{not_}{name}") and t(f"because-{not_}{name}-label") for the
    # facts and flags of a condition, in engine/explain.py
    N_("because-fact"),
    N_("because-fact-label"),
    N_("because-flags"),
    N_("because-flags-label"),
    N_("because-not-fact"),
    N_("because-not-fact-label"),
    N_("because-not-flags"),
    N_("because-not-flags-label"),
    # built at run time: t(f"because-{attribute}"), t(f"because-not-{attribute}") in engine/explain.py
    N_("because-actor"),
    N_("because-location"),
    N_("because-not-actor"),
    N_("because-not-location"),
    N_("because-not-target"),
    N_("because-not-topic"),
    N_("because-target"),
    N_("because-topic"),
    # built at run time: t(f"because-{attribute}-label"), t(f"because-not-{attribute}-label") in
    # engine/explain.py, for a value without a phrase
    N_("because-actor-label"),
    N_("because-location-label"),
    N_("because-not-actor-label"),
    N_("because-not-location-label"),
    N_("because-not-target-label"),
    N_("because-not-topic-label"),
    N_("because-target-label"),
    N_("because-topic-label"),
    # built at run time: t(f"cf-{attribute}") in engine/explain.py
    N_("cf-actor"),
    N_("cf-location"),
    N_("cf-target"),
    N_("cf-topic"),
    # built at run time: t(f"cf-{attribute}-label") in engine/explain.py, for a value without a phrase
    N_("cf-actor-label"),
    N_("cf-location-label"),
    N_("cf-target-label"),
    N_("cf-topic-label"),
    # built at run time: t(f"matrix-title-{view}"), t(f"matrix-legend-text-{view}") in staff/matrix.py
    N_("matrix-legend-text-competence"),
    N_("matrix-legend-text-lead"),
    N_("matrix-title-competence"),
    N_("matrix-title-lead"),
)

PLURAL = (
    # findings of allocator check (staff/check.py), with the count of cases
    N_plural("competent-without-lead"),
    N_plural("conflict"),
    N_plural("gap"),
    N_plural("gap-consultation"),
    N_plural("lead-not-competent"),
    N_plural("shadowed-rule"),
    # CSV errors of allocator batch (desk/batch.py)
    N_plural("batch-csv-cells"),
    N_plural("batch-csv-columns"),
    N_plural("batch-csv-duplicate-columns"),
    # the engine's limits (engine/plan.py)
    N_plural("limit-branching"),
    N_plural("limit-case-lists"),
    N_plural("limit-conditions"),
    N_plural("limit-exceeded"),
    N_plural("limit-negated-facts"),
    N_plural("limit-rule-facts"),
    # built at run time: tn(f"diff-{aspect}-{added|removed}") in staff/diff.py
    N_plural("diff-competent-added"),
    N_plural("diff-competent-removed"),
    N_plural("diff-consultation-added"),
    N_plural("diff-consultation-removed"),
    N_plural("diff-partner-added"),
    N_plural("diff-partner-removed"),
)
