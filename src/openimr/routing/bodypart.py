"""The body part of a request that does not name one, read from the case's records.

The MTUS chapters of ACOEM are organised by body part, so a request for "electrical
stimulation times 6" or "spinal manipulation" cannot be matched to its chapter until the body
part is known. A physician reads it as being for the part the records are about; this module
does the same, and the engine says so in a note the reviewer must confirm.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from openimr.intake.requests import StructuredRequest
from openimr.intake.vocabulary import (
    kind_regions,
    reads_unnamed_body_part,
    unnamed_region_kinds,
)

if TYPE_CHECKING:
    from openimr.evidence import EvidenceSet

@dataclass(frozen=True)
class Reading:
    """A body part read into a request: the region, and why, for the reviewer's note."""

    region: str
    reason: str


def documented_regions(evidence: EvidenceSet) -> Counter[str]:
    """How many affirmed findings the records place in each anatomical region (a summary's
    findings repeated from older reports count: they are still about this case). The regions
    an ACOEM chapter is written for are those the kinds of body part name (regions.yaml)."""
    anatomical = set(kind_regions())
    return Counter(
        f.region for f in evidence.findings if f.region in anatomical and f.assertion == "present"
    )


def _most_documented(choices: list[str], counts: Counter[str]) -> str | None:
    best = max(choices, key=lambda r: (counts[r], -choices.index(r)))
    return best if counts[best] else None


def read_body_part(req: StructuredRequest, evidence: EvidenceSet, *, acute: bool) -> Reading | None:
    """The region a request means but does not name, or None.

    A word for a kind of body part ("spine", "joint") is read as the region of that kind the
    records document most; a bare spine (or myelogram) with no level documented is the lumbar
    spine. In the acute phase, when the ACOEM chapter depends on it, a request naming no body
    part at all
    is read as the region the records document most, if it is for a service of a visit's
    treatment plan (a modality, therapy, a brace: regions.yaml ``read_unnamed_for``); later,
    only for a service whose guideline still depends on the body part (manipulation, which the
    CPMTG does not recommend for the knee, ankle, foot, wrist or hand).
    """
    kinds = unnamed_region_kinds(req.decided_text)
    unnamed = not kinds and not req.regions and reads_unnamed_body_part(req.service, acute)
    if not kinds and not unnamed:
        return None  # most items: nothing to read, so the findings are not counted
    counts = documented_regions(evidence)
    for kind, regions in kinds:
        found = _most_documented(regions, counts)
        if found:
            return Reading(
                found,
                f'the request\'s "{kind}" is read as the {found}, '
                "the one the records document most",
            )
        if kind in ("spine", "myelogram"):
            return Reading(
                regions[0],
                f'the request\'s "{kind}" is read as the {regions[0]}, as no level is documented',
            )
    if unnamed:
        found = _most_documented(kind_regions(), counts)
        if found:
            return Reading(
                found,
                f"the request names no body part and is read as for the {found}, "
                "the body part the records document most",
            )
    return None
