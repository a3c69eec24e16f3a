"""One principle, one threshold: the shared special-studies criteria that several ACOEM 2004
chapters state alike (guidelines/shared/special-studies.yaml), in letter-style fictional cases.

- Electrodiagnosis looks for subtle focal dysfunction in symptoms lasting more than three or
  four weeks (Ch. 8 p. 178 for the neck and arm, Ch. 12 p. 303 for the low back): the same span
  for both chapters, more than three weeks (the arm topics had read three weeks, the leg topics
  four).
- The spine chapters' wait before imaging without a red flag, and the limb chapters' studies
  after a period of conservative care, are each written once.
"""

from __future__ import annotations

import pytest
from _letter_case import decide_letter_case

from openimr.guidelines.registry import load_knowledge_base

EARLY = "10-17-2016"  # two and a half weeks before UR (11-3-16)
MIDDLE = "10-9-2016"  # three and a half weeks before UR: more than three weeks
LATER = "9-20-2016"  # six weeks before UR

EDX = {
    "arm": (
        "EMG of the right upper extremity",
        "acoem2004.upper-extremity.emg",
        "Per the progress report dated 10-28-16, he reported neck pain radiating to the right "
        "arm with numbness. On examination there was decreased sensation in the right C6 "
        "dermatome and the right biceps reflex was diminished. The treating physician requested "
        "electrodiagnostic studies.",
    ),
    "leg": (
        "EMG of the right lower extremity",
        "acoem2004.low-back.emg",
        "Per the progress report dated 10-28-16, he reported low back pain radiating to the "
        "right leg with numbness. On examination there was decreased sensation in the right L5 "
        "dermatome and weakness of the right extensor hallucis longus. The treating physician "
        "requested electrodiagnostic studies.",
    ),
}


@pytest.mark.parametrize("limb", sorted(EDX))
def test_electrodiagnosis_waits_the_same_span_in_both_chapters(limb: str) -> None:
    item, topic, text = EDX[limb]
    early = decide_letter_case(item, EARLY, text, case_number="CM00-edx")
    assert (early.decision, early.topic) == ("upheld", topic)
    for injured in (MIDDLE, LATER):
        later = decide_letter_case(item, injured, text, case_number="CM00-edx")
        assert (later.decision, later.topic) == ("overturned", topic), injured


SHARED = {
    "special_studies.edx_duration": [
        "acoem2004.upper-extremity.emg", "acoem2004.upper-extremity.ncs",
        "acoem2004.low-back.emg", "acoem2004.low-back.ncs",
    ],
    "special_studies.conservative_period": ["acoem2004.neck.mri-ct", "acoem2004.low-back.mri-ct"],
    "special_studies.persistent_despite_care": [
        "acoem2004.knee.xray", "acoem2004.shoulder.xray", "acoem2004.wrist-hand.xray",
    ],
    "special_studies.red_flag": [
        "acoem2004.knee.xray", "acoem2004.shoulder.xray", "acoem2004.wrist-hand.xray",
        "acoem2004.ankle-foot.xray", "acoem2007.elbow.xray", "acoem2004.low-back.xray",
        "acoem2004.neck.xray",
    ],
}


@pytest.mark.parametrize("shared", sorted(SHARED))
def test_the_topics_share_one_encoding(shared: str) -> None:
    kb = load_knowledge_base()
    for topic in SHARED[shared]:
        assert shared in {c.shared for c in kb.get(topic).criteria}, topic
