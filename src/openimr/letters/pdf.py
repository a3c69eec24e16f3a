"""The PDF letter, drawn with fpdf2 from the same sentences as the text and HTML letters.

Fonts are the DejaVu Sans TTFs that matplotlib ships, so any character of a record or a
rationale renders (no Latin-1 limit), and no font is downloaded at run time. Every page
carries the case number (and the DRAFT marker when unsigned) and "Page N of M".
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import cache
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from openimr.domain.sanity import BIDI
from openimr.letters.render import LetterRenderError, mdy, paragraphs, phrases

log = logging.getLogger(__name__)

FONT = "DejaVu"
BODY_PT = 10.5
LINE_MM = 5.2
RED = (170, 0, 0)


@cache
def font_files() -> tuple[Path, Path]:
    """DejaVuSans regular and bold from matplotlib's data directory."""
    import matplotlib

    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    regular, bold = ttf / "DejaVuSans.ttf", ttf / "DejaVuSans-Bold.ttf"
    for f in (regular, bold):
        if not f.is_file():
            raise LetterRenderError(f"PDF font not found: {f} (matplotlib's DejaVu fonts)")
    return regular, bold


@cache
def font_glyphs() -> frozenset[int]:
    """Code points both fonts can draw (fpdf2 would silently drop the others)."""
    from fontTools.ttLib import TTFont

    regular, bold = (TTFont(str(f)).getBestCmap() for f in font_files())
    return frozenset(regular) & frozenset(bold)


def printable(text: str) -> str:
    """``text`` with every character the fonts lack shown as [U+XXXX], never dropped.

    DejaVu covers Latin, Greek, Cyrillic and most symbols but not, e.g., CJK; a letter must
    not lose a character without a trace, so the code point is printed instead.
    """
    glyphs = font_glyphs()

    def shown(c: str) -> bool:  # bidi controls too: they would reorder the line
        return c == "\n" or (ord(c) in glyphs and c not in BIDI)

    if all(shown(c) for c in text):
        return text
    missing = sorted({c for c in text if not shown(c)})
    log.warning("PDF font lacks %s; printed as code points", ", ".join(missing))
    return "".join(c if shown(c) else f"[U+{ord(c):04X}]" for c in text)


