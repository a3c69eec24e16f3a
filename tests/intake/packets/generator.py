"""Fictional IMR packets with their truth, for intake tests, the evaluation and the benchmark.

A packet is made from a hand-written case bundle (``examples/cm13-0057725/bundle.yaml`` by
default): the IMR application, the UR decision letter and the RFA are written from the
bundle's case data and disputed items, its records become typed reports, and the ``full``
packet adds neutral records of the same fictional case (earlier progress reports, therapy and
chiropractic notes, a QME report, an operative report for a hand laceration, a fax cover
sheet, a pharmacy statement, an unheaded letter) to reach about 60 pages. About half the
documents are "scanned": their typed pages are rasterised, skewed, speckled and thresholded
like a fax, and stored as image-only pages, so intake must OCR them.

Every name, number and sentence here is invented. Run as a script to write a packet:

    python tests/intake/packets/generator.py OUT_DIR [--size full|small] [--seed N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import sys
import textwrap
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
EXAMPLE = REPO / "examples" / "cm13-0057725" / "bundle.yaml"

WRAP = 84  # characters per typed line
LINES_PER_PAGE = 44

PERSONA = {
    "name": "Jordan Vale",
    "date_of_birth": dt.date(1966, 3, 2),
    "sex": "male",
    "claim_number": "HC-2013-44817",
    "ur_reviewer": "Dr. Helen Marsh",
    "ur_org": "COASTLINE CLAIMS SERVICES - UTILIZATION REVIEW UNIT",
    "clinic": "Bayside Spine and Occupational Medicine, 400 Harbor Way, Oakport CA",
    "imaging": "Oakport Imaging Center, 12 Mill Street, Oakport CA",
    "therapist": "Maya Chen, PT",
    "chiropractor": "Dr. Felix Grant",
    "qme": "Dr. Ruth Alvarez",
    "surgeon": "Dr. Owen Blake",
}

# Label and date styles: style 0 is the plainest; style 1 uses the other labels intake knows
# (forms.yaml), dates written out in words, and "Not certified" for a denial.
STYLES: list[dict[str, str]] = [
    {"case": "IMR Case Number", "received": "Date Received", "name": "Employee Name",
     "dob": "Employee Date of Birth", "sex": "Sex", "doi": "Date of Injury",
     "parts": "Injured Body Parts", "employer": "Employer",
     "ca": "Claims Administrator", "doctor": "Requesting Physician",
     "ur_date": "Date of UR Decision", "disputed": "Disputed Treatment",
     "decided": "Date of Decision", "worker": "Employee", "rfa_received": "Date Request Received",
     "requested": "Requested Treatment", "decision": "Decision", "denied": "Non-certified",
     "authorized": "Authorized", "basis": "Guidelines Relied Upon", "ur_heading":
     "NOTICE OF UTILIZATION REVIEW DECISION", "dates": "mdy"},
    {"case": "IMR Number", "received": "Received by IMRO", "name": "Injured Worker",
     "dob": "Date of Birth (MM/DD/YYYY)", "sex": "Gender", "doi": "DOI",
     "parts": "Parts of Body Injured",
     "employer": "Employer Name", "ca": "Claims Administrator Company Name",
     "doctor": "Requesting Physician Name",
     "ur_date": "Date of UR Decision (MM/DD/YYYY)",
     "disputed": "Services/goods disputed for reasons of medical necessity",
     "decided": "Decision Date", "worker": "Injured Worker", "rfa_received": "RFA Received",
     "requested": "Treatment Requested", "decision": "Determination",
     "denied": "Not certified", "authorized": "Certified Portion", "basis": "Criteria Used",
     "ur_heading": "UTILIZATION REVIEW DETERMINATION", "dates": "words"},
]


def _dates(b: Any) -> dict[str, dt.date]:
    """The fictional dates around the case's own: RFA, its receipt, the signed application."""
    return {"rfa_date": b.dates.ur_denial - dt.timedelta(days=9),
            "rfa_received": b.dates.ur_denial - dt.timedelta(days=7),
            "signed": (b.dates.application_received or b.dates.ur_denial)
            - dt.timedelta(days=5)}


