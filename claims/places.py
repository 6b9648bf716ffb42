"""Places a claim names, read from the words around place prepositions ("near Dalsk", "in the
town of Lenne", "over Halden"), for when the engine's `Claim.places` is empty."""

from __future__ import annotations

import re

_NAME = r"((?:[A-Z][\w\-]*(?:['’]s)?)(?:\s+(?:[A-Z][\w\-]*|de|del|al|el|upon))*)"
_PATTERNS = (
    # "near Dalsk", "in the town of Lenne", "the shelling of Lenne", "the mayor of Lenne"
    re.compile(
        r"\b(?:in|near|around|at|outside|from|into|towards?|over|across|inside|beyond|west of"
        r"|east of|north of|south of|(?:shelling|bombing|bombardment|siege|battle|fall|capture"
        r"|outskirts|centre|center|streets|liberation|evacuation|defence|defense|mayor|governor"
        r"|residents|people|council|authorities) of)"
        r"\s+(?:the\s+)?(?:(?:town|city|village|port|region|province|district|capital"
        r"|settlement)\s+of\s+)?" + _NAME
    ),
    # "fled Dalsk", "struck Korvin"
    re.compile(
        r"\b(?:fled|left|entered|shelled|struck|hit|bombed|attacked|reached|liberated|seized"
        r"|evacuated|surrounded|encircled|stormed|recaptured)\s+(?:the\s+)?" + _NAME
    ),
    # "the Dalsk offensive", "Dalsk's deputy mayor"
    re.compile(
        r"\b([A-Z][\w\-]+)(?:\s+(?:offensive|battle|front|sector|axis|direction|area|district"
        r"|region|bridgehead)\b|['’]s\s+(?:deputy\s+)?(?:mayor|governor|council|authorities"
        r"|hospitals?|residents|officials|police)\b)"
    ),
)
_NOT_PLACES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december i we our the a he she they it this "
    "that these those his her their its ministry government army general staff president "
    "commission party".split()
)
_TRAILING = frozenset("party alliance ministry staff army forces government commission".split())
_SIDE_ENDINGS = ("ern", "ian", "ean", "ese", "ish")
"""Adjectives of sides, not places: "the Northern offensive", "Russian forces"."""


def find_places(text: str) -> tuple[str, ...]:
    """Place names in text order, as written (possessive dropped), without repeats."""
    found: list[tuple[int, str]] = []
    for n, pattern in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            words = m.group(1).replace("’", "'").split()
            words = [w.removesuffix("'s") for w in words]
            if not words or words[0].lower() in _NOT_PLACES:
                continue
            if any(w.lower() in _TRAILING for w in words):
                continue  # "of the Unity Party", "from the Defence Ministry": bodies, not places
            if n > 0 and words[0].lower().endswith(_SIDE_ENDINGS):
                continue
            found.append((m.start(1), " ".join(words)))
    out: list[str] = []
    for _, name in sorted(found):
        if name not in out:
            out.append(name)
    return tuple(out)


def place_key(name: str) -> str:
    """ "the Varna River", "Varna river" → "varna river"; "Dalsk's" → "dalsk"."""
    words = name.replace("’", "'").lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(w.removesuffix("'s") for w in words)
