"""Packet intake without OCR: classification, splitting, forms, the clerk's lists, the bundle."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import openimr
from openimr.domain import SourcePage, SourceRef
from openimr.intake.loader import parse_bundle
from openimr.intake.packets import intake_packets
from openimr.intake.packets.assemble import assemble
from openimr.intake.packets.forms import clean_ocr_value, read_form
from openimr.intake.packets.pages import Page
from openimr.intake.packets.split import classify_page, parse_date, split_documents

from .generator import make_packet
from .scoring import score


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("APPLICATION FOR INDEPENDENT MEDICAL REVIEW", "imr_application"),
        ("DWC Form IMR", "imr_application"),
        ("NOTICE OF UTILIZATION REVIEW DECISION", "ur_letter"),
        ("Utilization Review Determination", "ur_letter"),
        ("REQUEST FOR AUTHORIZATION", "rfa"),
        ("OPERATIVE REPORT", "operative_report"),
        ("MRI OF THE LUMBAR SPINE WITHOUT CONTRAST", "imaging_report"),
        ("Electrodiagnostic study", "imaging_report"),
        ("QUALIFIED MEDICAL EVALUATION REPORT", "medical_legal_report"),
        ("AGREED MEDICAL EVALUATION", "medical_legal_report"),
        ("PHYSICAL THERAPY DAILY NOTE", "therapy_note"),
        ("CHIROPRACTIC TREATMENT NOTE", "therapy_note"),
        ("PRIMARY TREATING PHYSICIAN PROGRESS REPORT", "progress_report"),
        ("Follow-up evaluation", "progress_report"),
        ("FAX COVER SHEET", "other"),
    ],
)
def test_headings_classify(heading: str, expected: str) -> None:
    found = classify_page(f"Some Clinic, 1 Main St\n{heading}\nPatient: A. Person\n")
    assert found is not None and found[0] == expected


def test_a_heading_inside_a_field_or_a_sentence_is_not_a_title() -> None:
    assert classify_page("Requested Treatment: Outpatient x-rays of the lumbar spine") is None
    long = "The patient had an MRI of the lumbar spine last year " * 3
    assert classify_page(long) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11/08/2013", dt.date(2013, 11, 8)),
        ("on 2013-11-08 at noon", dt.date(2013, 11, 8)),
        ("November 8, 2013", dt.date(2013, 11, 8)),
        ("4/5/13", dt.date(2013, 4, 5)),
        ("13/45/2013", None),
        ("no date here", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def _page(n: int, text: str, file: str = "p.pdf", **kw: object) -> Page:
    return Page(file, n, text, **kw)  # type: ignore[arg-type]


def test_split_by_headings_page_markers_and_files() -> None:
    pages = [
        _page(1, "PROGRESS REPORT\nDate of Service: 01/02/2013\nPage 1 of 2"),
        _page(2, "more of the report\nElectronically signed by: Dr. A. Jones, MD\nPage 2 of 2"),
        # A repeated letterhead heading on a continuation page: the footer wins.
        _page(3, "PHYSICAL THERAPY DAILY NOTE\nDate of Service: 01/09/2013\nPage 1 of 2"),
        _page(4, "PHYSICAL THERAPY DAILY NOTE (continued)\nTherapist: B. Lee, PT\nPage 2 of 2"),
        # A misread footer ("Page 7 of 1") is no marker; the heading starts a document.
        _page(5, "OPERATIVE REPORT\nDate of Procedure: 02/01/2013\nPage 7 of 1"),
        _page(6, "", error="OCR found no text (blank or unreadable page)", ocr=True),
        _page(1, "Dear claimant, a letter with no heading at all.", file="q.pdf"),
    ]
    docs = split_documents(pages)
    assert [(d.type, d.page_numbers) for d in docs] == [
        ("progress_report", [1, 2]),
        ("therapy_note", [3, 4]),
        ("operative_report", [5, 6]),
        ("other", [1]),
    ]
    assert docs[0].date == dt.date(2013, 1, 2) and docs[0].author == "Dr. A. Jones"
    assert docs[1].author == "B. Lee"
    assert not docs[3].classified


UR_TEXT = """NOTICE OF UTILIZATION REVIEW DECISION
Date of Decision: 03/04/2014
Date of Injury: 01/15/2013
Requesting Physician: Dr. Kim Park

