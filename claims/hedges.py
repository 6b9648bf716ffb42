"""Hedges: wording that keeps a claim at arm's length ("it is said", "reportedly", "allegedly").

A claim with no source, or one from anonymous sources, is hedged too: the reader cannot weigh who
says it.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claims.attribution import Attribution

HEDGE_WORDS = frozenset(
    "reportedly allegedly purportedly supposedly apparently seemingly rumoured rumored "
    "unconfirmed unverified alleged purported".split()
)
HEDGE_LEMMAS = frozenset({"seem", "appear", "rumour", "rumor", "speculate"})
MODALS = frozenset({"may", "might", "could"})
EMERGING = frozenset({"emerge", "circulate", "surface"})


def is_hedged(attribution: Attribution, anonymous_source: bool = False) -> bool:
    if attribution.source is None or anonymous_source:
        return True
    cue = attribution.cue[0] if attribution.cue else None
    if cue is not None and any(_hedge_token(t) for t in cue):
        return True
    return any(
        _hedge_token(t) or _modal_on_root(t) for piece in attribution.content for t in piece[:4]
    )


def sentence_hedge(sentence: Span) -> bool:
    """'It is said that', 'claims are emerging that', 'reportedly' anywhere in the sentence."""
    for tok in sentence:
        if _hedge_token(tok):
            return True
        if tok.lemma_ in EMERGING and any(c.lemma_ in ("claim", "report") for c in tok.children):
            return True
        if tok.lemma_ in ("say", "believe", "report", "claim", "understand") and any(
            c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it" for c in tok.children
        ):
            return True
    return False


def _hedge_token(tok: Token) -> bool:
    return tok.lower_ in HEDGE_WORDS or tok.lemma_ in HEDGE_LEMMAS


def _modal_on_root(tok: Token) -> bool:
    return tok.lower_ in MODALS and tok.dep_ == "aux"
