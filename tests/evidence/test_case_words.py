"""A sentence's words are read once for the records of a case (issue 16): the dates, cues,
years, sides and flattened text of a sentence a record repeats are those read again for it,
and the store lives for one case only."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from openimr.evidence import extraction as ex
from openimr.evidence.extraction import RecordMeta, run

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data" / "sentences.yaml"


def _records() -> list[str]:
    cases = yaml.safe_load(DATA.read_text(encoding="utf-8"))["cases"]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from fictional_records import record  # type: ignore[import-not-found]

    said = [c["t"] for c in cases[:40]]
    visits = [
        f"Progress report dated {m}/1{m}/2018. The injured worker presented on {m}-1{m}-18. "
        + " ".join(said[m : m + 12])
        for m in range(1, 8)
    ]
    return [
        "\n\n".join(visits),  # the same sentences, visit after visit
        "\n\n".join(visits[::-1]),
        str(record(4, seed=16, clinical=1.0)),
        str(record(6, seed=18, clinical=0.25)),
    ]


def _fresh(c: ex._Compiled, text: str) -> ex._Words:
    return ex._Words(text, c)


@pytest.mark.parametrize("piece_chars", [ex.PIECE_CHARS, 1500])
def test_words_kept_for_a_case_give_the_findings_read_again(
    nlp: Any, monkeypatch: pytest.MonkeyPatch, piece_chars: int
) -> None:
    texts = _records()
    metas = [RecordMeta(f"r{k}") for k in range(len(texts))]
    kept = run(texts, metas, nlp, piece_chars=piece_chars)
    assert not ex._WORDS  # emptied after the case
    monkeypatch.setattr(ex, "_words", _fresh)
    again = run(texts, metas, nlp, piece_chars=piece_chars)
    assert [f.model_dump() for f in kept] == [f.model_dump() for f in again]
    assert len(kept) > 100


def test_a_repeated_sentence_shares_its_words(nlp: Any) -> None:
    c = ex.compiled()
    text = "On 3/14/2018 she reported low back pain, improved with therapy, in 2015 an MRI."
    doc_text = f"{text} {text}"
    ex._WORDS.clear()
    try:
        a = ex._sentence(c, {}, 0, len(text), doc_text)
        b = ex._sentence(c, {}, len(text) + 1, len(doc_text), doc_text)
        assert a.words is b.words and (a.start, b.start) == (0, len(text) + 1)
        fresh = ex._Words(text, c)
        assert a.dates == fresh.dates and b.years == q_years(text) and a.flat == b.flat
        assert dict(a.cues) == dict(b.cues)
        for name in c.cue_names:
            assert list(b.cues[name]) == [
                (m.start(), m.end()) for m in c.cue[name].finditer(text)
            ]
    finally:
        ex._WORDS.clear()


def q_years(text: str) -> list[tuple[int, int, int]]:
    from openimr.evidence import quantities as q

    return q.find_years(text)
