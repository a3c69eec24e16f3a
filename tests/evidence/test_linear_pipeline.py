"""The linear-cost pipeline components give what medspaCy's own components give (issue 16).

``openimr_targets`` (targets.py), ``openimr_context`` (context_local.py) and the one-call
sentence splitter are checked against medspaCy's TargetMatcher and ConText given the same
rules, on every fictional test sentence and on a long fictional record (benchmarks/).
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml

from openimr.evidence.targets import prune

ROOT = Path(__file__).resolve().parents[2]
CASES = yaml.safe_load((ROOT / "tests/evidence/data/sentences.yaml").read_text(encoding="utf-8"))[
    "cases"
]


@pytest.fixture(scope="module")
def reference():  # type: ignore[no-untyped-def]
    from openimr.evidence.pipeline import build_pipeline

    return build_pipeline(medspacy_components=True)


def _long_record(pages: int) -> str:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from fictional_records import record  # type: ignore[import-not-found]

    return str(record(pages))


def _summary(doc: Any) -> list[Any]:
    """Every entity, its modifiers (category, span, scope) and every sentence start."""
    ents = [
        (
            e.start,
            e.end,
            e.label_,
            [(m.category, m.modifier_span, m.scope_span) for m in e._.modifiers],
        )
        for e in doc.ents
    ]
    sections = [(s.title_start, s.body_end, s.category) for s in doc._.sections]
    return [ents, [s.start for s in doc.sents], sections]


def _texts() -> list[str]:
    return [c["t"] for c in CASES] + ["", " ", "Pain.", "\n\n", _long_record(6)]


def test_same_entities_modifiers_sentences_and_sections(nlp, reference) -> None:  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for text in _texts():
            assert _summary(nlp(text)) == _summary(reference(text)), text[:80]


def test_prune_is_medspacys() -> None:
    from medspacy.common.util import prune_overlapping_matches

    cases = [
        [],
        [(1, 0, 2)],
        [(1, 0, 2), (2, 1, 3), (3, 2, 5), (4, 4, 6), (5, 0, 2)],
        [(1, 0, 3), (2, 0, 3), (3, 1, 2), (4, 5, 9), (5, 6, 7), (6, 8, 12), (7, 11, 13)],
    ]
    for m in cases:
        assert prune(list(m)) == prune_overlapping_matches(list(m))


@pytest.mark.parametrize("piece_chars", [1500, 4000])
def test_pieces_give_the_findings_of_the_whole_record(nlp, piece_chars) -> None:  # type: ignore[no-untyped-def]
    from openimr.evidence.extraction import RecordMeta, run

    flattened = _long_record(3).replace("\n\n", "\n").replace("\n\f\n", "\n")
    for text in (_long_record(4), flattened):
        meta = [RecordMeta("r")]
        whole = run([text], meta, nlp, piece_chars=10**9)
        assert len(whole) > 100
        assert run([text], meta, nlp, piece_chars=piece_chars) == whole


def test_no_length_crashes(nlp) -> None:  # type: ignore[no-untyped-def]
    """Past spaCy's max_length (E088) a record still reads, piece by piece."""
    from openimr.evidence.extraction import RecordMeta, run
    from openimr.evidence.pieces import pieces

    text = _long_record(8)
    saved = nlp.max_length
    nlp.max_length = 6000
    try:
        found = run([text], [RecordMeta("r")], nlp, piece_chars=5000)
    finally:
        nlp.max_length = saved
    assert found and max(f.end for f in found) > len(text) - 3000
    assert all(text[f.start : f.end] == f.text for f in found)
    one_line = "Low back pain radiates to the left leg " * 400  # no line break, no full stop
    parts = list(pieces(one_line, 1000))
    assert "".join(p for _, p in parts) == one_line
    assert all(len(p) <= 1000 for _, p in parts)


def test_evidence_queries_follow_a_replaced_finding_list(findings) -> None:  # type: ignore[no-untyped-def]
    from openimr.evidence import EvidenceSet

    found = findings("Decreased sensation in the right L5 dermatome. Low back pain.")
    ev = EvidenceSet(findings=found)
    assert ev.of("neuro.sensory_deficit") and ev.of("pain")
    ev.findings = [f for f in ev.findings if f.code != "pain"]
    assert ev.of("neuro.sensory_deficit") and not ev.of("pain")
