"""Resolves who makes a claim: canonical name, kind and role. Placeholder; enrichment replaces it."""

from __future__ import annotations

from dataclasses import dataclass

from claims.attribution import Attribution
from claims.model import ClaimantKind


@dataclass(frozen=True, slots=True)
class Claimant:
    name: str | None
    kind: ClaimantKind
    role: str | None = None
    speaker: str | None = None


class ClaimantResolver:
    """Keeps the claimants named so far in one article, so that "he" or "the ministry" later on
    resolves to the body or person they refer to."""

    def resolve(self, attribution: Attribution) -> Claimant:
        if attribution.source is None:
            return Claimant(None, "anonymous")
        return Claimant(attribution.source.text, "person")
