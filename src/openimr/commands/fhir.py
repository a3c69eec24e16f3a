"""``openimr fhir import|export``: FHIR R4 bundles in, case bundles out (placeholder)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
