"""Therapies and services in the wording of 2017-2020 Final Determination Letters ("Per the
PR-2 dated 7-24-17, ...", "Treatment to date has included ..."), decided as of 9-25-2017 under
the MTUS of that date (the 2009 Chronic Pain Medical Treatment Guidelines, 8 CCR 9792.24.1
acupuncture) and ODG where the MTUS is silent. Fictional. Each pair has the outcome the
guideline gives and the one it withholds; each failed before its fix.

- The continuation of a course (course.response_to_prior: physical medicine, manipulation,
  psychological treatment; CPMTG 2009 pp. 98-99, 58-60, 23) needs objective functional
  improvement (8 CCR 9792.20: better activities of daily living or fewer work restrictions,
  and less dependence on medical treatment). Read as such: a tolerance longer than before with
  its subject left understood ("able to walk 20 minutes longer"), less medication ("decreased
  her need for pain medication", "decreased medication use"), an examination measure that
  improved without its figures ("range of motion has improved", "improved range of motion and
  strength"), a daily task now done ("she is now able to dress herself", "able to reach"), an
  activity taken up again ("a return to walking daily"). Not read: "tolerating therapy",
  "feels better", "subjective improvement", and a limit ("able to sit no longer than 20
  minutes").
- Transportation (ODG Knee & Leg): a patient who "cannot drive" two weeks after an ankle open
  reduction and internal fixation has a disability that prevents self-transport; the operation
  is named by its full name.
- TENS (CPMTG 2009 pp. 114-116): neuropathic pain named as such (with allodynia) is the
  guideline's condition; medications "which have not controlled the pain" were tried and
  failed. Interferential stimulation (p. 120): "pain that was not controlled with medications".
- Functional restoration (pp. 30-32): a list closed by ", all without lasting relief" is failed
  care even after a "not a surgical candidate" in the list; "unable to do housework" is a loss
  of the ability to function independently.
- Massage (p. 60) is an adjunct to a course of physical therapy the records report authorized.
- Work hardening (p. 125): "improvement to a plateau" is the plateau; with no job to return to,
  the rationale does not say the work status is undocumented.
"""

from __future__ import annotations

from _letter_case import decide_letter_items

from openimr.domain import ItemDecision

T = "Treatment to date has included "


def _decide(item: str, injured: str, text: str) -> ItemDecision:
    return decide_letter_items(
        [item], injured, text, ur="2017-08-20", decided="2017-09-25",
        case_number="CM00-services",
    )[0]


# ---- the response to the course already given: CPMTG 2009 pp. 98-99; 8 CCR 9792.20

BACK = (
    "The injured worker presented on 7-24-17 with low back pain radiating to the right buttock. "
    + T + "medications and 6 sessions of physical therapy. {response} Examination revealed "
    "lumbar flexion limited to 50 degrees and paraspinal tenderness. The treating physician "
    "requested 4 additional sessions of physical therapy."
)
PT = "Physical therapy 2 times a week for 2 weeks for the lumbar spine"


def test_a_longer_walk_with_its_subject_understood_continues_therapy() -> None:
    got = _decide(PT, "3-2-2017", BACK.format(
        response="Per the PR-2 dated 7-24-17, PT has helped, pain down from 7/10 to 4/10, able to "
        "walk 20 minutes longer."))
    assert got.decision == "overturned"
    assert '"able to walk 20 minutes longer"' in got.rationale
    vague = _decide(PT, "3-2-2017", BACK.format(
        response="The therapist noted that the patient is tolerating therapy well."))
    assert vague.decision == "upheld"


def test_a_limit_said_with_no_longer_is_no_improvement() -> None:
    got = _decide(PT, "3-2-2017", BACK.format(
        response="She is able to sit no longer than 20 minutes and her pain is unchanged."))
    assert got.decision == "upheld"
    assert "able to sit no longer" not in got.rationale


def test_less_need_for_medication_is_functional_improvement() -> None:
    """8 CCR 9792.20: a reduction in the dependency on continued medical treatment."""
    got = _decide(PT, "3-2-2017", BACK.format(
        response="Physical therapy has decreased her need for pain medication, and she now takes "
        "ibuprofen only occasionally."))
    assert got.decision == "overturned"
    assert '"decreased her need for pain medication"' in got.rationale
    attending = _decide(PT, "3-2-2017", BACK.format(
        response="She has been attending therapy consistently and is compliant with the program."))
    assert attending.decision == "upheld"


