"""Fixtures of the letter-reading tests: the real 2016 letters (read from ../shared, never
copied in) parsed once per session, and the fictional samples written for the other layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from openimr.letters_in import ParsedLetter, parse_letter
from openimr.letters_in.textprep import read_letter_text

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "samples"
GOLDEN = HERE / "golden"


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus" / "imr-letters-2016"
    if not path.is_dir():
        pytest.skip("../shared/corpus/imr-letters-2016 not present (real letters not shipped)")
    return path


@pytest.fixture(scope="session")
def corpus_pdfs(corpus_dir: Path) -> list[Path]:
    return sorted(corpus_dir.glob("*.pdf"))


@pytest.fixture(scope="session")
def corpus_texts(corpus_pdfs: list[Path]) -> dict[str, str]:
    """The text of every letter of the 2016 set (pdfium, the default), extracted once."""
    return {p.stem: read_letter_text(p) for p in corpus_pdfs}


@pytest.fixture(scope="session")
def corpus(corpus_texts: dict[str, str], corpus_dir: Path) -> dict[str, ParsedLetter]:
    """Every letter of the 2016 set, parsed once."""
    return {
        s: parse_letter(t, source=str(corpus_dir / f"{s}.pdf")) for s, t in corpus_texts.items()
    }


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES
