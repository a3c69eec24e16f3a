"""Lint the knowledge base: what `openimr guidelines check` reports.

A criterion naming an evidence code the extractor cannot produce, a topic without a usable
citation, a topic naming a service or region outside the request vocabulary, and two topics
of the same level that address the same request at the same time are all errors.
"""

from __future__ import annotations

import datetime as dt
from itertools import combinations

from openimr.guidelines.registry import KnowledgeBase
from openimr.guidelines.schema import Topic


def _overlap_in_time(a: Topic, b: Topic) -> bool:
    end_a = a.effective_to or dt.date.max
    end_b = b.effective_to or dt.date.max
    return a.effective_from < end_b and b.effective_from < end_a


def _overlap_in_scope(a: Topic, b: Topic) -> bool:
    x, y = a.applies_to, b.applies_to
    if not set(x.services) & set(y.services):
        return False
    if x.regions and y.regions and not set(x.regions) & set(y.regions):
        return False
    if x.regions and not y.regions or y.regions and not x.regions:
        return False  # a region-specific topic is meant to win over a general one
    if x.phase != y.phase:
        return False  # so is a phase-specific one; acute and chronic never meet in one case
    return {x.repeat, y.repeat} != {"initial", "repeat"}


def check_knowledge_base(
    kb: KnowledgeBase,
    known_codes: set[str],
    known_services: set[str],
    known_regions: set[str],
) -> list[str]:
    """Every problem found, one line each naming the file and the field."""
    problems: list[str] = []
    for t in kb.topics:
        where = kb.files.get(t.id, t.id)
        primary = t.citations["primary"]
        if not (primary.chapter or primary.section) or not primary.guideline:
            problems.append(
                f"{where}: citations.primary: needs a guideline and a chapter or section"
            )
        if primary.level == "MTUS" and not primary.pages and not primary.pages_unknown:
            problems.append(f"{where}: citations.primary.pages: an MTUS citation needs pages")
        for s in t.applies_to.services:
            if s not in known_services and not s.startswith("drug:"):
                problems.append(f"{where}: applies_to.services: unknown service {s!r}")
        for r in t.applies_to.regions:
            if r not in known_regions:
                problems.append(f"{where}: applies_to.regions: unknown region {r!r}")
        for i, c in enumerate(t.criteria):
            for code in c.when.codes:
                if code not in known_codes:
                    problems.append(
                        f"{where}: criteria[{i}] ({c.id}): evidence code {code!r} "
                        "is not produced by the extractor"
                    )
    for a, b in combinations(kb.topics, 2):
        if a.level == b.level and _overlap_in_time(a, b) and _overlap_in_scope(a, b):
            problems.append(
                f"{kb.files.get(a.id, a.id)}: applies_to: overlaps {b.id!r} "
                f"({kb.files.get(b.id, b.id)}) at the same level and time"
            )
    return problems
