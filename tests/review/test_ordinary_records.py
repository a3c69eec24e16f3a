"""Ordinary records, ordinary requests: each wording of the routing probe was decided on four
plain progress notes (chronic neck, chronic knee, a shoulder at ten weeks, a low back at nine
weeks) that document nothing beyond the usual complaint and examination. Every overturn was
read against the guideline; these pairs pin the ones that were wrong, each with the case the
guideline does support. Fictional; the page or section is cited with each pair."""

from __future__ import annotations

import pytest
from _letter_case import decide_progress_note

from openimr.domain import CaseBundle, ItemDecision

NINE_WEEKS = "2016-09-17"
CHRONIC = "2014-05-01"


def decide(item: str, text: str, injury: str) -> ItemDecision:
    return decide_progress_note(item, text, injury, age=44, sex="male")


# item, injury, supported text, unsupported text
PAIRS = [
    # ODG Low Back, corticosteroids (oral/parenteral/IM): clear-cut signs AND symptoms of
    # radiculopathy; pain into the buttock with a normal neurologic examination is neither
    (
        "Kenalog 40mg IM",
        NINE_WEEKS,
        "Low back pain radiating down the left leg to the foot, rated 7/10. Examination shows a "
        "positive straight leg raise on the left and decreased sensation in the left L5 "
        "dermatome.",
        "Low back pain radiating to the left buttock, rated 6/10. Examination shows lumbar "
        "paraspinal tenderness; straight leg raise is negative, sensation is intact and "
        "strength is 5/5.",
    ),
    # CPMTG 2009 p. 125: work hardening after therapy that improved function and then reached a
    # plateau, for a worker whose limits keep him from his job
    (
        "Work hardening x 10",
        NINE_WEEKS,
        "Low back pain rated 4/10. He has completed twelve sessions of physical therapy; his "
        "progress has plateaued. He remains on modified duty and cannot lift the 50 pounds his "
        "warehouse job requires. Examination shows mild lumbar paraspinal tenderness.",
        "Low back pain rated 6/10. He has completed eight sessions of physical therapy with "
        "improvement and is working modified duty. Examination shows lumbar paraspinal "
        "tenderness.",
    ),
    # ODG Pain, opioid-induced constipation: prescription agents after first-line failure
    (
        "Movantik 25mg #30",
        CHRONIC,
        "Chronic neck pain. Medications include Norco 10/325 three times daily. He reports "
        "opioid-induced constipation despite Colace and senna.",
        "Chronic neck pain. Medications include Norco 10/325 three times daily.",
    ),
    # CPMTG 2009 pp. 70-73: NSAID monitoring is a blood count and a chemistry profile; an HbA1c
    # monitors no NSAID
    (
        ["Lab work: CBC, CMP", "HbA1c"],
        CHRONIC,
        "Right knee pain rated 6/10. He takes naproxen 550 mg twice daily. Examination shows "
        "medial joint line tenderness.",
        None,
    ),
    # ACOEM 2004 Ch. 12 p. 300: heat or cold packs at home, not a powered unit (ODG keeps
    # continuous-flow cryotherapy for the week after surgery)
    (
        ["Heating pad", "Game Ready cryotherapy unit"],
        "2016-10-30",
        "Low back pain after lifting a box three weeks ago, rated 6/10. Examination shows lumbar "
        "paraspinal spasm. She is attending physical therapy.",
        None,
    ),
    # CPMTG 2009 pp. 58-59: manipulation is not recommended for the knee; the request names no
    # body part and is read as the knee the records are about
    (
        "Chiropractic manipulation 6 visits",
        CHRONIC,
        "Chronic low back pain rated 6/10 without radiation. Examination shows lumbar "
        "paraspinal tenderness and decreased lumbar range of motion.",
        "Right knee pain rated 6/10, worse with stairs. Examination shows medial joint line "
        "tenderness and crepitus.",
    ),
    # the complaint must be at the part treated: "cervical paraspinal tenderness" is the neck
    (
        "Chiropractic treatment 2x3 lumbar spine",
        CHRONIC,
        "Chronic low back pain rated 7/10. Examination shows lumbar paraspinal tenderness and "
        "decreased lumbar range of motion.",
        "Chronic neck pain rated 7/10 with stiffness. Examination shows cervical paraspinal "
        "tenderness and decreased cervical range of motion.",
    ),
]


