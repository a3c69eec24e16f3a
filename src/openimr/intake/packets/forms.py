"""Read the "Label: value" fields of the IMR application, the UR decision letter and the RFA.

The labels live in ``data/forms.yaml``. A value may run on over the next lines until a blank
line or another label; a repeating field (a disputed item) opens a new item, and the fields
the vocabulary ties to items (the UR decision, the authorised part, the guideline relied upon)
go to the item open at the time. Every value keeps its file, page and the page's OCR confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from openimr.intake.packets.pages import Page
from openimr.intake.packets.split import Document
from openimr.intake.packets.vocab import forms


@dataclass
class FieldValue:
    value: str
    file: str
    page: int
    # the lowest OCR word confidence in the value's lines (None: read from a text layer)
    confidence: float | None = None
    page_confidence: float | None = None  # the page's mean OCR word confidence


@dataclass
class FormData:
    form: str
    fields: dict[str, FieldValue] = field(default_factory=dict)
    items: list[dict[str, FieldValue]] = field(default_factory=list)
    repeated: dict[str, list[FieldValue]] = field(default_factory=dict)  # a field seen twice

    def get(self, name: str) -> str | None:
        fv = self.fields.get(name)
        return fv.value if fv else None


def _match(line: str, form: str) -> tuple[str, bool, str] | None:
    """(field, repeats, rest of line) for the longest label the line starts with."""
    best: tuple[int, str, bool, str] | None = None
    for name, (labels, repeat) in forms().forms[form].items():
        for lab in labels:
            m = lab.match(line)
            if m and (best is None or m.end() > best[0]):
                best = (m.end(), name, repeat, line[m.end():].strip())
    return (best[1], best[2], best[3]) if best else None


def _least(words: list[float] | None, last: int | None, page: Page) -> float | None:
    """The lowest confidence of a line's words (its ``last`` words only: a value after a label)."""
    if not page.ocr:
        return None
    if not words:
        return page.confidence
    chosen = words[-last:] if last else ([] if last == 0 else words)
    return min(chosen) if chosen else None


def _lower(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def read_form(doc: Document, form: str) -> FormData:
    """The fields of ``doc`` read as ``form`` (imr_application, ur_letter or rfa)."""
    item_fields = forms().item_fields[form]
    out = FormData(form)
    current: FieldValue | None = None
    for page in doc.pages:
        if not page.readable:
            continue
        words = page.word_confidence
        for n, raw in enumerate(page.text.splitlines()):
            line = raw.strip()
            if not line:
                current = None
                continue
            line_words = words[n] if words is not None and n < len(words) else None
            hit = _match(line, form)
            if hit is None:
                if current is not None:
                    current.value = f"{current.value} {line}".strip()
                    current.confidence = _lower(
                        current.confidence, _least(line_words, None, page))
                continue
            name, repeat, rest = hit
            conf = _least(line_words, len(rest.split()), page)  # the value's words only
            current = FieldValue(rest, page.file, page.number, conf, page.confidence)
            if repeat:
                out.items.append({name: current})
            elif name in item_fields and out.items:
                out.items[-1].setdefault(name, current)
            elif name in out.fields:
                out.repeated.setdefault(name, []).append(current)
            else:
                out.fields[name] = current
    for fields in [out.fields, *out.items]:
        for v in fields.values():
            if v.confidence is not None:
                v.value = clean_ocr_value(v.value)
        for key in [k for k, v in fields.items() if not v.value]:
            del fields[key]
    return out


_SPECK = re.compile(r"(?:(?<=\s)|^)[.,'`\u2018\u2019]+(?=\s|$)")


def clean_ocr_value(value: str) -> str:
    """Drop lone dots and commas that specks on a fax become in OCR ("edition) ." -> "edition)")."""
    return " ".join(_SPECK.sub(" ", value).split())
