"""Numbers a claim gives, with their qualifier and what they count.

"more than 1,000 Ukrainian soldiers have been killed" → Figure(value=1000, qualifier="more than",
what="Ukrainian soldiers killed"). Dates, times and ordinals are not figures.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from claims.model import Figure

QUALIFIERS = (
    "more than",
    "fewer than",
    "less than",
    "at least",
    "at most",
    "up to",
    "as many as",
    "no more than",
    "no fewer than",
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
)
NUMBER_WORDS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
    "dozens": 24,
    "hundreds": 200,
    "thousands": 2000,
}
MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
NOT_FIGURES = frozenset({"DATE", "TIME", "ORDINAL"})
EVENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
NOT_EVENTS = frozenset({"be", "have", "exceed", "reach", "total", "include", "number", "say"})
_NUMERIC = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?$")


def find_figures(content: Span, offset: int = 0) -> list[Figure]:
    """Figures in `content` (a span of a block); `offset` is the block's place in the article."""
    figures: list[Figure] = []
    tokens = list(content)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not _starts_number(tok):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and _continues_number(tokens[j + 1]):
            j += 1
        value = _value(tokens[i : j + 1])
        if value is None or (tok.ent_type_ in NOT_FIGURES and not _is_count(tokens[j])):
            i = j + 1
            continue
        start_tok = tokens[i]
        qualifier = _qualifier(start_tok)
        first = start_tok.doc[start_tok.i - len(qualifier.split())] if qualifier else start_tok
        last = tokens[j]
        if last.i + 1 < len(last.doc) and last.doc[last.i + 1].lower_ in ("percent", "%"):
            last = last.doc[last.i + 1]
        doc = tok.doc
        figures.append(
            Figure(
                text=doc[first.i : last.i + 1].text,
                value=value,
                qualifier=qualifier or None,
                what=_what(tokens[j], last),
                start=doc[first.i].idx + offset,
                end=last.idx + len(last.text) + offset,
            )
        )
        i = j + 1
    return figures


def _starts_number(tok: Token) -> bool:
    if _NUMERIC.match(tok.text):
        return True
    low = tok.lower_
    if low == "a":
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and nxt.lower_ in MULTIPLIERS
    return tok.like_num and (low in NUMBER_WORDS or low in MULTIPLIERS) and tok.pos_ == "NUM"


def _continues_number(tok: Token) -> bool:
    return tok.lower_ in MULTIPLIERS or (tok.pos_ == "NUM" and tok.lower_ in NUMBER_WORDS)


def _value(tokens: list[Token]) -> float | None:
    total = 0.0
    current: float | None = None
    for tok in tokens:
        low = tok.lower_
        if _NUMERIC.match(tok.text):
            current = float(tok.text.replace(",", "").lstrip("+"))
        elif low in MULTIPLIERS:
            current = (current or 1.0) * MULTIPLIERS[low]
            if MULTIPLIERS[low] >= 1_000:
                total += current
                current = None
        elif low in NUMBER_WORDS:
            current = (current or 0.0) + NUMBER_WORDS[low]
        else:
            return None
    if current is not None:
        total += current
    return total if total or any(t.text.startswith("0") for t in tokens) else None


def _qualifier(first: Token) -> str:
    doc = first.doc
    for q in QUALIFIERS:
        words = q.split()
        n = len(words)
        if first.i - n < 0:
            continue
        if [t.lower_ for t in doc[first.i - n : first.i]] == words:
            return q
    return ""


def _is_count(tok: Token) -> bool:
    """'48 hours' is a time span, '1,000 soldiers' is a count even inside a DATE entity."""
    head = tok.head
    return tok.dep_ == "nummod" and head.ent_type_ not in NOT_FIGURES


def _what(number: Token, last: Token) -> str | None:
    """The counted noun with its modifiers, and the event it undergoes ("soldiers ... killed")."""
    if last.lower_ in ("percent", "%"):
        noun = last
    else:
        noun = number.head if number.dep_ in ("nummod", "quantmod", "compound") else number
        while noun.dep_ in ("nummod", "quantmod", "compound") and noun.head.i != noun.i:
            noun = noun.head
    if noun.i == number.i and noun.pos_ == "NUM":
        phrase = ""
    else:
        phrase = _noun_phrase(noun, exclude=number)
    event = _event(noun)
    what = " ".join(p for p in (phrase, event) if p)
    return what or None


def _noun_phrase(noun: Token, exclude: Token) -> str:
    doc = noun.doc
    left = [
        t
        for t in noun.lefts
        if t.dep_ in ("amod", "compound", "nmod") and t.i > exclude.i and t.pos_ != "NUM"
    ]
    words = [doc[t.left_edge.i : t.i + 1].text for t in left] + [noun.text]
    for child in noun.rights:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
            mods = [t.text for t in child.lefts if t.dep_ in ("amod", "compound")]
            words += ["and", *mods, child.text]
        elif child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                words.append(doc[child.i : obj.right_edge.i + 1].text)
    return " ".join(words)


def _event(noun: Token) -> str:
    verb = noun.head
    if noun.dep_ in EVENT_DEPS and verb.pos_ == "VERB" and verb.lemma_ not in NOT_EVENTS:
        return verb.text if verb.tag_ in ("VBN", "VBD") else verb.lemma_
    return ""
