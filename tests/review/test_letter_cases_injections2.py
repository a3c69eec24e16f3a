"""Injections, nerve procedures and stimulation or home equipment as later Final Determination
Letters report them (2017 and after: "Per the PR-2 dated ...", "Treatment to date has included
...", counts in words, "4 out of 5" strength, motion in degrees, "pain rated 7/10"), each with
its counterpart that lacks what the guideline asks for. Fictional. Each pair pins a reading the
engine got wrong (evidence, routing, or a criterion against the guideline's text) or guards one
it gets right: the supported case is overturned, and the counterpart upheld with the requesting
physician's checklist (`needed`). Decided as of 9/15/2017 (the MTUS of before 12/1/2017: ACOEM
2004 chapters and the 2009 Chronic Pain Medical Treatment Guidelines), and ODG where the MTUS is
silent."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from _letter_case import decide_letter_items

from openimr.domain import ItemDecision


class Pair(NamedTuple):
    item: str
    injured: str  # mm-dd-yyyy, with "@age" when the age matters (default 48)
    supported: str
    unsupported: str
    sex: str = "male"


def _decide(item: str, injured: str, text: str, sex: str = "male") -> ItemDecision:
    return decide_letter_items(
        [item], injured, text, sex, case_number="CM17-injections2", ur="2017-08-10",
        decided="2017-09-15", age=48,
    )[-1]


CASES = [
    # a repeat lumbar epidural after 70% relief for ten weeks with less Norco, versus 50% relief
    # for two weeks with the medication unchanged: CPMTG 2009 p. 46 (at least 50% relief with
    # less medication for six to eight weeks)
    Pair(
        "Repeat lumbar epidural steroid injection at right L5-S1",
        "03-12-2014",
        "The injured worker is undergoing treatment for right L5-S1 radiculopathy. "
        "Treatment to date has included physical therapy, medications and a right L5-S1 "
        "transforaminal epidural steroid injection on 03-01-2017. Per the PR-2 dated "
        "07-20-2017, he reported that the injection provided 70% pain relief for ten "
        "weeks, during which he decreased his Norco from four to one tablet a day and "
        "returned to modified work; the pain has now returned, rated 7/10. Objective "
        "findings included decreased sensation in the right S1 dermatome, an absent right"
        " Achilles reflex and a positive straight leg raise on the right. An MRI dated "
        "01-10-2017 showed a right L5-S1 disc extrusion contacting the right S1 nerve "
        "root.",
        "The injured worker is undergoing treatment for right L5-S1 radiculopathy. "
        "Treatment to date has included physical therapy, medications and a right L5-S1 "
        "transforaminal epidural steroid injection on 06-01-2017. Per the PR-2 dated "
        "07-20-2017, he reported that the injection provided 50% pain relief for about "
        "two weeks before the pain returned, rated 7/10; his medication use was "
        "unchanged. Objective findings included decreased sensation in the right S1 "
        "dermatome and a positive straight leg raise on the right. An MRI dated "
        "01-10-2017 showed a right L5-S1 disc extrusion contacting the right S1 nerve "
        "root.",
    ),
    # a repeat lumbar facet neurotomy after 70% relief for six months that let him stop tramadol,
    # versus help for three weeks: ODG Low Back, Facet joint radiofrequency neurotomy (a repeat
    # needs 50% relief or more for at least 12 weeks, with functional improvement)
    Pair(
        "Repeat bilateral L4-5 and L5-S1 radiofrequency ablation",
        "03-12-2013",
        "The injured worker is undergoing treatment for lumbar facet arthropathy. "
        "Treatment to date has included physical therapy, medications, diagnostic medial "
        "branch blocks in 2016 with 80% relief, and bilateral L4-5 and L5-S1 "
        "radiofrequency ablation on 12-05-2016. Per the PR-2 dated 07-20-2017, he "
        "reported that the radiofrequency ablation provided 70% pain relief for six "
        "months, allowed him to stop tramadol and return to full duty; the axial pain has"
        " gradually returned, rated 6/10. Objective findings included lumbar facet "
        "tenderness with pain on extension and a normal neurological examination. He "
        "continues his home exercise program.",
        "The injured worker is undergoing treatment for lumbar facet arthropathy. "
        "Treatment to date has included physical therapy, medications, diagnostic medial "
        "branch blocks in 2016 and bilateral L4-5 and L5-S1 radiofrequency ablation on "
        "05-15-2017. Per the PR-2 dated 07-20-2017, he reported that the radiofrequency "
        "ablation helped for about three weeks, with improved sitting tolerance, and the "
        "pain has returned, rated 6/10. Objective findings included lumbar facet "
        "tenderness and a normal neurological examination.",
    ),
    # a stimulator trial for failed back surgery syndrome after a psychological evaluation that
    # cleared him, versus an evaluation requested and not yet done: CPMTG 2009 pp. 101, 105-107
    Pair(
        "Spinal cord stimulator trial",
        "02-01-2012",
        "The injured worker is undergoing treatment for failed back surgery syndrome. He "
        "underwent an L4-5 laminectomy and fusion in 2014. Treatment to date has included"
        " physical therapy, epidural steroid injections, gabapentin and opioids without "
        "adequate relief. Per the PR-2 dated 07-24-2017, he reported persistent left leg "
        "pain radiating to the foot, rated 8/10, worse than his back pain. Objective "
        "findings included decreased sensation in the left L5 dermatome. A psychological "
        "evaluation on 06-15-2017 found no contraindication and cleared him for a spinal "
        "cord stimulator trial.",
        "The injured worker is undergoing treatment for failed back surgery syndrome. He "
        "underwent an L4-5 laminectomy and fusion in 2014. Treatment to date has included"
        " physical therapy, epidural steroid injections, gabapentin and opioids without "
        "adequate relief. Per the PR-2 dated 07-24-2017, he reported persistent left leg "
        "pain radiating to the foot, rated 8/10. Objective findings included decreased "
        "sensation in the left L5 dermatome. A psychological evaluation has been "
        "requested but not yet done.",
    ),
    # trigger point injections for circumscribed trigger points with a twitch response and
    # referred pain, versus tenderness and spasm of the same muscles: CPMTG 2009 p. 122
    Pair(
        "Trigger point injections x 3 to the lumbar paraspinals",
        "01-10-2015",
        "The injured worker is undergoing treatment for myofascial pain of the low back. "
        "Treatment to date has included physical therapy, stretching, a home exercise "
        "program, naproxen and cyclobenzaprine for more than a year without lasting "
        "relief. Per the PR-2 dated 07-24-2017, he reported low back pain rated 6/10. "
        "Objective findings included three circumscribed trigger points in the right "
        "lumbar paraspinal muscles with a local twitch response and pain referred to the "
        "buttock on palpation; straight leg raise was negative and the neurological "
        "examination was normal.",
        "The injured worker is undergoing treatment for chronic low back pain. Treatment "
        "to date has included physical therapy, a home exercise program, naproxen and "
        "cyclobenzaprine for more than a year without lasting relief. Per the PR-2 dated "
        "07-24-2017, he reported low back pain rated 6/10. Objective findings included "
        "tenderness to palpation of the lumbar paraspinal muscles with muscle spasm; "
        "straight leg raise was negative and the neurological examination was normal.",
    ),
]


def _id(p: Pair) -> str:
    return p.item


@pytest.mark.parametrize("pair", CASES, ids=[_id(p) for p in CASES])
def test_supported_case_is_overturned(pair: Pair) -> None:
    got = _decide(pair.item, pair.injured, pair.supported, pair.sex)
    assert got.decision == "overturned", got.rationale


@pytest.mark.parametrize("pair", CASES, ids=[_id(p) for p in CASES])
def test_counterpart_is_upheld_with_what_is_needed(pair: Pair) -> None:
    got = _decide(pair.item, pair.injured, pair.unsupported, pair.sex)
    assert got.decision == "upheld", got.rationale
    assert got.needed, got.rationale
