"""Continuing a course of visits, written once (guidelines/shared/course.yaml
``response_to_prior``), in letter-style fictional cases.

CPMTG 2009 pp. 98-99 (physical medicine: more visits after a course follow objective
functional improvement from it), p. 22 (aquatic therapy takes the physical medicine visit
limits) and p. 60 (massage): the same principle for each, with the improvement asked at the
body part treated. A gain at another part is not the response of this course; a course named
among the treatments to date is a course already given.
"""

from __future__ import annotations

from _letter_case import decide_letter_case

INJURED = "4-12-2014"
AQUATIC = "Aquatic therapy for the lumbar spine 2 times a week for 3 weeks"
LOW_BACK = (
    "She is morbidly obese with a body mass index of 44. Per the progress report dated "
    "10-20-16, she reported low back pain rated 6/10 with limited lumbar flexion on examination. "
    "She completed four sessions of aquatic therapy for the low back. {gain}The treating "
    "physician requested aquatic therapy for the lumbar spine."
)


def _decide(item: str, text: str) -> tuple[str, str | None]:
    got = decide_letter_case(item, INJURED, text, sex="female", case_number="CM00-course")
    return got.decision, got.topic


def test_aquatic_therapy_continues_on_improvement_at_the_part_treated() -> None:
    """p. 22 -> pp. 98-99: the aquatic course for the low back continues on a gain there; a
    gain of the shoulder after its injection is not this course's response (the aquatic topic
    had asked for improvement anywhere)."""
    elsewhere = LOW_BACK.format(
        gain="After the right shoulder injection she reported improved function of the right "
        "shoulder. "
    )
    assert _decide(AQUATIC, elsewhere) == ("upheld", "cpmtg2009.aquatic-therapy")
    here = LOW_BACK.format(
        gain="Since the aquatic sessions her low back pain is better and she reports improved "
        "function of the low back with increased walking tolerance. "
    )
    assert _decide(AQUATIC, here) == ("overturned", "cpmtg2009.aquatic-therapy")


MASSAGE = "Massage therapy for the neck 1 time a week for 4 weeks"
NECK = (
    "Per the progress report dated 10-20-16, he reported neck pain with tenderness and spasm "
    "of the cervical paraspinal muscles. He is attending physical therapy for the neck. "
    "{history}The treating physician requested massage therapy for the neck."
)


def test_massage_named_among_the_treatments_to_date_is_a_course_already_given() -> None:
    """p. 60 (and pp. 98-99): massage named among the treatments to date has been given, so
    more needs its documented functional improvement (the topic had read a course given only
    from the request's wording or a count of visits)."""
    given = NECK.format(
        history="His treatments have consisted of medications and massage therapy. "
    )
    assert _decide(MASSAGE, given) == ("upheld", "cpmtg2009.massage")
    first = NECK.format(history="His treatments have consisted of medications. ")
    assert _decide(MASSAGE, first) == ("overturned", "cpmtg2009.massage")
    helped = NECK.format(
        history="His treatments have consisted of medications and massage therapy, after which "
        "he reported improved function of the neck with increased activity tolerance. "
    )
    assert _decide(MASSAGE, helped) == ("overturned", "cpmtg2009.massage")
