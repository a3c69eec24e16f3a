"""Agreement with real reviewers: `openimr eval DIR` over bundles that carry `expected`.

Accuracy alone flatters a system on IMR data (about nine in ten items are upheld), so the
report leads with balanced accuracy and Cohen's kappa, and lists every disagreement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


# The report's treatment groups (issue 12): the engine's categories, grouped as reviewers and
# readers of IMR statistics group them.
GROUPS: dict[str, str] = {
    "imaging": "imaging",
    "electrodiagnostics": "electrodiagnosis",
    "rehabilitation": "therapy",
    "behavioral health": "therapy",
    "programs": "therapy",
    "medications": "medications",
    "injections": "injections",
    "durable equipment": "equipment",
    "surgery": "surgery and associated services",
    "surgery-associated": "surgery and associated services",
    "evaluation": "evaluations",
}
METRICS = (
    "strict_accuracy",
    "accuracy",
    "balanced_accuracy",
    "kappa",
    "recall_overturned",
    "precision_overturned",
    "guideline_agreement",
)


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
    decided: dt.date | None = None  # the letter's decision date

    @property
    def group(self) -> str:
        return GROUPS.get(self.category, "other")


def _counts(rows: list[Row], predicted: list[str]) -> dict[str, float]:
    pos = "overturned"
    pairs = list(zip((r.expected for r in rows), predicted, strict=True))
    n = len(pairs)
    tp = sum(e == pos and p == pos for e, p in pairs)
    fn = sum(e == pos and p != pos for e, p in pairs)
    fp = sum(e != pos and p == pos for e, p in pairs)
    # An undetermined item is a disagreement, never a silent "upheld".
    tn = sum(e == p == "upheld" for e, p in pairs)
    n_upheld = sum(e != pos for e, _ in pairs)
    agree = sum(e == p for e, p in pairs)
    determined = [(e, p) for e, p in pairs if p != "undetermined"]
    rec_o = tp / (tp + fn) if tp + fn else 0.0
    rec_u = tn / n_upheld if n_upheld else 0.0
    # Cohen's kappa over every label seen (upheld, overturned, undetermined).
    labels = {e for e, _ in pairs} | {p for _, p in pairs}
    pe = sum(
        (sum(e == lab for e, _ in pairs) / n) * (sum(p == lab for _, p in pairs) / n)
        for lab in labels
    )
    strict = agree / n
    return {
        "items": float(n),
        "strict_accuracy": strict,
        "accuracy": (sum(e == p for e, p in determined) / len(determined)) if determined else 0.0,
        "balanced_accuracy": (rec_o + rec_u) / 2,
        "kappa": (strict - pe) / (1 - pe) if pe < 1 else 0.0,
        "recall_overturned": rec_o,
        "precision_overturned": tp / (tp + fp) if tp + fp else 0.0,
        "undetermined": float(n - len(determined)),
        "tp": float(tp),
        "fp": float(fp),
        "fn": float(fn),
        "tn": float(tn),
    }


_QUOTED = re.compile(r'"[^"]*"')
_REPEAT_CLAIM = re.compile(r"\brepeat\w*", re.I)
_SECONDARY = re.compile(r"adds this criterion: ([^.]*)\.")


@dataclass
class Truth:
    """What the rationales say about the records that the records do not bear out."""

    items: int = 0
    claims_checked: int = 0
    claims_rewritten: int = 0
    undated_but_dated: int = 0  # "an undated record" where every record names its date
    repeat_not_repeat: int = 0  # a repeat claim for a request that is not a repeat
    secondary_idle: int = 0  # a secondary source named for a criterion that decided nothing

    def add(self, bundle: Any, item: ItemDecision) -> None:
        self.items += 1
        self.claims_checked += item.claims_checked
        self.claims_rewritten += item.claims_rewritten
        own = _QUOTED.sub("", item.rationale)
        if all(r.date for r in bundle.records):
            self.undated_but_dated += item.rationale.count("an undated record")
        if item.course not in ("repeat", "extension", "remainder") and _REPEAT_CLAIM.search(
            _QUOTED.sub("", own.split(". ", 1)[-1]) if own else ""
        ):
            self.repeat_not_repeat += 1
        r = item.rationale
        named = {
            c.description
            for c in item.criteria
            if f"adds this criterion: {c.description}" in r
            or ("adds this criterion: " in r and f"; {c.description}" in r)
        }
        found = len(_SECONDARY.findall(r))
        if found and not named:
            self.secondary_idle += found  # a source named for criteria the item does not have
        self.secondary_idle += sum(
            1 for c in item.criteria if c.description in named and c.statement not in r
        )

    def format(self) -> str:
        return (
            f"rationale truth over {self.items} items: fact check {self.claims_checked} claims "
            f"checked, {self.claims_rewritten} rewritten; 'an undated record' for a dated "
            f"record: {self.undated_but_dated}; repeat claims for a request that is not a "
            f"repeat: {self.repeat_not_repeat}; secondary citations whose criterion decided "
            f"nothing: {self.secondary_idle}"
        )


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    truth: Truth = field(default_factory=Truth)

    def metrics(self) -> dict[str, float]:
        """Agreement figures; undetermined items count against the engine (strict)."""
        rows = self.rows
        if not rows:
            return {}
        out = _counts(rows, [r.predicted for r in rows])
        with_g = [r for r in rows if r.expected_guideline != "none"]
        out["guideline_agreement"] = (
            sum(_guideline_agrees(r) for r in with_g) / len(with_g) if with_g else 0.0
        )
        # Backward-compatible name: accuracy used to mean strict accuracy.
        return out

    def baseline(self) -> dict[str, float]:
        """The same figures for a reviewer who upholds everything."""
        if not self.rows:
            return {}
        return _counts(self.rows, ["upheld"] * len(self.rows))

    def split(self) -> tuple[Report, Report]:
        """The earlier two thirds of the letters by decision date (tuning) and the later third
        (held out). Letters without a date go with the tuning part."""
        cases: dict[str, dt.date | None] = {}
        for r in self.rows:
            cases.setdefault(r.case, r.decided)
        tune = split_cases(cases)[0]
        return (
            Report([r for r in self.rows if r.case in tune]),
            Report([r for r in self.rows if r.case not in tune]),
        )

    def format(self, *, part: str = "all") -> str:
        """The report. ``part``: "all" (every item, every disagreement), "split" (tuning part
        in full; the held-out third as figures only, its disagreements not listed)."""
        if not self.rows:
            return "no items with expected outcomes\n"
        if part == "split":
            tune, held = self.split()
            return (
                tune._section("TUNING: the earlier two thirds of the letters", listed=True)
                + "\n"
                + held._section(
                    "HELD OUT: the later third (figures only; its disagreements are not listed)",
                    listed=False,
                )
                + self._truth()
                + self._failures()
            )
        return self._section("ALL", listed=True) + self._truth() + self._failures()

    def _span(self) -> str:
        dates = sorted(r.decided for r in self.rows if r.decided)
        cases = len({r.case for r in self.rows})
        when = f", decided {dates[0]} to {dates[-1]}" if dates else ""
        return f"{cases} letters, {len(self.rows)} items{when}"

    def _section(self, title: str, *, listed: bool) -> str:
        m, base = self.metrics(), self.baseline()
        out = [f"== {title} ({self._span()})"]
        out.append(f"undetermined (counted as wrong): {m['undetermined']:.0f}")
        out.append(f"{'':22}{'OpenIMR':>9}{'always upheld':>15}")
        for k in METRICS:
            b = f"{base[k]:.3f}" if k in base and k != "precision_overturned" else "-"
            out.append(f"{k:22}{m[k]:>9.3f}{b:>15}")
        out.append("")
        out.append("confusion (rows expected, columns predicted):")
        labels = ["upheld", "overturned", "undetermined"]
        counts = Counter((r.expected, r.predicted) for r in self.rows)
        out.append(f"{'':12}" + "".join(f"{lab:>14}" for lab in labels))
        for e in ("upheld", "overturned"):
            out.append(f"{e:12}" + "".join(f"{counts[(e, p)]:>14}" for p in labels))
        out.append("")
        out.append(self._by_group())
        if listed:
            out.append(self._disagreements())
        return "\n".join(out) + "\n"

    def _by_group(self) -> str:
        out = ["by category (items; strict accuracy; overturned expected/predicted/agreed):"]
        by: dict[str, list[Row]] = defaultdict(list)
        for r in self.rows:
            by[r.group].append(r)
        for g in sorted(by):
            rs = by[g]
            agree = sum(r.expected == r.predicted for r in rs)
            oe = sum(r.expected == "overturned" for r in rs)
            op = sum(r.predicted == "overturned" for r in rs)
            both = sum(r.expected == r.predicted == "overturned" for r in rs)
            out.append(f"  {g:34} {len(rs):4}  {agree / len(rs):.2f}  {oe}/{op}/{both}")
        return "\n".join(out)

    def _disagreements(self) -> str:
        dis = [r for r in self.rows if r.expected != r.predicted]
        out = ["", f"disagreements ({len(dis)}):"]
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
        return "\n".join(out)

    def _truth(self) -> str:
        return "\n" + self.truth.format() + "\n" if self.truth.items else ""

    def _failures(self) -> str:
        if not self.failures:
            return ""
        out = ["", f"bundles that could not be decided ({len(self.failures)}):"]
        out += [f"  {f}" for f in self.failures]
        return "\n".join(out) + "\n"


def split_cases(decided: dict[str, dt.date | None]) -> tuple[set[str], set[str]]:
    """The tuning cases (the earlier two thirds by decision date, undated first) and the
    held-out cases (the later third). ``decided``: case number -> decision date, for the
    cases that have expected outcomes (those `openimr eval` scores)."""
    order = sorted(decided, key=lambda c: (decided[c] or dt.date.min, c))
    cut = -(-2 * len(order) // 3)  # ceil(2n/3)
    return set(order[:cut]), set(order[cut:])


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
            report.truth.add(bundle, item)
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
                    decided=bundle.dates.decision,
                )
            )
    bar.close()
    return report
