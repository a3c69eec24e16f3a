"""Positive evidence must be current (issue 12): every supported single-item case of the
written case-pair files is decided as written and again with its dates moved three years back,
after which a visit a week before the UR decision records no examination.

    python eval/currency_probe.py [-v]

Prints how many stay overturned (-v: which). Fictional cases only (tests/review)."""

from __future__ import annotations

import collections
import importlib
import re
import sys
from pathlib import Path

import openimr
from openimr.domain import CaseBundle, ItemDecision

TESTS = Path(__file__).resolve().parent.parent / "tests" / "review"
MODULES = [
    "test_letter_cases_studies",
    "test_letter_cases_therapy",
    "test_letter_cases_procedures",
    "test_letter_cases_medications",
]
FOLLOW_UP = (
    " Per the progress report dated 10-27-16, the injured worker returned for follow-up of "
    "ongoing pain; no examination findings were recorded at that visit."
)
DATE = re.compile(r"\b(\d{1,2})[-/](\d{1,2})[-/](20)?16\b")


def decide(item: str, injured: str, text: str, sex: str = "male") -> ItemDecision:
    on, _, years = injured.partition("@")
    age = int(years or 52)
    m, d, y = on.split("-")
    head = (
        f"The injured worker is a {age} year old {sex}, who sustained an industrial injury "
        f"on {on}. "
    )
    record = {
        "id": "cs",
        "date": "2016-12-10",
        "kind": "clinical case summary (from the Final Determination Letter)",
        "text": head + text + " On 11-3-16, utilization review non-certified the request.",
    }
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-probe",
            "dates": {"ur_denial": "2016-11-03", "decision": "2016-12-10"},
            "patient": {"age": age, "sex": sex},
            "claim": {"date_of_injury": f"{y}-{int(m):02d}-{int(d):02d}"},
            "records": [record],
            "requests": [{"id": "1", "item": item}],
        }
    )
    return openimr.decide(bundle).items[0]


def three_years_back(text: str) -> str:
    moved = DATE.sub(lambda m: f"{m[1]}-{m[2]}-{'2013' if m[3] else '13'}", text)
    return moved + FOLLOW_UP


def injured_before(injured: str) -> str:
    """The injury moved to 2012 when it falls after the moved visits."""
    on, at, age = injured.partition("@")
    m, d, y = on.split("-")
    return f"{m}-{d}-{min(int(y), 2012)}{at}{age}"


def main() -> None:
    sys.path.insert(0, str(TESTS))
    rows = []
    for name in MODULES:
        for p in importlib.import_module(name).CASES:
            item = p.items if isinstance(getattr(p, "items", None), (str, list)) else p.item
            if not isinstance(item, str):
                continue
            sex = getattr(p, "sex", "male")
            now = decide(item, p.injured, p.supported, sex).decision
            old = decide(item, injured_before(p.injured), three_years_back(p.supported), sex)
            rows.append((name.removeprefix("test_letter_cases_"), item, now, old.decision))
    counts = collections.Counter((r[2], r[3]) for r in rows)
    print(f"cases: {len(rows)}; as written -> three years back: {dict(counts)}")
    if "-v" in sys.argv:
        for kind, item, now, old in rows:
            if old == "overturned":
                print(f"  {kind:12} {item[:60]:60} {now} -> {old}")


if __name__ == "__main__":
    main()