@dataclass
class DocSpec:
    type: str  # the document type intake should find (documents.yaml)
    kind: str  # the record kind intake should write
    date: dt.date | None
    author: str | None
    lines: list[str]
    scanned: bool = False
    blank_after: bool = False  # a blank scanned page follows (the back of a faxed sheet)


@dataclass
class DocTruth:
    type: str
    kind: str
    date: str | None
    author: str | None
    pages: list[int]
    scanned: bool


@dataclass
class Truth:
    case: dict[str, Any]
    requests: list[dict[str, Any]]
    documents: list[DocTruth] = field(default_factory=list)
    scanned_pages: dict[int, str] = field(default_factory=dict)  # page -> printed text
    blank_pages: list[int] = field(default_factory=list)
    unclassified_pages: list[int] = field(default_factory=list)
    pages: int = 0

    def to_json(self) -> str:
        d = asdict(self)
        d["scanned_pages"] = {str(k): v for k, v in self.scanned_pages.items()}
        return json.dumps(d, indent=2, default=str)


def mdy(d: dt.date, style: dict[str, str] | None = None) -> str:
    if style is not None and style["dates"] == "words":
        return f"{d.strftime('%B')} {d.day}, {d.year}"
    return d.strftime("%m/%d/%Y")


def _wrap(text: str) -> list[str]:
    out: list[str] = []
    for para in text.strip("\n").split("\n"):
        out.extend(textwrap.wrap(para, WRAP) or [""])
    return out


def _labelled(label: str, value: str) -> list[str]:
    return textwrap.wrap(f"{label}: {value}", WRAP)


def _load_bundle(path: Path) -> Any:
    if "openimr" not in sys.modules:  # run as a script: this checkout's code, not an install
        sys.path.insert(0, str(REPO / "src"))
    import openimr

    return openimr.load_bundle(path)


# --------------------------------------------------------------------------- forms


def application(b: Any, p: dict[str, Any], st: dict[str, str]) -> DocSpec:
    when = _dates(b)
    lines = [
        "STATE OF CALIFORNIA - DIVISION OF WORKERS' COMPENSATION",
        "APPLICATION FOR INDEPENDENT MEDICAL REVIEW",
        "DWC Form IMR (fictional test form)",
        "",
        f"{st['case']}: {b.case_number}",
        f"{st['received']}: {mdy(b.dates.application_received, st)}",
        f"Type of Utilization Review: {'Expedited' if b.priority == 'expedited' else 'Regular'}",
        "",
        "EMPLOYEE INFORMATION",
        f"{st['name']}: {p['name']}",
        f"{st['dob']}: {mdy(p['date_of_birth'], st)}",
        f"{st['sex']}: {p['sex'].title()}",
        f"Claim Number: {p['claim_number']}",
        f"{st['doi']}: {mdy(b.claim.date_of_injury, st)}",
        f"{st['parts']}: {', '.join(b.claim.body_parts)}",
        "",
        f"{st['employer']}: {b.claim.employer}",
        f"{st['ca']}: {b.claim.claims_administrator}",
        f"{st['doctor']}: {b.claim.providers[0]}",
        f"{st['ur_date']}: {mdy(b.dates.ur_denial, st)}",
        "",
        "DISPUTED MEDICAL TREATMENT",
    ]
    for r in b.requests:
        lines += _labelled(st["disputed"], r.item)
    lines += [
        "",
        "I ask for an independent medical review of each treatment listed above, which the",
        "utilization review decision of the claims administrator did not approve.",
        "",
        f"Signature: /s/ {p['name']}",
        f"Date Signed: {mdy(when['signed'], st)}",
    ]
    return DocSpec("imr_application", "IMR application", when["signed"], None, lines)


