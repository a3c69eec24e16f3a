"""Equipment, electrodiagnosis and evaluations in letter-style fictional cases (2017 wording:
"Per the PR-2 dated", "treatment to date has included", "certified by utilization review"),
each with the outcome the guideline gives and the one it withholds, and the rationale
sentences that must be true of the records.

- TENS, H-wave and interferential units (CPMTG 2009 pp. 114-120): the home trial is one month;
  a first rental asked for three months goes past it. A list of treatments closed by one
  failure ("..., and a TENS unit trial, all without relief") is the failure H-wave asks for.
- Continuous passive motion after a knee replacement (ODG Knee & Leg): an operation reported
  done in the sentence that says UR certified it is done; the rental is counted in days.
- A cold therapy unit (ODG, Continuous-flow cryotherapy): up to seven days after surgery; a
  rental for a month is longer, in whichever unit it is counted.
- Electromyography for subtle focal dysfunction (ACOEM 2004 ch. 12 p. 303, ch. 8 p. 178): a
  repeat study needs findings new or worse since the earlier one (a deficit the examination
  calls unchanged, or "no new neurological deficits", is not); a cervical radiculopathy that
  imaging shows compressing the root, with a matching deficit, is not subtle.
- A functional capacity evaluation (ACOEM 2004 ch. 7 pp. 137-138; ODG Fitness for Duty): near
  maximal improvement with a question about return to the usual job, not after an
  unrestricted return to it.
- Quotations keep the limit said with an inability ("unable to walk more than half a block").
"""

from __future__ import annotations

from _letter_case import decide_letter_items

from openimr.domain import ItemDecision


def _decide(item: str, injured: str, text: str) -> ItemDecision:
    return decide_letter_items(
        [item], injured, text, ur="2017-03-20", decided="2017-04-20", case_number="CM00-equip2"
    )[0]


TENS = (
    "The injured worker was diagnosed with lumbar radiculopathy. Per the PR-2 dated 3-6-17, the "
    "injured worker complained of low back pain radiating to the left leg with numbness in the "
    "left foot. Physical examination revealed decreased sensation in the left L5 dermatome. "
    "Treatment to date has included medications and physical therapy without lasting relief. "
    "He continues his home exercise program. The treating physician requested a TENS unit "
    "{length}."
)


def test_a_tens_rental_longer_than_the_one_month_trial_is_not_the_trial() -> None:
    """CPMTG 2009 pp. 114-116: a one-month home trial for chronic neuropathic pain after
    other treatment failed; three months of rental is not that trial."""
    trial = _decide("TENS unit 30 day rental", "3-2-2015", TENS.format(length="for a 30 day trial"))
    assert trial.decision == "overturned", trial.rationale
    longer = _decide("TENS unit rental for 3 months", "3-2-2015",
                     TENS.format(length="rental for 3 months"))
    assert longer.decision == "upheld", longer.rationale
    assert "longer than the one-month trial" in longer.rationale, longer.rationale
    assert "(3 months requested)" in longer.rationale
    # after a trial that helped, three months more of the unit or its supplies is continued
    # use (p. 116), not a first trial asked for too long
    helped = TENS.format(length="rental for 3 months").replace(
        "He continues", "He has used a TENS unit daily since a trial, with pain reduced from 7/10 "
        "to 4/10 and improved walking tolerance. He continues")
    for item in ("TENS unit rental for 3 months", "TENS unit supplies for 3 months"):
        got = _decide(item, "3-2-2015", helped)
        assert got.decision == "overturned", got.rationale
        assert "The trial asked for is no longer than one month" not in got.rationale


HWAVE = (
    "The injured worker was diagnosed with chronic right shoulder tendinitis. Per the PR-2 dated "
    "3-6-17, she complained of right shoulder pain rated 6/10. Treatment to date has included "
    "medications, physical therapy and a TENS unit trial{result}. She continues a home exercise "
    "program. The treating physician requested a 30 day home trial of an H-wave unit."
)


