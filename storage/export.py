"""A chat's data as JSON or CSV: every article and claim it sent, with offsets and sentences."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any, Literal

from sqlmodel import Session, col, select

from storage.models import Article, Claim

ExportFormat = Literal["json", "csv"]

CSV_COLUMNS = (
    "claim_id",
    "article_id",
    "article_title",
    "article_link",
    "outlet",
    "published_on",
    "claimant",
    "claimant_kind",
    "claimant_role",
    "speaker",
    "kind",
    "hedged",
    "source",
    "cue",
    "content",
    "content_start",
    "content_end",
    "figures",
    "places",
    "when",
    "sentence",
)


def export_chat(*, session: Session, chat_id: int, fmt: ExportFormat) -> str:
    articles = session.exec(
        select(Article).where(Article.chat_id == chat_id).order_by(col(Article.id))
    ).all()
    claims = session.exec(
        select(Claim).where(Claim.chat_id == chat_id).order_by(col(Claim.id))
    ).all()
    by_article = {a.id: a for a in articles}
    if fmt == "json":
        return json.dumps(
            {
                "chat_id": chat_id,
                "articles": [_article(a) for a in articles],
                "claims": [_claim(c) for c in claims],
            },
            ensure_ascii=False,
            indent=1,
        )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for c in claims:
        a = by_article[c.article_id]
        writer.writerow(
            [
                c.id,
                c.article_id,
                a.title,
                a.link,
                a.outlet,
                _iso(c.published_on),
                c.claimant_name,
                c.claimant_kind,
                c.claimant_role,
                c.speaker,
                c.kind,
                c.hedged,
                c.source_text,
                c.cue_text,
                c.content_text,
                c.content_start,
                c.content_end,
                "; ".join(str(f.get("text")) for f in c.figures),
                "; ".join(c.places),
                c.when_text,
                c.sentence_text,
            ]
        )
    return out.getvalue()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _article(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "link": a.link,
        "outlet": a.outlet,
        "published_at": _iso(a.published_at),
        "received_at": _iso(a.received_at),
        "language": a.language,
        "content_hash": a.content_hash,
        "text": a.text,
    }


def _claim(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "article_id": c.article_id,
        "claimant": c.claimant_name,
        "claimant_kind": c.claimant_kind,
        "claimant_role": c.claimant_role,
        "speaker": c.speaker,
        "kind": c.kind,
        "hedged": c.hedged,
        "source": _span(c.source_text, c.source_start, c.source_end),
        "cue": _span(c.cue_text, c.cue_start, c.cue_end),
        "content": _span(c.content_text, c.content_start, c.content_end),
        "sentence": _span(c.sentence_text, c.sentence_start, c.sentence_end),
        "figures": c.figures,
        "places": c.places,
        "when": c.when_text,
        "story_id": c.story_id,
        "published_on": _iso(c.published_on),
        "created_at": _iso(c.created_at),
    }


def _span(text: str | None, start: int | None, end: int | None) -> dict[str, Any] | None:
    if text is None:
        return None
    return {"start": start, "end": end, "text": text}
