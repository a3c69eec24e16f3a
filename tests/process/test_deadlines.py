import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openimr.process.business_days import load_calendar
from openimr.process.deadlines import (
    application_deadline,
    decision_deadline,
    load_rules,
    notice_deadline,
    records_deadline,
    select_rule,
)

D = dt.date
T = dt.datetime
PT = ZoneInfo("America/Los_Angeles")


@pytest.mark.parametrize(
    ("served", "mailed", "due", "why"),
    [
        (D(2013, 11, 8), True, D(2013, 12, 13), "35 days with mail, a Friday"),
        (D(2013, 11, 8), False, D(2013, 12, 9), "30 days land on Sunday -> Monday"),
        (D(2014, 6, 4), False, D(2014, 7, 7), "Independence Day (Fri) -> Monday"),
        (D(2013, 10, 29), False, D(2013, 12, 2), "Thanksgiving, day after, weekend"),
        (D(2014, 3, 1), False, D(2014, 4, 1), "Cesar Chavez Day 3/31 -> 4/1"),
        (D(2013, 12, 2), True, D(2014, 1, 6), "35 days -> Sat 1/4 -> Mon 1/6"),
    ],
)
def test_application_window(served: D, mailed: bool, due: D, why: str) -> None:
    assert application_deadline(served, mailed).due == due, why


@pytest.mark.parametrize(
    ("sent", "method", "priority", "due"),
    [
        (D(2013, 12, 30), "mail", "standard", D(2014, 1, 14)),  # 15 days
        (T(2013, 12, 30, 10, 0), "electronic", "standard", D(2014, 1, 13)),  # 12 -> Sat -> Mon
        (T(2014, 1, 9, 17, 29), "electronic", "standard", D(2014, 1, 21)),  # before 5:30 pm
        (T(2014, 1, 9, 17, 30), "electronic", "standard", D(2014, 1, 22)),  # 5:30 pm: next day
        (T(2014, 1, 10, 17, 45), "electronic", "standard", D(2014, 1, 27)),  # Fri eve -> Mon
        (T(2014, 1, 11, 9, 0), "electronic", "standard", D(2014, 1, 27)),  # Saturday -> Mon
        # the 5:30 pm rule is for electronic receipt; a mailed notice counts from its date
        (T(2014, 1, 9, 19, 0), "mail", "standard", D(2014, 1, 24)),
    ],
)
def test_records_due(sent: D | T, method: str, priority: str, due: D) -> None:
    got = records_deadline(sent, method, priority)  # type: ignore[arg-type]
    assert got.due == due, got.explanation


def test_records_due_expedited_is_24_hours_even_over_a_weekend() -> None:
    got = records_deadline(T(2014, 1, 10, 9, 0), "electronic", "expedited")
    assert got.due == T(2014, 1, 11, 9, 0, tzinfo=PT)
    assert got.overdue(T(2014, 1, 11, 9, 1)) and not got.overdue(T(2014, 1, 11, 8, 59))
    assert records_deadline(D(2014, 1, 10), "mail", "expedited").due == D(2014, 1, 11)


@pytest.mark.parametrize(
    ("received", "priority", "formulary", "due"),
    [
        (D(2014, 1, 10), "standard", False, D(2014, 2, 10)),  # 30 -> Sun -> Mon
        (D(2014, 1, 2), "standard", False, D(2014, 2, 3)),  # 30 -> Sat 2/1 -> Mon
        (D(2014, 1, 9), "expedited", False, D(2014, 1, 12)),  # 3 calendar days, no roll
        (T(2014, 1, 10, 17, 45), "standard", True, D(2014, 1, 21)),  # Mon 1/13 + 5; MLK
        (D(2014, 3, 27), "standard", True, D(2014, 4, 4)),  # Cesar Chavez Day skipped
        (D(2013, 11, 25), "standard", True, D(2013, 12, 4)),  # Thanksgiving + day after
        (D(2014, 1, 10), "expedited", True, D(2014, 1, 13)),  # expedited rule comes first
    ],
)
def test_decision_due(received: D | T, priority: str, formulary: bool, due: D) -> None:
    got = decision_deadline(received, priority, formulary)
    assert got.due == due, got.explanation


def test_notice_due_one_business_day() -> None:
    assert notice_deadline(D(2013, 11, 27)).due == D(2013, 12, 2)
    assert notice_deadline(T(2014, 1, 13, 18, 0)).due == D(2014, 1, 15)


@pytest.mark.parametrize(
    ("when", "day"),
    [
        (T(2014, 1, 9, 17, 29, 59), D(2014, 1, 9)),
        (T(2014, 1, 9, 17, 30), D(2014, 1, 10)),
        (T(2014, 1, 10, 1, 0, tzinfo=dt.UTC), D(2014, 1, 9)),  # 5 pm Pacific, before cutoff
        (T(2014, 1, 10, 2, 0, tzinfo=dt.UTC), D(2014, 1, 10)),  # 6 pm Pacific
        (T(2014, 1, 18, 10, 0), D(2014, 1, 21)),  # Saturday of MLK weekend -> Tuesday
        (D(2014, 1, 18), D(2014, 1, 18)),  # a bare date is taken as given
    ],
)
def test_receipt_day_530_rule(when: D | T, day: D) -> None:
    assert load_calendar().receipt_day(when) == day


def test_calendar_holidays() -> None:
    cal = load_calendar()
    assert not cal.is_business_day(D(2013, 11, 29))  # day after Thanksgiving
    assert not cal.is_business_day(D(2014, 3, 31))  # Cesar Chavez Day
    assert not cal.is_business_day(D(2013, 4, 1))  # Cesar Chavez Day observed
    assert cal.is_business_day(D(2024, 2, 15))  # Susan B. Anthony Day: no closure
    assert cal.business_days_between(D(2014, 1, 17), D(2014, 1, 21)) == 1


def test_every_clock_has_a_rule_and_sources() -> None:
    rules = load_rules()
    assert {r.clock for r in rules.rules} == {"application", "notice", "records", "decision"}
    assert all(r.source for r in rules.rules)
    assert select_rule("records", notice_method="mail").amount == 15
    assert select_rule("records", notice_method="electronic").amount == 12


@settings(max_examples=300, deadline=None)
@given(
    start=st.datetimes(min_value=T(2013, 1, 1), max_value=T(2030, 12, 31)),
    formulary=st.booleans(),
    method=st.sampled_from(["mail", "electronic"]),
)
def test_property_business_day_rules_never_end_on_a_non_business_day(
    start: T, formulary: bool, method: str
) -> None:
    cal = load_calendar()
    checks = [
        notice_deadline(start),
        decision_deadline(start, "standard", formulary),
        records_deadline(start, method, "standard"),  # type: ignore[arg-type]
        application_deadline(start.date(), method == "mail"),
    ]
    for d in checks:  # each counts business days or rolls a calendar-day end forward
        assert cal.is_business_day(d.due_day), d
        assert d.due_day > d.start_day
    # a formulary clock is exactly 5 business days after its start day
    if formulary:
        d = decision_deadline(start, "standard", True)
        assert cal.business_days_between(d.start_day, d.due_day) == 5
