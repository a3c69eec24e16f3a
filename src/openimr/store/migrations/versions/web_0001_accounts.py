"""web branch: accounts, sessions, API tokens, login attempts, jobs, issued letters; the
audit log's keyed MAC column.

Revision ID: web_0001
Revises: cases_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "web_0001"
down_revision = "cases_0001"
branch_labels = ("web",)
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("reviewer_id", sa.String(64), unique=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
    )
    op.create_index("ix_users_username", "users", ["username"], unique=True)
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
        sa.Column("expires_at", _TZ, nullable=False),
    )
    op.create_index("ix_web_sessions_token_hash", "web_sessions", ["token_hash"], unique=True)
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
        sa.Column("revoked_at", _TZ),
    )
    op.create_index("ix_api_tokens_token_hash", "api_tokens", ["token_hash"], unique=True)
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("client", sa.String(64)),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("at", _TZ, nullable=False),
    )
    op.create_index("ix_login_attempts_username", "login_attempts", ["username"])
    op.create_index("ix_login_attempts_at", "login_attempts", ["at"])
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("case_number", sa.String(64)),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("progress", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text()),
        sa.Column("created_at", _TZ, nullable=False),
        sa.Column("updated_at", _TZ, nullable=False),
    )
    op.create_index("ix_jobs_case_number", "jobs", ["case_number"])
    op.create_index("ix_jobs_state", "jobs", ["state"])
    op.create_table(
        "case_letters",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "case_id", sa.Integer(), sa.ForeignKey("cases.id", ondelete="RESTRICT"), nullable=False
        ),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_at", _TZ, nullable=False),
    )
    op.create_index("ix_case_letters_case_id", "case_letters", ["case_id"])
    op.add_column("audit_log", sa.Column("mac", sa.String(64)))
    op.add_column("cases", sa.Column("due_at", _TZ))
    op.create_index("ix_cases_due_at", "cases", ["due_at"])
    _backfill_due()


def _backfill_due() -> None:
    """Cases opened before this revision: their running clock's due moment."""
    from openimr.process.case_deadlines import due_moment
    from openimr.process.lifecycle import OPEN_STATES
    from openimr.store.case_tables import CaseRow

    bind = op.get_bind()
    cols = [c.name for c in CaseRow.__table__.columns if c.name != "due_at"]
    rows = bind.execute(
        sa.text(f"SELECT {', '.join(cols)} FROM cases WHERE state IN :states").bindparams(
            sa.bindparam("states", expanding=True)
        ),
        {"states": list(OPEN_STATES)},
    ).mappings()
    for r in list(rows):
        due = due_moment(CaseRow(**dict(r)))
        if due is not None:
            bind.execute(
                sa.text("UPDATE cases SET due_at = :due WHERE id = :id"),
                {"due": due, "id": r["id"]},
            )


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("mac")
    op.drop_index("ix_cases_due_at", "cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("due_at")
    for table in ("case_letters", "jobs", "login_attempts", "api_tokens", "web_sessions", "users"):
        op.drop_table(table)
