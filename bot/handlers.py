"""Telegram handlers: thin, each parses its input, calls claims/storage off the event loop, and
answers. Blocking work (spaCy, the database) runs in the services' thread pool."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Engine
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    Update,
)
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes, filters

from bot.chart import timeline_chart
from bot.fetch import FetchError, FetchLimits, fetch_article
from bot.html import claims_messages, clip, related_messages, summary_messages
from bot.send import deliver, send_html, with_retries
from bot.settings import Settings
from claims import Extraction, ExtractionError, extract
from storage.chats import chat_timezone, merge_claimants_by_name, set_chat_timezone
from storage.db import session_scope
from storage.export import export_chat
from storage.repository import (
    ArticleMeta,
    RelatedClaim,
    SavedArticle,
    StoredClaim,
    claims_by_claimant,
    claims_of_claimant_id,
    delete_chat_data,
    get_claim,
    get_or_create_chat,
    related_claims,
    save_article,
    search_claims,
    stories,
    story_timeline,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

HELP = (
    "<b>Claimwatch</b> tells you <b>who claims what</b> in the news you send it.\n\n"
    "Forward a channel post, paste an article, or send a link: I answer with each claimant, "
    "what they claim (quote or paraphrase), the figures they give and the hedges, and I keep "
    "every claim so you can follow stories over time.\n\n"
    "/claims QUERY — search the claims you have sent\n"
    "/who NAME — a claimant's claims\n"
    "/timeline [STORY] — your stories, or one story's claims in time order\n"
    "/subscribe [HH:MM] [timezone] [filters] — a daily digest of what changed\n"
    "/unsubscribe — stop the digest\n"
    "/digest — what changed, now\n"
    "/export [json|csv] — all your data as a file\n"
    "/forget — delete everything you sent (asks first)\n"
    "/settings [timezone] — your timezone\n"
    "/merge NAME | OTHER — tell me two claimants are one\n"
    "/help — this message"
)
COMMANDS = (
    ("start", "What this bot does"),
    ("help", "Commands and how to use them"),
    ("claims", "Search your claims: /claims QUERY"),
    ("who", "A claimant's claims: /who NAME"),
    ("timeline", "Your stories, or one story in time order"),
    ("subscribe", "Daily digest: /subscribe [HH:MM] [timezone]"),
    ("unsubscribe", "Stop the daily digest"),
    ("digest", "What changed since the last digest, now"),
    ("export", "Your data as a file: /export [json|csv]"),
    ("forget", "Delete everything this chat sent"),
    ("settings", "Your timezone: /settings [Area/City]"),
    ("merge", "One claimant written two ways: /merge NAME | OTHER"),
)
NOT_AN_ARTICLE = (
    "Send me an article to read: forward a channel post, paste the text, or send a link. "
    "/help lists what else I can do."
)


class ChatRateLimiter:
    """At most `limit` articles a chat in any `window` seconds: reading is the costly part."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self.seen: dict[int, deque[float]] = {}

    def wait_time(self, chat_id: int) -> float:
        """0 when the chat may go on (and counts it), else seconds until it may."""
        now = self.clock()
        times = self.seen.setdefault(chat_id, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) >= self.limit:
            return self.window - (now - times[0])
        times.append(now)
        return 0.0


@dataclass
class Services:
    """What handlers share. Two thread pools: `reader` reads articles (spaCy, seconds each),
    `executor` runs the quick work (queries, charts), so a command never waits behind articles."""

    settings: Settings
    engine: Engine
    executor: ThreadPoolExecutor
    limiter: ChatRateLimiter
    reader: ThreadPoolExecutor | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        pool = self.reader or self.executor
        return await asyncio.get_running_loop().run_in_executor(pool, fn, *args)

    def close(self) -> None:
        for pool in (self.reader, self.executor):
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)

    @property
    def fetch_limits(self) -> FetchLimits:
        return self.settings.fetch_limits


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    found = context.bot_data["services"]
    assert isinstance(found, Services)
    return found


def _allowed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    allowed = services(context).settings.allowed_chat_ids
    chat = update.effective_chat
    return not allowed or (chat is not None and chat.id in allowed)