def ur_letter(b: Any, p: dict[str, Any], st: dict[str, str]) -> DocSpec:
    lines = [
        p["ur_org"],
        st["ur_heading"],
        "",
        f"{st['decided']}: {mdy(b.dates.ur_denial, st)}",
        f"{st['worker']}: {p['name']}",
        f"Claim Number: {p['claim_number']}",
        f"{st['doi']}: {mdy(b.claim.date_of_injury, st)}",
        f"{st['doctor']}: {b.claim.providers[0]}",
        f"{st['rfa_received']}: {mdy(_dates(b)['rfa_received'], st)}",
        "",
        *_wrap("A physician reviewer looked at the request for authorization and the medical "
               "records sent with it. The decision on each requested treatment follows."),
    ]
    for r in b.requests:
        lines.append("")
        lines += _labelled(st["requested"], r.item)
        if r.ur_decision == "modified":
            lines.append(f"{st['decision']}: Modified")
            lines += _labelled(st["authorized"], r.ur_authorized or "")
        else:
            lines.append(f"{st['decision']}: {st['denied']}")
        if r.ur_basis:
            lines += _labelled(st["basis"], " ".join(r.ur_basis.split()))
    lines += ["", *_wrap("You may ask for an independent medical review of this decision."),
              "", f"Signed by: {p['ur_reviewer']}, physician reviewer"]
    return DocSpec("ur_letter", "UR determination", b.dates.ur_denial, p["ur_reviewer"], lines)


def rfa(b: Any, p: dict[str, Any], st: dict[str, str]) -> DocSpec:
    when = _dates(b)["rfa_date"]
    lines = [
        "REQUEST FOR AUTHORIZATION",
        "DWC Form RFA (fictional test form)",
        "",
        f"Date of Request: {mdy(when, st)}",
        f"Employee Name: {p['name']}",
        f"{st['doi']}: {mdy(b.claim.date_of_injury, st)}",
        f"Claim Number: {p['claim_number']}",
        f"Requesting Physician: {b.claim.providers[0]}",
        "",
    ]
    for r in b.requests:
        lines += _labelled("Requested Treatment", r.item)
    lines += ["", f"Diagnosis: injury of the {' and the '.join(b.claim.body_parts)}", "",
              f"Signed by: {b.claim.providers[0]}"]
    return DocSpec("rfa", "RFA", when, b.claim.providers[0], lines)


# --------------------------------------------------------------------------- records

_TYPE_OF_KIND = {
    "progress report": "progress_report",
    "pain management progress report": "progress_report",
    "MRI report": "imaging_report",
    "UR determination": "ur_letter",
}


def record_doc(rec: Any, p: dict[str, Any], st: dict[str, str] | None = None) -> DocSpec:
    text_lines = (rec.text or "").strip().split("\n")
    heading, body = text_lines[0], "\n".join(text_lines[1:])
    place = p["imaging"] if rec.kind == "MRI report" else p["clinic"]
    label = "Exam Date" if rec.kind == "MRI report" else "Date of Service"
    lines = [place, "", heading, "", f"Patient: {p['name']}", f"{label}: {mdy(rec.date, st)}",
             "", *_wrap(" ".join(body.split()))]
    if rec.author:
        lines += ["", f"Electronically signed by: {rec.author}"]
    return DocSpec(_TYPE_OF_KIND[rec.kind], rec.kind, rec.date, rec.author, lines)


def _pr(d: dt.date, author: str, rnd: random.Random, initial: bool = False) -> DocSpec:
    pain = rnd.choice([4, 5, 5, 6])
    head = ("INITIAL ORTHOPEDIC EVALUATION" if initial
            else "PRIMARY TREATING PHYSICIAN PROGRESS REPORT")
    hist = (
        "History: The patient is a warehouse worker who was lifting a carton on a loading dock "
        "when he felt pain in the neck and the low back. He also cut the left palm on a metal "
        "edge that day; the cut was repaired the same day. He reports no prior injury to the "
        "neck or back. "
    ) if initial else ""
    body = (
        f"{hist}Subjective: The patient reports neck pain and low back pain rated {pain}/10. "
        "The pain is worse with prolonged sitting and lifting. Sleep is fair. The patient "
        "attends therapy as scheduled and does the home exercises. "
        "Objective: Tenderness over the cervical and lumbar paraspinal muscles. Cervical and "
        "lumbar range of motion are mildly limited at the end of range. Sensation is intact to "
        "light touch in the upper and lower extremities. Motor strength is 5/5 throughout. "
        "Reflexes are symmetric. Gait is normal. The left palm scar is healed. "
        "Assessment: Cervical strain. Lumbar strain. "
        "Plan: Continue physical therapy and the home exercise program. Modified duty with no "
        "lifting over 20 pounds. Ibuprofen as needed. Return in four weeks."
    )
    extra = (
        "Work status: modified duty. The employer has modified work available. "
        "Discussion: The patient and I discussed the expected course of a strain, the value of "
        "staying active, and the plan for gradual return to full duty over the coming weeks. "
        "Questions were answered. "
    ) * (14 if initial else 9)
    lines = [p_ for p_ in [PERSONA["clinic"], "", head, "", f"Patient: {PERSONA['name']}",
                           f"Date of Service: {mdy(d)}", ""]]
    lines += _wrap(body) + [""] + _wrap(extra) + ["", f"Electronically signed by: {author}"]
    return DocSpec("progress_report", "progress report", d, author, lines)


