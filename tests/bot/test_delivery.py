"""The delivery run end to end: database claims, composition, the paced sender and Telegram's
limits, with virtual time. Restarts, crashes, two processes, blocked chats, 429 storms."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from telegram import Bot
from telegram.ext import Application

from bot.clock import FakeClock
from bot.delivery import JOB_NAME, DigestService, schedule_delivery
from bot.digest import DigestFilter, SubscribeRequest
from storage import subscriptions as subs
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import Chat
from storage.subscriptions import ArticleRef, ChangedClaim, Changes

from .telegram_limits import Crash, TelegramLimits

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

KYIV = "Europe/Kyiv"
MONDAY_0700 = datetime(2024, 7, 1, 4, 0, tzinfo=UTC)  # 07:00 in Kyiv
MONDAY_0800 = datetime(2024, 7, 1, 5, 0, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'digest.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()


def news(session: Session, chat_id: int, since: datetime | None, until: datetime) -> Changes:
    """Every chat has one new claim a day, except chats divisible by 10: nothing new."""
    if chat_id % 10 == 0:
        return Changes(since, until)
    claim = ChangedClaim(
        chat_id, f"news for chat {chat_id}", "indirect", "Defence Ministry", None, None, False,
        (), ArticleRef("Wire", "https://wire.example/1"), until,
    )  # fmt: skip
    return Changes(since, until, (claim,))


class World:
    """A database, a Telegram with its limits, a clock; bot processes come and go."""

    def __init__(self, engine: Engine, start: datetime = MONDAY_0700) -> None:
        self.engine = engine
        self.clock = FakeClock(start)
        self.api = TelegramLimits(self.clock)

    def process(self, name: str, **kwargs: object) -> DigestService:
        bot = Bot("123:TEST", request=self.api, get_updates_request=self.api)
        return DigestService(
            self.engine,
            bot,
            clock=self.clock,
            changes=news,
            worker=name,
            **kwargs,  # type: ignore[arg-type]
        )

    async def subscribe(self, chats: range, request: SubscribeRequest | None = None) -> None:
        service = self.process("setup")
        for chat in chats:
            await service.subscribe(chat, request or SubscribeRequest(), KYIV)

    def received(self) -> dict[int, list[str]]:
        return self.api.stats.by_chat()


async def test_digests_go_out_at_their_time_once_a_day(engine: Engine) -> None:
    world = World(engine)
    await world.subscribe(range(1, 51))
    bot = world.process("p1")
    assert (await bot.deliver_due()).claimed == 0  # 07:00: nothing is due
    world.clock.set(MONDAY_0800)
    report = await bot.deliver_due()
    assert (report.claimed, report.sent, report.messages) == (50, 50, 50)
    assert (await bot.deliver_due()).claimed == 0
    world.clock.set(MONDAY_0800 + timedelta(days=1))
    assert (await bot.deliver_due()).sent == 50
    received = world.received()
    assert all(len(received[chat]) == 2 for chat in range(1, 51))
    assert "news for chat 7" in received[7][0]
    assert "nothing new" in received[10][0]
    assert world.api.stats.refused_429 == 0


async def test_quiet_chats_get_nothing_on_empty_days(engine: Engine) -> None:
    world = World(engine)
    await world.subscribe(range(9, 12), SubscribeRequest(when_empty="skip"))
    world.clock.set(MONDAY_0800)
    report = await world.process("p1").deliver_due()
    assert (report.sent, report.empty) == (2, 1)
    assert sorted(world.received()) == [9, 11]
    with Session(engine) as s:
        assert subs.delivery_counts(s) == {"sent": 2, "empty": 1}


async def test_a_digest_missed_while_down_goes_out_once_when_back(engine: Engine) -> None:
    world = World(engine)
    await world.subscribe(range(1, 4))
    world.clock.set(MONDAY_0800 + timedelta(days=2, hours=-3))  # back on Wednesday 05:00
    bot = world.process("after-restart")
    assert (await bot.deliver_due()).sent == 3
    assert (await bot.deliver_due()).claimed == 0
    world.clock.set(MONDAY_0800 + timedelta(days=2))  # Wednesday 08:00: Wednesday's
    assert (await bot.deliver_due()).sent == 3
    with Session(engine) as s:
        dates = sorted(d.local_date.isoformat() for d in s.exec(select(subs.DigestDelivery)))
    assert dates == ["2024-07-02"] * 3 + ["2024-07-03"] * 3


async def test_a_restart_in_the_middle_of_a_run_finishes_the_rest_once(engine: Engine) -> None:
    world = World(engine)
    await world.subscribe(range(1, 201))
    world.clock.set(MONDAY_0800)
    world.api.crash_after = 60
    with pytest.raises((Crash, BaseExceptionGroup)):
        await world.process("crashes", senders=1).deliver_due()
    assert len(world.received()) == 60
    world.api.crash_after = None
    # The restarted process sends what nobody had claimed yet, and leaves the dead process's
    # unfinished claims alone while their lease runs ...
    restarted = world.process("restarted")
    assert (await restarted.deliver_due()).claimed == 100
    assert len(world.received()) == 160
    # ... then takes them over: every chat gets its digest, and none gets a second one.
    world.clock.set(MONDAY_0800 + subs.LEASE + timedelta(minutes=1))
    assert (await restarted.deliver_due()).claimed == 40
    received = world.received()
    assert sorted(received) == list(range(1, 201))
    assert all(len(messages) == 1 for messages in received.values())
    with Session(engine) as s:
        assert subs.delivery_counts(s) == {"sent": 200}


async def test_two_processes_racing_send_each_digest_once(engine: Engine) -> None:
    world = World(engine)
    await world.subscribe(range(1, 301))
    world.clock.set(MONDAY_0800)
    one, two = world.process("one", batch=20), world.process("two", batch=20)
    reports = await asyncio.gather(one.deliver_due(), two.deliver_due())
    # how the work splits depends on thread timing (one may claim every batch before the
    # other's first claim runs); that no chat is claimed twice does not
    assert reports[0].claimed + reports[1].claimed == 300
    received = world.received()
    assert sorted(received) == list(range(1, 301))
    assert all(len(messages) == 1 for messages in received.values())


async def test_blocked_chats_are_marked_inactive_and_skipped_afterwards(engine: Engine) -> None:
    world = World(engine)
    await world.subscribe(range(1, 21))
    world.api.blocked = {3, 4}
    world.clock.set(MONDAY_0800)
    bot = world.process("p1")
    report = await bot.deliver_due()
    assert (report.sent, report.blocked) == (18, 2)
    with Session(engine) as s:
        sub = subs.get_subscription(s, 3)
        assert sub is not None and not sub.active and "blocked" in (sub.inactive_reason or "")
        chat = s.get(Chat, 3)
        assert chat is not None and not chat.active
    world.clock.set(MONDAY_0800 + timedelta(days=1))
    report = await bot.deliver_due()
    assert report.claimed == 18 and world.api.stats.refused_403 == 2


async def test_a_429_storm_delays_digests_but_loses_none(engine: Engine) -> None:
    world = World(engine)
    await world.subscribe(range(1, 301))
    world.clock.set(MONDAY_0800)
    bot = world.process("p1")

    async def storm() -> None:
        await world.clock.sleep(3)
        world.api.storm(20, retry_after=5)

    report, _ = await asyncio.gather(bot.deliver_due(), storm())
    assert report.sent == 300 and report.failed == 0
    assert world.api.stats.refused_429 > 0
    assert all(len(m) == 1 for m in world.received().values()) and len(world.received()) == 300


async def test_filters_shape_the_digest(engine: Engine) -> None:
    world = World(engine)
    await world.subscribe(range(1, 3), SubscribeRequest(filters=DigestFilter(keywords=("x",))))
    world.clock.set(MONDAY_0800)
    await world.process("p1").deliver_due()
    assert all("nothing new about keywords: x" in m[0] for m in world.received().values())


async def test_digest_on_demand_moves_the_next_digests_start(engine: Engine) -> None:
    world = World(engine)
    await world.subscribe(range(1, 2))
    bot = world.process("p1")
    world.clock.set(MONDAY_0700 + timedelta(minutes=30))
    assert await bot.send_now(1) == 1
    assert await bot.send_now(99, chat_timezone=KYIV) == 1  # not subscribed: the last day
    world.api.blocked = {98}
    assert await bot.send_now(98) == 0
    world.clock.set(MONDAY_0800)
    (claim,) = await asyncio.to_thread(bot._claim, world.clock.now())
    assert claim.since == MONDAY_0700 + timedelta(minutes=30)


async def test_the_chats_timezone_moves_its_digest(engine: Engine) -> None:
    world = World(engine)
    await world.subscribe(range(1, 2))
    bot = world.process("p1")
    assert await bot.set_timezone(1, "America/New_York")
    assert not await bot.set_timezone(2, "America/New_York")
    sub = await bot.subscription(1)
    assert sub is not None and sub.timezone == "America/New_York" and sub.at == time(8)
    world.clock.set(datetime(2024, 7, 1, 12, 0, tzinfo=UTC))  # 08:00 in New York
    assert (await bot.deliver_due()).sent == 1


async def test_the_job_is_registered_once_under_a_stable_name(engine: Engine) -> None:
    world = World(engine)
    service = world.process("p1")
    app = Application.builder().bot(service.broadcaster.bot).build()
    assert app.job_queue is not None
    schedule_delivery(app.job_queue, service)
    schedule_delivery(app.job_queue, service)  # post_init again after a restart
    assert [j.name for j in app.job_queue.jobs() if not j.removed] == [JOB_NAME]


async def test_overlapping_ticks_run_one_delivery_at_a_time(engine: Engine) -> None:
    world = World(engine)
    await world.subscribe(range(1, 61))
    world.clock.set(MONDAY_0800)
    bot = world.process("p1")
    first, second = await asyncio.gather(bot.tick(), bot.tick())
    assert first is not None and first.sent == 60
    assert second is None


@pytest.mark.parametrize(
    "tz, at, start",
    [
        ("Europe/Berlin", time(2, 30), datetime(2024, 3, 29, 12, tzinfo=UTC)),  # 02:30 skipped
        ("Europe/Berlin", time(2, 30), datetime(2024, 10, 25, 12, tzinfo=UTC)),  # twice
        ("America/New_York", time(1, 30), datetime(2024, 11, 1, 12, tzinfo=UTC)),  # twice
    ],
)
async def test_one_digest_a_local_day_through_dst_changes(
    engine: Engine, tz: str, at: time, start: datetime
) -> None:
    """The job wakes every 20 minutes for four days around a DST change."""
    world = World(engine, start)
    service = world.process("p1")
    await service.subscribe(1, SubscribeRequest(at=at, timezone=tz))
    now = start
    while now < start + timedelta(days=4):
        world.clock.set(now)
        await service.deliver_due()
        now += timedelta(minutes=20)
    with Session(engine) as s:
        dates = [d.local_date for d in s.exec(select(subs.DigestDelivery))]
    assert len(world.received()[1]) == len(dates) == len(set(dates)) == 4
    assert [(b - a).days for a, b in zip(dates, dates[1:], strict=False)] == [1, 1, 1]


async def test_stopping_mid_run_sends_what_is_on_its_way_and_hands_back_the_rest(
    engine: Engine,
) -> None:
    world = World(engine)
    await world.subscribe(range(1, 301))
    world.clock.set(MONDAY_0800)
    stopping = world.process("stopping")
    run = stopping.kick()
    assert run is not None
    while world.api.stats.accepted < 50:  # 50 digests out, then the application is told to stop
        await asyncio.sleep(0.001)
    await stopping.stop()
    report = run.result()
    assert 0 < report.sent < 300 and report.released > 0
    assert stopping.kick() is None  # a stopped service starts nothing
    # The next process takes the handed-back claims at once, not after the lease.
    successor = await world.process("successor").deliver_due()
    assert successor.claimed == 300 - report.sent
    received = world.received()
    assert sorted(received) == list(range(1, 301))
    assert all(len(messages) == 1 for messages in received.values())
