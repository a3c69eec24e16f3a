"""Rationale truth on letter-style cases written in the later letters' wording (fictional):
what a rationale or a case summary says about the records must be what the records say,
with the right polarity and the right date (issue 12, point 6)."""

from __future__ import annotations

from _letter_case import decide_letter_case, decide_letter_items

import openimr
from openimr.domain import CaseBundle, Determination

TWO_VISITS = (
    "The injured worker was diagnosed as having lumbar radiculitis. Treatment to date has "
    "included physical therapy, medications and MRI of the lumbar spine dated 6-2-2016. Per the "
    "progress report dated 10-4-2016, the injured worker complained of low back pain radiating "
    "to the right leg. Physical examination revealed decreased sensation in the right L5 "
    "dermatome. Per the progress report dated 11-1-2016, the injured worker reported low back "
    "pain rated 6 out of 10. On physical exam, sensation was intact to light touch in the lower "
    "extremities. There were no new neurological deficits. The treating physician requested a "
    "repeat MRI of the lumbar spine."
)


def test_a_negated_finding_is_quoted_with_the_words_that_negate_it() -> None:
    # the later examination's "There were no new neurological deficits" was quoted as "new
    # neurological deficits", which reads as a finding
    got = decide_letter_case("Repeat MRI of the lumbar spine", "4-11-2015", TWO_VISITS)
    assert got.decision == "upheld", got.rationale
    assert '"no new neurological deficits"' in got.rationale, got.rationale
    assert '"new neurological deficits"' not in got.rationale


KNEE = (
    "The injured worker was diagnosed with left knee medial meniscus tear. MRI of the left knee "
    "dated 8-20-2016 revealed a complex tear of the posterior horn of the medial meniscus. "
    "Treatment to date has included physical therapy and medications. Per the progress note "
    "dated 10-20-2016, she denied locking or catching. Examination revealed medial joint line "
    "tenderness. McMurray's test was negative."
)


def test_an_undated_sentence_of_a_case_summary_is_not_given_the_summarys_date() -> None:
    # the summary is dated the day the letter was written; its background sentence ("was
    # diagnosed with ...") reports no visit date, and the engine's own timeline places it on
    # none (evidence_set.timeline_date): the rationale must not date it 12/10/2016
    got = decide_letter_case("Left knee arthroscopy with partial medial meniscectomy",
                             "2-14-2016", KNEE, sex="female")
    # the rationale gives the deciding reason (no symptom beyond pain, ACOEM 2004 ch. 13
    # pp. 344-345); every criterion's statement quotes the records the same way
    said = " ".join([got.rationale, *(c.statement for c in got.criteria)])
    assert "(clinical-case-summary, 12/10/2016)" not in said, said
    assert '"medial meniscus tear" (clinical-case-summary, no visit date given)' in said
    # dated sentences keep their dates
    assert "(clinical-case-summary, 10/20/2016)" in said


def _decide(records: list[tuple[str, str]], item: str, injured: str) -> Determination:
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-0000078",
            "dates": {"ur_denial": "2016-11-20", "decision": "2016-12-20"},
            "patient": {"age": 45, "sex": "female"},
            "claim": {"date_of_injury": injured},
            "records": [
                {"id": f"pr-{i + 1}", "date": d, "kind": "progress report", "text": t}
                for i, (d, t) in enumerate(records)
            ],
            "requests": [{"id": "1", "item": item, "ur_decision": "denied"}],
        }
    )
    return openimr.decide(bundle)


NECK = [
    ("2016-08-01", "Subjective: Neck pain after lifting boxes at work. Denies numbness or "
     "tingling in the arms. Objective: Cervical paraspinal tenderness. Spurling's test negative. "
     "Plan: Physical therapy 2 times a week for 4 weeks, naproxen."),
    ("2016-10-20", "Subjective: Neck pain continues, rated 6/10, no better after 8 physical "
     "therapy visits. Objective: Cervical rotation is decreased. No neurologic deficits. Plan: "
     "MRI of the cervical spine to evaluate for disc herniation."),
]


def test_the_case_summary_says_what_the_records_say() -> None:
    det = _decide(NECK, "MRI of the cervical spine", "2016-07-25")
    summary = det.clinical_case_summary
    # "no better after 8 physical therapy visits": the therapy was given
    assert "no physical therapy" not in summary, summary
    # "to evaluate for disc herniation": what the study would look for, not an absence
    assert "no disc herniation" not in summary, summary
    assert '"to evaluate for disc herniation"' in summary, summary


def test_the_case_summary_quotes_a_sign_it_does_not_name_as_a_diagnosis() -> None:
    # "pain with internal rotation" and "positive FABER" are read with the concept hip
    # osteoarthritis (ODG Hip & Pelvis), but the record diagnoses no osteoarthritis
    hip = [
        ("2016-09-01", "Left hip pain after a fall from a ladder. X-ray of the left hip was "
         "negative for fracture. Examination: tenderness over the greater trochanter."),
        ("2016-11-10", "Left hip pain continues despite 12 sessions of physical therapy. "
         "Examination: pain with internal rotation of the left hip, positive FABER test on the "
         "left. Plan: MRI of the left hip to rule out a labral tear."),
    ]
    det = _decide(hip, "MRI of the left hip", "2016-08-20")
    summary = det.clinical_case_summary
    assert "osteoarthritis" not in summary, summary
    assert '"pain with internal rotation"' in summary, summary


