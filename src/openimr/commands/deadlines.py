"""``openimr deadlines``: open cases by urgency, overdue first, with days left."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import Annotated

import typer

from openimr.commands._process_common import DbOption, parse_instant


class Fmt(StrEnum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    @app.command("deadlines")
    def deadlines_cmd(
        db: DbOption = None,
        now: Annotated[
            str | None, typer.Option("--now", help="Judge as of this ISO date/time (Pacific).")
        ] = None,
        format: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.text,
    ) -> None:
        """List open cases by urgency: overdue first, then fewest days left."""
        from openimr.process.cases import CaseService

        when = parse_instant(now, "--now", future_ok=True) or dt.datetime.now(dt.UTC)
        rows = CaseService(db).deadlines(when)
        if format is Fmt.json:
            typer.echo(json.dumps([r.to_dict() for r in rows], indent=2))
            return
        if not rows:
            typer.echo("no open case has a running clock")
            return
        typer.echo(f"{'case':<16} {'state':<17} {'priority':<9} {'due':<16} {'left':>5}  deadline")
        for r in rows:
            due = r.deadline.due
            due_s = due.strftime("%Y-%m-%d %H:%M") if isinstance(due, dt.datetime) else str(due)
            left = "OVERDUE" if r.overdue else f"{r.days_left}d"
            typer.echo(
                f"{r.case_number:<16} {r.state:<17} {r.priority:<9} {due_s:<16} {left:>5}  "
                f"{r.deadline.label}"
            )
