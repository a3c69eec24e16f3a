"""Run OpenIMR's own table of hostile inputs and count the outcomes.

    python eval/hostile.py [--family NAME] [--timeout 30] [--show unclear,traceback] [--src DIR]

Each input runs as ``python -m openimr ...`` in a fresh folder, in bounded time. Outcomes:
clear refusal (exit 2, one line naming file, field and problem), unclear (refused, but not in
one clear line), traceback, hang (past the timeout), wrongly accepted; for the controls,
accepted or wrongly refused. "leaked" counts runs whose output showed the fake SSN kept
beside every bundle folder (something outside the bundle was read).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "hostile"))  # by path: "tests" may be taken
sys.path.insert(0, str(REPO / "src"))

from cases import generate  # type: ignore[import-not-found]  # noqa: E402
from runner import run_case  # type: ignore[import-not-found]  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--family", help="only this family")
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--show", default="unclear,traceback,hang,accepted-wrongly,refused-wrongly")
    ap.add_argument("--src", type=Path, help="run another tree's src/ (e.g. before a change)")
    args = ap.parse_args()
    if args.src:
        import cases as table  # type: ignore[import-not-found]

        table.SRC = args.src.resolve()
    show = set(args.show.split(","))
    cases = [c for c in generate() if not args.family or c.family == args.family]
    counts: Counter[str] = Counter()
    by_family: dict[str, Counter[str]] = {}
    leaked = wrote = 0
    with tempfile.TemporaryDirectory(prefix="openimr-hostile-") as tmp:
        for i, case in enumerate(cases):
            res = run_case(case, Path(tmp) / f"{i:03d}", timeout=args.timeout)
            counts[res.verdict] += 1
            by_family.setdefault(case.family, Counter())[res.verdict] += 1
            leaked += res.leaked
            wrote += bool(res.wrote)
            if res.verdict in show or res.leaked or res.wrote:
                detail = (res.stderr.strip() or res.stdout.strip()).splitlines()[-3:]
                print(f"[{res.verdict}] {case.family}: {case.name} (exit {res.code})")
                for line in detail:
                    print(f"    {line[:300]}")
    print(f"\n{len(cases)} inputs")
    for fam, c in sorted(by_family.items()):
        print(f"  {fam:<18} " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    refusals = sum(v for k, v in counts.items() if k not in ("accepted", "refused-wrongly"))
    print(
        f"refusals expected: {refusals}: clear {counts['clear']}, unclear {counts['unclear']}, "
        f"traceback {counts['traceback']}, hang {counts['hang']}, "
        f"wrongly accepted {counts['accepted-wrongly']}"
    )
    print(
        f"controls: accepted {counts['accepted']}, wrongly refused {counts['refused-wrongly']}; "
        f"read outside the bundle: {leaked}; wrote where it must not: {wrote}"
    )
    bad = refusals - counts["clear"] + counts["refused-wrongly"] + leaked + wrote
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
