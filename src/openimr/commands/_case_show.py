"""The text view of ``openimr case show`` (an IMRO-internal view)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openimr.process.cases import CaseService


def show_text(svc: CaseService, case_number: str) -> str:
    from openimr.process.case_deadlines import current_deadline, pacific

    row = svc.get(case_number)
    lines = [f"Case {row.case_number}: {row.state} ({row.priority})"]
    lines.append(f"  application received {pacific(row.received_at):%Y-%m-%d %H:%M %Z}")
    elig = json.loads(row.eligibility_json or "null")
    if elig:
        lines.append(f"  eligibility: {elig['outcome']}")
        lines += [f"    - {c['reason']}" for c in elig["checks"] if c["status"] != "pass"]
    sel = json.loads(row.selection_json or "null")
    if sel:
        cred = sel["credentials"]
        sub = f", {cred['subspecialty']}" if cred.get("subspecialty") else ""
        lines.append(
            f"  reviewer {sel['reviewer_id']}: {cred['board_certification']}{sub}; "
            f"licensed in {', '.join(cred['licensed_in'])}"
        )
    d = current_deadline(row)
    if d:
        lines.append(f"  {d.label}: {d.due} ({d.explanation})")
    if row.signed_at:
        changes = json.loads(row.changes_json or "{}").get("changes", [])
        lines.append(
            f"  signed by {row.signed_by} at {pacific(row.signed_at):%Y-%m-%d %H:%M %Z}; "
            f"review took {row.review_seconds} s; {len(changes)} change(s)"
        )
        for ch in changes:
            lines.append(
                f"    item {ch['item']} {ch['field']}: {ch['before']!r} -> {ch['after']!r}"
            )
    if row.issued_at:
        lines.append(
            f"  letter issued {pacific(row.issued_at):%Y-%m-%d %H:%M %Z} "
            f"({row.letter_format}, sha256 {row.letter_sha256})"
        )
    if row.terminated_at:
        lines.append(f"  terminated: {row.termination_reason}")
    lines.append("  audit trail:")
    for e in svc.events(case_number):
        lines.append(f"    {pacific(e.at):%Y-%m-%d %H:%M:%S} {e.actor:<16} {e.action}")
    return "\n".join(lines)
