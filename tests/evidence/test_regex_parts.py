"""A rule expression ``A|B|...`` searched part by part (regex_scan.FastRegex) gives what
``finditer`` gives (issue 16).

Each part is searched only where one of its own strings can be, at its place in a match, and
the parts' matches are put together as the union finds them (the leftmost start, the first
part on a tie). Pinned on the rule expressions of the vocabulary and ConText, on texts made
of their own words, and on small unions made to tie, overlap and share a start.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openimr.evidence.extraction import _scanner
from openimr.evidence.regex_scan import SHORT, FastRegex, Occurrences


def _finditer(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


def _long(text: str) -> str:
    """``text`` repeated past the length below which ``finditer`` is used."""
    return (text + "\n") * (SHORT // max(1, len(text)) + 2)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        # two parts match at the same start: the first part's (shorter) match
        (r"(?:ab)|(?:abcd)", "xx abcd ab abcdab"),
        # a later part starts earlier than the first part's match
        (r"(?:cd ef)|(?:b\s+cd)", "a b cd ef cd ef b  cd"),
        # a part's match starts inside another part's match: not reported
        (r"(?:pain (is|was) \d+)|(?:\d+/10)", "pain is 7/10 and 4/10; pain was 3 /10"),
        # parts that start alike: the parser moves the common start out of the union
        (r"(?:\bno pain)|(?:\bnone)|(?:\bnot\s+\w+)", "none no pain not tender nonesuch"),
        (r"(?:(?<!very )\bmild)|(?:(?<=\bis )severe)", "very mild, mild; is severe, severe"),
        (r"\d{1,4}\s*(med|mme|mmed|medd)\b", "90 med 120mme 30 mmed x 4 medd 7 meds"),
        (r"(?:a+b)|(?:b+c)|(?:ab+c)", "aab abbc bbc abc aaabbbccc"),
        (r"(?:\bx\b(?!\s*/))|(?:\bx\s*/\s*y)", "x / y x/y x  x /"),
        # parts that open with lookbehinds: tried only where one of their strings ends, one
        # string the end of another ("tens unit " and "unit "), one a prefix of another
        (
            r"(?:(?:(?<=\btens )|(?<=\btens unit )|(?<=\bunit ))(without|with no) relief)"
            r"|(?:(?<!no )(?<=\bcare )(?:\w+ ){0,2}?failed)|(?:(?<=, )but)",
            "a tens unit without relief, tens without relief; care failed; TENS UNIT WITH NO "
            "relief, care it then failed, but, no care failed, xtens without relief, but",
        ),
        # a lookahead with a lookaround inside it ("stopped" before a drug, not before a
        # reason): how far it looks counts the inner one
        (
            r"(?:\bstopped(?=\s+(the\s+)?(meds|norco)\b(?![^.;]{0,20}\b(because|due to)\b)))"
            r"|(?:\bquit\b(?=\s+\w+(?=\s+now)))",
            "stopped meds. stopped the norco because of nausea; stopped meds and later, due to "
            "cost, quit smoking now, quit it. stopped norco due to cost",
        ),
    ],
)
def test_unions(pattern: str, text: str) -> None:
    rx = re.compile(pattern, re.IGNORECASE)
    fast = FastRegex(rx)
    assert fast._plan is not None
    long = _long(text)
    assert fast.spans(long) == _finditer(rx, long)
    low = long.lower()
    found = Occurrences(set(fast.strings))(low)
    assert fast.spans(long, low, {}, found) == _finditer(rx, long)


def test_a_literal_outside_ascii_is_no_string_to_look_for() -> None:
    # "\u017f" (long s) matches "s" by case folding: it must not make a string of its own
    rx = re.compile("(?:\u017fore)|(?:ache)", re.IGNORECASE)
    text = _long("sore back, ache")
    assert _finditer(rx, text)
    assert FastRegex(rx).spans(text) == _finditer(rx, text)


def test_the_rules_are_searched_by_parts(nlp: Any) -> None:
    scanner = _scanner(nlp)
    fast = [rx for m in (scanner.targets, scanner.context) for _, rx in m._fast]
    by_parts = [f for f in fast if f._plan is not None and len(f._plan) > 1]
    assert len(by_parts) >= 10  # the unions of several patterns are split


_WORDS: list[str] = []


def _words(nlp: Any) -> list[str]:
    """The rules' own strings and words around them, for texts where they match."""
    if not _WORDS:
        scanner = _scanner(nlp)
        got: set[str] = set()
        for m in (scanner.targets, scanner.context):
            for _, f in m._fast:
                got.update(f.strings)
        got.update(
            ["the", "patient", "he", "she", "is", "was", "with", "without", "relief", "of"]
            + ["pain", "7/10", "5/5", "4/5", "30", "mg", "medications", "therapy", "physical"]
            + ["conservative", "care", "failed", "tried", "able", "to", "walk", "improved"]
            + ["function", "-", "none", "no", "negative", ":", ";", ".", ",", "/", "(", ")"]
            + ["50%", "percent"]
        )
        _WORDS.extend(sorted(w for w in got if w.strip()))
    return _WORDS


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_rule_expressions_on_texts_of_their_words(nlp: Any, data: Any) -> None:
    words = _words(nlp)
    seps = [" ", " ", " ", "  ", "\n", "\n\n", ", ", ". ", " - ", "\t"]
    pair = st.tuples(st.sampled_from(words), st.sampled_from(seps))
    picks = data.draw(st.lists(pair, min_size=50, max_size=400))
    text = "".join(w + s for w, s in picks)
    while len(text) < SHORT:
        text += " " + text
    scanner = _scanner(nlp)
    low = text.lower()
    for matcher in (scanner.targets, scanner.context):
        got = matcher.regex_spans(text, low, {})
        want = [(key, *span) for key, rx in matcher._regexes for span in _finditer(rx, text)]
        assert got == want


