"""pdfium text (the default, issue 16) parses to the same letters as pypdf text."""

from __future__ import annotations

from pathlib import Path

import pytest

from openimr.letters_in import ParsedLetter, parse_letter
from openimr.letters_in.textprep import read_letter_text

pytestmark = pytest.mark.shared


def _key(letter: ParsedLetter) -> tuple[object, ...]:
    items = [(i.number, i.heading, i.decision, i.request, i.retrospective) for i in letter.items]
    return (letter.case_number, letter.decision_date, letter.date_of_injury, items)


def test_pdfium_and_pypdf_give_the_same_letters(
    corpus_pdfs: list[Path], corpus: dict[str, ParsedLetter]
) -> None:
    for pdf in corpus_pdfs[::6]:  # a dozen letters: pypdf is the slow one
        by_pypdf = parse_letter(read_letter_text(pdf, "pypdf"))
        assert _key(corpus[pdf.stem]) == _key(by_pypdf), pdf.name


def test_pdfium_breaks_a_hyphenated_word_and_keeps_paragraphs(corpus_texts: dict[str, str]) -> None:
    text = "\n".join(corpus_texts.values())
    assert "\ufffe" not in text and "\r" not in text
    assert "\n\nHOW THE IMR FINAL DETERMINATION WAS MADE" in text.replace(" \n", "\n")
