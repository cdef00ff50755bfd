"""The JSON a batch writes and logs is encoded once per decision (desk.service.Answer): the log's
case and summary are cut out of the decision's JSON, the record's head made once per batch. Each
cut equals encoding that part alone, for every case of the domain, with odd ids and references."""

from __future__ import annotations

import itertools
import json
from typing import Any

from allocator.desk.decision_log import encoded_record, make_record
from allocator.desk.service import Allocator, Answer
from allocator.model import DECISION_FIELDS, SUMMARY_FIELDS


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_the_cuts_rest_on_the_order_of_the_decision_fields() -> None:
    assert ("outcome", *DECISION_FIELDS[:6]) == SUMMARY_FIELDS
    assert DECISION_FIELDS[6:10] == ("ruleset", "outcome", "case", "facts")


def test_each_cut_equals_its_part_encoded_alone(shipped: Allocator) -> None:
    vocabulary = shipped.policy.vocabulary
    flags = vocabulary.ids("flags")
    cases = [
        {"topic": topic, "location": location, "actor": actor, "target": target, "flags": chosen}
        for (topic, location, actor), target, chosen in zip(
            itertools.product(
                vocabulary.ids("topics"), vocabulary.ids("locations"), vocabulary.ids("actors")
            ),
            itertools.cycle(vocabulary.ids("targets")),
            itertools.cycle([[], flags[:1], flags[1:4], flags]),
            strict=False,
        )
    ]
    assert len(cases) > 1000
    leads = set()
    for case in cases:
        decision = shipped.decide(case)
        answer = Answer(decision)
        document = decision.as_json()
        assert answer.json == _dumps(document)
        assert answer.summary_json == _dumps(decision.summary(document))
        assert answer.case_json == _dumps(document["case"])
        leads.add(decision.lead)
    assert {"adiv", "vsse", "none"} <= leads  # either service, and none (out of mandate)


def test_an_encoded_record_is_the_record_made_from_plain_data(shipped: Allocator) -> None:
    answer = Answer(
        shipped.decide(
            {"topic": "espionage", "location": "nato-site", "actor": "foreign-intelligence-service"}
        )
    )
    extra = {"id": 'odd "id", \u202e', "ref": 'DOS,"ruleset":1'}
    for user in (None, 'eve "the auditor"'):
        text = encoded_record(
            answer.case_json, answer.summary_json, answer.ruleset, "batch", "9.9", extra, user
        )
        encoded = json.loads(text)
        made = make_record(
            answer.decision.case.as_dict(),
            answer.decision.summary(),
            answer.ruleset,
            "batch",
            "9.9",
        )
        if user is not None:
            made["user"] = user
        made.update(extra)
        assert list(encoded) == list(made)
        assert {**encoded, "time": made["time"]} == made
        assert encoded["time"].endswith("Z")
