"""Saving on SQLite and PostgreSQL: whole or not at all, even when the process dies midway or
another process saves the same thing at the same moment; odd input is stored, not refused."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from claims.model import Extraction
from storage.db import session_scope
from storage.models import Article, Chat, Claim, Claimant, ClaimantAlias, ClaimKey, Story
from storage.repository import (
    ArticleMeta,
    SavedArticle,
    claims_by_claimant,
    get_or_create_chat,
    mark_chat_inactive,
    merge_claimants,
    save_article,
)
from tests.storage.articles import (
    EAST,
    EAST_CLAIMS,
    FLOODS,
    FLOODS_CLAIMS,
    MONDAY,
    NORTH,
    NORTH_CLAIMS,
    Said,
    extraction,
)


def save(engine: Engine, chat_id: int, text: str = NORTH, **meta: object) -> SavedArticle:
    claims = {NORTH: NORTH_CLAIMS, EAST: EAST_CLAIMS, FLOODS: FLOODS_CLAIMS}.get(text)
    assert claims is not None
    with session_scope(engine) as session:
        return save_article(
            session=session,
            chat_id=chat_id,
            text=text,
            extraction=claims,
            meta=ArticleMeta(received_at=MONDAY, **meta),  # type: ignore[arg-type]
        )


def count(engine: Engine, table: type) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(table)).one())


def test_every_field_of_the_contract_is_stored_with_its_sentence(engine: Engine) -> None:
    saved = save(engine, 1, outlet="Dalsk Wire", link="https://example.org/a")
    assert saved.created and len(saved.claim_ids) == 2
    with Session(engine) as session:
        rows = session.exec(select(Claim).order_by(Claim.id)).all()  # type: ignore[arg-type]
        article = session.get_one(Article, saved.article_id)
    ministry, berg = rows
    assert (ministry.claimant_name, ministry.claimant_kind) == (
        "Northern Defence Ministry",
        "organization",
    )
    assert (berg.claimant_name, berg.claimant_kind) == ("Anna Berg", "person")
    assert ministry.source_text == "The Northern Defence Ministry"
    assert ministry.figures[0]["value"] == 800 and ministry.figures[0]["what"] == "soldiers"
    for row in rows:
        assert NORTH[row.content_start : row.content_end] == row.content_text
        assert NORTH[row.sentence_start : row.sentence_end] == row.sentence_text
        assert row.content_text in row.sentence_text
    assert (article.outlet, article.link, article.language) == (
        "Dalsk Wire",
        "https://example.org/a",
        "en",
    )
    assert article.title == "Heavy losses reported near Dalsk"
    assert article.received_at == MONDAY and article.published_at is None


def test_a_process_killed_midway_leaves_nothing_half_stored(
    database_url: str, engine: Engine
) -> None:
    """The process dies (no exception, no rollback) after the article and one claim are written."""
    script = textwrap.dedent(
        f"""
        import os
        import storage.repository as repo
        from storage.db import make_engine, session_scope
        from tests.storage.articles import NORTH, NORTH_CLAIMS

        real = repo._claim_row
        calls = []
        def dying(*args, **kwargs):
            calls.append(1)
            if len(calls) == 2:
                os._exit(3)
            return real(*args, **kwargs)
        repo._claim_row = dying
        engine = make_engine({database_url!r})
        with session_scope(engine) as session:
            repo.save_article(session=session, chat_id=1, text=NORTH, extraction=NORTH_CLAIMS,
                              meta=repo.ArticleMeta())
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert done.returncode == 3, done.stderr.decode()
    assert count(engine, Article) == count(engine, Claim) == count(engine, Chat) == 0
    assert save(engine, 1).created  # and the database takes the article afterwards


