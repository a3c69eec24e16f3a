"""Two evidence-reading leftovers of the surgery cases, in letter-style fictional cases (issue
12): each pair holds the outcome the guideline gives and the one it withholds.

Ankle: a limited range of dorsiflexion is the ankle's own motion (regions.yaml ``motions``), so
an ankle arthroscopy after more than a month of failed exercise, with the lesion imaged, has the
finding beyond pain that ACOEM 2004 ch. 14 (Surgical Considerations, pp. 374-375) asks for;
weakness of dorsiflexion stays the leg's (a lumbar root's strength).

Failed care: a drug named, then "without improvement" ("naproxen and tramadol for over four
months, without improvement"), is a failed course of conservative care whatever the drug (any
medication name of the vocabulary, schema ``after_medication``); the drug stays its own finding.
"""

from __future__ import annotations

from _letter_case import decide_letter_items


def _decide(
    items: list[str], injured: str, text: str, sex: str = "male"
) -> dict[str, tuple[str, str | None]]:
    """item -> (decision, topic) for the items of one letter-style case."""
    return {d.item: (d.decision, d.topic) for d in decide_letter_items(items, injured, text, sex)}


ANKLE_SCOPE = (
    "Per the PR-2 dated 10-3-16, the injured worker reported right ankle pain and stiffness "
    "since a fall from a ladder. Examination of the right ankle revealed tenderness over the "
    "anterior joint line, and {motion}. MRI of the right ankle dated 8-15-16 revealed an "
    "osteochondral lesion of the talar dome with anterior impingement. Treatment to date has "
    "included twelve sessions of physical therapy and a home exercise program over four months "
    "without improvement. The treating physician requested a right ankle arthroscopy with "
    "debridement."
)
SCOPE = "Right ankle arthroscopy with debridement"


def test_a_limited_range_of_dorsiflexion_is_the_ankles_finding_beyond_pain() -> None:
    """ACOEM 2004 ch. 14 pp. 374-375: limited motion of the ankle after failed exercise, with
    the lesion imaged, supports the referral; an ankle whose examination shows pain only does
    not."""
    limited = ANKLE_SCOPE.format(motion="dorsiflexion was limited to 5 degrees")
    got = _decide([SCOPE], "1-10-2016@40", limited, "female")
    assert got[SCOPE] == ("overturned", "acoem2004.ankle-foot.surgery"), got
    full = ANKLE_SCOPE.format(motion="motor strength was 5/5 throughout")
    got = _decide([SCOPE], "1-10-2016@40", full, "female")
    assert got[SCOPE] == ("upheld", "acoem2004.ankle-foot.surgery"), got


ANKLE_DRUGS = (
    "Per the PR-2 dated 10-3-16, the injured worker reported right ankle pain and stiffness "
    "since a fall from a ladder. Examination of the right ankle revealed tenderness over the "
    "anterior joint line, and dorsiflexion was limited to 5 degrees. MRI of the right ankle "
    "dated 8-15-16 revealed an osteochondral lesion of the talar dome with anterior "
    "impingement. Treatment to date has included naproxen and tramadol for over four months, "
    "{outcome}. The treating physician requested a right ankle arthroscopy with debridement."
)


def test_named_drugs_without_improvement_are_failed_conservative_care() -> None:
    """ACOEM 2004 ch. 14 pp. 374-375: the referral follows conservative care that failed; drugs
    taken for months without improvement are that failure, drugs that helped are not."""
    failed = ANKLE_DRUGS.format(outcome="without improvement")
    got = _decide([SCOPE], "1-10-2016@40", failed)
    assert got[SCOPE] == ("overturned", "acoem2004.ankle-foot.surgery"), got
    helped = ANKLE_DRUGS.format(outcome="with improvement in his walking tolerance")
    got = _decide([SCOPE], "1-10-2016@40", helped)
    assert got[SCOPE] == ("upheld", "acoem2004.ankle-foot.surgery"), got