_PIECES = ["ab", "cd", "abc", "b", "x y", "\\s+", "\\d+", "(ab|cd)", "(?:ab)?", "\\b", "[a-c]"]


@st.composite
def _unions(draw: Any) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        seq = draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4))
        if not any(p[0].isalpha() or p[0] == "(" and "?" not in p for p in seq):
            seq.append("ab")
        if draw(st.booleans()):
            seq.insert(0, draw(st.sampled_from(["(?<!x )", "(?<=\\s)", "\\b", "(?<![a-z])"])))
        if draw(st.booleans()):
            # lookbehinds of strings: tried only where one of them ends (regex_scan.Behind)
            seq.insert(
                0,
                draw(
                    st.sampled_from(
                        ["(?<=ab )", "(?<=\\bcd)", "(?:(?<=ab)|(?<=\\bb )|(?<=x y ))", "((?<=12))"]
                    )
                ),
            )
        if draw(st.booleans()):
            seq.append(
                draw(st.sampled_from(["(?!\\s*y)", "\\b", "(?=\\d)", "(?=\\s*\\w(?![^.]{0,9}y))"]))
            )
        parts.append("(?:" + "".join(seq) + ")")
    return "|".join(parts)


@settings(max_examples=300, deadline=None)
@given(
    pattern=_unions(),
    words=st.lists(
        st.sampled_from(["ab", "cd", "abc", "b", "x", "y", "12", " ", "  ", "\n", "abcd", "x y"]),
        min_size=5,
        max_size=60,
    ),
)
def test_small_unions(pattern: str, words: list[str]) -> None:
    rx = re.compile(pattern, re.IGNORECASE)
    text = _long("".join(words))
    fast = FastRegex(rx)
    assert fast.spans(text) == _finditer(rx, text), pattern


