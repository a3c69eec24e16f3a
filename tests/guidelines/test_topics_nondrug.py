"""Non-medication topics (issue 4): therapy, injections, equipment, surgery and its associated
services, evaluations, programs, home health, and imaging outside the spine.

Every topic is exercised on small fictional bundles (tests/guidelines/data/nondrug/cases.yaml)
with both outcomes; a topic without criteria (a treatment the guideline does not recommend) is
shown to uphold even when the records are full of findings. The decisions go through the real
pipeline: request parsing, the evidence stage (loaded once per session) and the engine.
"""

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

DATA = Path(__file__).parent / "data" / "nondrug" / "cases.yaml"
SPEC: dict[str, Any] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = SPEC["cases"]
TOPICS: list[str] = SPEC["topics"]


def _case_id(case: dict[str, Any]) -> str:
    return f"{case['topic']}:{case['expect']}:{case['item'][:40]}"


def _text(case: dict[str, Any]) -> str:
    return " ".join(SPEC["snippets"].get(part, part) for part in case["text"])


def _date(value: Any, default: str) -> str:
    return str(value) if value is not None else default


def bundle_for(case: dict[str, Any]) -> CaseBundle:
    """A one-record, one-item fictional bundle."""
    return CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-0000000",
            "dates": {
                "ur_denial": _date(case.get("ur"), "2016-11-20"),
                "decision": _date(case.get("decided"), "2016-12-20"),
            },
            "patient": {"age": case.get("age", 45)},
            "claim": {"date_of_injury": _date(case.get("injury"), "2016-06-01")},
            "records": [
                {
                    "id": "pr-1",
                    "date": _date(case.get("record_date"), "2016-11-10"),
                    "kind": "progress report",
                    "text": _text(case),
                }
            ],
            "requests": [
                {"id": "1", "item": case["item"], "ur_decision": case.get("ur_decision", "denied")}
            ],
        }
    )


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@cache
def _decide(index: int) -> ItemDecision:
    from openimr.evidence import extract
    from openimr.review.decide import decide_request

    case = CASES[index]
    bundle = bundle_for(case)
    assert bundle.dates.decision is not None
    return decide_request(
        bundle, bundle.requests[0].id, extract(bundle), load_knowledge_base(), bundle.dates.decision
    )


def test_every_listed_topic_exists_and_names_known_services(kb: KnowledgeBase) -> None:
    ids = {t.id for t in kb.topics}
    missing = [t for t in TOPICS if t not in ids]
    assert not missing, missing
    services = known_services()
    for t in TOPICS:
        assert set(kb.get(t).applies_to.services) <= services, t


def test_every_topic_has_both_outcomes_or_is_not_recommended(kb: KnowledgeBase) -> None:
    """Topics with criteria need an upheld and an overturned case; a topic without criteria
    (not recommended) needs an upheld case."""
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
    # a body part read from the records is said, for the reviewer to confirm; none otherwise
    note = decision.note or ""
    if case.get("reads"):
        assert f"read as for the {case['reads']}" in note or f"read as the {case['reads']}" in note
    else:
        assert "Body part:" not in note, note


@pytest.mark.parametrize(
    "index",
    [i for i, c in enumerate(CASES) if c["expect"] == "upheld"][:12],
    ids=lambda i: _case_id(CASES[i]),
)
def test_upheld_rationale_states_the_reason_and_the_verdict(index: int) -> None:
    decision = _decide(index)
    assert decision.rationale.rstrip().endswith("is not medically necessary.")
    assert decision.guidelines, "an upheld item cites its guideline"
    assert decision.note is None, decision.note  # no stray body part in our own sentences


def test_editions_follow_the_decision_date(kb: KnowledgeBase) -> None:
    """The 2009 home health section gives way to the 2016 one on 2016-07-28."""
    req = parse_request("Home health nursing 3 visits per week")
    before = kb.candidates(req, dt.date(2016, 7, 27))
    after = kb.candidates(req, dt.date(2016, 7, 28))
    assert before[0].id == "cpmtg2009.home-health"
    assert after[0].id == "cpmtg2016.home-health"
    later = kb.candidates(parse_request("Physical therapy 2x4"), dt.date(2018, 6, 1))
    assert all(t.id != "cpmtg2009.physical-medicine" for t in later)


def test_mtus_topic_wins_over_odg_and_region_specific_over_general(kb: KnowledgeBase) -> None:
    when = dt.date(2016, 12, 1)
    knee = kb.candidates(parse_request("Chiropractic manipulation x6 for the right knee"), when)
    assert knee[0].id == "cpmtg2009.manipulation-extremities"
    elbow_prp = kb.candidates(
        parse_request("Platelet-rich plasma injection for the right elbow"), when
    )
    assert elbow_prp[0].id == "odg.elbow.prp-injection"
    postop = kb.candidates(
        parse_request("Post-op physical therapy 2x6 for the right shoulder"), when
    )
    assert postop[0].id == "postsurgical2009.postop-therapy-shoulder"


def test_acute_phase_routes_to_acoem_and_chronic_to_cpmtg(kb: KnowledgeBase) -> None:
    """ACOEM 2004 physical methods govern the acute and subacute period (12 weeks); CPMTG
    applies after."""
    from openimr.guidelines.registry import case_phase

    injured = dt.date(2016, 11, 1)
    assert case_phase(injured, dt.date(2017, 1, 24)) == "acute"  # 12 weeks
    assert case_phase(injured, dt.date(2017, 1, 25)) == "chronic"
    when = dt.date(2016, 12, 20)
    req = parse_request("Chiropractic manipulation x6 for the lumbar spine")
    assert kb.candidates(req, when, "acute")[0].id == "acoem2004.low-back.manipulation"
    assert kb.candidates(req, when, "chronic")[0].id == "cpmtg2009.manipulation"
    assert kb.candidates(req, when)[0].id == "cpmtg2009.manipulation"  # phase unknown
    tens = parse_request("TENS unit for the lumbar spine")
    assert kb.candidates(tens, when, "acute")[0].id == "acoem2004.low-back.modalities"
    assert kb.candidates(tens, when, "chronic")[0].id == "cpmtg2009.tens"
