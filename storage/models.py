"""The tables: chats, their articles and claims, shared claimant identities, stories and links.

Every row that holds what a chat sent carries `chat_id`, and every query filters on it: one chat's
articles and claims are never another's. Claimants (names and aliases) are shared identities.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class Chat(SQLModel, table=True):
    __tablename__ = "chats"

    id: int = Field(sa_type=BigInteger, primary_key=True, sa_column_kwargs={"autoincrement": False})
    title: str | None = Field(default=None, max_length=256)
    active: bool = True
    timezone: str = Field(default="UTC", max_length=64)
    created_at: datetime = Field(sa_type=UTCDateTime)


class Article(SQLModel, table=True):
    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("chat_id", "content_hash", name="uq_articles_chat_hash"),
        Index("ix_articles_chat_received", "chat_id", "received_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("chats.id", ondelete="CASCADE"), nullable=False)
    )
    content_hash: str = Field(max_length=64)
    title: str | None = Field(default=None, max_length=512)
    link: str | None = Field(default=None, max_length=2048)
    outlet: str | None = Field(default=None, max_length=256)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    received_at: datetime = Field(sa_type=UTCDateTime)
    language: str = Field(default="en", max_length=8)
    text: str = Field(sa_type=Text)


class Claimant(SQLModel, table=True):
    __tablename__ = "claimants"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=256, unique=True)
    name: str = Field(max_length=256)
    kind: str = Field(max_length=16)


class ClaimantAlias(SQLModel, table=True):
    """A spelling seen for a claimant ("the Russian MoD"), or a merge a chat asked for."""

    __tablename__ = "claimant_aliases"

    id: int | None = Field(default=None, primary_key=True)
    claimant_id: int = Field(
        sa_column=Column(ForeignKey("claimants.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    alias: str = Field(max_length=512)
    alias_key: str = Field(max_length=512, unique=True)


class Story(SQLModel, table=True):
    __tablename__ = "stories"
    __table_args__ = (UniqueConstraint("chat_id", "key", name="uq_stories_chat_key"),)

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey("chats.id", ondelete="CASCADE"), nullable=False)
    )
    key: str = Field(max_length=256)
    title: str = Field(max_length=256)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Claim(SQLModel, table=True):
    """One claim of the extraction contract, with the sentence it came from."""

    __tablename__ = "claims"
    __table_args__ = (
        Index("ix_claims_chat_created", "chat_id", "created_at"),
        Index("ix_claims_chat_claimant", "chat_id", "claimant_id", "created_at"),
        Index("ix_claims_chat_story", "chat_id", "story_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger)
    article_id: int = Field(
        sa_column=Column(ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    claimant_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("claimants.id", ondelete="SET NULL"))
    )
    story_id: int | None = Field(
        default=None, sa_column=Column(ForeignKey("stories.id", ondelete="SET NULL"))
    )
    claimant_name: str | None = Field(default=None, max_length=256)
    claimant_kind: str = Field(max_length=16)
    claimant_role: str | None = Field(default=None, max_length=128)
    speaker: str | None = Field(default=None, max_length=256)
    kind: str = Field(max_length=16)
    hedged: bool = False
    content_text: str = Field(sa_type=Text)
    content_start: int
    content_end: int
    content_parts: list[list[int]] = Field(default_factory=list, sa_type=JSON)
    source_text: str | None = Field(default=None, sa_type=Text)
    source_start: int | None = None
    source_end: int | None = None
    cue_text: str | None = Field(default=None, max_length=512)
    cue_start: int | None = None
    cue_end: int | None = None
    sentence_text: str = Field(sa_type=Text)
    sentence_start: int
    sentence_end: int
    figures: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    places: list[str] = Field(default_factory=list, sa_type=JSON)
    when_text: str | None = Field(default=None, max_length=256)
    facts: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    published_on: datetime = Field(sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)


class ClaimKey(SQLModel, table=True):
    """What a claim can be linked by (quantity, place, claimant, content term): one indexed row a
    key, so that linking a new claim reads a bounded candidate set at any table size."""

    __tablename__ = "claim_keys"
    __table_args__ = (Index("ix_claim_keys_lookup", "chat_id", "key", "published_on"),)

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger)
    key: str = Field(max_length=128)
    published_on: datetime = Field(sa_type=UTCDateTime)
    claim_id: int = Field(
        sa_column=Column(ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True)
    )


class ClaimLink(SQLModel, table=True):
    __tablename__ = "claim_links"
    __table_args__ = (
        UniqueConstraint("from_claim_id", "to_claim_id", name="uq_claim_links_pair"),
        Index("ix_claim_links_chat_from", "chat_id", "from_claim_id"),
        Index("ix_claim_links_chat_to", "chat_id", "to_claim_id"),
        Index("ix_claim_links_chat_kind", "chat_id", "kind", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger)
    from_claim_id: int = Field(
        sa_column=Column(ForeignKey("claims.id", ondelete="CASCADE"), nullable=False)
    )
    to_claim_id: int = Field(
        sa_column=Column(ForeignKey("claims.id", ondelete="CASCADE"), nullable=False)
    )
    score: float
    kind: str = Field(max_length=16)
    reason: str = Field(sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)
