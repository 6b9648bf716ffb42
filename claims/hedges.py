"""Hedges: "it is said", "reportedly", "allegedly". Placeholder."""

from __future__ import annotations

from claims.attribution import Attribution


def is_hedged(attribution: Attribution) -> bool:
    return False
