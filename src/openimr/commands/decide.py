"""``openimr decide BUNDLE``: the Final Determination for a case bundle."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Format(StrEnum):
    text = "text"
    html = "html"
    pdf = "pdf"
    json = "json"


def register(app: typer.Typer) -> None:
    @app.command("decide")
    def decide_cmd(
        bundle: Annotated[Path, typer.Argument(help="Case bundle (YAML or JSON).")],
        format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = (
            Format.text
        ),
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
        ] = None,
        panel: Annotated[
            Path | None, typer.Option("--panel", help="Reviewer panel YAML (default: bundled).")
        ] = None,
    ) -> None:
        """Decide every disputed item of BUNDLE and write the Final Determination Letter."""
        from openimr import decide, load_bundle
        from openimr.commands._output import check_output_path, write_output
        from openimr.letters import render

        if output is not None:
            check_output_path(output, "-o")  # before the work, not after it
        elif format is Format.pdf and sys.stdout.isatty():
            raise typer.BadParameter("PDF output needs -o FILE (or a pipe)", param_hint="-o")
        case = load_bundle(bundle)
        if panel is not None:
            from openimr.reviewers.panel import load_panel

            load_panel(panel)  # a bad panel file is refused before the records are read
        determination = decide(case, panel=panel)
        data = render(determination, format.value)
        if output is not None:
            write_output(output, data, "-o")
            typer.echo(f"wrote {output}", err=True)
        elif isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            typer.echo(data, nl=not data.endswith("\n"))
