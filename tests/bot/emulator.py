"""A Bot API emulator over HTTP on 127.0.0.1, for driving the real bot (python-telegram-bot, real
HTTP client, real long polling) without Telegram.

It answers the methods the bot calls, records every call, lets a test push updates and inject
failures (429 with retry_after, 500, 403), and checks what Telegram would check: HTML that parses
with Telegram's tags only, and messages within 4096 characters.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from pydantic import SecretStr
from telegram.ext import Application

from bot.settings import Settings
from storage.db import make_engine
from storage.migrate import upgrade

BOT_USER = {"id": 4242, "is_bot": True, "first_name": "Claimwatch", "username": "claimwatch_bot"}
TELEGRAM_TAGS = frozenset(
    "b strong i em u ins s strike del a code pre blockquote tg-spoiler tg-emoji span".split()
)
MAX_TEXT = 4096


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)


class _TelegramHTML(HTMLParser):
    """Fails the way Telegram does on a tag it does not know or one left open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.error: str | None = None
        self.visible = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.error = f'Unsupported start tag "{tag}"'
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.error = f'Unexpected end tag "{tag}"'
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.visible += len(data.encode("utf-16-le")) // 2


def html_problem(text: str) -> str | None:
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    if parser.error:
        return f"Bad Request: can't parse entities: {parser.error}"
    if parser.stack:
        return f'Bad Request: can\'t parse entities: unclosed tag "{parser.stack[-1]}"'
    if parser.visible > MAX_TEXT:
        return "Bad Request: message is too long"
    return None


