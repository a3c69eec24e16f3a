"""Normalise the guideline paragraphs of a letter into citations.

A paragraph reads like "Decision based on MTUS Low Back Complaints 2004, Section(s): Special
Studies. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Low Back."
Each "Decision based on" clause becomes one or more :class:`Citation`: the MTUS part (by the
names in ``data/guidelines.yaml``), its edition year, sections and pages; or the non-MTUS
source (ODG with its chapter, ACOEM outside the MTUS, anything else).
"""

from __future__ import annotations

import re

from openimr.letters_in.model import BasisLevel, Citation, GuidelineBasis
from openimr.letters_in.textprep import squash
from openimr.letters_in.vocab import CompiledPart, guidelines

_CLAUSE = re.compile(r"Decision\s+based\s+on\s+", re.I)
_NON_MTUS = re.compile(r"^Non-?\s?MTUS\s+Citations?(?:\s+on)?\b[\s:,]*", re.I)
_MTUS = re.compile(r"^(?:the\s+)?(?:California\s+)?(?:CA\s+)?MTUS\b[\s:,]*", re.I)
_YEAR = re.compile(r"(?<![/\d-])((?:19|20)\d{2})(?![/\d])")
_SECTIONS = re.compile(r"Sections?\s*\(?s?\)?\s*:\s*", re.I)
_PAGES = re.compile(r"(?:Page\s*\(s\)|Pages?|pg\.?|pp\.?)\s*:?\s*(?=\d)", re.I)
_CHAPTER_NO = re.compile(r"\bChapter\s+(\d{1,2})\b", re.I)
_ODG = re.compile(
    r"Official\s+Disability\s+(?:Duration\s+)?Guidelines?(?:\s*\(ODG\))?|\bODG\b", re.I
)
_ODG_NOISE = re.compile(
    r"Work Loss Data Institute(?:\s*\([^)]*\))?|\((?:updated|online|web)[^)]*\)|"
    r"\(Acute (?:&|and) Chronic\)|\bTreatment in Workers'? Comp(?:ensation)?\b|"
    r"(?<![/\d])(?:19|20)\d{2}(?![/\d])|\bweb[- ]based edition\b|\bOnline Version\b",
    re.I,
)
_EDITION = re.compile(r"\s*(?:Guidelines?\s*)?,?\s*((?:19|20)\d{2})\b")
_NONE = re.compile(
    r"\b(?:did not cite|does not cite|not cite|stated no|cited no|cites no)\b[^.]{0,40}?"
    r"\b(?:guidelines?|medical evidence|citations?|evidence)\b|\bNone cited\b",
    re.I,
)
_OUTSIDE_MTUS = re.compile(
    r"did not base (?:their|its) decision on the MTUS|outside of the MTUS", re.I
)
_WHY = re.compile(r"(?:,\s*|\s+)(?:which|because|as it|since)\s", re.I)
_STATEMENT = re.compile(r"^The (?:Claims Administrator|Expert Reviewer|reviewer)\b", re.I)


def parse_basis(text: str) -> GuidelineBasis:
    """The guideline paragraph after its label, as a normalised :class:`GuidelineBasis`."""
    flat = squash(text)
    citations: list[Citation] = []
    clauses = _CLAUSE.split(flat)
    for clause in clauses[1:]:
        clause = clause.strip()
        if not clause:
            continue
        if m := _NON_MTUS.match(clause):
            citations.append(_non_mtus(clause[m.end() :]))
        elif m := _MTUS.match(clause):
            citations.extend(_mtus(clause[m.end() :]))
        else:
            citations.append(_non_mtus(clause))
    if len(clauses) == 1 and flat and not _NONE.search(flat) and not _STATEMENT.match(flat):
        # No "Decision based on": a bare citation (the professional-review layout), where
        # the reason the guideline applies may follow it ("..., which covers ...").
        bare = _WHY.split(flat, maxsplit=1)[0]
        if m := _MTUS.match(bare):
            citations.extend(_mtus(bare[m.end() :]))
        elif m := _NON_MTUS.match(bare):
            citations.append(_non_mtus(bare[m.end() :]))
        elif guidelines().mtus_any.search(bare) and re.search(r"\bMTUS\b", bare):
            citations.extend(_mtus(bare))
        else:
            citations.append(_non_mtus(bare))
    level: BasisLevel
    if any(c.level == "MTUS" for c in citations):
        level = "MTUS"
    elif citations or _OUTSIDE_MTUS.search(flat):
        level = "non-MTUS"
    else:
        level = "none"
    return GuidelineBasis(
        text=flat,
        level=level,
        odg=any(c.source == "ODG" for c in citations),
        citations=citations,
    )


def _clean(s: str) -> str:
    return s.strip(" ,.;:-").strip()


def _pages(s: str) -> list[str]:
    out = []
    for part in re.split(r"[;,]|\band\b", s):
        part = _clean(part)
        if re.fullmatch(r"\d+(?:\s*-\s*\d+)?", part):
            out.append(re.sub(r"\s+", "", part))
    return out


