"""A case as JSON for use outside the IMRO: reviewer credentials, never reviewer identity.

LC 4610.6(f) keeps the reviewer's name confidential; the panel id would let an outsider
link cases to one reviewer, so neither appears, and reviewer actors in the audit trail are
shown as "reviewer".
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from openimr.process.audit import Event, utc
from openimr.store.case_tables import CaseRow


def _iso(x: dt.datetime | None) -> str | None:
    return utc(x).isoformat() if x else None


def public_actor(actor: str) -> str:
    return "reviewer" if actor.startswith("reviewer:") else actor


def export_case(row: CaseRow, events: list[Event]) -> dict[str, Any]:
    sel = json.loads(row.selection_json or "{}")
    changes = json.loads(row.changes_json or "{}")
    determination = json.loads(row.determination_json) if row.determination_json else None
    return {
        "case_number": row.case_number,
        "state": row.state,
        "priority": row.priority,
        "formulary_dispute": row.formulary,
        "received_at": _iso(row.received_at),
        "eligibility": json.loads(row.eligibility_json or "null"),
        "reviewer": sel.get("credentials"),
        "assigned_at": _iso(row.assigned_at),
        "notice_method": row.notice_method,
        "records_received_at": _iso(row.records_received_at),
        "signed_at": _iso(row.signed_at),
        "review_seconds": row.review_seconds,
        "changes": changes.get("changes", []),
        "determination": determination,
        "issued_at": _iso(row.issued_at),
        "letter": (
            {"format": row.letter_format, "sha256": row.letter_sha256} if row.issued_at else None
        ),
        "terminated": (
            {"at": _iso(row.terminated_at), "reason": row.termination_reason}
            if row.terminated_at
            else None
        ),
        "audit": [
            {"at": e.at.isoformat(), "actor": public_actor(e.actor), "action": e.action}
            for e in events
        ],
    }
