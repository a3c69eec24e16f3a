"""Medications of the sixth pass, in letter-style fictional cases (2017 wording: "According to
the progress report dated", "Per the PR-2 dated"), each with the outcome the guideline gives and
the one it withholds. Every pair here failed before the change its docstring names.

- An anticonvulsant continued on relief told as the drug's effect in a relative clause or the
  passive ("started gabapentin ... in February 2017, which reduced his burning leg pain by
  50%", "was noted to decrease ... by 50%", "50% improvement in her radicular symptoms with
  Lyrica", "with the use of gabapentin", "since starting gabapentin, his pain decreased from
  8/10 to 4/10"), and a function improved second after another gain ("improved his sleep and
  walking tolerance"): CPMTG 2009 p. 16 (record the relief and the function; 30 to 50 percent
  is a response) and p. 60 (relief and function with each medication).
- An opioid supply the prescriber orders to wean ("requested Norco 10/325 mg #45 to wean the
  medication"): CPMTG 2009 p. 124 (weaning of medications) and the Opioids Treatment
  Guidelines 2016 (taper rather than stop abruptly); UR's modification for weaning is not the
  prescriber's plan.
- Pain scores without and with the medication followed by what it makes possible ("9/10
  without medications and 5/10 with medications, and is able to shop and cook with them"): the
  analgesia and the function of the 4 A's (CPMTG 2009 pp. 78-80), both in one sentence.
"""

from __future__ import annotations

import pytest
from _letter_case import decide_letter_items


def _decide(item: str, injured: str, text: str, sex: str = "male") -> tuple[str, str | None]:
    """(decision, topic) of one item of a letter-style case decided in 2017."""
    got = decide_letter_items(
        [item], injured, text, sex, ur="2017-06-20", decided="2017-07-20",
        case_number="CM00-meds6",
    )[0]
    return got.decision, got.topic


GABA = (
    "According to the progress report dated 5-22-17, the injured worker reported radiating pain "
    "down the left leg with numbness. Examination showed a positive straight leg raise and "
    "decreased sensation in the L5 dermatome. {benefit} The treating physician requested a "
    "refill of gabapentin."
)
GAB = "Gabapentin 300mg #90"
ANTICONVULSANT = "cpmtg2009.anticonvulsants"


@pytest.mark.parametrize(
    "benefit",
    [
        "He started gabapentin 300 mg three times daily in February 2017, which reduced his "
        "burning leg pain by 50% and improved his sleep and walking tolerance.",
        "Gabapentin was noted to decrease his neuropathic pain by 50%, and he is now able to "
        "walk for 30 minutes.",
        "He reported 50% improvement in his radicular symptoms with gabapentin and improved "
        "walking tolerance.",
        "He reported greater than 50% reduction in burning pain with the use of gabapentin, "
        "and improved walking tolerance.",
        "Since starting gabapentin, his radicular pain decreased from 8/10 to 4/10, and he is "
        "now able to walk for 30 minutes.",
    ],
)
def test_an_anticonvulsant_continued_on_its_relief_in_other_wordings(benefit: str) -> None:
    """CPMTG 2009 p. 16: the relief (30 to 50 percent a response) and the function recorded
    with the drug continue it."""
    assert _decide(GAB, "3-1-2015", GABA.format(benefit=benefit)) == (
        "overturned", ANTICONVULSANT)


def test_an_anticonvulsant_with_minimal_relief_is_not_continued() -> None:
    """CPMTG 2009 pp. 16-17: under 30 percent is no response (switch or combine)."""
    minimal = GABA.format(
        benefit="He has taken gabapentin 300 mg three times daily since October 2016 with "
        "minimal improvement, less than 10%, and no change in his walking tolerance."
    )
    assert _decide(GAB, "3-1-2015", minimal) == ("upheld", ANTICONVULSANT)


