"""A year of California's IMR volume, projected from cases decided on this machine.

    PYTHONPATH=src python benchmarks/year_projection.py [--cases 6] [--pages 50] [--jobs 2]
        [--clinical 1.0 0.25]

Inputs (printed with the result): 141,621 cases a year (DWC's 2024 count of IMR
determinations), about 50 pages of records per case, the cores given to ``--jobs``. The script
writes ``--cases`` fictional case bundles, each with a record of ``--pages`` pages
(fictional_records.py: about 3,000 characters and 70 findings a page, denser in vocabulary
than most real records), decides them all with one ``openimr decide DIR -o OUT --jobs N``
command (wall time, start-up included), and scales: hours = 141,621 x seconds per case. The
same command on the first case alone gives the start-up, paid once however many cases one
command decides: the second projection takes the cost of each further case,
(T(N) - T(1)) / (N - 1), for every case of the year plus one start-up. The same again from the
CPU time of the commands and their workers (``getrusage``), divided by the cores: what the year
takes on free cores, which the wall time on a machine shared with other work does not show.
``--clinical`` gives the share of clinical paragraphs (fictional_records.py; the rest are
administrative, naming nothing the vocabulary knows): one projection per share, the shares
decided in turn, each with its own cases. 1.0 (the default) is the dense worst case.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
YEAR_CASES = 141_621


def _decide(folder: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds (the command and its workers) of one decide command."""
    cmd = [sys.executable, "-m", "openimr", "decide", str(folder), "-o", str(out)]
    cmd += ["--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        env={**os.environ, "OPENIMR_NO_PROGRESS": "1"},
        check=False,
    )
    secs = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-2000:])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return secs, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, default=6)
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--clinical", type=float, nargs="+", default=[1.0])
    args = ap.parse_args()
    from fictional_records import bundle

    tmp = Path(tempfile.mkdtemp(prefix="openimr-year-"))
    try:
        for share in args.clinical:
            folder = tmp / f"bundles-{share}"
            folder.mkdir()
            chars = 0
            findings = 0
            for k in range(args.cases):
                data = bundle(args.pages, seed=100 + k, clinical=share)
                chars += len(data["records"][-1]["text"])  # type: ignore[index]
                (folder / f"case-{k}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
                if k == 0:
                    findings = _findings_per_page(data["records"][-1]["text"], args.pages)  # type: ignore[index]
            one = tmp / f"one-{share}"
            one.mkdir()
            (one / "case-0.yaml").write_text((folder / "case-0.yaml").read_text())
            secs, cpu = _decide(folder, tmp / f"out-{share}", args.jobs)
            first, first_cpu = _decide(one, tmp / f"out1-{share}", args.jobs)
            per_case = secs / args.cases
            hours = YEAR_CASES * per_case / 3600
            further = max(0.0, (secs - first) / max(1, args.cases - 1))
            hours_further = (first + (YEAR_CASES - 1) * further) / 3600
            print(
                f"clinical share {share:.2f}: {args.cases} cases of {args.pages} pages "
                f"({chars / args.cases / args.pages:,.0f} characters and about {findings:.0f} "
                f"findings a page) decided in {secs:.1f} s with --jobs {args.jobs}: "
                f"{per_case:.2f} s a case"
            )
            print(
                f"  a year: {YEAR_CASES:,} cases x {per_case:.2f} s = {hours:.1f} h on "
                f"{args.jobs} cores (target: under 4 h)"
            )
            print(
                f"  one case alone {first:.1f} s (start-up included); each further case "
                f"{further:.3f} s: a year {hours_further:.1f} h on {args.jobs} cores"
            )
            cpu_further = max(0.0, (cpu - first_cpu) / max(1, args.cases - 1))
            cpu_hours = (first_cpu + (YEAR_CASES - 1) * cpu_further) / args.jobs / 3600
            print(
                f"  CPU time (the command and its workers, whatever else the machine runs): "
                f"{cpu:.1f} s for {args.cases} cases, {first_cpu:.1f} s for one; each further "
                f"case {cpu_further:.3f} CPU s: a year {cpu_hours:.1f} h on {args.jobs} free cores"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _findings_per_page(text: str, pages: int) -> float:
    from openimr.evidence import extract_text

    return len(extract_text(text)) / pages


if __name__ == "__main__":
    main()
