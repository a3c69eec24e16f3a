"""``openimr intake PACKET.pdf... [-o bundle.yaml]``: PDF packets or fax images to a bundle.

The bundle goes to ``-o`` (or stdout); a summary goes to stderr: pages read and OCR'd, the
documents found, and what the intake clerk must look at (pages that could not be read or
classified, fields to confirm). Exit 0 when the bundle is valid, 1 when a required field is
still missing (the bundle is written all the same, with the field listed to confirm).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from openimr.domain import CaseBundle
    from openimr.intake.packets import PacketIntake


def _pages(pages: list[int]) -> str:
    if not pages:
        return ""
    if len(pages) == 1:
        return f"p. {pages[0]}"
    if pages == list(range(pages[0], pages[-1] + 1)):
        return f"pp. {pages[0]}-{pages[-1]}"
    return "pp. " + ", ".join(str(p) for p in pages)


def summary(result: PacketIntake, verbose: bool = False) -> list[str]:
    """The lines intake prints for the clerk."""
    rep = result.report
    lines = [f"{rep.pages} pages read ({rep.ocr_pages} by OCR), "
             f"{len(result.documents)} documents: " + ", ".join(
                 f"{n} {t}" for t, n in Counter(d.label for d in result.documents).most_common())]
    if verbose:
        for i, d in enumerate(result.documents):
            conf = d.min_confidence
            lines.append(
                f"  {result.record_ids.get(i, '(no text)'):<24} {d.label:<26} "
                f"{d.date or 'undated'}  {d.author or '-':<22} {Path(d.file).name} "
                f"{_pages(d.page_numbers)}" + (f"  OCR {conf:.0f}" if conf is not None else ""))
    for issue in rep.issues:
        where = f"{issue.file} {_pages(issue.pages)}: " if issue.file else ""
        lines.append(f"check: {issue.kind}: {where}{issue.detail}")
    for c in rep.confirm:
        where = f" ({c.file} p. {c.page})" if c.file else ""
        value = c.value if c.value is None or len(c.value) <= 60 else c.value[:57] + "..."
        lines.append(f"confirm: {c.field} = {value!r}: {c.reason}{where}")
    if result.problem:
        lines.append(f"not valid yet: {result.problem}")
    return lines


def load_case(inputs: list[Path]) -> CaseBundle:
    """A case from a bundle file, a FHIR Bundle (.json), or PDF packets and folders.

    Packets are read as ``openimr intake`` reads them; the clerk's list goes to stderr, and a
    packet that does not yet make a valid bundle is refused (exit 2) naming the missing field.
    """
    import json

    from openimr.errors import BundleError
    from openimr.intake import load_bundle

    if len(inputs) == 1 and inputs[0].suffix.lower() in (".yaml", ".yml", ".json"):
        path = inputs[0]
        if path.suffix.lower() == ".json":
            try:
                head = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                head = None
            if isinstance(head, dict) and head.get("resourceType") == "Bundle":
                from openimr.intake.fhir import read_fhir
                from openimr.intake.loader import parse_bundle

                data, _ = read_fhir(head, str(path))
                return parse_bundle(data, str(path), path.parent)
        return load_bundle(path)
    from openimr.intake.packets import intake_packets

    result = intake_packets(inputs, progress=True)
    for line in summary(result):
        typer.echo(line, err=True)
    if result.bundle is None:
        raise BundleError(str(inputs[0]), "", f"the packet is not a valid case yet: "
                          f"{result.problem} (run 'openimr intake' and confirm the fields)")
    return result.bundle


def register(app: typer.Typer) -> None:
    @app.command("intake")
    def intake_cmd(
        packets: Annotated[
            list[Path],
            typer.Argument(help="PDF packets or fax images (TIFF, PNG, JPEG), or folders."),
        ],
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Write the bundle here (YAML).")
        ] = None,
        case_number: Annotated[
            str | None, typer.Option("--case-number", help="The IMR case number, if known.")
        ] = None,
        no_ocr: Annotated[
            bool, typer.Option("--no-ocr", help="Do not OCR pages without a text layer.")
        ] = False,
        workers: Annotated[
            int | None, typer.Option("--workers", help="OCR processes (default: one per core).")
        ] = None,
        verbose: Annotated[
            bool, typer.Option("--verbose", "-v", help="List every document found.")
        ] = False,
    ) -> None:
        """Read IMR packets (application, UR letter, RFA, records) into a case bundle."""
        from openimr.intake.packets import intake_packets

        result = intake_packets(
            packets, case_number=case_number, out_dir=output.parent if output else Path.cwd(),
            ocr=not no_ocr, workers=workers, progress=True,
        )
        if output is not None:
            result.write(output)
        else:
            typer.echo(result.yaml(), nl=False)
        for line in summary(result, verbose):
            typer.echo(line, err=True)
        if output is not None:
            typer.echo(f"wrote {output}", err=True)
        if result.problem:
            raise typer.Exit(1)
