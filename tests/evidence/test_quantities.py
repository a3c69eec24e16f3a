"""Dates and quantities written in records."""

from __future__ import annotations

import datetime as dt

import pytest

from openimr.evidence import quantities as q


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("seen on 10-19-16 for follow-up", dt.date(2016, 10, 19)),
        ("seen on 10/19/2016", dt.date(2016, 10, 19)),
        ("on November 10, 2016 he returned", dt.date(2016, 11, 10)),
        ("dated Nov. 3 2015", dt.date(2015, 11, 3)),
        ("on 3 March 2014", dt.date(2014, 3, 3)),
        ("an MRI in June 2012", dt.date(2012, 6, 1)),
        ("report 2016-05-06", dt.date(2016, 5, 6)),
        ("since 04/2015", dt.date(2015, 4, 1)),
        ("Norco 10/325 mg", None),
        ("VAS 7/10", None),
        ("on 13/45/2016", None),
    ],
)
def test_dates(text: str, expected: dt.date | None) -> None:
    assert q.parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PT 2x6", "12 visits (2x6)"),
        ("completed 12 sessions of therapy", "12 visits"),
        ("completed 6 of 12 acupuncture sessions", "6 of 12 visits"),
        ("has had six sessions", "6 visits"),
        ("chiropractic 3 x 4 weeks", "12 visits (3x4)"),
        ("no number here", None),
    ],
)
def test_visits(text: str, expected: str | None) -> None:
    assert q.visits(text) == expected


def test_pain_scores() -> None:
    assert q.pain_score("VAS 7/10") == "7/10"
    assert q.pain_score("pain 6 out of 10") == "6/10"
    assert q.pain_score("pain decreased from 8/10 to 4/10") == "8/10 -> 4/10"
    assert q.pain_score("strength 4/5") is None


def test_medication_dose_count_frequency_duration() -> None:
    assert q.medication("Norco", " 10/325 mg #60") == "Norco 10/325 mg #60"
    assert (
        q.medication("tramadol", " 50 mg twice a day for 3 months")
        == "tramadol 50 mg twice a day for 3 months"
    )
    assert q.medication("Lidoderm", " 5% patch") == "Lidoderm 5%"
    assert q.medication("Butrans", " 10 mcg/hr weekly") == "Butrans 10 mcg/hr"


def test_morphine_equivalent_roots_levels_strength() -> None:
    assert q.morphine_equivalent("MED is 90 mg/day") == "90"
    assert q.morphine_equivalent("total 120 MME") == "120"
    assert q.dermatomes("decreased in the L5 and S1 dermatomes") == ["L5", "S1"]
    assert q.dermatomes("disc at L4-5") == []
    assert q.spine_levels("protrusion at L4-5 and L5-S1, C5-C6") == ["L4-5", "L5-S1", "C5-6"]
    assert q.strength("EHL 4/5, quadriceps 4+/5, hip 5/5") == "4/5"
    assert q.severity("moderate foraminal stenosis at L4-5") == "moderate L4-5"
    assert q.work_status("temporarily totally disabled") == "TTD"
    assert q.uds_result("UDS consistent with prescribed medications") == "consistent"