def _pt(d: dt.date, visit: int, rnd: random.Random) -> DocSpec:
    pain = rnd.choice([3, 4, 4, 5])
    body = (
        f"Visit {visit} of 22. The patient reports neck and low back pain rated {pain}/10 today. "
        "Treatment: therapeutic exercise for cervical and lumbar stabilization, stretching of "
        "the hamstrings and the upper trapezius, manual therapy to the lumbar paraspinals, and "
        "review of the home exercise program. The patient tolerated the session well. "
        "Assessment: progressing toward goals; lifting tolerance is better. "
        "Plan: continue twice a week."
    )
    lines = [PERSONA["clinic"], "", "PHYSICAL THERAPY DAILY NOTE", "",
             f"Patient: {PERSONA['name']}", f"Date of Service: {mdy(d)}", "", *_wrap(body), "",
             f"Therapist: {PERSONA['therapist']}"]
    return DocSpec("therapy_note", "physical therapy note", d, PERSONA["therapist"], lines)


def _chiro(d: dt.date, rnd: random.Random) -> DocSpec:
    body = (
        "The patient reports stiffness of the neck and the low back. Treatment: myofascial "
        "release and instruction in posture at work. No manipulation was done today. "
        f"The patient reports {rnd.choice([20, 25, 30])} percent improvement since the start of "
        "care. Plan: two more visits, then home care."
    )
    lines = ["Oakport Chiropractic Group", "", "CHIROPRACTIC TREATMENT NOTE", "",
             f"Patient: {PERSONA['name']}", f"Date of Service: {mdy(d)}", "", *_wrap(body), "",
             f"Electronically signed by: {PERSONA['chiropractor']}"]
    return DocSpec("therapy_note", "chiropractic note", d, PERSONA["chiropractor"], lines)


def _qme(d: dt.date) -> DocSpec:
    sections = [
        ("IDENTIFICATION", "This evaluation was requested by the parties to address the "
         "injury of the neck and the low back. I reviewed the records listed below, took a "
         "history from the examinee and examined him. Time spent: three hours."),
        ("HISTORY OF THE INJURY", "The examinee lifted a carton on a loading dock and felt pain "
         "in the neck and the low back. He reported the injury the same day. He was seen at the "
         "occupational clinic, placed on modified duty and referred to physical therapy."),
        ("COURSE OF TREATMENT", "He has had physical therapy, a short course of chiropractic "
         "care and anti-inflammatory medication. He has not had injections or surgery on the "
         "spine. He continues a home exercise program."),
        ("PRESENT COMPLAINTS", "Aching neck and low back pain, worse with prolonged sitting, "
         "better with walking and exercise."),
        ("PAST MEDICAL HISTORY", "No diabetes. No cancer. No prior spine injury. No fever or "
         "weight loss."),
        ("PHYSICAL EXAMINATION", "He walks with a normal gait. There is mild tenderness of the "
         "cervical and lumbar paraspinal muscles. Range of motion of the neck and the lumbar "
         "spine is mildly limited. Sensation is intact in all dermatomes of the upper and lower "
         "extremities. Strength is 5/5. Reflexes are 2+ and symmetric."),
        ("REVIEW OF RECORDS", "Progress reports of the treating physician from May to August "
         "2013. Physical therapy notes. Cervical and lumbar MRI reports of 06/14/2013."),
        ("DIAGNOSES", "Cervical strain. Lumbar strain."),
        ("DISCUSSION", "The examinee has had the expected course of a strain of the neck and "
         "the low back, with gradual improvement. He has not reached maximal medical "
         "improvement. Continued home exercise is reasonable."),
    ]
    lines = ["Alvarez Medical-Legal Evaluations", "", "QUALIFIED MEDICAL EVALUATION REPORT", "",
             f"Examinee: {PERSONA['name']}", f"Date of Evaluation: {mdy(d)}", ""]
    filler = ("The statements in this section are based on the history given, the records "
              "reviewed and the examination. ")
    for title, text in sections:
        lines += [title, *_wrap(text + filler * 13), ""]
    lines += [f"Evaluator: {PERSONA['qme']}"]
    return DocSpec("medical_legal_report", "QME report", d, PERSONA["qme"], lines)


