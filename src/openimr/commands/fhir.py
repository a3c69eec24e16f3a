"""``openimr fhir import|export``: FHIR R4 Bundles to case bundles and back.

``openimr decide BUNDLE --format fhir`` writes the determination as a FHIR ClaimResponse.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

fhir_app = typer.Typer(help="FHIR R4: case bundles from FHIR Bundles, and back.",
                       no_args_is_help=True)


@fhir_app.command("import")
def import_cmd(
    source: Annotated[Path, typer.Argument(help="A FHIR R4 Bundle (JSON).")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the case bundle here (YAML).")
    ] = None,
) -> None:
    """Read a FHIR Bundle (Patient, Claim/ServiceRequest, ClaimResponse, notes...) as a case."""
    from openimr.intake.fhir import import_fhir
    from openimr.intake.loader import parse_bundle
    from openimr.intake.packets.bundle_yaml import dump_bundle

    data, report = import_fhir(source)
    text = dump_bundle(data)
    if output is not None:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output}", err=True)
    else:
        typer.echo(text, nl=False)
    for issue in report.issues:
        typer.echo(f"check: {issue.kind}: {issue.detail}", err=True)
    for c in report.confirm:
        typer.echo(f"confirm: {c.field} = {c.value!r}: {c.reason}", err=True)
    parse_bundle(data, str(source))  # a bundle that breaks the contract: one line, exit 2


@fhir_app.command("export")
def export_cmd(
    bundle: Annotated[Path, typer.Argument(help="Case bundle (YAML or JSON).")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the FHIR Bundle here.")
    ] = None,
) -> None:
    """Write a case bundle as a FHIR R4 Bundle (validated with the fhir.resources models)."""
    from openimr import load_bundle
    from openimr.intake.fhir import case_to_fhir

    text = json.dumps(case_to_fhir(load_bundle(bundle)), indent=2, ensure_ascii=False) + "\n"
    if output is not None:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output}", err=True)
    else:
        typer.echo(text, nl=False)


def register(app: typer.Typer) -> None:
    app.add_typer(fhir_app, name="fhir")
