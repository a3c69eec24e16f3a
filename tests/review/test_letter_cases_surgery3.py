"""Operations themselves, with the services requested beside them, in letter-style fictional
cases (issue 12): each pair holds the outcome the guideline gives and the one it withholds.

A lumbar fusion without a fracture, dislocation, spondylolisthesis or instability (ACOEM 2004
ch. 12 p. 307); a pre-operative medical clearance is an evaluation, not a test (ODG Low Back,
Preoperative testing, general: the work-up follows the patient's history, comorbidities and
the operation).
"""

from __future__ import annotations

from _letter_case import decide_letter_items


def _decide(
    items: list[str], injured: str, text: str, sex: str = "male"
) -> dict[str, tuple[str, str | None]]:
    """item -> (decision, topic) for the items of one letter-style case."""
    return {d.item: (d.decision, d.topic) for d in decide_letter_items(items, injured, text, sex)}


FUSION = (
    "Per the PR-2 dated 10-12-16, the injured worker reported low back pain radiating to the left "
    "leg. Examination revealed decreased sensation in the left L5 dermatome and a positive "
    "straight leg raise on the left. MRI of the lumbar spine dated 7-20-16 revealed a 5 mm disc "
    "protrusion at L4-L5 with left lateral recess stenosis. {motion} Treatment to date has "
    "included physical therapy, medications and two epidural steroid injections without lasting "
    "relief. The treating physician requested an L4-L5 posterior lumbar interbody fusion."
)
FUSION_ITEMS = [
    "L4-L5 posterior lumbar interbody fusion",
    "Associated surgical service: 3 day inpatient stay",
    "Associated surgical service: LSO back brace",
]


def test_a_lumbar_fusion_needs_a_slipped_or_unstable_segment() -> None:
    slip = FUSION.format(
        motion="Flexion and extension x-rays dated 7-20-16 revealed a grade I anterolisthesis of "
        "L4 on L5 with 4 mm of translation."
    )
    got = _decide(FUSION_ITEMS, "1-5-2016@45", slip)
    assert [got[i][0] for i in FUSION_ITEMS] == ["overturned"] * 3, got
    stable = FUSION.format(
        motion="Flexion and extension x-rays dated 7-20-16 revealed no instability."
    )
    got = _decide(FUSION_ITEMS, "1-5-2016@45", stable)
    assert [got[i][0] for i in FUSION_ITEMS] == ["upheld"] * 3, got
    # the same lesion decompressed without a fusion is still an operation the chapter supports
    got = _decide(["L4-L5 laminectomy and discectomy"], "1-5-2016@45", stable)
    assert got["L4-L5 laminectomy and discectomy"][0] == "overturned"


DISC = (
    "Per the PR-2 dated 10-12-16, the injured worker reported low back pain radiating down the "
    "right leg to the lateral foot. Examination revealed a positive straight leg raise on the "
    "right at 35 degrees, decreased sensation in the right S1 dermatome, an absent right Achilles "
    "reflex and 4 out of 5 right plantar flexion strength. MRI of the lumbar spine dated 7-20-16 "
    "revealed a right paracentral disc extrusion at L5-S1 compressing the right S1 nerve root. "
    "Treatment to date has included eighteen sessions of physical therapy, medications and one "
    "epidural steroid injection without lasting relief.{history} The treating physician "
    "requested a right L5-S1 microdiscectomy."
)
MENISCUS = (
    "Per the PR-2 dated 10-12-16, the injured worker reported right knee pain with locking and "
    "catching. Physical examination of the right knee revealed medial joint line tenderness, a "
    "positive McMurray's test and flexion to 110 degrees. MRI of the right knee dated 8-4-16 "
    "revealed a horizontal tear of the posterior horn of the medial meniscus. Treatment to date "
    "has included twelve sessions of physical therapy, a home exercise program and Naproxen, "
    "without improvement.{history} The treating physician requested a right knee arthroscopy "
    "with partial medial meniscectomy."
)
CLEARANCE = "Associated surgical service: Pre-operative medical clearance"


def test_a_medical_clearance_is_an_evaluation_for_the_patient_or_the_operation() -> None:
    # a hospital stay follows a discectomy: the evaluation is for the operation
    disc = "Right L5-S1 microdiscectomy"
    got = _decide([disc, CLEARANCE], "1-5-2016@39", DISC.format(history=""))
    assert got[disc][0] == "overturned"
    assert got[CLEARANCE] == ("overturned", "odg.preoperative-clearance")
    # an outpatient arthroscopy in a healthy 41-year-old: nothing for another physician to assess
    knee = "Right knee arthroscopy with partial medial meniscectomy"
    got = _decide([knee, CLEARANCE], "3-1-2016@41", MENISCUS.format(history=""))
    assert got[knee][0] == "overturned"
    assert got[CLEARANCE] == ("upheld", "odg.preoperative-clearance")
    # the same arthroscopy in a patient with diabetes and hypertension
    sick = MENISCUS.format(history=" Past medical history includes diabetes and hypertension.")
    got = _decide([knee, CLEARANCE], "3-1-2016@41", sick)
    assert got[CLEARANCE] == ("overturned", "odg.preoperative-clearance")


def test_a_pre_operative_test_beside_another_body_part_names_the_operation_freely() -> None:
    knee = "Right knee arthroscopy with partial medial meniscectomy"
    chest = "Associated surgical service: Pre-operative chest x-ray"
    (surgery, xray) = decide_letter_items([knee, chest], "3-1-2016@41", MENISCUS.format(history=""))
    assert surgery.decision == "overturned"
    assert xray.decision == "upheld", xray.rationale
    assert "knee" in xray.rationale
    assert not any(n.kind == "fact_check" for n in xray.notes), xray.notes
