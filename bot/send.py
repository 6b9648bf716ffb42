"""Sending replies so that none is lost: RetryAfter waits as told, network errors and Telegram's
5xx answers are retried with backoff, and a chat that blocked the bot is marked inactive."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from sqlalchemy import Engine
from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from storage.db import session_scope
from storage.repository import mark_chat_inactive

log = logging.getLogger(__name__)
T = TypeVar("T")

ATTEMPTS = 6
BACKOFF = 0.5


async def with_retries(call: Callable[[], Awaitable[T]], what: str) -> T:
    """The call's result; RetryAfter and network trouble are retried, others raised."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await call()
        except RetryAfter as exc:
            delay = exc.retry_after
            wait = delay.total_seconds() if hasattr(delay, "total_seconds") else float(delay)
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
    """Sends messages in order, the markup on the last; False when the chat blocked the bot."""
    for n, text in enumerate(messages):
        last = n == len(messages) - 1

        async def send(text: str = text, last: bool = last) -> object:
            return await bot.send_message(
                chat_id, text, reply_markup=markup if last else None, disable_web_page_preview=True
            )

        try:
            await with_retries(send, f"sendMessage to {chat_id}")
        except Forbidden:
            log.info("chat %s blocked the bot; marking it inactive", chat_id)
            if engine is not None:
                await asyncio.to_thread(_mark_inactive, engine, chat_id)
            return False
    return True


def _mark_inactive(engine: Engine, chat_id: int) -> None:
    with session_scope(engine) as session:
        mark_chat_inactive(session=session, chat_id=chat_id)
