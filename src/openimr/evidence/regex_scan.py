"""The matches of a rule's regular expression, found near the words every match holds.

``finditer`` tries the rule's expression at every character of a record; most of the
expressions of the vocabulary and of ConText start with a word boundary and a list of words,
which Python's engine cannot skip to. Here the expression's parse tree gives

- a set of strings one of which every match holds (its *factors*, lower case), and
- the most characters a match can take and the most a lookahead can look past it, where a
  repeat without a limit of a single character class counts as the longest run of that
  class in the text,

and the matches are found as ``finditer`` finds them (leftmost first, each search going on
where the last match ended), but each search starts at most that width before the next
occurrence of a factor and may see the text only that far after it: every attempt that can
give a match starting at or before the occurrence sees all that it would see in the whole
text, so a match found there is the one ``finditer`` finds; none found means no match starts
before the next occurrence. An expression that can match an empty string, whose width cannot
be bounded, or a text that is not ASCII (case folding beyond ``str.lower``), is searched with
``finditer``; so is a short text that holds a factor (one that holds none has no match), and
one where the factors are so frequent that the searches would cost more.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]  # noqa: N812
from re import _parser as P  # type: ignore[attr-defined]  # noqa: N812
from typing import Any

import numpy

_SINGLE = {C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN}
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}


class _Unbounded(Exception):
    pass


SHORT = 2000  # characters: a shorter text is searched with finditer (cheaper than the plan)
_CLASSES: dict[str, int] = {}  # a single-character class -> the ASCII characters it matches
_TABLES: dict[int, Any] = {}  # those characters -> a table by character code


def _factors(seq: Any) -> set[str] | None:
    """Strings one of which every match of the parsed sequence holds (lower case), or None."""
    cands: list[set[str]] = []
    run = ""
    for op, av in seq:
        if op is C.LITERAL:
            run += chr(av).lower()
            continue
        if run:
            cands.append({run})
            run = ""
        got: set[str] | None = None
        if op is C.SUBPATTERN:
            got = _factors(av[3])
        elif op is getattr(C, "ATOMIC_GROUP", None):
            got = _factors(av)
        elif op is C.BRANCH:
            alts = [_factors(a) for a in av[1]]
            if alts and all(a for a in alts):
                got = set().union(*alts)  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            got = _factors(av[2])
        if got:
            cands.append(got)
    if run:
        cands.append({run})
    if not cands:
        return None
    return max(cands, key=lambda s: (min(map(len, s)), -len(s)))


class _Width:
    """The most characters a parsed pattern can take, as a fixed part and counts of
    unbounded single-class repeats (bounded by the longest run of the class in a text)."""

    def __init__(self, flags: int) -> None:
        self.flags = flags
        self.in_lookahead = False

    def of(self, seq: Any, runs: dict[str, int], ahead: list[tuple[int, dict[str, int]]]) -> int:
        """The fixed width of ``seq``; its unbounded repeats counted into ``runs``, and each
        lookahead's width appended to ``ahead``."""
        total = 0
        for op, av in seq:
            if op in _SINGLE:
                total += 1
            elif op is C.AT:
                continue
            elif op is C.SUBPATTERN:
                total += self.of(av[3], runs, ahead)
            elif op is getattr(C, "ATOMIC_GROUP", None):
                total += self.of(av, runs, ahead)
            elif op is C.BRANCH:
                total += self._branch(av[1], runs, ahead)
            elif op in _REPEATS:
                total += self._repeat(av, runs, ahead)
            elif op in (C.ASSERT, C.ASSERT_NOT):
                self._assert(av, ahead)
            else:
                raise _Unbounded
        return total

    def _branch(
        self, alts: Any, runs: dict[str, int], ahead: list[tuple[int, dict[str, int]]]
    ) -> int:
        """The widest alternative's fixed width, and the most runs of each class of any."""
        best = 0
        best_runs: dict[str, int] = {}
        for alt in alts:
            alt_runs: dict[str, int] = {}
            best = max(best, self.of(alt, alt_runs, ahead))
            for k, v in alt_runs.items():
                best_runs[k] = max(best_runs.get(k, 0), v)
        for k, v in best_runs.items():
            runs[k] = runs.get(k, 0) + v
        return best

    def _repeat(
        self, av: Any, runs: dict[str, int], ahead: list[tuple[int, dict[str, int]]]
    ) -> int:
        _, hi, sub = av
        if hi is C.MAXREPEAT:
            if len(sub) == 1 and sub[0][0] in _SINGLE:
                key = self._class(sub)
            else:
                # A repeat of a group: every character it takes is one that a single
                # character of the group can match, so it takes at most the longest run of
                # those characters.
                mask = 0
                for item in self._singles(sub):
                    mask |= _CLASSES[self._class(P.SubPattern(sub.state, [item]))]
                key = f"union:{mask}"
                _CLASSES[key] = mask
            runs[key] = runs.get(key, 0) + 1
            return 0
        inner: dict[str, int] = {}
        width = hi * self.of(sub, inner, ahead)
        for k, v in inner.items():
            runs[k] = runs.get(k, 0) + hi * v
        return int(width)

    def _singles(self, seq: Any) -> list[Any]:
        """The single-character items of a parsed sequence, at any depth; a lookaround, a
        back reference or anything else not understood makes the width unbounded."""
        out: list[Any] = []
        for op, av in seq:
            if op in _SINGLE:
                out.append((op, av))
            elif op is C.AT:
                continue
            elif op is C.SUBPATTERN:
                out.extend(self._singles(av[3]))
            elif op is getattr(C, "ATOMIC_GROUP", None):
                out.extend(self._singles(av))
            elif op is C.BRANCH:
                for alt in av[1]:
                    out.extend(self._singles(alt))
            elif op in _REPEATS:
                out.extend(self._singles(av[2]))
            else:
                raise _Unbounded
        return out

    def _assert(self, av: Any, ahead: list[tuple[int, dict[str, int]]]) -> None:
        direction, body = av
        if self.in_lookahead or _has_assert(body):
            raise _Unbounded  # a lookaround inside a lookaround: not worked out
        if direction == 1:
            a_runs: dict[str, int] = {}
            self.in_lookahead = True
            try:
                fixed = self.of(body, a_runs, ahead)
            finally:
                self.in_lookahead = False
            ahead.append((fixed, a_runs))

    def _class(self, sub: Any) -> str:
        """A key for the class of a single-character item: the ASCII characters it matches
        (a bit each), with IGNORECASE or without, as a group may turn it on or off."""
        key = f"{self.flags & ~re.IGNORECASE}:{sub.data!r}"
        if key not in _CLASSES:
            from re import _compiler  # type: ignore[attr-defined]

            mask = 0
            for flags in (self.flags | re.IGNORECASE, self.flags & ~re.IGNORECASE):
                one = _compiler.compile(sub, flags)
                for c in range(128):
                    if one.fullmatch(chr(c)):
                        mask |= 1 << c
            _CLASSES[key] = mask
        return key


