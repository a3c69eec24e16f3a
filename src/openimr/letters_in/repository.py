"""Writing parsed letters to the database, idempotently, and reading them back.

A letter is keyed by its case number. Storing the same case with the same content hash again
changes nothing ("unchanged"); a different content hash replaces the stored letter and its
items ("updated"). On SQLite the FTS5 index is maintained here, row for row with the items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Engine, delete, insert, inspect, select, text
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


def letter_rows(letter: ParsedLetter, categories: list[ItemRow] | None = None) -> dict[str, Any]:
    """The column values of one letter, its items and its specialties, as ``store_letter``
    stores them (built where the letter is parsed, so the single writer only inserts).
    Without ``categories`` the items' category and subcategory are None, for
    ``add_categories`` to fill in."""
    cats: list[ItemRow | None] = list(categories) if categories else [None] * len(letter.items)
    items = []
    for item, cat in zip(letter.items, cats, strict=True):
        ca = item.claims_administrator_guideline
        rev = item.reviewer_guideline
        items.append(
            {
                "position": item.number,
                "heading": item.heading,
                "request": item.request,
                "decision": item.decision,
                "modified": item.modification is not None,
                "retrospective": item.retrospective,
                "category": cat.category if cat else None,
                "subcategory": cat.subcategory if cat else None,
                "ca_level": ca.level if ca else None,
                "ca_guideline": ca.text if ca else None,
                "reviewer_level": rev.level if rev else None,
                "reviewer_guideline": rev.text if rev else None,
                "guideline_key": rev.key if rev else "None cited",
                "rationale": item.rationale,
            }
        )
    return {
        "letter": {
            "case_number": letter.case_number,
            "content_hash": letter.content_hash,
            "layout": letter.layout,
            "source_path": letter.source,
            "date_assigned": letter.date_assigned,
            "date_of_injury": letter.date_of_injury,
            "decision_date": letter.decision_date,
            "ur_denial_date": letter.ur_denial_date,
            "application_received": letter.application_received,
            "priority": letter.priority,
            "patient_age": letter.patient.age,
            "patient_sex": letter.patient.sex,
            "licensure_states": list(letter.reviewer.licensure_states),
            "clinical_case_summary": letter.clinical_case_summary,
            "warnings": list(letter.warnings),
            "parsed_json": letter.model_dump_json(),
        },
        "items": items,
        "specialties": [s[:120] for s in dict.fromkeys(letter.reviewer.specialties)],
    }


def add_categories(rows: dict[str, Any]) -> None:
    """Fill in the category and subcategory of each item of ``letter_rows`` (as
    ``item_categories`` gives them)."""
    for item in rows["items"]:
        item["category"], item["subcategory"] = categorise(item["heading"])


def insert_new_letters(
    session: Session, rows: list[dict[str, Any]], *, file_hashes: list[str | None], fts: bool
) -> None:
    """Insert letters whose case numbers are not stored yet (``letter_rows`` of each), with
    their items, specialties and full-text rows, in a few multi-row statements (the caller
    commits). The same rows as ``store_letter`` gives each of them, in the same order."""
    if not rows:
        return
    now = dt.datetime.now(dt.UTC)
    letter_params = [
        {**r["letter"], "file_hash": h, "ingested_at": now}
        for r, h in zip(rows, file_hashes, strict=True)
    ]
    letter_ids = list(
        session.execute(
            insert(PublishedLetter).returning(
                PublishedLetter.id, sort_by_parameter_order=True
            ),
            letter_params,
        ).scalars()
    )
    item_params: list[dict[str, Any]] = []
    specialty_params: list[dict[str, Any]] = []
    summaries: list[str | None] = []
    for r, letter_id in zip(rows, letter_ids, strict=True):
        for item in r["items"]:
            item_params.append({**item, "letter_id": letter_id})
            summaries.append(r["letter"]["clinical_case_summary"])
        specialty_params.extend(
            {"letter_id": letter_id, "specialty": s} for s in r["specialties"]
        )
    if item_params:
        stmt = insert(PublishedLetterItem)
        if fts:
            ids = list(
                session.execute(
                    stmt.returning(PublishedLetterItem.id, sort_by_parameter_order=True),
                    item_params,
                ).scalars()
            )
            session.execute(
                text(
                    f"INSERT INTO {FTS_TABLE}(rowid, heading, request, guideline, rationale, "
                    "summary) VALUES (:id, :heading, :request, :guideline, :rationale, :summary)"
                ),
                [
                    {
                        "id": item_id,
                        "heading": item["heading"],
                        "request": item["request"],
                        "guideline": " ".join(
                            filter(None, [item["guideline_key"], item["reviewer_guideline"]])
                        ),
                        "rationale": item["rationale"] or "",
                        "summary": summary or "",
                    }
                    for item_id, item, summary in zip(ids, item_params, summaries, strict=True)
                ],
            )
        else:
            session.execute(stmt, item_params)
    if specialty_params:
        session.execute(insert(PublishedLetterSpecialty), specialty_params)


def stored_hashes(session: Session, case_numbers: list[str]) -> dict[str, str]:
    """content_hash of each of ``case_numbers`` that is stored."""
    out: dict[str, str] = {}
    unique = list(dict.fromkeys(case_numbers))
    for k in range(0, len(unique), 500):
        chunk = unique[k : k + 500]
        got = session.execute(
            select(PublishedLetter.case_number, PublishedLetter.content_hash).where(
                PublishedLetter.case_number.in_(chunk)
            )
        )
        out.update((case, digest) for case, digest in got)
    return out


def clear_failures(session: Session, paths: list[str]) -> None:
    """Forget the failures recorded for ``paths`` (they were ingested now)."""
    for k in range(0, len(paths), 500):
        chunk = paths[k : k + 500]
        session.execute(
            delete(LetterIngestFailure).where(LetterIngestFailure.source_path.in_(chunk))
        )


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
