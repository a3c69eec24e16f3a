"""medspaCy's ConText at a cost linear in the length of a record.

medspaCy (1.3) compares every modifier with every other modifier to limit scopes, and every
target with every modifier to link them: quadratic in the length of the record. A modifier's
scope lies in its sentence (we set no window), so both comparisons can be limited to what can
overlap without changing a single result:

- a modifier can only limit the scope of one whose span-and-scope interval touches its own, so
  scopes are limited within groups of touching intervals, in medspaCy's order;
- a modifier can only modify a target that starts or ends inside its scope, so the candidate
  targets of each modifier are found by bisection in the (sorted) entities, then tested with
  medspaCy's own ``modifies``, and linked in medspaCy's order.

One change of result, on purpose: a terminating modifier ("but", "and states that") inside a
windowed trigger's scope ends it (``_terminate``), which medspaCy's overlap test misses.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from medspacy.context import ConText, ConTextModifier
from medspacy.context.context_graph import ConTextGraph
from spacy.language import Language
from spacy.tokens import Doc

from openimr.evidence.targets import RuleMatcher, ents_of


def _hull(m: ConTextModifier) -> tuple[int, int]:
    """An interval that holds a modifier's span and every scope it can be limited to."""
    s, e = m.scope_span
    ms, me = m.modifier_span
    return min(s, e, ms, me), max(s, e, ms, me)


def _terminate(m: ConTextModifier, term: ConTextModifier) -> None:
    """End ``m``'s scope at a terminating modifier inside it. medspaCy's own test compares the
    two scopes with an overlap that misses containment: a terminator's scope is its whole
    sentence, so a trigger with a window ("without", six tokens) that ends before the
    sentence does was never cut ("8/10 without medications and states that the medications
    help him walk": the help was negated)."""
    if term.direction.upper() != "TERMINATE" or m.direction.upper() in ("TERMINATE", "PSEUDO"):
        return
    ts = term.modifier_span[0]
    s, e = m.scope_span
    if m.direction.upper() in ("FORWARD", "BIDIRECTIONAL") and term > m and s <= ts < e:
        m._scope_end = min(m._scope_end, ts)
    te = term.modifier_span[1]
    s, e = m.scope_span
    if m.direction.upper() in ("BACKWARD", "BIDIRECTIONAL") and term < m and s < te <= e:
        m._scope_start = max(m._scope_start, te)


class LocalGraph(ConTextGraph):
    """A ConTextGraph that only compares what can overlap; same edges as medspaCy's."""

    def update_scopes(self) -> None:
        mods = self.modifiers
        hulls = [_hull(m) for m in mods]
        groups: list[list[int]] = []
        hi = -1
        for k in sorted(range(len(mods)), key=lambda k: hulls[k][0]):
            lo, h = hulls[k]
            if groups and lo <= hi:
                groups[-1].append(k)
                hi = max(hi, h)
            else:
                groups.append([k])
                hi = h
        for group in groups:
            group.sort()
            for a, i in enumerate(group[:-1]):
                m1 = mods[i]
                for j in group[a + 1 :]:
                    m2 = mods[j]
                    m1.limit_scope(m2)
                    m2.limit_scope(m1)
                    _terminate(m1, m2)
                    _terminate(m2, m1)

    def apply_modifiers(self) -> None:
        targets = list(self.targets)
        starts = [t.start for t in targets]
        ends = [t.end for t in targets]
        ordered = all(a <= b for a, b in zip(starts, starts[1:], strict=False)) and all(
            a <= b for a, b in zip(ends, ends[1:], strict=False)
        )
        if self.prune_on_modifier_overlap or not ordered:
            super().apply_modifiers()
            return
        edges = []
        for modifier in self.modifiers:
            s, e = modifier.scope_span
            # tuple_overlaps(scope, target): the target starts in [s, e) or ends in (s, e].
            hits = set(range(bisect_left(starts, s), bisect_left(starts, e)))
            hits.update(range(bisect_right(ends, s), bisect_right(ends, e)))
            for k in sorted(hits):
                if modifier.modifies(targets[k]):
                    modifier.modify(targets[k])
            modifier.reduce_targets()
            for target in modifier._targets:
                edges.append((target, modifier))
        self.edges = edges


class LocalConText(ConText):
    """medspaCy's ConText component with :class:`LocalGraph` and the linear
    :class:`~openimr.evidence.targets.RuleMatcher` for its modifiers; same rules, same results."""

    def add(self, rules: Any) -> None:
        from medspacy.context import ConTextRule

        rules = [rules] if isinstance(rules, ConTextRule) else list(rules)
        super().add(rules)  # medspaCy's checks and defaults, and its list of rules
        if not hasattr(self, "_rule_matcher"):
            self._rule_matcher = RuleMatcher(self.nlp, prune=self.prune_on_modifier_overlap)
        self._rule_matcher.add(rules)

    @property
    def rule_matcher(self) -> RuleMatcher | None:
        """The matcher of the modifiers (None before any rule is added)."""
        return getattr(self, "_rule_matcher", None)

    def __call__(self, doc: Doc, targets: str | None = None) -> Doc:
        if not targets and self.input_span_type == "ents":
            spans: Any = ents_of(doc)
        elif not targets and self.input_span_type == "group":
            spans = doc.spans[self.span_group_name]
        else:
            spans = getattr(doc._, targets) if targets else ()
        graph = LocalGraph(prune_on_modifier_overlap=self.prune_on_target_overlap)
        graph.targets = spans
        graph.modifiers = []
        matcher: RuleMatcher | None = getattr(self, "_rule_matcher", None)
        for match_id, start, end in matcher(doc) if matcher is not None else ():
            rule = matcher.rule_map[match_id]  # type: ignore[union-attr]
            graph.modifiers.append(ConTextModifier(rule, start, end, doc, max_scope=self.max_scope))
        graph.update_scopes()
        graph.apply_modifiers()
        for target, modifier in graph.edges:
            target._.modifiers += (modifier,)
        if self.context_attributes_mapping:
            self.set_context_attributes(graph.edges)
        doc._.context_graph = graph
        return doc


Language.factory("openimr_context", func=LocalConText)