WEAN = (
    "According to the progress report dated 5-22-17, the injured worker has taken Norco 10/325 "
    "mg three times daily since 2014. Pain was rated 7/10 and there was no documentation of "
    "functional improvement. {plan}"
)
NORCO = "Norco 10/325mg #45"


def test_an_opioid_supply_ordered_to_wean_is_the_taper_the_guideline_asks_for() -> None:
    """CPMTG 2009 p. 124 and the Opioids Treatment Guidelines 2016: an opioid that no longer
    meets the criteria is tapered, not stopped abruptly; the prescriber's weaning supply is
    that taper. A refill with no benefit and no plan, or one that only UR cut down to allow
    weaning, is not."""
    weaning = WEAN.format(
        plan="The treating physician requested Norco 10/325 mg #45 to wean the medication over "
        "the next month."
    )
    assert _decide(NORCO, "4-2-2013", weaning) == ("overturned", "opioids2016.opioids")
    refill = WEAN.format(plan="The treating physician requested Norco 10/325 mg #45.")
    assert _decide(NORCO, "4-2-2013", refill) == ("upheld", "opioids2016.opioids")
    by_ur = WEAN.format(
        plan="The treating physician requested Norco 10/325 mg #45. Utilization review "
        "modified the request for Norco 10/325 mg #90 to #45 to wean."
    )
    assert _decide(NORCO, "4-2-2013", by_ur) == ("upheld", "opioids2016.opioids")


OXY = (
    "Per the PR-2 dated 5-22-17, the injured worker reported neck pain rated 9/10 without "
    "medications and 5/10 with medications{gain}. Current medications include {meds}. A urine "
    "drug screen dated 4-10-17 was consistent, the CURES report was reviewed, and an opioid "
    "agreement was signed. The treatment plan included {plan}."
)
SHOP = ", and is able to shop and cook with them"


def test_scores_with_and_without_then_what_the_drug_makes_possible() -> None:
    """CPMTG 2009 pp. 78-80 (the 4 A's): the relief (9/10 to 5/10) and the function ("is able
    to shop and cook") told in one sentence are both documented; the relief alone is not the
    function."""
    oxy = "Oxycodone 10mg #90"
    meds, plan = "oxycodone 10 mg three times daily", "oxycodone 10 mg #90"
    assert _decide(oxy, "4-2-2010", OXY.format(gain=SHOP, meds=meds, plan=plan)) == (
        "overturned", "opioids2016.opioids")
    assert _decide(oxy, "4-2-2010", OXY.format(gain="", meds=meds, plan=plan)) == (
        "upheld", "opioids2016.opioids")


def test_a_dose_over_the_threshold_does_not_deny_the_documented_function() -> None:
    """Upheld on the dose (CPMTG 2009 p. 86, over 120 mg morphine equivalents), the rationale
    does not say the records lack the relief and function they state."""
    text = OXY.format(
        gain=SHOP,
        meds="oxycodone 30 mg one tablet every 4 hours and Norco 10/325 mg every 4 hours",
        plan="oxycodone 30 mg #180",
    )
    got = decide_letter_items(
        ["Oxycodone 30mg #180"], "4-2-2010", text, ur="2017-06-20", decided="2017-07-20",
        case_number="CM00-meds6",
    )[0]
    assert got.decision == "upheld"
    assert "above 120 mg oral morphine equivalents" in got.rationale
    assert "do not document both the relief of pain" not in got.rationale


P = "Per the PR-2 dated 5-22-17, the injured worker "


