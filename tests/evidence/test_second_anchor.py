"""A part of a rule expression whose own strings can stand far from where a match starts is
searched only where a second set of strings every match holds allows a start too
(regex_scan._second_anchor, issue 16): the same matches as ``finditer``.

``pain.medication_relief``'s "(the|his|pain ){0,2}(medication|norco...) ... (reduced|
decreased...)": its verbs allow starts over some 200 characters before each, and each was
tried where a lead ("the", "pain", a drug's name) is; the drug's names, at most two words
after a start, allow a few.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openimr.evidence.extraction import _scanner
from openimr.evidence.regex_scan import SHORT, FastRegex, Occurrences

RX = re.compile(
    r"(?:\b((the|his|pain)\s+){0,2}(norco|meds|medications?)\b[^.;]{0,80}?"
    r"\b(reduced|decreased)\s+(his\s+)?pain\b)"
    r"|(?:\bwith\s+(norco|meds)\s+\d+/10)",
    re.IGNORECASE,
)
WORDS = ["the", "his", "pain", "norco", "meds", "medication", "medications", "reduced"]
WORDS += ["decreased", "with", "7/10", "and", "xnorco", "norcox", "walks", "-", "daily"]
SEPS = [" ", " ", "  ", "\n", ", ", ". ", "; ", "\t"]


def _finditer(rx: re.Pattern[str], text: str, lo: int = 0, hi: int | None = None) -> list:
    return [m.span() for m in rx.finditer(text, lo, len(text) if hi is None else hi)]


def test_the_verbs_part_is_narrowed_by_the_drug_names() -> None:
    fast = FastRegex(RX)
    assert fast._plan is not None
    first = fast._plan[0]
    assert set(first.factors) == {"decreased", "reduced"}
    assert first.also is not None and set(first.also[0]) == {"norco", "meds", "medication"}
    assert {"norco", "meds", "medication"} <= set(fast.strings)
    assert "norco" not in fast.factors  # the second anchor's strings are looked for too


@pytest.mark.parametrize(
    "text",
    [
        # a match that starts as far before the drug's name as one can (two leading words,
        # each followed by the longest run of white space in the text)
        "x. pain   pain   norco daily reduced pain; ",
        "x. The \n\n his \n\n medications walks decreased his pain. ",
        # the verb as far after the start as one can be, the drug's name at the start
        "meds " + "w" * 79 + " reduced pain. the his norco; with meds 7/10. ",
    ],
)
def test_matches_at_the_edges(text: str) -> None:
    long = text * (SHORT // len(text) + 2)
    fast = FastRegex(RX)
    assert fast.spans(long) == _finditer(RX, long)
    first = RX.search(long)
    assert first is not None and fast.spans(long)[0][0] == first.start()
    for lo in range(0, 60, 7):
        hi = len(long) - lo
        assert fast.spans_between(long, lo, hi) == _finditer(RX, long, lo, hi)


@settings(max_examples=60, deadline=None)
@given(
    picks=st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPS)), max_size=300),
    cut=st.tuples(st.integers(0, 400), st.integers(0, 400)),
)
def test_same_matches_as_finditer(picks: list[tuple[str, str]], cut: tuple[int, int]) -> None:
    text = "".join(w + s for w, s in picks)
    long = text
    while len(long) < SHORT:
        long += " " + (text or "x")
    fast = FastRegex(RX)
    assert fast.spans(long) == _finditer(RX, long)
    low = long.lower()
    found = Occurrences(set(fast.strings))(low)
    assert fast.spans(long, low, {}, found) == _finditer(RX, long)
    lo, hi = sorted((cut[0], len(long) - cut[1]))
    assert fast.spans_between(long, lo, hi) == _finditer(RX, long, lo, hi)
    window = long[lo:hi].lower()
    at = {f: [lo + i for i in w] for f, w in Occurrences(set(fast.strings))(window).items()}
    assert fast.spans_between(long, lo, hi, window, {}, at) == _finditer(RX, long, lo, hi)


def test_the_relief_rule_has_second_anchors(nlp: Any) -> None:
    scanner = _scanner(nlp)
    rules = scanner.targets.rule_map
    relief = [
        fr for key, fr in scanner.targets._fast
        if rules[key]._rule_id.startswith("pain.medication_relief_")
    ]
    assert relief and any(p.also is not None for fr in relief for p in fr._plan or [])
