"""Spine imaging, head imaging and electrodiagnostic topics on small fictional bundles.

Cases live in data/imaging/cases.yaml; each names the topic that must decide it and the
outcome. Decisions go through the real pipeline (request parsing, evidence, engine).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from openimr.domain import CaseBundle, ItemDecision
from openimr.guidelines.registry import load_knowledge_base
from openimr.intake.requests import parse_request

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "imaging" / "cases.yaml").read_text(encoding="utf-8")
)["cases"]


def _bundle(case: dict[str, Any]) -> CaseBundle:
    return CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-0000001",
            "dates": {
                "ur_denial": str(case.get("ur", "2016-11-20")),
                "decision": str(case.get("decided", "2016-12-20")),
            },
            "patient": {"age": case.get("age", 45)},
            "claim": {"date_of_injury": str(case.get("injury", "2016-06-01"))},
            "records": [
                {
                    "id": "pr-1",
                    "date": str(case.get("record_date", "2016-11-10")),
                    "kind": "progress report",
                    "text": " ".join(case["text"]),
                }
            ],
            "requests": [{"id": "1", "item": case["item"], "ur_decision": "denied"}],
        }
    )


@cache
def _decide(index: int) -> ItemDecision:
    from openimr.evidence import extract
    from openimr.review.decide import decide_request

    bundle = _bundle(CASES[index])
    assert bundle.dates.decision is not None
    return decide_request(
        bundle, bundle.requests[0].id, extract(bundle), load_knowledge_base(), bundle.dates.decision
    )


def test_every_topic_here_has_both_outcomes() -> None:
    seen: dict[str, set[str]] = {}
    for case in CASES:
        seen.setdefault(case["topic"], set()).add(case["expect"])
    kb = load_knowledge_base()
    for topic, outcomes in seen.items():
        want = {"upheld", "overturned"} if kb.get(topic).criteria else {"upheld"}
        assert want <= outcomes, (topic, outcomes)


@pytest.mark.parametrize(
    "index",
    range(len(CASES)),
    ids=[f"{c['topic']}:{c['expect']}:{c['item'][:30]}" for c in CASES],
)
def test_case(index: int) -> None:
    case = CASES[index]
    d = _decide(index)
    assert d.topic == case["topic"], (case["item"], parse_request(case["item"]).service, d.topic)
    assert d.decision == case["expect"], (
        case.get("why"),
        [(c.id, c.met) for c in d.criteria],
        d.rationale,
    )
    if case.get("note") == "none":
        assert d.note is None, d.note
    if "chapter" in case:  # the chapter (or section) the letter cites first
        first = d.guidelines[0]
        assert case["chapter"] in f"{first.chapter or ''} {first.section or ''}", d.guidelines


def test_a_lead_must_name_one_of_the_topics_citations() -> None:
    from pydantic import ValidationError

    from openimr.guidelines.schema import Topic

    topic = load_knowledge_base().get("acoem2004.upper-extremity.emg").model_dump(by_alias=True)
    topic["lead"][0]["cite"] = "nowhere"
    with pytest.raises(ValidationError, match="lead\\[0\\] cites unknown citation"):
        Topic.model_validate(topic)


def test_spinal_red_flags_elsewhere_in_the_territory_do_not_count() -> None:
    """A fracture at the wrist is in the neck's radicular territory but is no neck red flag."""
    idx = next(
        i for i, c in enumerate(CASES) if "fracture of the wrist" in c.get("why", "")
    )
    red_flag = next(c for c in _decide(idx).criteria if c.id == "red_flag")
    assert not red_flag.met
