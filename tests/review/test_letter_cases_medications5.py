"""Medication requests of the fifth medications pass, in letter-style fictional cases (2017
wording: "Per the PR-2 dated", "current medications include"), each with the outcome the
guideline gives and the one it withholds.

- Buprenorphine (Suboxone, Subutex, Butrans) has a CPMTG section of its own (2009 pp. 26-27):
  recommended for opiate addiction, and an option for chronic pain, especially after
  detoxification in a patient with a history of addiction. Taken for pain it is an opioid
  continued on documented relief and function (pp. 78-80); taken for the addiction, pain
  scores are not its measure.
- Diazepam before an MRI for claustrophobia: CPMTG 2009 p. 24 limits benzodiazepines to short
  use (four weeks) and sets no pathway for sedation before a procedure; claustrophobia is a
  phobic anxiety, and one dose is far inside the limit. Without the claustrophobia the dose has
  no indication.
- Sleep aids (ODG Pain, "Insomnia treatment"): a hypnotic follows an evaluation of the sleep
  disturbance (its components: onset, maintenance, quality, next-day function; sleep hygiene,
  "Zolpidem"); zolpidem and zaleplon are for 7-10 days.
- A carpal tunnel release after an injection that gave "relief for 2 weeks" (the relief wore
  off: conservative management failed, ACOEM 2004 Ch. 11 p. 270, referral for surgery).
- A proton pump inhibitor beside two NSAIDs taken together (CPMTG 2009 p. 68, risk factor
  four: high-dose or multiple NSAIDs); one NSAID under two names is one.
- An NSAID continued on relief stated after how long it has been taken ("naproxen since 2014,
  which reduces his pain from 7/10 to 4/10"): the relief and function of CPMTG 2009 p. 60.
"""

from __future__ import annotations

from _letter_case import decide_letter_items


def _decide(item: str, injured: str, text: str, sex: str = "male") -> tuple[str, str | None]:
    """(decision, topic) of one item of a letter-style case decided in 2017."""
    got = decide_letter_items(
        [item], injured, text, sex, ur="2017-03-20", decided="2017-04-20",
        case_number="CM00-meds5",
    )[0]
    return got.decision, got.topic


SUBOXONE = (
    "Per the PR-2 dated 3-6-17, the injured worker reported chronic low back pain rated 7/10. "
    "{history}Current medications include Suboxone 8 mg/2 mg sublingual film twice daily. "
    "The treating physician requested a refill of Suboxone."
)
SUB = "Suboxone 8mg/2mg #60"


def test_suboxone_treats_an_opiate_addiction_and_is_not_judged_as_a_pain_opioid() -> None:
    """CPMTG 2009 pp. 26-27: buprenorphine is recommended for opiate addiction; after a
    detoxification it is the option the section names. Taken for pain alone and continued
    without documented relief and function (pp. 78-80), it is not supported."""
    addicted = SUBOXONE.format(
        history="He has a history of opioid dependence and completed a detoxification program "
        "in 2016. "
    )
    assert _decide(SUB, "5-1-2012", addicted) == ("overturned", "cpmtg2009.buprenorphine")
    for_pain = SUBOXONE.format(history="")
    assert _decide(SUB, "5-1-2012", for_pain) == ("upheld", "cpmtg2009.buprenorphine")


BUTRANS = (
    "Per the PR-2 dated 3-6-17, the injured worker reported chronic neck pain rated 6/10. "
    "Current medications include Butrans 10 mcg/hr patch weekly and naproxen. {benefit}A urine "
    "drug screen on 2-1-17 was consistent. The treating physician requested a refill of Butrans."
)
BUT = "Butrans 10mcg/hr #4"


def test_a_butrans_patch_continued_for_pain_needs_its_relief_and_function() -> None:
    """CPMTG 2009 pp. 26-27 (buprenorphine in any form) with pp. 78-80 (continuing an opioid
    for pain on documented relief and function): "50% pain relief with the Butrans and is
    able to walk her dog" is both; a refill with neither is not supported."""
    helped = BUTRANS.format(
        benefit="She reported 50% pain relief with the Butrans and is able to walk her dog and "
        "do household chores. "
    )
    assert _decide(BUT, "5-1-2012", helped, "female") == ("overturned", "cpmtg2009.buprenorphine")
    assert _decide(BUT, "5-1-2012", BUTRANS.format(benefit=""), "female") == (
        "upheld", "cpmtg2009.buprenorphine")


VALIUM = (
    "Per the PR-2 dated 3-6-17, the injured worker reported low back pain radiating to the left "
    "leg. An MRI of the lumbar spine was authorized on 2-20-17. {fear}The treating physician "
    "requested Valium 10 mg, one tablet to be taken 30 minutes before the MRI."
)
VAL = "Valium 10mg #1"


