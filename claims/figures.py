"""Numbers a claim gives, with their qualifier and what they count.

"more than 1,000 Ukrainian soldiers have been killed" → Figure(value=1000, qualifier="more than",
what="Ukrainian soldiers killed"). Dates, times, ages and ordinals are not figures. Vague plurals
count too, as their least value: "dozens of homes" is at least 24 homes, "tens of thousands of
troops" at least 20,000 troops.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from claims.model import Figure
from claims.numbers import NUMBER_WORDS, RISE_WORDS, is_age_of

QUALIFIERS = tuple(
    sorted(
        (
            "more than",
            "fewer than",
            "less than",
            "at least",
            "at most",
            "up to",
            "as many as",
            "as few as",
            "no more than",
            "no fewer than",
            "no less than",
            "not less than",
            "in excess of",
            "upwards of",
            "close to",
            "an estimated",
            "a total of",
            "over",
            "about",
            "around",
            "nearly",
            "almost",
            "approximately",
            "roughly",
            "some",
            "under",
            "above",
            "below",
            "only",
            "just",
            "exactly",
            "estimated",
        ),
        key=lambda q: -len(q.split()),
    )
)
"""Longest first: "no more than" is not "more than"."""
TRAILING_QUALIFIERS = ("or more", "and more", "plus", "+")
MULTIPLIERS = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "mln": 1_000_000,
    "bn": 1_000_000_000,
}
VAGUE = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "millions": 2_000_000,
    "tens of thousands": 20_000,
    "hundreds of thousands": 200_000,
    "tens of millions": 20_000_000,
    "hundreds of millions": 200_000_000,
}
"""Vague plurals and their least value."""
NOT_FIGURES = frozenset({"DATE", "TIME", "ORDINAL"})
TIME_NOUNS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries night nights am pm a.m. p.m.".split()
)
EVENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
PARTICLES = frozenset({"down", "up", "out", "off", "away", "back"})
_NUMERIC = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?\+?$")


def find_figures(content: Span, offset: int = 0) -> list[Figure]:
    """Figures in `content` (a span of a block); `offset` is the block's place in the article."""
    figures: list[Figure] = []
    nouns: list[str] = []  # counted nouns so far, for "12 were killed and 30 wounded"
    tokens = list(content)
    i = 0
    while i < len(tokens):
        found = _number_at(tokens, i)
        if found is None:
            i += 1
            continue
        j, value, vague = found
        first, last = tokens[i], tokens[j]
        if _not_a_count(first, last):
            i = j + 1
            continue
        qualifier, q_start = _qualifier_before(first, content.start)
        if vague and qualifier is None:
            qualifier = "at least"
        end_tok = last
        after = _trailing_qualifier(last, content.end)
        if after is not None:
            trailing, end_tok = after
            qualifier = qualifier or trailing
        elif last.text.endswith("+") and len(last.text) > 1:
            qualifier = qualifier or "+"
        if end_tok.i + 1 < content.end and end_tok.doc[end_tok.i + 1].lower_ in ("percent", "%"):
            end_tok = end_tok.doc[end_tok.i + 1]
        doc = first.doc
        what = _what(first, last, end_tok, nouns)
        start_char = doc[q_start].idx if q_start is not None else first.idx
        figures.append(
            Figure(
                text=doc.text[start_char : end_tok.idx + len(end_tok.text)],
                value=value,
                qualifier=qualifier,
                what=what,
                start=start_char + offset,
                end=end_tok.idx + len(end_tok.text) + offset,
            )
        )
        i = max(j, end_tok.i - content.start) + 1
    return figures


