"""Lead cases of the eighth issue-12 pass, in the 2018 letter wording ("The injured worker
presented on 1-8-18 with ..."), each with the outcome the guideline gives and the one it
withholds.

- A visit told as the patient's coming in ("presented on", "followed up on") dates the
  sentences after it, as "On 1-8-18, ..." does (evidence cues ``lead_date``): an examination
  three years before the request is not current (ACOEM 2004 ch. 9 pp. 207-208 asks for
  dysfunction after the conservative care, i.e. now), and a rationale quoting it gives the visit's
  date instead of "no visit date given".
- Acupuncture that "allowed her to reduce ibuprofen use" documents the reduction of pain
  medication the Acupuncture Medical Treatment Guidelines name as a reason for it (8 CCR
  9792.24.1(a)) as well as the functional improvement that extends it (9792.24.1(d), 9792.20(e):
  less dependence on treatment); without any documented gain the extension is not supported.
"""

from __future__ import annotations

from _letter_case import decide_letter_items

SHOULDER = (
    "The injured worker presented on {seen} with right shoulder pain and weakness. Examination "
    "revealed a positive drop arm test and 3/5 external rotation strength. X-rays of the "
    "shoulder were unremarkable. He completed 12 sessions of physical therapy and a "
    "subacromial injection without improvement. The treating physician requested an MRI of "
    "the right shoulder to evaluate for a full thickness rotator cuff tear."
)
MRI = "MRI of the right shoulder"


def _decide(item: str, injured: str, text: str) -> tuple[str, str]:
    got = decide_letter_items(
        [item], injured, text, ur="2018-02-20", decided="2018-03-15", case_number="CM00-lead8"
    )[0]
    return got.decision, got.rationale


def test_a_visit_the_patient_presented_at_dates_the_examination_after_it() -> None:
    """ACOEM 2004 ch. 9 pp. 207-208: the weakness must be found now, after conservative care."""
    decision, rationale = _decide(MRI, "6-4-2014", SHOULDER.format(seen="1-8-18"))
    assert decision == "overturned"
    assert "(clinical-case-summary, 1/8/2018)" in rationale
    assert "no visit date given" not in rationale
    old, why = _decide(MRI, "6-4-2014", SHOULDER.format(seen="3-2-15"))
    assert old == "upheld"
    assert "3/2/2015" in why


ACUPUNCTURE = (
    "Per the PR-2 dated 2-1-18, the injured worker reported neck pain rated 6/10. Treatment to "
    "date has included medications, physical therapy and 6 sessions of acupuncture in late "
    "2017, {response}. The treating physician requested 6 additional acupuncture sessions."
)
ACU = "Acupuncture 6 sessions for the cervical spine"


def test_acupuncture_that_let_her_reduce_her_medication_is_extended() -> None:
    """9792.24.1(a) and (d): reduced medication is the reason and the documented gain."""
    gained = ACUPUNCTURE.format(
        response="which decreased her pain from 8/10 to 5/10 and allowed her to reduce "
        "ibuprofen use and return to full duty work"
    )
    decision, rationale = _decide(ACU, "4-4-2016", gained)
    assert decision == "overturned"
    assert '"allowed her to reduce"' in rationale
    nothing = ACUPUNCTURE.format(response="with no documented functional improvement")
    assert _decide(ACU, "4-4-2016", nothing)[0] == "upheld"


BACK = (
    "The injured worker presented on 1-25-18 with low back pain after lifting at work on "
    "1-2-18. Examination revealed {exam}. Neurological examination was normal. She has been "
    "taking ibuprofen and was given instruction in home exercises. The treating physician "
    "requested physical therapy 2 times a week for 3 weeks."
)
PT = "Physical therapy 2 times a week for 3 weeks for the lumbar spine"


def test_a_normal_neurological_examination_does_not_deny_a_loss_of_motion() -> None:
    """CPMTG 2009 pp. 98-99: therapy treats a current functional deficit; a loss of motion is
    one whatever the neurological examination found, and a normal one denies only weakness."""
    decision, rationale = _decide(
        PT, "1-2-2018", BACK.format(exam="paraspinal spasm and limited flexion")
    )
    assert decision == "overturned"
    assert "does not settle it" not in rationale
    assert _decide(PT, "1-2-2018", BACK.format(exam="paraspinal tenderness"))[0] == "upheld"
    weak, why = _decide(PT, "1-2-2018", BACK.format(exam="4/5 weakness of the right hip flexors"))
    assert weak == "upheld"  # the normal examination contests the weakness it denies
    assert "does not settle it" in why


IMPINGEMENT = (
    "The injured worker presented on 1-11-18 with left shoulder pain with overhead activity. "
    "Examination revealed positive Neer and Hawkins tests and painful arc. {injection}She "
    "completed 12 sessions of physical therapy with a home exercise program over 6 months "
    "without lasting improvement. MRI of the left shoulder dated 8-1-17 showed supraspinatus "
    "tendinosis and a type II acromion. The treating physician requested left shoulder "
    "arthroscopic subacromial decompression."
)
SAD = "Left shoulder arthroscopic subacromial decompression"


