"""A clinical finding located in a record: what the evidence stage gives the review stage."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

Assertion = Literal["present", "negated", "possible", "historical", "hypothetical", "other"]
Laterality = Literal["left", "right", "bilateral"]
Observation = Literal["subjective", "objective", "test", "plan", "history", "unknown"]
Change = Literal["improved", "worsened", "unchanged", "resolved", "no_benefit"]
# What the sentence is: clinical narrative (history, examination, tests, assessment), a plan or
# request, or an administrative act (a UR decision, an authorization): only clinical sentences
# give positive clinical evidence.
Role = Literal["clinical", "plan", "administrative"]


class Finding(BaseModel):
    """One mention of a vocabulary concept, with its place in the record and its assertion."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str  # stable vocabulary code, e.g. "neuro.sensory_deficit"
    label: str  # human name, e.g. "sensory deficit"
    record_id: str
    start: int  # character offsets into the record text
    end: int
    text: str  # the matched span
    sentence: str = ""
    record_date: dt.date | None = None
    text_date: dt.date | None = None  # a date written in the sentence, if any
    # "year": the sentence gives only the year ("in 2015"); text_date is then the latest day
    # the event can have been (the year's last day, or the record's date if earlier)
    date_precision: Literal["day", "year"] = "day"
    region: str | None = None  # body region, e.g. "lumbar spine", "lower extremity"
    laterality: Laterality | None = None
    assertion: Assertion = "present"
    observation: Observation = "unknown"  # complaint vs examination vs test result
    quoted: bool = False  # repeated from an older report rather than found now
    section: str | None = None
    value: str | None = None  # a parsed quantity when the concept carries one
    change: Change | None = None  # change over time written in the sentence ("improved")
    role: Role = "clinical"

    @property
    def is_evidence(self) -> bool:
        """Whether a positive mention may count as the patient's evidence: not a finding named
        in a UR decision, an authorization or a request."""
        return self.role != "administrative"

    @property
    def when(self) -> dt.date | None:
        return self.text_date or self.record_date

    @property
    def is_present(self) -> bool:
        return self.assertion == "present"
