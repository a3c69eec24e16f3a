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


def parse_when(value: str | None, option: str) -> dt.datetime | dt.date | None:
    """ISO date (2014-01-10) or date-time (2014-01-10T17:45, naive = Pacific)."""
    if value is None:
        return None
    v = value.strip()
    try:
        if len(v) == 10:
            return dt.date.fromisoformat(v)
        return dt.datetime.fromisoformat(v.replace(" ", "T", 1))
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not an ISO date or date-time", param_hint=option
        ) from None


def parse_instant(value: str | None, option: str) -> dt.datetime | None:
    """Like :func:`parse_when` but always a moment (a date means noon Pacific)."""
    from openimr.process.business_days import load_calendar

    w = parse_when(value, option)
    if w is None:
        return None
    if not isinstance(w, dt.datetime):
        w = dt.datetime.combine(w, dt.time(12, 0))
    return load_calendar().local(w)
