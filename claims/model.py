"""The extraction contract: typed records that `claimwatch extract --format jsonl` serialises.

Offsets are Python `str` indices into the article text, so `text[span.start:span.end] == span.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ClaimantKind = Literal["person", "organization", "country", "group", "anonymous"]
ClaimKind = Literal["direct_quote", "indirect", "according_to", "unattributed"]


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the article; `parts` lists the pieces of a discontinuous span (a quote split by
    its cue), empty when the span is one piece."""

    start: int
    end: int
    text: str
    parts: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.parts:
            out["spans"] = [{"start": s, "end": e} for s, e in self.parts]
        return out


@dataclass(frozen=True, slots=True)
class Figure:
    """A number the claim gives, with what it counts ("more than 1,000 Ukrainian soldiers
    killed")."""

    text: str
    value: float
    qualifier: str | None = None
    what: str | None = None
    start: int = 0
    end: int = 0

    def to_json(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "text": self.text,
            "value": value,
            "qualifier": self.qualifier,
            "what": self.what,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """Who claims what, pointing back to the sentence it came from."""

    content: Span
    kind: ClaimKind
    sentence: Span
    source: Span | None = None
    cue: Span | None = None
    claimant: str | None = None
    claimant_kind: ClaimantKind = "anonymous"
    claimant_role: str | None = None
    speaker: str | None = None
    hedged: bool = False
    figures: tuple[Figure, ...] = ()
    places: tuple[str, ...] = ()
    when: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source.to_json() if self.source else None,
            "cue": self.cue.to_json() if self.cue else None,
            "content": self.content.to_json(),
            "claimant": self.claimant,
            "claimant_kind": self.claimant_kind,
            "claimant_role": self.claimant_role,
            "speaker": self.speaker,
            "kind": self.kind,
            "hedged": self.hedged,
            "figures": [f.to_json() for f in self.figures],
            "places": list(self.places),
            "when": self.when,
            "sentence": self.sentence.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """All claims of one article, in text order."""

    language: str
    title: str | None
    claims: tuple[Claim, ...] = field(default_factory=tuple)
    dateline: str | None = None
    """Where the article was filed ("Eastport"), when it opens with a dateline."""
    scenes: tuple[tuple[int, tuple[str, ...]], ...] = field(default=(), compare=False)
    """(start, places) of every sentence that names a place, claim or not: a claim that names
    none happens where the text last was ("In Velmar, a barman died ... Police now count 24").
    Reading aid for linking, not part of the JSON contract."""

    def to_json(self, path: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {} if path is None else {"path": path}
        out.update(
            language=self.language,
            title=self.title,
            dateline=self.dateline,
            claims=[c.to_json() for c in self.claims],
        )
        return out