def _between(rx: re.Pattern[str], text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text, lo, hi)]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_rule_expressions_between_two_positions(nlp: Any, data: Any) -> None:
    """``spans_between(text, lo, hi)`` (a cut between pieces tries the expressions near it,
    pieces._crosses) gives ``finditer(text, lo, hi)``: a lookbehind sees before ``lo``, the
    search ends at ``hi``, wherever the two fall (inside a word too)."""
    words = _words(nlp)
    seps = [" ", " ", "  ", "\n", "\n\n", ", ", ". ", " - "]
    pair = st.tuples(st.sampled_from(words), st.sampled_from(seps))
    text = "".join(w + s for w, s in data.draw(st.lists(pair, min_size=30, max_size=300)))
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    scanner = _scanner(nlp)
    low, runs = text[lo:hi].lower(), {}  # type: ignore[var-annotated]
    for matcher in (scanner.targets, scanner.context):
        for _, fast in matcher._fast:
            assert fast.spans_between(text, lo, hi, low, runs) == _between(fast.rx, text, lo, hi)


@settings(max_examples=300, deadline=None)
@given(
    pattern=_unions(),
    words=st.lists(
        st.sampled_from(["ab", "cd", "abc", "b", "x", "y", "12", " ", "  ", "\n", "abcd", "x y"]),
        min_size=5,
        max_size=60,
    ),
    ends=st.tuples(st.integers(0, 400), st.integers(0, 400)),
)
def test_small_unions_between_two_positions(
    pattern: str, words: list[str], ends: tuple[int, int]
) -> None:
    rx = re.compile(pattern, re.IGNORECASE)
    text = "".join(words) * 3
    lo, hi = sorted(min(len(text), e) for e in ends)
    assert FastRegex(rx).spans_between(text, lo, hi) == _between(rx, text, lo, hi), pattern


def test_lookbehind_strings_between_two_positions() -> None:
    """Between two positions (the cuts, pieces._crosses) too, a part after lookbehinds of
    strings is tried only where one of them ends: they are looked for from the longest
    one's length before the stretch, since one may begin before ``lo``; a character there
    outside ASCII (which may fold to one of theirs) leaves the part to ``search``."""
    rx = re.compile(
        r"(?:(?:(?<=\btens )|(?<=\btens unit )|(?<=\bcare ))(?:\w+ ){0,3}?(without|with no) "
        r"relief)|(?:\bno\b)",
        re.IGNORECASE,
    )
    text = "the TENS unit without relief; care was given without relief; tens with no relief. " * 12
    fast = FastRegex(rx)
    for lo in range(0, 90):
        for hi in (len(text), len(text) - 7, lo + 70):
            assert fast.spans_between(text, lo, hi) == _between(rx, text, lo, hi), (lo, hi)
    window = text[40:900]
    cursors = fast._cursors(text, window.lower(), {}, None, (40, 900, window))
    assert any(c.behind is not None for c in cursors)
    # "ten\u017f " ends with a long s, which matches "s" when case is ignored
    folded = "ten\u017f without relief, " + text
    for lo in range(0, 12):
        assert fast.spans_between(folded, lo, 400) == _between(rx, folded, lo, 400), lo
    assert _between(rx, folded, 5, 400)[0][0] == 5


def test_cuts_of_long_records_cross_what_finditer_crosses(nlp: Any) -> None:
    """The windows around every cut ``pieces`` tries in fictional long records."""
    import sys
    from pathlib import Path

    from openimr.evidence import pieces as pc
    from openimr.evidence.extraction import _rule_patterns

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from fictional_records import record  # type: ignore[import-not-found]

    patterns = _rule_patterns(nlp)
    fast = [FastRegex(rx) for rx in patterns]
    windows = 0
    for share, seed in ((1.0, 21), (0.25, 22), (0.1, 23)):
        text = str(record(12, seed=seed, clinical=share))
        for m in pc.AFTER_BLANK_LINE.finditer(text):
            cut = m.end()
            lo, hi = max(0, cut - pc._REACH), min(len(text), cut + pc._REACH)
            for f in fast:
                assert f.spans_between(text, lo, hi) == _between(f.rx, text, lo, hi)
            windows += 1
            if windows % 7:
                continue  # the whole test: every seventh window with _crosses too
            crosses = any(
                s < cut < e for rx in patterns for s, e in _between(rx, text, lo, hi)
            )
            assert pc._crosses(text, cut, patterns) == crosses
    assert windows > 100


