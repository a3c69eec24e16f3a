"""Finding targets: medspaCy's TargetRules matched as medspaCy's TargetMatcher matches them, at a
cost linear in the length of the record.

medspaCy's TargetMatcher (1.3) gives the same spans but adds them to ``doc.ents`` one at a time,
and spaCy re-checks every entity of the document on each addition; its regular-expression
matcher rebuilds the document text for each pattern and finds the token of a misaligned match
by walking the document from its start; its pruning pops the head of a list. All quadratic in
the length of a record. Here the same three matchers run in the same order, matches are pruned
with the same rule (of two overlapping matches, the longer; the first on a tie; repeated until
nothing changes), and the entities are set once: a span that overlaps one kept before it is
dropped, as medspaCy drops it.
"""

# No "from __future__ import annotations": spaCy reads the factory's annotations at run time.

import re
from bisect import bisect_left
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from openimr.evidence.regex_scan import SHORT, FactorIndex, FastRegex, Occurrences
from openimr.evidence.sentences import doc_text
from openimr.evidence.token_phrases import TokenPhrases

Match = tuple[int, int, int]


def _overlaps(a: Match, b: Match) -> bool:
    """medspaCy's ``tuple_overlaps`` on two matches (it is not symmetric; kept as it is)."""
    return a[1] <= b[1] < a[2] or a[1] < b[2] <= a[2]


def prune(matches: list[Match]) -> list[Match]:
    """medspaCy's ``prune_overlapping_matches`` ("longest"), without its quadratic list pops."""
    while matches:
        n = len(matches)
        ordered = sorted(matches, key=lambda m: (m[1], m[2]))
        pruned: list[Match] = []
        curr = ordered[0]
        i = 1
        while True:
            if i >= n:
                pruned.append(curr)
                break
            nxt = ordered[i]
            i += 1
            if _overlaps(curr, nxt):
                pruned.append(nxt if nxt[2] - nxt[1] > curr[2] - curr[1] else curr)
                if i >= n:
                    break
                curr = ordered[i]
                i += 1
            else:
                pruned.append(curr)
                curr = nxt
        if len(pruned) == n:
            return pruned
        matches = pruned
    return matches


_EXPAND_LIMIT = 64