def test_a_subacromial_injection_is_the_injection_tried_before_decompression() -> None:
    """ACOEM 2004 ch. 9 p. 211: three to six months of conservative care including
    injections before surgery for impingement; an injection named by its site is one."""
    tried = IMPINGEMENT.format(
        injection="A subacromial injection on 9-1-17 gave temporary relief only. "
    )
    decision, rationale = _decide(SAD, "4-4-2017", tried)
    assert decision == "overturned"
    assert '"subacromial injection"' in rationale
    assert _decide(SAD, "4-4-2017", IMPINGEMENT.format(injection=""))[0] == "upheld"


ACL = (
    "According to the progress report dated 12/12/2017, the injured worker reported right knee "
    "instability with giving way after a twisting injury at work. Examination revealed a "
    "positive Lachman test and positive pivot shift. MRI dated 10/1/2017 showed a complete tear "
    "of the anterior cruciate ligament. {course} The treating physician requested a right knee "
    "ACL reconstruction."
)
RECONSTRUCTION = "Right knee ACL reconstruction"


def test_therapy_that_did_not_resolve_the_instability_is_failed_care() -> None:
    """ACOEM 2004 ch. 13 pp. 344-345: surgery after exercise has failed, with a lesion on
    imaging; "physical therapy for 8 weeks did not resolve the giving way" is that failure, and
    the visit "dated 12/12/2017 ... after a twisting injury at work" dates the examination."""
    failed = ACL.format(course="Physical therapy for 8 weeks did not resolve the giving way.")
    decision, rationale = _decide(RECONSTRUCTION, "9-1-2017", failed)
    assert decision == "overturned"
    assert '"positive pivot shift" (clinical-case-summary, 12/12/2017)' in rationale
    untried = ACL.format(course="She has not had physical therapy.")
    assert _decide(RECONSTRUCTION, "9-1-2017", untried)[0] == "upheld"


HIP = (
    "According to the progress report dated 12/12/2017, the injured worker reported right hip "
    "pain since a fall at work. {exam}X-rays of the hip were normal. Physical therapy for 8 "
    "weeks and naproxen did not relieve the pain. The treating physician requested an MRI of "
    "the right hip."
)
HIP_MRI = "MRI of the right hip"


def test_hip_mri_after_failed_care_needs_findings_at_the_hip() -> None:
    """ODG Hip & Pelvis, MRI: for a lesion the clinical picture points to; naproxen that "did
    not relieve the pain" is failed care (before, only drugs named in a short list were read),
    and failed care alone names no lesion."""
    signs = HIP.format(
        exam="Examination revealed a positive FADIR test and pain with internal rotation. "
    )
    decision, rationale = _decide(HIP_MRI, "6-1-2017", signs)
    assert decision == "overturned"
    assert '"did not relieve"' in rationale
    bare = HIP.format(exam="Examination revealed tenderness over the lateral thigh. ")
    assert _decide(HIP_MRI, "6-1-2017", bare)[0] == "upheld"


BRACE = (
    "According to the progress report dated 12/12/2017, the injured worker reported right knee "
    "{complaint} after a twisting injury. {exam}The treating physician requested a hinged knee "
    "brace."
)


def test_a_knee_brace_after_the_mtus_update_is_decided_on_the_knee_chapter() -> None:
    """ACOEM 2004 ch. 13 p. 340 (the newest edition held for the knee): a brace for a torn or
    unstable ligament. In 2018 only ODG's brace topic for a request naming no body part was in
    force, and it knows only surgery and fractures; the knee's own topic comes first."""
    unstable = BRACE.format(
        complaint="instability",
        exam="Examination revealed a positive Lachman test. MRI showed an ACL tear. ",
    )
    got = decide_letter_items(
        ["Knee brace"], "10-15-2017", unstable, ur="2018-02-20", decided="2018-03-15"
    )[0]
    assert (got.decision, got.topic) == ("overturned", "acoem2004.knee.brace")
    sore = BRACE.format(
        complaint="pain", exam="Examination revealed medial joint line tenderness. "
    )
    got = decide_letter_items(
        ["Knee brace"], "10-15-2017", sore, ur="2018-02-20", decided="2018-03-15"
    )[0]
    assert (got.decision, got.topic) == ("upheld", "acoem2004.knee.brace")


STIMULATOR = (
    "According to the progress report dated 12/12/2017, the injured worker reported persistent "
    "{pain} after an L4-S1 fusion in 2015. Treatment since surgery has included physical "
    "therapy, medications and epidural injections without lasting relief. A psychological "
    "evaluation on 11/1/2017 cleared him for a spinal cord stimulator trial. The treating "
    "physician requested a spinal cord stimulator trial."
)
SCS_TRIAL = "Spinal cord stimulator trial"


def test_burning_leg_pain_after_a_fusion_is_radicular_pain() -> None:
    """CPMTG 2009 pp. 105-107: failed back surgery syndrome with persistent radicular pain; nerve
    pain told by its quality in the leg ("burning pain in the left leg") is that pain, axial
    back pain is not."""
    leg = STIMULATOR.format(pain="burning pain in the left leg")
    decision, rationale = _decide(SCS_TRIAL, "6-1-2013", leg)
    assert decision == "overturned"
    assert '"burning pain in the left leg"' in rationale
    back = STIMULATOR.format(pain="axial low back pain")
    assert _decide(SCS_TRIAL, "6-1-2013", back)[0] == "upheld"
