"""Migrations from an empty database to the newest revision, on SQLite and PostgreSQL; the app
refuses a database at any other revision with a message that says what to run."""

from __future__ import annotations

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (the tables)
import storage.subscriptions  # noqa: F401  (digest tables: part of the same schema)
from storage.db import make_engine
from storage.migrate import (
    SchemaOutOfDate,
    check_schema,
    current_revision,
    downgrade,
    ensure_schema,
    head_revision,
    upgrade,
)

TABLES = {
    "chats",
    "articles",
    "claimants",
    "claimant_aliases",
    "stories",
    "claims",
    "claim_keys",
    "claim_links",
}


def test_an_empty_database_is_migrated_to_the_newest_revision(database_url: str) -> None:
    engine = make_engine(database_url)
    assert current_revision(engine) is None
    upgrade(database_url)  # a URL does too, as `claimwatch db upgrade` gives
    assert current_revision(engine) == head_revision()
    assert TABLES <= set(inspect(engine).get_table_names())
    check_schema(engine)  # no complaint
    upgrade(engine)  # twice is harmless
    engine.dispose()


def test_the_migrations_build_exactly_the_tables_the_models_describe(database_url: str) -> None:
    """Models and migrations must not drift apart; the search index is the migration's own."""
    engine = make_engine(database_url)
    upgrade(engine)

    def ours(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        if (
            type_ == "table"
            and name
            and (name.startswith("claims_fts") or name == "alembic_version")
        ):
            return False
        return name not in ("content_tsv", "ix_claims_content_tsv")  # PostgreSQL's search

    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": ours, "compare_type": True}
        )
        diff = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_downgrading_to_nothing_and_back_works(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert not TABLES & set(inspect(engine).get_table_names())
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_an_empty_database_is_refused_with_what_to_run(database_url: str) -> None:
    engine = make_engine(database_url)
    with pytest.raises(SchemaOutOfDate, match="claimwatch db upgrade"):
        check_schema(engine)
    engine.dispose()


def test_an_older_schema_is_refused_until_upgraded(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0001")
    with pytest.raises(SchemaOutOfDate) as refused:
        check_schema(engine)
    assert "revision 0001" in str(refused.value) and "claimwatch db upgrade" in str(refused.value)
    with pytest.raises(SchemaOutOfDate):  # even where new databases get their schema
        ensure_schema(engine)
    upgrade(engine)
    check_schema(engine)
    engine.dispose()


def test_a_schema_from_a_newer_version_is_refused_without_suggesting_an_upgrade(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    with pytest.raises(SchemaOutOfDate, match="newer Claimwatch") as refused:
        check_schema(engine)
    assert "db upgrade" not in str(refused.value)
    engine.dispose()


def test_a_new_empty_database_gets_its_schema_on_first_run(database_url: str) -> None:
    engine = make_engine(database_url)
    ensure_schema(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()
