"""Auth: server-side dashboard sessions (sign-out ends them) and failed sign-ins (throttling).

`web_sessions` holds the SHA-256 of the random id in each signed-in session cookie; a
cookie whose row is gone (signed out, expired) is no longer a session. `login_failures`
has one row per failed sign-in and subject (`ip:ADDRESS`, `user:NAME`, `key:PREFIX`),
counted over a sliding window.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("key_prefix", sa.String(16)),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
    )
    op.create_index("ix_web_sessions_expires_at", "web_sessions", ["expires_at"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_login_failures_created_at", "login_failures", ["created_at"])
    op.create_index("ix_login_failures_subject_created", "login_failures", ["subject", "created_at"])


def downgrade() -> None:
    # Dropping the sessions signs everyone out: the cookies of older versions carry no session id.
    for table in ("login_failures", "web_sessions"):
        op.drop_table(table)
