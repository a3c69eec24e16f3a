"""Medications in the wording of 2017-2020 letters' case summaries, a fourth set: a drug screen
that does not match the prescription, a topical continued on its documented benefit, and the
return to work that continues an opioid under the 2009 guideline. Each case has its
counterpart that lacks exactly what the guideline asks for. Fictional. Decided as of the
letter's own dates (``decide_letter_items`` with its UR and decision dates).

Cases whose comment names a cause failed before the fix (the supported case was upheld, or the
counterpart overturned); the others hold what the guideline says on the wordings of these
years."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from _letter_case import decide_letter_items

from openimr.domain import ItemDecision


class Case(NamedTuple):
    item: str
    injured: str  # m-d-yyyy
    supported: str
    unsupported: str
    ur: str = "2019-08-26"
    decided: str = "2019-09-25"


def _decide(c: Case, text: str) -> ItemDecision:
    return decide_letter_items(
        [c.item], c.injured, text, case_number="CM00-medication4", ur=c.ur, decided=c.decided
    )[0]


SCREEN = (
    "The injured worker has been diagnosed with chronic cervical pain. Treatment to date has "
    "included physical therapy, naproxen and Norco. Per the PR-2 dated 8-6-19, the injured "
    "worker reported neck pain rated 4/10 with medications and 8/10 without. With Norco he is "
    "able to drive and work modified duty. He denied side effects. {screen} An opioid "
    "agreement is on file. The treatment plan included a refill of Norco 10/325 mg one tablet "
    "every 8 hours."
)
PATCHES = (
    "The injured worker has been diagnosed with post-herpetic neuralgia of the left chest "
    "wall. Treatment to date has included gabapentin and nortriptyline, both without benefit, "
    "and Lidoderm patches since 2018. Per the PR-2 dated 3-2-20, {state} The treatment plan "
    "included continuation of Lidoderm 5% patches."
)
GEL = (
    "The injured worker has been diagnosed with left knee osteoarthritis. Treatment to date has "
    "included physical therapy, a cortisone injection and Voltaren gel since 2017. Oral NSAIDs "
    "caused gastritis. Per the PR-2 dated 2-11-19, {state} Examination revealed crepitus and "
    "medial joint line tenderness. The treatment plan included a refill of Voltaren gel."
)
WORK = (
    "The injured worker has been diagnosed with lumbar sprain/strain and lumbar disc "
    "protrusion. Treatment to date has included physical therapy, chiropractic care, "
    "acupuncture and medications. Medical records dated 1-12-15 to 3-9-15 indicate that the "
    "injured worker continues to report low back pain rated 7/10 with and 9/10 without "
    "medications. {work} He denied side effects and there were no aberrant behaviors. A urine "
    "drug screen dated 1-12-15 was consistent with the prescribed medications and an opioid "
    "agreement is on file. Current medications include Norco 10/325 mg three times a day. The "
    "treatment plan included a refill of Norco."
)
TESTING = (
    "The injured worker has been diagnosed with lumbar radiculopathy. Treatment to date has "
    "included physical therapy and medications including Norco. Per the PR-2 dated 9-10-18, "
    "the injured worker reported pain rated 4/10 with and 8/10 without medications. {history} "
    "He is at low risk for aberrant behavior. The treatment plan included a urine drug screen."
)
NEW_TRAMADOL = (
    "The injured worker has been diagnosed with right shoulder rotator cuff tendinitis. "
    "Treatment to date has included physical therapy, a home exercise program{nsaid}. Per the "
    "PR-2 dated 7-10-18, the injured worker reported right shoulder pain rated 7/10 with "
    "difficulty reaching overhead. The physician reviewed the CURES report, obtained a baseline "
    "urine drug screen and an opioid agreement was signed. The treatment plan included a trial "
    "of tramadol 50 mg twice daily."
)

COMBINED = (
    "The injured worker has been diagnosed with lumbar radiculopathy. Treatment to date has "
    "included physical therapy, epidural steroid injections, naproxen and Norco. Per the PR-2 "
    "dated 8-13-18, the injured worker reported {state} He denied side effects and there were "
    "no aberrant behaviors. A urine drug screen dated 7-2-18 was consistent with the prescribed "
    "medications and an opioid agreement is on file. The treatment plan included continuation "
    "of Norco 10/325 mg three times daily."
)
NERVE = (
    "The injured worker has been diagnosed with cervical radiculopathy. Treatment to date has "
    "included physical therapy and gabapentin since 2017. Per the PR-2 dated 5-7-19, he "
    "reported {state} Examination revealed decreased sensation in the right C6 dermatome. The "
    "treatment plan included continuation of gabapentin."
)

LAPSED = (
    "The injured worker has been diagnosed with chronic neck pain. Treatment to date has "
    "included physical therapy, naproxen and Norco. Per the PR-2 dated 6-4-18, the injured "
    "worker reported neck pain rated 7/10 with and 9/10 without medications. He is able to do "
    "household chores with medications. He denied side effects. {screen} The treatment plan "
    "included a refill of Norco."
)
SLEEP = (
    "The injured worker has been diagnosed with lumbar radiculopathy. Treatment to date has "
    "included physical therapy and medications. Per the PR-2 dated 6-4-18, the injured worker "
    "reported {sleep} The treatment plan included Ambien 10 mg at bedtime for ten nights."
)

CASES = [
    # CPMTG 2009 pp. 78-79 (the aberrant drug-taking of the 4 A's; reassessment when it
    # appears) and Opioids 2016, 3.3.9. Cause: "a urine drug screen dated 7-1-19 was
    # inconsistent with the prescribed medications" was only a drug screen done, so the
    # counterpart was overturned as monitored; fixed in the vocabulary (opioid.uds_inconsistent,
    # the screen and aberrant behaviour both)
    Case(
        "Norco 10/325mg #90",
        "3-1-2015",
        SCREEN.format(screen="A urine drug screen dated 7-1-19 was consistent with the "
                      "prescribed medications."),
        SCREEN.format(screen="A urine drug screen dated 7-1-19 was inconsistent with the "
                      "prescribed medications."),
    ),
    Case(
        "Norco 10/325mg #90",
        "3-1-2015",
        SCREEN.format(screen="A UDS dated 7-1-19 showed results consistent with his "
                      "prescriptions."),
        SCREEN.format(screen="A UDS dated 7-1-19 was not consistent with his prescriptions."),
    ),
    # CPMTG 2009 p. 60 (a record of pain and function with each medication) for a topical
    # continued (pp. 111-113 say nothing of continuing); pp. 56-57 and 112 for the lidocaine
    # patch after first-line agents. Cause: "the patches reduce her burning pain from 8/10 to
    # 4/10" (the drug named by its form) was no relief, and "allow her to do her housework" no
    # gain of function, so the supported case was upheld; fixed in the vocabulary
    # (pain.medication_relief with a topical's form, function.improvement "allows her to do")
    Case(
        "Lidoderm 5% patch #30",
        "1-5-2017",
        PATCHES.format(state="she reported that the patches reduce her burning pain from 8/10 "
                       "to 4/10 and allow her to do her housework."),
        PATCHES.format(state="she reported burning pain rated 8/10. There was no "
                       "documentation of pain relief or functional improvement with the "
                       "patches."),
        ur="2020-03-16",
        decided="2020-04-15",
    ),
    # the same page: relief and function both. Cause: a topical continued on a gain of
    # function alone ("with Voltaren gel he is able to walk"), though the criterion says
    # relief and function; fixed in topical-nsaids.yaml and topical-analgesics.yaml (as the
    # oral NSAIDs, nsaids.yaml)
    Case(
        "Voltaren 1% gel 100gm",
        "4-2-2016",
        GEL.format(state="he reported that Voltaren gel decreases his knee pain from 7/10 to "
                   "4/10 and allows him to walk 30 minutes."),
        GEL.format(state="he reported knee pain rated 7/10. With Voltaren gel he is able to "
                   "walk 30 minutes."),
        ur="2019-02-25",
        decided="2019-03-27",
    ),
    # CPMTG 2009 p. 80, when to continue opioids: (a) the patient has returned to work, beside
    # (b) improved functioning and pain. Cause: only (b) was encoded, so a patient back at full
    # duty with small relief was upheld; fixed in cpmtg-2009/opioids.yaml with the
    # vocabulary's work.working (a return planned or allowed is not one)
    Case(
        "Norco 10/325mg #90",
        "5-12-2012",
        WORK.format(work="He has returned to full duty work as a warehouse lead."),
        WORK.format(work="He may return to modified duty if his employer can accommodate "
                    "restrictions."),
        ur="2015-03-20",
        decided="2015-04-20",
    ),
    Case(
        "Norco 10/325mg #90",
        "5-12-2012",
        WORK.format(work="She is currently working modified duty at the same company."),
        WORK.format(work="He remains temporarily totally disabled and has not returned to "
                    "work."),
        ur="2015-03-20",
        decided="2015-04-20",
    ),
    # Opioids 2016, 3.3.9 with CPMTG 2009 p. 78 (analgesia and activities): "50% improvement in
    # pain and function with medications" states both. Cause: neither was read (the relief
    # stopped at "pain and function", the gain had no wording), so the supported case was
    # upheld; fixed in the vocabulary (function.improvement with the relief it carries; a
    # tenth is no clinically important relief, quantities.relief, our reading)
    Case(
        "Norco 10/325mg #90",
        "4-1-2014",
        COMBINED.format(state="50% improvement in pain and function with medications."),
        COMBINED.format(state="10% improvement in pain and function with medications."),
        ur="2018-08-27",
        decided="2018-09-26",
    ),
    # the same maintenance criteria. Cause: "8/10 without medications and states that the
    # medications help him walk" kept the gain under the "without" before it (medspaCy's
    # scope test misses a terminator inside a windowed trigger's scope, and "and states that"
    # was no terminator); fixed in evidence/context_local.py and context.yaml
    Case(
        "Norco 10/325mg #90",
        "4-1-2014",
        COMBINED.format(state="pain rated 4/10 with and 8/10 without medications and states "
                        "that the medications help him walk for 30 minutes and do household "
                        "chores."),
        COMBINED.format(state="pain rated 4/10 with and 8/10 without medications and states "
                        "that he remains unable to walk more than a block."),
        ur="2018-08-27",
        decided="2018-09-26",
    ),
    # CPMTG 2009 p. 16: an anticonvulsant continued on documented relief and function.
    # Cause: "allows him to sleep and work his full shift" was no gain of function (the
    # activity came after sleep); fixed in the vocabulary (function.improvement). The
    # counterpart: the drug named, then its failure after a comma ("on gabapentin, without
    # relief")
    Case(
        "Gabapentin 600mg #90",
        "4-1-2016",
        NERVE.format(state="that gabapentin decreases his arm pain from 7/10 to 4/10 and "
                     "allows him to sleep and work his full shift."),
        NERVE.format(state="continued neck and arm pain rated 7/10 on gabapentin, without "
                     "relief."),
        ur="2019-05-20",
        decided="2019-06-19",
    ),
    # Opioids 2016, 3.3 and 3.3.9: maintenance is monitored, and testing is at least yearly
    # at the lowest risk (the guideline's urine drug testing). Cause: a screen three years
    # old counted as monitoring and the counterpart was overturned; fixed in
    # opioids-2016/opioids.yaml (a test within the last year, the fact
    # weeks_since_drug_test_at_least for a test dated by its year only)
    Case(
        "Norco 10/325mg #90",
        "4-1-2014",
        LAPSED.format(screen="A urine drug screen dated 3-5-18 was consistent with the "
                      "prescribed medications."),
        LAPSED.format(screen="The last urine drug screen was in 2015."),
        ur="2018-06-18",
        decided="2018-07-18",
    ),
    # ODG Pain, insomnia treatment: a short course of a hypnotic for a documented sleep
    # disturbance. Cause: "he sleeps only four hours a night because of pain" was no sleep
    # disturbance, and the rationale said the records documented none; fixed in the
    # vocabulary (sleep.disturbance: five hours or fewer, awakenings a night)
    Case(
        "Ambien 10mg #10",  # ODG Pain, Insomnia treatment: zolpidem for 7-10 days
        "4-1-2016",
        SLEEP.format(sleep="low back pain and that he sleeps only four hours a night because "
                     "of pain."),
        SLEEP.format(sleep="low back pain and that he sleeps eight hours a night."),
        ur="2018-06-18",
        decided="2018-07-18",
    ),
    # Opioids 2016 and ODG Pain (urine drug testing): yearly at low risk; a test repeated monthly
    # without aberrant behaviour is not due
    Case(
        "Urine drug screen",
        "6-1-2014",
        TESTING.format(history="There is no urine drug screen documented in the past year."),
        TESTING.format(history="Urine drug screens dated 6-4-18, 7-9-18 and 8-13-18 were "
                       "consistent with the prescribed medications."),
        ur="2018-09-24",
        decided="2018-10-24",
    ),
    # Opioids 2016, 3.3 (non-opioid options first): "naproxen, without relief" is the
    # non-opioid trial that failed, the comma notwithstanding
    Case(
        "Tramadol 50mg #60",
        "2-3-2017",
        NEW_TRAMADOL.format(nsaid=" and naproxen, without relief"),
        NEW_TRAMADOL.format(nsaid=""),
        ur="2018-07-25",
        decided="2018-08-24",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.item}-{c.ur[:4]}" for c in CASES])
def test_supported_case_is_overturned(case: Case) -> None:
    got = _decide(case, case.supported)
    assert got.decision == "overturned", got.rationale


@pytest.mark.parametrize("case", CASES, ids=[f"{c.item}-{c.ur[:4]}" for c in CASES])
def test_counterpart_is_upheld(case: Case) -> None:
    got = _decide(case, case.unsupported)
    assert got.decision == "upheld", got.rationale
    assert got.needed, "an upheld item says what the records would need to show"


# the quoted evidence is said once: the relief that names the drug was quoted by the relief
# condition and repeated, unquoted, by the fact that checks it names this drug
def test_the_relief_is_quoted_once() -> None:
    c = CASES[3]
    got = _decide(c, c.supported)
    assert got.rationale.count("decreases his knee pain from 7/10 to 4/10") == 1, got.rationale

