"""A fast scan for the vocabulary, so that the pipeline runs only where a finding can be.

Most of a long record (cover sheets, forms, billing, correspondence) names nothing the
vocabulary knows. A piece of a record (pieces.py) is cut further into blocks, at the first
character of a line that follows a blank line or a line ending a statement, where no regular
expression of the target or ConText rules matches across the cut: the places where
``pieces.py`` may cut a record, so a block goes through the pipeline with the findings it has
inside the whole piece. A block can hold a finding only if it holds

- for a phrase rule (spaCy's PhraseMatcher on lower-case tokens), the phrase without its
  spaces anywhere in the lower-cased text without its spaces (one Aho-Corasick automaton):
  the tokens of a match are written next to each other or one space apart;
- for a token-pattern rule (cased tokens), one of the values of a token it requires, in the
  text as written (a second automaton);
- for a regular-expression rule, a match of it in the piece, found here once for the piece.

A key found inside a word (a letter right before or after it, where the key has a letter) is
no token of a match: spaCy's tokenizer parts two letters only in its special cases ("can|not",
"do|n't"), and a key that starts or ends with a token of such a case is taken inside a word
too. These tests only ever say yes too often, never too rarely. Runs of consecutive blocks with a
hit go through the whole pipeline, given the rule matches of the piece (so the expressions see
the text around the block as they do in the whole piece); the others are skipped, except for
what carries from one sentence to the next (extraction.py): the last section header, found by
the section detector on the last block whose text can hold a header, and the visit date of
the last dated lead sentence, found on the last block with a date. A rule the scan cannot
read turns the scan off (every block goes through the pipeline).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Any

import numpy

from openimr.evidence.pieces import AFTER_BLANK_LINE, AFTER_STATEMENT

SpanList = list[tuple[int, int, int]]


@dataclass
class Scanner:
    """What the scan needs, built once from a pipeline's rules."""

    lower: Any  # ahocorasick.Automaton over lower-case keys
    cased: Any | None  # ahocorasick.Automaton over cased keys, None without such rules
    headers: Any  # ahocorasick.Automaton over the section headers, as ``lower``
    targets: Any  # targets.RuleMatcher of the target rules
    context: Any  # targets.RuleMatcher of the ConText rules
    # The keys of ``lower`` and ``headers`` in one automaton, each with the flags of either
    # (None where it is not a key of that one): one pass over a piece finds both.
    both: Any = None
    # Where the strings of both matchers' rule expressions occur (regex_scan.Occurrences):
    # one pass over a piece for both matchers.
    strings: Any = None


def _automaton(keys: dict[str, tuple[bool, bool]]) -> Any:
    """An automaton whose value for each key is (length, whether a letter may come before
    it, whether a letter may come after it)."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for k, (left_ok, right_ok) in keys.items():
        auto.add_word(k, (len(k), left_ok or not k[0].isalpha(), right_ok or not k[-1].isalpha()))
    auto.make_automaton()
    return auto


def _flags(keys: dict[str, tuple[bool, bool]], k: str) -> tuple[bool, bool] | None:
    """The flags ``_automaton`` gives key ``k`` of ``keys``, or None when it is not one."""
    if k not in keys:
        return None
    left_ok, right_ok = keys[k]
    return left_ok or not k[0].isalpha(), right_ok or not k[-1].isalpha()


def _automaton_of_both(
    lower: dict[str, tuple[bool, bool]], headers: dict[str, tuple[bool, bool]]
) -> Any:
    """One automaton over the keys of ``lower`` and ``headers``: for each key (length, its
    flags in ``lower`` or None, its flags in ``headers`` or None)."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for k in sorted(lower.keys() | headers.keys()):
        auto.add_word(k, (len(k), _flags(lower, k), _flags(headers, k)))
    auto.make_automaton()
    return auto


def _split_words(nlp: Any) -> tuple[set[str], set[str]]:
    """The tokens (lower case) the tokenizer's special cases write right after, and right
    before, a letter with no space between ("can|not": "not" and "can")."""
    after: set[str] = set()
    before: set[str] = set()
    for text, tokens in nlp.tokenizer.rules.items():
        orths = [t.get(65, t.get("ORTH")) for t in tokens]  # 65: spaCy's attribute ORTH
        if "".join(o for o in orths if isinstance(o, str)) != text:
            continue
        for a, b in zip(orths, orths[1:], strict=False):
            if a and b and a[-1].isalpha() and b[0].isalpha():
                before.add(a.lower())
                after.add(b.lower())
    return after, before