def _number_at(tokens: list[Token], i: int) -> tuple[int, float, bool] | None:
    """(index of the number's last token, value, vague) when a number starts at `i`."""
    tok = tokens[i]
    low = tok.lower_
    three = " ".join(t.lower_ for t in tokens[i : i + 3])
    if three in VAGUE:
        return i + 2, float(VAGUE[three]), True
    if low in VAGUE and tok.pos_ in ("NOUN", "NUM"):
        return i, float(VAGUE[low]), True
    starts = (
        _NUMERIC.match(tok.text) is not None
        or (low in NUMBER_WORDS and tok.like_num and low != "one" or low == "one" and _counted(tok))
        or (low in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1].lower_ in MULTIPLIERS)
        or (low == "a" and i + 1 < len(tokens) and tokens[i + 1].lower_ == "dozen")
    )
    if not starts:
        return None
    j = i
    while j + 1 < len(tokens) and _continues(tokens, j + 1):
        j += 1
    value = _value(tokens[i : j + 1])
    if value is None:
        return None
    return j, value, False


def _counted(tok: Token) -> bool:
    """'one soldier' counts; 'one of the aims', 'no one', 'one day' do not."""
    return tok.dep_ == "nummod" and tok.head.lower_ not in TIME_NOUNS


def _continues(tokens: list[Token], j: int) -> bool:
    tok = tokens[j]
    low = tok.lower_
    if tok.ent_iob_ == "B":
        return False  # another entity: "in 2022 two bridges"
    if low in MULTIPLIERS:
        return True
    if low in NUMBER_WORDS and tok.like_num:
        return not _NUMERIC.match(tokens[j - 1].text)  # "2022 two" is two numbers
    if low == "and":
        # "seven hundred and fifty": one number
        return (
            tokens[j - 1].lower_ in ("hundred", "thousand")
            and j + 1 < len(tokens)
            and tokens[j + 1].lower_ in NUMBER_WORDS
            and tokens[j + 1].like_num
        )
    # "twenty-five", "1.5 million"
    return (
        low == "-"
        and j + 1 < len(tokens)
        and tokens[j + 1].lower_ in NUMBER_WORDS
        and tokens[j - 1].lower_ in NUMBER_WORDS
    )


def _value(tokens: list[Token]) -> float | None:
    total = 0.0
    current: float | None = None
    for tok in tokens:
        low = tok.lower_
        if _NUMERIC.match(tok.text):
            current = float(tok.text.replace(",", "").strip("+"))
        elif low in MULTIPLIERS:
            current = (current or 1.0) * MULTIPLIERS[low]
            if MULTIPLIERS[low] >= 1_000:
                total += current
                current = None
        elif low in NUMBER_WORDS:
            current = (current or 0.0) + NUMBER_WORDS[low]
        elif low in ("a", "an", "-", "and"):
            continue
        else:
            return None
    if current is not None:
        total += current
    return total if total or any(t.text.startswith("0") for t in tokens) else None


def _not_a_count(first: Token, last: Token) -> bool:
    """Dates, times, ages, ordinals and durations ('48 hours') are no figures; a count inside a
    date entity ('In the last 48 hours, more than 1,000 soldiers') still is."""
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "compound") and head.lower_ in TIME_NOUNS:
        return True
    if is_age_of(first.doc[max(0, first.i - 2) : first.i].text.lower().split()):
        return True  # "a boy of six"
    if first.ent_type_ in NOT_FIGURES or last.ent_type_ in NOT_FIGURES:
        return not (last.dep_ == "nummod" and head.ent_type_ not in NOT_FIGURES)
    # "Su-25", "Route 66", "Brigade 93": a number that is part of a name
    return last.dep_ in ("nummod", "compound", "appos") and head.pos_ == "PROPN" and head.i < last.i


def _qualifier_before(first: Token, floor: int) -> tuple[str | None, int | None]:
    doc = first.doc
    for q in QUALIFIERS:
        words = q.split()
        n = len(words)
        start = first.i - n
        if start < floor:
            continue
        if [t.lower_ for t in doc[start : first.i]] == words:
            if q == "up to" and start > 0 and doc[start - 1].lower_ in RISE_WORDS:
                continue  # "edged up to 274": the level it reached
            return q, start
    return None, None


