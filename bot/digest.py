"""The daily digest: what changed in a chat since its last digest, as Telegram HTML messages.

Order is by what a reader most needs: new contradictions first, then figures that moved (one
claimant updating their own count), then new claims grouped by story and, within a story, by
claimant. Each item links to its article. Messages are cut only between items, never inside one,
and a continued section repeats its heading, so every message reads on its own.
"""

from __future__ import annotations

import html
import re
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Literal

from bot.schedule import DEFAULT_TIME, ScheduleError, parse_time, parse_timezone, zone
from storage.subscriptions import ChangedClaim, ChangedLink, Changes, Subscription

MAX_MESSAGE = 4096
"""Telegram's limit on a message, counted here in UTF-16 units of the HTML itself (tags and
link targets included), which is never less than what Telegram counts."""
MAX_CLAIM_CHARS = 400
MAX_CLAIMS = 120
"""A digest lists at most this many new claims; the rest are counted, not shown."""
MAX_MESSAGES = 8
MAX_URL = 1024
"""Longer links are left out (the title stays), so that every item stays far below a message."""

WhenEmpty = Literal["note", "skip"]
_KINDS_QUOTED = frozenset({"direct_quote"})
_QUOTE_MARKS = ('"', "“", "”", "«", "„", "‘", "'")


def _esc(text: str) -> str:
    """Text between tags: <, > and & escaped (quotes need no escaping outside attributes)."""
    return html.escape(text, quote=False)


