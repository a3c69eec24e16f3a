"""A fingerprint of everything the evidence stage finds, to prove a speed change changed nothing.

    PYTHONPATH=src python benchmarks/fingerprint.py BUNDLE_OR_DIR... [-o findings.jsonl]
        [--pdf-records DIR] [--pages 1 10 30]

Extracts every bundle (``*.yaml``/``*.json`` under each folder, sorted) and writes one JSON line
per finding with every field of the Finding (code, assertion, region, record, start, end,
dates, observation, value, ...); ``--pdf-records`` adds the text layer of every PDF in DIR as
one record, ``--pages`` long fictional records of so many pages (fictional_records.py); then
prints the number of findings and their SHA-256. Run it
before and after a change and compare the hashes (or ``diff`` the two files).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def bundles(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml", ".json")))
        else:
            out.append(p)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", type=Path, nargs="*")
    ap.add_argument("--pdf-records", type=Path, default=None)
    ap.add_argument("--pages", type=int, nargs="*", default=[])
    ap.add_argument("-o", "--output", type=Path, default=None)
    args = ap.parse_args()
    from openimr.errors import OpenIMRError
    from openimr.evidence import extract, extract_text
    from openimr.intake import load_bundle

    digest = hashlib.sha256()
    n = 0
    out = args.output.open("w", encoding="utf-8") if args.output else None
    for path in bundles(args.paths):
        try:
            bundle = load_bundle(path)
        except OpenIMRError:
            continue  # not a bundle (a README's YAML, an invalid test bundle)
        ev = extract(bundle)
        for f in ev.findings:
            line = json.dumps({"bundle": str(path), **f.model_dump(mode="json")}, sort_keys=True)
            digest.update(line.encode("utf-8") + b"\n")
            n += 1
            if out is not None:
                out.write(line + "\n")
        for rec, page in ev.needs_ocr:
            digest.update(f"ocr {path} {rec} {page}\n".encode())
    texts: list[tuple[str, str]] = []
    if args.pdf_records is not None:
        from openimr.intake.records import read_record_file

        pdfs = sorted(args.pdf_records.glob("*.pdf"))
        texts += [(str(p), read_record_file(p).text) for p in pdfs]
    if args.pages:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from fictional_records import record

        texts += [(f"fictional {k} pages", record(k)) for k in args.pages]
    for name, text in texts:
        for f in extract_text(text, record_id=name):
            line = json.dumps(f.model_dump(mode="json"), sort_keys=True)
            digest.update(line.encode("utf-8") + b"\n")
            n += 1
            if out is not None:
                out.write(line + "\n")
    if out is not None:
        out.close()
    print(f"{n} findings  sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
