"""Whole letters of 2017: a long case summary (several body parts, prior courses, dated reports)
and several disputed items decided together, each pair with the outcome or sentence the
guideline gives and the one it withholds. The cases are fictional.

- One body part's findings or course are not another's: a shoulder's weakness is no neck
  finding beside a neck examination with normal neurologic findings, a neck's course of therapy
  no visits of the shoulder's, and the neck's therapy no conservative care of the shoulder.
- A treatment's response is read in its own sentence: a hyaluronic series' six months are not
  the steroid injection's relief.
- What was done years ago is not the present: a course of therapy told among the treatments
  to date is no rehabilitation the sympathetic block would now accompany.
- The last entry of a list of requests is requested, not done ("requested X, Y, and a TENS
  unit"), and "back to modified duty" names no back.
"""

from __future__ import annotations

from _letter_case import decide_letter_items

from openimr.evidence.sentences import clause_bounds

NECK_SHOULDER = (
    "The injured worker tripped over a pallet and injured the left shoulder and neck. She was "
    "treated with medications and 12 sessions of physical therapy for the neck in 2015 with "
    "improvement. An MRI of the cervical spine dated 10-2-2015 showed mild multilevel "
    "degenerative changes without stenosis. She had no treatment directed to the shoulder "
    "until 2016. Per the orthopedic evaluation dated 12-6-2016, she reported left shoulder pain "
    "with overhead reaching and night pain for more than one year{failed}. Per the PR-2 dated "
    "2-8-2017, examination of the left shoulder revealed positive Neer and Hawkins impingement "
    "signs, painful arc, and weakness of external rotation rated 4/5. {neck} The treating "
    "physician requested a subacromial corticosteroid injection to the left shoulder, physical "
    "therapy for the left shoulder 2 times a week for 4 weeks and an MRI of the cervical spine."
)
NORMAL_NECK = (
    "Neck examination showed mild tenderness with full range of motion and normal neurologic "
    "findings."
)
ITEMS = [
    "Subacromial corticosteroid injection, left shoulder",
    "Physical therapy 2 times a week for 4 weeks, left shoulder",
    "MRI of the cervical spine",
]


def _neck_shoulder(neck: str = NORMAL_NECK, failed: str = " despite naproxen and a home "
                   "exercise program", shoulder_pt: str = "") -> list[tuple[str, str]]:
    text = NECK_SHOULDER.format(neck=neck, failed=failed)
    if shoulder_pt:
        text = text.replace(
            "She had no treatment directed to the shoulder until 2016.", shoulder_pt
        )
    got = decide_letter_items(
        ITEMS, "7-9-2015@44", text, sex="female", ur="2017-03-01", decided="2017-03-22"
    )
    return [(g.decision, g.rationale) for g in got]


def test_normal_neurologic_findings_of_the_neck_weigh_against_a_shoulder_weakness() -> None:
    """ACOEM 2004 ch. 8 pp. 177-178: a special study of the neck needs objective neurologic
    dysfunction; "normal neurologic findings" of the neck examination state its absence (not a
    neurologic finding), so a shoulder's weakness of external rotation beside it does not
    establish one; a dermatomal deficit of the arm does."""
    decision, rationale = _neck_shoulder()[2]
    assert decision == "upheld"
    assert '"normal neurologic findings"' in rationale
    decision, rationale = _neck_shoulder(
        neck="Neck examination showed positive Spurling's test on the left and decreased "
        "sensation in the left C6 dermatome."
    )[2]
    assert decision == "overturned"
    assert '"decreased sensation"' in rationale


def test_a_course_of_therapy_for_the_neck_is_not_the_shoulders() -> None:
    """CPMTG 2009 pp. 98-99: visits beyond a course already given depend on its response; 12
    visits given for the neck are no course of the shoulder, so 8 first visits for the shoulder
    fit the 9 to 10 the guideline gives; 12 given for the shoulder leave no room."""
    decision, rationale = _neck_shoulder()[1]
    assert decision == "overturned"
    assert "12 visits completed" not in rationale
    decision, rationale = _neck_shoulder(
        shoulder_pt="She completed 12 sessions of physical therapy for the left shoulder in 2016 "
        "without lasting benefit."
    )[1]
    assert decision == "upheld"
    assert "12 visits completed and 8 requested" in rationale


