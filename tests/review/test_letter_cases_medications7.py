"""Medications of the seventh pass, in letter-style fictional cases (2017 wording: "Per the PR-2
dated", "Lyrica 75 mg bid #60 was requested"), each with the outcome the guideline gives and the
one it withholds. Every pair here failed before the change its docstring names.

- A drug asked for with its directions before the verb ("Lyrica 75 mg bid #60 was requested",
  "Capsaicin 0.025% cream 60gm was requested", "Terocin patches (lidocaine 4%, menthol 4%) #30
  were requested") is the prescription under review, not a drug the patient already takes:
  the benefit of a drug in use (CPMTG 2009 p. 16 anticonvulsants, p. 60 NSAIDs, pp. 111-112
  topicals; ODG Pain, "Insomnia treatment") is not asked of a first trial, and a rationale does
  not say the drug is in use.
- The function the opioid makes possible, said after the scores ("7/10 without and 3/10 with
  Norco, and with it she can do laundry", "pain reduced from 9/10 to 5/10 with Norco, and he can
  walk 30 minutes"), and a screen "positive for hydrocodone, consistent with her
  prescriptions" (the expected result): the 4 A's, CPMTG 2009 pp. 78-80.
- Pain scores with and without the medications taken now show a regimen in use: the opioid
  continues it or follows non-opioids (Opioids 2016; CPMTG 2009 pp. 76-80).
- The prescriber who "began a taper" of the opioid (CPMTG 2009 p. 124; Opioids 2016, taper
  rather than stop).
- Oral baclofen for the spasticity of a spinal cord injury (CPMTG 2009 p. 64) is not held to
  the short course for low back pain (pp. 63-66).
"""

from __future__ import annotations

import pytest
from _letter_case import decide_letter_items

from openimr.domain import ItemDecision
from openimr.evidence import quantities


def _got(item: str, injured: str, text: str, sex: str = "male") -> ItemDecision:
    return decide_letter_items(
        [item], injured, text, sex, ur="2017-05-25", decided="2017-06-25",
        case_number="CM00-meds7",
    )[0]


def _decide(item: str, injured: str, text: str, sex: str = "male") -> tuple[str, str | None]:
    got = _got(item, injured, text, sex)
    return got.decision, got.topic


P = "Per the PR-2 dated 5-15-17, the injured worker "


# -- a drug asked for with its directions is the request, not a drug in use -------------------


def test_pregabalin_asked_for_with_its_directions_is_a_first_trial() -> None:
    """CPMTG 2009 pp. 16-20: pregabalin for the neuropathic pain of CRPS after gabapentin was
    stopped; "Lyrica 75 mg bid #60 was requested" is the new drug, whose benefit cannot yet be
    recorded. The same drug for tendinitis has no neuropathic pain to treat, and the rationale
    does not call it a drug in use."""
    crps = (
        "The injured worker was diagnosed with complex regional pain syndrome of the right upper "
        "extremity. " + P + "reported burning pain, allodynia and color changes of the right "
        "hand. Gabapentin caused dizziness and was stopped. Lyrica 75 mg bid #60 was requested."
    )
    tendon = (
        "The injured worker was diagnosed with right shoulder rotator cuff tendinitis. " + P
        + "reported shoulder pain with overhead activity. There were no neurologic complaints. "
        "Lyrica 75 mg bid #60 was requested for pain."
    )
    item = "Lyrica 75mg #60"
    assert _decide(item, "7-7-2015", crps, "female") == ("overturned", "cpmtg2009.anticonvulsants")
    got = _got(item, "7-7-2015", tendon, "female")
    assert got.decision == "upheld"
    assert "already in use" not in got.rationale


def test_capsaicin_asked_for_after_other_treatments_failed() -> None:
    """CPMTG 2009 p. 112: capsaicin is an option for a patient who has not responded to or
    tolerated other treatments; "Capsaicin 0.025% cream 60gm was requested" is the request, so
    the benefit of a topical in use is not asked. Without the failed treatments it is not."""
    text = (
        "The injured worker was diagnosed with chronic low back pain and fibromyalgia. " + P
        + "reported widespread pain. {tried}Capsaicin 0.025% cream 60gm was requested."
    )
    failed = ("She has not responded to or was intolerant of naproxen, gabapentin, amitriptyline "
              "and duloxetine. ")
    item = "Capsaicin 0.025% cream 60gm"
    assert _decide(item, "2-2-2016", text.format(tried=failed), "female") == (
        "overturned", "cpmtg2009.topical-analgesics")
    assert _decide(item, "2-2-2016", text.format(tried=""), "female") == (
        "upheld", "cpmtg2009.topical-analgesics")


