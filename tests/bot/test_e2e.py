"""The real bot (python-telegram-bot, HTTP, long polling) against the Bot API emulator."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import Application

from bot.app import add_handlers, build_application, configure_logging
from tests.bot import emulator as emu

TOKEN = "123456:SECRET-TOKEN-abcdef"
EXAMPLE = Path(__file__).parents[2] / "bot" / "examples" / "river-crossing.txt"
PAGE = b"""<html><head><title>Ministry reports losses</title></head><body><article>
<h1>Ministry reports losses</h1>
<p>The Northern Defence Ministry said on Monday that 40 Eastern soldiers were killed near Dalsk.</p>
<p>"We hold every position," ministry spokeswoman Anna Berg told reporters.</p>
</article></body></html>"""


class _Page(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/redirect-inside":
            self.send_response(302)
            self.send_header("location", "http://10.0.0.1/secret")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(PAGE)


@pytest.fixture(scope="module")
def page_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
async def bot(
    tmp_path: Path, page_server: str
) -> AsyncIterator[tuple[emu.BotAPIEmulator, Application]]:  # type: ignore[type-arg]
    api = emu.BotAPIEmulator(TOKEN).start()
    settings = emu.settings_for(
        api,
        tmp_path / "bot.db",
        fetch_allow_hosts=frozenset({page_server}),
        rate_limit_articles=50,
        digests=False,
    )
    configure_logging(settings)
    async with emu.polling(build_application(settings)) as app:
        yield api, app
    api.stop()


async def wait(api: emu.BotAPIEmulator, chat_id: int, count: int = 1) -> list[emu.Call]:
    return await asyncio.to_thread(
        api.wait_for, lambda: (s := api.sent(chat_id)) and len(s) >= count and s
    )


def calls_of(api: emu.BotAPIEmulator, method: str) -> list[emu.Call]:
    return [c for c in api.calls if c.method == method]


def texts(calls: list[emu.Call]) -> str:
    return "\n".join(str(c.params.get("text", "")) for c in calls)


async def test_commands_are_registered_on_start(bot: Any) -> None:
    api, _ = bot
    registered = await asyncio.to_thread(
        api.wait_for, lambda: [c for c in api.calls if c.method == "setMyCommands"]
    )
    names = {c["command"] for c in registered[0].params["commands"]}
    assert {"start", "help", "claims", "who", "timeline", "subscribe", "unsubscribe"} <= names
    assert {"digest", "export", "forget", "settings"} <= names


async def test_a_forwarded_article_gets_who_claims_what(bot: Any) -> None:
    api, _ = bot
    api.push(emu.forward_from_channel(11, EXAMPLE.read_text(encoding="utf-8")))
    reply = texts(await wait(api, 11))
    assert "Frontline Daily" in reply  # the outlet the forward carries
    assert "Defence Ministry</b>" in reply
    assert "Anna Berg" in reply and "more than 800" in reply
    assert "Unattributed" in reply and "hedged" in reply
    last = api.sent(11)[-1]
    buttons = [
        b["callback_data"] for row in last.params["reply_markup"]["inline_keyboard"] for b in row
    ]
    assert any(b.startswith("rel:") for b in buttons)


async def test_the_same_article_again_says_when_it_was_first_seen(bot: Any) -> None:
    api, _ = bot
    text = EXAMPLE.read_text(encoding="utf-8")
    api.push(emu.message(12, text))
    await wait(api, 12)
    api.push(emu.message(12, text))
    assert "Already in your library since" in texts(await wait(api, 12, 2))


@pytest.mark.parametrize(
    "command, expect",
    [
        ("/start", "who claims what"),
        ("/help", "/timeline"),
        ("/claims", "Usage: /claims QUERY"),
        ("/claims tanks", "Claims matching"),
        ("/who", "Usage: /who NAME"),
        ("/who Defence Ministry", "Claims by Defence Ministry"),
        ("/timeline", "Your stories"),
        ("/settings", "Timezone: <b>UTC</b>"),
        ("/settings Europe/Kyiv", "Timezone: <b>Europe/Kyiv</b>"),
        ("/settings Mars/Base", "Unknown timezone"),
        ("/subscribe", "Digests are switched off"),
        ("/unsubscribe", "no digest subscription"),
        ("/digest", "Digests are switched off"),
        ("/forget", "cannot be undone"),
        ("/export csv", None),
        ("/frobnicate", "don't know that command"),
        ("/merge", "Usage: /merge"),
        ("/merge Eastern Federation General Staff | Marta Kovac", "Merged"),
    ],
)
async def test_every_command_answers(bot: Any, command: str, expect: str | None) -> None:
    api, _ = bot
    api.push(emu.message(13, EXAMPLE.read_text(encoding="utf-8")))
    await wait(api, 13)
    api.push(emu.command(13, command))
    if expect is None:
        doc = await asyncio.to_thread(api.wait_for, lambda: api.sent(13, "sendDocument"))
        assert b"claim_id" in doc[0].files["document"]
        return
    assert expect in texts(await wait(api, 13, 2))


async def test_buttons_show_related_claims_timeline_and_claimant(bot: Any) -> None:
    api, _ = bot
    api.push(emu.message(14, EXAMPLE.read_text(encoding="utf-8")))
    await wait(api, 14)
    markup = api.sent(14)[-1].params["reply_markup"]["inline_keyboard"]
    for data in [b["callback_data"] for row in markup for b in row]:
        before = len(api.sent(14))
        api.push(emu.callback(14, data))
        await wait(api, 14, before + 1)
    answered = [c for c in api.calls if c.method == "answerCallbackQuery"]
    assert answered


async def test_forget_deletes_after_confirmation(bot: Any) -> None:
    api, _ = bot
    api.push(emu.message(15, EXAMPLE.read_text(encoding="utf-8")))
    await wait(api, 15)
    api.push(emu.callback(15, "forget:yes"))
    edited = await asyncio.to_thread(api.wait_for, lambda: api.sent(15, "editMessageText"))
    assert "Deleted" in edited[0].params["text"]
    api.push(emu.command(15, "/claims tanks"))
    assert "No claims match" in texts(await wait(api, 15, 2))


async def test_a_link_is_fetched_from_a_local_page(bot: Any, page_server: str) -> None:
    api, _ = bot
    api.push(emu.link_message(16, f"http://{page_server}/article"))
    reply = texts(await wait(api, 16))
    assert "Northern Defence Ministry" in reply and "40" in reply


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/admin",
        "http://10.1.2.3/internal",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/",
        "ftp://example.org/file",
    ],
)
async def test_links_into_private_networks_are_refused(bot: Any, url: str) -> None:
    api, _ = bot
    api.push(emu.link_message(17, url, as_text_link=True))
    reply = texts(await wait(api, 17))
    assert "private network" in reply or "only http and https" in reply


async def test_a_redirect_into_a_private_network_is_refused(bot: Any, page_server: str) -> None:
    api, _ = bot
    api.push(emu.link_message(18, f"http://{page_server}/redirect-inside"))
    assert "private network" in texts(await wait(api, 18))


@pytest.mark.parametrize(
    "update, expect",
    [
        (emu.sticker(19), "Send me an article"),
        (emu.photo_with_caption(19, None), "Send me an article"),
        (emu.photo_with_caption(19, ""), "Send me an article"),
        (emu.message(19, "<b>bold</b> & <script>alert(1)</script> said the minister"), None),
        (
            emu.message(19, "Минобороны заявило, что потери противника составили 500 человек."),
            "Russian",
        ),
        (emu.message(19, "    "), "Send me an article"),
    ],
)
async def test_hostile_and_odd_input_gets_an_answer(
    bot: Any, update: dict[str, Any], expect: str | None
) -> None:
    api, _ = bot
    api.push(update)
    reply = texts(await wait(api, 19))
    if expect:
        assert expect in reply


async def test_markup_in_an_article_is_escaped(bot: Any) -> None:
    api, _ = bot
    text = (
        'The minister said that "<b>40</b> soldiers & <a href=x>5 tanks</a>" were lost near Dalsk.'
    )
    api.push(emu.message(20, text))
    reply = texts(await wait(api, 20))
    assert "&lt;b&gt;40&lt;/b&gt;" in reply


async def test_a_200k_character_article_is_answered_in_pieces_within_limits(bot: Any) -> None:
    api, _ = bot
    paragraph = EXAMPLE.read_text(encoding="utf-8").split("\n\n", 1)[1]
    api.push(emu.message(21, (paragraph * 200)[:200_000]))
    sent = await asyncio.to_thread(api.wait_for, lambda: api.sent(21), 120.0)
    assert all(len(str(c.params["text"])) <= 4096 for c in sent)


async def test_429_and_500_from_the_api_are_retried_and_nothing_is_lost(bot: Any) -> None:
    api, _ = bot
    api.fail_next("sendMessage", 429, times=2, retry_after=1)
    api.fail_next("sendMessage", 500, times=2)
    api.push(emu.command(22, "/help"))
    reply = texts(await wait(api, 22))
    assert "/timeline" in reply
    assert len([c for c in api.calls if c.method == "!sendMessage"]) == 4


async def test_a_chat_that_blocked_the_bot_is_marked_inactive(bot: Any) -> None:
    api, app = bot
    api.push(emu.message(23, EXAMPLE.read_text(encoding="utf-8")))
    await wait(api, 23)
    api.blocked.add(23)
    api.push(emu.command(23, "/help"))
    services = app.bot_data["services"]

    def inactive() -> bool:
        from sqlmodel import Session

        from storage.models import Chat

        with Session(services.engine) as session:
            row = session.get(Chat, 23)
            return row is not None and not row.active

    assert await asyncio.to_thread(api.wait_for, inactive)


async def test_the_token_never_reaches_the_logs(bot: Any, caplog: pytest.LogCaptureFixture) -> None:
    api, _ = bot
    caplog.set_level(logging.DEBUG)
    for handler in logging.getLogger().handlers:
        caplog.handler.filters = handler.filters
    api.fail_next("sendMessage", 500, times=1)
    api.push(emu.command(24, "/help"))
    await wait(api, 24)
    assert TOKEN not in caplog.text


async def test_groups_answer_forwards_and_commands(bot: Any) -> None:
    api, _ = bot
    group = -500
    api.push(emu.message(group, "just chatting among ourselves about the weather today, friends"))
    api.push(emu.command(group, "/help"))
    await wait(api, group)
    api.push(emu.forward_from_channel(group, EXAMPLE.read_text(encoding="utf-8")))
    reply = texts(await wait(api, group, 2))
    assert "Defence Ministry" in reply
    assert "weather" not in reply


def test_add_handlers_is_separate_from_the_network() -> None:
    app = Application.builder().token(TOKEN).build()
    add_handlers(app)
    assert app.handlers


NORTH = (
    "Heavy losses near Dalsk\n\nMore than 800 Eastern soldiers were killed near Dalsk in the last "
    "two days, according to the Northern Defence Ministry.\n"
)
EAST = (
    "Eastern command rejects figures\n\nThe Eastern General Staff said that only 120 Eastern "
    "soldiers had been killed near Dalsk in the last two days.\n"
)


async def test_a_contradiction_is_shown_and_the_story_is_charted(bot: Any) -> None:
    api, _ = bot
    api.push(emu.message(25, NORTH))
    await wait(api, 25)
    api.push(emu.message(25, EAST))
    reply = texts(await wait(api, 25, 2))
    assert "What this adds to known stories" in reply and "Disputed" in reply
    api.push(emu.command(25, "/timeline losses"))
    photo = await asyncio.to_thread(api.wait_for, lambda: api.sent(25, "sendPhoto"))
    assert photo[0].files["photo"].startswith(b"\x89PNG")


async def test_the_webhook_checks_its_secret_token(tmp_path: Path) -> None:
    """`claimwatch run --webhook` serves PTB's webhook: a wrong secret is refused with 403."""
    import httpx

    api = emu.BotAPIEmulator(TOKEN).start()
    settings = emu.settings_for(api, tmp_path / "hook.db", digests=False)
    app = build_application(settings)
    await app.initialize()
    assert app.post_init is not None and app.updater is not None
    await app.post_init(app)
    await app.start()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    await app.updater.start_webhook(
        listen="127.0.0.1",
        port=port,
        url_path="telegram",
        secret_token="s3cret-value",
        webhook_url="https://bot.example.org/telegram",
    )
    update = {"update_id": 1, **emu.command(31, "/help")}
    try:
        async with httpx.AsyncClient() as client:
            hook = f"http://127.0.0.1:{port}/telegram"
            wrong = await client.post(
                hook, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "no"}
            )
            assert wrong.status_code == 403
            right = await client.post(
                hook, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-value"}
            )
            assert right.status_code == 200
        assert "/timeline" in texts(await wait(api, 31))
        set_hook = [c for c in api.calls if c.method == "setWebhook"]
        assert set_hook and set_hook[0].params["secret_token"] == "s3cret-value"
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        assert app.post_shutdown is not None
        await app.post_shutdown(app)
        api.stop()


