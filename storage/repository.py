"""Saving articles with their claims and links, and the queries the bot needs.

Keyword-only functions over a caller's session (one session per unit of work, see
`storage.db.session_scope`); every query about articles or claims takes the chat it answers.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import (
    BigInteger,
    Text,
    any_,
    bindparam,
    cast,
    delete,
    func,
    or_,
    text,
    union_all,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel, col, select

from claims.claimants import claimant_key
from claims.linking import (
    CANDIDATES_PER_KEY,
    MAX_CANDIDATES,
    ClaimFacts,
    Link,
    LinkKeys,
    best_links,
    facts_of_article,
    link_keys,
)
from claims.model import Claim as ExtractedClaim
from claims.model import Extraction
from storage.models import (
    Article,
    Chat,
    Claim,
    Claimant,
    ClaimantAlias,
    ClaimKey,
    ClaimLink,
    Story,
)

MAX_LINKS_PER_CLAIM = 10
K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """Where an article came from: the forwarded channel or the fetched page."""

    title: str | None = None
    link: str | None = None
    outlet: str | None = None
    published_at: datetime | None = None
    received_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A claim as the bot shows it, with its article."""

    id: int
    article_id: int
    claimant: str | None
    claimant_kind: str
    claimant_role: str | None
    speaker: str | None
    kind: str
    hedged: bool
    content: str
    sentence: str
    source: str | None
    figures: tuple[str, ...]
    places: tuple[str, ...]
    when: str | None
    story_id: int | None
    values: tuple[float, ...]
    """The figures' values, in the order of `figures`."""
    published_on: datetime
    article_title: str | None
    article_link: str | None
    outlet: str | None
    claimant_id: int | None = None
    """The shared claimant identity, for "more from this claimant" (None when unattributed)."""


@dataclass(frozen=True, slots=True)
class RelatedClaim:
    claim: StoredClaim
    kind: str
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class SavedArticle:
    article_id: int
    created: bool
    first_seen: datetime
    claim_ids: tuple[int, ...]
    links: tuple[tuple[int, RelatedClaim], ...] = ()
    """(new claim id, the stored claim it links to), contradictions first."""


@dataclass(frozen=True, slots=True)
class NewLink:
    """A link to store: `from_claim_id` is the newer claim."""

    from_claim_id: int
    to_claim_id: int
    kind: str
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class StoryInfo:
    id: int
    key: str
    title: str
    claims: int
    updated_at: datetime


