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
