"""``openimr eval DIR...``: agreement with real reviewers on bundles with expected outcomes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_cmd(
        paths: Annotated[list[Path], typer.Argument(help="Bundles or folders of bundles.")],
        as_json: Annotated[bool, typer.Option("--json", help="Metrics as JSON.")] = False,
        split: Annotated[
            bool,
            typer.Option(
                "--split/--all",
                help="Report the earlier two thirds of the letters by decision date (tuning) "
                "and the later third as held out, whose disagreements are not listed.",
            ),
        ] = True,
    ) -> None:
        """Decide every bundle that has `expected` outcomes and print agreement figures beside
        those of upholding everything; undetermined items count as wrong."""
        from openimr.evaluation import evaluate_dir

        missing = [p for p in paths if not p.exists()]
        if missing:
            from openimr.errors import BundleError

            raise BundleError(str(missing[0]), "", "file not found")
        report = evaluate_dir(paths, progress=True)  # a bar on a terminal only
        if as_json:
            tune, held = report.split()
            out = {"all": report.metrics(), "baseline": report.baseline()}
            if split:
                out |= {"tuning": tune.metrics(), "held_out": held.metrics()}
            typer.echo(json.dumps(out, indent=2))
        else:
            typer.echo(report.format(part="split" if split else "all"), nl=False)
        for failure in report.failures:  # a bad bundle is never skipped silently
            typer.echo(f"error: {failure}", err=True)
        if report.failures:
            raise SystemExit(2)  # not typer.Exit: cli.main() runs click non-standalone
