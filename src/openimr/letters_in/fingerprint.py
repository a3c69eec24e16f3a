"""A parsed letter with its long texts replaced by fingerprints, for golden files.

Real letters must not be copied into the project, yet a golden file should still pin every
field. Facts (case number, dates, decisions, headings, normalised citations, states,
specialties, age, sex) stay as they are; long free texts (the clinical summary, rationales,
the guideline paragraphs as written) become the sha256 of their whitespace-normalised text
with its length and word count.
"""

from __future__ import annotations

import hashlib
from typing import Any

from openimr.letters_in.model import ParsedLetter
from openimr.letters_in.textprep import squash

_LONG_TEXT_KEYS = {"clinical_case_summary", "rationale", "text"}
_DROP_KEYS = {"source", "content_hash"}  # where it was read from, and extractor-dependent


def text_fingerprint(text: str | None) -> dict[str, Any] | None:
    """sha256 of the whitespace-normalised text, with its length and word count."""
    if text is None:
        return None
    flat = squash(text)
    return {
        "sha256": hashlib.sha256(flat.encode("utf-8")).hexdigest(),
        "chars": len(flat),
        "words": len(flat.split()),
    }


def _walk(value: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            long_text = k in _LONG_TEXT_KEYS and isinstance(v, str)
            out[k] = text_fingerprint(v) if long_text else _walk(v)
        return out
    if isinstance(value, list):
        return [_walk(v) for v in value]
    return value


def fingerprint(letter: ParsedLetter) -> dict[str, Any]:
    """The golden-file form of a parsed letter (JSON-ready)."""
    data = letter.model_dump(mode="json", exclude=_DROP_KEYS)
    return _walk(data)
