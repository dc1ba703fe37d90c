"""Jobs: audits.claimed_by widened from 64 to 320 characters (long host names).

A worker name is `host:pid:thread`; a host name alone may have 253 characters, so 64
failed on PostgreSQL for long (e.g. Kubernetes) host names.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

CLAIMED_BY_LENGTH = 320


def upgrade() -> None:
    # SQLite does not enforce VARCHAR lengths, and a batch alter would copy and drop the
    # audits table, which with foreign keys on deletes the verdicts (ON DELETE CASCADE).
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column("audits", "claimed_by", type_=sa.String(CLAIMED_BY_LENGTH), existing_type=sa.String(64),
                    existing_nullable=True)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    # Longer names would not fit back into 64 characters: cut them (they are only claims).
    op.execute(sa.text("UPDATE audits SET claimed_by = substr(claimed_by, 1, 64) WHERE length(claimed_by) > 64"))
    op.alter_column("audits", "claimed_by", type_=sa.String(64), existing_type=sa.String(CLAIMED_BY_LENGTH),
                    existing_nullable=True)
