"""The case bundle (``openimr-case/1``): the engine's input contract.

See shared/spec/case-bundle.md; field names are fixed, new optional fields may be added.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, model_validator

from openimr.domain.sanity import (
    CASE_NUMBER_HELP,
    as_date,
    as_date_or_datetime,
    as_whole_number,
    check_case_number,
    check_identifier,
    check_line,
    check_relative_path,
    impossible_values,
)
from openimr.domain.source import IntakeReport, SourceRef

Decision = Literal["upheld", "overturned"]

# A calendar date: a real date or a 'YYYY-MM-DD' string; never a number, a boolean or a
# date with a time of day (YAML reads `0` as a number and pydantic would make it 1970-01-01).
Day = Annotated[dt.date, BeforeValidator(as_date)]
Moment = Annotated[dt.datetime | dt.date, BeforeValidator(as_date_or_datetime)]
# An identifier printed in headers and file names: one line, no control or bidi characters.
Ident = Annotated[str, BeforeValidator(check_identifier)]
CaseNumber = Annotated[str, BeforeValidator(check_case_number)]
# A short free-text field shown on one line of the letter (an item, a name, a kind).
Line = Annotated[str, BeforeValidator(check_line)]
# true or false only: `1`, "yes" or "no" in a legal field is a mistake, not a boolean
Flag = Annotated[bool, Strict()]
__all__ = ["CASE_NUMBER_HELP", "CaseBundle", "Day"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Dates(_Strict):
    application_received: Day | None = None
    assigned: Day | None = None
    ur_denial: Day
    records_received: Day | None = None
    decision: Day | None = None


class Patient(_Strict):
    age: Annotated[int, BeforeValidator(as_whole_number)] | None = Field(
        default=None, ge=0, le=120
    )
    date_of_birth: Day | None = None
    sex: Literal["male", "female", "unknown"] = "unknown"

    def age_on(self, when: dt.date | None) -> int | None:
        """Age in whole years on ``when`` (falls back to the stated age)."""
        if self.date_of_birth and when:
            b = self.date_of_birth
            return when.year - b.year - ((when.month, when.day) < (b.month, b.day))
        return self.age


class Claim(_Strict):
    date_of_injury: Day
    body_parts: list[Line] = Field(default_factory=list)
    employer: Line | None = None
    claims_administrator: Line | None = None
    providers: list[Line] = Field(default_factory=list)


_UR_KIND = re.compile(r"\b(ur|utilization review)\b", re.I)


class Record(_Strict):
    id: Ident = Field(min_length=1)
    date: Day | None = None
    kind: Line = "progress report"
    author: Line | None = None
    text: str | None = None
    file: Annotated[str, BeforeValidator(check_relative_path)] | None = None
    source: SourceRef | None = None  # the packet file and pages it was read from (intake)

    @model_validator(mode="after")
    def _text_or_file(self) -> Record:
        if (self.text is None) == (self.file is None):
            raise ValueError("give exactly one of 'text' or 'file'")
        return self

    @property
    def is_utilization_review(self) -> bool:
        """A UR decision (letter or note), by its kind: administrative, not an examination.
        The one definition eligibility, the summary and the rationale use."""
        return bool(_UR_KIND.search(self.kind))


class ExpectedGuideline(_Strict):
    text: str
    level: str | None = None


class Expected(_Strict):
    decision: Decision
    guideline: str | None = None


class Request(_Strict):
    id: Ident = Field(min_length=1)
    item: Line = Field(min_length=1)
    ur_decision: Literal["denied", "modified"] = "denied"
    ur_basis: Line | None = None
    ur_authorized: Line | None = None  # for a modified decision: the part UR authorised
    expected: Expected | None = None
    source: SourceRef | None = None  # where intake read the item (UR letter, application)


class PriorIMR(_Strict):
    """An earlier IMR on this claim: the same request decided again is not eligible."""

    case_number: CaseNumber = Field(min_length=1)
    decided: Day | None = None
    requests: list[str] = Field(default_factory=list)  # ids of this bundle's requests; [] = all


class Application(_Strict):
    """The IMR application (DWC Form IMR) as filed: what the eligibility screen checks.

    Every field is optional so older bundles stay valid; a fact left out is reported by the
    screen as unknown, never assumed.
    """

    signed: Flag | None = None  # signed by the employee or a representative
    signed_by: Literal["employee", "representative"] | None = None
    signature_date: Day | None = None
    received: Moment | None = None  # filed; with a time, the 5:30 pm rule applies
    filing_method: Literal["mail", "fax", "email", "online", "personal"] | None = None
    ur_served: Day | None = None  # service of the UR decision (default: dates.ur_denial)
    ur_service_method: Literal["mail", "electronic", "personal"] | None = None
    ur_letter_attached: Flag | None = None  # the UR decision letter came with the application
    ur_conditional_noncertification: Flag | None = None  # UR "conditionally non-certified"
    dispute: Literal["treatment", "liability"] | None = None
    liability_issue: str | None = None  # a non-medical liability defence that defers IMR
    formulary_dispute: Flag = False  # an MTUS Drug Formulary dispute (5 working days)
    prior_imr: list[PriorIMR] = Field(default_factory=list)


class CaseBundle(_Strict):
    format: Literal["openimr-case/1"]
    case_number: CaseNumber = Field(min_length=1)
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

    @model_validator(mode="after")
    def _possible(self) -> CaseBundle:
        # "field: problem" - the loader splits the field path back out of the message
        for field, problem in impossible_values(self):
            raise ValueError(f"{field}: {problem}")
        return self

    def record(self, record_id: str) -> Record:
        for r in self.records:
            if r.id == record_id:
                return r
        raise KeyError(record_id)

    def record_text(self, record_id: str) -> str:
        """The text of a record; the loader has already resolved ``file`` records into text."""
        r = self.record(record_id)
        return r.text or ""
