"""Score a packet intake against the generator's truth (used by the tests and by eval/)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


def _norm_ws(text: str) -> str:
    return " ".join(text.split())


def char_accuracy(truth: str, read: str) -> float:
    """1 - (edit distance / length of the truth), whitespace runs counted as one space."""
    t, r = _norm_ws(truth), _norm_ws(read)
    if not t:
        return 1.0 if not r else 0.0
    try:
        from rapidfuzz.distance import Levenshtein

        dist = Levenshtein.distance(t, r)
    except ImportError:  # slower, but the same number
        prev = list(range(len(r) + 1))
        for i, a in enumerate(t, 1):
            cur = [i]
            for j, b in enumerate(r, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a != b)))
            prev = cur
        dist = prev[-1]
    return max(0.0, 1 - dist / len(t))


def _get(data: dict[str, Any], path: str) -> Any:
    cur: Any = data
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            idx = int(part[1:-1])
            cur = cur[idx] if isinstance(cur, list) and len(cur) > idx else None
        else:
            cur = cur.get(part) if isinstance(cur, dict) else None
    return cur


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return [_norm_ws(str(x)).lower() for x in a] == [_norm_ws(str(x)).lower() for x in b]
    if a is None or b is None:
        return a is b
    return _norm_ws(str(a)) == _norm_ws(str(b))


@dataclass
class Score:
    fields: dict[str, tuple[Any, Any, bool]] = field(default_factory=dict)
    # every field of an item (text, UR decision, basis, authorised part), exactly
    items: list[tuple[dict[str, Any], dict[str, Any] | None, bool]] = field(default_factory=list)
    # the item, UR's decision and the authorised part only (the basis is a long quotation)
    item_core: list[bool] = field(default_factory=list)
    documents: list[tuple[dict[str, Any], dict[str, Any] | None, bool]] = field(
        default_factory=list)
    doc_dates: tuple[int, int] = (0, 0)
    doc_authors: tuple[int, int] = (0, 0)
    ocr: dict[int, float] = field(default_factory=dict)
    unreadable_listed: bool = True
    unclassified_listed: bool = True

    @property
    def field_accuracy(self) -> float:
        return sum(ok for *_, ok in self.fields.values()) / max(1, len(self.fields))

    @property
    def item_accuracy(self) -> float:
        return sum(ok for *_, ok in self.items) / max(1, len(self.items))

    @property
    def document_accuracy(self) -> float:
        return sum(ok for *_, ok in self.documents) / max(1, len(self.documents))

    @property
    def ocr_accuracy(self) -> float:
        """Character accuracy over all scanned pages (pooled by length of the truth)."""
        return sum(self.ocr.values()) / max(1, len(self.ocr))

    def failures(self) -> list[str]:
        out = [f"field {k}: read {v[1]!r}, truth {v[0]!r}" for k, v in self.fields.items()
               if not v[2]]
        out += [f"item {t['item']!r}: read {r!r}" for t, r, ok in self.items if not ok]
        out += [f"document pages {t['pages']} ({t['type']}): read {r!r}"
                for t, r, ok in self.documents if not ok]
        return out


def score(data: dict[str, Any], documents: list[Any], pages: list[Any],
          truth: dict[str, Any]) -> Score:
    """Compare the intake's bundle data, documents and pages with ``truth`` (truth.json)."""
    s = Score()
    for path, expected in truth["case"].items():
        got = _get(data, path)
        if hasattr(got, "isoformat"):
            got = got.isoformat()
        s.fields[path] = (expected, got, _same(expected, got))
    reqs = list(data.get("requests") or [])
    for i, t in enumerate(truth["requests"]):
        r = reqs[i] if i < len(reqs) else None
        ok = r is not None and all(
            _same(t[k], r.get(k)) for k in ("item", "ur_decision", "ur_basis", "ur_authorized"))
        s.items.append((t, r, ok))
        s.item_core.append(r is not None and all(
            _same(t[k], r.get(k)) for k in ("item", "ur_decision", "ur_authorized")))
    if len(reqs) > len(truth["requests"]):
        for r in reqs[len(truth["requests"]):]:
            s.items.append(({"item": "(none)"}, r, False))
    by_first = {d.page_numbers[0]: d for d in documents}
    dates_ok = authors_ok = 0
    for t in truth["documents"]:
        d = by_first.get(t["pages"][0])
        got = None if d is None else {"type": d.type, "pages": d.page_numbers,
                                      "date": d.date.isoformat() if d.date else None,
                                      "author": d.author}
        ok = got is not None and got["type"] == t["type"] and got["pages"] == t["pages"]
        s.documents.append((t, got, ok))
        dates_ok += got is not None and got["date"] == t["date"]
        authors_ok += got is not None and got["author"] == t["author"]
    n = len(truth["documents"])
    s.doc_dates, s.doc_authors = (dates_ok, n), (authors_ok, n)
    by_number = {p.number: p for p in pages}
    for number, text in truth["scanned_pages"].items():
        s.ocr[int(number)] = char_accuracy(text, by_number[int(number)].text)
    issues = (data.get("intake") or {}).get("issues") or []
    listed = {(i["kind"], p) for i in issues for p in i.get("pages", [])}
    s.unreadable_listed = all(("unreadable", p) in listed for p in truth["blank_pages"])
    s.unclassified_listed = all(("unclassified", p) in listed for p in truth["unclassified_pages"])
    return s
