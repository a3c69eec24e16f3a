"""Layout detection and the split of a letter into its header and headed sections."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from openimr.errors import LetterParseError
from openimr.letters_in.textprep import Paragraph, build_paragraphs, squash, uses_blank_lines
from openimr.letters_in.vocab import LayoutSpec, layouts


def detect_layout(text: str, where: str) -> LayoutSpec:
    """The first layout whose required headings all occur; else a clear LetterParseError."""
    lay = layouts()
    for spec, pats in lay.layouts:
        if all(p.search(text) for p in pats):
            return spec
    for uns, pats in lay.unsupported:
        if all(p.search(text) for p in pats):
            raise LetterParseError(f"{where}: layout {uns.id}: {uns.reason}")
    found = sorted({m.lastgroup for m in lay.sections.finditer(text) if m.lastgroup})
    seen = f" (headings seen: {', '.join(found)})" if found else " (no known section heading)"
    raise LetterParseError(
        f"{where}: not a Final Determination Letter in a known layout{seen}; expected e.g. "
        "'IMR ISSUES, DECISIONS AND RATIONALES', 'IMR DECISION(S) AND RATIONALE(S)' or "
        "'MEDICAL PROFESSIONAL REVIEW ... ISSUE AT DISPUTE'"
    )


@dataclass
class Sections:
    header: str
    bodies: dict[str, str] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    repeated: list[str] = field(default_factory=list)
    blank_mode: bool = True  # blank lines separate paragraphs in this letter

    def paragraphs(self, role: str, drop_boilerplate: bool = True) -> list[Paragraph]:
        """The paragraphs of a section (boilerplate lead-in sentences removed)."""
        body = self.bodies.get(role)
        if body is None:
            return []
        lay = layouts()
        paras = build_paragraphs(body, lay.labels, self.blank_mode)
        if not drop_boilerplate:
            return paras
        out = []
        for p in paras:
            text = p.text
            for pat in lay.boilerplate:
                text = pat.sub("", text, count=1) if pat.match(text) else text
            text = text.strip()
            if text:
                out.append(Paragraph(text, p.lines, p.page))
        return out

    def flat(self, role: str) -> str | None:
        body = self.bodies.get(role)
        return squash(body) if body is not None else None


_WRAPPING = ("guidelines_relied", "rationale")  # long headings that wrap in the PDF


def split_sections(text: str) -> Sections:
    """Cut the text at each known section heading (at a line start, in any order)."""
    lay = layouts()
    blank_mode = uses_blank_lines(text)
    marks: list[tuple[int, int, str]] = []
    for m in lay.sections.finditer(text):
        role = m.lastgroup or ""
        marks.append((m.start(), m.end(), role))
    if not marks:
        return Sections(header=text, blank_mode=blank_mode)
    out = Sections(header=text[: marks[0][0]], blank_mode=blank_mode)
    for i, (_start, end, role) in enumerate(marks):
        stop = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        body = text[end:stop]
        body = re.sub(r"^[ \t]*:", "", body)
        if role in _WRAPPING and not text[:end].rstrip().endswith(":"):
            # A heading wrapped over two lines: "... RELIED UPON BY PROFESSIONAL" then
            # "REVIEWER AND WHY:" -- the capitals ending in a colon still belong to it.
            body = re.sub(r"^\s*[A-Z][A-Z0-9 ,()'/&-]*:[ \t]*(?=\n|$)", "", body)
        if role in out.bodies:
            out.repeated.append(role)
            out.bodies[role] += "\n\n" + body
        else:
            out.bodies[role] = body
            out.order.append(role)
    return out
