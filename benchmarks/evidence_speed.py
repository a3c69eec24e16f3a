"""Speed, memory and accuracy of the evidence stage next to medspaCy's default ConText pipeline.

    python benchmarks/evidence_speed.py [--passes 3] [--limit N]

Records: the text layers of the real IMR letters in ../shared/corpus/imr-letters-2016 (read at
run time, never copied) plus the records of the example bundles in examples/. Both pipelines
process the same records, each in its own process so that peak memory (max RSS) is its own:

- ours: ``openimr.evidence`` end to end (our sentence splitter, target rules, ConText with
  context.yaml, sections, and the Finding objects with region, dates, values, course data);
- medspaCy default: ``medspacy.load()`` (PyRuSH sentences, target matcher, ConText with the
  default English rules) given the same target rules, reading ``doc.ents`` and their flags.

Accuracy: both read the 206 fictional cases of tests/evidence/data/sentences.yaml and are
scored on the expected (code, assertion) pairs. Prints records/s for both, their ratio, peak
memory, and the accuracy of each.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared"
ASSERTION_ORDER = ("other", "hypothetical", "negated", "possible", "historical")


def load_records(limit: int | None) -> list[str]:
    """Record texts: example bundles, then the real letters' text layers when present."""
    from openimr.intake import load_bundle
    from openimr.intake.records import read_record_file

    texts: list[str] = []
    for bundle in sorted((ROOT / "examples").rglob("*.yaml")):
        try:
            b = load_bundle(bundle)
        except Exception:  # a variant file that is not a bundle
            continue
        texts.extend(r.text for r in b.records if r.text)
    corpus = SHARED / "corpus" / "imr-letters-2016"
    if corpus.is_dir():
        for pdf in sorted(corpus.glob("*.pdf")):
            texts.append(read_record_file(pdf).text)
    return texts[:limit] if limit else texts


def load_cases() -> list[dict[str, Any]]:
    import yaml

    path = ROOT / "tests" / "evidence" / "data" / "sentences.yaml"
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"])


def _score(cases: list[dict[str, Any]], found: list[list[tuple[str, str]]]) -> tuple[int, int]:
    ok = total = 0
    for case, got in zip(cases, found, strict=True):
        for exp in case.get("e", []):
            if exp[1] == "*":
                continue
            total += 1
            ok += (exp[0], exp[1]) in got
    return ok, total


def worker_ours(texts: list[str], cases: list[dict[str, Any]], passes: int) -> dict[str, Any]:
    from openimr.evidence import load_pipeline
    from openimr.evidence.extraction import RecordMeta, run

    t0 = time.perf_counter()
    nlp = load_pipeline()
    load_s = time.perf_counter() - t0
    metas = [RecordMeta(f"r{i}") for i in range(len(texts))]
    run(texts[:2], metas[:2], nlp)  # warm-up
    t0 = time.perf_counter()
    n = 0
    for _ in range(passes):
        n += len(run(texts, metas, nlp))
    secs = time.perf_counter() - t0
    found = []
    for case in cases:
        fs = run([case["t"]], [RecordMeta("c", kind=case.get("k", "progress report"))], nlp)
        found.append([(f.code, f.assertion) for f in fs])
    ok, total = _score(cases, found)
    return {
        "load_s": load_s,
        "secs": secs,
        "records": len(texts) * passes,
        "findings": n,
        "ok": ok,
        "total": total,
    }


def _baseline_assertion(ent: Any) -> str:
    from openimr.evidence.pipeline import NORMAL_SUFFIX

    flags = {
        "other": ent._.is_family,
        "hypothetical": ent._.is_hypothetical,
        "negated": ent._.is_negated,
        "possible": ent._.is_uncertain,
        "historical": ent._.is_historical,
    }
    normal = ent.label_.endswith(NORMAL_SUFFIX)
    if normal:
        flags["negated"] = not flags["negated"]
    for name in ASSERTION_ORDER:
        if flags[name]:
            return name
    return "present"


def worker_medspacy(texts: list[str], cases: list[dict[str, Any]], passes: int) -> dict[str, Any]:
    from loguru import logger

    logger.remove()
    import medspacy

    from openimr.evidence.pipeline import NORMAL_SUFFIX, target_rules
    from openimr.evidence.schema import vocabulary

    t0 = time.perf_counter()
    nlp = medspacy.load()
    nlp.get_pipe("medspacy_target_matcher").add(target_rules(vocabulary().concepts, nlp.tokenizer))
    load_s = time.perf_counter() - t0

    def process(batch: list[str]) -> list[list[tuple[str, str]]]:
        out = []
        for doc in nlp.pipe(batch):
            out.append(
                [(e.label_.removesuffix(NORMAL_SUFFIX), _baseline_assertion(e)) for e in doc.ents]
            )
        return out

    process(texts[:2])
    t0 = time.perf_counter()
    n = 0
    for _ in range(passes):
        n += sum(len(x) for x in process(texts))
    secs = time.perf_counter() - t0
    ok, total = _score(cases, process([c["t"] for c in cases]))
    return {
        "load_s": load_s,
        "secs": secs,
        "records": len(texts) * passes,
        "findings": n,
        "ok": ok,
        "total": total,
    }


def child(kind: str, data_path: str, passes: int) -> None:
    warnings.filterwarnings("ignore")
    data = json.loads(Path(data_path).read_text(encoding="utf-8"))
    fn = worker_ours if kind == "ours" else worker_medspacy
    res = fn(data["texts"], data["cases"], passes)
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(res))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--passes", type=int, default=3, help="times the record set is processed")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N records")
    ap.add_argument("--child", choices=["ours", "medspacy"], help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.data, args.passes)
        return
    texts = load_records(args.limit)
    cases = load_cases()
    chars = sum(len(t) for t in texts)
    print(
        f"{len(texts)} records ({chars / 1000:.0f} k characters) x {args.passes} passes; "
        f"{len(cases)} accuracy cases"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump({"texts": texts, "cases": cases}, fh)
        data_path = fh.name
    results = {}
    try:
        for kind in ("ours", "medspacy"):
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    kind,
                    "--data",
                    data_path,
                    "--passes",
                    str(args.passes),
                ],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONWARNINGS": "ignore"},
            )
            results[kind] = json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        os.unlink(data_path)
    names = {"ours": "openimr evidence", "medspacy": "medspaCy default ConText"}
    for kind, r in results.items():
        rate = r["records"] / r["secs"]
        kchars = rate * chars / len(texts) / 1000
        print(
            f"{names[kind]:<26} {rate:8.1f} records/s  ({kchars:6.0f} k chars/s)"
            f"  load {r['load_s']:.1f}s  peak RSS {r['peak_rss_mb']:.0f} MB"
            f"  findings/pass {r['findings'] // args.passes}"
            f"  accuracy {r['ok']}/{r['total']} = {r['ok'] / r['total']:.3f}"
        )
    ratio = (results["ours"]["records"] / results["ours"]["secs"]) / (
        results["medspacy"]["records"] / results["medspacy"]["secs"]
    )
    print(f"speed ratio (ours / medspaCy default): {ratio:.2f}x")


if __name__ == "__main__":
    main()
