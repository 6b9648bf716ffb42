"""Subscriptions and deliveries on SQLite and PostgreSQL: every due digest claimed exactly once,
across restarts, missed days, crashed processes and processes racing for the same rows."""

from __future__ import annotations

import multiprocessing
import threading
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from time import sleep
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from bot.schedule import CALENDAR, starting
from storage.db import make_engine
from storage.models import Article, Chat, Claim, Claimant, ClaimLink, Story
from storage.subscriptions import (
    LEASE,
    MAX_ATTEMPTS,
    ArticleRef,
    ClaimedDelivery,
    DigestDelivery,
    advance_cursor,
    changes_since,
    claim_due_deliveries,
    delivery_counts,
    get_subscription,
    mark_delivered,
    record_progress,
    remove_subscription,
    renew_claims,
    upsert_subscription,
)

KYIV = "Europe/Kyiv"
BEFORE = datetime(2024, 7, 1, 4, 0, tzinfo=UTC)  # 07:00 in Kyiv
EIGHT = datetime(2024, 7, 1, 5, 0, tzinfo=UTC)  # 08:00 in Kyiv


def subscribe(
    engine: Engine, chat_id: int, now: datetime, at: time = time(8), tz: str = KYIV
) -> None:
    nxt = starting(at, tz, now=now)
    with Session(engine) as s:
        upsert_subscription(
            s, chat_id=chat_id, at=at, timezone=tz, owed_date=nxt.local_date,
            due_at=nxt.due_at, now=now,
        )  # fmt: skip


def claim(
    engine: Engine, now: datetime, worker: str = "w1", limit: int = 200
) -> list[ClaimedDelivery]:
    with Session(engine) as s:
        return claim_due_deliveries(s, now=now, worker=worker, calendar=CALENDAR, limit=limit)


def done(engine: Engine, c: ClaimedDelivery, status: str = "sent", now: datetime = EIGHT) -> bool:
    with Session(engine) as s:
        return mark_delivered(s, c, status=status, now=now, parts_sent=1)  # type: ignore[arg-type]


def test_nothing_is_due_before_its_time_and_once_at_it(engine: Engine) -> None:
    subscribe(engine, 1, BEFORE)
    assert claim(engine, EIGHT - timedelta(seconds=1)) == []
    (c,) = claim(engine, EIGHT)
    assert (c.chat_id, c.local_date, c.since, c.cutoff) == (1, date(2024, 7, 1), BEFORE, EIGHT)
    assert claim(engine, EIGHT + timedelta(minutes=1)) == []
    assert done(engine, c)
    assert claim(engine, EIGHT + timedelta(hours=12)) == []
    (tomorrow,) = claim(engine, EIGHT + timedelta(days=1))
    assert tomorrow.local_date == date(2024, 7, 2)
    assert tomorrow.since == EIGHT  # the next digest starts where the last one ended


def test_days_missed_while_down_go_out_once_when_back(engine: Engine) -> None:
    subscribe(engine, 1, BEFORE)
    back = EIGHT + timedelta(days=3, hours=-2)  # 06:00 on 4 July: down since 1 July
    (c,) = claim(engine, back)
    assert c.local_date == date(2024, 7, 3)
    assert done(engine, c, now=back)
    assert claim(engine, back + timedelta(minutes=30)) == []
    (c,) = claim(engine, EIGHT + timedelta(days=3))
    assert c.local_date == date(2024, 7, 4)


def test_a_new_subscription_after_its_time_starts_tomorrow(engine: Engine) -> None:
    subscribe(engine, 1, EIGHT + timedelta(minutes=5))
    assert claim(engine, EIGHT + timedelta(hours=20)) == []
    assert [c.local_date for c in claim(engine, EIGHT + timedelta(days=1))] == [date(2024, 7, 2)]


