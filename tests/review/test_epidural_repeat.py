"""An epidural block the records report given at the requested part of the spine makes the
request a repeat, whether or not it says "repeat": CPMTG 2009 p. 46 judges a repeat block on
the earlier one's response (at least 50% relief with less medication for six to eight weeks),
not on the first block's conditions. Fictional letter-style cases."""

from __future__ import annotations

from _letter_case import decide_letter_case

ITEM = "Cervical epidural steroid injection at C5-C6"
CASE = (
    "Per the PR-2 dated 10-20-16, the injured worker had a cervical epidural steroid injection "
    "at C5-C6 on 6-1-16 {response}. The neck pain has returned, radiating to the right arm. On "
    "examination there was decreased sensation in the right C6 dermatome and a positive "
    "Spurling's test. An MRI of the cervical spine dated 3-2-16 showed a right C5-C6 disc "
    "protrusion with foraminal narrowing. The plan was another cervical epidural steroid "
    "injection."
)


def test_an_earlier_block_that_helped_supports_another() -> None:
    got = decide_letter_case(
        ITEM, "1-5-2015", CASE.format(response="with 60% relief for 8 weeks and reduced use "
                                      "of medications"))
    assert got.course == "repeat"
    assert got.decision == "overturned", got.rationale
    assert "60% relief" in got.rationale


def test_an_earlier_block_that_helped_two_weeks_does_not() -> None:
    # before: judged as a first block, and upheld only for the conservative care it lacked
    got = decide_letter_case(
        ITEM, "1-5-2015", CASE.format(response="with 60% relief for two weeks"))
    assert got.course == "repeat"
    assert got.decision == "upheld", got.rationale
    assert "earlier block" in got.rationale


def test_an_earlier_facet_injection_is_not_an_earlier_epidural() -> None:
    text = CASE.replace("a cervical epidural steroid injection at C5-C6 on 6-1-16",
                        "cervical facet injections on 6-1-16").format(response="without relief")
    got = decide_letter_case(ITEM, "1-5-2015", text)
    assert got.course == "initial", got.rationale
