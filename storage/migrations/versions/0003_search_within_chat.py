"""Full-text search within one chat: the chat is part of the search index, so a search walks the
chat's matches only instead of every chat's (a word common in other chats cost tens of ms at a
million claims; now it costs what this chat's matches cost).

SQLite: `claims_fts` gets a `chat_id` column, searched as `chat_id : "ID" AND content_text : (...)`.
PostgreSQL: `content_tsv` also holds the lexeme `chat_ID` (made with array_to_tsvector, so no
user's words can produce it) and searches AND it in, which the GIN index answers by skipping
through the shorter list.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = ("claims_ai", "claims_ad", "claims_au")


def _sqlite_fts(columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE claims_fts USING fts5({cols}, content='claims', "
        "content_rowid='id', tokenize='porter unicode61')",
        f"CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN "
        f"INSERT INTO claims_fts(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN "
        f"INSERT INTO claims_fts(claims_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER claims_au AFTER UPDATE OF {cols} ON claims BEGIN "
        f"INSERT INTO claims_fts(claims_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO claims_fts(rowid, {cols}) VALUES (new.id, {new}); END",
        "INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')",
    ]


def _postgres_tsv(expression: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS ix_claims_content_tsv",
        "ALTER TABLE claims DROP COLUMN IF EXISTS content_tsv",
        f"ALTER TABLE claims ADD COLUMN content_tsv tsvector GENERATED ALWAYS AS ({expression}) "
        "STORED",
        "CREATE INDEX ix_claims_content_tsv ON claims USING gin (content_tsv)",
    ]


def _replace(sqlite_columns: tuple[str, ...], postgres_expression: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS claims_fts")
        statements = _sqlite_fts(sqlite_columns)
    else:
        statements = _postgres_tsv(postgres_expression)
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    _replace(
        ("content_text", "chat_id"),
        "to_tsvector('english', content_text) "
        "|| array_to_tsvector(ARRAY['chat_' || chat_id::text])",
    )


def downgrade() -> None:
    _replace(("content_text",), "to_tsvector('english', content_text)")
