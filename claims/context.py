"""Where and when a claim is about: places and relative time words of its sentence. Placeholder."""

from __future__ import annotations

from spacy.tokens import Span


def places(sentence: Span) -> tuple[str, ...]:
    return ()


def when(sentence: Span) -> str | None:
    return None