@pytest.mark.parametrize(
    ("item", "text", "topic"),
    [
        (
            "Nortriptyline 25mg #30",
            P + "reported burning pain in the left leg from lumbar radiculopathy with decreased "
            "L5 sensation. {benefit} The treating physician requested a refill of nortriptyline.",
            "cpmtg2009.antidepressants",
        ),
        (
            "Pregabalin 75mg #60",
            P + "reported numbness and burning of the right hand with a positive Tinel's sign, "
            "diagnosed as ulnar neuropathy. {benefit} The treating physician requested a refill "
            "of pregabalin.",
            "cpmtg2009.anticonvulsants",
        ),
        (
            "Cymbalta 60mg #30",
            P + "reported chronic neck pain with depression secondary to the chronic pain. "
            "{benefit} The treating physician requested a refill of Cymbalta.",
            "cpmtg2009.antidepressants",
        ),
    ],
)
def test_a_drug_continued_on_relief_and_function_told_after_its_dose(
    item: str, text: str, topic: str
) -> None:
    """CPMTG 2009 p. 13 (antidepressants: pain outcome, function, sleep) and p. 16
    (anticonvulsants: 30 to 50 percent relief and function): the drug named with its dose or
    another effect first ("Nortriptyline 25 mg at bedtime, started in 2016, reduces ...",
    "Pregabalin 75 mg twice daily provides 40% relief", "Cymbalta improved her mood and
    reduced her pain ..."), then what the patient can do, is the benefit that continues it;
    the same refill with no benefit stated is not continued."""
    drug = item.split()[0]
    benefit = {
        "Nortriptyline": "Nortriptyline 25 mg at bedtime, started in 2016, reduces his leg pain "
        "from 7/10 to 4/10 and he is able to sleep through the night and walk 20 minutes longer.",
        "Pregabalin": "Pregabalin 75 mg twice daily provides 40% relief of her burning pain and "
        "she is able to type at work for longer periods.",
        "Cymbalta": "Cymbalta improved her mood and reduced her pain from 7/10 to 4/10, and she "
        "is able to do household chores.",
    }[drug]
    none = f"{drug} has been taken since 2015."
    assert _decide(item, "3-1-2014", text.format(benefit=benefit), "female") == (
        "overturned", topic)
    assert _decide(item, "3-1-2014", text.format(benefit=none), "female") == ("upheld", topic)


LIDODERM = (
    P + "reported localized burning pain along the scar of the left knee{cause}. She previously "
    "failed gabapentin. Lidoderm patches reduce her pain from 7/10 to 3/10 and she is able to "
    "walk longer. The treating physician requested a refill of Lidoderm."
)


def test_lidoderm_for_the_pain_of_an_injured_peripheral_nerve() -> None:
    """CPMTG 2009 pp. 111-112 (Lidoderm for localized peripheral neuropathic pain after a
    first-line drug) with p. 16 (neuropathic pain is pain from nerve damage): an injured nerve
    named is the neuropathic pain; scar pain with no nerve named is not."""
    nerve = LIDODERM.format(
        cause=" from an injury to the infrapatellar branch of the saphenous nerve")
    assert _decide("Lidoderm 5% patch #30", "3-1-2014", nerve, "female") == (
        "overturned", "cpmtg2009.topical-analgesics")
    assert _decide("Lidoderm 5% patch #30", "3-1-2014", LIDODERM.format(cause=""), "female") == (
        "upheld", "cpmtg2009.topical-analgesics")


def test_a_topical_nsaid_for_tendinitis_of_the_peroneal_tendons_is_at_the_ankle() -> None:
    """CPMTG 2009 pp. 111-112: topical NSAIDs for osteoarthritis and tendinitis of joints
    amenable to topical treatment (knee, elbow, ankle, foot, wrist, hand), not the spine. The
    peroneal tendons run behind the ankle; the spine is not such a joint."""
    flector = "Flector 1.3% patch #30"
    ankle = (P + "reported right ankle pain from tendinitis of the peroneal tendons. She could "
             "not tolerate oral NSAIDs due to gastritis. The treating physician prescribed "
             "Flector patches for the ankle.")
    assert _decide(flector, "3-1-2015", ankle, "female") == (
        "overturned", "cpmtg2009.topical-nsaids")
    back = (P + "reported chronic low back pain. The treating physician prescribed Flector "
            "patches for the low back.")
    assert _decide(flector, "3-1-2015", back, "female") == (
        "upheld", "cpmtg2009.topical-nsaids")
