"""The issue-12 wording probe's figures: how many of the probe's item wordings
(tests/review/data/wording_probe.yaml) the engine leaves undetermined when each is decided
alone in one fictional chronic case, which ones, and any row whose service or topic differs
from the one the file pins.

    PYTHONPATH=src python eval/wording_probe.py [--show-decided]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "review"))

from test_wording_probe import ROWS_BY_FILE, decide_alone  # noqa: E402

from openimr.routing import route_wording  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show-decided", action="store_true", help="print every decided row too")
    ap.add_argument(
        "--file", choices=sorted(ROWS_BY_FILE), action="append",
        help="only this probe file (repeatable; default: every file, each reported alone)",
    )
    args = ap.parse_args()
    for name in args.file or list(ROWS_BY_FILE):
        print(f"== {name}")
        report(ROWS_BY_FILE[name], show_decided=args.show_decided)
    return 0


def report(rows: list[dict[str, object]], *, show_decided: bool) -> None:
    outcomes: Counter[str] = Counter()
    undetermined, differ = [], []
    for row in rows:
        text = str(row["text"])
        service = route_wording(text).service
        d = decide_alone(text)
        outcomes[d.decision] += 1
        if d.decision == "undetermined":
            undetermined.append((text, service, row.get("undetermined", "(no reason pinned)")))
        elif show_decided:
            print(f"  {d.decision:11} {d.topic:45} {text}")
        if service != row["service"] or d.topic != row.get("topic"):
            differ.append((text, service, d.topic, row["service"], row.get("topic")))
    print(f"wordings: {len(rows)}")
    print("decisions: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print(f"undetermined: {len(undetermined)}")
    for text, service, reason in undetermined:
        print(f"  {text!r} [{service}]: {reason}")
    known = [r for r in rows if "misrouted" in r]
    print(f"known misroutes, pinned as they are and left to other work: {len(known)}")
    for r in known:
        print(f"  {r['text']!r}: {r['misrouted']}")
    print(f"service or topic differing from the pinned one: {len(differ)}")
    for text, service, topic, want_service, want_topic in differ:
        print(f"  {text!r}: {service} / {topic}, pinned {want_service} / {want_topic}")


if __name__ == "__main__":
    raise SystemExit(main())
