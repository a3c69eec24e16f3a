"""Token-pattern rules matched as phrases: spaCy's Matcher's matches at a cost that does not
grow with the number of patterns.

spaCy's Matcher starts every pattern at every token: with ConText's 87 token-pattern rules
(716 patterns once their sets are spelled out, targets.expand_sets) it was the largest fixed
cost of a one-sentence document and a large share of a long record's. Most of these patterns
are fixed sequences of words with optional words: each such pattern is spelled out into the
word sequences it matches, which a PhraseMatcher finds in one pass whatever their number (on
lower-case tokens, or on the tokens as written). A pattern that is not such a sequence (a
repeat, ``LIKE_NUM``, several attributes on a token) stays in a Matcher of its own, much
smaller than the whole.

The Matcher reports every (rule, start, end) once; so do these, as a set. Their order matters
only where two rules match the very same tokens (the matches are pruned in the order of
(start, end), and of two equal spans the first is kept, targets.prune): for those the full
Matcher runs on the few tokens from the span's start to the token after its end, which gives
the two rules' order as on the whole document (the Matcher's states born at one token evolve
apart from the others, in the order of the patterns; a match ending at token ``e`` is
reported by the time the Matcher has read token ``e``).
"""

from typing import Any

import numpy
from spacy.attrs import LOWER
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

Match = tuple[int, int, int]

_LIMIT = 5_000  # a pattern spelling out to more sequences stays in the Matcher


def _values(tok: dict[str, Any]) -> tuple[str, list[str]] | None:
    """(attribute, the values it may take) of a pattern token that tests one attribute for
    a string or a set of strings; None for anything else."""
    keys = [k for k in tok if k != "OP"]
    if len(keys) != 1 or not isinstance(keys[0], str):
        return None
    attr = keys[0].upper()
    if attr == "TEXT":
        attr = "ORTH"
    if attr not in ("LOWER", "ORTH"):
        return None
    value = tok[keys[0]]
    if isinstance(value, str):
        values = [value]
    elif (
        isinstance(value, dict)
        and list(value) == ["IN"]
        and all(isinstance(v, str) for v in value["IN"])
    ):
        values = list(value["IN"])
    else:
        return None
    if attr == "ORTH" and all(v.isascii() and not any(c.isalpha() for c in v) for v in values):
        attr = "LOWER"  # no letters: a token is written so exactly when its lower case is
    if attr == "LOWER" and any(v != v.lower() for v in values):
        return None  # a capital never matches a lower-case form: left to the Matcher
    return attr, values


def _words(tok: dict[str, Any]) -> list[str] | None:
    """The strings a pattern token's lower-case or written form must be (``LOWER``, ``ORTH``
    or ``TEXT``, a string or a set of strings), whatever else it tests
    (``{"LOWER": "should", "IS_SENT_START": True}``): a token it matches is written as one of
    them, or in lower case is one of them, so its lower-case form is one of theirs. None when
    it tests neither form so."""
    for key, value in tok.items():
        if not isinstance(key, str) or key.upper() not in ("LOWER", "ORTH", "TEXT"):
            continue
        if isinstance(value, str):
            return [value]
        if (
            isinstance(value, dict)
            and list(value) == ["IN"]
            and all(isinstance(v, str) for v in value["IN"])
        ):
            return list(value["IN"])
    return None


def spell_out(pattern: list[dict[str, Any]]) -> tuple[str, list[tuple[str, ...]]] | None:
    """(attribute, every word sequence the pattern matches) for a pattern of single-attribute
    tokens, each required or optional (``OP`` "1" or "?"), all on lower case or all as
    written; None for any other pattern."""
    seqs: list[tuple[str, ...]] = [()]
    attrs = set()
    for tok in pattern:
        op = tok.get("OP", "1")
        if op not in ("1", "?"):
            return None
        got = _values(tok)
        if got is None:
            return None
        attrs.add(got[0])
        choices: list[tuple[str, ...]] = [(v,) for v in got[1]]
        if op == "?":
            choices.append(())
        seqs = [s + c for s in seqs for c in choices]
        if len(seqs) > _LIMIT or len(attrs) > 1:
            return None
    if not attrs:
        return None
    return attrs.pop(), sorted({s for s in seqs if s})  # the Matcher gives no empty match


Reach = list[tuple[int, list[frozenset[str]]]]


def _reach(patterns: list[list[dict[str, Any]]]) -> Reach | None:
    """For each pattern, how many tokens it takes at most, besides its repeated tokens
    (``*``, ``+``), and the lower-case words each repeated token may be: a match then takes
    at most that many tokens and, for each repeat, the longest run of its words in the doc
    (once for patterns with the same bound). None when a token repeats otherwise (a count,
    or a repeat of something else)."""
    out: Reach = []
    for pattern in patterns:
        fixed, repeats = 0, []
        for tok in pattern:
            op = tok.get("OP", "1")
            if op in ("1", "?", "!"):
                fixed += 1
                continue
            got = _values(tok) if op in ("*", "+") else None
            if got is None or got[0] != "LOWER":
                return None
            repeats.append(frozenset(got[1]))
        if (fixed, repeats) not in out:  # one bound for patterns alike (a rule's set spelled out)
            out.append((fixed, repeats))
    return out


def _longest(lower: Any, words: frozenset[int]) -> int:
    """The longest run of consecutive tokens whose lower-case form is one of ``words``."""
    mask = numpy.isin(lower, numpy.fromiter(words, lower.dtype)).astype("int8")
    if not mask.any():
        return 0
    edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([0], mask, [0]))))
    return int((edges[1::2] - edges[::2]).max())


