"""How decide time grows with the length of a case's record, old path against new.

    PYTHONPATH=src python benchmarks/record_growth.py [--pages 1 10 50 100 300] [--rounds 2]
        [--old-pages 1 10 30] [--crash-pages 400]

One case (the first example bundle) with one extra fictional record of N pages
(fictional_records.py, about 3,000 characters a page) is decided and its letter rendered, in a
fresh process per measurement so that the peak memory (max RSS) is that case's. Rounds go
through every size in turn (interleaved), and the fastest round of each size is kept.

- new: the evidence stage as it is (pieces, linear components);
- old: the evidence stage as it was before issue 16, for sizes it can finish: medspaCy's own
  target matcher and ConText, the whole record as one document (the sentence splitter and
  the other stages are today's, so "old" flatters the past a little).

Prints seconds, seconds per page and peak memory per size, and the growth ratios the issue
asks for (100 pages / 10 pages at most 12x, 300 / 100 at most 3.5x). ``--crash-pages`` decides
one record longer than spaCy's 1,000,000-character limit (E088) to show it reads.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def child(pages: int, old: bool) -> None:
    import warnings

    warnings.filterwarnings("ignore")
    from fictional_records import bundle

    import openimr
    from openimr.intake.loader import parse_bundle
    from openimr.letters import render

    if old:
        import openimr.evidence.extraction as extraction
        import openimr.evidence.pipeline as pipeline

        reference = pipeline.build_pipeline(medspacy_components=True)
        pipeline.load_pipeline = lambda: reference  # type: ignore[assignment]
        extraction.pieces = lambda text, *a, **k: iter([(0, text)])  # type: ignore[assignment]
    case = parse_bundle(bundle(pages))
    chars = len(case.records[-1].text or "")
    render(openimr.decide(parse_bundle(bundle(1))), "text")  # warm: pipeline, knowledge base
    t0 = time.perf_counter()
    det = openimr.decide(case)
    render(det, "text")
    secs = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": pages, "chars": chars, "secs": secs, "rss_mb": rss}))


def measure(pages: int, old: bool, timeout: float) -> dict[str, float] | None:
    cmd = [sys.executable, __file__, "--child", str(pages)] + (["--old"] if old else [])
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        print(exc.stderr[-2000:], file=sys.stderr)
        raise
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, nargs="*", default=[1, 10, 50, 100, 300])
    ap.add_argument("--old-pages", type=int, nargs="*", default=[1, 10, 30])
    ap.add_argument("--crash-pages", type=int, default=400, help="0 to skip")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--old", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        child(args.child, args.old)
        return
    best: dict[tuple[str, int], dict[str, float]] = {}
    jobs = [("new", p) for p in args.pages] + [("old", p) for p in args.old_pages]
    for r in range(args.rounds):
        for path, pages in jobs:
            got = measure(pages, path == "old", args.timeout)
            key = (path, pages)
            if got is None:
                print(f"round {r + 1}: {path} {pages} pages: over {args.timeout:.0f} s")
                continue
            if key not in best or got["secs"] < best[key]["secs"]:
                best[key] = got
            print(f"round {r + 1}: {path:<3} {pages:>4} pages  {got['secs']:7.2f} s", flush=True)
    print()
    print("path  pages    chars     secs   s/page  peak RSS")
    for (path, pages), m in sorted(best.items()):
        print(
            f"{path:<4} {pages:>6} {m['chars']:>8.0f} {m['secs']:8.2f} {m['secs'] / pages:8.3f}"
            f"  {m['rss_mb']:6.0f} MB"
        )

    def ratio(path: str, a: int, b: int) -> str:
        if (path, a) in best and (path, b) in best:
            return f"{best[(path, a)]['secs'] / best[(path, b)]['secs']:.2f}x"
        return "n/a"

    print(f"new: 100 pages / 10 pages = {ratio('new', 100, 10)} (target at most 12x)")
    print(f"new: 300 pages / 100 pages = {ratio('new', 300, 100)} (target at most 3.5x)")
    for p in args.old_pages:
        if ("old", p) in best and ("new", p) in best:
            old, new = best[("old", p)]["secs"], best[("new", p)]["secs"]
            print(f"{p} pages: old {old:.2f} s, new {new:.2f} s: {old / new:.1f}x faster now")
    if args.crash_pages:
        got = measure(args.crash_pages, False, args.timeout)
        if got is None:
            print(f"{args.crash_pages} pages: over {args.timeout:.0f} s")
        else:
            print(
                f"{args.crash_pages} pages ({got['chars']:,.0f} characters, past spaCy's "
                f"1,000,000 limit): decided in {got['secs']:.1f} s, peak RSS "
                f"{got['rss_mb']:.0f} MB"
            )


if __name__ == "__main__":
    main()
