"""``openimr serve --demo``: the two example cases, the bundled fictional panel, one account
per role and a few fictional published letters, so a new user sees a working queue at once.

Everything here is fictional. The demo accounts share one password, printed at start.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openimr.api.deps import Services

HERE = Path(__file__).parent
DEMO_PASSWORD = "demo-password"
CASES = ("cm13-0057725", "cm14-0900001")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    display_name: str
    reviewer_id: str | None = None


def accounts_for(reviewer_ids: list[str]) -> list[DemoAccount]:
    out = [
        DemoAccount("admin", "admin", "Ada Admin (fictional)"),
        DemoAccount("intake", "intake", "Ivan Intake (fictional)"),
        DemoAccount("supervisor", "supervisor", "Sue Supervisor (fictional)"),
        DemoAccount("auditor", "auditor", "Otto Auditor (fictional)"),
    ]
    out += [
        DemoAccount(f"dr-{rid.lower()}", "reviewer", f"Reviewer {rid} (fictional)", rid)
        for rid in reviewer_ids
    ]
    return out


def _published_letters(svc: Services, count: int = 24) -> int:
    """Fictional published letters: rendered by our own letter templates, read back by the
    letter parser and stored, as ``openimr letters ingest`` would."""
    from sqlalchemy.orm import Session

    from openimr.domain import (
        Determination,
        GuidelineCitation,
        ItemDecision,
        ReviewerCredentials,
    )
    from openimr.letters import render
    from openimr.letters_in.parser import parse_letter
    from openimr.letters_in.repository import has_fts5, store_letter

    requests = [
        ("MRI of the lumbar spine without contrast", "Chapter 12 Low Back Complaints"),
        ("Physical therapy 8 sessions for the cervical spine", None),
        ("Acupuncture 6 visits for the low back", None),
        ("EMG of the bilateral lower extremities", "Chapter 12 Low Back Complaints"),
    ]
    specialties = ["Family Practice", "Orthopedic Surgery", "Physical Medicine & Rehabilitation"]
    fts = has_fts5(svc.engine)
    with Session(svc.engine) as s, s.begin():
        for k in range(1, count + 1):
            decided = dt.date(2015 + k % 3, 1 + k % 12, 1 + k % 27)
            items = []
            for n in range(1 + k % 2):
                text, chapter = requests[(k + n) % len(requests)]
                decision = "overturned" if (k + n) % 3 == 0 else "upheld"
                items.append(
                    ItemDecision(
                        id=str(n + 1),
                        item=text,
                        decision=decision,
                        guidelines=[
                            GuidelineCitation(
                                level="MTUS",
                                guideline="ACOEM"
                                if chapter
                                else "Chronic Pain Medical Treatment Guidelines",
                                chapter=chapter,
                            )
                        ],
                        rationale=(
                            "The fictional records show the finding the guideline asks for, so "
                            "the request is medically necessary."
                            if decision == "overturned"
                            else "The fictional records do not show the finding the guideline "
                            "asks for, so the request is not medically necessary."
                        ),
                    )
                )
            det = Determination(
                case_number=f"CM98-{k:07d}",
                decision_date=decided,
                date_assigned=decided - dt.timedelta(days=20),
                date_of_injury=dt.date(2012, 5, 1),
                ur_denial_date=decided - dt.timedelta(days=40),
                application_received=decided - dt.timedelta(days=30),
                reviewer=ReviewerCredentials(
                    board_certification=specialties[k % 3], licensed_in=["California"]
                ),
                clinical_case_summary=f"A fictional worker aged {30 + k} with back or neck "
                "pain after a fall at work.",
                items=items,
                status="signed",
            )
            letter_text = render(det, "text", organization="Fictional IMRO")
            assert isinstance(letter_text, str)
            store_letter(s, parse_letter(letter_text, source=f"demo-{k}"), fts=fts)
    return count


def load_demo(svc: Services) -> list[DemoAccount]:
    """Fill an empty database with the demo; returns the accounts made."""
    from openimr.intake import load_bundle
    from openimr.reviewers import load_panel

    panel = load_panel(svc.settings.panel)
    made = accounts_for([r.id for r in panel.reviewers])
    for a in made:
        svc.accounts.add_user(a.username, DEMO_PASSWORD, a.role, a.display_name, a.reviewer_id)
    opened = []
    for name in CASES:
        bundle = load_bundle(HERE / f"{name}.yaml")
        result = svc.cases.open_case(bundle, "user:intake")
        opened.append(result)
    # the first case moves on to review so a reviewer has work at once
    first = opened[0]
    if first.outcome == "eligible":
        svc.cases.assign(first.case_number, "user:supervisor", "electronic")
        svc.cases.records_complete(first.case_number, "user:intake")
    try:
        _published_letters(svc)
    except Exception as exc:  # the published-letter pages stay empty; the demo still runs
        import logging

        logging.getLogger("openimr.demo").warning("no demo published letters: %s", exc)
    return made
