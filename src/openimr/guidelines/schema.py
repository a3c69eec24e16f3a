"""The schema of a guideline topic file. Everything is checked when the file is loaded.

A topic says what it applies to (services, regions, initial/repeat), which edition of which
guideline it comes from and when that edition was in force, its recommendation in our own
words, and criteria that refer to evidence codes. Criteria are trees of conditions:
``finding`` (an evidence code at a scope), ``fact`` (a number about the case), ``request`` (a
property of the structured request), combined with ``any``/``all``/``not``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Level = Literal["MTUS", "ACOEM/ODG", "other guideline"]
Status = Literal[
    "any", "current", "persistent", "new_or_worse", "resolved", "absent", "documented",
    "suspected",
]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Citation(_M):
    level: Level
    guideline: str  # "ACOEM", "ODG", "Chronic Pain Medical Treatment Guidelines"
    chapter: str | None = None
    edition: str | None = None
    section: str | None = None
    pages: str | None = None
    in_header: bool = True  # listed on the letter's guideline line
    # a section IMR letters cite by name only, whose pages are not known to us (never guessed)
    pages_unknown: bool = False
    # a citation of one edition only (e.g. a 2016 section cited beside a 2004 chapter): outside
    # this window it is left off the letter and its lead rules are skipped
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None  # exclusive

    def in_force(self, when: dt.date) -> bool:
        return (self.effective_from is None or self.effective_from <= when) and (
            self.effective_to is None or when < self.effective_to
        )


# "done": any kind of statement but a plan (an evaluation reported, not one requested)
Observation = Literal["subjective", "objective", "test", "plan", "history", "any", "done"]
# Facts and request properties are names in the fact registry (``review/facts.py``): each is
# defined there once, and topics are checked against it when the knowledge base loads.


class Cond(_M):
    """One node of a criterion: a leaf (``finding``, ``fact``, ``request``) or a combinator.

    - ``finding``: an evidence code (or list: any of them) documented at ``region``
      ("request" = the requested body region and its radicular territory, "any", or a
      region name), seen as ``observation``, with time ``status`` (``current``: the most
      recent mention is positive; ``persistent``: positive on two or more dates and still
      positive; ``new_or_worse``: new on the latest record; ``resolved``; ``absent``;
      ``documented``: present now or in the patient's history, e.g. a past GI bleed;
      ``suspected``: present or suspected in a clinical sentence, and not ruled out since:
      a red flag is a clinical suspicion).
    - ``fact``: a number about the case within ``min``/``max``.
    - ``request``: a property of the structured request equal to ``equals``.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    finding: str | list[str] | None = None
    region: str | None = None
    observation: Observation | None = None
    status: Status | None = None
    fact: str | None = None  # a number fact of the registry
    min: float | None = None
    max: float | None = None
    request: str | None = None  # a request property of the registry
    equals: bool = True
    any: list[Cond] | None = None
    all: list[Cond] | None = None
    not_: Cond | None = Field(default=None, alias="not")
    label: str | None = None  # how a rationale names the thing, if not the vocabulary label
    # only findings the records place at a body region count: an unplaced "pain rated 7/10"
    # says nothing about the part a device or a course of treatment is for
    located: bool = False
    # the condition asks for the patient's present symptoms or signs, and a diagnosis it lists
    # is one more way of stating them ("radicular symptoms": radiating pain, numbness or a
    # radiculopathy): an undated background diagnosis of a case summary behind old dated
    # visits does not show them now (review/conditions.py ``background_behind``); and what a
    # treatment in use does is asked of now (a drug's relief recorded years ago is history)
    present_state: bool = False
    # the condition asks what the requested treatment did (a device's trial that helped): a
    # response reported in a sentence that names another treatment, and not the one requested
    # ("a 30 day trial of an interferential unit, with pain reduced" for a TENS purchase), is
    # that treatment's (review/conditions.py ``said_of_request``)
    of_request: bool = False

    @model_validator(mode="after")
    def _one_kind(self) -> Cond:
        kinds = [
            k
            for k in ("finding", "fact", "request", "any", "all", "not_")
            if getattr(self, k) is not None
        ]
        if len(kinds) != 1:
            raise ValueError(
                "a condition needs exactly one of finding, fact, request, any, all, not "
                f"(got {', '.join(kinds) or 'none'})"
            )
        if self.finding is None and (
            self.region or self.observation or self.status or self.located or self.of_request
        ):
            raise ValueError("region/observation/status/located belong to a finding condition")
        if self.fact is None and (self.min is not None or self.max is not None):
            raise ValueError("min/max belong to a fact condition")
        return self

    def facts_named(self) -> list[tuple[str, str]]:
        """(kind, name) of every registry fact this condition and its children use."""
        out: list[tuple[str, str]] = []
        if self.fact is not None:
            out.append(("number", self.fact))
        if self.request is not None:
            out.append(("request", self.request))
        for child in (self.any or []) + (self.all or []) + ([self.not_] if self.not_ else []):
            out += child.facts_named()
        return out

    @property
    def codes(self) -> list[str]:
        """Every evidence code this condition (and its children) refers to."""
        out: list[str] = []
        if self.finding is not None:
            out += [self.finding] if isinstance(self.finding, str) else list(self.finding)
        for child in (self.any or []) + (self.all or []) + ([self.not_] if self.not_ else []):
            out += child.codes
        return out


