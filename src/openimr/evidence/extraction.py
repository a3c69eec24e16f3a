"""Turn processed records into :class:`Finding` objects: code, span, sentence, dates, region,
laterality, assertion, kind of observation, quoted or not, and the parsed quantity."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc, Span

from openimr.domain.finding import Finding
from openimr.evidence import quantities as q
from openimr.evidence import schema
from openimr.evidence.assertion import assertion_of, doc_index, flags_of
from openimr.evidence.pieces import PIECE_CHARS, pieces, share
from openimr.evidence.pipeline import NORMAL_SUFFIX, SectionInfo, section_info
from openimr.evidence.regex_scan import SHORT, FactorIndex, factors_of
from openimr.evidence.schema import Concept
from openimr.evidence.sentences import TEXT_KEY, clause_bounds, unwrap_lines
from openimr.evidence.sentences import doc_text as text_of
from openimr.evidence.targets import ents_of


@dataclass(frozen=True)
class RecordMeta:
    """What the extractor needs to know about a record besides its text."""

    record_id: str
    date: dt.date | None = None
    kind: str = "progress report"


@dataclass
class _Compiled:
    concepts: dict[str, Concept]
    region_rx: re.Pattern[str]
    region_of_term: dict[str, str]
    dermatome_rx: list[tuple[re.Pattern[str], str]]
    level_rx: list[tuple[re.Pattern[str], str]]
    cue: dict[str, re.Pattern[str]]
    kinds_test: re.Pattern[str]
    kinds_quoting: re.Pattern[str]
    kinds_edx: re.Pattern[str]
    sections: dict[str, SectionInfo] = field(default_factory=dict)
    cue_names: list[str] = field(default_factory=list)
    cue_index: FactorIndex | None = None
    # the words that end at an event's date (cues ``event_date``), else None
    event_date: re.Pattern[str] | None = None
    # a sentence told as of the report the summary is written from (cues ``summary_present``)
    summary_present: re.Pattern[str] | None = None
    region_terms: Any = None  # ahocorasick.Automaton: term -> (rank in region_rx, length)
    # concept code -> (code, names) it carries in its span (vocabulary ``carries``)
    carried: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = field(default_factory=dict)
    # a joint's own motions (regions.yaml ``motions``), for a range-of-motion finding
    motion_rx: re.Pattern[str] | None = None
    region_of_motion: dict[str, str] = field(default_factory=dict)
    # the cues a sentence's factor scan rules out, by the cues it leaves (_ruled_out)
    ruled_out: dict[tuple[int, ...], dict[str, Sequence[tuple[int, int]]]] = field(
        default_factory=dict
    )
    # the cues searched in the words after a finding (_after_cue) -> strings one of which
    # their every match holds (regex_scan.factors_of; None: no such strings to tell)
    after_factors: dict[str, tuple[str, ...] | None] = field(default_factory=dict)


def _alt(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.MULTILINE)


@lru_cache(maxsize=1)
def compiled() -> _Compiled:
    """Regular expressions and lookup tables built once from the data files."""
    vocab = schema.vocabulary()
    regs = schema.regions()
    cues = schema.cues()
    term_of: dict[str, str] = {}
    for r in regs.regions:
        for t in r.terms:
            for lit in schema.expand_phrase(t):
                term_of.setdefault(lit.lower(), r.name)
    terms = sorted(term_of, key=len, reverse=True)
    region_rx = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])", re.IGNORECASE
    )

    def words(items: list[str]) -> re.Pattern[str]:
        return re.compile(r"\b(" + "|".join(re.escape(k) for k in items) + r")\b", re.I)

    cue = {name: _alt(getattr(cues, name)) for name in schema.CUE_PATTERN_FIELDS}
    motion_of = {
        lit.lower(): region
        for region, motions in regs.motions.items()
        for t in motions
        for lit in schema.expand_phrase(t)
    }
    motion_rx = (
        re.compile(
            r"(?<![\w-])("
            + "|".join(re.escape(t) for t in sorted(motion_of, key=len, reverse=True))
            + r")(?![\w-])",
            re.IGNORECASE,
        )
        if motion_of
        else None
    )
    return _Compiled(
        motion_rx=motion_rx,
        region_of_motion=motion_of,
        concepts={c.code: c for c in vocab.concepts},
        carried={
            c.code: tuple((k, re.compile(rx, re.I)) for k, rx in c.carries.items())
            for c in vocab.concepts
            if c.carries
        },
        region_rx=region_rx,
        region_of_term=term_of,
        dermatome_rx=[(re.compile(k), v) for k, v in regs.dermatomes.items()],
        level_rx=[(re.compile(k), v) for k, v in regs.levels.items()],
        cue=cue,
        kinds_test=words(cues.kinds_test),
        kinds_quoting=words(cues.kinds_quoting),
        kinds_edx=words(["emg", "ncs", "ncv", "electrodiagnostic", "nerve conduction"]),
        sections=section_info(),
        cue_names=list(cue),
        cue_index=FactorIndex(list(cue.values()), words=True),
        after_factors={name: factors_of(cue[name]) for name in AFTER_CUES},
        region_terms=_term_automaton(terms),
        event_date=_alt(cues.event_date) if cues.event_date else None,
        summary_present=_alt(cues.summary_present) if cues.summary_present else None,
    )


def _term_automaton(terms: list[str]) -> Any:
    """The region terms in an automaton, for :func:`_region_hits`; None when a term is not
    ASCII (``str.lower`` is then not the expression's case folding)."""
    if not all(t.isascii() for t in terms):
        return None
    import ahocorasick

    auto = ahocorasick.Automaton()
    for rank, term in enumerate(terms):
        auto.add_word(term, (rank, len(term)))
    auto.make_automaton()
    return auto


def _word_char(ch: str) -> bool:
    """``[\\w-]`` for an ASCII character."""
    return ch.isalnum() or ch in "_-"


@lru_cache(maxsize=4096)
def _region_hits(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, region) of each match of ``region_rx`` in ``text``, as ``finditer`` gives
    them; found once per sentence (each finding of a sentence asks) and, in ASCII text, from
    the terms' occurrences in one automaton pass: at each position the first term in the
    expression's order that is a whole word, then on from its end, as the expression's
    alternation and its ``(?<![\\w-])``, ``(?![\\w-])`` do."""
    return tuple(h for h in _region_hits_all(text) if not _RETURN.match(text, h[1]) or
                 text[h[0]:h[1]].lower() != "back")


# "back to work", "back to modified duty": the adverb of a return, not the body part
_RETURN = re.compile(
    r"\s+to\s+(work|modified|full|regular|usual|normal|light|duty|school|baseline)\b", re.I
)


def _region_hits_all(text: str) -> tuple[tuple[int, int, str], ...]:
    c = compiled()
    if c.region_terms is None or not text.isascii():
        return tuple(
            (m.start(), m.end(), c.region_of_term[m.group(1).lower()])
            for m in c.region_rx.finditer(text)
        )
    low = text.lower()
    n = len(low)
    at: dict[int, list[tuple[int, int]]] = {}
    for last, (rank, length) in c.region_terms.iter(low):
        start = last - length + 1
        at.setdefault(start, []).append((rank, last + 1))
    out: list[tuple[int, int, str]] = []
    pos = 0
    for p in sorted(at):
        if p < pos or (p > 0 and _word_char(low[p - 1])):
            continue
        for _, end in sorted(at[p]):
            if end < n and _word_char(low[end]):
                continue
            out.append((p, end, c.region_of_term[low[p:end]]))
            pos = end
            break
    return tuple(out)


_LATERALITY = re.compile(
    r"\b(bilateral(?:ly)?|both|right|left|rt\.?|lt\.?|(?-i:R|L))\b(?![-/]?\d)", re.IGNORECASE
)


_BOTH_SIDES = re.compile(r"\b(and|&)\b")
_ROOT = re.compile(r"\b([CTLS])\s?-?([1-8])\b")
_LEVEL_AFTER = re.compile(r"\s*[-/]\s*[ctls]?\d")
# the lower root of a level written with both ("L5-S1", "C5-C6"): the level, not a dermatome
_LEVEL_BEFORE = re.compile(r"\b[CTLS]\s?\d\s*[-/]\s*$", re.IGNORECASE)


def _sides(sent: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each side named in a sentence (the word lower case, no dot)."""
    return [
        (m.start(), m.end(), m.group(1).lower().rstrip(".")) for m in _LATERALITY.finditer(sent)
    ]


def _side_word(w: str) -> str:
    if w in ("bilateral", "bilaterally", "both"):
        return "bilateral"
    return "right" if w in ("right", "rt", "r") else "left"


def _laterality(
    sent: str,
    s: int,
    e: int,
    sides: list[tuple[int, int, str]] | None = None,
    region: str | None = None,
) -> str | None:
    """The side nearest to the finding at ``s``..``e`` of ``sent`` (``sides``: ``_sides`` of
    the sentence, when the caller has it: the findings of a sentence share it). With none
    near, the side of the sentence's own name of the finding's ``region`` ("examination of
    the right knee revealed ..., a positive McMurray test and a small effusion": the
    effusion is the right knee's)."""
    sides = _sides(sent) if sides is None else sides
    best: tuple[int, str] | None = None
    for m_start, m_end, w in sides:
        dist = s - m_end if m_end <= s else (m_start - e if m_start >= e else 0)
        if dist > 60:
            continue
        side = _side_word(w)
        if best is None or dist < best[0]:
            best = (dist, side)
    if best is None:
        if not sides:
            return None
        return (_side_of_region(sent, region, sides) if region else None) or _side_of_clause(
            sent, s, sides
        )
    near = {
        m.group(1).lower().rstrip(".")[:1]
        for m in _LATERALITY.finditer(sent[max(0, s - 60) : e + 60])
    }
    if "r" in near and "l" in near and _BOTH_SIDES.search(sent[max(0, s - 60) : e + 60]):
        return "bilateral"
    return best[1]


def _side_of_region(sent: str, region: str, sides: list[tuple[int, int, str]]) -> str | None:
    """The one side the sentence gives its names of ``region`` ("the right knee"), if all
    agree."""
    found = set()
    for ms, _me, reg in _region_hits(sent):
        if reg != region:
            continue
        for _s, s_end, w in sides:
            if s_end <= ms and ms - s_end <= 3:
                found.add(_side_word(w))
    return found.pop() if len(found) == 1 else None


_CLAUSE_END = re.compile(r";|\bbut\b|\bwhile\b|\bwhereas\b|\bhowever\b", re.IGNORECASE)


def _side_of_clause(sent: str, s: int, sides: list[tuple[int, int, str]]) -> str | None:
    """The side named last before ``s`` in the same clause, within 150 characters
    ("examination of the left upper extremity revealed decreased sensation in the C6
    dermatome and 4/5 wrist extension strength; the right ...": the weakness is the left's)."""
    before = [(m_end, w) for _m_start, m_end, w in sides if m_end <= s and s - m_end <= 150]
    if not before:
        return None
    m_end, w = max(before)
    return None if _CLAUSE_END.search(sent, m_end, s) else _side_word(w)


_PREP_GAP = re.compile(
    r"^\s*(?:is |are |was |were )?(?:noted |present |reported |felt )?"
    r"(?:in|of|to|over|at|into|down|along|on|involving|affecting|about|around|through|"
    r"radiating to|radiates to|extending to)\b(?:\s+[\w/-]+){0,4}?\s*$",
    re.IGNORECASE,
)


# a region named as the mechanism of the injury, the object of the fall or the blow ("a fall
# onto the outstretched right arm", "landed on his left hip", "struck his head"): where the
# sentence names another region, its complaint's, that one is where its findings are ("right
# shoulder pain since a fall onto the outstretched right arm, despite 8 sessions of physical
# therapy": the therapy failed at the shoulder)
_MECHANISM_BEFORE = re.compile(
    r"\b(?:(?:fall|falls|falling|fell|landed|landing|lands|land)\s+(?:directly\s+|forward\s+|"
    r"backward\s+|backwards\s+)?(?:on|onto|upon|on\s+to)|(?:struck|hit|striking|hitting|"
    r"banged|bumped)(?:\s+(?:on|in|against))?)\s+(?:(?:his|her|their|the|a|an|both|right|"
    r"left|rt\.?|lt\.?|outstretched|extended|dominant|nondominant|non-dominant)\s+){0,4}$",
    re.IGNORECASE,
)
_MECHANISM_PENALTY = 10_000.0


def _region(
    c: _Compiled,
    sent: str,
    s: int,
    e: int,
    spine: bool = False,
    motion: bool = False,
    injury: bool = False,
) -> str | None:
    """The body region named nearest to the finding in its sentence (roots and levels too).

    With ``spine`` (imaging findings) a nerve root names its spine region, not its dermatome.
    With ``motion`` (a range-of-motion finding) a joint's own motion names the joint
    (regions.yaml ``motions``), in place of the region its word names otherwise.
    With ``injury`` (the trauma itself) the object of the fall or blow is where it happened.
    """
    cands: list[tuple[float, str]] = []
    hits: Sequence[tuple[int, int, str]] = _region_hits(sent)
    if motion and c.motion_rx is not None:
        moves = [
            (m.start(), m.end(), c.region_of_motion[m.group(1).lower()])
            for m in c.motion_rx.finditer(sent)
        ]
        if moves:
            kept = [h for h in hits if not any(h[0] < me and ms < h[1] for ms, me, _ in moves)]
            hits = kept + moves
    for ms, me, region in hits:
        if ms < e and s < me:
            dist: float = -2  # inside the finding ("low back pain")
        elif ms >= e and _PREP_GAP.match(sent[e:ms]):
            dist = -1  # "numbness in the right leg"
        else:
            dist = s - me if me <= s else ms - e
        if not injury and _MECHANISM_BEFORE.search(sent, max(0, ms - 80), ms):
            dist += _MECHANISM_PENALTY  # the object of the fall or blow: last choice
        cands.append((dist, region))
    for start, end, level, as_level, dermatome in _root_hits(sent):
        dist = s - end if end <= s else max(0, start - e)
        reg = level if spine or as_level else dermatome
        if reg is not None:
            cands.append((dist, reg))
    if not cands:
        return None
    cands.sort(key=lambda x: x[0])
    return cands[0][1]


@lru_cache(maxsize=4096)
def _root_hits(sent: str) -> tuple[tuple[int, int, str | None, bool, str | None], ...]:
    """For each nerve root named in ``sent`` ("L5", "C 6"): its start and end, the spine
    region of its level (regions.yaml ``levels``), whether its words make it a level ("L5-S1",
    the lower root of "L4-5/L5-S1"), and the region of its dermatome (``dermatomes``); found
    once per sentence (each finding of a sentence asks), for :func:`_region`."""
    c = compiled()
    out = []
    for m in _ROOT.finditer(sent):
        root = f"{m.group(1)}{m.group(2)}"
        follow = sent[m.end() : m.end() + 14].lower()
        before = sent[max(0, m.start() - 6) : m.start()]
        as_level = bool(_LEVEL_AFTER.match(follow) or _LEVEL_BEFORE.search(before))
        level = next((reg for rx, reg in c.level_rx if rx.search(root)), None)
        dermatome = next((reg for rx, reg in c.dermatome_rx if rx.search(root)), None)
        out.append((m.start(), m.end(), level, as_level, dermatome))
    return tuple(out)


_NO_SPANS: tuple[tuple[int, int], ...] = ()

# the cues searched in the words after a finding ("... is recommended", "... on examination")
AFTER_CUES = ("plan_after", "objective_after")


class _Cues(dict[str, Sequence[tuple[int, int]]]):
    """Spans of each sentence cue, found the first time a cue is asked for (most findings ask
    for a few of the cues only). In a short ASCII sentence, a cue none of whose factors
    (regex_scan.py: strings one of which every match holds) the sentence holds has no match:
    one scan for the factors of every cue, at the first cue asked, settles all such cues at
    once (no span), and only the others are searched."""

    def __init__(self, text: str, c: _Compiled) -> None:
        super().__init__()
        self._text = text
        self._c = c
        self._scanned = False

    def __missing__(self, key: str) -> Sequence[tuple[int, int]]:
        text = self._text
        if not self._scanned:
            self._scanned = True
            index = self._c.cue_index
            if index is not None and len(text) < SHORT and text.isascii():
                self.update(_ruled_out(self._c, tuple(index.candidates(text.lower()))))
                if key in self:
                    return _NO_SPANS
        spans = [(m.start(), m.end()) for m in self._c.cue[key].finditer(text)]
        self[key] = spans
        return spans


def _ruled_out(c: _Compiled, possible: tuple[int, ...]) -> dict[str, Sequence[tuple[int, int]]]:
    """No span for each cue that is not among the ``possible`` (indexes in ``c.cue_names``):
    made once for each set of possible cues (few sets recur)."""
    got = c.ruled_out.get(possible)
    if got is None:
        keep = set(possible)
        got = {name: _NO_SPANS for k, name in enumerate(c.cue_names) if k not in keep}
        if len(c.ruled_out) < 4096:
            c.ruled_out[possible] = got
    return got


class _Words:
    """What a sentence's own characters tell, the same wherever they stand: its dates and
    cues, and (found at the first asking) its years, sides and flattened text. Kept by text
    for the records of one case (:func:`_words`), so a sentence a record repeats (a history
    or an examination carried from visit to visit) is read once."""

    __slots__ = ("text", "dates", "cues", "_sides", "_years", "_flat", "_after")

    def __init__(self, text: str, c: _Compiled) -> None:
        self.text = text
        self.dates = q.find_dates(text)
        self.cues = _Cues(text, c)
        self._sides: list[tuple[int, int, str]] | None = None
        self._years: list[tuple[int, int, int]] | None = None
        self._flat: str | None = None
        self._after: dict[str, bool] | None = None


# a sentence's text -> its _Words, for the records of one case (emptied by ``run`` at its
# start and end; past _WORDS_MAX entries, emptied before the next is added)
_WORDS: dict[str, _Words] = {}
_WORDS_MAX = 50_000


def _words(c: _Compiled, text: str) -> _Words:
    got = _WORDS.get(text)
    if got is None or got.cues._c is not c:
        if len(_WORDS) >= _WORDS_MAX:
            _WORDS.clear()
        got = _WORDS[text] = _Words(text, c)
    return got


class _Sent:
    """A sentence of a doc: where it starts, and what its words tell (:class:`_Words`)."""

    __slots__ = ("words", "start", "text", "dates", "cues")

    def __init__(self, words: _Words, start: int) -> None:
        self.words = words
        self.start = start
        self.text = words.text
        self.dates = words.dates
        self.cues = words.cues

    @property
    def years(self) -> list[tuple[int, int, int]]:
        """The years written alone as an event's time ("in 2015"), found once."""
        w = self.words
        if w._years is None:
            w._years = q.find_years(w.text)
        return w._years

    @property
    def flat(self) -> str:
        """The sentence with its runs of white space as one space, made once."""
        w = self.words
        if w._flat is None:
            w._flat = " ".join(w.text.split())
        return w._flat

    @property
    def sides(self) -> list[tuple[int, int, str]]:
        """``_sides`` of the sentence, found once."""
        w = self.words
        if w._sides is None:
            w._sides = _sides(w.text)
        return w._sides


def _sentence(
    c: _Compiled, cache: dict[int, _Sent], start: int, end: int, doc_text: str
) -> _Sent:
    """The sentence at characters ``start``..``end`` of a doc whose text is ``doc_text``
    (``Span.text`` builds the text token by token), read once."""
    got = cache.get(start)
    if got is None:
        got = cache[start] = _Sent(_words(c, doc_text[start:end]), start)
    return got


def _after_cue(c: _Compiled, sent: _Sent, cue: str, after: str) -> bool:
    """Whether the cue ``cue`` (one of ``AFTER_CUES``) matches in ``after``, a stretch of the
    sentence's text (``search``). Every match holds one of the cue's factors (lower case), and
    a case-insensitive match in ASCII text holds it in the text's lower case: an ASCII sentence
    without any of them has no match in any stretch of it (most sentences, found once for the
    sentence), and the cue is searched only in the others."""
    w = sent.words
    may = w._after
    if may is None:
        may = w._after = {}
    possible = may.get(cue)
    if possible is None:
        factors = c.after_factors.get(cue)
        text = w.text
        if factors is None or not text.isascii():
            possible = True
        else:
            low = text.lower()
            possible = any(f in low for f in factors)
        may[cue] = possible
    return possible and c.cue[cue].search(after) is not None


def _has(
    sent: _Sent, cue: str, before: int | None = None, skip: tuple[int, int] | None = None
) -> bool:
    for s, e in sent.cues[cue]:
        if skip is not None and s < skip[1] and skip[0] < e:
            continue
        if before is None or s < before:
            return True
    return False


def _clause(sent: _Sent, rel: tuple[int, int]) -> tuple[int, int]:
    """The characters of ``sent`` of the clause that holds the finding at ``rel``."""
    return clause_bounds(sent.text, *rel)


def _administrative(sent: _Sent, rel: tuple[int, int]) -> bool:
    """Whether the clause of ``sent`` holding the finding at ``rel`` reports an administrative
    act (cues.yaml ``administrative``). A sentence may join a clinical statement and the UR's
    decision with ", and"; the decision does not make the examination the reviewer's word."""
    spans = sent.cues["administrative"]
    if not spans:
        return False
    lo, hi = _clause(sent, rel)
    return any(s < hi and lo < e for s, e in spans)


def _cue_before(sent: _Sent, cue: str, rel: tuple[int, int]) -> bool:
    """A ``cue`` (plan, subjective, history) before the finding in its own clause: "the
    treatment plan included PT, and the physical examination revealed ..." plans the therapy,
    not the examination; "she complained of pain, and the examination revealed ..." reports
    the complaint, and the examination is the examiner's."""
    spans = [(s, e) for s, e in sent.cues[cue] if s < rel[0] and not (s < rel[1] and rel[0] < e)]
    if not spans:
        return False
    lo = _clause(sent, rel)[0]
    return any(s >= lo for s, _ in spans)


_SECTIONS_KEY = "openimr_sections"


def _sections(doc: Doc, chars: _Chars | None = None) -> list[tuple[int, int, str, str]]:
    """(start char, end char, category, title) of each section of a processed doc; read once
    per doc (the findings and the section carried to the next piece both ask). ``chars``:
    the doc's :class:`_Chars`, when the caller has them (the characters of a stretch of
    tokens, as its ``Span`` gives them, without the ``Span``)."""
    got: list[tuple[int, int, str, str]] | None = doc.user_data.get(_SECTIONS_KEY)
    if got is None:
        got = []
        secs = doc._.sections
        if secs:
            text = text_of(doc)
            chars = _Chars(doc, len(text)) if chars is None else chars
            for sec in secs:
                if sec.title_start is None or sec.body_end is None:
                    continue
                a, b, t = sec.title_start, sec.body_end, sec.title_end
                if 0 <= a <= t <= b <= chars.n:  # as medspaCy builds them
                    start, end = chars.of(a, b)
                    title_start, title_end = chars.of(a, t)
                    title = text[title_start:title_end]
                else:  # the Spans themselves, for any other stretch
                    span = doc[a:b]
                    start, end, title = span.start_char, span.end_char, doc[a:t].text
                got.append((start, end, sec.category or "", title))
        doc.user_data[_SECTIONS_KEY] = got
    return list(got)


def _section_at(secs: list[tuple[int, int, str, str]], char: int) -> tuple[str, str] | None:
    for s, e, cat, title in secs:
        if s <= char < e and cat:
            return cat, title
    return None


class _SectionTable:
    """``_section_at(secs, char)`` for the many characters of one doc's findings: the answer
    of each stretch between two consecutive edges of the sections (the same throughout: no
    section starts or ends inside it), found by bisection."""

    def __init__(self, secs: list[tuple[int, int, str, str]]) -> None:
        self._edges = sorted({x for s, e, _, _ in secs for x in (s, e)})
        self._answers = [_section_at(secs, x) for x in self._edges]

    def at(self, char: int) -> tuple[str, str] | None:
        k = bisect_right(self._edges, char) - 1
        return self._answers[k] if k >= 0 else None


def section_of(doc: Doc, char: int) -> SectionInfo | None:
    """The section (sections.yaml) that holds character ``char`` of a processed doc."""
    at = _section_at(_sections(doc), char)
    return compiled().sections.get(at[0]) if at else None


def _observation(
    c: _Compiled,
    concept: Concept,
    sent: _Sent,
    rel: tuple[int, int],
    sec: SectionInfo | None,
    test_record: bool,
) -> str:
    s, e = rel
    default = concept.observation
    after = sent.text[e : e + 60]
    if (
        (sec is not None and sec.observation == "plan")
        or _cue_before(sent, "plan", rel)
        or _after_cue(c, sent, "plan_after", after)
    ):
        return "plan"
    if sec is not None and sec.observation == "history":
        return "history"
    if default == "test" or (
        test_record and (sec is None or sec.observation in ("test", "objective"))
    ):
        return "test"
    if default in ("objective", "subjective") and _after_cue(c, sent, "objective_after", after):
        return "objective"
    if _cue_before(sent, "subjective", rel):
        return "subjective"
    if sec is not None and sec.observation is not None:
        return sec.observation
    if default in ("subjective", "history", "plan"):
        if (
            default == "subjective"
            and _has(sent, "objective", skip=rel)
            and _has(sent, "objective", before=s, skip=rel)
        ):
            return "objective"
        return default
    if default == "objective":
        return "objective"
    if _cue_before(sent, "history", rel):
        return "history"
    return default or "objective"


def _value(
    concept: Concept, span_text: str, sent: _Sent, rel: tuple[int, int], next_start: int
) -> str | None:
    """The quantity a finding carries (``span_text``: the finding's words)."""
    kind = concept.value
    text = sent.text
    if kind == "none":
        return None
    if kind == "dermatome":
        roots = q.dermatomes(text)
        return ", ".join(roots) if roots else None
    if kind == "pain_score":
        return q.pain_score(span_text) or q.pain_score(text)
    if kind == "visits":
        return q.visits(text)
    if kind == "medication":
        following = text[rel[1] : min(len(text), rel[1] + 70, max(rel[1], next_start))]
        return q.medication(span_text, following)
    if kind == "med":
        return q.morphine_equivalent(text)
    if kind == "uds":
        return q.uds_result(text)
    if kind == "work":
        return q.work_status(span_text)
    if kind == "level":
        levels = q.spine_levels(text)
        return ", ".join(levels) if levels else None
    if kind == "strength":
        return q.strength(span_text) or q.strength(text)
    if kind == "severity":
        return q.severity(text)
    if kind == "relief":
        got = q.relief(span_text)
        return got[0] if got else None
    return None


def _change(sent: _Sent, rel: tuple[int, int], resolved: bool) -> str | None:
    if resolved:
        return "resolved"
    for name in ("no_benefit", "worsened", "improved", "unchanged"):
        if _has(sent, name, skip=rel):
            return name
    return None


def _sentence_starts(doc: Doc) -> list[int]:
    """The tokens that start a sentence (0 first), as ``doc.sents`` reads them, in one array
    call instead of a Token object for every token."""
    flags = doc.to_array([SENT_START]).reshape(-1).astype("int64")
    starts = [int(i) for i in numpy.flatnonzero(flags == 1)]
    return starts if starts and starts[0] == 0 else [0, *starts]


class _Chars:
    """Where each token of a doc starts and ends in its text (``token.idx`` and
    ``token.idx + len(token)``), read in one array call: the characters of a stretch of
    tokens without a spaCy ``Span`` (a slice of the doc) for each sentence and finding."""

    def __init__(self, doc: Doc, text_length: int) -> None:
        self.n = len(doc)
        self.text_length = text_length
        self.starts: list[int] = []
        self.ends: list[int] = []
        if self.n:
            arr = doc.to_array([IDX, LENGTH]).astype("int64")
            self.starts = arr[:, 0].tolist()
            self.ends = (arr[:, 0] + arr[:, 1]).tolist()

    def of(self, start: int, end: int) -> tuple[int, int]:
        """(``start_char``, ``end_char``) of ``doc[start:end]``, as spaCy's Span sets them."""
        first = self.starts[start] if start < self.n else self.text_length
        return first, (first if end == start else self.ends[end - 1])


def _sent_of(starts: list[int], n: int, ent: Span) -> tuple[int, int]:
    """The tokens of ``ent.sent``: from the last sentence start at or before the entity to the
    first at or after its end (several sentences when it crosses a boundary, as spaCy gives
    it); ``n`` tokens in the doc."""
    k = bisect_right(starts, ent.start) - 1
    j = bisect_left(starts, ent.end)
    return starts[k], starts[j] if j < len(starts) else n


# The visit date carried from sentence to sentence: the date of the last lead sentence, and
# the later report's date while that lead recounts an earlier report inside it (else None).
Lead = tuple[dt.date | None, dt.date | None]
NO_LEAD: Lead = (None, None)


def _carried_dates(
    c: _Compiled,
    cache: dict[int, _Sent],
    doc: Doc,
    current: Lead = NO_LEAD,
    starts: list[int] | None = None,
    doc_text: str | None = None,
    chars: _Chars | None = None,
) -> tuple[dict[int, dt.date], Lead]:
    """The date each undated sentence takes from the dated visit or report it belongs to: a
    lead sentence's date carries forward until the next lead sentence (cues ``lead_date``).
    A lead dated before the report it follows ("Per the PR-2 dated 9-18-17, ... A
    multidisciplinary evaluation dated 7-10-17 found ...") recounts an earlier report: its date
    carries until a sentence told as of the later report ("She has completed 80 hours of the
    program", cues ``summary_present``) returns to the later report's date. ``current`` is
    the date carried into the doc; the date carried out of it comes second."""
    out: dict[int, dt.date] = {}
    starts = _sentence_starts(doc) if starts is None else starts
    doc_text = text_of(doc) if doc_text is None else doc_text
    chars = _Chars(doc, len(doc_text)) if chars is None else chars
    bounds = [*starts, len(doc)]
    date, later = current
    for k in range(len(starts)):
        sent = _sentence(c, cache, *chars.of(bounds[k], bounds[k + 1]), doc_text)
        lead = bool(sent.dates) and _is_lead(sent)
        if later is not None and not lead and _summary_present(c, sent.text):
            date, later = later, None
        if date is not None:
            out[sent.start] = date  # a dated sentence's own dates come first (_text_date)
        if lead:
            new = sent.dates[0][2]
            if later is None and date is not None and new < date:
                later = date
            elif later is not None and new >= later:
                later = None
            date = new
    return out, (date, later)


def _summary_present(c: _Compiled, text: str) -> bool:
    return c.summary_present is not None and c.summary_present.search(text) is not None


def _is_lead(sent: _Sent) -> bool:
    return _has(sent, "lead_date") and not _has(sent, "not_lead_date")


# what ends the stretch a year can date after a finding: another clause or item, or another
# event the finding is placed against ("radicular pain after a fusion in 2013": the fusion's)
_YEAR_GAP = re.compile(
    r"[,;]|\b(and|but|while|whereas|which|who|since|after|before|following|from|due|because|"
    r"status|s/p|post|until|than|when)\b",
    re.I,
)


def _text_date(
    sent: _Sent, rel: tuple[int, int], carried: dt.date | None, record: dt.date | None = None
) -> tuple[dt.date | None, bool]:
    """The date of the finding at ``rel`` and whether only its year is known: the nearest date
    in its own clause, or a year written alone there ("an MRI in 2015": the latest day it can
    have been, the year's last or the record's date); in a clause without one, the date of a
    lead sentence that opens before it ("On 11/22/2016 she reported pain, and the examination
    showed ..."), else the visit's date carried from the lead before the sentence (a date in
    another clause, "an MRI in March 2015 was normal, and the plan included ...", is that
    clause's)."""
    years = sent.years
    if not sent.dates and not years:
        return carried, False
    lo, hi = _clause(sent, rel)
    event = compiled().event_date

    def dates_it(at: int, end: int) -> bool:
        # an event's date ("started gabapentin in February 2017, which reduced her pain",
        # "spasm after gardening on 5-19-17") dates only a finding from its cue to it ("after
        # a fusion on 3/1/2015"), not one that goes on past it or stands before the cue
        if event is None:
            return True
        m = event.search(sent.text, max(lo, at - 90), at)
        return m is None or (m.start() <= rel[0] and rel[1] <= end)

    own: list[tuple[int, dt.date, bool]] = [
        (d[0], d[2], False) for d in sent.dates if lo <= d[0] < hi and dates_it(d[0], d[1])
    ]
    for at, end, year in years:
        if not dates_it(at, end):
            continue
        # a year dates the event it follows closely ("fusion in 2013", "a screen done in
        # 2015"), or a clause it opens ("In 2015, he had an MRI"), not every finding of its
        # clause ("fusion in 2013 and has been taking Norco since 2014": Norco is not 2013's)
        gap = sent.text[rel[1] : at]
        after = 0 <= at - rel[1] <= 40 and not _YEAR_GAP.search(gap)
        opens = at < rel[0] and at - lo <= 12 and lo <= at
        if lo <= at < hi and (after or opens):
            last = dt.date(year, 12, 31)
            own.append((at, min(last, record) if record and record.year == year else last, True))
            if after and _is_lead(sent) and sent.dates and sent.dates[0][0] < rel[0]:
                # a year right after the event dates it, not the report the sentence is told
                # from ("Per the PR-2 dated 4/10/17, he is status post right shoulder
                # arthroscopy in 2014": the operation is 2014's, not of the visit's day)
                lead_at = sent.dates[0][0]
                own = [d for d in own if d[0] != lead_at]
    if own:
        best = min(own, key=lambda d: abs(d[0] - rel[0]))
        return best[1], best[2]
    if not sent.dates:
        return carried, False
    if _is_lead(sent) and sent.dates[0][0] < lo:
        return sent.dates[0][2], False
    return carried, False


def last_section(doc: Doc, before: tuple[str, str] | None = None) -> tuple[str, str] | None:
    """(category, title) of the last section a processed piece ends in, else ``before``."""
    for _, _, cat, title in reversed(_sections(doc)):
        if cat:
            return cat, title
    return before


def findings_from_doc(
    doc: Doc,
    meta: RecordMeta,
    *,
    offset: int = 0,
    section: tuple[str, str] | None = None,
    lead: dt.date | None = None,
) -> list[Finding]:
    """Every vocabulary finding of one processed record, or of one piece of a record that
    starts at character ``offset`` inside the section ``section`` (category, title) with the
    visit date ``lead`` carried into it."""
    return _findings(doc, meta, offset=offset, section=section, lead_date=(lead, None))[0]


def _findings(
    doc: Doc,
    meta: RecordMeta,
    *,
    offset: int = 0,
    section: tuple[str, str] | None = None,
    lead_date: Lead = NO_LEAD,
) -> tuple[list[Finding], Lead]:
    """``findings_from_doc`` for a doc that opens under the visit date ``lead_date``; also the
    visit date carried out of the doc."""
    c = compiled()
    kind = meta.kind.lower()
    test_record = bool(c.kinds_test.search(kind))
    edx_record = bool(c.kinds_edx.search(kind))
    quoting_record = bool(c.kinds_quoting.search(kind))
    doc_text = text_of(doc)
    chars = _Chars(doc, len(doc_text))
    secs = _sections(doc, chars)
    if section is not None:
        # The section of the piece before runs on up to this piece's first header.
        first = min((s for s, _, cat, _ in secs if cat), default=len(doc_text))
        secs.insert(0, (0, first, *section))
    cache: dict[int, _Sent] = {}
    starts = _sentence_starts(doc) if len(doc) else []
    carried, lead_out = _carried_dates(c, cache, doc, lead_date, starts, doc_text, chars)
    ents = list(ents_of(doc))
    index = doc_index(doc) if ents else None
    table = _SectionTable(secs) if ents else None
    out: list[Finding] = []
    for i, ent in enumerate(ents):
        label = ent.label_
        normal = label.endswith(NORMAL_SUFFIX)
        code = label[: -len(NORMAL_SUFFIX)] if normal else label
        concept = c.concepts.get(code)
        if concept is None:
            continue
        sent = _sentence(c, cache, *chars.of(*_sent_of(starts, len(doc), ent)), doc_text)
        if concept.context == "imaging" and not (
            test_record or _has(sent, "imaging_context") or _has(sent, "edx_context")
        ):
            continue
        if concept.context == "edx" and not (edx_record or _has(sent, "edx_context")):
            continue
        ent_start, ent_end = ent.start_char, ent.end_char
        # ``ent.text`` builds the text token by token: the doc's own characters are the same
        ent_text = doc_text[ent_start:ent_end]
        rel = (ent_start - sent.start, ent_end - sent.start)
        at = table.at(ent_start) if table is not None else None
        sec = c.sections.get(at[0]) if at else None
        flags = flags_of(ent, normal=normal, index=index)
        assertion = assertion_of(
            flags,
            normal=normal,
            absorbs=frozenset(concept.absorbs),
            forced=sec.assertion if sec else None,
        )
        observation = _observation(c, concept, sent, rel, sec, test_record)
        region = concept.fixed_region or _region(
            c,
            sent.text,
            *rel,
            spine=code.startswith("imaging.") or code == "redflag.fracture",
            motion=concept.range_of_motion,
            injury=code == "redflag.trauma",
        )
        if region is None and at is not None and at[1]:
            region = _region(c, at[1], 0, 0)
        if region is None:
            region = concept.default_region
        text_date, year_only = _text_date(sent, rel, carried.get(sent.start), meta.date)
        # a test result reported more than two weeks after it was dated is quoted from its report
        reported_later = (
            text_date is not None and meta.date is not None and (meta.date - text_date).days > 14
        )
        quoted = bool(
            (sec is not None and sec.quoted)
            or quoting_record
            or _has(sent, "quoted")
            or (observation == "test" and reported_later)
        )
        edx = edx_record or _has(sent, "edx_context", skip=rel)
        imaging = _has(sent, "imaging_context", skip=rel)
        for rm in concept.remap:
            ctx_ok = rm.when is None or (
                (rm.when == "edx" and edx)
                or (rm.when == "imaging" and imaging)
                or rm.when == observation
            )
            if ctx_ok and (rm.region is None or rm.region == region):
                code = rm.code
                concept = c.concepts[code]
                # a study's finding ("an EMG showed a C6 radiculopathy") is a test result, as
                # the concept it becomes says, not the examination's finding it was read as
                if concept.observation == "test" and observation not in ("plan", "test"):
                    observation = "test"
                    quoted = quoted or reported_later
                break
        next_start = ents[i + 1].start_char - sent.start if i + 1 < len(ents) else len(sent.text)
        no_relief = _no_relief(concept, ent_text, normal, assertion)
        if no_relief is None:
            continue
        finding = Finding(
            code=code,
            label=concept.label,
            record_id=meta.record_id,
            start=ent_start + offset,
            end=ent_end + offset,
            text=ent_text,
            sentence=sent.flat,
            record_date=meta.date,
            text_date=text_date,
            date_precision="year" if year_only else "day",
            region=region,
            laterality=_laterality(sent.text, *rel, sent.sides, region),
            assertion=assertion,
            observation=observation,
            quoted=quoted,
            section=at[0] if at else None,
            value=_value(concept, ent_text, sent, rel, next_start),
            change=_change(sent, rel, flags.resolved),
            role=(
                "administrative"
                if _administrative(sent, rel)
                else "plan"
                if observation == "plan"
                else "clinical"
            ),
        )
        if no_relief:
            out.append(finding.model_copy(update={"assertion": "negated"}))
        else:
            out.append(finding)
        if concept.value == "relief" and normal:
            # the pain and the drug of a relief denied are there all the same ("the tramadol
            # provides minimal relief": tramadol is taken, the pain is present)
            finding = finding.model_copy(update={"assertion": "present"})
        for implied in concept.implies:
            out.append(
                finding.model_copy(
                    update={"code": implied, "label": c.concepts[implied].label}
                )
            )
        out += _carried(c, code, ent_text, finding)
    return out, lead_out


def _no_relief(concept: Concept, text: str, normal: bool, assertion: str) -> bool | None:
    """For a medication's relief stated in figures (value ``relief``): whether the difference
    is too small to count, a statement that the drug does not relieve the pain
    (quantities.relief); None when no figure is stated (no finding). False for other concepts."""
    if concept.value != "relief" or normal:
        return False
    got = q.relief(text)
    if got is None:
        return None
    return not got[1] and assertion == "present"


def _carried(c: _Compiled, code: str, text: str, finding: Finding) -> list[Finding]:
    """The codes ``code`` carries in its span (vocabulary ``carries``), each at its words."""
    out: list[Finding] = []
    for also, rx in c.carried.get(code, ()):
        m = rx.search(text)
        if m is None:
            continue
        carried_value, carried_assertion = None, finding.assertion
        if c.concepts[also].value == "relief":
            # the relief a gain of function names ("with Norco her pain decreases from 8/10
            # to 4/10 and she is able to walk"), judged as on its own
            got = q.relief(m.group())
            if got is None:
                continue
            carried_value = got[0]
            if not got[1] and carried_assertion == "present":
                carried_assertion = "negated"
        elif c.concepts[also].value == "work":
            # the return to work a gain names ("after therapy she returned to full duty"): the
            # work status it states, as on its own
            carried_value = q.work_status(m.group())
        # what a concept of the history of care says ("reduced medication use", carried in a
        # gain of function) stays history, as when it is found on its own: it keeps its weight
        # whatever its age, where the gain's own telling (subjective) would age
        observation = finding.observation
        if c.concepts[also].observation == "history" and observation in ("subjective", "objective"):
            observation = "history"
        got_also = finding.model_copy(
            update={
                "code": also,
                "label": c.concepts[also].label,
                "start": finding.start + m.start(),
                "end": finding.start + m.end(),
                "text": m.group(),
                "value": carried_value,
                "observation": observation,
                "change": None,
            }
        )
        out.append(got_also.model_copy(update={"assertion": carried_assertion}))
        # what the carried code implies, as when it is found on its own (a relief carried in a
        # gain of function states its pain scores: pain.score and pain), present like the
        # pain of a relief denied
        for implied in c.concepts[also].implies:
            kind = c.concepts[implied].value
            value = (
                carried_value
                if kind == c.concepts[also].value
                else q.work_status(m.group())
                if kind == "work"
                else None
            )
            out.append(
                got_also.model_copy(
                    update={"code": implied, "label": c.concepts[implied].label, "value": value}
                )
            )
    return out


def _rule_patterns(nlp: Any) -> list[re.Pattern[str]]:
    """The regular expressions of the target and ConText rules (a piece never cuts a match)."""
    got: list[re.Pattern[str]] | None = getattr(nlp, "_openimr_rule_patterns", None)
    if got is None:
        got = []
        for _, pipe in nlp.pipeline:
            for rule in getattr(pipe, "rules", None) or []:
                if isinstance(getattr(rule, "pattern", None), str):
                    got.append(re.compile(rule.pattern, re.IGNORECASE))
            matcher = getattr(pipe, "rule_matcher", None)
            for _, fast in getattr(matcher, "_fast", ()):
                share(fast)  # the cuts use the plans built with the pipeline
        nlp._openimr_rule_patterns = got
    return got


PREFILTER_CHARS = 2000  # a shorter piece goes through the pipeline whole (the scan costs more)
SKIP_SHARE = 0.4  # a piece whose blocks without a hit hold less of it goes through whole


def _scanner(nlp: Any) -> Any:
    """The vocabulary scan of ``nlp`` (prefilter.py), built once per pipeline; None when the
    pipeline is not ours."""
    from openimr.evidence.prefilter import build_scanner

    if not hasattr(nlp, "_openimr_scanner"):
        nlp._openimr_scanner = build_scanner(nlp)
    return nlp._openimr_scanner


def _process(nlp: Any, text: str) -> Doc:
    """``nlp(text)``, the doc knowing its text from the start (sentences.doc_text)."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _light_doc(nlp: Any, text: str) -> Doc:
    """A block tokenized and split into sentences and sections, as the whole pipeline would:
    enough to read its section headers and its visit dates."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    doc = nlp.get_pipe("openimr_sentences")(doc)
    return nlp.get_pipe("medspacy_sectionizer")(doc)


@dataclass
class _Skipped:
    """What the blocks a piece skips can carry to the blocks after them, found lazily: where
    section headers may start, and the piece's dates (a block none of them touches has no
    date; dates do not overlap, so their ends rise with their starts) and lead cues."""

    nlp: Any
    scanner: Any
    piece: str
    low: str
    pack: tuple[str, Any]
    _headers: list[int] | None = None
    _dates: tuple[list[int], list[int]] | None = None

    def may_have_header(self, lo: int, hi: int) -> bool:
        from openimr.evidence import prefilter as pf

        if self._headers is None:
            self._headers = pf.header_positions(self.scanner, self.low, self.pack)
        return bisect_left(self._headers, lo) < bisect_left(self._headers, hi)

    def may_hold_lead(self, lo: int, hi: int) -> bool:
        """Whether a sentence of the block can be a lead sentence: it has a date and a
        ``lead_date`` cue matches (prefilter.lead_candidates)."""
        from openimr.evidence.prefilter import lead_candidates

        if self._dates is None:
            found = q.find_dates(self.piece)
            self._dates = ([d[0] for d in found], [d[1] for d in found])
        starts, ends = self._dates
        before = bisect_left(starts, hi)
        if not (before > 0 and ends[before - 1] > lo):
            return False
        text = self.piece[lo:hi]
        cues = lead_candidates()
        if cues is not None and not any(rx.search(text) for rx in cues):
            return False
        return bool(q.find_dates(text))

    def carry(
        self,
        bounds: list[int],
        first: int,
        last: int,
        section: tuple[str, str] | None,
        lead: Lead,
        need_lead: bool,
    ) -> tuple[tuple[str, str] | None, Lead]:
        """The section and visit date after skipped blocks ``first``..``last``: their last
        section header, read by the pipeline's own splitter and section detector on the last
        block that can hold one, and (``need_lead``: a block with a hit follows) the visit date
        carried through them (``_carried_dates``) on each block that can move it: one with a
        lead sentence, or, while a lead recounts an earlier report, a sentence told as of the
        later report."""
        c = compiled()
        docs: dict[int, Doc] = {}

        def doc_of(k: int) -> Doc:
            if k not in docs:
                docs[k] = _light_doc(self.nlp, self.piece[bounds[k] : bounds[k + 1]])
            return docs[k]

        for k in range(last, first - 1, -1):
            if self.may_have_header(bounds[k], bounds[k + 1]):
                got = last_section(doc_of(k))
                if got is not None:
                    section = got
                    break
        for k in range(first, last + 1) if need_lead else ():
            lo, hi = bounds[k], bounds[k + 1]
            if self.may_hold_lead(lo, hi) or (
                lead[1] is not None and _summary_present(c, self.piece[lo:hi])
            ):
                lead = _carried_dates(c, {}, doc_of(k), lead)[1]
        return section, lead


def _piece_findings(
    nlp: Any,
    scanner: Any,
    piece: str,
    meta: RecordMeta,
    offset: int,
    section: tuple[str, str] | None,
    lead: Lead = NO_LEAD,
) -> tuple[list[Finding], tuple[str, str] | None, Lead] | None:
    """The findings of one piece, running the pipeline only on the blocks where the scan finds
    the vocabulary (prefilter.py); and the section and visit date the piece ends in (``lead``:
    the one it opens under). None when the scan cannot read the piece (its lower-case text is
    longer, or has a capital sigma, which lowers by context), for the whole pipeline instead."""
    from openimr.evidence import prefilter as pf

    low = piece.lower()
    if len(low) != len(piece) or "\u03a3" in piece:  # lower() must keep every position
        return None
    runs: dict[int, int] = {}
    # one pass for the strings of both matchers' expressions, one for the vocabulary and the
    # section headers
    found = scanner.strings(low) if scanner.strings is not None and piece.isascii() else None
    tspans = scanner.targets.regex_spans(piece, low, runs, found)
    cspans = (
        scanner.context.regex_spans(piece, low, runs, found) if scanner.context is not None else []
    )
    starts = pf.blocks(piece, [(s, e) for _, s, e in tspans + cspans])
    pack = pf.packed(low)
    vocabulary, headers = pf.vocabulary_and_headers(scanner, low, *pack)
    positions = pf.hit_positions(scanner, piece, low, tspans, pack, vocabulary)
    hits = pf.hit_blocks(starts, len(piece), positions)
    bounds = [*starts, len(piece)]
    skipped_chars = sum(bounds[k + 1] - bounds[k] for k in range(len(starts)) if not hits[k])
    if skipped_chars < SKIP_SHARE * len(piece):
        hits = [True] * len(starts)  # too little to skip: the piece as one document
    skipped = _Skipped(nlp, scanner, piece, low, pack, sorted(headers))
    out: list[Finding] = []
    i = 0
    n = len(starts)
    while i < n:
        j = i
        while j + 1 < n and hits[j + 1] == hits[i]:
            j += 1
        lo, hi = bounds[i], bounds[j + 1]
        if hits[i]:
            block = piece[lo:hi]
            doc = nlp.make_doc(block)
            given = doc.user_data
            given[TEXT_KEY] = block
            given[scanner.targets.spans_key] = pf.spans_in(tspans, lo, hi)
            if scanner.context is not None:
                given[scanner.context.spans_key] = pf.spans_in(cspans, lo, hi)
            for _, proc in nlp.pipeline:
                doc = proc(doc)
            found, lead = _findings(doc, meta, offset=offset + lo, section=section, lead_date=lead)
            out.extend(found)
            section = last_section(doc, section)
        else:
            section, lead = skipped.carry(bounds, i, j, section, lead, any(hits[j + 1 :]))
        i = j + 1
    return out, section, lead


def run(
    texts: list[str],
    metas: list[RecordMeta],
    nlp: Any,
    *,
    piece_chars: int = PIECE_CHARS,
    prefilter: bool = True,
) -> list[Finding]:
    """Findings of several records. A long record goes through the pipeline in pieces of
    about ``piece_chars`` characters (pieces.py): the same findings, at a cost and memory
    bounded by the piece. With ``prefilter`` only the blocks of a piece where a fast scan finds
    the vocabulary go through the whole pipeline (prefilter.py): the same findings again."""
    out: list[Finding] = []
    patterns = _rule_patterns(nlp)
    scanner = _scanner(nlp) if prefilter else None
    _WORDS.clear()  # a sentence's words are kept for one case's records
    try:
        _run(texts, metas, nlp, piece_chars, patterns, scanner, out)
    finally:
        _WORDS.clear()
    return out


def _run(
    texts: list[str],
    metas: list[RecordMeta],
    nlp: Any,
    piece_chars: int,
    patterns: list[re.Pattern[str]],
    scanner: Any,
    out: list[Finding],
) -> None:
    with warnings.catch_warnings():
        # spaCy warns (W036) that the sectionizer's token matcher has no patterns: it has
        # phrase rules only, which is intended.
        warnings.filterwarnings("ignore", message=r".*W036.*")
        for text, meta in zip(texts, metas, strict=True):
            section: tuple[str, str] | None = None
            lead: Lead = NO_LEAD
            record = text
            text = unwrap_lines(text)  # the same length: offsets hold for the record's text
            first = len(out)
            for offset, piece in pieces(text, piece_chars, patterns):
                # a visit's date carries across the cut between pieces as within one
                got = (
                    _piece_findings(nlp, scanner, piece, meta, offset, section, lead)
                    if scanner is not None and len(piece) >= PREFILTER_CHARS
                    else None
                )
                if got is not None:
                    found, section, lead = got
                    out.extend(found)
                    continue
                doc = _process(nlp, piece)
                found, lead = _findings(
                    doc, meta, offset=offset, section=section, lead_date=lead
                )
                out.extend(found)
                section = last_section(doc, section)
            if record is not text:
                # a finding's text is the record's own characters, line breaks included
                for k in range(first, len(out)):
                    f = out[k]
                    if "\n" in record[f.start : f.end]:
                        out[k] = f.model_copy(update={"text": record[f.start : f.end]})
