"""Seed a PostgreSQL database for the workbench load benchmark (fictional data only).

10,000 cases (2,000 open across the life cycle, 8,000 issued), 100,000 published letters with
200,000 items, the accounts the simulated users log in with. Bulk inserts, not the life cycle:
the benchmark measures the service, not the seeding.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert

PASSWORD = "bench-password-1"
DEMO = Path(__file__).resolve().parents[1] / "src/openimr/api/demo/cm13-0057725.yaml"
OPEN_STATES = [("eligible", 600), ("assigned", 400), ("records_complete", 400), ("in_review", 600)]
REQUESTS = [
    ("MRI of the lumbar spine without contrast", "imaging", "ACOEM Low Back"),
    ("Physical therapy 8 sessions for the cervical spine", "rehabilitation", "CPMTG PT"),
    ("Acupuncture 6 visits for the low back", "rehabilitation", "Acupuncture MTG"),
    ("EMG of the bilateral lower extremities", "diagnostics", "ACOEM Low Back"),
    ("Norco 10/325 mg #60", "pharmaceuticals", "CPMTG Opioids"),
    ("Lumbar support brace", "DME", "ACOEM Low Back"),
    ("Cervical epidural steroid injection", "injections", "CPMTG ESI"),
    ("Functional restoration program 80 hours", "programs", "CPMTG FRP"),
]
SPECIALTIES = [
    "Family Practice",
    "Orthopedic Surgery",
    "Physical Medicine & Rehabilitation",
    "Occupational Medicine",
    "Internal Medicine",
]


def _draft_json() -> str:
    """One real engine draft of the demo case, reused (with its number changed) by every
    case under review."""
    import openimr

    bundle = openimr.load_bundle(DEMO)
    det = openimr.decide(bundle, decision_date=dt.date(2014, 1, 15))
    return det.model_dump_json()


def seed_cases(engine: Engine, reviewer_ids: list[str], rnd: random.Random) -> dict[str, Any]:
    from openimr.intake import load_bundle
    from openimr.process.case_format import to_json
    from openimr.process.eligibility import check_eligibility
    from openimr.store.case_tables import CaseRow

    bundle = load_bundle(DEMO)
    elig = to_json(check_eligibility(bundle).to_dict())
    bundle_json = bundle.model_dump_json()
    draft = _draft_json()
    now = dt.datetime.now(dt.UTC)
    rows: list[dict[str, Any]] = []
    by_state: dict[str, list[str]] = {}
    k = 0
    plan = OPEN_STATES + [("issued", 8000)]
    for state, count in plan:
        for _ in range(count):
            k += 1
            cn = f"CM97-{k:07d}"
            by_state.setdefault(state, []).append(cn)
            received = now - dt.timedelta(days=rnd.randint(3, 40), minutes=rnd.randint(0, 600))
            rid = reviewer_ids[k % len(reviewer_ids)] if state != "eligible" else None
            sel = None
            if rid:
                sel = json.dumps(
                    {
                        "reviewer_id": rid,
                        "credentials": {
                            "board_certification": "Orthopedic Surgery",
                            "subspecialty": None,
                            "licensed_in": ["California"],
                        },
                        "explanation": f"Chose reviewer {rid} (fictional benchmark data)",
                        "excluded": [],
                    }
                )
            d = draft.replace("CM13-0057725", cn) if state in ("in_review", "issued") else None
            rows.append(
                {
                    "case_number": cn,
                    "state": state,
                    "priority": "expedited" if k % 17 == 0 else "standard",
                    "formulary": False,
                    "bundle_json": bundle_json.replace("CM13-0057725", cn),
                    "received_at": received,
                    "created_at": received,
                    "updated_at": received,
                    "eligibility_json": elig,
                    "eligible_at": received,
                    "reviewer_id": rid,
                    "selection_json": sel,
                    "assigned_at": received + dt.timedelta(days=1) if rid else None,
                    "notice_method": "electronic" if rid else None,
                    "records_received_at": received + dt.timedelta(days=2)
                    if state in ("records_complete", "in_review", "issued")
                    else None,
                    "records_method": "electronic",
                    "review_started_at": received + dt.timedelta(days=3)
                    if state in ("in_review", "issued")
                    else None,
                    "draft_json": d,
                    "determination_json": d.replace('"status":"draft"', '"status":"signed"')
                    if d and state == "issued"
                    else None,
                    "signed_by": rid if state == "issued" else None,
                    "issued_at": received + dt.timedelta(days=9) if state == "issued" else None,
                }
            )
    from openimr.process.case_deadlines import due_moment

    for r in rows:
        r["due_at"] = due_moment(CaseRow(**r)) if r["state"] != "issued" else None
    with engine.begin() as c:
        for i in range(0, len(rows), 1000):
            c.execute(insert(CaseRow), rows[i : i + 1000])
    return by_state


def seed_letters(engine: Engine, letters: int, rnd: random.Random) -> int:
    from openimr.store.letter_tables import (
        PublishedLetter,
        PublishedLetterItem,
        PublishedLetterSpecialty,
    )

    now = dt.datetime.now(dt.UTC)
    items = 0
    batch = 5000
    with engine.begin() as c:
        for start in range(0, letters, batch):
            lrows, irows, srows = [], [], []
            for k in range(start + 1, min(letters, start + batch) + 1):
                decided = dt.date(2014 + k % 11, 1 + k % 12, 1 + k % 28)
                lrows.append(
                    {
                        "id": k,
                        "case_number": f"CM96-{k:07d}",
                        "content_hash": f"{k:064d}",
                        "layout": "F1",
                        "decision_date": decided,
                        "licensure_states": ["California"],
                        "clinical_case_summary": f"A fictional worker aged {25 + k % 40} with "
                        "low back or neck pain after lifting at work.",
                        "warnings": [],
                        "parsed_json": "{}",
                        "ingested_at": now,
                    }
                )
                srows.append({"letter_id": k, "specialty": SPECIALTIES[k % len(SPECIALTIES)]})
                for n in range(2):
                    text_, category, guideline = REQUESTS[(k + n) % len(REQUESTS)]
                    decision = "overturned" if rnd.random() < 0.1 else "upheld"
                    irows.append(
                        {
                            "letter_id": k,
                            "position": n + 1,
                            "heading": text_,
                            "request": text_,
                            "decision": decision,
                            "modified": False,
                            "retrospective": False,
                            "category": category,
                            "reviewer_level": "MTUS",
                            "reviewer_guideline": guideline,
                            "guideline_key": guideline,
                            "rationale": "Fictional rationale: the records "
                            + ("show" if decision == "overturned" else "do not show")
                            + " what the guideline requires.",
                        }
                    )
                    items += 1
            c.execute(insert(PublishedLetter), lrows)
            c.execute(insert(PublishedLetterItem), irows)
            c.execute(insert(PublishedLetterSpecialty), srows)
        c.exec_driver_sql(
            "SELECT setval(pg_get_serial_sequence('published_letters', 'id'), "
            "(SELECT max(id) FROM published_letters))"
        )
        c.exec_driver_sql("ANALYZE")
    return items


def seed_users(engine: Engine, reviewer_ids: list[str], supervisors: int) -> None:
    """Accounts, hashed once and copied (Argon2 on 50 accounts is the slow part)."""
    from argon2 import PasswordHasher

    from openimr.store.web_tables import UserRow

    h = PasswordHasher().hash(PASSWORD)
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "username": f"sup{i}",
            "display_name": f"Supervisor {i}",
            "role": "supervisor",
            "reviewer_id": None,
            "password_hash": h,
            "active": True,
            "created_at": now,
        }
        for i in range(supervisors)
    ] + [
        {
            "username": f"dr-{rid.lower()}",
            "display_name": f"Reviewer {rid}",
            "role": "reviewer",
            "reviewer_id": rid,
            "password_hash": h,
            "active": True,
            "created_at": now,
        }
        for rid in reviewer_ids
    ]
    with engine.begin() as c:
        c.execute(insert(UserRow), rows)
