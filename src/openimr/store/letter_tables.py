"""Tables of published Final Determination Letters (the ``letters`` migration branch).

One row per letter (case number unique: a re-published letter replaces the old one), one row
per decided item, the reviewer's specialties as their own rows (for filters and analytics),
and the files that could not be ingested with the reason. Full-text search lives beside
these: an FTS5 table on SQLite, generated ``tsvector`` columns on PostgreSQL (see the
migration ``letters_0001``); neither is mapped here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from openimr.store.db import Base

FTS_TABLE = "published_letter_items_fts"  # SQLite FTS5: rowid = published_letter_items.id


class PublishedLetter(Base):
    __tablename__ = "published_letters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_number: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    file_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    layout: Mapped[str] = mapped_column(String(40))
    source_path: Mapped[str | None] = mapped_column(Text)
    date_assigned: Mapped[dt.date | None] = mapped_column(Date)
    date_of_injury: Mapped[dt.date | None] = mapped_column(Date)
    decision_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    ur_denial_date: Mapped[dt.date | None] = mapped_column(Date)
    application_received: Mapped[dt.date | None] = mapped_column(Date)
    priority: Mapped[str | None] = mapped_column(String(16))
    patient_age: Mapped[int | None] = mapped_column(Integer)
    patient_sex: Mapped[str | None] = mapped_column(String(8))
    licensure_states: Mapped[list[str]] = mapped_column(JSON, default=list)
    clinical_case_summary: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    parsed_json: Mapped[str] = mapped_column(Text)  # the whole ParsedLetter, for re-use
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    items: Mapped[list[PublishedLetterItem]] = relationship(
        back_populates="letter",
        cascade="all, delete-orphan",
        order_by="PublishedLetterItem.position",
    )
    specialties: Mapped[list[PublishedLetterSpecialty]] = relationship(
        cascade="all, delete-orphan"
    )


class PublishedLetterItem(Base):
    __tablename__ = "published_letter_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    letter_id: Mapped[int] = mapped_column(
        ForeignKey("published_letters.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str] = mapped_column(Text)
    request: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String(12), index=True)
    modified: Mapped[bool] = mapped_column(Boolean, default=False)
    retrospective: Mapped[bool] = mapped_column(Boolean, default=False)
    category: Mapped[str | None] = mapped_column(String(64), index=True)
    subcategory: Mapped[str | None] = mapped_column(String(96))
    ca_level: Mapped[str | None] = mapped_column(String(12))
    ca_guideline: Mapped[str | None] = mapped_column(Text)
    reviewer_level: Mapped[str | None] = mapped_column(String(12), index=True)
    reviewer_guideline: Mapped[str | None] = mapped_column(Text)
    guideline_key: Mapped[str | None] = mapped_column(String(160), index=True)
    rationale: Mapped[str | None] = mapped_column(Text)

    letter: Mapped[PublishedLetter] = relationship(back_populates="items")


class PublishedLetterSpecialty(Base):
    __tablename__ = "published_letter_specialties"

    letter_id: Mapped[int] = mapped_column(
        ForeignKey("published_letters.id", ondelete="CASCADE"), primary_key=True
    )
    specialty: Mapped[str] = mapped_column(String(120), primary_key=True, index=True)


class LetterIngestFailure(Base):
    __tablename__ = "letter_ingest_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_path: Mapped[str] = mapped_column(String(1024), unique=True)
    file_hash: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    failed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
