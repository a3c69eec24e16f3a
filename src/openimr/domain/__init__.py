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
from openimr.domain.source import (
    FieldToConfirm,
    IntakeIssue,
    IntakeReport,
    SourcePage,
    SourceRef,
)

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
    "FieldToConfirm",
    "Finding",
    "GuidelineCitation",
    "IntakeIssue",
    "IntakeReport",
    "ItemDecision",
    "PassedTopic",
    "ReviewerNote",
    "TopicChoice",
    "Patient",
    "Record",
    "Request",
    "ReviewerCredentials",
    "ReviewerProfile",
    "SourcePage",
    "SourceRef",
]