def _operative(d: dt.date) -> DocSpec:
    body = (
        "Preoperative diagnosis: laceration of the left palm, 3 cm. Postoperative diagnosis: "
        "same. Procedure: irrigation and layered closure of the laceration. Anesthesia: local. "
        "Findings: a clean laceration without tendon or nerve injury; flexor function and "
        "sensation of the fingers were normal before and after the repair. The wound was "
        "irrigated and closed. Estimated blood loss: minimal. The patient left in good "
        "condition. Sutures out in ten days."
    )
    lines = ["Oakport Urgent Surgery Center", "", "OPERATIVE REPORT", "",
             f"Patient: {PERSONA['name']}", f"Date of Procedure: {mdy(d)}", "", *_wrap(body),
             "", f"Surgeon: {PERSONA['surgeon']}"]
    return DocSpec("operative_report", "operative report", d, PERSONA["surgeon"], lines)


def _fax_cover(d: dt.date, pages: int) -> DocSpec:
    lines = ["FAX COVER SHEET", "", "To: IMR intake unit", "From: Coastline Claims Services",
             f"Date: {mdy(d)}", f"Pages: {pages} including this sheet", "",
             *_wrap("Records for the independent medical review of the claim below, as "
                    "requested. Please call the sender if any page is missing or unreadable."),
             "", f"Claim Number: {PERSONA['claim_number']}"]
    return DocSpec("other", "other", d, None, lines)


def _pharmacy(d: dt.date) -> DocSpec:
    lines = ["Harbor Pharmacy", "", "PHARMACY STATEMENT", "", f"Patient: {PERSONA['name']}",
             f"Date: {mdy(d)}", "", "Ibuprofen 600 mg tablets, 60 tablets, 2 refills.",
             "Cyclobenzaprine was not dispensed."]
    return DocSpec("other", "other", d, None, lines)


def _letter(d: dt.date) -> DocSpec:
    lines = ["Coastline Claims Services", "", f"{d.strftime('%B')} {d.day}, {d.year}", "",
             f"Re: {PERSONA['name']}", "",
             *_wrap("Dear Mr. Vale, we received your change of address and have updated our "
                    "records. Future mail about your claim will go to the new address. Please "
                    "keep this letter for your records."), "", "Claims examiner"]
    return DocSpec("other", "other", d, None, lines)


# --------------------------------------------------------------------------- the packet


