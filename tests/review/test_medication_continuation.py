"""Continuing a drug other than an opioid, in the wording of letters' case summaries: where the
drug's CPMTG 2009 page asks for documented pain relief and improved function before it is
continued, the records must show both. Each case has its counterpart that lacks exactly one of
the two, or whose relief is stated for another drug. Fictional. Decided as of the letter's own
dates (``decide_letter_items``), under the 2009 Chronic Pain Medical Treatment Guidelines.

- Anti-epilepsy drugs, CPMTG 2009 p. 16: after the drug is started, the records document the
  pain relief (30 percent a moderate, 50 percent a good response) and the improvement in
  function; continued use depends on those outcomes (cpmtg-2009/anticonvulsants.yaml).
- Oral NSAIDs, CPMTG 2009 pp. 67-73 with p. 60 (medications for chronic pain: a record of pain
  and function with each medication), cpmtg-2009/nsaids.yaml."""

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
    ur: str = "2015-04-20"
    decided: str = "2015-05-20"


def _decide(c: Case, text: str) -> ItemDecision:
    return decide_letter_items(
        [c.item], c.injured, text, case_number="CM00-medcont", ur=c.ur, decided=c.decided
    )[0]


GABAPENTIN = (
    "The injured worker has been diagnosed with lumbar radiculopathy. Treatment to date has "
    "included physical therapy, Norco and gabapentin since 2013. Per the PR-2 dated 3-16-15, "
    "the injured worker reported burning pain down the right leg. {state} Examination revealed "
    "decreased sensation in the right S1 dermatome. The treatment plan included continuation "
    "of gabapentin."
)
LYRICA = (
    "The injured worker has been diagnosed with cervical radiculopathy. Treatment to date has "
    "included acupuncture and Lyrica since 2014. Per the PR-2 dated 3-9-15, she reported "
    "numbness and tingling into the left hand. {state} Examination revealed decreased "
    "sensation in the left C6 dermatome. The plan was to refill Lyrica."
)
NAPROXEN = (
    "The injured worker has been diagnosed with right knee osteoarthritis. Treatment to date "
    "has included physical therapy, a home exercise program and naproxen since 2012. Per the "
    "PR-2 dated 3-23-15, the injured worker reported right knee pain. {state} Examination "
    "revealed crepitus of the right knee. The treatment plan included a refill of naproxen."
)

CASES = [
    # p. 16: relief and function both. The counterpart, function without any stated relief,
    # was overturned on the gain of function alone
    Case(
        "Gabapentin 600mg #90",
        "4-1-2012",
        GABAPENTIN.format(state="Gabapentin decreases his leg pain from 7/10 to 4/10 and "
                          "allows him to walk 30 minutes."),
        GABAPENTIN.format(state="Gabapentin allows him to walk 30 minutes and sleep "
                          "through the night."),
    ),
    # the relief must be this drug's or the regimen's: relief stated for Norco is not
    # gabapentin's (request fact relief_names_this_drug). The supported case was upheld: "with
    # gabapentin he is able to walk" was no gain of function (the gains named with a drug
    # listed only opioids); fixed in the vocabulary
    Case(
        "Gabapentin 600mg #90",
        "4-1-2012",
        GABAPENTIN.format(state="He rated his pain 8/10 without medications and 4/10 with "
                          "medications. With gabapentin he is able to walk 30 minutes."),
        GABAPENTIN.format(state="Norco reduces his pain from 8/10 to 4/10. With gabapentin "
                          "he is able to walk 30 minutes."),
    ),
    # and the function as well as the relief. The supported case was upheld: "Lyrica allows
    # her to do" was no gain of function either (same fix)
    Case(
        "Lyrica 75mg #60",
        "7-1-2013",
        LYRICA.format(state="She reported 50% relief of her pain with Lyrica. Lyrica "
                      "allows her to do her own housework."),
        LYRICA.format(state="She reported 50% relief of her pain with Lyrica. Her function "
                      "is unchanged."),
    ),
    # p. 60: an NSAID continued on relief and function both. The counterpart, a gain of
    # function without any stated relief, was overturned on it alone
    Case(
        "Naproxen 550mg #60",
        "5-1-2011",
        NAPROXEN.format(state="He rated his knee pain 7/10 without naproxen and 3/10 with it. "
                        "Naproxen allows him to walk one mile."),
        NAPROXEN.format(state="Naproxen allows him to walk one mile."),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.item)
def test_supported_is_overturned(case: Case) -> None:
    d = _decide(case, case.supported)
    assert d.decision == "overturned", d.rationale


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.item)
def test_unsupported_is_upheld(case: Case) -> None:
    d = _decide(case, case.unsupported)
    assert d.decision == "upheld", d.rationale