def content_hash(text: str) -> str:
    """The same article forwarded twice hashes alike whatever its white space."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _clean(value: str) -> str:
    """PostgreSQL text cannot hold NUL; one replacement character keeps every offset."""
    return value.replace("\x00", "\ufffd")


def _clip(value: str | None, size: int) -> str | None:
    """Bounded columns get at most their size (PostgreSQL refuses longer; SQLite would not)."""
    return None if value is None else _clean(value)[:size]


def _insert_ignoring(session: Session, table: type[SQLModel]) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING: of two processes adding the same chat, article,
    claimant or story at once, one inserts and the other finds it, and neither fails."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


# ----------------------------------------------------------------------------------------------
# Chats


def get_or_create_chat(
    *, session: Session, chat_id: int, title: str | None = None, now: datetime | None = None
) -> Chat:
    chat = session.get(Chat, chat_id)
    if chat is None:
        session.execute(
            _insert_ignoring(session, Chat)
            .values(
                id=chat_id,
                title=_clip(title, 256),
                active=True,
                timezone="UTC",
                created_at=now or _now(),
            )
            .on_conflict_do_nothing(index_elements=["id"])
        )
        chat = session.get(Chat, chat_id)
        assert chat is not None
        return chat
    if not chat.active:
        chat.active = True  # the chat wrote to us again: it no longer blocks the bot
    if title and chat.title != _clip(title, 256):
        chat.title = _clip(title, 256)
    return chat


def mark_chat_inactive(*, session: Session, chat_id: int) -> None:
    session.execute(update(Chat).where(col(Chat.id) == chat_id).values(active=False))


# ----------------------------------------------------------------------------------------------
# Saving


def save_article(
    *,
    session: Session,
    chat_id: int,
    text: str,
    extraction: Extraction,
    meta: ArticleMeta,
    link: bool = True,
) -> SavedArticle:
    """Stores an article, its claims and their links in the caller's transaction; an article the
    chat already sent (same content hash) is not stored again."""
    received = meta.received_at or _now()
    text = _clean(text)
    digest = content_hash(text)
    existing = _already_stored(session, chat_id, digest)
    if existing is not None:
        return existing
    get_or_create_chat(session=session, chat_id=chat_id, now=received)
    published = meta.published_at or received
    article_id = session.execute(
        _insert_ignoring(session, Article)
        .values(
            chat_id=chat_id,
            content_hash=digest,
            title=_clip(meta.title or extraction.title, 512),
            link=_clip(meta.link, 2048),
            outlet=_clip(meta.outlet, 256),
            published_at=meta.published_at,
            received_at=received,
            language=_clip(extraction.language, 8) or "und",
            text=text,
        )
        .on_conflict_do_nothing(index_elements=["chat_id", "content_hash"])
        .returning(col(Article.id))
    ).scalar()
    if article_id is None:  # the same forward, stored a moment ago by another process
        existing = _already_stored(session, chat_id, digest)
        assert existing is not None
        return existing
    article = session.get_one(Article, article_id)
    assert article.id is not None

    all_facts = facts_of_article(extraction, published.date()) if link else []
    rows: list[tuple[Claim, ClaimFacts | None]] = []
    for index, claim in enumerate(extraction.claims):
        facts = all_facts[index] if index < len(all_facts) else None
        row = _claim_row(session, chat_id, article.id, claim, facts, published, received)
        session.add(row)
        rows.append((row, facts))
    session.flush()

    first_new = min((r.id for r, _ in rows if r.id is not None), default=None)
    new: list[tuple[int, ClaimFacts, LinkKeys]] = []
    for row, facts in rows:
        assert row.id is not None
        if facts is None:
            continue
        keys = link_keys(facts)
        for key in keys.keys():
            session.add(
                ClaimKey(chat_id=chat_id, key=key[:128], published_on=published, claim_id=row.id)
            )
        new.append((row.id, facts, keys))
    links = _link_article(session, chat_id, new, first_new, received) if first_new else []
    session.flush()
    rank = {"contradiction": 0, "update": 1, "related": 2}
    links.sort(key=lambda pair: (rank.get(pair[1].kind, 3), -pair[1].score))
    return SavedArticle(
        article.id, True, received, tuple(r.id for r, _ in rows if r.id), tuple(links)
    )


def _already_stored(session: Session, chat_id: int, digest: str) -> SavedArticle | None:
    existing = session.exec(
        select(Article).where(Article.chat_id == chat_id, Article.content_hash == digest)
    ).first()
    if existing is None:
        return None
    assert existing.id is not None
    ids = session.exec(
        select(Claim.id).where(Claim.article_id == existing.id).order_by(col(Claim.id))
    ).all()
    return SavedArticle(existing.id, False, existing.received_at, tuple(i for i in ids if i))


def _claim_row(
    session: Session,
    chat_id: int,
    article_id: int,
    claim: ExtractedClaim,
    facts: ClaimFacts | None,
    published: datetime,
    received: datetime,
) -> Claim:
    claimant_id = None
    if claim.claimant:
        claimant_id = _claimant_id(session, claim.claimant, claim.claimant_kind)
        if claimant_id is not None and claim.source is not None:
            _add_alias(session, claimant_id, claim.source.text)
    story_id = None
    if facts is not None and facts.story and facts.story_title:
        story_id = _story_id(session, chat_id, facts.story, facts.story_title, received)
    return Claim(
        chat_id=chat_id,
        article_id=article_id,
        claimant_id=claimant_id,
        story_id=story_id,
        claimant_name=_clip(claim.claimant, 256),
        claimant_kind=claim.claimant_kind,
        claimant_role=_clip(claim.claimant_role, 128),
        speaker=_clip(claim.speaker, 256),
        kind=claim.kind,
        hedged=claim.hedged,
        content_text=_clean(claim.content.text),
        content_start=claim.content.start,
        content_end=claim.content.end,
        content_parts=[list(p) for p in claim.content.parts],
        source_text=_clean(claim.source.text) if claim.source else None,
        source_start=claim.source.start if claim.source else None,
        source_end=claim.source.end if claim.source else None,
        cue_text=_clip(claim.cue.text, 512) if claim.cue else None,
        cue_start=claim.cue.start if claim.cue else None,
        cue_end=claim.cue.end if claim.cue else None,
        sentence_text=_clean(claim.sentence.text),
        sentence_start=claim.sentence.start,
        sentence_end=claim.sentence.end,
        figures=[f.to_json() for f in claim.figures],
        places=[_clean(p) for p in claim.places],
        when_text=_clip(claim.when, 256),
        facts=facts.to_json() if facts is not None else None,
        published_on=published,
        created_at=received,
    )


def _claimant_id(session: Session, name: str, kind: str) -> int | None:
    """The shared identity a name resolves to (through an alias first), created when new."""
    key = _clip(claimant_key(name), 256)
    if not key:
        return None
    alias = session.exec(
        select(ClaimantAlias.claimant_id).where(ClaimantAlias.alias_key == key)
    ).first()
    if alias is not None:
        return alias
    found = session.exec(select(Claimant.id).where(Claimant.key == key)).first()
    if found is None:
        session.execute(
            _insert_ignoring(session, Claimant)
            .values(key=key, name=_clip(name, 256), kind=kind)
            .on_conflict_do_nothing(index_elements=["key"])
        )
        found = session.exec(select(Claimant.id).where(Claimant.key == key)).one()
    return found


def _add_alias(session: Session, claimant_id: int, alias: str) -> None:
    key = _clip(claimant_key(alias), 512)
    if (
        not key
        or session.exec(select(ClaimantAlias.id).where(ClaimantAlias.alias_key == key)).first()
    ):
        return
    if session.exec(select(Claimant.id).where(Claimant.key == key)).first():
        return
    session.execute(
        _insert_ignoring(session, ClaimantAlias)
        .values(claimant_id=claimant_id, alias=_clip(alias, 512), alias_key=key)
        .on_conflict_do_nothing(index_elements=["alias_key"])
    )


def _story_id(session: Session, chat_id: int, key: str, title: str, now: datetime) -> int:
    key = _clip(key, 256) or ""
    found = session.exec(select(Story).where(Story.chat_id == chat_id, Story.key == key)).first()
    if found is not None:
        found.updated_at = now
        assert found.id is not None
        return found.id
    session.execute(
        _insert_ignoring(session, Story)
        .values(chat_id=chat_id, key=key, title=_clip(title, 256), created_at=now, updated_at=now)
        .on_conflict_do_nothing(index_elements=["chat_id", "key"])
    )
    return (
        session.exec(select(Story.id).where(Story.chat_id == chat_id, Story.key == key)).one() or 0
    )


def _link_article(
    session: Session,
    chat_id: int,
    new: Sequence[tuple[int, ClaimFacts, LinkKeys]],
    first_new: int,
    now: datetime,
) -> list[tuple[int, RelatedClaim]]:
    """Links an article's new claims to stored claims of the same chat and stores the links."""
    found = find_links(
        session=session,
        chat_id=chat_id,
        claims=new,
        before_id=first_new,
    )
    add_links(
        session=session,
        chat_id=chat_id,
        links=[
            NewLink(claim_id, cid, lk.kind, lk.score, lk.reason)
            for claim_id, links in found
            for cid, lk in links
        ],
        now=now,
    )
    linked = sorted({cid for _, links in found for cid, _ in links})
    by_id = {c.id: c for c in _stored(session, chat_id, linked)}
    return [
        (claim_id, RelatedClaim(by_id[cid], lk.kind, lk.score, lk.reason))
        for claim_id, links in found
        for cid, lk in links
        if cid in by_id
    ]


