"""Our letters must be readable by our own parser of published letters (openimr.letters_in):
the layout (headings, item lines, guideline labels, credentials) is the contract between them."""

from __future__ import annotations

from pathlib import Path

import pytest

from openimr.errors import LetterParseError
from openimr.letters import render

from .cases import CASES

letters_in = pytest.importorskip("openimr.letters_in.parser")
DECIDED = sorted(c for c in CASES if all(i.decision != "undetermined" for i in CASES[c]().items))
UNDECIDED = sorted(set(CASES) - set(DECIDED))


@pytest.mark.parametrize("case", UNDECIDED)
def test_letter_with_undecided_item_is_refused_by_the_parser(case: str, tmp_path: Path) -> None:
    """A draft with an item the reviewer has not decided is not a Final Determination."""
    d = CASES[case]()
    with pytest.raises(LetterParseError, match="not decided"):
        letters_in.parse_letter(str(render(d, "text")), source=f"{case}.txt")
    path = tmp_path / f"{case}.pdf"
    path.write_bytes(bytes(render(d, "pdf")))
    with pytest.raises(LetterParseError, match="not decided"):
        letters_in.parse_file(path)


@pytest.mark.parametrize("case", DECIDED)
def test_text_letter_parses_back(case: str) -> None:
    d = CASES[case]()
    text = render(d, "text", organization="IMRO")
    assert isinstance(text, str)
    letter = letters_in.parse_letter(text, source=f"{case}.txt")
    assert letter.case_number == d.case_number
    decided = [i for i in d.items if i.decision != "undetermined"]
    assert [i.decision for i in letter.items] == [i.decision for i in decided]
    for ours, parsed in zip(decided, letter.items, strict=True):
        assert parsed.request == (ours.portion or ours.item)
        assert parsed.reviewer_guideline_label == "IMRO"
        assert parsed.reviewer_guideline is not None
        mtus = any(g.mtus for g in ours.guidelines)
        assert parsed.reviewer_guideline.level == ("MTUS" if mtus else "non-MTUS")
        if ours.portion:
            assert parsed.modification is not None
            assert parsed.modification.original_request == ours.item
    assert letter.reviewer.licensure_states == d.reviewer.licensed_in
    assert letter.reviewer.specialties[0] == d.reviewer.board_certification


@pytest.mark.parametrize("case", DECIDED)
def test_pdf_letter_parses_back(case: str, tmp_path: Path) -> None:
    d = CASES[case]()
    pdf = render(d, "pdf")
    assert isinstance(pdf, bytes)
    path = tmp_path / f"{case}.pdf"
    path.write_bytes(pdf)
    letter = letters_in.parse_file(path)
    assert letter.case_number == d.case_number
    decided = [i.decision for i in d.items if i.decision != "undetermined"]
    assert [i.decision for i in letter.items] == decided
    for ours, parsed in zip(
        [i for i in d.items if i.decision != "undetermined"], letter.items, strict=True
    ):
        # The running header/footer may be glued to an item starting a page; the name ends it.
        assert parsed.request.endswith(ours.portion or ours.item)