def test_improved_range_of_motion_and_strength_without_figures() -> None:
    got = _decide(PT, "3-2-2017", BACK.format(
        response="The physical therapy progress note documented improved range of motion and "
        "strength."))
    assert got.decision == "overturned"
    assert '"improved range of motion and strength"' in got.rationale
    felt = _decide(PT, "3-2-2017", BACK.format(
        response="She reported that therapy made her feel better temporarily."))
    assert felt.decision == "upheld"


SHOULDER = (
    "Per the PR-2 dated 7-24-17, the injured worker reported right shoulder pain with reaching "
    "overhead. Examination revealed abduction limited to 120 degrees and 4/5 strength. " + T
    + "medications and 6 sessions of {kind}. {response} The treating physician requested {req}."
)


def test_motion_that_improved_and_a_reach_now_possible_continue_therapy() -> None:
    item = "Physical therapy 4 additional sessions for the right shoulder"
    text = SHOULDER.format(kind="physical therapy", req="4 additional sessions of physical therapy",
                           response="Her range of motion has improved and she is now able to "
                           "reach the top shelf at work.")
    got = _decide(item, "2-2-2017", text)
    assert got.decision == "overturned"
    assert '"range of motion has improved"' in got.rationale
    subjective = SHOULDER.format(kind="physical therapy",
                                 req="4 additional sessions of physical therapy",
                                 response="She reported subjective improvement.")
    assert _decide(item, "2-2-2017", subjective).decision == "upheld"


def test_dressing_without_help_continues_manipulation() -> None:
    """CPMTG 2009 pp. 58-59: up to 18 visits with objective functional improvement."""
    item = "Chiropractic treatment 6 additional sessions for the right shoulder"
    req = "6 additional chiropractic sessions"
    got = _decide(item, "2-2-2017", SHOULDER.format(
        kind="chiropractic treatment", req=req,
        response="She is now able to dress herself and wash her hair without help."))
    assert got.decision == "overturned"
    assert '"She is now able to dress"' in got.rationale
    better = _decide(item, "2-2-2017", SHOULDER.format(
        kind="chiropractic treatment", req=req,
        response="She stated that the treatment is helping and she feels better."))
    assert better.decision == "upheld"


PSYCH = (
    "Per the PR-2 dated 7-24-17, the injured worker reported chronic low back pain rated 7/10 "
    "with depressed mood, poor sleep and fear of movement. " + T + "medications, physical "
    "therapy and 4 sessions of cognitive behavioral therapy{response}. The treating physician "
    "requested 6 additional sessions of cognitive behavioral therapy."
)
CBT = "Cognitive behavioral therapy 6 additional sessions"


def test_a_return_to_walking_daily_continues_psychotherapy() -> None:
    """CPMTG 2009 p. 23: 6 to 10 visits in all with objective functional improvement."""
    got = _decide(CBT, "3-3-2015", PSYCH.format(
        response=", with improved sleep and a return to walking daily"))
    assert got.decision == "overturned"
    assert '"a return to walking"' in got.rationale
    attending = _decide(CBT, "3-3-2015", PSYCH.format(
        response=", which she has been attending regularly"))
    assert attending.decision == "upheld"


# ---- transportation: ODG Knee & Leg, Transportation (to & from appointments)

TRANSPORT = "Transportation to and from medical appointments"


def test_cannot_drive_after_an_ankle_fixation_is_a_disability_preventing_self_transport() -> None:
    got = _decide(TRANSPORT, "5-5-2016", (
        "Per the PR-2 dated 7-24-17, the injured worker is 2 weeks after a right ankle open "
        "reduction and internal fixation, non-weight bearing with crutches, and cannot drive. "
        "She lives alone and has no one to drive her. The treating physician requested "
        "transportation to and from medical appointments."))
    assert got.decision == "overturned"
    assert '"cannot drive"' in got.rationale
    assert "There is no documentation of a disability" not in got.rationale
    drives = _decide(TRANSPORT, "5-5-2016", (
        "Per the PR-2 dated 7-24-17, the injured worker reported neck pain. She drives herself "
        "to work. The treating physician requested transportation to and from medical "
        "appointments."))
    assert drives.decision == "upheld"


# ---- electrical stimulation: CPMTG 2009 pp. 114-116 (TENS), p. 120 (interferential)

FOOT = (
    "Per the PR-2 dated 7-24-17, the injured worker reported {pain}, rated 7/10. " + T
    + "medications including gabapentin and amitriptyline, which have not controlled the pain, "
    "and physical therapy. She continues a home exercise program. The treating physician "
    "requested a 30 day trial of a TENS unit as an adjunct to her functional restoration."
)


