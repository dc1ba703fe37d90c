"""Alembic environment: runs on the connection handed over by `app.store.db.migrate`."""

from __future__ import annotations

from alembic import context

from app.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic` on the command line lands here
    from sqlalchemy import create_engine

    from app.core.config import get_settings

    connection = create_engine(get_settings().resolved_database_url()).connect()

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