def expand_sets(pattern: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """A token pattern as patterns with plain values instead of ``{"LOWER": {"IN": [...]}}``.

    spaCy's Matcher tests a set with a Python predicate on every token, a plain value in C; the
    patterns together match exactly the spans the one pattern matches (the Matcher reports a
    span once per rule). A token that repeats ("*", "+") keeps its set, and so does a pattern
    that would expand to more than ``_EXPAND_LIMIT`` patterns.
    """
    out: list[list[dict[str, Any]]] = [[]]
    for tok in pattern:
        choices = [tok]
        if len(tok) <= 2 and tok.get("OP", "?") in ("?", "1") and len(
            [k for k in tok if k != "OP"]
        ) == 1:
            attr = next(k for k in tok if k != "OP")
            value = tok[attr]
            if isinstance(value, dict) and list(value) == ["IN"] and isinstance(attr, str):
                choices = [{**tok, attr: v} for v in value["IN"]]
        out = [p + [c] for p in out for c in choices]
        if len(out) > _EXPAND_LIMIT:
            return [pattern]
    return out


class RuleMatcher:
    """medspaCy's MedspacyMatcher (phrase, token-pattern and regex rules, pruned to the longest
    of overlapping matches) with the same matches, at a linear cost."""

    def __init__(self, nlp: Language, *, prune: bool = True) -> None:
        self._nlp = nlp
        self._prune = prune
        self._matcher = Matcher(nlp.vocab)
        # The token-pattern rules as phrases (token_phrases.py); the Matcher itself where the
        # order of all its matches counts (no pruning) or a rule has a callback.
        self._token_phrases: TokenPhrases | None = TokenPhrases(nlp.vocab, self._matcher)
        self._phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._regexes: list[tuple[int, re.Pattern[str]]] = []
        self._fast: list[tuple[int, FastRegex]] = []
        self._factors: FactorIndex | None = None  # built at the first short text
        self._occurrences: Occurrences | None = None  # built at the first long text
        self.rule_map: dict[int, Any] = {}
        self._count = 0

    @property
    def rules(self) -> list[Any]:
        return list(self.rule_map.values())

    def add(self, rules: list[Any]) -> None:
        """Add rules, numbered and routed to a matcher exactly as medspaCy does."""
        for rule in rules:
            rule_id = f"{rule.category}_{self._count}"
            rule._rule_id = rule_id
            key = self._nlp.vocab.strings.add(rule_id)
            self.rule_map[key] = rule
            if rule.pattern is None:
                doc = self._nlp.tokenizer(rule.literal.lower())
                self._phrases.add(rule_id, [doc], on_match=rule.on_match)
            elif isinstance(rule.pattern, str):
                if rule.on_match is not None:
                    raise ValueError(f"{rule_id}: on_match is not supported on a regex rule")
                rx = re.compile(rule.pattern, flags=re.IGNORECASE)
                self._regexes.append((key, rx))
                self._fast.append((key, FastRegex(rx)))
                self._factors = None
                self._occurrences = None
            else:
                patterns = expand_sets(rule.pattern)
                self._matcher.add(rule_id, patterns, on_match=rule.on_match)
                if rule.on_match is not None or not self._prune:
                    self._token_phrases = None
                elif self._token_phrases is not None:
                    self._token_phrases.add(rule_id, patterns)
            self._count += 1

    @property
    def spans_key(self) -> str:
        """Where a doc carries the regex matches of this matcher found for it."""
        return f"openimr_regex_spans:{id(self)}"

    @property
    def factors(self) -> set[str]:
        """Every string the regex rules may look for in a long text (regex_scan.py)."""
        return {f for _, rx in self._fast for f in rx.strings}

    def regex_spans(
        self,
        text: str,
        low: str | None = None,
        longest: dict[int, int] | None = None,
        found: dict[str, list[int]] | None = None,
    ) -> list[Match]:
        """(rule key, start, end) of every match of the regex rules in ``text``, by rule
        (``low``: ``text.lower()``; ``longest``: a cache of runs in ``text``, regex_scan.py;
        ``found``: where each of :attr:`factors` occurs in ``low``, regex_scan.Occurrences,
        when the caller has it for a long ASCII text)."""
        low = text.lower() if low is None else low
        if len(text) < SHORT and text.isascii():
            # Only an expression with one of its factors in the text can match it (found for
            # every expression in one pass); each is searched with finditer, as
            # FastRegex.spans would search such a text, unless it is one to plan even there.
            if self._factors is None:
                self._factors = FactorIndex([fr.rx for _, fr in self._fast])
            fast = self._fast
            out: list[Match] = []
            runs: dict[int, int] = {} if longest is None else longest
            for k in self._factors.candidates(low):
                key, fr = fast[k]
                if fr.short_plan:  # FastRegex.short_plan: searched part by part
                    out += [(key, s, e) for s, e in fr.spans(text, low, runs)]
                else:
                    out += [(key, *m.span()) for m in fr.rx.finditer(text)]
            return out
        longest = {} if longest is None else longest
        if found is None and text.isascii():
            if self._occurrences is None:
                self._occurrences = Occurrences(self.factors)
            found = self._occurrences(low)
        return [
            (key, s, e) for key, rx in self._fast for s, e in rx.spans(text, low, longest, found)
        ]

    def _regex_matches(self, doc: Doc) -> list[Match]:
        """medspaCy's RegexMatcher: a misaligned match widens to the token boundaries around it.

        A doc that is a block of a longer text (prefilter.py) carries the matches found in that
        text, ``doc.user_data[matcher.spans_key]``, so that the expressions see the text
        around the block."""
        out: list[Match] = []
        if not self._regexes:
            return out
        given = doc.user_data.get(self.spans_key)
        spans = given if given is not None else self.regex_spans(doc_text(doc))
        starts: list[int] | None = None
        n = len(doc)
        for key, ms, me in spans:
            span = doc.char_span(ms, me)
            if span is not None:
                s, e = span.start, span.end
            else:
                if starts is None:
                    starts = [t.idx for t in doc]
                i = bisect_left(starts, ms)
                s = i if i < n and starts[i] == ms else (i - 1 if i < n else n - 1)
                e = bisect_left(starts, me)
            if e > s:
                out.append((key, s, e))
        return out

    def __call__(self, doc: Doc) -> list[Match]:
        phrases = self._token_phrases
        matches: list[Match] = (
            phrases(doc) if phrases is not None and len(self._matcher) else list(self._matcher(doc))
        )
        matches += self._phrases(doc)
        matches += self._regex_matches(doc)
        return prune(matches) if self._prune else matches


ENTS_KEY = "openimr_ents"


def ents_of(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, as the target matcher set them: spaCy rebuilds the entities from the
    tokens' tags (a Span object each) at every access, and ConText, the assertion and the
    findings each read them (a few milliseconds a piece). A doc whose entities were set
    otherwise gives ``doc.ents``."""
    got: tuple[Span, ...] | None = doc.user_data.get(ENTS_KEY)
    return tuple(doc.ents) if got is None else got


class TargetMatcher:
    """Phrase, token-pattern and regex TargetRules; the spans go to ``doc.ents``."""

    def __init__(self, nlp: Language, name: str = "openimr_targets") -> None:
        self.name = name
        self._matcher = RuleMatcher(nlp)

    @property
    def rules(self) -> list[Any]:
        return self._matcher.rules

    @property
    def rule_matcher(self) -> RuleMatcher:
        return self._matcher

    def add(self, rules: list[Any]) -> None:
        self._matcher.add(rules)

    def __call__(self, doc: Doc) -> Doc:
        taken = bytearray(len(doc))
        ents: list[Span] = []
        for key, start, end in self._matcher(doc):
            if any(taken[start:end]):
                continue  # medspaCy keeps the entity set before it
            taken[start:end] = b"\x01" * (end - start)
            rule = self._matcher.rule_map[key]
            span = Span(doc, start, end, label=rule.category)
            span._.target_rule = rule
            if rule.attributes is not None:
                for attribute, value in rule.attributes.items():
                    setattr(span._, attribute, value)
            ents.append(span)
        doc.ents = ents
        doc.user_data[ENTS_KEY] = tuple(ents)  # the spans doc.ents gives, in its order
        return doc


@Language.factory("openimr_targets")
def make_target_matcher(nlp: Language, name: str) -> TargetMatcher:
    return TargetMatcher(nlp, name)