def test_an_nsaid_asked_for_with_food_for_an_acute_strain() -> None:
    """CPMTG 2009 p. 67: an NSAID for the short-term relief of acute low back pain; "Motrin
    800mg 1 po tid with food #90 was requested" is the first supply. Taken since 2014 without a
    recorded benefit it is not continued (p. 60)."""
    text = (P + "reported low back pain rated 7/10. {history}Motrin 800mg 1 po tid with food "
            "#90 was requested.")
    acute = ("The injured worker was diagnosed with acute low back strain after a lifting injury "
             "on 5-1-17. ")
    item = "Motrin 800mg #90"
    assert _decide(item, "2-2-2016", acute + text.format(history="")) == (
        "overturned", "cpmtg2009.nsaids")
    chronic = "The injured worker was diagnosed with chronic low back pain. "
    assert _decide(item, "2-2-2016", chronic + text.format(
        history="She has taken ibuprofen 800 mg three times daily since 2014. ")) == (
        "upheld", "cpmtg2009.nsaids")


def test_a_first_short_course_of_zolpidem_after_the_insomnia_is_evaluated() -> None:
    """ODG Pain, "Insomnia treatment": zolpidem for 7 to 10 days after the sleep disturbance is
    evaluated; "Zolpidem 5mg qhs #10 was requested" is that course, not a hypnotic in use.
    Ambien taken since 2015 is beyond it."""
    text = (
        "The injured worker was diagnosed with chronic neck pain. " + P + "reported new onset "
        "of difficulty falling asleep for the past two weeks, taking 2 hours to fall asleep, "
        "with daytime fatigue. Sleep hygiene measures have failed. {then}"
    )
    new = "She has not taken any sleep medication before. Zolpidem 5mg qhs #10 was requested."
    old = "Zolpidem 5 mg at bedtime has been taken since 2015. Zolpidem 5mg #10 was requested."
    item = "Zolpidem 5mg #10"
    topic = "odg.pain.insomnia-treatment"
    assert _decide(item, "6-1-2013", text.format(then=new), "female") == ("overturned", topic)
    assert _decide(item, "6-1-2013", text.format(then=old), "female") == ("upheld", topic)


def test_a_compound_patch_asked_for_with_its_ingredients_is_not_called_a_drug_in_use() -> None:
    """CPMTG 2009 p. 112: lidocaine other than the Lidoderm patch is not recommended; the
    request "Terocin patches (lidocaine 4%, menthol 4%) #30 were requested" is upheld for that,
    and the rationale does not say the patch is already in use."""
    text = (
        "The injured worker was diagnosed with lumbar radiculopathy. " + P + "reported low back "
        "pain radiating into the left leg. Terocin patches (lidocaine 4%, menthol 4%) #30 were "
        "requested."
    )
    got = _got("Terocin patches #30", "5-5-2014", text)
    assert got.decision == "upheld"
    assert "already in use" not in got.rationale


# -- the 4 A's in other wordings ------------------------------------------------------------


NORCO = (
    "The injured worker was diagnosed with right shoulder impingement. " + P + "reported "
    "shoulder pain 7/10 without and 3/10 with Norco{gain}. The urine drug screen dated 4-10-17 "
    "was positive for hydrocodone, consistent with her prescriptions. CURES was reviewed. The "
    "treating physician requested Norco 5/325mg 1 po bid #60."
)


def test_what_the_patient_can_do_with_it_after_the_scores() -> None:
    """CPMTG 2009 pp. 78-80: the relief (7/10 to 3/10) and the function ("with it she can do
    laundry and cook") continue the opioid under monitoring; the relief alone does not. A
    screen positive for the prescribed drug is no aberrant behaviour."""
    item = "Norco 5/325mg #60"
    got = _got(item, "1-15-2014", NORCO.format(gain=", and with it she can do laundry and cook"),
               "female")
    assert (got.decision, got.topic) == ("overturned", "opioids2016.opioids")
    got = _got(item, "1-15-2014", NORCO.format(gain=""), "female")
    assert got.decision == "upheld"
    assert "aberrant drug-related behaviour:" not in got.rationale


