"""Scheduled re-checks: candidate URLs fetched again on a schedule.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("candidate_url", sa.String(2000), nullable=False),
        sa.Column("original_id", sa.String(32), sa.ForeignKey("originals.id", ondelete="CASCADE")),
        sa.Column("original_url", sa.String(2000), nullable=False, server_default=""),
        sa.Column("outlet", sa.String(200), nullable=False, server_default=""),
        sa.Column("title", sa.String(500), nullable=False, server_default=""),
        sa.Column("every_minutes", sa.Float, nullable=False),
        sa.Column("next_check_at", TS, nullable=False),
        sa.Column("last_checked_at", TS),
        sa.Column("last_hash", sa.String(64), nullable=False, server_default=""),
        sa.Column("last_audit_id", sa.String(32)),
        sa.Column("history", sa.JSON, nullable=False),
        sa.Column("checks", sa.Integer, nullable=False, server_default="0"),
        sa.Column("changes", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text, nullable=False, server_default=""),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_watches_next_check_at", "watches", ["next_check_at"])


def downgrade() -> None:
    op.drop_table("watches")
