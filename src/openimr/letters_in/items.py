"""The disputed items of a letter: headings with their decisions, guidelines and rationales.

An item starts with a paragraph that ends in ": Upheld" or ": Overturned" (the heading may wrap
over lines, or over a page break; the decision word may sit alone on the next line). Its body
runs to the next heading and holds, each after its label, the Claims Administrator guideline,
the reviewer's guideline ("MAXIMUS guideline:", or "<organization> guideline:") and the
decision rationale.
"""

from __future__ import annotations

import re

from openimr.errors import LetterParseError
from openimr.letters_in.guidelines import parse_basis
from openimr.letters_in.model import LetterItem, Modification
from openimr.letters_in.textprep import Paragraph, squash
from openimr.letters_in.vocab import layouts

_DECISION = re.compile(r"^(?P<head>.*\S)\s*:\s*(?P<dec>upheld|overturned)\s*\.?$", re.I | re.S)
_UNDECIDED = re.compile(
    r"^(?P<head>.*\S)\s*:\s*(?P<dec>undetermined|pending|undecided)\b", re.I | re.S
)
_BANNER = re.compile(r"^\*{2,}.*\*{2,}$")  # "*** DRAFT ... ***" lines
_DECISION_ALONE = re.compile(r"^(?P<dec>upheld|overturned)\s*\.?$", re.I)
_PREAMBLE_END = re.compile(
    r"(?:was the original request|authorized by the Claims Administrator|"
    r"leaving the original request(?: IMR eligible)?|IMR eligible)\s*\.?$",
    re.I,
)
_NUMBERING = re.compile(r"^(?:Item\s+)?\d{1,2}\s*[.)]\s+", re.I)
_CA_LABEL = re.compile(r"^Claims Administrator guideline\s*:\s*", re.I)
_REVIEWER_LABEL = re.compile(
    r"^(?P<org>(?!Claims Administrator)[A-Z][\w&'-]*(?: [A-Z][\w&'-]*){0,4}) guideline\s*:\s*"
)
_RATIONALE_LABEL = re.compile(r"^Decision rationale\s*:\s*", re.I)


def split_items(paras: list[Paragraph], warnings: list[str], where: str) -> list[LetterItem]:
    """Items of an issues section, in letter order."""
    texts = _merge_lone_decisions([p.text for p in paras if not _BANNER.match(p.text)])
    labels = layouts().labels
    heads: list[tuple[int, int, str, str]] = []  # (start para, decision para, heading, decision)
    for i, t in enumerate(texts):
        if _is_label(t, labels):
            continue
        if u := _UNDECIDED.match(t):
            raise LetterParseError(
                f"{where}: item {len(heads) + 1} ({u.group('head')[:40]}) is not decided "
                f"({u.group('dec')}): a draft, not a Final Determination"
            )
        m = _DECISION.match(t)
        if not m:
            continue
        start = i
        floor = heads[-1][1] + 1 if heads else 0
        heading = m.group("head")
        while (
            start - 1 >= floor
            and _PREAMBLE_END.search(texts[start - 1])
            and not _is_label(texts[start - 1], labels)
        ):
            start -= 1
            heading = texts[start] + " " + heading
        heads.append((start, i, heading, m.group("dec").lower()))
    items: list[LetterItem] = []
    for n, (_start, dec_i, heading, decision) in enumerate(heads, start=1):
        end = heads[n][0] if n < len(heads) else len(texts)
        body = texts[dec_i + 1 : end]
        items.append(_item(n, squash(heading), decision, body, warnings))
    return items


def _is_label(text: str, labels: re.Pattern[str]) -> bool:
    return bool(
        _CA_LABEL.match(text)
        or _RATIONALE_LABEL.match(text)
        or (_REVIEWER_LABEL.match(text) and labels.match(text))
    )


def _merge_lone_decisions(texts: list[str]) -> list[str]:
    """'Heading text:' followed by a paragraph 'Upheld' becomes one paragraph."""
    out: list[str] = []
    for t in texts:
        if out and _DECISION_ALONE.match(t) and out[-1].rstrip().endswith(":"):
            out[-1] = out[-1].rstrip() + " " + t
        else:
            out.append(t)
    return out


