"""Storage at scale: with N stored claims (default 1,000,000), the p95 of a related-claims lookup
and of a full-text search on SQLite and PostgreSQL (goal: p95 < 20 ms), of linking a new article
to the stored claims (goal: p95 < 50 ms on SQLite), and insert throughput through the real
`save_article`.

    .venv/bin/python bench/storage.py                      # 1,000,000 claims, both databases
    .venv/bin/python bench/storage.py --claims 50000 --db sqlite

The stored claims are synthetic news: 100 chats (`--chats`), articles of 4-9 claims by a few
dozen claimants about casualties, drones, evacuations, turnout and power cuts in 64 invented
places over a year, each content with a few words of a Zipf-distributed vocabulary (so search
terms range from one claim in 100,000 to one in eight); about half the claims link to one to three
earlier claims of their chat. They are loaded in bulk (executemany on SQLite, COPY on PostgreSQL)
into a database migrated by Alembic, with the facts and link keys the linker computes for
real articles of the same generator, so every query below reads realistic rows through its
indexes. Each measured call is one unit of work (`session_scope`) as the bot makes it.

PostgreSQL gets a throw-away database on `--pg-url`'s server (dropped at the end, unless
`--keep`); SQLite a file in a temporary directory (`--sqlite-dir`).
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from sqlalchemy import Engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from claims.claimants import claimant_key  # noqa: E402
from claims.linking import facts_of_article, link_keys  # noqa: E402
from claims.model import Claim, Extraction, Span  # noqa: E402
from storage.db import make_engine, normalise_url, session_scope  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.repository import (  # noqa: E402
    ArticleMeta,
    claims_by_claimant,
    claims_since,
    find_links,
    related_claims,
    save_article,
    search_claims,
    story_timeline,
)

START = datetime(2026, 1, 1, 6, 0, tzinfo=UTC)
DAYS = 365

# ----------------------------------------------------------------------------------------------
# Synthetic news

SIDES = ("Northern", "Eastern", "Western", "Southern")
BODIES = (
    "the {side} Defence Ministry",
    "the {side} General Staff",
    "the {side} Interior Ministry",
    "the {side} Red Cross",
    "the {side} Electoral Commission",
    "the {side} Health Ministry",
    "the {side} Border Guard",
    "{side} regional police",
)
PLACES = tuple(
    a + b
    for a in ("Dal", "Ven", "Kor", "Lis", "Mar", "Tor", "Bel", "Ost")
    for b in ("sk", "ova", "ino", "grad", "burg", "port", "ville", "ec")
)
EVENTS = (
    "{n} {side} soldiers were killed near {place}",
    "{n} {side} tanks were destroyed near {place}",
    "{n} drones were shot down over {place}",
    "{n} civilians were wounded in the shelling of {place}",
    "{n} people were evacuated from {place}",
    "turnout in {place} reached {p} percent",
    "{n} homes in {place} were left without power",
    "the bridge at {place} was damaged in a strike",
)
WEEKDAYS = ("on Monday", "on Tuesday", "on Wednesday", "overnight", "this week", "")


class Vocabulary:
    """Pseudo-words with Zipf frequencies: a few common, most rare, as in news."""

    def __init__(self, size: int, rnd: random.Random) -> None:
        syllables = ("ka", "ve", "lor", "mi", "stan", "dru", "po", "sel", "ta", "nir", "ost", "be")
        words: set[str] = set()
        while len(words) < size:
            words.add("".join(rnd.choice(syllables) for _ in range(rnd.randint(2, 4))))
        self.words = sorted(words)
        rnd.shuffle(self.words)
        weights = [1 / (rank + 1) ** 1.05 for rank in range(size)]
        total = sum(weights)
        self.cumulative: list[float] = []
        acc = 0.0
        for w in weights:
            acc += w / total
            self.cumulative.append(acc)

    def draw(self, rnd: random.Random) -> str:
        return self.words[min(bisect(self.cumulative, rnd.random()), len(self.words) - 1)]

    def frequency(self, word: str) -> float:
        rank = self.words.index(word)
        low = self.cumulative[rank - 1] if rank else 0.0
        return self.cumulative[rank] - low


@dataclass
class Article:
    text: str
    extraction: Extraction


def make_article(rnd: random.Random, vocab: Vocabulary, serial: int) -> Article:
    """An article of 4-9 claims, each sentence "<claimant> said (that) <event> <when>, <words>."
    with spans that point into the text exactly as the engine's do."""
    place = rnd.choice(PLACES)
    title = f"{rnd.choice(('Fighting', 'Strikes', 'Losses', 'Evacuation', 'Vote'))} near {place}"
    parts = [title, "\n\n"]
    offset = len(title) + 2
    claims: list[Claim] = []
    for _ in range(rnd.randint(4, 9)):
        side = rnd.choice(SIDES)
        body = rnd.choice(BODIES).format(side=side)
        event = rnd.choice(EVENTS).format(
            n=rnd.choice((3, 12, 40, 120, 800, 1500)) + rnd.randint(0, 9),
            side=rnd.choice(SIDES),
            place=place if rnd.random() < 0.7 else rnd.choice(PLACES),
            p=rnd.randint(30, 80),
        )
        when = rnd.choice(WEEKDAYS)
        extra = " ".join(vocab.draw(rnd) for _ in range(rnd.randint(2, 5)))
        content = f"{event} {when}".strip() + f", {extra}"
        source = body[0].upper() + body[1:]
        sentence = f"{source} said that {content}."
        start = offset
        claims.append(
            Claim(
                content=Span(
                    start + len(source) + 11, start + len(source) + 11 + len(content), content
                ),
                kind="indirect",
                sentence=Span(start, start + len(sentence), sentence),
                source=Span(start, start + len(source), source),
                cue=Span(start + len(source) + 1, start + len(source) + 5, "said"),
                claimant=body.removeprefix("the "),
                claimant_kind="organization",
                when=when or None,
            )
        )
        parts += [sentence, " "]
        offset += len(sentence) + 1
    parts.append(f"(Report {serial}.)")
    return Article("".join(parts), Extraction("en", title, tuple(claims)))


