"""web branch: the job queue's tables on PostgreSQL (procrastinate), and indexes for the
workbench under load (expired sessions, a user's login attempts in the throttle window).

The queue's schema is procrastinate's own (``procrastinate.schema.SchemaManager``) for the
version pinned in ``pyproject.toml``; moving to a later procrastinate needs a revision that
applies its migration files. SQLite has no queue (jobs run in the service's process).

Revision ID: web_0002
Revises: web_0001
"""

from __future__ import annotations

from alembic import op

revision = "web_0002"
down_revision = "web_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_web_sessions_expires_at", "web_sessions", ["expires_at"])
    op.create_index(
        "ix_login_attempts_username_at", "login_attempts", ["username", "at"]
    )
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from procrastinate.schema import SchemaManager

    exists = bind.exec_driver_sql(
        "SELECT to_regclass('procrastinate_jobs') IS NOT NULL"
    ).scalar()
    if not exists:
        # several statements and literal % signs: run as one plain query, no parameters
        raw = bind.connection.dbapi_connection
        assert raw is not None
        raw.execute(SchemaManager.get_schema())


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in (
            "procrastinate_events",
            "procrastinate_periodic_defers",
            "procrastinate_jobs",
            "procrastinate_workers",
        ):
            op.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
        op.execute("DROP TYPE IF EXISTS procrastinate_job_event_type CASCADE")
        op.execute("DROP TYPE IF EXISTS procrastinate_job_status CASCADE")
    op.drop_index("ix_login_attempts_username_at", "login_attempts")
    op.drop_index("ix_web_sessions_expires_at", "web_sessions")
