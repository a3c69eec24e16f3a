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
