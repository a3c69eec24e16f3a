"""A small fictional packet with scanned (image-only, fax-like) pages, read through Tesseract.

The 60-page packet is measured by ``eval/packet_intake.py``; this one has 8 pages, 3 of them
scanned, so the suite stays quick. Skipped only when Tesseract is truly absent (CI installs it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import openimr
from openimr.intake.packets import PacketIntake, intake_packets, tesseract_available

from .generator import EXAMPLE, make_packet
from .scoring import score

pytestmark = pytest.mark.skipif(
    not tesseract_available(), reason="Tesseract OCR is not installed (apt-get install "
    "tesseract-ocr tesseract-ocr-eng; pip install pytesseract)"
)


EXAMPLES = EXAMPLE.parents[1]


@pytest.fixture(scope="module", params=[("cm13-0057725", 0), ("cm14-0900001", 1)],
                ids=lambda p: f"{p[0]}-style{p[1]}")
def scanned(request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> tuple[PacketIntake, dict[str, Any]]:
    case, style = request.param
    out = tmp_path_factory.mktemp("scanned")
    packet, _ = make_packet(out, "small", style=style, bundle=EXAMPLES / case / "bundle.yaml")
    truth = json.loads((out / "truth.json").read_text())
    truth["bundle"] = str(EXAMPLES / case / "bundle.yaml")
    result = intake_packets([packet], out_dir=out, workers=2)
    result.write(out / "bundle.yaml")
    return result, truth


def test_scanned_packet_matches_the_truth(scanned: tuple[PacketIntake, dict[str, Any]]) -> None:
    result, truth = scanned
    s = score(result.data, result.documents, result.pages, truth)
    assert s.failures() == []
    assert s.doc_dates == (len(truth["documents"]),) * 2
    assert s.doc_authors == (len(truth["documents"]),) * 2
    assert s.ocr and min(s.ocr.values()) >= 0.97, s.ocr
    assert result.report.ocr_pages == len(truth["scanned_pages"])


def test_ocr_confidence_is_kept_per_page(scanned: tuple[PacketIntake, dict[str, Any]]) -> None:
    result, truth = scanned
    assert result.bundle is not None
    ocr_pages = {p.page: p for r in result.bundle.records if r.source
                 for p in r.source.pages if p.ocr}
    assert set(ocr_pages) == {int(n) for n in truth["scanned_pages"]}
    assert all(p.confidence is not None and p.confidence > 50 for p in ocr_pages.values())


def test_decision_matches_the_hand_written_bundle(
    scanned: tuple[PacketIntake, dict[str, Any]],
) -> None:
    result, truth = scanned
    assert result.bundle is not None
    from_packet = openimr.decide(result.bundle)
    by_hand = openimr.decide(openimr.load_bundle(truth["bundle"]))
    got = [(i.item, i.decision, i.topic, i.guideline_text) for i in from_packet.items]
    want = [(i.item, i.decision, i.topic, i.guideline_text) for i in by_hand.items]
    assert got == want
    # Every evidence span leads back to the page of the PDF it was read from.
    for item in from_packet.items:
        for ev in item.evidence:
            rec = result.bundle.record(ev.record)
            assert rec.source is not None
            page = rec.source.page_at(ev.start)
            assert (ev.file, ev.page) == (rec.source.file, page)  # set by openimr.decide
            page_text = next(p.text for p in result.pages if p.number == page)
            assert ev.text in " ".join(page_text.split()) or ev.text in page_text


def test_a_faxed_tiff_is_read_page_by_page(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    packet, truth = make_packet(tmp_path, "small", scan=False)
    doc = pdfium.PdfDocument(packet)
    frames = [doc[i].render(scale=300 / 72, grayscale=True).to_pil().convert("1")
              for i in (0, 6)]  # the application and a progress report
    doc.close()
    tiff = tmp_path / "fax.tif"
    frames[0].save(tiff, save_all=True, append_images=frames[1:], compression="group4",
                   dpi=(300, 300))
    result = intake_packets([tiff], out_dir=tmp_path, workers=1)
    assert [(d.type, d.page_numbers) for d in result.documents] == [
        ("imr_application", [1]), ("progress_report", [2])]
    assert result.report.ocr_pages == 2
    assert result.data["case_number"] == truth.case["case_number"]
    # no UR letter in this fax: listed, and UR's decisions marked to confirm, not assumed silently
    assert any(i.kind == "missing" for i in result.report.issues)
    assert "requests[0].ur_decision" in {c.field for c in result.report.confirm}
