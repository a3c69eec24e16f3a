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
    ) -> None:
        """Decide every bundle that has `expected` outcomes and print agreement figures."""
        from openimr.review.evaluation import evaluate_dir

        missing = [p for p in paths if not p.exists()]
        if missing:
            from openimr.errors import BundleError

            raise BundleError(str(missing[0]), "", "file not found")
        report = evaluate_dir(paths)
        if as_json:
            typer.echo(json.dumps(report.metrics(), indent=2))
        else:
            typer.echo(report.format(), nl=False)
        for failure in report.failures:  # a bad bundle is never skipped silently
            typer.echo(f"error: {failure}", err=True)
        if report.failures:
            raise SystemExit(2)  # not typer.Exit: cli.main() runs click non-standalone