@dataclass(frozen=True, slots=True)
class DigestFilter:
    """Which claims a chat wants in its digest. Several values of one kind widen (any of the
    claimants); kinds narrow (a claimant AND a story). Matching ignores case and accepts a part
    ("defence" matches "Ministry of Defence")."""

    claimants: tuple[str, ...] = ()
    stories: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.claimants or self.stories or self.keywords)

    def matches(self, claim: ChangedClaim) -> bool:
        if self.claimants and not _any_in(self.claimants, claim.claimant):
            return False
        if self.stories and not _any_in(self.stories, claim.story, claim.story_key):
            return False
        return not self.keywords or _any_in(self.keywords, claim.text, claim.article.title)

    def describe(self) -> str:
        parts = [
            f"{label} {', '.join(values)}"
            for label, values in (
                ("claimants:", self.claimants),
                ("stories:", self.stories),
                ("keywords:", self.keywords),
            )
            if values
        ]
        return "; ".join(parts) if parts else "everything"

    def to_json(self) -> dict[str, list[str]]:
        return {
            "claimants": list(self.claimants),
            "stories": list(self.stories),
            "keywords": list(self.keywords),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> DigestFilter:
        data = data or {}
        return cls(
            tuple(data.get("claimants", ())),
            tuple(data.get("stories", ())),
            tuple(data.get("keywords", ())),
        )


def _any_in(needles: Iterable[str], *haystacks: str | None) -> bool:
    hay = " ".join(h for h in haystacks if h).casefold()
    return any(n.casefold() in hay for n in needles)


# ----------------------------------------------------------------------------------------------
# /subscribe arguments


@dataclass(frozen=True, slots=True)
class SubscribeRequest:
    at: time = DEFAULT_TIME
    timezone: str | None = None
    """None: the chat's timezone (from /settings)."""
    filters: DigestFilter = field(default_factory=DigestFilter)
    when_empty: WhenEmpty | None = None
    """None: keep what the chat chose before (a one-line note by default)."""


SUBSCRIBE_USAGE = (
    "Usage: /subscribe [HH:MM] [timezone] [claimant:NAME] [story:TOPIC] [keyword:WORD] [quiet]\n"
    "For example: /subscribe 07:30 Europe/Kyiv claimant:“Defence Ministry” keyword:grain\n"
    "quiet: send nothing on days with nothing new (default: a one-line note)."
)

_PREFIXES = {
    "claimant": "claimants",
    "claimants": "claimants",
    "who": "claimants",
    "story": "stories",
    "stories": "stories",
    "keyword": "keywords",
    "keywords": "keywords",
    "kw": "keywords",
}
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


def parse_subscribe(args: Sequence[str] | str) -> SubscribeRequest:
    """/subscribe's arguments in any order: a time, a timezone, `kind:value` filters (quote
    values with spaces), bare words as keywords, and `quiet` or `note` for empty days."""
    text = args if isinstance(args, str) else " ".join(args)
    try:
        tokens = shlex.split(text.translate(_QUOTES))
    except ValueError as err:
        raise ScheduleError(f"Unbalanced quotes in “{text}”.") from err
    at: time | None = None
    tz: str | None = None
    when_empty: WhenEmpty | None = None
    found: dict[str, list[str]] = {"claimants": [], "stories": [], "keywords": []}
    for token in tokens:
        key, sep, value = token.partition(":")
        if sep and key.lower() in _PREFIXES:
            values = [v.strip() for v in value.split(",") if v.strip()]
            if not values:
                raise ScheduleError(f"“{token}” names nothing to follow.")
            found[_PREFIXES[key.lower()]].extend(values)
        elif token.lower() in ("quiet", "silent", "skip"):
            when_empty = "skip"
        elif token.lower() in ("note", "always"):
            when_empty = "note"
        elif at is None and re.fullmatch(r"\d{1,2}(?:[:.h]\d{2}|h)?", token.lower()):
            at = parse_time(token)
        elif tz is None and ("/" in token or token.lower() in ("utc", "gmt")):
            tz = parse_timezone(token)
        else:
            found["keywords"].append(token)
    filters = DigestFilter(*(tuple(dict.fromkeys(found[k])) for k in found))
    return SubscribeRequest(at or DEFAULT_TIME, tz, filters, when_empty)


def describe_subscription(sub: Subscription) -> str:
    """What a chat is subscribed to, for the reply to /subscribe and /settings (HTML)."""
    filters = DigestFilter.from_json(sub.filters)
    empty = "nothing" if sub.when_empty == "skip" else "a one-line note"
    state = "" if sub.active else " <i>(paused: the bot could not reach this chat)</i>"
    return (
        f"Daily digest at <b>{sub.at:%H:%M}</b> {_esc(sub.timezone)}, "
        f"next on {_day(sub.owed_date)}{state}.\n"
        f"About: {_esc(filters.describe())}. On days with nothing new: {empty}.\n"
        "/unsubscribe to stop, /digest for one now."
    )


# ----------------------------------------------------------------------------------------------
# Composition


@dataclass(frozen=True, slots=True)
class Digest:
    messages: tuple[str, ...]
    claims: int
    contradictions: int
    moves: int


def compose(
    changes: Changes,
    *,
    tz: str = "UTC",
    filters: DigestFilter | None = None,
    when_empty: WhenEmpty = "note",
    local_date: date | None = None,
    limit: int = MAX_MESSAGE,
) -> Digest:
    """The digest's messages; none at all when nothing is new and the chat chose silence."""
    filters = filters or DigestFilter()
    claims = [c for c in changes.claims if filters.matches(c)]
    contradictions = [link for link in changes.contradictions if _link_matches(link, filters)]
    moves = [link for link in changes.moves if _link_matches(link, filters)]
    day = local_date or changes.until.astimezone(zone(tz)).date()
    head = f"<b>Digest for {_day(day)}</b>"
    if not (claims or contradictions or moves):
        if when_empty == "skip":
            return Digest((), 0, 0, 0)
        since = f" since {_when(changes.since, tz)}" if changes.since else ""
        scope = "" if not filters else f" about {_esc(filters.describe())}"
        return Digest((f"{head}: nothing new{scope}{since}.",), 0, 0, 0)

    blocks: list[Block] = [
        Block((), f"{head}\n{_summary(changes, claims, contradictions, moves, tz)}")
    ]
    blocks += [Block(("⚠️ <b>New contradictions</b>",), _link(c)) for c in contradictions]
    blocks += [Block(("📈 <b>Figures that moved</b>",), _move(m)) for m in moves]
    shown = claims[:MAX_CLAIMS]
    blocks += _claim_blocks(shown)
    if len(claims) > len(shown):
        blocks.append(Block((), f"…and {len(claims) - len(shown)} more new claims."))
    messages = pack(blocks, limit)
    if len(messages) > MAX_MESSAGES:
        rest = len(messages) - MAX_MESSAGES + 1
        messages = messages[: MAX_MESSAGES - 1] + [
            f"…and {rest} more messages' worth: narrow the digest with /subscribe filters."
        ]
    return Digest(tuple(messages), len(claims), len(contradictions), len(moves))


def _link_matches(link: ChangedLink, filters: DigestFilter) -> bool:
    return not filters or filters.matches(link.earlier) or filters.matches(link.later)


def _summary(
    changes: Changes,
    claims: Sequence[ChangedClaim],
    contradictions: Sequence[ChangedLink],
    moves: Sequence[ChangedLink],
    tz: str,
) -> str:
    parts = []
    if contradictions:
        parts.append(_count(len(contradictions), "contradiction"))
    if moves:
        parts.append(_count(len(moves), "figure") + " moved")
    parts.append(_count(len(claims), "new claim"))
    tail = f" since {_when(changes.since, tz)}" if changes.since else ""
    return f"<i>{' · '.join(parts)}{tail}</i>"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _claim_blocks(claims: Sequence[ChangedClaim]) -> list[Block]:
    """Stories in order of how much is new in them (the story-less last), claimants within a
    story in order of how many claims they made, claims in the order they were stored."""
    stories: dict[str | None, dict[str | None, list[ChangedClaim]]] = {}
    titles: dict[str | None, str] = {}
    for claim in claims:
        key = claim.story_key or None
        titles.setdefault(key, claim.story or "Other claims")
        stories.setdefault(key, {}).setdefault(claim.claimant, []).append(claim)

    def weight(item: tuple[str | None, dict[str | None, list[ChangedClaim]]]) -> tuple[bool, int]:
        key, by_claimant = item
        return (key is None, -sum(len(v) for v in by_claimant.values()))

    out: list[Block] = []
    for key, by_claimant in sorted(stories.items(), key=weight):
        story = f"🗂 <b>{_esc(titles[key])}</b>"
        for claimant, items in sorted(by_claimant.items(), key=lambda kv: -len(kv[1])):
            who = f"<u>{_esc(claimant)}</u>" if claimant else "<u>Unattributed</u>"
            out += [Block((story, who), f"• {_claim_line(c)}") for c in items]
    return out


def _claim_line(claim: ChangedClaim) -> str:
    text = _clip(claim.text, MAX_CLAIM_CHARS)
    quoted = claim.kind in _KINDS_QUOTED and not text.startswith(_QUOTE_MARKS)
    body = f"“{_esc(text)}”" if quoted else _esc(text)
    if claim.hedged:
        body += " <i>(hedged)</i>"
    return f"{body} {_source(claim)}".rstrip()


def _link(link: ChangedLink) -> str:
    story = f"<b>{_esc(link.story)}</b>: " if link.story else ""
    a, b = link.earlier, link.later
    fa, fb = link.figures or (None, None)
    return (
        f"• {story}{_who(a)} {_says(a, fa)} {_source(a)}\n"
        f"  ↔ {_who(b)} {_says(b, fb)} {_source(b)}\n"
        f"  <i>{_esc(_clip(link.reason, MAX_CLAIM_CHARS))}</i>"
    )


def _move(link: ChangedLink) -> str:
    a, b = link.earlier, link.later
    story = f" on {_esc(link.story)}" if link.story else ""
    if link.figures:
        before, after = (_esc(f) for f in link.figures)
        change = f"{before} → <b>{after}</b>"
    else:
        change = _esc(_clip(link.reason, MAX_CLAIM_CHARS))
    sources = _source(b) if a.article == b.article else f"{_source(a)} {_source(b)}"
    return f"• {_who(b)}{story}: {change} {sources}".rstrip()


def _who(claim: ChangedClaim) -> str:
    return f"<b>{_esc(claim.claimant)}</b>" if claim.claimant else "<b>Unattributed</b>"


def _says(claim: ChangedClaim, figure: str | None) -> str:
    if figure:
        return f"says {_esc(figure)}"
    return f"says “{_esc(_clip(claim.text, 160))}”"


def _source(claim: ChangedClaim) -> str:
    title = _clip(claim.article.title or "article", 60)
    url = claim.article.url
    if url and len(url) <= MAX_URL and url.lower().startswith(("https://", "http://")):
        return f'(<a href="{html.escape(url, quote=True)}">{_esc(title)}</a>)'
    if claim.article.title:
        return f"({_esc(title)})"
    return ""


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(",;:- ") + "…"


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _when(instant: datetime, tz: str) -> str:
    local = instant.astimezone(zone(tz))
    return f"{local.day} {local:%b %H:%M}"


# ----------------------------------------------------------------------------------------------
# Splitting


@dataclass(frozen=True, slots=True)
class Block:
    """One item of a message and the headings it sits under, outermost first."""

    headings: tuple[str, ...]
    html: str


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def pack(blocks: Sequence[Block], limit: int = MAX_MESSAGE) -> list[str]:
    """Fill messages with blocks in order, writing a heading where it changes (a blank line
    before each new section); a message that starts inside a section repeats its headings, the
    first marked "(continued)". Messages break only between blocks, so never inside a tag;
    blocks are short by construction (claims clipped, long links dropped)."""
    messages: list[str] = []
    lines: list[str] = []
    size = 0
    where: tuple[str, ...] = ()
    for block in blocks:
        common = 0
        while (
            common < min(len(where), len(block.headings))
            and where[common] == block.headings[common]
        ):
            common += 1
        new = list(block.headings[common:])
        if lines and common == 0 and (new or where):
            new.insert(0, "")
        added = new + [block.html]
        grow = sum(utf16_len(x) + 1 for x in added)
        if lines and size + grow > limit:
            messages.append("\n".join(lines))
            heads = list(block.headings)
            if heads:
                heads[0] += " <i>(continued)</i>"
            lines, size = [], 0
            added = heads + [block.html]
            grow = sum(utf16_len(x) + 1 for x in added)
        lines += added
        size += grow
        where = block.headings
    if lines:
        messages.append("\n".join(lines))
    return messages
