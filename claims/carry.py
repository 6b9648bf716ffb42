"""A source named once for a run of figures: the sentence before an attributed figure claim.

News copy gives a run of figures and names the source once, after them: "575 soldiers were killed
on Friday. More than 480 were killed on Saturday, according to the ministry." A sentence of the
same paragraph with no attribution of its own, whose figures count the same event or the same
things as the next sentence's attributed figures, is claimed by the same source.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from claims.attribution import Attribution
from claims.figures import find_figures

EDGE_PUNCT = frozenset(",;:—–-().")
_GENERIC = frozenset({"and", "of", "the", "in", "were", "was"})


def carry_back(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """New attributions for unattributed figure sentences right before an attributed one."""
    covered = {
        i for a in found for piece in (*a.content, *a.cue) for i in range(piece.start, piece.end)
    }
    sentences = list(doc.sents)
    index_of = {s.start: n for n, s in enumerate(sentences)}
    carried: list[Attribution] = []
    for a in found:
        if a.source is None or a.kind in ("direct_quote", "unattributed"):
            continue
        n = index_of.get(a.content[0].sent.start)
        if not n:
            continue
        previous, current = sentences[n - 1], sentences[n]
        if any(i in covered for i in range(previous.start, previous.end)):
            continue
        if "\n" in doc.text[previous.start_char : current.start_char]:
            continue  # another paragraph
        theirs = [f.what for piece in a.content for f in find_figures(piece)]
        mine = [f.what for f in find_figures(previous)]
        if not _same_count(theirs, mine):
            continue
        content = _trim(previous)
        if content is not None:
            carried.append(replace(a, content=(content,)))
            covered.update(range(previous.start, previous.end))
    return carried


def _same_count(theirs: list[str | None], mine: list[str | None]) -> bool:
    """Figures of one event ("killed") or one kind of thing ("soldiers")."""
    events = {w.split()[-1] for w in theirs if w} & {w.split()[-1] for w in mine if w}
    if events:
        return True
    words = {x for w in theirs if w for x in w.lower().split()} - _GENERIC
    return bool(words & ({x for w in mine if w for x in w.lower().split()} - _GENERIC))


def _trim(sentence: Span) -> Span | None:
    doc = sentence.doc
    start, end = sentence.start, sentence.end
    while start < end and (doc[start].text in EDGE_PUNCT or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in EDGE_PUNCT or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None
