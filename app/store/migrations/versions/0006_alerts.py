"""Outlet alerts: a threshold per outlet and the alerts it raised.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "alert_rules",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("outlet", sa.String(200), nullable=False, unique=True),
        sa.Column("below", sa.Float, nullable=False),
        sa.Column("share", sa.Float, nullable=False),
        sa.Column("days", sa.Integer, nullable=False),
        sa.Column("min_audits", sa.Integer, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("outlet", sa.String(200), nullable=False),
        sa.Column("opened_at", TS, nullable=False),
        sa.Column("closed_at", TS),
        sa.Column("share", sa.Float, nullable=False),
        sa.Column("audits", sa.Integer, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
    )
    op.create_index("ix_alerts_outlet", "alerts", ["outlet"])
    op.create_index("ix_alerts_closed_at", "alerts", ["closed_at"])


def downgrade() -> None:
    for table in ("alerts", "alert_rules"):
        op.drop_table(table)