async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE, html: str, **kw: Any) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    await send_html(context.bot, chat.id, [html], services(context).engine, **kw)


async def reply_all(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    messages: Sequence[str],
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    await send_html(context.bot, chat.id, messages, services(context).engine, markup=markup)


# ----------------------------------------------------------------------------------------------
# Articles


class AddressedToBot(filters.MessageFilter):
    """In a private chat every message; in a group a forward, a message that mentions the bot, or
    a reply to one of the bot's messages (commands have their own handlers)."""

    def filter(self, message: Message) -> bool:
        if message.chat.type == "private" or message.forward_origin is not None:
            return True
        me = message.get_bot()
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None:
            if replied.from_user.id == me.id:
                return True
        mention = f"@{me.username}".lower()
        found = {
            **message.parse_entities(["mention"]),
            **message.parse_caption_entities(["mention"]),
        }
        return any(value.lower() == mention for value in found.values())


ADDRESSED = AddressedToBot(name="addressed to the bot")


@dataclass(frozen=True)
class Incoming:
    text: str | None
    link: str | None
    outlet: str | None
    published: datetime | None


def incoming_article(message: Message, bot_username: str | None = None) -> Incoming:
    """What a message offers as an article: its text or caption, a link in it, and the outlet and
    date its forward carries. The bot's own @mention is not part of the article."""
    text = message.text or message.caption or ""
    if bot_username:
        text = re.sub(rf"@{re.escape(bot_username)}\b", " ", text, flags=re.IGNORECASE)
    entities = (
        message.parse_entities([MessageEntity.URL, MessageEntity.TEXT_LINK])
        if message.text
        else message.parse_caption_entities([MessageEntity.URL, MessageEntity.TEXT_LINK])
    )
    found = [e.url if e.type == MessageEntity.TEXT_LINK else value for e, value in entities.items()]
    links = [u for u in found if u]
    if links and "://" not in links[0]:
        links[0] = "https://" + links[0]  # "example.org/a" is a link Telegram recognises
    outlet = published = None
    origin = message.forward_origin
    if origin is not None:
        published = origin.date
        if isinstance(origin, MessageOriginChannel):
            outlet = origin.chat.title
        elif isinstance(origin, MessageOriginChat):
            outlet = origin.sender_chat.title
        elif isinstance(origin, MessageOriginUser):
            outlet = origin.sender_user.full_name
        elif isinstance(origin, MessageOriginHiddenUser):
            outlet = origin.sender_user_name
    without_links = text
    for value in entities.values():
        without_links = without_links.replace(value, " ")
    use_link = bool(links) and len(without_links.split()) < 30
    return Incoming(
        text if not use_link else None, links[0] if use_link else None, outlet, published
    )


@dataclass(frozen=True)
class ReadResult:
    extraction: Extraction
    text: str
    saved: SavedArticle
    outlet: str | None
    published: datetime | None


def read_and_store(svc: Services, chat_id: int, title: str | None, item: Incoming) -> ReadResult:
    """The blocking part of reading an article: fetch, extract, store (worker thread)."""
    text, outlet, published, link = item.text or "", item.outlet, item.published, None
    page_title = None
    if item.link:
        page = fetch_article(item.link, svc.fetch_limits)
        text, link, page_title = page.text, page.url, page.title
        outlet, published = outlet or page.outlet, published or page.published_at
    extraction = extract(text)
    with session_scope(svc.engine) as session:
        get_or_create_chat(session=session, chat_id=chat_id, title=title)
        saved = save_article(
            session=session,
            chat_id=chat_id,
            text=text,
            extraction=extraction,
            meta=ArticleMeta(title=page_title, link=link, outlet=outlet, published_at=published),
        )
    return ReadResult(extraction, text, saved, outlet, published)


async def on_article(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A forwarded post, pasted text, a caption or a link: who claims what."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or not _allowed(update, context):
        return
    item = incoming_article(message, context.bot.username)
    if not (item.text or "").strip() and not item.link:
        await reply(update, context, NOT_AN_ARTICLE)
        return
    svc = services(context)
    wait = svc.limiter.wait_time(chat.id)
    if wait > 0:
        await reply(
            update,
            context,
            f"I am still reading your earlier articles; please send the next one in {wait:.0f} s.",
        )
        return
    try:
        await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
    except TelegramError:
        log.debug("chat action for %s not shown", chat.id)  # cosmetic: go on reading
    try:
        result = await svc.read(read_and_store, svc, chat.id, chat.title, item)
    except (ExtractionError, FetchError) as exc:
        await reply(update, context, _escape(str(exc)))
        return
    saved = result.saved
    adds = [r for _, r in saved.links if r.kind in ("contradiction", "update")][:5]
    messages = summary_messages(
        result.extraction,
        result.text,
        outlet=result.outlet,
        published=result.published,
        first_seen=None if saved.created else saved.first_seen,
        adds=adds,
    )
    markup = await svc.run(_article_buttons, svc, chat.id, saved)
    await reply_all(update, context, messages, markup)


def _article_buttons(
    svc: Services, chat_id: int, saved: SavedArticle
) -> InlineKeyboardMarkup | None:
    """Related claims, the story's timeline and the claimant's other claims (worker thread)."""
    with session_scope(svc.engine) as session:
        rows: list[list[InlineKeyboardButton]] = []
        linked = (
            saved.links[0][0] if saved.links else (saved.claim_ids[0] if saved.claim_ids else None)
        )
        first = get_claim(session=session, chat_id=chat_id, claim_id=linked) if linked else None
        if first is None:
            return None
        row = [InlineKeyboardButton("Related claims", callback_data=f"rel:{first.id}")]
        if first.story_id:
            row.append(InlineKeyboardButton("Story timeline", callback_data=f"tl:{first.story_id}"))
        rows.append(row)
        if first.claimant_id:
            who = InlineKeyboardButton(
                f"More from {first.claimant}"[:60], callback_data=f"who:{first.claimant_id}"
            )
            rows.append([who])
    return InlineKeyboardMarkup(rows)


def _escape(text: str) -> str:
    return escape(text)


# ----------------------------------------------------------------------------------------------
# Commands


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start and /help."""
    await reply(update, context, HELP)


def _args(context: ContextTypes.DEFAULT_TYPE) -> str:
    return " ".join(context.args or []).strip()


async def _list_claims(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    usage: str,
    query_fn: Callable[..., list[StoredClaim]],
    title: str,
    empty: str,
) -> None:
    """A command that lists stored claims for its argument (a search, a claimant)."""
    chat, arg = update.effective_chat, _args(context)
    if chat is None or not _allowed(update, context):
        return
    if not arg:
        await reply(update, context, usage)
        return
    svc = services(context)

    def work() -> list[StoredClaim]:
        with session_scope(svc.engine) as session:
            return query_fn(session, chat.id, arg)

    found = await svc.run(work)
    await reply_all(update, context, claims_messages(title.format(arg), found, empty.format(arg)))


async def on_claims(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/claims QUERY: full-text search over this chat's claims."""
    await _list_claims(
        update,
        context,
        "Usage: /claims QUERY — for example /claims tanks destroyed",
        lambda session, chat_id, q: search_claims(session=session, chat_id=chat_id, query=q),
        "Claims matching “{}”",
        "No claims match.",
    )


async def on_who(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/who NAME: a claimant's claims in this chat."""
    await _list_claims(
        update,
        context,
        "Usage: /who NAME — for example /who Defence Ministry",
        lambda session, chat_id, n: claims_by_claimant(session=session, chat_id=chat_id, name=n),
        "Claims by {}",
        "No claims by “{}” yet.",
    )


async def on_timeline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/timeline [STORY]: the chat's stories, or one story's claims in time order."""
    chat, query = update.effective_chat, _args(context)
    if chat is None or not _allowed(update, context):
        return
    svc = services(context)

    def work() -> tuple[list[Any], list[Any]]:
        with session_scope(svc.engine) as session:
            found = stories(session=session, chat_id=chat.id, query=query or None)
            if query and found:
                return found, story_timeline(session=session, chat_id=chat.id, story_id=found[0].id)
            return found, []

    found, timeline = await svc.run(work)
    if not found:
        await reply(update, context, "No stories yet: send me articles with figures to follow.")
        return
    if timeline:
        await reply_all(update, context, claims_messages(found[0].title, timeline, ""))
        await send_chart(update, context, found[0].title, timeline)
        return
    buttons = [
        [InlineKeyboardButton(f"{s.title} ({s.claims})"[:60], callback_data=f"tl:{s.id}")]
        for s in found[:10]
    ]
    await reply_all(
        update, context, ["<b>Your stories</b> — pick one:"], InlineKeyboardMarkup(buttons)
    )


async def on_export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export [json|csv]: the chat's articles and claims as a file."""
    chat = update.effective_chat
    if chat is None or not _allowed(update, context):
        return
    fmt = (_args(context) or "json").lower()
    if fmt not in ("json", "csv"):
        await reply(update, context, "Usage: /export [json|csv]")
        return
    svc = services(context)

    def work() -> str:
        with session_scope(svc.engine) as session:
            return export_chat(session=session, chat_id=chat.id, fmt=fmt)  # type: ignore[arg-type]

    data = (await svc.run(work)).encode("utf-8")
    await deliver(
        lambda: context.bot.send_document(
            chat.id, document=data, filename=f"claimwatch-{chat.id}.{fmt}"
        ),
        chat.id,
        svc.engine,
        "sendDocument",
    )


async def on_forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/forget: asks, then deletes everything this chat sent."""
    if not _allowed(update, context):
        return
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Yes, delete everything", callback_data="forget:yes"),
                InlineKeyboardButton("No, keep it", callback_data="forget:no"),
            ]
        ]
    )
    await reply_all(
        update,
        context,
        ["Delete every article and claim this chat sent? This cannot be undone."],
        buttons,
    )


async def on_settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/settings [timezone]: show or set the chat's timezone (digests follow it)."""
    chat, tz = update.effective_chat, _args(context)
    if chat is None or not _allowed(update, context):
        return
    svc = services(context)
    if tz:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            await reply(
                update, context, f"Unknown timezone “{_escape(tz)}”. Try Europe/Kyiv or UTC."
            )
            return

    def work() -> str:
        with session_scope(svc.engine) as session:
            return set_chat_timezone(
                session=session, chat_id=chat.id, title=chat.title, timezone=tz or None
            )

    current = await svc.run(work)
    digests = svc.extras.get("digests")
    if tz and digests is not None:
        await digests.set_timezone(chat.id, tz)
    await reply(
        update,
        context,
        f"Timezone: <b>{_escape(current)}</b>. Change it with /settings Area/City.",
    )


async def on_subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscribe [HH:MM] [timezone] [filters]: the daily digest."""
    from bot.digest import SUBSCRIBE_USAGE, describe_subscription, parse_subscribe
    from bot.schedule import ScheduleError

    chat = update.effective_chat
    if chat is None or not _allowed(update, context):
        return
    digests = services(context).extras.get("digests")
    if digests is None:
        await reply(update, context, "Digests are switched off on this bot.")
        return
    try:
        request = parse_subscribe(context.args or [])
    except ScheduleError as exc:
        await reply(update, context, _escape(f"{exc}\n\n{SUBSCRIBE_USAGE}"))
        return
    tz = await services(context).run(_chat_timezone, services(context), chat.id)
    sub = await digests.subscribe(chat.id, request, tz)
    await reply(update, context, "Subscribed. " + describe_subscription(sub))


def _chat_timezone(svc: Services, chat_id: int) -> str | None:
    with session_scope(svc.engine) as session:
        return chat_timezone(session=session, chat_id=chat_id)


async def on_unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unsubscribe."""
    chat = update.effective_chat
    if chat is None or not _allowed(update, context):
        return
    digests = services(context).extras.get("digests")
    removed = bool(digests is not None and await digests.unsubscribe(chat.id))
    await reply(
        update, context, "Unsubscribed." if removed else "This chat had no digest subscription."
    )


async def on_digest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/digest: what changed, now."""
    chat = update.effective_chat
    if chat is None or not _allowed(update, context):
        return
    digests = services(context).extras.get("digests")
    if digests is None:
        await reply(update, context, "Digests are switched off on this bot.")
        return
    tz = await services(context).run(_chat_timezone, services(context), chat.id)
    await digests.send_now(chat.id, tz)


MERGE_USAGE = (
    "Usage: /merge NAME | OTHER NAME — the two are one claimant; the second's claims and "
    "spellings join the first. For example: /merge Russian Defence Ministry | Russia's MoD"
)


async def on_merge(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/merge A | B: one claimant the engine kept apart."""
    chat, text = update.effective_chat, _args(context)
    if chat is None or not _allowed(update, context):
        return
    keep_name, sep, merge_name = text.partition("|")
    if not sep or not keep_name.strip() or not merge_name.strip():
        await reply(update, context, _escape(MERGE_USAGE))
        return
    svc = services(context)

    def work() -> str:
        with session_scope(svc.engine) as session:
            result = merge_claimants_by_name(
                session=session,
                chat_id=chat.id,
                keep_name=keep_name.strip(),
                merge_name=merge_name.strip(),
            )
        return result.message

    await reply(update, context, _escape(await svc.run(work)))


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any other /command."""
    if _allowed(update, context):
        await reply(update, context, "I don't know that command. /help lists what I can do.")


async def send_chart(
    update: Update, context: ContextTypes.DEFAULT_TYPE, title: str, timeline: Sequence[Any]
) -> None:
    """The story's figures over time, when it has figures to draw."""
    chat = update.effective_chat
    if chat is None:
        return
    svc = services(context)
    png = await svc.run(timeline_chart, title, timeline)
    if png is not None:
        caption = escape(clip(f"{title}: figures over time", 1000))
        await deliver(
            lambda: context.bot.send_photo(chat.id, photo=png, caption=caption),
            chat.id,
            svc.engine,
            "sendPhoto",
        )


# ----------------------------------------------------------------------------------------------
# Buttons


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Inline buttons: related claims, a story's timeline, a claimant's claims, /forget's answer."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None or not _allowed(update, context):
        return
    try:
        await with_retries(query.answer, "answerCallbackQuery")
    except BadRequest:
        log.debug("callback query %s too old to answer", query.id)  # the reply still follows
    action, _, value = (query.data or "").partition(":")
    svc = services(context)
    if action == "forget":
        if value == "yes":

            def forget() -> int:
                with session_scope(svc.engine) as session:
                    return delete_chat_data(session=session, chat_id=chat.id)

            count = await svc.run(forget)
            text = f"Deleted: {count} claims and their articles."
        else:
            text = "Nothing deleted."
        await deliver(lambda: query.edit_message_text(text), chat.id, svc.engine, "editMessageText")
        return
    if not value.isdigit():
        return
    ident = int(value)

    def load() -> list[str]:
        with session_scope(svc.engine) as session:
            if action == "rel":
                claim = get_claim(session=session, chat_id=chat.id, claim_id=ident)
                if claim is None:
                    return ["That claim is no longer stored."]
                related: list[RelatedClaim] = related_claims(
                    session=session, chat_id=chat.id, claim_id=ident
                )
                return related_messages(claim, related)
            if action == "tl":
                timeline = story_timeline(session=session, chat_id=chat.id, story_id=ident)
                title = "Story timeline"
                found = [
                    s for s in stories(session=session, chat_id=chat.id, limit=200) if s.id == ident
                ]
                if found:
                    title = found[0].title
                charts.append((title, timeline))
                return claims_messages(title, timeline, "That story has no stored claims.")
            if action == "who":
                claims = claims_of_claimant_id(session=session, chat_id=chat.id, claimant_id=ident)
                name = claims[0].claimant if claims else "this claimant"
                return claims_messages(f"Claims by {name}", claims, "No claims stored.")
        return ["That button has expired."]

    charts: list[tuple[str, list[Any]]] = []
    await reply_all(update, context, await svc.run(load))
    for title, timeline in charts:
        await send_chart(update, context, title, timeline)
