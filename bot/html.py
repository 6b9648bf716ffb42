"""Telegram HTML for who-claims-what replies; every piece of user text is escaped.

Replies are built from short blocks under claimant headings and packed into messages of at most
4096 characters by `bot.digest.pack`, which breaks only between blocks, so never inside a tag.
`split_html` is the last word before sending: any message still over the limit (one enormous
block) is cut at a line, else a space, else between characters, never inside a tag or an entity,
with the tags open at the cut closed and reopened in the next message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from html import escape

from bot.digest import Block, pack
from bot.render import KIND_LABEL, UNATTRIBUTED, content_text, figure_text, group_claims
from claims.model import Extraction
from storage.repository import RelatedClaim, StoredClaim

MAX_CLAIM_CHARS = 700
MAX_CLAIMS_SHOWN = 60
MAX_MESSAGE = 4096
"""Telegram's limit for a message's text; counted here in UTF-16 units of the HTML source, which
is never less than what Telegram counts (the text after parsing)."""

_TOKEN = re.compile(r"<[^<>]*>|&#?\w+;|\n|[^\S\n]+|[^<&\s]{1,200}|[<&]")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][\w-]*)")


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Telegram HTML in pieces of at most `limit` UTF-16 units, each valid on its own."""
    if _units(text) <= limit:
        return [text]
    out: list[str] = []
    tokens = _TOKEN.findall(text)
    while tokens:
        message, tokens = _take(tokens, limit)
        if _visible(message):
            out.append(message)
    return out


def fit(messages: Sequence[str], limit: int = MAX_MESSAGE) -> list[str]:
    """Every message within the limit, in order."""
    return [piece for message in messages for piece in split_html(message, limit)]


