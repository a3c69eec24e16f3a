"""FHIR R4 in and out: import a fictional FHIR Bundle, export, import again; ClaimResponse."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import openimr
from openimr.cli import app
from openimr.domain import CaseBundle
from openimr.errors import BundleError
from openimr.intake.fhir import (
    case_to_fhir,
    claim_response_items,
    determination_to_fhir,
    import_fhir,
    read_fhir,
)
from openimr.intake.loader import parse_bundle

DATA = Path(__file__).parent / "data" / "imr-case.json"
EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _case(b: CaseBundle) -> dict[str, Any]:
    """What a round trip must keep: the whole case (evaluation labels and the intake log aside)."""
    d = b.model_dump(mode="json", exclude={"intake", "application"})
    for r in d["requests"]:
        r.pop("expected")
    return d


def test_import_reads_every_part_of_the_case() -> None:
    data, report = import_fhir(DATA)
    b = parse_bundle(data, str(DATA))
    assert b.case_number == "CM14-0900777"
    assert (b.dates.ur_denial.isoformat(), b.dates.application_received.isoformat()) == (
        "2014-02-10", "2014-02-20")
    assert (b.patient.sex, b.patient.date_of_birth.isoformat()) == ("female", "1971-08-19")
    assert b.claim.date_of_injury.isoformat() == "2013-09-12"
    assert b.claim.body_parts == ["lumbar spine"]
    assert b.claim.employer == "Summit Bakery Co."
    assert b.claim.claims_administrator == "Pinecrest Claims Management"
    assert b.claim.providers == ["Dr. Nora Quill"]  # resolved from the Practitioner
    # the certified item is not in dispute; the modified one keeps the authorised part
    assert [(r.item, r.ur_decision, r.ur_authorized) for r in b.requests] == [
        ("MRI of the lumbar spine without contrast", "denied", None),
        ("Physical therapy, 8 visits, lumbar spine", "modified", "2 visits"),
    ]
    kinds = {r.kind for r in b.records}
    assert {"progress report", "physical therapy note", "QME report", "observation",
            "procedure", "medication list", "diagnosis list"} <= kinds
    pt = b.record("pt-2014-01-20")  # the note held in a Binary
    assert "Six visits completed" in (pt.text or "")
    qme = b.record("qme-2013-12-01")  # a Composition's sections, markup removed
    assert "Sensation intact." in (qme.text or "") and "<p>" not in (qme.text or "")
    # a PDF-only DocumentReference and an Encounter are listed, not dropped in silence
    details = [i.detail for i in report.issues]
    assert any("DocumentReference scan" in d for d in details)
    assert any("Encounter" in d for d in details)


def test_round_trip_import_export_import_gives_the_same_case() -> None:
    first = parse_bundle(import_fhir(DATA)[0])
    exported = case_to_fhir(first)
    second = parse_bundle(read_fhir(exported)[0])
    assert _case(second) == _case(first)
    again = case_to_fhir(second)
    assert again == exported  # and the FHIR is stable


@pytest.mark.parametrize("name", ["cm13-0057725", "cm14-0900001"])
def test_example_bundles_survive_export_and_import(name: str) -> None:
    b = openimr.load_bundle(EXAMPLES / name / "bundle.yaml")
    back = parse_bundle(read_fhir(case_to_fhir(b))[0])
    assert _case(back) == _case(b)


def test_a_packet_record_keeps_its_source_pages_through_fhir() -> None:
    data, _ = import_fhir(DATA)
    data["records"][0]["source"] = {"file": "packet.pdf", "pages": [
        {"page": 3, "start": 0, "ocr": True, "confidence": 91.5}, {"page": 4, "start": 200}]}
    b = parse_bundle(data)
    back = parse_bundle(read_fhir(case_to_fhir(b))[0])
    assert back.records[0].source == b.records[0].source


def test_export_validates_against_the_fhir_models() -> None:
    from fhir.resources.R4B.bundle import Bundle
    from fhir.resources.R4B.claim import Claim

    fhir = case_to_fhir(openimr.load_bundle(EXAMPLES / "cm13-0057725" / "bundle.yaml"))
    model = Bundle.model_validate(fhir)
    claims = [e.resource for e in model.entry if isinstance(e.resource, Claim)]
    assert len(claims) == 1 and len(claims[0].item) == 6


def test_invalid_fhir_is_refused_with_the_field() -> None:
    data = json.loads(DATA.read_text())
    bad = copy.deepcopy(data)
    bad["entry"][0]["resource"]["birthDate"] = "not a date"
    with pytest.raises(BundleError, match="birthDate"):
        read_fhir(bad)
    with pytest.raises(BundleError, match="FHIR Bundle is expected"):
        read_fhir({"resourceType": "Patient"})


def test_missing_ur_decision_is_marked_for_confirmation() -> None:
    data = json.loads(DATA.read_text())
    data["entry"] = [e for e in data["entry"] if e["resource"]["resourceType"] != "ClaimResponse"]
    case, report = read_fhir(data)
    fields = {c.field for c in report.confirm}
    assert {"dates.ur_denial", "requests[0].ur_decision"} <= fields
    assert case["dates"]["ur_denial"] is None  # not guessed: the bundle is refused until filled


@pytest.fixture(scope="module")
def determination() -> Any:
    return openimr.decide(openimr.load_bundle(EXAMPLES / "cm13-0057725" / "bundle.yaml"))


def test_claim_response_validates_and_round_trips_the_decisions(determination: Any) -> None:
    from fhir.resources.R4B.bundle import Bundle
    from fhir.resources.R4B.claimresponse import ClaimResponse
    from fhir.resources.R4B.documentreference import DocumentReference

    from openimr.letters import render

    letter = render(determination, "text")
    assert isinstance(letter, str)
    fhir = determination_to_fhir(determination, letter)
    model = Bundle.model_validate(fhir)
    kinds = [type(e.resource) for e in model.entry]
    assert kinds == [ClaimResponse, DocumentReference]
    items = claim_response_items(fhir)
    assert [(i["id"], i["item"], i["decision"], i["guideline"], i["rationale"]) for i in items] == [
        (i.id, i.item, i.decision, i.guideline_text, i.rationale) for i in determination.items]
    doc = fhir["entry"][1]["resource"]
    import base64

    assert base64.b64decode(doc["content"][0]["attachment"]["data"]).decode() == letter
    assert doc["context"]["related"][0]["reference"].endswith("ClaimResponse/imr-determination")


def test_cli_fhir_import_export_and_decide_format_fhir(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "case.yaml"
    res = runner.invoke(app, ["fhir", "import", str(DATA), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "Encounter" in res.output  # the clerk's list, on stderr
    res = runner.invoke(app, ["fhir", "export", str(out), "-o", str(tmp_path / "f.json")])
    assert res.exit_code == 0, res.output
    assert json.loads((tmp_path / "f.json").read_text())["resourceType"] == "Bundle"
    res = runner.invoke(app, ["decide", str(EXAMPLES / "cm14-0900001" / "bundle.yaml"),
                              "--format", "fhir", "-o", str(tmp_path / "cr.json")])
    assert res.exit_code == 0, res.output
    cr = json.loads((tmp_path / "cr.json").read_text())
    assert cr["entry"][0]["resource"]["resourceType"] == "ClaimResponse"


def test_case_new_accepts_a_fhir_bundle(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.sqlite'}"
    res = CliRunner().invoke(app, ["case", "new", str(DATA), "--db", db,
                                   "--at", "2014-02-20T10:00"])
    assert res.exit_code == 0, res.output
    assert "CM14-0900777: eligibility" in res.output


def test_a_pdf_attachment_with_a_text_layer_is_read() -> None:
    import base64

    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(20, 20, "MRI OF THE LUMBAR SPINE: small L4-L5 disc bulge.")
    data = json.loads(DATA.read_text())
    for e in data["entry"]:
        if e["resource"].get("id") == "scan":
            e["resource"]["content"][0]["attachment"] = {
                "contentType": "application/pdf",
                "data": base64.b64encode(bytes(pdf.output())).decode()}
    case, report = read_fhir(data)
    scan = next(r for r in case["records"] if r["id"] == "scan")
    assert "small L4-L5 disc bulge" in scan["text"]
    assert not any("DocumentReference scan" in i.detail for i in report.issues)