def _add(keys: dict[str, tuple[bool, bool]], key: str, left_ok: bool, right_ok: bool) -> None:
    old = keys.get(key, (False, False))
    keys[key] = (old[0] or left_ok, old[1] or right_ok)


def _required_values(pattern: list[dict[str, Any]]) -> list[str] | None:
    """The values (ORTH or TEXT) that one token every match holds can have, or None."""
    best: list[str] | None = None
    for tok in pattern:
        if tok.get("OP", "1") not in ("1", "+"):
            continue
        for attr in ("ORTH", "TEXT"):
            value = tok.get(attr)
            values: list[str] | None = [value] if isinstance(value, str) else None
            if isinstance(value, dict) and list(value) == ["IN"]:
                values = [v for v in value["IN"] if isinstance(v, str)]
                if len(values) != len(value["IN"]):
                    values = None
            if (
                values
                and all(v.strip() for v in values)
                and (best is None or min(map(len, values)) > min(map(len, best)))
            ):
                best = values
    return best


def build_scanner(nlp: Any) -> Scanner | None:
    """The scanner of an evidence pipeline, or None when it cannot be built (another
    pipeline, a rule the scan cannot read, or pyahocorasick missing)."""
    from openimr.evidence.context_local import LocalConText
    from openimr.evidence.pipeline import TARGET_PIPE
    from openimr.evidence.targets import TargetMatcher

    try:
        import ahocorasick  # noqa: F401
    except ImportError:  # pragma: no cover - a dependency
        return None
    names = nlp.pipe_names
    if names != ["openimr_sentences", TARGET_PIPE, "openimr_context", "medspacy_sectionizer"]:
        return None
    targets = nlp.get_pipe(TARGET_PIPE)
    context = nlp.get_pipe("openimr_context")
    if not isinstance(targets, TargetMatcher) or not isinstance(context, LocalConText):
        return None
    after, before = _split_words(nlp)
    lower: dict[str, tuple[bool, bool]] = {}
    cased: dict[str, tuple[bool, bool]] = {}
    for rule in targets.rules:
        if rule.pattern is None:
            toks = [t.text for t in nlp.tokenizer(rule.literal.lower()) if t.text.strip()]
            key = rule.literal.lower().replace(" ", "")
            if not toks or not key.strip():
                return None
            _add(lower, key, toks[0] in after, toks[-1] in before)
        elif isinstance(rule.pattern, str):
            continue  # matched in the piece
        else:
            values = _required_values(rule.pattern)
            if values is None:
                return None
            for v in values:
                _add(cased, v, v.lower() in after, v.lower() in before)
    headers: dict[str, tuple[bool, bool]] = {}
    for rule in nlp.get_pipe("medspacy_sectionizer").rules:
        if rule.pattern is not None:
            return None
        toks = [t.text for t in nlp.tokenizer(rule.literal.lower()) if t.text.strip()]
        key = rule.literal.lower().replace(" ", "")
        if not toks or not key.strip():
            return None
        _add(headers, key, toks[0] in after, toks[-1] in before)
    from openimr.evidence.regex_scan import Occurrences

    matchers = [m for m in (targets.rule_matcher, context.rule_matcher) if m is not None]
    return Scanner(
        lower=_automaton(lower),
        cased=_automaton(cased) if cased else None,
        headers=_automaton(headers),
        targets=targets.rule_matcher,
        context=context.rule_matcher,
        both=_automaton_of_both(lower, headers),
        strings=Occurrences({f for m in matchers for f in m.factors}),
    )


