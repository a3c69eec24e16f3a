"""Topics that fill service and region gaps (items that used to come back undetermined): each
request finds its topic, and each topic gives both outcomes on small fictional bundles
(tests/guidelines/data/gaps/cases.yaml). The decisions go through the real pipeline: request
parsing, the evidence stage and the engine."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from openimr.domain import CaseBundle, ItemDecision
from openimr.guidelines.registry import KnowledgeBase, load_knowledge_base
from openimr.intake.requests import known_services, parse_request

DATA = Path(__file__).parent / "data" / "gaps" / "cases.yaml"
SPEC: dict[str, Any] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = SPEC["cases"]
TOPICS: list[str] = SPEC["topics"]


def _case_id(case: dict[str, Any]) -> str:
    return f"{case['topic']}:{case['expect']}:{case['item'][:40]}"


def bundle_for(case: dict[str, Any]) -> CaseBundle:
    """A one-record, one-item fictional bundle."""
    return CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-0000000",
            "dates": {"ur_denial": "2016-11-20", "decision": "2016-12-20"},
            "patient": {"age": case.get("age", 45)},
            "claim": {"date_of_injury": str(case.get("injury", "2016-06-01"))},
            "records": [
                {
                    "id": "pr-1",
                    "date": "2016-11-10",
                    "kind": "progress report",
                    "text": case["text"],
                }
            ],
            "requests": [{"id": "1", "item": case["item"], "ur_decision": "denied"}],
        }
    )


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@cache
def _decide(index: int) -> ItemDecision:
    from openimr.evidence import extract
    from openimr.review.decide import decide_request

    bundle = bundle_for(CASES[index])
    assert bundle.dates.decision is not None
    return decide_request(
        bundle, bundle.requests[0].id, extract(bundle), load_knowledge_base(), bundle.dates.decision
    )


def test_every_listed_topic_exists_and_names_known_services(kb: KnowledgeBase) -> None:
    ids = {t.id for t in kb.topics}
    assert not [t for t in TOPICS if t not in ids]
    services = known_services()
    for t in TOPICS:
        assert {s for s in kb.get(t).applies_to.services if not s.startswith("drug:")} <= services


def test_every_topic_has_both_outcomes(kb: KnowledgeBase) -> None:
    seen: dict[str, set[str]] = {t: set() for t in TOPICS}
    for case in CASES:
        seen[case["topic"]].add(case["expect"])
    for t in TOPICS:
        want = {"upheld", "overturned"} if kb.get(t).criteria else {"upheld"}
        assert want <= seen[t], (t, seen[t])


@pytest.mark.parametrize("index", range(len(CASES)), ids=[_case_id(c) for c in CASES])
def test_case_decision(index: int) -> None:
    case = CASES[index]
    decision = _decide(index)
    assert decision.topic == case["topic"], (
        f"{case['item']!r} went to {decision.topic} (service {parse_request(case['item']).service})"
    )
    assert decision.decision == case["expect"], (
        case.get("why"),
        [(c.id, c.met) for c in decision.criteria],
        decision.rationale,
    )
    assert decision.guidelines, "the item cites its guideline"


def test_region_specific_topics_win_over_the_general_one(kb: KnowledgeBase) -> None:
    when = dt.date(2016, 12, 1)
    ankle = kb.candidates(parse_request("Right ankle arthrotomy"), when)
    assert [t.id for t in ankle] == ["acoem2004.ankle-foot.surgery"]
    assert kb.candidates(parse_request("Inguinal hernia repair"), when) == []  # no ACOEM chapter
    wrist = kb.candidates(parse_request("Excision of mass right wrist"), when)
    assert [t.id for t in wrist] == ["acoem2004.surgery-general"]
    # hardware removal has a section of its own (ODG, Hardware implant removal)
    plate = kb.candidates(parse_request("Removal of hardware right ankle"), when)
    assert [t.id for t in plate] == ["odg.hardware-removal"]
    knee = kb.candidates(parse_request("Cortisone injection right knee"), when)
    assert knee[0].id == "acoem2004.knee.corticosteroid-injection"
    back = kb.candidates(parse_request("X-rays of the lumbar spine and lower extremities"), when)
    assert back[0].id == "acoem2004.low-back.xray"


def test_after_the_2017_update_the_mtus_topics_are_drafted_on_as_superseded(
    kb: KnowledgeBase,
) -> None:
    later = dt.date(2018, 3, 1)
    req = parse_request("Cortisone injection right elbow")
    assert kb.candidates(req, later) == []
    assert [t.id for t in kb.superseded(req, later)] == ["acoem2007.elbow.corticosteroid-injection"]
    hip = parse_request("Right total hip arthroplasty")
    assert [t.id for t in kb.candidates(hip, later)] == ["odg.hip.arthroplasty"]  # ODG stays