class Criterion(_M):
    """A criterion in our own words and the condition that tests it against the evidence.

    kind: ``indication`` (at least one indication must be met when the topic has any),
    ``requirement`` (every requirement must be met), ``exclusion`` (if met, the item is not
    medically necessary).
    """

    id: str
    kind: Literal["indication", "requirement", "exclusion"]
    says: str  # the criterion in our own words
    when: Cond
    met: str  # sentence when met; {evidence} is replaced by what the records show
    unmet: str  # sentence when not met; a claim the fact check verifies
    cite: str = "primary"  # key into the topic's citations
    shared: str | None = None  # the shared principle it comes from (guidelines/shared/)
    # a requirement's reason for upholding, when it alone is unmet: the conclusion says it in
    # place of the topic's general one, which may deny what the records show (a repeat study
    # of a deficit the records document)
    because: str | None = None


class AppliesTo(_M):
    services: list[str] = Field(min_length=1)
    regions: list[str] = Field(default_factory=list)  # empty: any region
    repeat: Literal["any", "initial", "repeat"] = "any"
    # Phase of the complaint the topic is written for (registry.case_phase): an ACOEM 2004
    # chapter's advice on initial care is ``acute``; "any" applies in every phase. Where a
    # phase-specific and a general topic of the same level both apply, the specific one wins.
    phase: Literal["any", "acute", "chronic"] = "any"


class Lead(_M):
    """A clinical question that decides which chapter a letter cites first: when ``when``
    holds, citation ``cite`` leads the guideline line (electrodiagnosis of the arm is a neck
    question for a radiculopathy, an elbow question for an ulnar entrapment, a hand question
    for carpal tunnel syndrome)."""

    when: Cond
    cite: str


class Topic(_M):
    id: str
    title: str
    applies_to: AppliesTo
    citations: dict[str, Citation]
    effective_from: dt.date
    effective_to: dt.date | None = None  # exclusive
    recommendation: str  # our own words: what the guideline recommends
    default: Literal["upheld", "overturned"] = "upheld"  # when the criteria say nothing
    criteria: list[Criterion] = Field(default_factory=list)
    conclusion_upheld: str = "the request is not supported by the records reviewed"
    conclusion_overturned: str = "the records meet the guideline's criteria for this request"
    lead: list[Lead] = Field(default_factory=list)  # first match leads the citations

    @model_validator(mode="after")
    def _refs(self) -> Topic:
        if "primary" not in self.citations:
            raise ValueError("citations must include 'primary'")
        for i, lead in enumerate(self.lead):
            if lead.cite not in self.citations:
                raise ValueError(f"lead[{i}] cites unknown citation {lead.cite!r}")
        for c in self.criteria:
            if c.cite not in self.citations:
                raise ValueError(f"criterion {c.id!r} cites unknown citation {c.cite!r}")
        if self.effective_to and self.effective_to <= self.effective_from:
            raise ValueError("effective_to must be after effective_from")
        return self

    @property
    def level(self) -> Level:
        return self.citations["primary"].level

    def in_force(self, when: dt.date) -> bool:
        return self.effective_from <= when and (
            self.effective_to is None or when < self.effective_to
        )
