"""A physician reviewer's profile: what selection and the letter need; never a name in a letter."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict

from openimr.domain.sanity import as_whole_number

LicenseStanding = Literal["good", "probation", "suspended", "revoked", "inactive", "expired"]
AffiliationKind = Literal[
    "employer",
    "insurer",
    "claims administrator",
    "medical group",
    "facility",
    "manufacturer",
    "provider",
    "other",
]


class Affiliation(BaseModel):
    """A tie of the reviewer to an organisation or a physician (conflict-of-interest checks)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    kind: AffiliationKind = "other"


# a count (years, hours, cases): `true` or 12.5 in a panel file is a mistake, not a number
Whole = Annotated[int, BeforeValidator(as_whole_number)]
Flag = Annotated[bool, Strict()]


class ReviewerProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str | None = None  # kept inside the IMRO only; never rendered (LC 4610.6(f))
    degree: str = "MD"
    board_certification: str
    subspecialty: str | None = None
    licensed_in: list[str] = Field(min_length=1)
    license_in_good_standing: Flag = True
    years_in_practice: Whole = Field(ge=0, le=80)
    hours_per_week: Whole = Field(ge=0, le=168)
    affiliations: list[str] = Field(default_factory=list)
    open_cases: Whole = Field(default=0, ge=0)
    available: Flag = True
    # Optional detail (all default to "nothing more to say"):
    board_certifications: list[str] = Field(default_factory=list)  # besides the main one
    subspecialties: list[str] = Field(default_factory=list)  # besides ``subspecialty``
    license_standing: dict[str, LicenseStanding] = Field(default_factory=dict)  # state -> standing
    sanctions: list[str] = Field(default_factory=list)  # discipline or sanctions on record
    affiliated_with: list[Affiliation] = Field(default_factory=list)  # typed ``affiliations``
    unavailable_until: dt.date | None = None  # on leave until this date (inclusive)

    def certifications(self) -> list[str]:
        """Every board certification and subspecialty the reviewer holds, main one first."""
        out = [self.board_certification, *self.board_certifications]
        if self.subspecialty:
            out.append(self.subspecialty)
        out.extend(self.subspecialties)
        return out

    def standing_in(self, state: str) -> LicenseStanding:
        """Licence standing in ``state``; unlisted states follow ``license_in_good_standing``."""
        if state in self.license_standing:
            return self.license_standing[state]
        return "good" if self.license_in_good_standing else "inactive"

    def good_standing_states(self) -> list[str]:
        """States where the reviewer holds a licence in good standing."""
        return [s for s in self.licensed_in if self.standing_in(s) == "good"]

    def all_affiliations(self) -> list[Affiliation]:
        """Untyped ``affiliations`` (kind "other") and typed ``affiliated_with`` together."""
        return [Affiliation(name=a) for a in self.affiliations] + list(self.affiliated_with)

    def is_available(self, on: dt.date) -> bool:
        return self.available and (self.unavailable_until is None or on > self.unavailable_until)
