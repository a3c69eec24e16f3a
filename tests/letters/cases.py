"""Fictional Determinations for the letter tests (no real case, patient or reviewer)."""

from __future__ import annotations

import datetime as dt

from openimr.domain import (
    CriterionResult,
    Determination,
    EvidenceLink,
    GuidelineCitation,
    ItemDecision,
    ReviewerCredentials,
)

D = dt.date

ACOEM_LOW_BACK = GuidelineCitation(
    level="MTUS", guideline="ACOEM", chapter="Chapter 12 Low Back Complaints", pages="303"
)
ACOEM_NECK = GuidelineCitation(
    level="MTUS",
    guideline="ACOEM",
    chapter="Chapter 8 Neck and Upper Back Complaints",
    pages="177-178",
)
ODG_HIP = GuidelineCitation(
    level="ACOEM/ODG",
    guideline="Official Disability Guidelines (ODG)",
    chapter="Hip & Pelvis",
    section="X-Ray",
)
ODG_LOW_BACK_EMG = GuidelineCitation(
    level="ACOEM/ODG",
    guideline="Official Disability Guidelines (ODG)",
    chapter="Low Back Chapter",
    section="EMG and NCS",
)
CHRONIC_PAIN = GuidelineCitation(
    level="MTUS",
    guideline="Chronic Pain Medical Treatment Guidelines",
    edition="2016",
    section="Physical Medicine",
    pages="98-99",
)

PRESSURE_NOTE = (
    "No guideline topic in the knowledge base covers pressure garments after burn grafting."
)
CA_ODG = "Decision based on Non-MTUS Citation Official Disability Guidelines, Low Back."


def _ev(record: str, start: int, text: str, finding: str, assertion: str) -> EvidenceLink:
    return EvidenceLink(
        record=record,
        start=start,
        end=start + len(text),
        text=text,
        finding=finding,
        assertion=assertion,
        record_date=D(2031, 2, 14),
    )


def all_upheld() -> Determination:
    """Three upheld items: MTUS only, MTUS + non-MTUS, non-MTUS only; signed."""
    sensory = _ev(
        "pr-2031-02-14", 118, "Sensation intact in both lower limbs", "sensory deficit", "negated"
    )
    return Determination(
        case_number="CM31-0000101",
        decision_date=D(2031, 4, 2),
        date_assigned=D(2031, 3, 5),
        date_of_injury=D(2030, 9, 17),
        ur_denial_date=D(2031, 2, 20),
        application_received=D(2031, 3, 1),
        priority="standard",
        reviewer=ReviewerCredentials(
            board_certification="Physical Medicine and Rehabilitation",
            subspecialty="Pain Management",
            licensed_in=["California"],
        ),
        clinical_case_summary=(
            "This fictional 48-year-old warehouse worker injured the low back lifting a crate "
            "on 9/17/2030. A utilization review dated 2/20/2031 non-certified EMG of the lower "
            "extremities, x-rays of the pelvis and x-rays of the cervical spine.\n\n"
            "The 2/14/2031 progress note records low back pain without radiation; sensation "
            "and strength are intact and straight leg raise is negative."
        ),
        items=[
            ItemDecision(
                id="1",
                item="Electromyography (EMG) of the bilateral lower extremities",
                decision="upheld",
                topic="low-back-emg",
                category="diagnostic",
                guidelines=[ACOEM_LOW_BACK],
                claims_administrator_basis=CA_ODG,
                rationale=(
                    "The MTUS supports electromyography to clarify subtle focal neurologic "
                    "dysfunction when low back symptoms last beyond three or four weeks. The "
                    "records show no focal neurologic deficit: sensation is intact in both "
                    "lower limbs. The request is therefore not medically necessary."
                ),
                criteria=[
                    CriterionResult(
                        id="focal-deficit",
                        description="Objective focal neurologic deficit on examination",
                        met=False,
                        statement="The examination of 2/14/2031 documents intact sensation.",
                        evidence=[sensory],
                    )
                ],
                evidence=[sensory],
            ),
            ItemDecision(
                id="2",
                item="Nerve conduction studies of the bilateral lower extremities",
                decision="upheld",
                guidelines=[
                    GuidelineCitation(
                        level="MTUS",
                        guideline="ACOEM",
                        chapter="Chapter 12 Low Back Complaints",
                        pages="303; 62",
                    ),
                    ODG_LOW_BACK_EMG,
                ],
                claims_administrator_basis=None,
                rationale=(
                    "No peripheral neuropathy or entrapment is suspected in the records, and "
                    "the examination is normal. The request is not medically necessary."
                ),
            ),
            ItemDecision(
                id="3",
                item="X-rays of the pelvis",
                decision="upheld",
                guidelines=[ODG_HIP],
                claims_administrator_basis="Non-MTUS Citation Official Disability Guidelines, Hip",
                rationale=(
                    "The MTUS does not address pelvic radiographs, so ODG was consulted. ODG "
                    "supports them after significant trauma or when hip arthritis is suspected; "
                    "neither is documented. The request is not medically necessary."
                ),
            ),
        ],
        status="signed",
    )