CAPTION = (
    "The Northern Defence Ministry said on Monday that 40 Eastern soldiers were killed near Dalsk. "
    '"We hold every position," ministry spokeswoman Anna Berg told reporters.'
)


async def test_a_photo_caption_is_read_as_an_article(bot: Any) -> None:
    api, _ = bot
    api.push(emu.photo_with_caption(26, CAPTION))
    reply = texts(await wait(api, 26))
    assert "Northern Defence Ministry" in reply and "40" in reply


def _mention(text: str, name: str) -> list[dict[str, Any]]:
    return [{"type": "mention", "offset": text.index(name), "length": len(name)}]


async def test_in_a_group_only_messages_addressed_to_the_bot_are_read(bot: Any) -> None:
    api, _ = bot
    group = -501
    other = "@someone_else " + CAPTION
    api.push(emu.message(group, other, entities=_mention(other, "@someone_else")))
    replied_to_a_person = {"message_id": 5, "date": 1, "chat": emu.chat(group), "from": emu.user(9)}
    api.push(emu.message(group, CAPTION, reply_to_message=replied_to_a_person))
    api.push(emu.command(group, "/help@claimwatch_bot"))
    assert "/timeline" in texts(await wait(api, group))
    mentioned = "@claimwatch_bot " + CAPTION
    api.push(emu.message(group, mentioned, entities=_mention(mentioned, "@claimwatch_bot")))
    reply = texts(await wait(api, group, 2))
    assert "Northern Defence Ministry" in reply and "claimwatch_bot" not in reply
    replied_to_bot = {"message_id": 6, "date": 1, "chat": emu.chat(group), "from": emu.BOT_USER}
    api.push(emu.message(group, CAPTION.replace("40", "41"), reply_to_message=replied_to_bot))
    await wait(api, group, 3)
    await asyncio.sleep(0.5)
    assert len(api.sent(group)) == 3  # the mention of someone else and the reply to a person: none


