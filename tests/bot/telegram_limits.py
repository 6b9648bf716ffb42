"""Telegram's flood limits, enforced the way a strict server would, in front of a Bot API fake.

`TelegramLimits` is a PTB request object (what `Bot(request=...)` sends through): it answers
sendMessage with 429 + retry_after when a send would break 30 messages in any second overall,
one a second per chat, or 20 a minute per group; it can also answer 403 for chats that blocked
the bot, run a "429 storm" (every send refused for a while), or fail the network. Sends that pass
go to `inner` (the bot emulator, or the minimal `Echo` below). Time comes from the injected clock,
so a run of thousands of messages takes milliseconds under `FakeClock` and real time in the
benchmark.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from telegram.error import NetworkError
from telegram.request import BaseRequest, RequestData

from bot.clock import Clock

BOT_USER = {"id": 4242, "is_bot": True, "first_name": "Claimwatch", "username": "claimwatch_bot"}


def _ok(result: Any) -> tuple[int, bytes]:
    return 200, json.dumps({"ok": True, "result": result}).encode()


def _error(code: int, description: str, **parameters: Any) -> tuple[int, bytes]:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return code, json.dumps(body).encode()


class Echo(BaseRequest):
    """The least of a Bot API: getMe, and sendMessage that returns the message it was given."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._ids = itertools.count(1)

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        if api == "getMe":
            return _ok(BOT_USER)
        if api == "sendMessage":
            chat_id = int(params["chat_id"])  # type: ignore[arg-type]
            return _ok(
                {
                    "message_id": next(self._ids),
                    "date": int(self.clock.now().timestamp()),
                    "chat": {"id": chat_id, "type": "group" if chat_id < 0 else "private"},
                    "from": BOT_USER,
                    "text": params["text"],
                }
            )
        return _ok(True)


@dataclass
class Sent:
    chat_id: int
    text: str
    at: float


@dataclass
class LimitStats:
    accepted: int = 0
    refused_429: int = 0
    refused_403: int = 0
    network_failures: int = 0
    sent: list[Sent] = field(default_factory=list)

    def by_chat(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = defaultdict(list)
        for s in self.sent:
            out[s.chat_id].append(s.text)
        return out


class TelegramLimits(BaseRequest):
    def __init__(
        self,
        clock: Clock,
        inner: BaseRequest | None = None,
        *,
        per_second: int = 30,
        per_chat_interval: float = 1.0,
        group_per_minute: int = 20,
        keep_texts: bool = True,
        latency: float = 0.0,
    ) -> None:
        self.clock = clock
        self.latency = latency
        """Seconds each answer takes to come back (the limit is checked on arrival)."""
        self.inner = inner or Echo(clock)
        self.per_second = per_second
        self.per_chat_interval = per_chat_interval
        self.group_per_minute = group_per_minute
        self.keep_texts = keep_texts
        self.stats = LimitStats()
        self.blocked: set[int] = set()
        """Chats that blocked the bot: 403."""
        self.storm_until = 0.0
        self.storm_retry_after = 3
        self.fail_next = 0
        """The next this many sends fail as if the connection dropped (not sent)."""
        self.crash_after: int | None = None
        """After this many accepted sends, every further send raises `Crash` (a killed
        process, for restart tests)."""
        self._recent: deque[float] = deque()
        self._chat_last: dict[int, float] = {}
        self._group_recent: dict[int, deque[float]] = defaultdict(deque)

    def storm(self, seconds: float, retry_after: int = 3) -> None:
        """From now on for `seconds`, every send is answered 429."""
        self.storm_until = self.clock.monotonic() + seconds
        self.storm_retry_after = retry_after

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        answer = None
        if url.rsplit("/", 1)[-1] == "sendMessage":
            assert request_data is not None
            chat_id = int(request_data.parameters["chat_id"])  # type: ignore[arg-type]
            answer = self._check(chat_id)
            if answer is None:
                text = str(request_data.parameters["text"]) if self.keep_texts else ""
                self.stats.sent.append(Sent(chat_id, text, self.clock.monotonic()))
        if self.latency:
            await self.clock.sleep(self.latency)
        return answer or await self.inner.do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )

    def _check(self, chat_id: int) -> tuple[int, bytes] | None:
        now = self.clock.monotonic()
        if self.crash_after is not None and self.stats.accepted >= self.crash_after:
            raise Crash
        if self.fail_next > 0:
            self.fail_next -= 1
            self.stats.network_failures += 1
            raise NetworkError("httpx.ConnectError: connection refused")
        if chat_id in self.blocked:
            self.stats.refused_403 += 1
            return _error(403, "Forbidden: bot was blocked by the user")
        if now < self.storm_until:
            self.stats.refused_429 += 1
            return self._too_many(self.storm_retry_after)
        while self._recent and now - self._recent[0] >= 1.0:
            self._recent.popleft()
        if len(self._recent) >= self.per_second:
            self.stats.refused_429 += 1
            return self._too_many(1)
        last = self._chat_last.get(chat_id)
        if last is not None and now - last < self.per_chat_interval:
            self.stats.refused_429 += 1
            return self._too_many(1)
        if chat_id < 0:
            group = self._group_recent[chat_id]
            while group and now - group[0] >= 60.0:
                group.popleft()
            if len(group) >= self.group_per_minute:
                self.stats.refused_429 += 1
                return self._too_many(int(60 - (now - group[0])) + 1)
            group.append(now)
        self._recent.append(now)
        self._chat_last[chat_id] = now
        self.stats.accepted += 1
        return None

    def _too_many(self, retry_after: int) -> tuple[int, bytes]:
        return _error(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


class Crash(BaseException):
    """The process died mid-send (BaseException: nothing on the way up may swallow it)."""
