"""The 72 real letters of the 2016 set (read from ../shared, never copied in).

The README of the set counts 174 items (156 upheld, 18 overturned) in 71 letters. The parser
finds 180 items (162 upheld, 18 overturned) in all 72: the difference is exactly the six items
whose decision word wrapped onto a line of its own (five in the 71 letters, one in
CM16-0237844), which a counter of "<item>: Upheld" lines misses. The tests below pin both.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from openimr.letters_in import ParsedLetter, parse_file
from openimr.letters_in.fingerprint import fingerprint
from openimr.letters_in.textprep import squash

from .conftest import GOLDEN

pytestmark = pytest.mark.shared

DEVIANT = "CM16-0237844"  # no blank lines, decision word alone on the next line


def test_every_letter_parses(corpus_pdfs: list[Path], corpus: dict[str, ParsedLetter]) -> None:
    assert len(corpus_pdfs) == 72
    for stem, letter in corpus.items():
        assert letter.case_number == stem
        assert letter.layout == "fdl-2016"
        assert letter.items, stem
        assert letter.warnings == [], (stem, letter.warnings)
        for item in letter.items:
            assert item.claims_administrator_guideline is not None
            assert item.reviewer_guideline is not None
            assert item.reviewer_guideline_label == "MAXIMUS"
            assert item.rationale
            assert not re.search(r"\b(?:Upheld|Overturned)\b", item.heading)


def test_item_totals_reconcile_with_readme(
    corpus_dir: Path, corpus_texts: dict[str, str], corpus: dict[str, ParsedLetter]
) -> None:
    total = Counter[str]()
    others = Counter[str]()
    same_line = Counter[str]()
    for stem, letter in corpus.items():
        total.update(i.decision for i in letter.items)
        if stem != DEVIANT:
            others.update(i.decision for i in letter.items)
        text = corpus_texts[stem]
        same_line.update(
            m.group(1).lower()
            for m in re.finditer(r":[ \t]*(Upheld|Overturned)[ \t]*$", text, re.M)
        )
    assert (total["upheld"], total["overturned"]) == (162, 18)
    assert (others["upheld"], others["overturned"]) == (161, 18)
    # What a same-line counter finds is the README's figure: 174 items, 156 upheld, 18 overturned.
    assert (same_line["upheld"], same_line["overturned"]) == (156, 18)
    readme = (corpus_dir / "README.md").read_text()
    assert "174 disputed items" in " ".join(readme.split())


def test_decisions_match_the_letter_text(
    corpus_texts: dict[str, str], corpus: dict[str, ParsedLetter]
) -> None:
    """Every item's decision, in order, against a plain line-end reading of the raw text."""
    for stem, letter in corpus.items():
        text = corpus_texts[stem]
        words = [m.group(1).lower() for m in re.finditer(r"(Upheld|Overturned)\s*$", text, re.M)]
        assert [i.decision for i in letter.items] == words, stem


def test_deviant_letter_is_parsed(corpus: dict[str, ParsedLetter]) -> None:
    letter = corpus[DEVIANT]
    assert [(i.decision, i.request[:22]) for i in letter.items] == [
        ("upheld", "Additional physical th")
    ]


def _golden_cases() -> list[str]:
    return sorted(p.stem for p in GOLDEN.glob("*.json"))


def test_enough_golden_files() -> None:
    assert len(_golden_cases()) >= 20


@pytest.mark.parametrize("case", _golden_cases())
def test_golden(case: str, shared_dir: Path, corpus: dict[str, ParsedLetter]) -> None:
    expected = json.loads((GOLDEN / f"{case}.json").read_text(encoding="utf-8"))
    if case in corpus:
        letter = corpus[case]
    else:  # the 2013 seed letter
        letter = parse_file(next((shared_dir / "seeds").glob("000_*.txt")))
    actual = fingerprint(letter)
    for key in expected:
        assert actual[key] == expected[key], f"{case}: field {key}"
    assert actual == expected


@pytest.mark.parametrize(
    "case", ["CM16-0229336", "CM16-0230651", "CM16-0237844", "CM16-0243453", "CM16-0249735"]
)
def test_pdfplumber_text_gives_the_same_letter(
    case: str, corpus_dir: Path, corpus: dict[str, ParsedLetter]
) -> None:
    """pdfplumber drops the blank lines pypdf keeps; the letter read must not change."""
    a = corpus[case]
    b = parse_file(corpus_dir / f"{case}.pdf", pdf_engine="pdfplumber")
    assert [(i.heading, i.decision, i.request) for i in b.items] == [
        (i.heading, i.decision, i.request) for i in a.items
    ]
    assert squash(b.clinical_case_summary or "") == squash(a.clinical_case_summary or "")
    for x, y in zip(a.items, b.items, strict=True):
        assert squash(x.rationale or "") == squash(y.rationale or "")


def test_seed_fragment_is_reported(shared_dir: Path) -> None:
    """The second seed is a letter without its header: a clear error, not a crash."""
    from openimr.errors import LetterParseError

    with pytest.raises(LetterParseError, match="no case number"):
        parse_file(next((shared_dir / "seeds").glob("001_*.txt")))