async def test_documents_edits_and_photos_survive_api_failures(bot: Any) -> None:
    api, _ = bot
    api.push(emu.message(27, NORTH))
    await wait(api, 27)
    api.push(emu.message(27, EAST))
    await wait(api, 27, 2)
    api.fail_next("sendDocument", 500)
    api.fail_next("sendPhoto", 429, retry_after=1)
    api.fail_next("editMessageText", 502)
    api.fail_next("answerCallbackQuery", 500)
    api.push(emu.command(27, "/export json"))
    api.push(emu.command(27, "/timeline losses"))
    api.push(emu.callback(27, "forget:no"))
    methods = ("sendDocument", "sendPhoto", "editMessageText", "answerCallbackQuery")
    for method in methods:
        await asyncio.to_thread(api.wait_for, partial(calls_of, api, method))
    assert {c.method for c in api.calls if c.method.startswith("!")} >= {
        "!sendDocument",
        "!sendPhoto",
        "!editMessageText",
        "!answerCallbackQuery",
    }


async def test_past_telegrams_flood_limit_every_reply_still_arrives(tmp_path: Path) -> None:
    """An API that answers 429 past 5 sends a second: 15 chats asking at once all get /help."""
    api = emu.BotAPIEmulator(TOKEN, flood_limit=5).start()
    settings = emu.settings_for(api, tmp_path / "flood.db", digests=False)
    try:
        async with emu.polling(build_application(settings)):
            chats = range(600, 615)
            for chat_id in chats:
                api.push(emu.command(chat_id, "/help"))
            for chat_id in chats:
                assert "/timeline" in texts(await wait(api, chat_id))
        assert [c for c in api.calls if c.method == "!sendMessage"]  # the limit did bite
        assert all(len(api.sent(chat_id)) == 1 for chat_id in chats)  # once each, none lost
    finally:
        api.stop()