def test_a_tens_trial_for_neuropathic_pain_that_medication_did_not_control() -> None:
    got = _decide("TENS unit 30 day trial", "5-5-2016", FOOT.format(
        pain="chronic neuropathic pain of the right foot after a crush injury, with burning and "
        "allodynia"))
    assert got.decision == "overturned"
    assert "There is no documentation of a neuropathic pain condition" not in got.rationale
    assert "was tried and failed" not in got.rationale
    mechanical = _decide("TENS unit 30 day trial", "5-5-2016", FOOT.format(
        pain="mechanical low back pain without radiation"))
    assert mechanical.decision == "upheld"
    assert "There is no documentation of a neuropathic pain condition" in mechanical.rationale


INTERFERENTIAL = (
    "Per the PR-2 dated 7-24-17, the injured worker reported low back pain{control}. " + T
    + "medications, physical therapy and a home exercise program which she continues. A "
    "one-month trial of an interferential unit in June 2017 decreased her pain from 7/10 to 4/10 "
    "and allowed her to reduce her medication use. The treating physician requested purchase "
    "of the interferential unit."
)


def test_an_interferential_unit_for_pain_medication_did_not_control() -> None:
    item = "Interferential unit purchase"
    got = _decide(item, "5-5-2016", INTERFERENTIAL.format(
        control=" that was not controlled with medications"))
    assert got.decision == "overturned"
    assert '"pain that was not controlled with medications"' in got.rationale
    controlled = _decide(item, "5-5-2016", INTERFERENTIAL.format(
        control=" that was well controlled with medications"))
    assert controlled.decision == "upheld"


# ---- functional restoration: CPMTG 2009 pp. 30-32

FRP = (
    "Per the PR-2 dated 7-24-17, the injured worker reported chronic low back pain rated 7/10 "
    "and has been off work since 2015. " + T + "medications, 24 sessions of physical therapy, "
    "chiropractic care, two epidural steroid injections and a spinal surgery consultation which "
    "found she was not a surgical candidate{response}. She is unable to do housework or sit "
    "more than 20 minutes. A multidisciplinary evaluation dated 7-10-17 with baseline functional "
    "testing found she could sit for 20 minutes and lift 10 pounds; she is motivated to return "
    "to work. The treating physician requested an initial two weeks (80 hours) of a functional "
    "restoration program."
)


def test_a_list_that_all_failed_and_housework_she_cannot_do_admit_her_to_a_program() -> None:
    item = "Functional restoration program 80 hours"
    got = _decide(item, "2-2-2015", FRP.format(response=", all without lasting relief"))
    assert got.decision == "overturned"
    assert '"all without lasting relief"' in got.rationale
    assert '"unable to do housework"' in got.rationale
    improving = _decide(item, "2-2-2015", FRP.format(response=", with steady improvement"))
    assert improving.decision == "upheld"
    assert "earlier methods of treating the pain were unsuccessful" in improving.rationale


# ---- massage: CPMTG 2009 p. 60 (an adjunct to other recommended treatment)

MASSAGE = (
    "Per the PR-2 dated 7-24-17, the injured worker complained of low back pain with muscle "
    "spasm. Examination revealed paraspinal spasm and flexion limited to 40 degrees. " + T
    + "medications. The treating physician requested 6 sessions of massage therapy. {therapy}"
)


def test_massage_beside_a_course_of_therapy_that_was_authorized() -> None:
    item = "Massage therapy 6 sessions for the lumbar spine"
    got = _decide(item, "1-9-2017", MASSAGE.format(
        therapy="Physical therapy 2 times a week for 4 weeks was authorized by utilization "
        "review."))
    assert got.decision == "overturned"
    assert "authorized by utilization review" in got.rationale
    denied = _decide(item, "1-9-2017", MASSAGE.format(
        therapy="Physical therapy 2 times a week for 4 weeks was non-certified by utilization "
        "review."))
    assert denied.decision == "upheld"


# ---- work hardening: CPMTG 2009 p. 125

def test_work_hardening_rationale_reads_the_plateau_and_the_lost_job() -> None:
    got = _decide("Work hardening program 10 sessions", "5-5-2016", (
        "Per the PR-2 dated 7-24-17, the injured worker reported low back pain. " + T
        + "12 sessions of physical therapy with improvement to a plateau. He was terminated by "
        "his employer in 2016 and has no job to return to. The treating physician requested a "
        "work hardening program."))
    assert got.decision == "upheld"
    assert "whose improvement has reached a plateau" not in got.rationale
    assert "no documentation of the work status" not in got.rationale
    assert '"no job to return to"' in got.rationale


