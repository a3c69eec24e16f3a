"""Fast paths of the cuts between pieces and of ConText's token patterns give the plain
paths' matches (issue 16).

- ``pieces._crosses`` looks up the plans of the rules' expressions by the identity of their
  list (hashing 96 compiled expressions cost 0.7 ms a cut) and finds where their strings are
  in the window in one pass (``FastRegex.spans_between(..., found)``);
- a token pattern that tests a word and something else (``{"LOWER": "should",
  "IS_SENT_START": True}``) requires that word, so its Matcher runs near it
  (``token_phrases._words``, ``_near``) instead of over every token of the doc.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openimr.evidence.extraction import _rule_patterns, _scanner
from openimr.evidence.regex_scan import FastRegex, Occurrences


def _between(rx: re.Pattern[str], text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text, lo, hi)]


def _words_of_rules(nlp: Any) -> list[str]:
    scanner = _scanner(nlp)
    words = sorted({f.strip() for m in (scanner.targets, scanner.context) for f in m.factors})
    return [w for w in words if w] + ["10", "8/10", "and", "was", "normal", "the", "with"]


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_spans_between_with_occurrences_is_finditer(nlp: Any, data: Any) -> None:
    """Where each factor is in the stretch, found in one pass for every expression (as the
    cuts do), gives what ``finditer(text, lo, hi)`` gives, for each rule expression."""
    words = _words_of_rules(nlp)
    seps = [" ", " ", "  ", "\n", "\n\n", ", ", ". ", " - "]
    pair = st.tuples(st.sampled_from(words), st.sampled_from(seps))
    text = "".join(w + s for w, s in data.draw(st.lists(pair, min_size=30, max_size=250)))
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    scanner = _scanner(nlp)
    fasts = [f for m in (scanner.targets, scanner.context) for _, f in m._fast]
    low = text[lo:hi].lower()
    occ = Occurrences({f for fast in fasts for f in fast.strings})
    found = {f: [lo + i for i in at] for f, at in occ(low).items()}
    runs: dict[int, int] = {}
    for fast in fasts:
        want = _between(fast.rx, text, lo, hi)
        assert fast.spans_between(text, lo, hi, low, runs, found) == want, fast.rx.pattern[:80]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_crosses_is_the_plain_check(nlp: Any, data: Any) -> None:
    """``_crosses`` at any position of a text of the rules' words: whether a match that
    ``finditer`` finds in the window crosses the cut."""
    from openimr.evidence import pieces as pc

    words = _words_of_rules(nlp)
    seps = [" ", "  ", "\n", "\n\n", ", ", ". "]
    pair = st.tuples(st.sampled_from(words), st.sampled_from(seps))
    text = "".join(w + s for w, s in data.draw(st.lists(pair, min_size=40, max_size=300)))
    patterns = _rule_patterns(nlp)
    for _ in range(3):
        cut = data.draw(st.integers(1, len(text) - 1))
        lo, hi = max(0, cut - pc._REACH), min(len(text), cut + pc._REACH)
        crosses = any(s < cut < e for rx in patterns for s, e in _between(rx, text, lo, hi))
        assert pc._crosses(text, cut, patterns) == crosses


def test_cut_plans_follow_the_list() -> None:
    """The plans are looked up by the list's identity, and built again when its expressions
    change (in place too): they are always those of its expressions."""
    from openimr.evidence import pieces as pc

    a = re.compile(r"\bleft\s+knee\b", re.IGNORECASE)
    b = re.compile(r"\bright\s+hip\b", re.IGNORECASE)
    patterns = [a]
    text = "pain in the left\nknee. pain in the right\nhip."
    cut_a, cut_b = text.index("knee"), text.index("hip")
    assert pc._crosses(text, cut_a, patterns)
    assert not pc._crosses(text, cut_b, patterns)
    assert pc._plans(patterns) is pc._plans(patterns)
    patterns[0] = b  # the same list, another expression
    assert not pc._crosses(text, cut_a, patterns)
    assert pc._crosses(text, cut_b, patterns)
    patterns.append(a)
    assert pc._crosses(text, cut_a, patterns) and pc._crosses(text, cut_b, patterns)
    assert pc._crosses(text, cut_a, tuple(patterns))  # an equal tuple: the same plans
    assert FastRegex(a).factors and pc._fast(a).rx is a


def test_words_a_token_requires() -> None:
    from openimr.evidence.token_phrases import _words

    assert _words({"LOWER": "should", "IS_SENT_START": True}) == ["should"]
    assert _words({"IS_SENT_START": True, "ORTH": {"IN": ["Call", "CALL"]}}) == ["Call", "CALL"]
    assert _words({"TEXT": "x", "OP": "?"}) == ["x"]
    assert _words({"LIKE_NUM": True}) is None
    assert _words({"LOWER": {"NOT_IN": ["a"]}}) is None
    assert _words({"LOWER": {"REGEX": "^a"}, "IS_SENT_START": True}) is None


_WORDS = ["should", "Should", "SHOULD", "call", "us", "back", "for", "pain", ".", "not", "he"]


@settings(max_examples=300, deadline=None)
@given(
    toks=st.lists(st.tuples(st.sampled_from(_WORDS), st.booleans()), min_size=1, max_size=40),
)
def test_word_with_another_test_near_its_word(toks: list[tuple[str, bool]]) -> None:
    """A rule whose tokens test a word and a sentence start matched near the word gives the
    Matcher's matches on the whole doc, wherever the sentences start."""
    from spacy.matcher import Matcher
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from openimr.evidence.token_phrases import TokenPhrases

    vocab = Vocab()
    rules = {
        "should": [[{"LOWER": "should", "IS_SENT_START": True}]],
        "call": [
            [
                {"LOWER": "call", "IS_SENT_START": True},
                {"LOWER": {"IN": ["us", "back"]}, "OP": "*"},
                {"LOWER": "for"},
            ]
        ],
        "he should": [[{"LOWER": "he"}, {"ORTH": "should", "IS_SENT_START": False}]],
    }
    full = Matcher(vocab)
    for rule_id, patterns in rules.items():
        full.add(rule_id, patterns)
    phrases = TokenPhrases(vocab, full)
    for rule_id, patterns in rules.items():
        phrases.add(rule_id, patterns)
    assert all(required for required, _, _ in phrases._rest)  # each near its words
    words = [w for w, _ in toks]
    starts = [True] + [s for _, s in toks[1:]]
    doc = Doc(vocab, words=words, sent_starts=starts)
    assert sorted(phrases(doc)) == sorted(full(doc))


