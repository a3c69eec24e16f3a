"""Root of the migration graph; each table family (letters, cases) branches from here.

Revision ID: 0001_base
Revises:
"""

revision = "0001_base"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing: the root only anchors the branches."""


def downgrade() -> None:
    """Nothing to undo."""