@pytest.mark.parametrize("item,injury,good,bad", PAIRS, ids=[str(p[0]) for p in PAIRS])
def test_pair(item: str | list[str], injury: str, good: str, bad: str | None) -> None:
    if isinstance(item, list):  # two items on one record: the first supported, not the second
        yes, no = item
        assert decide(yes, good, injury).decision == "overturned"
        got = decide(no, good, injury)
        assert got.decision == "upheld", got.rationale
        return
    assert bad is not None
    supported = decide(item, good, injury)
    assert supported.decision == "overturned", supported.rationale
    unsupported = decide(item, bad, injury)
    assert unsupported.decision == "upheld", unsupported.rationale


def test_cervical_paraspinal_tenderness_is_the_neck() -> None:
    from openimr.evidence import extract

    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-0000089",
            "dates": {"ur_denial": "2016-11-20"},
            "claim": {"date_of_injury": CHRONIC},
            "records": [
                {
                    "id": "pr-1",
                    "date": "2016-11-10",
                    "kind": "progress report",
                    "text": "Examination shows cervical paraspinal tenderness. There is thoracic "
                    "paraspinal spasm. Paraspinal tenderness is noted.",
                }
            ],
            "requests": [{"id": "1", "item": "Office visit"}],
        }
    )
    regions = [(f.code, f.region) for f in extract(bundle).findings]
    assert ("exam.tenderness", "cervical spine") in regions
    assert ("exam.spasm", "thoracic spine") in regions
    assert ("exam.tenderness", "lumbar spine") in regions  # unqualified: the low back


KNEE_DONE = (
    "She is seven weeks status post right knee arthroscopy with partial medial meniscectomy on "
    "9/29/2016. She has completed eight sessions of postoperative physical therapy with "
    "improving range of motion."
)
KNEE_SCHEDULED = (
    "Right knee pain with locking from a medial meniscus tear. She is scheduled for right knee "
    "arthroscopy on 12/1/2016."
)
LUMBAR_FUSION = (
    "He is two weeks status post L4-5 posterior lumbar interbody fusion on 11/6/2016, with "
    "incisional low back pain."
)

# a postoperative service follows a surgery at its own body part, in its own window (ODG
# continuous-flow cryotherapy: the first seven days; antiemetics and post-operative drugs:
# around the surgery, our reading of "postoperative")
POSTOP = [
    ("Lumbar support brace", "2016-01-10", LUMBAR_FUSION, KNEE_DONE),
    ("Cold therapy unit 7 day rental for the right knee", "2016-03-01", KNEE_SCHEDULED, KNEE_DONE),
    ("Zofran 8mg #10", "2016-03-01", KNEE_SCHEDULED, KNEE_DONE),
]


@pytest.mark.parametrize("item,injury,good,bad", POSTOP, ids=[p[0] for p in POSTOP])
def test_postoperative_service_follows_its_surgery(
    item: str, injury: str, good: str, bad: str
) -> None:
    supported = decide(item, good, injury)
    assert supported.decision == "overturned", supported.rationale
    unsupported = decide(item, bad, injury)
    assert unsupported.decision == "upheld", unsupported.rationale


CTS = (
    "Numbness and tingling in the right thumb, index and middle fingers, worse at night. "
    "Examination shows a positive Tinel's sign and a positive Phalen's test at the right wrist. "
    "Nerve conduction studies on 10/1/2016 showed moderate right carpal tunnel syndrome. A "
    "night splint helped partially."
)
DISTRESS = (
    "Chronic neck and low back pain rated 6/10. She reports depression, anxiety and poor sleep "
    "since the injury. Examination shows cervical and lumbar paraspinal tenderness."
)


@pytest.mark.parametrize(
    "item,text,expected",
    [
        # ACOEM 2004 ch. 7 p. 127: a referral brings the expertise the care needs
        ("Dermatology consultation", CTS, "upheld"),
        ("Cardiology consult", DISTRESS, "upheld"),
        # psychosocial factors: pain or mental health expertise, not a surgeon's
        ("Orthopedic surgeon consultation", DISTRESS, "upheld"),
        ("Pain management consultation", DISTRESS, "overturned"),
    ],
)
def test_a_consultation_needs_a_reason_in_its_field(item: str, text: str, expected: str) -> None:
    got = decide(item, text, "2014-01-10")
    assert got.decision == expected, got.rationale


