"""Reviewer selection: the panel, specialty fit, conflict checks and workload balancing.

from openimr.reviewers import select_reviewer
sel = select_reviewer(bundle)          # packaged fictional panel
sel.reviewer, sel.explanation, sel.excluded, sel.credentials()
"""

from openimr.reviewers.conflicts import Conflict, conflicts, same_party
from openimr.reviewers.panel import DEFAULT_PANEL, Panel, load_panel
from openimr.reviewers.selection import (
    ReviewerSelection,
    credentials_for,
    disqualifications,
    select_reviewer,
)
from openimr.reviewers.specialties import (
    CaseFit,
    ItemFit,
    SpecialtyMatcher,
    default_matcher,
    load_specialty_map,
)

__all__ = [
    "DEFAULT_PANEL",
    "CaseFit",
    "Conflict",
    "ItemFit",
    "Panel",
    "ReviewerSelection",
    "SpecialtyMatcher",
    "conflicts",
    "credentials_for",
    "default_matcher",
    "disqualifications",
    "load_panel",
    "load_specialty_map",
    "same_party",
    "select_reviewer",
]
