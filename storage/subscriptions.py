"""Digest subscriptions and their deliveries: who gets a daily digest, and which went out.

Exactly once rests on one row: `digest_deliveries` is UNIQUE (chat_id, local_date), and a
delivery exists only once someone inserted that row. Whoever inserts it owns the delivery; a
second process (or a restarted one) inserting the same pair inserts nothing and sends nothing.
The row goes pending → sent (or blocked / failed); a pending row whose claim is older than the
lease belongs to a process that died, and is claimed again, by one process only (on PostgreSQL
the stale rows are picked with FOR UPDATE SKIP LOCKED, on SQLite the single writer serialises it).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal, Protocol

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    ForeignKey,
    Index,
    UniqueConstraint,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult
from sqlmodel import Field, Session, SQLModel, col

from storage.models import Article, Claim, Claimant, ClaimLink, Story
from storage.repository import get_or_create_chat, mark_chat_inactive
from storage.types import UTCDateTime

log = logging.getLogger(__name__)

DeliveryStatus = Literal["pending", "sent", "empty", "blocked", "failed"]
WhenEmpty = Literal["note", "skip"]

LEASE = timedelta(minutes=15)
"""A pending delivery whose claim is older than this belongs to a process that died."""
MAX_ATTEMPTS = 5
"""Claims of one delivery before it is given up as failed."""


class Subscription(SQLModel, table=True):
    """A chat's daily digest: when, where in the world, about what; and what it owes next
    (`owed_date`, due at `due_at`), so that the database alone says what is due."""

    __tablename__ = "subscriptions"
    __table_args__ = (Index("ix_subscriptions_due", "active", "due_at"),)

    chat_id: int = Field(
        sa_column=Column(
            BigInteger,
            ForeignKey("chats.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        )
    )
    at: time
    timezone: str = Field(max_length=64)
    filters: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    when_empty: str = Field(default="note", max_length=8)
    active: bool = True
    inactive_reason: str | None = Field(default=None, max_length=200)
    owed_date: date
    due_at: datetime = Field(sa_type=UTCDateTime)
    last_cutoff: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """Everything stored before this went into an earlier digest."""
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class DigestDelivery(SQLModel, table=True):
    """One chat's digest for one local date. The unique pair is the exactly-once guarantee."""

    __tablename__ = "digest_deliveries"
    __table_args__ = (
        UniqueConstraint("chat_id", "local_date", name="uq_digest_deliveries_chat_date"),
        Index("ix_digest_deliveries_pending", "status", "claimed_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger)
    local_date: date
    status: str = Field(default="pending", max_length=10)
    since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    cutoff: datetime = Field(sa_type=UTCDateTime)
    worker: str = Field(max_length=64)
    claimed_at: datetime = Field(sa_type=UTCDateTime)
    attempts: int = 1
    """Also the claim's fencing token: a process may only record what it claimed last."""
    parts_sent: int = 0
    messages: int = 0
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    error: str | None = Field(default=None, max_length=500)


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


# ----------------------------------------------------------------------------------------------
# What changed since the last digest

MAX_CHANGED_CLAIMS = 1000
"""A digest reads at most this many new claims (it shows far fewer)."""


def changes_since(
    session: Session,
    chat_id: int,
    since: datetime | None,
    until: datetime,
    *,
    limit: int = MAX_CHANGED_CLAIMS,
) -> Changes:
    """Claims a chat stored in (since, until], and the contradictions and updates found in that
    window (their earlier claim may be older: it is what the new one contradicts or updates)."""
    window = [col(Claim.chat_id) == chat_id, col(Claim.created_at) <= until]
    if since is not None:
        window.append(col(Claim.created_at) > since)
    rows = session.execute(
        _claim_rows().where(*window).order_by(col(Claim.created_at), col(Claim.id)).limit(limit)
    ).all()
    claims = tuple(_changed(*row) for row in rows)

    link_window = [
        col(ClaimLink.chat_id) == chat_id,
        col(ClaimLink.kind).in_(("contradiction", "update")),
        col(ClaimLink.created_at) <= until,
    ]
    if since is not None:
        link_window.append(col(ClaimLink.created_at) > since)
    links = session.scalars(
        select(ClaimLink).where(*link_window).order_by(col(ClaimLink.created_at)).limit(limit)
    ).all()
    known = {c.claim_id: c for c in claims}
    wanted = {i for link in links for i in (link.from_claim_id, link.to_claim_id)} - set(known)
    if wanted:
        for row in session.execute(_claim_rows().where(col(Claim.id).in_(wanted))).all():
            changed = _changed(*row)
            known[changed.claim_id] = changed
    contradictions: list[ChangedLink] = []
    moves: list[ChangedLink] = []
    for link in links:
        a, b = known.get(link.from_claim_id), known.get(link.to_claim_id)
        if a is None or b is None:
            continue
        earlier, later = sorted((a, b), key=lambda c: (c.stored_at, c.claim_id))
        figures = (
            (earlier.figures[0], later.figures[0]) if earlier.figures and later.figures else None
        )
        item = ChangedLink(
            link.kind, earlier, later, link.reason, figures, later.story or earlier.story
        )
        (contradictions if link.kind == "contradiction" else moves).append(item)
    return Changes(since, until, claims, tuple(contradictions), tuple(moves))


def _claim_rows() -> Any:
    return (
        select(
            Claim,
            col(Article.title),
            col(Article.link),
            col(Story.key),
            col(Story.title),
            col(Claimant.name),
        )
        .join(Article, col(Article.id) == col(Claim.article_id))
        .outerjoin(Story, col(Story.id) == col(Claim.story_id))
        .outerjoin(Claimant, col(Claimant.id) == col(Claim.claimant_id))
    )


def _changed(
    claim: Claim,
    title: str | None,
    link: str | None,
    story_key: str | None,
    story: str | None,
    claimant: str | None,
) -> ChangedClaim:
    assert claim.id is not None
    figures = tuple(str(f["text"]) for f in claim.figures or () if f.get("text"))
    return ChangedClaim(
        claim_id=claim.id,
        text=claim.content_text,
        kind=claim.kind,
        claimant=claimant or claim.claimant_name,
        story_key=story_key,
        story=story,
        hedged=claim.hedged,
        figures=figures,
        article=ArticleRef(title, link),
        stored_at=claim.created_at,
    )


# ----------------------------------------------------------------------------------------------
# Subscribing


def upsert_subscription(
    session: Session,
    *,
    chat_id: int,
    at: time,
    timezone: str,
    owed_date: date,
    due_at: datetime,
    now: datetime,
    filters: dict[str, Any] | None = None,
    when_empty: WhenEmpty | None = None,
) -> Subscription:
    """Subscribe a chat, or change its subscription (and wake it if it was inactive). What the
    last digest covered is kept, so the next one starts where it left off."""
    get_or_create_chat(session=session, chat_id=chat_id, now=now)  # and active again
    sub = session.get(Subscription, chat_id)
    if sub is None:
        sub = Subscription(
            chat_id=chat_id,
            at=at,
            timezone=timezone,
            owed_date=owed_date,
            due_at=due_at,
            created_at=now,
            updated_at=now,
            last_cutoff=now,
        )
    sub.at = at
    sub.timezone = timezone
    sub.owed_date = owed_date
    sub.due_at = due_at
    sub.filters = dict(filters or {})
    if when_empty is not None:
        sub.when_empty = when_empty
    sub.active = True
    sub.inactive_reason = None
    sub.updated_at = now
    session.add(sub)
    session.commit()
    session.refresh(sub)
    return sub


def get_subscription(session: Session, chat_id: int) -> Subscription | None:
    return session.get(Subscription, chat_id)


def remove_subscription(session: Session, chat_id: int) -> bool:
    """Unsubscribe; True if there was a subscription. Past deliveries stay on record."""
    sub = session.get(Subscription, chat_id)
    if sub is None:
        return False
    session.delete(sub)
    session.commit()
    return True


def deactivate_chat(session: Session, chat_id: int, reason: str, now: datetime) -> None:
    """Stop sending to a chat (it blocked the bot, or is gone) until it subscribes again."""
    _deactivate(session, chat_id, reason, now)
    session.commit()


def _deactivate(session: Session, chat_id: int, reason: str, now: datetime) -> None:
    session.execute(
        update(Subscription)
        .where(col(Subscription.chat_id) == chat_id)
        .values(active=False, inactive_reason=reason[:200], updated_at=now)
    )
    mark_chat_inactive(session=session, chat_id=chat_id)


def advance_cursor(session: Session, chat_id: int, cutoff: datetime) -> None:
    """A digest covering everything up to `cutoff` went out (e.g. asked for with /digest)."""
    session.execute(
        update(Subscription)
        .where(
            col(Subscription.chat_id) == chat_id,
            or_(col(Subscription.last_cutoff).is_(None), col(Subscription.last_cutoff) < cutoff),
        )
        .values(last_cutoff=cutoff)
    )
    session.commit()


# ----------------------------------------------------------------------------------------------
# Claiming deliveries


class Calendar(Protocol):
    """The schedule arithmetic (bot.schedule): storage stores and selects, it does not count
    days in timezones."""

    def due(self, at: time, tz: str, *, owed_from: date, now: datetime) -> date | None: ...

    def following(self, delivered: date, at: time, tz: str) -> tuple[date, datetime]: ...


@dataclass(frozen=True, slots=True)
class ClaimedDelivery:
    """A delivery this process owns until it records the outcome (or the lease runs out)."""

    id: int
    chat_id: int
    local_date: date
    since: datetime | None
    cutoff: datetime
    timezone: str
    filters: dict[str, Any]
    when_empty: WhenEmpty
    attempt: int
    parts_sent: int
    claimed_at: datetime


def claim_due_deliveries(
    session: Session,
    *,
    now: datetime,
    worker: str,
    calendar: Calendar,
    limit: int = 200,
    lease: timedelta = LEASE,
) -> list[ClaimedDelivery]:
    """Claim up to `limit` deliveries to make now: first those left pending by a process that
    died (lease expired), then new ones for subscriptions whose time has come. Commits; what it
    returns no other process will get until `lease` has passed."""
    _lock_for_write(session)
    claimed = _reclaim_stale(session, now=now, worker=worker, limit=limit, lease=lease)
    if len(claimed) < limit:
        claimed += _claim_new(
            session, now=now, worker=worker, calendar=calendar, limit=limit - len(claimed)
        )
    session.commit()
    return claimed


def _lock_for_write(session: Session) -> None:
    """SQLite: take the write lock before reading, so two processes never both read and then
    both try to write (which SQLite answers with "database is locked" instead of waiting).
    PostgreSQL locks rows instead (FOR UPDATE SKIP LOCKED below)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            update(DigestDelivery)
            .where(col(DigestDelivery.id) == -1)
            .values(attempts=DigestDelivery.attempts)
        )


def _reclaim_stale(
    session: Session, *, now: datetime, worker: str, limit: int, lease: timedelta
) -> list[ClaimedDelivery]:
    stale = session.scalars(
        select(DigestDelivery)
        .where(
            col(DigestDelivery.status) == "pending",
            col(DigestDelivery.claimed_at) < now - lease,
        )
        .order_by(col(DigestDelivery.claimed_at))
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    out: list[ClaimedDelivery] = []
    for row in stale:
        assert row.id is not None
        if row.attempts >= MAX_ATTEMPTS:
            _cas(session, row.id, row.attempts, status="failed", error="gave up after retries")
            log.warning("digest %s for chat %s given up after %s attempts",
                        row.local_date, row.chat_id, row.attempts)  # fmt: skip
            continue
        # Compare-and-set on the attempt number: whoever moves it first owns the delivery.
        if _cas(session, row.id, row.attempts, attempts=row.attempts + 1, worker=worker,
                claimed_at=now):  # fmt: skip
            sub = session.get(Subscription, row.chat_id)
            out.append(_claimed(row, sub, attempt=row.attempts + 1, claimed_at=now))
    return out


def _cas(session: Session, delivery_id: int, attempt: int, **values: Any) -> bool:
    result = session.execute(
        update(DigestDelivery)
        .where(
            col(DigestDelivery.id) == delivery_id,
            col(DigestDelivery.attempts) == attempt,
            col(DigestDelivery.status) == "pending",
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


def _claim_new(
    session: Session, *, now: datetime, worker: str, calendar: Calendar, limit: int
) -> list[ClaimedDelivery]:
    subs = session.scalars(
        select(Subscription)
        .where(col(Subscription.active), col(Subscription.due_at) <= now)
        .order_by(col(Subscription.due_at))
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    if not subs:
        return []
    wanted: list[dict[str, Any]] = []
    advance: list[dict[str, Any]] = []
    by_chat: dict[int, Subscription] = {}
    for sub in subs:
        local = calendar.due(sub.at, sub.timezone, owed_from=sub.owed_date, now=now)
        if local is None:  # due_at was stale (the time or zone changed): recompute only
            local = sub.owed_date - timedelta(days=1)
        else:
            wanted.append(
                {
                    "chat_id": sub.chat_id,
                    "local_date": local,
                    "status": "pending",
                    "since": sub.last_cutoff,
                    "cutoff": now,
                    "worker": worker,
                    "claimed_at": now,
                    "attempts": 1,
                    "parts_sent": 0,
                    "messages": 0,
                }
            )
            by_chat[sub.chat_id] = sub
        owed, due_at = calendar.following(local, sub.at, sub.timezone)
        advance.append({"chat_id": sub.chat_id, "owed_date": owed, "due_at": due_at})
    out: list[ClaimedDelivery] = []
    if wanted:
        rows = session.execute(
            _insert(session)(DigestDelivery)
            .values(wanted)
            .on_conflict_do_nothing(index_elements=["chat_id", "local_date"])
            .returning(
                col(DigestDelivery.id), col(DigestDelivery.chat_id), col(DigestDelivery.local_date)
            )
        ).all()
        for delivery_id, chat_id, local in rows:
            sub = by_chat[chat_id]
            out.append(
                ClaimedDelivery(
                    id=delivery_id,
                    chat_id=chat_id,
                    local_date=local,
                    since=sub.last_cutoff,
                    cutoff=now,
                    timezone=sub.timezone,
                    filters=dict(sub.filters or {}),
                    when_empty=_when_empty(sub.when_empty),
                    attempt=1,
                    parts_sent=0,
                    claimed_at=now,
                )
            )
    session.execute(update(Subscription).execution_options(synchronize_session=False), advance)
    return out


def _insert(session: Session) -> Any:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def _when_empty(value: str) -> WhenEmpty:
    return "skip" if value == "skip" else "note"


def _claimed(
    row: DigestDelivery, sub: Subscription | None, *, attempt: int, claimed_at: datetime
) -> ClaimedDelivery:
    assert row.id is not None
    return ClaimedDelivery(
        id=row.id,
        chat_id=row.chat_id,
        local_date=row.local_date,
        since=row.since,
        cutoff=row.cutoff,
        timezone=sub.timezone if sub else "UTC",
        filters=dict(sub.filters or {}) if sub else {},
        when_empty=_when_empty(sub.when_empty) if sub else "note",
        attempt=attempt,
        parts_sent=row.parts_sent,
        claimed_at=claimed_at,
    )


# ----------------------------------------------------------------------------------------------
# Recording what happened


def renew_claims(session: Session, claims: Sequence[ClaimedDelivery], now: datetime) -> set[int]:
    """Extend the lease of deliveries still waiting to go out; returns the ids still ours (a
    delivery another process took over must not be sent)."""
    held: set[int] = set()
    for c in claims:
        if _cas(session, c.id, c.attempt, claimed_at=now):
            held.add(c.id)
    session.commit()
    return held


def release_claims(
    session: Session, claims: Sequence[ClaimedDelivery], lease: timedelta = LEASE
) -> int:
    """Hand back claimed deliveries that were not sent (the process is stopping): their claim
    is dated back past the lease, so the next run anywhere takes them at once."""
    released = sum(
        _cas(session, c.id, c.attempt, claimed_at=c.claimed_at - lease - timedelta(seconds=1))
        for c in claims
    )
    session.commit()
    return released


def record_progress(session: Session, claim: ClaimedDelivery, parts_sent: int) -> bool:
    """Some parts of a long digest went out: a retry after a crash starts after them."""
    ok = _cas(session, claim.id, claim.attempt, parts_sent=parts_sent)
    session.commit()
    return ok


def mark_delivered(
    session: Session,
    claim: ClaimedDelivery,
    *,
    status: DeliveryStatus,
    now: datetime,
    parts_sent: int = 0,
    error: str | None = None,
) -> bool:
    """Record the outcome of a claimed delivery. sent/empty move the chat's digest cursor to the
    delivery's cutoff; blocked also deactivates the subscription; failed leaves the delivery
    pending, to be claimed again when the lease runs out (up to MAX_ATTEMPTS). False when the
    claim was lost to another process meanwhile (nothing is changed then)."""
    values: dict[str, Any] = {"parts_sent": parts_sent, "error": error[:500] if error else None}
    if status != "failed":
        values |= {"status": status, "sent_at": now, "messages": parts_sent}
    if not _cas(session, claim.id, claim.attempt, **values):
        session.rollback()
        return False
    if status in ("sent", "empty"):
        session.execute(
            update(Subscription)
            .where(
                col(Subscription.chat_id) == claim.chat_id,
                or_(
                    col(Subscription.last_cutoff).is_(None),
                    col(Subscription.last_cutoff) < claim.cutoff,
                ),
            )
            .values(last_cutoff=claim.cutoff)
        )
    elif status == "blocked":
        _deactivate(session, claim.chat_id, error or "blocked", now)
    session.commit()
    return True


def delivery_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(col(DigestDelivery.status), func.count()).group_by(col(DigestDelivery.status))
    ).all()
    return {str(status): int(count) for status, count in rows}
