"""Treatment categories of decided items: the engine's request understanding, one vocabulary.

The only call into ``openimr.intake.requests`` from the letters code is here, so analytics of
published letters and the engine always classify an item the same way.
"""

from __future__ import annotations

from functools import lru_cache

UNCATEGORISED = "uncategorised"


@lru_cache(maxsize=65536)
def categorise(item_text: str) -> tuple[str, str | None]:
    """(category, subcategory) of a disputed item as written; 'uncategorised' when no
    vocabulary entry applies."""
    from openimr.intake.requests import parse_request

    req = parse_request(item_text)
    return (req.category or UNCATEGORISED, req.subcategory)