def find_links(
    *,
    session: Session,
    chat_id: int,
    claims: Sequence[tuple[K, ClaimFacts, LinkKeys]],
    before_id: int | None = None,
) -> list[tuple[K, list[tuple[int, Link]]]]:
    """The links an article's claims (any key, their facts and link keys) would get to the
    chat's stored claims, strongest first, without storing anything. The work is per article,
    not per claim: one index read per publication window, each candidate's facts read and
    parsed once."""
    shared = _shared_keys(
        session, chat_id, [keys for _, _, keys in claims], before_id, CANDIDATES_PER_KEY
    )
    chosen = [[cid for cid, _ in counts.most_common(MAX_CANDIDATES)] for counts in shared]
    stored = _stored_facts(session, chat_id, {cid for ids in chosen for cid in ids})
    return [
        (key, best_links(facts, [(c, stored[c]) for c in ids if c in stored], MAX_LINKS_PER_CLAIM))
        for (key, facts, _), ids in zip(claims, chosen, strict=True)
    ]


def candidate_claims(
    *,
    session: Session,
    chat_id: int,
    keys: LinkKeys,
    before_id: int | None = None,
    per_key: int = CANDIDATES_PER_KEY,
    limit: int = MAX_CANDIDATES,
) -> list[tuple[int, ClaimFacts]]:
    """The chat's stored claims sharing the most keys with `keys` inside its publication window,
    with their facts for scoring. Each key reads at most `per_key` index rows, newest first, so
    a common key costs no more than a rare one; `before_id` leaves out the article being saved."""
    (counts,) = _shared_keys(session, chat_id, [keys], before_id, per_key)
    chosen = [claim_id for claim_id, _ in counts.most_common(limit)]
    facts = _stored_facts(session, chat_id, set(chosen))
    return [(cid, facts[cid]) for cid in chosen if cid in facts]