def test_an_h_wave_trial_after_care_that_all_failed() -> None:
    """CPMTG 2009 pp. 117-118: after exercise, medication and TENS have failed. "All without
    relief" closes the list; the rationale quotes that failure, not only the care tried."""
    failed = _decide(
        "H-wave unit 30 day trial", "3-2-2015", HWAVE.format(result=", all without relief")
    )
    assert failed.decision == "overturned", failed.rationale
    assert 'Conservative care has failed: "all without relief"' in failed.rationale
    tried = _decide("H-wave unit 30 day trial", "3-2-2015", HWAVE.format(result=""))
    assert tried.decision == "upheld", tried.rationale


CPM = (
    "The injured worker was diagnosed with {dx}. He underwent {operation} on 3-10-17, certified "
    "by utilization review. Per the PR-2 dated 3-14-17, he had limited motion of the operated "
    "joint. The treating physician requested a continuous passive motion machine for 14 days "
    "of home use."
)
CPM_ITEM = "Continuous passive motion machine 14 day rental"


def test_cpm_after_a_knee_replacement_reported_with_its_certification() -> None:
    """ODG Knee & Leg, Continuous passive motion: up to 17 days at home after a knee
    replacement; not after a rotator cuff repair (ODG Shoulder). The operation reported done
    in the sentence that says UR certified it is done, and the rental is 14 days, not visits."""
    knee = _decide(CPM_ITEM, "3-2-2015", CPM.format(
        dx="right knee osteoarthritis", operation="a right total knee arthroplasty"))
    assert knee.decision == "overturned", knee.rationale
    assert "There is no documentation of a surgery" not in knee.rationale
    assert "14 days requested" in knee.rationale and "14 sessions" not in knee.rationale
    shoulder = _decide(CPM_ITEM, "3-2-2015", CPM.format(
        dx="a right rotator cuff tear", operation="an arthroscopic right rotator cuff repair"))
    assert shoulder.decision == "upheld", shoulder.rationale


COLD = (
    "The injured worker was diagnosed with a right knee medial meniscus tear. Per the PR-2 dated "
    "3-6-17, he reported locking and catching of the right knee despite physical therapy. The "
    "right knee arthroscopy with partial medial meniscectomy was certified by utilization review "
    "on 3-15-17. The treating physician requested a cold therapy unit {length} after surgery."
)


def test_a_cold_therapy_unit_for_a_month_is_past_the_first_week() -> None:
    """ODG Knee & Leg, Continuous-flow cryotherapy: up to seven days after surgery, however
    the length of a longer rental is counted."""
    week = _decide("Cold therapy unit 7 day rental", "3-2-2016", COLD.format(length="for 7 days"))
    assert week.decision == "overturned", week.rationale
    month = _decide("Cold therapy unit rental for one month", "3-2-2016",
                    COLD.format(length="rental for one month"))
    assert month.decision == "upheld", month.rationale


REPEAT_EMG = (
    "The injured worker was diagnosed with lumbar radiculopathy. EMG/NCV of the lower "
    "extremities dated 6-10-16 revealed a chronic left L5 radiculopathy. Per the PR-2 dated "
    "3-6-17, the injured worker complained of {complaint}. Examination revealed {exam}. The "
    "treating physician requested {item}."
)


def test_a_repeat_emg_needs_findings_new_since_the_last_study() -> None:
    """ACOEM 2004 ch. 12 p. 303 (our reading, as ch. 8 p. 178 for the arm): the earlier
    study answered the question; another needs new or worse findings. A deficit the
    examination calls unchanged is not new, for want of an earlier mention in the summary."""
    item = "Repeat EMG/NCV of the bilateral lower extremities"
    same = _decide(item, "9-2-2014", REPEAT_EMG.format(
        complaint="unchanged low back pain radiating to the left leg",
        exam="decreased sensation in the left L5 dermatome, unchanged from prior examinations",
        item="a repeat EMG/NCV of the bilateral lower extremities"))
    assert same.decision == "upheld", same.rationale
    # the sentences say why, and they are true: the deficit is documented, it is not new
    assert '"decreased sensation" (clinical-case-summary, 3/6/2017), but not as new or worse' in (
        same.rationale)
    assert "with no new or worse neurologic findings since the earlier one" in same.rationale
    assert "do not show a persistent focal neurologic deficit" not in same.rationale
    new = _decide(item, "9-2-2014", REPEAT_EMG.format(
        complaint="new right leg pain and numbness over the past month",
        exam="new weakness of right ankle dorsiflexion 4/5 and decreased sensation in the "
        "right L5 dermatome, which had been normal on prior examinations",
        item="a repeat EMG/NCV of the bilateral lower extremities"))
    assert new.decision == "overturned", new.rationale


