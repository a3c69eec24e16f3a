"""Guideline citations normalised, and the small facts read from a letter (tables)."""

from __future__ import annotations

import datetime as dt

import pytest

from openimr.letters_in.fields import age_sex, credentials, header_dates, priority
from openimr.letters_in.guidelines import parse_basis

# (paragraph after the label, level, [(source, name, chapter, year, sections, pages)])
CITATIONS = [
    (
        "Decision based on MTUS Low Back Complaints 2004, Section(s): Special Studies.",
        "MTUS",
        [("ACOEM", "Low Back Complaints", "12", 2004, ["Special Studies"], [])],
    ),
    (
        "Decision based on MTUS ACOEM Chapter 8 Neck and Upper Back Complaints "
        "Page(s): 176-177; 180.",
        "MTUS",
        [("ACOEM", "Neck and Upper Back Complaints", "8", None, [], ["176-177", "180"])],
    ),
    (
        "Decision based on MTUS Chronic Pain Medical Treatment 2016 Guidelines, Section(s): "
        "NSAIDs, GI symptoms & cardiovascular risk.",
        "MTUS",
        [
            (
                "DWC",
                "Chronic Pain Medical Treatment",
                None,
                2016,
                ["NSAIDs, GI symptoms & cardiovascular risk"],
                [],
            )
        ],
    ),
    (
        "Decision based on MTUS Neck and Upper Back Complaints 2004, Section(s): Initial Care, "
        "and Forearm, Wrist, and Hand Complaints 2004, Section(s): Special Studies, Summary.",
        "MTUS",
        [
            ("ACOEM", "Neck and Upper Back Complaints", "8", 2004, ["Initial Care"], []),
            (
                "ACOEM",
                "Forearm, Wrist, and Hand Complaints",
                "11",
                2004,
                ["Special Studies", "Summary"],
                [],
            ),
        ],
    ),
    (
        "Decision based on MTUS Opioid Treatment 2016, Section(s): 1.4 Acute Pain: Surgery, "
        "3.2 Chronic Pain: Alternatives.",
        "MTUS",
        [
            (
                "DWC",
                "Opioid Treatment",
                None,
                2016,
                ["1.4 Acute Pain: Surgery", "3.2 Chronic Pain: Alternatives"],
                [],
            )
        ],
    ),
    (
        "Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Chronic pain "
        "programs (functional restoration programs).",
        "MTUS",
        [
            (
                "DWC",
                "Chronic Pain Medical Treatment",
                None,
                2016,
                ["Chronic pain programs (functional restoration programs)"],
                [],
            )
        ],
    ),
    (
        "The Claims Administrator based their decision on recommendation(s) outside of the "
        "MTUS Guidelines. Decision based on Non-MTUS Citation Official Disability Guidelines "
        "(ODG), Knee & Leg, Durable medical equipment (DME).",
        "non-MTUS",
        [
            (
                "ODG",
                "Official Disability Guidelines",
                "Knee and Leg",
                None,
                ["Durable medical equipment (DME)"],
                [],
            )
        ],
    ),
    (
        "Decision based on MTUS Shoulder Complaints 2004. Decision based on Non-MTUS Citation "
        "Official Disability Guidelines (ODG), Shoulder (updated 10/31/16), MRI.",
        "MTUS",
        [
            ("ACOEM", "Shoulder Complaints", "9", 2004, [], []),
            ("ODG", "Official Disability Guidelines", "Shoulder", None, ["MRI"], []),
        ],
    ),
    (
        "Decision based on Non-MTUS Citation ACOEM Guidelines, Chapter 7, Independent Medical "
        "Examinations and Consultations, page 127.",
        "non-MTUS",
        [("ACOEM", "ACOEM Practice Guidelines", "7", None, [], ["127"])],
    ),
    (
        "Decision based on Non-MTUS Citation a drug reference consulted online.",
        "non-MTUS",
        [("other", None, None, None, [], [])],
    ),
    ("The Claims Administrator did not cite any medical evidence for its decision.", "none", []),
    ("The Expert Reviewer did not cite a guideline for this decision.", "none", []),
    ("The Expert Reviewer did not base their decision on the MTUS.", "non-MTUS", []),
    (
        "MTUS ACOEM Chapter 12 Low Back Complaints, Page(s): 303-304, which covers imaging.",
        "MTUS",
        [("ACOEM", "Low Back Complaints", "12", None, [], ["303-304"])],
    ),
]


