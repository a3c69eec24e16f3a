"""The evidence stage against its peers on the same texts, interleaved in one process.

    PYTHONPATH=src python benchmarks/evidence_peers.py [--passes 3]

Texts: the records of the example bundles and the text layers of the real 2016 letters in
../shared (read at run time, never copied), as whole case texts; and the 206 fictional
sentences of tests/evidence/data/sentences.yaml, one document each. Pipelines, all given the
same target rules (our vocabulary):

- ours: ``openimr.evidence`` end to end (our sentence splitter, targets, ConText with
  context.yaml, sections, and the Finding objects with region, dates, values);
- medspaCy + sentencizer: spaCy's rule sentencizer, medspaCy's target matcher and ConText
  (default rules), reading each entity's flags;
- medspaCy default: ``medspacy.load()`` (PyRuSH sentences, target matcher, ConText);
- negspacy: spaCy's sentencizer, medspaCy's target matcher, negspacy's Negex (clinical terms).

Each pass runs every pipeline once over the same texts, in turn; the totals give each peer's
speed relative to ours (ratio > 1: ours is faster). Accuracy: the (code, assertion) pairs the
sentence table expects (negspacy only knows negated or not). Peak memory of each pipeline in
its own process: benchmarks/evidence_speed.py.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from evidence_speed import _baseline_assertion, _score, load_cases, load_records  # noqa: E402


def pipelines() -> dict[str, Any]:
    from loguru import logger

    logger.remove()
    import medspacy
    import spacy  # noqa: F401

    from openimr.evidence import load_pipeline
    from openimr.evidence.extraction import RecordMeta, run
    from openimr.evidence.pipeline import NORMAL_SUFFIX, target_rules
    from openimr.evidence.schema import vocabulary

    ours_nlp = load_pipeline()

    def ours(texts: list[str]) -> list[list[tuple[str, str]]]:
        out = []
        for t in texts:
            out.append([(f.code, f.assertion) for f in run([t], [RecordMeta("r")], ours_nlp)])
        return out

    def medspacy_nlp(sentencizer: bool) -> Any:
        enable = ["medspacy_target_matcher", "medspacy_context"]
        nlp = medspacy.load(medspacy_enable=enable if sentencizer else "default")
        if sentencizer:
            nlp.add_pipe("sentencizer", first=True)
        nlp.get_pipe("medspacy_target_matcher").add(
            target_rules(vocabulary().concepts, nlp.tokenizer)
        )
        return nlp

    def reader(nlp: Any) -> Any:
        def read(texts: list[str]) -> list[list[tuple[str, str]]]:
            return [
                [(e.label_.removesuffix(NORMAL_SUFFIX), _baseline_assertion(e)) for e in d.ents]
                for d in nlp.pipe(texts)
            ]

        return read

    from negspacy.negation import Negex  # noqa: F401  (registers "negex")

    neg = medspacy.load(medspacy_enable=["medspacy_target_matcher"])
    neg.add_pipe("sentencizer", first=True)
    neg.get_pipe("medspacy_target_matcher").add(target_rules(vocabulary().concepts, neg.tokenizer))
    neg.add_pipe("negex", config={"neg_termset": _termset()})

    def negspacy(texts: list[str]) -> list[list[tuple[str, str]]]:
        out = []
        for d in neg.pipe(texts):
            row = []
            for e in d.ents:
                normal = e.label_.endswith(NORMAL_SUFFIX)
                negated = bool(e._.negex) != normal
                code = e.label_.removesuffix(NORMAL_SUFFIX)
                row.append((code, "negated" if negated else "present"))
            out.append(row)
        return out

    return {
        "ours": ours,
        "medspaCy + sentencizer": reader(medspacy_nlp(True)),
        "medspaCy default": reader(medspacy_nlp(False)),
        "negspacy": negspacy,
    }


def _termset() -> dict[str, list[str]]:
    from negspacy.termsets import termset

    return dict(termset("en_clinical").get_patterns())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    texts = load_records(None)
    cases = load_cases()
    sentences = [c["t"] for c in cases]
    pipes = pipelines()
    for fn in pipes.values():  # warm-up
        fn(texts[:2])
    secs = {name: {"cases": 0.0, "sentences": 0.0} for name in pipes}
    for _ in range(args.passes):
        for name, fn in pipes.items():  # interleaved
            t = time.perf_counter()
            fn(texts)
            secs[name]["cases"] += time.perf_counter() - t
            t = time.perf_counter()
            fn(sentences)
            secs[name]["sentences"] += time.perf_counter() - t
    chars = sum(len(t) for t in texts)
    print(
        f"{len(texts)} case texts ({chars / 1000:.0f} k characters) and {len(sentences)} "
        f"sentences, {args.passes} interleaved passes"
    )
    head = f"{'pipeline':<24} {'cases s':>8} {'ratio':>6} {'sentences s':>12} {'ratio':>6}"
    print(head + "  accuracy")
    mine = secs["ours"]
    for name, fn in pipes.items():
        ok, total = _score(cases, fn(sentences))
        s = secs[name]
        print(
            f"{name:<24} {s['cases']:8.2f} {s['cases'] / mine['cases']:6.2f} "
            f"{s['sentences']:12.2f} {s['sentences'] / mine['sentences']:6.2f}  "
            f"{ok}/{total} = {ok / total:.3f}"
        )
    print("ratio: the peer's time over ours (above 1.00: ours is faster)")


if __name__ == "__main__":
    main()
