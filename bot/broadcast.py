"""Sending one message to many chats within Telegram's broadcast limits.

Telegram allows about 30 messages a second overall, one a second per chat and twenty a minute per
group; beyond that it answers 429 with `retry_after`. The pacer hands out send slots evenly spaced
under those limits (no bursts: a burst of 30 followed by 30 more within the same second is what
draws a 429), so a healthy broadcast never sees one; when one comes anyway every sender pauses for
the time Telegram asked, then the message is retried. A chat that blocked the bot (403) or no
longer exists is reported as blocked, never retried.

A `TimedOut` while reading the answer is the one ambiguous failure: Telegram may have delivered the
message. It is not retried, so no chat gets a message twice; everything that surely did not reach
Telegram (connection refused, pool or connect timeout) is retried with a backoff.
"""

from __future__ import annotations

import asyncio
import logging
import math
import warnings
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Generic, Literal, TypeVar

import httpx
from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.warnings import PTBDeprecationWarning

from bot.clock import Clock, SystemClock

log = logging.getLogger(__name__)

T = TypeVar("T")

OVERALL_PER_SECOND = 30.0
"""Telegram's broadcast limit; the pacer runs a little under it by default."""
DEFAULT_RATE = 29.0
PER_CHAT_INTERVAL = 1.0
PER_GROUP_INTERVAL = 3.0
"""Twenty messages a minute in a group."""

_CHAT_GONE = ("chat not found", "user is deactivated", "bot was kicked", "not enough rights")


class Pacer:
    """Evenly spaced send slots: at most `rate` a second overall, and per chat one a second
    (one every three seconds in groups, whose ids are negative)."""

    def __init__(self, clock: Clock, rate: float = DEFAULT_RATE) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self._clock = clock
        self._interval = 1.0 / rate + 1e-9  # so float sums never squeeze one more in a second
        self._burst = max(1, math.floor(rate))
        self._next = clock.monotonic()
        self._paused_until = 0.0
        self._chat_next: dict[int, float] = {}
        self._sent: deque[float] = deque()

    async def acquire(self, chat_id: int) -> None:
        """Wait for a slot to send to `chat_id`; the caller sends right after. The chat's next
        slot is reserved at once, so two senders to one chat never go out together."""
        spacing = PER_GROUP_INTERVAL if chat_id < 0 else PER_CHAT_INTERVAL
        mine: float | None = None
        while True:
            now = self._clock.monotonic()
            chat_at = self._chat_next.get(chat_id, 0.0)
            if chat_at > now and chat_at != mine:
                await self._clock.sleep(chat_at - now)
                continue
            slot = max(now, self._next, self._paused_until)
            self._next = slot + self._interval
            mine = self._chat_next[chat_id] = slot + spacing
            if slot > now:
                await self._clock.sleep(slot - now)
            # A 429 that arrived while this sender slept moves everyone past the pause.
            if self._clock.monotonic() < self._paused_until:
                continue
            now = await self._within_a_second()
            if now >= self._paused_until:
                break
        self._sent.append(now)
        self._chat_next[chat_id] = now + spacing
        if len(self._chat_next) > 4096:
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}

    async def _within_a_second(self) -> float:
        """Senders woken late by a busy event loop would go out bunched: whatever the slots say,
        never more than `rate` sends within one second. The wait is for the oldest send to leave
        the second (milliseconds), keeping this sender's slot rather than taking a new one."""
        while True:
            now = self._clock.monotonic()
            while self._sent and now - self._sent[0] >= 1.0:
                self._sent.popleft()
            if len(self._sent) < self._burst:
                return now
            await self._clock.sleep(self._sent[0] + 1.0 - now + 1e-6)

    def pause(self, seconds: float) -> None:
        """Telegram said to wait: no slot before then, for anyone."""
        until = self._clock.monotonic() + seconds
        self._paused_until = max(self._paused_until, until)
        self._next = max(self._next, self._paused_until)


Status = Literal["sent", "blocked", "failed", "lost"]


@dataclass(frozen=True, slots=True)
class Outgoing(Generic[T]):
    """The messages one chat gets; `first_part` > 0 resumes a delivery cut short by a crash."""

    chat_id: int
    parts: tuple[str, ...]
    ticket: T
    first_part: int = 0


@dataclass(frozen=True, slots=True)
class Result:
    status: Status
    """sent; blocked (403, chat gone: stop sending there); failed (gave up, may retry later);
    lost (another process took the delivery over before it went out)."""
    parts_sent: int
    error: str | None = None
    migrated_to: int | None = None


@dataclass(slots=True)
class Stats:
    messages: int = 0
    retry_after: int = 0
    """429 answers received; the goal is none."""
    retried: int = 0
    blocked: int = 0
    failed: int = 0
    ambiguous: int = 0


OnPart = Callable[[Outgoing[T], int], Awaitable[None]]
OnDone = Callable[[Outgoing[T], Result], Awaitable[None]]
Guard = Callable[[Outgoing[T]], Awaitable[bool]]


