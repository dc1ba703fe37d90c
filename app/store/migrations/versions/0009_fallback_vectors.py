"""Originals keep a vector of their lead in the fallback multilingual encoder's space too,
so that a candidate in a language the multilingual encoder does not read (Czech, Swedish,
Hungarian, ...) finds its original.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("originals") as batch:
        batch.add_column(sa.Column("wide_vector", sa.LargeBinary, nullable=True))
        batch.add_column(sa.Column("wide_model", sa.String(100), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("originals") as batch:
        batch.drop_column("wide_model")
        batch.drop_column("wide_vector")
