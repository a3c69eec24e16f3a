"""A muscle relaxant's supply measured at the directions it is prescribed with (CPMTG 2009
pp. 41-42 and 63-66: a short course, not longer than two to three weeks). Without directions
the supply is measured at the label's most tablets a day, the generous reading; with them, at
what is prescribed, so #60 twice a day is thirty days. Fictional letter-style cases."""

from __future__ import annotations

import pytest
from _letter_case import decide_letter_case

from openimr.evidence.quantities import doses_a_day

FLARE = (
    "Per the PR-2 dated 10-20-16, the injured worker reported an acute flare of low back pain "
    "with spasm. On examination there was paravertebral muscle spasm of the lumbar spine. The "
    "plan was to start cyclobenzaprine 7.5 mg {sig} for the spasm."
)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("7.5 mg one tablet twice a day", 2.0),
        ("10 mg 1 tab bid #60", 2.0),
        ("two tablets every 8 hours", 6.0),
        ("at bedtime", 1.0),
        ("three times daily as needed", 3.0),
        ("7.5 mg #60", None),
        ("as needed for spasm", None),
    ],
)
def test_doses_a_day_from_the_directions(words: str, expected: float | None) -> None:
    assert doses_a_day(words) == expected


def test_directions_in_the_plan_make_sixty_tablets_a_month() -> None:
    got = decide_letter_case("Cyclobenzaprine 7.5mg #60", "9-1-2016",
                             FLARE.format(sig="one tablet twice a day"))
    assert got.decision == "upheld", got.rationale
    assert "30 days at 2 a day" in got.rationale


def test_directions_in_the_request_make_sixty_tablets_a_month() -> None:
    got = decide_letter_case("Cyclobenzaprine 7.5mg 1 tab bid #60", "9-1-2016",
                             FLARE.format(sig="as needed"))
    assert got.decision == "upheld", got.rationale


def test_without_directions_sixty_tablets_are_a_short_course() -> None:
    # at the label's three a day, #60 lasts 20 days: within the short course
    got = decide_letter_case("Cyclobenzaprine 7.5mg #60", "9-1-2016", FLARE.format(sig="as needed"))
    assert got.decision == "overturned", got.rationale


def test_three_a_day_keeps_sixty_tablets_a_short_course() -> None:
    got = decide_letter_case("Cyclobenzaprine 7.5mg #60", "9-1-2016",
                             FLARE.format(sig="one tablet three times a day"))
    assert got.decision == "overturned", got.rationale


def test_another_drugs_directions_are_not_the_relaxants() -> None:
    text = FLARE.format(sig="as needed") + (
        " He also takes cyclobenzaprine and tramadol 50 mg twice a day.")
    got = decide_letter_case("Cyclobenzaprine 7.5mg #60", "9-1-2016", text)
    assert "2 a day" not in got.rationale
