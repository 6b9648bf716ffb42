"""Where and when a claim is about: the places and the relative time words of its sentence."""

from __future__ import annotations

from spacy.tokens import Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})


def places(sentence: Span, source: Span | None = None) -> tuple[str, ...]:
    """Distinct place names in text order, without a leading article ("the Donbas region" →
    "Donbas region"); the claimant's own name ("Ukraine's General Staff") is not a place."""
    seen: dict[str, None] = {}
    for ent in sentence.ents:
        if source is not None and source.start <= ent.start < source.end:
            continue
        if ent.text.endswith(("'s", "’s")):
            continue
        if ent.label_ in PLACE_LABELS and ent.root.tag_ not in ("JJ", "NNPS"):
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            seen.setdefault(name.strip(), None)
    return tuple(seen)


def when(sentence: Span) -> str | None:
    """The first date or time phrase ("on Friday", "in the last 48 hours", "last week")."""
    for ent in sentence.ents:
        if ent.label_ in TIME_LABELS:
            start = ent.start
            doc = sentence.doc
            if start > sentence.start and doc[start - 1].lower_ in ("on", "since", "until", "by"):
                start -= 1
            return doc[start : ent.end].text
    return None
