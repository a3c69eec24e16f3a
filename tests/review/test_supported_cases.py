"""Cases the guideline supports, written the way treating physicians write them, each beside
the same case without the element the guideline asks for. Fictional records; both outcomes."""

from __future__ import annotations

import pytest

import openimr
from openimr.domain import CaseBundle, ItemDecision


def _decide(item: str, text: str, injured: str = "2016-03-01") -> ItemDecision:
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-supported",
            "dates": {"ur_denial": "2016-11-20", "decision": "2016-12-20"},
            "patient": {"age": 52, "sex": "female"},
            "claim": {"date_of_injury": injured},
            "records": [
                {"id": "pr1", "date": "2016-11-01", "kind": "progress report", "text": text}
            ],
            "requests": [{"id": "1", "item": item}],
        }
    )
    return openimr.decide(bundle).items[0]


CASES = [
    (  # CPMTG p. 112: localized neuropathic pain after a trial of first-line agents
        "Lidoderm 5% patch #30",
        "Chronic neuropathic pain of the right knee after surgery, with burning and allodynia. "
        "She failed gabapentin and amitriptyline, which caused side effects. Plan: Lidoderm 5% "
        "patch, 12 hours on and 12 hours off.",
        "Chronic neuropathic pain of the right knee after surgery, with burning and allodynia. "
        "Plan: Lidoderm 5% patch, 12 hours on and 12 hours off.",
    ),
    (  # CPMTG p. 67: NSAIDs for back pain and its acute flares
        "Naproxen 550mg #60",
        "Chronic low back pain flare rated 7/10. Examination shows lumbar tenderness and spasm. "
        "Plan: naproxen 550 mg twice a day.",
        "She has taken naproxen for a year without documented benefit. Plan: continue naproxen.",
    ),
    (  # ACOEM 2004 ch. 11 p. 270: confirmed CTS that failed conservative care
        "Right carpal tunnel release",
        "Numbness and tingling in the right thumb, index and middle fingers at night. Positive "
        "Tinel's and Phalen's at the right wrist. Nerve conduction study on 9/1/2016 shows "
        "moderate right carpal tunnel syndrome. Symptoms persist despite night splinting for "
        "three months and a corticosteroid injection.",
        "Numbness and tingling in the right thumb, index and middle fingers at night. Positive "
        "Tinel's and Phalen's at the right wrist. Nerve conduction study on 9/1/2016 shows "
        "moderate right carpal tunnel syndrome. She has not yet tried a splint.",
    ),
    (  # Opioids 2016: continued with meaningful improvement in pain and function, monitored
        "Norco 10/325mg #90",
        "Chronic low back pain. With Norco her pain decreases from 8/10 to 4/10 and she is able "
        "to walk for 30 minutes and do household chores. Urine drug screen on 10/1/2016 was "
        "consistent with prescribed medications. CURES report reviewed. No aberrant drug "
        "behavior. An opioid agreement is on file. She has tried NSAIDs and physical therapy. "
        "Plan: continue Norco 10/325 mg three times a day.",
        "Chronic low back pain rated 8/10 on Norco. Urine drug screen on 10/1/2016 was "
        "consistent with prescribed medications. CURES report reviewed. No aberrant drug "
        "behavior. An opioid agreement is on file. She has tried NSAIDs and physical therapy. "
        "Plan: continue Norco 10/325 mg three times a day.",
    ),
]


@pytest.mark.parametrize(("item", "supported", "unsupported"), CASES, ids=[c[0] for c in CASES])
def test_supported_case_and_its_counterpart(item: str, supported: str, unsupported: str) -> None:
    yes = _decide(item, supported)
    assert yes.decision == "overturned", yes.rationale
    no = _decide(item, unsupported)
    assert no.decision == "upheld", no.rationale
    assert no.needed, "an upheld item says what the records would need to show"


def test_knee_mri_after_failed_care_with_surgery_considered() -> None:
    text = (
        "Right knee pain since a twisting injury with locking and giving way. Examination shows "
        "medial joint line tenderness and a positive McMurray test. Symptoms persist despite "
        "six weeks of physical therapy and bracing. She would consider arthroscopic surgery."
    )
    assert _decide("MRI of the right knee", text, "2016-08-15").decision == "overturned"
    improving = text.replace(
        "Symptoms persist despite six weeks of physical therapy and bracing.",
        "She is improving with physical therapy.",
    )
    assert _decide("MRI of the right knee", improving, "2016-08-15").decision == "upheld"


def test_a_suspected_fracture_is_a_red_flag_a_plan_to_rule_one_out_is_not() -> None:
    # ACOEM 2004 ch. 12: red flags are clinical suspicions (a possible fracture after a fall in
    # an older patient with osteoporosis); "x-rays to rule out fracture" is the plan's reason
    suspected = (
        "Low back pain after a fall from a ladder. The patient is 68 years old with "
        "osteoporosis. Point tenderness over the L1 spinous process. Assessment: suspected "
        "compression fracture. Plan: x-rays of the lumbar spine."
    )
    got = _decide("X-ray lumbar spine", suspected, "2016-11-05")
    assert got.decision == "overturned", got.rationale
    plan_only = (
        "Low back pain after lifting a box. Neurologically intact. Plan: x-rays of the lumbar "
        "spine to rule out fracture."
    )
    got = _decide("X-ray lumbar spine", plan_only, "2016-11-05")
    assert got.decision == "upheld", got.rationale