@pytest.mark.parametrize(
    ("pattern", "leads"),
    [
        (r"(?<!pain )\b(pt|physical therapy|meds?)\s+\w+", {"pt", "physical therapy", "med"}),
        (r"\bno\s+(relief|benefit)", {"no"}),
        (r"(?=x)(ab|c(d|e))f", {"ab", "c"}),  # the run of literals a part opens with
        (r"(home )?exercise", {"home ", "exercise"}),  # an item that may be left out
        # ... followed by one that may be left out too
        (r"(?:a|b)*\s*c", {"a", "b", "c", *"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "}),
        (r"\d+\s*mg", set("0123456789")),  # a class of a few characters
        (r"[A-Z]\d", None),  # ... and not of many
        (r"\b(a|)b", None),  # an empty alternative
        (r"(a?)b", None),  # a group that may match nothing
    ],
)
def test_what_a_match_starts_with(pattern: str, leads: set[str] | None) -> None:
    """A part of a rule is tried only where one of the strings its matches start with starts
    (regex_scan._leads_of), a necessary condition like its factors."""
    import re._parser as parser

    from openimr.evidence.regex_scan import _leads_of, _Width

    got = _leads_of(parser.parse(pattern, re.IGNORECASE), _Width(re.IGNORECASE))
    assert got == leads


def test_the_rules_parts_are_tried_where_they_can_start(nlp: Any) -> None:
    scanner = _scanner(nlp)
    fast = [f for m in (scanner.targets, scanner.context) for _, f in m._fast]
    parts = [p for f in fast for p in f._plan or ()]
    assert sum(p.lead is not None for p in parts) >= len(parts) // 3


@pytest.mark.parametrize(
    ("pattern", "strings"),
    [
        (r"(?<=\bcare )failed", {"care "}),
        (r"(?:(?<=\btens )|(?<=\btens unit ))(but|yet)", {"tens ", "tens unit "}),
        (r"(?<!no )\b(?=x)((?<=Care, )|(?<=pt ))x", {"care, ", "pt "}),  # after other zero widths
        (r"(?:(?<=a )|(?<=\s))b", None),  # a body that is not a string: every position
        (r"(?:(?<=a )|(?=b))b", None),  # an alternative without a lookbehind
        (r"(?<=care\b)x", None),  # a boundary after the string
        (r"x(?<=x)y", None),  # not where the match starts
        (r"(a)?(?<=b)c", None),
    ],
)
def test_what_a_match_starts_after(pattern: str, strings: set[str] | None) -> None:
    """A part that opens with lookbehinds of strings is tried only where one of the strings
    ends (regex_scan._behind_of), a necessary condition like its leads."""
    import re._parser as parser

    from openimr.evidence.regex_scan import _behind_of

    assert _behind_of(parser.parse(pattern, re.IGNORECASE)) == strings


def test_the_rules_parts_after_lookbehinds_are_tried_where_those_end(nlp: Any) -> None:
    scanner = _scanner(nlp)
    fast = [f for m in (scanner.targets, scanner.context) for _, f in m._fast]
    parts = [p for f in fast for p in f._plan or ()]
    assert sum(p.behind is not None for p in parts) >= 5


def test_a_lookaround_inside_a_lookahead_is_planned(nlp: Any) -> None:
    """``med.stopped`` looks for a reason after the drug inside its lookahead: it is searched
    part by part too, not with finditer over a whole piece."""
    scanner = _scanner(nlp)
    fast = [f for _, f in scanner.targets._fast if "discontinued|quit" in f.rx.pattern]
    assert fast and all(f._plan is not None for f in fast)


