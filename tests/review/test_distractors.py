"""The engine overturns only on positive, current, first-hand evidence at the requested body part.
A step past the bare-records probe (test_no_evidence.py): the records name the elements a
guideline asks for, but only as distractors, and no request may be overturned on them:

- named only in the utilization review sentence or in the request / treatment plan sentence;
- negated ("denies numbness"), or stated absent ("insufficient documentation of ...");
- historical and resolved ("a remote history of ... in 1990", "resolved after ... in 2012");
- at another body part (neck findings for a lumbar request, the right knee for the left);
- hypothetical or family history ("to rule out fracture", "risk of", "her mother had ...");
- the mechanism of injury alone, long ago;
- a symptom only where the guideline asks for an objective sign;
- an older report contradicted by a later first-hand examination.

One wording per service of the routing table is decided on records made only of distractors,
and a handful of supported letter-style cases (their supported texts are reused from
test_letter_cases_*.py, so each distractor is paired with a positive that is overturned) are
rewritten with the deciding element turned into a distractor. Fictional records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import test_letter_cases_medications as meds
import test_letter_cases_procedures as procs
import test_letter_cases_studies as studies
import yaml

import openimr
from openimr.domain import CaseBundle, ItemDecision

ROWS = yaml.safe_load(
    (Path(__file__).parents[1] / "intake" / "data" / "routing_table.yaml").read_text()
)
HEAD = "The injured worker is a 45 year old female, who sustained an industrial injury on {}. "


def _decide(item: str, text: str, injured: str) -> ItemDecision:
    m, d, y = injured.split("-")
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-distractor",
            "dates": {"ur_denial": "2016-11-03", "decision": "2016-12-10"},
            "patient": {"age": 45, "sex": "female"},
            "claim": {"date_of_injury": f"{y}-{int(m):02d}-{int(d):02d}"},
            "records": [
                {
                    "id": "clinical-case-summary",
                    "date": "2016-12-10",
                    "kind": "clinical case summary (from the Final Determination Letter)",
                    "text": HEAD.format(injured) + text,
                }
            ],
            "requests": [{"id": "1", "item": item}],
        }
    )
    return openimr.decide(bundle).items[0]


def _one_per_service() -> list[str]:
    seen: dict[str, str] = {}
    for row in ROWS:
        seen.setdefault(row["service"], row["text"])
    return sorted(set(seen.values()))


# Records made only of distractors, each naming many of the elements the topics ask for.
DISTRACTORS = {
    # the administrative and plan sentences; hypothetical, family history, mechanism long ago
    "named-by-ur-or-plan": (
        "She was injured in a motor vehicle accident in 2013. Her mother had migraines. Per the "
        "progress report dated 10-27-16, she was seen for follow-up. The treatment plan included "
        "the request to evaluate for radiculopathy, to rule out fracture and because of the risk "
        "of falls. On 11-3-16, utilization review non-certified the request, noting "
        "radiculopathy, muscle spasm, insomnia, depression, a scheduled surgery and failed "
        "physical therapy and medications."
    ),
    # negated, and stated absent
    "negated-or-absent": (
        "Per the progress report dated 10-27-16, she denies numbness, tingling, weakness, "
        "headaches, nausea or sleep disturbance. There are no radicular symptoms, no muscle "
        "spasm and straight leg raise was negative. No red flags were noted. There is "
        "insufficient documentation of neurologic deficits, of functional improvement with "
        "prior treatment or of failed conservative care. On 11-3-16, utilization review "
        "non-certified the request."
    ),
    # historical and resolved
    "historical-resolved": (
        "She has a remote history of a knee fracture in 1990 and of lumbar radiculopathy in "
        "2010; the numbness and weakness resolved with therapy in 2012. The migraine headaches "
        "of 2011 resolved. Per the progress report dated 10-27-16, she was seen for follow-up. "
        "On 11-3-16, utilization review non-certified the request."
    ),
    # "was negative for" (not the backward "was negative"), a condition by inversion ("should"),
    # return precautions, family history
    "conditional-or-negative-for": (
        "Per the progress report dated 10-27-16, she was negative for numbness, swelling and "
        "instability. Should the pain worsen, an injection may be considered. She was advised "
        "to return if she develops weakness. Family history is significant for depression and "
        "migraines. On 11-3-16, utilization review non-certified the request."
    ),
    # resolution, childhood, "in the event of", "unless", "watch for", "neither ... nor",
    # "was not present"
    "resolved-or-conditional": (
        "Per the progress report dated 10-27-16, there has been resolution of the numbness and "
        "the radicular pain. She had migraines as a child. In the event of worsening weakness, "
        "she will return. Neither spasm nor instability was found. Unless the weakness "
        "progresses, surgery is not planned. Effusion was not present. She was told to watch "
        "for numbness and swelling. On 11-3-16, utilization review non-certified the request."
    ),
}


@pytest.mark.parametrize("kind", sorted(DISTRACTORS))
@pytest.mark.parametrize("item", _one_per_service())
def test_no_service_is_overturned_on_distractors(item: str, kind: str) -> None:
    got = _decide(item, DISTRACTORS[kind], "3-1-2013")
    assert got.decision != "overturned", got.rationale


# ---- supported letter-style cases with their deciding element turned into a distractor
Decide = Callable[[str, str, str], ItemDecision]


def _studies(item: str, injured: str, text: str) -> ItemDecision:
    return studies._decide(item, injured, text)


def _procs(item: str, injured: str, text: str) -> ItemDecision:
    return procs._decide(item, injured, text)


def _meds(item: str, injured: str, text: str) -> ItemDecision:
    return meds._decide(item, injured, text)


LUMBAR_MRI = studies._pair("MRI of the lumbar spine")
KNEE_MRI = studies._pair("MRI of the left knee")
EMG_LOW = studies._pair("EMG of the bilateral lower extremities")
XRAY_LOW = studies._pair("X-rays of the lumbar spine")
DISC = procs._pair("Left L5-S1 microdiscectomy")
TF_ESI = procs._pair("Left L5 transforaminal epidural steroid injection")
TRIPTAN = meds._pair("Sumatriptan 50mg #9")

FAILED_PT = (
    "Treatment to date has included medications and physical therapy; the injured worker has "
    "completed 12 sessions of physical therapy with minimal improvement. "
)


class Case:
    def __init__(self, name: str, decide: Decide, item: str, injured: str, supported: str,
                 distractor: str) -> None:
        self.name, self.decide, self.item, self.injured = name, decide, item, injured
        self.supported, self.distractor = supported, distractor


CASES = [
    # ACOEM 2004 ch. 12 pp. 303-304: unequivocal objective findings of nerve compromise
    Case("lumbar MRI: elements only in the UR and plan sentences", _studies, LUMBAR_MRI.item,
         LUMBAR_MRI.injured, LUMBAR_MRI.supported,
         "The diagnoses have included low back pain. Per the progress report dated 10-20-16, "
         "the injured worker was seen for follow-up. The treatment plan included an MRI of the "
         "lumbar spine to evaluate for radiculopathy and surgical candidacy. On 11-3-16, "
         "utilization review non-certified the MRI, noting radiculopathy, decreased sensation in"
         " the left L5 dermatome and failed physical therapy."),
    Case("lumbar MRI: findings negated", _studies, LUMBAR_MRI.item, LUMBAR_MRI.injured,
         LUMBAR_MRI.supported,
         "The diagnoses have included lumbar strain. " + FAILED_PT + "Per the progress report "
         "dated 10-20-16, the injured worker complained of low back pain. He denies numbness or "
         "tingling and has no radicular symptoms. Straight leg raise was negative. There is "
         "insufficient documentation of neurologic deficits. The treatment plan included an MRI "
         "of the lumbar spine."),
    Case("lumbar MRI: neck findings", _studies, LUMBAR_MRI.item, LUMBAR_MRI.injured,
         LUMBAR_MRI.supported,
         "The diagnoses have included cervical radiculopathy and lumbar strain. " + FAILED_PT
         + "Per the progress report dated 10-20-16, the injured worker complained of neck pain "
         "radiating to the right hand and of low back pain. Examination revealed decreased "
         "sensation in the right C6 dermatome, weakness of the right biceps rated 4/5 and a "
         "positive Spurling's test on the right. The treatment plan included an MRI of the "
         "lumbar spine."),
    Case("lumbar MRI: historical and resolved", _studies, LUMBAR_MRI.item, LUMBAR_MRI.injured,
         LUMBAR_MRI.supported,
         "The diagnoses have included lumbar strain. " + FAILED_PT + "He had a left L5 "
         "radiculopathy in 2010; the numbness and weakness resolved in 2012. Per the progress "
         "report dated 10-20-16, the injured worker complained of low back pain. The treatment "
         "plan included an MRI of the lumbar spine."),
    Case("lumbar MRI: symptoms without an objective sign", _studies, LUMBAR_MRI.item,
         LUMBAR_MRI.injured, LUMBAR_MRI.supported,
         "The diagnoses have included lumbar strain. " + FAILED_PT + "Per the progress report "
         "dated 10-20-16, the injured worker complained of low back pain with intermittent "
         "numbness and tingling of the left leg. The treatment plan included an MRI of the "
         "lumbar spine."),
    # ACOEM 2004 ch. 13 pp. 341-343: mechanical symptoms at the requested knee
    Case("left knee MRI: right knee findings", _studies, KNEE_MRI.item, KNEE_MRI.injured,
         KNEE_MRI.supported,
         "The diagnoses have included right knee internal derangement and left knee sprain. "
         "Treatment to date has included medications and eight sessions of physical therapy "
         "with no improvement. Per the progress report dated 10-20-16, the injured worker "
         "complained of right knee pain with locking and catching. Examination revealed right "
         "medial joint line tenderness, a small effusion and a positive McMurray's test on the "
         "right. The treatment plan included an MRI of the left knee."),
    # ACOEM 2004 ch. 12 p. 303: electrodiagnosis for a focal deficit on examination
    Case("lower EMG: numbness negated by a normal examination", _studies, EMG_LOW.item,
         EMG_LOW.injured, EMG_LOW.supported,
         "The diagnoses have included lumbar strain. Treatment to date has included medications"
         " and physical therapy. The numbness of the left foot resolved after the 2012 surgery."
         " Per the progress report dated 10-20-16, the injured worker complained of low back "
         "pain. He denies numbness. Straight leg raise was negative. The treatment plan included"
         " an EMG of the bilateral lower extremities to rule out radiculopathy."),
    # ACOEM 2004 ch. 12 pp. 303-304: x-rays for red flags (a fracture after recent trauma)
    Case("lumbar x-rays: mechanism long ago, remote fracture, rule out", _studies,
         XRAY_LOW.item, XRAY_LOW.injured, XRAY_LOW.supported,
         "The diagnoses have included chronic low back pain. He was injured in a motor vehicle "
         "accident in 2013 and has a remote history of a lumbar compression fracture in 1990. "
         "Per the progress report dated 10-20-16, the injured worker complained of low back "
         "pain. The treatment plan included x-rays of the lumbar spine to rule out fracture."),
    # ACOEM 2004 ch. 12 pp. 305-306: an older image contradicted by the latest examination
    Case("microdiscectomy: older MRI, normal examination now", _procs, DISC.items, DISC.injured,
         DISC.supported,
         "The diagnoses have included lumbar strain. Treatment to date has included physical "
         "therapy and medications. MRI of the lumbar spine dated 2014 showed a left L5-S1 disc "
         "herniation compressing the left S1 nerve root. Per the progress report dated "
         "10-20-16, the injured worker complained of low back pain; on examination the "
         "neurologic examination was normal and straight leg raise was negative. The treatment "
         "plan included left L5-S1 microdiscectomy."),
    Case("microdiscectomy: elements only in the UR sentence", _procs, DISC.items, DISC.injured,
         DISC.supported,
         "The diagnoses have included low back pain. Per the progress report dated 10-20-16, "
         "the injured worker was seen for follow-up. The treatment plan included left L5-S1 "
         "microdiscectomy for radiculopathy. Utilization review non-certified the surgery, "
         "noting a left S1 radiculopathy, a disc extrusion on MRI and failed physical therapy."),
    # CPMTG p. 46: radiculopathy documented by examination, corroborated
    Case("transforaminal ESI: radiculopathy negated", _procs, TF_ESI.items, TF_ESI.injured,
         TF_ESI.supported,
         "The diagnoses have included lumbar sprain. Treatment to date has included physical "
         "therapy and medications without lasting relief. Per the progress report dated "
         "10-20-16, the injured worker complained of low back pain. There are no radicular "
         "symptoms; she denies numbness. Straight leg raise was negative. The treatment plan "
         "included a left L5 transforaminal epidural steroid injection for radiculopathy."),
    Case("transforaminal ESI: neck findings", _procs, TF_ESI.items, TF_ESI.injured,
         TF_ESI.supported,
         "The diagnoses have included cervical radiculopathy and lumbar sprain. Treatment to "
         "date has included physical therapy and medications without lasting relief. Per the "
         "progress report dated 10-20-16, the injured worker complained of neck pain radiating "
         "to the left hand and low back pain. Examination revealed decreased sensation in the "
         "left C6 dermatome and a positive Spurling's test. Electromyography of the upper "
         "extremities dated 8-15-16 revealed a left C6 radiculopathy. The treatment plan "
         "included a left L5 transforaminal epidural steroid injection."),
    # ODG Head, triptans: migraine of the injured worker, now
    Case("triptan: family history and resolved migraine", _meds, TRIPTAN.items, TRIPTAN.injured,
         TRIPTAN.supported,
         "The diagnoses have included cervical strain. Treatment to date has included "
         "acetaminophen. Her mother had migraines, and her own migraine headaches of 2011 "
         "resolved. Per the progress report dated 10-20-16, the injured worker reported neck "
         "pain. The treatment plan included sumatriptan to reduce the risk of migraine."),
    Case("triptan: migraine in childhood", _meds, TRIPTAN.items, TRIPTAN.injured,
         TRIPTAN.supported,
         "The diagnoses have included cervical strain. Treatment to date has included "
         "acetaminophen. She had migraines as a child. Per the progress report dated 10-20-16, "
         "the injured worker reported neck pain. The treatment plan included sumatriptan."),
    # ACOEM 2004 ch. 12 p. 303: imaging for a progressive neurologic deficit (a red flag)
    Case("lumbar MRI: weakness only in a return precaution", _studies, LUMBAR_MRI.item,
         LUMBAR_MRI.injured, LUMBAR_MRI.supported,
         "The diagnoses have included lumbar strain. " + FAILED_PT + "Per the progress report "
         "dated 10-20-16, the injured worker complained of low back pain. In the event of "
         "worsening weakness, he will return. Unless the weakness progresses, surgery is not "
         "planned. The treatment plan included an MRI of the lumbar spine."),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_distractor_is_not_overturned_and_its_positive_is(case: Case) -> None:
    got = case.decide(case.item, case.injured, case.distractor)
    assert got.decision != "overturned", got.rationale
    yes = case.decide(case.item, case.injured, case.supported)
    assert yes.decision == "overturned", yes.rationale


# A reviewer's list of what is missing names each element as absent, however long the list;
# the same element stated by the treating physician is positive. Consultations when the course of
# care would benefit from expertise (ACOEM 2004 ch. 7 p. 127, as cpmtg-2016/consultation.yaml
# cites it); psychological evaluations for delayed recovery (CPMTG pp. 100-101).
ABSENT_LIST = (
    "Per the progress report dated 10-27-16, she reported low back pain. There is insufficient "
    "documentation of neurologic deficits, of functional improvement with prior treatment or of "
    "failed conservative care. On 11-3-16, utilization review non-certified the request."
)
STATED = (
    "Per the progress report dated 10-27-16, she reported low back pain. Her low back pain "
    "persists despite physical therapy, acupuncture and medications; she has failed "
    "conservative care. On 11-3-16, utilization review non-certified the request."
)


@pytest.mark.parametrize("item", ["Orthopedic consultation", "Psychological testing"])
def test_every_element_of_an_absence_list_is_absent(item: str) -> None:
    no = _decide(item, ABSENT_LIST, "3-1-2013")
    assert no.decision != "overturned", no.rationale
    yes = _decide(item, STATED, "3-1-2013")
    assert yes.decision == "overturned", yes.rationale


# ACOEM 2004 ch. 11 pp. 260-261 / ch. 8 p. 178: electrodiagnosis for signs of a nerve entrapment
# or a focal deficit; a follow-up visit for ongoing symptoms (ACOEM 2004 ch. 7 p. 127 as cited
# by cpmtg-2016/office-visits). The negated or conditional wording is not the finding.
WORDED = [
    ("NCS of the bilateral upper extremities",
     "Per the progress report dated 10-27-16, she was negative for numbness of the hands.",
     "Per the progress report dated 10-27-16, she reported numbness of the right thumb, index "
     "and middle fingers; Tinel's sign and Phalen's test were positive on the right."),
    ("Follow-up visit in 4 weeks",
     "Per the progress report dated 10-27-16, she was seen for follow-up. Should the pain "
     "worsen, an injection may be considered.",
     "Per the progress report dated 10-27-16, she reported ongoing low back pain rated 6 out "
     "of 10 and takes naproxen daily."),
]


@pytest.mark.parametrize(("item", "distractor", "positive"), WORDED, ids=[w[0] for w in WORDED])
def test_negated_or_conditional_wording_is_not_the_finding(
    item: str, distractor: str, positive: str
) -> None:
    ur = " On 11-3-16, utilization review non-certified the request."
    no = _decide(item, distractor + ur, "3-1-2013")
    assert no.decision != "overturned", no.rationale
    yes = _decide(item, positive + ur, "3-1-2013")
    assert yes.decision == "overturned", yes.rationale
