"""Titles and roles around a person's name, as pure functions over words.

"Lt. Gen. Igor Konashenkov" → name "Igor Konashenkov", role "lieutenant general"; "Former President
Dmitry Medvedev" → "Dmitry Medvedev", "former president". A spokesman's role wins over his rank,
because the engine reports him under the body he speaks for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claims.canonical import DEMONYMS

SPOKES_ROLES = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "press secretary", "press officer", "mouthpiece"}
)
ROLE_HEADS = frozenset(
    "spokesman spokeswoman spokesperson minister president premier chancellor chief commander "
    "general secretary ambassador envoy official head director leader mayor governor senator "
    "congressman congresswoman representative aide adviser advisor lawyer attorney king queen "
    "prince emir sheikh chairman chairwoman chair ombudsman prosecutor judge colonel lieutenant "
    "major captain sergeant admiral marshal brigadier corporal commissioner officer coordinator "
    "negotiator analyst correspondent editor founder ceo".split()
)
"""Words that are a role by themselves: "the governor", "Foreign Minister"."""
ROLE_MODIFIERS = frozenset(
    "former deputy vice acting interim prime foreign defence defense interior home finance "
    "justice health senior chief first top military press presidential regional general "
    "lieutenant special".split()
)
"""Words that sharpen a role right before it: "former president", "deputy prime minister"."""
RANKS = {
    "lt": "lieutenant",
    "lieut": "lieutenant",
    "gen": "general",
    "col": "colonel",
    "maj": "major",
    "capt": "captain",
    "cpt": "captain",
    "sgt": "sergeant",
    "adm": "admiral",
    "cpl": "corporal",
    "brig": "brigadier",
    "cmdr": "commander",
    "cdr": "commander",
    "pres": "president",
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "amb": "ambassador",
    "supt": "superintendent",
}
HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame lord lady hon rev mx".split())
_STRIP = re.compile(r"^[^\w]+|[^\w]+$")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def normal_word(word: str) -> str:
    """Lower case, no edge punctuation, abbreviated ranks spelled out ("Gen." → "general")."""
    low = _STRIP.sub("", word.lower())
    return RANKS.get(low, "defence" if low == "defense" else low)


def is_title_word(word: str) -> bool:
    """A word that may stand before a name without being part of it."""
    low = normal_word(word)
    return low in ROLE_HEADS or low in ROLE_MODIFIERS or low in HONORIFICS or low in _OTHER_TITLES


def role_of(words: Sequence[str]) -> str | None:
    """The role the words give: a spokesman's role if there is one, else the last role phrase
    (its role word with the modifiers right before it): ["Former", "President"] → "former
    president"; ["Russian", "Defence", "Ministry", "Spokesman", "Lt.", "Gen."] → "spokesman"."""
    norm = [n for n in (normal_word(w) for w in words) if n]
    phrases: list[str] = []
    i = 0
    while i < len(norm):
        two = " ".join(norm[i : i + 2])
        if two in SPOKES_ROLES:
            return two
        if norm[i] in SPOKES_ROLES:
            return "spokesman" if norm[i] == "mouthpiece" else norm[i]
        if norm[i] in ROLE_HEADS and not _general_staff(norm, i):
            start = i
            modifiers: list[str] = []
            while start > 0 and norm[start - 1] != norm[i]:
                before = norm[start - 1]
                if before in ROLE_MODIFIERS:
                    modifiers.insert(0, before)
                elif before not in DEMONYMS:  # "former Russian president" is a former president
                    break
                start -= 1
            end = i + 1
            # "Lt. Gen.": a rank word right after another is one rank
            while end < len(norm) and norm[end] in ROLE_HEADS and norm[end] in _RANK_WORDS:
                end += 1
            phrases.append(" ".join(modifiers + norm[i:end]))
            i = end
            continue
        i += 1
    if not phrases:
        return None
    return phrases[-1]


def split_title(name: str) -> tuple[str, str | None]:
    """A person's name without the titles before it, and the role they give."""
    words = name.split()
    titles: list[str] = []
    while len(words) > 1 and is_title_word(words[0]):
        titles.append(words.pop(0))
    person = _POSSESSIVE.sub("", " ".join(words)).strip(" ,")
    return person, role_of(titles)


def is_spokes(role: str | None) -> bool:
    return role is not None and role in SPOKES_ROLES


def _general_staff(norm: list[str], i: int) -> bool:
    """The General Staff is a body, not a rank."""
    return norm[i] == "general" and i + 1 < len(norm) and norm[i + 1] == "staff"


_RANK_WORDS = frozenset(RANKS.values()) | {"marshal", "brigadier"}
_OTHER_TITLES = frozenset({"state", "army", "navy", "air", "force", "security", "staff"})
