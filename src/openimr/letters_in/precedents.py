"""Precedents: the decided items most like a disputed item, with their outcomes (BM25).

Two BM25 indexes (rank-bm25, built in memory; nothing is downloaded): one over what was
requested (the item as written, its treatment category and subcategory from the engine's
request vocabulary, and the guideline the reviewer applied), one over the case facts (the
letter's clinical summary). A query scores an item on the first, and on the second when case
facts are given; each score is scaled to the best one so neither index drowns the other.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rank_bm25 import BM25Okapi
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from openimr.letters_in.categories import UNCATEGORISED, categorise
from openimr.letters_in.model import ParsedLetter
from openimr.store.letter_tables import PublishedLetter, PublishedLetterItem

FACTS_WEIGHT = 0.5
_STOP_WORDS = (
    "a an and are as at be by for from has have in is it of on or that the this to was were "
    "with without per times x"
)
_STOP = frozenset(_STOP_WORDS.split())


def tokens(text: str) -> list[str]:
    """Lower-case words and numbers, light plural folding, stop words out."""
    out = []
    for t in re.findall(r"[a-z0-9]+", text.lower()):
        if t in _STOP:
            continue
        if len(t) > 4 and t.endswith("s") and not t.endswith("ss"):
            t = t[:-1]
        out.append(t)
    return out


def _request_tokens(item_text: str, guideline_key: str | None = None) -> list[str]:
    category, sub = categorise(item_text)
    extra = [] if category == UNCATEGORISED else [f"cat_{category}", f"cat_{category}"]
    if sub:
        extra += [f"sub_{sub}".replace(" ", "_")] * 2
    return tokens(item_text) + extra + tokens(guideline_key or "")


@dataclass
class DecidedItem:
    case_number: str
    decision_date: dt.date | None
    heading: str
    request: str
    decision: str
    guideline_key: str | None
    summary: str


@dataclass
class Precedent:
    item: DecidedItem
    score: float
    request_score: float
    facts_score: float


class PrecedentIndex:
    """BM25 over decided items; build once, query many times."""

    def __init__(self, items: Iterable[DecidedItem]) -> None:
        self.items = list(items)
        if not self.items:
            raise ValueError("no decided items to search (ingest letters first)")
        self._requests = BM25Okapi(
            [_request_tokens(i.request, i.guideline_key) for i in self.items]
        )
        self._facts = BM25Okapi([tokens(i.summary) or ["_"] for i in self.items])

    def query(self, item_text: str, facts: str | None = None, k: int = 10) -> list[Precedent]:
        """The ``k`` most similar decided items, best first."""
        q = _request_tokens(item_text)
        req = self._requests.get_scores(q) if q else [0.0] * len(self.items)
        fq = tokens(facts or "")
        fac = self._facts.get_scores(fq) if fq else [0.0] * len(self.items)
        req_top = max(max(req), 1e-9)
        fac_top = max(max(fac), 1e-9)
        scored = []
        for n, item in enumerate(self.items):
            r = float(req[n]) / req_top
            f = float(fac[n]) / fac_top if fq else 0.0
            scored.append(Precedent(item, r + FACTS_WEIGHT * f, float(req[n]), float(fac[n])))
        scored.sort(key=lambda p: (-p.score, p.item.case_number, p.item.heading))
        return [p for p in scored[:k] if p.score > 0]


def items_from_db(engine: Engine) -> list[DecidedItem]:
    stmt = select(
        PublishedLetter.case_number,
        PublishedLetter.decision_date,
        PublishedLetterItem.heading,
        PublishedLetterItem.request,
        PublishedLetterItem.decision,
        PublishedLetterItem.guideline_key,
        PublishedLetter.clinical_case_summary,
    ).join(PublishedLetterItem, PublishedLetterItem.letter_id == PublishedLetter.id)
    with Session(engine) as session:
        return [
            DecidedItem(c, d, h, r, dec, g, s or "")
            for c, d, h, r, dec, g, s in session.execute(stmt)
        ]


def items_from_letters(letters: Iterable[ParsedLetter]) -> list[DecidedItem]:
    out = []
    for letter in letters:
        for i in letter.items:
            out.append(
                DecidedItem(
                    letter.case_number,
                    letter.decision_date,
                    i.heading,
                    i.request,
                    i.decision,
                    i.reviewer_guideline.key if i.reviewer_guideline else None,
                    letter.clinical_case_summary or "",
                )
            )
    return out
