"""How fast published letters are read and stored, and what a year of them would take.

    python benchmarks/letters_speed.py [--repeat 3] [--workers 2] [--letters DIR]

Measures, on this machine:
  1. parsing text already extracted from the PDFs (letters/s, one process);
  2. PDF text extraction plus parsing, with pypdf and with pdfplumber (letters/s, one process);
  3. the whole ingest (hash, extract, parse, categorise in a process pool; one SQLite writer)
     into a fresh database, and from it the time for 141,621 letters (DWC's 2024 count);
  4. ingest of fictional text letters (no PDF step), to show what the single writer sustains.
Reads the 72 real 2016 letters from ../shared (never copied); without them it renders
fictional letters to PDF with OpenIMR's own renderer.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from openimr.letters_in import parse_letter
from openimr.letters_in.ingest import ingest
from openimr.letters_in.repository import open_store
from openimr.letters_in.textprep import read_letter_text

YEAR_2024 = 141_621
REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "imr-letters-2016"


def fictional_pdfs(directory: Path, count: int = 72) -> list[Path]:
    sys.path.insert(0, str(REPO / "tests"))
    from letters_in.fictional import determination  # type: ignore[import-not-found]
    from openimr.letters import render

    rnd = random.Random(3)
    out = []
    directory.mkdir(parents=True, exist_ok=True)
    for k in range(1, count + 1):
        pdf = render(determination(k, rnd), "pdf")
        path = directory / f"CM99-{k:07d}.pdf"
        path.write_bytes(pdf if isinstance(pdf, bytes) else pdf.encode())
        out.append(path)
    return out


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds else float("inf")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--letters", type=Path, default=None, help="Directory of letter PDFs.")
    ap.add_argument("--text-letters", type=int, default=1000, help="Fictional letters for 4.")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="openimr-bench-"))
    source = args.letters or (CORPUS if CORPUS.is_dir() else None)
    pdf_dir = source or tmp / "pdfs"
    pdfs = sorted(source.glob("*.pdf")) if source else fictional_pdfs(pdf_dir)
    label = str(source) if source else "fictional letters rendered to PDF"
    print(f"letters: {len(pdfs)} PDFs from {label}")

    texts = [read_letter_text(p) for p in pdfs]
    runs = []
    for _ in range(max(args.repeat, 1) * 5):
        t = time.perf_counter()
        for text in texts:
            parse_letter(text)
        runs.append(time.perf_counter() - t)
    parse_rate = rate(len(texts), statistics.median(runs))
    print(f"1. parse text only:              {parse_rate:8.1f} letters/s (1 process)")

    for engine in ("pypdf", "pdfplumber"):
        runs = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            for p in pdfs:
                parse_letter(read_letter_text(p, engine))  # type: ignore[arg-type]
            runs.append(time.perf_counter() - t)
        print(
            f"2. PDF extraction + parse, {engine:<10} "
            f"{rate(len(pdfs), statistics.median(runs)):6.1f} letters/s (1 process)"
        )

    runs = []
    for r in range(args.repeat):
        db = tmp / f"ingest-{r}.sqlite"
        engine = open_store(f"sqlite:///{db}")
        summary = ingest(engine, [pdf_dir], workers=args.workers, progress=False)
        engine.dispose()
        assert summary.failed == 0 or source is None, summary.failures
        runs.append(summary.seconds)
    ingest_rate = rate(len(pdfs), statistics.median(runs))
    hours = YEAR_2024 / ingest_rate / 3600
    print(
        f"3. ingest (PDF, {args.workers} workers, SQLite): {ingest_rate:6.1f} letters/s "
        f"-> {YEAR_2024:,} letters (2024) in about {hours:.1f} h ({hours * 60:.0f} min)"
    )

    if args.text_letters > 0:
        sys.path.insert(0, str(REPO / "tests"))
        from letters_in.fictional import write_letters  # type: ignore[import-not-found]

        text_dir = tmp / "text"
        write_letters(text_dir, args.text_letters)
        engine = open_store(f"sqlite:///{tmp / 'text.sqlite'}")
        summary = ingest(engine, [text_dir], workers=args.workers, progress=False)
        engine.dispose()
        print(
            f"4. ingest (text, {args.workers} workers, SQLite, {summary.files} fictional letters, "
            f"{summary.items} items): {summary.letters_per_second:6.1f} letters/s"
        )


if __name__ == "__main__":
    main()
