"""Score the evidence stage's assertion (ConText) on the NegEx/ConText test set.

    python eval/negex.py ../shared/benchmarks/negex/rsAnnotations-1-120-random.txt [--errors F]

Protocol (the set's README): one row = one annotated condition in its sentence. The mention
is located by searching ``condition.upper()`` case-sensitively (the upstream marking), then
case-insensitively with whitespace collapsed; when the condition is not inside the sentence
(11 rows, upstream sentence-splitting errors) the longest run of its words found in the
sentence is used, and a row where no word is found is predicted Affirmed. Repeated mentions:
the first occurrence. After locating it, the mention is lower-cased so that the upper-case
marking neither helps nor hurts. The row goes through the same pipeline as records (our
sentence splitter, medspaCy ConText with context.yaml, sections) with the mention as the only
target; the flags are read one-vs-rest.

The rules in context.yaml were tuned looking at odd ids only; even ids are held out. The
script prints all rows, the odd (tuning) half and the even (held-out) half, and ends with the
line ``negated: precision=P recall=R f1=F`` for all rows.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from openimr.evidence.assertion import flags_of  # noqa: E402
from openimr.evidence.extraction import section_of  # noqa: E402
from openimr.evidence.pipeline import TARGET_PIPE, load_pipeline  # noqa: E402


@dataclass
class Row:
    id: int
    condition: str
    sentence: str
    negated: bool
    temporality: str
    experiencer: str


def read_rows(path: Path) -> list[Row]:
    rows = []
    lines = path.read_text(encoding="ascii").split("\n")
    for line in lines[1:]:
        if not line.strip():
            continue
        f = line.split("\t")
        if len(f) != 6:
            raise SystemExit(f"{path}: line with {len(f)} fields, expected 6: {line[:60]!r}")
        rows.append(Row(int(f[0]), f[1], f[2], f[3] == "Negated", f[4], f[5]))
    return rows


def locate(condition: str, sentence: str) -> tuple[int, int] | None:
    """Character span of the annotated mention (see the module docstring)."""
    i = sentence.find(condition.upper())
    if i >= 0:
        return i, i + len(condition)
    words = condition.split()
    rx = r"\s+".join(re.escape(w) for w in words)
    m = re.search(rx, sentence, re.IGNORECASE)
    if m:
        return m.start(), m.end()
    for n in range(len(words) - 1, 0, -1):
        for k in range(len(words) - n + 1):
            part = r"\s+".join(re.escape(w) for w in words[k : k + n])
            m = re.search(r"(?<!\w)" + part + r"(?!\w)", sentence, re.IGNORECASE)
            if m:
                return m.start(), m.end()
    return None


@dataclass
class Pred:
    negated: bool = False
    historical: bool = False
    hypothetical: bool = False
    other: bool = False


def predict(rows: list[Row]) -> tuple[list[Pred], float]:
    nlp = load_pipeline()
    stages = [(n, p) for n, p in nlp.pipeline if n != TARGET_PIPE]
    preds = []
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*W036.*")
        for row in rows:
            span = locate(row.condition, row.sentence)
            if span is None:
                preds.append(Pred())
                continue
            s, e = span
            text = row.sentence[:s] + row.sentence[s:e].lower() + row.sentence[e:]
            doc = nlp.make_doc(text)
            target = doc.char_span(s, e, label="TARGET", alignment_mode="expand")
            if target is None:
                preds.append(Pred())
                continue
            doc.ents = [target]
            for _, proc in stages:
                doc = proc(doc)
            fl = flags_of(doc.ents[0])
            sec = section_of(doc, doc.ents[0].start_char)
            forced = sec.assertion if sec is not None else None
            preds.append(
                Pred(
                    fl.negated,
                    fl.historical or (forced == "historical" and not fl.negated),
                    fl.hypothetical or forced == "hypothetical",
                    fl.other or forced == "other",
                )
            )
    return preds, time.perf_counter() - t0


def prf(gold: list[bool], pred: list[bool]) -> tuple[int, int, int, int, float, float, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum((not g) and p for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    tn = len(gold) - tp - fp - fn
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return tp, fp, fn, tn, p, r, f


def report(name: str, rows: list[Row], preds: list[Pred]) -> tuple[float, float, float]:
    g = [r.negated for r in rows]
    tp, fp, fn, tn, p, r, f = prf(g, [x.negated for x in preds])
    acc = (tp + tn) / len(rows)
    print(
        f"{name:<22} n={len(rows):<5} negated  P={p:.3f} R={r:.3f} F1={f:.3f} acc={acc:.3f}"
        f"  (TP {tp}, FP {fp}, FN {fn}, TN {tn})"
    )
    for label, gold, pred in (
        (
            "historical",
            [x.temporality == "Historical" for x in rows],
            [x.historical for x in preds],
        ),
        (
            "hypothetical",
            [x.temporality == "Not particular" for x in rows],
            [x.hypothetical for x in preds],
        ),
        ("other", [x.experiencer != "Patient" for x in rows], [x.other for x in preds]),
    ):
        tp2, fp2, fn2, _, p2, r2, f2 = prf(gold, pred)
        print(
            f"{'':<30} {label:<12} P={p2:.3f} R={r2:.3f} F1={f2:.3f}"
            f"  (TP {tp2}, FP {fp2}, FN {fn2})"
        )
    return p, r, f


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--errors", type=Path, help="write the misclassified rows here (TSV)")
    ap.add_argument(
        "--split",
        choices=["all", "odd", "even"],
        default="all",
        help="only print errors of this split",
    )
    args = ap.parse_args()
    rows = read_rows(args.corpus)
    t_load = time.perf_counter()
    load_pipeline()
    t_load = time.perf_counter() - t_load
    preds, secs = predict(rows)
    print(
        f"{len(rows)} rows; pipeline loaded in {t_load:.1f}s; {len(rows) / secs:,.0f} sentences/s"
    )
    odd = [i for i, r in enumerate(rows) if r.id % 2 == 1]
    even = [i for i, r in enumerate(rows) if r.id % 2 == 0]
    report("odd ids (tuning)", [rows[i] for i in odd], [preds[i] for i in odd])
    report("even ids (held out)", [rows[i] for i in even], [preds[i] for i in even])
    p, r, f = report("all", rows, preds)
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as out:
            out.write("id\tgold\tpred\thist_gold\thist_pred\tcondition\tsentence\n")
            for row, pr in zip(rows, preds, strict=True):
                if args.split == "odd" and row.id % 2 == 0 or args.split == "even" and row.id % 2:
                    continue
                hist_gold = row.temporality == "Historical"
                if row.negated != pr.negated or hist_gold != pr.historical:
                    out.write(
                        f"{row.id}\t{int(row.negated)}\t{int(pr.negated)}\t{int(hist_gold)}\t"
                        f"{int(pr.historical)}\t{row.condition}\t{row.sentence}\n"
                    )
    print(f"negated: precision={p:.3f} recall={r:.3f} f1={f:.3f}")


if __name__ == "__main__":
    main()
