"""Pydantic models of the IMR domain: no I/O here, so every stage can share them."""

from openimr.domain.bundle import (
    CaseBundle,
    Claim,
    Dates,
    Expected,
    Patient,
    Record,
    Request,
)
from openimr.domain.determination import (
    AdditionalReviewer,
    CriterionResult,
    Determination,
    EvidenceLink,
    GuidelineCitation,
    ItemDecision,
    PassedTopic,
    ReviewerCredentials,
    ReviewerNote,
    TopicChoice,
)
from openimr.domain.finding import Assertion, Finding
from openimr.domain.reviewer import ReviewerProfile

__all__ = [
    "AdditionalReviewer",
    "Assertion",
    "CaseBundle",
    "Claim",
    "CriterionResult",
    "Dates",
    "Determination",
    "EvidenceLink",
    "Expected",
    "Finding",
    "GuidelineCitation",
    "ItemDecision",
    "PassedTopic",
    "ReviewerNote",
    "TopicChoice",
    "Patient",
    "Record",
    "Request",
    "ReviewerCredentials",
    "ReviewerProfile",
]