def _shared_keys(
    session: Session,
    chat_id: int,
    wanted: Sequence[LinkKeys],
    before_id: int | None,
    per_key: int,
) -> list[Counter[int]]:
    """For each claim's keys, how many of them each stored claim shares. Claims with the same
    publication window (most of an article's) share one round trip, and a key two of them have
    is read once; every key still reads exactly its own newest `per_key` rows in that window."""
    windows: dict[tuple[Any, Any], dict[str, None]] = {}
    for keys in wanted:
        windows.setdefault((keys.since, keys.until), {}).update(
            dict.fromkeys(k[:128] for k in keys.keys())
        )
    rows: dict[tuple[Any, Any], dict[str, list[int]]] = {}
    postgres = session.get_bind().dialect.name == "postgresql"
    for (since_day, until_day), window_keys in windows.items():
        keys_in_window = list(window_keys)
        by_key: dict[str, list[int]] = rows.setdefault((since_day, until_day), {})
        params: dict[str, Any] = {
            "chat": chat_id,
            "since": datetime.combine(since_day, datetime.min.time(), UTC),
            "until": datetime.combine(until_day, datetime.min.time(), UTC) + timedelta(days=1),
            "before": before_id or 0,
        }
        if postgres:
            statement = _candidates_lateral(before_id is not None, per_key)
            found = session.execute(statement, {**params, "keys": keys_in_window})
            for key, claim_id in found:
                by_key.setdefault(key, []).append(claim_id)
            continue
        for at in range(0, len(keys_in_window), MAX_KEYS_PER_STATEMENT):
            names = keys_in_window[at : at + MAX_KEYS_PER_STATEMENT]
            names += [""] * (_padded(len(names)) - len(names))  # no key is empty: reads nothing
            statement = _candidates_statement(len(names), before_id is not None, per_key)
            keyed = {**params, **{f"k{i}": key for i, key in enumerate(names)}}
            for key, claim_id in session.execute(statement, keyed):
                by_key.setdefault(key, []).append(claim_id)
    out: list[Counter[int]] = []
    for keys in wanted:
        by_key = rows.get((keys.since, keys.until), {})
        counts: Counter[int] = Counter()
        for key in dict.fromkeys(k[:128] for k in keys.keys()):
            counts.update(by_key.get(key, ()))
        out.append(counts)
    return out