_LAST: list[Any] = [None, None]  # the last text asked about, and its character codes


def longest_run(text: str, mask: int) -> int:
    """The longest run of ``text`` (ASCII) made of the characters of ``mask``. (The codes
    of the text are kept for the next mask: the rules of a piece ask about the same text.)"""
    if _LAST[0] is not text:
        _LAST[1] = numpy.frombuffer(text.encode("ascii"), dtype=numpy.uint8)
        _LAST[0] = text
    table = _TABLES.get(mask)
    if table is None:
        table = numpy.array([bool(mask >> c & 1) for c in range(256)], dtype=bool)
        _TABLES[mask] = table
    inside = table[_LAST[1]]
    if not inside.any():
        return 0
    edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([False], inside, [False]))))
    return int((edges[1::2] - edges[0::2]).max())


def _has_assert(seq: Any) -> bool:
    for op, av in seq:
        if op in (C.ASSERT, C.ASSERT_NOT):
            return True
        subs: list[Any] = []
        if op is C.SUBPATTERN:
            subs = [av[3]]
        elif op is C.BRANCH:
            subs = list(av[1])
        elif op in _REPEATS:
            subs = [av[2]]
        elif op is getattr(C, "ATOMIC_GROUP", None):
            subs = [av]
        if any(_has_assert(x) for x in subs):
            return True
    return False


