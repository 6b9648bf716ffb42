"""Sending replies so that none is lost: RetryAfter waits as told, network errors and Telegram's
5xx answers are retried with backoff, and a chat that blocked the bot is marked inactive.

PTB's AIORateLimiter already paces requests and retries RetryAfter; it does not retry a 500 or a
dropped connection, which is what `with_retries` adds for every call a handler makes to answer."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from sqlalchemy import Engine
from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.broadcast import retry_seconds
from bot.html import fit
from storage.db import session_scope
from storage.repository import mark_chat_inactive

log = logging.getLogger(__name__)
T = TypeVar("T")

ATTEMPTS = 6
BACKOFF = 0.5
MAX_RETRY_AFTER = 120.0
"""A flood wait longer than this is not waited out in a handler: the reply is given up on."""


async def with_retries(call: Callable[[], Awaitable[T]], what: str) -> T:
    """The call's result; RetryAfter and network trouble are retried, others raised."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await call()
        except RetryAfter as exc:
            wait = retry_seconds(exc)
            if wait > MAX_RETRY_AFTER or attempt == ATTEMPTS:
                raise
            log.warning("%s: flood limit, retrying in %.1f s", what, wait)
            await asyncio.sleep(wait)
        except (TimedOut, NetworkError) as exc:
            if isinstance(exc, BadRequest | Forbidden) or attempt == ATTEMPTS:
                raise
            log.warning("%s: %s, retry %d", what, exc.__class__.__name__, attempt)
            await asyncio.sleep(BACKOFF * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


async def send_html(
    bot: Bot,
    chat_id: int,
    messages: Sequence[str],
    engine: Engine | None = None,
    *,
    markup: InlineKeyboardMarkup | None = None,
) -> bool:
    """Sends messages in order (each cut to Telegram's limit), the markup on the last; False when
    the chat blocked the bot."""
    pieces = fit(messages)
    for n, text in enumerate(pieces):
        last = n == len(pieces) - 1

        async def send(text: str = text, last: bool = last) -> object:
            return await bot.send_message(
                chat_id, text, reply_markup=markup if last else None, disable_web_page_preview=True
            )

        if not await deliver(send, chat_id, engine, "sendMessage"):
            return False
    return True


async def deliver(
    call: Callable[[], Awaitable[object]], chat_id: int, engine: Engine | None, what: str
) -> bool:
    """Any answer to a chat (a document, a photo, an edit) with retries; False when the chat
    blocked the bot, which is then marked inactive."""
    try:
        await with_retries(call, f"{what} to {chat_id}")
    except Forbidden:
        log.info("chat %s blocked the bot; marking it inactive", chat_id)
        if engine is not None:
            await asyncio.to_thread(_mark_inactive, engine, chat_id)
        return False
    return True


def _mark_inactive(engine: Engine, chat_id: int) -> None:
    with session_scope(engine) as session:
        mark_chat_inactive(session=session, chat_id=chat_id)