def _stored_facts(session: Session, chat_id: int, ids: set[int]) -> dict[int, ClaimFacts]:
    if not ids:
        return {}
    wanted: Any = col(Claim.id).in_(sorted(ids))
    if session.get_bind().dialect.name == "postgresql":
        # one array, not hundreds of parameters: psycopg re-parses a statement of more than
        # 50 parameters on every call, which cost more than reading the rows
        wanted = col(Claim.id) == any_(
            bindparam("ids", sorted(ids), type_=postgresql.ARRAY(BigInteger))
        )
    # the stored text itself, parsed once per process: the same recent claims are candidates
    # of every new article of their chat
    stored = session.exec(
        select(Claim.id, cast(Claim.facts, Text)).where(Claim.chat_id == chat_id, wanted)
    ).all()
    return {cid: _parsed_facts(f) for cid, f in stored if cid and f and f != "null"}


FACTS_CACHE_SIZE = 20_000
"""Parsed stored facts kept per process (about 4 KB each with their text)."""


@lru_cache(maxsize=FACTS_CACHE_SIZE)
def _parsed_facts(stored: str) -> ClaimFacts:
    """Keyed by the stored text, not the claim's id: a reused id or another database can never
    get another claim's facts, and stored facts are never rewritten."""
    return ClaimFacts.from_json(json.loads(stored))


MAX_KEYS_PER_STATEMENT = 64
"""Keys read by one statement: SQLite refuses a compound SELECT of more than 500 parts, and a
long article has hundreds of keys."""


def _padded(count: int) -> int:
    """Key counts rounded up to a few shapes (8, 16, 32, 64): compiling a statement of fifty
    subqueries costs more than running it (tens of milliseconds), so only these are compiled."""
    size = 8
    while size < count:
        size *= 2
    return size


@lru_cache(maxsize=32)
def _candidates_statement(keys: int, before: bool, per_key: int) -> Any:
    """One round trip for all of a claim's keys, each reading its newest rows off its own index
    range; built once per shape, since building SQL costs more than running it here."""
    parts = []
    for i in range(keys):
        query = select(col(ClaimKey.key), col(ClaimKey.claim_id)).where(
            col(ClaimKey.chat_id) == bindparam("chat"),
            col(ClaimKey.key) == bindparam(f"k{i}"),
            col(ClaimKey.published_on) >= bindparam("since"),
            col(ClaimKey.published_on) < bindparam("until"),
        )
        if before:
            query = query.where(col(ClaimKey.claim_id) < bindparam("before"))
        parts.append(query.order_by(col(ClaimKey.published_on).desc()).limit(per_key).subquery())
    return union_all(*(select(part.c.key, part.c.claim_id) for part in parts))


@lru_cache(maxsize=4)
def _candidates_lateral(before: bool, per_key: int) -> Any:
    """PostgreSQL's form of `_candidates_statement`: the keys go as one array, so the statement
    is short and the same for every article (psycopg parses and the server prepares it once,
    where the union of 64 subqueries was parsed again on every call), and each key still reads
    its newest rows off its own index range."""
    before_clause = "AND ck.claim_id < :before" if before else ""
    return text(
        f"""
        SELECT k.key, c.claim_id
        FROM unnest(CAST(:keys AS varchar[])) AS k(key)
        CROSS JOIN LATERAL (
            SELECT ck.claim_id FROM claim_keys AS ck
            WHERE ck.chat_id = :chat AND ck.key = k.key
              AND ck.published_on >= :since AND ck.published_on < :until {before_clause}
            ORDER BY ck.published_on DESC
            LIMIT {int(per_key)}
        ) AS c
        """
    )


