"""The engine's output per case and per item; the letters render it, the JSON serialises it."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["MTUS", "ACOEM/ODG", "other guideline", "studies", "none"]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GuidelineCitation(_M):
    """Where in the Medical Evidence Search Sequence the recommendation was found."""

    level: Level
    guideline: str  # e.g. "ACOEM", "ODG", "Chronic Pain Medical Treatment Guidelines"
    chapter: str | None = None  # e.g. "Chapter 12 Low Back Complaints"
    edition: str | None = None  # e.g. "2004"
    section: str | None = None
    pages: str | None = None  # e.g. "303-304"

    @property
    def mtus(self) -> bool:
        return self.level == "MTUS"

    @property
    def text(self) -> str:
        """The citation in the register of the seed letters."""
        if self.level == "MTUS":
            parts = ["MTUS", self.guideline]
            if self.chapter:
                parts.append(self.chapter)
            s = " ".join(parts)
            if self.section:
                s += f", Section(s): {self.section}"
            if self.pages:
                s += f" Page(s): {self.pages}"
            return s
        parts = ["Non-MTUS Citation", self.guideline]
        if self.chapter:
            parts.append(self.chapter)
        if self.section:
            parts.append(self.section)
        return ", ".join([parts[0] + " " + parts[1], *parts[2:]])


class EvidenceLink(_M):
    """A span of a record that a rationale relies on."""

    record: str
    start: int
    end: int
    text: str
    finding: str
    assertion: str
    record_date: dt.date | None = None
    # Where the span sits in the packet it was read from (set when the record has a source):
    # the workbench opens the PDF there. Absent for records written by hand.
    file: str | None = None
    page: int | None = None


class CriterionResult(_M):
    """One criterion of the applied recommendation, tested against the evidence."""

    id: str
    description: str  # our own words
    met: bool
    statement: str  # what the records show or lack, in a sentence
    evidence: list[EvidenceLink] = Field(default_factory=list)
    # "not established": the records hold evidence both ways and neither outranks the other
    status: Literal["met", "not met", "not established"] | None = None


NoteKind = Literal[
    "edition",
    "body_part",
    "fact_check",
    "pending_surgery",
    "pending_companion",
    "no_topic",
    "evidence",
    "other",
]


class ReviewerNote(_M):
    """Something the physician reviewer must resolve before signing, and what kind of thing."""

    kind: NoteKind
    text: str


class PassedTopic(_M):
    topic: str
    reason: str


class TopicChoice(_M):
    """Which knowledge-base topic was applied, why, and which others addressed the item and
    were passed over (and why): the Medical Evidence Search Sequence, made visible."""

    topic: str
    reason: str
    passed_over: list[PassedTopic] = Field(default_factory=list)


class ItemDecision(_M):
    id: str
    item: str
    decision: Literal["upheld", "overturned", "undetermined"]
    topic: str | None = None  # knowledge-base topic id applied
    category: str | None = None
    guidelines: list[GuidelineCitation] = Field(default_factory=list)
    claims_administrator_basis: str | None = None
    rationale: str
    criteria: list[CriterionResult] = Field(default_factory=list)
    evidence: list[EvidenceLink] = Field(default_factory=list)
    portion: str | None = None  # for modified UR decisions: the IMR-eligible portion decided
    note: str | None = None  # the reviewer notes as one paragraph (letters print it)
    notes: list[ReviewerNote] = Field(default_factory=list)
    topic_choice: TopicChoice | None = None
    # for an upheld item: what the records would need to show for the guideline to support it
    # (the unmet criteria in plain words), the requesting physician's checklist
    needed: list[str] = Field(default_factory=list)
    course: str | None = None  # initial, repeat, extension or remainder (the routed item's)
    # the fact check of the rationale: claims about the records it checked, and rewrote
    # because a record contradicted them
    claims_checked: int = 0
    claims_rewritten: int = 0

    @property
    def guideline_text(self) -> str:
        if not self.guidelines:
            return "None cited"
        return "; ".join(g.text for g in self.guidelines)


class ReviewerCredentials(_M):
    """What the letter may say about the reviewer: credentials, never identity."""

    board_certification: str
    subspecialty: str | None = None
    licensed_in: list[str]


class AdditionalReviewer(ReviewerCredentials):
    """A further reviewer of a split case (credentials only) and the items they decided."""

    items: list[str] = Field(min_length=1)  # request ids


class Determination(_M):
    case_number: str
    decision_date: dt.date
    date_assigned: dt.date | None = None
    date_of_injury: dt.date
    ur_denial_date: dt.date
    application_received: dt.date | None = None
    priority: Literal["standard", "expedited"] = "standard"
    reviewer: ReviewerCredentials  # the primary reviewer: the one deciding the most items
    # A split case (no one qualified reviewer fit for every item): the others, each with the
    # items they decide; the primary reviewer decides the rest. Empty for a single reviewer.
    additional_reviewers: list[AdditionalReviewer] = Field(default_factory=list)
    clinical_case_summary: str
    items: list[ItemDecision]
    status: Literal["draft", "signed"] = "draft"
