"""Free text keeps its characters, but a letter's layout never breaks: a bidirectional
control or another control character quoted from a record is shown as [U+XXXX]."""

from __future__ import annotations

import io

import pytest

from openimr.letters import render
from openimr.letters.render import visible

from .cases import all_upheld


def test_visible_marks_controls_and_keeps_the_rest() -> None:
    assert visible("pain \u202eevoN\u202c 6/10\x07") == "pain [U+202E]evoN[U+202C] 6/10[U+0007]"
    assert visible("line one\nline two\tx, dolor lumbar, 腰椎") == (
        "line one\nline two\tx, dolor lumbar, 腰椎"
    )


def test_visible_finds_the_characters_it_shows_by_one_class() -> None:
    # a value is searched with one character class before it is read character by character
    from openimr.domain.sanity import BIDI
    from openimr.letters.render import _HIDDEN, _hidden

    for i in [*range(0x3000), 0xFEFF, 0x1F600]:
        assert (_HIDDEN.search(chr(i)) is not None) == _hidden(chr(i)), hex(i)
    assert all(_HIDDEN.search(c) for c in BIDI)
    assert _hidden("\x7f") and _hidden("\r") and not _hidden("\n") and not _hidden("\u200b")


@pytest.mark.parametrize("fmt", ["text", "html", "pdf"])
def test_no_bidi_control_reaches_a_letter(fmt: str) -> None:
    d = all_upheld()
    d = d.model_copy(
        update={"clinical_case_summary": d.clinical_case_summary + " Pain \u202eevoN\u202c."}
    )
    out = render(d, fmt)
    if isinstance(out, bytes):
        from pypdf import PdfReader

        out = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(out)).pages)
    assert "\u202e" not in out and "\u202c" not in out
    assert "[U+202E]" in "".join(out.split())