def add_links(
    *, session: Session, chat_id: int, links: Sequence[NewLink], now: datetime | None = None
) -> int:
    """Stores links between claims of one chat; a pair already linked keeps its link. A claim
    of another chat is refused: no link ever leads out of a chat. Returns how many were new."""
    if not links:
        return 0
    ids = {i for lk in links for i in (lk.from_claim_id, lk.to_claim_id)}
    owned = set(
        session.exec(
            select(Claim.id).where(Claim.chat_id == chat_id, col(Claim.id).in_(sorted(ids)))
        ).all()
    )
    if ids - owned:
        raise ValueError(f"claims {sorted(ids - owned)} are not chat {chat_id}'s")
    stamp = now or _now()
    result = session.execute(
        _insert_ignoring(session, ClaimLink)
        .values(
            [
                {
                    "chat_id": chat_id,
                    "from_claim_id": lk.from_claim_id,
                    "to_claim_id": lk.to_claim_id,
                    "score": lk.score,
                    "kind": lk.kind,
                    "reason": _clean(lk.reason),
                    "created_at": stamp,
                }
                for lk in links
            ]
        )
        .on_conflict_do_nothing(index_elements=["from_claim_id", "to_claim_id"])
        .returning(col(ClaimLink.id))
    )
    return len(result.all())


# ----------------------------------------------------------------------------------------------
# Queries


def _stored(session: Session, chat_id: int, ids: Sequence[int]) -> list[StoredClaim]:
    if not ids:
        return []
    rows = session.exec(
        select(Claim, Article)
        .join(Article, col(Article.id) == col(Claim.article_id))
        .where(Claim.chat_id == chat_id, col(Claim.id).in_(list(ids)))
    ).all()
    return [_to_stored(c, a) for c, a in rows]


def _to_stored(c: Claim, a: Article) -> StoredClaim:
    assert c.id is not None
    return StoredClaim(
        id=c.id,
        article_id=c.article_id,
        claimant=c.claimant_name,
        claimant_kind=c.claimant_kind,
        claimant_role=c.claimant_role,
        speaker=c.speaker,
        kind=c.kind,
        hedged=c.hedged,
        content=c.content_text,
        sentence=c.sentence_text,
        source=c.source_text,
        figures=tuple(str(f.get("text", "")) for f in c.figures),
        places=tuple(c.places),
        when=c.when_text,
        story_id=c.story_id,
        values=tuple(float(f["value"]) for f in c.figures if f.get("value") is not None),
        published_on=c.published_on,
        article_title=a.title,
        article_link=a.link,
        outlet=a.outlet,
        claimant_id=c.claimant_id,
    )


def _claims_query(chat_id: int) -> Any:
    return (
        select(Claim, Article)
        .join(Article, col(Article.id) == col(Claim.article_id))
        .where(Claim.chat_id == chat_id)
    )


def get_claim(*, session: Session, chat_id: int, claim_id: int) -> StoredClaim | None:
    found = _stored(session, chat_id, [claim_id])
    return found[0] if found else None


def claimant_ids(*, session: Session, name: str) -> list[int]:
    """Claimants a user may mean by a name: its canonical key, a known alias, or a name part."""
    key = claimant_key(name)
    if not key:
        return []
    ids = set(session.exec(select(Claimant.id).where(Claimant.key == key)).all())
    ids |= set(
        session.exec(select(ClaimantAlias.claimant_id).where(ClaimantAlias.alias_key == key)).all()
    )
    if not ids:
        pattern = f"%{_escape_like(key)}%"
        ids |= set(
            session.exec(
                select(Claimant.id).where(col(Claimant.key).like(pattern, escape="\\")).limit(20)
            ).all()
        )
    return sorted(i for i in ids if i is not None)


def claims_by_claimant(
    *, session: Session, chat_id: int, name: str, limit: int = 20
) -> list[StoredClaim]:
    ids = claimant_ids(session=session, name=name)
    if not ids:
        return []
    rows = session.exec(
        _claims_query(chat_id)
        .where(col(Claim.claimant_id).in_(ids))
        .order_by(col(Claim.created_at).desc(), col(Claim.id).desc())
        .limit(limit)
    ).all()
    return [_to_stored(c, a) for c, a in rows]


