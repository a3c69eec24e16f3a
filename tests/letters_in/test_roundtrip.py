"""A letter rendered by OpenIMR parses back to the Determination it came from.

Determinations are generated (hypothesis) from the domain model, rendered as text by
``openimr.letters.render`` and read back by the parser of published letters. What the text
letter states must come back: case number and dates, priority, the reviewer's licensure and
specialties, the summary, and per item the heading (or the modified request and its
eligible portion), the decision, each reviewer citation's level, sections and pages, and the
rationale. (The edition of a citation is not printed in the letter, so it cannot come back.)
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openimr.domain import Determination, GuidelineCitation, ItemDecision, ReviewerCredentials
from openimr.errors import LetterParseError
from openimr.letters import render
from openimr.letters_in import parse_letter
from openimr.letters_in.textprep import squash

_WORDS = (
    "pain reported stiffness the left right lumbar cervical examination tenderness range of "
    "motion reduced improved since injury visit therapy sessions documented no objective "
    "deficit with strength reflexes sensation intact follow-up report noted worker patient "
    "function walking sitting tolerance weeks months after before prior trial medication"
)
WORDS = _WORDS.split()
ITEMS = [
    "MRI of the lumbar spine without contrast",
    "Physical therapy {n} sessions for the cervical spine",
    "Norco 10/325mg #{n}",
    "Acupuncture {n} visits, low back",
    "EMG/NCV of the bilateral upper extremities",
    "Retrospective request for cyclobenzaprine 7.5mg #{n}, DOS: 11/14/2009",
    "Associated surgical service: Cold therapy unit rental for {n} days",
    "Lumbar support brace, purchase",
]
SPECIALTIES = [
    "Family Practice",
    "Internal Medicine",
    "Physical Medicine & Rehabilitation",
    "Preventive Medicine",
    "Orthopedic Surgery",
    "Anesthesiology",
]
SUBSPECIALTIES = [None, "Pain Management", "Sports Medicine"]
STATES = ["California", "Nevada", "Oregon", "Texas", "New York", "Arizona"]
ORGS = [None, "IMRO", "MAXIMUS", "Golden State Review"]

MTUS_PARTS = [
    ("ACOEM", "Chapter 12 Low Back Complaints", "Low Back Complaints"),
    ("ACOEM", "Chapter 8 Neck and Upper Back Complaints", "Neck and Upper Back Complaints"),
    ("Chronic Pain Medical Treatment Guidelines", None, "Chronic Pain Medical Treatment"),
    ("Acupuncture Medical Treatment Guidelines", None, "Acupuncture Medical Treatment"),
]
ODG_CHAPTERS = [("Low Back", "Low Back"), ("Knee & Leg", "Knee and Leg"), ("Pain", "Pain")]
SECTIONS = [None, "Special Studies", "Physical medicine treatment", "Lumbar supports"]
PAGES = [None, "303", "98-99", "176-177"]
CA_BASES = [
    None,
    "Decision based on MTUS Low Back Complaints 2004.",
    "Non-MTUS Citation Official Disability Guidelines (ODG), Low Back",
    "MTUS Chronic Pain Medical Treatment Guidelines",
]


@st.composite
def sentences(draw: st.DrawFn, min_n: int = 1, max_n: int = 6) -> str:
    out = []
    for _ in range(draw(st.integers(min_n, max_n))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=18))
        out.append(" ".join(words).capitalize() + ".")
    text = " ".join(out)
    if draw(st.booleans()):  # sometimes two paragraphs
        text += "\n\n" + " ".join(out[:1])
    return text


@st.composite
def citations(draw: st.DrawFn) -> GuidelineCitation:
    section = draw(st.sampled_from(SECTIONS))
    if draw(st.booleans()):
        guideline, chapter, _ = draw(st.sampled_from(MTUS_PARTS))
        return GuidelineCitation(
            level="MTUS",
            guideline=guideline,
            chapter=chapter,
            edition=draw(st.sampled_from([None, "2004", "2016"])),
            section=section,
            pages=draw(st.sampled_from(PAGES)),
        )
    chapter = draw(st.sampled_from([None, *[c for c, _ in ODG_CHAPTERS]]))
    return GuidelineCitation(
        level="ACOEM/ODG",
        guideline="Official Disability Guidelines (ODG)",
        chapter=chapter,
        section=section if chapter else None,
    )


@st.composite
def items(draw: st.DrawFn, n: int) -> ItemDecision:
    text = draw(st.sampled_from(ITEMS)).format(n=draw(st.integers(2, 90)))
    portion = None
    if draw(st.integers(0, 3)) == 0:
        portion = text.replace("{n}", "") + f" (remaining {draw(st.integers(1, 9))})"
    return ItemDecision(
        id=str(n),
        item=text,
        decision=draw(st.sampled_from(["upheld", "overturned"])),
        guidelines=draw(st.lists(citations(), max_size=3)),
        claims_administrator_basis=draw(st.sampled_from(CA_BASES)),
        rationale=draw(sentences()),
        portion=portion,
    )


DATES = st.dates(min_value=dt.date(2013, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def determinations(draw: st.DrawFn) -> Determination:
    n_items = draw(st.integers(1, 6))
    return Determination(
        case_number=f"CM{draw(st.integers(13, 99)):02d}-{draw(st.integers(0, 9_999_999)):07d}",
        decision_date=draw(DATES),
        date_assigned=draw(st.none() | DATES),
        date_of_injury=draw(DATES),
        ur_denial_date=draw(DATES),
        application_received=draw(st.none() | DATES),
        priority=draw(st.sampled_from(["standard", "expedited"])),
        reviewer=ReviewerCredentials(
            board_certification=draw(st.sampled_from(SPECIALTIES)),
            subspecialty=draw(st.sampled_from(SUBSPECIALTIES)),
            licensed_in=draw(
                st.lists(st.sampled_from(STATES), min_size=1, max_size=3, unique=True)
            ),
        ),
        clinical_case_summary=draw(sentences(2, 8)),
        items=[draw(items(k)) for k in range(1, n_items + 1)],
        status=draw(st.sampled_from(["draft", "signed"])),
    )


def _pages(p: str | None) -> list[str]:
    return [p] if p else []


@settings(
    max_examples=int(os.environ.get("OPENIMR_ROUNDTRIP_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(determinations(), st.sampled_from(ORGS))
def test_rendered_letter_parses_back(d: Determination, org: str | None) -> None:
    text = render(d, "text", organization=org)
    assert isinstance(text, str)
    letter = parse_letter(text, source="rendered")

    assert letter.case_number == d.case_number
    assert letter.decision_date == d.decision_date
    assert letter.date_of_injury == d.date_of_injury
    assert letter.ur_denial_date == d.ur_denial_date
    assert letter.date_assigned == d.date_assigned
    assert letter.application_received == d.application_received
    assert letter.priority == d.priority
    assert letter.reviewer.licensure_states == d.reviewer.licensed_in
    expected_specs = [d.reviewer.board_certification]
    if d.reviewer.subspecialty:
        expected_specs.append(d.reviewer.subspecialty)
    assert letter.reviewer.specialties == expected_specs
    assert squash(letter.clinical_case_summary or "") == squash(d.clinical_case_summary)
    assert ("the letter is marked DRAFT (not signed)" in letter.warnings) == (d.status == "draft")

    assert len(letter.items) == len(d.items)
    for got, want in zip(letter.items, d.items, strict=True):
        assert got.decision == want.decision
        if want.portion:
            assert got.modification is not None
            assert got.modification.original_request == want.item
            assert got.modification.portion == want.portion
            assert got.request == want.portion
        else:
            assert got.modification is None
            assert got.heading == want.item
            assert got.request == want.item
        assert got.retrospective == want.item.startswith("Retrospective")
        assert got.associated_surgical_service == want.item.startswith("Associated surgical")
        assert squash(got.rationale or "") == squash(want.rationale)
        assert got.reviewer_guideline_label == (org or "IMRO")

        rev = got.reviewer_guideline
        assert rev is not None
        cites = [c for c in want.guidelines if c.level != "none"]
        want_level = (
            "MTUS" if any(c.level == "MTUS" for c in cites) else "non-MTUS" if cites else "none"
        )
        assert rev.level == want_level
        assert len(rev.citations) == len(cites)
        for pc, wc in zip(rev.citations, cites, strict=True):
            assert pc.level == ("MTUS" if wc.level == "MTUS" else "non-MTUS")
            assert pc.pages == _pages(wc.pages)
            if wc.level == "MTUS":
                assert pc.sections == _pages(wc.section)
                names = {
                    g: name for g, ch, name in MTUS_PARTS if (g, ch) == (wc.guideline, wc.chapter)
                }
                assert pc.name == names[wc.guideline]
            else:
                assert pc.source == "ODG"
                chapters = dict(ODG_CHAPTERS)
                assert pc.chapter == (chapters[wc.chapter] if wc.chapter else None)
                if wc.chapter:
                    assert pc.sections == _pages(wc.section)

        ca = got.claims_administrator_guideline
        assert ca is not None
        if want.claims_administrator_basis:
            assert squash(want.claims_administrator_basis).rstrip(".") in ca.text
        else:
            assert ca.level == "none"


def test_undecided_item_in_a_draft_is_reported() -> None:
    d = Determination(
        case_number="CM99-0000777",
        decision_date=dt.date(2009, 5, 1),
        date_of_injury=dt.date(2008, 5, 1),
        ur_denial_date=dt.date(2009, 4, 1),
        reviewer=ReviewerCredentials(board_certification="Family Practice", licensed_in=["Ohio"]),
        clinical_case_summary="A fictional summary.",
        items=[
            ItemDecision(id="1", item="Pressure garment", decision="undetermined", rationale="")
        ],
    )
    text = render(d, "text")
    assert isinstance(text, str)
    with pytest.raises(LetterParseError, match="not decided"):
        parse_letter(text, source="draft")


@pytest.mark.parametrize("k", [2, 5])
def test_rendered_pdf_parses_back(k: int) -> None:
    """The PDF rendering too: text layer extracted, letter read back."""
    import random
    import tempfile
    from pathlib import Path

    from openimr.letters_in import parse_file

    from .fictional import determination

    d = determination(k, random.Random(1))
    pdf = render(d, "pdf")
    assert isinstance(pdf, bytes)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "letter.pdf"
        path.write_bytes(pdf)
        letter = parse_file(path)
    assert letter.case_number == d.case_number
    assert letter.decision_date == d.decision_date
    assert [(i.decision, i.request) for i in letter.items] == [
        (i.decision, i.portion or i.item) for i in d.items
    ]
    assert squash(letter.clinical_case_summary or "") == squash(d.clinical_case_summary)
