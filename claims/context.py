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


TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight "
    "morning afternoon evening night week weekend month year last past next earlier hours days "
    "january february march april may june july august september october november december".split()
)


def when(sentence: Span) -> str | None:
    """The first date or time phrase ("on Friday", "in the last 48 hours", "last week"); a bare
    "days" or "the hours" says nothing about when."""
    for ent in sentence.ents:
        words = {t.lower_ for t in ent}
        if len(ent) == 1 and ent.root.pos_ == "NOUN" and ent.root.tag_ == "NNS":
            continue
        if ent.label_ in TIME_LABELS and (words & TIME_WORDS or any(t.like_num for t in ent)):
            if ent.text.lower() in ("the hours", "hours", "days", "the days"):
                continue
            start = ent.start
            doc = sentence.doc
            if start > sentence.start and doc[start - 1].lower_ in ("on", "since", "until", "by"):
                start -= 1
            return doc[start : ent.end].text
    return None
