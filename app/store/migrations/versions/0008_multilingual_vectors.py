"""Originals keep a multilingual document vector too, so that a candidate in another
language finds its original.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("originals") as batch:
        batch.add_column(sa.Column("xling_vector", sa.LargeBinary, nullable=True))
        batch.add_column(sa.Column("xling_model", sa.String(100), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("originals") as batch:
        batch.drop_column("xling_model")
        batch.drop_column("xling_vector")
