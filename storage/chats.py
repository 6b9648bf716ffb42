"""A chat's own settings (its timezone) and the corrections it makes (merging claimants)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from storage.models import Chat, Claim
from storage.repository import claimant_ids, get_or_create_chat, merge_claimants


def chat_timezone(*, session: Session, chat_id: int) -> str | None:
    chat = session.get(Chat, chat_id)
    return chat.timezone if chat else None


def set_chat_timezone(
    *, session: Session, chat_id: int, title: str | None, timezone: str | None
) -> str:
    """The chat's timezone after the change (`timezone` None: unchanged)."""
    chat = get_or_create_chat(session=session, chat_id=chat_id, title=title)
    if timezone:
        chat.timezone = timezone
    return chat.timezone


@dataclass(frozen=True, slots=True)
class MergeResult:
    merged: bool
    message: str


def merge_claimants_by_name(
    *, session: Session, chat_id: int, keep_name: str, merge_name: str
) -> MergeResult:
    """Merges two claimants the chat names, each of which must match exactly one claimant among
    the chat's own claims (claimant identities are shared, so the merge holds for every chat)."""
    found: list[int] = []
    for name in (keep_name, merge_name):
        ids = claimant_ids(session=session, name=name)
        mine = [
            i
            for i in session.exec(
                select(Claim.claimant_id)
                .where(Claim.chat_id == chat_id, col(Claim.claimant_id).in_(ids))
                .distinct()
            ).all()
            if i is not None
        ]
        if len(mine) != 1:
            what = "no claimant" if not mine else f"{len(mine)} claimants"
            return MergeResult(
                False, f"“{name}” matches {what} in this chat; use a name /who shows."
            )
        found.append(mine[0])
    if found[0] == found[1]:
        return MergeResult(False, "Those are already one claimant.")
    merge_claimants(session=session, keep=found[0], merge=found[1])
    return MergeResult(True, f"Merged: “{merge_name}” is now “{keep_name}”.")
