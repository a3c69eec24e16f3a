"""Do the decisions rest on what their rationales say? (issue 12) A counterfactual probe.

    python eval/counterfactual_probe.py [-v] [--bundles DIR] [--no-dev] [--counts]

NECESSITY. For every item decided overturned among the supported cases of the written case
files (tests/review/test_letter_cases_*.py) and the items of the TUNING two thirds of the
development letters (split as `openimr eval` splits them, `openimr.evaluation.split_cases`;
the held-out third is never decided here), every sentence (the engine's own sentence units)
that holds an evidence span of a met criterion or a passage the rationale quotes is deleted
from its record, and the bundle is decided again. Reported: items that stay overturned with a
criterion still met whose evidence was deleted (the overturn rests on evidence the rationale
does not name), items overturned again by other criteria (listed, not counted as faults),
and rationales that quote a passage no longer in the records (false).

SUFFICIENCY. For every item decided upheld among the counterpart cases, the checklist of the
decision (``needed``, "what the records would need to show") is mapped to its unmet criteria;
for each the data file eval/data/counterfactual_satisfiers.yaml gives one plain fictional
sentence (keyed "topic criterion" or "criterion"), which is appended to the record dated at
its latest visit ("Per the progress report dated <latest>, ..."), and the item is decided
again. Reported: items that do not become overturned (the checklist was incomplete or false,
or the plain statement was not read). Items whose checklist names an exclusion ("that this
does not apply: ...") or the surgery a service goes with are not satisfiable by a sentence
and are counted apart; so are items with a criterion the data file has no sentence for.

``--counts`` prints the checklist criteria of the upheld items by frequency (to write the
data file). Letter text is read at run time and never written anywhere.
"""

from __future__ import annotations

import argparse
import collections
import importlib
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

import openimr
from openimr.domain import CaseBundle, Determination, ItemDecision
from openimr.evidence.sentences import boundary_offsets

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests" / "review"
LETTERS = ROOT.parent / "shared/corpus/imr-letters-2016"
DATA = Path(__file__).resolve().parent / "data" / "counterfactual_satisfiers.yaml"

EXCLUSION = "that this does not apply: "
REQUEST = "REQUEST"  # a criterion about the request itself, which no record sentence meets
QUOTE = re.compile(r'"([^"]{3,}?)" \(([^,()]+),')
DATE = re.compile(r"(?<![\d/-])(\d{1,2})[-/](\d{1,2})[-/](\d{4}|\d{2})(?![\d/-])")

_real_decide = openimr.decide
_seen: list[tuple[CaseBundle, Determination]] = []


def _capture(bundle: CaseBundle, **options: Any) -> Determination:
    det = _real_decide(bundle, **options)
    _seen.append((bundle, det))
    return det


def _modules() -> dict[str, tuple[Any, Callable[[Any, Any, str], ItemDecision]]]:
    """Each case file: its module and how its tests decide one case's text."""
    sys.path.insert(0, str(TESTS))
    from _letter_case import decide_letter_case, decide_letter_items

    def sexed(m: Any, p: Any, t: str) -> ItemDecision:
        return m._decide(p[0], p.injured, t, getattr(p, "sex", "male"))

    def plain(m: Any, p: Any, t: str) -> ItemDecision:
        return m._decide(p[0], p.injured, t)

    def case(m: Any, p: Any, t: str) -> ItemDecision:
        return m._decide(p, t)

    def med2(m: Any, p: Any, t: str) -> ItemDecision:
        return decide_letter_case(p.item, p.injured, t, sex=p.sex)

    def t2017(m: Any, p: Any, t: str) -> ItemDecision:
        return decide_letter_items(
            [p[0]], p[1], t, ur="2017-03-20", decided="2017-04-20", case_number="CM00-2017"
        )[0]

    how: dict[str, Callable[[Any, Any, str], ItemDecision]] = {
        "coverage": plain, "evaluations": sexed, "evaluations2": sexed, "injections2": sexed,
        "medications": plain, "medications2": med2, "medications3": case, "medications4": case,
        "procedures": plain, "procedures2": sexed, "studies": sexed, "therapy": sexed,
        "therapy2017": t2017,
    }
    return {k: (importlib.import_module(f"test_letter_cases_{k}"), f) for k, f in how.items()}


