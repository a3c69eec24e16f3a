"""Options and parsing shared by the case, eligibility and deadlines commands."""

from __future__ import annotations

import datetime as dt
import getpass
import os
from typing import Annotated

import typer

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Database URL (default: $OPENIMR_DATABASE_URL, else ~/.openimr SQLite)."
    ),
]
ActorOption = Annotated[
    str | None,
    typer.Option("--actor", help="Who acts, for the audit log (default: $OPENIMR_ACTOR or user)."),
]
AtOption = Annotated[
    str | None,
    typer.Option("--at", help="When it happens, ISO date/time in Pacific time (default: now)."),
]


def actor_name(actor: str | None) -> str:
    return actor or os.environ.get("OPENIMR_ACTOR") or getpass.getuser()


EARLIEST_YEAR = 1990  # IMR began in 2013; nothing before this is a date of this process
LATEST_YEAR = 2100  # for --now; deadlines are counted on holiday calendars up to here


def parse_when(
    value: str | None, option: str, future_ok: bool = False
) -> dt.datetime | dt.date | None:
    """ISO date (2014-01-10) or date-time (2014-01-10T17:45, naive = Pacific).

    Something that happened (``--at``, ``--received``) cannot be in the future; every date
    lies between 1990 and 2100, so no calendar arithmetic overflows.
    """
    if value is None:
        return None
    v = value.strip()
    try:
        if len(v) == 10:
            when: dt.datetime | dt.date = dt.date.fromisoformat(v)
        else:
            when = dt.datetime.fromisoformat(v.replace(" ", "T", 1))
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not an ISO date or date-time", param_hint=option
        ) from None
    if not EARLIEST_YEAR <= when.year <= LATEST_YEAR:
        raise typer.BadParameter(
            f"{value!r} is outside {EARLIEST_YEAR}-{LATEST_YEAR}", param_hint=option
        )
    if not future_ok:
        day = when.date() if isinstance(when, dt.datetime) else when
        # a day of grace: Pacific dates run behind the machine's clock, never ahead of it
        if day > dt.date.today() + dt.timedelta(days=1):
            raise typer.BadParameter(
                f"{value!r} is in the future (it records something that has happened)",
                param_hint=option,
            )
    return when


def parse_instant(value: str | None, option: str, future_ok: bool = False) -> dt.datetime | None:
    """Like :func:`parse_when` but always a moment (a date means noon Pacific)."""
    from openimr.process.business_days import load_calendar

    w = parse_when(value, option, future_ok)
    if w is None:
        return None
    if not isinstance(w, dt.datetime):
        w = dt.datetime.combine(w, dt.time(12, 0))
    try:
        return load_calendar().local(w)
    except (ValueError, OverflowError) as exc:
        raise typer.BadParameter(f"{value!r}: {exc}", param_hint=option) from None