# ----------------------------------------------------------------------------------------------
# Bulk loading


@dataclass
class Loaded:
    claims: int = 0
    articles: int = 0
    links: int = 0
    keys: int = 0
    seconds: float = 0.0
    linked: list[tuple[int, int]] = field(default_factory=list)
    """(chat, claim id) of claims that have links, for the related-claims lookups."""
    stories: list[tuple[int, int]] = field(default_factory=list)
    """(chat, story id)."""


class Generator:
    """Rows for the bulk load, from a pool of real-generator articles with their linker facts."""

    def __init__(self, seed: int, chats: int, claims: int) -> None:
        self.rnd = random.Random(seed)
        self.vocab = Vocabulary(20_000, self.rnd)
        self.chats = chats
        self.target = claims
        pool_rnd = random.Random(seed + 1)
        self.pool: list[tuple[Article, list[str], list[tuple[str, ...]], list[str | None]]] = []
        for serial in range(400):
            article = make_article(pool_rnd, self.vocab, serial)
            facts = facts_of_article(article.extraction, START.date())
            self.pool.append(
                (
                    article,
                    [json.dumps(f.to_json()) for f in facts],
                    [link_keys(f).keys() for f in facts],
                    [f.story for f in facts],
                )
            )
        names = {c.claimant for a, *_ in self.pool for c in a.extraction.claims if c.claimant}
        self.claimants = {claimant_key(n): (i + 1, n) for i, n in enumerate(sorted(names))}
        self.story_titles = {
            json.loads(js)["story"]: json.loads(js)["story_title"]
            for _, facts, _, _ in self.pool
            for js in facts
            if json.loads(js)["story"]
        }
        self.stories: dict[tuple[int, str], int] = {}

    def rows(self, loaded: Loaded) -> Iterator[tuple[str, tuple[Any, ...]]]:
        """("article" | "story" | "claim" | "key" | "link", row) in insertion order."""
        rnd = self.rnd
        per_chat: dict[int, list[int]] = {c: [] for c in range(1, self.chats + 1)}
        claim_id = 0
        article_id = 0
        step = timedelta(days=DAYS) / max(self.target, 1)
        while claim_id < self.target:
            article_id += 1
            chat = rnd.randint(1, self.chats)
            article, facts, keys, stories = rnd.choice(self.pool)
            when = START + step * claim_id
            yield "article", (article_id, chat, f"bulk{article_id}", article.extraction.title, when)
            for claim, pooled, fkeys, story in zip(
                article.extraction.claims, facts, keys, stories, strict=True
            ):
                fjs = facts_at(pooled, when)
                claim_id += 1
                assert claim.claimant is not None
                claimant_id = self.claimants[claimant_key(claim.claimant)][0]
                story_id = None
                if story is not None:
                    story_id = self.stories.get((chat, story))
                    if story_id is None:
                        story_id = self.stories[(chat, story)] = len(self.stories) + 1
                        yield "story", (story_id, chat, story, self.story_titles.get(story, story))
                extra = " ".join(self.vocab.draw(rnd) for _ in range(3))
                content = f"{claim.content.text} {extra}"
                yield "claim", (
                    claim_id, chat, article_id, claimant_id, story_id, claim.claimant,
                    claim.content.start, content, claim.sentence.text, claim.source.text if
                    claim.source else None, fjs, when,
                )  # fmt: skip
                for key in fkeys:
                    loaded.keys += 1
                    yield "key", (chat, key, when, claim_id)
                earlier = per_chat[chat]
                if earlier and rnd.random() < 0.5:
                    for other in {rnd.choice(earlier[-2000:]) for _ in range(rnd.randint(1, 3))}:
                        loaded.links += 1
                        kind = rnd.choice(("related", "related", "update", "contradiction"))
                        yield "link", (chat, claim_id, other, round(rnd.random(), 3), kind, when)
                    if len(loaded.linked) < 50_000:
                        loaded.linked.append((chat, claim_id))
                earlier.append(claim_id)
        loaded.claims, loaded.articles = claim_id, article_id
        loaded.stories = [(chat, sid) for (chat, _), sid in self.stories.items()]


