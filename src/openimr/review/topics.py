"""Topic search: the Medical Evidence Search Sequence for one routed item, with its reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openimr.domain import PassedTopic, TopicChoice
from openimr.guidelines.registry import KnowledgeBase
from openimr.guidelines.schema import Topic
from openimr.routing import RoutedItem


@dataclass(frozen=True)
class TopicSearch:
    """The topic applied to an item, and whether it is from an edition no longer in force."""

    topic: Topic
    stale: bool  # no topic in force on the decision date: the newest edition held is applied
    choice: TopicChoice
    # a topic after the MTUS in force (ODG for a lumbar support decided in 2018): the MTUS
    # topic the knowledge base held for the request until an edition it does not hold, so the
    # MTUS is not shown not to address it
    lapsed: Topic | None = None


def _why(t: Topic, item: RoutedItem) -> str:
    """What puts a topic where it is in the search sequence."""
    parts = [f"{t.level} ({t.citations['primary'].guideline})"]
    if t.applies_to.phase != "any":
        phase = "acute and subacute" if t.applies_to.phase == "acute" else t.applies_to.phase
        parts.append(f"written for the {phase} phase, which the case is in")
    if t.applies_to.regions:
        named = sorted(set(t.applies_to.regions) & set(item.req.regions))
        parts.append(f"written for the {', '.join(named)}")
    return "; ".join(parts)


def _passed(t: Topic, chosen: Topic) -> str:
    if t.level != chosen.level:
        return f"a later level of the search sequence ({t.level}) than the topic applied"
    if chosen.applies_to.phase != "any" and t.applies_to.phase == "any":
        return "not written for the case's phase, as the topic applied is"
    if chosen.applies_to.regions and not t.applies_to.regions:
        return "not written for the requested body part, as the topic applied is"
    return "addresses the item at the same level; the topic applied comes first"


def search_topics(item: RoutedItem, kb: KnowledgeBase, when: dt.date) -> TopicSearch | None:
    """The topic that governs ``item`` on ``when``: MTUS first, then ACOEM/ODG, then other
    guidelines; a phase- or body-part-specific topic before a general one of its level. With
    no topic in force, the newest edition held (the reviewer must check the edition)."""
    found = kb.candidates(item.req, when, item.phase)
    stale = not found
    if stale:
        found = kb.superseded(item.req, when, item.phase)
    elif item.req.regions and not any(t.applies_to.regions for t in found):
        # only general topics in force (an ODG brace topic for a request naming no part) while
        # the newest edition held has one written for the part requested (ACOEM's knee brace
        # for instability): the part's own topic, with the edition note, comes first, as a
        # body-part topic does before a general one of its level
        older = [
            t for t in kb.superseded(item.req, when, item.phase) if t.applies_to.regions
        ]
        if older:
            found, stale = older, True
    if not found:
        return None
    topic = found[0]
    reason = "first in the search sequence: " + _why(topic, item)
    if stale:
        reason += f"; the newest edition held (in force until {topic.effective_to})"
    choice = TopicChoice(
        topic=topic.id,
        reason=reason,
        passed_over=[PassedTopic(topic=t.id, reason=_passed(t, topic)) for t in found[1:]],
    )
    lapsed = None
    if not stale and topic.level != "MTUS":
        mtus = [t for t in kb.superseded(item.req, when, item.phase) if t.level == "MTUS"]
        lapsed = mtus[0] if mtus else None
    return TopicSearch(topic, stale, choice, lapsed)
