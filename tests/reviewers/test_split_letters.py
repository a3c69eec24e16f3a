"""A split case's Determination and letters: the additional reviewers' credentials and items
are printed in every format; a single reviewer's letters and JSON are unchanged."""

from __future__ import annotations

import datetime as dt
import io
import json

import pypdf

from openimr.domain import AdditionalReviewer, Determination, ItemDecision, ReviewerCredentials
from openimr.letters import render
from openimr.letters_in.parser import parse_letter

from .factories import bundle


def _split_determination(additional: bool = True) -> Determination:
    items = [
        ItemDecision(id="1", item="Physical therapy 2x6", decision="upheld", rationale="One."),
        ItemDecision(id="2", item="Aquatic therapy x8", decision="upheld", rationale="Two."),
        ItemDecision(
            id="3", item="Cognitive behavioral therapy x6", decision="overturned", rationale="3."
        ),
    ]
    extra = [
        AdditionalReviewer(board_certification="Psychology", licensed_in=["Nevada"], items=["3"])
    ]
    return Determination(
        case_number="CM99-0000009",
        decision_date="2024-01-10",
        date_of_injury="2023-04-25",
        ur_denial_date="2023-12-01",
        reviewer=ReviewerCredentials(
            board_certification="Physical Medicine and Rehabilitation", licensed_in=["California"]
        ),
        additional_reviewers=extra if additional else [],
        clinical_case_summary="A fictional summary.",
        items=items,
        status="signed",
    )


def test_text_and_html_letters_name_the_additional_reviewer_and_items() -> None:
    d = _split_determination()
    for fmt in ("text", "html"):
        out = " ".join(str(render(d, fmt)).split())
        assert "divided the case among 2 expert reviewers" in out
        assert "credentials follow decided: Physical therapy 2x6; Aquatic therapy x8." in out
        assert (
            "An additional expert reviewer, board certified in Psychology and licensed to "
            "practice in Nevada, decided: Cognitive behavioral therapy x6." in out
        )


def test_pdf_letter_names_the_additional_reviewer() -> None:
    pdf = render(_split_determination(), "pdf")
    assert isinstance(pdf, bytes)
    text = " ".join(
        " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages).split()
    )
    assert "additional expert reviewer, board certified in Psychology" in text


def test_split_letter_still_parses_with_the_primary_credentials() -> None:
    d = _split_determination()
    letter = parse_letter(str(render(d, "text")), source="split.txt")
    assert letter.reviewer.licensure_states == ["California"]
    assert letter.reviewer.specialties[0] == "Physical Medicine and Rehabilitation"


def test_json_lists_additional_reviewers_only_when_split() -> None:
    split = json.loads(str(render(_split_determination(), "json")))
    assert split["additional_reviewers"] == [
        {
            "board_certification": "Psychology",
            "subspecialty": None,
            "licensed_in": ["Nevada"],
            "items": ["3"],
        }
    ]
    single = _split_determination(additional=False)
    assert "additional_reviewers" not in json.loads(str(render(single, "json")))
    assert "divided the case" not in str(render(single, "text"))


def test_decide_carries_the_split_into_the_determination() -> None:
    from openimr import decide

    b = bundle(["Physical therapy 2x6", "Aquatic therapy x8", "Psychotherapy x6"])
    d = decide(b, decision_date=dt.date(2024, 1, 10))
    assert [r.items for r in d.additional_reviewers] == [["3"]]
    assert d.additional_reviewers[0].board_certification in ("Psychiatry", "Psychology")
    assert "additional expert reviewer" in " ".join(str(render(d, "text")).split())
