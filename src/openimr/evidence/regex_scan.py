"""The matches of a rule's regular expression, found near the words every match holds.

``finditer`` tries the rule's expression at every character of a record; most of the
expressions of the vocabulary and of ConText start with a word boundary and a list of words,
which Python's engine cannot skip to. A rule's expression is the union of its patterns
(``(?:A)|(?:B)|...``); each part of the union is planned on its own. Its parse tree gives

- a set of strings one of which every match of the part holds (its *factors*, lower case),
  and how far after the start of a match such a string can start (at least, at most), and
- the most characters a match can take and the most a lookahead can look past it, where a
  repeat without a limit of a single character class counts as the longest run of that
  class in the text,

so a match of the part can start only a bounded distance before an occurrence of one of its
factors: the part is searched only at those starts (merged into intervals), each search
seeing the text only as far as an attempt at the interval's last start can look, which is
all that such an attempt sees in the whole text. The parts' matches are then put together as
the union's ``finditer`` finds them: at the leftmost position where any part matches, the
match of the first part that matches there (the union tries its parts in order at each
position), then on from the end of that match. An expression that can match an empty string,
whose width cannot be bounded, with a back reference, or a text that is not ASCII (case
folding beyond ``str.lower``), is searched with ``finditer``; so is a short text that holds
a factor (one that holds none has no match).
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
# ... unless the expression opens with lookbehinds of strings, or has so many parts, or its
# parts can start with so many strings in all (FastRegex.short_plan; measured on 80 short
# texts, the expressions of the target and ConText rules: the plan faster for each of these,
# finditer for most others), or is this long: the three longest rules (conservative.failed,
# its hundreds of medication-name lookbehinds tried at each position, pain.medication_relief,
# function.improvement) took 2-50 ms by finditer on a record of 700 characters, 0.2-0.7 ms by
# the plan
SHORT_PARTS = 3
SHORT_LEADS = 10
PLAN_SHORT_FROM = 5000
_CLASSES: dict[str, int] = {}  # a single-character class -> the ASCII characters it matches
_TABLES: dict[int, bytes] = {}  # those characters -> 1 or 0 by character code (translate)


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
                if self.in_lookahead:
                    total += self._nested(av, runs, ahead)
                else:
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

    def _nested(
        self, av: Any, runs: dict[str, int], ahead: list[tuple[int, dict[str, int]]]
    ) -> int:
        """A lookaround inside a lookahead: a lookahead (``(?=a(?!b))``) counts as if it
        took what it looks at, so that the outer one's width covers how far it looks from
        where it stands; a lookbehind looks back only (one with a lookaround in it: not
        worked out)."""
        direction, body = av
        if direction == 1:
            return self.of(body, runs, ahead)
        if _has_assert(body):
            raise _Unbounded
        return 0

    def _assert(self, av: Any, ahead: list[tuple[int, dict[str, int]]]) -> None:
        direction, body = av
        if self.in_lookahead or (direction != 1 and _has_assert(body)):
            raise _Unbounded  # a lookaround inside a lookbehind: not worked out
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


_LAST: list[Any] = [None, None]  # the last text asked about, and its bytes


def longest_run(text: str, mask: int) -> int:
    """The longest run of ``text`` (ASCII) made of the characters of ``mask``. (The bytes
    of the text are kept for the next mask: the rules of a piece ask about the same text.)"""
    if _LAST[0] is not text:
        _LAST[1] = text.encode("ascii")
        _LAST[0] = text
    table = _TABLES.get(mask)
    if table is None:
        table = bytes(mask >> c & 1 for c in range(256))
        _TABLES[mask] = table
    marks = _LAST[1].translate(table)  # 1 for a character of the class, else 0
    if 1 not in marks:
        return 0
    inside = numpy.frombuffer(marks, dtype=numpy.bool_)
    # the last character of every run (in the class or out of it) but the text's last
    ends = numpy.flatnonzero(inside[1:] != inside[:-1])
    lengths = numpy.diff(numpy.concatenate(([-1], ends, [len(inside) - 1])))
    # the runs alternate, in the class first when the text starts in it
    return int(lengths[0 if inside[0] else 1 :: 2].max())


def _subsequences(op: Any, av: Any) -> list[Any]:
    """The nested sequences of one parsed regular-expression node (groups, branches, repeats,
    atomic groups and lookarounds): what a walk over the parse tree descends into."""
    if op is C.SUBPATTERN:
        return [av[3]]
    if op is C.BRANCH:
        return list(av[1])
    if op in _REPEATS:
        return [av[2]]
    if op is getattr(C, "ATOMIC_GROUP", None):
        return [av]
    if op in (C.ASSERT, C.ASSERT_NOT):
        return [av[1]]
    return []


def _has_assert(seq: Any) -> bool:
    for op, av in seq:
        if op in (C.ASSERT, C.ASSERT_NOT):
            return True
        if any(_has_assert(x) for x in _subsequences(op, av)):
            return True
    return False


class _Part:
    """One alternative of an expression whose top level is ``A|B|...`` (or the whole
    expression): compiled alone, the strings one of which its every match holds, where such a
    string can start in a match (at least ``omin`` characters after its start, at most
    ``ofixed`` and the ``oruns`` class runs after it), and the most a match and a lookahead
    past it can take (``fixed``, ``runs``, ``ahead``, as :class:`_Width` counts them)."""

    __slots__ = (
        "rx", "factors", "omin", "ofixed", "oruns", "fixed", "runs", "ahead", "lead", "lead_len",
        "leads", "behind", "also",
    )

    def __init__(self, rx: re.Pattern[str], alt: Any, flags: int) -> None:
        anchor = _anchor(alt, _Width(flags))
        if anchor is None:
            raise _Unbounded
        self.rx = rx
        factors, self.omin, self.ofixed, self.oruns = anchor
        self.factors = tuple(sorted(factors))
        self.runs: dict[str, int] = {}
        self.ahead: list[tuple[int, dict[str, int]]] = []
        self.fixed = _Width(flags).of(alt, self.runs, self.ahead)
        # A second set of strings every match holds, nearer its start than the first
        # (_second_anchor): a match starts where both allow.
        self.also = _second_anchor(alt, _Width(flags), anchor)
        # Where a match can start at all: where one of the strings every match starts with
        # (after its anchors and lookarounds) starts, found in the lower-case text by a plain
        # union of those strings (which Python's engine skips to by their first characters).
        leads = _leads_of(alt, _Width(flags))
        self.lead: re.Pattern[str] | None = None
        self.lead_len = 0
        self.leads = 0  # how many strings a match can start with, when they lead
        if leads and all(leads) and len(leads) <= MAX_LEADS:
            self.lead = re.compile("|".join(re.escape(x) for x in sorted(leads)))
            self.lead_len = max(map(len, leads))
            self.leads = len(leads)
        # Or where one of the strings a lookbehind it opens with asks for ends
        # (``(?<=\btherapy )|(?<=\bcare )...``), found by an Aho-Corasick automaton of them.
        self.behind: Behind | None = None
        behind = _behind_of(alt)
        if behind:
            self.behind = Behind(behind)


class Behind:
    """The strings (lower case, ASCII) one of which ends where every match of a part starts:
    the bodies of the positive lookbehinds the part opens with. ``starts(low, lo, hi)``: the
    positions in ``lo``..``hi`` where one of them ends in ``low``, rising."""

    __slots__ = ("auto", "longest")

    def __init__(self, strings: set[str]) -> None:
        import ahocorasick

        self.auto: Any = ahocorasick.Automaton()
        for string in strings:
            self.auto.add_word(string, len(string))
        self.auto.make_automaton()
        self.longest = max(map(len, strings))

    def starts(self, low: str, lo: int, hi: int) -> list[int]:
        out: list[int] = []
        for end, _ in self.auto.iter(low, max(0, lo - self.longest), hi):
            s = end + 1
            if s >= lo and (not out or out[-1] != s):
                out.append(s)
        return out


def _behind_of(seq: Any) -> set[str] | None:
    """The strings (lower case, ASCII) one of which every match of the parsed sequence has
    just before its start: the bodies of a positive lookbehind (or of every one of a union of
    them) among the zero-width items it opens with, a body being a word boundary or none and
    ASCII literals (``(?<=\bcare )``). None when there are none to tell."""
    for op, av in seq:
        if op is C.AT or op is C.ASSERT_NOT:
            continue
        if op is C.ASSERT:
            direction, body = av
            if direction < 0:
                got = _literal_body(body)
                if got:
                    return {got}
            continue  # a lookaround takes no characters: what follows starts here too
        got_set: set[str] | None = None
        if op is C.SUBPATTERN:
            got_set = _behind_of(av[3])
            zero = _zero_width(av[3])
        elif op is C.BRANCH:
            alts = [_behind_of(a) for a in av[1]]
            if alts and all(alts):
                got_set = set().union(*alts)  # type: ignore[arg-type]
            zero = all(_zero_width(a) for a in av[1])
        else:
            return None  # takes characters: what follows does not start here
        if got_set:
            return got_set
        if not zero:
            return None
    return None


def _zero_width(seq: Any) -> bool:
    """Whether the parsed sequence is made of anchors and lookarounds only (takes no
    characters)."""
    for op, av in seq:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.SUBPATTERN and _zero_width(av[3]):
            continue
        if op is C.BRANCH and all(_zero_width(a) for a in av[1]):
            continue
        return False
    return True


def _literal_body(body: Any) -> str | None:
    """A lookbehind's body as a lower-case string: word boundaries and ASCII literals only,
    the boundaries before the first literal (a boundary tests the text before the string,
    which the string's own position does not tell, so it is left to the match)."""
    run = ""
    for op, av in body:
        if op is C.AT and not run:
            continue
        if op is not C.LITERAL or av >= 128:
            return None
        run += chr(av).lower()
    return run or None


MAX_LEADS = 200  # a part that can start with more strings is searched without them


LEAD_CHARS = 10  # a character class of at most so many characters (lower case) leads


def _leads_of(seq: Any, width: _Width | None = None, state: Any = None) -> set[str] | None:
    """Strings (lower case, ASCII) one of which every match of the parsed sequence starts
    with, after the anchors and lookarounds it opens with; None when there are none to tell.
    A character class of a few characters leads with each (``width`` reads the class), an
    item that may be left out leads with its own strings and those of what follows it. (Only
    ASCII makes strings: a text that is not ASCII is not searched this way.)"""
    state = getattr(seq, "state", state)
    items = list(seq)
    i = 0
    while i < len(items) and items[i][0] in (C.AT, C.ASSERT, C.ASSERT_NOT):
        i += 1
    if i == len(items):
        return None
    op, av = items[i]
    if op is C.LITERAL:
        run = ""
        for op2, av2 in items[i:]:
            if op2 is not C.LITERAL or av2 >= 128:
                break
            run += chr(av2).lower()
        return {run} if run else None
    if op is C.IN:
        if width is None:
            return None
        return _few_chars(width, P.SubPattern(state, [(op, av)]), LEAD_CHARS)
    if op is C.SUBPATTERN:
        return _leads_of(av[3], width, state)
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _leads_of(av, width, state)
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            got = _leads_of(alt, width, state)
            if not got:
                return None
            out |= got
        return out
    if op in _REPEATS:
        first = _leads_of(av[2], width, state)
        if av[0] >= 1 or not first:
            return first
        # no repetition at all: the match starts with what follows
        after = _leads_of(items[i + 1 :], width, state)
        return first | after if after else None
    return None


def _anchor(seq: Any, width: _Width) -> tuple[set[str], int, int, dict[str, int]] | None:
    """What :func:`_factors` gives for ``seq`` (the same choice), with where the string of
    the choice can start in a match of ``seq``: (strings, least offset, most offset as a fixed
    part and class runs). Only ASCII literals make strings (a text that is not ASCII is not
    searched this way, and no other literal matches an ASCII character but by case folding)."""
    items = list(seq)
    cands: list[tuple[set[str], int, tuple[int, int, dict[str, int]]]] = []
    ahead: list[tuple[set[str], int, tuple[int, int, dict[str, int]]]] = []  # in lookaheads
    run = ""
    run_at = 0
    for i, (op, av) in enumerate(items):
        if op is C.LITERAL and av < 128:
            if not run:
                run_at = i
            run += chr(av).lower()
            continue
        if run:
            leads = _leads(op, av)
            if leads is not None:
                # the parser writes "med|mme" as "m(ed|me)": the run and the start of each
                # part of the union after it ("med", "mme"), where the run is
                cands.append(({run + lead for lead in leads}, run_at, (0, 0, {})))
            cands.append(({run}, run_at, (0, 0, {})))
            run = ""
        got = _item_anchor(op, av, seq.state, width)
        if got:
            cands.append((got[0], i, (got[1], got[2], got[3])))
        elif op is C.ASSERT and av[0] == 1:
            got = _ahead_anchor(av[1], width)
            if got:
                ahead.append((got[0], i, (got[1], got[2], got[3])))
    if run:
        cands.append(({run}, run_at, (0, 0, {})))
    if not cands:
        return None

    def telling(c: tuple[set[str], int, tuple[int, int, dict[str, int]]]) -> tuple[int, int]:
        return min(map(len, c[0])), -len(c[0])

    best = max(cands, key=telling)
    if ahead and all(x.strip() in COMMON_WORDS for x in best[0]):
        # the match's own strings are words of nearly every sentence ("and"): a longer
        # string a lookahead asks for tells more
        best = max([best, *ahead], key=telling)
    strings, at, (imin, ifixed, iruns) = best
    prefix = P.SubPattern(seq.state, items[:at])
    pruns: dict[str, int] = {}
    pfixed = width.of(prefix, pruns, [])
    for k, v in iruns.items():
        pruns[k] = pruns.get(k, 0) + v
    return strings, prefix.getwidth()[0] + imin, pfixed + ifixed, pruns


def _ahead_anchor(body: Any, width: _Width) -> tuple[set[str], int, int, dict[str, int]] | None:
    """:func:`_anchor` of a positive lookahead's body (ConText's "and" before a few words,
    a verb and "normal", "intact"...), from where the lookahead stands: the strings are in
    the text there, past the match perhaps, but within how far an attempt at the match's
    start looks (_Width counts the lookahead into the part's search), so a match can start
    only that far before one of them. None when it cannot tell."""
    try:
        return _anchor(body, width)
    except _Unbounded:
        return None


def _required(seq: Any, width: _Width) -> list[tuple[set[str], int, int, dict[str, int]]]:
    """Every set of strings (lower case, ASCII) one of which every match of the parsed
    sequence holds, with where it can start in a match (as :func:`_anchor` gives the one it
    chooses): its literal runs, the strings of each union in it, and those inside its groups
    and the first repetition of its repeats."""
    items = list(seq)
    out: list[tuple[set[str], int, int, dict[str, int]]] = []

    def place(at: int, got: tuple[set[str], int, int, dict[str, int]]) -> None:
        prefix = P.SubPattern(seq.state, items[:at])
        pruns: dict[str, int] = {}
        try:
            pfixed = width.of(prefix, pruns, [])
        except _Unbounded:
            return
        strings, imin, ifixed, iruns = got
        for k, v in iruns.items():
            pruns[k] = pruns.get(k, 0) + v
        out.append((strings, prefix.getwidth()[0] + imin, pfixed + ifixed, pruns))

    run = ""
    run_at = 0
    for i, (op, av) in enumerate(items):
        if op is C.LITERAL and av < 128:
            if not run:
                run_at = i
            run += chr(av).lower()
            continue
        if run:
            place(run_at, ({run}, 0, 0, {}))
            run = ""
        inner: list[tuple[set[str], int, int, dict[str, int]]] = []
        if op is C.SUBPATTERN:
            inner = _required(av[3], width)
        elif op is getattr(C, "ATOMIC_GROUP", None):
            inner = _required(av, width)
        elif op in _REPEATS and av[0] >= 1:
            inner = _required(av[2], width)  # in the first repetition
        elif op is C.BRANCH:
            got = _branch_anchor(av[1], width)
            inner = [got] if got else []
        for got in inner:
            place(i, got)
    if run:
        place(run_at, ({run}, 0, 0, {}))
    return out


SECOND_MIN_LEN = 3  # a second anchor's strings are each at least so long
# a part whose own strings can stand within fewer characters than this of where a match
# starts has its starts told well enough by them (a second anchor costs its occurrences)
SECOND_FROM = 24


def _second_anchor(
    seq: Any, width: _Width, first: tuple[set[str], int, int, dict[str, int]]
) -> tuple[tuple[str, ...], int, int, dict[str, int]] | None:
    """A second set of strings every match of the part holds (:func:`_required`), for a part
    whose own (``first``, :func:`_anchor`) can stand far from where a match starts: the one
    that can stand nearest its start (the fewest characters between where it can be at
    least and at most; then the rarest, as :func:`_anchor` tells), none of its strings a
    word of nearly every sentence. ``pain.medication_relief``'s "his/the/pain ... medication
    ... reduced": its verbs allow starts over some 200 characters, each tried where a
    lead ("the", "pain", a drug's name) is; the drug's names, at most two words after the
    start, allow a few. None when no such set is nearer than the first."""
    if first[2] - first[1] < SECOND_FROM:
        return None
    try:
        cands = _required(seq, width)
    except (_Unbounded, RecursionError):
        return None

    def spread(c: tuple[set[str], int, int, dict[str, int]]) -> tuple[int, int]:
        return c[2] - c[1], sum(c[3].values())

    best = None
    for c in cands:
        if c[0] == first[0] or min(map(len, c[0])) < SECOND_MIN_LEN:
            continue
        if any(x.strip() in COMMON_WORDS for x in c[0]):
            continue
        if best is None or spread(c) < spread(best):
            best = c
    if best is None or not spread(best) < spread(first):
        return None
    return tuple(sorted(best[0])), best[1], best[2], best[3]


# A single character, an anchor or a lookaround: what matches it at a position, matches in
# one way only (no other attempt to go back to).
_ONE_WAY = {C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN, C.AT, C.ASSERT, C.ASSERT_NOT}
def _item_anchor(
    op: Any, av: Any, state: Any, width: _Width
) -> tuple[set[str], int, int, dict[str, int]] | None:
    """:func:`_anchor` of one item of a sequence (not a literal)."""
    if op is C.SUBPATTERN:
        return _anchor(av[3], width)
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _anchor(av, width)
    if op is C.BRANCH:
        return _branch_anchor(av[1], width)
    if op in _REPEATS and av[0] >= 1:
        return _anchor(av[2], width)  # in the first repetition
    if op is C.IN:
        chars = _few_chars(width, P.SubPattern(state, [(op, av)]))
        if chars:
            return chars, 0, 0, {}
    return None


FEW_CHARS = 3  # a character class of at most so many characters (lower case) is a string


def _few_chars(width: _Width, item: Any, most: int = FEW_CHARS) -> set[str] | None:
    """The characters (lower case) a single-character class matches in ASCII text, when they
    are few (at most ``most``): "[/-]" is "/" or "-"."""
    mask = _CLASSES[width._class(item)]
    chars = {chr(c).lower() for c in range(128) if mask >> c & 1}
    return chars if 0 < len(chars) <= most else None


def _branch_anchor(
    alts: Any, width: _Width
) -> tuple[set[str], int, int, dict[str, int]] | None:
    """:func:`_anchor` of a union: the strings of all its parts, where any of them can be."""
    got = [_anchor(a, width) for a in alts]
    if not got:
        return None
    strings: set[str] = set()
    lo: int | None = None
    hi = 0
    hi_runs: dict[str, int] = {}
    for a in got:
        if a is None:
            return None
        strings |= a[0]
        lo = a[1] if lo is None else min(lo, a[1])
        hi = max(hi, a[2])
        for k, v in a[3].items():
            hi_runs[k] = max(hi_runs.get(k, 0), v)
    return strings, lo or 0, hi, hi_runs


def _leads(op: Any, av: Any) -> set[str] | None:
    """For a union, the ASCII literals each of its parts starts with (lower case; "" for a
    part that starts otherwise); None for anything else."""
    if op is not C.BRANCH:
        return None
    out = set()
    for alt in av[1]:
        lead = ""
        for a_op, a_av in alt:
            if a_op is not C.LITERAL or a_av >= 128:
                break
            lead += chr(a_av).lower()
        out.add(lead)
    return out


MATCH_EACH = 8  # a run of candidate starts this many times shorter than a window: match each
LEAD_FROM = 4  # a run of at least so many more candidate starts is tried where a lead starts


class _Cursor:
    """The matches of one part, leftmost first from any position: searched only where a match
    can start (``spans``: merged intervals of starts, each at most the part's width ``w``
    before the end of the next interval's window)."""

    __slots__ = (
        "rx", "text", "n", "spans", "i", "w", "lead", "lead_len", "low", "off", "behind", "blow",
        "boff",
    )

    def __init__(
        self,
        rx: re.Pattern[str],
        text: str,
        spans: list[list[int]],
        w: int,
        n: int | None = None,
        lead: tuple[re.Pattern[str], int, str, int] | None = None,
        behind: tuple[Behind, str, int] | None = None,
    ) -> None:
        self.rx = rx
        self.text = text
        self.n = len(text) if n is None else n  # where the text ends for the search
        self.spans = spans
        self.i = 0
        self.w = w
        # the part's leads (_Part.lead) and their longest, the lower-case text they are
        # looked for in, and where that text starts in ``text``
        self.lead: re.Pattern[str] | None = None
        self.lead_len, self.low, self.off = 0, "", 0
        if lead is not None:
            self.lead, self.lead_len, self.low, self.off = lead
        # the strings one of which ends where a match starts (_Part.behind), the lower-case
        # text they are looked for in and where it starts in ``text`` (all of ``text``, or a
        # stretch from the longest string's length before the start of the search)
        self.behind: Behind | None = None
        self.blow, self.boff = "", 0
        if behind is not None:
            self.behind, self.blow, self.boff = behind

    def first(self, pos: int) -> re.Match[str] | None:
        """The match ``rx.search(text, pos)`` gives: the leftmost at or after ``pos``. (The
        positions asked about only grow.)"""
        spans, text, n, w = self.spans, self.text, self.n, self.w
        i = self.i
        while i < len(spans):
            a, b = spans[i]
            if b < pos:
                i += 1
                continue
            lo = a if a > pos else pos
            if self.behind is not None and b - lo >= LEAD_FROM:
                # only where one of the strings of the lookbehind it opens with ends can a
                # match start: tried in order there, the first match is the leftmost
                match, boff = self.rx.match, self.boff
                for p in self.behind.starts(self.blow, lo - boff, b - boff):
                    p += boff
                    m = match(text, p, min(n, p + w))
                    if m is not None:
                        self.i = i
                        return m
            elif self.lead is not None and b - lo >= LEAD_FROM:
                # only where one of the part's leads starts can a match start: tried in
                # order there, the first match is the leftmost
                find, low, off, match = self.lead.search, self.low, self.off, self.rx.match
                p = lo - off
                last = b - off
                end = min(len(low), last + self.lead_len)  # a lead starting by ``last`` ends here
                while True:
                    hit = find(low, p, end)
                    if hit is None:
                        break
                    q = hit.start()
                    if q > last:
                        break
                    m = match(text, q + off, min(n, q + off + w))
                    if m is not None:
                        self.i = i
                        return m
                    p = q + 1
            elif (b - lo + 1) * MATCH_EACH < w:
                match = self.rx.match
                for p in range(lo, b + 1):
                    m = match(text, p, min(n, p + w))
                    if m is not None:
                        self.i = i
                        return m
            else:
                m = self.rx.search(text, lo, min(n, b + w))
                if m is not None and m.start() <= b:
                    self.i = i
                    return m
            i += 1
        self.i = i
        return None


class FastRegex:
    """One rule's expression; :meth:`spans` gives what ``finditer`` gives.

    An expression ``A|B|...`` (the rules are unions of their patterns) is searched part by
    part, each part only where one of its own strings can be at its place in a match, and the
    parts' matches are put together as the union finds them: at the leftmost position where
    any part matches, the first part that matches there (a part's match at a position is
    the union's when no part before it matches there), then on from its end."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self._plan: list[_Part] | None = None
        self._factors: tuple[str, ...] = ()
        self._strings: tuple[str, ...] = ()
        # Whether a short text too is searched part by part: ``finditer`` tries every part
        # at every character, and there a part that opens with lookbehinds of strings
        # (``(?<=\\btherapy )|...``) tries each of them (``conservative.failed``'s two unions
        # of some 450 medication names: about 35 ms on a record of 400 characters), a part
        # that opens with a word boundary and a union of words each word at every word's
        # start; the plan looks for the strings, then tries the part where one of them is.
        self.short_plan = False
        try:
            parsed = P.parse(rx.pattern, rx.flags)
            if parsed.getwidth()[0] == 0 or _has_groupref(parsed):
                return  # can match an empty string; a back reference across parts
            data = list(parsed.data)
            if data and data[-1][0] is C.BRANCH and all(op in _ONE_WAY for op, _ in data[:-1]):
                # ``P(A|B|...)`` (the parser moves what all parts start with out of the
                # union, often a ``\b``) with a P that matches in one way at most: a part is
                # ``PA``, ``PB``, ...
                from re import _compiler  # type: ignore[attr-defined]

                alts = [P.SubPattern(parsed.state, data[:-1] + list(a)) for a in data[-1][1][1]]
                parts = [_Part(_compiler.compile(alt, rx.flags), alt, rx.flags) for alt in alts]
            else:
                alts = [parsed]
                parts = [_Part(rx, parsed, rx.flags)]
            if any(alt.getwidth()[0] == 0 for alt in alts):
                return
            self._factors = tuple(sorted({f for part in parts for f in part.factors}))
            self._strings = tuple(
                sorted(
                    {f for part in parts for f in part.factors}
                    | {f for part in parts if part.also is not None for f in part.also[0]}
                )
            )
            self._plan = parts
            self.short_plan = (
                any(part.behind is not None for part in parts)
                or len(parts) >= SHORT_PARTS
                or sum(part.leads for part in parts) >= SHORT_LEADS
                or len(rx.pattern) >= PLAN_SHORT_FROM
            )
        except (_Unbounded, re.error, RecursionError):
            self._plan = None

    @property
    def factors(self) -> tuple[str, ...]:
        """Strings one of which a match of one of its parts holds (lower case)."""
        return self._factors

    @property
    def strings(self) -> tuple[str, ...]:
        """Every string :meth:`spans` may look for in a long text (lower case): the
        :attr:`factors`, one of which a match of one of its parts holds, and the strings of
        the parts' second anchors (_Part.also), where their matches can start."""
        return self._strings

    @property
    def planned(self) -> bool:
        """Whether the expression is searched part by part in a long text: a match then
        holds one of :attr:`factors` (otherwise it is searched with ``finditer``)."""
        return self._plan is not None

    def spans(
        self,
        text: str,
        low: str | None = None,
        longest: dict[int, int] | None = None,
        found: dict[str, list[int]] | None = None,
    ) -> list[tuple[int, int]]:
        """(start, end) of each match, as ``[m.span() for m in rx.finditer(text)]``. ``low``
        is ``text.lower()``, ``longest`` a cache of class runs in ``text`` and ``found`` where
        each of :attr:`factors` occurs in ``low`` (:class:`Occurrences`), when the caller
        has them (several expressions on one text)."""
        parts = self._plan
        if parts is None or not text.isascii():
            return [m.span() for m in self.rx.finditer(text)]
        low = text.lower() if low is None else low
        if len(text) < SHORT and not self.short_plan:
            if not any(factor in low for factor in self._factors):
                return []
            return [m.span() for m in self.rx.finditer(text)]
        cursors = self._cursors(text, low, {} if longest is None else longest, found)
        return _union(cursors)

    def spans_between(
        self,
        text: str,
        lo: int,
        hi: int,
        low: str | None = None,
        longest: dict[int, int] | None = None,
        found: dict[str, list[int]] | None = None,
    ) -> list[tuple[int, int]]:
        """``[m.span() for m in rx.finditer(text, lo, hi)]``, searched part by part as
        :meth:`spans` searches a long text, whatever the length of the stretch (``low``:
        ``text[lo:hi].lower()``; ``longest``: a cache of class runs in ``text[lo:hi]``;
        ``found``: where each of :attr:`factors` occurs in ``low``, as positions in ``text``,
        :class:`Occurrences`, when the caller has it for an ASCII stretch). A lookbehind sees
        the text before ``lo`` and the search ends at ``hi``, as with ``finditer``'s ``pos``
        and ``endpos``."""
        window = text[lo:hi]
        if self._plan is None or not window.isascii():
            return [m.span() for m in self.rx.finditer(text, lo, hi)]
        low = window.lower() if low is None else low
        longest = {} if longest is None else longest
        return _union(self._cursors(text, low, longest, found, (lo, hi, window)), lo)

    def _cursors(
        self,
        text: str,
        low: str,
        longest: dict[int, int],
        found: dict[str, list[int]] | None,
        between: tuple[int, int, str] | None = None,
    ) -> list[_Cursor]:
        """A cursor for each part with one of its strings in ``low``, in the parts' order.
        (``between``: (lo, hi, ``text[lo:hi]``) when only that stretch is searched; ``low``
        and ``longest`` are then of the stretch, ``found`` gives positions in ``text``.)"""
        lo, hi, runs_text = (0, len(text), text) if between is None else between

        def bound(r: dict[str, int]) -> int:
            total = 0
            for key, count in r.items():
                mask = _CLASSES[key]
                if mask not in longest:
                    longest[mask] = longest_run(runs_text, mask)
                total += count * longest[mask]
            return total

        cursors: list[_Cursor] = []
        for part in self._plan or ():
            occ = _occurrences(part.factors, low, lo, found)
            if not occ:
                continue  # no match of this part
            # a match starting at s holds one of the strings at s + omin .. s + omax; the
            # text from s that an attempt there can see is less than w characters
            la = max((a_fixed + bound(a_runs) for a_fixed, a_runs in part.ahead), default=0)
            w = part.fixed + bound(part.runs) + la + 2
            omax = part.ofixed + bound(part.oruns)
            omin = part.omin
            spans: list[list[int]] = []
            for at in occ:
                a, b = at - omax, at - omin
                if b < lo:
                    continue
                if a < lo:
                    a = lo
                if spans and a <= spans[-1][1] + w:
                    if b > spans[-1][1]:
                        spans[-1][1] = b
                else:
                    spans.append([a, b])
            if spans and part.also is not None:
                spans = _narrowed(spans, part.also, low, lo, found, bound, w)
            if spans:
                lead = (part.lead, part.lead_len, low, lo) if part.lead is not None else None
                behind = _behind_text(part.behind, text, low, lo, between is not None)
                cursors.append(_Cursor(part.rx, text, spans, w, hi, lead, behind))
        return cursors


def _occurrences(
    strings: tuple[str, ...], low: str, lo: int, found: dict[str, list[int]] | None
) -> list[int]:
    """Where the ``strings`` start in ``low`` (the text from ``lo``), as positions in the
    text, sorted; ``found``: the caller's occurrences of every string (positions in the
    text)."""
    occ: list[int] = []
    for string in strings:
        if found is not None:
            occ += found.get(string, ())
            continue
        i = low.find(string)
        while i >= 0:
            occ.append(lo + i)
            i = low.find(string, i + 1)
    occ.sort()
    return occ


def _narrowed(
    spans: list[list[int]],
    also: tuple[tuple[str, ...], int, int, dict[str, int]],
    low: str,
    lo: int,
    found: dict[str, list[int]] | None,
    bound: Any,
    w: int,
) -> list[list[int]]:
    """The starts of ``spans`` (merged intervals) where a match can also hold one of the
    strings of a part's second anchor (``also``, _Part.also) at its place, merged again as
    :meth:`FastRegex._cursors` merges them (intervals at most ``w`` apart)."""
    strings, amin, afixed, aruns = also
    amax = afixed + bound(aruns)
    cut: list[list[int]] = []
    i = 0
    for at in _occurrences(strings, low, lo, found):
        a, b = at - amax, at - amin
        while i < len(spans) and spans[i][1] < a:
            i += 1
        k = i
        while k < len(spans) and spans[k][0] <= b:
            cut.append([max(spans[k][0], a), min(spans[k][1], b)])
            k += 1
    cut.sort()
    out: list[list[int]] = []
    for x, y in cut:
        if out and x <= out[-1][1] + w:
            if y > out[-1][1]:
                out[-1][1] = y
        else:
            out.append([x, y])
    return out


def _behind_text(
    behind: Behind | None, text: str, low: str, lo: int, stretch: bool
) -> tuple[Behind, str, int] | None:
    """What a cursor needs to try a part only where one of its lookbehinds' strings ends
    (``behind``): the lower-case text to look for them in and where it starts in ``text``.
    ``low`` is the lower case of ``text``, or (``stretch``) of the stretch from ``lo``: a
    string may begin before it, so it is looked for from the longest one's length before
    ``lo``, which must be ASCII too (the lower case keeps every position, and no other
    character folds to one of the strings'); None otherwise."""
    if behind is None:
        return None
    if not stretch:
        return behind, low, 0
    start = max(0, lo - behind.longest)
    before = text[start:lo]
    return (behind, before.lower() + low, start) if before.isascii() else None


def _union(cursors: list[_Cursor], start: int = 0) -> list[tuple[int, int]]:
    """The matches of the union of the parts, as ``finditer`` finds them from ``start``: at
    the leftmost start any part matches at, the first part that matches there; then on from
    its end."""
    out: list[tuple[int, int]] = []
    if len(cursors) == 1:
        one = cursors[0]
        m = one.first(start)
        while m is not None:
            out.append(m.span())
            m = one.first(m.end())
        return out
    heads = [c.first(start) for c in cursors]
    while True:
        best: re.Match[str] | None = None
        for m in heads:
            if m is not None and (best is None or m.start() < best.start()):
                best = m  # the first part on a tie
        if best is None:
            return out
        out.append(best.span())
        pos = best.end()
        for k, m in enumerate(heads):
            if m is not None and m.start() < pos:
                heads[k] = cursors[k].first(pos)


def _has_groupref(seq: Any) -> bool:
    for op, av in seq:
        if op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return True
        if any(_has_groupref(x) for x in _subsequences(op, av)):
            return True
    return False


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


def _word_char(ch: str) -> bool:
    """Whether an ASCII character is a word character (``\\w``)."""
    return ch.isalnum() or ch == "_"


BOUND_WEIGHT = 2  # a string a word boundary ends or starts counts so many characters longer


def _bounded(seq: Any, before: bool = False, after: bool = False) -> set[_Bound] | None:
    """Like :func:`_factors`, strings one of which every match of the parsed sequence holds,
    each with whether a word boundary of the expression (``\\b``) stands right before and
    right after it in every match (``before``/``after``: one stands right before or after
    ``seq``), so that an occurrence of the string inside a word tells nothing. A string that
    starts or ends with a word boundary counts longer in the choice between the items of a
    sequence (``BOUND_WEIGHT``): "\\bqme\\b" is rarer than "the "."""
    items = list(seq)
    cands: list[set[_Bound]] = []
    run = ""
    run_before = False
    for i, (op, av) in enumerate(items):
        edge_before = (i == 0 and before) or (
            i > 0 and items[i - 1][0] is C.AT and items[i - 1][1] is C.AT_BOUNDARY
        )
        edge_after = (i == len(items) - 1 and after) or (
            i + 1 < len(items) and items[i + 1][0] is C.AT and items[i + 1][1] is C.AT_BOUNDARY
        )
        if op is C.LITERAL:
            if not run:
                run_before = edge_before
            run += chr(av).lower()
            if edge_after or i + 1 == len(items) or items[i + 1][0] is not C.LITERAL:
                cands.append({_bound(run, run_before, edge_after)})
                run = ""
            continue
        got: set[_Bound] | None = None
        if op is C.SUBPATTERN:
            got = _bounded(av[3], edge_before, edge_after)
        elif op is getattr(C, "ATOMIC_GROUP", None):
            got = _bounded(av, edge_before, edge_after)
        elif op is C.BRANCH:
            alts = [_bounded(a, edge_before, edge_after) for a in av[1]]
            if alts and all(a for a in alts):
                got = set().union(*alts)  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            got = _bounded(av[2])  # a later repetition follows an earlier one
        if got:
            cands.append(got)
    if not cands:
        return None
    return max(cands, key=lambda s: (min(_weight(b) for b in s), -len(s)))


_Bound = tuple[str, bool, bool]  # a string, a word boundary right before it, right after it


def _bound(string: str, before: bool, after: bool) -> _Bound:
    """A string with the word boundaries around it that tell something about the text: a
    boundary before a word character is a character that is not one (or the text's start)."""
    return string, before and _word_char(string[0]), after and _word_char(string[-1])


# Words in nearly every sentence of a record: a string that is one of them (spaces aside)
# counts as the shortest in the choice of a sequence's strings (any other tells more).
COMMON_WORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "he", "in", "is"]
    + ["it", "of", "on", "or", "she", "the", "to", "was", "were", "with"]
)


