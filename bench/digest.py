"""Digest delivery benchmark: compose and deliver one digest to each of N subscribed chats
through a Bot API emulator that enforces Telegram's limits (30 messages in any second, one a
second per chat: 429 for every send beyond), in real time.

    .venv/bin/python bench/digest.py                          # 10,000 chats, SQLite (~6 min)
    .venv/bin/python bench/digest.py --chats 1000 --db postgres

The database is fresh and migrated; every chat has news stored since its last digest (three to
six claims by three claimants in two stories, and for one chat in five a contradiction and a
figure that moved against an older claim), read back by the query the bot uses
(`storage.subscriptions.changes_since`). The emulator answers after `--latency` seconds.

Reports, as one JSON line: the end-to-end time from "all due" to "all recorded", against the
least time Telegram allows for that many messages (N / 30 s), as `share_of_limit` (goal >= 0.9);
the 429s received (goal 0); memory: resident memory before and after the run, and the process's
peak (which seeding the database may set). Exit status 1 when any 429 was received or any
delivery failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import tempfile
import time
import warnings
from datetime import datetime, timedelta
from datetime import time as daytime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, create_engine, insert, text  # noqa: E402
from sqlmodel import Session  # noqa: E402
from telegram import Bot  # noqa: E402
from telegram.warnings import PTBDeprecationWarning  # noqa: E402

from bot.clock import SystemClock  # noqa: E402
from bot.delivery import DigestService  # noqa: E402
from bot.schedule import zone  # noqa: E402
from storage import subscriptions as subs  # noqa: E402
from storage.db import make_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Article, Chat, Claim, Claimant, ClaimLink, Story  # noqa: E402
from tests.bot.telegram_limits import TelegramLimits  # noqa: E402

PG_URL = os.environ.get(
    "CLAIMWATCH_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
TIMEZONES = ("Europe/Kyiv", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC")
TELEGRAM_LIMIT = 30.0
CLAIMANTS = ("Defence Ministry", "Regional Governor", "Aid agency spokesperson")
STORIES = ("Evacuations in the east", "Strikes on the capital")


def open_database(db: str, workdir: Path) -> tuple[Engine, str | None]:
    if db == "sqlite":
        engine = make_engine(f"sqlite:///{workdir / 'bench-digest.db'}")
        upgrade(engine)
        return engine, None
    schema = f"bench_digest_{os.getpid()}"
    with create_engine(PG_URL).begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine = create_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
    upgrade(engine)
    return engine, schema


def seed(engine: Engine, chats: int, now: datetime) -> None:
    """N chats in five timezones, subscribed yesterday to a digest at the minute that just passed
    in their zone (so all are due at once), with today's news stored."""
    yesterday, today = now - timedelta(days=1), now - timedelta(hours=2)
    rows: dict[Any, list[dict[str, Any]]] = {
        Chat: [], Article: [], Story: [], Claim: [], ClaimLink: [], subs.Subscription: [],
    }  # fmt: skip
    for chat in range(1, chats + 1):
        tz = TIMEZONES[chat % len(TIMEZONES)]
        local = (now - timedelta(minutes=1)).astimezone(zone(tz))
        rows[Chat].append({"id": chat, "title": None, "active": True, "timezone": tz,
                           "created_at": yesterday})  # fmt: skip
        rows[subs.Subscription].append(
            {"chat_id": chat, "at": daytime(local.hour, local.minute), "timezone": tz,
             "filters": {}, "when_empty": "note", "active": True, "inactive_reason": None,
             "owed_date": local.date(), "due_at": now - timedelta(minutes=1),
             "last_cutoff": yesterday, "created_at": yesterday, "updated_at": yesterday}
        )  # fmt: skip
        for story in (0, 1):
            rows[Story].append({"id": chat * 2 + story, "chat_id": chat, "key": f"s{story}",
                                "title": STORIES[story], "created_at": yesterday,
                                "updated_at": today})  # fmt: skip
        for n, when in ((0, yesterday - timedelta(hours=1)), (1, today)):
            rows[Article].append({"id": chat * 2 + n, "chat_id": chat, "content_hash": f"{n}",
                                  "title": f"Wire report {chat}-{n}",
                                  "link": f"https://wire.example/{chat}/{n}", "outlet": None,
                                  "published_at": when, "received_at": when, "language": "en",
                                  "text": "..."})  # fmt: skip
        count = 3 + chat % 4
        for i in range(count + 1):  # claim 0 is yesterday's, already in a digest
            figure = f"{100 + chat % 900 + i * 40} people"
            body = (f"officials said {figure} were evacuated from the district overnight, "
                    "and more were expected to leave")  # fmt: skip
            when = yesterday - timedelta(hours=1) if i == 0 else today
            rows[Claim].append(
                {"id": chat * 10 + i, "chat_id": chat, "article_id": chat * 2 + (i > 0),
                 "claimant_id": 1 + i % 3, "story_id": chat * 2 + i % 2,
                 "claimant_name": CLAIMANTS[i % 3], "claimant_kind": "organization",
                 "claimant_role": None, "speaker": None, "kind": "indirect",
                 "hedged": i == 2, "content_text": body, "content_start": 0,
                 "content_end": len(body), "content_parts": [], "source_text": None,
                 "source_start": None, "source_end": None, "cue_text": None, "cue_start": None,
                 "cue_end": None, "sentence_text": body, "sentence_start": 0,
                 "sentence_end": len(body), "figures": [{"text": figure, "value": 1}],
                 "places": [], "when_text": None, "facts": None, "published_on": when,
                 "created_at": when}
            )  # fmt: skip
        if chat % 5 == 0:
            for kind, new in (("contradiction", 1), ("update", 3)):
                rows[ClaimLink].append(
                    {"chat_id": chat, "from_claim_id": chat * 10 + new,
                     "to_claim_id": chat * 10, "score": 0.9, "kind": kind,
                     "reason": f"the figures differ ({kind})", "created_at": today}
                )  # fmt: skip
    with Session(engine) as session:
        session.execute(
            insert(Claimant),
            [{"id": i + 1, "key": c.lower(), "name": c, "kind": "organization"}
             for i, c in enumerate(CLAIMANTS)],
        )  # fmt: skip
        for model in (Chat, Story, Article, Claim, ClaimLink, subs.Subscription):
            for start in range(0, len(rows[model]), 5000):
                session.execute(insert(model), rows[model][start : start + 5000])
        session.commit()


