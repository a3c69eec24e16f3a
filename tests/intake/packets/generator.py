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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

try:  # imported as tests.intake.packets.generator (pytest)
    from .packet_documents import (
        PERSONA,
        STYLES,
        DocSpec,
        application,
        chiropractic_note,
        claims_letter,
        fax_cover,
        operative_report,
        pharmacy_statement,
        progress_report,
        qme_report,
        record_doc,
        rfa,
        therapy_note,
        ur_letter,
    )
except ImportError:  # run as a script, or imported from eval/ and benchmarks/
    from packet_documents import (  # type: ignore[no-redef]
        PERSONA,
        STYLES,
        DocSpec,
        application,
        chiropractic_note,
        claims_letter,
        fax_cover,
        operative_report,
        pharmacy_statement,
        progress_report,
        qme_report,
        record_doc,
        rfa,
        therapy_note,
        ur_letter,
    )

REPO = Path(__file__).resolve().parents[3]
EXAMPLE = REPO / "examples" / "cm13-0057725" / "bundle.yaml"

LINES_PER_PAGE = 44

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


def _load_bundle(path: Path) -> Any:
    if "openimr" not in sys.modules:  # run as a script: this checkout's code, not an install
        sys.path.insert(0, str(REPO / "src"))
    import openimr

    return openimr.load_bundle(path)


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
    docs = [fax_cover(b.dates.application_received, 60), app, ur, req]
    docs[0].blank_after = True
    docs.append(operative_report(b.claim.date_of_injury))
    docs.append(progress_report(dt.date(2013, 5, 2), doctor, rnd, initial=True))
    for r in recs:
        if r.kind == "MRI report":
            docs.append(by_id[r.id])
    start = dt.date(2013, 5, 14)
    for i in range(22):
        docs.append(therapy_note(start + dt.timedelta(days=7 * i), i + 1, rnd))
        if i % 4 == 3:
            docs.append(progress_report(start + dt.timedelta(days=7 * i + 2), doctor, rnd))
    for i in range(8):
        docs.append(chiropractic_note(dt.date(2013, 9, 2) + dt.timedelta(days=7 * i), rnd))
    docs.append(pharmacy_statement(dt.date(2013, 8, 30)))
    docs.append(qme_report(dt.date(2013, 9, 18)))
    docs.append(claims_letter(dt.date(2013, 9, 30)))
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
