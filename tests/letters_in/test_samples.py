"""Fictional letters in every layout the parser knows, and the refusals it must explain."""

from __future__ import annotations

from pathlib import Path

import pytest

from openimr.errors import LetterParseError
from openimr.letters_in import ParsedLetter, parse_file, parse_letter
from openimr.letters_in.textprep import squash


def _items(letter: ParsedLetter) -> list[tuple[str, str]]:
    return [(i.decision, i.request) for i in letter.items]


def test_2016_layout_with_wrapped_headings_and_page_breaks(samples_dir: Path) -> None:
    letter = parse_file(samples_dir / "fdl2016_wrapped.txt")
    assert letter.layout == "fdl-2016"
    assert letter.case_number == "CM99-0000101"
    assert str(letter.date_assigned) == "2009-03-02"
    assert str(letter.application_received) == "2009-02-20"
    assert letter.priority == "standard"
    assert letter.reviewer.licensure_states == ["California", "Nevada"]
    assert letter.reviewer.specialties == ["Physical Medicine & Rehabilitation", "Pain Management"]
    assert (letter.patient.age, letter.patient.sex) == (52, "female")
    assert letter.clinical_case_summary and letter.clinical_case_summary.startswith("The injured")
    assert _items(letter) == [
        (
            "upheld",
            "Magnetic resonance imaging of the lumbar spine without contrast, to be done at an "
            "outpatient imaging center within thirty days",
        ),
        ("overturned", "Physical therapy for the lumbar spine, six sessions"),
        (
            "upheld",
            "Retrospective request for naproxen 550mg #60, dispensed on 02/01/2009, with one "
            "refill and instructions to take with food",
        ),
        ("upheld", "Associated surgical service: Cold therapy unit rental for 7 days"),
    ]
    first, modified, retro, assoc = letter.items
    # A page break inside the rationale does not cut it.
    assert first.rationale and first.rationale.endswith("imaging is not medically necessary.")
    assert [c.sections for c in first.reviewer_guideline.citations] == [  # type: ignore[union-attr]
        ["Special Studies", "Diagnostic Criteria"]
    ]
    # A page break inside a modified-UR heading does not cut it either.
    assert modified.modification is not None
    assert (
        modified.modification.original_request
        == "Physical therapy for the lumbar spine, twelve sessions"
    )
    assert modified.modification.authorized == "Physical therapy for the lumbar spine, six sessions"
    assert retro.retrospective and not first.retrospective
    assert retro.reviewer_guideline is not None and retro.reviewer_guideline.level == "none"
    assert retro.claims_administrator_guideline is not None
    assert retro.claims_administrator_guideline.odg
    assert assoc.associated_surgical_service
    assert assoc.reviewer_guideline is not None
    assert [c.key for c in assoc.reviewer_guideline.citations] == ["ODG Low Back"]
    assert letter.warnings == []


def test_compact_text_without_blank_lines_reads_the_same(samples_dir: Path) -> None:
    a = parse_file(samples_dir / "fdl2016_wrapped.txt")
    b = parse_file(samples_dir / "fdl2016_compact.txt")
    assert [(i.heading, i.decision, i.request) for i in b.items] == [
        (i.heading, i.decision, i.request) for i in a.items
    ]
    for x, y in zip(a.items, b.items, strict=True):
        assert squash(x.rationale or "") == squash(y.rationale or "")
        assert x.reviewer_guideline == y.reviewer_guideline


def test_2013_layout_with_doubled_line_spacing(samples_dir: Path) -> None:
    letter = parse_file(samples_dir / "fdl2013.txt")
    assert letter.layout == "fdl-2013"
    assert letter.priority == "expedited"
    assert letter.reviewer.specialties == ["Internal Medicine", "Rheumatology"]
    assert letter.reviewer.licensure_states == ["Oregon", "Washington"]
    assert letter.clinical_case_summary == (
        "This is a 61-year-old male warehouse worker with right knee pain after a fall from a "
        "step stool. He has swelling and locking. An x-ray showed mild joint space narrowing."
    )
    (item,) = letter.items
    assert (item.decision, item.heading) == ("overturned", "MRI of the right knee")
    cite = item.reviewer_guideline.citations[0]  # type: ignore[union-attr]
    assert (cite.level, cite.source, cite.name, cite.chapter, cite.pages) == (
        "MTUS",
        "ACOEM",
        "Knee Complaints",
        "13",
        ["341-343"],
    )
    ca = item.claims_administrator_guideline
    assert ca is not None and ca.level == "non-MTUS" and ca.odg
    assert ca.citations[0].chapter == "Knee and Leg"


def test_maximus_notice_layout(samples_dir: Path) -> None:
    letter = parse_file(samples_dir / "maximus_notice.txt")
    assert letter.layout == "maximus-notice"
    assert letter.case_number == "CM99-0000303"
    assert str(letter.application_received) == "2009-04-20"
    assert len(letter.documents_reviewed) == 3
    assert letter.documents_reviewed[1].startswith("Utilization review determination")
    assert letter.reviewer.specialties == ["Occupational Medicine"]
    assert _items(letter) == [
        ("overturned", "Electromyography of the right upper extremity"),
        ("upheld", "Tramadol 50mg #120"),
    ]
    assert letter.patient.sex == "female"


