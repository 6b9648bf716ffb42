"""Digests end to end: the real application (handlers, post_init, JobQueue, HTTP) against the Bot
API emulator. Time is real here, so the day is moved on in the database instead of waited for;
the delivery logic under virtual time is tested in test_delivery.py."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from datetime import time as daytime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from sqlmodel import col
from telegram.ext import Application

from bot.app import build_application, configure_logging
from bot.delivery import JOB_NAME, DigestService
from storage.db import session_scope
from storage.models import Chat
from storage.subscriptions import Subscription, get_subscription
from tests.bot import emulator as emu

TOKEN = "123456:DIGEST-TOKEN-abcdef"
EXAMPLE = Path(__file__).parents[2] / "bot" / "examples" / "river-crossing.txt"


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[tuple[emu.BotAPIEmulator, Application]]:  # type: ignore[type-arg]
    api = emu.BotAPIEmulator(TOKEN).start()
    settings = emu.settings_for(api, tmp_path / "bot.db", rate_limit_articles=50, digests=True)
    configure_logging(settings)
    app = build_application(settings)
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)  # run_polling would call it; we drive the parts ourselves
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    yield api, app
    await app.updater.stop()
    await app.stop()
    assert app.post_stop is not None
    await app.post_stop(app)
    await app.shutdown()
    assert app.post_shutdown is not None
    await app.post_shutdown(app)
    api.stop()


async def wait(api: emu.BotAPIEmulator, chat_id: int, count: int = 1) -> str:
    calls = await asyncio.to_thread(
        api.wait_for, lambda: (s := api.sent(chat_id)) and len(s) >= count and s
    )
    return str(calls[-1].params.get("text", ""))


def service(app: Application) -> DigestService:  # type: ignore[type-arg]
    found = app.bot_data["digests"]
    assert isinstance(found, DigestService)
    return found


def due_now(digests: DigestService, chat_id: int) -> None:
    """A day goes by: the chat's digest falls due a minute ago."""
    now = datetime.now(UTC)
    with session_scope(digests.engine) as session:
        session.execute(
            update(Subscription)
            .where(col(Subscription.chat_id) == chat_id)
            .values(
                at=daytime(0, 0),
                timezone="UTC",
                owed_date=now.date(),
                due_at=now - timedelta(minutes=1),
                last_cutoff=now - timedelta(days=1),
            )
        )


async def test_subscribe_then_the_digest_job_delivers_what_changed(bot: Any) -> None:
    api, app = bot
    assert [j.name for j in app.job_queue.jobs()] == [JOB_NAME]
    api.push(emu.message(21, EXAMPLE.read_text(encoding="utf-8")))
    await wait(api, 21)
    api.push(emu.command(21, "/subscribe 07:30 Europe/Kyiv quiet"))
    answer = await wait(api, 21, 2)
    assert "Subscribed." in answer and "<b>07:30</b> Europe/Kyiv" in answer
    assert "On days with nothing new: nothing." in answer

    digests = service(app)
    due_now(digests, 21)
    report = await digests.tick()
    assert report is not None and (report.claimed, report.sent) == (1, 1)
    digest = await wait(api, 21, 3)
    assert digest.startswith("<b>Digest for ")
    assert "Defence Ministry" in digest and "more than 800" in digest
    assert await digests.tick() == type(report)()  # nothing more is due: nothing sent again
    assert len(api.sent(21)) == 3


async def test_bad_arguments_get_the_usage(bot: Any) -> None:
    api, _ = bot
    api.push(emu.command(22, "/subscribe 25:99"))
    answer = await wait(api, 22)
    assert "not a time of day" in answer and "Usage: /subscribe" in answer


async def test_digest_now_and_unsubscribe(bot: Any) -> None:
    api, _ = bot
    api.push(emu.command(23, "/subscribe"))
    assert "<b>08:00</b> UTC" in await wait(api, 23)
    api.push(emu.command(23, "/digest"))
    assert "nothing new" in await wait(api, 23, 2)
    api.push(emu.command(23, "/unsubscribe"))
    assert "Unsubscribed." in await wait(api, 23, 3)


async def test_a_chat_that_blocked_the_bot_is_paused(bot: Any) -> None:
    api, app = bot
    api.push(emu.command(24, "/subscribe"))
    await wait(api, 24)
    api.blocked.add(24)
    digests = service(app)
    due_now(digests, 24)
    report = await digests.tick()
    assert report is not None and report.blocked == 1
    with session_scope(digests.engine) as session:
        sub = get_subscription(session, 24)
        chat = session.get(Chat, 24)
        assert sub is not None and not sub.active
        assert chat is not None and not chat.active
