"""Bulk ingest of published letters: parse in several processes, write from one.

Files are hashed first; a file whose bytes are already stored is skipped without parsing, so
a re-run over the same directories is quick and changes nothing. The others are parsed in a
process pool (text extraction and parsing are CPU-bound); a single writer stores them in
batches. Each batch is written in one short transaction after it is parsed (never held open
while parsing), under a writer lock on PostgreSQL and SQLite's busy timeout, so two ingests
into one database both finish and store every letter once; a batch that still meets a
conflict is rolled back and written again. A file that cannot be read or parsed (or is one
of OpenIMR's own unsigned DRAFT letters) is recorded with its reason and the batch goes on.
Pool workers end with their parent, even after ``kill -9``.
"""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from openimr.errors import OpenIMRError
from openimr.letters_in.model import ParsedLetter
from openimr.letters_in.parser import parse_file
from openimr.letters_in.repository import (
    ItemRow,
    add_categories,
    clear_failure,
    clear_failures,
    has_fts5,
    insert_new_letters,
    known_file_hashes,
    letter_rows,
    record_failure,
    store_letter,
    stored_hashes,
)
from openimr.letters_in.textprep import PdfEngine
from openimr.store.db import writer_lock

LETTER_SUFFIXES = (".pdf", ".txt")
BATCH = 200
BATCH_SECONDS = 0.25  # write what is parsed at least this often (the writer keeps up)
WRITE_ATTEMPTS = 5
DRAFT_REASON = "an unsigned DRAFT letter (OpenIMR's own draft), not a published letter"


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
        return out

    def failure_lines(self, limit: int = 20) -> list[str]:
        """One line per failed path (file: reason), for stderr; the rest are in the table
        ``letter_ingest_failures``."""
        out = [f"{path}: {reason}" for path, reason in self.failures[:limit]]
        if len(self.failures) > limit:
            out.append(f"... and {len(self.failures) - limit} more (see letter_ingest_failures)")
        return out


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Letter files under the given directories (recursively) or named directly, and the
    paths that cannot be read as letters, each with its reason (every path is accounted for)."""
    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for p in paths:
        try:
            mode = p.stat().st_mode
        except FileNotFoundError:
            missing.append((str(p), "no such file or directory"))
            continue
        except OSError as exc:
            missing.append((str(p), f"cannot read ({exc.strerror})"))
            continue
        if stat.S_ISDIR(mode):
            found = (f for f in p.rglob("*") if f.suffix.lower() in LETTER_SUFFIXES)
            for f in sorted(found):
                if f.is_file():
                    files.append(f)
                elif not f.is_dir():
                    missing.append((str(f), "not a regular file"))
        elif stat.S_ISREG(mode):
            files.append(p)
        else:
            from openimr.datafiles import special_file_kind

            missing.append((str(p), f"is {special_file_kind(mode)}, not a letter file"))
    return list(dict.fromkeys(files)), list(dict.fromkeys(missing))


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
        if any("marked DRAFT" in w for w in letter.warnings):
            return {"path": path, "file_hash": file_hash, "error": DRAFT_REASON}
        # The writer adds the items' categories: their vocabulary is loaded once, in the
        # writer, while the workers parse.
        return {"path": path, "file_hash": file_hash, "rows": letter_rows(letter)}
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


def _die_with_parent(parent: int) -> None:
    """Pool initializer: a worker ends when the process that started it is gone."""
    try:  # Linux: the kernel sends SIGTERM when the parent dies
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:  # elsewhere (and as a second guard): notice being re-parented
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(1.0)

    threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _results(jobs: list[tuple[str, str, str]], workers: int) -> Iterator[dict[str, Any]]:
    if workers <= 1 or len(jobs) < 4:
        yield from map(_work, jobs)
        return
    chunk = max(1, min(32, len(jobs) // (workers * 8)))
    if any(engine == "pdfium" for _, _, engine in jobs):
        # Loaded before the workers fork, so that none of them loads it again.
        import pypdfium2  # noqa: F401

        from openimr.letters_in import pdftext  # noqa: F401
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        yield from pool.map(_work, jobs, chunksize=chunk)


def _store_batch(session: Session, batch: list[dict[str, Any]], fts: bool) -> list[tuple[str, str]]:
    """Store one batch in ``session`` in order, as ``store_letter`` letter by letter would:
    runs of letters whose case number is new (the usual case) in a few multi-row inserts; a
    case number already stored, or met earlier in the batch, through ``store_letter``."""
    letters = [res for res in batch if "error" not in res]
    for res in letters:
        add_categories(res["rows"])
    stored = set(stored_hashes(session, [res["rows"]["letter"]["case_number"] for res in letters]))
    run: list[dict[str, Any]] = []

    def write_run() -> None:
        insert_new_letters(
            session,
            [res["rows"] for res in run],
            file_hashes=[res["file_hash"] for res in run],
            fts=fts,
        )
        clear_failures(session, [res["path"] for res in run])
        run.clear()

    outcomes: list[tuple[str, str]] = []
    for res in batch:
        if "error" in res:
            record_failure(session, res["path"], res["error"], res["file_hash"])
            outcomes.append(("failed", res["path"]))
            continue
        rows = res["rows"]
        case = rows["letter"]["case_number"]
        if case not in stored:
            stored.add(case)
            run.append(res)
            outcomes.append(("inserted", str(len(rows["items"]))))
            continue
        write_run()
        letter = ParsedLetter.model_validate_json(rows["letter"]["parsed_json"])
        cats = [ItemRow(i["category"], i["subcategory"]) for i in rows["items"]]
        outcome = store_letter(
            session, letter, file_hash=res["file_hash"], categories=cats, fts=fts
        )
        clear_failure(session, res["path"])
        outcomes.append((outcome, str(len(letter.items))))
    write_run()
    return outcomes


def _write(engine: Engine, batch: list[dict[str, Any]], fts: bool) -> list[tuple[str, str]]:
    """Store one batch of parse results in one transaction; return (outcome, path) pairs.

    Another process may write the same letters at the same moment: the batch then waits
    (busy timeout, writer lock) or, on a conflict, is rolled back and written again, when
    the other process's rows are visible and the letters come out "unchanged".
    """
    for attempt in range(WRITE_ATTEMPTS):
        with Session(engine) as session:
            try:
                writer_lock(session)
                outcomes = _store_batch(session, batch, fts)
                session.commit()
                return outcomes
            except (IntegrityError, OperationalError) as exc:
                session.rollback()
                transient = isinstance(exc, IntegrityError) or "locked" in str(exc).lower()
                if not transient or attempt == WRITE_ATTEMPTS - 1:
                    raise
                time.sleep(0.2 * (attempt + 1))
    return []  # pragma: no cover - the loop returns or raises


def ingest(
    engine: Engine,
    paths: Iterable[Path],
    *,
    workers: int | None = None,
    pdf_engine: PdfEngine = "pdfium",
    progress: bool = True,
    on_progress: Callable[[IngestSummary, int], None] | None = None,
) -> IngestSummary:
    """Parse and store every letter file under ``paths``; return what happened.

    ``on_progress(summary, done)`` is called after each stored batch (``done`` files of
    ``summary.files`` dealt with), e.g. to show a job's progress."""
    start = time.perf_counter()
    files, missing = collect_files(paths)
    summary = IngestSummary(files=len(files))
    fts = has_fts5(engine)
    with Session(engine) as session:
        known = known_file_hashes(session)
    jobs: list[tuple[str, str, str]] = []
    for f in files:
        try:
            digest = file_sha256(f)
        except OSError as exc:
            missing.append((str(f), f"cannot read ({exc.strerror})"))
            summary.files -= 1
            continue
        if digest in known:
            summary.skipped += 1
        else:
            jobs.append((str(f), digest, pdf_engine))
    summary.files += len(missing)
    pending: list[dict[str, Any]] = [
        {"path": path, "file_hash": None, "error": reason} for path, reason in missing
    ]

    def flush() -> None:
        for res, (outcome, detail) in zip(pending, _write(engine, pending, fts), strict=True):
            if outcome == "failed":
                summary.failed += 1
                summary.failures.append((res["path"], res["error"]))
                continue
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            if outcome != "unchanged":
                summary.items += int(detail)
        pending.clear()
        if on_progress is not None:
            done = summary.skipped + summary.inserted + summary.updated + summary.unchanged
            on_progress(summary, done + summary.failed)

    bar = _bar(summary.files, progress)
    bar.update(summary.skipped)
    n_workers = workers or os.cpu_count() or 1
    last = time.monotonic()
    for res in _results(jobs, n_workers):
        pending.append(res)
        if len(pending) >= BATCH or time.monotonic() - last >= BATCH_SECONDS:
            flush()
            last = time.monotonic()
        bar.update(1)
        bar.set_postfix(new=summary.inserted + summary.updated, failed=summary.failed)
    flush()
    bar.close()
    summary.seconds = time.perf_counter() - start
    return summary


def _bar(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="letter", disable=not enabled, dynamic_ncols=True)