def test_the_necks_therapy_and_the_therapy_requested_are_no_conservative_care_of_the_shoulder(
) -> None:
    """ACOEM 2004 ch. 9 p. 204: a subacromial injection follows two to three weeks of
    conservative therapy of the shoulder; the neck's course of 2015 and the shoulder therapy
    requested beside the injection are neither, so with nothing else tried the injection
    waits; therapy given for the shoulder is that trial."""
    decision, rationale = _neck_shoulder(failed="")[0]
    assert decision == "upheld"
    assert '"physical therapy"' not in rationale
    decision, rationale = _neck_shoulder(
        failed="",
        shoulder_pt="She completed 6 sessions of physical therapy for the left shoulder in 2016.",
    )[0]
    assert decision == "overturned"
    assert "Conservative therapy has been tried" in rationale


KNEES = (
    "The injured worker has chronic left knee pain from osteoarthritis after a fall at work. Left "
    "knee x-rays dated 9-7-2016 showed severe medial compartment joint space narrowing with "
    "osteophytes. She has received two left knee corticosteroid injections, the last on "
    "8-10-2016, which gave 70% relief for {steroid}. She completed a series of three "
    "hyaluronic acid injections to the left knee in 2015 with 50% relief lasting six months. "
    "Per the PR-2 dated 5-16-2017, she reported left knee pain rated 8/10 with stiffness and "
    "difficulty climbing stairs, despite naproxen, physical therapy and home exercise. "
    "Examination of the left knee revealed crepitus, medial joint line tenderness and a small "
    "effusion. The treating physician requested a left knee corticosteroid injection and a "
    "series of three Synvisc injections to the left knee."
)


def test_a_repeat_knee_injection_is_judged_on_its_own_relief_not_a_hyaluronic_series() -> None:
    """ODG Knee & Leg, Corticosteroid injections (beside ACOEM 2004 ch. 13 pp. 339, 346): a
    repeat injection follows more than 50% relief lasting six to eight weeks. The steroid
    injection's 70% for three months is that relief; its one week is not, and the hyaluronic
    series' six months, told in another sentence, are not the steroid's."""
    def steroid(lasting: str) -> tuple[str, str]:
        got = decide_letter_items(
            ["Left knee corticosteroid injection", "Synvisc injections x3, left knee"],
            "3-15-2009@64", KNEES.format(steroid=lasting), sex="female", ur="2017-06-01",
            decided="2017-06-21",
        )[0]
        return got.decision, got.rationale

    decision, rationale = steroid("three months")
    assert decision == "overturned"
    assert "which gave 70% relief for three months" in rationale
    decision, rationale = steroid("one week")
    assert decision == "upheld"
    assert "lasting six months" not in rationale


CRPS = (
    "The injured worker sustained a crush injury to the left foot and developed complex regional "
    "pain syndrome of the left lower extremity, diagnosed in 2013, with allodynia, color and "
    "temperature changes and swelling. Treatment has included physical therapy, gabapentin and "
    "nortriptyline, and a spinal cord stimulator trial on 3-10-2015. Per the PR-2 dated "
    "7-13-2017, he reported burning left foot pain rated 8/10. {now}Examination revealed "
    "allodynia and mottling of the left foot. The treating physician requested a left lumbar "
    "sympathetic block."
)


def test_a_sympathetic_block_accompanies_therapy_of_the_present_not_one_of_years_ago() -> None:
    """CPMTG 2009 pp. 103-104: a sympathetic block for complex regional pain syndrome is an
    adjunct that lets the patient take part in therapy; physical therapy told among the
    treatments of years before is not the rehabilitation it would accompany, therapy attended
    now is."""
    def block(now: str) -> tuple[str, str]:
        got = decide_letter_items(
            ["Left lumbar sympathetic block"], "10-5-2012@55", CRPS.format(now=now),
            ur="2017-08-01", decided="2017-08-23",
        )[0]
        return got.decision, got.rationale

    decision, rationale = block("")
    assert decision == "upheld"
    assert "The block would accompany rehabilitation" not in rationale
    decision, rationale = block("He is currently attending physical therapy twice a week. ")
    assert decision == "overturned"
    assert '"attending physical therapy"' in rationale


SURGEON = (
    "The injured worker injured the low back pushing a stalled car. An MRI of the lumbar spine "
    "dated 8-12-2015 showed an L4-L5 disc protrusion with mild left foraminal narrowing. He had "
    "a left L4-L5 transforaminal epidural steroid injection on 10-1-2015 that gave 20% relief "
    "for one week. He completed 18 sessions of physical therapy. Per the PR-2 dated 10-5-2017, "
    "he reported low back pain rated 6/10 with occasional left thigh pain. Examination revealed "
    "lumbar tenderness{exam}. The treating physician requested a referral to a spine surgeon."
)


