"""Positive evidence must be current: a complaint, an examination finding or a plan last
recorded years before the request (vocabulary.yaml ``current_within``, six months: our
reading of the guidelines' "present examination") is history. The criterion it would have met
is not established, the item is not overturned on it, and the reviewer is told what is old.

Each case is fictional and decided twice: with the findings on a recent visit (overturned)
and the same visit dated three years earlier, followed by a recent visit that records no
examination (upheld, with a note). Tests, diagnoses of record and treatment history keep
their weight (a prior MRI of three years ago is still a prior MRI); the relief of a drug being
continued does not (the guideline asks what it does now)."""

from __future__ import annotations

from typing import Any

import pytest

import openimr
from openimr.domain import CaseBundle, ItemDecision

FOLLOW_UP = (
    "The patient returned for follow-up of ongoing pain. No examination findings were recorded "
    "at this visit."
)

# item, injury date, visit text (the findings that support the item)
CASES = [
    (
        # ACOEM 2004 Ch. 12 p. 303: specific nerve compromise on the neurologic examination
        "MRI of the lumbar spine",
        "2012-03-01",
        "Low back pain radiating down the left leg to the foot. Examination revealed decreased "
        "sensation in the left L5 dermatome, weakness of the left extensor hallucis longus rated "
        "4/5 and a positive straight leg raise on the left. She has completed 12 sessions of "
        "physical therapy with minimal improvement and wishes to consider surgery if a "
        "surgical lesion is found.",
    ),
    (
        # ACOEM 2004 Ch. 12 p. 303 (Table 12-1 red flags): a suspected fracture
        "X-rays of the thoracic spine",
        "2012-03-01",
        "Severe mid back pain after a fall from a ladder. Examination revealed point tenderness "
        "over the T12 spinous process; a compression fracture was suspected.",
    ),
    (
        # ACOEM 2004 Ch. 8 p. 178: electrodiagnosis for subtle focal neurologic dysfunction
        "EMG of the right upper extremity",
        "2012-03-01",
        "Neck pain radiating to the right thumb with numbness for four months despite physical "
        "therapy. Examination revealed decreased sensation in the right C6 dermatome and "
        "weakness of the right wrist extensors rated 4/5.",
    ),
    (
        # ACOEM 2004 Ch. 13 pp. 341-342 (the Ottawa knee rules): a fracture suspected after a
        # fall is a red flag while it is a current suspicion, as in the spine chapters
        "X-rays of the right knee",
        "2012-03-01",
        "Right knee pain after falling onto the knee from a loading dock. He was unable to bear "
        "weight. Examination revealed a large effusion and tenderness over the patella; a "
        "fracture was suspected.",
    ),
    (
        # ACOEM 2004 Ch. 11 (wrist and hand, special studies): a suspected scaphoid fracture
        "X-rays of the left wrist",
        "2012-03-01",
        "Left wrist pain after a fall on the outstretched hand. Examination revealed tenderness "
        "in the anatomic snuffbox; a scaphoid fracture was suspected.",
    ),
    (
        # CPMTG 2009 pp. 78-80 (ongoing management): an opioid in use is continued on the
        # relief and function it gives now; what it did at a visit years ago is history
        "Norco 10/325mg #120",
        "2012-03-01",
        "Chronic low back pain rated 4 out of 10 with medications and 8 out of 10 without. "
        "Norco allows her to walk 30 minutes daily and do her household chores. She denied side "
        "effects and there were no aberrant behaviors. A urine drug screen was consistent with "
        "the prescribed medications, the CURES report was appropriate and an opioid agreement "
        "is on file. The treatment plan included continuation of Norco.",
    ),
]


def bundle(item: str, injured: str, visits: list[tuple[str, str]]) -> CaseBundle:
    records: list[dict[str, Any]] = [
        {"id": f"pr-{i}", "date": on, "kind": "progress report", "text": text}
        for i, (on, text) in enumerate(visits, start=1)
    ]
    return CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-0000042",
            "dates": {"ur_denial": "2016-11-03", "decision": "2016-12-10"},
            "patient": {"age": 47, "sex": "female"},
            "claim": {"date_of_injury": "2012-03-01"},
            "records": records,
            "requests": [{"id": "1", "item": item}],
        }
    )


def decide(item: str, injured: str, visits: list[tuple[str, str]]) -> ItemDecision:
    return openimr.decide(bundle(item, injured, visits)).items[0]


@pytest.mark.parametrize("item,injured,text", CASES, ids=[c[0] for c in CASES])
def test_recent_findings_support_the_request(item: str, injured: str, text: str) -> None:
    got = decide(item, injured, [("2016-10-20", text), ("2016-10-27", FOLLOW_UP)])
    assert got.decision == "overturned", got.rationale


@pytest.mark.parametrize("item,injured,text", CASES, ids=[c[0] for c in CASES])
def test_findings_of_three_years_ago_are_not_current(item: str, injured: str, text: str) -> None:
    got = decide(item, injured, [("2013-10-20", text), ("2016-10-27", FOLLOW_UP)])
    assert got.decision == "upheld", got.rationale
    notes = " ".join(n.text for n in got.notes)
    assert "more than 6 months before the request" in notes, notes
    assert "10/20/2013" in notes, notes


def test_five_months_old_is_still_current() -> None:
    item, injured, text = CASES[0]
    got = decide(item, injured, [("2016-06-10", text), ("2016-10-27", FOLLOW_UP)])
    assert got.decision == "overturned", got.rationale


def test_a_later_normal_examination_is_not_met_not_merely_old() -> None:
    """Old positives and a recent normal examination: the recent one decides (not met), and
    no note about old findings is needed."""
    item, injured, text = CASES[2]
    normal = (
        "Neck pain without radiation. Sensation is intact in both arms and strength is 5/5 "
        "throughout."
    )
    got = decide(item, injured, [("2013-10-20", text), ("2016-10-27", normal)])
    assert got.decision == "upheld", got.rationale
    assert "no longer finds" in got.rationale, got.rationale
    old = " ".join(n.text for n in got.notes if "months before the request" in n.text)
    assert "decreased sensation" not in old and "weakness" not in old, old


def test_a_retrospective_request_is_measured_from_its_date_of_service() -> None:
    """A study done in 2014 is judged on the findings of its own time."""
    item, injured, text = CASES[0]
    b = bundle(
        "Retrospective MRI of the lumbar spine (DOS 11/5/2013)",
        injured,
        [("2013-10-20", text), ("2016-10-27", FOLLOW_UP)],
    )
    got = openimr.decide(b).items[0]
    assert not any("months before the request" in n.text for n in got.notes), got.notes


def test_a_prior_study_keeps_its_weight() -> None:
    """A test result is not perishable: an MRI three years ago still makes a new one a
    repeat (the repeat criterion reads it), whatever the findings now."""
    from openimr.evidence import schema

    cur = schema.currency()
    assert cur is not None and "test" not in cur.observations
    assert set(cur.observations) == {"subjective", "objective", "plan"}
