"""Reply latency of the real bot through the Bot API emulator over HTTP.

    python bench/bot.py [--runs 10]

Measures, from the moment an update is available to the moment the bot's answer reaches the API:
a 1,000-word article alone (p50/p95 over --runs), 20 chats sending one at once, and /help and
/claims from other chats while two chats' 10,000-word articles are being read.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from bot.app import build_application, configure_logging  # noqa: E402
from tests.bot import emulator as emu  # noqa: E402

TOKEN = "123456:BENCH-TOKEN"
EXAMPLE = (ROOT / "bot/examples/river-crossing.txt").read_text(encoding="utf-8")


def article(words: int, seed: int) -> str:
    """About `words` words of news copy, unique per seed so no article is a duplicate."""
    body = EXAMPLE.split("\n\n", 1)[1]
    out, n = [f"Update {seed}: fighting continues\n"], 0
    while n < words:
        paragraph = body.replace("800", str(800 + seed + n))
        out.append(paragraph)
        n += len(paragraph.split())
    return "\n\n".join(out)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def finished(api: emu.BotAPIEmulator, chat_id: int) -> int:
    """Replies completed so far: an article's reply ends with the message carrying its buttons."""
    return sum(
        1
        for c in api.sent(chat_id)
        if "reply_markup" in c.params or "/timeline" in c.params["text"]
    )


async def answered(api: emu.BotAPIEmulator, chat_id: int, before: int) -> float:
    while finished(api, chat_id) <= before:
        await asyncio.sleep(0.005)
    return time.perf_counter()


async def timed(api: emu.BotAPIEmulator, update: dict[str, object], chat_id: int) -> float:
    before = finished(api, chat_id)
    start = time.perf_counter()
    api.push(update)
    return await answered(api, chat_id, before) - start


async def timed_messages(
    api: emu.BotAPIEmulator, update: dict[str, object], chat_id: int, count: int
) -> float:
    """Time until `count` more messages reached the chat (a reply of known length)."""
    before = len(api.sent(chat_id))
    start = time.perf_counter()
    api.push(update)
    while len(api.sent(chat_id)) < before + count:
        await asyncio.sleep(0.005)
    return time.perf_counter() - start


async def reply_length(api: emu.BotAPIEmulator, update: dict[str, object], chat_id: int) -> int:
    """How many messages the reply to `update` takes (asked once, before timing it)."""
    before = len(api.sent(chat_id))
    api.push(update)
    while len(api.sent(chat_id)) == before:
        await asyncio.sleep(0.01)
    await asyncio.sleep(1.0)
    return len(api.sent(chat_id)) - before


async def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument(
        "--one-pool",
        action="store_true",
        help="read articles in the same thread pool as queries (to compare with two pools)",
    )
    args = ap.parse_args()

    api = emu.BotAPIEmulator(TOKEN).start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = emu.settings_for(
            api,
            Path(tmp) / "bench.db",
            rate_limit_articles=1000,
            digests=False,
            log_level="WARNING",
        )
        configure_logging(settings)
        async with emu.polling(build_application(settings)) as app:
            if args.one_pool:
                # one pool of WORKERS threads for everything, as before the pools were split
                services = app.bot_data["services"]
                services.close()
                services.reader = None
                services.executor = ThreadPoolExecutor(max_workers=settings.workers)
            await timed(api, emu.message(1, article(200, 0)), 1)  # warm up
            alone = [
                await timed(api, emu.message(2, article(1000, i + 1)), 2) for i in range(args.runs)
            ]
            start = time.perf_counter()
            befores = {100 + c: finished(api, 100 + c) for c in range(20)}
            for c in range(20):
                api.push(emu.message(100 + c, article(1000, 1000 + c)))
            done = await asyncio.gather(*(answered(api, cid, b) for cid, b in befores.items()))
            crowd = [t - start for t in done]

            # Two chats' 10,000-word articles keep both readers busy while others ask.
            search = emu.command(2, "/claims soldiers")
            search_length = await reply_length(api, search, 2)
            bigs = {3: finished(api, 3), 5: finished(api, 5)}
            big_start = time.perf_counter()
            api.push(emu.message(3, article(10_000, 5000)))
            api.push(emu.message(5, article(10_000, 6000)))
            await asyncio.sleep(0.3)
            helps, searches = [], []
            for _ in range(5):
                helps.append(await timed(api, emu.command(4, "/help"), 4))
                search = emu.command(2, "/claims soldiers")
                searches.append(await timed_messages(api, search, 2, search_length))
                await asyncio.sleep(0.1)
            big_done = await asyncio.gather(*(answered(api, c, b) for c, b in bigs.items()))
            reading_big = max(big_done) - big_start
        api.stop()

    print(
        f"1,000-word article, alone ({args.runs} runs): p50 {ms(pct(alone, 50))}, "
        f"p95 {ms(pct(alone, 95))}"
    )
    print(
        f"1,000-word articles from 20 chats at once: p50 {ms(pct(crowd, 50))}, "
        f"p95 {ms(pct(crowd, 95))}, last {ms(max(crowd))}"
    )
    print(
        f"/help while two 10,000-word articles are read: p50 {ms(pct(helps, 50))}, "
        f"max {ms(max(helps))}"
    )
    print(
        f"/claims soldiers at the same time: p50 {ms(pct(searches, 50))}, "
        f"max {ms(max(searches))} ({search_length} messages; both articles answered "
        f"{reading_big:.1f} s after they were sent)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
