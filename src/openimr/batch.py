"""Deciding many case bundles in one process (or a pool of processes): ``openimr decide B1 B2 ...``.

Everything that does not change from case to case (the NLP pipeline, the vocabularies, the
knowledge base, the reviewer panel) is loaded once per process; each bundle gets one output
file; a bundle that cannot be read or decided is reported and skipped, and the others go on.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from openimr.errors import OpenIMRError

BUNDLE_SUFFIXES = (".yaml", ".yml", ".json")
EXTENSIONS = {"text": "txt", "html": "html", "pdf": "pdf", "json": "json", "fhir": "fhir.json"}


def collect_bundles(paths: Iterable[Path]) -> list[Path]:
    """Bundle files: each file given, and every .yaml/.yml/.json under each folder (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.rglob("*") if q.suffix in BUNDLE_SUFFIXES and q.is_file())
        else:
            out.append(p)
    return out


def output_names(bundles: list[Path], fmt: str) -> list[str]:
    """One file name per bundle: its stem (its folder's name for ``.../NAME/bundle.yaml``),
    made unique with ``-2``, ``-3`` ... when two bundles share one."""
    seen: dict[str, int] = {}
    names = []
    for b in bundles:
        stem = b.parent.name if b.stem == "bundle" and b.parent.name else b.stem
        k = seen.get(stem, 0) + 1
        seen[stem] = k
        names.append(f"{stem}{'' if k == 1 else f'-{k}'}.{EXTENSIONS[fmt]}")
    return names


@dataclass
class Outcome:
    bundle: Path
    output: Path | None = None
    error: str | None = None


@dataclass
class BatchSummary:
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def decided(self) -> int:
        return sum(o.error is None for o in self.outcomes)

    @property
    def failed(self) -> int:
        return sum(o.error is not None for o in self.outcomes)

    def line(self) -> str:
        rate = self.decided / self.seconds if self.seconds else 0.0
        return (
            f"{self.decided} bundle(s) decided, {self.failed} skipped, in {self.seconds:.1f} s "
            f"({rate:.1f}/s)"
        )


_PANEL: Path | None = None


def _init_worker(panel: Path | None) -> None:
    global _PANEL
    _PANEL = panel
    warm_up()


def warm_up() -> None:
    """Load what every case needs (pipeline, vocabularies, knowledge base) before the first."""
    from openimr.evidence import load_pipeline
    from openimr.guidelines.registry import load_knowledge_base

    load_pipeline()
    load_knowledge_base()


def decide_one(bundle: Path, fmt: str, out: Path, panel: Path | None = None) -> Outcome:
    """Decide one bundle and write its letter to ``out``; an OpenIMR error becomes the outcome."""
    from openimr import decide, load_bundle
    from openimr.letters import render

    try:
        case = load_bundle(bundle)
        data = render(decide(case, panel=panel if panel is not None else _PANEL), fmt)
    except OpenIMRError as exc:
        return Outcome(bundle, error=str(exc))
    except Exception as exc:  # a bug on one case must not stop the others; reported as such
        return Outcome(bundle, error=f"{bundle}: internal error: {exc.__class__.__name__}: {exc}")
    out.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return Outcome(bundle, output=out)


def _decide_job(job: tuple[Path, str, Path]) -> Outcome:
    return decide_one(*job)


def decide_many(
    bundles: list[Path],
    out_dir: Path,
    fmt: str = "text",
    *,
    panel: Path | None = None,
    jobs: int = 1,
    on_done: Callable[[Outcome], None] | None = None,
) -> BatchSummary:
    """Decide every bundle, one output file each under ``out_dir``; ``jobs`` processes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = output_names(bundles, fmt)
    todo = [(b, fmt, out_dir / name) for b, name in zip(bundles, names, strict=True)]
    summary = BatchSummary()
    t0 = time.perf_counter()
    results: Iterator[Outcome]
    if jobs > 1 and len(todo) > 1:
        # Loaded here, before the workers fork, they share the pipeline and knowledge base
        # instead of each building its own (a few seconds per worker). The first bundle is
        # decided here too: it builds what is built at first use (the vocabulary scan, the
        # compiled vocabularies and cues, the specialty map, the letter templates: about a
        # second), which the workers then share instead of each building it again.
        warm_up()
        first = decide_one(*todo[0], panel)
        rest = todo[1:]
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, len(rest)), initializer=_init_worker, initargs=(panel,)
        )
        results = chain(
            [first], pool.map(_decide_job, rest, chunksize=max(1, len(rest) // (jobs * 8)))
        )
    else:
        pool = None
        results = (decide_one(b, f, o, panel) for b, f, o in todo)
    try:
        for outcome in results:
            summary.outcomes.append(outcome)
            if on_done is not None:
                on_done(outcome)
    finally:
        if pool is not None:
            pool.shutdown()
    summary.seconds = time.perf_counter() - t0
    return summary


def progress_bar(total: int, unit: str, enabled: bool | None = None) -> Any:
    """A tqdm bar on stderr, shown only on a terminal (and for more than one item)."""
    from tqdm import tqdm

    if enabled is None:
        enabled = sys.stderr.isatty() and total > 1 and not os.environ.get("OPENIMR_NO_PROGRESS")
    return tqdm(total=total, unit=unit, disable=not enabled, dynamic_ncols=True, file=sys.stderr)
