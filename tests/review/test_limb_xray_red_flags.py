"""Plain films and the shared special-studies red flag, in letter-style fictional cases.

- Every ACOEM 2004 chapter's films read one red flag (guidelines/shared/special-studies.yaml): a
  current suspicion of serious pathology at the part filmed. The mechanism of injury (a fall
  from a ladder, a vehicle accident) is history and never counts alone, even in the first
  weeks; a suspected fracture does, and one that completed films ruled out does not.
- The knee and ankle chapters keep their own rule for films after an acute injury (Ch. 13 pp.
  341-342, Ch. 14 pp. 372-374, the Ottawa rules): tenderness of bone at the named points,
  inability to bear weight, inability to flex the knee to 90 degrees, age 55 or over with a
  knee complaint. An acute injury with those findings warrants films whatever its mechanism;
  films already taken answer the rule.
"""

from __future__ import annotations

import pytest
from _letter_case import decide_letter_case

RECENT = "10-20-2016"  # two weeks before UR (11-3-16): an acute injury
OLD = "3-2-2014"


def _decide(item: str, injured: str, text: str) -> tuple[str, str | None]:
    got = decide_letter_case(item, injured, text, case_number="CM00-limbxray")
    return got.decision, got.topic


FILMS = {
    "knee": ("X-ray of the right knee", "right knee", "acoem2004.knee.xray"),
    "ankle": ("X-ray of the right ankle", "right ankle", "acoem2004.ankle-foot.xray"),
    "shoulder": ("X-ray of the right shoulder", "right shoulder", "acoem2004.shoulder.xray"),
    "wrist": ("X-ray of the right wrist", "right wrist", "acoem2004.wrist-hand.xray"),
    "low back": ("X-ray of the lumbar spine", "low back", "acoem2004.low-back.xray"),
    "neck": ("X-ray of the cervical spine", "neck", "acoem2004.neck.xray"),
}
MECHANISM = (
    "He fell from a ladder at work. Per the progress report dated 10-28-16, he reported "
    "{part} pain rated 6/10. The treating physician requested radiographs."
)
SUSPECTED = (
    "He fell from a ladder at work. Per the progress report dated 10-28-16, he reported "
    "{part} pain rated 6/10, and a fracture of the {part} was suspected. The treating "
    "physician requested radiographs."
)


@pytest.mark.parametrize("site", sorted(FILMS))
def test_the_mechanism_of_a_recent_injury_alone_is_no_red_flag(site: str) -> None:
    """Two weeks after a fall from a ladder, pain alone at the part: no red flag, in every
    chapter (the topics had counted the fall itself as a current red flag)."""
    item, part, topic = FILMS[site]
    assert _decide(item, RECENT, MECHANISM.format(part=part)) == ("upheld", topic)


@pytest.mark.parametrize("site", sorted(FILMS))
def test_a_suspected_fracture_after_the_fall_is_a_red_flag(site: str) -> None:
    item, part, topic = FILMS[site]
    assert _decide(item, RECENT, SUSPECTED.format(part=part)) == ("overturned", topic)


def test_an_old_fall_in_the_history_does_not_warrant_films() -> None:
    item, part, topic = FILMS["knee"]
    assert _decide(item, OLD, MECHANISM.format(part=part)) == ("upheld", topic)


KNEE = (
    "He slipped on a wet floor at work and twisted his right knee. Per the progress report "
    "dated 10-28-16, he reported right knee pain. {exam}The treating physician requested "
    "radiographs of the right knee."
)


@pytest.mark.parametrize(
    "exam",
    [
        "On examination there was tenderness over the fibular head. ",
        "On examination he was unable to bear weight on the right leg. ",
        "On examination he was unable to flex the right knee to 90 degrees. ",
    ],
)
def test_the_ottawa_knee_rule_after_an_acute_injury(exam: str) -> None:
    """Ch. 13 pp. 341-342: an acute knee injury with a finding of the Ottawa rule warrants films
    (before, only a fall from a height or a suspected fracture did)."""
    assert _decide("X-ray of the right knee", RECENT, KNEE.format(exam=exam)) == (
        "overturned", "acoem2004.knee.xray")


def test_the_knee_rule_needs_its_findings_and_an_acute_injury() -> None:
    plain = KNEE.format(exam="On examination there was mild swelling. ")
    assert _decide("X-ray of the right knee", RECENT, plain) == ("upheld", "acoem2004.knee.xray")
    found = KNEE.format(exam="On examination there was tenderness over the fibular head. ")
    # the same findings two years after the injury: no longer the acute rule
    assert _decide("X-ray of the right knee", OLD, found) == ("upheld", "acoem2004.knee.xray")


def test_films_already_taken_answer_the_knee_rule() -> None:
    taken = KNEE.format(
        exam="On examination there was tenderness over the fibular head. X-rays of the right "
        "knee on 10-21-16 showed no fracture. "
    )
    assert _decide("X-ray of the right knee", RECENT, taken) == ("upheld", "acoem2004.knee.xray")


def test_an_effusion_after_an_acute_knee_injury_and_no_age_rule() -> None:
    """Ch. 13 pp. 341-342: an effusion after a blow or fall is one of the chapter's findings;
    the chapter names no age (the Ottawa rule's age of 55 is not its own)."""
    effusion = KNEE.format(exam="On examination there was a right knee effusion. ")
    assert _decide("X-ray of the right knee", RECENT, effusion) == (
        "overturned", "acoem2004.knee.xray")
    text = KNEE.format(exam="")
    assert _decide("X-ray of the right knee", RECENT + "@58", text) == (
        "upheld", "acoem2004.knee.xray")


ANKLE = (
    "He rolled his right ankle stepping off a curb at work. Per the progress report dated "
    "10-28-16, he reported right ankle pain. {exam}The treating physician requested "
    "radiographs of the right ankle."
)


@pytest.mark.parametrize(
    "exam",
    [
        "On examination there was tenderness at the posterior edge of the lateral malleolus. ",
        "On examination there was tenderness at the base of the fifth metatarsal. ",
        "On examination he was unable to bear weight. ",
    ],
)
def test_the_ottawa_ankle_rules_after_an_acute_injury(exam: str) -> None:
    """Ch. 14 pp. 372-374: an acute ankle injury with a finding of the Ottawa rules."""
    assert _decide("X-ray of the right ankle", RECENT, ANKLE.format(exam=exam)) == (
        "overturned", "acoem2004.ankle-foot.xray")


def test_the_ankle_rules_need_their_findings() -> None:
    plain = ANKLE.format(exam="On examination there was mild swelling over the lateral ankle. ")
    assert _decide("X-ray of the right ankle", RECENT, plain) == (
        "upheld", "acoem2004.ankle-foot.xray")