def test_context_rules_with_a_sentence_start(nlp: Any) -> None:
    """ConText's "should" at a sentence's start (a word and a sentence start): its Matcher
    runs near the word, with the whole Matcher's matches on docs split by our splitter."""
    rm = nlp.get_pipe("openimr_context").rule_matcher
    phrases = rm._token_phrases
    assert phrases is not None
    assert all(required for required, _, _ in phrases._rest)
    split = nlp.get_pipe("openimr_sentences")
    text = (
        "Should the pain return, he will call us back for a visit. He should continue the "
        "home exercises. SHOULD SYMPTOMS WORSEN, call the office for an appointment.\n"
        "Plan: should improve with therapy. Patient should not drive. should the injection "
        "fail, surgery is an option."
    )
    seen = 0
    for t in (text, text * 3):
        doc = split(nlp.make_doc(t))
        full = list(rm._matcher(doc))
        mine = phrases(doc)
        assert sorted(mine) == sorted(full)
        seen += len(full)
    assert seen > 0


_AHEAD = [
    r"\band(?=\s+(a|the)\s+([\w/-]+\s+){0,3}?(was|is|has been)\s+(normal|intact|on file)\b)",
    r"(?:\band(?=\s+([\w/-]+\s+){1,3}?(was|is)\s+(normal|intact)\b))|(?:\bthe(?=\s+knee\b))",
    r"\bto(?=\s+(?:the\s+)?(?:left|right)(?=\s+knee))",
    r"(?:\band(?!\s+not)(?=\s+(\w+\s+)?normal))|(?:\bis\b)",
]
_AHEAD_WORDS = ["and", "the", "a", "knee", "left", "was", "is", "normal", "intact", "on file"]
_AHEAD_WORDS += ["has been", "not", "to", "gait", "x/y", "exam", "\n", ".", ","]


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(_AHEAD_WORDS), min_size=5, max_size=80),
    ends=st.tuples(st.integers(0, 3000), st.integers(0, 3000)),
)
def test_lookahead_strings_anchor_a_common_word(words: list[str], ends: tuple[int, int]) -> None:
    """A part whose own strings are words of nearly every sentence ("and") is searched
    near the strings its lookahead asks for ("normal", "intact"): the same matches as
    ``finditer``, on a long text and between two positions."""
    from openimr.evidence.regex_scan import SHORT

    text = " ".join(words)
    text = (text + " ") * (SHORT // max(1, len(text)) + 2)
    lo, hi = sorted(min(len(text), e) for e in ends)
    for pattern in _AHEAD:
        rx = re.compile(pattern, re.IGNORECASE)
        fast = FastRegex(rx)
        assert fast.spans(text) == [m.span() for m in rx.finditer(text)], pattern
        assert fast.spans_between(text, lo, hi) == _between(rx, text, lo, hi), pattern


def test_lookahead_strings_are_the_factors(nlp: Any) -> None:
    rx = re.compile(_AHEAD[0], re.IGNORECASE)
    assert FastRegex(rx).factors == ("intact", "normal", "on file")
    # "the" before "knee": the lookahead's "knee"; "and" before a verb and "normal"
    both = FastRegex(re.compile(_AHEAD[1], re.IGNORECASE))
    assert both.factors == ("intact", "knee", "normal")
    # a string that is not a common word stays the factor
    rx = re.compile(r"\bphalen(?=\s+(sign\s+)?(is\s+)?positive)", re.IGNORECASE)
    assert FastRegex(rx).factors == ("phalen",)
    # ConText's rule
    context = nlp.get_pipe("openimr_context").rule_matcher
    planned = {nlp.vocab.strings[k]: f for k, f in context._fast}
    # the AFFIRM rule of "and" before a verb and "normal"/"intact" (found by its pattern: the
    # rules' numbers move as rules are added)
    (affirm,) = [
        f
        for name, f in planned.items()
        if name.startswith("AFFIRM")
        and f.rx.pattern.startswith(r"\band(?=")
        and "normal" in f.rx.pattern
    ]
    assert "and" not in affirm.factors
    assert "normal" in affirm.factors


_SPLIT_CHARS = list("aZbY  .?!;\t\n*_1\u00a0\u00e9\u00c9xX") + ["   ", "    ", ".T", "he.Th"]


@settings(max_examples=500, deadline=None)
@given(parts=st.lists(st.sampled_from(_SPLIT_CHARS), max_size=60))
def test_sentence_split_scans_are_the_expressions(parts: list[str]) -> None:
    """The splitter's runs of spaces before a unit and its glued sentences, found from
    ``find`` and from the stop, are where the expressions match (sentences._space_runs,
    _glued), whitespace outside ASCII and accented letters included."""
    from openimr.evidence import sentences as s

    text = "".join(parts)
    assert s._space_runs(text) == [m.end() for m in s._SPACE_RUN.finditer(text)]
    assert s._glued(text) == [m.start() for m in s._GLUED.finditer(text)]
