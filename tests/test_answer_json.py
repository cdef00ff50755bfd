"""The JSON a batch writes and logs is made once per decision (desk.service.Answer): written
directly when every text of the rule set is a plain id, else encoded by `json` with the log's case
and summary cut out of it; the record's head made once per batch. Either way, each part equals
encoding it alone, for every case of the domain; a rule set with an id that is not plain goes
through `json`."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from allocator.desk.decision_log import encoded_record, make_record
from allocator.desk.service import Allocator, Answer, plain_ids
from allocator.model import DECISION_FIELDS, SUMMARY_FIELDS
from allocator.record import replace


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_the_cuts_rest_on_the_order_of_the_decision_fields() -> None:
    assert ("outcome", *DECISION_FIELDS[:6]) == SUMMARY_FIELDS
    assert DECISION_FIELDS[6:10] == ("ruleset", "outcome", "case", "facts")


@pytest.mark.parametrize("plain", [True, False], ids=["written", "cut"])
def test_each_part_equals_its_part_encoded_alone(shipped: Allocator, plain: bool) -> None:
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
        answer = Answer(decision, plain)
        document = decision.as_json()
        assert answer.json == _dumps(document)
        assert answer.summary_json == _dumps(decision.summary(document))
        assert answer.case_json == _dumps(document["case"])
        leads.add(decision.lead)
    assert {"adiv", "vsse", "none"} <= leads  # either service, and none (out of mandate)


def test_only_a_rule_set_of_plain_ids_is_written_directly(shipped: Allocator) -> None:
    policy = shipped.policy
    assert plain_ids(policy)
    assert shipped.answer({"topic": "sabotage", "location": "belgium", "actor": "lone-actor"}).plain
    odd = replace(policy.rules[0], id='odd"id')
    assert not plain_ids(replace(policy, rules=(odd, *policy.rules[1:])))
    then = replace(policy.rules[1].then, partners=("fedpol\\",))
    second = replace(policy.rules[1], then=then)
    assert not plain_ids(replace(policy, rules=(policy.rules[0], second, *policy.rules[2:])))
    assert not plain_ids(replace(policy, fingerprint="sha256:ABC"))


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
        moment = datetime.fromisoformat(encoded["time"].replace("Z", "+00:00"))
        assert abs((moment - datetime.now(UTC)).total_seconds()) < 60
        assert len(encoded["time"]) == len(made["time"])  # to the microsecond, as make_record