class FastRegex:
    """One rule's expression; :meth:`spans` gives what ``finditer`` gives."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self._plan: tuple[tuple[str, ...], int, dict[str, int], list[Any]] | None = None
        try:
            parsed = P.parse(rx.pattern, rx.flags)
            if parsed.getwidth()[0] == 0:
                return  # can match an empty string
            factors = _factors(parsed)
            if not factors:
                return
            runs: dict[str, int] = {}
            ahead: list[tuple[int, dict[str, int]]] = []
            fixed = _Width(rx.flags).of(parsed, runs, ahead)
            self._plan = (tuple(sorted(factors)), fixed, runs, ahead)
        except (_Unbounded, re.error, RecursionError):
            self._plan = None

    def spans(
        self, text: str, low: str | None = None, longest: dict[int, int] | None = None
    ) -> list[tuple[int, int]]:
        """(start, end) of each match, as ``[m.span() for m in rx.finditer(text)]``. ``low``
        is ``text.lower()`` and ``longest`` a cache of class runs in ``text``, when the caller
        has them (several expressions on one text)."""
        plan = self._plan
        if plan is None or not text.isascii():
            return [m.span() for m in self.rx.finditer(text)]
        factors, fixed, runs, ahead = plan
        low = text.lower() if low is None else low
        if len(text) < SHORT:
            if not any(factor in low for factor in factors):
                return []
            return [m.span() for m in self.rx.finditer(text)]
        longest = {} if longest is None else longest
        n = len(text)
        counts = [low.count(factor) for factor in factors]
        if not any(counts):
            return []

        def bound(r: dict[str, int]) -> int:
            total = 0
            for key, count in r.items():
                mask = _CLASSES[key]
                if mask not in longest:
                    longest[mask] = longest_run(text, mask)
                total += count * longest[mask]
            return total

        w = fixed + bound(runs)
        la = max((a_fixed + bound(a_runs) for a_fixed, a_runs in ahead), default=0)
        if sum(counts) * (w + la + 2) > n:  # the searches would cover the text: finditer
            return [m.span() for m in self.rx.finditer(text)]
        occ: list[int] = []
        for factor, count in zip(factors, counts, strict=True):
            i = low.find(factor) if count else -1
            while i >= 0:
                occ.append(i)
                i = low.find(factor, i + 1)
        occ.sort()
        out: list[tuple[int, int]] = []
        pos = 0
        search = self.rx.search
        for at in occ:
            if at < pos:
                continue
            m = search(text, max(pos, at - w), min(n, at + w + la + 2))
            if m is not None and m.start() <= at:
                out.append(m.span())
                pos = m.end()
            else:
                pos = at + 1
        return out


def factors_of(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings (lower case) one of which every match of ``rx`` holds, or None when there are
    none to tell, when the expression can match an empty string or is not ASCII (it may
    match ASCII text by case folding, "\u017f" matches "s", which its factors do not tell)."""
    if not rx.pattern.isascii():
        return None
    try:
        parsed = P.parse(rx.pattern, rx.flags)
        if parsed.getwidth()[0] == 0:
            return None
        found = _factors(parsed)
    except (re.error, RecursionError):
        return None
    return tuple(sorted(found)) if found else None


class FactorIndex:
    """The factors of several expressions in one Aho-Corasick automaton, so that a short
    ASCII text learns in one pass which expressions can match it (an expression none of whose
    factors the text holds has no match). ``FastRegex.spans`` tests each expression's factors
    one by one, a fixed cost per rule and per call that dominated a one-sentence document."""

    def __init__(self, regexes: list[re.Pattern[str]]) -> None:
        import ahocorasick

        self._always: list[int] = []
        owners: dict[str, list[int]] = {}
        for k, rx in enumerate(regexes):
            found = factors_of(rx)
            if found is None:
                self._always.append(k)
                continue
            for factor in found:
                owners.setdefault(factor, []).append(k)
        self._auto: Any = None
        if owners:
            self._auto = ahocorasick.Automaton()
            for factor, ks in owners.items():
                self._auto.add_word(factor, tuple(ks))
            self._auto.make_automaton()

    def candidates(self, low: str) -> list[int]:
        """The (sorted) indexes of the expressions that can match an ASCII text whose lower
        case is ``low``: those without factors, and those with one of theirs in ``low``."""
        got = set(self._always)
        if self._auto is not None:
            for ks in {ks for _, ks in self._auto.iter(low)}:
                got.update(ks)
        return sorted(got)
