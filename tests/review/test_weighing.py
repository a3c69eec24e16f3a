"""Evidence against evidence: statements of absence, administrative sentences, three-valued
criteria. Fictional records, both outcomes for each rule."""

from __future__ import annotations

import datetime as dt

import openimr
from openimr.domain import CaseBundle, ItemDecision

EXAM = (
    "Low back pain radiating to the left leg. Decreased sensation in the left L5 dermatome. "
    "Straight leg raise is positive on the left. Symptoms have persisted despite conservative "
    "treatment with physical therapy and medication. Surgery is being considered."
)


def _decide(records: list[tuple[str, str]], item: str = "MRI of the lumbar spine") -> ItemDecision:
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-weigh",
            "dates": {"ur_denial": "2016-12-01", "decision": "2016-12-20"},
            "patient": {"age": 44, "sex": "unknown"},
            "claim": {"date_of_injury": "2016-02-01"},
            "records": [
                {"id": f"r{i}", "date": d, "kind": "progress report", "text": t}
                for i, (d, t) in enumerate(records)
            ],
            "requests": [{"id": "1", "item": item}],
        }
    )
    return openimr.decide(bundle).items[0]


def test_positive_findings_alone_support_the_study() -> None:
    got = _decide([("2016-11-10", EXAM)])
    assert got.decision == "overturned", got.rationale
    assert not any(n.kind == "evidence" for n in got.notes)


def test_a_later_statement_of_absence_leaves_the_findings_not_established() -> None:
    got = _decide(
        [
            ("2016-11-10", EXAM),
            ("2016-11-25", "There is insufficient documentation of neurologic deficits."),
        ]
    )
    assert got.decision == "upheld", got.rationale
    statuses = {c.id: c.status for c in got.criteria}
    assert statuses["nerve_compromise_surgical_candidate"] == "not established"
    assert any(n.kind == "evidence" and "Not established" in n.text for n in got.notes)
    assert got.needed, "an upheld item lists what the records would need to show"


def test_an_older_statement_of_absence_is_outranked_by_the_later_examination() -> None:
    got = _decide(
        [
            ("2016-10-01", "Neurologically intact."),
            ("2016-11-10", EXAM),
        ]
    )
    assert got.decision == "overturned", got.rationale


def test_findings_named_in_a_ur_decision_are_not_evidence() -> None:
    ur = (
        "Utilization review non-certified the MRI; the request cited decreased sensation in "
        "the left L5 dermatome and a positive straight leg raise on the left, and said surgery "
        "is being considered after failed physical therapy."
    )
    assert _decide([("2016-11-20", ur)]).decision == "upheld"
    assert _decide([("2016-11-20", EXAM)]).decision == "overturned"


def test_a_study_the_records_show_was_done_makes_the_request_a_repeat() -> None:
    done = (
        "Low back pain without radiation. MRI of the lumbar spine on 06/02/2016 showed a mild "
        "disc bulge at L4-5. Straight leg raise is negative."
    )
    got = _decide([("2016-11-10", done)])
    assert got.decision == "upheld"
    repeat = {c.id: c for c in got.criteria}["repeat_change"]
    assert not repeat.met and "significant change" in repeat.statement
    # an MRI that was only requested is not an earlier study
    asked = "Low back pain without radiation. An MRI of the lumbar spine was requested."
    first = {c.id: c for c in _decide([("2016-11-10", asked)]).criteria}["repeat_change"]
    assert first.met


def test_the_routed_item_names_the_earlier_study() -> None:
    from openimr.evidence import extract
    from openimr.guidelines.registry import load_knowledge_base
    from openimr.routing import route_case

    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-prior",
            "dates": {"ur_denial": "2016-12-01", "decision": "2016-12-20"},
            "patient": {"age": 44, "sex": "unknown"},
            "claim": {"date_of_injury": "2016-02-01"},
            "records": [
                {
                    "id": "r1",
                    "date": "2016-11-10",
                    "text": "X-rays of the right knee on 03/01/2016 were normal.",
                }
            ],
            "requests": [
                {"id": "1", "item": "X-ray of the right knee"},
                {"id": "2", "item": "X-ray of the left shoulder"},
            ],
        }
    )
    ev = extract(bundle)
    items = route_case(bundle, evidence=ev, kb=load_knowledge_base(), when=dt.date(2016, 12, 20))
    assert items[0].course == "repeat" and items[0].prior is not None
    assert items[1].course == "initial" and items[1].prior is None


def test_a_lead_sentence_dates_the_findings_that_follow_it() -> None:
    from openimr.evidence import extract

    text = (
        "The injured worker sustained an injury on 02-01-2016. On 09-01-2016 she was evaluated "
        "for low back pain. Decreased sensation in the left L5 dermatome was noted. On "
        "11-10-2016 she was seen again. Sensation was intact in both legs."
    )
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-dates",
            "dates": {"ur_denial": "2016-12-01", "decision": "2016-12-20"},
            "patient": {"age": 44, "sex": "unknown"},
            "claim": {"date_of_injury": "2016-02-01"},
            "records": [{"id": "s", "date": "2016-12-20", "kind": "summary", "text": text}],
            "requests": [{"id": "1", "item": "EMG of the left lower extremity"}],
        }
    )
    found = {
        (f.assertion, f.when)
        for f in extract(bundle).findings
        if f.code == "neuro.sensory_deficit"
    }
    assert ("present", dt.date(2016, 9, 1)) in found
    assert ("negated", dt.date(2016, 11, 10)) in found


def test_the_mechanism_of_injury_counts_only_with_a_finding_in_the_first_weeks() -> None:
    """guidelines/shared/special-studies.yaml: the fall is history and never a red flag alone;
    in the first weeks, with tenderness of bone at the site, it is a suspected fracture."""

    def red_flag(injured: str, exam: str = "") -> str | None:
        bundle = CaseBundle.model_validate(
            {
                "format": "openimr-case/1",
                "case_number": "CM00-trauma",
                "dates": {"ur_denial": "2016-12-01", "decision": "2016-12-20"},
                "patient": {"age": 44, "sex": "unknown"},
                "claim": {"date_of_injury": injured},
                "records": [
                    {
                        "id": "r1",
                        "date": "2016-11-25",
                        "text": "She fell from a ladder onto her low back. Low back pain." + exam,
                    }
                ],
                "requests": [{"id": "1", "item": "X-ray of the lumbar spine"}],
            }
        )
        got = openimr.decide(bundle).items[0]
        return {c.id: c.status for c in got.criteria}.get("red_flag")

    tender = " Tenderness over the lumbar spinous processes."
    assert red_flag("2016-11-20") == "not met"  # eleven days after the fall, the fall alone
    assert red_flag("2016-11-20", tender) == "met"  # with tenderness of bone at the spine
    assert red_flag("2015-11-20", tender) == "not met"  # a year later the fall is history
