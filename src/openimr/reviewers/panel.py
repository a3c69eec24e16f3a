"""The reviewer panel: a YAML file of reviewer profiles (``openimr-panel/1``).

Every specialty a reviewer holds must be one the specialty map knows, so a typo in the panel
fails when the panel is loaded, not silently at selection time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from openimr.datafiles import load_model
from openimr.domain.reviewer import ReviewerProfile
from openimr.errors import DataFileError
from openimr.reviewers.specialties import SpecialtyMatcher, default_matcher

DEFAULT_PANEL = Path(__file__).parent / "data" / "panel.yaml"


class Panel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["openimr-panel/1"]
    description: str | None = None
    reviewers: list[ReviewerProfile] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Panel:
        seen: dict[str, int] = {}
        for i, r in enumerate(self.reviewers):
            if r.id in seen:
                raise ValueError(f"reviewers[{i}].id: '{r.id}' repeats reviewers[{seen[r.id]}].id")
            seen[r.id] = i
        return self

    def get(self, reviewer_id: str) -> ReviewerProfile:
        for r in self.reviewers:
            if r.id == reviewer_id:
                return r
        raise KeyError(reviewer_id)


def check_specialties(panel: Panel, matcher: SpecialtyMatcher, source: str) -> None:
    """Refuse a panel that names a specialty the map does not know (with a did-you-mean)."""
    for i, r in enumerate(panel.reviewers):
        fields = [("board_certification", r.board_certification)]
        fields += [(f"board_certifications[{j}]", c) for j, c in enumerate(r.board_certifications)]
        if r.subspecialty:
            fields.append(("subspecialty", r.subspecialty))
        fields += [(f"subspecialties[{j}]", c) for j, c in enumerate(r.subspecialties)]
        for name, value in fields:
            matcher.require(value, f"{source}: reviewers[{i}].{name}")
        for state in r.license_standing:
            if state not in r.licensed_in:
                raise DataFileError(
                    f"{source}: reviewers[{i}].license_standing.{state}: "
                    f"not one of licensed_in ({', '.join(r.licensed_in)})"
                )


# (file, mtime, size, matcher) -> (panel, matcher): the matcher is kept so its id stays its own.
_LOADED: dict[tuple[str, int, int, int], tuple[Panel, SpecialtyMatcher]] = {}


def load_panel(path: Path | str | None = None, matcher: SpecialtyMatcher | None = None) -> Panel:
    """Load a reviewer panel (default: the packaged fictional panel) and check its specialties.

    Read and checked once per process while the file is unchanged (same size and modification
    time): deciding many cases does not re-read it for each. Treat the panel as read-only.
    """
    p = Path(path) if path is not None else DEFAULT_PANEL
    m = matcher or default_matcher()
    try:
        st = p.stat()
        key: tuple[str, int, int, int] | None = (
            str(p.resolve()),
            st.st_mtime_ns,
            st.st_size,
            id(m),
        )
    except OSError:
        key = None  # load_model reports the missing file
    if key is not None and key in _LOADED:
        return _LOADED[key][0]
    panel = load_model(Panel, p)
    check_specialties(panel, m, str(p))
    if key is not None:
        if len(_LOADED) > 16:
            _LOADED.clear()
        _LOADED[key] = (panel, m)
    return panel