def claims_of_claimant_id(
    *, session: Session, chat_id: int, claimant_id: int, limit: int = 20
) -> list[StoredClaim]:
    rows = session.exec(
        _claims_query(chat_id)
        .where(Claim.claimant_id == claimant_id)
        .order_by(col(Claim.created_at).desc(), col(Claim.id).desc())
        .limit(limit)
    ).all()
    return [_to_stored(c, a) for c, a in rows]


def story_timeline(
    *, session: Session, chat_id: int, story_id: int, limit: int = 200
) -> list[StoredClaim]:
    """A story's claims in the order they were published."""
    rows = session.exec(
        _claims_query(chat_id)
        .where(Claim.story_id == story_id)
        .order_by(col(Claim.published_on), col(Claim.id))
        .limit(limit)
    ).all()
    return [_to_stored(c, a) for c, a in rows]


def stories(
    *, session: Session, chat_id: int, query: str | None = None, limit: int = 20
) -> list[StoryInfo]:
    """The chat's stories, most recently updated first; `query` filters on the title."""
    stmt = (
        select(Story, func.count(col(Claim.id)))
        .join(Claim, col(Claim.story_id) == col(Story.id), isouter=True)
        .where(Story.chat_id == chat_id)
        .group_by(col(Story.id))
        .order_by(col(Story.updated_at).desc(), col(Story.id).desc())
        .limit(limit)
    )
    if query:
        stmt = stmt.where(
            func.lower(col(Story.title)).like(f"%{_escape_like(query.lower())}%", escape="\\")
        )
    out = []
    for story, count in session.exec(stmt).all():
        assert story.id is not None
        out.append(StoryInfo(story.id, story.key, story.title, int(count), story.updated_at))
    return out


def claims_since(
    *, session: Session, chat_id: int, since: datetime, limit: int = 500
) -> list[StoredClaim]:
    rows = session.exec(
        _claims_query(chat_id)
        .where(col(Claim.created_at) > since)
        .order_by(col(Claim.created_at), col(Claim.id))
        .limit(limit)
    ).all()
    return [_to_stored(c, a) for c, a in rows]


def related_claims(
    *, session: Session, chat_id: int, claim_id: int, limit: int = 20
) -> list[RelatedClaim]:
    """Stored claims linked to a claim, either way; contradictions first."""
    links = session.exec(
        select(ClaimLink)
        .where(
            ClaimLink.chat_id == chat_id,
            or_(col(ClaimLink.from_claim_id) == claim_id, col(ClaimLink.to_claim_id) == claim_id),
        )
        .order_by(col(ClaimLink.score).desc())
        .limit(limit * 2)
    ).all()
    other = {
        (lk.to_claim_id if lk.from_claim_id == claim_id else lk.from_claim_id): lk for lk in links
    }
    by_id = {c.id: c for c in _stored(session, chat_id, list(other))}
    rank = {"contradiction": 0, "update": 1, "related": 2}
    out = [
        RelatedClaim(by_id[cid], lk.kind, lk.score, lk.reason)
        for cid, lk in other.items()
        if cid in by_id
    ]
    out.sort(key=lambda r: (rank.get(r.kind, 3), -r.score))
    return out[:limit]


def links_since(
    *, session: Session, chat_id: int, since: datetime, kinds: Sequence[str] = ("contradiction",)
) -> list[tuple[StoredClaim, StoredClaim, ClaimLink]]:
    """Links found since a time, as (new claim, stored claim, link)."""
    links = session.exec(
        select(ClaimLink)
        .where(
            ClaimLink.chat_id == chat_id,
            col(ClaimLink.kind).in_(list(kinds)),
            col(ClaimLink.created_at) > since,
        )
        .order_by(col(ClaimLink.created_at), col(ClaimLink.id))
    ).all()
    ids = {i for lk in links for i in (lk.from_claim_id, lk.to_claim_id)}
    by_id = {c.id: c for c in _stored(session, chat_id, list(ids))}
    return [
        (by_id[lk.from_claim_id], by_id[lk.to_claim_id], lk)
        for lk in links
        if lk.from_claim_id in by_id and lk.to_claim_id in by_id
    ]


