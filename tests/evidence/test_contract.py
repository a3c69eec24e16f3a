"""The API the review engine depends on: extract, EvidenceSet.of/course/latest, codes."""

from __future__ import annotations

import datetime as dt

from openimr.domain import CaseBundle
from openimr.evidence import EvidenceSet, extract, vocabulary_codes


def _bundle(records: list[dict[str, object]]) -> CaseBundle:
    return CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-0000001",
            "dates": {"ur_denial": "2016-12-01"},
            "claim": {"date_of_injury": "2015-03-02"},
            "records": records,
            "requests": [{"id": "1", "item": "EMG of the lower extremities"}],
        }
    )


BUNDLE = _bundle(
    [
        {
            "id": "pr-1",
            "date": "2016-09-14",
            "text": "SUBJECTIVE: Low back pain 7/10 with numbness down the right leg.\n"
            "OBJECTIVE: Decreased sensation in the right lateral ankle. Motor strength 4/5 "
            "in the right EHL.\nPLAN: Request EMG/NCV of the lower extremities.",
        },
        {
            "id": "pr-2",
            "date": "2016-10-19",
            "text": "SUBJECTIVE: Back pain 5/10, better with therapy.\n"
            "OBJECTIVE: Sensation is intact, including in the lateral ankle. Motor strength "
            "is 5/5 throughout. Reflexes 2+ and symmetric. Negative straight leg raise.",
        },
    ]
)


def test_extract_returns_evidence_set() -> None:
    ev = extract(BUNDLE)
    assert isinstance(ev, EvidenceSet)
    assert {"neuro.sensory_deficit", "neuro.motor_weakness", "edx.study"} <= ev.codes()


def test_sensation_intact_is_the_negated_deficit_with_region_and_date() -> None:
    ev = extract(BUNDLE)
    neg = ev.of("neuro.sensory_deficit", assertion="negated")
    assert len(neg) == 1
    f = neg[0]
    assert f.record_id == "pr-2"
    assert f.region == "ankle/foot"
    assert f.record_date == dt.date(2016, 10, 19)
    assert f.observation == "objective"
    text = BUNDLE.record_text("pr-2")
    assert text[f.start : f.end] == f.text


def test_region_groups_lumbar_accepts_the_leg_and_foot() -> None:
    ev = extract(BUNDLE)
    assert ev.of("neuro.sensory_deficit", region="lumbar spine")
    assert not ev.of("neuro.sensory_deficit", region="cervical spine")


def test_course_resolved_and_latest() -> None:
    ev = extract(BUNDLE)
    course = ev.course("neuro.sensory_deficit", region="lumbar spine", observation="objective")
    assert course.status == "resolved"
    assert course.first is not None and course.first.record_id == "pr-1"
    assert course.latest is not None and course.latest.assertion == "negated"
    latest = ev.latest("neuro.motor_weakness")
    assert latest is not None and latest.record_id == "pr-2" and latest.assertion == "negated"
    assert ev.course("redflag.cauda_equina").status == "absent"


def test_course_improved_by_pain_score() -> None:
    ev = extract(BUNDLE)
    assert ev.course("pain.score").status == "improved"


def test_observation_filters() -> None:
    ev = extract(BUNDLE)
    assert ev.of("symptom.numbness", observation="subjective")
    assert not ev.of("symptom.numbness", observation="objective")
    assert ev.of("edx.study", observation="plan")
    assert ev.of(["therapy.pt", "edx.study"])


def test_vocabulary_codes_cover_the_contract() -> None:
    codes = vocabulary_codes()
    needed = {
        "redflag.fracture", "redflag.trauma", "redflag.tumor", "redflag.infection",
        "redflag.cauda_equina", "redflag.progressive_neuro_deficit", "neuro.sensory_deficit",
        "neuro.motor_weakness", "neuro.reflex_abnormal", "neuro.slr_positive",
        "neuro.spurling_positive", "neuro.tinel_positive", "neuro.phalen_positive",
        "neuro.exam_normal", "neuro.radiculopathy", "symptom.numbness", "symptom.tingling",
        "symptom.radiating_pain", "symptom.weakness", "symptom.worsening", "pain", "pain.score",
        "imaging.mri", "imaging.xray", "imaging.ct", "imaging.nerve_root_compromise",
        "imaging.disc_herniation", "imaging.stenosis", "imaging.degenerative",
        "imaging.postsurgical", "imaging.equivocal", "edx.study", "edx.radiculopathy",
        "edx.normal", "hip.osteoarthritis", "surgery.planned", "surgery.prior",
        "conservative.failed", "therapy.pt", "therapy.chiropractic", "therapy.acupuncture",
        "function.improvement", "function.status", "work.status", "med.opioid", "med.nsaid",
        "med.muscle_relaxant", "med.ppi", "med.h2_blocker", "med.anticonvulsant",
        "med.antidepressant", "med.benzodiazepine", "med.sleep_aid", "med.topical",
        "opioid.uds", "opioid.agreement", "opioid.aberrant", "opioid.med", "gi.risk",
        "sleep.disturbance", "psych.depression", "psych.anxiety",
    }
    assert needed <= codes, needed - codes


def test_pages_without_text_are_reported() -> None:
    b = _bundle([{"id": "pdf-1", "date": "2016-10-19", "text": "Pain 5/10.\n\f\n   \n\f\nEnd."}])
    ev = extract(b)
    assert ev.needs_ocr == [("pdf-1", 2)]