def _split_sections_pages(seg: str, split: re.Pattern[str]) -> tuple[list[str], list[str]]:
    """From '..., Section(s): A, B Page(s): 12-13' the sections and the pages."""
    sections: list[str] = []
    pages: list[str] = []
    pm = _PAGES.search(seg)
    page_text = ""
    if pm:
        page_text = seg[pm.end() :]
        seg = seg[: pm.start()]
        pages = _pages(page_text)
    sm = _SECTIONS.search(seg)
    if sm:
        body = _clean(re.sub(r",?\s+and\s*$", "", seg[sm.end() :].strip()))
        sections = [_clean(s) for s in split.split(body) if _clean(s)]
    return sections, pages


def _mtus(rest: str) -> list[Citation]:
    """One clause 'MTUS <part> <year>, Section(s): ..., and <part> <year>, ...'."""
    g = guidelines()
    hits: list[tuple[int, int, CompiledPart]] = []
    first_field = min(
        [m.start() for m in (_SECTIONS.search(rest), _PAGES.search(rest)) if m] or [len(rest)]
    )
    for cp in g.mtus:
        for m in cp.pattern.finditer(rest):
            if _EDITION.match(rest[m.end() :]) or m.start() < first_field:
                hits.append((m.start(), m.end(), cp))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    chosen: list[tuple[int, int, CompiledPart]] = []
    for h in hits:
        if chosen and h[0] < chosen[-1][1]:
            continue  # overlapping names: keep the earliest, longest
        if chosen and not _EDITION.match(rest[h[1] :]):
            continue  # a later part must carry its edition year, else it is a section title
        chosen.append(h)
    if not chosen:
        ym = _YEAR.search(rest)
        sections, pages = _split_sections_pages(rest, re.compile(r",\s+"))
        stops = [m.start() for m in (_SECTIONS.search(rest), _PAGES.search(rest), ym) if m]
        name = _clean(rest[: min(stops or [len(rest)])])
        return [
            Citation(
                level="MTUS",
                source="MTUS",
                name=name or None,
                year=int(ym.group(1)) if ym else None,
                sections=sections,
                pages=pages,
                text=_clean(rest) or "MTUS",
            )
        ]
    out: list[Citation] = []
    for i, (start, end, cp_obj) in enumerate(chosen):
        seg_start = 0 if i == 0 else start
        seg_end = chosen[i + 1][0] if i + 1 < len(chosen) else len(rest)
        seg = rest[seg_start:seg_end]
        prefix = rest[seg_start:start]
        after = rest[end:seg_end]
        ym = _EDITION.match(after)
        year = int(ym.group(1)) if ym else None
        if year is None and (pm := _YEAR.search(prefix)):
            year = int(pm.group(1))  # "(Effective July 2009) Chronic Pain ..."
        chapter = cp_obj.part.chapter
        if cm := _CHAPTER_NO.search(prefix):
            chapter = cm.group(1)
        sections, pages = _split_sections_pages(after, cp_obj.split)
        out.append(
            Citation(
                level="MTUS",
                source=cp_obj.part.source,
                name=cp_obj.part.name,
                chapter=chapter,
                year=year,
                sections=sections,
                pages=pages,
                text=_clean(re.sub(r",?\s+and\s*$", "", seg)),
            )
        )
    return out


def _non_mtus(rest: str) -> Citation:
    text = _clean(rest)
    pages: list[str] = []
    if pm := _PAGES.search(text):
        pages = _pages(text[pm.end() :])
    if m := _ODG.search(text):
        remainder = text[m.end() :]
        year = None
        if ym := _YEAR.search(remainder):
            year = int(ym.group(1))
        chapter, sections = _odg_chapter(remainder)
        return Citation(
            level="non-MTUS",
            source="ODG",
            name="Official Disability Guidelines",
            chapter=chapter,
            year=year,
            sections=sections,
            pages=pages,
            text=text,
        )
    if re.search(r"\bACOEM\b", text):
        cm = _CHAPTER_NO.search(text)
        ym = _YEAR.search(text)
        return Citation(
            level="non-MTUS",
            source="ACOEM",
            name="ACOEM Practice Guidelines",
            chapter=cm.group(1) if cm else None,
            year=int(ym.group(1)) if ym else None,
            pages=pages,
            text=text,
        )
    return Citation(level="non-MTUS", source="other", name=None, text=text, pages=pages)


def _odg_chapter(remainder: str) -> tuple[str | None, list[str]]:
    """The ODG chapter named near the start of the citation, and what follows it."""
    rest = _ODG_NOISE.sub(" ", remainder)
    rest = re.sub(r"\s+", " ", rest).strip(" ,.;:-/")
    best: tuple[int, int, str] | None = None
    for name, pat in guidelines().odg_chapters:
        m = pat.search(rest)
        if m and m.start() <= 25 and (best is None or m.start() < best[0]):
            best = (m.start(), m.end(), name)
    if best is None:
        return None, []
    before = rest[: best[0]]
    after = rest[best[1] :]
    after = re.sub(r"^\s*(?:\([^)]*\))?\s*(?:Chapter|Section)?\b", "", after, flags=re.I)
    after = re.sub(r"\b(?:Chapter|Section|Topic)\b", " ", after, flags=re.I)
    section = re.sub(r"\b(?:ODG\s+)?Guidelines?\b", " ", before + " " + after, flags=re.I)
    section = _clean(re.sub(r"\s+", " ", section)).strip(" ,.;:-/")
    if re.fullmatch(r"\([^()]*\)", section):
        section = section[1:-1].strip()
    return best[2], [section] if section else []
