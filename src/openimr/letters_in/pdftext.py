"""PDF text through pdfium (pypdfium2), laid out as pypdf lays it out for the letter parser.

pdfium reads the published letters about five times faster than pypdf, but it drops the
text objects that hold only spaces, and those are the blank lines between paragraphs that
the paragraph builder relies on; and it marks a word broken at the end of a line with
U+FFFE instead of a hyphen and a line break. Here each line of pdfium's text gets its
baseline, a blank line is put back for each distinct baseline of a space-only text object
that lies between two lines (as pypdf writes one), and U+FFFE becomes "-" and a line break.
On the 72 letters of 2016 this gives the same case numbers, decisions and items as pypdf
(benchmarks/letters_speed.py checks it on every run).
"""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any

_LINE = re.compile(r"[^\n\ufffe]*(?:\n|\ufffe|$)")
_SLACK = 2.0  # points: a baseline this close to a line's is that line's


def _blank_baselines(raw: Any, page: Any, textpage: Any) -> list[float]:
    """Baselines of the text objects of a page that hold only spaces."""
    out: list[float] = []
    buf = (ctypes.c_ushort * 8)()
    matrix = raw.FS_MATRIX()
    for i in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
            continue
        size = raw.FPDFTextObj_GetText(obj, textpage, buf, 16)
        if size > 16:
            continue  # more than seven characters: not a blank line
        if bytes(buf)[: max(0, size - 2)].decode("utf-16-le", "replace").strip():
            continue
        raw.FPDFPageObj_GetMatrix(obj, matrix)
        out.append(matrix.f)
    return out


def _page_text(raw: Any, page: Any, textpage: Any) -> str:
    text = textpage.get_text_range()
    blanks = sorted(_blank_baselines(raw, page.raw, textpage.raw))
    x, y = ctypes.c_double(), ctypes.c_double()
    out: list[str] = []
    prev: float | None = None
    for m in _LINE.finditer(text):
        seg = m.group()
        if not seg and m.start() == len(text) and out:
            break
        base = None
        for k, ch in enumerate(seg):
            if not ch.isspace() and ch != "\ufffe":
                raw.FPDFText_GetCharOrigin(textpage.raw, m.start() + k, x, y)
                base = y.value
                break
        if base is not None and prev is not None:
            lo, hi = bisect_right(blanks, base + _SLACK), bisect_left(blanks, prev - _SLACK)
            inside = blanks[lo:hi]
            between = sorted({round(b) for b in inside}, reverse=True)
            last: int | None = None
            for b in between:
                if last is None or last - b > _SLACK:
                    out.append("")
                last = b
        out.append(seg[:-1] + "-" if seg.endswith("\ufffe") else seg.rstrip("\n").rstrip("\r"))
        if base is not None:
            prev = base
    return "\n".join(out)


def pdfium_pages(path: Path) -> list[str]:
    """The text of every page of a PDF (see the module docstring)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(path)
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            try:
                pages.append(_page_text(raw, page, textpage))
            finally:
                textpage.close()
                page.close()
        return pages
    finally:
        doc.close()