class BotAPIEmulator:
    """Start with `start()`; `base_url` is what the bot's TELEGRAM_API_BASE_URL should be.

    `blocked` holds chats that blocked the bot (their sends get 403); `flood_limit`, when set,
    answers 429 (retry_after 1) to a send past that many in the last second, as Telegram does
    past 30 messages a second."""

    def __init__(self, token: str = "123456:TEST-TOKEN", flood_limit: int | None = None) -> None:
        self.token = token
        self.flood_limit = flood_limit
        self.recent_sends: deque[float] = deque()
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []
        self.failures: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self.blocked: set[int] = set()
        self.cond = threading.Condition()
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self.server = _Server(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        port = self.server.server_address[1]
        return f"http://127.0.0.1:{port}/bot"

    def start(self) -> BotAPIEmulator:
        self.thread.start()
        return self

    def stop(self) -> None:
        with self.cond:
            self.cond.notify_all()
        self.server.shutdown()
        self.server.server_close()

    # -- what tests do --------------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> int:
        with self.cond:
            update_id = next(self._ids)
            self.updates.append({"update_id": update_id, **update})
            self.cond.notify_all()
        return update_id

    def fail_next(
        self, method: str, code: int, times: int = 1, retry_after: int | None = None
    ) -> None:
        """The next `times` calls of `method` get `code` (429 carries retry_after)."""
        params = {"retry_after": retry_after} if retry_after is not None else {}
        with self.cond:
            self.failures.setdefault(method, []).extend([(code, params)] * times)

    def sent(self, chat_id: int | None = None, method: str = "sendMessage") -> list[Call]:
        with self.cond:
            return [
                c
                for c in self.calls
                if c.method == method
                and (chat_id is None or int(c.params.get("chat_id", 0)) == chat_id)
            ]

    def wait_for(self, check: Callable[[], Any], timeout: float = 30.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = check()
            if result:
                return result
            time.sleep(0.02)
        raise TimeoutError("the bot did not do what was expected in time")

    # -- the server -----------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        emulator = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the real API

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                prefix = f"/bot{emulator.token}/"
                if not self.path.startswith(prefix):
                    self._answer(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                    return
                method = self.path[len(prefix) :]
                params, files = _parse(self.headers.get("content-type", ""), body)
                code, payload = emulator.answer(method, params, files)
                self._answer(code, payload)

            do_GET = do_POST  # noqa: N815

            def _answer(self, code: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(code)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot stopped polling while we held its getUpdates

        return Handler

    def answer(
        self, method: str, params: dict[str, Any], files: dict[str, bytes]
    ) -> tuple[int, dict[str, Any]]:
        with self.cond:
            queue = self.failures.get(method)
            if queue:
                code, extra = queue.pop(0)
                self.calls.append(Call(f"!{method}", params, files))
                body: dict[str, Any] = {"ok": False, "error_code": code, "description": _DESC[code]}
                if extra:
                    body["parameters"] = extra
                return code, body
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        chat_id = params.get("chat_id")
        if chat_id is not None and int(chat_id) in self.blocked and method.startswith("send"):
            return 403, {"ok": False, "error_code": 403, "description": _DESC[403]}
        if self.flood_limit is not None and method.startswith("send"):
            with self.cond:
                now = time.monotonic()
                while self.recent_sends and now - self.recent_sends[0] >= 1.0:
                    self.recent_sends.popleft()
                if len(self.recent_sends) >= self.flood_limit:
                    self.calls.append(Call(f"!{method}", params, files))
                    return 429, {
                        "ok": False,
                        "error_code": 429,
                        "description": _DESC[429],
                        "parameters": {"retry_after": 1},
                    }
                self.recent_sends.append(now)
        if method in ("sendMessage", "editMessageText"):
            text = str(params.get("text", ""))
            if not text.strip():
                return 400, {
                    "ok": False,
                    "error_code": 400,
                    "description": "Bad Request: message text is empty",
                }
            if params.get("parse_mode") == "HTML":
                problem = html_problem(text)
                if problem:
                    return 400, {"ok": False, "error_code": 400, "description": problem}
        with self.cond:
            self.calls.append(Call(method, params, files))
            self.cond.notify_all()
        return 200, {"ok": True, "result": self._result(method, params)}

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 1.0)
        deadline = time.monotonic() + timeout
        with self.cond:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while not self.updates and time.monotonic() < deadline:
                self.cond.wait(max(0.0, deadline - time.monotonic()))
            return list(self.updates[: int(params.get("limit") or 100)])

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in ("sendMessage", "sendDocument", "sendPhoto", "editMessageText"):
            chat_id = int(params.get("chat_id") or 0)
            message: dict[str, Any] = {
                "message_id": int(params.get("message_id") or next(self._message_ids)),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                "from": BOT_USER,
            }
            if "text" in params:
                message["text"] = params["text"]
            if method == "sendDocument":
                message["document"] = {"file_id": "doc", "file_unique_id": "doc"}
            return message
        return True


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # many chats at once must not overflow the listen backlog
    daemon_threads = True


_DESC = {
    400: "Bad Request",
    403: "Forbidden: bot was blocked by the user",
    429: "Too Many Requests: retry later",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


def _parse(content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    params: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            raw = part.get_payload(decode=True)
            payload = raw if isinstance(raw, bytes) else b""
            if part.get_filename():
                files[str(name)] = payload
            else:
                params[str(name)] = _value(payload.decode())
    elif content_type.startswith("application/json"):
        params = json.loads(body or b"{}")
    else:
        params = {k: _value(v) for k, v in parse_qsl(body.decode(), keep_blank_values=True)}
    return params, files


def _value(raw: str) -> Any:
    if raw[:1] in ("{", "["):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


def settings_for(api: BotAPIEmulator, database: Path, **overrides: Any) -> Settings:
    """Settings that point the real application at `api`, with a SQLite database at `database`
    migrated as `claimwatch db upgrade` would; `overrides` are further settings."""
    url = f"sqlite:///{database}"
    engine = make_engine(url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    return Settings(
        telegram_bot_token=SecretStr(api.token),
        telegram_api_base_url=api.base_url,
        database_url=url,
        **overrides,
    )


@contextlib.asynccontextmanager
async def polling(app: Application) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """Runs the application the way `run_polling` does (post_init, start, long polling) and
    stops it the same way, so tests and benchmarks drive the real thing."""
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        if app.post_stop is not None:
            await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


# -- update factories ---------------------------------------------------------------------------

_msg_ids = itertools.count(1)


def user(uid: int = 7) -> dict[str, Any]:
    return {"id": uid, "is_bot": False, "first_name": "Reader", "username": f"reader{uid}"}


def chat(chat_id: int) -> dict[str, Any]:
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": "Reader"}
    return {"id": chat_id, "type": "group", "title": "News group"}


def message(chat_id: int, text: str | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "message_id": next(_msg_ids),
        "date": int(time.time()),
        "chat": chat(chat_id),
        "from": user(abs(chat_id) % 1_000_000 or 7),
    }
    if text is not None:
        out["text"] = text
    out.update(extra)
    return {"message": out}


def command(chat_id: int, text: str) -> dict[str, Any]:
    name = text.split()[0]
    return message(
        chat_id, text, entities=[{"type": "bot_command", "offset": 0, "length": len(name)}]
    )


def forward_from_channel(chat_id: int, text: str, title: str = "Frontline Daily") -> dict[str, Any]:
    origin = {
        "type": "channel",
        "chat": {"id": -1001234, "type": "channel", "title": title},
        "message_id": 77,
        "date": 1_763_000_000,
    }
    return message(chat_id, text, forward_origin=origin)


def photo_with_caption(chat_id: int, caption: str | None) -> dict[str, Any]:
    photo = [{"file_id": "p1", "file_unique_id": "u1", "width": 10, "height": 10}]
    extra: dict[str, Any] = {"photo": photo}
    if caption is not None:
        extra["caption"] = caption
    return message(chat_id, None, **extra)


def sticker(chat_id: int) -> dict[str, Any]:
    return message(
        chat_id,
        None,
        sticker={
            "file_id": "s1",
            "file_unique_id": "s1u",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        },
    )


def callback(chat_id: int, data: str, on_message_id: int = 1000) -> dict[str, Any]:
    return {
        "callback_query": {
            "id": f"cb{next(_msg_ids)}",
            "from": user(),
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": on_message_id,
                "date": int(time.time()),
                "chat": chat(chat_id),
                "from": BOT_USER,
                "text": "…",
            },
        }
    }


def link_message(chat_id: int, url: str, as_text_link: bool = False) -> dict[str, Any]:
    if as_text_link:
        text = "read this"
        entity = {"type": "text_link", "offset": 0, "length": len(text), "url": url}
    else:
        text = url
        entity = {"type": "url", "offset": 0, "length": len(url)}
    return message(chat_id, text, entities=[entity])