_WORD = re.compile(r"\w+", re.UNICODE)


def search_claims(
    *, session: Session, chat_id: int, query: str, limit: int = 20
) -> list[StoredClaim]:
    """Full-text search over claim content: the newest claims that hold every word (stemmed:
    "killed" finds "kill"). Words are quoted, so any user input is safe to pass. Newest first,
    not best-ranked: ranking would score every match in every chat, which a common word makes
    slow, while walking the index newest-first stops after `limit` of this chat's hits."""
    words = _WORD.findall(query)[:12]
    if not words:
        return []
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        # chat_id is a column of the index: only this chat's matches are walked (unicode61 drops
        # the minus of a group's id, so chats 5 and -5 share entries: the join filter decides)
        terms = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        ids = session.execute(
            text(
                "SELECT c.id FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid "
                "WHERE claims_fts MATCH :match AND c.chat_id = :chat "
                "ORDER BY claims_fts.rowid DESC LIMIT :limit"
            ),
            {
                "match": f'chat_id : "{chat_id}" AND content_text : ({terms})',
                "chat": chat_id,
                "limit": limit,
            },
        ).scalars()
    else:
        # content_tsv holds the lexeme chat_ID too; a query of stop words only matches nothing
        ids = session.execute(
            text(
                "SELECT id FROM claims WHERE chat_id = :chat "
                "AND numnode(plainto_tsquery('english', :q)) > 0 "
                "AND content_tsv @@ (plainto_tsquery('english', :q) && CAST(:lexeme AS tsquery)) "
                "ORDER BY id DESC LIMIT :limit"
            ),
            {
                "q": " ".join(words),
                "lexeme": f"'chat_{chat_id}'",
                "chat": chat_id,
                "limit": limit,
            },
        ).scalars()
    order = list(ids)
    by_id = {c.id: c for c in _stored(session, chat_id, order)}
    return [by_id[i] for i in order if i in by_id]


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# ----------------------------------------------------------------------------------------------
# Claimants


def merge_claimants(*, session: Session, keep: int, merge: int) -> None:
    """The engine kept two claimants apart that are one: `merge`'s claims, aliases and name move
    to `keep`, so later articles resolve either spelling to `keep`."""
    if keep == merge:
        return
    gone = session.get(Claimant, merge)
    kept = session.get(Claimant, keep)
    if gone is None or kept is None:
        raise LookupError("no such claimant")
    session.execute(update(Claim).where(col(Claim.claimant_id) == merge).values(claimant_id=keep))
    session.execute(
        update(Claim).where(col(Claim.claimant_id) == keep).values(claimant_name=kept.name)
    )
    session.execute(
        update(ClaimantAlias)
        .where(col(ClaimantAlias.claimant_id) == merge)
        .values(claimant_id=keep)
    )
    name, key = gone.name, gone.key
    session.delete(gone)
    session.flush()
    session.add(ClaimantAlias(claimant_id=keep, alias=name, alias_key=key))
    session.flush()


# ----------------------------------------------------------------------------------------------
# Deleting


def delete_chat_data(*, session: Session, chat_id: int) -> int:
    """Deletes everything a chat sent (articles, claims, keys, links, stories) and the chat;
    returns the number of claims deleted. Shared claimant identities stay."""
    count = session.exec(select(func.count(col(Claim.id))).where(Claim.chat_id == chat_id)).one()
    for table in (ClaimLink, ClaimKey, Claim, Article, Story):
        session.execute(delete(table).where(col(table.chat_id) == chat_id))
    session.execute(delete(Chat).where(col(Chat.id) == chat_id))
    return int(count)
