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


def _dates_by_finditer(text: str) -> list[tuple[int, int, dt.date]]:
    """find_dates with every expression searched by ``finditer`` over the whole text."""
    from openimr.evidence import quantities

    real = quantities._finditer
    try:
        quantities._finditer = lambda rx, text, shared=None: rx.finditer(text)  # type: ignore[assignment]
        return quantities.find_dates(text)
    finally:
        quantities._finditer = real


def _long_texts() -> list[str]:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from fictional_records import record  # type: ignore[import-not-found]

    dense = (
        "Seen on Nov 10, 2016 and 10 November 2016; next visit December 2016 or 12/2016. "
        "Dates 2016-11-10, 11/10/16, 11-10-2016, 1/2/2016/3, 11/10/16-2, Sept. 3, 2015, "
        "decision of oct 2016, may  2, 2014 (may 2\n2014), 3rd   March 2015, 13/2016, 0/2016. "
        "Odd separators: 1-/2/2016, -5/6/2016, 12--2016, 2016-1-2, 2016--11-10, 3/-4/2016, "
        "1/2-2016, 11/10/2016/, x11-10-16, 7/2016-8/2016, 2015-2016, 1/2016. "
    )
    return [
        record(8, seed=3, clinical=0.1),
        record(8, seed=4, clinical=1.0),
        dense * 40,
        (dense + "Caf\u00e9 on Nov 10, 2016. ") * 30,  # not ASCII: finditer
        "Fax 555-0134, claim ADJ1234567, amount 1,250.00, page 3-4, received 3/4/2016. " * 60,
    ]


def test_dates_of_long_texts_are_finditers() -> None:
    """A long text's date expressions share their look-ups (quantities._shared) and give
    the dates ``finditer`` gives."""
    from openimr.evidence.regex_scan import SHORT

    for text in _long_texts():
        assert len(text) >= SHORT
        want = _dates_by_finditer(text)
        assert want, text[:60]
        assert q.find_dates(text) == want, text[:60]