def test_a_screen_positive_for_the_prescribed_drug_is_consistent() -> None:
    """The result of a urine drug screen: the prescribed drug found and said to match is the
    expected result; a drug not prescribed is not."""
    assert quantities.uds_result(
        "The urine drug screen was positive for hydrocodone, consistent with her prescriptions."
    ) == "consistent"
    assert quantities.uds_result(
        "The urine drug screen was positive for methamphetamine."
    ) == "inconsistent"


def test_a_dose_over_the_threshold_does_not_deny_the_function_said_after_the_relief() -> None:
    """Upheld on the dose (CPMTG 2009 p. 86, above 120 mg morphine equivalents); the rationale
    does not say the records lack the relief and function ("pain reduced from 9/10 to 5/10
    with Norco, and he can walk 30 minutes")."""
    text = (
        "The diagnoses included lumbar radiculopathy. " + P + "reported pain reduced from 9/10 "
        "to 5/10 with Norco, and he can walk 30 minutes. He takes Norco 10/325 1-2 tabs every 4 "
        "hours, up to 6 a day, plus fentanyl 50 mcg/hr patch. UDS 3-1-17 consistent. Norco "
        "10/325mg #180 was requested."
    )
    got = _got("Norco 10/325mg #180", "3-3-2011", text)
    assert got.decision == "upheld"
    assert "above 120 mg oral morphine equivalents" in got.rationale
    assert "do not document both the relief of pain" not in got.rationale


def test_scores_with_and_without_the_medications_show_a_regimen_in_use() -> None:
    """Opioids 2016 and CPMTG 2009 pp. 76-80: pain 3/10 with the medications and 8/10 without
    is a regimen taken now, so the opioid asked for continues it (or follows non-opioids);
    with the function, the monitoring and no aberrant behaviour it is continued. The same
    opioid asked for with no treatment before it is a new trial without one."""
    item = "Hydrocodone/APAP 10/325mg #90"
    head = ("The diagnoses included cervical degenerative disc disease. According to the progress "
            "report dated 5-15-17, the injured worker reported neck pain rated ")
    tail = " Hydrocodone/APAP 10/325mg 1 po tid #90 was requested."
    on = head + (
        "3/10 with medications and 8/10 without. Medications allow her to continue working full "
        "duty as a cashier and to do household chores. She reported no side effects. No "
        "aberrant drug-taking behaviors were observed. CURES report dated 4-28-17 was "
        "appropriate and a urine drug screen on 4-28-17 was appropriate." + tail
    )
    assert _decide(item, "3-3-2011", on, "female") == ("overturned", "opioids2016.opioids")
    assert _decide(item, "3-3-2011", head + "8/10." + tail, "female") == (
        "upheld", "opioids2016.opioids")


def test_the_prescriber_who_began_a_taper() -> None:
    """CPMTG 2009 p. 124 and Opioids 2016: when continuing is not supported, the opioid is
    tapered; "the physician began a taper: Norco 10/325mg #60, decreased from #120" is that
    taper. The same supply without it is a refill of an opioid without documented benefit."""
    text = (
        "The diagnoses included chronic low back pain. " + P + "reported low back pain rated "
        "8/10. Norco has been prescribed since 2011 without documented functional benefit. {plan}"
    )
    taper = ("The physician began a taper: Norco 10/325mg #60, decreased from #120, to wean off "
             "over the next two months.")
    refill = "The physician started a home exercise program and requested Norco 10/325mg #60."
    item = "Norco 10/325mg #60"
    topic = "opioids2016.opioids"
    assert _decide(item, "4-4-2010", text.format(plan=taper)) == ("overturned", topic)
    assert _decide(item, "4-4-2010", text.format(plan=refill)) == ("upheld", topic)


# -- baclofen for spasticity ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("diagnosis", "expected"),
    [
        ("a cervical spinal cord injury with spasticity of the lower extremities. " + P
         + "reported spasticity with leg spasms at night.", "overturned"),
        ("lumbar strain. " + P + "reported low back pain with muscle spasms.", "upheld"),
    ],
)
def test_baclofen_for_the_spasticity_of_a_spinal_cord_injury(diagnosis: str, expected: str) -> None:
    """CPMTG 2009 p. 64: oral baclofen for the spasticity and spasm of spinal cord injury (and
    multiple sclerosis), not limited to the short course of a low back flare (pp. 63-66); for
    low back spasm a 30-day supply is beyond that course."""
    text = ("The injured worker was diagnosed with " + diagnosis
            + " Baclofen 10mg tid #90 was requested.")
    assert _decide("Baclofen 10mg #90", "2-2-2016", text) == (
        expected, "cpmtg2009.muscle-relaxants")
