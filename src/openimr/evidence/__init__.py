"""Evidence: clinical findings in the records of a case bundle, with assertion, time course and
source spans. Every determination reads this stage::

    from openimr.evidence import extract
    ev = extract(bundle)
    ev.of("neuro.sensory_deficit", region="lumbar spine", observation="objective")
    ev.course("neuro.sensory_deficit", region="lumbar spine").status   # "resolved"

Built on spaCy and medspaCy (target rules, ConText, section detection); the vocabulary, the
ConText rules, the sections, the regions and the sentence cues are YAML files in ``data/``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from openimr.evidence.evidence_set import Course, EvidenceSet, region_matches, region_names

if TYPE_CHECKING:
    from spacy.language import Language

    from openimr.domain import CaseBundle
    from openimr.domain.finding import Finding

__all__ = [
    "Course",
    "EvidenceSet",
    "extract",
    "extract_text",
    "load_pipeline",
    "region_matches",
    "region_names",
    "vocabulary_codes",
]


def load_pipeline() -> Language:
    """The shared spaCy pipeline (loaded once per process)."""
    from openimr.evidence.pipeline import load_pipeline as _load

    return _load()


def vocabulary_codes() -> set[str]:
    """Every finding code the extractor can produce (for ``openimr guidelines check``)."""
    from openimr.evidence.schema import vocabulary

    return {c.code for c in vocabulary().concepts}


def _pages_without_text(text: str) -> list[int]:
    """Pages (1-based) of a PDF text layer that are empty: the intake joins pages with \\f."""
    if "\f" not in text:
        return []
    return [i for i, page in enumerate(text.split("\f"), start=1) if not page.strip()]


def extract(bundle: CaseBundle) -> EvidenceSet:
    """Find every vocabulary finding in every record of ``bundle``.

    Records given as ``file`` and not yet resolved by the loader are read here (PDF through
    its text layer). Pages without a text layer are listed in ``EvidenceSet.needs_ocr``,
    never skipped silently.
    """
    from openimr.evidence.extraction import RecordMeta, run
    from openimr.intake.records import read_record_file

    texts: list[str] = []
    metas: list[RecordMeta] = []
    needs_ocr: list[tuple[str, int]] = []
    order: dict[str, int] = {}
    base = Path(bundle.source_path).parent if bundle.source_path else Path(".")
    for i, rec in enumerate(bundle.records):
        order[rec.id] = i
        text = rec.text
        if text is None and rec.file is not None:
            content = read_record_file((base / rec.file).resolve())
            text = content.text
            needs_ocr.extend((rec.id, p) for p in content.pages_without_text)
        elif text is not None:
            needs_ocr.extend((rec.id, p) for p in _pages_without_text(text))
        if not text or not text.strip():
            continue
        texts.append(text)
        metas.append(RecordMeta(rec.id, rec.date, rec.kind))
    findings = run(texts, metas, load_pipeline())
    return EvidenceSet(findings=findings, needs_ocr=needs_ocr, record_order=order)


def extract_text(
    text: str,
    *,
    record_id: str = "text",
    date: dt.date | None = None,
    kind: str = "progress report",
) -> list[Finding]:
    """Findings of one piece of text (tests, the CLI on a single note)."""
    from openimr.evidence.extraction import RecordMeta, run

    return run([text], [RecordMeta(record_id, date, kind)], load_pipeline())