def test_one_dose_of_diazepam_before_an_mri_for_claustrophobia() -> None:
    """CPMTG 2009 p. 24: a benzodiazepine for a short anxiolytic use, far inside the four
    weeks; claustrophobia is the anxiety. The same dose with no claustrophobia documented has
    no indication."""
    afraid = VALIUM.format(
        fear="The injured worker reported claustrophobia and was unable to complete a prior MRI. "
    )
    assert _decide(VAL, "5-1-2016", afraid) == ("overturned", "cpmtg2009.benzodiazepines")
    assert _decide(VAL, "5-1-2016", VALIUM.format(fear="")) == (
        "upheld", "cpmtg2009.benzodiazepines")


SLEEP = (
    "Per the PR-2 dated 3-6-17, the injured worker reported low back pain. {sleep} She has not "
    "previously taken a sleep medication. The treating physician requested Ambien 10 mg at "
    "bedtime."
)
EVALUATED = (
    "She reported difficulty falling asleep, taking over an hour to fall asleep, despite sleep "
    "hygiene measures."
)


def test_a_hypnotic_follows_an_evaluation_of_the_sleep_disturbance() -> None:
    """ODG Pain, "Insomnia treatment": medication after a careful evaluation of the sleep
    disturbance and its components; "difficulty sleeping because of pain" alone is no such
    evaluation."""
    assert _decide("Ambien 10mg #10", "5-1-2016", SLEEP.format(sleep=EVALUATED), "female") == (
        "overturned", "odg.pain.insomnia-treatment")
    bare = SLEEP.format(sleep="She reported difficulty sleeping because of pain.")
    assert _decide("Ambien 10mg #10", "5-1-2016", bare, "female") == (
        "upheld", "odg.pain.insomnia-treatment")


def test_zolpidem_is_for_seven_to_ten_days_and_the_extended_release_form_is_not() -> None:
    """ODG Pain, "Insomnia treatment": zolpidem for short-term use of 7-10 days, so thirty
    nights at once outlasts it; Ambien CR is not so limited."""
    text = SLEEP.format(sleep=EVALUATED)
    assert _decide("Ambien 10mg #30", "5-1-2016", text, "female") == (
        "upheld", "odg.pain.insomnia-treatment")
    cr = text.replace("Ambien 10 mg", "Ambien CR 12.5 mg")
    assert _decide("Ambien CR 12.5mg #30", "5-1-2016", cr, "female") == (
        "overturned", "odg.pain.insomnia-treatment")


CTR = (
    "Per the PR-2 dated 3-6-17, the injured worker reported numbness and tingling of the right "
    "hand. Examination revealed a positive Tinel's sign and a positive Phalen's test at the "
    "right wrist. An EMG/NCV study dated 1-10-17 showed moderate right carpal tunnel syndrome. "
    "Treatment to date has included wrist splinting, medications and therapy. A cortisone "
    "injection to the right carpal tunnel on 12-1-16 provided relief{lasted}. The treating "
    "physician requested a right carpal tunnel release."
)
RELEASE = "Right carpal tunnel release"


def test_injection_relief_that_lasted_two_weeks_is_conservative_care_that_failed() -> None:
    """ACOEM 2004 Ch. 11 p. 270: release when carpal tunnel syndrome is shown on examination,
    supported by nerve conduction studies, and has not responded to conservative management;
    relief for two weeks wore off. Relief with no word of its end is no failure."""
    assert _decide(RELEASE, "5-1-2016", CTR.format(lasted=" for 2 weeks"), "female") == (
        "overturned", "acoem2004.wrist-hand.surgery")
    assert _decide(RELEASE, "5-1-2016", CTR.format(lasted=""), "female") == (
        "upheld", "acoem2004.wrist-hand.surgery")


PPI = (
    "Per the PR-2 dated 3-6-17, the injured worker reported chronic knee pain. Current "
    "medications include {meds} and omeprazole. The treating physician requested a refill of "
    "omeprazole."
)
OMEP = "Omeprazole 20mg #60"


def test_two_nsaids_taken_together_are_a_gastrointestinal_risk_factor() -> None:
    """CPMTG 2009 p. 68: multiple NSAIDs are among the risk factors for which a proton pump
    inhibitor is warranted; Anaprox and naproxen are one drug."""
    two = PPI.format(meds="naproxen 550 mg twice daily, meloxicam 15 mg daily")
    assert _decide(OMEP, "5-1-2014", two) == ("overturned", "cpmtg2009.nsaid-gi-protection")
    one = PPI.format(meds="Anaprox DS 550 mg twice daily, naproxen")
    assert _decide(OMEP, "5-1-2014", one) == ("upheld", "cpmtg2009.nsaid-gi-protection")


