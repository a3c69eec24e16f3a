"""Writing parsed letters to the database, idempotently, and reading them back.

A letter is keyed by its case number. Storing the same case with the same content hash again
changes nothing ("unchanged"); a different content hash replaces the stored letter and its
items ("updated"). On SQLite the FTS5 index is maintained here, row for row with the items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Engine, delete, inspect, select, text
from sqlalchemy.orm import Session

from openimr.letters_in.categories import categorise
from openimr.letters_in.model import ParsedLetter
from openimr.store.db import make_engine, migrate
from openimr.store.letter_tables import (
    FTS_TABLE,
    LetterIngestFailure,
    PublishedLetter,
    PublishedLetterItem,
    PublishedLetterSpecialty,
)

Outcome = Literal["inserted", "updated", "unchanged"]
MIGRATION_TARGET = "letters@head"


def open_store(url: str | None = None) -> Engine:
    """An engine on ``url`` (else OPENIMR_DATABASE_URL, else the SQLite default), migrated."""
    engine = make_engine(url)
    migrate(engine, MIGRATION_TARGET)
    return engine


def has_fts5(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite" and inspect(engine).has_table(FTS_TABLE)


@dataclass
class ItemRow:
    """What is stored of one item (categories computed where the letter was parsed)."""

    category: str
    subcategory: str | None


def item_categories(letter: ParsedLetter) -> list[ItemRow]:
    out = []
    for item in letter.items:
        category, sub = categorise(item.heading)
        out.append(ItemRow(category, sub))
    return out


def store_letter(
    session: Session,
    letter: ParsedLetter,
    *,
    file_hash: str | None = None,
    categories: list[ItemRow] | None = None,
    fts: bool = False,
) -> Outcome:
    """Insert or replace one letter (the caller commits)."""
    existing = session.scalars(
        select(PublishedLetter).where(PublishedLetter.case_number == letter.case_number)
    ).one_or_none()
    if existing is not None and existing.content_hash == letter.content_hash:
        if file_hash and existing.file_hash != file_hash:
            existing.file_hash = file_hash
            existing.source_path = letter.source
        return "unchanged"
    outcome: Outcome = "inserted"
    if existing is not None:
        outcome = "updated"
        if fts:
            ids = [i.id for i in existing.items]
            _fts_delete(session, ids)
        session.delete(existing)
        session.flush()
    cats = categories or item_categories(letter)
    row = PublishedLetter(
        case_number=letter.case_number,
        content_hash=letter.content_hash,
        file_hash=file_hash,
        layout=letter.layout,
        source_path=letter.source,
        date_assigned=letter.date_assigned,
        date_of_injury=letter.date_of_injury,
        decision_date=letter.decision_date,
        ur_denial_date=letter.ur_denial_date,
        application_received=letter.application_received,
        priority=letter.priority,
        patient_age=letter.patient.age,
        patient_sex=letter.patient.sex,
        licensure_states=list(letter.reviewer.licensure_states),
        clinical_case_summary=letter.clinical_case_summary,
        warnings=list(letter.warnings),
        parsed_json=letter.model_dump_json(),
        ingested_at=dt.datetime.now(dt.UTC),
    )
    for item, cat in zip(letter.items, cats, strict=True):
        ca = item.claims_administrator_guideline
        rev = item.reviewer_guideline
        row.items.append(
            PublishedLetterItem(
                position=item.number,
                heading=item.heading,
                request=item.request,
                decision=item.decision,
                modified=item.modification is not None,
                retrospective=item.retrospective,
                category=cat.category,
                subcategory=cat.subcategory,
                ca_level=ca.level if ca else None,
                ca_guideline=ca.text if ca else None,
                reviewer_level=rev.level if rev else None,
                reviewer_guideline=rev.text if rev else None,
                guideline_key=rev.key if rev else "None cited",
                rationale=item.rationale,
            )
        )
    for specialty in dict.fromkeys(letter.reviewer.specialties):
        row.specialties.append(PublishedLetterSpecialty(specialty=specialty[:120]))
    session.add(row)
    session.flush()
    if fts:
        _fts_insert(session, row)
    return outcome


def _fts_insert(session: Session, row: PublishedLetter) -> None:
    params = [
        {
            "id": item.id,
            "heading": item.heading,
            "request": item.request,
            "guideline": " ".join(filter(None, [item.guideline_key, item.reviewer_guideline])),
            "rationale": item.rationale or "",
            "summary": row.clinical_case_summary or "",
        }
        for item in row.items
    ]
    if params:
        session.execute(
            text(
                f"INSERT INTO {FTS_TABLE}(rowid, heading, request, guideline, rationale, summary) "
                "VALUES (:id, :heading, :request, :guideline, :rationale, :summary)"
            ),
            params,
        )


def _fts_delete(session: Session, ids: list[int]) -> None:
    for item_id in ids:
        session.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), {"id": item_id})


def record_failure(session: Session, path: str, reason: str, file_hash: str | None) -> None:
    """Remember a file that could not be ingested (one row per path, latest reason)."""
    row = session.scalars(
        select(LetterIngestFailure).where(LetterIngestFailure.source_path == path)
    ).one_or_none()
    now = dt.datetime.now(dt.UTC)
    if row is None:
        session.add(
            LetterIngestFailure(source_path=path, file_hash=file_hash, reason=reason, failed_at=now)
        )
    else:
        row.reason, row.file_hash, row.failed_at = reason, file_hash, now


def clear_failure(session: Session, path: str) -> None:
    session.execute(delete(LetterIngestFailure).where(LetterIngestFailure.source_path == path))


def known_file_hashes(session: Session) -> set[str]:
    """File hashes already stored (a re-run skips those files without parsing them)."""
    return set(
        session.scalars(
            select(PublishedLetter.file_hash).where(PublishedLetter.file_hash.is_not(None))
        )
    )


def load_letter(session: Session, case_number: str) -> ParsedLetter | None:
    row = session.scalars(
        select(PublishedLetter).where(PublishedLetter.case_number == case_number)
    ).one_or_none()
    return ParsedLetter.model_validate_json(row.parsed_json) if row else None
