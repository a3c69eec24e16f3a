"""From ConText modifiers to one assertion per finding.

ConText links modifiers (negation, uncertainty, history, hypothetical, experiencer) to each
target span. A finding gets one assertion, in this order of precedence: about someone else,
hypothetical, negated, possible, historical, present. "Normal" wordings of a concept
("sensation intact") flip present and negated, and a concept may absorb modifiers that are
part of its meaning ("surgery is being considered" is a present plan, not a hypothesis).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from spacy.tokens import Span

from openimr.evidence.targets import ents_of

NEGATION = "NEGATED_EXISTENCE"
RESOLVED = "RESOLVED"  # was there, is gone: negated now, and the course reads "resolved"
FORMER = "FORMER"  # "former smoker", "quit smoking": negated now and historical


@dataclass(frozen=True)
class Flags:
    """Which ConText categories modify a target (one-vs-rest, as the NegEx set scores them)."""

    negated: bool = False
    possible: bool = False
    historical: bool = False
    hypothetical: bool = False
    other: bool = False
    resolved: bool = False


@dataclass
class _DocIndex:
    """Entities and ConText modifiers of a document, sorted for bisection (built once per
    document: looking them up per finding made the assertion quadratic in the record)."""

    ent_starts: list[int]
    ents: list[tuple[int, int, str]]
    mod_starts: list[int]
    mods: list[Any]
    longest_mod: int


_INDEX: WeakKeyDictionary[Any, _DocIndex] = WeakKeyDictionary()


def _index(doc: Any) -> _DocIndex:
    graph = doc._.context_graph
    got = _INDEX.get(graph) if graph is not None else None
    if got is None:
        ents = sorted((e.start, e.end, e.label_) for e in ents_of(doc))
        mods = sorted(
            graph.modifiers if graph is not None else (), key=lambda m: m.modifier_span[0]
        )
        got = _DocIndex(
            ent_starts=[e[0] for e in ents],
            ents=ents,
            mod_starts=[m.modifier_span[0] for m in mods],
            mods=mods,
            longest_mod=max((m.modifier_span[1] - m.modifier_span[0] for m in mods), default=0),
        )
        if graph is not None:  # one graph per processed document
            _INDEX[graph] = got
    return got


def doc_index(doc: Any) -> _DocIndex:
    """The entities and modifiers of a processed document, sorted (built once per document):
    given to :func:`flags_of` for each of its findings, it saves looking it up again."""
    return _index(doc)


def _beyond_another_finding(
    span: Span, ms: int, me: int, index: _DocIndex | None = None
) -> bool:
    """Does another finding lie between the modifier (tokens ms..me) and ``span``, or hold
    the modifier itself ("no weakness" is a finding of its own)?"""
    lo, hi = (ms, span.start) if me <= span.start else (span.end, me)
    idx = _index(span.doc) if index is None else index
    own = (span.start, span.end, span.label_)
    # Entities do not overlap: one ending after lo starts at or after the one before lo.
    first = max(0, bisect_left(idx.ent_starts, lo) - 1)
    for e in idx.ents[first : bisect_left(idx.ent_starts, hi)]:
        if e != own and e[0] < hi and e[1] > lo:
            return True
    return False


def modifier_categories(
    span: Span, *, normal: bool = False, index: _DocIndex | None = None
) -> set[str]:
    """Categories of the modifiers of ``span``, minus those lying inside the span itself.

    medspaCy skips a modifier that overlaps a target's edge but not one strictly inside it
    (its overlap test misses containment), so "no relief with therapy" as one finding, or
    "oral mucosa moist with no erythema" as one annotated phrase, were negated by their
    own words. A trigger within the finding is part of the finding.

    With ``normal`` (a wording of the normal state, which a negation flips to abnormal) a
    negation reaches the span only when no other finding stands between them: in "no
    weakness, negative straight leg raise and intact sensation" the "no" belongs to the
    weakness, and the two normal findings after it stay normal.

    ``index``: :func:`doc_index` of the span's document, when the caller has it.
    """
    mods: tuple[Any, ...] = span._.modifiers
    out = set()
    for m in mods:
        ms, me = m.modifier_span
        if ms < span.end and span.start < me:
            continue
        if (
            normal
            and m.category.upper() == NEGATION
            and _beyond_another_finding(span, ms, me, index)
        ):
            continue
        out.add(m.category.upper())
    # The other way round: a forward trigger that starts before the finding and runs into
    # it ("no significant" + "significant trauma") is skipped by medspaCy; it applies.
    idx = _index(span.doc) if index is None else index
    lo = bisect_left(idx.mod_starts, span.start - idx.longest_mod)
    for m in idx.mods[lo : bisect_left(idx.mod_starts, span.start)]:
        ms, me = m.modifier_span
        if ms < span.start < me <= span.end and m.direction.upper() in ("FORWARD", "BIDIRECTIONAL"):
            out.add(m.category.upper())
    return out


def flags_of(span: Span, *, normal: bool = False, index: _DocIndex | None = None) -> Flags:
    cats = modifier_categories(span, normal=normal, index=index)
    return Flags(
        negated=NEGATION in cats or RESOLVED in cats or FORMER in cats,
        possible="POSSIBLE_EXISTENCE" in cats,
        historical="HISTORICAL" in cats or FORMER in cats,
        hypothetical="HYPOTHETICAL" in cats,
        other="FAMILY" in cats,
        resolved=RESOLVED in cats,
    )


def assertion_of(
    flags: Flags,
    *,
    normal: bool = False,
    absorbs: frozenset[str] = frozenset(),
    forced: str | None = None,
) -> str:
    """The single assertion of a finding (see the module docstring for the precedence)."""
    if forced == "other" or (flags.other and "other" not in absorbs):
        return "other"
    if forced == "hypothetical" or (flags.hypothetical and "hypothetical" not in absorbs):
        return "hypothetical"
    negated = flags.negated and "negated" not in absorbs
    if normal:
        negated = not negated
    if negated:
        return "negated"
    if flags.possible and "possible" not in absorbs:
        return "possible"
    if (flags.historical or forced == "historical") and "historical" not in absorbs:
        return "historical"
    return "present"