SHOULDER_REPAIR = (
    "She is status post right shoulder arthroscopic rotator cuff repair on {on}. She reports "
    "right shoulder pain rated 4/10 with overhead activity. Examination shows right shoulder "
    "flexion to 120 degrees and abduction to 100 degrees."
)


def test_postoperative_therapy_is_for_the_recovery_period() -> None:
    """MTUS Postsurgical Treatment Guidelines: the postsurgical period of the common operations
    is at most six months; a year after the repair it is over (fact surgery_recent)."""
    item = "Post-operative physical therapy x12 for the right shoulder"
    recent = decide(item, SHOULDER_REPAIR.format(on="10/1/2016"), "2016-06-01")
    assert recent.decision == "overturned", recent.rationale
    late = decide(item, SHOULDER_REPAIR.format(on="11/15/2015"), "2014-06-01")
    assert late.decision == "upheld", late.rationale


def test_a_fracture_supports_a_brace_only_where_it_is() -> None:
    """ACOEM 2004 Ch. 8: a collar has a place for a fracture of the neck, not of the wrist."""
    wrist = (
        "Right wrist pain eight weeks after a distal radius fracture treated in a cast, which "
        "was removed on 11/1/2016. Examination shows decreased right wrist range of motion."
    )
    got = decide("Cervical collar", wrist, "2016-09-20")
    assert got.decision == "upheld", got.rationale


def test_a_mattress_is_not_a_pillow() -> None:
    """ODG Low Back, mattress selection: no special mattress is supported as a treatment; the
    pillow topic's exercise requirement once overturned it."""
    text = (
        "Chronic low back pain rated 6/10. Examination shows lumbar paraspinal tenderness. She "
        "continues with her home exercise program daily."
    )
    got = decide("Orthopedic mattress", text, CHRONIC)
    assert got.decision == "upheld" and got.topic == "odg.mattress", (got.topic, got.rationale)


def test_massage_is_for_the_part_that_hurts() -> None:
    """CPMTG p. 60 with the shared complaint at the body part treated."""
    item = "Massage therapy x 6 for the lumbar spine"
    back = (
        "Chronic low back pain rated 6/10. Examination shows lumbar paraspinal spasm. She "
        "continues with her home exercise program daily."
    )
    shoulder = (
        "Right shoulder pain rated 3/10 with overhead activity. Examination shows full range "
        "of motion. She continues with her home exercise program daily."
    )
    assert decide(item, back, CHRONIC).decision == "overturned"
    got = decide(item, shoulder, CHRONIC)
    assert got.decision == "upheld", got.rationale


def test_a_neck_pillow_is_for_neck_pain() -> None:
    """ODG Neck and Upper Back, pillow: a neck support pillow with daily exercise, for the
    neck; low back pain alone is no reason for it (shared complaint at the body part)."""
    home = " She works full duty and exercises at home."
    neck = "Chronic neck pain rated 5/10. Examination shows cervical paraspinal tenderness."
    back = "Chronic axial low back pain rated 5/10. Examination shows lumbar tenderness."
    assert decide("Cervical pillow", neck + home, CHRONIC).decision == "overturned"
    got = decide("Cervical pillow", back + home, CHRONIC)
    assert got.decision == "upheld", got.rationale


def test_a_finding_of_the_other_side_is_no_reason() -> None:
    """A right carpal tunnel syndrome supports a right wrist splint (ACOEM 2004 Ch. 11), not a
    left one: a finding of the other side is not evidence for a one-sided request."""
    cts = (
        "Numbness and tingling in the right thumb, index and middle fingers, worse at night. "
        "Examination shows a positive Tinel's sign and a positive Phalen's test at the right "
        "wrist."
    )
    assert decide("Wrist splint right", cts, "2016-08-15").decision == "overturned"
    got = decide("Wrist splint left", cts, "2016-08-15")
    assert got.decision == "upheld", got.rationale
