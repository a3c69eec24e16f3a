"""Lead cases of the ninth issue-12 pass, in 2017-2018 letter wording, each with the outcome
or sentence the guideline gives and the one it withholds.

- A topic applied past its end date (the newest edition the knowledge base holds, after the
  MTUS changed on 12/1/2017) names its secondary MTUS source with the date its edition ended:
  "The MTUS (Chronic Pain Medical Treatment Guidelines) adds this criterion" is false of a 2018
  decision, when that edition is no longer the MTUS; before the end date it is true and said so.
"""

from __future__ import annotations

from _letter_case import decide_letter_items

RELAXANT = (
    "According to the progress report dated {seen}, the injured worker reported chronic low "
    "back pain. He has taken cyclobenzaprine 10 mg daily since 2016. Examination showed "
    "lumbar paraspinal spasm and tenderness. The request is for cyclobenzaprine."
)


def test_a_lapsed_mtus_source_is_named_with_the_date_its_edition_ended() -> None:
    """CPMTG 2009 pp. 41-42, 63-66 (muscle relaxants, short term), in force until 12/1/2017."""
    late = decide_letter_items(
        ["Cyclobenzaprine 10mg #60"], "3-2-2016@45", RELAXANT.format(seen="2/2/2018"),
        decided="2018-03-01",
    )[0]
    assert late.decision == "upheld"
    assert "Guidelines), in force until 12/1/2017, adds this criterion" in late.rationale
    assert "Guidelines) adds this criterion" not in late.rationale
    early = decide_letter_items(
        ["Cyclobenzaprine 10mg #60"], "3-2-2016@45", RELAXANT.format(seen="2/2/2017"),
        decided="2017-03-01",
    )[0]
    assert early.decision == "upheld"
    assert "The MTUS (Chronic Pain Medical Treatment Guidelines) adds this criterion" in (
        early.rationale
    )
    assert "in force until" not in early.rationale


REPEAT_MRI = (
    "Per the PR-2 dated 12-5-2017, the injured worker reported ongoing low back pain radiating "
    "to the left leg. An MRI of the lumbar spine dated 4-2-2016 revealed an L5-S1 disc "
    "protrusion abutting the left S1 nerve root. Examination revealed positive straight leg "
    "raise on the left and decreased sensation in the left S1 dermatome. {course} The treating "
    "physician requested a repeat MRI of the lumbar spine."
)


def _repeat(course: str) -> tuple[str, str]:
    got = decide_letter_items(
        ["Repeat MRI of the lumbar spine"], "1-3-2015@47", REPEAT_MRI.format(course=course),
        ur="2017-10-30", decided="2017-11-20",
    )[0]
    return got.decision, got.rationale


def test_an_examination_said_to_be_unchanged_finds_no_new_deficit_for_a_repeat_mri() -> None:
    """ODG Low Back, MRI (repeat study for a significant change; ACOEM 2004 ch. 12 p. 303):
    the examination's own word that its deficits are as before outranks reading them as new
    for want of an earlier examination; new deficits still support the repeat study."""
    for same in (
        "There was no change in neurological status.",
        "He is neurologically unchanged from the prior visit.",
        "The neurological examination remains unchanged.",
    ):
        decision, rationale = _repeat(same)
        assert decision == "upheld", same
        assert "but not as new or worse since the earlier study" in rationale
    decision, rationale = _repeat(
        "There was new weakness of the left ankle plantar flexors rated 4-/5 since the last "
        "visit."
    )
    assert decision == "overturned"
    assert '"new weakness"' in rationale
