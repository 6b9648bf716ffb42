"""The queries the bot asks, on SQLite and PostgreSQL: each answers one chat from that chat's
data only, whatever ids or words another chat's user types."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from claims.linking import facts_of_article, link_keys
from storage.db import session_scope
from storage.export import export_chat
from storage.models import Article, Claim, ClaimLink, Story
from storage.repository import (
    ArticleMeta,
    NewLink,
    SavedArticle,
    add_links,
    candidate_claims,
    claims_by_claimant,
    claims_since,
    delete_chat_data,
    get_claim,
    links_since,
    related_claims,
    save_article,
    search_claims,
    stories,
    story_timeline,
)
from tests.storage.articles import (
    EAST,
    EAST_CLAIMS,
    FLOODS,
    FLOODS_CLAIMS,
    MONDAY,
    NORTH,
    NORTH_CLAIMS,
)

A, B = 101, 202
TEXTS = {NORTH: NORTH_CLAIMS, EAST: EAST_CLAIMS, FLOODS: FLOODS_CLAIMS}


def save(engine: Engine, chat_id: int, text: str, when: datetime = MONDAY) -> SavedArticle:
    with session_scope(engine) as session:
        return save_article(
            session=session,
            chat_id=chat_id,
            text=text,
            extraction=TEXTS[text],
            meta=ArticleMeta(outlet="Wire", received_at=when),
        )


@pytest.fixture
def two_chats(engine: Engine) -> tuple[SavedArticle, SavedArticle, SavedArticle]:
    """Chat A: the Northern report, then the Eastern denial five hours later (linked to it);
    chat B: the floods only."""
    north = save(engine, A, NORTH)
    east = save(engine, A, EAST, MONDAY + timedelta(hours=5))
    floods = save(engine, B, FLOODS, MONDAY + timedelta(hours=6))
    return north, east, floods


def test_related_claims_come_both_ways_with_contradictions_first(
    engine: Engine, two_chats: tuple[SavedArticle, ...]
) -> None:
    north, east, _ = two_chats
    assert east.links, "the denial links to the report"
    (new_id, first), *_ = east.links
    assert first.kind == "contradiction" and "800" in first.reason and "120" in first.reason
    with Session(engine) as session:
        forward = related_claims(session=session, chat_id=A, claim_id=new_id)
        backward = related_claims(session=session, chat_id=A, claim_id=first.claim.id)
    assert forward[0].claim.id == first.claim.id and forward[0].kind == "contradiction"
    assert any(r.claim.id == new_id for r in backward)
    assert first.claim.id in north.claim_ids


def test_every_query_answers_a_chat_with_its_own_data_only(
    engine: Engine, two_chats: tuple[SavedArticle, ...]
) -> None:
    north, east, floods = two_chats
    a_claims = [*north.claim_ids, *east.claim_ids]
    with Session(engine) as session:
        a_story = session.exec(select(Story).where(Story.chat_id == A)).first()
        assert a_story is not None and a_story.id is not None
        keys = link_keys(facts_of_article(EAST_CLAIMS, MONDAY.date())[0])
        long_ago = MONDAY - timedelta(days=30)
        # chat B asks about chat A's ids, names, words and times: it gets nothing of A's
        for claim_id in a_claims:
            assert get_claim(session=session, chat_id=B, claim_id=claim_id) is None
            assert related_claims(session=session, chat_id=B, claim_id=claim_id) == []
        assert story_timeline(session=session, chat_id=B, story_id=a_story.id) == []
        assert (
            claims_by_claimant(session=session, chat_id=B, name="Northern Defence Ministry") == []
        )
        assert search_claims(session=session, chat_id=B, query="soldiers killed") == []
        assert candidate_claims(session=session, chat_id=B, keys=keys) == []
        assert links_since(session=session, chat_id=B, since=long_ago) == []
        assert {s.id for s in stories(session=session, chat_id=B)}.isdisjoint({a_story.id})
        assert {c.id for c in claims_since(session=session, chat_id=B, since=long_ago)} == set(
            floods.claim_ids
        )
        exported = json.loads(export_chat(session=session, chat_id=B, fmt="json"))
        assert {c["id"] for c in exported["claims"]} == set(floods.claim_ids)
        assert "Dalsk" not in json.dumps(exported)
        # and chat A still sees its own
        assert get_claim(session=session, chat_id=A, claim_id=a_claims[0]) is not None
        assert len(story_timeline(session=session, chat_id=A, story_id=a_story.id)) >= 1
        assert claims_by_claimant(session=session, chat_id=A, name="Northern Defence Ministry")
        assert search_claims(session=session, chat_id=A, query="soldiers killed")
        assert candidate_claims(session=session, chat_id=A, keys=keys)


def test_a_link_can_never_lead_into_another_chat(
    engine: Engine, two_chats: tuple[SavedArticle, ...]
) -> None:
    north, _, floods = two_chats
    crossing = NewLink(floods.claim_ids[0], north.claim_ids[0], "related", 0.9, "x")
    with pytest.raises(ValueError, match="not chat"), session_scope(engine) as session:
        add_links(session=session, chat_id=B, links=[crossing])
    with session_scope(engine) as session:
        again = NewLink(north.claim_ids[1], north.claim_ids[0], "related", 0.5, "same article")
        assert add_links(session=session, chat_id=A, links=[again]) == 1
        assert add_links(session=session, chat_id=A, links=[again]) == 0  # a pair once
    with Session(engine) as session:
        assert all(link.chat_id == A for link in session.exec(select(ClaimLink)).all()), (
            "every link is within chat A"
        )


def test_candidates_for_linking_come_by_shared_keys_within_the_window(engine: Engine) -> None:
    north = save(engine, A, NORTH)
    facts = facts_of_article(EAST_CLAIMS, MONDAY.date())[0]
    with Session(engine) as session:
        found = candidate_claims(session=session, chat_id=A, keys=link_keys(facts))
        assert found and found[0][0] in north.claim_ids
        assert found[0][1].claimant == "northern defence ministry" or found[0][1].quantities
        later = facts_of_article(EAST_CLAIMS, (MONDAY + timedelta(days=60)).date())[0]
        assert candidate_claims(session=session, chat_id=A, keys=link_keys(later)) == []


def test_each_key_reads_only_its_newest_claims_before_the_article_being_saved(
    engine: Engine,
) -> None:
    """The same report forwarded on three days (each copy a new article): a key read with
    `per_key=1` gives the newest copy only, and `before_id` leaves out the copy being saved."""
    copies = [save_article_copy(engine, A, NORTH, MONDAY + timedelta(days=day)) for day in range(3)]
    facts = facts_of_article(EAST_CLAIMS, (MONDAY + timedelta(days=3)).date())[0]
    keys = link_keys(facts)
    with Session(engine) as session:
        newest = {cid for cid, _ in candidate_claims(session=session, chat_id=A, keys=keys)}
        one = candidate_claims(session=session, chat_id=A, keys=keys, per_key=1)
        before = candidate_claims(
            session=session, chat_id=A, keys=keys, per_key=1, before_id=copies[2].claim_ids[0]
        )
    assert newest & set(copies[0].claim_ids) and newest & set(copies[2].claim_ids)
    assert {cid for cid, _ in one} <= set(copies[2].claim_ids)
    assert {cid for cid, _ in before} <= set(copies[1].claim_ids) and before


def test_an_article_with_hundreds_of_keys_finds_its_candidates(engine: Engine) -> None:
    """More keys than one statement takes (64 on SQLite): read in parts, none lost."""
    north = save(engine, A, NORTH)
    facts = facts_of_article(EAST_CLAIMS, MONDAY.date())[0]
    keys = link_keys(facts)
    padded = replace(keys, terms=tuple(f"filler{i}" for i in range(300)) + keys.terms)
    with Session(engine) as session:
        plain = candidate_claims(session=session, chat_id=A, keys=keys)
        many = candidate_claims(session=session, chat_id=A, keys=padded)
    assert [cid for cid, _ in many] == [cid for cid, _ in plain]
    assert many and many[0][0] in north.claim_ids


def save_article_copy(engine: Engine, chat_id: int, text: str, when: datetime) -> SavedArticle:
    """The same article as a new one (another outlet's copy): only its text's last line differs."""
    with session_scope(engine) as session:
        return save_article(
            session=session,
            chat_id=chat_id,
            text=f"{text}\n\nCopy of {when:%d %B}.",
            extraction=TEXTS[text],
            meta=ArticleMeta(outlet="Wire", received_at=when),
        )


def test_a_story_timeline_runs_in_publication_order(
    engine: Engine, two_chats: tuple[SavedArticle, ...]
) -> None:
    with Session(engine) as session:
        found = stories(session=session, chat_id=A)
        assert found and found[0].claims >= 2
        timeline = story_timeline(session=session, chat_id=A, story_id=found[0].id)
    assert [c.published_on for c in timeline] == sorted(c.published_on for c in timeline)
    assert timeline[0].article_title == "Heavy losses reported near Dalsk"


def test_claims_since_a_time_are_the_later_ones_oldest_first(
    engine: Engine, two_chats: tuple[SavedArticle, ...]
) -> None:
    _, east, _ = two_chats
    with Session(engine) as session:
        later = claims_since(session=session, chat_id=A, since=MONDAY + timedelta(hours=1))
        assert [c.id for c in later] == list(east.claim_ids)
        assert claims_since(session=session, chat_id=A, since=MONDAY + timedelta(days=1)) == []


@pytest.mark.parametrize(
    "query, hits",
    [
        ("soldiers", 2),
        ("Soldiers KILLED", 2),  # any case, and stemmed: "killed" is "kill"
        ("kill", 2),
        ("tanks destroyed", 1),
        ("tanks submarines", 0),  # every word must occur
        ('"tanks', 1),
        ("tanks*", 1),
        ("tanks OR soldiers", 0),  # OR is a word here, not an operator
        ("NEAR(tanks soldiers)", 0),
        ("NEAR(tanks crossing)", 1),  # "near" is in the content
        ("content_text:tanks", 0),
        ("-tanks", 1),
        ("^tanks", 1),
        ("tanks AND NOT soldiers", 0),
        ("'; DROP TABLE claims; --", 0),
        ("\x00", 0),
        ("танки", 0),
        ("", 0),
        ("   ", 0),
    ],
)
def test_full_text_search_takes_any_input(
    engine: Engine, two_chats: tuple[SavedArticle, ...], query: str, hits: int
) -> None:
    with Session(engine) as session:
        found = search_claims(session=session, chat_id=A, query=query)
    assert len(found) == hits
    assert all(c.article_title for c in found)


def test_a_search_of_common_words_only_finds_claims_holding_them(
    engine: Engine, two_chats: tuple[SavedArticle, ...]
) -> None:
    """PostgreSQL drops stop words ("the", "had"), SQLite keeps them: either way a query of
    nothing else must not turn into "all of the chat's claims"."""
    with Session(engine) as session:
        found = search_claims(session=session, chat_id=A, query="the had been")
    assert all(w in c.content.lower().split() for c in found for w in ("the", "had", "been"))


@pytest.mark.parametrize("chat", [-1001234567890, 1001234567890, -7, 7])
def test_search_keeps_chats_apart_whatever_the_sign_of_their_ids(engine: Engine, chat: int) -> None:
    """Telegram groups have negative ids; the search index must not mix -7 with 7."""
    save(engine, chat, NORTH)
    save(engine, -chat, EAST)
    with Session(engine) as session:
        mine = search_claims(session=session, chat_id=chat, query="soldiers")
        theirs = search_claims(session=session, chat_id=-chat, query="soldiers")
    assert [c.article_title for c in mine] == ["Heavy losses reported near Dalsk"]
    assert [c.article_title for c in theirs] == ["Eastern command rejects Northern figures"]


def test_search_follows_edits_and_deletions_of_claims(
    engine: Engine, two_chats: tuple[SavedArticle, ...]
) -> None:
    north, _, _ = two_chats
    with session_scope(engine) as session:
        claim = session.get_one(Claim, north.claim_ids[1])
        claim.content_text = "14 armoured trains had been destroyed"
    with Session(engine) as session:
        assert [c.id for c in search_claims(session=session, chat_id=A, query="trains")] == [
            north.claim_ids[1]
        ]
        assert search_claims(session=session, chat_id=A, query="tanks") == []
    with session_scope(engine) as session:
        delete_chat_data(session=session, chat_id=A)
    with Session(engine) as session:
        assert search_claims(session=session, chat_id=A, query="trains") == []
        if session.get_bind().dialect.name == "sqlite":  # the index itself is emptied too
            left = session.execute(
                text("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'trains'")
            )
            assert left.scalar_one() == 0


def test_export_gives_a_chats_articles_and_claims_as_json_and_csv(
    engine: Engine, two_chats: tuple[SavedArticle, ...]
) -> None:
    north, east, _ = two_chats
    with Session(engine) as session:
        as_json = json.loads(export_chat(session=session, chat_id=A, fmt="json"))
        as_csv = list(
            csv.DictReader(io.StringIO(export_chat(session=session, chat_id=A, fmt="csv")))
        )
    assert as_json["chat_id"] == A
    assert [a["title"] for a in as_json["articles"]] == [
        "Heavy losses reported near Dalsk",
        "Eastern command rejects Northern figures",
    ]
    texts = {a["id"]: a["text"] for a in as_json["articles"]}
    for claim in as_json["claims"]:
        content = claim["content"]
        assert texts[claim["article_id"]][content["start"] : content["end"]] == content["text"]
    assert [int(r["claim_id"]) for r in as_csv] == [*north.claim_ids, *east.claim_ids]
    first = as_csv[0]
    assert first["claimant"] == "Northern Defence Ministry" and first["figures"] == "800"
    assert first["sentence"].startswith("The Northern Defence Ministry said")


def test_deleting_a_chat_removes_all_it_sent_and_nothing_else(
    engine: Engine, two_chats: tuple[SavedArticle, ...]
) -> None:
    north, east, floods = two_chats
    with session_scope(engine) as session:
        assert delete_chat_data(session=session, chat_id=A) == 3
    with Session(engine) as session:
        assert {a.chat_id for a in session.exec(select(Article)).all()} == {B}
        assert {c.chat_id for c in session.exec(select(Claim)).all()} == {B}
        assert session.exec(select(ClaimLink)).all() == []
        assert {s.chat_id for s in session.exec(select(Story)).all()} == {B}
        assert json.loads(export_chat(session=session, chat_id=A, fmt="json"))["claims"] == []
        assert claims_since(session=session, chat_id=B, since=datetime(2000, 1, 1, tzinfo=UTC))
    assert save(engine, A, NORTH).created  # the chat may start again


def test_a_claim_id_used_again_after_a_deletion_is_scored_with_its_own_facts(
    engine: Engine,
) -> None:
    """Parsed stored facts are kept per process by their stored text: after a chat's data is
    deleted and its ids are given to another article's claims, candidates carry the new facts."""
    keys = link_keys(facts_of_article(EAST_CLAIMS, MONDAY.date())[0])
    save(engine, A, NORTH)
    with Session(engine) as session:
        assert candidate_claims(session=session, chat_id=A, keys=keys)  # parsed and kept
    with session_scope(engine) as session:
        delete_chat_data(session=session, chat_id=A)
    east = save(engine, A, EAST)
    with Session(engine) as session:
        found = dict(candidate_claims(session=session, chat_id=A, keys=keys))
    own = dict(zip(east.claim_ids, facts_of_article(EAST_CLAIMS, MONDAY.date()), strict=True))
    assert found and all(found[cid] == own[cid] for cid in found)
