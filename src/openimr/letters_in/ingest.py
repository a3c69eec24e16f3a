"""Bulk ingest of published letters: parse in several processes, write from one.

Files are hashed first; a file whose bytes are already stored is skipped without parsing, so
a re-run over the same directories is quick and changes nothing. The others are parsed in a
process pool (text extraction and parsing are CPU-bound); a single writer stores them in
batches, so SQLite never sees two writers. A file that cannot be read or parsed is recorded
with its reason and the batch goes on.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from openimr.errors import OpenIMRError
from openimr.letters_in.model import ParsedLetter
from openimr.letters_in.parser import parse_file
from openimr.letters_in.repository import (
    ItemRow,
    clear_failure,
    has_fts5,
    item_categories,
    known_file_hashes,
    record_failure,
    store_letter,
)
from openimr.letters_in.textprep import PdfEngine

LETTER_SUFFIXES = (".pdf", ".txt")
BATCH = 200


@dataclass
class IngestSummary:
    files: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # same file bytes already stored: not even parsed
    failed: int = 0
    items: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def letters_per_second(self) -> float:
        return self.files / self.seconds if self.seconds else 0.0

    def lines(self) -> list[str]:
        out = [
            f"files: {self.files}  inserted: {self.inserted}  updated: {self.updated}  "
            f"unchanged: {self.unchanged + self.skipped}  failed: {self.failed}  "
            f"items stored: {self.items}",
            f"time: {self.seconds:.1f} s ({self.letters_per_second:.1f} files/s)",
        ]
        for path, reason in self.failures[:20]:
            out.append(f"  failed: {path}: {reason}")
        if len(self.failures) > 20:
            out.append(f"  ... and {len(self.failures) - 20} more (see letter_ingest_failures)")
        return out


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Letter files under the given directories (recursively) or named directly."""
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for p in paths:
        if p.is_dir():
            found = (f for f in p.rglob("*") if f.suffix.lower() in LETTER_SUFFIXES)
            files.extend(sorted(f for f in found if f.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            missing.append((str(p), "no such file or directory"))
    return list(dict.fromkeys(files)), missing


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _work(job: tuple[str, str, str]) -> dict[str, Any]:
    """Parse one file in a worker process; never raises (the reason travels back instead)."""
    path, file_hash, engine = job
    try:
        letter = parse_file(path, pdf_engine=engine)  # type: ignore[arg-type]
        cats = item_categories(letter)
        return {
            "path": path,
            "file_hash": file_hash,
            "letter": letter.model_dump_json(),
            "categories": [(c.category, c.subcategory) for c in cats],
        }
    except OpenIMRError as exc:
        reason = str(exc)
        if reason.startswith(path + ": "):
            reason = reason[len(path) + 2 :]  # the path is stored beside the reason
        return {"path": path, "file_hash": file_hash, "error": reason}
    except Exception as exc:  # a parser bug must not stop a 100,000-letter batch
        return {
            "path": path,
            "file_hash": file_hash,
            "error": f"unexpected {exc.__class__.__name__}: {str(exc)[:200]}",
        }


def _results(jobs: list[tuple[str, str, str]], workers: int) -> Iterator[dict[str, Any]]:
    if workers <= 1 or len(jobs) < 4:
        yield from map(_work, jobs)
        return
    chunk = max(1, min(32, len(jobs) // (workers * 8)))
    if any(engine == "pdfium" for _, _, engine in jobs):
        # Loaded before the workers fork, so that none of them loads it again.
        import pypdfium2  # noqa: F401

        from openimr.letters_in import pdftext  # noqa: F401
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_work, jobs, chunksize=chunk)


def ingest(
    engine: Engine,
    paths: Iterable[Path],
    *,
    workers: int | None = None,
    pdf_engine: PdfEngine = "pdfium",
    progress: bool = True,
) -> IngestSummary:
    """Parse and store every letter file under ``paths``; return what happened."""
    start = time.perf_counter()
    files, missing = collect_files(paths)
    summary = IngestSummary(files=len(files))
    fts = has_fts5(engine)
    with Session(engine) as session:
        for path, reason in missing:
            summary.failed += 1
            summary.failures.append((path, reason))
            record_failure(session, path, reason, None)
        known = known_file_hashes(session)
        jobs: list[tuple[str, str, str]] = []
        for f in files:
            digest = file_sha256(f)
            if digest in known:
                summary.skipped += 1
            else:
                jobs.append((str(f), digest, pdf_engine))
        session.commit()

        bar = _bar(len(files), progress)
        bar.update(summary.skipped)
        pending = 0
        n_workers = workers or os.cpu_count() or 1
        for res in _results(jobs, n_workers):
            if "error" in res:
                summary.failed += 1
                summary.failures.append((res["path"], res["error"]))
                record_failure(session, res["path"], res["error"], res["file_hash"])
            else:
                letter = ParsedLetter.model_validate_json(res["letter"])
                cats = [ItemRow(c, s) for c, s in res["categories"]]
                outcome = store_letter(
                    session, letter, file_hash=res["file_hash"], categories=cats, fts=fts
                )
                setattr(summary, outcome, getattr(summary, outcome) + 1)
                if outcome != "unchanged":
                    summary.items += len(letter.items)
                clear_failure(session, res["path"])
            pending += 1
            if pending >= BATCH:
                session.commit()
                pending = 0
            bar.update(1)
            bar.set_postfix(new=summary.inserted + summary.updated, failed=summary.failed)
        session.commit()
        bar.close()
    summary.seconds = time.perf_counter() - start
    return summary


def _bar(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="letter", disable=not enabled, dynamic_ncols=True)
