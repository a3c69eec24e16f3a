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
from functools import lru_cache
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
    user_data: dict[Any, Any]
    # the default of the span extension ``modifiers`` when it is a plain value (a tuple, as
    # medspaCy registers it), else None: ``span._.modifiers`` is then read the usual way
    modifiers_default: tuple[Any, ...] | None


def _plain_default(name: str) -> tuple[Any, ...] | None:
    """The default of the span extension ``name`` when it has neither a getter nor a method
    and is an (immutable) tuple: its value for a span is then the doc's ``user_data`` entry
    ``("._.", name, start_char, end_char)``, or that default (spaCy's ``Underscore``)."""
    ext = Span.get_extension(name)
    if ext is None:
        return None
    default, method, getter, _ = ext
    if method is not None or getter is not None or not isinstance(default, tuple):
        return None
    return default


def _modifiers(span: Span, index: _DocIndex | None) -> tuple[Any, ...]:
    """``span._.modifiers``; with the doc's index, read from the doc's ``user_data`` where
    spaCy keeps it, without an ``Underscore`` object for each span."""
    if index is None or index.modifiers_default is None:
        mods: tuple[Any, ...] = span._.modifiers
        return mods
    got = index.user_data.get(("._.", "modifiers", span.start_char, span.end_char))
    return index.modifiers_default if got is None else tuple(got)


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
            user_data=doc.user_data,
            modifiers_default=_plain_default("modifiers"),
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
    mods = _modifiers(span, index)
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
            if normal and m.category.upper() == NEGATION:
                # a wording of the normal state that holds its own negation ("is not" + "not a
                # candidate for surgery"): the trigger's "not" is the wording's, said once
                continue
            out.add(m.category.upper())
    return out


def flags_of(span: Span, *, normal: bool = False, index: _DocIndex | None = None) -> Flags:
    return _flags(frozenset(modifier_categories(span, normal=normal, index=index)))


@lru_cache(maxsize=256)
def _flags(cats: frozenset[str]) -> Flags:
    """The flags of a set of categories (a few sets recur: made once each)."""
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
