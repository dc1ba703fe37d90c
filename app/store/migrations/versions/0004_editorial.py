"""Editorial policy: glossary entries and suppression rules, per outlet ("" for all).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "glossary_entries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("outlet", sa.String(200), nullable=False, server_default=""),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("target", sa.String(500), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False, server_default="major"),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_glossary_entries_outlet", "glossary_entries", ["outlet"])
    op.create_table(
        "suppression_rules",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("outlet", sa.String(200), nullable=False, server_default=""),
        sa.Column("category", sa.String(32), nullable=False, server_default=""),
        sa.Column("original", sa.Text, nullable=False, server_default=""),
        sa.Column("candidate", sa.Text, nullable=False, server_default=""),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS),
        sa.Column("audit_id", sa.String(32)),
        sa.Column("flag_id", sa.String(32)),
    )
    op.create_index("ix_suppression_rules_outlet", "suppression_rules", ["outlet"])


def downgrade() -> None:
    for table in ("suppression_rules", "glossary_entries"):
        op.drop_table(table)