def test_changing_the_time_after_todays_digest_never_sends_it_again(engine: Engine) -> None:
    subscribe(engine, 1, BEFORE)
    (c,) = claim(engine, EIGHT)
    assert done(engine, c)
    # At 09:00 the chat moves its digest to 10:00: today's 10:00 is ahead, but today is done.
    subscribe(engine, 1, EIGHT + timedelta(hours=1), at=time(10))
    assert claim(engine, EIGHT + timedelta(hours=2)) == []
    with Session(engine) as s:
        sub = get_subscription(s, 1)
        assert sub is not None and sub.owed_date == date(2024, 7, 2)
    (c,) = claim(engine, EIGHT + timedelta(days=1, hours=2))
    assert c.local_date == date(2024, 7, 2)


def test_unsubscribed_and_blocked_chats_get_nothing(engine: Engine) -> None:
    for chat in (1, 2, 3):
        subscribe(engine, chat, BEFORE)
    with Session(engine) as s:
        assert remove_subscription(s, 2)
        assert not remove_subscription(s, 2)
    claimed = {c.chat_id: c for c in claim(engine, EIGHT)}
    assert set(claimed) == {1, 3}
    assert done(engine, claimed[1])
    assert done(engine, claimed[3], "blocked")
    with Session(engine) as s:
        sub = get_subscription(s, 3)
        assert sub is not None and not sub.active
    (c,) = claim(engine, EIGHT + timedelta(days=1))
    assert c.chat_id == 1 and done(engine, c)
    subscribe(engine, 3, EIGHT + timedelta(days=1, hours=1))  # back: active again
    assert [c.chat_id for c in claim(engine, EIGHT + timedelta(days=2))] == [1, 3]


def test_a_crashed_claim_is_taken_over_after_the_lease_and_fenced(engine: Engine) -> None:
    subscribe(engine, 1, BEFORE)
    (first,) = claim(engine, EIGHT, worker="crashed")
    assert claim(engine, EIGHT + LEASE - timedelta(seconds=1), worker="w2") == []
    (second,) = claim(engine, EIGHT + LEASE + timedelta(seconds=1), worker="w2")
    assert (second.id, second.attempt, second.since, second.cutoff) == (
        first.id,
        2,
        first.since,
        first.cutoff,  # the same window: a retry sends the same digest
    )
    assert not done(engine, first)  # the crashed process's late word is refused
    assert done(engine, second)
    with Session(engine) as s:
        assert delivery_counts(s) == {"sent": 1}


def test_progress_of_a_long_digest_survives_a_crash(engine: Engine) -> None:
    subscribe(engine, 1, BEFORE)
    (c,) = claim(engine, EIGHT)
    with Session(engine) as s:
        assert record_progress(s, c, 2)
    (again,) = claim(engine, EIGHT + LEASE * 2, worker="w2")
    assert again.parts_sent == 2


def test_failures_are_retried_then_given_up(engine: Engine) -> None:
    subscribe(engine, 1, BEFORE)
    now = EIGHT
    (c,) = claim(engine, now)
    for attempt in range(2, MAX_ATTEMPTS + 1):
        assert done(engine, c, "failed")  # stays pending
        now += LEASE + timedelta(seconds=1)
        (c,) = claim(engine, now)
        assert c.attempt == attempt
    now += LEASE + timedelta(seconds=1)
    assert claim(engine, now) == []
    with Session(engine) as s:
        assert delivery_counts(s) == {"failed": 1}


def test_renewing_keeps_a_slow_delivery_ours(engine: Engine) -> None:
    subscribe(engine, 1, BEFORE)
    (c,) = claim(engine, EIGHT)
    with Session(engine) as s:
        assert renew_claims(s, [c], EIGHT + LEASE - timedelta(seconds=5)) == {c.id}
    assert claim(engine, EIGHT + LEASE + timedelta(seconds=5), worker="w2") == []