def _near(
    doc: Doc, lower: Any, matcher: Matcher, required: list[frozenset[int]], reach: int
) -> list[Match]:
    """``matcher(doc)`` for a matcher whose every match holds a word of each set of
    ``required`` (``lower``: the lower-case forms of the doc's tokens, as hashes) and takes at
    most ``reach`` tokens: a match holding the word at token ``i`` lies within tokens
    ``i - reach + 1`` to ``i + reach - 1``, so the matcher runs on those stretches only
    (merged where they overlap; a token pattern tests each token on its own, so a stretch of
    the doc gives the matches of the doc that lie in it). The set whose words are fewest in
    the doc gives the stretches."""
    n = len(doc)
    where = min(
        (numpy.flatnonzero(numpy.isin(lower, numpy.fromiter(r, lower.dtype))) for r in required),
        key=len,
    )
    out: list[Match] = []
    a = b = -1
    for i in where.tolist():
        lo, hi = max(0, i - reach + 1), min(n, i + reach)
        if lo <= b:
            b = hi
            continue
        if b > a:
            out += [(key, a + s, a + e) for key, s, e in matcher(doc[a:b])]
        a, b = lo, hi
    if b > a:
        out += [(key, a + s, a + e) for key, s, e in matcher(doc[a:b])]
    return out


class TokenPhrases:
    """The matches of token-pattern rules, as a set equal to spaCy's Matcher's, ordered as
    the Matcher orders equal spans (see the module docstring)."""

    def __init__(self, vocab: Any, full: Matcher) -> None:
        self._vocab = vocab
        self._full = full  # every pattern: for the order of rules matching equal spans
        self._phrases = {
            "LOWER": PhraseMatcher(vocab, attr="LOWER"),
            "ORTH": PhraseMatcher(vocab, attr="ORTH"),
        }
        # The other patterns: a Matcher for each rule, run only when the document holds
        # a word of each set its patterns all require (lower-case forms, as hashes), and
        # only near those words when how many tokens its matches take is bounded (_reach).
        self._rest: list[tuple[list[frozenset[int]], Matcher, Reach | None]] = []
        self._sizes = {"LOWER": 0, "ORTH": 0}

    def add(self, rule_id: str, patterns: list[list[dict[str, Any]]]) -> None:
        """Add a rule's patterns (as given to the full Matcher, in its order)."""
        rest = []
        for pattern in patterns:
            got = spell_out(pattern)
            if got is None:
                rest.append(pattern)
                continue
            attr, seqs = got
            docs = [Doc(self._vocab, words=list(s)) for s in seqs]
            if docs:
                self._phrases[attr].add(rule_id, docs)
                self._sizes[attr] += len(docs)
        if rest:
            matcher = Matcher(self._vocab)
            matcher.add(rule_id, rest)
            self._rest.append((self._required(rest), matcher, _reach(rest)))

    def _hashes(self, words: frozenset[str]) -> frozenset[int]:
        strings = self._vocab.strings
        return frozenset(strings.add(w) for w in words)

    def _required(self, patterns: list[list[dict[str, Any]]]) -> list[frozenset[int]]:
        """Sets of lower-case words (hashes) such that every match of every pattern holds one
        of each: those of a required token that appears in each pattern with the same
        values."""
        common: set[tuple[str, ...]] | None = None
        for pattern in patterns:
            sets = set()
            for tok in pattern:
                words = _words(tok) if tok.get("OP", "1") in ("1", "+") else None
                if words is not None:
                    sets.add(tuple(sorted({v.lower() for v in words})))
            common = sets if common is None else common & sets
        strings = self._vocab.strings
        return [frozenset(strings.add(v) for v in values) for values in sorted(common or ())]

    def __call__(self, doc: Doc) -> list[Match]:
        found: set[Match] = set()
        for attr in ("LOWER", "ORTH"):
            if self._sizes[attr]:
                found.update(self._phrases[attr](doc))
        if self._rest:
            lower = doc.to_array(LOWER)
            words = set(lower.tolist())
            for required, matcher, reach in self._rest:
                if all(not words.isdisjoint(r) for r in required):
                    if reach is None or not required:
                        found.update(matcher(doc))
                    else:
                        most = max(
                            fixed + sum(_longest(lower, self._hashes(r)) for r in repeats)
                            for fixed, repeats in reach
                        )
                        found.update(_near(doc, lower, matcher, required, most))
        by_span: dict[tuple[int, int], list[int]] = {}
        for key, s, e in found:
            by_span.setdefault((s, e), []).append(key)
        out: list[Match] = []
        n = len(doc)
        for (s, e), keys in sorted(by_span.items()):
            if len(keys) > 1:
                keys = self._order(doc, s, e, keys, n)
            out.extend((k, s, e) for k in keys)
        return out

    def _order(self, doc: Doc, s: int, e: int, keys: list[int], n: int) -> list[int]:
        """The rules ``keys`` matching tokens s..e, in the full Matcher's order."""
        rank: dict[int, int] = {}
        for key, ms, me in self._full(doc[s : min(n, e + 1)]):
            if ms == 0 and me == e - s and key not in rank:
                rank[key] = len(rank)
        if not all(k in rank for k in keys):  # pragma: no cover - the sets are equal
            rank = {}
            for key, ms, me in self._full(doc):
                if ms == s and me == e and key not in rank:
                    rank[key] = len(rank)
        return sorted(keys, key=lambda k: rank.get(k, len(rank)))