def test_trigger_point_injections_after_listed_failed_care() -> None:
    # CPMTG p. 122: circumscribed trigger points with a twitch response and referred pain,
    # more than three months, medical management (stretching, PT, NSAIDs, relaxants) failed
    text = (
        "Chronic myofascial pain of the upper trapezius for eight months with circumscribed "
        "trigger points with a twitch response and referred pain. {care} No radiculopathy. "
        "Plan: trigger point injections."
    )
    failed = "Symptoms persist despite stretching, physical therapy, NSAIDs and muscle relaxants."
    got = _decide("Trigger point injections x 3", text.format(care=failed))
    assert got.decision == "overturned", got.rationale
    got = _decide("Trigger point injections x 3", text.format(care="No treatment yet."))
    assert got.decision == "upheld", got.rationale


def test_pain_management_consultation_for_a_high_opioid_dose() -> None:
    # CPMTG 2009, Opioids, dosing: above 120 mg morphine equivalents a day only after a pain
    # management consultation; the indication speaks to pain management consultations only
    text = (
        "Chronic low back pain treated with Norco at escalating doses, now {dose} mg morphine "
        "equivalent per day. Pain is poorly controlled. Plan: consultation."
    )
    got = _decide("Pain management consultation", text.format(dose=120))
    assert got.decision == "overturned", got.rationale
    assert _decide("Pain management consultation", text.format(dose=40)).decision == "upheld"
    other = _decide("Orthopedic consultation", text.format(dose=120))
    assert other.decision == "upheld", other.rationale
    assert "120 mg" not in other.rationale  # an indication for another kind of request
    assert not any("120 mg" in n for n in other.needed)


def test_wrist_films_after_a_fall_on_the_outstretched_hand() -> None:
    # ACOEM 2004 ch. 11: films at once for a red flag such as a fracture after trauma: the
    # mechanism with snuffbox tenderness, in the first weeks only (vocabulary recent_weeks;
    # guidelines/shared/special-studies.yaml)
    text = (
        "She fell on an outstretched hand at work on 10-28-16. Right wrist pain with swelling "
        "and snuffbox tenderness. Plan: x-rays of the right wrist."
    )
    assert _decide("X-rays of the right wrist", text, "2016-10-28").decision == "overturned"
    late = _decide("X-rays of the right wrist", text, "2016-03-01")
    assert late.decision == "upheld", late.rationale


def test_topical_salicylate_for_chronic_pain_but_not_a_product_with_other_drugs() -> None:
    # CPMTG 2009 "Salicylate topicals": recommended in chronic pain; a product with a drug
    # the guideline does not recommend (lidocaine other than the patch) is not
    text = "Chronic low back pain rated 6/10. Plan: {drug}."
    got = _decide("Menthoderm gel 120gm", text.format(drug="Menthoderm gel"), "2015-03-01")
    assert got.decision == "overturned", got.rationale
    got = _decide("Terocin lotion 120ml", text.format(drug="Terocin lotion"), "2015-03-01")
    assert got.decision == "upheld", got.rationale


def test_capsaicin_after_other_treatment_was_not_tolerated() -> None:
    # CPMTG 2009 "Capsaicin, topical": an option only after other treatments failed or were not
    # tolerated
    text = "Chronic right knee osteoarthritis with pain. {other} Plan: capsaicin cream."
    tried = "She cannot tolerate NSAIDs and did not respond to acetaminophen."
    got = _decide("Capsaicin 0.025% cream", text.format(other=tried), "2015-03-01")
    assert got.decision == "overturned", got.rationale
    got = _decide("Capsaicin 0.025% cream", text.format(other=""), "2015-03-01")
    assert got.decision == "upheld", got.rationale


def test_stimulator_trial_after_a_psychological_clearance() -> None:
    # CPMTG 2009 spinal cord stimulators: failed back surgery syndrome after less invasive
    # treatment failed, with a psychological evaluation first ("cleared her for" is a clearance)
    text = (
        "Failed back surgery syndrome with left leg radicular pain after an L4-5 fusion in 2013. "
        "Physical therapy, medications and epidural injections without lasting relief. {psych} "
        "She is not a candidate for further surgery. Plan: spinal cord stimulator trial."
    )
    cleared = "A psychological evaluation dated 9-1-16 cleared her for a stimulator trial."
    got = _decide("Spinal cord stimulator trial", text.format(psych=cleared), "2012-03-01")
    assert got.decision == "overturned", got.rationale
    got = _decide("Spinal cord stimulator trial", text.format(psych=""), "2012-03-01")
    assert got.decision == "upheld", got.rationale


def test_transportation_when_the_injury_prevents_driving() -> None:
    # ODG transportation: for a disability that prevents self-transport
    text = "Right ankle fracture in a cast, non-weight bearing. {drive} Plan: transportation."
    got = _decide("Transportation to medical appointments", text.format(drive="She cannot drive."))
    assert got.decision == "overturned", got.rationale
    got = _decide("Transportation to medical appointments", text.format(drive="She drives."))
    assert got.decision == "upheld", got.rationale


def test_gastric_protection_for_dyspepsia_on_a_helpful_nsaid() -> None:
    # CPMTG 2009 NSAIDs, GI symptoms and cardiovascular risk: a PPI for a patient on an NSAID
    # with GI symptoms; stomach trouble with the NSAID is a GI risk, not only an intolerance
    text = (
        "Chronic low back pain. Naproxen reduces her pain by 50% and allows her to walk longer. "
        "{gi} Plan: pantoprazole."
    )
    got = _decide("Pantoprazole 20mg #60", text.format(gi="She reports dyspepsia with naproxen."))
    assert got.decision == "overturned", got.rationale
    got = _decide("Pantoprazole 20mg #60", text.format(gi="She has no GI complaints."))
    assert got.decision == "upheld", got.rationale
