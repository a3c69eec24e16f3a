"""CPU time of deciding a 50-page case in one process, two checkouts interleaved.

    python benchmarks/decide_cpu.py --src ../main/src src [--clinical 0.1 0.25 1.0]
        [--cases 12] [--rounds 3] [--pages 50]

For each round and each clinical share, each ``--src`` (a checkout's ``src`` folder) in turn
decides, in a process of its own with that folder on ``PYTHONPATH``: one warm case (the
pipeline, the knowledge base and what is built at first use), then ``--cases`` fictional cases
of ``--pages`` pages (fictional_records.py, the same cases for every checkout), each read from
its bundle file and written as a letter, as ``openimr decide`` does. It prints the process's CPU
time per case and the ratio to the first ``--src`` of the same round: on a machine shared with
other work the CPU time moves with the load (given per run), the ratio of runs side by side
much less. No worker processes: what one core spends on a case.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import sys, time
from pathlib import Path
from openimr.batch import decide_one, warm_up
paths = sorted(Path(sys.argv[1]).glob("case-*.yaml"), key=lambda p: int(p.stem[5:]))
out = Path(sys.argv[2])
warm_up()
decide_one(paths[0], "text", out / "warm.txt")
t0 = time.process_time()
for p in paths[1:]:
    decide_one(p, "text", out / (p.stem + ".txt"))
print((time.process_time() - t0) / (len(paths) - 1))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", type=Path, nargs="+", required=True)
    ap.add_argument("--clinical", type=float, nargs="+", default=[0.1])
    ap.add_argument("--cases", type=int, default=12)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pages", type=int, default=50)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from fictional_records import bundle

    with tempfile.TemporaryDirectory(prefix="openimr-cpu-") as tmp:
        folders = {}
        for share in args.clinical:
            folder = Path(tmp) / f"cases-{share}"
            folder.mkdir()
            for k in range(args.cases + 1):
                data = bundle(args.pages, seed=100 + k, clinical=share)
                (folder / f"case-{k}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
            folders[share] = folder
        for r in range(1, args.rounds + 1):
            for share in args.clinical:
                first: float | None = None
                for src in args.src:
                    out = Path(tmp) / "out"
                    out.mkdir(exist_ok=True)
                    before = os.getloadavg()[0]
                    env = {**os.environ, "PYTHONPATH": str(src.resolve())}
                    got = subprocess.run(
                        [sys.executable, "-c", CHILD, str(folders[share]), str(out)],
                        capture_output=True, text=True, env=env, check=True,
                    )
                    secs = float(got.stdout.strip().splitlines()[-1])
                    first = secs if first is None else first
                    print(
                        f"round {r} share {share:.2f} {src}: {secs * 1000:.1f} ms CPU a case "
                        f"({secs / first:.2f} of the first), load {before:.1f} / "
                        f"{os.getloadavg()[0]:.1f}",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
