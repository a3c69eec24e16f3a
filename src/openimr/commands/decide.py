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
    fhir = "fhir"  # a FHIR R4 ClaimResponse with the letter as a DocumentReference


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
        from openimr.letters import render

        case = load_bundle(bundle)
        determination = decide(case, panel=panel)
        data = render(determination, format.value)
        if output is not None:
            output.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
            typer.echo(f"wrote {output}", err=True)
        elif isinstance(data, bytes):
            if sys.stdout.isatty():
                raise typer.BadParameter("PDF output needs -o FILE (or a pipe)", param_hint="-o")
            sys.stdout.buffer.write(data)
        else:
            typer.echo(data, nl=not data.endswith("\n"))
