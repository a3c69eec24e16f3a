"""The vocabulary scan (prefilter.py) and the rule expressions searched near their words
(regex_scan.py) change no finding (issue 16).

Every rule expression gives what ``finditer`` gives on long fictional records, dense and
mostly administrative, and on texts made to test the window arithmetic; the whole evidence
stage gives the same findings with the scan as without it, on such records and on records
where a skipped block carries a section header or a visit date into a block with findings.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from openimr.evidence.extraction import RecordMeta, _scanner, run
from openimr.evidence.regex_scan import SHORT, FastRegex

ROOT = Path(__file__).resolve().parents[2]


def _record(pages: int, seed: int, clinical: float) -> str:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from fictional_records import record  # type: ignore[import-not-found]

    return str(record(pages, seed=seed, clinical=clinical))


ADMIN = (
    "Please remit payment within 45 days of receipt of this invoice to the address shown. "
    "Copies of this letter were sent to the applicant and the claims administrator."
)


def _carrying_record() -> str:
    """Skipped blocks that carry a visit date and a section header to the blocks after."""
    return "\n\n".join(
        [
            "PROGRESS REPORT\nThe patient was seen on 03/14/2013 for a follow-up visit.",
            ADMIN,
            "Numbness in the left leg persists; no weakness.",
            "Plan:",
            ADMIN,
            "Continue home exercise; MRI of the lumbar spine was reviewed, 4/10 pain.",
            "Objective:\n" + ADMIN,
            "Straight leg raise is positive on the right.",
            "He was evaluated on 05/02/2013. " + ADMIN,
            ADMIN + "\nThe patient denies numbness.",
            ADMIN + " On 04/09/2013 the office called the patient.",
            "Tingling in both hands is worse at night.",
        ]
        * 3
    )


def _texts() -> list[str]:
    tricky = [
        # a lookahead past a long run of spaces, a match at the very start and end
        "5/5" + " " * 700 + "/ strength 5/5 " + "x" * 2500 + " strength is 5/5",
        "pain 7/10 " + "filler text. " * 300 + "pain 3/10",
        ("Reflexes are 2+ and symmetric.\n\n" + "-ve for sensory loss\n" + "word " * 500) * 3,
    ]
    return tricky + [_record(8, 3, 1.0), _record(12, 4, 0.25), _record(12, 5, 0.1)]


def test_every_rule_expression_finds_what_finditer_finds(nlp) -> None:  # type: ignore[no-untyped-def]
    scanner = _scanner(nlp)
    assert scanner is not None, "the scan is built for the evidence pipeline"
    regexes = [rx for m in (scanner.targets, scanner.context) for _, rx in m._regexes]
    fast = [FastRegex(rx) for rx in regexes]
    assert sum(f._plan is not None for f in fast) >= len(fast) // 2  # most are planned
    for text in _texts():
        assert len(text) >= SHORT
        low, runs = text.lower(), {}  # type: ignore[var-annotated]
        for f in fast:
            assert f.spans(text, low, runs) == [m.span() for m in f.rx.finditer(text)], (
                f.rx.pattern[:60]
            )


@pytest.mark.parametrize("pattern", [r"\bab\s+cd\b", r"\b(x|yz)\w*\s*(?=\s*q)", r"(?i)k\s*/\s*m"])
def test_small_expressions(pattern: str) -> None:
    rx = re.compile(pattern, re.IGNORECASE)
    text = ("ab   cd x " + "yzzz    q " + "K / m " + "." * 97 + "\n") * 40
    assert len(text) >= SHORT
    assert FastRegex(rx).spans(text) == [m.span() for m in rx.finditer(text)]


def _findings(texts: list[str], prefilter: bool, nlp: Any) -> list[dict[str, Any]]:
    metas = [RecordMeta(f"r{i}", dt.date(2013, 6, 1)) for i in range(len(texts))]
    return [f.model_dump() for f in run(texts, metas, nlp, prefilter=prefilter)]


def test_same_findings_with_the_scan(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from openimr.evidence import extraction

    light: list[str] = []
    real = extraction._light_doc
    monkeypatch.setattr(
        extraction, "_light_doc", lambda nlp, text: light.append(text) or real(nlp, text)
    )
    texts = [_carrying_record(), _record(8, 3, 1.0), _record(12, 4, 0.25), _record(12, 5, 0.1)]
    with_scan = _findings(texts, True, nlp)
    assert any("05/02/2013" in t for t in light)  # a skipped block read for its visit date
    assert any(t.startswith("Plan:") for t in light)  # and one for its section header
    assert with_scan == _findings(texts, False, nlp)
    carried = [f for f in with_scan if f["record_id"] == "r0"]
    # what the skipped blocks carry is used: a visit date and the "Plan" section
    assert any(f["text_date"] == dt.date(2013, 3, 14) for f in carried)
    assert any(f["text_date"] == dt.date(2013, 5, 2) for f in carried)
    assert any(f["text_date"] == dt.date(2013, 4, 9) for f in carried)  # a lead mid-line
    assert any(f["section"] == "plan" for f in carried)


def test_scan_skips_blocks_without_vocabulary(nlp) -> None:  # type: ignore[no-untyped-def]
    from openimr.evidence import prefilter as pf

    scanner = _scanner(nlp)
    text = _record(6, 5, 0.1)
    low = text.lower()
    spans = scanner.targets.regex_spans(text, low)
    cspans = scanner.context.regex_spans(text, low)
    starts = pf.blocks(text, [(s, e) for _, s, e in spans + cspans])
    found = pf.hit_positions(scanner, text, low, spans, pf.packed(low))
    hits = pf.hit_blocks(starts, len(text), found)
    assert len(starts) > 20
    assert 0 < sum(hits) < len(hits) / 2  # mostly administrative paragraphs: mostly skipped


def test_short_texts_find_what_finditer_finds(nlp) -> None:  # type: ignore[no-untyped-def]
    import yaml

    cases = yaml.safe_load((ROOT / "tests/evidence/data/sentences.yaml").read_text("utf-8"))
    texts = [c["t"] for c in cases["cases"]] + ["", "5/5", "Pain 7/10."]
    scanner = _scanner(nlp)
    fast = [FastRegex(rx) for m in (scanner.targets, scanner.context) for _, rx in m._regexes]
    found = 0
    for text in texts:
        assert len(text) < SHORT
        for f in fast:
            got = f.spans(text)
            assert got == [m.span() for m in f.rx.finditer(text)], (text, f.rx.pattern[:60])
            found += len(got)
    assert found > 50


def test_one_pass_for_both_matchers_and_for_vocabulary_and_headers(nlp) -> None:  # type: ignore[no-untyped-def]
    """The passes a piece shares (issue 16): the strings of both matchers' expressions in
    one pass give each matcher the occurrences of its own pass and the same matches; the
    vocabulary and the section headers in one pass give the positions of their own
    automata."""
    from openimr.evidence import prefilter as pf
    from openimr.evidence.regex_scan import Occurrences

    scanner = _scanner(nlp)
    texts = _texts() + [_carrying_record(), ("Plan:\n" + ADMIN + "\n\nHistory: none.\n") * 20]
    seen = [0, 0]
    for text in texts:
        low = text.lower()
        shared = scanner.strings(low)
        for matcher in (scanner.targets, scanner.context):
            own = Occurrences(matcher.factors)(low)
            assert {f: shared.get(f, []) for f in own} == own
            assert {f for f in shared if f in matcher.factors} == set(own)
            assert matcher.regex_spans(text, low, {}, shared) == matcher.regex_spans(text, low)
        pack = pf.packed(low)
        vocabulary, headers = pf.vocabulary_and_headers(scanner, low, *pack)
        assert sorted(vocabulary) == sorted(pf._found(scanner.lower, low, *pack))
        assert sorted(headers) == pf.header_positions(scanner, low, pack)
        seen[0] += bool(vocabulary)
        seen[1] += bool(headers)
    assert seen[0] >= 3 and seen[1] >= 3


def _recounting_record() -> str:
    """Skipped blocks that recount an earlier report ("A consultation dated 02/01/2013") and
    return to the later report ("He has completed ..."): the visit date carried through them
    is the same with the scan as without it."""
    return "\n\n".join(
        [
            "PROGRESS REPORT\nThe patient was seen on 06/10/2013 for a follow-up visit.",
            ADMIN,
            "Numbness in the left leg persists; no weakness.",
            ADMIN + " A consultation dated 02/01/2013 was reviewed with the patient.",
            ADMIN,
            "Tingling in both hands is worse at night.",
            ADMIN + " He has completed the claim forms for the employer.",
            ADMIN,
            "Straight leg raise is positive on the right.",
        ]
        * 3
    )


def test_a_recounted_report_carries_the_same_with_the_scan(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from openimr.evidence import extraction

    light: list[str] = []
    real = extraction._light_doc
    monkeypatch.setattr(
        extraction, "_light_doc", lambda nlp, text: light.append(text) or real(nlp, text)
    )
    texts = [_recounting_record()]
    with_scan = _findings(texts, True, nlp)
    assert any("02/01/2013" in t for t in light)  # skipped blocks read for the visit date
    assert any("has completed" in t for t in light)
    assert with_scan == _findings(texts, False, nlp)
    dated = [(f["text"].lower(), f["text_date"]) for f in with_scan]
    assert any(t.startswith("tingling") and d == dt.date(2013, 2, 1) for t, d in dated)
    assert any(t.startswith("straight leg") and d == dt.date(2013, 6, 10) for t, d in dated)
