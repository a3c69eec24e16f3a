"""How fast published letters are read and stored, and what a year of them would take.

    PYTHONPATH=src python benchmarks/letters_speed.py [--repeat 3] [--workers 2] [--letters DIR]
        [--pg-url postgresql+psycopg:///test_h16]

Measures, on this machine, every comparison interleaved in one run:
  1. parsing text already extracted from the PDFs (letters/s, one process);
  2. PDF text extraction plus parsing with pdfium (the default), pypdf and pdfplumber
     (letters/s, one process), and whether pdfium gives the same letters as pypdf;
  3. the whole ingest (hash, extract, parse, categorise in a process pool; one writer) into a
     fresh SQLite database, and into PostgreSQL with --pg-url (its tables are dropped first),
     with pdfium (new path) and pypdf (old path), their ratio, and the time for 141,621 letters
     (DWC's 2024 count);
  4. ingest of fictional text letters (no PDF step), to show what the single writer sustains;
  5. peak memory (max RSS) of this process and of the ingest workers.
Reads the 72 real 2016 letters from ../shared (never copied); without them it renders
fictional letters to PDF with OpenIMR's own renderer.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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
    ap.add_argument("--pg-url", default=None, help="PostgreSQL URL for 3 (tables dropped!).")
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

    engines = ("pdfium", "pypdf", "pdfplumber")
    times: dict[str, list[float]] = {e: [] for e in engines}
    parsed: dict[str, list[object]] = {}
    for _ in range(args.repeat):
        for engine in engines:  # interleaved
            t = time.perf_counter()
            got = [parse_letter(read_letter_text(p, engine)) for p in pdfs]  # type: ignore[arg-type]
            times[engine].append(time.perf_counter() - t)
            parsed[engine] = [_key(x) for x in got]
    for engine in engines:
        print(
            f"2. PDF extraction + parse, {engine:<10} "
            f"{rate(len(pdfs), statistics.median(times[engine])):6.1f} letters/s (1 process)"
        )
    same = sum(a == b for a, b in zip(parsed["pdfium"], parsed["pypdf"], strict=True))
    speedup = statistics.median(times["pypdf"]) / statistics.median(times["pdfium"])
    print(
        f"   pdfium / pypdf: {speedup:.1f}x; "
        f"same case number, dates, decisions and items for {same} of {len(pdfs)} letters"
    )

    targets = [("SQLite", None)] + ([("PostgreSQL", args.pg_url)] if args.pg_url else [])
    for name, url in targets:
        runs_by: dict[str, list[float]] = {"pdfium": [], "pypdf": []}
        for r in range(args.repeat):
            for pdf_engine in ("pypdf", "pdfium"):  # old path, new path, interleaved
                db_url = url or f"sqlite:///{tmp / f'ingest-{pdf_engine}-{r}.sqlite'}"
                if url:
                    _drop_all(url)
                engine = open_store(db_url)
                summary = ingest(
                    engine, [pdf_dir], workers=args.workers, pdf_engine=pdf_engine, progress=False
                )
                engine.dispose()
                assert summary.failed == 0 or source is None, summary.failures
                runs_by[pdf_engine].append(summary.seconds)
        new = rate(len(pdfs), statistics.median(runs_by["pdfium"]))
        old = rate(len(pdfs), statistics.median(runs_by["pypdf"]))
        hours = YEAR_2024 / new / 3600
        print(
            f"3. ingest (PDF, {args.workers} workers, {name}): pdfium {new:6.1f} letters/s, "
            f"pypdf {old:6.1f} letters/s, ratio {new / old:.1f}x "
            f"-> {YEAR_2024:,} letters (2024) in about {hours:.2f} h ({hours * 60:.0f} min)"
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
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"5. peak memory: this process {me:.0f} MB, largest ingest worker {kids:.0f} MB")


def _key(letter: object) -> tuple[object, ...]:
    lt: Any = letter
    items = [(i.number, i.heading, i.decision, i.request) for i in lt.items]
    return (lt.case_number, lt.decision_date, lt.date_of_injury, items)


def _drop_all(url: str) -> None:
    """Empty the benchmark database (every table, so the ingest starts fresh)."""
    from sqlalchemy import MetaData, create_engine

    engine = create_engine(url)
    meta = MetaData()
    meta.reflect(engine)
    meta.drop_all(engine)
    engine.dispose()


if __name__ == "__main__":
    main()