def case_documents(b: Any, size: str = "full", seed: int = 15, scan: bool = True,
                   style: int = 0) -> list[DocSpec]:
    """The documents of the packet of case ``b``, in packet order, with scanned flags."""
    rnd = random.Random(seed)
    p = PERSONA
    st = STYLES[style]
    recs = [r for r in b.records if r.kind != "UR determination"]
    by_id = {r.id: record_doc(r, p, st) for r in recs}
    app, ur, req = application(b, p, st), ur_letter(b, p, st), rfa(b, p, st)
    if size == "small":
        app.scanned = False
        docs = [app, ur, req]
        for r in recs:
            d = by_id[r.id]
            d.scanned = scan and r.id == next(
                (x.id for x in recs if "progress" in x.kind), None)
            docs.append(d)
        ur.scanned = scan
        return docs
    doctor = b.claim.providers[0]
    docs = [_fax_cover(b.dates.application_received, 60), app, ur, req]
    docs[0].blank_after = True
    docs.append(_operative(b.claim.date_of_injury))
    docs.append(_pr(dt.date(2013, 5, 2), doctor, rnd, initial=True))
    for r in recs:
        if r.kind == "MRI report":
            docs.append(by_id[r.id])
    start = dt.date(2013, 5, 14)
    for i in range(22):
        docs.append(_pt(start + dt.timedelta(days=7 * i), i + 1, rnd))
        if i % 4 == 3:
            docs.append(_pr(start + dt.timedelta(days=7 * i + 2), doctor, rnd))
    for i in range(8):
        docs.append(_chiro(dt.date(2013, 9, 2) + dt.timedelta(days=7 * i), rnd))
    docs.append(_pharmacy(dt.date(2013, 8, 30)))
    docs.append(_qme(dt.date(2013, 9, 18)))
    docs.append(_letter(dt.date(2013, 9, 30)))
    for r in recs:
        if r.kind != "MRI report":
            docs.append(by_id[r.id])
    # Scanned: the application and UR letter (faxed), then every other record.
    for i, d in enumerate(docs):
        d.scanned = scan and (d.type in ("imr_application", "ur_letter") or (i % 2 == 1 and i > 3))
        d.blank_after = d.blank_after and scan
    return docs


def _paginate(doc: DocSpec) -> list[list[str]]:
    body = LINES_PER_PAGE - 2
    chunks = [doc.lines[i:i + body] for i in range(0, len(doc.lines), body)] or [[]]
    n = len(chunks)
    return [chunk + ["", f"Page {k} of {n}"] for k, chunk in enumerate(chunks, start=1)]


def _typed_pdf(pages: list[list[str]]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="letter", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10.5)
    for lines in pages:
        pdf.add_page()
        y = 18.0
        for line in lines:
            if line:
                pdf.text(20, y, line)
            y += 5.6
    return bytes(pdf.output())


# How rough a scan is: dots per inch, the largest skew (degrees), the grey noise before the
# threshold, and the share of pixels turned into black specks. "fax" is a fine-mode fax of a
# clean page; "rough" a standard-mode fax (200 dpi) of a crooked, dirty copy.
NOISE = {
    "fax": {"dpi": 300, "skew": 1.0, "sigma": 18.0, "specks": 0.0005},
    "rough": {"dpi": 200, "skew": 2.5, "sigma": 30.0, "specks": 0.002},
}


