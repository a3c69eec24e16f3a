"""Agreement with real reviewers: `openimr eval DIR` over bundles that carry `expected`.

Accuracy alone flatters a system on IMR data (about nine in ten items are upheld), so the
report leads with balanced accuracy and Cohen's kappa, and lists every disagreement.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from openimr.domain import ItemDecision
from openimr.errors import OpenIMRError

# MTUS chapter names as letters write them, keyed by one normalised name each.
_CHAPTERS: list[tuple[str, str]] = [
    ("opioids", r"\bopioid"),
    ("chronic pain", r"chronic pain"),
    ("acupuncture", r"acupuncture"),
    ("postsurgical", r"post-?surgical"),
    ("low back", r"low back|chapter 12\b"),
    ("neck", r"neck|chapter 8\b"),
    ("shoulder", r"shoulder|chapter 9\b"),
    ("elbow", r"elbow|chapter 10\b"),
    ("hand", r"forearm|wrist|hand|chapter 11\b"),
    ("knee", r"knee|chapter 13\b"),
    ("ankle", r"ankle|foot|chapter 14\b"),
    ("stress", r"stress|chapter 15\b"),
    ("eye", r"\beye\b|chapter 16\b"),
    ("general approaches", r"general approach|initial approach|chapter [1-7]\b"),
    ("hip", r"\bhip\b|groin"),
    ("formulary", r"formulary"),
]


def guideline_key(text: str | None) -> str:
    """`MTUS:<chapter>` for an MTUS citation, `non-MTUS` otherwise, `none` when absent."""
    if not text or not text.strip() or re.search(r"none cited|not cite", text, re.I):
        return "none"
    low = text.lower()
    mtus = "mtus" in low and not re.match(r"\s*non-mtus", low) and "did not base" not in low
    if not mtus:
        return "non-MTUS"
    for key, pattern in _CHAPTERS:
        if re.search(pattern, low):
            return f"MTUS:{key}"
    return "MTUS:?"


def guideline_keys(text: str | None) -> list[str]:
    """Every MTUS chapter a letter's guideline line cites, in order (else one key).

    A reviewer may cite two MTUS chapters for one item ("MTUS Low Back Complaints 2004 ...;
    MTUS Chronic Pain Medical Treatment 2016 ..."); citing either is agreement. Parts after a
    ';' without "MTUS" continue the citation before them (a list of sections).
    """
    if not text or not text.strip():
        return ["none"]
    citations: list[str] = []
    for part in text.split(";"):
        if "mtus" in part.lower() or not citations:
            citations.append(part)
        else:
            citations[-1] += ";" + part
    keys: list[str] = []
    for cit in citations:
        head = re.split(r"section\(s\)", cit, flags=re.I)[0]
        key = guideline_key(head) if guideline_key(head).startswith("MTUS:") else guideline_key(cit)
        if key.startswith("MTUS:") and key not in keys:
            keys.append(key)
    return keys or [guideline_key(text)]


def item_guideline_key(item: ItemDecision) -> str:
    if not item.guidelines:
        return "none"
    first = item.guidelines[0]
    if first.level != "MTUS":
        return "non-MTUS"
    return guideline_key(f"MTUS {first.guideline} {first.chapter or ''}")


@dataclass
class Row:
    case: str
    item_id: str
    item: str
    category: str
    expected: str
    predicted: str
    expected_guideline: str  # "|"-joined keys: every MTUS chapter the reviewer cited
    predicted_guideline: str
    topic: str | None


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        rows = self.rows
        n = len(rows)
        if not n:
            return {}
        pos = "overturned"
        tp = sum(r.expected == pos and r.predicted == pos for r in rows)
        fn = sum(r.expected == pos and r.predicted != pos for r in rows)
        fp = sum(r.expected != pos and r.predicted == pos for r in rows)
        # An undetermined item is a disagreement, never a silent "upheld".
        tn = sum(r.expected == r.predicted == "upheld" for r in rows)
        n_upheld = sum(r.expected != pos for r in rows)
        acc = sum(r.expected == r.predicted for r in rows) / n
        rec_o = tp / (tp + fn) if tp + fn else 0.0
        rec_u = tn / n_upheld if n_upheld else 0.0
        prec_o = tp / (tp + fp) if tp + fp else 0.0
        # Cohen's kappa over every label seen (upheld, overturned, undetermined).
        labels = {r.expected for r in rows} | {r.predicted for r in rows}
        pe = sum(
            (sum(r.expected == lab for r in rows) / n) * (sum(r.predicted == lab for r in rows) / n)
            for lab in labels
        )
        kappa = (acc - pe) / (1 - pe) if pe < 1 else 0.0
        with_g = [r for r in rows if r.expected_guideline != "none"]
        g_agree = sum(_guideline_agrees(r) for r in with_g) / len(with_g) if with_g else 0.0
        return {
            "items": float(n),
            "accuracy": acc,
            "balanced_accuracy": (rec_o + rec_u) / 2,
            "kappa": kappa,
            "recall_overturned": rec_o,
            "precision_overturned": prec_o,
            "guideline_agreement": g_agree,
            "undetermined": float(sum(r.predicted == "undetermined" for r in rows)),
            "tp": float(tp),
            "fp": float(fp),
            "fn": float(fn),
            "tn": float(tn),
        }

    def format(self) -> str:
        m = self.metrics()
        out = []
        if not m:
            return "no items with expected outcomes\n"
        out.append(f"items: {m['items']:.0f}   undetermined (no topic): {m['undetermined']:.0f}")
        for k in (
            "accuracy",
            "balanced_accuracy",
            "kappa",
            "recall_overturned",
            "precision_overturned",
            "guideline_agreement",
        ):
            out.append(f"{k}: {m[k]:.3f}")
        out.append("")
        out.append("confusion (rows expected, columns predicted):")
        labels = ["upheld", "overturned", "undetermined"]
        counts = Counter((r.expected, r.predicted) for r in self.rows)
        out.append(f"{'':12}" + "".join(f"{lab:>14}" for lab in labels))
        for e in ("upheld", "overturned"):
            out.append(f"{e:12}" + "".join(f"{counts[(e, p)]:>14}" for p in labels))
        out.append("")
        out.append("by category (items, agree, overturned expected/predicted):")
        by: dict[str, list[Row]] = defaultdict(list)
        for r in self.rows:
            by[r.category].append(r)
        for cat in sorted(by):
            rs = by[cat]
            agree = sum(r.expected == r.predicted for r in rs)
            oe = sum(r.expected == "overturned" for r in rs)
            op = sum(r.predicted == "overturned" for r in rs)
            out.append(f"  {cat:34} {len(rs):4} {agree:4}  {oe}/{op}")
        dis = [r for r in self.rows if r.expected != r.predicted]
        out.append("")
        out.append(f"disagreements ({len(dis)}):")
        for r in dis:
            out.append(
                f"  {r.case} #{r.item_id} expected {r.expected}, got {r.predicted} "
                f"[{r.topic or 'no topic'}]: {r.item[:90]}"
            )
        gdis = [r for r in self.rows if r.expected_guideline != "none" and not _guideline_agrees(r)]
        out.append("")
        out.append(f"guideline disagreements ({len(gdis)}; expected -> cited by the engine):")
        for r in gdis:
            out.append(
                f"  {r.case} #{r.item_id} {r.expected_guideline} -> {r.predicted_guideline} "
                f"[{r.topic or 'no topic'}]: {r.item[:70]}"
            )
        if self.failures:
            out.append("")
            out.append(f"bundles that could not be decided ({len(self.failures)}):")
            out += [f"  {f}" for f in self.failures]
        return "\n".join(out) + "\n"


def _guideline_agrees(r: Row) -> bool:
    return r.predicted_guideline in r.expected_guideline.split("|")


def evaluate_dir(paths: list[Path], progress: bool = False) -> Report:
    """Decide every bundle under ``paths`` that has expected outcomes; bad files are reported."""
    from openimr import decide, load_bundle
    from openimr.intake.requests import parse_request

    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted(x for x in p.rglob("*") if x.suffix in (".yaml", ".yml", ".json"))
        else:
            files.append(p)
    report = Report()
    from openimr.batch import progress_bar

    bar = progress_bar(len(files), "case", enabled=None if progress else False)
    for f in files:
        bar.update(1)
        try:
            bundle = load_bundle(f)
        except OpenIMRError as exc:
            report.failures.append(str(exc))
            continue
        if not any(r.expected for r in bundle.requests):
            continue
        try:
            det = decide(bundle)
        except OpenIMRError as exc:
            report.failures.append(f"{f}: {exc}")
            continue
        for req, item in zip(bundle.requests, det.items, strict=True):
            if not req.expected:
                continue
            report.rows.append(
                Row(
                    case=bundle.case_number,
                    item_id=req.id,
                    item=req.item,
                    category=item.category or parse_request(req.item).category or "unknown",
                    expected=req.expected.decision,
                    predicted=item.decision,
                    expected_guideline="|".join(guideline_keys(req.expected.guideline)),
                    predicted_guideline=item_guideline_key(item),
                    topic=item.topic,
                )
            )
    bar.close()
    return report
