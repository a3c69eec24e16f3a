"""letters branch: published Final Determination Letters, their items, full-text search.

Revision ID: letters_0001
Revises: 0001_base

Full text: SQLite gets an FTS5 table (porter stemming) kept by the ingest writer;
PostgreSQL gets generated ``tsvector`` columns with GIN indexes. Another database gets
neither, and search falls back to LIKE.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "letters_0001"
down_revision = "0001_base"
branch_labels = ("letters",)
depends_on = None

_TZ = sa.DateTime(timezone=True)

_PG_ITEM_VECTOR = """
ALTER TABLE published_letter_items ADD COLUMN search_vector tsvector
GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(heading, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(reviewer_guideline, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(rationale, '')), 'C')
) STORED
"""
_PG_LETTER_VECTOR = """
ALTER TABLE published_letters ADD COLUMN search_vector tsvector
GENERATED ALWAYS AS (to_tsvector('english', coalesce(clinical_case_summary, ''))) STORED
"""


def upgrade() -> None:
    op.create_table(
        "published_letters",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("case_number", sa.String(32), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("file_hash", sa.String(64)),
        sa.Column("layout", sa.String(40), nullable=False),
        sa.Column("source_path", sa.Text()),
        sa.Column("date_assigned", sa.Date()),
        sa.Column("date_of_injury", sa.Date()),
        sa.Column("decision_date", sa.Date()),
        sa.Column("ur_denial_date", sa.Date()),
        sa.Column("application_received", sa.Date()),
        sa.Column("priority", sa.String(16)),
        sa.Column("patient_age", sa.Integer()),
        sa.Column("patient_sex", sa.String(8)),
        sa.Column("licensure_states", sa.JSON(), nullable=False),
        sa.Column("clinical_case_summary", sa.Text()),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("parsed_json", sa.Text(), nullable=False),
        sa.Column("ingested_at", _TZ, nullable=False),
    )
    op.create_index(
        "ix_published_letters_case_number", "published_letters", ["case_number"], unique=True
    )
    op.create_index("ix_published_letters_file_hash", "published_letters", ["file_hash"])
    op.create_index("ix_published_letters_decision_date", "published_letters", ["decision_date"])

    op.create_table(
        "published_letter_items",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "letter_id",
            sa.Integer(),
            sa.ForeignKey("published_letters.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("heading", sa.Text(), nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(12), nullable=False),
        sa.Column("modified", sa.Boolean(), nullable=False),
        sa.Column("retrospective", sa.Boolean(), nullable=False),
        sa.Column("category", sa.String(64)),
        sa.Column("subcategory", sa.String(96)),
        sa.Column("ca_level", sa.String(12)),
        sa.Column("ca_guideline", sa.Text()),
        sa.Column("reviewer_level", sa.String(12)),
        sa.Column("reviewer_guideline", sa.Text()),
        sa.Column("guideline_key", sa.String(160)),
        sa.Column("rationale", sa.Text()),
    )
    for col in ("letter_id", "decision", "category", "reviewer_level", "guideline_key"):
        op.create_index(f"ix_published_letter_items_{col}", "published_letter_items", [col])

    op.create_table(
        "published_letter_specialties",
        sa.Column(
            "letter_id",
            sa.Integer(),
            sa.ForeignKey("published_letters.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("specialty", sa.String(120), primary_key=True),
    )
    op.create_index(
        "ix_published_letter_specialties_specialty",
        "published_letter_specialties",
        ["specialty"],
    )

    op.create_table(
        "letter_ingest_failures",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("source_path", sa.String(1024), nullable=False, unique=True),
        sa.Column("file_hash", sa.String(64)),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("failed_at", _TZ, nullable=False),
    )

    bind = op.get_bind()
    dialect = bind.dialect.name
    if dialect == "sqlite" and _has_fts5(bind):
        op.execute(
            "CREATE VIRTUAL TABLE published_letter_items_fts USING fts5("
            "heading, request, guideline, rationale, summary, tokenize='porter unicode61')"
        )
    elif dialect == "postgresql":
        op.execute(_PG_ITEM_VECTOR)
        op.execute(_PG_LETTER_VECTOR)
        op.execute(
            "CREATE INDEX ix_published_letter_items_search ON published_letter_items "
            "USING GIN (search_vector)"
        )
        op.execute(
            "CREATE INDEX ix_published_letters_search ON published_letters "
            "USING GIN (search_vector)"
        )


def _has_fts5(bind: sa.engine.Connection) -> bool:
    used = bind.exec_driver_sql("SELECT sqlite_compileoption_used('ENABLE_FTS5')").scalar()
    return bool(used)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS published_letter_items_fts")
    op.drop_table("letter_ingest_failures")
    op.drop_table("published_letter_specialties")
    op.drop_table("published_letter_items")
    op.drop_table("published_letters")
