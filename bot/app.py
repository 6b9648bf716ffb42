"""The bot's wiring in one place: handlers, services created in post_init and closed in
post_shutdown, commands registered with setMyCommands, one error handler, a log filter that keeps
the token out of every log line."""

from __future__ import annotations

import gc
import html
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

from bot import handlers as h
from bot.send import with_retries
from bot.settings import Settings
from claims import ExtractionError
from claims.nlp import load_pipeline
from storage.db import make_engine
from storage.migrate import check_schema

log = logging.getLogger(__name__)


class RedactToken(logging.Filter):
    """Replaces the bot token wherever it would be logged (httpx logs request URLs with it)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.pattern = re.compile(re.escape(token)) if token else None

    def filter(self, record: logging.LogRecord) -> bool:
        if self.pattern is None:
            return True
        message = record.getMessage()
        if self.pattern.search(message):
            record.msg = self.pattern.sub("<token>", message)
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            # The whole traceback, chained causes included (httpx errors can carry the URL).
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        for name in ("exc_text", "stack_info"):
            value = getattr(record, name, None)
            if value and self.pattern.search(value):
                setattr(record, name, self.pattern.sub("<token>", value))
        return True


def configure_logging(settings: Settings) -> None:
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    root.setLevel(settings.log_level.upper())
    redact = RedactToken(token)
    for handler in root.handlers:
        handler.addFilter(redact)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def build_application(settings: Settings) -> Application:  # type: ignore[type-arg]
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    token = settings.telegram_bot_token.get_secret_value()
    base = settings.telegram_api_base_url.rstrip("/")
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(base)
        .base_file_url(base.removesuffix("/bot") + "/file/bot")
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=UTC))
        .rate_limiter(AIORateLimiter(max_retries=3))
        .concurrent_updates(True)
        .connect_timeout(10)
        .read_timeout(15)
        .write_timeout(15)
        .pool_timeout(10)
        .connection_pool_size(64)
        .post_init(_post_init(settings))
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
        .build()
    )
    add_handlers(app)
    return app


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    commands = {
        "start": h.on_help,
        "help": h.on_help,
        "claims": h.on_claims,
        "who": h.on_who,
        "timeline": h.on_timeline,
        "subscribe": h.on_subscribe,
        "unsubscribe": h.on_unsubscribe,
        "digest": h.on_digest,
        "export": h.on_export,
        "forget": h.on_forget,
        "settings": h.on_settings,
        "merge": h.on_merge,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback))
    app.add_handler(MessageHandler(filters.COMMAND, h.on_unknown_command))
    app.add_handler(CallbackQueryHandler(h.on_button))
    # In groups, answer forwards, mentions of the bot and replies to it; in private chats, all.
    app.add_handler(MessageHandler(h.ADDRESSED & ~filters.COMMAND, h.on_article))
    app.add_error_handler(on_error)


def _post_init(settings: Settings):  # type: ignore[no-untyped-def]
    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        engine = make_engine(settings.database_url)
        check_schema(engine)
        load_pipeline()  # warm: the first article should not pay for loading the model
        # The model's hundred thousand objects live as long as the process: frozen, the
        # collector stops walking them in every full collection (a 30 ms pause, mid-save).
        gc.freeze()
        services = h.Services(
            settings=settings,
            engine=engine,
            executor=ThreadPoolExecutor(max_workers=settings.db_workers, thread_name_prefix="db"),
            reader=ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="read"),
            limiter=h.ChatRateLimiter(settings.rate_limit_articles, settings.rate_limit_window),
        )
        app.bot_data["services"] = services
        if settings.digests:
            from bot.delivery import DigestService, install

            digests = DigestService(engine, app.bot)
            services.extras["digests"] = digests
            install(app, digests)
        await app.bot.set_my_commands([BotCommand(n, d) for n, d in h.COMMANDS])

    return post_init


async def _post_stop(app: Application) -> None:  # type: ignore[type-arg]
    """A digest run in progress sends what is on its way and hands back the rest."""
    services = app.bot_data.get("services")
    digests = services.extras.get("digests") if isinstance(services, h.Services) else None
    if digests is not None:
        await digests.stop()


async def _post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
    services = app.bot_data.get("services")
    if isinstance(services, h.Services):
        services.close()
        services.engine.dispose()


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Logs every error with its context; tells the user something went wrong when there is one."""
    error = context.error
    chat_id = (
        update.effective_chat.id if isinstance(update, Update) and update.effective_chat else None
    )
    log.error("error while handling an update for chat %s", chat_id, exc_info=error)
    if chat_id is None:
        return
    if isinstance(error, ExtractionError):
        text = html.escape(str(error))
    else:
        text = "Sorry, something went wrong while reading that. Nothing you stored was lost."
    try:
        await with_retries(lambda: context.bot.send_message(chat_id, text), "error reply")
    except Exception:  # noqa: BLE001 - the error handler must not raise
        log.warning("could not tell chat %s about the error", chat_id)
