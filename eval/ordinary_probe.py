"""Every wording of the routing probe (tests/review/data/wording_probe.yaml) decided on four
ordinary progress notes that document nothing beyond the usual complaint and examination:
a chronic neck, a chronic knee, a shoulder ten weeks and a low back nine weeks after the
injury. Prints the overturns, to be read against the guideline (issue 12).

    python eval/ordinary_probe.py
"""

from __future__ import annotations

from pathlib import Path

import yaml

import openimr
from openimr.domain import CaseBundle

ROWS = yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "tests/review/data/wording_probe.yaml").read_text(
        encoding="utf-8"
    )
)
RECORDS = {
    "neck, chronic": (
        "2014-05-01",
        "Chronic neck pain rated 7/10 with stiffness. Examination shows cervical paraspinal "
        "tenderness and decreased cervical range of motion. Medications include Norco and "
        "Flexeril. Treatment to date has included physical therapy and acupuncture.",
    ),
    "knee, chronic": (
        "2014-05-01",
        "Right knee pain rated 6/10, worse with stairs. Examination shows medial joint line "
        "tenderness and crepitus, no effusion, and stable ligaments. An MRI of the right knee in "
        "2015 showed degeneration of the medial meniscus. Treatment to date has included "
        "physical therapy, a cortisone injection and NSAIDs.",
    ),
    "shoulder, 10 weeks": (
        "2016-09-10",
        "Right shoulder pain since a lifting injury, rated 5/10. Examination shows tenderness "
        "over the right shoulder, a painful arc and a positive impingement sign, with strength "
        "5/5. She has completed six sessions of physical therapy with some improvement.",
    ),
    "low back, 9 weeks": (
        "2016-09-17",
        "Low back pain radiating to the left buttock, rated 6/10. Examination shows lumbar "
        "paraspinal tenderness; straight leg raise is negative, sensation is intact and "
        "strength is 5/5. She has completed eight sessions of physical therapy with improvement "
        "and is working modified duty.",
    ),
}


def main() -> None:
    total = 0
    for name, (injury, text) in RECORDS.items():
        over = []
        for row in ROWS:
            bundle = CaseBundle.model_validate(
                {
                    "format": "openimr-case/1",
                    "case_number": "CM00-0000000",
                    "dates": {"ur_denial": "2016-11-20", "decision": "2016-12-20"},
                    "patient": {"age": 45},
                    "claim": {"date_of_injury": injury},
                    "records": [
                        {"id": "pr-1", "date": "2016-11-10", "kind": "progress report",
                         "text": text}
                    ],
                    "requests": [{"id": "1", "item": row["text"], "ur_decision": "denied"}],
                }
            )
            item = openimr.decide(bundle).items[0]
            if item.decision == "overturned":
                over.append((row["text"], item.topic))
        total += len(over)
        print(f"{name}: {len(over)} of {len(ROWS)} overturned")
        for text, topic in over:
            print(f"    {text[:55]:55} {topic}")
    print(f"overturned in all: {total}")


if __name__ == "__main__":
    main()
