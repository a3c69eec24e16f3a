"""web branch: a job's input (an uploaded packet, until it is read), so a worker on another
machine reads it from the database.

Revision ID: web_0003
Revises: web_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "web_0003"
down_revision = "web_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("payload", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("payload")