Requested Treatment: Physical therapy, 8 visits, for the
lumbar spine
Decision: Modified
Authorized: 2 visits
Guidelines Relied Upon: MTUS Chronic Pain
Medical Treatment Guidelines

Requested Treatment: Lumbar MRI
Decision: Non . certified

Requested Treatment: Ibuprofen 600 mg
Decision: Certified
"""

APP_TEXT = """APPLICATION FOR INDEPENDENT MEDICAL REVIEW
IMR Case Number: CM14-0000001
Date Received: 03/20/2014
Employee Date of Birth: 05/06/1970
Sex: F
Date of Injury: 01/16/2013
Injured Body Parts: lumbar spine and left knee
Employer: Example Bakery
Claims Administrator: Example Claims
Requesting Physician: Dr. Kim Park
Date of UR Decision: 03/04/2014
Disputed Treatment: Physical therapy, 8 visits, for the lumbar spine
Disputed Treatment: Lumbar MRI
Signature: /s/ A. Worker
Date Signed: 03/10/2014
"""


def test_ur_letter_items_decisions_and_authorised_part() -> None:
    docs = split_documents([_page(1, UR_TEXT)])
    form = read_form(docs[0], "ur_letter")
    items = [{k: v.value for k, v in item.items()} for item in form.items]
    assert items[0] == {
        "item": "Physical therapy, 8 visits, for the lumbar spine",
        "decision": "Modified",
        "authorized": "2 visits",
        "basis": "MTUS Chronic Pain Medical Treatment Guidelines",
    }
    assert items[1]["item"] == "Lumbar MRI"
    assert form.get("decision_date") == "03/04/2014"


def test_assembled_case_marks_what_to_confirm_and_drops_certified_items(tmp_path: Path) -> None:
    pages = [
        _page(1, APP_TEXT),
        _page(2, UR_TEXT, ocr=True, confidence=40.0),
        _page(3, "", ocr=True, error="OCR found no text (blank or unreadable page)"),
    ]
    docs = split_documents(pages)
    asm = assemble(pages, docs, base_dir=tmp_path)
    data = asm.data
    assert data["case_number"] == "CM14-0000001"
    assert data["patient"] == {"date_of_birth": dt.date(1970, 5, 6), "sex": "female"}
    assert data["claim"]["body_parts"] == ["lumbar spine", "left knee"]
    reqs = data["requests"]
    assert [(r["item"], r["ur_decision"], r.get("ur_authorized")) for r in reqs] == [
        ("Physical therapy, 8 visits, for the lumbar spine", "modified", "2 visits"),
        ("Lumbar MRI", "denied", None),
    ]
    confirm = {c.field: c for c in asm.report.confirm}
    # The application and the UR letter disagree on the date of injury: confirm, not guess.
    assert "claim.date_of_injury" in confirm
    assert "01/16/2013" in confirm["claim.date_of_injury"].reason
    # The UR letter was read by OCR with low confidence: its decision date is to confirm.
    assert confirm["dates.ur_denial"].page == 2
    assert "OCR was unsure" in confirm["dates.ur_denial"].reason
    kinds = {(i.kind, tuple(i.pages)) for i in asm.report.issues}
    assert ("unreadable", (3,)) in kinds and ("low_confidence", (2,)) in kinds
    bundle = parse_bundle(data, "<test>", tmp_path)
    assert bundle.requests[0].ur_authorized == "2 visits"
    assert bundle.records[1].source is not None and bundle.records[1].source.pages[0].ocr


def test_review_type_gives_the_priority_and_its_absence_is_marked(tmp_path: Path) -> None:
    text = APP_TEXT.replace("Date Received:",
                            "Type of Utilization Review: Expedited\nDate Received:")
    pages = [_page(1, text), _page(2, UR_TEXT)]
    asm = assemble(pages, split_documents(pages), base_dir=tmp_path)
    assert asm.data["priority"] == "expedited"
    assert "priority" not in {c.field for c in asm.report.confirm}
    pages = [_page(1, APP_TEXT), _page(2, UR_TEXT)]
    asm = assemble(pages, split_documents(pages), base_dir=tmp_path)
    assert asm.data["priority"] == "standard"
    assert "priority" in {c.field for c in asm.report.confirm}


def test_without_a_ur_letter_the_items_are_marked_and_the_gap_listed(tmp_path: Path) -> None:
    pages = [_page(1, APP_TEXT)]
    asm = assemble(pages, split_documents(pages), base_dir=tmp_path)
    assert [r["ur_decision"] for r in asm.data["requests"]] == ["denied", "denied"]
    assert {c.field for c in asm.report.confirm} >= {
        "requests[0].ur_decision", "requests[1].ur_decision"}
    assert asm.data["dates"]["ur_denial"] == dt.date(2014, 3, 4)  # from the application
    assert any(i.kind == "missing" and "UR decision letter" in i.detail
               for i in asm.report.issues)


def test_a_field_takes_the_lowest_word_confidence_of_its_lines(tmp_path: Path) -> None:
    text = "NOTICE OF UTILIZATION REVIEW DECISION\nDate of Decision: 03/04/2014\n\n" \
        "Requested Treatment: Lumbar MRI\nDecision: Non-certified\n" \
        "Guidelines Relied Upon: MTUS ACOEM\nChapter 12 me"
    confs = [[96.0, 96.0, 96.0, 96.0], [40.0, 41.0, 42.0, 95.0], [], [94.0, 94.0, 94.0, 94.0],
             [93.0, 93.0], [91.0, 91.0, 91.0, 91.0, 91.0], [90.0, 90.0, 35.0]]
    page = _page(1, text, ocr=True, confidence=90.0, word_confidence=confs)
    form = read_form(split_documents([page])[0], "ur_letter")
    # the label's words ("Date of Decision:") do not count, the value's do
    assert form.fields["decision_date"].confidence == 95.0
    assert form.items[0]["basis"].value == "MTUS ACOEM Chapter 12 me"
    assert form.items[0]["basis"].confidence == 35.0
    asm = assemble([page], split_documents([page]), base_dir=tmp_path)
    assert "requests[0].ur_basis" in {c.field for c in asm.report.confirm}
    assert "dates.ur_denial" not in {c.field for c in asm.report.confirm}


def test_ocr_specks_are_cleaned_from_field_values() -> None:
    assert clean_ocr_value("(web based edition) .") == "(web based edition)"
    assert clean_ocr_value("Dr. Lena , Ortiz") == "Dr. Lena Ortiz"


def test_source_page_of_an_offset() -> None:
    src = SourceRef(file="p.pdf", pages=[SourcePage(page=4, start=0),
                                         SourcePage(page=5, start=120)])
    assert (src.page_at(0), src.page_at(119), src.page_at(120), src.page_at(9999)) == (4, 4, 5, 5)


EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@pytest.fixture(scope="module", params=[("cm13-0057725", 0), ("cm14-0900001", 1),
                                        ("cm13-0057725", 1), ("cm14-0900001", 0)],
                ids=lambda p: f"{p[0]}-style{p[1]}")
def typed_packet(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    case, style = request.param
    out = tmp_path_factory.mktemp("typed")
    packet, _ = make_packet(out, "small", scan=False, style=style,
                            bundle=EXAMPLES / case / "bundle.yaml")
    return packet, json.loads((out / "truth.json").read_text())


def test_typed_packet_matches_the_truth(typed_packet: tuple[Path, dict]) -> None:
    packet, truth = typed_packet
    result = intake_packets([packet], out_dir=packet.parent, ocr=False)
    assert result.problem is None and result.bundle is not None
    s = score(result.data, result.documents, result.pages, truth)
    assert s.failures() == []
    assert result.report.ocr_pages == 0 and result.report.issues == []
    # every record keeps its file and pages, relative to where the bundle is written
    for rec in result.bundle.records:
        assert rec.source is not None and rec.source.file == "packet.pdf"
        assert rec.source.page_numbers
    out = packet.parent / "bundle.yaml"
    result.write(out)
    again = openimr.load_bundle(out)
    assert again.case_number == truth["case"]["case_number"]
    assert [r.item for r in again.requests] == [t["item"] for t in truth["requests"]]
    assert again.intake is not None and again.intake.pages == truth["pages"]


def test_no_ocr_lists_the_scanned_pages_instead_of_dropping_them(tmp_path: Path) -> None:
    packet, truth = make_packet(tmp_path, "small")
    result = intake_packets([packet], out_dir=tmp_path, ocr=False)
    unreadable = sorted(p for i in result.report.issues if i.kind == "unreadable"
                        for p in i.pages)
    assert unreadable == sorted(truth.scanned_pages)


def test_not_a_pdf_is_refused(tmp_path: Path) -> None:
    from openimr.errors import RecordReadError

    f = tmp_path / "notes.txt"
    f.write_text("x")
    with pytest.raises(RecordReadError, match="not a PDF"):
        intake_packets([f])


def test_cli_intake_writes_a_bundle_that_loads(tmp_path: Path) -> None:
    import shutil

    from typer.testing import CliRunner

    from openimr.cli import app

    make_packet(tmp_path, "small", scan=False)
    shutil.copy(tmp_path / "packet.pdf", tmp_path / "in.pdf")
    out = tmp_path / "case" / "bundle.yaml"
    out.parent.mkdir()
    res = CliRunner().invoke(app, ["intake", str(tmp_path / "in.pdf"), "-o", str(out), "-v"])
    assert res.exit_code == 0, res.output
    assert "documents" in res.output
    bundle = openimr.load_bundle(out)
    assert bundle.case_number == "CM13-0057725"
    assert bundle.records[0].source is not None
    assert bundle.records[0].source.file == "../in.pdf"


def test_case_new_accepts_a_packet(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from openimr.cli import app

    packet, _ = make_packet(tmp_path, "small", scan=False)
    db = f"sqlite:///{tmp_path / 'cases.sqlite'}"
    res = CliRunner().invoke(app, ["case", "new", str(packet), "--db", db,
                                   "--at", "2013-11-25T10:05"])
    assert res.exit_code == 0, res.output
    assert "CM13-0057725: eligibility" in res.output


def test_a_folder_of_pdfs_keeps_each_file_and_its_own_page_numbers(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    packet, truth = make_packet(tmp_path / "made", "small", scan=False)
    reader = PdfReader(packet)
    folder = tmp_path / "case"
    folder.mkdir()
    for name, pages in (("1-forms.pdf", range(0, 4)), ("2-records.pdf", range(4, 8))):
        w = PdfWriter()
        for i in pages:
            w.add_page(reader.pages[i])
        with (folder / name).open("wb") as fh:
            w.write(fh)
    result = intake_packets([folder], out_dir=folder, ocr=False)
    assert result.problem is None and result.bundle is not None
    assert result.report.sources == ["1-forms.pdf", "2-records.pdf"]
    got = [(Path(d.file).name, d.type, d.page_numbers) for d in result.documents]
    assert got == [
        ("1-forms.pdf", "imr_application", [1]),
        ("1-forms.pdf", "ur_letter", [2, 3]),
        ("1-forms.pdf", "rfa", [4]),
        ("2-records.pdf", "imaging_report", [1]),
        ("2-records.pdf", "imaging_report", [2]),
        ("2-records.pdf", "progress_report", [3]),
        ("2-records.pdf", "progress_report", [4]),
    ]
    assert [t.type for t in truth.documents] == [g[1] for g in got]
    last = result.bundle.records[-1]
    assert last.source is not None and (last.source.file, last.source.page_numbers) == (
        "2-records.pdf", [4])


def test_a_record_whose_date_cannot_be_read_is_marked(tmp_path: Path) -> None:
    pages = [_page(1, APP_TEXT), _page(2, UR_TEXT),
             _page(3, "PROGRESS REPORT\nDate of Service: 42/03/2013\nSensation is intact.",
                   ocr=True, confidence=88.0)]
    asm = assemble(pages, split_documents(pages), base_dir=tmp_path)
    rec = asm.data["records"][2]
    assert rec["date"] is None  # not guessed
    confirm = {c.field: c for c in asm.report.confirm}
    assert confirm["records[2].date"].value == "42/03/2013"
    assert confirm["records[2].date"].page == 3


def test_page_offsets_hold_in_the_written_bundle(tmp_path: Path) -> None:
    text1 = "PROGRESS REPORT   \nDate of Service: 01/02/2013\t\nPage 1 of 2"
    text2 = "\n  second page  \nPage 2 of 2\n"
    pages = [_page(1, APP_TEXT), _page(2, UR_TEXT), _page(3, text1), _page(4, text2)]
    asm = assemble(pages, split_documents(pages), base_dir=tmp_path)
    from openimr.intake.packets.bundle_yaml import dump_bundle

    out = tmp_path / "b.yaml"
    out.write_text(dump_bundle(asm.data))
    rec = openimr.load_bundle(out).records[2]
    assert rec.source is not None and rec.text is not None
    starts = {p.page: p.start for p in rec.source.pages}
    assert rec.text[starts[3]:].startswith("PROGRESS REPORT")
    assert rec.text[starts[4]:].startswith("  second page")
