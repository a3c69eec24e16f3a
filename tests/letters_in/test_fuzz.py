"""Fuzzed letters never crash the parser: a letter comes back, or a clear LetterParseError.

OPENIMR_FUZZ_EXAMPLES=3000 runs a longer search (the default keeps the suite fast).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openimr.errors import LetterParseError
from openimr.letters_in import ParsedLetter, parse_letter

SAMPLES = Path(__file__).resolve().parent / "samples"
TEXTS = [
    (SAMPLES / n).read_text(encoding="utf-8")
    for n in (
        "fdl2016_wrapped.txt",
        "fdl2016_compact.txt",
        "fdl2013.txt",
        "maximus_notice.txt",
        "professional_review.txt",
    )
]
TOKENS = [
    *"abcXYZ :;,.()\n\f\t#/-0123456789",
    "\n\n",
    "Upheld",
    "Overturned",
    "guideline:",
    "Decision rationale:",
    "CLINICAL CASE SUMMARY",
    "IMR ISSUES, DECISIONS AND RATIONALES",
    "Case Number: CM99-0000001",
    "\u00a0",
    "\u00ad",
    "was the original request.",
    "Section(s):",
    "Page(s):",
    "Decision based on MTUS",
    "Non-MTUS Citation",
]
JUNK = st.lists(st.sampled_from(TOKENS), max_size=30).map("".join)
FUZZ = settings(
    max_examples=int(os.environ.get("OPENIMR_FUZZ_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _check(text: str) -> None:
    try:
        letter = parse_letter(text, source="fuzz")
    except LetterParseError as exc:
        assert str(exc).startswith("fuzz: ")
        assert "\n" not in str(exc)
        return
    assert isinstance(letter, ParsedLetter)
    assert letter.items
    for item in letter.items:
        assert item.decision in ("upheld", "overturned")


def _sections(text: str) -> list[str]:
    return re.split(r"\n(?=[A-Z][A-Z ,()'/]{8,}\n)", text)


@FUZZ
@given(st.sampled_from(TEXTS), st.floats(0, 1), st.floats(0, 1))
def test_truncated(text: str, a: float, b: float) -> None:
    i, j = sorted((int(a * len(text)), int(b * len(text))))
    _check(text[:j])
    _check(text[i:])
    _check(text[:i] + text[j:])


@FUZZ
@given(st.sampled_from(TEXTS), st.randoms(use_true_random=False))
def test_shuffled_sections(text: str, rnd: object) -> None:
    parts = _sections(text)
    rnd.shuffle(parts)  # type: ignore[attr-defined]
    _check("\n".join(parts))


@FUZZ
@given(st.sampled_from(TEXTS), st.lists(st.tuples(st.floats(0, 1), JUNK), max_size=8))
def test_junk_inserted(text: str, inserts: list[tuple[float, str]]) -> None:
    for where, junk in inserts:
        i = int(where * len(text))
        text = text[:i] + junk + text[i:]
    _check(text)


@FUZZ
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    _check(text)


@FUZZ
@given(st.sampled_from(TEXTS), st.lists(st.integers(0, 400), max_size=20))
def test_lines_dropped(text: str, drops: list[int]) -> None:
    lines = text.split("\n")
    keep = [ln for k, ln in enumerate(lines) if k not in set(drops)]
    _check("\n".join(keep))