def _take(tokens: list[str], limit: int) -> tuple[str, list[str]]:
    """The first message that fits and the tokens left for the next one (reopened tags first)."""
    stack: list[tuple[str, str]] = []  # (name, opening tag)
    size = 0
    best: dict[str, tuple[int, int, tuple[tuple[str, str], ...]]] = {}
    for i, token in enumerate(tokens):
        is_tag = token.startswith("<") and token.endswith(">") and len(token) > 2
        after = stack
        if is_tag and (name := _TAG_NAME.match(token)):
            if token.startswith("</"):
                if stack and stack[-1][0] == name.group(1).lower():
                    after = stack[:-1]
            else:
                after = [*stack, (name.group(1).lower(), token)]
        closing = sum(len(name) + 3 for name, _ in after)
        if best and size + _units(token) + closing > limit:
            break
        size += _units(token)
        stack = after
        if is_tag and not best:
            continue  # a cut before any text would hand the same tokens on again
        here = (i + 1, size, tuple(stack))
        if token == "\n":
            best["line"] = here
        elif token.isspace():
            best["space"] = here
        best["any"] = here
    else:
        return "".join(tokens), []
    for kind in ("line", "space", "any"):
        cut = best.get(kind)
        if cut is not None and (kind == "any" or cut[1] >= limit // 2):
            break
    assert cut is not None
    end, _, open_tags = cut
    closers = "".join(f"</{name}>" for name, _ in reversed(open_tags))
    rest = [tag for _, tag in open_tags] + tokens[end:]
    return "".join(tokens[:end]).rstrip() + closers, rest


def _visible(message: str) -> bool:
    return bool(re.sub(r"<[^<>]*>", "", message).strip())


def clip(text: str, limit: int = MAX_CLAIM_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def summary_messages(
    extraction: Extraction,
    text: str,
    *,
    outlet: str | None = None,
    published: datetime | None = None,
    first_seen: datetime | None = None,
    adds: Sequence[RelatedClaim] = (),
) -> list[str]:
    """The reply to an article: who claims what, grouped by claimant; then what it adds to the
    stories the chat already follows."""
    blocks: list[Block] = []
    head = f"<b>{escape(clip(extraction.title, 200))}</b>" if extraction.title else "<b>Article</b>"
    source = " · ".join(
        p
        for p in (escape(outlet) if outlet else "", f"{published:%d %b %Y}" if published else "")
        if p
    )
    blocks.append(Block((), head + (f"\n<i>{source}</i>" if source else "")))
    if first_seen is not None:
        blocks.append(Block((), f"Already in your library since {first_seen:%d %b %Y %H:%M} UTC."))
    if not extraction.claims:
        blocks.append(
            Block((), "No claims found: nobody in this text is reported as saying anything.")
        )
        return pack(blocks)
    shown = 0
    for group in group_claims(extraction.claims):
        heading = _group_heading(group.heading, group.kind, group.roles)
        for claim in group.claims:
            if shown >= MAX_CLAIMS_SHOWN:
                break
            shown += 1
            tags = [KIND_LABEL[claim.kind]] + (["hedged"] if claim.hedged else [])
            words = clip(content_text(claim, text))
            body = f"• <i>{escape(', '.join(tags))}</i>: " + (
                f"<blockquote>{escape(words)}</blockquote>"
                if claim.kind == "direct_quote"
                else escape(words)
            )
            details = []
            if claim.figures:
                details.append("📊 " + escape("; ".join(figure_text(f) for f in claim.figures)))
            if claim.when:
                details.append("🕒 " + escape(claim.when))
            if claim.places:
                details.append("📍 " + escape(", ".join(claim.places)))
            if details:
                body += "\n   " + " · ".join(details)
            blocks.append(Block((heading,), body))
    if len(extraction.claims) > shown:
        blocks.append(Block((), f"… and {len(extraction.claims) - shown} more claims."))
    if adds:
        lines = [_added(r) for r in adds[:5]]
        blocks.append(Block(("<b>What this adds to known stories</b>",), "\n".join(lines)))
    return pack(blocks)


def _group_heading(heading: str, kind: str, roles: Sequence[str]) -> str:
    if heading == UNATTRIBUTED:
        return "<b>Unattributed</b> <i>(nobody named stands behind these)</i>"
    out = f"<b>{escape(heading)}</b> <i>({escape(kind)})</i>"
    if roles:
        out += " — " + escape("; ".join(roles))
    return out


def _added(related: RelatedClaim) -> str:
    mark = {"contradiction": "⚠️ Disputed", "update": "📈 Update", "related": "🔗 Related"}
    return f"{mark.get(related.kind, '🔗')}: {escape(clip(related.reason, 400))}"


def claims_messages(title: str, claims: Sequence[StoredClaim], empty: str) -> list[str]:
    """A list of stored claims (a search, a claimant's claims, a story's timeline)."""
    if not claims:
        return [escape(empty)]
    blocks = [Block((f"<b>{escape(title)}</b>",), stored_claim_line(c)) for c in claims]
    return pack(blocks)


def stored_claim_line(c: StoredClaim) -> str:
    who = c.claimant or (f"unnamed ({c.source})" if c.source else "unattributed")
    if c.speaker:
        who += f" ({c.speaker})"
    when = f"{c.published_on:%d %b}"
    origin = c.outlet or c.article_title or "article"
    if c.article_link:
        origin_html = (
            f'<a href="{escape(c.article_link, quote=True)}">{escape(clip(origin, 60))}</a>'
        )
    else:
        origin_html = escape(clip(origin, 60))
    hedge = " <i>(hedged)</i>" if c.hedged else ""
    figures = f" 📊 {escape('; '.join(c.figures))}" if c.figures else ""
    return (
        f"• {when} <b>{escape(who)}</b>{hedge}: {escape(clip(c.content, 400))}{figures}"
        f" — {origin_html}"
    )


def related_messages(claim: StoredClaim, related: Sequence[RelatedClaim]) -> list[str]:
    if not related:
        return ["No related claims stored yet for this one."]
    heading = f"<b>Related to:</b> {escape(clip(claim.content, 200))}"
    blocks = [Block((heading,), f"{_added(r)}\n   {stored_claim_line(r.claim)}") for r in related]
    return pack(blocks)
