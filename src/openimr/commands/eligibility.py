"""``openimr eligibility BUNDLE``: screen an IMR application; every failing reason named."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Fmt(StrEnum):
    text = "text"
    json = "json"


_MARK = {"pass": "ok  ", "fail": "FAIL", "unknown": "??  "}


def register(app: typer.Typer) -> None:
    @app.command("eligibility")
    def eligibility_cmd(
        bundles: Annotated[list[Path], typer.Argument(help="Case bundle(s), YAML or JSON.")],
        format: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.text,
    ) -> None:
        """Screen application(s): signed, timely, UR letter attached, not conditional, not
        already decided, a treatment dispute. Exit 0 when all are eligible, 1 otherwise."""
        from openimr.errors import OpenIMRError
        from openimr.intake import load_bundle
        from openimr.process.eligibility import check_eligibility

        all_ok = True
        bad_file = False
        for path in bundles:
            try:
                result = check_eligibility(load_bundle(path))
            except OpenIMRError as exc:  # a batch keeps going past a bad file
                typer.echo(f"error: {exc}", err=True)
                bad_file = True
                continue
            all_ok &= result.outcome == "eligible"
            if format is Fmt.json:
                typer.echo(json.dumps(result.to_dict(), indent=2))
                continue
            typer.echo(f"{result.case_number}: {result.outcome.upper()}")
            for c in result.checks:
                typer.echo(f"  {_MARK[c.status]} {c.code}: {c.reason}")
            for rid, why in result.ineligible_requests.items():
                typer.echo(f"  request {rid} left out: {why}")
        if bad_file:
            raise SystemExit(2)  # not typer.Exit: cli.main() runs click non-standalone
        if not all_ok:
            raise SystemExit(1)  # not typer.Exit: cli.main() runs click non-standalone
