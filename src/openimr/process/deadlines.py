"""IMR deadlines: when the application, the notice, the records and the determination are due.

The rules are data (``data/deadlines.yaml``); this module counts them on the business-day
calendar (``business_days.py``): business vs calendar days, the 5:30 pm receipt rule for
electronic receipts, 5 extra days when the starting document was mailed, and a calendar-day
deadline that lands on a weekend or holiday moving to the next business day.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from openimr.datafiles import load_model
from openimr.process.business_days import BusinessCalendar, load_calendar

RULES_FILE = Path(__file__).parent / "data" / "deadlines.yaml"
Clock = Literal["application", "notice", "records", "decision"]
Unit = Literal["calendar days", "business days", "hours"]


class When(BaseModel):
    model_config = ConfigDict(extra="forbid")

    priority: Literal["standard", "expedited"] | None = None
    notice_method: Literal["mail", "electronic"] | None = None
    formulary: bool | None = None


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    clock: Clock
    label: str
    when: When = Field(default_factory=When)
    start: str = Field(alias="from")
    amount: int = Field(gt=0)
    unit: Unit
    roll: bool = False
    mail_extension_days: int = Field(default=0, ge=0)
    source: str

    @model_validator(mode="after")
    def _roll_only_for_calendar_days(self) -> Rule:
        if self.roll and self.unit != "calendar days":
            raise ValueError("roll: only calendar-day rules can roll to a business day")
        return self


class Rules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["openimr-deadlines/1"]
    rules: list[Rule] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_clock_has_a_fallback(self) -> Rules:
        for clock in ("application", "notice", "records", "decision"):
            mine = [r for r in self.rules if r.clock == clock]
            if not mine or mine[-1].when != When():
                raise ValueError(f"rules: clock '{clock}' needs a last rule without 'when'")
        return self


@lru_cache(maxsize=2)
def load_rules(path: Path | None = None) -> Rules:
    return load_model(Rules, path or RULES_FILE)


@dataclass(frozen=True)
class Deadline:
    """One computed deadline, with the rule and the counting that produced it."""

    clock: Clock
    label: str
    start: dt.date | dt.datetime  # the event as given
    start_day: dt.date  # the day counting starts from (after the 5:30 pm rule)
    due: dt.date | dt.datetime  # a date (end of that day) or, for hour rules, a datetime
    explanation: str
    source: str

    @property
    def due_day(self) -> dt.date:
        return self.due.date() if isinstance(self.due, dt.datetime) else self.due

    def days_left(self, today: dt.date) -> int:
        """Calendar days from ``today`` to the due day (0: due today, negative: overdue)."""
        return (self.due_day - today).days

    def overdue(self, now: dt.datetime | dt.date) -> bool:
        if isinstance(self.due, dt.datetime) and isinstance(now, dt.datetime):
            cal = load_calendar()
            return cal.local(now) > cal.local(self.due)
        today = now.date() if isinstance(now, dt.datetime) else now
        return today > self.due_day


def select_rule(
    clock: Clock,
    priority: str = "standard",
    notice_method: str | None = None,
    formulary: bool = False,
    rules: Rules | None = None,
) -> Rule:
    """The first rule of ``clock`` whose conditions all hold."""
    for r in (rules or load_rules()).rules:
        if r.clock != clock:
            continue
        w = r.when
        if w.priority is not None and w.priority != priority:
            continue
        if w.notice_method is not None and w.notice_method != notice_method:
            continue
        if w.formulary is not None and w.formulary != formulary:
            continue
        return r
    raise LookupError(clock)  # unreachable: Rules guarantees a fallback


def apply_rule(
    rule: Rule,
    start: dt.date | dt.datetime,
    *,
    electronic: bool = True,
    mailed: bool = False,
    cal: BusinessCalendar | None = None,
) -> Deadline:
    """Count ``rule`` from ``start``.

    ``electronic``: the start is an electronic receipt, so the 5:30 pm / non-business-day
    rule moves it; ``mailed``: the start document was served by mail (adds the rule's
    ``mail_extension_days``).
    """
    c = cal or load_calendar()
    day = c.receipt_day(start, electronic=electronic)
    moved = (
        f" (received {start:%Y-%m-%d %H:%M}, counted from {day})"
        if day != (start.date() if isinstance(start, dt.datetime) else start)
        else ""
    )
    if rule.unit == "hours":
        if isinstance(start, dt.datetime):
            due: dt.date | dt.datetime = c.local(start) + dt.timedelta(hours=rule.amount)
        else:
            due = day + dt.timedelta(days=math.ceil(rule.amount / 24))
        how = f"{rule.amount} hours after {rule.start}"
        moved = ""  # hours run from the moment itself, not from a business day
    elif rule.unit == "business days":
        due = c.add_business_days(day, rule.amount)
        how = f"{rule.amount} business days after {rule.start}"
    else:
        extra = rule.mail_extension_days if mailed else 0
        raw = day + dt.timedelta(days=rule.amount + extra)
        due = c.on_or_after(raw) if rule.roll else raw
        how = f"{rule.amount} calendar days after {rule.start}"
        if extra:
            how += f", plus {extra} days for service by mail"
        if due != raw:
            why = c.holiday(raw) or raw.strftime("%A")
            how += f"; {raw} is not a business day ({why}), so the next one"
    return Deadline(rule.clock, rule.label, start, day, due, how + moved, rule.source)


def application_deadline(
    ur_served: dt.date, mailed: bool, cal: BusinessCalendar | None = None
) -> Deadline:
    """Last day to file the IMR application after service of the UR decision."""
    return apply_rule(
        select_rule("application"), ur_served, electronic=False, mailed=mailed, cal=cal
    )


def notice_deadline(
    eligible_at: dt.date | dt.datetime, cal: BusinessCalendar | None = None
) -> Deadline:
    """The notice of assignment is due one business day after the eligibility decision."""
    return apply_rule(select_rule("notice"), eligible_at, cal=cal)


def records_deadline(
    notice_sent: dt.date | dt.datetime,
    notice_method: Literal["mail", "electronic"],
    priority: str = "standard",
    cal: BusinessCalendar | None = None,
) -> Deadline:
    """Records are due 15 days after a mailed notice, 12 after an electronic one, 24 h expedited."""
    rule = select_rule("records", priority=priority, notice_method=notice_method)
    return apply_rule(rule, notice_sent, electronic=notice_method == "electronic", cal=cal)


def decision_deadline(
    records_received: dt.date | dt.datetime,
    priority: str = "standard",
    formulary: bool = False,
    cal: BusinessCalendar | None = None,
) -> Deadline:
    """Determination due 30 days after the records (3 days expedited, 5 working days formulary)."""
    rule = select_rule("decision", priority=priority, formulary=formulary)
    return apply_rule(rule, records_received, cal=cal)
