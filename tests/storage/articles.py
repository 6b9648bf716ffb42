"""Hand-written articles with hand-made extractions, so that storage tests depend on the storage
alone, not on what the engine finds this week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from claims.model import Claim, ClaimantKind, Extraction, Figure, Span

MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Said:
    """One claim: `source` said `content` (both substrings of the article text)."""

    source: str
    content: str
    claimant: str
    kind: ClaimantKind = "organization"
    figure: tuple[str, float, str] | None = None
    """(text, value, what) of the figure in the content."""


def extraction(text: str, *said: Said, title: str | None = None) -> Extraction:
    claims = []
    for s in said:
        content = _span(text, s.content)
        source = _span(text, s.source)
        start = text.rfind("\n", 0, min(source.start, content.start)) + 1
        end = text.find("\n", max(source.end, content.end))
        end = len(text) if end < 0 else end
        figures: tuple[Figure, ...] = ()
        if s.figure:
            f_text, value, what = s.figure
            f = _span(text, f_text)
            figures = (Figure(f_text, value, None, what, f.start, f.end),)
        claims.append(
            Claim(
                content=content,
                kind="indirect",
                sentence=Span(start, end, text[start:end]),
                source=source,
                cue=None,
                claimant=s.claimant,
                claimant_kind=s.kind,
                figures=figures,
            )
        )
    first_line = text.split("\n", 1)[0]
    return Extraction("en", title or first_line, tuple(claims))


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


NORTH = """Heavy losses reported near Dalsk
The Northern Defence Ministry said that more than 800 Eastern soldiers were killed near Dalsk.
Ministry spokeswoman Anna Berg said 14 tanks had been destroyed near the river crossing.
"""
NORTH_CLAIMS = extraction(
    NORTH,
    Said(
        "The Northern Defence Ministry",
        "more than 800 Eastern soldiers were killed near Dalsk",
        "Northern Defence Ministry",
        figure=("800", 800, "soldiers"),
    ),
    Said(
        "Ministry spokeswoman Anna Berg",
        "14 tanks had been destroyed near the river crossing",
        "Anna Berg",
        kind="person",
        figure=("14", 14, "tanks"),
    ),
)

EAST = """Eastern command rejects Northern figures
The Eastern General Staff said only 120 Eastern soldiers had been killed near Dalsk.
"""
EAST_CLAIMS = extraction(
    EAST,
    Said(
        "The Eastern General Staff",
        "only 120 Eastern soldiers had been killed near Dalsk",
        "Eastern General Staff",
        figure=("120", 120, "soldiers"),
    ),
)

FLOODS = """River Brisk floods the old town
Mayor Olga Petrenko said 40 families were evacuated from the old town of Velmar overnight.
"""
FLOODS_CLAIMS = extraction(
    FLOODS,
    Said(
        "Mayor Olga Petrenko",
        "40 families were evacuated from the old town of Velmar overnight",
        "Olga Petrenko",
        kind="person",
        figure=("40", 40, "families"),
    ),
)