def test_a_digest_asked_for_moves_the_cursor(engine: Engine) -> None:
    subscribe(engine, 1, BEFORE)
    with Session(engine) as s:
        advance_cursor(s, 1, BEFORE + timedelta(minutes=30))
        advance_cursor(s, 1, BEFORE + timedelta(minutes=10))  # never backwards
    (c,) = claim(engine, EIGHT)
    assert c.since == BEFORE + timedelta(minutes=30)


@pytest.mark.parametrize("workers", [2, 4])
def test_racing_workers_claim_each_delivery_exactly_once(engine: Engine, workers: int) -> None:
    chats = range(1, 121)
    for chat in chats:
        subscribe(engine, chat, BEFORE)
    claimed: list[tuple[str, int, date]] = []
    start = threading.Barrier(workers)
    errors: list[BaseException] = []

    def run(name: str) -> None:
        try:
            for day in range(3):  # three days, each raced for
                start.wait()
                now = EIGHT + timedelta(days=day, minutes=1)
                while batch := claim(engine, now, worker=name, limit=17):
                    for c in batch:
                        claimed.append((name, c.chat_id, c.local_date))
                        assert done(engine, c, now=now)
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=run, args=(f"w{i}",)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    per_delivery = Counter((chat, day) for _, chat, day in claimed)
    assert len(per_delivery) == 120 * 3
    assert set(per_delivery.values()) == {1}
    with Session(engine) as s:
        assert delivery_counts(s) == {"sent": 360}
        assert s.get(DigestDelivery, 1) is not None