def overturned_modified() -> Determination:
    """An overturned item, a modified-UR portion (upheld), two licensure states, expedited."""
    return Determination(
        case_number="CM31-0000202",
        decision_date=D(2031, 6, 9),
        date_assigned=None,
        date_of_injury=D(2029, 1, 30),
        ur_denial_date=D(2031, 5, 21),
        application_received=None,
        priority="expedited",
        reviewer=ReviewerCredentials(
            board_certification="Orthopaedic Surgery",
            subspecialty=None,
            licensed_in=["California", "Nevada", "Oregon"],
        ),
        clinical_case_summary=(
            "This fictional patient, a 39-year-old bus driver, has neck pain with right arm "
            "numbness after a collision on 1/30/2029. Examination on 5/2/2031 showed reduced "
            "right biceps reflex and C6 sensory loss."
        ),
        items=[
            ItemDecision(
                id="1",
                item="MRI of the cervical spine without contrast",
                decision="overturned",
                topic="neck-mri",
                guidelines=[ACOEM_NECK],
                claims_administrator_basis="MTUS ACOEM Chapter 8 Neck and Upper Back Complaints",
                rationale=(
                    "The MTUS supports imaging when there is physiologic evidence of "
                    "neurologic dysfunction. The reduced biceps reflex and C6 sensory loss are "
                    "such evidence. The request is medically necessary."
                ),
            ),
            ItemDecision(
                id="2",
                item="Physical therapy 12 sessions for the cervical spine",
                decision="upheld",
                portion="Physical therapy 6 sessions for the cervical spine",
                topic="physical-therapy",
                guidelines=[CHRONIC_PAIN],
                claims_administrator_basis=None,
                rationale=(
                    "The guideline allows up to ten visits with a taper to home exercise. Six "
                    "sessions were already authorized and functional gains from them are not "
                    "yet recorded.\n\nThe remaining six sessions are not medically necessary."
                ),
            ),
        ],
        status="signed",
    )


def draft_undetermined() -> Determination:
    """A draft with one upheld item and one item no guideline topic applied to."""
    return Determination(
        case_number="CM31-0000303",
        decision_date=D(2031, 8, 1),
        date_assigned=D(2031, 7, 10),
        date_of_injury=D(2030, 12, 3),
        ur_denial_date=D(2031, 7, 1),
        application_received=D(2031, 7, 6),
        reviewer=ReviewerCredentials(
            board_certification="Family Medicine", licensed_in=["California"]
        ),
        clinical_case_summary=(
            "This fictional 55-year-old cook burned the right forearm on 12/3/2030 and reports "
            "persistent itching over a healed graft (≥ 3 months)."
        ),
        items=[
            ItemDecision(
                id="1",
                item="Retrospective topical compound cream 120 g",
                decision="upheld",
                guidelines=[
                    GuidelineCitation(
                        level="MTUS",
                        guideline="Chronic Pain Medical Treatment Guidelines",
                        edition="2016",
                        section="Topical Analgesics",
                        pages="111-113",
                    )
                ],
                claims_administrator_basis="Decision based on MTUS Chronic Pain 2016.",
                rationale=(
                    "Compounded topical products are not supported when any ingredient is not "
                    "recommended. The request is not medically necessary."
                ),
            ),
            ItemDecision(
                id="2",
                item="Pressure garment sleeve, right forearm",
                decision="undetermined",
                rationale=PRESSURE_NOTE,  # the engine repeats the note as the rationale
                note=PRESSURE_NOTE,
            ),
        ],
        status="draft",
    )


CASES = {
    "all_upheld": all_upheld,
    "overturned_modified": overturned_modified,
    "draft_undetermined": draft_undetermined,
}
