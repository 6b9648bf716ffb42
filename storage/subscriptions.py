"""Digest subscriptions and their deliveries: who gets a daily digest, and which went out.

Exactly once rests on one row: `digest_deliveries` is UNIQUE (chat_id, local_date), and a
delivery exists only once someone inserted that row. Whoever inserts it owns the delivery; a
second process (or a restarted one) inserting the same pair inserts nothing and sends nothing.
The row goes pending → sent (or blocked / failed); a pending row whose claim is older than the
lease belongs to a process that died, and is claimed again, by one process only (on PostgreSQL
the stale rows are picked with FOR UPDATE SKIP LOCKED, on SQLite the single writer serialises it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ArticleRef:
    title: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class ChangedClaim:
    """A claim stored since the last digest, with what the digest shows of it."""

    claim_id: int
    text: str
    kind: str
    claimant: str | None
    story_key: str | None
    story: str | None
    hedged: bool
    figures: tuple[str, ...]
    article: ArticleRef
    stored_at: datetime


@dataclass(frozen=True, slots=True)
class ChangedLink:
    """A contradiction or an update (a claimant's figure that moved) found since the last
    digest: `earlier` and `later` are the two claims, `figures` their figures as written."""

    kind: str
    earlier: ChangedClaim
    later: ChangedClaim
    reason: str
    figures: tuple[str, str] | None
    story: str | None


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed in one chat between two digests."""

    since: datetime | None
    until: datetime
    claims: tuple[ChangedClaim, ...] = ()
    contradictions: tuple[ChangedLink, ...] = ()
    moves: tuple[ChangedLink, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.claims or self.contradictions or self.moves)
