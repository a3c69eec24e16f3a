"""Records with the evidence spans the draft relies on, cut into plain and marked pieces."""

from __future__ import annotations

import re
from dataclasses import dataclass

from openimr.domain.bundle import Record
from openimr.domain.determination import Determination, EvidenceLink


@dataclass(frozen=True)
class Piece:
    text: str
    anchor: str | None = None  # the id of a marked span
    label: str | None = None  # finding and assertion


def anchor_of(link: EvidenceLink) -> str:
    rec = re.sub(r"[^A-Za-z0-9_-]", "_", link.record)
    return f"ev-{rec}-{link.start}-{link.end}"


def links_of(det: Determination | None) -> list[EvidenceLink]:
    if det is None:
        return []
    out: list[EvidenceLink] = []
    for it in det.items:
        out.extend(it.evidence)
        for c in it.criteria:
            out.extend(c.evidence)
    return out


def pieces(record: Record, links: list[EvidenceLink]) -> list[Piece]:
    text = record.text or ""
    spans = sorted(
        {
            (e.start, e.end, e.finding, e.assertion, anchor_of(e))
            for e in links
            if e.record == record.id and 0 <= e.start < e.end <= len(text)
        }
    )
    out: list[Piece] = []
    pos = 0
    for start, end, finding, assertion, anchor in spans:
        if start < pos:
            continue  # overlapping span: the first one is marked
        if start > pos:
            out.append(Piece(text[pos:start]))
        out.append(Piece(text[start:end], anchor, f"{finding} ({assertion})"))
        pos = end
    if pos < len(text):
        out.append(Piece(text[pos:]))
    return out