def test_a_spine_surgeon_sees_a_lesion_on_imaging_that_the_examination_matches() -> None:
    """ACOEM 2004 ch. 12 pp. 305-306: referral for surgical consultation asks for imaging that
    matches objective signs of neural compromise after failed conservative care; mild
    foraminal narrowing beside an intact examination is no lesion surgery treats, the same
    disc with a positive straight leg raise and an L5 sensory deficit is."""
    def referral(exam: str) -> tuple[str, str]:
        got = decide_letter_items(
            ["Referral to a spine surgeon"], "5-5-2015@43", SURGEON.format(exam=exam),
            ur="2017-10-23", decided="2017-11-15",
        )[0]
        return got.decision, got.rationale

    decision, rationale = referral(
        ", negative straight leg raise bilaterally and intact sensation, strength and reflexes"
    )
    assert decision == "upheld"
    decision, rationale = referral(
        ", positive straight leg raise on the left at 40 degrees and decreased sensation in the "
        "left L5 dermatome"
    )
    assert decision == "overturned"
    assert '"decreased sensation"' in rationale


THUMB = (
    "The injured worker developed right wrist and thumb pain from repetitive scanning at a "
    "warehouse. {before}Per the hand surgeon's report dated 5-10-2017, she was diagnosed with "
    "right de Quervain's tenosynovitis. Per the PR-2 dated 9-6-2017, she reported radial wrist "
    "pain rated 6/10. Examination revealed a positive Finkelstein test and tenderness over the "
    "first dorsal compartment. The treating physician requested a first dorsal compartment "
    "corticosteroid injection, occupational therapy 6 sessions, and a TENS unit."
)


def _thumb(before: str) -> tuple[str, str]:
    got = decide_letter_items(
        ["First dorsal compartment corticosteroid injection"], "11-11-2016@34",
        THUMB.format(before=before), sex="female", ur="2017-09-18", decided="2017-10-11",
    )[0]
    return got.decision, got.rationale


def test_a_splint_worn_is_the_splinting_tried_before_a_wrist_injection() -> None:
    """ACOEM 2004 ch. 11 pp. 265, 271: an injection of the wrist follows a trial of splinting
    and medication; "treated with a thumb spica splint" is that splinting, and without it the
    records show none (the TENS unit requested last in the list is no care tried)."""
    decision, rationale = _thumb("She was treated with a thumb spica splint and ibuprofen. ")
    assert decision == "overturned"
    assert '"splint"' in rationale
    decision, rationale = _thumb("")
    assert decision == "upheld"
    assert "There is no documentation of a trial of splinting and medication" in rationale
    assert '"TENS unit"' not in rationale


def test_the_last_entry_of_a_list_of_requests_stays_in_the_requests_clause() -> None:
    """A list's last entry after ", and a" continues the list and its verb (a request); a
    clause with its own subject and verb after ", and the" is a statement of its own."""
    sent = "The treating physician requested an MRI, EMG/NCV, and a TENS unit."
    at = sent.index("TENS")
    assert clause_bounds(sent, at, at + 4) == (0, len(sent))
    sent = "She reported neck pain, and the examination revealed tenderness."
    at = sent.index("tenderness")
    assert clause_bounds(sent, at, at + 10)[0] == sent.index("the examination")


WRIST = (
    "The injured worker fell from a truck bed and sustained a right distal radius fracture "
    "treated with open reduction and internal fixation on 8-12-2016. He completed 16 sessions "
    "of postoperative occupational therapy through 12-2016. Per the PR-2 dated 6-22-2017, he "
    "reported right wrist pain rated 4/10 and difficulty gripping tools. {work} The treating "
    "physician requested 8 additional sessions of occupational therapy for the right wrist."
)


def test_back_to_modified_duty_names_no_back() -> None:
    """A return "back to modified duty" is a gain in function (8 CCR 9792.20), not a finding of
    the low back: the rationale for the wrist's therapy does not set it aside as the lumbar
    spine's; a gain of the low back is."""
    def therapy(work: str) -> str:
        return decide_letter_items(
            ["Occupational therapy 8 sessions, right wrist"], "8-8-2016@52",
            WRIST.format(work=work), ur="2017-07-10", decided="2017-08-02",
        )[0].rationale

    assert "for the lumbar spine" not in therapy("He was back to modified duty.")
    assert "for the lumbar spine" in therapy(
        "His low back pain had improved, with walking tolerance increased to an hour."
    )
