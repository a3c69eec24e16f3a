"""An operation the pain has persisted since, with its date ("low back pain after an L4-L5
laminectomy in 2014"), is a prior surgery: for a spinal cord stimulator, failed back surgery
syndrome (CPMTG 2009 pp. 105-107). Undated ("after the surgery") it may be the plan's, and is
not read. Fictional letter-style cases."""

from __future__ import annotations

from _letter_case import decide_letter_case

CASE = (
    "Per the PR-2 dated 10-20-16, the injured worker has persistent low back pain radiating to "
    "the left leg {since}. Treatment to date has included physical therapy, medications and "
    "epidural injections without lasting relief. A psychological evaluation dated 9-15-16 "
    "cleared him for a spinal cord stimulator trial. The plan was a spinal cord stimulator trial."
)


def test_pain_since_a_dated_laminectomy_is_failed_back_surgery() -> None:
    got = decide_letter_case("Spinal cord stimulator trial", "1-5-2014",
                             CASE.format(since="after an L4-L5 laminectomy in 2014"))
    assert got.decision == "overturned", got.rationale
    assert "laminectomy in 2014" in got.rationale


def test_pain_since_an_injury_is_not() -> None:
    got = decide_letter_case("Spinal cord stimulator trial", "1-5-2014",
                             CASE.format(since="since a lifting injury in 2014"))
    assert got.decision == "upheld", got.rationale


def test_an_undated_operation_after_which_care_is_planned_is_not_one_done() -> None:
    got = decide_letter_case("Spinal cord stimulator trial", "1-5-2014",
                             CASE.format(since="; therapy is planned after the fusion"))
    assert got.decision == "upheld", got.rationale


PSYCH = (
    "Per the PR-2 dated 10-20-16, the injured worker has persistent low back pain radiating to "
    "the left leg after an L4-L5 laminectomy in 2014. Treatment to date has included physical "
    "therapy, medications and epidural injections without lasting relief. {evaluation} The plan "
    "was a spinal cord stimulator trial."
)


def test_an_evaluation_that_cleared_him_for_the_device_needs_no_second() -> None:
    # CPMTG 2009 p. 101: the screening before a stimulator; one already given is no new question
    got = decide_letter_case("Psychological evaluation", "1-5-2014", PSYCH.format(
        evaluation="A psychological evaluation dated 9-15-16 cleared him for a spinal cord "
                   "stimulator trial."))
    assert got.decision == "upheld", got.rationale


def test_an_earlier_evaluation_that_gave_no_clearance_leaves_the_device_question() -> None:
    got = decide_letter_case("Psychological evaluation", "1-5-2014", PSYCH.format(
        evaluation="A psychological evaluation dated 9-15-16 diagnosed an adjustment disorder."))
    assert got.decision == "overturned", got.rationale
