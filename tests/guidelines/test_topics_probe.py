"""Topics the issue-12 wording probe added (tests/review/data/wording_probe.yaml): each request
finds its topic, and each topic gives both outcomes (or, when the guideline does not recommend
the service, upholds even on a full record) on small fictional bundles
(tests/guidelines/data/probe/cases.yaml), through the real pipeline."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_topics_gaps import bundle_for

from openimr.domain import ItemDecision
from openimr.guidelines.registry import KnowledgeBase, load_knowledge_base
from openimr.intake.requests import known_services, parse_request

DATA = Path(__file__).parent / "data" / "probe" / "cases.yaml"
SPEC: dict[str, Any] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = SPEC["cases"]
TOPICS: list[str] = SPEC["topics"]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@cache
def _decide(index: int) -> ItemDecision:
    from openimr.evidence import extract
    from openimr.review.decide import decide_request

    case = {"injury": "2016-02-01", **CASES[index]}
    bundle = bundle_for(case)
    assert bundle.dates.decision is not None
    return decide_request(
        bundle, bundle.requests[0].id, extract(bundle), load_knowledge_base(), bundle.dates.decision
    )


def test_every_listed_topic_exists_and_has_its_outcomes(kb: KnowledgeBase) -> None:
    ids = {t.id for t in kb.topics}
    assert not [t for t in TOPICS if t not in ids]
    services = known_services()
    seen: dict[str, set[str]] = {t: set() for t in TOPICS}
    for case in CASES:
        seen[case["topic"]].add(case["expect"])
    for t in TOPICS:
        assert set(kb.get(t).applies_to.services) <= services
        want = {"upheld", "overturned"} if kb.get(t).criteria else {"upheld"}
        assert want <= seen[t], (t, seen[t])


@pytest.mark.parametrize(
    "index", range(len(CASES)), ids=[f"{c['topic']}:{c['expect']}" for c in CASES]
)
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
