"""One letter-style case, decided: the shared helper of the written case-pair files (a case
summary as the Final Determination Letter reports it, fictional, decided as of 12/10/2016)."""

from __future__ import annotations

from typing import NamedTuple

import openimr
from openimr.domain import CaseBundle, ItemDecision

HEAD = "The injured worker is a {age} year old {sex}, who sustained an industrial injury on {on}. "
UR = " On 11-3-16, utilization review non-certified the request."


class Pair(NamedTuple):
    item: str
    injured: str  # m-d-yyyy, with "@age" when the age matters (default 52)
    supported: str
    unsupported: str
    sex: str = "male"


def decide_letter_case(
    item: str, injured: str, text: str, sex: str = "male", case_number: str = "CM00-letter"
) -> ItemDecision:
    """Decide ``item`` on one case-summary record: the head sentence, ``text``, the UR line."""
    return decide_letter_items([item], injured, text, sex, case_number=case_number)[0]


def decide_letter_items(
    items: list[str],
    injured: str,
    text: str,
    sex: str = "male",
    *,
    case_number: str = "CM00-letter",
    ur: str = "2016-11-03",
    decided: str = "2016-12-10",
    age: int = 52,
) -> list[ItemDecision]:
    """Decide several items of one letter-style case (a surgery with its services), each as
    the whole case decides it; ``injured`` is m-d-yyyy, with "@age" to set the age."""
    on, _, years = injured.partition("@")
    age = int(years or age)
    m, d, y = on.split("-")
    u_y, u_m, u_d = ur.split("-")
    ur_line = f" On {int(u_m)}-{int(u_d)}-{u_y[2:]}, utilization review non-certified the request."
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": case_number,
            "dates": {"ur_denial": ur, "decision": decided},
            "patient": {"age": age, "sex": sex},
            "claim": {"date_of_injury": f"{y}-{int(m):02d}-{int(d):02d}"},
            "records": [
                {
                    "id": "clinical-case-summary",
                    "date": decided,
                    "kind": "clinical case summary (from the Final Determination Letter)",
                    "text": HEAD.format(age=age, sex=sex, on=on) + text + ur_line,
                }
            ],
            "requests": [{"id": str(i + 1), "item": it} for i, it in enumerate(items)],
        }
    )
    return openimr.decide(bundle).items


def decide_progress_note(
    item: str,
    text: str,
    injury: str,
    *,
    age: int = 45,
    sex: str = "female",
    ur: str = "2016-11-20",
    decided: str = "2016-12-20",
    seen: str = "2016-11-10",
) -> ItemDecision:
    """Decide ``item`` (denied by UR on ``ur``) on one progress note of ``seen`` that says
    ``text``, for an injury on ``injury`` (ISO dates): the probe files' one-visit case."""
    bundle = CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-0000077",
            "dates": {"ur_denial": ur, "decision": decided},
            "patient": {"age": age, "sex": sex},
            "claim": {"date_of_injury": injury},
            "records": [{"id": "pr-1", "date": seen, "kind": "progress report", "text": text}],
            "requests": [{"id": "1", "item": item, "ur_decision": "denied"}],
        }
    )
    return openimr.decide(bundle).items[0]