class ChatGone(Exception):
    """The chat blocked the bot or no longer exists."""


class Broadcaster:
    """Paced, retrying `sendMessage` over many chats, with a fixed number of concurrent senders
    (a loop, never one task per chat: thousands of requests at once exhaust the HTTP pool)."""

    def __init__(
        self,
        bot: Bot,
        *,
        clock: Clock | None = None,
        rate: float = DEFAULT_RATE,
        senders: int = 16,
        max_attempts: int = 6,
        max_backoff: float = 60.0,
    ) -> None:
        self.bot = bot
        self.clock = clock or SystemClock()
        self.pacer = Pacer(self.clock, rate)
        self.senders = senders
        self.max_attempts = max_attempts
        self.max_backoff = max_backoff
        self.stats = Stats()

    async def send(self, chat_id: int, text: str) -> int:
        """Send one HTML message within the limits; returns the chat it went to (a group that
        became a supergroup has a new id). Raises ChatGone, or TelegramError when giving up."""
        attempt = 0
        while True:
            attempt += 1
            await self.pacer.acquire(chat_id)
            try:
                await self.bot.send_message(
                    chat_id,
                    text,
                    parse_mode=ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                )
            except RetryAfter as err:
                self.stats.retry_after += 1
                self.pacer.pause(retry_seconds(err))
                log.warning("429 from Telegram: pausing sends for %.0f s", retry_seconds(err))
                if attempt >= self.max_attempts * 4:
                    raise
                continue
            except Forbidden as err:
                raise ChatGone(str(err)) from err
            except ChatMigrated as err:
                log.info("chat %s moved to %s", chat_id, err.new_chat_id)
                chat_id = err.new_chat_id
                continue
            except BadRequest as err:
                if any(s in str(err).lower() for s in _CHAT_GONE):
                    raise ChatGone(str(err)) from err
                raise
            except TimedOut as err:
                if not _surely_unsent(err):
                    self.stats.ambiguous += 1
                    log.warning("sending to %s timed out; not retried in case it arrived", chat_id)
                    self.stats.messages += 1
                    return chat_id
                if attempt >= self.max_attempts:
                    raise
                await self._backoff(attempt)
                continue
            except NetworkError:
                if attempt >= self.max_attempts:
                    raise
                await self._backoff(attempt)
                continue
            self.stats.messages += 1
            return chat_id

    async def _backoff(self, attempt: int) -> None:
        self.stats.retried += 1
        await self.clock.sleep(min(self.max_backoff, 0.5 * 2 ** (attempt - 1)))

    async def deliver(
        self,
        out: Outgoing[T],
        on_part: OnPart[T] | None = None,
    ) -> Result:
        """Send the parts of one chat's delivery in order."""
        chat_id = out.chat_id
        sent = out.first_part
        try:
            for index in range(out.first_part, len(out.parts)):
                chat_id = await self.send(chat_id, out.parts[index])
                sent = index + 1
                if on_part is not None and sent < len(out.parts):
                    await on_part(out, sent)
        except ChatGone as err:
            self.stats.blocked += 1
            return Result("blocked", sent, str(err))
        except TelegramError as err:
            self.stats.failed += 1
            log.warning("giving up on chat %s for now: %s", out.chat_id, err)
            return Result("failed", sent, str(err))
        return Result("sent", sent, None, chat_id if chat_id != out.chat_id else None)

    async def run(
        self,
        outgoing: AsyncIterator[Outgoing[T]],
        on_done: OnDone[T],
        *,
        on_part: OnPart[T] | None = None,
        guard: Guard[T] | None = None,
    ) -> None:
        """Deliver everything `outgoing` yields with `senders` concurrent senders; `guard` runs
        just before a delivery starts and may veto it (the claim was lost)."""
        queue: asyncio.Queue[Outgoing[T] | None] = asyncio.Queue(maxsize=self.senders * 2)

        async def feed() -> None:
            async for out in outgoing:
                await queue.put(out)
            for _ in range(self.senders):
                await queue.put(None)

        async def sender() -> None:
            while (out := await queue.get()) is not None:
                if guard is not None and not await guard(out):
                    await on_done(out, Result("lost", out.first_part))
                    continue
                await on_done(out, await self.deliver(out, on_part))

        async with asyncio.TaskGroup() as group:
            group.create_task(feed())
            for _ in range(self.senders):
                group.create_task(sender())


def retry_seconds(err: RetryAfter) -> float:
    """How long Telegram asks to wait, as seconds, whichever type this PTB version returns."""
    with warnings.catch_warnings():  # PTB 22.2+ warns that this becomes a timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: int | float | timedelta = err.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _surely_unsent(err: TimedOut) -> bool:
    """Timeouts before the request was written (no connection, no pool slot) cannot have
    reached Telegram."""
    cause = err.__cause__
    return isinstance(cause, httpx.ConnectTimeout | httpx.PoolTimeout) or "Pool timeout" in str(err)
