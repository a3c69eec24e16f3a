"""Known faults earlier issue-12 passes left (the tenth leftovers pass), in 2017 letter wording,
each with the outcome or sentence the guideline gives and the one it withholds.
"""

from __future__ import annotations

from _letter_case import decide_letter_items

FACET_BACK = (
    "The injured worker is undergoing treatment for chronic low back pain from lumbar facet "
    "arthropathy. Treatment to date has included physical therapy, a home exercise program and "
    "NSAIDs for six months without lasting relief. Per the PR-2 dated 7-20-2017, he reported "
    "axial low back pain without radiation, rated 7/10, worse with extension. Objective "
    "findings included bilateral L4-5 and L5-S1 facet tenderness, pain on extension and "
    "rotation, negative straight leg raise and a normal neurological examination. An MRI dated "
    "3-1-2017 showed L4-5 and L5-S1 facet arthropathy without canal or foraminal stenosis. "
    "{plan}"
)
FACET_NECK = (
    "The injured worker is undergoing treatment for chronic neck pain from cervical facet "
    "arthropathy. Treatment to date has included physical therapy, a home exercise program and "
    "NSAIDs for six months without lasting relief. Per the PR-2 dated 7-20-2017, she reported "
    "axial neck pain without radiation to the arms, rated 6/10, worse with extension. Objective "
    "findings included right C5-6 and C6-7 facet tenderness, pain with extension and rotation, "
    "negative Spurling's test and a normal neurological examination of the upper extremities. "
    "{plan}"
)


def _facet(item: str, text: str, plan: str, sex: str = "male") -> tuple[str, str]:
    got = decide_letter_items(
        [item], "3-12-2015@48", text.format(plan=plan), sex,
        ur="2017-07-31", decided="2017-08-21",
    )[0]
    return got.decision, got.rationale


def test_a_therapeutic_lumbar_facet_joint_injection_is_of_questionable_merit() -> None:
    """ACOEM 2004 ch. 12 p. 300 (MTUS): facet-joint injections of steroid and anesthetic are of
    questionable merit (ODG Low Back, Facet joint intra-articular injections, therapeutic,
    agrees). The medial branch block before a neurotomy keeps the ODG criteria of the
    diagnostic block, and so does a facet injection the request or the plan calls diagnostic."""
    for item, plan in (
        ("Bilateral L4-5 and L5-S1 facet joint injections",
         "The treating physician requested bilateral L4-5 and L5-S1 facet joint injections."),
        ("Therapeutic bilateral L4-5 and L5-S1 intra-articular facet injections with "
         "Depo-Medrol", "The treating physician requested therapeutic facet injections."),
    ):
        decision, rationale = _facet(item, FACET_BACK, plan)
        assert decision == "upheld", item
        assert "finds injections of steroid and anesthetic into the facet joints" in rationale
    for item, plan in (
        ("Bilateral L4-5 and L5-S1 medial branch blocks",
         "The treating physician requested diagnostic medial branch blocks."),
        ("Diagnostic bilateral L4-5 and L5-S1 facet blocks",
         "The treating physician requested diagnostic facet blocks to determine candidacy for "
         "radiofrequency ablation."),
        ("Bilateral L4-5 and L5-S1 facet injections",
         "The treating physician requested diagnostic facet injections at L4-5 and L5-S1 to "
         "determine candidacy for radiofrequency ablation."),
    ):
        decision, rationale = _facet(item, FACET_BACK, plan)
        assert decision == "overturned", (item, rationale)
        assert "finds injections of steroid and anesthetic" not in rationale, item


def test_a_therapeutic_cervical_facet_joint_injection_has_no_proven_benefit() -> None:
    """ACOEM 2004 ch. 8 pp. 174-175 (MTUS): injections into the facet joints have no proven
    benefit for neck pain (ODG Neck, Facet joint therapeutic steroid injections: not
    recommended); the diagnostic medial branch block keeps the ODG criteria."""
    decision, rationale = _facet(
        "Right C5-6 and C6-7 cervical facet joint injections", FACET_NECK,
        "The treating physician requested right C5-6 and C6-7 facet joint injections.",
        "female",
    )
    assert decision == "upheld"
    assert "finds that injections into the facet joints have no proven benefit" in rationale
    decision, rationale = _facet(
        "Right C5-6 and C6-7 medial branch blocks", FACET_NECK,
        "The treating physician requested diagnostic medial branch blocks.", "female",
    )
    assert decision == "overturned", rationale
