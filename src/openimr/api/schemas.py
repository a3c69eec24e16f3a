"""What the API takes and gives: one model per use (``CaseSummary``, ``CaseDetail``...)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from openimr.domain.determination import ItemDecision


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DeadlineOut(BaseModel):
    label: str
    due: str
    days_left: int
    business_days_left: int
    overdue: bool
    rule: str


class CaseSummary(BaseModel):
    case_number: str
    state: str
    priority: str
    expedited: bool
    formulary_dispute: bool
    received_at: dt.datetime
    eligibility: str | None
    eligibility_reasons: list[str]
    deadline: DeadlineOut | None
    assigned: bool
    reviewer_id: str | None = None  # shown to supervisors and the assigned reviewer only


class CaseDetail(CaseSummary):
    assignment_explanation: str | None = None
    excluded_reviewers: list[str] = Field(default_factory=list)
    reviewer_credentials: dict[str, Any] | None = None
    records_received_at: dt.datetime | None = None
    signed_at: dt.datetime | None = None
    issued_at: dt.datetime | None = None
    letter_sha256: str | None = None
    terminated_reason: str | None = None
    has_draft: bool = False
    items: list[ItemDecision] = Field(default_factory=list)


class RecordOut(BaseModel):
    id: str
    date: dt.date | None
    kind: str
    author: str | None
    text: str


class OpenCaseIn(_In):
    bundle: dict[str, Any] = Field(description="The case bundle (the JSON form of bundle.yaml)")
    received_at: dt.datetime | None = None


class EligibilityOut(BaseModel):
    case_number: str
    outcome: str
    reasons: list[str]


class AssignIn(_In):
    notice_method: Literal["mail", "electronic"] = "electronic"
    reassign: bool = Field(
        default=False, description="Re-assign an assigned case (then give a reason)"
    )
    reason: str | None = None


class AssignOut(BaseModel):
    case_number: str
    reviewer_id: str
    explanation: str
    excluded: list[str]


class RecordsCompleteIn(_In):
    received_at: dt.datetime | None = None
    method: Literal["mail", "electronic"] = "electronic"


class JobOut(BaseModel):
    id: int
    kind: str
    case_number: str | None
    state: str
    progress: str
    attempts: int
    error: str | None


class ItemEditIn(_In):
    decision: Literal["upheld", "overturned"] | None = None
    rationale: str | None = Field(default=None, min_length=1)


class SignIn(_In):
    items: dict[str, Literal["accept"] | ItemEditIn] = Field(default_factory=dict)
    accept_all: bool = False
    note: str | None = Field(
        default=None, description="Why: required when a decision is overridden"
    )


class IssueIn(_In):
    format: Literal["text", "html", "pdf", "json"] = "html"


class IssueOut(BaseModel):
    case_number: str
    format: str
    sha256: str
    bytes: int


class TerminateIn(_In):
    reason: str = Field(min_length=1)


class StateOut(BaseModel):
    case_number: str
    state: str


class EventOut(BaseModel):
    id: int
    at: dt.datetime
    case_number: str | None
    actor: str
    action: str
    detail: dict[str, Any]


class VerifyOut(BaseModel):
    ok: bool
    rows: int
    anchored: int
    unkeyed: int
    problem: str | None


class LoginIn(_In):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


class UserOut(BaseModel):
    username: str
    display_name: str
    role: str
    reviewer_id: str | None


class MeOut(UserOut):
    csrf_token: str | None


class UserIn(_In):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)
    role: Literal["intake", "reviewer", "supervisor", "auditor", "admin"]
    display_name: str | None = None
    reviewer_id: str | None = None


class RoleIn(_In):
    role: Literal["intake", "reviewer", "supervisor", "auditor", "admin"]
    reviewer_id: str | None = Field(default=None, max_length=64)


class TokenIn(_In):
    name: str = Field(min_length=1, max_length=128)


class TokenOut(BaseModel):
    id: int
    name: str
    token: str


class ReviewerOut(BaseModel):
    id: str
    name: str | None = None  # supervisors and administrators only
    degree: str
    board_certification: str
    subspecialty: str | None
    licensed_in: list[str]
    available: bool
    open_cases: int


class HitOut(BaseModel):
    case_number: str
    decision_date: dt.date | None
    position: int
    heading: str
    request: str
    decision: str
    category: str | None
    subcategory: str | None
    guideline: str | None
    specialties: list[str]
    snippet: str


class PublishedItemOut(BaseModel):
    position: int
    heading: str
    decision: str
    category: str | None
    guideline: str | None
    rationale: str | None


class PublishedLetterOut(BaseModel):
    case_number: str
    decision_date: dt.date | None
    layout: str
    specialties: list[str]
    clinical_case_summary: str | None
    items: list[PublishedItemOut]


class RateOut(BaseModel):
    key: str
    items: int
    overturned: int
    overturn_rate: float


class StatsOut(BaseModel):
    letters: int
    items: int
    rates: dict[str, list[RateOut]]
