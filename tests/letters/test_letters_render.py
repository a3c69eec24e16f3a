"""Behaviour of the letter renderer beyond the golden files: failure modes, privacy, escaping,
the PDF, the draft marker, the citation lines and our own wording."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pydantic
import pypdf
import pytest

from openimr.domain import (
    Determination,
    GuidelineCitation,
    ItemDecision,
    ReviewerCredentials,
    ReviewerProfile,
)
from openimr.letters import LetterRenderError, render
from openimr.letters.render import TEXT_WIDTH, context, render_html_context, render_text_context

from .cases import ACOEM_LOW_BACK, CASES, ODG_HIP, all_upheld, draft_undetermined

DRAFT = "DRAFT — not signed"


def _text(d: Determination, fmt: str = "text") -> str:
    out = render(d, fmt)
    assert isinstance(out, str)
    return out


def _pdf_pages(data: str | bytes) -> list[str]:
    assert isinstance(data, bytes)
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def _norm(s: str) -> str:
    return " ".join(s.split())


def _long_determination(n_items: int = 9) -> Determination:
    base = draft_undetermined()
    rationale = " ".join(
        f"Sentence {k} of a long fictional rationale that fills the page (≥ 2 lines)."
        for k in range(12)
    )
    items = [
        ItemDecision(
            id=str(k),
            item=f"Fictional item number {k}",
            decision="upheld",
            guidelines=[ACOEM_LOW_BACK],
            rationale=rationale,
        )
        for k in range(1, n_items + 1)
    ]
    return base.model_copy(update={"items": items})


# ---------------------------------------------------------------- StrictUndefined


@pytest.mark.parametrize("renderer", [render_text_context, render_html_context])
def test_missing_context_field_fails_loudly(renderer) -> None:
    ctx = context(all_upheld())
    del ctx["organization"]
    with pytest.raises(LetterRenderError, match="organization"):
        renderer(ctx)


@pytest.mark.parametrize("fmt", ["text", "html", "pdf"])
def test_missing_model_field_fails_loudly(fmt: str) -> None:
    good = all_upheld()
    fields = {k: getattr(good, k) for k in Determination.model_fields if k != "decision_date"}
    broken = Determination.model_construct(**fields)  # skips validation: decision_date absent
    with pytest.raises(LetterRenderError, match="decision_date"):
        render(broken, fmt)


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_missing_item_field_fails_loudly(fmt: str) -> None:
    good = all_upheld()
    item = good.items[0]
    fields = {k: getattr(item, k) for k in ItemDecision.model_fields if k != "rationale"}
    # A draft skips the signed-letter checks, so the template itself meets the gap.
    broken = good.model_copy(
        update={"items": [ItemDecision.model_construct(**fields)], "status": "draft"}
    )
    with pytest.raises(LetterRenderError, match="rationale"):
        render(broken, fmt)


def test_environments_use_strict_undefined_and_html_autoescape() -> None:
    from openimr.letters.render import html_env, text_env

    for env in (text_env(), html_env()):
        assert env.undefined is jinja2.StrictUndefined
        with pytest.raises(jinja2.UndefinedError):
            env.from_string("{{ nothing_here }}").render()
    assert html_env().from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    assert text_env().from_string("{{ x }}").render(x="<b>") == "<b>"


def test_refuses_bad_input_with_a_clear_error() -> None:
    with pytest.raises(LetterRenderError, match="unknown letter format 'docx'"):
        render(all_upheld(), "docx")
    no_licence = all_upheld().model_copy(
        update={"reviewer": ReviewerCredentials(board_certification="X", licensed_in=[])}
    )
    with pytest.raises(LetterRenderError, match="licensed_in"):
        render(no_licence, "text")


# ---------------------------------------------------------------- privacy


def test_reviewer_name_never_rendered() -> None:
    name = "Zebulon Quackenbush-Oyelaran"
    profile = ReviewerProfile(
        id="rv-1",
        name=name,
        board_certification="Neurology",
        subspecialty="Clinical Neurophysiology",
        licensed_in=["California", "Arizona"],
        years_in_practice=12,
        hours_per_week=30,
    )
    # The only route from a profile to a letter: credentials, which have no name field.
    assert set(ReviewerCredentials.model_fields) == {
        "board_certification",
        "subspecialty",
        "licensed_in",
    }
    with pytest.raises(pydantic.ValidationError):
        ReviewerCredentials.model_validate(
            {"board_certification": "Neurology", "licensed_in": ["CA"], "name": name}
        )
    creds = ReviewerCredentials.model_validate(
        profile.model_dump(include=set(ReviewerCredentials.model_fields))
    )
    d = all_upheld().model_copy(update={"reviewer": creds})
    for fmt in ("text", "html", "json"):
        out = render(d, fmt)
        assert isinstance(out, str)
        assert "Quackenbush" not in out and "Zebulon" not in out, fmt
        assert "Clinical Neurophysiology" in out
    pdf = render(d, "pdf")
    assert isinstance(pdf, bytes)
    pdf_text = "\n".join(_pdf_pages(pdf))
    assert "Quackenbush" not in pdf_text and "Zebulon" not in pdf_text
    assert b"Quackenbush" not in pdf and "Arizona" in pdf_text
    assert json.loads(render(d, "json"))["reviewer"]["licensed_in"] == ["California", "Arizona"]


# ---------------------------------------------------------------- HTML


def test_html_autoescapes_every_value_once() -> None:
    d = draft_undetermined()
    evil = "<script>alert('x')</script> & \"quoted\""
    d.items[0].item = evil
    d.items[0].rationale = f"Because {evil}.\n\nSecond paragraph {evil}."
    d.clinical_case_summary = evil
    out = render(d, "html", organization="<b>Org</b>")
    assert isinstance(out, str)
    assert "<script>" not in out and "<b>Org" not in out
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;quoted&#34;" in out
    assert "&amp;lt;" not in out  # nothing escaped twice
    assert out.startswith("<!DOCTYPE html>") and out.count("<h2>") == 3
    assert "<article" in out and "@media print" in out


# ---------------------------------------------------------------- PDF


def test_pdf_multi_page_headers_page_numbers_and_unicode() -> None:
    d = _long_determination()
    data = render(d, "pdf")
    assert isinstance(data, bytes) and data.startswith(b"%PDF")
    pages = _pdf_pages(data)
    n = len(pages)
    assert n >= 3
    for i, text in enumerate(pages, start=1):
        assert f"Page {i} of {n}" in text
        assert f"Case Number: {d.case_number}" in text
        assert DRAFT in text  # status draft: marker on every page
    whole = _norm(" ".join(pages))
    assert "HOW THE IMR FINAL DETERMINATION WAS MADE" in whole
    assert "Fictional item number 9: Upheld" in whole
    assert "(≥ 2 lines)" in whole
    assert "IMRO guideline: Decision based on MTUS ACOEM Chapter 12" in whole
    assert render(d, "pdf") == data  # reproducible bytes


def test_pdf_of_signed_letter_has_no_draft_marker() -> None:
    pages = _pdf_pages(render(all_upheld(), "pdf"))
    whole = _norm(" ".join(pages))
    assert "DRAFT" not in whole
    assert "Date Assigned: 03/05/2031" in whole and "Application Received: 03/01/2031" in whole


# ---------------------------------------------------------------- draft, decisions, citations


def test_draft_marker_follows_status_and_undetermined_items() -> None:
    signed = all_upheld()
    unsigned = signed.model_copy(update={"status": "draft"})
    pending = signed.model_copy(update={"items": [*signed.items, draft_undetermined().items[1]]})
    for fmt in ("text", "html"):
        assert DRAFT not in render(signed, fmt)
        assert DRAFT in render(unsigned, fmt)
        assert DRAFT in render(pending, fmt)  # signed but undecided item: still a draft
    assert json.loads(render(pending, "json"))["draft"] is True
    assert json.loads(render(signed, "json"))["draft"] is False


def test_undetermined_item_shows_note_and_no_decision_word() -> None:
    text = _norm(_text(draft_undetermined()))
    assert "Pressure garment sleeve, right forearm: Undetermined" in text
    assert "Reviewer note: No guideline topic in the knowledge base covers pressure" in text
    assert "Pressure garment sleeve, right forearm: Upheld" not in text
    assert text.count("covers pressure garments") == 1  # the note, not repeated as rationale
    assert "Decision rationale: Not yet written." in text


def test_item_lines_and_guideline_lines_follow_the_layout() -> None:
    text = render(CASES["overturned_modified"](), "text", organization="Golden State IMR")
    assert isinstance(text, str)
    flat = _norm(text)
    assert "MRI of the cervical spine without contrast: Overturned" in text.splitlines()
    assert (
        "remaining IMR eligible portion of the original request, Physical therapy 6 "
        "sessions for the cervical spine is: Upheld"
    ) in flat
    assert "Physical therapy 12 sessions for the cervical spine was the original request" in flat
    assert (
        "Golden State IMR guideline: Decision based on MTUS ACOEM Chapter 8 Neck and Upper "
        "Back Complaints Page(s): 177-178." in flat
    )
    assert "IMRO guideline" not in flat and "MAXIMUS" not in flat
    # A bare UR citation gets the sentence frame of the layout.
    assert (
        "Claims Administrator guideline: Decision based on MTUS ACOEM Chapter 8 Neck and "
        "Upper Back Complaints." in flat
    )
    assert "State(s) of Licensure: California, Nevada, Oregon" in text.splitlines()
    assert "Certification(s)/Specialty: Orthopaedic Surgery" in text.splitlines()
    assert "a license to practice in California, Nevada and Oregon" in flat
    assert "Date Assigned: Not stated" in flat and "Priority: Expedited" in flat
    assert all(len(line) <= TEXT_WIDTH for line in text.splitlines())


def test_citation_sentences() -> None:
    d = all_upheld()
    flat = _norm(_text(d))
    non_mtus = (
        "IMRO guideline: The Expert Reviewer did not base their decision on the MTUS. "
        "Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Hip & "
        "Pelvis, X-Ray."
    )
    assert non_mtus in flat
    both = (
        "IMRO guideline: Decision based on MTUS ACOEM Chapter 12 Low Back Complaints "
        "Page(s): 303; 62. Decision based on Non-MTUS Citation Official Disability "
        "Guidelines (ODG), Low Back Chapter, EMG and NCS."
    )
    assert both in flat
    assert flat.count("The Expert Reviewer did not base their decision on the MTUS") == 1
    assert (
        "Claims Administrator guideline: The Claims Administrator did not base their decision "
        "on the MTUS. Decision based on Non-MTUS Citation Official Disability Guidelines, Hip."
    ) in flat
    assert (
        "Claims Administrator guideline: Decision based on Non-MTUS Citation Official "
        "Disability Guidelines, Low Back."
    ) in flat  # already framed: kept as written
    assert (
        "Claims Administrator guideline: The Claims Administrator stated no guideline or "
        "other medical evidence"
    ) in flat
    # A citation of level "none" is no citation at all.
    none_only = d.model_copy(
        update={
            "items": [
                d.items[0].model_copy(
                    update={"guidelines": [GuidelineCitation(level="none", guideline="—")]}
                )
            ]
        }
    )
    assert "did not cite a guideline" in render(none_only, "text")
    data = json.loads(render(d, "json"))
    assert data["items"][2]["guideline"] == {"text": ODG_HIP.text, "level": "ACOEM/ODG"}
    assert data["items"][1]["guideline"]["level"] == "MTUS"
    assert data["items"][0]["criteria"][0]["evidence"][0]["assertion"] == "negated"


# ---------------------------------------------------------------- our own words


def _shared_seeds() -> list[Path]:
    shared = Path(__file__).resolve().parents[2] / ".." / "shared"
    if not shared.is_dir():
        pytest.skip("../shared not present (real letters are not shipped)")
    return sorted((shared / "seeds").glob("*.txt"))


def _boilerplate() -> list[str]:
    """Every fixed sentence we write, filled with fictional values (not the layout labels)."""
    from openimr.letters.render import phrases

    p = phrases()
    d = all_upheld()
    undetermined = draft_undetermined().items[1]
    no_basis = d.items[1]
    portion = CASES["overturned_modified"]().items[1]
    label = "The remaining IMR eligible portion of the original request,"  # layout label
    return [
        str(p.how_made(d.reviewer, "IMRO")),
        str(p.how_made(draft_undetermined().reviewer, "IMRO")),
        str(p.summary_intro),
        str(p.issues_intro),
        str(p.draft_notice(1)),
        str(p.draft_notice(2)),
        str(p.ca_guideline(no_basis)),
        str(p.reviewer_guideline(undetermined)),
        str(p.note(undetermined.model_copy(update={"note": None}))),
        str(p.decision_word(undetermined)),
        str(p.decision_line(portion)).split(label)[0],
    ]


@pytest.mark.shared
def test_boilerplate_is_not_copied_from_the_seed_letters() -> None:
    """No run of 7 words of our fixed sentences appears in a real letter."""
    seeds = _shared_seeds()
    assert seeds
    seed_words = _norm(" ".join(p.read_text(encoding="utf-8") for p in seeds)).lower().split()
    k = 7
    seed_grams = {tuple(seed_words[i : i + k]) for i in range(len(seed_words) - k + 1)}
    for sentence in _boilerplate():
        ours = _norm(sentence).lower().split()
        copied = [
            " ".join(ours[i : i + k])
            for i in range(len(ours) - k + 1)
            if tuple(ours[i : i + k]) in seed_grams
        ]
        assert not copied, copied[:3]


def test_text_paragraph_structure() -> None:
    text = render(all_upheld(), "text")
    assert isinstance(text, str)
    blocks = text.split("\n\n")
    assert blocks[1].startswith("Case Number:")
    heads = [b.splitlines()[0] for b in blocks]
    assert (
        heads.index("HOW THE IMR FINAL DETERMINATION WAS MADE")
        < heads.index("CLINICAL CASE SUMMARY")
        < heads.index("IMR ISSUES, DECISIONS AND RATIONALES")
    )
    assert re.search(r"^Decision rationale: ", text, re.M)
    assert text.endswith("medically necessary.\n")


def test_pdf_never_drops_a_character() -> None:
    d = all_upheld()
    d.items[0].rationale = "Records in two scripts: 患者 and café, Ω ≥ 3, “quoted”."
    d.items[1].rationale = "A long token: https://example.org/" + "x" * 250 + " ends here."
    whole = _norm(" ".join(_pdf_pages(render(d, "pdf"))))
    assert "[U+60A3][U+8005] and café, Ω ≥ 3, “quoted”." in whole
    assert "ends here." in whole and whole.count("x" * 40) >= 2


def test_signed_letter_needs_summary_and_rationales_a_draft_shows_gaps() -> None:
    signed = all_upheld()
    no_summary = signed.model_copy(update={"clinical_case_summary": "  "})
    with pytest.raises(LetterRenderError, match="clinical_case_summary: empty"):
        render(no_summary, "text")
    no_rationale = signed.model_copy(
        update={"items": [signed.items[0].model_copy(update={"rationale": ""})]}
    )
    with pytest.raises(LetterRenderError, match=r"items\[0\]\.rationale: empty"):
        render(no_rationale, "pdf")
    draft = no_summary.model_copy(update={"status": "draft"})
    text = _text(draft)
    assert "CLINICAL CASE SUMMARY" in text and "Not yet written." in text


class _TagBalance(HTMLParser):
    VOID = {"meta", "br", "link", "img", "hr", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


@pytest.mark.parametrize("case", sorted(CASES))
def test_html_is_well_formed(case: str) -> None:
    checker = _TagBalance()
    checker.feed(_text(CASES[case](), "html"))
    assert not checker.errors and not checker.stack
