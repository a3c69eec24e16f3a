"""The structured form of a published Final Determination Letter, as the parser returns it.

Field names follow the letter (case number, dates, reviewer credentials, items) so a person
can hold the JSON beside the PDF and check it. Everything is plain data: no I/O here.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Decision = Literal["upheld", "overturned"]
Layout = Literal["fdl-2013", "fdl-2016", "maximus-notice", "medical-professional-review"]
BasisLevel = Literal["MTUS", "non-MTUS", "none"]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Citation(_M):
    """One guideline cited, normalised: which guideline, where in it, and its level."""

    level: Literal["MTUS", "non-MTUS"]
    source: str  # "ACOEM", "DWC" (the MTUS's own guidelines), "ODG", "other"
    name: str | None = None  # "Low Back Complaints", "Chronic Pain Medical Treatment", "ODG"
    chapter: str | None = None  # ACOEM chapter number ("12") or the ODG chapter ("Low Back")
    year: int | None = None  # edition year as cited ("2004", "2016")
    sections: list[str] = Field(default_factory=list)
    pages: list[str] = Field(default_factory=list)
    text: str  # the clause as written, whitespace-normalised

    @property
    def key(self) -> str:
        """A short grouping label for analytics: 'MTUS Low Back Complaints', 'ODG Pain'."""
        if self.level == "MTUS":
            return f"MTUS {self.name}" if self.name else "MTUS (unnamed part)"
        if self.source == "ODG":
            return f"ODG {self.chapter}" if self.chapter else "ODG"
        if self.source == "ACOEM":
            return "ACOEM (non-MTUS)"
        return "Other non-MTUS"


class GuidelineBasis(_M):
    """A guideline paragraph of an item (the claims administrator's or the reviewer's)."""

    text: str  # as written after the label, whitespace-normalised
    level: BasisLevel  # MTUS if any MTUS part is cited, else non-MTUS, else none cited
    odg: bool = False  # a non-MTUS ODG citation is among the citations
    citations: list[Citation] = Field(default_factory=list)

    @property
    def key(self) -> str:
        """Grouping label of the first citation, or 'None cited'."""
        return self.citations[0].key if self.citations else "None cited"


class Modification(_M):
    """A modified UR decision: what was asked, what UR allowed, and what IMR decided."""

    original_request: str | None = None
    authorized: str | None = None
    portion: str  # the IMR-eligible portion that the decision is about


class LetterItem(_M):
    number: int
    heading: str  # as written (wrapped lines joined), without the trailing ": Decision"
    decision: Decision
    request: str  # the item IMR decided: the eligible portion of a modified request, else heading
    retrospective: bool = False
    associated_surgical_service: bool = False
    claims_administrator_guideline: GuidelineBasis | None = None
    reviewer_guideline: GuidelineBasis | None = None
    reviewer_guideline_label: str | None = None  # "MAXIMUS", "IMRO", ...
    rationale: str | None = None
    modification: Modification | None = None


class Reviewer(_M):
    """What the letter says about the reviewer: credentials, never identity."""

    licensure_states: list[str] = Field(default_factory=list)
    specialties: list[str] = Field(default_factory=list)


class Patient(_M):
    age: int | None = None
    sex: Literal["male", "female"] | None = None


class ParsedLetter(_M):
    case_number: str
    layout: Layout
    date_assigned: dt.date | None = None
    date_of_injury: dt.date | None = None
    decision_date: dt.date | None = None
    ur_denial_date: dt.date | None = None
    application_received: dt.date | None = None
    priority: Literal["standard", "expedited"] | None = None
    reviewer: Reviewer = Field(default_factory=Reviewer)
    clinical_case_summary: str | None = None
    patient: Patient = Field(default_factory=Patient)
    documents_reviewed: list[str] = Field(default_factory=list)
    items: list[LetterItem]
    warnings: list[str] = Field(default_factory=list)  # parsed, but something was odd
    source: str | None = None  # the file it came from
    content_hash: str  # sha256 of the whitespace-normalised letter text

    def counts(self) -> dict[str, int]:
        out = {"upheld": 0, "overturned": 0}
        for item in self.items:
            out[item.decision] += 1
        return out