NAPROXEN = (
    "Per the PR-2 dated 3-6-17, the injured worker reported chronic low back pain rated 7/10. "
    "He has taken naproxen since 2014{effect}. The treating physician requested a refill of "
    "naproxen."
)
NAP = "Naproxen 550mg #60"


def test_an_nsaid_relief_said_after_how_long_it_has_been_taken() -> None:
    """CPMTG 2009 p. 60: a drug continued on its relief and the function it brings; the
    relief is the naproxen's though "since 2014, which" stands between."""
    helped = NAPROXEN.format(
        effect=", which reduces his pain from 7/10 to 4/10 and allows him to walk for 45 minutes"
    )
    assert _decide(NAP, "5-1-2014", helped) == ("overturned", "cpmtg2009.nsaids")
    assert _decide(NAP, "5-1-2014", NAPROXEN.format(effect="")) == ("upheld", "cpmtg2009.nsaids")


GABA = (
    "Per the PR-2 dated 3-6-17, the injured worker reported low back pain radiating to the left "
    "leg with numbness. She has taken gabapentin 300 mg three times daily since 2015{effect}. "
    "The treating physician requested a refill of gabapentin."
)
GAB = "Gabapentin 300mg #90"


def test_an_anticonvulsant_relief_said_after_its_dose_and_how_long() -> None:
    """CPMTG 2009 p. 16: an anticonvulsant continued on the relief and function it brings,
    stated after its dose, its frequency and since when; "the gabapentin helps" is no figure."""
    helped = GABA.format(
        effect=", which decreases her radicular pain from 8/10 to 5/10 and allows her to walk "
        "longer"
    )
    assert _decide(GAB, "5-1-2014", helped, "female") == (
        "overturned", "cpmtg2009.anticonvulsants")
    vague = GABA.format(effect=". She stated the gabapentin helps")
    assert _decide(GAB, "5-1-2014", vague, "female") == ("upheld", "cpmtg2009.anticonvulsants")


WEAN = (
    "Per the PR-2 dated 3-6-17, the injured worker reported chronic low back pain. {course} The "
    "treating physician requested Suboxone."
)


def test_buprenorphine_to_wean_off_opioids_after_aberrant_behaviour() -> None:
    """CPMTG 2009 p. 42 (aberrant behaviour, a reason to withdraw opioids), p. 124 (weaning)
    and pp. 26-27 (buprenorphine): a wean off the full agonists with buprenorphine is what
    the misuse calls for. Aberrant behaviour on buprenorphine taken for pain, with no
    addiction it treats and no wean, calls for reassessment (pp. 78-79), whatever the relief."""
    weaned = WEAN.format(
        course="Current medications include Norco 10/325 mg six times daily and oxycodone. He "
        "reported running out of medications early and the CURES report showed multiple "
        "prescribers. The treating physician recommended weaning off opioids with "
        "buprenorphine."
    )
    assert _decide("Suboxone 8mg/2mg #30", "5-1-2012", weaned) == (
        "overturned", "cpmtg2009.buprenorphine")
    misused = WEAN.format(
        course="Current medications include Suboxone 8 mg/2 mg twice daily for pain, which "
        "reduces his pain from 8/10 to 5/10 and allows him to walk for 30 minutes. A urine drug "
        "screen dated 2-1-17 was negative for buprenorphine and positive for cocaine."
    )
    assert _decide("Suboxone 8mg/2mg #60", "5-1-2012", misused) == (
        "upheld", "cpmtg2009.buprenorphine")


CAPSAICIN = (
    "Per the PR-2 dated 3-6-17, the injured worker reported chronic low back pain.{tried} The "
    "treating physician requested capsaicin cream."
)
CAP = "Capsaicin 0.075% cream"


def test_capsaicin_for_a_patient_who_has_not_responded_to_other_treatments() -> None:
    """CPMTG 2009 pp. 28-29: capsaicin only for a patient who has not responded to, or cannot
    tolerate, other treatments; "has not responded to NSAIDs" is that failure, and the NSAIDs
    were taken (not negated). With no other treatment tried it is not supported."""
    failed = CAPSAICIN.format(
        tried=" She has not responded to NSAIDs, gabapentin and physical therapy."
    )
    assert _decide(CAP, "5-1-2014", failed, "female") == (
        "overturned", "cpmtg2009.topical-analgesics")
    assert _decide(CAP, "5-1-2014", CAPSAICIN.format(tried=""), "female") == (
        "upheld", "cpmtg2009.topical-analgesics")
