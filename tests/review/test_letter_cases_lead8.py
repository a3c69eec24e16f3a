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