def facts_at(facts_json: str, when: datetime) -> str:
    """A pooled claim's facts as if published at `when`: its publication day and its period's
    days moved with it, so stored claims spread over the year as their rows do."""
    data = json.loads(facts_json)
    shift = when.date() - START.date()
    data["published"] = when.date().isoformat()
    period = dict(data["period"])
    for bound in ("start", "end"):
        if period[bound]:
            period[bound] = (datetime.fromisoformat(period[bound]).date() + shift).isoformat()
    data["period"] = period
    return json.dumps(data)


CLAIM_COLUMNS = (
    "id, chat_id, article_id, claimant_id, story_id, claimant_name, claimant_kind, claimant_role, "
    "speaker, kind, hedged, content_text, content_start, content_end, content_parts, "
    "source_text, source_start, source_end, cue_text, cue_start, cue_end, sentence_text, "
    "sentence_start, sentence_end, figures, places, when_text, facts, published_on, created_at"
)


def claim_values(row: tuple[Any, ...], stamp: Callable[[datetime], Any]) -> tuple[Any, ...]:
    cid, chat, aid, claimant_id, story_id, name, start, content, sentence, source, fjs, when = row
    return (
        cid, chat, aid, claimant_id, story_id, name, "organization", None, None, "indirect",
        False, content, start, start + len(content), "[]", source, 0, len(source or ""), "said",
        0, 4, sentence, 0, len(sentence), "[]", "[]", None, fjs, stamp(when), stamp(when),
    )  # fmt: skip