def test_an_error_midway_rolls_back_the_article_and_its_claims(engine: Engine) -> None:
    save(engine, 1, text=EAST)
    claims: tuple[object, ...] = (*NORTH_CLAIMS.claims, None)  # the last claim breaks the save
    bad = Extraction("en", None, claims)  # type: ignore[arg-type]
    with pytest.raises(AttributeError), session_scope(engine) as session:
        save_article(session=session, chat_id=1, text=NORTH, extraction=bad, meta=ArticleMeta())
    assert count(engine, Article) == 1 and count(engine, Claim) == 1  # EAST's only
    with Session(engine) as session:
        keys = session.exec(select(ClaimKey.claim_id)).all()
        claims = set(session.exec(select(Claim.id)).all())
    assert set(keys) <= claims


def test_the_same_article_again_says_when_it_was_first_seen(engine: Engine) -> None:
    first = save(engine, 1)
    with session_scope(engine) as session:
        again = save_article(
            session=session,
            chat_id=1,
            text="  " + NORTH.replace("\n", "\n\n ") + "\n",
            extraction=NORTH_CLAIMS,
            meta=ArticleMeta(received_at=MONDAY + timedelta(days=2)),
        )
    assert not again.created
    assert (again.article_id, again.claim_ids, again.first_seen) == (
        first.article_id,
        first.claim_ids,
        MONDAY,
    )
    assert count(engine, Article) == 1 and count(engine, Claim) == 2


def test_the_same_article_in_another_chat_is_stored_for_that_chat(engine: Engine) -> None:
    a, b = save(engine, 1), save(engine, 2)
    assert a.created and b.created and a.article_id != b.article_id
    assert count(engine, Claim) == 4
    assert count(engine, Claimant) == 2  # identities are shared between chats


def race(engine: Engine, *jobs: Callable[[Session], object]) -> list[object]:
    """Runs each job in its own thread and transaction, all starting together and each holding
    its transaction open a moment after its work, as a slower process would."""
    results: list[object] = [None] * len(jobs)
    start = threading.Barrier(len(jobs))

    def run(i: int, job: Callable[[Session], object], engine: Engine) -> None:
        try:
            with session_scope(engine) as session:
                start.wait()
                results[i] = job(session)
                time.sleep(0.3)
        except Exception as exc:  # the test reports it
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, job, engine)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_two_processes_saving_the_same_forward_store_it_once(engine: Engine) -> None:
    def job(session: Session) -> SavedArticle:
        return save_article(
            session=session, chat_id=5, text=NORTH, extraction=NORTH_CLAIMS, meta=ArticleMeta()
        )

    results = race(engine, job, job)
    assert all(isinstance(r, SavedArticle) for r in results), results
    assert sorted(r.created for r in results if isinstance(r, SavedArticle)) == [False, True]
    assert count(engine, Article) == 1 and count(engine, Claim) == 2


def test_two_chats_naming_a_new_claimant_at_once_share_one_identity(engine: Engine) -> None:
    def job(chat: int) -> Callable[[Session], SavedArticle]:
        return lambda session: save_article(
            session=session, chat_id=chat, text=FLOODS, extraction=FLOODS_CLAIMS, meta=ArticleMeta()
        )

    results = race(engine, job(7), job(8))
    assert all(isinstance(r, SavedArticle) and r.created for r in results), results
    assert count(engine, Claimant) == 1 and count(engine, Story) == 2


def test_odd_input_is_stored_not_refused(engine: Engine) -> None:
    """Titles longer than their column, NUL characters, a claimant name of 300 letters: stored
    (clipped, or NUL replaced in place so that offsets still hold) on both databases."""
    text = "T" * 700 + "\nThe agency\x00 said that 5 cats\x00 were found.\n"
    said = Said("The agency\x00", "5 cats\x00 were found", "A" * 300)
    with session_scope(engine) as session:
        saved = save_article(
            session=session,
            chat_id=1,
            text=text,
            extraction=extraction(text, said),
            meta=ArticleMeta(outlet="O" * 400, link="https://x.org/" + "p" * 3000),
        )
    with Session(engine) as session:
        article = session.get_one(Article, saved.article_id)
        claim = session.get_one(Claim, saved.claim_ids[0])
    assert article.title == "T" * 512 and article.outlet == "O" * 256
    assert "\x00" not in article.text and len(article.text) == len(text)
    assert article.text[claim.content_start : claim.content_end] == claim.content_text
    assert claim.claimant_name == "A" * 256


