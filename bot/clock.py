"""Time as the scheduler and the broadcaster see it: injected, so tests move it, never wait."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """Wall time, timezone-aware UTC: what schedules and delivery records are kept in."""
        ...

    def monotonic(self) -> float:
        """Seconds that never go back: what pacing counts in."""
        ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class FakeClock:
    """Virtual time for tests and the offline benchmark: a sleeper wakes as soon as every other
    task is waiting too, and time jumps to its wake-up. Concurrent sleeps overlap as they would in
    real time (two tasks sleeping one second take one virtual second), and an hour of pacing takes
    milliseconds. Time never moves except to wake a sleeper, or by `advance`/`set`."""

    def __init__(self, start: datetime, *, settle: int = 20) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware start time")
        self._start = start.astimezone(UTC)
        self._elapsed = 0.0
        self._settle = settle
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()
        self._driver: asyncio.Task[None] | None = None

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self._elapsed)

    def monotonic(self) -> float:
        return self._elapsed

    def advance(self, seconds: float) -> None:
        self._elapsed += max(0.0, seconds)

    def set(self, when: datetime) -> None:
        """Jump to `when` (never backwards)."""
        self._elapsed = max(self._elapsed, (when - self._start).total_seconds())

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self._elapsed + seconds, next(self._seq), future))
        if self._driver is None or self._driver.done():
            self._driver = asyncio.create_task(self._drive())
        await future

    async def _drive(self) -> None:
        while self._sleepers:
            # Let every runnable task run first: time moves only when all of them wait.
            for _ in range(self._settle):
                await asyncio.sleep(0)
            if not self._sleepers:
                return
            wake, _, future = heapq.heappop(self._sleepers)
            self._elapsed = max(self._elapsed, wake)
            if not future.done():
                future.set_result(None)