def test_racing_for_stale_claims_gives_each_to_one_worker(engine: Engine) -> None:
    for chat in range(1, 101):
        subscribe(engine, chat, BEFORE)
    assert len(claim(engine, EIGHT, worker="crashed")) == 100
    later = EIGHT + LEASE + timedelta(seconds=1)
    taken: list[int] = []
    start = threading.Barrier(3)

    def run(name: str) -> None:
        start.wait()
        while batch := claim(engine, later, worker=name, limit=7):
            taken.extend(c.id for c in batch)

    threads = [threading.Thread(target=run, args=(f"w{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(taken) == sorted(set(taken)) and len(taken) == 100


# ----------------------------------------------------------------------------------------------
# What changed since the last digest


def _store_news(engine: Engine) -> dict[str, int]:
    """One chat's stored news: an old claim, two new ones that contradict and update it, and
    another chat's claim that must never show."""
    ids: dict[str, int] = {}
    with Session(engine) as s:
        for chat in (1, 2):
            s.add(Chat(id=chat, timezone=KYIV, created_at=BEFORE - timedelta(days=9)))
        s.flush()
        ministry = Claimant(key="defence ministry", name="Defence Ministry", kind="organization")
        command = Claimant(key="eastern command", name="Eastern Command", kind="organization")
        s.add_all([ministry, command])
        s.flush()
        story = Story(chat_id=1, key="losses|eastern|dalsk", title="Eastern losses in Dalsk",
                      created_at=BEFORE, updated_at=BEFORE)  # fmt: skip
        s.add(story)
        s.flush()

        def article(chat: int, n: int, when: datetime) -> Article:
            a = Article(chat_id=chat, content_hash=f"h{chat}-{n}", title=f"Report {n}",
                        link=f"https://news.example/{n}", received_at=when, text="...")  # fmt: skip
            s.add(a)
            s.flush()
            return a

        def said(name: str, a: Article, who: Claimant, text_: str, figure: str,
                 when: datetime, chat: int = 1) -> None:  # fmt: skip
            assert a.id is not None
            c = Claim(
                chat_id=chat, article_id=a.id, claimant_id=who.id, story_id=story.id,
                claimant_name=who.name, claimant_kind="organization", kind="indirect",
                content_text=text_, content_start=0, content_end=len(text_),
                sentence_text=text_, sentence_start=0, sentence_end=len(text_),
                figures=[{"text": figure, "value": 1}], published_on=when, created_at=when,
            )  # fmt: skip
            s.add(c)
            s.flush()
            assert c.id is not None
            ids[name] = c.id

        old = BEFORE - timedelta(days=2)
        new = BEFORE + timedelta(minutes=20)
        said("old", article(1, 1, old), ministry, "1,000 soldiers were killed", "1,000", old)
        a2 = article(1, 2, new)
        said("update", a2, ministry, "1,400 soldiers have been killed", "1,400", new)
        said("rival", a2, command, "about 300 soldiers died", "about 300", new)
        said("elsewhere", article(2, 3, new), command, "another chat's claim", "5", new, chat=2)
        for kind, other in (("update", "update"), ("contradiction", "rival")):
            s.add(ClaimLink(chat_id=1, from_claim_id=ids[other], to_claim_id=ids["old"],
                            score=0.9, kind=kind, reason=f"a {kind}", created_at=new))  # fmt: skip
        s.commit()
    return ids


def test_changes_since_the_last_digest(engine: Engine) -> None:
    ids = _store_news(engine)
    with Session(engine) as s:
        changes = changes_since(s, 1, BEFORE, EIGHT)
    assert [c.claim_id for c in changes.claims] == [ids["update"], ids["rival"]]
    first = changes.claims[0]
    assert (first.claimant, first.story, first.figures, first.article) == (
        "Defence Ministry",
        "Eastern losses in Dalsk",
        ("1,400",),
        ArticleRef("Report 2", "https://news.example/2"),
    )
    (contradiction,) = changes.contradictions
    assert (contradiction.earlier.claim_id, contradiction.later.claim_id) == (
        ids["old"],
        ids["rival"],
    )
    assert contradiction.figures == ("1,000", "about 300")
    (move,) = changes.moves
    assert move.figures == ("1,000", "1,400") and move.story == "Eastern losses in Dalsk"


@pytest.mark.parametrize(
    "since, until, expected",
    [
        (EIGHT, EIGHT + timedelta(hours=1), 0),  # nothing after the last digest
        (None, EIGHT, 3),  # never had one: everything of this chat
        (BEFORE + timedelta(minutes=20), EIGHT, 0),  # the window is (since, until]
        (BEFORE, BEFORE + timedelta(minutes=20), 2),
    ],
)
def test_the_window_is_since_exclusive_until_inclusive(
    engine: Engine, since: datetime | None, until: datetime, expected: int
) -> None:
    _store_news(engine)
    with Session(engine) as s:
        changes = changes_since(s, 1, since, until)
    assert len(changes.claims) == expected
    assert all(c.text != "another chat's claim" for c in changes.claims)


def _claim_all_in_a_process(
    url: str, name: str, now: datetime, start: Any
) -> list[tuple[int, str]]:
    """A second bot process: its own interpreter, engine and connections."""
    engine = make_engine(url)
    with engine.connect():
        pass  # connected before the start, so neither process begins with a connection's cost
    start.wait()
    got: list[tuple[int, str]] = []
    while batch := claim(engine, now, worker=name, limit=9):
        for c in batch:
            got.append((c.chat_id, c.local_date.isoformat()))
            sleep(0.002)  # sending the digest takes time; the other process claims meanwhile
            assert done(engine, c, now=now)
    engine.dispose()
    return got


def test_two_processes_racing_claim_each_delivery_exactly_once(
    engine: Engine, database_url: str
) -> None:
    for chat in range(1, 151):
        subscribe(engine, chat, BEFORE)
    context = multiprocessing.get_context("spawn")
    start = context.Manager().Barrier(2)
    with context.Pool(2) as pool:
        runs = [
            pool.apply_async(_claim_all_in_a_process, (database_url, f"p{i}", EIGHT, start))
            for i in range(2)
        ]
        results = [r.get(timeout=120) for r in runs]
    assert all(results)  # both processes got a share
    claimed = Counter(item for result in results for item in result)
    assert len(claimed) == 150 and set(claimed.values()) == {1}
    with Session(engine) as s:
        assert delivery_counts(s) == {"sent": 150}