def test_no_new_neurological_deficits_is_no_new_finding_for_a_study_already_done() -> None:
    """The same, with the earlier study read from the narrative (the item is not worded
    "repeat") and the examination's own "there were no new neurological deficits"."""
    text = REPEAT_EMG.format(
        complaint="low back pain radiating to the left leg",
        exam="decreased sensation in the left L5 dermatome. There were no new neurological "
        "deficits",
        item="EMG/NCV of the bilateral lower extremities")
    got = _decide("EMG/NCV of the bilateral lower extremities", "9-2-2014", text)
    assert got.decision == "upheld", got.rationale
    assert "not established" not in got.rationale, got.rationale


NECK_EMG = (
    "Per the PR-2 dated 3-6-17, the injured worker complained of neck pain radiating to the "
    "right arm with numbness of the right thumb. Examination revealed a positive Spurling's "
    "test on the right, decreased sensation in the right C6 dermatome and a diminished right "
    "biceps reflex. MRI of the cervical spine dated 2-1-17 revealed {mri}. The treating "
    "physician requested EMG/NCV of the bilateral upper extremities."
)


def test_an_arm_emg_for_a_radiculopathy_imaging_already_shows() -> None:
    """ACOEM 2004 ch. 8 p. 178: the studies help find subtle focal dysfunction; a root
    compressed on MRI with the matching deficit on examination is not subtle. With imaging
    that does not explain the deficit, the studies have a question to answer."""
    item = "EMG/NCV of the bilateral upper extremities"
    obvious = _decide(item, "9-2-2016", NECK_EMG.format(
        mri="a right C5-C6 disc herniation compressing the right C6 nerve root"))
    assert obvious.decision == "upheld", obvious.rationale
    subtle = _decide(item, "9-2-2016", NECK_EMG.format(
        mri="mild degenerative disc disease at C5-C6 without nerve root compression"))
    assert subtle.decision == "overturned", subtle.rationale


FCE = (
    "The injured worker was diagnosed with lumbar strain. Per the PR-2 dated 3-6-17, he reported "
    "low back pain rated 3/10. {state} The treating physician requested a functional capacity "
    "evaluation{purpose}."
)


def test_an_fce_near_mmi_with_a_question_about_the_usual_job() -> None:
    """ACOEM 2004 ch. 7 pp. 137-138, ODG Fitness for Duty: near maximal improvement, with a
    question about return to a specific job; not once the worker is back at the usual job
    without restrictions."""
    question = _decide("Functional capacity evaluation", "3-2-2015", FCE.format(
        state="He has completed physical therapy and no further treatment is planned. The "
        "treating physician stated he is approaching maximum medical improvement.",
        purpose=" to determine whether he can return to his usual job as a warehouse worker, "
        "which requires lifting up to 75 pounds"))
    assert question.decision == "overturned", question.rationale
    assert "There is no documentation of a question about the worker's capacity" not in (
        question.rationale)
    back = _decide("Functional capacity evaluation", "3-2-2015", FCE.format(
        state="He has returned to his usual job without restrictions. He was declared "
        "permanent and stationary.", purpose=""))
    assert back.decision == "upheld", back.rationale
    assert "back at the usual job without restrictions" in back.rationale


WALKER = (
    "The injured worker was diagnosed with bilateral knee osteoarthritis. Per the PR-2 dated "
    "3-6-17, she complained of bilateral knee pain and reported falling twice in the past "
    "month. Examination revealed crepitus of both knees. She is unable to walk more than half "
    "a block. The treating physician requested a front wheeled walker."
)


