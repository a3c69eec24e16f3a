"""Where a case came from: the pages of a packet behind each record, and what intake left for a
person to check. Optional parts of the bundle (``records[].source``, ``intake``), so bundles
written by hand stay valid.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SourcePage(_Strict):
    """One page of a source PDF inside a record's text: where it starts, and how it was read."""

    page: int = Field(ge=1)  # page number in the source file, from 1
    start: int = Field(default=0, ge=0)  # character offset in the record's text
    ocr: bool = False  # read by OCR (no text layer)
    confidence: float | None = Field(default=None, ge=0, le=100)  # mean OCR word confidence


class SourceRef(_Strict):
    """Where a record (or a request) came from: the packet file and its pages.

    Optional, so bundles written by hand stay valid; intake sets it on everything it reads so
    an evidence span can be traced back to the page of the PDF (:meth:`page_at`).
    """

    file: str = Field(min_length=1)
    pages: list[SourcePage] = Field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        """The source page holding character ``offset`` of the record's text."""
        found: int | None = None
        for p in sorted(self.pages, key=lambda p: p.start):
            if p.start <= offset:
                found = p.page
        return found if found is not None else (self.pages[0].page if self.pages else None)

    @property
    def page_numbers(self) -> list[int]:
        return [p.page for p in self.pages]


class IntakeIssue(_Strict):
    """Something intake could not read or classify: listed for the intake clerk, never dropped."""

    kind: Literal["unreadable", "unclassified", "low_confidence", "missing"]
    file: str | None = None
    pages: list[int] = Field(default_factory=list)
    detail: str


class FieldToConfirm(_Strict):
    """A bundle field intake is unsure of: a person confirms it before the case goes on."""

    field: str  # path in the bundle, e.g. "claim.date_of_injury"
    value: str | None = None  # what intake read, as text (None: nothing found)
    reason: str
    file: str | None = None
    page: int | None = None


class IntakeReport(_Strict):
    """What intake did with a packet: its files and pages, and what a person must look at."""

    sources: list[str] = Field(default_factory=list)
    pages: int = 0
    ocr_pages: int = 0
    issues: list[IntakeIssue] = Field(default_factory=list)
    confirm: list[FieldToConfirm] = Field(default_factory=list)
