"""The issue-12 wording probe (tests/review/data/wording_probe.yaml): several hundred item
wordings, each routed to its service and decided alone in one fictional chronic case.

An item the engine leaves undetermined counts as a miss on real letters, and an item that no
topic addresses must never be silently upheld. So every row either names the topic that
decides it (and the item is decided, not undetermined) or gives the reason it stays
undetermined. ``python eval/wording_probe.py`` prints the figures.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from openimr.domain import CaseBundle, ItemDecision
from openimr.intake.requests import match_services
from openimr.routing import route_wording

# wording_probe.yaml, and a second list written independently in the ways UR and IMR letters
# write items (abbreviations, strengths and quantities, misspellings, compounded creams); a
# third, repeating neither, in the styles of 2017-2020 letters (brand names with counts and
# refills, "Unknown prescription of", retrospective dates of service, levels and sides); a
# fourth, repeating none of the three, written to find items routed to no topic or the wrong
# one (issue 12 point 5: bare specialties, modified requests, cushions, shoes, decompression
# tables, trade names of compounded creams)
PROBE_FILES = (
    "wording_probe.yaml",
    "wording_probe_letters.yaml",
    "wording_probe_styles.yaml",
    "wording_probe_routes.yaml",
)
ROWS_BY_FILE: dict[str, list[dict[str, Any]]] = {
    name: yaml.safe_load((Path(__file__).parent / "data" / name).read_text(encoding="utf-8"))
    for name in PROBE_FILES
}
ROWS: list[dict[str, Any]] = [row for name in PROBE_FILES for row in ROWS_BY_FILE[name]]

# One chronic case (injury 20 months before the UR decision), low back with leg pain, treated
# with therapy, chiropractic care and medications. Every sentence is invented.
RECORD = (
    "Chronic low back pain radiating to the right leg since a lifting injury. She rates the "
    "pain 6/10. Examination shows lumbar paraspinal tenderness and decreased lumbar range of "
    "motion. Treatment to date has included physical therapy, chiropractic care and "
    "medications."
)


def bundle_for(text: str) -> CaseBundle:
    return CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-0000000",
            "dates": {"ur_denial": "2016-11-20", "decision": "2016-12-20"},
            "patient": {"age": 45},
            "claim": {"date_of_injury": "2015-03-02"},
            "records": [
                {"id": "pr-1", "date": "2016-11-10", "kind": "progress report", "text": RECORD}
            ],
            "requests": [{"id": "1", "item": text, "ur_decision": "denied"}],
        }
    )


@cache
def decide_alone(text: str) -> ItemDecision:
    from openimr.evidence import extract
    from openimr.guidelines.registry import load_knowledge_base
    from openimr.review.decide import decide_request

    bundle = bundle_for(text)
    assert bundle.dates.decision is not None
    return decide_request(
        bundle, "1", extract(bundle), load_knowledge_base(), bundle.dates.decision
    )


def test_the_probe_is_large_and_every_row_says_what_it_expects() -> None:
    assert len(ROWS_BY_FILE["wording_probe.yaml"]) >= 400
    assert len(ROWS_BY_FILE["wording_probe_letters.yaml"]) >= 200
    assert len(ROWS_BY_FILE["wording_probe_styles.yaml"]) >= 300
    assert len(ROWS_BY_FILE["wording_probe_routes.yaml"]) >= 120
    texts = [r["text"] for r in ROWS]
    assert len(texts) == len(set(texts)), "a wording is listed twice"
    for i, name in enumerate(PROBE_FILES[2:], start=2):
        earlier = {r["text"].lower() for n in PROBE_FILES[:i] for r in ROWS_BY_FILE[n]}
        mine = [r["text"].lower() for r in ROWS_BY_FILE[name]]
        assert len(mine) == len(set(mine)) and not earlier & set(mine), f"{name} repeats a wording"
    for r in ROWS:
        assert ("topic" in r) != ("undetermined" in r), r["text"]


_IDS = [r["text"][:50] for r in ROWS]


@pytest.mark.parametrize("row", ROWS, ids=_IDS)
def test_wording_routes_to_its_service(row: dict[str, Any]) -> None:
    assert route_wording(row["text"]).service == row["service"], row.get("why", "")
    for medications in (False, True):
        found = match_services(row["text"], medications=medications)
        if len(found) >= 2:
            a, b = found[0], found[1]
            assert a.rank != b.rank, f"{a.service.id} and {b.service.id} tie on {row['text']!r}"


@pytest.mark.parametrize("row", ROWS, ids=_IDS)
def test_wording_is_decided_by_its_topic_or_undetermined_with_a_reason(
    row: dict[str, Any],
) -> None:
    decision = decide_alone(row["text"])
    if "undetermined" in row:
        assert decision.decision == "undetermined", (decision.topic, decision.decision)
        assert decision.topic is None
        assert decision.note, "an undetermined item says why"
    else:
        assert decision.topic == row["topic"], row.get("why", "")
        assert decision.decision in ("upheld", "overturned"), decision.rationale
        assert decision.guidelines, "the item cites its guideline"


@pytest.mark.parametrize(
    "topic",
    [
        "odg.thermography",
        "odg.surface-emg",
        "odg.sensory-threshold-testing",
        "odg.computerized-testing",
        "odg.sacroiliac-joint-radiofrequency",
    ],
)
def test_a_service_the_guideline_does_not_recommend_is_upheld_with_its_reason(topic: str) -> None:
    rows = [r for r in ROWS if r.get("topic") == topic]
    assert rows
    for r in rows:
        decision = decide_alone(r["text"])
        assert decision.decision == "upheld"
        assert "not recommend" in decision.rationale, decision.rationale
