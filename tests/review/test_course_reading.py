"""The course of care read from letter-style summaries: a study's result keeps its weight
though months old (an EMG is a test, not an examination finding that goes stale), and a trial
of psychotherapy completed with functional gains supports the rest of the course (CPMTG 2009
p. 23). Fictional cases."""

from __future__ import annotations

from _letter_case import decide_letter_case

CESI = (
    "Per the progress note dated 10-3-16, she reported neck pain radiating to the right arm "
    "with numbness of the thumb. Examination revealed decreased sensation in the right C6 "
    "dermatome and a positive Spurling's test.{study} She failed physical therapy, NSAIDs and "
    "gabapentin. The plan included a C5-6 interlaminar epidural steroid injection."
)
ITEM = "Cervical epidural steroid injection C5-6"


def test_an_emg_of_six_months_ago_corroborates_the_radiculopathy() -> None:
    study = " An EMG dated 4-20-16 showed a right C6 radiculopathy."
    d = decide_letter_case(ITEM, "2-1-2015", CESI.format(study=study), sex="female")
    assert d.decision == "overturned"
    d = decide_letter_case(ITEM, "2-1-2015", CESI.format(study=""), sex="female")
    assert d.decision == "upheld"
    assert any("corroborated" in n for n in d.needed)


CBT = (
    "Per the progress note dated 10-3-16, he reported depression related to his chronic pain. "
    "He completed an initial trial of 4 sessions of cognitive behavioral therapy, after which "
    "his Beck Depression Inventory score improved from 30 to 18{gain}. The plan included 6 "
    "additional sessions of psychotherapy."
)


def test_psychotherapy_continues_after_a_trial_with_functional_gains() -> None:
    gain = " and he returned to walking daily"
    assert decide_letter_case("Psychotherapy 6 sessions", "2-1-2013",
                              CBT.format(gain=gain)).decision == "overturned"
    assert decide_letter_case("Psychotherapy 6 sessions", "2-1-2013",
                              CBT.format(gain="")).decision == "upheld"
