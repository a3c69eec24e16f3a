"""Fictional Final Determination Letters for the store, search and CLI tests.

Made by rendering fictional Determinations with OpenIMR's own letter renderer, so they follow
the published layout without a word of a real letter. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from openimr.domain import Determination, GuidelineCitation, ItemDecision, ReviewerCredentials
from openimr.letters import render

REQUESTS = [
    (
        "MRI of the lumbar spine without contrast",
        "Chapter 12 Low Back Complaints",
        "Special Studies",
    ),
    ("Norco 10/325mg #{n}", None, "Opioids, criteria for use"),
    ("Physical therapy {n} sessions for the cervical spine", None, "Physical medicine treatment"),
    ("Acupuncture {n} visits for the low back", None, "Acupuncture"),
    ("EMG of the bilateral lower extremities", "Chapter 12 Low Back Complaints", "Special Studies"),
    ("Lumbar support brace", "Chapter 12 Low Back Complaints", "Physical Methods"),
]
SPECIALTIES = ["Family Practice", "Orthopedic Surgery", "Physical Medicine & Rehabilitation"]
STATES = ["California", "Nevada", "Oregon"]
SUMMARIES = [
    "The worker is a {age} year old {sex} with low back pain after lifting crates. Straight leg "
    "raising is negative and strength is full.",
    "The worker is a {age}-year-old {sex} with neck pain after a fall from a ladder. The right "
    "biceps reflex is reduced and grip is weaker on the right.",
]
RATIONALES = {
    "upheld": "The records show no deficit that the cited guideline requires, so the request "
    "is not medically necessary.",
    "overturned": "The records show the finding the cited guideline requires, and the request "
    "is medically necessary.",
}


def determination(k: int, rnd: random.Random) -> Determination:
    decided = dt.date(2009, 1 + k % 6, 1 + k % 27)
    items = []
    for n in range(1 + k % 3):
        text, chapter, section = REQUESTS[(k + n) % len(REQUESTS)]
        text = text.format(n=rnd.randint(2, 60))
        decision = "overturned" if (k + n) % 4 == 0 else "upheld"
        mtus = GuidelineCitation(
            level="MTUS",
            guideline="ACOEM" if chapter else "Chronic Pain Medical Treatment Guidelines",
            chapter=chapter,
            section=section,
        )
        items.append(
            ItemDecision(
                id=str(n + 1),
                item=text,
                decision=decision,  # type: ignore[arg-type]
                guidelines=[mtus],
                claims_administrator_basis=None,
                rationale=RATIONALES[decision] + f" Fictional marker zq{k}x{n}.",
                portion=f"{text} (second half)" if (k + n) % 5 == 0 else None,
            )
        )
    return Determination(
        case_number=f"CM99-{k:07d}",
        decision_date=decided,
        date_assigned=decided - dt.timedelta(days=20),
        date_of_injury=dt.date(2008, 6, 1),
        ur_denial_date=decided - dt.timedelta(days=40),
        application_received=decided - dt.timedelta(days=30),
        reviewer=ReviewerCredentials(
            board_certification=SPECIALTIES[k % len(SPECIALTIES)],
            licensed_in=STATES[: 1 + k % 3],
        ),
        clinical_case_summary=SUMMARIES[k % 2].format(
            age=30 + k, sex="female" if k % 2 else "male"
        ),
        items=items,
        status="signed",
    )


def write_letters(directory: Path, count: int, seed: int = 7) -> list[Determination]:
    """Write ``count`` fictional letters as text files; return their Determinations."""
    rnd = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(1, count + 1):
        d = determination(k, rnd)
        text = render(d, "text", organization="MAXIMUS")
        assert isinstance(text, str)
        (directory / f"{d.case_number}.txt").write_text(text, encoding="utf-8")
        out.append(d)
    return out
