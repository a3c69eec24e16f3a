"""``unwrap_lines`` joins its text once (issue 16): it gives what replacing each wrap in turn
gave, and the text itself (the same object) when there is no wrap to replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from openimr.evidence import sentences as sn


def _one_by_one(text: str) -> str:
    """The former ``unwrap_lines``: the whole text copied for each wrap."""
    if "\n" not in text:
        return text
    out = text
    for m in sn._WRAP.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        prev = text[line_start : m.start()].strip()
        nxt_end = text.find("\n", m.end())
        nxt = text[m.end() : nxt_end if nxt_end >= 0 else len(text)]
        if not prev or sn._TERMINAL.search(prev) or sn._UPPER_LINE.match(prev):
            continue
        if sn._LINE_START.match(nxt):
            continue
        out = out[: m.start()] + " " * len(m[1]) + out[m.end() :]
    return out


_BITS = ["physical", "therapy,", "work", "PAIN", "Plan:", "1.", "- ", "the", "knee.", "x"]
_BREAKS = ["\n", "\r\n", " ", "\n\n", ", "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_BITS), st.sampled_from(_BREAKS)), max_size=40))
def test_unwrap_lines_as_one_by_one(bits: list[tuple[str, str]]) -> None:
    text = "".join(w + b for w, b in bits)
    assert sn.unwrap_lines(text) == _one_by_one(text)


def test_no_wrap_gives_the_text_itself() -> None:
    text = "Pain.\nPlan: therapy"
    assert sn.unwrap_lines(text) is text
    wrapped = "included physical\ntherapy, work"
    assert sn.unwrap_lines(wrapped) == "included physical therapy, work"


_CHARS = ["a", "b", "Z", "\n", "\r", " ", "\t", "\u00a0", "\u2028", "\x1c", ".", ",", "\u00e9"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CHARS), max_size=60))
def test_the_wraps_are_the_expressions_matches(chars: list[str]) -> None:
    r"""``_wraps`` skips to each "\n" instead of trying ``_WRAP``'s lookbehind at every
    character: the same spans (a "\r" before the break, whitespace of every kind before it)."""
    text = "".join(chars)
    assert sn._wraps(text) == [m.span() for m in sn._WRAP.finditer(text)]
