"""Broadcast pacing and error handling, in virtual time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from telegram import Bot

from bot.broadcast import Broadcaster, Outgoing, Pacer, Result
from bot.clock import FakeClock

from .telegram_limits import TelegramLimits

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

T0 = datetime(2024, 7, 1, 5, tzinfo=UTC)


def max_in_window(times: list[float], window: float) -> int:
    times = sorted(times)
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while t - times[lo] >= window:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


async def test_slots_are_evenly_spaced_under_the_overall_limit() -> None:
    clock = FakeClock(T0)
    pacer = Pacer(clock, rate=29)
    times: list[float] = []

    async def send(chat: int) -> None:
        await pacer.acquire(chat)
        times.append(clock.monotonic())

    await asyncio.gather(*(send(chat) for chat in range(1, 301)))
    assert max_in_window(times, 1.0) <= 29
    assert 300 / 29 - 0.1 <= max(times) <= 300 / 29 + 0.1  # and no slower than that


async def test_senders_woken_late_by_a_busy_loop_never_bunch_past_the_limit() -> None:
    clock = FakeClock(T0)
    pacer = Pacer(clock, rate=29)
    times: list[float] = []

    async def send(chat: int) -> None:
        await pacer.acquire(chat)
        times.append(clock.monotonic())
        if chat == 10:
            clock.advance(0.8)  # the loop stalls: the next slots all come due at once

    await asyncio.gather(*(send(chat) for chat in range(1, 121)))
    assert max_in_window(times, 1.0) <= 29


async def test_one_chat_gets_one_message_a_second_and_a_group_one_in_three() -> None:
    clock = FakeClock(T0)
    pacer = Pacer(clock, rate=29)
    sent: dict[int, list[float]] = {7: [], -100: []}

    async def burst(chat: int) -> None:
        for _ in range(5):
            await pacer.acquire(chat)
            sent[chat].append(clock.monotonic())

    await asyncio.gather(burst(7), burst(-100))
    gaps = {chat: [b - a for a, b in zip(t, t[1:], strict=False)] for chat, t in sent.items()}
    assert min(gaps[7]) >= 1.0
    assert min(gaps[-100]) >= 3.0


async def test_a_pause_holds_everyone_including_those_already_waiting() -> None:
    clock = FakeClock(T0)
    pacer = Pacer(clock, rate=10)
    times: list[float] = []

    async def send(chat: int) -> None:
        await pacer.acquire(chat)
        times.append(clock.monotonic())

    first = [asyncio.create_task(send(chat)) for chat in range(1, 11)]
    await asyncio.sleep(0)
    pacer.pause(5.0)  # a 429 arrived: nobody sends for five seconds
    await asyncio.gather(*first)
    assert times[0] == 0.0  # the one already at its slot went out before the 429
    assert all(t >= 5.0 for t in times[1:])


# ----------------------------------------------------------------------------------------------
# Through the Bot API, with Telegram's limits enforced


def make_bot(clock: FakeClock, **limits: Any) -> tuple[Bot, TelegramLimits]:
    api = TelegramLimits(clock, **limits)
    return Bot("123:TEST", request=api, get_updates_request=api), api


async def broadcast(broadcaster: Broadcaster, deliveries: list[Outgoing[int]]) -> dict[int, Result]:
    results: dict[int, Result] = {}

    async def feed() -> AsyncIterator[Outgoing[int]]:
        for d in deliveries:
            yield d

    async def done(out: Outgoing[int], result: Result) -> None:
        results[out.ticket] = result

    await broadcaster.run(feed(), done)
    return results


def one_each(chats: range | list[int], text: str = "digest") -> list[Outgoing[int]]:
    return [Outgoing(chat, (f"{text} {chat}",), chat) for chat in chats]


async def test_a_thousand_chats_without_a_single_429_at_the_limits_pace() -> None:
    clock = FakeClock(T0)
    bot, api = make_bot(clock)
    broadcaster = Broadcaster(bot, clock=clock)
    results = await broadcast(broadcaster, one_each(range(1, 1001)))
    assert api.stats.refused_429 == 0 and broadcaster.stats.retry_after == 0
    assert {r.status for r in results.values()} == {"sent"}
    assert {c: len(t) for c, t in api.stats.by_chat().items()} == dict.fromkeys(range(1, 1001), 1)
    elapsed = api.stats.sent[-1].at - api.stats.sent[0].at
    assert 999 / 30 <= elapsed <= 999 / 29 + 0.5  # at least 29/30 of Telegram's limit


async def test_parts_of_one_chats_digest_go_out_in_order_a_second_apart() -> None:
    clock = FakeClock(T0)
    bot, api = make_bot(clock)
    parts = tuple(f"part {i}" for i in range(4))
    deliveries = [Outgoing(7, parts, 1007), Outgoing(-100, parts, -100), *one_each(range(1, 50))]
    results = await broadcast(Broadcaster(bot, clock=clock), deliveries)
    assert results[1007] == Result("sent", 4) and results[-100] == Result("sent", 4)
    to_seven = api.stats.by_chat()[7]  # two deliveries to chat 7, never sent together
    assert [t for t in to_seven if t.startswith("part")] == list(parts) and len(to_seven) == 5
    assert api.stats.refused_429 == 0
    times = [s.at for s in api.stats.sent if s.chat_id == -100]
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 3.0


async def test_a_429_storm_pauses_everyone_and_every_chat_still_gets_one_message() -> None:
    clock = FakeClock(T0)
    bot, api = make_bot(clock)
    broadcaster = Broadcaster(bot, clock=clock)
    deliveries = one_each(range(1, 301))

    async def storm_soon() -> None:
        await clock.sleep(2.0)
        api.storm(10.0, retry_after=4)

    storm = asyncio.create_task(storm_soon())
    results = await broadcast(broadcaster, deliveries)
    await storm
    assert {r.status for r in results.values()} == {"sent"}
    assert all(len(t) == 1 for t in api.stats.by_chat().values())
    assert len(api.stats.by_chat()) == 300
    assert 0 < broadcaster.stats.retry_after == api.stats.refused_429
    # Everyone paused: the refusals are a handful per retry_after period, not one per chat.
    assert api.stats.refused_429 <= broadcaster.senders * 4
    assert not any(2.0 <= s.at - api.stats.sent[0].at < 12.0 for s in api.stats.sent[60:])


async def test_a_sender_faster_than_telegram_allows_is_slowed_by_429s_and_loses_nothing() -> None:
    clock = FakeClock(T0)
    bot, api = make_bot(clock)
    broadcaster = Broadcaster(bot, clock=clock, rate=60)  # twice the limit
    results = await broadcast(broadcaster, one_each(range(1, 201)))
    assert api.stats.refused_429 > 0
    assert {r.status for r in results.values()} == {"sent"}
    assert sorted(api.stats.by_chat()) == list(range(1, 201))
    assert all(len(t) == 1 for t in api.stats.by_chat().values())


async def test_blocked_chats_are_reported_and_not_retried() -> None:
    clock = FakeClock(T0)
    bot, api = make_bot(clock)
    api.blocked = {3, 5}
    broadcaster = Broadcaster(bot, clock=clock)
    results = await broadcast(broadcaster, one_each(range(1, 8)))
    assert {c for c, r in results.items() if r.status == "blocked"} == {3, 5}
    assert "blocked by the user" in (results[3].error or "")
    assert api.stats.refused_403 == 2 and broadcaster.stats.blocked == 2
    assert sorted(api.stats.by_chat()) == [1, 2, 4, 6, 7]


async def test_network_failures_are_retried_with_a_backoff() -> None:
    clock = FakeClock(T0)
    bot, api = make_bot(clock)
    api.fail_next = 3
    broadcaster = Broadcaster(bot, clock=clock, senders=1)
    results = await broadcast(broadcaster, one_each([1, 2]))
    assert {r.status for r in results.values()} == {"sent"}
    assert api.stats.network_failures == 3 and broadcaster.stats.retried == 3
    assert api.stats.by_chat() == {1: ["digest 1"], 2: ["digest 2"]}


async def test_a_network_that_stays_down_fails_the_delivery_for_a_later_retry() -> None:
    clock = FakeClock(T0)
    bot, api = make_bot(clock)
    api.fail_next = 1000
    broadcaster = Broadcaster(bot, clock=clock, senders=1, max_attempts=3)
    results = await broadcast(broadcaster, one_each([1]))
    assert results[1].status == "failed" and results[1].parts_sent == 0


async def test_a_resumed_delivery_sends_only_the_parts_not_sent_yet() -> None:
    clock = FakeClock(T0)
    bot, api = make_bot(clock)
    parts = ("one", "two", "three")
    results = await broadcast(Broadcaster(bot, clock=clock), [Outgoing(9, parts, 9, first_part=2)])
    assert results[9] == Result("sent", 3)
    assert api.stats.by_chat() == {9: ["three"]}
