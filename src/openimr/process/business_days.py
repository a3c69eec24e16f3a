"""The business-day calendar the IMR clocks count in: weekends and California state holidays.

Counting follows the rules the statute and regulations use (see ``deadlines.py``): day N
after an event is counted from the day after it; a business-day count skips weekends and
holidays; a calendar-day deadline that lands on a weekend or holiday moves to the next
business day (Code of Civil Procedure 12a); an electronic receipt after 5:30 pm, or on a
non-business day, counts as received the next business day.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

import holidays
from pydantic import BaseModel, ConfigDict, Field, field_validator

from openimr.datafiles import load_model

CALENDAR_FILE = Path(__file__).parent / "data" / "calendar.yaml"


class CalendarConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["openimr-calendar/1"]
    country: str
    subdivision: str
    timezone: str
    cutoff: str = Field(pattern=r"^\d{2}:\d{2}$")
    not_business_holidays: list[str] = Field(default_factory=list)
    extra_holidays: list[dt.date] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _tz_exists(cls, v: str) -> str:
        ZoneInfo(v)
        return v


class BusinessCalendar:
    """Weekends plus the configured holidays; all dates are local (Pacific) dates."""

    def __init__(self, config: CalendarConfig) -> None:
        self.config = config
        self.tz = ZoneInfo(config.timezone)
        h, m = (int(x) for x in config.cutoff.split(":"))
        self.cutoff = dt.time(h, m)
        self._years: set[int] = set()
        self._days: dict[dt.date, str] = {}

    def _load(self, year: int) -> None:
        if year in self._years:
            return
        cal = holidays.country_holidays(
            self.config.country, subdiv=self.config.subdivision, years=[year]
        )
        skip = set(self.config.not_business_holidays)
        for day, name in cal.items():
            names = [n.strip() for n in str(name).split(";")]
            kept = [n for n in names if n not in skip]
            if kept:
                self._days[day] = "; ".join(kept)
        for day in self.config.extra_holidays:
            if day.year == year:
                self._days.setdefault(day, "extra holiday")
        self._years.add(year)

    def holiday(self, day: dt.date) -> str | None:
        """The holiday's name when ``day`` is a holiday, else None."""
        self._load(day.year)
        return self._days.get(day)

    def is_business_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and self.holiday(day) is None

    def next_business_day(self, day: dt.date) -> dt.date:
        """The first business day strictly after ``day``."""
        d = day + dt.timedelta(days=1)
        while not self.is_business_day(d):
            d += dt.timedelta(days=1)
        return d

    def on_or_after(self, day: dt.date) -> dt.date:
        """``day`` if it is a business day, else the next one (CCP 12a)."""
        return day if self.is_business_day(day) else self.next_business_day(day)

    def add_business_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th business day after ``day`` (counting starts the day after)."""
        if n < 0:
            raise ValueError("n must be >= 0")
        d = day
        for _ in range(n):
            d = self.next_business_day(d)
        return d

    def add_calendar_days(self, day: dt.date, n: int, roll: bool = True) -> dt.date:
        """``day`` + n calendar days; with ``roll`` a weekend/holiday end moves forward."""
        end = day + dt.timedelta(days=n)
        return self.on_or_after(end) if roll else end

    def business_days_between(self, start: dt.date, end: dt.date) -> int:
        """Business days after ``start`` up to and including ``end`` (negative if end<start)."""
        if end < start:
            return -self.business_days_between(end, start)
        n, d = 0, start
        while d < end:
            d += dt.timedelta(days=1)
            if self.is_business_day(d):
                n += 1
        return n

    def local(self, when: dt.datetime) -> dt.datetime:
        """``when`` in Pacific time (naive datetimes are taken as already Pacific)."""
        if when.tzinfo is None:
            return when.replace(tzinfo=self.tz)
        return when.astimezone(self.tz)

    def receipt_day(self, when: dt.datetime | dt.date, electronic: bool = True) -> dt.date:
        """The day a document counts as received.

        Electronic receipt (fax, e-mail, upload) after the 5:30 pm cutoff, or on a weekend
        or holiday, counts as the next business day. A bare date is taken as given.
        """
        if not isinstance(when, dt.datetime):
            return when
        local = self.local(when)
        day = local.date()
        if not electronic:
            return day
        if not self.is_business_day(day) or local.time() >= self.cutoff:
            return self.next_business_day(day)
        return day


@lru_cache(maxsize=4)
def load_calendar(path: Path | None = None) -> BusinessCalendar:
    """The packaged calendar (or one from ``path``)."""
    return BusinessCalendar(load_model(CalendarConfig, path or CALENDAR_FILE))
