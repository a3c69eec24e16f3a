"""Cases written the way a Final Determination Letter's case summary reports them (third
person, dates like 10-20-16, treatment to date in one sentence), each with its counterpart.
Fictional; the summary is a quoting record, as in bundles made from published letters."""

from __future__ import annotations

import pytest

import openimr
from openimr.domain import CaseBundle, ItemDecision

HEAD = "The injured worker is a 45 year old female, who sustained an industrial injury on {}. "


def _decide(item: str, injured: str, text: str) -> ItemDecision:
    m, d, y = injured.split("-")
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-letter",
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


ESI = (
    "The diagnoses have included lumbar radiculopathy. Treatment to date has included physical "
    "therapy, medications, and chiropractic care{relief}. Per the progress report dated "
    "10-20-16, examination revealed decreased sensation in the left L5 dermatome and a "
    "positive straight leg raise on the left. MRI of the lumbar spine dated 6-1-16 revealed an "
    "L4-5 disc protrusion with impingement of the exiting left L4 nerve root. On 11-3-16, "
    "utilization review non-certified the request."
)
PT = (
    "The diagnoses have included lumbar strain. There is no documentation of prior physical "
    "therapy. Per the progress report dated 10-20-16, the injured worker complained of low back "
    "pain rated 6 out of 10. Examination revealed lumbar paraspinal spasm{rom}. The treatment "
    "plan included physical therapy 2 times a week for 3 weeks."
)
KNEE = (
    "The diagnoses have included right knee medial meniscus tear. Treatment to date has "
    "included physical therapy, a cortisone injection and medications. Per the progress report "
    "dated 10-20-16, the injured worker complained of right knee pain{mech}. Examination "
    "revealed {exam}. MRI of the right knee dated 8-1-16 revealed a tear of the posterior horn "
    "of the medial meniscus. Symptoms persisted despite physical therapy and injection."
)
AQUATIC = (
    "The diagnoses have included lumbar degenerative disc disease{obese}. Per the progress "
    "report dated 10-20-16, examination revealed decreased lumbar range of motion.{land} No "
    "prior aquatic therapy. The treatment plan included aquatic therapy."
)
REPEAT_ESI = (
    "The diagnoses have included lumbar radiculopathy. A left L5-S1 transforaminal epidural "
    "steroid injection on 5-1-16 provided {relief}. Per the progress report dated 10-20-16, the "
    "radicular pain to the left leg has returned, with decreased sensation in the left S1 "
    "dermatome and a positive straight leg raise on the left. MRI dated 3-1-16 revealed a left "
    "L5-S1 disc herniation compressing the left S1 nerve root."
)
SHOULDER_PT = (
    "The diagnoses have included right shoulder strain and impingement. Per the progress report "
    "dated 10-20-16, the injured worker complained of right shoulder pain. Examination revealed "
    "{exam}. She has not had physical therapy. The treatment plan included physical therapy."
)
ACUPUNCTURE = (
    "The diagnoses have included lumbar strain. Treatment to date has included six sessions of "
    "acupuncture{after}. Per the progress report dated 10-20-16, the injured worker complained "
    "of low back pain and is in a home exercise program. The treatment plan included additional "
    "acupuncture. On 11-3-16, utilization review non-certified the request, noting no "
    "documentation of functional improvement from prior acupuncture."
)
CASES = [
    # 8 CCR 9792.24.1: acupuncture is extended only with documented functional improvement,
    # which includes less dependence on medication (9792.20); UR named the missing element
    ("Acupuncture 6 sessions for the lumbar spine", "3-1-2015",
     ACUPUNCTURE.format(after=", after which she reduced her pain medication use"),
     ACUPUNCTURE.format(after="")),
    # CPMTG pp. 98-99: a first course of therapy for an objective deficit (lost abduction)
    ("Physical therapy 2 times a week for 4 weeks for the right shoulder", "9-10-2016",
     SHOULDER_PT.format(exam="decreased right shoulder abduction to 120 degrees"),
     SHOULDER_PT.format(exam="full range of motion and full strength of the right shoulder")),
    # CPMTG p. 46: a repeat block follows 50% relief for six to eight weeks; the first block's
    # "initially unresponsive to conservative care" is not asked again
    ("Repeat lumbar epidural steroid injection at left L5-S1", "3-1-2015",
     REPEAT_ESI.format(relief="70% pain relief for three months with reduced medication use"),
     REPEAT_ESI.format(relief="30% pain relief for two weeks")),
    # CPMTG p. 22: aquatic therapy where reduced weight bearing is desirable (extreme obesity)
    ("Aquatic therapy 8 sessions", "3-1-2015",
     AQUATIC.format(obese=" and morbid obesity with a BMI of 49",
                    land=" She is unable to tolerate land-based therapy."),
     AQUATIC.format(obese="", land=" She ambulates normally.")),
    # CPMTG p. 46: radiculopathy on examination, corroborated, unresponsive to conservative care
    ("Lumbar epidural steroid injection at left L4-5", "3-1-2016",
     ESI.format(relief=" without lasting relief"), ESI.format(relief="")),
    # CPMTG pp. 98-99: a first course of active therapy for objective functional deficits
    ("Physical therapy 2 times a week for 3 weeks for the lumbar spine", "9-1-2016",
     PT.format(rom=" and decreased lumbar range of motion"), PT.format(rom="")),
    # ACOEM 2004 ch. 13 pp. 344-345: symptoms beyond pain, a consistent MRI, failed care
    ("Right knee arthroscopy with partial medial meniscectomy", "6-1-2016",
     KNEE.format(mech=" with locking and catching",
                 exam="medial joint line tenderness and a positive McMurray's test"),
     KNEE.format(mech="", exam="diffuse tenderness; McMurray test was negative")),
]


@pytest.mark.parametrize(("item", "injured", "supported", "unsupported"), CASES,
                         ids=[c[0] for c in CASES])
def test_letter_style_case_and_its_counterpart(
    item: str, injured: str, supported: str, unsupported: str
) -> None:
    yes = _decide(item, injured, supported)
    assert yes.decision == "overturned", yes.rationale
    no = _decide(item, injured, unsupported)
    assert no.decision == "upheld", no.rationale