def test_physical_therapy_no_better_is_a_failed_strengthening_program() -> None:
    # ACOEM 2004 ch. 8 pp. 177-178: special studies for failure to progress in a strengthening
    # program; "no better after 8 physical therapy visits" is that failure (it read as no
    # physical therapy), "better after 8 physical therapy visits" is not
    got = _decide(NECK, "MRI of the cervical spine", "2016-07-25").items[0]
    assert got.decision == "overturned", got.rationale
    assert '"no better after 8 physical therapy' in got.rationale
    helped = [NECK[0], (NECK[1][0], NECK[1][1].replace("no better", "much better"))]
    got = _decide(helped, "MRI of the cervical spine", "2016-07-25").items[0]
    assert got.decision == "upheld", got.rationale


def test_a_grade_is_quoted_with_what_it_grades() -> None:
    # "weakness of the right extensor hallucis longus, rated 4/5" was quoted as "rated 4/5"
    text = (
        "Diagnoses included L4-L5 degenerative spondylolisthesis. Treatment to date has included "
        "physical therapy, epidural steroid injections and medications without lasting relief. "
        "Per the progress report dated 10-21-2016, he reported back pain and bilateral leg pain "
        "with walking. Examination revealed weakness of the right extensor hallucis longus, "
        "rated 4/5."
    )
    got = decide_letter_case("L4-L5 posterior lumbar interbody fusion", "6-6-2014", text)
    assert '"rated 4/5"' not in got.rationale, got.rationale
    assert "extensor hallucis longus, rated 4/5" in got.rationale, got.rationale


def test_a_plan_to_look_for_a_finding_is_no_examination_that_finds_it_absent() -> None:
    # "EMG to evaluate for a sensory deficit": NegEx reads the plan's object as negated, but
    # it is no later examination without the deficit
    import datetime as dt

    from openimr.domain import Finding
    from openimr.evidence import EvidenceSet
    from openimr.review.rationale import Absence, Sentence, check_absence

    def finding(start: int, text: str, assertion: str, observation: str, role: str,
                day: int) -> Finding:
        return Finding(
            code="neuro.sensory_deficit", label="sensory deficit", record_id=f"pr-{day}",
            start=start, end=start + len(text), text=text, sentence=text,
            record_date=dt.date(2016, 10, day), assertion=assertion,  # type: ignore[arg-type]
            observation=observation, role=role,  # type: ignore[arg-type]
            region="lower extremity",
        )

    ev = EvidenceSet(findings=[
        finding(0, "decreased sensation", "present", "objective", "clinical", 4),
        finding(40, "sensory deficit", "negated", "plan", "plan", 20),
    ])
    claim = Sentence("There is no documentation of a sensory deficit.",
                     [Absence(["neuro.sensory_deficit"], None, None)])
    said, _ = check_absence(claim, ev, dt.date(2016, 10, 20))
    assert "no longer finds" not in said.text, said.text
    assert "does not repeat it" in said.text, said.text


POSTOP = (
    "She underwent left knee arthroscopic {operation} on 8-1-2016. She has completed twelve "
    "sessions of post-operative physical therapy. Per the progress report dated 10-17-2016, she "
    "reported improvement, with knee flexion improved from 90 to 120 degrees and her walking "
    "tolerance increased to 30 minutes. She continues to have quadriceps weakness. The treating "
    "physician requested 12 additional sessions."
)


def test_the_postsurgical_course_is_the_operation_the_records_report() -> None:
    # MTUS Postsurgical Treatment Guidelines (8 CCR 9792.24.3), knee: 12 visits after a
    # meniscectomy, 24 after a ligament reconstruction. The request names no operation; the
    # records do, and the course is that operation's (it was knee surgery's 24 for both, and
    # the rationale said 12 done and 12 more "fits the postsurgical course")
    item = "Post-operative physical therapy 3 times a week for 4 weeks for the left knee"
    got = decide_letter_case(item, "3-2-2016",
                             POSTOP.format(operation="partial medial meniscectomy"), sex="female")
    assert got.decision == "upheld", got.rationale
    assert "the general course after meniscectomy or debridement is 12" in got.rationale
    got = decide_letter_case(item, "3-2-2016",
                             POSTOP.format(operation="anterior cruciate ligament reconstruction"),
                             sex="female")
    assert got.decision == "overturned", got.rationale


def test_a_source_after_the_mtus_does_not_say_the_mtus_does_not_address_it() -> None:
    # ACOEM 2004 ch. 12 p. 301 (MTUS until 12/1/2017) addresses lumbar supports; decided in
    # 2018 the knowledge base holds no MTUS edition in force, which is not the same as the MTUS
    # not addressing the request (the MTUS in force comes first in the search sequence)
    text = (
        "Diagnoses included chronic low back pain. Per the progress note dated 12-11-2017, the "
        "injured worker reported low back pain with prolonged standing. Examination revealed "
        "paraspinal tenderness. The treating physician requested a lumbar brace for support."
    )
    got = decide_letter_items(["Lumbar support brace"], "8-19-2013", text,
                              ur="2018-01-15", decided="2018-02-20")[0]
    assert "the MTUS does not address this request" not in got.rationale, got.rationale
    assert "holds no MTUS guideline in force on 2/20/2018" in got.rationale, got.rationale
    assert any(n.kind == "edition" and "MTUS in force" in n.text for n in got.notes), got.notes