class _NoFinditer:
    """An expression whose ``finditer`` may not be called (the plan must be used)."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self._rx = rx
        self.pattern, self.flags = rx.pattern, rx.flags

    def finditer(self, *args: Any) -> Any:
        raise AssertionError("finditer over the whole text")


def test_the_longest_rules_search_a_short_text_by_their_plan(nlp: Any) -> None:
    """``finditer`` tries each of ``conservative.failed``'s hundreds of medication-name
    lookbehinds at every position: 20-50 ms on a record of 700 characters. Such an expression
    (a part after lookbehinds of strings, or a union of PLAN_SHORT_FROM characters) searches
    a short text by its plan too, with ``finditer``'s spans."""
    from openimr.evidence.regex_scan import PLAN_SHORT_FROM

    scanner = _scanner(nlp)
    rules = scanner.targets.rule_map
    text = (
        "Subjective: neck pain, rated 6/10. She tried ibuprofen for six weeks without relief "
        "and physical therapy without lasting benefit; with Norco her pain decreases from 8/10 "
        "to 4/10 and she is able to walk for 30 minutes. Injections gave only temporary relief."
    )
    assert len(text) < SHORT
    seen = set()
    for key, fast in scanner.targets._fast:
        if not fast.short_plan:
            assert len(fast.rx.pattern) < PLAN_SHORT_FROM or fast._plan is None
            continue
        seen.add(rules[key].literal)
        want = _finditer(fast.rx, text)
        rx, fast.rx = fast.rx, _NoFinditer(fast.rx)  # type: ignore[assignment]
        try:
            assert fast.spans(text, text.lower()) == want
            found = scanner.targets.regex_spans(text)
        finally:
            fast.rx = rx
        assert [(s, e) for k, s, e in found if k == key] == want
    assert {
        "conservative.failed regex",
        "pain.medication_relief regex",
        "function.improvement regex",
    } <= seen


def _short(text: str) -> str:
    """``text`` cut below the length from which a text is searched part by part anyway."""
    return text[: SHORT - 1]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_rule_expressions_on_short_texts_of_their_words(nlp: Any, data: Any) -> None:
    """A short text (a bundle's record of half a page, a short piece) is searched part by
    part too by the expressions that ``finditer`` tries at every character with many strings
    (FastRegex.short_plan): the same matches, rule by rule."""
    words = _words(nlp)
    seps = [" ", " ", "  ", "\n", ", ", ". ", " - "]
    pair = st.tuples(st.sampled_from(words), st.sampled_from(seps))
    picks = data.draw(st.lists(pair, min_size=5, max_size=200))
    text = _short("".join(w + s for w, s in picks))
    scanner = _scanner(nlp)
    for matcher in (scanner.targets, scanner.context):
        got = matcher.regex_spans(text)
        want = [(key, *span) for key, rx in matcher._regexes for span in _finditer(rx, text)]
        assert got == want


@settings(max_examples=300, deadline=None)
@given(
    pattern=_unions(),
    words=st.lists(
        st.sampled_from(["ab", "cd", "abc", "b", "x", "y", "12", " ", "  ", "\n", "abcd", "x y"]),
        min_size=1,
        max_size=60,
    ),
)
def test_small_unions_on_short_texts(pattern: str, words: list[str]) -> None:
    rx = re.compile(pattern, re.IGNORECASE)
    text = "".join(words)
    fast = FastRegex(rx)
    fast.short_plan = fast._plan is not None  # searched part by part whatever the expression
    assert fast.spans(text) == _finditer(rx, text), pattern


def test_expressions_with_many_starts_are_planned_on_short_texts(nlp: Any) -> None:
    """``conservative.failed`` (two parts after unions of some 450 medication-name
    lookbehinds), ``pain.medication_relief`` and ``function.improvement`` (parts that open
    with unions of many words) cost ``finditer`` tens of milliseconds on a record of half a
    page; the one-part ConText expressions with a few strings are cheaper with it."""
    scanner = _scanner(nlp)
    rules = scanner.targets.rule_map
    by_code = {rules[key].category: f for key, f in scanner.targets._fast}
    for code in ("conservative.failed", "pain.medication_relief", "function.improvement"):
        assert by_code[code].short_plan, code
    context = [f for _, f in scanner.context._fast]
    assert not all(f.short_plan for f in context)
    text = "She tried naproxen without relief and physical therapy failed. " * 6
    fast = by_code["conservative.failed"]
    assert fast.spans(text) == _finditer(fast.rx, text)
