"""From a letter file to clean text, and from text to paragraphs.

PDF text comes from pdfium (pypdfium2, pdftext.py) by default: on the published letters it is
about five times faster than pypdf, which is about three times faster than pdfplumber; pypdf
and pdftext.py keep the blank lines between paragraphs that the layout relies on (pdfplumber
drops them). Pages are joined with a form feed so the paragraph builder knows
where a page ended: a sentence cut by a page break is joined again, a heading or label that
starts a new page starts a new paragraph.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from openimr.errors import LetterParseError

logging.getLogger("pdfminer").setLevel(logging.ERROR)
logging.getLogger("pypdf").setLevel(logging.ERROR)

PdfEngine = Literal["pdfium", "pypdf", "pdfplumber"]
PAGE_BREAK = "\f"

_REPLACE = {
    "\u00a0": " ",  # no-break space
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
    "\ufeff": "",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\u2010": "-",
    "\u2011": "-",
    "\t": " ",
    "\r": "",
}
_REPLACE_RE = re.compile("|".join(map(re.escape, _REPLACE)))
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def extract_pdf_text(path: Path, engine: PdfEngine = "pdfium") -> str:
    """The text layer of every page, pages separated by form feeds."""
    pages: list[str] = []
    try:
        if engine == "pdfium":
            from openimr.letters_in.pdftext import pdfium_pages

            pages = pdfium_pages(path)
        elif engine == "pdfplumber":
            import pdfplumber

            with pdfplumber.open(path) as pdf:
                pages = [p.extract_text() or "" for p in pdf.pages]
        else:
            import pypdf

            reader = pypdf.PdfReader(path)
            pages = [p.extract_text() or "" for p in reader.pages]
    except Exception as exc:  # both libraries raise many kinds on a damaged file
        raise LetterParseError(
            f"{path}: not a readable PDF ({exc.__class__.__name__}: {str(exc)[:80]})"
        ) from None
    if not any(p.strip() for p in pages):
        raise LetterParseError(f"{path}: the PDF has no text layer (scanned image? needs OCR)")
    return ("\n" + PAGE_BREAK + "\n").join(pages)


def read_letter_text(path: Path, engine: PdfEngine = "pdfium") -> str:
    """Read a letter file: .pdf through its text layer, anything else as UTF-8 text."""
    if not path.is_file():
        from openimr.datafiles import special_file_kind

        try:
            kind = special_file_kind(path.stat().st_mode)
        except OSError:
            raise LetterParseError(f"{path}: file not found") from None
        raise LetterParseError(f"{path}: is {kind}, not a letter file")
    if path.suffix.lower() == ".pdf":
        return extract_pdf_text(path, engine)
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        return extract_pdf_text(path, engine)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LetterParseError(f"{path}: not UTF-8 text (byte {exc.start}) and not a PDF") from None


def normalise(text: str) -> str:
    """Unify line ends and odd spaces; keep form feeds (page breaks) and line structure."""
    text = _REPLACE_RE.sub(lambda m: _REPLACE[m.group(0)], text)
    text = _CONTROL_RE.sub(" ", text)
    lines = [re.sub(r" {2,}", " ", ln).strip(" ") for ln in text.split("\n")]
    return "\n".join(lines)


def squash(text: str) -> str:
    """Whitespace-normalised text: the basis of hashes and comparisons."""
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """sha256 of the whitespace-normalised text (a letter's identity for idempotent ingest)."""
    return hashlib.sha256(squash(text).encode("utf-8")).hexdigest()


@dataclass
class Paragraph:
    text: str  # lines joined with single spaces
    lines: list[str]
    page: int


_TERMINAL = (".", "?", "!", '."', ".'", ".\u201d", ".)")


def ends_sentence(line: str) -> bool:
    s = line.rstrip()
    return s.endswith(_TERMINAL) or bool(re.search(r"medically\s+necessary$", s, re.I))


def build_paragraphs(
    text: str,
    is_marker: re.Pattern[str],
    blank_mode: bool | None = None,
) -> list[Paragraph]:
    """Split normalised text into paragraphs.

    ``is_marker`` matches lines that always start a paragraph (section headings, labels).
    In blank-line mode (the usual pypdf text) a blank line ends a paragraph; otherwise a line
    after one that ends a sentence starts a new paragraph when it begins with a capital.
    A page break (with any blank padding around it) ends a paragraph only if the text before
    it ends a sentence, so a rationale or heading cut by a page break is joined again.
    """
    events = _events(text)
    if blank_mode is None:
        blank_mode = _uses_blank_lines(events)
    paras: list[Paragraph] = []
    cur: list[str] = []
    cur_page = 0
    page = 0
    gap: str | None = None  # what separates this line from the previous one

    for kind, line in events:
        if kind == "page":
            page += 1
            gap = "page"
            continue
        if kind == "blank":
            # Two blank lines in a row is how a page break looks in text saved from a PDF.
            gap = "page" if gap in ("blank", "page") else "blank"
            continue
        starts_new = not cur or bool(is_marker.match(line))
        if not starts_new:
            prev = cur[-1]
            if _is_heading_line(prev) and is_marker.match(prev):
                starts_new = True
            elif gap == "page":
                starts_new = ends_sentence(prev) or _is_heading_line(prev)
            elif gap == "blank":
                starts_new = blank_mode or ends_sentence(prev)
            elif not blank_mode:
                starts_new = ends_sentence(prev) and bool(_CAPITAL_START.match(line))
        if starts_new and cur:
            paras.append(Paragraph(" ".join(cur), cur, cur_page))
            cur = []
        if not cur:
            cur_page = page
        cur.append(line)
        gap = None
    if cur:
        paras.append(Paragraph(" ".join(cur), cur, cur_page))
    return paras


_CAPITAL_START = re.compile(r"[\"'(\[]?[A-Z0-9]")


def _events(text: str) -> list[tuple[str, str]]:
    """Lines as events: ("text", line), ("blank", ""), ("page", "")."""
    out: list[tuple[str, str]] = []
    for raw in text.split("\n"):
        parts = raw.split(PAGE_BREAK)
        for i, part in enumerate(parts):
            if i:
                out.append(("page", ""))
            part = part.strip()
            if part:
                out.append(("text", part))
            elif len(parts) == 1:
                out.append(("blank", ""))
    return out


_LABEL_LIKE = re.compile(r"^[A-Z][\w ()'/&.-]{0,40}(?:guideline|rationale):", re.I)
_PAGE_NUMBER = re.compile(r"^(?:Page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$", re.I)


def strip_page_furniture(text: str) -> str:
    """Drop running headers and footers: a 'Page 2 of 3' line at a page edge, and a first or
    last line that repeats (digits aside) at the edge of every page (or all but one), such as
    a running 'Case Number: ...' header. The first page keeps its own first line."""
    pages = text.split(PAGE_BREAK)
    if len(pages) < 2:
        return text
    lines = [p.split("\n") for p in pages]

    def edges(ls: list[str]) -> list[int]:
        idx = [i for i, ln in enumerate(ls) if ln.strip()]
        return sorted({idx[0], idx[-1]}) if idx else []

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", " ".join(line.split()))

    seen: dict[str, int] = {}
    for ls in lines:
        for i in edges(ls):
            seen[key(ls[i])] = seen.get(key(ls[i]), 0) + 1
    out = []
    for n, ls in enumerate(lines):
        drop = set()
        for i in edges(ls):
            line = " ".join(ls[i].split())
            running = seen[key(ls[i])] >= max(2, len(pages) - 1) and (n > 0 or i > 0)
            if _PAGE_NUMBER.match(line) or (running and not _LABEL_LIKE.match(line)):
                drop.add(i)
        out.append("\n".join(ln for i, ln in enumerate(ls) if i not in drop))
    return PAGE_BREAK.join(out)


def undouble(text: str) -> str:
    """Text saved with doubled line spacing (a blank line after every line, as in the seed
    letters) loses one blank line per gap, so that blank lines mean paragraphs again."""
    lines = text.split("\n")
    runs: list[int] = []
    run = 0
    for ln in lines:
        if not ln.strip():
            run += 1
        elif PAGE_BREAK not in ln:
            if runs or run:
                runs.append(run)
            run = 0
    if len(runs) < 8 or sum(1 for r in runs if r >= 1) < 0.8 * len(runs):
        return text
    out: list[str] = []
    prev_text = False
    for ln in lines:
        if not ln.strip() and prev_text:
            prev_text = False
            continue  # drop the first blank line after each text line
        out.append(ln)
        prev_text = bool(ln.strip())
    return "\n".join(out)


def uses_blank_lines(text: str) -> bool:
    """True when blank lines separate paragraphs (not merely pad page ends)."""
    return _uses_blank_lines(_events(text))


_HEADING_LINE = re.compile(r"^[A-Z0-9 ,()'/&.:-]{6,}$")


def _is_heading_line(line: str) -> bool:
    """An all-capitals line such as 'CLINICAL CASE SUMMARY' stands alone as a paragraph."""
    return bool(_HEADING_LINE.match(line)) and any(c.isalpha() for c in line)


def _uses_blank_lines(events: list[tuple[str, str]]) -> bool:
    """True when blank lines separate paragraphs (not merely pad page ends)."""
    blanks = texts = 0
    prev = "page"
    for kind, _ in events:
        if kind == "text":
            texts += 1
        elif kind == "blank" and prev == "text":
            blanks += 1
        prev = kind
    return texts > 0 and blanks * 12 >= texts