class Unit:
    """One item of one bundle: where it came from, the bundle, the request id, its decision."""

    def __init__(self, source: str, bundle: CaseBundle, det: Determination, item_id: str):
        self.source, self.bundle, self.id = source, bundle, item_id
        self.item = next(i for i in det.items if i.id == item_id)

    def redecide(self, bundle: CaseBundle) -> ItemDecision:
        return next(i for i in _real_decide(bundle).items if i.id == self.id)


def written_units() -> tuple[list[Unit], list[Unit]]:
    """(supported cases, counterpart cases) of the written case files, as their tests decide
    them (``openimr.decide`` is wrapped to keep the bundle each test helper builds)."""
    supported: list[Unit] = []
    counter: list[Unit] = []
    openimr.decide = _capture
    try:
        for name, (mod, how) in _modules().items():
            for p in mod.CASES:
                texts = [(p[3], supported)] if name == "therapy2017" else [
                    (p.supported, supported), (p.unsupported, counter)
                ]
                for text, out in texts:
                    _seen.clear()
                    got = how(mod, p, text)
                    bundle, det = _seen[-1]
                    item = p[0] if isinstance(p[0], str) else p[0][-1]
                    out.append(Unit(f"{name}: {item}", bundle, det, got.id))
    finally:
        openimr.decide = _real_decide
    # therapy2017 lists upheld and overturned cases in one list: each goes where it decides
    for u in [u for u in supported if u.source.startswith("therapy2017")]:
        if u.item.decision == "upheld":
            supported.remove(u)
            counter.append(u)
    return supported, counter


def dev_units(directory: Path | None) -> list[Unit]:
    """Every item of the tuning two thirds of the development letters."""
    from openimr.evaluation import split_cases

    with tempfile.TemporaryDirectory() as tmp:
        if directory is None:
            directory = Path(tmp)
            subprocess.run(
                [sys.executable, "-m", "openimr", "letters", "to-bundle", str(LETTERS), "-o",
                 str(directory)],
                check=True, capture_output=True,
            )
        bundles = {}
        for f in sorted(x for x in directory.rglob("*") if x.suffix in (".yaml", ".yml", ".json")):
            b = openimr.load_bundle(f)
            if any(r.expected for r in b.requests):
                bundles[b.case_number] = b
    tune, _ = split_cases({c: b.dates.decision for c, b in bundles.items()})
    out = []
    for c in sorted(tune):
        det = _real_decide(bundles[c])
        out += [Unit(f"dev {c}: {i.item}", bundles[c], det, i.id) for i in det.items]
    return out


# ---- necessity


def _sentences(text: str) -> list[tuple[int, int]]:
    cuts = sorted({0, *boundary_offsets(text), len(text)})
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]


def quotes(rationale: str) -> list[tuple[str, str]]:
    """(passage, record id) of each quotation the rationale attributes to a record."""
    return [(q, rec.strip()) for q, rec in QUOTE.findall(rationale)]


