"""Case files as IMR organisations receive them: PDF packets to a case bundle.

``intake_packets(paths)`` reads the pages (text layer or OCR), splits and classifies the
documents, reads the IMR application, the UR decision letter and the RFA, and returns the
bundle with its intake report (what to confirm, what could not be read)::

    from openimr.intake.packets import intake_packets
    result = intake_packets(["packet.pdf"], out_dir=Path("case"))
    result.write("case/bundle.yaml")
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openimr.domain.bundle import CaseBundle
from openimr.domain.source import IntakeReport
from openimr.errors import BundleError
from openimr.intake.packets.assemble import assemble
from openimr.intake.packets.bundle_yaml import dump_bundle
from openimr.intake.packets.pages import Page, read_pages, tesseract_available
from openimr.intake.packets.split import Document, split_documents


@dataclass
class PacketIntake:
    data: dict[str, Any]  # the bundle, in the contract's shape
    report: IntakeReport
    pages: list[Page]
    documents: list[Document]
    record_ids: dict[int, str]  # document index -> record id
    bundle: CaseBundle | None  # the validated bundle, or None when a required field is missing
    problem: str | None  # why it is not valid yet (a field to fill in)

    def yaml(self) -> str:
        return dump_bundle(self.data)

    def write(self, path: str | Path) -> None:
        Path(path).write_text(self.yaml(), encoding="utf-8")


def intake_packets(
    inputs: Iterable[str | Path],
    *,
    case_number: str | None = None,
    out_dir: str | Path | None = None,
    ocr: bool = True,
    workers: int | None = None,
    progress: bool = False,
) -> PacketIntake:
    """Read PDF packets (files or folders) into a case bundle; see the module docstring.

    ``out_dir`` is where the bundle will be written: source paths are made relative to it.
    """
    from openimr.intake.loader import parse_bundle

    pages = read_pages(inputs, ocr=ocr, workers=workers, progress=progress)
    docs = split_documents(pages)
    base = Path(out_dir) if out_dir is not None else None
    asm = assemble(pages, docs, case_number=case_number, base_dir=base)
    bundle: CaseBundle | None = None
    problem: str | None = None
    try:
        bundle = parse_bundle(_copy(asm.data), "<packet>", base)
    except BundleError as exc:
        problem = f"{exc.field}: {exc.problem}" if exc.field else exc.problem
    return PacketIntake(asm.data, asm.report, pages, docs, asm.records, bundle, problem)


def _copy(data: dict[str, Any]) -> dict[str, Any]:
    import copy

    return copy.deepcopy(data)


__all__ = ["Document", "Page", "PacketIntake", "intake_packets", "tesseract_available"]
