"""Hedges: wording that keeps a claim at arm's length ("it is said", "reportedly", "allegedly",
"claims are emerging", "seems", "may have", "according to unconfirmed reports").

A claim with no source is hedged too: the reader cannot weigh who says it. (The engine also
hedges claims whose source resolves to anonymous: "officials said".)
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claims.attribution import Attribution

HEDGE_WORDS = frozenset(
    "reportedly allegedly purportedly supposedly apparently seemingly ostensibly rumoured "
    "rumored unconfirmed unverified alleged purported supposed so-called".split()
)
HEDGE_LEMMAS = frozenset({"seem", "appear", "rumour", "rumor", "speculate", "allege"})
MODALS = frozenset({"may", "might", "could"})
HEARSAY_NOUNS = frozenset({"claim", "report", "rumour", "rumor", "allegation", "speculation"})
EMERGING = frozenset({"emerge", "circulate", "surface", "swirl", "mount"})
AGENTLESS = frozenset({"say", "believe", "report", "claim", "understand", "think", "rumour"})
"""'It is said', 'he is believed to': a passive cue with nobody behind it."""


def is_hedged(attribution: Attribution) -> bool:
    if attribution.source is None:
        return True
    if any(_hedge_token(t) for t in attribution.source):
        return True  # "unconfirmed reports"
    for piece in attribution.cue:
        for tok in piece:
            if _hedged_cue(tok):
                return True
    return any(_hedged_content(piece) for piece in attribution.content)


def _hedge_token(tok: Token) -> bool:
    return tok.lower_ in HEDGE_WORDS or tok.lemma_.lower() in HEDGE_LEMMAS


def _hedged_cue(tok: Token) -> bool:
    if _hedge_token(tok):
        return True
    if tok.lemma_.lower() in AGENTLESS and _agentless_passive(tok):
        return True
    if tok.lemma_.lower() in HEARSAY_NOUNS and tok.head.lemma_.lower() in EMERGING:
        return True  # "claims are emerging that"
    return any(c.dep_ in ("advmod", "aux") and _hedge_modifier(c) for c in tok.children)


def _agentless_passive(tok: Token) -> bool:
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    agent = any(c.dep_ == "agent" for c in tok.children)
    return passive and not agent


def _hedge_modifier(tok: Token) -> bool:
    return tok.lower_ in HEDGE_WORDS or tok.lower_ in MODALS


def _hedged_content(piece: Span) -> bool:
    """A hedge word anywhere in the content; a modal, 'seem' or 'appear' on its main verbs."""
    for tok in piece:
        if tok.lower_ in HEDGE_WORDS:
            return True
        governs = tok.head.i == tok.i or not (piece.start <= tok.head.i < piece.end)
        if not governs:
            continue
        if tok.lemma_.lower() in HEDGE_LEMMAS:
            return True
        if any(c.lower_ in MODALS and c.dep_ == "aux" for c in tok.children):
            return True
        if tok.lemma_.lower() in EMERGING and any(
            c.lemma_.lower() in HEARSAY_NOUNS for c in tok.children
        ):
            return True
    return False
