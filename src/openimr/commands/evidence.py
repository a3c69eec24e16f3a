"""``openimr evidence BUNDLE``: the findings the evidence stage reads from a bundle's records."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from openimr.evidence import EvidenceSet


class Format(StrEnum):
    table = "table"
    json = "json"


_COLUMNS = [
    ("record", 14),
    ("date", 10),
    ("code", 28),
    ("assertion", 12),
    ("obs", 10),
    ("region", 15),
    ("side", 9),
    ("value", 22),
    ("q", 1),
    ("text", 40),
]


def _cut(s: str, width: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "\u2026"


def render_table(ev: EvidenceSet) -> str:
    """One line per finding, fixed-width columns; pages needing OCR listed at the end."""
    lines = ["  ".join(name.ljust(w) for name, w in _COLUMNS).rstrip()]
    for f in ev.findings:
        row = [
            f.record_id,
            str(f.when or ""),
            f.code,
            f.assertion,
            f.observation,
            f.region or "",
            f.laterality or "",
            f.value or "",
            "Q" if f.quoted else "",
            f.text,
        ]
        lines.append(
            "  ".join(_cut(v, w).ljust(w) for v, (_, w) in zip(row, _COLUMNS, strict=True)).rstrip()
        )
    lines.append(f"{len(ev.findings)} findings, {len(ev.codes())} codes")
    for rec, page in ev.needs_ocr:
        lines.append(f"record {rec}: page {page} has no text layer (needs OCR)")
    return "\n".join(lines)


def render_json(ev: EvidenceSet) -> str:
    data = {
        "findings": [f.model_dump(mode="json") for f in ev.findings],
        "needs_ocr": [{"record": r, "page": p} for r, p in ev.needs_ocr],
    }
    return json.dumps(data, indent=2)


def register(app: typer.Typer) -> None:
    @app.command("evidence")
    def evidence_cmd(
        bundle: Annotated[Path, typer.Argument(help="Case bundle (YAML or JSON).")],
        format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = (
            Format.table
        ),
        code: Annotated[
            str | None, typer.Option("--code", help="Only this code (or its sub-codes).")
        ] = None,
    ) -> None:
        """Print the clinical findings of BUNDLE's records: assertion, time, region, spans."""
        from openimr import load_bundle
        from openimr.evidence import extract

        ev = extract(load_bundle(bundle))
        if code is not None:
            ev.findings = [
                f for f in ev.findings if f.code == code or f.code.startswith(code + ".")
            ]
        typer.echo(render_json(ev) if format is Format.json else render_table(ev))
