"""A factor that a word boundary of its expression starts or ends counts only at a word
boundary of the text (regex_scan.FactorIndex with ``words``, issue 16): "per" inside "paper"
does not make the sentence cue ``quoted`` a candidate. The fast path is pinned against
``finditer``: an expression that is no candidate has no match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from openimr.evidence.extraction import compiled
from openimr.evidence.regex_scan import FactorIndex, bounded_factors_of


def _cues() -> tuple[list[str], list[re.Pattern[str]]]:
    c = compiled()
    return list(c.cue), list(c.cue.values())


def _no_match_missed(index: FactorIndex, rxs: list[re.Pattern[str]], text: str) -> None:
    cands = set(index.candidates(text.lower()))
    for k, rx in enumerate(rxs):
        if k not in cands:
            assert not list(rx.finditer(text)), (text, rx.pattern[:60])


def test_bounded_factors() -> None:
    assert bounded_factors_of(re.compile(r"\bper\b", re.I)) == (("per", True, True),)
    assert bounded_factors_of(re.compile(r"\b(qme|x)yz\b")) == (("yz", False, True),)
    # a boundary before a character that is not a word character tells nothing of the text
    assert bounded_factors_of(re.compile(r"\b-ab")) == (("-ab", False, False),)
    # a later repetition follows the earlier one, not the boundary
    assert bounded_factors_of(re.compile(r"\b(ab )+")) == (("ab ", False, False),)
    assert bounded_factors_of(re.compile(r"\b(?:ab|cd)\b|xyz")) == (
        ("ab", True, True),
        ("cd", True, True),
        ("xyz", False, False),
    )
    assert bounded_factors_of(re.compile(r"a?")) is None


def test_quoted_is_no_candidate_inside_words() -> None:
    names, rxs = _cues()
    index = FactorIndex(rxs, words=True)
    quoted = names.index("quoted")
    assert quoted not in index.candidates("the paper was acted upon and amended.")
    assert quoted in index.candidates("per the ame, the mri was normal.")
    assert quoted in FactorIndex(rxs).candidates("the paper was acted upon and amended.")


_CHUNKS = ["per", "ame", "qme", "ct", "ur", "the", "of", "on", "in", "as", "dated", "prior"]
_CHUNKS += ["mri", "x-ray", "review", "report", "note", "noted", "emg", "exam", "request"]
_CHUNKS += ["denied", "authori", "certified", "2015", "03/04/2016", "jan", "5/5", "rfa", "doi"]
_CHUNKS += ["pa", "s", "x", "1", "_", "'", "ed", "ing", "un", "re", "-", "/"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_CHUNKS),
            st.sampled_from(["", "", " ", " ", ", ", ". ", "-", "\n", "_", "1"]),
        ),
        min_size=1,
        max_size=30,
    ),
    st.booleans(),
)
def test_cue_candidates_miss_no_match(pairs: list[tuple[str, str]], upper: bool) -> None:
    text = "".join(w + s for w, s in pairs)
    if upper:
        text = text.upper()
    _, rxs = _cues()
    _no_match_missed(FactorIndex(rxs, words=True), rxs, text)


_PIECES = ["ab", "cd", "b", "x y", "\\s+", "\\d", "(ab|cd)", "(?:ab)?", "\\b", "(b )+", "-a"]


@st.composite
def _unions(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        seq = draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4))
        parts.append("(?:" + "".join(seq) + ")")
    return "|".join(parts)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_unions(), min_size=1, max_size=3),
    st.lists(st.sampled_from(["ab", "cd", "b", "x", "y", "1", " ", "-", "_", "abcd", "x y"])),
)
def test_small_unions_miss_no_match(patterns: list[str], words: list[str]) -> None:
    rxs = [re.compile(p, re.I) for p in patterns]
    _no_match_missed(FactorIndex(rxs, words=True), rxs, "".join(words))
