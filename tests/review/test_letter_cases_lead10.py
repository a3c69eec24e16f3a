"""Lead cases of the tenth issue-12 pass, each with the outcome or sentence the guideline
gives and the one it withholds (fictional summaries in 2016-2017 letter wording)."""

from __future__ import annotations

from _letter_case import decide_letter_items

ACUTE_KNEE = (
    "According to the progress report dated 10/20/2016, the injured worker twisted his right "
    "knee at work four weeks ago. He reported {symptom} of the right knee. Examination of the "
    "right knee revealed medial joint line tenderness and a positive McMurray test. The "
    "treating physician requested an MRI of the right knee."
)


def test_an_acute_knee_mri_stands_on_giving_way_not_on_weakness() -> None:
    """ODG Knee & Leg, MRI's: after acute trauma, a suspected ligament or cartilage tear (the
    knee giving way or locking, with findings); ACOEM 2004 ch. 13 pp. 341-343. A knee that
    feels weak is not a knee that gives way (the distinction pp. 344-345 draw as well)."""
    gives = decide_letter_items(
        ["MRI of the right knee"], "9-22-2016@40", ACUTE_KNEE.format(symptom="pain and giving way")
    )[0]
    assert gives.decision == "overturned"
    assert '"giving way"' in gives.rationale
    weak = decide_letter_items(
        ["MRI of the right knee"], "9-22-2016@40", ACUTE_KNEE.format(symptom="pain and weakness")
    )[0]
    assert weak.decision == "upheld"
    assert "There is no documentation of an acute injury with giving way" in weak.rationale


BRACE = (
    "According to the progress report dated 10/20/2016, the injured worker has had right knee "
    "pain since 2014 with {symptom}. Examination of the right knee showed crepitus. The "
    "treating physician requested a right knee brace."
)


def test_a_knee_brace_stands_on_a_knee_that_gives_way_not_on_weakness() -> None:
    """ACOEM 2004 ch. 13 p. 340: a brace for patellar instability or a ligament tear or
    instability; reported weakness of the knee is not instability."""
    gives = decide_letter_items(
        ["Right knee brace"], "9-22-2014@40",
        BRACE.format(symptom="the knee giving way when descending stairs"),
    )[0]
    assert gives.decision == "overturned"
    weak = decide_letter_items(
        ["Right knee brace"], "9-22-2014@40", BRACE.format(symptom="weakness")
    )[0]
    assert weak.decision == "upheld"
    assert "There is no documentation of instability of the knee" in weak.rationale


NECK_HANDS = (
    "According to the progress report dated 10/12/2016, the injured worker complained of neck "
    "pain with intermittent numbness and tingling in both hands. {exam} The plan was "
    "electrodiagnostic studies of the bilateral upper extremities."
)


def test_arm_nerve_studies_stand_on_a_sign_or_a_diagnosed_entrapment_not_on_tingling() -> None:
    """ACOEM 2004 ch. 11 pp. 261, 268-269: the studies confirm a suspected nerve entrapment
    (or tell it from a radiculopathy, ch. 8 p. 178); numbness and tingling with a normal
    neurologic examination and no entrapment named is a symptom nobody has tied to a nerve."""
    normal = decide_letter_items(
        ["EMG/NCV of the bilateral upper extremities"], "3-14-2014@51",
        NECK_HANDS.format(exam=(
            "Sensation was intact to light touch in all dermatomes of the upper extremities, "
            "motor strength was 5/5 and deep tendon reflexes were 2+ and symmetric."
        )),
    )[0]
    assert normal.decision == "upheld"
    assert "There is no documentation of examination signs of a nerve entrapment" in (
        normal.rationale
    )
    assert '"tingling"' not in normal.rationale
    tinel = decide_letter_items(
        ["EMG/NCV of the bilateral upper extremities"], "3-14-2014@51",
        NECK_HANDS.format(exam="Tinel's sign was positive at both wrists."),
    )[0]
    assert tinel.decision == "overturned"
    diagnosed = decide_letter_items(
        ["EMG/NCV of the bilateral upper extremities"], "3-14-2014@51",
        NECK_HANDS.format(exam="The diagnoses included bilateral carpal tunnel syndrome."),
    )[0]
    assert diagnosed.decision == "overturned"


