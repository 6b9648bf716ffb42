"""Broadcast pacing and error handling, in virtual time."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.broadcast import Pacer
from bot.clock import FakeClock

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