def _trailing_qualifier(last: Token, ceiling: int) -> tuple[str, Token] | None:
    doc = last.doc
    for q in TRAILING_QUALIFIERS:
        words = q.split()
        stop = last.i + 1 + len(words)
        if stop <= ceiling and [t.lower_ for t in doc[last.i + 1 : stop]] == words:
            return q, doc[stop - 1]
    return None


def _what(first: Token, last: Token, end: Token, nouns: list[str]) -> str | None:
    """The counted noun with its modifiers, and the event it undergoes ("soldiers ... killed")."""
    anchor = last  # the word the event verb governs
    if end.lower_ in ("percent", "%"):
        noun: Token | None = end
        anchor = end
    else:
        noun, partitive = _counted_noun(first, last)
        if noun is not None and not partitive:
            anchor = noun
    if noun is None:
        # "12 civilians were killed and 30 were wounded": the number stands for the last noun
        if not nouns:
            return None  # an event alone ("5 million lend") says nothing of what is counted
        phrase = nouns[-1]
    elif noun.text != "%" and not any(ch.isalpha() for ch in noun.text):
        return None  # "the ’90s"
    else:
        phrase = _noun_phrase(noun, last)
        nouns.append(phrase)
    event = _event(anchor)
    what = " ".join(p for p in (phrase, event) if p)
    return what or None


def _counted_noun(first: Token, last: Token) -> tuple[Token | None, bool]:
    """The noun a number counts, and whether it is partitive ("25 of the 30 drones")."""
    for tok in (last, first):
        for child in tok.children:  # "dozens of homes", "25 of the 30 drones"
            if child.dep_ == "prep" and child.lower_ == "of":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                    return obj, True
    noun = last
    if noun.dep_ == "nummod" and noun.head.i < noun.i and noun.head.pos_ == "PROPN":
        return None, False  # "and the Red Cross 229": the name says who, not what is counted
    while noun.dep_ in ("nummod", "quantmod", "compound", "amod") and noun.head.i != noun.i:
        noun = noun.head
        if noun.pos_ in ("NOUN", "PROPN"):
            return noun, False
    if noun.pos_ in ("NOUN", "PROPN") and noun.lower_ not in VAGUE:
        return noun, False
    return None, False


def _noun_phrase(noun: Token, number: Token) -> str:
    doc = noun.doc
    left = [
        t
        for t in noun.lefts
        if t.dep_ in ("amod", "compound", "nmod") and t.i > number.i and t.pos_ != "NUM"
    ]
    words = [doc[t.left_edge.i : t.i + 1].text for t in left]
    words.append("percent" if noun.text == "%" else noun.text)
    for child in noun.rights:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
            if any(c.dep_ == "nummod" for c in child.children):
                continue  # "7 tanks, 12 vehicles": the next noun has its own figure
            if doc[child.left_edge.i - 1].lower_ not in ("and", "or", "&"):
                continue  # "50,000 soldiers as well as weapons" counts soldiers
            mods = [t.text for t in child.lefts if t.dep_ in ("amod", "compound")]
            words += ["and", *mods, child.text]
        elif child.dep_ == "prep" and child.lower_ == "of" and noun.lower_ not in VAGUE:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                words.append(doc[child.i : obj.right_edge.i + 1].text)
    return " ".join(words)


def _event(noun: Token) -> str:
    """The verb the counted thing is subject or object of: 'killed', 'shot down'."""
    while noun.dep_ == "conj" and noun.head.i != noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "14 schools and three hospitals were hit"
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":  # "25 of the 30 drones"
        return ""
    verb = noun.head
    if noun.dep_ not in EVENT_DEPS or verb.pos_ != "VERB" or verb.lemma_ in ("be", "have"):
        return ""
    if verb.tag_ not in ("VBN", "VBD", "VBG"):
        return ""  # "workers blame": what a count undergoes is told in the past or progressive
    word = verb.text
    particle = next(
        (
            c.lower_
            for c in verb.children
            if (c.dep_ == "prt" or c.dep_ == "advmod" and c.lower_ in PARTICLES)
            and c.i == verb.i + 1
        ),
        None,
    )
    return f"{word} {particle}" if particle else word