@pytest.mark.parametrize(("text", "level", "expected"), CITATIONS)
def test_citations(text: str, level: str, expected: list[tuple[object, ...]]) -> None:
    basis = parse_basis(text)
    assert basis.level == level
    got = [(c.source, c.name, c.chapter, c.year, c.sections, c.pages) for c in basis.citations]
    assert got == expected
    assert basis.odg == any(e[0] == "ODG" for e in expected)


def test_citation_keys_group_for_analytics() -> None:
    basis = parse_basis(
        "Decision based on MTUS Low Back Complaints 2004. Decision based on Non-MTUS Citation "
        "Official Disability Guidelines (ODG) Pain Chapter, Topical analgesics."
    )
    assert [c.key for c in basis.citations] == ["MTUS Low Back Complaints", "ODG Pain"]
    assert basis.key == "MTUS Low Back Complaints"
    assert parse_basis("The Claims Administrator did not cite any medical evidence.").key == (
        "None cited"
    )


@pytest.mark.parametrize(
    ("summary", "age", "sex"),
    [
        ("The injured worker is a 48 year old male who hurt his back.", 48, "male"),
        ("This case involves a now 36-year-old female with a history of a claim.", 36, "female"),
        ("The 58 year old female injured worker fell.", 58, "female"),
        ("The applicant is a 61-year-old gentleman with knee pain.", 61, "male"),
        ("A 44-year-old woman, obese, with low back pain for 3 years.", 44, "female"),
        ("The injured worker is a female who fell. Two birthdates are listed.", None, "female"),
        ("This is a patient with a date of injury of 4/25/13.", None, None),
        ("The patient reports pain. He walks daily and his pain is 6/10. He sleeps.", None, "male"),
        ("Pain for 3 years; worse at 5 years old scar.", None, None),
        ("", None, None),
    ],
)
def test_age_and_sex(summary: str, age: int | None, sex: str | None) -> None:
    assert age_sex(summary) == (age, sex)


@pytest.mark.parametrize(
    ("text", "states", "specialties"),
    [
        (
            "The Expert Reviewer has the following credentials: State(s) of Licensure: "
            "California,North Carolina Certification(s)/Specialty: Family Practice",
            ["California", "North Carolina"],
            ["Family Practice"],
        ),
        (
            "State(s) of Licensure: Texas, New York Certification(s)/Specialty: "
            "Physical Medicine & Rehabilitation, Pain Management",
            ["Texas", "New York"],
            ["Physical Medicine & Rehabilitation", "Pain Management"],
        ),
        (
            "The physician reviewer is Board Certified in Physical Medicine and Rehabilitation, "
            "has a subspecialty in Pain Management and is licensed to practice in California.",
            ["California"],
            ["Physical Medicine and Rehabilitation", "Pain Management"],
        ),
        (
            "The expert reviewer is Board Certified in Family Medicine and is licensed to "
            "practice in California and Nevada.",
            ["California", "Nevada"],
            ["Family Medicine"],
        ),
        ("No credentials stated here.", [], []),
    ],
)
def test_credentials(text: str, states: list[str], specialties: list[str]) -> None:
    assert credentials(text) == (states, specialties)


@pytest.mark.parametrize(
    "header",
    [
        "Case Number: CM99-0000001 Date Assigned: 11/09/2009 Date of Injury: 10/13/2009 "
        "Decision Date: 12/09/2009 UR Denial Date: 11/03/2009 Priority: Standard "
        "Application Received: 11/04/2009",
        # pdfplumber puts the application date before "Received:"
        "Case Number: CM99-0000001 Date Assigned: 11/09/2009 Date of Injury: 10/13/2009 "
        "Decision Date: 12/09/2009 UR Denial Date: 11/03/2009 Priority: Standard "
        "Application 11/04/2009 Received:",
    ],
)
def test_header_dates(header: str) -> None:
    warnings: list[str] = []
    dates = header_dates(header, warnings)
    assert dates == {
        "date_assigned": dt.date(2009, 11, 9),
        "date_of_injury": dt.date(2009, 10, 13),
        "decision_date": dt.date(2009, 12, 9),
        "ur_denial_date": dt.date(2009, 11, 3),
        "application_received": dt.date(2009, 11, 4),
    }
    assert warnings == []
    assert priority(header) == "standard"
    assert priority("Priority: Expedited") == "expedited"
    assert priority("nothing") is None


def test_header_dates_not_stated() -> None:
    dates = header_dates("Date Assigned: Not stated Date of Injury: 01/30/2009", [])
    assert dates["date_assigned"] is None
    assert dates["date_of_injury"] == dt.date(2009, 1, 30)