def test_medical_professional_review_layout(samples_dir: Path) -> None:
    letter = parse_file(samples_dir / "professional_review.txt")
    assert letter.layout == "medical-professional-review"
    assert letter.case_number == "CM99-0000404"
    assert str(letter.date_of_injury) == "2007-02-14"
    assert letter.documents_reviewed == [
        "Utilization review letter, 01/06/2009",
        "Progress notes of the treating physician, 08/2008 to 12/2008",
    ]
    assert _items(letter) == [
        ("upheld", "Magnetic resonance imaging of the lumbar spine without contrast"),
        ("overturned", "Aquatic therapy, twelve sessions"),
    ]
    mri, aquatic = letter.items
    assert mri.reviewer_guideline is not None
    assert [c.key for c in mri.reviewer_guideline.citations] == ["MTUS Low Back Complaints"]
    assert aquatic.reviewer_guideline is not None
    assert aquatic.reviewer_guideline.citations[0].sections == ["Aquatic therapy"]
    assert letter.reviewer.licensure_states == ["California", "Arizona"]
    assert (letter.patient.age, letter.patient.sex) == (44, "female")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("notice2013.txt", "layout notice-2013"),
        ("not_a_letter.txt", "not a Final Determination Letter in a known layout"),
    ],
)
def test_unknown_or_unsupported_layouts_are_reported(
    samples_dir: Path, name: str, reason: str
) -> None:
    with pytest.raises(LetterParseError, match=reason):
        parse_file(samples_dir / name)


def test_letter_without_decided_items_is_reported(samples_dir: Path) -> None:
    text = (samples_dir / "fdl2016_wrapped.txt").read_text()
    cut = text[: text.index("Magnetic resonance imaging of the lumbar")]
    with pytest.raises(LetterParseError, match="no decided item"):
        parse_letter(cut, source="cut.txt")


def test_letter_without_case_number_is_reported(samples_dir: Path) -> None:
    text = (samples_dir / "fdl2016_wrapped.txt").read_text().replace("CM99-0000101", "")
    with pytest.raises(LetterParseError, match="no case number"):
        parse_letter(text)


def test_item_without_labels_gives_warnings_not_errors(samples_dir: Path) -> None:
    text = (samples_dir / "maximus_notice.txt").read_text()
    text = text.replace("Decision rationale: No pain", "No pain")
    letter = parse_letter(text)
    assert letter.items[1].rationale is None
    assert any("item 2" in w and "Decision rationale" in w for w in letter.warnings)


def test_bad_header_date_is_a_warning(samples_dir: Path) -> None:
    text = (samples_dir / "maximus_notice.txt").read_text().replace("06/01/2009", "13/45/2009")
    letter = parse_letter(text)
    assert letter.decision_date is None
    assert any("decision_date" in w for w in letter.warnings)


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"\xff\xfe\x00junk"])
def test_empty_or_binary_files_are_reported(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(content)
    with pytest.raises(LetterParseError):
        parse_file(path)


def test_missing_file_and_broken_pdf(tmp_path: Path) -> None:
    with pytest.raises(LetterParseError, match="file not found"):
        parse_file(tmp_path / "nope.pdf")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage that is not a pdf")
    with pytest.raises(LetterParseError, match="not a readable PDF|no text layer"):
        parse_file(broken)


def _write_pdf(text: str, path: Path) -> None:
    """A PDF of a fictional letter, one page per form feed (fpdf2, core font)."""
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.set_font("Helvetica", size=10)
    for page in text.split("\f"):
        pdf.add_page()
        for line in page.split("\n"):
            pdf.multi_cell(0, 5, line or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


@pytest.mark.parametrize("engine", ["pypdf", "pdfplumber"])
def test_pdf_of_a_fictional_letter(samples_dir: Path, tmp_path: Path, engine: str) -> None:
    text = (samples_dir / "fdl2016_wrapped.txt").read_text()
    path = tmp_path / "letter.pdf"
    _write_pdf(text, path)
    letter = parse_file(path, pdf_engine=engine)  # type: ignore[arg-type]
    expected = parse_file(samples_dir / "fdl2016_wrapped.txt")
    assert _items(letter) == _items(expected)
    assert squash(letter.items[0].rationale or "") == squash(expected.items[0].rationale or "")


def test_running_headers_and_page_numbers_are_dropped(samples_dir: Path) -> None:
    text = (samples_dir / "fdl2016_wrapped.txt").read_text()
    pages = text.split("\f")
    framed = "\f".join(
        f"Case Number: CM99-0000101\n{page}\nPage {n} of {len(pages)}"
        for n, page in enumerate(pages, start=1)
    )
    a = parse_letter(text)
    b = parse_letter(framed)
    assert [(i.heading, i.decision) for i in b.items] == [(i.heading, i.decision) for i in a.items]
    for x, y in zip(a.items, b.items, strict=True):
        assert squash(x.rationale or "") == squash(y.rationale or "")