def test_a_quoted_inability_keeps_its_limit() -> None:
    """ODG Knee & Leg, Walking aids: the rationale quotes what the records say; "unable to
    walk" alone would say more than "unable to walk more than half a block"."""
    got = _decide("Front wheeled walker", "3-2-2015@68", WALKER)
    assert got.decision == "overturned", got.rationale
    assert '"unable to walk more than half a block"' in got.rationale, got.rationale
    assert '"unable to walk"' not in got.rationale


FRP = (
    "The injured worker was diagnosed with chronic low back pain. Per the PR-2 dated 3-6-17, he "
    "reported low back pain rated 7/10 and is unable to sit for more than 20 minutes. Treatment "
    "to date has included medications, physical therapy and injections without lasting "
    "improvement. {stance} The treating physician requested {item}."
)


def test_a_psychological_evaluation_before_a_functional_restoration_program() -> None:
    """CPMTG 2009 pp. 30-32, 100-101: the evaluation before a functional restoration program
    includes a psychological one; a program considered is a reason for it. Without pain beyond
    treatment, psychological symptoms or a program, there is none."""
    planned = _decide("Psychological evaluation", "3-2-2014", (
        "The injured worker was diagnosed with chronic low back pain. Per the PR-2 dated "
        "3-6-17, he reported low back pain rated 7/10. He is being considered for a functional "
        "restoration program. The treating physician requested a psychological evaluation as "
        "part of the functional restoration program evaluation."))
    assert planned.decision == "overturned", planned.rationale
    assert "functional restoration program" in planned.rationale
    none = _decide("Psychological evaluation", "3-2-2016", (
        "The injured worker was diagnosed with right knee sprain. Per the PR-2 dated 3-6-17, she "
        "reported right knee pain rated 3/10, improving with physical therapy. She denied "
        "depression or anxiety. The treating physician requested a psychological evaluation."))
    assert none.decision == "upheld", none.rationale


def test_a_worker_with_no_intention_of_returning_is_not_motivated_for_a_program() -> None:
    """CPMTG 2009 p. 32: the candidate is motivated to change; one who states he has no
    intention of returning to work and does not wish to take part is not. A motivated one,
    after failed care with a loss of function, is a candidate for the evaluation."""
    item = "Functional restoration program evaluation"
    refused = _decide(item, "3-2-2014", FRP.format(
        stance="He stated he has no intention of returning to work.",
        item="an evaluation for a functional restoration program"))
    assert refused.decision == "upheld", refused.rationale
    assert "not motivated to take part" in refused.rationale
    willing = _decide(item, "3-2-2014", FRP.format(
        stance="He is motivated to return to work.",
        item="an evaluation for a functional restoration program"))
    assert willing.decision == "overturned", willing.rationale
    # the request is the evaluation: the conclusion does not claim the program's own criteria
    assert "or the evaluation before it" in willing.rationale, willing.rationale


def test_an_h_wave_purchase_after_a_trial_that_helped() -> None:
    """CPMTG 2009 pp. 117-118: after medication, therapy and TENS all failed ("a TENS unit,
    all without relief"), a trial with less pain and better function supports the purchase;
    without the trial's result it does not."""
    text = (
        "The injured worker was diagnosed with chronic right shoulder tendinitis. Per the PR-2 "
        "dated 3-6-17, she completed a 30 day H-wave trial after medications, physical therapy "
        "and a TENS unit, all without relief. {result}She continues a home exercise program. The "
        "treating physician requested purchase of the H-wave unit."
    )
    helped = _decide("H-wave unit purchase", "3-2-2015", text.format(
        result="She used the H-wave unit twice daily, with pain reduced from 8/10 to 5/10 and "
        "improved ability to perform household chores. "))
    assert helped.decision == "overturned", helped.rationale
    unknown = _decide("H-wave unit purchase", "3-2-2015", text.format(result=""))
    assert unknown.decision == "upheld", unknown.rationale
