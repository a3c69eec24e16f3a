"""Deciding many bundles in one call against one bundle per call, and with ``--jobs 2``.

    PYTHONPATH=src python benchmarks/batch_decide.py [--bundles 194] [--rounds 2]

The bundle set: the example bundles, and the development bundles made from the real 2016
letters (``openimr letters to-bundle``, into a temporary folder, never into the repository)
when ../shared is present, repeated under new names up to ``--bundles`` (194 by default, the
issue's figure). Each measurement is a whole ``openimr decide`` command in a fresh process
(wall time, so start-up counts), in interleaved rounds, fastest round kept:

1. one bundle: ``openimr decide B -o FILE``;
2. all bundles in one call: ``openimr decide DIR -o OUT``;
3. the same with ``--jobs 2``.

Prints each time, the ratio of 2 to 1 (the issue asks at most 6x), cases per second, and the
peak memory of each command (GNU time's maximum resident set size, when /usr/bin/time is there).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus" / "imr-letters-2016"
GNU_TIME = Path("/usr/bin/time")


def make_bundles(folder: Path, count: int) -> list[Path]:
    sources = sorted((ROOT / "examples").rglob("bundle.yaml"))
    if SHARED.is_dir():
        dev = folder.parent / "dev"
        subprocess.run(
            [sys.executable, "-m", "openimr", "letters", "to-bundle", str(SHARED), "-o", str(dev)],
            check=True,
            capture_output=True,
        )
        sources += sorted(dev.glob("*.yaml"))
    folder.mkdir(parents=True)
    out = []
    for k in range(count):
        src = sources[k % len(sources)]
        dst = folder / f"case-{k:04d}.yaml"
        shutil.copyfile(src, dst)
        out.append(dst)
    return out


def timed(cmd: list[str]) -> tuple[float, float | None]:
    """(wall seconds, peak RSS in MB or None) of a command."""
    env = {**os.environ, "OPENIMR_NO_PROGRESS": "1"}
    if GNU_TIME.exists():
        cmd = [str(GNU_TIME), "-f", "MAXRSS %M", *cmd]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    secs = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    rss = None
    for line in proc.stderr.splitlines():
        if line.startswith("MAXRSS "):
            rss = int(line.split()[1]) / 1024
    return secs, rss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bundles", type=int, default=194)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="openimr-batch-"))
    try:
        bundles = make_bundles(tmp / "bundles", args.bundles)
        openimr = [sys.executable, "-m", "openimr", "decide"]
        runs = {
            "one bundle": openimr + [str(bundles[0]), "-o", str(tmp / "one.txt")],
            f"{len(bundles)} bundles, 1 process": openimr
            + [str(tmp / "bundles"), "-o", str(tmp / "out1")],
            f"{len(bundles)} bundles, --jobs 2": openimr
            + [str(tmp / "bundles"), "-o", str(tmp / "out2"), "--jobs", "2"],
        }
        best: dict[str, tuple[float, float | None]] = {}
        for r in range(args.rounds):
            for name, cmd in runs.items():  # interleaved
                got = timed(cmd)
                if name not in best or got[0] < best[name][0]:
                    best[name] = got
                print(f"round {r + 1}: {name:<28} {got[0]:7.2f} s", flush=True)
        print()
        names = list(runs)
        for name in names:
            secs, rss = best[name]
            n = 1 if name == "one bundle" else len(bundles)
            mem = f"{rss:.0f} MB" if rss is not None else "n/a"
            print(f"{name:<28} {secs:7.2f} s  {n / secs:6.1f} cases/s  peak RSS {mem}")
        one, batch, jobs2 = (best[n][0] for n in names)
        print(f"batch / one bundle: {batch / one:.2f}x (target at most 6x)")
        print(f"--jobs 2 / 1 process: {batch / jobs2:.2f}x the throughput")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
