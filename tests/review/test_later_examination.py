"""What a rationale says when a case summary's later visit no longer finds an earlier sign.

A case summary quotes every report it covers, so its findings are all "quoted"; the sentence
that answers an absence claim must still name the later examination that found the sign
absent (as the criteria weigh it, ``conditions.mentions``), and a visit that does not repeat
the sign is dated by the visit the summary reports, not by the day the summary was written.
Fictional cases."""

from __future__ import annotations

from _letter_case import decide_letter_case

EARLY = (
    "Per the PR-2 dated 6-1-16, the injured worker complained of low back pain radiating to the "
    "left leg. Examination revealed positive straight leg raise on the left and decreased "
    "sensation in the left L5 dermatome. MRI of the lumbar spine dated 4-2-16 revealed a left "
    "L4-L5 disc protrusion contacting the L5 nerve root. Treatment to date has included physical "
    "therapy, chiropractic care and medications without lasting relief. "
)
ITEM = "Lumbar epidural steroid injection at L4-L5"


def test_the_later_examination_that_finds_the_signs_absent_is_quoted() -> None:
    later = (
        "Per the PR-2 dated 10-20-16, the injured worker reported low back pain. Examination "
        "revealed straight leg raise was negative bilaterally and sensation was intact in the "
        "lower extremities."
    )
    got = decide_letter_case(ITEM, "3-2-2015", EARLY + later)
    assert got.decision == "upheld"
    assert "no longer finds them" in got.rationale, got.rationale
    assert '"straight leg raise was negative" (clinical-case-summary, 10/20/2016)' in got.rationale
    # the summary's own date (the day the letter was written) is not a visit
    assert "12/10/2016" not in got.rationale


def test_the_signs_found_at_the_latest_visit_still_support_the_injection() -> None:
    now = EARLY.replace("6-1-16", "10-20-16")
    got = decide_letter_case(ITEM, "3-2-2015", now)
    assert got.decision == "overturned", got.rationale
