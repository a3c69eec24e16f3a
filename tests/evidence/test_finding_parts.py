"""What the findings of a doc or a sentence share, read once, is what each finding read on its
own (issue 16): the doc's own characters for an entity's text, the modifiers spaCy keeps in
the doc's ``user_data``, the sections' characters from the token array, every cue of a sentence
settled by one factor scan, the nerve roots of a sentence found once."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from openimr.evidence import extraction as ex
from openimr.evidence.assertion import _modifiers, doc_index, flags_of, modifier_categories
from openimr.evidence.sentences import doc_text
from openimr.evidence.targets import ents_of

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data" / "sentences.yaml"


def _texts() -> list[str]:
    cases = yaml.safe_load(DATA.read_text(encoding="utf-8"))["cases"]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from fictional_records import record  # type: ignore[import-not-found]

    return [c["t"] for c in cases] + [
        "SUBJECTIVE: low back pain.\nOBJECTIVE:\nPLAN: L5-S1 ESI; C 6 numbness, right L5 weakness.",
        "", " ", "Pain.",
        str(record(3, seed=16, clinical=1.0)),
        str(record(3, seed=17, clinical=0.3)),
    ]


def _plain_sections(doc: Any) -> list[tuple[int, int, str, str]]:
    """``extraction._sections`` as it read them before: a spaCy Span for each section."""
    got = []
    for sec in doc._.sections:
        if sec.title_start is None or sec.body_end is None:
            continue
        span = doc[sec.title_start : sec.body_end]
        title = doc[sec.title_start : sec.title_end].text
        got.append((span.start_char, span.end_char, sec.category or "", title))
    return got


def _plain_region(
    c: Any, sent: str, s: int, e: int, spine: bool = False, motion: bool = False
) -> str | None:
    """``extraction._region`` as it was, each nerve root read again for each finding."""
    cands: list[tuple[float, str]] = []
    hits = list(ex._region_hits(sent))
    if motion and c.motion_rx is not None:
        moves = [
            (m.start(), m.end(), c.region_of_motion[m.group(1).lower()])
            for m in c.motion_rx.finditer(sent)
        ]
        if moves:
            hits = [h for h in hits if not any(h[0] < me and ms < h[1] for ms, me, _ in moves)]
            hits += moves
    for ms, me, region in hits:
        if ms < e and s < me:
            dist: float = -2
        elif ms >= e and ex._PREP_GAP.match(sent[e:ms]):
            dist = -1
        else:
            dist = s - me if me <= s else ms - e
        cands.append((dist, region))
    for m in ex._ROOT.finditer(sent):
        root = f"{m.group(1)}{m.group(2)}"
        dist = s - m.end() if m.end() <= s else max(0, m.start() - e)
        follow = sent[m.end() : m.end() + 14].lower()
        before = sent[max(0, m.start() - 6) : m.start()]
        if spine or ex._LEVEL_AFTER.match(follow) or ex._LEVEL_BEFORE.search(before):
            for rx, reg in c.level_rx:
                if rx.search(root):
                    cands.append((dist, reg))
                    break
            continue
        for rx, reg in c.dermatome_rx:
            if rx.search(root):
                cands.append((dist, reg))
                break
    if not cands:
        return None
    cands.sort(key=lambda x: x[0])
    return cands[0][1]


def test_what_a_doc_keeps_is_what_spans_give(nlp: Any) -> None:
    """An entity's text is the doc's characters at its offsets (``Span.text`` joins its
    tokens), its modifiers are read from ``user_data`` as spaCy's ``Underscore`` reads them,
    the sections' characters and titles are their Spans', and each cue of a sentence, asked
    in any order after the factor scan, has the spans ``finditer`` gives."""
    c = ex.compiled()
    rnd = random.Random(16)
    ents = mods = cues = 0
    for text in _texts():
        doc = nlp(text)
        assert ex._sections(doc, ex._Chars(doc, len(text))) == _plain_sections(doc)
        doc.user_data.pop(ex._SECTIONS_KEY, None)
        assert ex._sections(doc) == _plain_sections(doc)
        index = doc_index(doc) if len(doc) else None
        for ent in ents_of(doc):
            assert doc_text(doc)[ent.start_char : ent.end_char] == ent.text
            assert _modifiers(ent, index) == ent._.modifiers
            for normal in (False, True):
                assert modifier_categories(ent, normal=normal, index=index) == (
                    modifier_categories(ent, normal=normal)
                )
                assert flags_of(ent, normal=normal, index=index) == flags_of(ent, normal=normal)
            ents += 1
            mods += bool(ent._.modifiers)
        for sent in doc.sents:
            found = ex._Cues(sent.text, c)
            names = list(c.cue)
            rnd.shuffle(names)
            for name in names:
                want = [(m.start(), m.end()) for m in c.cue[name].finditer(sent.text)]
                assert list(found[name]) == want, (sent.text, name)
                cues += bool(want)
    assert ents > 1000 and mods > 100 and cues > 500


def test_the_roots_of_a_sentence_give_each_findings_region(nlp: Any) -> None:
    """The region of a finding, with the nerve roots of its sentence found once
    (``extraction._root_hits``), is the one each finding found reading them again."""
    c = ex.compiled()
    asked = named = 0
    for text in _texts():
        doc = nlp(text)
        for ent in ents_of(doc):
            sent = ent.sent
            rel = (ent.start_char - sent.start_char, ent.end_char - sent.start_char)
            for spine in (False, True):
                for motion in (False, True):
                    got = ex._region(c, sent.text, *rel, spine=spine, motion=motion)
                    assert got == _plain_region(c, sent.text, *rel, spine=spine, motion=motion)
                    asked += 1
                    named += got is not None
    assert asked > 4000 and named > 1000


_PARTS = [
    "L5", "S1", "C6", "C 6", "T4", "L4-5", "L5-S1", "C5/C6", "l5", "-", "/", " ", ", ", "-L5",
    "radiculopathy", "numbness in the", "leg", "neck", "lumbar", "knee", "flexion", "at",
    "x", "8", "S 1", "L3-L4", "in", "and",
]


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.sampled_from(_PARTS), max_size=14),
    seps=st.lists(st.sampled_from(["", " ", "  "]), min_size=14, max_size=14),
    s=st.integers(0, 80),
    width=st.integers(0, 12),
    spine=st.booleans(),
    motion=st.booleans(),
)
def test_roots_anywhere(
    parts: list[str], seps: list[str], s: int, width: int, spine: bool, motion: bool
) -> None:
    """The same for roots, levels and regions written in any order and spacing, the finding
    anywhere in the sentence."""
    c = ex.compiled()
    sent = "".join(p + q for p, q in zip(parts, seps, strict=False))
    s = min(s, len(sent))
    e = min(len(sent), s + width)
    assert ex._region(c, sent, s, e, spine=spine, motion=motion) == _plain_region(
        c, sent, s, e, spine=spine, motion=motion
    )


def test_cues_of_a_long_or_foreign_sentence_are_searched() -> None:
    """A sentence the factor scan does not read (long, or not ASCII) has each cue searched."""
    c = ex.compiled()
    for text in ["Plan: PT was recommended. " * 100, "Plan: PT was recommended for the pa\u00efn."]:
        found = ex._Cues(text, c)
        for name, rx in c.cue.items():
            assert list(found[name]) == [(m.start(), m.end()) for m in rx.finditer(text)]
        assert found["plan"]


_CODES = ["pain", "pain.low_back", "neuro.weakness", "imaging.mri", "imaging.mri.lumbar", "x"]
_REGIONS = [None, "lumbar spine", "lower extremity", "knee", "cervical spine", "unknown"]


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(_CODES),
            st.sampled_from(_REGIONS),
            st.sampled_from(["subjective", "objective", "plan"]),
            st.sampled_from(["present", "negated", "historical"]),
            st.booleans(),
            st.sampled_from(["r1", "r2", "r3"]),
            st.integers(0, 5),
            st.one_of(st.none(), st.integers(0, 3)),
        ),
        max_size=40,
    ),
    order=st.dictionaries(st.sampled_from(["r1", "r2", "r3"]), st.integers(0, 3)),
    asks=st.lists(
        st.tuples(
            st.lists(st.sampled_from(_CODES), min_size=1, max_size=3),
            st.sampled_from(_REGIONS),
            st.sampled_from([None, "objective", "plan"]),
            st.sampled_from([None, "present", "negated"]),
            st.sampled_from([None, True, False]),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_evidence_set_answers_in_the_plain_order(
    rows: list[Any], order: dict[str, int], asks: list[Any]
) -> None:
    """``EvidenceSet.of``, its answer put in order by each finding's rank in the case (sorted
    once), is the plain filter of every finding sorted by date, record and offset, ties in the
    list's order; after the list grows and after the record order changes too."""
    import datetime as dt

    from openimr.domain.finding import Finding
    from openimr.evidence.evidence_set import EvidenceSet, _key, region_matches

    def finding(row: Any) -> Finding:
        code, region, obs, assertion, quoted, rec, start, day = row
        return Finding(
            code=code, label=code, record_id=rec, start=start, end=start + 1, text="x",
            region=region, observation=obs, assertion=assertion, quoted=quoted,
            record_date=dt.date(2016, 1, 1),
            text_date=None if day is None else dt.date(2015, 1, 1 + day),
        )

    ev = EvidenceSet(findings=[finding(r) for r in rows], record_order=dict(order))

    def plain(codes: list[str], region: Any, obs: Any, assertion: Any, quoted: Any) -> list[Any]:
        got = [
            f
            for f in ev.findings
            if any(f.code == c or f.code.startswith(c + ".") for c in codes)
            and (region is None or region_matches(region, f.region))
            and (obs is None or f.observation == obs)
            and (assertion is None or f.assertion == assertion)
            and (quoted is None or f.quoted == quoted)
        ]
        return sorted(got, key=lambda f: _key(f, ev.record_order))

    for step in range(3):
        for codes, region, obs, assertion, quoted in asks:
            got = ev.of(codes, region=region, observation=obs, assertion=assertion, quoted=quoted)
            assert got == plain(codes, region, obs, assertion, quoted)
            assert [id(f) for f in got] == [
                id(f) for f in plain(codes, region, obs, assertion, quoted)
            ]
        if step == 0 and rows:
            ev.findings.append(finding(rows[0]))
        else:
            ev.record_order["r2"] = 7 - ev.record_order.get("r2", 0)
