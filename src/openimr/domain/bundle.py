"""The case bundle (``openimr-case/1``): the engine's input contract.

See shared/spec/case-bundle.md; field names are fixed, new optional fields may be added.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from openimr.domain.source import IntakeReport, SourceRef

Decision = Literal["upheld", "overturned"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Dates(_Strict):
    application_received: dt.date | None = None
    assigned: dt.date | None = None
    ur_denial: dt.date
    records_received: dt.date | None = None
    decision: dt.date | None = None


class Patient(_Strict):
    age: int | None = Field(default=None, ge=0, le=120)
    date_of_birth: dt.date | None = None
    sex: Literal["male", "female", "unknown"] = "unknown"

    def age_on(self, when: dt.date | None) -> int | None:
        """Age in whole years on ``when`` (falls back to the stated age)."""
        if self.date_of_birth and when:
            b = self.date_of_birth
            return when.year - b.year - ((when.month, when.day) < (b.month, b.day))
        return self.age


class Claim(_Strict):
    date_of_injury: dt.date
    body_parts: list[str] = Field(default_factory=list)
    employer: str | None = None
    claims_administrator: str | None = None
    providers: list[str] = Field(default_factory=list)


class Record(_Strict):
    id: str = Field(min_length=1)
    date: dt.date | None = None
    kind: str = "progress report"
    author: str | None = None
    text: str | None = None
    file: str | None = None
    source: SourceRef | None = None  # the packet file and pages it was read from (intake)

    @model_validator(mode="after")
    def _text_or_file(self) -> Record:
        if (self.text is None) == (self.file is None):
            raise ValueError("give exactly one of 'text' or 'file'")
        return self


class ExpectedGuideline(_Strict):
    text: str
    level: str | None = None


class Expected(_Strict):
    decision: Decision
    guideline: str | None = None


class Request(_Strict):
    id: str = Field(min_length=1)
    item: str = Field(min_length=1)
    ur_decision: Literal["denied", "modified"] = "denied"
    ur_basis: str | None = None
    ur_authorized: str | None = None  # for a modified decision: the part UR authorised
    expected: Expected | None = None
    source: SourceRef | None = None  # where intake read the item (UR letter, application)


class PriorIMR(_Strict):
    """An earlier IMR on this claim: the same request decided again is not eligible."""

    case_number: str = Field(min_length=1)
    decided: dt.date | None = None
    requests: list[str] = Field(default_factory=list)  # ids of this bundle's requests; [] = all


class Application(_Strict):
    """The IMR application (DWC Form IMR) as filed: what the eligibility screen checks.

    Every field is optional so older bundles stay valid; a fact left out is reported by the
    screen as unknown, never assumed.
    """

    signed: bool | None = None  # signed by the employee or a representative
    signed_by: Literal["employee", "representative"] | None = None
    signature_date: dt.date | None = None
    received: dt.datetime | dt.date | None = None  # filed; with a time, the 5:30 pm rule applies
    filing_method: Literal["mail", "fax", "email", "online", "personal"] | None = None
    ur_served: dt.date | None = None  # service of the UR decision (default: dates.ur_denial)
    ur_service_method: Literal["mail", "electronic", "personal"] | None = None
    ur_letter_attached: bool | None = None  # the UR decision letter came with the application
    ur_conditional_noncertification: bool | None = None  # UR "conditionally non-certified"
    dispute: Literal["treatment", "liability"] | None = None
    liability_issue: str | None = None  # a non-medical liability defence that defers IMR
    formulary_dispute: bool = False  # an MTUS Drug Formulary dispute (5 working days)
    prior_imr: list[PriorIMR] = Field(default_factory=list)


class CaseBundle(_Strict):
    format: Literal["openimr-case/1"]
    case_number: str = Field(min_length=1)
    priority: Literal["standard", "expedited"] = "standard"
    dates: Dates
    patient: Patient = Field(default_factory=Patient)
    claim: Claim
    records: list[Record] = Field(default_factory=list)
    requests: list[Request] = Field(min_length=1)
    application: Application | None = None
    intake: IntakeReport | None = None  # set by packet/FHIR intake; absent in hand-written ones

    # Where the bundle was read from; set by the loader, never part of the contract.
    source_path: str | None = Field(default=None, exclude=True)

    def record(self, record_id: str) -> Record:
        for r in self.records:
            if r.id == record_id:
                return r
        raise KeyError(record_id)

    def record_text(self, record_id: str) -> str:
        """The text of a record; the loader has already resolved ``file`` records into text."""
        r = self.record(record_id)
        return r.text or ""
