"""The fixed cost of a short document cut without changing a match (issue 16).

The token-pattern rules matched as phrases (token_phrases.py) give spaCy's Matcher's matches,
as a set, and in its order wherever two rules match the same tokens; the rule expressions
and sentence cues searched only when one of their factors is in a short text
(regex_scan.FactorIndex) give what ``finditer`` gives.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from openimr.evidence.extraction import compiled
from openimr.evidence.regex_scan import FactorIndex, factors_of
from openimr.evidence.targets import prune
from openimr.evidence.token_phrases import spell_out

DATA = Path(__file__).parent / "data" / "sentences.yaml"

# Rules that match the same tokens ("probably", "without", "no"), sentences with none.
EXTRA = [
    "He will probably need surgery; likely a disc herniation.",
    "Performed without difficulty, without contrast, and without any evidence of infection.",
    "No new weakness. No longer has numbness. No change in the radicular pain.",
    "Call us back if the pain returns; call the office for fever.",
    "She has not tried physical therapy and has not been yet done the injection.",
    "Quit smoking 5 years ago; former smoker, family history of diabetes in her mother's side.",
    "The claim form was faxed to the adjuster on the date shown.",
    "",
]


def _sentences() -> list[str]:
    cases = yaml.safe_load(DATA.read_text(encoding="utf-8"))["cases"]
    return [c["t"] for c in cases] + EXTRA


def _order(matches: list[tuple[int, int, int]]) -> dict[tuple[int, int], list[int]]:
    by_span: dict[tuple[int, int], list[int]] = {}
    for key, s, e in matches:
        by_span.setdefault((s, e), []).append(key)
    return by_span


@pytest.mark.parametrize("pipe", ["openimr_targets", "openimr_context"])
def test_token_phrases_give_the_matchers_matches(nlp: Any, pipe: str) -> None:
    rm = nlp.get_pipe(pipe).rule_matcher
    phrases = rm._token_phrases
    assert phrases is not None
    ties = 0
    for text in _sentences():
        doc = nlp.make_doc(text)
        full = list(rm._matcher(doc))
        mine = phrases(doc)
        assert sorted(mine) == sorted(full), text
        assert _order(mine) == _order(full), text  # equal spans in the Matcher's order
        ties += sum(len(k) > 1 for k in _order(full).values())
        rest = rm._phrases(doc) + rm._regex_matches(doc)
        assert prune(mine + rest) == prune(full + rest), text
    if pipe == "openimr_context":
        assert ties > 0  # the order of equal spans was tested


def test_spell_out() -> None:
    pattern = [{"LOWER": {"IN": ["no", "without"]}}, {"LOWER": "new", "OP": "?"}]
    assert spell_out(pattern) == (
        "LOWER",
        [("no",), ("no", "new"), ("without",), ("without", "new")],
    )
    assert spell_out([{"ORTH": ","}, {"LOWER": "the"}]) == ("LOWER", [(",", "the")])
    assert spell_out([{"ORTH": "Dr"}, {"LOWER": "x"}]) is None  # as written and lower case
    assert spell_out([{"LOWER": "a", "OP": "*"}]) is None
    assert spell_out([{"LIKE_NUM": True}, {"LOWER": "ago"}]) is None
    assert spell_out([{"LOWER": "Pt"}]) is None


def test_factor_index_gives_finditer() -> None:
    c = compiled()
    rxs = list(c.cue.values()) + [c.region_rx, re.compile(r"a?"), re.compile("\u017f", re.I)]
    assert factors_of(re.compile(r"a?")) is None  # matches the empty string
    assert factors_of(re.compile("\u017f", re.I)) is None  # matches "s" by case folding
    index = FactorIndex(rxs)
    for text in _sentences():
        cands = set(index.candidates(text.lower()))
        for k, rx in enumerate(rxs):
            if k not in cands:
                assert not list(rx.finditer(text)), (text, rx.pattern[:60])


def test_kept_text_and_entities_are_the_docs(nlp: Any) -> None:
    from openimr.evidence.sentences import TEXT_KEY
    from openimr.evidence.targets import ENTS_KEY, ents_of

    for text in _sentences():
        doc = nlp(text)
        assert doc.user_data.get(TEXT_KEY, doc.text) == doc.text
        if len(doc):
            assert ENTS_KEY in doc.user_data
        assert ents_of(doc) == tuple(doc.ents)


def test_longest_run() -> None:
    import random

    from openimr.evidence.regex_scan import longest_run

    rnd = random.Random(16)
    for _ in range(500):
        mask = rnd.getrandbits(128)
        text = "".join(chr(rnd.randrange(128)) for _ in range(rnd.randint(0, 40)))
        table = {c: ("x" if mask >> c & 1 else " ") for c in range(128)}
        assert longest_run(text, mask) == max(map(len, text.translate(table).split()), default=0)
    # long texts of few characters: long runs, at the start and at the end of the text
    for _ in range(300):
        alphabet = [chr(rnd.randrange(128)) for _ in range(rnd.randint(1, 4))]
        mask = sum(1 << ord(c) for c in alphabet if rnd.random() < 0.5)
        text = "".join(rnd.choice(alphabet) * rnd.randint(1, 30) for _ in range(rnd.randint(1, 60)))
        table = {c: ("x" if mask >> c & 1 else " ") for c in range(128)}
        assert longest_run(text, mask) == max(map(len, text.translate(table).split()), default=0)


def test_what_the_findings_of_a_doc_or_a_sentence_share(nlp: Any) -> None:
    """The findings of a doc share its entity and modifier index (assertion.doc_index), those
    of a sentence its sides (extraction._sides): the same flags and sides as looked up per
    finding."""
    import sys

    from openimr.evidence.assertion import doc_index, flags_of
    from openimr.evidence.extraction import _laterality, _sides
    from openimr.evidence.targets import ents_of

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from fictional_records import record  # type: ignore[import-not-found]

    texts = _sentences() + [
        "Right knee pain and left knee swelling; R and L wrists normal, bilateral ankles. " * 3,
        str(record(3, seed=11, clinical=1.0)),
    ]
    flags = sides = 0
    for text in texts:
        doc = nlp(text)
        index = doc_index(doc) if len(doc) else None
        for ent in ents_of(doc):
            for normal in (False, True):
                assert flags_of(ent, normal=normal, index=index) == flags_of(ent, normal=normal)
                flags += 1
            sent = text[ent.sent.start_char : ent.sent.end_char]
            rel = (ent.start_char - ent.sent.start_char, ent.end_char - ent.sent.start_char)
            got = _laterality(sent, *rel, _sides(sent))
            assert got == _laterality(sent, *rel)
            sides += got is not None
    assert flags > 100 and sides > 10


def test_section_table_is_section_at() -> None:
    """The findings of a doc find their section in a table of its stretches
    (extraction._SectionTable): the first section in the list that holds the character and
    has a category, as ``_section_at`` finds it, with sections that overlap or nest."""
    import random

    from openimr.evidence.extraction import _section_at, _SectionTable

    rnd = random.Random(16)
    for _ in range(300):
        secs = []
        for _ in range(rnd.randint(0, 8)):
            s = rnd.randint(0, 60)
            secs.append((s, s + rnd.randint(0, 30), rnd.choice(["", "plan", "exam"]), "t"))
        table = _SectionTable(secs)
        for char in range(-2, 100):
            assert table.at(char) == _section_at(secs, char), (secs, char)


def test_token_characters_are_the_spans(nlp: Any) -> None:
    """The characters of a stretch of tokens read from one array call (extraction._Chars)
    are those of spaCy's Span over the same tokens, empty stretches and the end included."""
    from openimr.evidence.extraction import _Chars

    texts = ["", " ", "Pain.", "  Low back pain 7/10.\n\n  Plan:  PT x6 ", *_sentences()[:40]]
    for text in texts:
        doc = nlp.make_doc(text)
        chars = _Chars(doc, len(text))
        n = len(doc)
        for a in range(n + 1):
            for b in range(a, min(n, a + 12) + 1):
                span = doc[a:b]
                assert chars.of(a, b) == (span.start_char, span.end_char), (text, a, b)