def test_chats_are_created_on_first_sight_and_marked_inactive_when_they_block(
    engine: Engine,
) -> None:
    with session_scope(engine) as session:
        chat = get_or_create_chat(session=session, chat_id=-100123, title="Newsroom")
        assert (chat.active, chat.timezone, chat.title) == (True, "UTC", "Newsroom")
    with session_scope(engine) as session:
        mark_chat_inactive(session=session, chat_id=-100123)
    with Session(engine) as session:
        assert session.get_one(Chat, -100123).active is False
    with session_scope(engine) as session:  # it wrote again: it no longer blocks the bot
        chat = get_or_create_chat(session=session, chat_id=-100123, title="Newsroom 2")
    with Session(engine) as session:
        back = session.get_one(Chat, -100123)
        assert (back.active, back.title) == (True, "Newsroom 2")


def test_a_merged_claimant_keeps_its_name_as_an_alias_for_later_articles(engine: Engine) -> None:
    save(engine, 1, text=NORTH)
    save(engine, 1, text=EAST)
    with Session(engine) as session:
        keep = session.exec(
            select(Claimant).where(Claimant.name == "Northern Defence Ministry")
        ).one()
        gone = session.exec(select(Claimant).where(Claimant.name == "Eastern General Staff")).one()
    assert keep.id and gone.id
    with session_scope(engine) as session:
        merge_claimants(session=session, keep=keep.id, merge=gone.id)
    with Session(engine) as session:
        assert session.get(Claimant, gone.id) is None
        alias = session.exec(
            select(ClaimantAlias).where(ClaimantAlias.alias == "Eastern General Staff")
        ).one()
        assert alias.claimant_id == keep.id
    later = EAST.replace("only 120", "just 130").replace("rejects", "repeats")
    said = Said(
        "The Eastern General Staff",
        "just 130 Eastern soldiers had been killed near Dalsk",
        "Eastern General Staff",
    )
    with session_scope(engine) as session:
        saved = save_article(
            session=session,
            chat_id=1,
            text=later,
            extraction=extraction(later, said),
            meta=ArticleMeta(),
        )
        found = claims_by_claimant(session=session, chat_id=1, name="the Eastern General Staff")
    with Session(engine) as session:
        assert session.get_one(Claim, saved.claim_ids[0]).claimant_id == keep.id
    assert {c.claimant for c in found} == {"Northern Defence Ministry", "Eastern General Staff"}


def _long_report(day: int) -> tuple[str, Extraction]:
    """A long article: 150 claims, each about its own invented works, so that the article has
    far more link keys than one SQL statement may hold (SQLite: 500 compound parts)."""
    lines = [f"Damage report, day {day}"]
    said = []
    for i in range(150):
        content = f"the zorbik{i} plant and the quellan{i} bridge near Varno{i} were hit"
        lines.append(f"Engineers of district {i} said that {content} on day {day}.")
        said.append(Said(f"Engineers of district {i}", content, "Engineers"))
    text = "\n".join(lines)
    return text, extraction(text, *said)


def test_a_long_article_with_hundreds_of_link_keys_is_saved_and_linked(engine: Engine) -> None:
    def store(day: int) -> SavedArticle:
        text, found = _long_report(day)
        when = MONDAY + timedelta(days=day - 1)
        with session_scope(engine) as session:
            return save_article(
                session=session,
                chat_id=1,
                text=text,
                extraction=found,
                meta=ArticleMeta(received_at=when),
            )

    saved, again = store(1), store(2)
    assert len(saved.claim_ids) == len(again.claim_ids) == 150
    assert count(engine, ClaimKey) > 500
    # Each claim of the second report finds its own works in the first, and no other claim.
    pairs = {(new, old.claim.id) for new, old in again.links}
    expected = set(zip(again.claim_ids, saved.claim_ids, strict=True))
    assert expected <= pairs
