"""A physician reviewer's profile: what selection and the letter need, never the name in a letter."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ReviewerProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str | None = None  # kept inside the IMRO only; never rendered (LC 4610.6(f))
    degree: str = "MD"
    board_certification: str
    subspecialty: str | None = None
    licensed_in: list[str] = Field(min_length=1)
    license_in_good_standing: bool = True
    years_in_practice: int = Field(ge=0)
    hours_per_week: int = Field(ge=0)
    affiliations: list[str] = Field(default_factory=list)
    open_cases: int = 0
    available: bool = True