def _item(
    number: int, heading: str, decision: str, body: list[str], warnings: list[str]
) -> LetterItem:
    heading = _NUMBERING.sub("", heading)
    where = f"item {number} ({heading[:40]})"
    ca_text: list[str] = []
    rev_text: list[str] = []
    rationale: list[str] = []
    org: str | None = None
    target: list[str] | None = None
    stray: list[str] = []
    for para in body:
        if m := _CA_LABEL.match(para):
            target, para = ca_text, para[m.end() :]
        elif (m := _REVIEWER_LABEL.match(para)) and org is None and not rationale:
            org, target, para = m.group("org"), rev_text, para[m.end() :]
        elif (m := _RATIONALE_LABEL.match(para)) and not rationale:
            target, para = rationale, para[m.end() :]
        if target is None:
            stray.append(para)
            continue
        if para.strip():
            target.append(para.strip())
    if stray:
        warnings.append(f"{where}: text before its first label was ignored")
    if not ca_text:
        warnings.append(f"{where}: no 'Claims Administrator guideline:'")
    if org is None:
        warnings.append(f"{where}: no reviewer guideline ('<organization> guideline:')")
    if not rationale:
        warnings.append(f"{where}: no 'Decision rationale:'")
    modification = parse_modification(heading)
    return LetterItem(
        number=number,
        heading=heading,
        decision=decision,
        request=modification.portion if modification else heading,
        retrospective=bool(re.match(r"\W*Retro(?:spective|\.|\b)", heading, re.I)),
        associated_surgical_service=bool(re.search(r"Associated surgical service", heading, re.I)),
        claims_administrator_guideline=parse_basis(" ".join(ca_text)) if ca_text else None,
        reviewer_guideline=parse_basis(" ".join(rev_text)) if org is not None else None,
        reviewer_guideline_label=org,
        rationale="\n\n".join(rationale) if rationale else None,
        modification=modification,
    )


_ORIGINAL = re.compile(r"^(?P<orig>.+?)\s+was the original request\s*\.?\s*(?P<rest>.*)$", re.I)
_AUTH_PASSIVE = re.compile(
    r"^(?P<auth>.+?)\s+was (?:authorized|certified|approved)(?: by the Claims Administrator)?"
    r"\s*\.\s*(?P<rest>.*)$",
    re.I,
)
_AUTH_ACTIVE = re.compile(
    r"^The Claims Administrator (?:authorized|certified|approved|modified the request to)\s+"
    r"(?P<auth>.+?),?\s+leaving the (?:original )?request IMR[- ]eligible\s*\.\s*(?P<rest>.*)$",
    re.I,
)
_PORTION = re.compile(
    r"(?:The (?:remaining )?IMR[- ]eligible portion(?: of the original request)?"
    r"|The original request)\s*,?\s*(?:is\s*:?\s*)?(?P<portion>.+?)(?:,?\s+is)?\s*:?\s*$",
    re.I,
)


def parse_modification(heading: str) -> Modification | None:
    """The parts of a modified-UR heading, or None for an ordinary heading.

    "X was the original request. Y was authorized by the Claims Administrator. The remaining
    IMR eligible portion of the original request, Z is" gives (X, Y, Z); the form "The Claims
    Administrator authorized Y, leaving the original request IMR eligible. The original
    request, X is" gives (X, Y, X).
    """
    h = squash(heading)
    if not re.search(r"original request|IMR[- ]eligible", h, re.I):
        return None
    original: str | None = None
    authorized: str | None = None
    rest = h
    if m := _ORIGINAL.match(h):
        original, rest = m.group("orig").strip(), m.group("rest")
    if (m := _AUTH_PASSIVE.match(rest)) or (m := _AUTH_ACTIVE.match(rest)):
        authorized, rest = m.group("auth").strip(), m.group("rest")
    portion = None
    if m := _PORTION.search(rest):
        portion = m.group("portion").strip(" ,")
    if not portion:
        portion = original
    if not portion:
        return None
    return Modification(original_request=original, authorized=authorized, portion=portion)
