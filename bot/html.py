"""Telegram HTML for who-claims-what replies; every piece of user text is escaped.

Replies are built from short blocks under claimant headings and packed into messages of at most
4096 characters by `bot.digest.pack`, which breaks only between blocks, so never inside a tag.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from bot.digest import Block, pack
from bot.render import KIND_LABEL, UNATTRIBUTED, content_text, figure_text, group_claims
from claims.model import Extraction
from storage.repository import RelatedClaim, StoredClaim

MAX_CLAIM_CHARS = 700
MAX_CLAIMS_SHOWN = 60


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