def sqlite_stamp(value: datetime) -> str:
    """How SQLAlchemy stores a UTC datetime in SQLite (naive, microseconds always written)."""
    return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def load_sqlite(path: Path, gen: Generator) -> Loaded:
    """Bulk load as one would restore a dump: no journal, secondary indexes and the full-text
    index built once at the end. The measurements afterwards run in WAL mode, as the app does."""
    loaded = Loaded()
    began = time.perf_counter()
    raw = sqlite3.connect(path, isolation_level=None)
    cur = raw.cursor()
    for pragma in (
        "journal_mode=OFF",
        "synchronous=OFF",
        "cache_size=-1000000",
        "foreign_keys=OFF",
    ):
        cur.execute(f"PRAGMA {pragma}")
    deferred = cur.execute(
        "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "
        "((type = 'index' AND tbl_name IN ('claims', 'claim_keys', 'claim_links', 'articles'))"
        " OR (type = 'trigger' AND name = 'claims_ai'))"
    ).fetchall()
    for name, sql in deferred:
        kind = "TRIGGER" if sql.upper().startswith("CREATE TRIGGER") else "INDEX"
        cur.execute(f"DROP {kind} {name}")
    cur.execute("BEGIN")
    stamp = sqlite_stamp
    cur.executemany(
        "INSERT INTO chats (id, title, active, timezone, created_at) VALUES (?, ?, 1, 'UTC', ?)",
        [(c, f"Chat {c}", stamp(START)) for c in range(1, gen.chats + 1)],
    )
    cur.executemany(
        "INSERT INTO claimants (id, key, name, kind) VALUES (?, ?, ?, 'organization')",
        [(i, key, name) for key, (i, name) in gen.claimants.items()],
    )
    kinds = ("article", "story", "claim", "key", "link")
    batches: dict[str, list[tuple[Any, ...]]] = {kind: [] for kind in kinds}
    done = 0
    sql = {
        "article": "INSERT INTO articles (id, chat_id, content_hash, title, received_at, language, "
        "text) VALUES (?, ?, ?, ?, ?, 'en', '')",
        "story": "INSERT INTO stories (id, chat_id, key, title, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        "claim": f"INSERT INTO claims ({CLAIM_COLUMNS}) VALUES ({', '.join('?' * 30)})",
        "key": "INSERT INTO claim_keys (chat_id, key, published_on, claim_id) VALUES (?, ?, ?, ?)",
        "link": "INSERT INTO claim_links (chat_id, from_claim_id, to_claim_id, score, kind, "
        "reason, created_at) VALUES (?, ?, ?, ?, ?, 'bench', ?)",
    }

    def flush() -> None:
        for kind in kinds:
            if batches[kind]:
                cur.executemany(sql[kind], batches[kind])
                batches[kind].clear()

    for kind, row in gen.rows(loaded):
        if kind == "article":
            aid, chat, digest, title, when = row
            batches[kind].append((aid, chat, digest, title, stamp(when)))
        elif kind == "story":
            batches[kind].append((*row, stamp(START), stamp(START)))
        elif kind == "claim":
            batches[kind].append(claim_values(row, stamp))
        elif kind == "key":
            batches[kind].append((row[0], row[1], stamp(row[2]), row[3]))
        else:
            batches[kind].append((*row[:5], stamp(row[5])))
        if len(batches["claim"]) >= 100_000:
            done += len(batches["claim"])
            flush()
            _progress(done, gen.target, began)
    flush()
    cur.execute("COMMIT")
    for _, sql in deferred:
        cur.execute(sql)
    cur.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")
    cur.execute("ANALYZE")
    cur.execute("PRAGMA journal_mode=WAL")
    raw.close()
    loaded.seconds = time.perf_counter() - began
    return loaded


def load_postgres(url: str, gen: Generator) -> Loaded:
    loaded = Loaded()
    began = time.perf_counter()
    with psycopg.connect(url) as conn:
        # Restore-style: foreign keys not re-checked row by row, secondary indexes built at the end.
        conn.execute("SET session_replication_role = replica")
        conn.execute("SET maintenance_work_mem = '256MB'")
        deferred = conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename IN ('claims', 'claim_keys', 'claim_links', 'articles') "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        ).fetchall()
        for name, _ in deferred:
            conn.execute(f'DROP INDEX "{name}"')
        with conn.cursor() as cur:
            with cur.copy("COPY chats (id, title, active, timezone, created_at) FROM STDIN") as cp:
                for c in range(1, gen.chats + 1):
                    cp.write_row((c, f"Chat {c}", True, "UTC", START))
            with cur.copy("COPY claimants (id, key, name, kind) FROM STDIN") as cp:
                for key, (i, name) in gen.claimants.items():
                    cp.write_row((i, key, name, "organization"))
            # One COPY a table, fed from one pass of the generator through in-memory spools.
            spools: dict[str, list[tuple[Any, ...]]] = {
                "article": [],
                "story": [],
                "claim": [],
                "key": [],
            }
            links: list[tuple[Any, ...]] = []
            done = 0
            for kind, row in gen.rows(loaded):
                if kind == "link":
                    links.append(row)
                    continue
                spools[kind].append(row)
                if len(spools["claim"]) >= 100_000:
                    done += len(spools["claim"])
                    _copy_spools(cur, spools)
                    _progress(done, gen.target, began)
            _copy_spools(cur, spools)
            with cur.copy(
                "COPY claim_links (chat_id, from_claim_id, to_claim_id, score, kind, reason, "
                "created_at) FROM STDIN"
            ) as cp:
                for chat, a, b, score, kind, when in links:
                    cp.write_row((chat, a, b, score, kind, "bench", when))
            for table in (
                "articles",
                "claims",
                "claim_keys",
                "claim_links",
                "stories",
                "claimants",
            ):
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            for _, sql in deferred:
                cur.execute(sql)
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")  # what autovacuum does after a load like this
    loaded.seconds = time.perf_counter() - began
    return loaded


