"""Reading record files (.txt, or .pdf through its text layer) referenced by a bundle."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from openimr.errors import RecordReadError

# pdfminer (under pdfplumber) logs a warning per odd glyph; a record read is not the place.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass
class RecordText:
    """The text of a record file, with pages that had no text layer (they need OCR)."""

    text: str
    pages_without_text: list[int] = field(default_factory=list)


def read_pdf_text(path: Path) -> RecordText:
    """Text layer of every page, pages joined by form feeds; empty pages are reported."""
    import pdfplumber

    try:
        pages: list[str] = []
        empty: list[int] = []
        with pdfplumber.open(path) as pdf:
            for i, page in enumerate(pdf.pages, start=1):
                t = page.extract_text() or ""
                if not t.strip():
                    empty.append(i)
                pages.append(t)
    except Exception as exc:  # pdfminer raises many kinds on a broken file
        raise RecordReadError(f"{path}: not a readable PDF ({exc.__class__.__name__})") from exc
    return RecordText("\n\f\n".join(pages), empty)


def read_record_file(path: Path) -> RecordText:
    """Read a .txt or .pdf record; anything else is refused with the reason."""
    if not path.is_file():
        raise RecordReadError(f"{path}: file not found")
    suffix = path.suffix.lower()
    if suffix == ".txt":
        try:
            return RecordText(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise RecordReadError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    if suffix == ".pdf":
        return read_pdf_text(path)
    raise RecordReadError(f"{path}: unsupported record file type '{suffix}' (use .txt or .pdf)")
