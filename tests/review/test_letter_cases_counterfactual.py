"""Causes the counterfactual probe (eval/counterfactual_probe.py, issue 12) found, each with
the outcome the guideline gives and the one it withholds. Fictional 2016 case summaries.

- A stimulation unit "as an adjunct to her home exercise program", or "the home exercise
  program she continues", names the program followed now (CPMTG 2009 pp. 114-116 TENS,
  pp. 118-120 interferential: the unit is used with a program of functional restoration);
  neither plain wording was read, so the checklist's own words left the item upheld.
- "Chronic soft tissue inflammation", the words CPMTG 2009 p. 117 uses for an H-wave trial,
  was not read (only tendinitis stood for it).
- Ketorolac's acute, moderately severe pain (CPMTG 2009 p. 72) was read from the score of the
  record that reports the visit (a case summary gives every visit on its own date), so the
  rationale dated the score by the summary and, of two visits reported out of order, took the
  one written last; the score is now the latest visit's and quoted with that visit's date.
"""

from __future__ import annotations

import pytest
from _letter_case import decide_letter_case

TENS = (
    "The diagnoses have included lumbar radiculopathy. Treatment to date has included physical "
    "therapy, gabapentin and NSAIDs without adequate relief. Per the progress report dated "
    "10-20-16, the injured worker complained of low back pain radiating down the left leg for "
    "more than a year, rated 7 out of 10. Examination revealed decreased sensation in the left "
    "L5 dermatome. {program} The treatment plan included a one-month home trial of a TENS unit."
)


@pytest.mark.parametrize(
    ("program", "expected"),
    [
        ("The unit is to be used as an adjunct to his home exercise program.", "overturned"),
        ("He was given the home exercise program he continues daily.", "overturned"),
        # a program named, not one he follows: the guideline's adjunct is withheld
        ("The unit could be an adjunct to a home exercise program.", "upheld"),
        ("He has stopped his home exercise program.", "upheld"),
    ],
)
def test_a_unit_given_as_an_adjunct_to_the_program_he_follows(program: str, expected: str) -> None:
    """CPMTG 2009 pp. 114-116: a one-month TENS trial as an adjunct to a program of
    functional restoration."""
    got = decide_letter_case("TENS unit, 30 day rental", "3-1-2015", TENS.format(program=program))
    assert got.decision == expected, got.rationale
    if expected == "upheld":
        assert any("program" in n for n in got.needed), got.needed


TORADOL = (
    "The diagnoses have included acute lumbar strain. {first} {second} A Toradol injection was "
    "given in the office on 10-20-16."
)
SEVERE = (
    "Per the progress report dated 10-20-16, the injured worker complained of severe low back "
    "pain rated 9 out of 10 after lifting a pallet."
)
MILD = "Per the initial report dated 10-12-16, he reported low back pain rated 3 out of 10."
MILD_LATE = "Per the progress report dated 10-20-16, he reported low back pain rated 3 out of 10."
SEVERE_EARLY = (
    "Per the initial report dated 10-12-16, the injured worker complained of severe low back "
    "pain rated 9 out of 10 after lifting a pallet."
)


def _toradol(first: str, second: str) -> tuple[str, str]:
    got = decide_letter_case(
        "Retrospective Toradol 60mg intramuscular injection (DOS 10-20-16)", "10-10-2016",
        TORADOL.format(first=first, second=second),
    )
    return got.decision, got.rationale


def test_the_pain_score_is_the_latest_visits_and_carries_its_date() -> None:
    """CPMTG 2009 p. 72 (ketorolac: not for minor or chronic painful conditions): the pain of
    the visit the injection was given at decides, whichever order the summary reports it in,
    and the rationale dates it by that visit, not by the summary."""
    decision, rationale = _toradol(SEVERE, MILD)
    assert decision == "overturned", rationale
    assert '"pain rated 9 out of 10" (clinical-case-summary, 10/20/2016)' in rationale
    assert "12/10/2016" not in rationale
    decision, rationale = _toradol(MILD_LATE, SEVERE_EARLY)
    assert decision == "upheld", rationale


HWAVE = (
    "The diagnoses have included {dx}. Treatment to date has included medications and physical "
    "therapy without lasting relief, and a home exercise program. He used a TENS unit daily for "
    "two months, without relief. Per the progress report dated 10-20-16, the injured worker "
    "complained of right shoulder pain rated 7 out of 10. Examination revealed tenderness of "
    "the right shoulder. The treatment plan included a one-month home trial of an H-wave device "
    "with his home exercise program."
)


@pytest.mark.parametrize(
    ("dx", "expected"),
    [
        ("chronic soft tissue inflammation of the right shoulder", "overturned"),
        ("chronic right shoulder pain", "upheld"),
    ],
)
def test_h_wave_for_soft_tissue_inflammation_named_as_such(dx: str, expected: str) -> None:
    """CPMTG 2009 p. 117: an H-wave trial may be considered for diabetic neuropathic pain or
    chronic soft tissue inflammation (after TENS and conservative care have failed); the
    guideline's own words for the condition were not read, pain alone is neither."""
    got = decide_letter_case("Home H-wave device, one month trial", "3-1-2014", HWAVE.format(dx=dx))
    assert got.decision == expected, got.rationale
