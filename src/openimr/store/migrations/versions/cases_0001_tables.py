"""cases branch: the ``cases`` table and the append-only ``audit_log`` (with triggers).

Revision ID: cases_0001
Revises: 0001_base
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "cases_0001"
down_revision = "0001_base"
branch_labels = ("cases",)
depends_on = None

_TZ = sa.DateTime(timezone=True)

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION openimr_audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("case_number", sa.String(64), nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("priority", sa.String(16), nullable=False),
        sa.Column("formulary", sa.Boolean(), nullable=False),
        sa.Column("bundle_json", sa.Text(), nullable=False),
        sa.Column("received_at", _TZ, nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
        sa.Column("updated_at", _TZ, nullable=False),
        sa.Column("eligibility_json", sa.Text()),
        sa.Column("eligible_at", _TZ),
        sa.Column("panel_path", sa.Text()),
        sa.Column("reviewer_id", sa.String(64)),
        sa.Column("selection_json", sa.Text()),
        sa.Column("assigned_at", _TZ),
        sa.Column("notice_method", sa.String(16)),
        sa.Column("records_received_at", _TZ),
        sa.Column("records_method", sa.String(16)),
        sa.Column("review_started_at", _TZ),
        sa.Column("draft_json", sa.Text()),
        sa.Column("determination_json", sa.Text()),
        sa.Column("signed_by", sa.String(64)),
        sa.Column("signed_at", _TZ),
        sa.Column("review_seconds", sa.Integer()),
        sa.Column("changes_json", sa.Text()),
        sa.Column("issued_at", _TZ),
        sa.Column("letter_format", sa.String(8)),
        sa.Column("letter_sha256", sa.String(64)),
        sa.Column("terminated_at", _TZ),
        sa.Column("termination_reason", sa.Text()),
    )
    op.create_index("ix_cases_case_number", "cases", ["case_number"], unique=True)
    op.create_index("ix_cases_state", "cases", ["state"])
    op.create_index("ix_cases_reviewer_id", "cases", ["reviewer_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", _TZ, nullable=False),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id", ondelete="RESTRICT")),
        sa.Column("case_number", sa.String(64)),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("detail_json", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_case_id", "audit_log", ["case_id"])
    op.create_index("ix_audit_log_case_number", "audit_log", ["case_number"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: {event} refused'); END"
            )
    elif dialect == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute(
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION openimr_audit_log_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION openimr_audit_log_append_only()"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS openimr_audit_log_append_only()")
    op.drop_table("audit_log")
    op.drop_table("cases")
