"""A request for body parts whose guidelines differ is decided part by part, and as a whole
is medically necessary only when every part is (one disputed item, one decision). Fictional
letter-style cases."""

from __future__ import annotations

from _letter_case import decide_letter_case

from openimr.intake.requests import parse_request

NECK = (
    "Per the PR-2 dated 10-20-16, the injured worker complained of neck pain radiating to the "
    "right arm and low back pain. Examination revealed decreased sensation in the right C6 "
    "dermatome and a positive Spurling test on the right. Treatment to date has included "
    "physical therapy and medications without improvement. "
)
BACK_CLEAR = "Lumbar examination revealed tenderness without neurologic deficits."
BACK_NERVE = (
    "Lumbar examination revealed positive straight leg raise on the left and decreased "
    "sensation in the left L5 dermatome. He would consider surgery."
)
ITEM = "MRI of the cervical and lumbar spine"


def test_one_part_not_supported_upholds_the_whole_request() -> None:
    # ACOEM 2004 ch. 8 pp. 177-178 supports the neck study; ch. 12 pp. 303-304 not the lumbar
    got = decide_letter_case(ITEM, "3-2-2015", NECK + BACK_CLEAR)
    assert got.decision == "upheld", got.rationale
    assert "(the cervical spine part) is medically necessary" in got.rationale
    assert "(the lumbar spine part) is not medically necessary" in got.rationale
    assert "as a whole is not medically necessary" in got.rationale
    assert got.topic == "acoem2004.low-back.mri-ct"
    chapters = " ".join(g.text for g in got.guidelines)
    assert "Chapter 12" in chapters and "Chapter 8" in chapters
    # the parts name each other only in the request's own words
    assert not [n for n in got.notes if n.kind == "fact_check"], got.notes


def test_every_part_supported_overturns_it() -> None:
    got = decide_letter_case(ITEM, "3-2-2015", NECK + BACK_NERVE)
    assert got.decision == "overturned", got.rationale
    assert "Because every part is medically necessary" in got.rationale


def test_one_topic_for_both_parts_is_one_decision() -> None:
    # CPMTG pp. 58-60 governs manipulation of the neck and of the back alike
    got = decide_letter_case("Chiropractic care 2x3 cervical and lumbar", "3-2-2015",
                             NECK + BACK_CLEAR)
    assert "part)" not in got.rationale


def test_upper_and_lower_extremities_are_both_read() -> None:
    req = parse_request("EMG/NCV of the bilateral upper and lower extremities")
    assert set(req.regions) == {"upper extremity", "lower extremity"}
