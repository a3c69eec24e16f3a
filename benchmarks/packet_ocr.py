"""How long OCR of a scanned packet takes on this machine.

    python benchmarks/packet_ocr.py [--pages 100] [--workers 2] [--serial] [--packet PDF]

Builds a fictional packet of ``--pages`` image-only, fax-like pages (the documents of
``tests/intake/packets/generator.py``, every page scanned), then times ``openimr intake`` on
it: reading the pages (Tesseract, one process per worker, page by page) and the rest
(splitting, classifying, forms, bundle). ``--serial`` also times one worker, for the speed-up.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "intake" / "packets"))

import generator  # noqa: E402

from openimr.intake.packets import intake_packets  # noqa: E402


def build(out: Path, pages: int) -> Path:
    b = generator._load_bundle(generator.EXAMPLE)
    docs: list[generator.DocSpec] = []
    total = 0
    seed = 15
    while total < pages:
        for d in generator.case_documents(b, "full", seed):
            n = len(generator._paginate(d))
            if total + n > pages:
                continue
            d.scanned, d.blank_after = True, False
            docs.append(d)
            total += n
        seed += 1
        if total >= pages - 1:
            break
    packet = out / "scanned.pdf"
    generator.render_packet(docs, b, packet, 15)
    return packet


def run(packet: Path, workers: int) -> tuple[float, int, int]:
    t0 = time.perf_counter()
    result = intake_packets([packet], workers=workers, progress=True)
    return time.perf_counter() - t0, result.report.pages, result.report.ocr_pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--serial", action="store_true", help="also time one worker")
    ap.add_argument("--packet", type=Path, help="time this packet instead of building one")
    args = ap.parse_args(argv)
    if args.packet:
        packet = args.packet
    else:
        out = Path(tempfile.mkdtemp(prefix="openimr-ocr-bench-"))
        t0 = time.perf_counter()
        packet = build(out, args.pages)
        print(f"built {packet} in {time.perf_counter() - t0:.1f}s", flush=True)
    print(f"{os.cpu_count()} cores", flush=True)
    for workers in ([1] if args.serial else []) + [args.workers]:
        secs, pages, ocr = run(packet, workers)
        print(f"workers={workers}: {pages} pages ({ocr} OCR) in {secs:.1f}s = "
              f"{secs / max(1, pages):.2f} s/page, {pages / secs * 60:.1f} pages/min", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
