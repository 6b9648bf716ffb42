"""Where and when a claim is about: the places and the relative time words of its sentence.

Both keep the text's own spelling, so a reader (and the linker) can find them in the text.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from claims.canonical import country_name
from claims.numbers import bare_count

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})
TIME_PREPOSITIONS = frozenset(
    "on in at since until till by over during from through throughout for within after before "
    "between around early late".split()
)
LOCATIVE_PREPOSITIONS = frozenset(
    "in near at around outside into towards toward across inside beyond".split()
)
PLACE_VERBS = frozenset(
    "shell strike hit attack bomb target capture seize liberate encircle surround storm enter "
    "reach recapture pound evacuate flee besiege occupy".split()
)
_DATELINE_END = frozenset({":", "—", "–", "-"})


def places(sentence: Span, source: Span | None = None) -> tuple[str, ...]:
    """Distinct place names in text order, without a leading article ("the Donbas region" →
    "Donbas region"). Not places: the claimant's own name ("Ukraine's General Staff"), an owner
    ("Ukraine's losses"), an adjective the recogniser took for a place, a dateline
    ("Moscow/Kyiv:")."""
    seen: dict[str, str] = {}
    dateline_end = _dateline_end(sentence)
    doc = sentence.doc
    for ent in sentence.ents:
        if ent.start < dateline_end:
            continue
        if ent.label_ not in PLACE_LABELS and not (
            ent.label_ in ("ORG", "PERSON", "NORP") and country_name(ent.text) is not None
        ):
            # a country or capital is a place whatever the recogniser called it, and so is a
            # "person" that is shelled or that things happen in
            if not (ent.label_ == "PERSON" and _placed(ent.root)):
                continue
        if source is not None and source.start <= ent.start < source.end:
            if ent.root.dep_ != "pobj":
                continue  # the claimant itself; but "officials in Kolbek" speak of Kolbek
        if ent.end < len(doc) and doc[ent.end].lower_ in ("'s", "’s", "'"):
            continue
        if ent.text.endswith(("'s", "’s")) or ent.root.tag_ in ("JJ", "NNPS"):
            continue
        name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        name = name.strip()
        seen.setdefault(name.lower(), name)
    return tuple(seen.values())


def _placed(tok: Token) -> bool:
    """'in Kherson', 'near Kherson', 'shelled Kherson and Zaporizhzhia'."""
    if tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    if tok.dep_ == "pobj":
        return head.lower_ in LOCATIVE_PREPOSITIONS
    return tok.dep_ == "dobj" and head.lemma_.lower() in PLACE_VERBS


def when(sentence: Span, content: Sequence[Span] = ()) -> str | None:
    """The claim's time phrase with its preposition ("on Friday", "in the last 48 hours", "last
    week", "on Sunday morning"): the first in the content, else the first in the sentence."""
    for scope in (*content, sentence):
        phrase = _first_time(scope)
        if phrase is not None:
            return phrase
    return None


def _first_time(scope: Span) -> str | None:
    opening = _dateline_end(scope)  # a dateline's date is the article's, not the claim's
    ents = [
        e
        for e in scope.ents
        if e.label_ in TIME_LABELS and not _age(e) and not _count(e) and e.start >= opening
    ]
    if not ents:
        return None
    doc = scope.doc
    first = ents[0]
    start, end = first.start, first.end
    for ent in ents[1:]:
        gap = doc[end : ent.start]
        if len(gap) == 0 or (len(gap) == 1 and gap[0].lower_ in ("and", "or", "to")):
            end = ent.end  # "Sunday morning", "Friday and Saturday"
        else:
            break
    owner = end < len(doc) and doc[end].lower_ in ("'s", "’s", "'")
    if start > scope.start and doc[start - 1].lower_ in TIME_PREPOSITIONS and not owner:
        start -= 1  # not "in Saturday" of "in Saturday's attacks"
    return doc[start:end].text


def _age(ent: Span) -> bool:
    """'30-year-old', 'aged 70': ages are no times."""
    doc = ent.doc
    return ent.text.endswith("old") or (ent.start > 0 and doc[ent.start - 1].lower_ == "aged")


def _count(ent: Span) -> bool:
    """ "...; the organisers said 70": a number alone the recogniser took for a date is a
    count; a year is not."""
    return len(ent) == 1 and bare_count(ent.text)


def _dateline_end(sentence: Span) -> int:
    """Token index after a dateline that opens the sentence ("Moscow/Kyiv:", "EASTPORT, Jan 6
    (Eastport Daily) -"), else its start."""
    for tok in sentence[:14]:
        if tok.text in _DATELINE_END and tok.i > sentence.start:
            words = sentence.doc[sentence.start : tok.i]
            if all(
                t.pos_ == "PROPN" or t.is_upper or t.like_num or t.text in ("/", ",", "(", ")", ".")
                for t in words
            ):
                return tok.i + 1
            return sentence.start
    return sentence.start
