"""Alembic environment: runs on the connection the caller hands over (see storage.migrate)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (the tables the migrations describe)
import storage.subscriptions  # noqa: F401  (digest subscriptions and deliveries)

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=SQLModel.metadata)
with context.begin_transaction():
    context.run_migrations()