def test_findings_of_exactly_some_codes_in_order() -> None:
    """``EvidenceSet.exactly`` (routing's earlier studies, issue 16) is the findings whose
    code is one of those asked, in their order, sub-codes left out, after the list grows."""
    from openimr.domain.finding import Finding
    from openimr.evidence.evidence_set import EvidenceSet

    codes = ["imaging.mri", "imaging.mri.lumbar", "therapy.pt", "imaging.mri", "other"]
    fs = [
        Finding(code=c, label=c, record_id="r", start=k, end=k + 1, text="x")
        for k, c in enumerate(codes)
    ]
    ev = EvidenceSet(findings=list(fs))
    for ask in (["imaging.mri"], ["therapy.pt", "imaging.mri"], [], ["none"]):
        assert ev.exactly(ask) == [f for f in ev.findings if f.code in ask]
    ev.findings.append(fs[2])
    assert ev.exactly(["therapy.pt"]) == [fs[2], fs[2]]


def test_token_phrases_on_a_long_doc(nlp: Any) -> None:
    """The Matchers of the patterns that are not phrases run only near the words they
    require when their matches are bounded (token_phrases._near): on a doc of every sentence
    in a row, the matches and their order are the full Matcher's."""
    text = " ".join(_sentences())
    for pipe in ("openimr_targets", "openimr_context"):
        rm = nlp.get_pipe(pipe).rule_matcher
        phrases = rm._token_phrases
        assert phrases is not None
        for doc in (nlp.make_doc(text), nlp.make_doc(text + " " + text[: len(text) // 3])):
            full = list(rm._matcher(doc))
            mine = phrases(doc)
            assert sorted(mine) == sorted(full)
            assert _order(mine) == _order(full)
    context = nlp.get_pipe("openimr_context").rule_matcher._token_phrases
    bounded = [reach for required, _, reach in context._rest if reach is not None and required]
    assert len(bounded) >= 3  # "she has not tried", "has not been done" (a repeat), "years ago"


_NEAR_WORDS = ["she", "has", "not", "tried", "pt", "yet", "been", "done", "5", "years", "ago", "."]


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(_NEAR_WORDS), min_size=0, max_size=60),
    pattern=st.lists(
        st.tuples(
            st.sampled_from([["not"], ["has", "she"], ["tried", "done"], ["yet", "been"]]),
            st.sampled_from(["1", "?", "!"]),
        ),
        min_size=1,
        max_size=5,
    ),
)
def test_near_is_the_matcher(words: list[str], pattern: list[tuple[list[str], str]]) -> None:
    """``_near`` (the Matcher run on the stretches around the words of a set every match
    holds) gives the Matcher's matches on the whole doc: overlapping stretches, matches at
    the doc's edges, negated tokens."""
    from spacy.attrs import LOWER
    from spacy.matcher import Matcher
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from openimr.evidence.token_phrases import _longest, _near, _reach

    vocab = Vocab()
    if all(op != "1" for _, op in pattern):
        pattern = [(pattern[0][0], "1"), *pattern[1:]]
    toks: list[dict[str, Any]] = [
        {"LOWER": {"IN": values}} if op == "1" else {"LOWER": {"IN": values}, "OP": op}
        for values, op in pattern
    ]
    patterns = [
        toks,
        [{"LIKE_NUM": True, "OP": "?"}, {"LOWER": "years"}, {"LOWER": "ago"}],
        [{"LOWER": "not"}, {"LOWER": {"IN": ["been", "yet"]}, "OP": "*"}, {"LOWER": "done"}],
    ]
    matcher = Matcher(vocab)
    matcher.add("rule", patterns)
    firm = next(t for t in toks if "OP" not in t)
    # every match of the first pattern holds a word of its first required token, every
    # match of the second "years", of the third "not"
    required = [frozenset(vocab.strings.add(v) for v in [*firm["LOWER"]["IN"], "years", "not"])]
    doc = Doc(vocab, words=words or ["."])
    lower = doc.to_array(LOWER)
    reach = _reach(patterns)
    assert reach is not None
    most = max(
        fixed + sum(_longest(lower, frozenset(vocab.strings.add(w) for w in r)) for r in rep)
        for fixed, rep in reach
    )
    got = _near(doc, lower, matcher, required, most)
    assert sorted(got) == sorted(matcher(doc))


def test_reach() -> None:
    from openimr.evidence.token_phrases import _reach

    assert _reach([[{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}], [{"LOWER": "c"}]]) == [
        (2, []),
        (1, []),
    ]
    star = [{"LOWER": "a"}, {"LOWER": {"IN": ["b", "c"]}, "OP": "*"}, {"LOWER": "d", "OP": "!"}]
    assert _reach([star]) == [(2, [frozenset({"b", "c"})])]
    assert _reach([[{"LOWER": "a", "OP": "+"}]]) == [(0, [frozenset({"a"})])]
    assert _reach([[{"LIKE_NUM": True, "OP": "+"}]]) is None
    assert _reach([[{"LOWER": "a", "OP": "{2,3}"}]]) is None


def test_longest_run_of_words() -> None:
    import numpy

    from openimr.evidence.token_phrases import _longest

    lower = numpy.array([1, 2, 2, 3, 2, 2, 2, 4], dtype="uint64")
    assert _longest(lower, frozenset({2})) == 3
    assert _longest(lower, frozenset({2, 3})) == 6
    assert _longest(lower, frozenset({9})) == 0
    assert _longest(lower, frozenset({1, 2, 3, 4})) == 8