def current_rss_mb() -> float:
    """Resident memory now (Linux), to tell the run's own growth from the seeding's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


async def run(chats: int, db: str, latency: float, rate: float) -> dict[str, object]:
    clock = SystemClock()
    engine, schema = open_database(db, Path(tempfile.mkdtemp(prefix="bench-digest-")))
    try:
        seed(engine, chats, clock.now())
        api = TelegramLimits(clock, keep_texts=False, latency=latency)
        bot = Bot("123:BENCH", request=api, get_updates_request=api)
        service = DigestService(engine, bot, clock=clock, rate=rate, worker="bench")
        rss_before = current_rss_mb()
        t0, cpu0 = time.perf_counter(), time.process_time()
        report = await service.deliver_due()
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        rss_after = current_rss_mb()
        with Session(engine) as session:
            counts = subs.delivery_counts(session)
    finally:
        if schema is not None:
            with engine.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        engine.dispose()
    messages = api.stats.accepted
    least = messages / TELEGRAM_LIMIT
    return {
        "db": db,
        "chats": chats,
        "latency_s": latency,
        "pacer_rate": rate,
        "messages": messages,
        "deliveries": counts,
        "seconds": round(elapsed, 1),
        "least_seconds": round(least, 1),
        "share_of_limit": round(least / elapsed, 3) if elapsed else None,
        "messages_per_s": round(messages / elapsed, 2) if elapsed else None,
        "http_429": api.stats.refused_429,
        "failed": report.failed,
        "cpu_seconds": round(cpu, 1),
        "rss_before_run_mb": rss_before,
        "rss_after_run_mb": rss_after,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--chats", type=int, default=10_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--latency", type=float, default=0.05, help="emulator answer delay, s")
    parser.add_argument("--rate", type=float, default=29.0, help="the pacer's messages a second")
    args = parser.parse_args()
    warnings.simplefilter("ignore", PTBDeprecationWarning)
    result = asyncio.run(run(args.chats, args.db, args.latency, args.rate))
    print(json.dumps(result))
    return 0 if result["http_429"] == 0 and result["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
