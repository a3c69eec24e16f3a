"""The IMR eligibility screen: may this application go to a reviewer?

Checks (domain brief sections 1 and 7): the application is signed; it was filed within 30
days of service of the UR decision (35 when the UR decision was mailed); the UR decision is
attached; the UR was not a "conditionally non-certified" decision; the same request was not
already decided by IMR; and the dispute is about treatment, not liability. Each check passes,
fails with its reason named, or is *unknown* when the bundle does not say: the screen never
assumes a fact, so a bundle without an ``application`` block comes out "incomplete".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from openimr.domain.bundle import CaseBundle
from openimr.process.deadlines import application_deadline

Status = Literal["pass", "fail", "unknown"]
Outcome = Literal["eligible", "ineligible", "incomplete"]

_CONDITIONAL = re.compile(r"\bconditional(ly)?\s+non-?\s?certif", re.I)
_ELECTRONIC_FILING = {"fax", "email", "online"}


@dataclass(frozen=True)
class Check:
    code: str  # signed, timely, ur_letter, not_conditional, not_decided, treatment_dispute
    status: Status
    reason: str


@dataclass
class EligibilityResult:
    case_number: str
    outcome: Outcome
    checks: list[Check]
    ineligible_requests: dict[str, str] = field(default_factory=dict)  # id -> reason
    filed_on: dt.date | None = None
    filing_deadline: dt.date | None = None

    @property
    def reasons(self) -> list[str]:
        """Every reason the application is not (or not yet) eligible."""
        return [c.reason for c in self.checks if c.status != "pass"]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EligibilityResult:
        """Read back what :meth:`to_dict` stored (an empty dict reads as incomplete)."""
        return cls(
            str(data.get("case_number", "")),
            data.get("outcome", "incomplete"),
            [Check(**c) for c in data.get("checks", [])],
            dict(data.get("ineligible_requests", {})),
            dt.date.fromisoformat(data["filed_on"]) if data.get("filed_on") else None,
            dt.date.fromisoformat(data["filing_deadline"]) if data.get("filing_deadline") else None,
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "case_number": self.case_number,
            "outcome": self.outcome,
            "filed_on": self.filed_on.isoformat() if self.filed_on else None,
            "filing_deadline": self.filing_deadline.isoformat() if self.filing_deadline else None,
            "checks": [c.__dict__ for c in self.checks],
            "ineligible_requests": self.ineligible_requests,
        }


def _signed(b: CaseBundle) -> Check:
    app = b.application
    if app is None or app.signed is None:
        return Check("signed", "unknown", "the application does not say whether it is signed")
    if not app.signed:
        return Check("signed", "fail", "the application is not signed")
    if app.signature_date and app.signature_date < b.dates.ur_denial:
        return Check(
            "signed",
            "fail",
            f"the signature ({app.signature_date}) is dated before the UR decision "
            f"({b.dates.ur_denial})",
        )
    who = f" by the {app.signed_by}" if app.signed_by else ""
    return Check("signed", "pass", f"signed{who}")


def _timely(b: CaseBundle) -> tuple[Check, dt.date | None, dt.date | None]:
    from openimr.process.business_days import load_calendar

    app = b.application
    served = (app.ur_served if app else None) or b.dates.ur_denial
    method = app.ur_service_method if app else None
    received = (app.received if app else None) or b.dates.application_received
    if received is None:
        return Check("timely", "unknown", "the application's filing date is not given"), None, None
    if method is None:
        return (
            Check("timely", "unknown", "how the UR decision was served (mail or not) is not given"),
            None,
            None,
        )
    electronic = bool(app and app.filing_method in _ELECTRONIC_FILING)
    filed = load_calendar().receipt_day(received, electronic=electronic)
    dl = application_deadline(served, mailed=method == "mail")
    note = f"filed {filed}; due by {dl.due_day} ({dl.explanation})"
    if filed < served:
        return (
            Check("timely", "fail", f"filed {filed}, before the UR decision was served ({served})"),
            filed,
            dl.due_day,
        )
    if filed > dl.due_day:
        late = (filed - dl.due_day).days
        return Check("timely", "fail", f"late by {late} day(s): {note}"), filed, dl.due_day
    return Check("timely", "pass", note), filed, dl.due_day


def _ur_letter(b: CaseBundle) -> Check:
    app = b.application
    if app is not None and app.ur_letter_attached is not None:
        if app.ur_letter_attached:
            return Check("ur_letter", "pass", "the UR decision letter is attached")
        return Check("ur_letter", "fail", "the UR decision letter is not attached")
    found = [r.id for r in b.records if r.is_utilization_review]
    if found:
        return Check("ur_letter", "pass", f"UR decision among the records ({', '.join(found)})")
    return Check("ur_letter", "unknown", "no UR decision letter is attached or among the records")


def _not_conditional(b: CaseBundle) -> Check:
    app = b.application
    if app is not None and app.ur_conditional_noncertification is not None:
        if app.ur_conditional_noncertification:
            return Check(
                "not_conditional",
                "fail",
                "the UR decision is a conditional non-certification (not a denial)",
            )
        return Check("not_conditional", "pass", "the UR decision is a denial or modification")
    for r in b.records:
        if r.is_utilization_review and _CONDITIONAL.search(r.text or ""):
            return Check(
                "not_conditional",
                "fail",
                f"the UR decision ({r.id}) is a conditional non-certification",
            )
    return Check("not_conditional", "pass", "no conditional non-certification found")


def _not_decided(b: CaseBundle) -> tuple[Check, dict[str, str]]:
    app = b.application
    prior = app.prior_imr if app else []
    ids = [r.id for r in b.requests]
    done: dict[str, str] = {}
    for p in prior:
        when = f" on {p.decided}" if p.decided else ""
        for rid in p.requests or ids:
            if rid in ids:
                done.setdefault(
                    rid, f"request {rid} was already decided by IMR {p.case_number}{when}"
                )
    if not done:
        return Check("not_decided", "pass", "no prior IMR of these requests"), {}
    if len(done) == len(ids):
        return Check("not_decided", "fail", "; ".join(done.values())), done
    rest = ", ".join(i for i in ids if i not in done)
    return (
        Check(
            "not_decided",
            "pass",
            "; ".join(done.values()) + f" (left out; requests {rest} remain eligible)",
        ),
        done,
    )


def _treatment_dispute(b: CaseBundle) -> Check:
    app = b.application
    if app is None or (app.dispute is None and app.liability_issue is None):
        return Check(
            "treatment_dispute",
            "unknown",
            "the application does not say whether liability is disputed",
        )
    if app.dispute == "liability" or app.liability_issue:
        issue = f": {app.liability_issue}" if app.liability_issue else ""
        return Check(
            "treatment_dispute",
            "fail",
            f"a non-medical liability dispute defers IMR until it is resolved{issue}",
        )
    return Check("treatment_dispute", "pass", "a dispute over medical treatment")


def check_eligibility(bundle: CaseBundle) -> EligibilityResult:
    """Screen ``bundle``'s application; every failing or unknown check is named."""
    timely, filed, due = _timely(bundle)
    decided, done = _not_decided(bundle)
    checks = [
        _signed(bundle),
        timely,
        _ur_letter(bundle),
        _not_conditional(bundle),
        decided,
        _treatment_dispute(bundle),
    ]
    if any(c.status == "fail" for c in checks):
        outcome: Outcome = "ineligible"
    elif any(c.status == "unknown" for c in checks):
        outcome = "incomplete"
    else:
        outcome = "eligible"
    return EligibilityResult(bundle.case_number, outcome, checks, done, filed, due)


def eligible_bundle(bundle: CaseBundle, result: EligibilityResult) -> CaseBundle:
    """The bundle with requests already decided by IMR left out (the rest go to review)."""
    if not result.ineligible_requests:
        return bundle
    keep = [r for r in bundle.requests if r.id not in result.ineligible_requests]
    out = bundle.model_copy(update={"requests": keep})
    out.source_path = bundle.source_path
    return out