def test_a_sensory_deficit_the_examiner_appreciated_is_a_sign_in_a_reported_sentence() -> None:
    """An examiner's verb right after the finding ("hyposensorium appreciated about the left
    thumb") makes it the examination's, though the sentence opens on the patient's report."""
    text = (
        "Per the progress report dated 10/18/2016, the injured worker reported numbness of the "
        "left thumb and index finger{sign}. The treating physician requested a nerve conduction "
        "study of the left upper extremity."
    )
    seen = decide_letter_items(
        ["NCS of the left upper extremity"], "6-2-2016@38",
        text.format(sign=", with hypoesthesia appreciated about the left thumb"),
    )[0]
    assert seen.decision == "overturned"
    assert '"hypoesthesia"' in seen.rationale
    told = decide_letter_items(
        ["NCS of the left upper extremity"], "6-2-2016@38", text.format(sign="")
    )[0]
    assert told.decision == "upheld"


SURGEON = (
    "According to the progress report dated 10/17/2016, the injured worker reported {pain}. "
    "An MRI of the lumbar spine dated 6/1/2016 showed {mri}. Examination revealed {exam}. The "
    "treating physician requested a spine surgery consultation."
)


def test_a_surgeons_consultation_is_not_itself_the_surgery_it_asks_about() -> None:
    """ACOEM 2004 ch. 12 pp. 305-306 (and ch. 7 p. 127): a surgeon's referral for a lesion
    surgery treats after failed conservative care; "requested a spine surgery consultation"
    asks the question, it is not a surgery planned."""
    settled = decide_letter_items(
        ["Spine surgery consultation"], "1-12-2015@48",
        SURGEON.format(
            pain="axial low back pain, 5/10, improved with physical therapy and home exercise",
            mri="mild degenerative disc disease at L4-5 without stenosis or nerve root compression",
            exam="lumbar tenderness, a negative straight leg raise and normal neurologic findings",
        ),
    )[0]
    assert settled.decision == "upheld"
    assert '"requested a spine surgery"' not in settled.rationale
    lesion = decide_letter_items(
        ["Spine surgery consultation"], "1-12-2015@48",
        SURGEON.format(
            pain=(
                "low back pain radiating to the right leg, unchanged despite physical therapy, "
                "medications and an epidural steroid injection"
            ),
            mri="a large right L5-S1 disc extrusion compressing the right S1 nerve root",
            exam="an absent right Achilles reflex and decreased right S1 dermatome sensation",
        ),
    )[0]
    assert lesion.decision == "overturned"


PSYCH = (
    "Per the progress report dated 10/11/2016, the injured worker reported chronic low back "
    "pain. She denied depression or anxiety and her mood was described as euthymic. {plan} The "
    "treating physician requested a psychological evaluation."
)


def test_not_a_candidate_for_surgery_is_no_procedure_to_screen_for() -> None:
    """CPMTG 2009 pp. 100-101: psychological screening before a planned procedure or program;
    "she is not a candidate for surgery" plans none (its own "not" was read twice, flipping the
    negated wording back to a plan)."""
    none = decide_letter_items(
        ["Psychological evaluation"], "4-4-2013@57",
        PSYCH.format(plan="She is not a candidate for surgery."), sex="female",
    )[0]
    assert none.decision == "upheld"
    assert "not a candidate for surgery" not in none.rationale
    planned = decide_letter_items(
        ["Psychological evaluation"], "4-4-2013@57",
        PSYCH.format(plan="A spinal cord stimulator trial is planned."), sex="female",
    )[0]
    assert planned.decision == "overturned"


FCE = (
    "Per the progress report dated 10/11/2016, the injured worker has {course} for her low "
    "back, and her physician considers her close to maximum medical improvement. Two attempts "
    "to return to her usual job as a warehouse worker failed because of pain with lifting. The "
    "physician requested a functional capacity evaluation to determine permanent work "
    "restrictions."
)


