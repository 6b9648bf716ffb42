"""Saving articles and asking for their claims, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select

from claims import extract
from claims.model import Extraction
from storage.db import session_scope
from storage.models import Article, Claim
from storage.repository import (
    ArticleMeta,
    claims_by_claimant,
    claims_since,
    content_hash,
    delete_chat_data,
    get_claim,
    merge_claimants,
    related_claims,
    save_article,
    search_claims,
    stories,
    story_timeline,
)

MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)

NORTH = """Heavy losses reported near Dalsk

More than 800 Eastern soldiers were killed near Dalsk in the last two days, according to the \
Northern Defence Ministry. Ministry spokeswoman Anna Berg told reporters that 14 tanks had been \
destroyed near Dalsk.
"""

EAST = """Eastern command rejects Northern figures

The Eastern General Staff said that only 120 Eastern soldiers had been killed near Dalsk in the \
last two days. "The bridgehead is firmly in our hands," General Staff spokesman Pavel Orlov said.
"""


def _save(engine: Engine, chat_id: int, text: str, when: datetime) -> tuple[int, Extraction]:
    extraction = extract(text)
    with session_scope(engine) as session:
        saved = save_article(
            session=session,
            chat_id=chat_id,
            text=text,
            extraction=extraction,
            meta=ArticleMeta(outlet="Test Wire", received_at=when),
        )
    return saved.article_id, extraction


def test_an_article_is_stored_with_every_claim_and_its_sentence(engine: Engine) -> None:
    article_id, extraction = _save(engine, 1, NORTH, MONDAY)
    with session_scope(engine) as session:
        rows = session.exec(select(Claim).where(Claim.article_id == article_id)).all()
        assert len(rows) == len(extraction.claims) >= 2
        for row in rows:
            assert NORTH[row.content_start : row.content_end] == row.content_text
            assert NORTH[row.sentence_start : row.sentence_end] == row.sentence_text
        ministry = [r for r in rows if r.claimant_name == "Northern Defence Ministry"]
        assert ministry and ministry[0].figures[0]["value"] == 800


def test_the_same_article_again_is_not_stored_twice_and_says_when_it_was_first_seen(
    engine: Engine,
) -> None:
    _save(engine, 1, NORTH, MONDAY)
    reformatted = NORTH.replace("\n\n", "\n\n   ")
    with session_scope(engine) as session:
        again = save_article(
            session=session,
            chat_id=1,
            text=reformatted,
            extraction=extract(reformatted),
            meta=ArticleMeta(received_at=MONDAY + timedelta(days=1)),
        )
        assert not again.created
        assert again.first_seen == MONDAY
        assert session.exec(select(func.count()).select_from(Article)).one() == 1


def test_another_chat_forwarding_the_same_article_gets_its_own_copy(engine: Engine) -> None:
    _save(engine, 1, NORTH, MONDAY)
    _save(engine, 2, NORTH, MONDAY)
    with session_scope(engine) as session:
        assert session.exec(select(func.count()).select_from(Article)).one() == 2


def test_a_failure_midway_leaves_nothing_half_stored(engine: Engine) -> None:
    extraction = extract(NORTH)
    claims: tuple[object, ...] = (*extraction.claims, None)  # the last claim breaks the save
    broken = Extraction(extraction.language, extraction.title, claims)  # type: ignore[arg-type]
    with pytest.raises(AttributeError), session_scope(engine) as session:
        save_article(session=session, chat_id=1, text=NORTH, extraction=broken, meta=ArticleMeta())
    with session_scope(engine) as session:
        assert session.exec(select(func.count()).select_from(Article)).one() == 0
        assert session.exec(select(func.count()).select_from(Claim)).one() == 0


def test_contradicting_figures_are_linked_with_a_readable_reason(engine: Engine) -> None:
    _save(engine, 1, NORTH, MONDAY)
    extraction = extract(EAST)
    with session_scope(engine) as session:
        saved = save_article(
            session=session,
            chat_id=1,
            text=EAST,
            extraction=extraction,
            meta=ArticleMeta(received_at=MONDAY + timedelta(hours=5)),
        )
    kinds = {related.kind for _, related in saved.links}
    assert "contradiction" in kinds
    new_id, first = saved.links[0]
    assert first.kind == "contradiction"
    assert "800" in first.reason and "120" in first.reason
    with session_scope(engine) as session:
        both_ways = related_claims(session=session, chat_id=1, claim_id=first.claim.id)
        assert any(r.claim.id == new_id for r in both_ways)
        assert related_claims(session=session, chat_id=2, claim_id=first.claim.id) == []


def test_claims_group_into_a_story_with_a_timeline(engine: Engine) -> None:
    _save(engine, 1, NORTH, MONDAY)
    _save(engine, 1, EAST, MONDAY + timedelta(days=1))
    with session_scope(engine) as session:
        found = stories(session=session, chat_id=1, query="losses")
        assert found, "a story about losses"
        timeline = story_timeline(session=session, chat_id=1, story_id=found[0].id)
        assert len(timeline) >= 2
        assert [c.published_on for c in timeline] == sorted(c.published_on for c in timeline)
        assert stories(session=session, chat_id=2) == []


def test_claims_by_claimant_accept_any_spelling(engine: Engine) -> None:
    _save(engine, 1, NORTH, MONDAY)
    with session_scope(engine) as session:
        for name in ("Northern Defence Ministry", "the Northern Defense Ministry", "northern"):
            found = claims_by_claimant(session=session, chat_id=1, name=name)
            assert found and all(c.claimant == "Northern Defence Ministry" for c in found)
        other_chat = claims_by_claimant(
            session=session, chat_id=2, name="Northern Defence Ministry"
        )
        assert other_chat == []


@pytest.mark.parametrize(
    "query, hit",
    [
        ("tanks destroyed", True),
        ("TANKS", True),
        ('"tanks* (', True),  # search syntax is not ours to obey
        ("tanks OR submarines(", False),  # every word must occur
        ("submarines", False),
        ("", False),
    ],
)
def test_full_text_search_finds_claim_content_in_the_chat_only(
    engine: Engine, query: str, hit: bool
) -> None:
    _save(engine, 1, NORTH, MONDAY)
    with session_scope(engine) as session:
        found = search_claims(session=session, chat_id=1, query=query)
        assert bool(found) == hit
        if hit:
            assert "tanks" in found[0].content
        assert search_claims(session=session, chat_id=2, query=query) == []


def test_claims_since_a_time(engine: Engine) -> None:
    _save(engine, 1, NORTH, MONDAY)
    _save(engine, 1, EAST, MONDAY + timedelta(days=1))
    with session_scope(engine) as session:
        later = claims_since(session=session, chat_id=1, since=MONDAY + timedelta(hours=1))
        assert later and {c.article_title for c in later} == {
            "Eastern command rejects Northern figures"
        }
        assert claims_since(session=session, chat_id=2, since=MONDAY - timedelta(days=9)) == []


def test_merging_claimants_moves_their_claims(engine: Engine) -> None:
    _save(engine, 1, NORTH, MONDAY)
    _save(engine, 1, EAST, MONDAY)
    with session_scope(engine) as session:
        north = claims_by_claimant(session=session, chat_id=1, name="Northern Defence Ministry")
        east = claims_by_claimant(session=session, chat_id=1, name="Eastern General Staff")
        keep = session.get(Claim, north[0].id)
        gone = session.get(Claim, east[0].id)
        assert keep and gone and keep.claimant_id and gone.claimant_id
        merge_claimants(session=session, keep=keep.claimant_id, merge=gone.claimant_id)
    with session_scope(engine) as session:
        merged = claims_by_claimant(session=session, chat_id=1, name="Eastern General Staff")
        assert {c.claimant for c in merged} == {"Northern Defence Ministry"}


def test_deleting_a_chat_leaves_other_chats_alone(engine: Engine) -> None:
    _save(engine, 1, NORTH, MONDAY)
    _save(engine, 2, EAST, MONDAY)
    with session_scope(engine) as session:
        assert delete_chat_data(session=session, chat_id=1) > 0
    with session_scope(engine) as session:
        assert session.exec(select(func.count()).select_from(Article)).one() == 1
        assert search_claims(session=session, chat_id=1, query="tanks") == []
        assert claims_since(session=session, chat_id=2, since=MONDAY - timedelta(days=1))
        assert get_claim(session=session, chat_id=1, claim_id=1) is None


def test_content_hash_ignores_white_space_only() -> None:
    assert content_hash("a  b\n") == content_hash("a b")
    assert content_hash("a b") != content_hash("a c")