def _weight(b: _Bound) -> int:
    if b[0].strip() in COMMON_WORDS:
        return 0
    return len(b[0]) + BOUND_WEIGHT * (b[1] + b[2])


def bounded_factors_of(rx: re.Pattern[str]) -> tuple[_Bound, ...] | None:
    """:func:`factors_of` with the word boundaries around each string (:func:`_bounded`)."""
    if not rx.pattern.isascii():
        return None
    try:
        parsed = P.parse(rx.pattern, rx.flags)
        if parsed.getwidth()[0] == 0:
            return None
        found = _bounded(parsed)
    except (re.error, RecursionError):
        return None
    return tuple(sorted(found)) if found else None


class FactorIndex:
    """The factors of several expressions in one Aho-Corasick automaton, so that a short
    ASCII text learns in one pass which expressions can match it (an expression none of whose
    factors the text holds has no match). ``FastRegex.spans`` tests each expression's factors
    one by one, a fixed cost per rule and per call that dominated a one-sentence document.

    With ``words`` the factors are those of :func:`bounded_factors_of`, and an occurrence of a
    factor that a word boundary of the expression must start (or end) counts only where the
    text has one: the expressions are then searched with ``finditer`` (or ``search``) over the
    whole text whose lower case :meth:`candidates` reads, never between two positions (a
    boundary at the edge of a stretch depends on the characters outside it)."""

    def __init__(self, regexes: list[re.Pattern[str]], words: bool = False) -> None:
        import ahocorasick

        self._always: list[int] = []
        # factor -> expressions that hold it anywhere, and (expression, boundary before,
        # boundary after) for those where it counts only at word boundaries
        owners: dict[str, tuple[set[int], dict[int, set[tuple[bool, bool]]]]] = {}
        for k, rx in enumerate(regexes):
            found: tuple[_Bound, ...] | None
            if words:
                found = bounded_factors_of(rx)
            else:
                plain = factors_of(rx)
                found = None if plain is None else tuple((f, False, False) for f in plain)
            if found is None:
                self._always.append(k)
                continue
            for factor, before, after in found:
                free, bounded = owners.setdefault(factor, (set(), {}))
                if before or after:
                    bounded.setdefault(k, set()).add((before, after))
                else:
                    free.add(k)
        self._auto: Any = None
        if owners:
            self._auto = ahocorasick.Automaton()
            for factor, (free, bounded) in owners.items():
                checks = tuple(
                    (k, before, after)
                    for k, ways in sorted(bounded.items())
                    if k not in free
                    for before, after in sorted(ways)
                )
                self._auto.add_word(factor, (len(factor), tuple(sorted(free)), checks))
            self._auto.make_automaton()

    def candidates(self, low: str) -> list[int]:
        """The (sorted) indexes of the expressions that can match an ASCII text whose lower
        case is ``low``: those without factors, and those with one of theirs in ``low`` (at
        word boundaries where the expression puts one)."""
        got = set(self._always)
        if self._auto is not None:
            last = len(low) - 1
            for end, (size, free, checks) in self._auto.iter(low):
                got.update(free)
                for k, before, after in checks:
                    if k in got:
                        continue
                    if before and end >= size and _word_char(low[end - size]):
                        continue
                    if after and end < last and _word_char(low[end + 1]):
                        continue
                    got.add(k)
        return sorted(got)


class Occurrences:
    """Where each of many strings occurs in a text, found in one pass (Aho-Corasick) instead
    of one ``find`` loop per string and expression."""

    def __init__(self, strings: set[str]) -> None:
        import ahocorasick

        self._auto: Any = None
        if strings:
            self._auto = ahocorasick.Automaton()
            for string in strings:
                self._auto.add_word(string, (len(string) - 1, string))
            self._auto.make_automaton()

    def __call__(self, low: str) -> dict[str, list[int]]:
        """{string: the positions where it starts in ``low``, rising} (overlaps included)."""
        out: dict[str, list[int]] = {}
        if self._auto is None:
            return out
        for end, (back, string) in self._auto.iter(low):
            got = out.get(string)
            if got is None:
                out[string] = [end - back]
            else:
                got.append(end - back)
        return out