class _LetterPDF(FPDF):
    """US Letter pages with a running header (case number, draft marker) and page numbers."""

    def __init__(self, case_number: str, draft_marker: str | None) -> None:
        super().__init__(orientation="P", unit="mm", format="Letter")
        self.case_number = case_number
        self.draft_marker = draft_marker
        regular, bold = font_files()
        self.add_font(FONT, "", str(regular))
        self.add_font(FONT, "B", str(bold))
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(auto=True, margin=20)

    def header(self) -> None:
        self.set_font(FONT, "", 8.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, printable(f"Case Number: {self.case_number}"), new_x=XPos.LMARGIN)
        if self.draft_marker:
            self.set_font(FONT, "B", 9)
            self.set_text_color(*RED)
            self.cell(0, 5, self.draft_marker, align="R", new_x=XPos.LMARGIN)
        self.set_text_color(0, 0, 0)
        self.ln(9)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", 8.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    # ---- building blocks

    def keep(self, lines: int) -> None:
        """Start a new page unless ``lines`` more lines fit (keeps headings with their text)."""
        if self.get_y() + lines * LINE_MM > self.page_break_trigger:
            self.add_page()

    def heading(self, text: str) -> None:
        self.keep(4)
        self.ln(3)
        self.set_font(FONT, "B", 11)
        self.multi_cell(0, 6, printable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, "", BODY_PT)
        self.ln(1)

    def para(
        self,
        text: str,
        *,
        bold: bool = False,
        color: tuple[int, int, int] | None = None,
        gap: float = 2.5,
    ) -> None:
        self.set_font(FONT, "B" if bold else "", BODY_PT)
        if color:
            self.set_text_color(*color)
        self.multi_cell(0, LINE_MM, printable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.set_font(FONT, "", BODY_PT)
        self.ln(gap)

    def labelled(self, label: str, text: str, *, gap: float = 2.5) -> None:
        """'Label: text' with a bold label, wrapped as one paragraph."""
        self.set_x(self.l_margin)
        self.set_font(FONT, "B", BODY_PT)
        self.write(LINE_MM, printable(label + " "))
        self.set_font(FONT, "", BODY_PT)
        self.write(LINE_MM, printable(text))
        self.ln(LINE_MM)
        self.ln(gap)

    def field_rows(self, rows: list[tuple[str, str, str, str]]) -> None:
        widths = (38, 42, 48, 0)
        for row in rows:
            for i, (w, value) in enumerate(zip(widths, row, strict=True)):
                self.set_font(FONT, "B" if i % 2 == 0 else "", BODY_PT)
                last = i == len(widths) - 1
                self.cell(
                    w,
                    LINE_MM + 0.6,
                    printable(value),
                    new_x=XPos.LMARGIN if last else XPos.RIGHT,
                    new_y=YPos.NEXT if last else YPos.TOP,
                )
        self.set_font(FONT, "", BODY_PT)


def render_pdf_context(ctx: dict[str, Any]) -> bytes:
    """The PDF letter from the template context of :func:`openimr.letters.render.context`."""
    p = phrases()
    d = ctx["d"]
    org: str = ctx["organization"]
    draft: bool = ctx["draft"]
    pdf = _LetterPDF(d.case_number, str(p.draft_marker) if draft else None)
    pdf.set_title(f"Final Determination Letter {d.case_number}")
    pdf.set_author(org)
    pdf.set_creator("OpenIMR")
    # Reproducible bytes for the same Determination: the document date is the decision date.
    pdf.set_creation_date(dt.datetime.combine(d.decision_date, dt.time(12, 0), tzinfo=dt.UTC))
    pdf.add_page()

    if draft:
        pdf.para(str(p.draft_marker), bold=True, color=RED, gap=1)
        pdf.para(str(p.draft_notice(ctx["undetermined"])), color=RED, gap=4)

    pdf.para(org, bold=True, gap=0.5)
    pdf.set_font(FONT, "B", 13)
    pdf.multi_cell(0, 7, printable(str(p.title)), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.field_rows(
        [
            ("Case Number:", d.case_number, "", ""),
            ("Date Assigned:", mdy(d.date_assigned), "Date of Injury:", mdy(d.date_of_injury)),
            ("Decision Date:", mdy(d.decision_date), "UR Denial Date:", mdy(d.ur_denial_date)),
            (
                "Priority:",
                d.priority.capitalize(),
                "Application Received:",
                mdy(d.application_received),
            ),
        ]
    )

    pdf.heading(str(p.how_heading))
    pdf.para(str(p.how_made(d.reviewer, org)))
    if d.additional_reviewers:
        pdf.para(str(p.split_note(d, org)))
    pdf.para(str(p.credentials_intro), gap=0)
    pdf.labelled(str(p.licensure_label), str(p.licensure(d.reviewer)), gap=0)
    pdf.labelled(str(p.specialty_label), str(p.specialties(d.reviewer)))

    pdf.heading(str(p.summary_heading))
    pdf.para(str(p.summary_intro))
    for para in paragraphs(str(p.summary(d))):
        pdf.para(para)

    pdf.heading(str(p.issues_heading))
    pdf.para(str(p.issues_intro), gap=4)
    for item in d.items:
        pdf.keep(6)
        undetermined = item.decision == "undetermined"
        pdf.para(str(p.decision_line(item)), bold=True, color=RED if undetermined else None)
        if undetermined:
            pdf.labelled(str(p.note_label), str(p.note(item)))
        pdf.labelled(str(p.ca_label), str(p.ca_guideline(item)))
        pdf.labelled(str(p.reviewer_label(org)), str(p.reviewer_guideline(item)))
        rationale = paragraphs(str(p.rationale(item)))
        pdf.labelled(str(p.rationale_label), rationale[0])
        for para in rationale[1:]:
            pdf.para(para)
        pdf.ln(2)

    if draft:
        pdf.para(str(p.draft_marker), bold=True, color=RED)
    return bytes(pdf.output())
