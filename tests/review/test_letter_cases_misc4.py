"""Leftovers of the sixth issue-12 pass, in letter-style fictional cases (2017 wording: "Per the
PR-2 dated", "treatment to date has included"), each with the outcome the guideline gives and
the one it withholds.

- A psychological evaluation the records report done and dated is done, though its sentence goes
  on to say what it recommended: the recommendation is its result, not a request for it
  (routing ``prior_study``). Another evaluation then has no new question (CPMTG 2009 pp.
  100-101; our reading, as for a study already done).
- The psychological evaluation before a spinal cord stimulator clears the patient (CPMTG 2009
  p. 101); one that found him "not a candidate" is an evaluation done but no clearance, while
  "no contraindication to a spinal cord stimulator trial" is the clearance.
- An assistant surgeon disputed alone, after UR certified the operation ("the L5-S1
  microdiscectomy was certified"), follows that operation: a spinal decompression is among the
  more complex operations (ODG Low Back, Surgical assistant); the level "L5-S1" places the
  operation at the lumbar spine, not at the S1 root's leg.
"""

from __future__ import annotations

from _letter_case import decide_letter_items


def _decide(items: list[str], injured: str, text: str) -> dict[str, tuple[str, str | None]]:
    """item -> (decision, topic) for the items of one letter-style case decided in 2017."""
    got = decide_letter_items(
        items, injured, text, ur="2017-03-20", decided="2017-04-20", case_number="CM00-misc4"
    )
    return {d.item: (d.decision, d.topic) for d in got}


PSYCH = (
    "Per the PR-2 dated 3-14-17, the injured worker reported low back pain with depressed mood "
    "and poor sleep. {prior}Treatment to date has included medications and physical therapy. "
    "The treating physician requested a psychological evaluation."
)
EVAL = "Psychological evaluation"


def test_an_evaluation_done_that_recommended_therapy_makes_another_a_repeat() -> None:
    """CPMTG 2009 pp. 100-101: an evaluation dated 1-10-17 that recommended therapy has given
    its answer; without it, depressed mood is a reason for one."""
    done = PSYCH.format(
        prior="A psychological evaluation dated 1-10-17 diagnosed an adjustment disorder and "
        "recommended cognitive behavioral therapy. "
    )
    assert _decide([EVAL], "6-1-2016", done)[EVAL] == (
        "upheld", "cpmtg2009.psychological-evaluation")
    asked = PSYCH.format(prior="A psychological evaluation was recommended on 1-10-17. ")
    assert _decide([EVAL], "6-1-2016", asked)[EVAL] == (
        "overturned", "cpmtg2009.psychological-evaluation")


STIM = (
    "Per the PR-2 dated 3-14-17, the injured worker reported low back pain radiating to the "
    "left leg. He underwent an L4-L5 laminectomy in 2014. Treatment to date has included "
    "physical therapy, medications and two epidural injections without lasting relief. A "
    "psychological evaluation on 2-20-17 {result}. The treating physician requested a spinal "
    "cord stimulator trial."
)
SCS = "Spinal cord stimulator trial"


def test_a_psychological_evaluation_that_did_not_clear_him_is_no_clearance() -> None:
    """CPMTG 2009 pp. 101, 105-107: failed back surgery syndrome after failed less invasive
    care, cleared by the evaluation, supports a trial; an evaluation that found him not a
    candidate does not."""
    cleared = STIM.format(result="found no contraindication to a spinal cord stimulator trial")
    assert _decide([SCS], "6-1-2013", cleared)[SCS] == (
        "overturned", "cpmtg2009.spinal-cord-stimulators")
    refused = STIM.format(
        result="found him not a candidate for a spinal cord stimulator trial because of "
        "untreated depression"
    )
    assert _decide([SCS], "6-1-2013", refused)[SCS] == (
        "upheld", "cpmtg2009.spinal-cord-stimulators")


DISC = (
    "Per the PR-2 dated 3-14-17, the injured worker reported low back pain radiating down the "
    "left leg to the foot. Examination revealed a positive straight leg raise on the left and "
    "an absent left Achilles reflex. MRI of the lumbar spine dated 1-20-17 revealed a left "
    "disc extrusion at L5-S1 compressing the left S1 nerve root. Treatment to date has "
    "included eight sessions of physical therapy and an epidural steroid injection without "
    "lasting relief.{ur}"
)
ASSIST = "Assistant surgeon"


def test_an_assistant_surgeon_follows_the_certified_microdiscectomy() -> None:
    """ODG Low Back, Surgical assistant: an option for a spinal decompression; the operation
    is the one UR certified (the level names the lumbar spine). With no operation certified
    or disputed, nothing establishes the surgery the assistant is for."""
    certified = DISC.format(
        ur=" The left L5-S1 microdiscectomy was certified by utilization review on 3-20-17."
    )
    assert _decide([ASSIST], "6-1-2016", certified)[ASSIST] == (
        "overturned", "odg.assistant-surgeon")
    none = DISC.format(ur=" The treating physician requested an assistant surgeon.")
    assert _decide([ASSIST], "6-1-2016", none)[ASSIST] == ("upheld", "odg.assistant-surgeon")


HEP = (
    "Per the PR-2 dated 3-14-17, the injured worker {state}. Treatment to date has included "
    "medications and eight sessions of physical therapy. The treating physician requested a "
    "home exercise program."
)
PROGRAM = "Home exercise program"


def test_a_home_exercise_program_is_exercise_not_equipment() -> None:
    """CPMTG 2009 Exercise, pp. 46-47: exercise is recommended for a painful condition; the
    program is not exercise equipment (which the ODG does not count as medical). A worker who
    reports no pain has no condition for it to treat."""
    painful = HEP.format(
        state="reported low back pain rated 5 out of 10 with difficulty bending and lifting"
    )
    assert _decide([PROGRAM], "6-1-2016", painful)[PROGRAM] == (
        "overturned", "cpmtg2009.exercise")
    well = HEP.format(state="denied any pain and had returned to full duty")
    assert _decide([PROGRAM], "6-1-2016", well)[PROGRAM] == ("upheld", "cpmtg2009.exercise")


EDX = (
    "Per the PR-2 dated 3-14-17, the injured worker reported low back pain with numbness and "
    "burning in both feet. Past medical history is significant for type 2 diabetes mellitus. "
    "Examination revealed {exam}. Treatment to date has included medications and eight "
    "sessions of physical therapy without improvement. The treating physician requested EMG/NCS "
    "of the bilateral lower extremities."
)
EMG = "EMG/NCS of the bilateral lower extremities"


def test_a_stocking_distribution_is_not_a_focal_deficit() -> None:
    """ACOEM 2004 ch. 12 p. 303: electromyography looks for subtle focal neurologic
    dysfunction; a deficit in the left L5 dermatome is focal, one in a stocking distribution
    (a length-dependent polyneuropathy) is not."""
    focal = EDX.format(exam="decreased sensation in the left L5 dermatome")
    assert _decide([EMG], "6-1-2016", focal)[EMG] == ("overturned", "acoem2004.low-back.emg")
    stocking = EDX.format(exam="decreased sensation to light touch in a stocking distribution")
    assert _decide([EMG], "6-1-2016", stocking)[EMG] == ("upheld", "acoem2004.low-back.emg")
