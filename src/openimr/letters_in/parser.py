"""``parse_letter(text)``: a published Final Determination Letter as a :class:`ParsedLetter`.

The layout is recognised by its headings (``data/layouts.yaml``); each layout family has a
reader here. What cannot be read is either a warning on the letter (a missing date, an item
without a rationale) or, when the letter cannot be used at all (no case number, no decided
item, an unknown layout), a :class:`LetterParseError` whose message says why.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openimr.errors import LetterParseError
from openimr.letters_in import fields
from openimr.letters_in.guidelines import parse_basis
from openimr.letters_in.items import parse_modification, split_items
from openimr.letters_in.model import LetterItem, ParsedLetter
from openimr.letters_in.sections import Sections, detect_layout, split_sections
from openimr.letters_in.textprep import (
    PdfEngine,
    build_paragraphs,
    content_hash,
    normalise,
    read_letter_text,
    squash,
    strip_page_furniture,
    undouble,
)
from openimr.letters_in.vocab import layouts

MAX_CHARS = 2_000_000  # a letter is a few pages; more is not a letter


def parse_file(path: str | Path, pdf_engine: PdfEngine = "pdfium") -> ParsedLetter:
    """Read a letter file (.pdf or text) and parse it."""
    p = Path(path)
    return parse_letter(read_letter_text(p, pdf_engine), source=str(p))


def parse_letter(text: str, source: str | None = None) -> ParsedLetter:
    """Parse the text of one letter; raise LetterParseError with the reason when it cannot."""
    where = source or "<letter>"
    if not isinstance(text, str) or not text.strip():
        raise LetterParseError(f"{where}: empty letter (no text)")
    if len(text) > MAX_CHARS:
        raise LetterParseError(f"{where}: {len(text)} characters is too long for one letter")
    norm = undouble(strip_page_furniture(normalise(text)))
    spec = detect_layout(norm, where)
    secs = split_sections(norm)
    warnings: list[str] = [f"section '{r}' appears more than once" for r in secs.repeated]
    if re.search(r"^(?:\*+ *)?DRAFT\b", norm, re.M):
        warnings.append("the letter is marked DRAFT (not signed)")
    if spec.family == "medical-professional-review":
        body = _professional_review(secs, where, warnings)
    else:
        body = _fdl(secs, where, warnings)
    case = fields.CASE_NUMBER.search(secs.header) or fields.CASE_NUMBER.search(norm)
    if not case:
        raise LetterParseError(
            f"{where}: no case number (expected 'Case Number: CMyy-nnnnnnn' in the header)"
        )
    dates = fields.header_dates(squash(secs.header), warnings)
    if dates.get("decision_date") is None and dates.get("date_of_injury") is None:
        dates = fields.header_dates(squash(norm[:3000]), [])
    age, sex = fields.age_sex(body.get("clinical_case_summary"))
    return ParsedLetter(
        case_number=squash(case.group(1)),
        layout=spec.id,
        priority=fields.priority(squash(secs.header)),
        patient={"age": age, "sex": sex},
        warnings=warnings,
        source=source,
        content_hash=content_hash(norm),
        **dates,
        **body,
    )


def _summary(secs: Sections) -> str | None:
    paras = secs.paragraphs("summary")
    text = "\n\n".join(p.text for p in paras).strip()
    return text or None


def _credentials(secs: Sections, role: str) -> dict[str, list[str]]:
    text = " ".join(p.text for p in secs.paragraphs(role, drop_boilerplate=False))
    states, specialties = fields.credentials(text)
    return {"licensure_states": states, "specialties": specialties}


def _documents(secs: Sections) -> list[str]:
    body = secs.bodies.get("documents")
    if not body:
        return []
    out = []
    for line in body.replace("\f", "\n").split("\n"):
        line = re.sub(r"^\s*(?:[-*\u2022\u25cf]|\d{1,3}[.)])\s*", "", line).strip()
        if line:
            out.append(line)
    return out


def _fdl(secs: Sections, where: str, warnings: list[str]) -> dict[str, Any]:
    """The F1 letters (2013 and 2016 variants) and the MAXIMUS notice (F2)."""
    if "issues" not in secs.bodies:
        raise LetterParseError(f"{where}: no 'IMR ISSUES, DECISIONS AND RATIONALES' section")
    items = split_items(secs.paragraphs("issues"), warnings, where)
    if not items:
        raise LetterParseError(
            f"{where}: no decided item in the issues section (expected a heading ending in "
            "': Upheld' or ': Overturned')"
        )
    if "summary" not in secs.bodies:
        warnings.append("no CLINICAL CASE SUMMARY section")
    if "how_made" not in secs.bodies:
        warnings.append("no HOW THE IMR FINAL DETERMINATION WAS MADE section")
    reviewer = _credentials(secs, "how_made")
    if not reviewer["licensure_states"] and not reviewer["specialties"]:
        warnings.append("reviewer credentials not found")
    return {
        "reviewer": reviewer,
        "clinical_case_summary": _summary(secs),
        "documents_reviewed": _documents(secs),
        "items": items,
    }


_CONCLUSION = re.compile(
    r"\b(?:is|are|was|were|be)\s+(?P<neg>not\s+)?(?:considered\s+)?medically\s+necessary", re.I
)
_EXPLICIT = re.compile(
    r"\b(?:decision|determination|denial|non-?certification)\b[^.]{0,60}?\b(?:is|was)\s+"
    r"(?P<dec>upheld|overturned)\b",
    re.I,
)
_NUMBERED = re.compile(r"^\s*(?:Item\s+)?(\d{1,2})\s*[.):]\s*", re.I)


def _numbered_blocks(text: str, blank_mode: bool) -> dict[int, str]:
    """'1. ...' '2. ...' paragraphs of a section, by number (empty when not numbered)."""
    blocks: dict[int, str] = {}
    current: int | None = None
    for p in build_paragraphs(text, layouts().labels, blank_mode):
        if m := _NUMBERED.match(p.text):
            current = int(m.group(1))
            blocks[current] = p.text[m.end() :]
        elif current is not None:
            blocks[current] += "\n\n" + p.text
    return blocks


def _decision_from(text: str) -> str | None:
    if m := _EXPLICIT.search(text):
        return m.group("dec").lower()
    last = None
    for m in _CONCLUSION.finditer(text):
        last = m
    if last is None:
        return None
    return "upheld" if last.group("neg") else "overturned"


def _professional_review(secs: Sections, where: str, warnings: list[str]) -> dict[str, Any]:
    """F3: one form per case with ISSUE AT DISPUTE ... MEDICAL REVIEWER QUALIFICATIONS."""
    issue_body = secs.bodies.get("issue_at_dispute", "")
    bm = secs.blank_mode
    numbered = _numbered_blocks(issue_body, bm)
    headings = [squash(t) for t in numbered.values()] or [
        p.text for p in build_paragraphs(issue_body, layouts().labels, bm)
    ]
    headings = [h for h in headings if h]
    if not headings:
        raise LetterParseError(f"{where}: the ISSUE AT DISPUTE section names no item")
    rationale_body = secs.bodies.get("rationale", "")
    rationales = _numbered_blocks(rationale_body, bm)
    guide_body = secs.bodies.get("guidelines_relied", "")
    guides = _numbered_blocks(guide_body, bm)
    if not rationale_body.strip():
        warnings.append("no RATIONALE section")
    items: list[LetterItem] = []
    for n, heading in enumerate(headings, start=1):
        decision = None
        if m := re.match(r"^(?P<head>.*\S)\s*:\s*(?P<dec>upheld|overturned)\.?$", heading, re.I):
            heading, decision = m.group("head"), m.group("dec").lower()
        rationale = rationales.get(n) if rationales else None
        if rationale is None and len(headings) == 1:
            rationale = "\n\n".join(
                p.text for p in build_paragraphs(rationale_body, layouts().labels)
            )
        if decision is None and rationale:
            decision = _decision_from(rationale)
        if decision is None:
            raise LetterParseError(
                f"{where}: item {n} ({heading[:40]}): no decision found (no 'Upheld'/"
                "'Overturned' and no 'is (not) medically necessary' conclusion)"
            )
        guide = guides.get(n) if guides else guide_body
        modification = parse_modification(heading)
        items.append(
            LetterItem(
                number=n,
                heading=heading,
                decision=decision,
                request=modification.portion if modification else heading,
                retrospective=bool(re.match(r"\W*Retro(?:spective|\.|\b)", heading, re.I)),
                associated_surgical_service="associated surgical service" in heading.lower(),
                reviewer_guideline=parse_basis(guide) if guide and guide.strip() else None,
                reviewer_guideline_label="Professional reviewer" if guide else None,
                rationale=squash(rationale) if rationale else None,
                modification=modification,
            )
        )
    reviewer = _credentials(secs, "qualifications")
    if not reviewer["licensure_states"] and not reviewer["specialties"]:
        warnings.append("reviewer credentials not found")
    return {
        "reviewer": reviewer,
        "clinical_case_summary": _summary(secs),
        "documents_reviewed": _documents(secs),
        "items": items,
    }
