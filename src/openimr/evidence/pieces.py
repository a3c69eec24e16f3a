"""Long records processed in pieces, with the same findings as the record processed whole.

spaCy refuses a text over ``nlp.max_length`` (E088, 1,000,000 characters) and holds a whole
document in memory; a record is therefore cut into pieces of about ``PIECE_CHARS`` characters
and each piece goes through the pipeline alone. A piece ends where nothing the pipeline reads
can reach across:

- at the first character of a line that follows a blank line (a page break of a PDF text
  layer is one: the intake joins pages with "\\n\\f\\n"). The sentence splitter always starts a
  sentence there, and ConText's scopes, sentence cues and dates stay in their sentence; the
  token patterns cannot cross a line break;
- where no regular expression of the target or ConText rules matches across the cut.

Failing that (a stretch of ``PIECE_CHARS`` with no blank line), a piece ends at a line that
follows a line ending a statement ("." ":" ";" "?" "!"), which also always starts a sentence;
failing that (a long flattened paragraph), at a sentence the splitter starts after "." or ";"
inside a line whose rest is long and in lower case (so the next line's start is decided as in
the whole record); failing that, at the last space. Only this last case can change a
sentence boundary. The section a piece opens in is the last section of the piece before
(``extraction.findings_from_doc``), and findings are shifted back to record offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from openimr.evidence.regex_scan import FastRegex, Occurrences
from openimr.evidence.sentences import boundary_offsets

PIECE_CHARS = 20_000
_REACH = 400  # how far around a cut the rule expressions are tried

AFTER_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*(?=\S)")
AFTER_STATEMENT = re.compile(r"[.?!:;][^\S\n]*\n\s*(?=\S)")


@lru_cache(maxsize=8)
def _occurrences_of(patterns: tuple[re.Pattern[str], ...]) -> Occurrences:
    return Occurrences({f for rx in patterns for f in _fast(rx).strings})


def _factors_of(rx: re.Pattern[str]) -> frozenset[str] | None:
    """The strings one of which a match of one of ``rx``'s parts holds (FastRegex.factors),
    or None when ``rx`` is not searched by parts (it is then searched whole)."""
    fast = _fast(rx)
    return frozenset(fast.factors) if fast.planned else None


class _Plans(NamedTuple):
    patterns: Sequence[re.Pattern[str]]  # the sequence asked about (its identity)
    frozen: tuple[re.Pattern[str], ...]  # its expressions when it was asked about
    factors: tuple[frozenset[str] | None, ...]  # each one's factors (None: searched whole)
    occurrences: Occurrences  # of all their factors


# The plans of the last sequences of expressions asked about, by identity: hashing a tuple of
# compiled expressions hashes each one's compiled code (``re.Pattern.__hash__`` is not
# cached), about 0.7 ms for the rules' 96 at every cut; the same objects in the same order
# are the same expressions, so the plans by their contents are looked up only on a change.
_BY_ID: dict[int, _Plans] = {}


def _plans(patterns: Sequence[re.Pattern[str]]) -> _Plans:
    """The factors of each of ``patterns`` and an Occurrences of them all (the same as by
    their contents, :func:`_factors_of`, :func:`_occurrences_of`)."""
    got = _BY_ID.get(id(patterns))
    if (
        got is not None
        and got.patterns is patterns
        and len(got.frozen) == len(patterns)
        and all(a is b for a, b in zip(got.frozen, patterns, strict=False))
    ):
        return got
    frozen = tuple(patterns)
    factors = tuple(_factors_of(rx) for rx in frozen)
    plans = _Plans(patterns, frozen, factors, _occurrences_of(frozen))
    if len(_BY_ID) >= 8:
        _BY_ID.clear()
    _BY_ID[id(patterns)] = plans
    return plans


def _fast(rx: re.Pattern[str]) -> FastRegex:
    fast = _FAST.get((rx.pattern, rx.flags))
    if fast is None:
        fast = _FAST[rx.pattern, rx.flags] = FastRegex(rx)
    return fast


# Each expression's plan, by its text and flags; the rule matchers' own plans, built with the
# pipeline, are shared here (``share``) so that a cut does not build them again at first use.
_FAST: dict[tuple[str, int], FastRegex] = {}


def share(fast: FastRegex) -> None:
    """Use ``fast`` (already planned) for its expression at the cuts."""
    _FAST.setdefault((fast.rx.pattern, fast.rx.flags), fast)


def _crosses(text: str, cut: int, patterns: Sequence[re.Pattern[str]]) -> bool:
    """Whether a match of one of ``patterns``, as ``finditer`` finds them from ``_REACH``
    characters before the cut to as far after it, crosses the cut. Each expression is
    searched near its own strings in that stretch (regex_scan.FastRegex.spans_between: the
    same matches); an expression made of many lookbehinds tried at every character of the
    stretch cost most of a cut."""
    lo, hi = max(0, cut - _REACH), min(len(text), cut + _REACH)
    window = text[lo:hi]
    low = window.lower()
    longest: dict[int, int] = {}
    found: dict[str, list[int]] | None = None
    if patterns and window.isascii():
        # Where each factor of each expression's parts is in the window, found in one pass
        # for all of them (instead of a search for each factor of each part); a match in
        # the window holds one of its part's factors (regex_scan.py), so an expression none
        # of whose factors is there need not be tried.
        plans = _plans(patterns)
        at = plans.occurrences(low)
        patterns = [
            rx
            for rx, factors in zip(plans.frozen, plans.factors, strict=True)
            if factors is None or not at.keys().isdisjoint(factors)
        ]
        found = {f: [lo + i for i in where] for f, where in at.items()}
    for rx in patterns:
        fast = _fast(rx)
        for start, end in fast.spans_between(text, lo, hi, low, longest, found):
            if start < cut < end:
                return True
            if start >= cut:
                break
    return False


def _cut(text: str, start: int, limit: int, patterns: Sequence[re.Pattern[str]]) -> int:
    """Where the piece that starts at ``start`` ends (see the module docstring)."""
    end = start + limit
    for rx in (AFTER_BLANK_LINE, AFTER_STATEMENT):
        cands = [m.end() for m in rx.finditer(text, start + 1, end)]
        for c in reversed(cands):
            if start < c <= end and not _crosses(text, c, patterns):
                return c
    for c in sorted(boundary_offsets(text[start:end]), reverse=True):
        c += start
        if text[c - 1] != " " or not text[start:c].rstrip(" ").endswith((".", ";")):
            continue
        nl = text.find("\n", c)
        rest = text[c:nl].strip() if nl >= 0 else ""
        if nl >= 0 and (len(rest) < 50 or rest.upper() == rest):
            continue
        if not _crosses(text, c, patterns):
            return c
    space = text.rfind(" ", start + 1, end)
    return space + 1 if space > start else end


def pieces(
    text: str, limit: int = PIECE_CHARS, patterns: Sequence[re.Pattern[str]] = ()
) -> Iterator[tuple[int, str]]:
    """(offset, piece) for each piece of ``text``; one piece when it is short enough."""
    start = 0
    n = len(text)
    while n - start > limit:
        cut = _cut(text, start, limit, patterns)
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]