def _scan(page_pdf: Any, index: int, rnd: random.Random, blank: bool = False,
          noise: str = "fax") -> bytes:
    """A page as a fax would make it: skewed, speckled, black and white, image-only."""
    import numpy as np
    from PIL import Image

    n = NOISE[noise]
    dpi = int(n["dpi"])
    if blank:
        img = Image.new("L", (int(8.5 * dpi), 11 * dpi), 255)
    else:
        img = page_pdf[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    img = img.rotate(rnd.uniform(-n["skew"], n["skew"]), resample=Image.BICUBIC, expand=False,
                     fillcolor=255)
    arr = np.asarray(img, dtype=np.int16)
    grey = np.random.default_rng(rnd.randrange(1 << 30)).normal(0, n["sigma"], arr.shape)
    arr = np.clip(arr + grey, 0, 255)
    bw = arr > 150
    speckle = np.random.default_rng(rnd.randrange(1 << 30)).random(arr.shape)
    bw = np.where(speckle < n["specks"], False, bw)  # black specks, as on a fax
    out = Image.fromarray((bw * 255).astype("uint8")).convert("1")
    buf = io.BytesIO()
    out.save(buf, "PDF", resolution=dpi)
    return buf.getvalue()


def render_packet(docs: list[DocSpec], b: Any, out: Path, seed: int = 15,
                  noise: str = "fax") -> Truth:
    """Write ``out`` (the packet PDF) and return its truth."""
    import pypdfium2 as pdfium
    from pypdf import PdfReader, PdfWriter

    rnd = random.Random(seed + 1)
    all_pages: list[list[str]] = []
    plan: list[tuple[int | None, bool]] = []  # (typed page index or None for blank, scanned)
    truth = Truth(case=_case_truth(b), requests=_request_truth(b))
    for doc in docs:
        numbers = []
        for lines in _paginate(doc):
            all_pages.append(lines)
            plan.append((len(all_pages) - 1, doc.scanned))
            numbers.append(len(plan))
            if doc.scanned:
                truth.scanned_pages[len(plan)] = "\n".join(lines)
            if doc.type == "other" and doc.lines and doc.lines[0].startswith("Coastline"):
                truth.unclassified_pages.append(len(plan))
        if doc.blank_after:
            plan.append((None, True))
            numbers.append(len(plan))
            truth.blank_pages.append(len(plan))
        author = doc.author.split(",")[0] if doc.author else None  # the name, no credentials
        truth.documents.append(DocTruth(doc.type, doc.kind,
                                        doc.date.isoformat() if doc.date else None,
                                        author, numbers, doc.scanned))
    typed = _typed_pdf(all_pages)
    typed_reader = PdfReader(io.BytesIO(typed))
    rendered = pdfium.PdfDocument(typed)
    writer = PdfWriter()
    for index, scanned in plan:
        if scanned:
            data = _scan(rendered, index or 0, rnd, blank=index is None, noise=noise)
            writer.add_page(PdfReader(io.BytesIO(data)).pages[0])
        else:
            assert index is not None
            writer.add_page(typed_reader.pages[index])
    rendered.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        writer.write(fh)
    truth.pages = len(plan)
    return truth


def _case_truth(b: Any) -> dict[str, Any]:
    return {
        "case_number": b.case_number,
        "priority": b.priority,
        "dates.application_received": b.dates.application_received.isoformat(),
        "dates.ur_denial": b.dates.ur_denial.isoformat(),
        "patient.date_of_birth": PERSONA["date_of_birth"].isoformat(),
        "patient.sex": PERSONA["sex"],
        "claim.date_of_injury": b.claim.date_of_injury.isoformat(),
        "claim.body_parts": list(b.claim.body_parts),
        "claim.employer": b.claim.employer,
        "claim.claims_administrator": b.claim.claims_administrator,
        "claim.providers[0]": b.claim.providers[0],
    }


def _request_truth(b: Any) -> list[dict[str, Any]]:
    return [{"item": r.item, "ur_decision": r.ur_decision,
             "ur_basis": " ".join(r.ur_basis.split()) if r.ur_basis else None,
             "ur_authorized": r.ur_authorized} for r in b.requests]


def make_packet(out_dir: Path, size: str = "full", seed: int = 15,
                bundle: Path = EXAMPLE, scan: bool = True, style: int = 0,
                noise: str = "fax") -> tuple[Path, Truth]:
    """Write ``packet.pdf`` and ``truth.json`` in ``out_dir``; return the packet and truth.

    ``scan=False`` keeps every page typed (a text layer throughout: no OCR needed).
    """
    b = _load_bundle(bundle)
    if size == "full" and Path(bundle).resolve() != EXAMPLE.resolve():
        raise ValueError("the full packet's extra records belong to the example case; "
                         "use size 'small' for another bundle")
    docs = case_documents(b, size, seed, scan, style)
    out_dir.mkdir(parents=True, exist_ok=True)
    packet = out_dir / "packet.pdf"
    truth = render_packet(docs, b, packet, seed, noise)
    (out_dir / "truth.json").write_text(truth.to_json(), encoding="utf-8")
    return packet, truth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--size", choices=["full", "small"], default="full")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--bundle", type=Path, default=EXAMPLE)
    ap.add_argument("--typed", action="store_true", help="no scanned pages")
    ap.add_argument("--style", type=int, choices=range(len(STYLES)), default=0,
                    help="label and date style of the forms")
    ap.add_argument("--noise", choices=sorted(NOISE), default="fax", help="how rough a scan is")
    args = ap.parse_args(argv)
    packet, truth = make_packet(args.out_dir, args.size, args.seed, args.bundle,
                                scan=not args.typed, style=args.style, noise=args.noise)
    scanned = len(truth.scanned_pages) + len(truth.blank_pages)
    print(f"wrote {packet}: {truth.pages} pages ({scanned} scanned), "
          f"{len(truth.documents)} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