def test_treatment_completed_as_recommended_is_done_not_planned() -> None:
    """ODG Fitness for Duty, FCE (with ACOEM 2004 ch. 7 pp. 137-138): near maximal improvement
    with treatment complete; "completed all recommended treatment, including physical therapy"
    is treatment done, not more of it planned."""
    done = decide_letter_items(
        ["Functional capacity evaluation"], "4-4-2013@57",
        FCE.format(course="completed all recommended treatment, including physical therapy"),
        sex="female",
    )[0]
    assert done.decision == "overturned"
    more = decide_letter_items(
        ["Functional capacity evaluation"], "4-4-2013@57",
        FCE.format(course="been recommended further physical therapy"), sex="female",
    )[0]
    assert more.decision == "upheld"


BED = (
    "The injured worker underwent a {operation} on 3-1-17. Per the PR-2 dated 3-6-17, {state}. "
    "The treating physician requested a hospital bed rental x 30 days."
)


def test_a_hospital_bed_meets_a_need_for_positioning_not_a_need_for_a_walker() -> None:
    """ODG Durable medical equipment: an item meeting Medicare's definition and coverage;
    Medicare covers a hospital bed (NCD 280.7) for positioning or attachments an ordinary bed
    cannot give. Walking with a walker after a knee replacement is a need for the walker."""
    walker = decide_letter_items(
        ["Hospital bed rental x 30 days"], "3-2-2015@63",
        BED.format(
            operation="right total knee arthroplasty",
            state=(
                "she walks with a walker and transfers in and out of her own bed independently"
            ),
        ),
        sex="female", ur="2017-03-20", decided="2017-04-20",
    )[0]
    assert walker.decision == "upheld"
    assert "There is no documentation of a need for positioning" in walker.rationale
    raised = decide_letter_items(
        ["Hospital bed rental x 30 days"], "3-2-2015@63",
        BED.format(
            operation="posterior L4-S1 fusion",
            state=(
                "she walks with a walker and must sleep with the head of the bed elevated "
                "because of reflux"
            ),
        ),
        sex="female", ur="2017-03-20", decided="2017-04-20",
    )[0]
    assert raised.decision == "overturned"


def test_an_examination_keeps_its_date_beside_a_parenthesis_of_the_ur() -> None:
    """ACOEM 2004 ch. 8 pp. 177-178 (neurologic dysfunction on examination): ", and the
    original UR (October 22, 2016) denied ..." is a clause of its own, so the examination's
    deficit keeps the examination's date, not the UR's."""
    got = decide_letter_items(
        ["MRI of the cervical spine"], "9-21-2016@33",
        "The injured worker reported neck pain radiating to the right arm despite physical "
        "therapy. Objective findings dated October 8, 2016 were notable for decreased C5 and "
        "C6 dermatome sensation on the right, and the original UR (October 22, 2016) denied a "
        "request for an MRI of the cervical spine.",
        sex="female",
    )[0]
    assert "(clinical-case-summary, 10/8/2016)" in got.rationale
    assert "10/22/2016)" not in got.rationale


TLIF = (
    "According to the progress report dated 3/6/2017, the injured worker {surgery}. He has not "
    "started postoperative physical therapy. He has low back stiffness and weakness with a "
    "walking tolerance of 10 minutes. The treating physician requested 12 sessions of "
    "postoperative physical therapy."
)


def test_an_operation_written_as_its_acronym_is_done() -> None:
    """MTUS Postsurgical Treatment Guidelines (8 CCR 9792.24.3), fusion: therapy within the
    postsurgical period after the operation; "underwent an L4-5 TLIF on 2/1/2017" is that
    operation done ("s/p L4-5 TLIF" already was)."""
    done = decide_letter_items(
        ["Postoperative physical therapy x 12 for the lumbar spine"], "3-2-2014@50",
        TLIF.format(surgery="underwent an L4-5 TLIF on 2/1/2017"),
        ur="2017-03-20", decided="2017-04-20",
    )[0]
    assert done.decision == "overturned"
    assert "postsurgical period" in done.rationale
    planned = decide_letter_items(
        ["Postoperative physical therapy x 12 for the lumbar spine"], "3-2-2014@50",
        TLIF.format(surgery="is being considered for an L4-5 TLIF"),
        ur="2017-03-20", decided="2017-04-20",
    )[0]
    assert planned.decision == "upheld"