def _copy_spools(cur: psycopg.Cursor[Any], spools: dict[str, list[tuple[Any, ...]]]) -> None:
    with cur.copy(
        "COPY articles (id, chat_id, content_hash, title, received_at, language, text) FROM STDIN"
    ) as cp:
        for aid, chat, digest, title, when in spools["article"]:
            cp.write_row((aid, chat, digest, title, when, "en", ""))
    with cur.copy(
        "COPY stories (id, chat_id, key, title, created_at, updated_at) FROM STDIN"
    ) as cp:
        for row in spools["story"]:
            cp.write_row((*row, START, START))
    with cur.copy(f"COPY claims ({CLAIM_COLUMNS}) FROM STDIN") as cp:
        for row in spools["claim"]:
            cp.write_row(claim_values(row, lambda d: d))
    with cur.copy("COPY claim_keys (chat_id, key, published_on, claim_id) FROM STDIN") as cp:
        for row in spools["key"]:
            cp.write_row(row)
    for rows in spools.values():
        rows.clear()


def _progress(done: int, target: int, began: float) -> None:
    elapsed = time.perf_counter() - began
    print(f"  {done:,}/{target:,} claims, {elapsed:.0f} s", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------------
# Measuring


@dataclass
class Timing:
    name: str
    samples: list[float]
    found: int
    labels: list[str] = field(default_factory=list)
    """What each sample was (for search: which kind of query)."""

    def p(self, q: float) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def timed(
    name: str, calls: Sequence[Callable[[], int]], labels: Sequence[str] = (), warmup: int = 20
) -> Timing:
    for call in calls[:warmup]:
        call()
    samples, found = [], 0
    for call in calls:
        began = time.perf_counter()
        found += call()
        samples.append((time.perf_counter() - began) * 1000)
    return Timing(name, samples, found, list(labels))


SEARCH_KINDS = ("event words", "a place", "a text word", "place + event word", "a rare word")


def search_queries(gen: Generator, rnd: random.Random, count: int) -> list[tuple[str, str]]:
    """(kind, query), a fifth each: words of the events (in one claim of 8 to 16), a place (one in
    90), a word drawn like the text's (so frequent words come up often), a place with an event
    word, and a word of the rarer half of the vocabulary (often in no claim of the chat)."""
    events = ("soldiers killed", "drones", "evacuated", "power", "percent", "wounded shelling")
    out: list[tuple[str, str]] = []
    for i in range(count):
        kind = SEARCH_KINDS[i % len(SEARCH_KINDS)]
        if kind == "event words":
            query = rnd.choice(events)
        elif kind == "a place":
            query = rnd.choice(PLACES)
        elif kind == "a text word":
            query = gen.vocab.draw(rnd)
        elif kind == "place + event word":
            query = f"{rnd.choice(PLACES)} {rnd.choice(('killed', 'drones', 'power'))}"
        else:
            query = rnd.choice(gen.vocab.words[len(gen.vocab.words) // 2 :])
        out.append((kind, query))
    return out


def measure(
    engine: Engine, gen: Generator, loaded: Loaded, queries: int, saves: int, seed: int
) -> list[Timing]:
    rnd = random.Random(seed)
    gc.freeze()  # as the bot does once its model is loaded: the bulk data is never collected

    def related(chat: int, cid: int) -> Callable[[], int]:
        def call() -> int:
            with session_scope(engine) as s:
                return len(related_claims(session=s, chat_id=chat, claim_id=cid, limit=20))

        return call

    def search(chat: int, q: str) -> Callable[[], int]:
        def call() -> int:
            with session_scope(engine) as s:
                return len(search_claims(session=s, chat_id=chat, query=q, limit=20))

        return call

    def link(chat: int, article: Article) -> Callable[[], int]:
        """What a new article's linking costs: its claims' facts and keys, candidates read for
        all of them, scored; nothing stored (save_article below stores as well)."""

        def call() -> int:
            with session_scope(engine) as s:
                facts = facts_of_article(article.extraction, end.date())
                claims = [(i, f, link_keys(f)) for i, f in enumerate(facts)]
                found = find_links(session=s, chat_id=chat, claims=claims)
                return sum(len(links) for _, links in found)

        return call

    def by_claimant(chat: int, name: str) -> Callable[[], int]:
        def call() -> int:
            with session_scope(engine) as s:
                return len(claims_by_claimant(session=s, chat_id=chat, name=name, limit=20))

        return call

    def timeline(chat: int, story: int) -> Callable[[], int]:
        def call() -> int:
            with session_scope(engine) as s:
                return len(story_timeline(session=s, chat_id=chat, story_id=story))

        return call

    def since(chat: int, when: datetime) -> Callable[[], int]:
        def call() -> int:
            with session_scope(engine) as s:
                return len(claims_since(session=s, chat_id=chat, since=when))

        return call

    chats = range(1, gen.chats + 1)
    names = [name for _, name in gen.claimants.values()]
    end = START + timedelta(days=DAYS)
    day_before = end - timedelta(days=1)
    searches = search_queries(gen, rnd, queries)
    fresh = [make_article(rnd, gen.vocab, 20_000_000 + i) for i in range(queries)]
    n = range(queries)
    plan: list[tuple[str, list[Callable[[], int]]]] = [
        ("related claims (stored links)", [related(*rnd.choice(loaded.linked)) for _ in n]),
        ("full-text search", [search(rnd.choice(chats), q) for _, q in searches]),
        ("linking a new article", [link(rnd.choice(chats), fresh[i]) for i in n]),
        ("claims by claimant", [by_claimant(rnd.choice(chats), rnd.choice(names)) for _ in n]),
        ("story timeline", [timeline(*rnd.choice(loaded.stories)) for _ in n]),
        ("claims since (last day)", [since(rnd.choice(chats), day_before) for _ in n]),
    ]
    out = [
        timed(name, calls, [k for k, _ in searches] if name == "full-text search" else ())
        for name, calls in plan
    ]
    out.append(measure_saves(engine, gen, saves, seed))
    return out


def measure_saves(
    engine: Engine, gen: Generator, saves: int, seed: int, warmup: int = 10
) -> Timing:
    """New articles through the real save: dedupe check, claimants, stories, keys, linking.
    The first `warmup` saves are not counted, as for the queries: they compile statements a
    running bot has long compiled."""
    rnd = random.Random(seed + 7)
    articles = [make_article(rnd, gen.vocab, 10_000_000 + i) for i in range(saves + warmup)]
    samples: list[float] = []
    stored = 0
    when = START + timedelta(days=DAYS)
    for n, article in enumerate(articles):
        chat = rnd.randint(1, gen.chats)
        began = time.perf_counter()
        with session_scope(engine) as s:
            saved = save_article(
                session=s,
                chat_id=chat,
                text=article.text,
                extraction=article.extraction,
                meta=ArticleMeta(outlet="Bench Wire", received_at=when),
            )
        if n >= warmup:
            samples.append((time.perf_counter() - began) * 1000)
            stored += len(saved.claim_ids)
        when += timedelta(minutes=1)
    return Timing("save_article (one article)", samples, stored)


# ----------------------------------------------------------------------------------------------


def run_sqlite(args: argparse.Namespace, gen: Generator) -> tuple[Loaded, list[Timing]]:
    folder = Path(tempfile.mkdtemp(prefix="claimwatch-bench-", dir=args.sqlite_dir))
    url = f"sqlite:///{folder / 'bench.db'}"
    engine = make_engine(url)
    try:
        upgrade(engine)
        engine.dispose()
        loaded = load_sqlite(folder / "bench.db", gen)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        print(
            f"sqlite: loaded {loaded.claims:,} claims in {loaded.seconds:.0f} s ({size:,.0f} MiB)"
        )
        return loaded, measure(engine, gen, loaded, args.queries, args.saves, args.seed)
    finally:
        engine.dispose()
        if args.keep:
            print(f"sqlite: kept {url}")
        else:
            shutil.rmtree(folder)


def run_postgres(args: argparse.Namespace, gen: Generator) -> tuple[Loaded, list[Timing]]:
    server = make_url(normalise_url(args.pg_url))
    name = f"claimwatch_bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(server.set(drivername="postgresql").render_as_string(False),
                            autocommit=True)  # fmt: skip
    admin.execute(f'CREATE DATABASE "{name}"')
    url = server.set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    try:
        upgrade(engine)
        plain = make_url(url).set(drivername="postgresql").render_as_string(False)
        loaded = load_postgres(plain, gen)
        with engine.connect() as conn:
            size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
        print(f"postgresql: loaded {loaded.claims:,} claims in {loaded.seconds:.0f} s "
              f"({size / 2**20:,.0f} MiB)")  # fmt: skip
        return loaded, measure(engine, gen, loaded, args.queries, args.saves, args.seed)
    finally:
        engine.dispose()
        if args.keep:
            print(f"postgresql: kept {url}")
        else:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def report(results: dict[str, tuple[Loaded, list[Timing]]], claims: int) -> None:
    print()
    print(f"{claims:,} stored claims; milliseconds per call (one session each)")
    header = f"{'':32}" + "".join(f"{db:>27}" for db in results)
    print(header)
    print(f"{'':32}" + "".join(f"{'p50':>9}{'p95':>9}{'max':>9}" for _ in results))
    names = [t.name for t in next(iter(results.values()))[1]]
    for i, name in enumerate(names):
        line = f"{name:32}"
        for _, timings in results.values():
            t = timings[i]
            line += f"{t.p(0.5):9.2f}{t.p(0.95):9.2f}{max(t.samples):9.2f}"
        print(line)
    print()
    print("full-text search by kind of query: p95 ms")
    for kind in SEARCH_KINDS:
        line = f"  {kind:30}"
        for _, timings in results.values():
            search = next(t for t in timings if t.name == "full-text search")
            pairs = zip(search.samples, search.labels, strict=True)
            samples = [sample for sample, label in pairs if label == kind]
            line += f"{Timing(kind, samples, 0).p(0.95):18.2f}{'':9}"
        print(line)
    print()
    for db, (loaded, timings) in results.items():
        saves = timings[-1]
        seconds = sum(saves.samples) / 1000
        print(
            f"{db}: bulk load {loaded.claims / loaded.seconds:,.0f} claims/s "
            f"({loaded.links:,} links, {loaded.keys:,} link keys); "
            f"save_article {len(saves.samples) / seconds:.1f} articles/s = "
            f"{saves.found / seconds:.0f} claims/s"
        )
        misses = [t.name for t in timings[:2] if t.p(0.95) >= 20]
        verdict = "met" if not misses else "MISSED by " + ", ".join(misses)
        print(f"{db}: goal p95 < 20 ms for related claims and search: {verdict}")
        linking = next(t for t in timings if t.name == "linking a new article")
        verdict = "met" if linking.p(0.95) < 50 else "MISSED"
        print(f"{db}: goal p95 < 50 ms for linking a new article: {verdict}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--chats", type=int, default=100)
    ap.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    ap.add_argument("--sqlite-dir", default=None, help="where the SQLite file goes (tmp)")
    ap.add_argument("--queries", type=int, default=400, help="calls measured per query kind")
    ap.add_argument("--saves", type=int, default=200, help="articles saved through save_article")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", action="store_true", help="keep the databases")
    args = ap.parse_args()

    results: dict[str, tuple[Loaded, list[Timing]]] = {}
    for db in ("sqlite", "postgresql") if args.db == "both" else (args.db,):
        gen = Generator(args.seed, args.chats, args.claims)  # same rows on both databases
        began = time.perf_counter()
        results[db] = (run_sqlite if db == "sqlite" else run_postgres)(args, gen)
        print(f"{db}: done in {time.perf_counter() - began:.0f} s")
    report(results, args.claims)
    return 0


if __name__ == "__main__":
    sys.exit(main())