def blocks(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Where the blocks of ``text`` start (0 first): the cuts of the module docstring that no
    rule match in ``spans`` (start, end) crosses."""
    cands = sorted(
        {m.end() for m in AFTER_BLANK_LINE.finditer(text)}
        | {m.end() for m in AFTER_STATEMENT.finditer(text)}
    )
    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    reach = list(accumulate((e for _, e in ordered), max))
    out = [0]
    for c in cands:
        if c <= 0 or c >= len(text):
            continue
        k = bisect_left(starts, c)  # matches that start before c
        if k and reach[k - 1] > c:
            continue
        out.append(c)
    return out


def _found(auto: Any, low: str, packed: str, at: Any) -> list[int]:
    """Where the keys of ``auto`` occur in ``low``, found in ``packed`` (``low`` without its
    spaces; ``at[i]``: where its character ``i`` is in ``low``), but not inside a word."""
    n = len(low)
    out = []
    for end, (length, left_ok, right_ok) in auto.iter(packed):
        start = int(at[end - length + 1])
        last = int(at[end])
        if (left_ok or start == 0 or not low[start - 1].isalpha()) and (
            right_ok or last + 1 >= n or not low[last + 1].isalpha()
        ):
            out.append(start)
    return out


def vocabulary_and_headers(
    scanner: Scanner, low: str, packed: str, at: Any
) -> tuple[list[int], list[int]]:
    """``_found`` of ``scanner.lower`` and of ``scanner.headers`` (the same positions, in
    the order of their ends), in one pass of ``scanner.both``."""
    n = len(low)
    vocabulary: list[int] = []
    headers: list[int] = []
    for end, (length, in_lower, in_headers) in scanner.both.iter(packed):
        start = int(at[end - length + 1])
        last = int(at[end])
        left = start == 0 or not low[start - 1].isalpha()
        right = last + 1 >= n or not low[last + 1].isalpha()
        if in_lower is not None and (in_lower[0] or left) and (in_lower[1] or right):
            vocabulary.append(start)
        if in_headers is not None and (in_headers[0] or left) and (in_headers[1] or right):
            headers.append(start)
    return vocabulary, headers


def packed(low: str) -> tuple[str, Any]:
    """``low`` without its spaces, and where each of its characters is in ``low``."""
    codes = numpy.frombuffer(low.encode("utf-32-le"), dtype=numpy.uint32)
    return low.replace(" ", ""), numpy.flatnonzero(codes != 32)


def hit_positions(
    scanner: Scanner,
    text: str,
    low: str,
    target_spans: SpanList,
    pack: tuple[str, Any],
    vocabulary: list[int] | None = None,
) -> list[int]:
    """Sorted positions where something the target rules can match starts (or may start).
    (``vocabulary``: ``_found`` of ``scanner.lower`` when the caller has it.)"""
    found = [s for _, s, _ in target_spans]
    found.extend(_found(scanner.lower, low, *pack) if vocabulary is None else vocabulary)
    n = len(text)
    if scanner.cased is not None:
        for end, (length, left_ok, right_ok) in scanner.cased.iter(text):
            start = end - length + 1
            if (left_ok or start == 0 or not text[start - 1].isalpha()) and (
                right_ok or end + 1 >= n or not text[end + 1].isalpha()
            ):
                found.append(start)
    found.sort()
    return found


def header_positions(scanner: Scanner, low: str, pack: tuple[str, Any]) -> list[int]:
    """Sorted positions where a section header may start."""
    return sorted(_found(scanner.headers, low, *pack))


def hit_blocks(starts: list[int], n: int, positions: list[int]) -> list[bool]:
    """For each block (``starts``, text length ``n``), whether a hit position lies in it."""
    out = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else n
        out.append(bisect_left(positions, s) < bisect_left(positions, e))
    return out


# Where a sentence can start inside a block: a line's first character after its indent, after
# the punctuation that ends a sentence or a header's colon (and the spaces, quotes or brackets
# after it), or after the run of spaces of a flattened layout (sentences.py, the sectionizer).
_SENTENCE_START = r"(?:^[ \t]*|(?<=[.?!;:])[\s\"')\]]*|(?<=   ))"


@lru_cache(maxsize=1)
def lead_candidates() -> list[re.Pattern[str]] | None:
    """The ``lead_date`` cues, rewritten to match a block wherever they can match one of its
    sentences: a cue anchored at the sentence's start (``^``) may start wherever a sentence
    can. None when a cue cannot be rewritten so (another anchor, a lookbehind)."""
    from openimr.evidence import schema

    out = []
    for p in schema.cues().lead_date:
        body = p[1:] if p.startswith("^") else p
        if any(x in body for x in ("^", "$", "\\A", "\\Z", "(?<", "(?")):
            return None
        text = _SENTENCE_START + body if p.startswith("^") else body
        out.append(re.compile(text, re.IGNORECASE | re.MULTILINE))
    return out


def spans_in(spans: SpanList, start: int, end: int) -> SpanList:
    """The matches (key, start, end) that start in [start, end), shifted to start at 0."""
    return [(k, s - start, e - start) for k, s, e in spans if start <= s < end]