def _named_spans(item: ItemDecision, texts: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    """The spans of each record the decision names: the evidence of its met criteria and the
    passages its rationale quotes."""
    spans: dict[str, list[tuple[int, int]]] = collections.defaultdict(list)
    for c in item.criteria:
        if c.met:
            for e in c.evidence:
                spans[e.record].append((e.start, e.end))
    for q, rec in quotes(item.rationale):
        if rec in texts:
            spans[rec] += [(m.start(), m.end()) for m in re.finditer(re.escape(q), texts[rec])]
    return spans


ROUNDS = 6


def necessity(u: Unit) -> dict[str, Any]:
    """Delete the sentences the decision names, decide again, and again while the item stays
    overturned on a criterion that now names another sentence (the records restate it)."""
    named = {c.id for c in u.item.criteria if c.met and c.evidence}
    bundle, item, deleted = u.bundle, u.item, []
    false: list[str] = []
    rounds = 0
    while rounds < ROUNDS:
        rounds += 1
        data = bundle.model_dump(mode="json")
        spans = _named_spans(item, {r["id"]: r["text"] for r in data["records"]})
        cut = 0
        for r in data["records"]:
            keep = []
            for a, b in _sentences(r["text"]):
                if any(s < b and e > a for s, e in spans.get(r["id"], ())):
                    deleted.append(r["text"][a:b].strip())
                    cut += 1
                else:
                    keep.append(r["text"][a:b])
            r["text"] = "".join(keep)
        if not cut:
            break
        bundle = CaseBundle.model_validate(data)
        item = u.redecide(bundle)
        texts = {r.id: r.text or "" for r in bundle.records}
        false += [
            q for q, rec in quotes(item.rationale)
            if rec in texts and q not in texts[rec] and any(q in d for d in deleted)
        ]
        still = [c for c in item.criteria if c.met and c.id in named]
        if item.decision != "overturned" or not any(c.evidence for c in still):
            break
    still_ids = sorted(c.id for c in item.criteria if c.met and c.id in named)
    over = item.decision == "overturned"
    kind = (
        ("named" if rounds == 1 else "restated") if not over
        else "unnamed" if still_ids else "other"
    )
    return {
        "kind": kind, "rounds": rounds, "decision": item.decision, "still": still_ids,
        "false": false, "deleted": len(deleted), "after": item,
    }


# ---- sufficiency


def satisfiers() -> dict[str, str]:
    with DATA.open() as f:
        got = yaml.safe_load(f) or {}
    return {str(k): str(v).strip() for k, v in got.items()}


def checklist(item: ItemDecision) -> tuple[list[list[tuple[str, str]]], list[str]]:
    """The checklist as groups of (criterion id, description), one of each group needed, and
    the entries that no sentence can satisfy (exclusions, the surgery a service goes with) or
    that name no criterion."""
    unmet = [(c.id, c.description) for c in item.criteria if not c.met]
    groups, apart = [], []
    for n in item.needed:
        if n.startswith(EXCLUSION):
            apart.append("exclusion")
            continue
        parts = n.removeprefix("one of: ").split("; or ") if n.startswith("one of: ") else [n]
        group = [(i, d) for p in parts for i, d in unmet if d == p]
        if group:
            groups.append(group)
        elif "which this service goes with" in n:
            apart.append("surgery")
        else:
            apart.append("unmapped: " + n[:70])
    return groups, apart


def latest_visit(text: str, before: str) -> str:
    """The latest date the record gives on or before ``before`` (ISO), as the record writes it."""
    best, shown = "", ""
    for m in DATE.finditer(text):
        mo, d, y = int(m[1]), int(m[2]), int(m[3])
        y += 2000 if y < 100 else 0
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        iso = f"{y:04d}-{mo:02d}-{d:02d}"
        if iso < before and iso > best:  # the UR decision's own date is no visit
            best, shown = iso, m[0]
    return shown


def fill(sentence: str, item: str) -> str:
    """A sentence's placeholders from the request: {side} (the side it names, else right) and
    {root} (a cervical root for a request at the neck, else a lumbar one)."""
    low = item.lower()
    side = "left" if re.search(r"\bleft\b", low) else "right"
    root = "C6" if re.search(r"cervical|neck|upper extremit|\bc\d", low) else "L5"
    return sentence.replace("{side}", side).replace("{root}", root)


def sufficiency(u: Unit, say: dict[str, str]) -> dict[str, Any]:
    groups, apart = checklist(u.item)
    if any(a in ("exclusion", "surgery") for a in apart):
        return {"kind": "exclusion" if "exclusion" in apart else "surgery", "apart": apart}
    chosen, missing, request = [], [], []
    for g in groups:
        said = [(i, say.get(f"{u.item.topic} {i}", say.get(i))) for i, _ in g]
        pick = next(((i, t) for i, t in said if t and t != REQUEST), None)
        if pick is not None:
            chosen.append(pick)
        elif any(t == REQUEST for _, t in said):
            request.append(g[0][0])
        else:
            missing.append(f"{u.item.topic} {g[0][0]}")
    if request:
        return {"kind": "request", "apart": request}
    if not groups and not apart:
        # upheld with an empty checklist: a topic that recommends against the service outright
        # (manipulation of the wrist, a weight loss program), as unsatisfiable as an exclusion
        return {"kind": "not recommended", "apart": apart}
    if missing or not groups:
        return {"kind": "no sentence", "missing": missing, "apart": apart}
    data = u.bundle.model_dump(mode="json")
    rec = max(data["records"], key=lambda r: len(r["text"]))
    when = latest_visit(rec["text"], str(u.bundle.dates.ur_denial))
    lead = f"Per the progress report dated {when}, " if when else ""
    rec["text"] = rec["text"].rstrip() + "".join(
        f" {lead}{fill(s, u.item.item)}" for _, s in chosen
    )
    after = u.redecide(CaseBundle.model_validate(data))
    needed = " ".join(after.needed)
    left = [c for c in after.criteria if not c.met and c.description in needed]
    # a criterion the added sentence leaves "not established": the record says otherwise at
    # the same visit (a counterpart written to lack it often says so), and neither statement
    # outranks the other; the engine is right to doubt
    contested = after.decision != "overturned" and all(
        c.status == "not established" for c in left if c.id in {i for i, _ in chosen}
    ) and any(c.id in {i for i, _ in chosen} for c in left)
    return {
        "kind": "tested", "decision": after.decision, "used": [i for i, _ in chosen],
        "left": [c.id for c in left], "contested": contested, "apart": apart, "after": after,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-v", action="store_true", help="list the items found")
    ap.add_argument("--bundles", type=Path, help="development bundles already built")
    ap.add_argument("--no-dev", action="store_true", help="the written cases only")
    ap.add_argument("--counts", action="store_true", help="checklist criteria by frequency")
    args = ap.parse_args(argv)

    supported, counter = written_units()
    upheld = [u for u in counter if u.item.decision == "upheld"]
    if args.counts:
        freq: collections.Counter[str] = collections.Counter()
        about: dict[str, str] = {}
        for u in upheld:
            for g in checklist(u.item)[0]:
                for i, d in g:
                    freq[f"{u.item.topic} {i}"] += 1
                    about[f"{u.item.topic} {i}"] = d
        for k, n in freq.most_common():
            print(f"{n:3} {k}: {about[k][:110]}")
        return 0

    units = [u for u in supported if u.item.decision == "overturned"]
    n_written = len(units)
    if not args.no_dev:
        units += [u for u in dev_units(args.bundles) if u.item.decision == "overturned"]
    nec = [(u, necessity(u)) for u in units]
    kinds = collections.Counter(r["kind"] for _, r in nec)
    false = [(u, r) for u, r in nec if r["false"]]
    print(
        f"NECESSITY: {len(units)} overturned items ({n_written} written, "
        f"{len(units) - n_written} tuning); after deleting the sentences the decision names: "
        f"{kinds['named']} no longer overturned, {kinds['restated']} no longer overturned once "
        f"the records' restatements (each named in turn) are deleted too, {kinds['unnamed']} "
        f"still overturned on a criterion whose named evidence is all gone, {kinds['other']} "
        f"overturned on other criteria or on no record sentence; rationales quoting a deleted "
        f"sentence: {len(false)}"
    )
    if args.v:
        for u, r in nec:
            if r["kind"] in ("unnamed", "other"):
                got = [(c.id, [e.text for e in c.evidence]) for c in r["after"].criteria
                       if c.met and (c.evidence or c.id in r["still"])]
                print(f"  {r['kind']:8} {u.source[:66]:66} {got}")
        for u, r in false:
            print(f"  false    {u.source[:66]:66} {r['false']}")

    say = satisfiers()
    suf = [(u, sufficiency(u, say)) for u in upheld]
    kinds = collections.Counter(r["kind"] for _, r in suf)
    tested = [(u, r) for u, r in suf if r["kind"] == "tested"]
    failed = [(u, r) for u, r in tested if r["decision"] != "overturned"]
    contested = [(u, r) for u, r in failed if r["contested"]]
    print(
        f"SUFFICIENCY: {len(upheld)} upheld items; apart: an exclusion {kinds['exclusion']}, "
        f"the surgery it goes with {kinds['surgery']}, the request's own size "
        f"{kinds['request']}, not recommended outright (an empty checklist) "
        f"{kinds['not recommended']}, no sentence in the data file {kinds['no sentence']}; "
        f"tested {len(tested)}: "
        f"{len(tested) - len(failed)} overturned, {len(failed)} not ({len(contested)} of them "
        f"left not established: the record denies it at the same visit)"
    )
    if args.v:
        for u, r in failed:
            tag = "denied" if r["contested"] else "not"
            print(f"  {tag:6} {u.source[:60]:60} {r['decision']} used={r['used']} left={r['left']}"
                  f"{' apart=' + str(r['apart']) if r['apart'] else ''}")
        for u, r in suf:
            if r["kind"] in ("no sentence", "not recommended"):
                print(f"  nosent {u.source[:60]:60} {r.get('missing', r['kind'])} {r['apart']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
