"""Chats, articles, claimants and aliases, stories, claims, link keys and links; full-text search
over claim content (SQLite FTS5 kept in sync by triggers, PostgreSQL tsvector with a GIN index).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chats",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("title", sa.String(length=256), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "claimants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=256), nullable=False),
        sa.Column("name", sa.String(length=256), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=512), nullable=True),
        sa.Column("link", sa.String(length=2048), nullable=True),
        sa.Column("outlet", sa.String(length=256), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["chat_id"], ["chats.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("chat_id", "content_hash", name="uq_articles_chat_hash"),
    )
    op.create_index(
        "ix_articles_chat_received", "articles", ["chat_id", "received_at"], unique=False
    )
    op.create_table(
        "claimant_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claimant_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=512), nullable=False),
        sa.Column("alias_key", sa.String(length=512), nullable=False),
        sa.ForeignKeyConstraint(["claimant_id"], ["claimants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("alias_key"),
    )
    op.create_index(
        op.f("ix_claimant_aliases_claimant_id"), "claimant_aliases", ["claimant_id"], unique=False
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("key", sa.String(length=256), nullable=False),
        sa.Column("title", sa.String(length=256), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["chat_id"], ["chats.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("chat_id", "key", name="uq_stories_chat_key"),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("claimant_id", sa.Integer(), nullable=True),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("claimant_name", sa.String(length=256), nullable=True),
        sa.Column("claimant_kind", sa.String(length=16), nullable=False),
        sa.Column("claimant_role", sa.String(length=128), nullable=True),
        sa.Column("speaker", sa.String(length=256), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("hedged", sa.Boolean(), nullable=False),
        sa.Column("content_text", sa.Text(), nullable=False),
        sa.Column("content_start", sa.Integer(), nullable=False),
        sa.Column("content_end", sa.Integer(), nullable=False),
        sa.Column("content_parts", sa.JSON(), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=True),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
        sa.Column("cue_text", sa.String(length=512), nullable=True),
        sa.Column("cue_start", sa.Integer(), nullable=True),
        sa.Column("cue_end", sa.Integer(), nullable=True),
        sa.Column("sentence_text", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("places", sa.JSON(), nullable=False),
        sa.Column("when_text", sa.String(length=256), nullable=True),
        sa.Column("facts", sa.JSON(), nullable=True),
        sa.Column("published_on", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["claimant_id"], ["claimants.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_claims_article_id"), "claims", ["article_id"], unique=False)
    op.create_index(
        "ix_claims_chat_claimant", "claims", ["chat_id", "claimant_id", "created_at"], unique=False
    )
    op.create_index("ix_claims_chat_created", "claims", ["chat_id", "created_at"], unique=False)
    op.create_index(
        "ix_claims_chat_story", "claims", ["chat_id", "story_id", "created_at"], unique=False
    )
    op.create_table(
        "claim_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("published_on", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_claim_keys_claim_id"), "claim_keys", ["claim_id"], unique=False)
    op.create_index(
        "ix_claim_keys_lookup", "claim_keys", ["chat_id", "key", "published_on"], unique=False
    )
    op.create_table(
        "claim_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("from_claim_id", sa.Integer(), nullable=False),
        sa.Column("to_claim_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["from_claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["to_claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("from_claim_id", "to_claim_id", name="uq_claim_links_pair"),
    )
    op.create_index(
        "ix_claim_links_chat_from", "claim_links", ["chat_id", "from_claim_id"], unique=False
    )
    op.create_index(
        "ix_claim_links_chat_kind", "claim_links", ["chat_id", "kind", "created_at"], unique=False
    )
    op.create_index(
        "ix_claim_links_chat_to", "claim_links", ["chat_id", "to_claim_id"], unique=False
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    else:
        op.execute(
            "ALTER TABLE claims ADD COLUMN content_tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('english', content_text)) STORED"
        )
        op.execute("CREATE INDEX ix_claims_content_tsv ON claims USING gin (content_tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("claims_ai", "claims_ad", "claims_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS claims_fts")
    op.drop_index("ix_claim_links_chat_to", table_name="claim_links")
    op.drop_index("ix_claim_links_chat_kind", table_name="claim_links")
    op.drop_index("ix_claim_links_chat_from", table_name="claim_links")
    op.drop_table("claim_links")
    op.drop_index("ix_claim_keys_lookup", table_name="claim_keys")
    op.drop_index(op.f("ix_claim_keys_claim_id"), table_name="claim_keys")
    op.drop_table("claim_keys")
    op.drop_index("ix_claims_chat_story", table_name="claims")
    op.drop_index("ix_claims_chat_created", table_name="claims")
    op.drop_index("ix_claims_chat_claimant", table_name="claims")
    op.drop_index(op.f("ix_claims_article_id"), table_name="claims")
    op.drop_table("claims")
    op.drop_table("stories")
    op.drop_index(op.f("ix_claimant_aliases_claimant_id"), table_name="claimant_aliases")
    op.drop_table("claimant_aliases")
    op.drop_index("ix_articles_chat_received", table_name="articles")
    op.drop_table("articles")
    op.drop_table("claimants")
    op.drop_table("chats")


SQLITE_FTS = (
    "CREATE VIRTUAL TABLE claims_fts USING fts5("
    "content_text, content='claims', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, content_text) VALUES (new.id, new.content_text); END",
    "CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, content_text) "
    "VALUES ('delete', old.id, old.content_text); END",
    "CREATE TRIGGER claims_au AFTER UPDATE OF content_text ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, content_text) "
    "VALUES ('delete', old.id, old.content_text); "
    "INSERT INTO claims_fts(rowid, content_text) VALUES (new.id, new.content_text); END",
)
