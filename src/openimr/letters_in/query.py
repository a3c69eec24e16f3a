"""The search query language, one for every database.

    mri lumbar            both words (AND is implied)
    "straight leg raise"  a phrase: the words in this order
    mri OR emg            either (AND binds tighter: a b OR c = (a b) OR c)
    NOT opioid, -opioid   without the word (a query needs one word that is not negated)
    radic*                words beginning with "radic"

Words are matched after English stemming (porter on SQLite, snowball on PostgreSQL); case
does not matter; only letters and digits make words, other characters separate them.
Common English words (``the``, ``of``, ``and`` ...: ``data/english-stopwords.txt``) are
not indexed by PostgreSQL, so they are dropped from every query on every database. A query
left with nothing to look for is refused with one line, never answered with every item.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from openimr.errors import OpenIMRError

STOPWORDS_FILE = Path(__file__).parent / "data" / "english-stopwords.txt"
MAX_QUERY = 500  # characters
MAX_TERMS = 32
_TOKEN = re.compile(r'"([^"]*)"?|(-?)([^\W_]+)(\*?)|(\S)', re.UNICODE)


class QueryError(OpenIMRError):
    """A search query that cannot be answered as written; the message says why."""


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or the words of a phrase
    prefix: bool = False
    negated: bool = False


# A query: OR of groups; a group: AND of terms.
Query = list[list[Term]]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def fold(word: str) -> str:
    """Lower case without accents (é -> e), as SQLite's tokenizer folds both sides. The one
    known difference left: PostgreSQL keeps accents in what it indexes, so a letter that
    writes a word with an accent is found by that word on SQLite only."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in (fold(m) for m in re.findall(r"[^\W_]+", text)) if w)


def parse(query: str) -> Query:
    """Parse ``query``; an empty query is ``[]`` (filters only)."""
    if len(query) > MAX_QUERY:
        raise QueryError(f"search query: {len(query)} characters; the limit is {MAX_QUERY}")
    groups: Query = [[]]
    negate_next = False
    stop = stopwords()
    n_terms = 0
    for m in _TOKEN.finditer(query):
        phrase, minus, word, star, other = m.groups()
        if phrase is not None:
            words = tuple(w for w in _words(phrase))
            kept = tuple(w for w in words if w not in stop)
            if kept:
                term = Term(words if len(kept) > 1 else kept, False, negate_next)
                groups[-1].append(term)
                n_terms += 1
            negate_next = False
        elif word is not None:
            if word == "OR" and not minus and not star:
                if groups[-1]:
                    groups.append([])
                continue
            if word == "NOT" and not minus and not star:
                negate_next = True
                continue
            w = fold(word)
            if w in stop and not star:
                negate_next = False
                continue
            groups[-1].append(Term((w,), bool(star), negate_next or bool(minus)))
            n_terms += 1
            negate_next = False
        elif other is not None:
            continue  # punctuation and parentheses separate words, nothing more
    groups = [g for g in groups if g]
    if n_terms > MAX_TERMS:
        raise QueryError(f"search query: {n_terms} terms; the limit is {MAX_TERMS}")
    for g in groups:
        if all(t.negated for t in g):
            raise QueryError(
                "search query: a part has only NOT terms; say what to look for, e.g. 'mri NOT knee'"
            )
    if not groups and query.strip():
        raise QueryError(
            f"search query {query.strip()[:60]!r}: nothing to look for (only common words such "
            "as 'the' or 'of', or punctuation, which are not indexed); give a word of the "
            "letters"
        )
    return groups


def positive_words(q: Query) -> list[str]:
    return [w for g in q for t in g if not t.negated for w in t.words]


def to_fts5(q: Query, columns: str) -> str:
    """The FTS5 MATCH expression (porter tokenizer: FTS5 stems each query word)."""

    def atom(t: Term) -> str:
        body = " ".join(t.words)
        return f'"{body}" *' if t.prefix else f'"{body}"'

    parts = []
    for g in q:
        pos = " AND ".join(atom(t) for t in g if not t.negated)
        neg = "".join(f" NOT {atom(t)}" for t in g if t.negated)
        parts.append(f"({pos}{neg})")
    return f"{{{columns}}} : ({' OR '.join(parts)})"


def to_tsquery(q: Query) -> str:
    """The text for PostgreSQL's ``to_tsquery('english', ...)``."""

    def atom(t: Term) -> str:
        body = " <-> ".join(f"'{w}'" for w in t.words)
        body = f"{body}:*" if t.prefix else body
        body = f"({body})" if len(t.words) > 1 else body
        return f"!{body}" if t.negated else body

    return " | ".join("(" + " & ".join(atom(t) for t in g) + ")" for g in q)
