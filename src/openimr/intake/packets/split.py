"""Split a packet's pages into documents and classify each from its headings and form titles.

A page starts a new document when it is the first page of a file, when its footer says
"Page 1 of N", or when a known heading stands among its first lines (and no "Page k of N"
footer with k > 1 says it continues). Each document gets a type from ``documents.yaml``, its
date and its author where the document states them. A document whose first page matches no
heading is typed ``other`` and flagged unclassified, for the intake clerk.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from openimr.intake.packets.pages import Page
from openimr.intake.packets.vocab import documents

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_DATE_PATTERNS = [
    re.compile(r"\b(\d{1,2})\s?[/-]\s?(\d{1,2})\s?[/-]\s?(\d{4}|\d{2})\b"),
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    re.compile(r"\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b"),
]


def parse_date(text: str | None) -> dt.date | None:
    """The first date written in ``text`` (MM/DD/YYYY, YYYY-MM-DD or 'Month D, YYYY')."""
    if not text:
        return None
    found: list[tuple[int, dt.date]] = []
    for i, pat in enumerate(_DATE_PATTERNS):
        for m in pat.finditer(text):
            try:
                if i == 0:
                    year = int(m.group(3))
                    year += 2000 if year < 50 else (1900 if year < 100 else 0)
                    d = dt.date(year, int(m.group(1)), int(m.group(2)))
                elif i == 1:
                    d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                else:
                    month = _MONTHS.get(m.group(1).lower()[:3])
                    if month is None:
                        continue
                    d = dt.date(int(m.group(3)), month, int(m.group(2)))
            except ValueError:
                continue
            found.append((m.start(), d))
            break
    return min(found)[1] if found else None


def page_body(page: Page) -> str:
    """A page's text as it goes into a record: no trailing blanks, tabs as spaces.

    (The same text the bundle's YAML keeps, so offsets into a record stay true.)
    """
    lines = [ln.rstrip().replace("\t", "    ") for ln in page.text.split("\n")]
    return "\n".join(lines).strip("\n")


@dataclass
class Document:
    type: str
    label: str
    kind: str
    pages: list[Page] = field(default_factory=list)
    heading: str | None = None
    classified: bool = True
    date: dt.date | None = None
    author: str | None = None

    @property
    def file(self) -> str:
        return self.pages[0].file

    @property
    def page_numbers(self) -> list[int]:
        return [p.number for p in self.pages]

    @property
    def text(self) -> str:
        return "\n\n".join(page_body(p) for p in self.pages if p.readable)

    @property
    def min_confidence(self) -> float | None:
        confs = [p.confidence for p in self.pages if p.ocr and p.confidence is not None]
        return min(confs) if confs else None


def _top_lines(text: str, n: int) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()][:n]


def classify_page(text: str) -> tuple[str, str] | None:
    """(type, heading line) when a known heading stands among the first lines of the page."""
    vocab = documents()
    best: tuple[int, int, str, str] | None = None
    for li, line in enumerate(_top_lines(text, vocab.top_lines)):
        if len(line) > 90:
            continue  # a sentence, not a heading
        for ti, t in enumerate(vocab.types):
            # A heading after a "Label:" is a field's value, not a title.
            if any((m := h.search(line)) and ":" not in line[: m.start()] for h in t.headings):
                cand = (li, ti, t.type, line)
                if best is None or cand[:2] < best[:2]:
                    best = cand
        if best is not None:
            break
    return (best[2], best[3]) if best else None


def _page_marker(text: str) -> tuple[int, int] | None:
    ms = list(documents().page_marker.finditer(text))
    if not ms:
        return None
    m = ms[-1]  # the footer: the last marker on the page
    k, n = int(m.group(1)), int(m.group(2))
    return (k, n) if 1 <= k <= n else None  # "Page 7 of 1" is a misread, not a marker


def _labelled(text: str, labels: list[re.Pattern[str]]) -> list[tuple[int, str]]:
    """(label priority, value) for every line that starts with one of ``labels``."""
    out: list[tuple[int, str]] = []
    for line in text.splitlines():
        for i, lab in enumerate(labels):
            m = re.match(rf"[\W_]*(?:{lab.pattern})\s*[:;.]\s*(.+)$", line, re.I)
            if m and m.group(m.lastindex or 1).strip():
                out.append((i, m.group(m.lastindex or 1).strip()))
                break
    return out


def _author(value: str) -> str:
    """The name only: credentials and roles after a comma, and a signing date, are cut."""
    value = re.split(r"\s{2,}|,|\s+on\s+\d", value)[0]
    return value.strip(" .,;")


def stated_date(text: str) -> str | None:
    """The value of the first date label in ``text``, as written (even when it is no date)."""
    found = sorted(_labelled(text, documents().date_labels), key=lambda x: x[0])
    return found[0][1] if found else None


def document_date_and_author(
    text: str, type_: str | None = None
) -> tuple[dt.date | None, str | None]:
    vocab = documents()
    date = None
    for _, value in sorted(_labelled(text, vocab.date_labels), key=lambda x: x[0]):
        date = parse_date(value)
        if date:
            break
    if date is None:  # a letter dated on a line of its own near the top
        for line in _top_lines(text, vocab.top_lines):
            d = parse_date(line)
            if d and len(line) <= 24:
                date = d
                break
    t = vocab.by_type.get(type_ or "")
    if t is not None and not t.has_author:
        return date, None
    authors = sorted(_labelled(text, vocab.author_labels), key=lambda x: x[0])
    author = _author(authors[0][1]) if authors else None
    return date, author or None


def split_documents(pages: list[Page]) -> list[Document]:
    """Group pages into documents and classify them (see the module docstring)."""
    vocab = documents()
    docs: list[Document] = []
    current: Document | None = None
    for page in pages:
        marker = _page_marker(page.text) if page.readable else None
        found = classify_page(page.text) if page.readable else None
        new_file = current is None or current.file != page.file
        continues = marker is not None and marker[0] > 1 and not (
            # a different kind of document cannot continue this one, whatever the footer says
            found is not None and current is not None and found[0] != current.type
        )
        starts = new_file or (marker is not None and marker[0] == 1) or (
            found is not None and not continues
        )
        if not page.readable and not new_file:
            starts = False  # an unreadable page stays with the document it sits in
        if starts or current is None:
            if found:
                t = vocab.by_type[found[0]]
                current = Document(t.type, t.label, t.kind_for(found[1]), heading=found[1])
            else:
                t = vocab.by_type["other"]
                current = Document(t.type, t.label, t.kind, classified=False)
            docs.append(current)
        current.pages.append(page)
    for doc in docs:
        doc.date, doc.author = document_date_and_author(doc.text, doc.type)
    return docs