# ---- the same principle, second set (each failed before)

KNEE = (
    "Per the PR-2 dated 7-24-17, the injured worker reported right knee pain with stairs. "
    "Examination revealed quadriceps weakness 4/5 and flexion to 110 degrees. " + T
    + "medications and 6 sessions of physical therapy. {response} The treating physician "
    "requested 4 additional sessions of physical therapy."
)
KNEE_PT = "Physical therapy 4 additional sessions for the right knee"


def test_a_muscle_grade_that_rose_and_a_return_to_full_duty_continue_therapy() -> None:
    """CPMTG 2009 pp. 98-99; 8 CCR 9792.20 (a reduction in work restrictions)."""
    for response, quoted in [
        ("Quadriceps strength increased from 3/5 to 4/5 with therapy.",
         '"strength increased from 3/5 to 4/5"'),
        ("After therapy she returned to full duty on 7-1-17.", '"she returned to full duty"'),
        ("Since therapy she can now climb stairs reciprocally, which she could not do before.",
         '"she can now climb"'),
    ]:
        got = _decide(KNEE_PT, "1-5-2017", KNEE.format(response=response))
        assert got.decision == "overturned", response
        assert quoted in got.rationale
    for response in ["Therapy decreased her pain from 6/10 to 4/10.",
                     "She reports 50% improvement with therapy.",
                     "She is progressing well in therapy."]:
        assert _decide(KNEE_PT, "1-5-2017", KNEE.format(response=response)).decision == "upheld"


def test_a_return_to_full_duty_after_therapy_keeps_the_work_status() -> None:
    from openimr.evidence import extract_text

    codes = {f.code: f.value for f in extract_text("After therapy she returned to full duty.")}
    assert "function.improvement" in codes
    assert codes.get("work.status") is not None
    assert "work.working" in codes


NECK = (
    "Per the PR-2 dated 7-24-17, the injured worker complained of neck pain with muscle spasm. "
    "Examination revealed trapezius spasm and rotation limited to 50 degrees. She continues a "
    "home exercise program daily. " + T + "medications and 4 sessions of massage therapy. "
    "{response} The treating physician requested 2 additional sessions of massage therapy."
)


def test_less_medication_after_massage_at_the_neck_she_can_turn() -> None:
    """CPMTG 2009 p. 60 (4 to 6 visits); turning the head is the neck's motion."""
    item = "Massage therapy 2 additional sessions for the cervical spine"
    got = _decide(item, "1-5-2017", NECK.format(
        response="After massage she was able to turn her head to drive and her medication use "
        "decreased."))
    assert got.decision == "overturned"
    assert '"her medication use decreased"' in got.rationale
    assert "for the head" not in got.rationale
    felt = _decide(item, "1-5-2017", NECK.format(response="She reported that massage felt good."))
    assert felt.decision == "upheld"


LOW_BACK = (
    "Per the PR-2 dated 7-24-17, the injured worker reported low back pain rated 6/10. She "
    "continues a home exercise program. " + T + "medications and 6 sessions of "
    "acupuncture{response}. The treating physician requested 6 additional sessions of acupuncture."
)


def test_a_return_to_gardening_extends_acupuncture() -> None:
    """8 CCR 9792.24.1(d): extended when functional improvement is documented."""
    item = "Acupuncture 6 additional sessions for the lumbar spine"
    got = _decide(item, "3-3-2016", LOW_BACK.format(
        response=", after which she was able to return to gardening"))
    assert got.decision == "overturned"
    assert '"was able to return to gardening"' in got.rationale
    relief = _decide(item, "3-3-2016", LOW_BACK.format(
        response=", which temporarily decreased her pain from 6/10 to 4/10"))
    assert relief.decision == "upheld"


# ---- gym membership: ODG Low Back, Gym memberships

GYM = (
    "Per the PR-2 dated 7-24-17, the injured worker reported low back pain. " + T + "physical "
    "therapy and a home exercise program that has been periodically revised by her therapist"
    "{outcome}; she needs a treadmill and weight machines, and her exercise will be monitored by "
    "her physical therapist. The treating physician requested a gym membership."
)


def test_a_revised_home_program_that_has_not_been_effective() -> None:
    got = _decide("Gym membership 3 months", "5-5-2016", GYM.format(
        outcome=" but has not been effective"))
    assert got.decision == "overturned"
    assert '"but has not been effective"' in got.rationale
    working = _decide("Gym membership 3 months", "5-5-2016", GYM.format(
        outcome=" and is going well"))
    assert working.decision == "upheld"
