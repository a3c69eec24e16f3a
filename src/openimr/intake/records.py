"""Reading record files (.txt, or .pdf through its text layer) referenced by a bundle.

A record's ``file:`` is a path relative to the bundle's folder and must stay inside it:
an absolute path, a ``..`` step or a symbolic link that leads outside is refused before
anything is opened, and so is anything that is not a regular file (a directory, a FIFO, a
device). Sizes are bounded and the limit is named when it is passed.
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from openimr.datafiles import special_file_kind
from openimr.domain.sanity import relative_path_problem
from openimr.errors import RecordReadError

# pdfminer (under pdfplumber) logs a warning per odd glyph; a record read is not the place.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

MAX_TEXT_BYTES = 20_000_000  # 20 MB of text in one record file
MAX_PDF_BYTES = 100_000_000  # 100 MB
MAX_PDF_PAGES = 2000


@dataclass
class RecordText:
    """The text of a record file, with pages that had no text layer (they need OCR)."""

    text: str
    pages_without_text: list[int] = field(default_factory=list)


def resolve_record_file(base: Path, name: str) -> Path:
    """The record file ``name`` inside the folder ``base``; refuse anything outside it."""
    problem = relative_path_problem(name)
    if problem:
        raise RecordReadError(f"{name}: {problem}")
    folder = base.resolve()
    target = (folder / name).resolve()
    if not target.is_relative_to(folder):
        raise RecordReadError(
            f"{name}: {name!r} leads outside the bundle's folder (through a symbolic link); "
            "record files must be inside it"
        )
    return target


def _check_regular(path: Path, limit: int) -> None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise RecordReadError(f"{path}: file not found") from None
    except OSError as exc:
        raise RecordReadError(f"{path}: cannot read ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise RecordReadError(f"{path}: is a directory, not a record file")
    if not stat.S_ISREG(st.st_mode):
        raise RecordReadError(f"{path}: is {special_file_kind(st.st_mode)}, not a record file")
    if st.st_size > limit:
        raise RecordReadError(f"{path}: is {st.st_size:,} bytes; the limit is {limit:,} bytes")


def read_pdf_text(path: Path) -> RecordText:
    """Text layer of every page, pages joined by form feeds; empty pages are reported."""
    import pdfplumber

    _check_regular(path, MAX_PDF_BYTES)
    try:
        pages: list[str] = []
        empty: list[int] = []
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise RecordReadError(
                    f"{path}: has {len(pdf.pages)} pages; the limit is {MAX_PDF_PAGES}"
                )
            for i, page in enumerate(pdf.pages, start=1):
                t = page.extract_text() or ""
                if not t.strip():
                    empty.append(i)
                pages.append(t)
    except RecordReadError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a broken file
        if _encrypted(exc, path):
            raise RecordReadError(
                f"{path}: the PDF is encrypted (password-protected); give a decrypted copy"
            ) from None
        raise RecordReadError(f"{path}: not a readable PDF ({exc.__class__.__name__})") from None
    return RecordText("\n\f\n".join(pages), empty)


def _encrypted(exc: Exception, path: Path) -> bool:
    name = exc.__class__.__name__.lower()
    if "password" in name or "encrypt" in name or "encrypt" in str(exc).lower():
        return True
    try:
        with path.open("rb") as fh:
            head = fh.read(4_000_000)
        return b"/Encrypt" in head
    except OSError:
        return False


def read_record_file(path: Path) -> RecordText:
    """Read a .txt or .pdf record; anything else is refused with the reason."""
    suffix = path.suffix.lower()
    _check_regular(path, MAX_PDF_BYTES if suffix == ".pdf" else MAX_TEXT_BYTES)
    if suffix == ".txt":
        try:
            return RecordText(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise RecordReadError(f"{path}: not UTF-8 text (byte {exc.start})") from None
        except OSError as exc:
            raise RecordReadError(f"{path}: cannot read ({exc.strerror})") from None
    if suffix == ".pdf":
        return read_pdf_text(path)
    raise RecordReadError(f"{path}: unsupported record file type '{suffix}' (use .txt or .pdf)")
