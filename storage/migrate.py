"""Schema migrations: `claimwatch db upgrade` applies them; the app refuses a stale schema."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from storage.db import make_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class SchemaOutOfDate(RuntimeError):
    def __init__(self, current: str | None, head: str, *, newer: bool = False) -> None:
        self.current, self.head = current, head
        if newer:
            message = (
                f"The database is at revision {current}, written by a newer Claimwatch than this "
                f"one (which knows revisions up to {head}). Run the newer version."
            )
        else:
            where = (
                "has no Claimwatch tables yet" if current is None else f"is at revision {current}"
            )
            message = (
                f"The database {where}; this version needs revision {head}. "
                "Run `claimwatch db upgrade` first."
            )
        super().__init__(message)


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(target: Engine | str, revision: str = "head") -> None:
    """Applies the migrations up to `revision` to an engine's database, or to a URL's."""
    engine = make_engine(target) if isinstance(target, str) else target
    config = _config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        if isinstance(target, str):
            engine.dispose()


def downgrade(target: Engine | str, revision: str) -> None:
    """Undoes the migrations above `revision` ("base": all of them); for tests and rollbacks."""
    engine = make_engine(target) if isinstance(target, str) else target
    config = _config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        if isinstance(target, str):
            engine.dispose()


def check_schema(engine: Engine) -> None:
    """Raises `SchemaOutOfDate` unless the database is at the newest revision."""
    current, head = current_revision(engine), head_revision()
    if current != head:
        known = {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}
        raise SchemaOutOfDate(current, head, newer=current is not None and current not in known)


def ensure_schema(engine: Engine) -> None:
    """A new, empty database gets the schema; an old one is refused until upgraded on purpose."""
    current = current_revision(engine)
    if current is None and not inspect(engine).get_table_names():
        upgrade(engine)
        return
    check_schema(engine)
