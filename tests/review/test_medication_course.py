"""A drug's course read from the records: a plan that refills or continues the drug, or a
regimen "prescribed since" a date, is a regimen under way (an extension, judged on its
documented benefit); gastric protection beside an NSAID requested in the same case follows
that NSAID's decision (CPMTG 2009 pp. 68-69). Fictional letter-style cases."""

from __future__ import annotations

import pytest
from _letter_case import decide_letter_case, decide_letter_items

from openimr.evidence import extract_text

NORCO = (
    "He has been diagnosed with chronic low back pain. Per the progress report dated 10-14-16, "
    "he reported low back pain rated 8 out of 10 without medications and 4 out of 10 with "
    "them. {benefit} The most recent urine drug screen dated 9-2-16 was consistent with "
    "prescribed medications. A signed opioid agreement is on file. The treatment plan "
    "included {plan}."
)
WALKS = "Norco allows him to walk for 30 minutes and perform household chores."


@pytest.mark.parametrize("plan", ["refill of Norco", "continuation of Norco 10/325mg",
                                  "to continue Norco"])
def test_a_refilled_opioid_with_its_benefit_is_continued(plan: str) -> None:
    text = NORCO.format(benefit=WALKS, plan=plan)
    d = decide_letter_case("Norco 10/325mg #90", "3-12-2012", text)
    assert d.course == "extension"
    assert d.decision == "overturned"


def test_a_refilled_opioid_without_benefit_is_not() -> None:
    text = NORCO.format(benefit="He reports no change in his activities.", plan="refill of Norco")
    d = decide_letter_case("Norco 10/325mg #90", "3-12-2012", text)
    assert d.course == "extension"
    assert d.decision == "upheld"


def test_a_new_prescription_is_not_an_extension() -> None:
    text = NORCO.format(benefit="", plan="a prescription for Norco")
    d = decide_letter_case("Norco 10/325mg #90", "3-12-2012", text)
    assert d.course == "initial"


@pytest.mark.parametrize(
    ("sentence", "observation"),
    [
        ("He has been prescribed Norco since 2014.", "subjective"),
        ("Norco has been prescribed since at least 6-2015.", "subjective"),
        ("The treating physician prescribed Norco 10/325mg #90 on 10-14-16.", "plan"),
        ("Norco was prescribed on 9-1-16.", "plan"),
    ],
)
def test_a_regimen_prescribed_since_is_one_taken(sentence: str, observation: str) -> None:
    (f,) = [f for f in extract_text(sentence) if f.code == "med.opioid"]
    assert f.observation == observation


PPI_CASE = (
    "He has been diagnosed with chronic lumbar strain. He has taken naproxen 550mg twice daily "
    "since 2012 and aspirin 81 mg daily for his heart. Per the progress report dated 10-20-16, "
    "he reported low back pain rated 7 out of 10 and dyspepsia with the naproxen. {benefit} "
    "The treatment plan included naproxen and omeprazole 20mg twice daily."
)


def _two(text: str) -> dict[str, str]:
    items = ["Naproxen 550mg #60", "Omeprazole 20mg #60"]
    return {d.item: d.decision for d in decide_letter_items(items, "5-1-2010@68", text)}


def test_gastric_protection_follows_the_nsaid_requested_with_it() -> None:
    # relief and function both (CPMTG p. 60, the NSAID continued)
    benefit = "Naproxen reduces his pain from 7/10 to 4/10 and allows him to keep working."
    helped = _two(PPI_CASE.format(benefit=benefit))
    assert helped == {"Naproxen 550mg #60": "overturned", "Omeprazole 20mg #60": "overturned"}
    not_helped = _two(PPI_CASE.format(benefit="No benefit from naproxen is described."))
    assert not_helped == {"Naproxen 550mg #60": "upheld", "Omeprazole 20mg #60": "upheld"}


def test_gastric_protection_alone_is_weighed_on_the_gi_risk() -> None:
    # the NSAID is not disputed here: pp. 68-69 ask for NSAID therapy and a GI risk factor
    text = PPI_CASE.format(benefit="")
    d = decide_letter_case("Omeprazole 20mg #60", "5-1-2010@68", text)
    assert d.decision == "overturned"
    low_risk = text.replace(" and aspirin 81 mg daily for his heart", "").replace(
        " and dyspepsia with the naproxen", ""
    )
    d = decide_letter_case("Omeprazole 20mg #60", "5-1-2010@48", low_risk)
    assert d.decision == "upheld"


def test_the_opioid_named_in_a_gain_of_function_is_one_taken() -> None:
    # "Norco allows him to walk" is a gain of function and Norco taken: a regimen under way,
    # so the request is not a new start needing a prior non-opioid trial
    (f,) = [f for f in extract_text(WALKS) if f.code == "med.opioid"]
    assert (f.text, f.observation) == ("Norco", "subjective")
    text = NORCO.format(benefit=WALKS, plan="Norco 10/325mg #90")
    assert decide_letter_case("Norco 10/325mg #90", "3-12-2012", text).decision == "overturned"
    text = NORCO.format(benefit="He walks for 30 minutes.", plan="Norco 10/325mg #90")
    assert decide_letter_case("Norco 10/325mg #90", "3-12-2012", text).decision == "upheld"


SPASM = (
    "He injured his back lifting on 9-20-16. Per the progress note dated 10-3-16, he reported "
    "acute low back pain{exam}. He takes naproxen. The plan included a short course of "
    "cyclobenzaprine."
)


def test_spasm_found_on_examination_supports_a_short_course_of_a_relaxant() -> None:
    found = SPASM.format(exam=" with muscle spasm on examination")
    d = decide_letter_case("Cyclobenzaprine 7.5mg #20", "9-20-2016", found)
    assert d.decision == "overturned"
    d = decide_letter_case("Cyclobenzaprine 7.5mg #20", "9-20-2016", SPASM.format(exam=""))
    assert d.decision == "upheld"
