"""Initial schema: audits (job queue), verdicts, originals, api_keys, users.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "originals",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("outlet", sa.String(200), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("external_id", sa.String(200), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sentences", sa.Integer, nullable=False),
        sa.Column("words", sa.Integer, nullable=False),
        sa.Column("model", sa.String(500), nullable=False),
        sa.Column("dim", sa.Integer, nullable=False),
        sa.Column("doc_vector", sa.LargeBinary, nullable=False),
        sa.Column("vectors", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_originals_external_id", "originals", ["external_id"])
    op.create_table(
        "audits",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("started_at", TS),
        sa.Column("finished_at", TS),
        sa.Column("original_input", sa.JSON, nullable=False),
        sa.Column("candidate_input", sa.JSON, nullable=False),
        sa.Column("metadata", sa.JSON, nullable=False),
        sa.Column("original_id", sa.String(32), sa.ForeignKey("originals.id", ondelete="SET NULL")),
        sa.Column("match", sa.JSON),
        sa.Column("report", sa.JSON),
        sa.Column("summary", sa.JSON),
        sa.Column("error", sa.JSON),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("outlet", sa.String(200), nullable=False),
        sa.Column("relation", sa.String(32)),
        sa.Column("worst_severity", sa.String(16)),
        sa.Column("claimed_by", sa.String(64)),
        sa.Column("lease_until", TS),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("completions", sa.Integer, nullable=False),
    )
    for column in ("status", "created_at", "original_id", "outlet", "relation", "worst_severity"):
        op.create_index(f"ix_audits_{column}", "audits", [column])
    op.create_index("ix_audits_status_created", "audits", ["status", "created_at"])
    op.create_table(
        "verdicts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("audit_id", sa.String(32), sa.ForeignKey("audits.id", ondelete="CASCADE"), nullable=False),
        sa.Column("flag_id", sa.String(32), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_verdicts_audit_id", "verdicts", ["audit_id"])
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("key_hash", sa.String(128), nullable=False, unique=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("revoked_at", TS),
    )
    op.create_index("ix_api_keys_prefix", "api_keys", ["prefix"])
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )


def downgrade() -> None:
    for table in ("users", "api_keys", "verdicts", "audits", "originals"):
        op.drop_table(table)
