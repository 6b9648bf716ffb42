"""Places a claim names, read from the words around place prepositions ("near Dalsk", "in the
town of Lenne", "over Halden"), for when the engine's `Claim.places` is empty."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

_ONE = r"(?:[A-Z][\w\-]*(?:['’]s)?)(?:[ \t]+(?:[A-Z][\w\-]*|de|del|al|el|upon))*"
_NAME = r"(" + _ONE + r"(?:(?:,[ \t]*|[ \t]+and[ \t]+|[ \t]+or[ \t]+)" + _ONE + r")*)"
"""A name, or a list of them: "Dalsk and Lenne", "Dalsk, Lenne and Varna"."""
_PATTERNS = (
    # "near Dalsk", "in the town of Lenne", "the shelling of Lenne", "the mayor of Lenne"
    re.compile(
        r"\b(?:in|near|around|at|outside|from|into|towards?|over|across|inside|beyond|west of"
        r"|east of|north of|south of|(?:shelling|bombing|bombardment|siege|battle|fall|capture"
        r"|outskirts|centre|center|streets|liberation|evacuation|defence|defense|mayor|governor"
        r"|residents|people|council|authorities) of"
        r"|(?:briefing|briefings|update|report|talks|figures) on)"
        r"\s+(?:the\s+)?(?:(?:town|city|village|port|region|province|district|capital"
        r"|settlement)\s+of\s+)?" + _NAME
    ),
    # "fled Dalsk", "struck Korvin"
    re.compile(
        r"\b(?:fled|left|entered|shelled|shells|struck|strikes|hit|hits|bombed|attacked|attacks"
        r"|targets|targeted|reached|liberated|seized|evacuated|surrounded|encircled|stormed"
        r"|recaptured|pounded|pounds)\s+(?:the\s+)?" + _NAME
    ),
    # "the Dalsk offensive", "Dalsk's deputy mayor"
    re.compile(
        r"\b([A-Z][\w\-]+)(?:\s+(?:offensive|battle|front|sector|axis|direction|area|district"
        r"|region|bridgehead)\b|['’]s\s+(?:deputy\s+)?(?:mayor|governor|council|authorities"
        r"|hospitals?|residents|officials|police)\b)"
    ),
)
_AREAS = re.compile(
    r"\b(?:in|across|around|outside|from|of) the (capital|countryside|north|south|east|west"
    r"|north-east|north-west|south-east|south-west|northeast|northwest|southeast|southwest"
    r"|provinces|border regions?|frontline regions?)\b"
)
"""Parts of a country named without a capital letter: a figure "in the capital" is not the
national one."""

AREAS = frozenset(
    "capital countryside north south east west north-east north-west south-east south-west "
    "northeast northwest southeast southwest provinces".split()
)
"""Keys of unnamed areas: "the capital" of one story may not be the capital of another."""

_NOT_PLACES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december i we our the a he she they it this "
    "that these those his her their its ministry government army general staff president "
    "commission party".split()
)
_HOLIDAYS = frozenset(
    {"new year", "new year's eve", "new year's day", "christmas", "christmas eve",
     "christmas day", "easter", "boxing day"}
)  # fmt: skip
_TRAILING = frozenset("party alliance ministry staff army forces government commission".split())
_SIDE_ENDINGS = ("ern", "ian", "ean", "ese", "ish")
"""Adjectives of sides, not places: "the Northern offensive", "Russian forces"."""

_SIDE_NOUN = re.compile(
    r"\s+(?:hands|control|forces|troops|positions|territory|lines|units|soldiers|army|side)\b"
)

_INSTITUTION = re.compile(
    r"\s+(?:hospital|clinic|infirmary|morgue|school|church|cathedral|university|prison"
    r"|stadium)\b",
    re.IGNORECASE,
)
_IN_INSTITUTION = re.compile(
    r"\b(?:hospital|clinic|infirmary|morgue)s?\s+(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE
)
_INSTITUTION_REACH = 40
"""How far before a name "hospital in the " can start: the search reads no further back."""
_COMMON_NOUN = re.compile(
    r"\s+(?:city|town|village|capital|port|captivity|custody|bank|border|region|front|side"
    r"|drones?|aircraft|jets?|planes?)\b"
)
"""A thing a side's adjective describes: "the Eastern city", "Northern captivity"."""

_OFFICIALS = re.compile(
    r"\b(?:mayor|governor|council|authorities|residents|people|officials|police) (?:of|in)\s+"
    r"(?:the\s+)?"
    + "("
    + _ONE
    + ")"
    + r"|\b([A-Z][\w\-]+)['’]s\s+(?:deputy\s+|city\s+|town\s+|municipal\s+|regional\s+)?"
    r"(?:mayor|governor|council|authorities|officials|police|hall)\b"
    r"|\b([A-Z][\w\-]+)\s+(?:[Cc]ity|[Tt]own|[Mm]unicipal|[Rr]egional)\s+(?:[Cc]ouncil|[Hh]all)\b"
)


_PART_OF_TOWN = re.compile(
    r"\s+(?:district|quarter|suburb|neighbourhood|neighborhood|square|market|estate)\b"
)
"""What follows "Korvin's Mill": a part of Korvin, so a claim there is Korvin's too."""


def _names(found: str, text: str, end: int) -> list[str]:
    """The names of a matched list: "Dalsk and Lenne"; "Korvin's Mill district" is Korvin and
    Mill."""
    names = re.split(r",\s*|\s+and\s+|\s+or\s+", found)
    if _PART_OF_TOWN.match(text, end):
        last = re.split(r"['’]s\s+", names[-1], maxsplit=1)
        names = names[:-1] + last
    return names


def find_places(text: str, *, officials_only: bool = False) -> tuple[str, ...]:
    """Place names in text order, as written (possessive dropped), without repeats.
    `officials_only` reads a claimant's name, where only "the mayor of Lenne" or "Dalsk's
    governor" tell a place ("monitors from Open Ballot" do not)."""
    if officials_only:
        names = (m.group(1) or m.group(2) or m.group(3) for m in _OFFICIALS.finditer(text))
        return tuple(dict.fromkeys(n.replace("’", "'").removesuffix("'s") for n in names))
    found: list[tuple[int, str]] = []
    for n, pattern in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            for offset, name in enumerate(_names(m.group(1), text, m.end(1))):
                words = [w.removesuffix("'s") for w in name.replace("’", "'").split()]
                if not words or words[0].lower() in _NOT_PLACES:
                    continue
                if " ".join(words).lower() in _HOLIDAYS:
                    continue  # "on New Year's Eve"
                if any(w.lower() in _TRAILING for w in words):
                    continue  # "of the Unity Party", "from the Defence Ministry": bodies
                if _INSTITUTION.match(text, m.end(1)) or in_institution(text, m.start(1)):
                    # "died at St Agnes hospital", "died in hospital in Elmvik": where, not the
                    # event's place
                    continue
                if words[0].lower().endswith(_SIDE_ENDINGS) and (
                    n > 0
                    or _SIDE_NOUN.match(text, m.end(1))
                    or (len(words) == 1 and _COMMON_NOUN.match(text, m.end(1)))
                ):
                    continue  # "the Northern offensive", "Northern captivity", "the Eastern city"
                found.append((m.start(1) + offset, " ".join(words)))
    for m in _AREAS.finditer(text):
        found.append((m.start(1), "the " + m.group(1)))
    out: list[str] = []
    for _, name in sorted(found):
        if name not in out:
            out.append(name)
    return tuple(out)


def in_institution(text: str, at: int) -> bool:
    """Whether the name at `at` is the town of a hospital ("died in hospital in Elmvik"): where
    someone was treated, not where the event happened."""
    return _IN_INSTITUTION.search(text, max(0, at - _INSTITUTION_REACH), at) is not None


def with_dateline(
    scenes: Sequence[tuple[int, tuple[str, ...]]], dateline: str | None
) -> list[tuple[int, tuple[str, ...]]]:
    """The article's scenes, the place it was filed from first: "Kessby police" in a story
    filed from Kessby are a town's."""
    return [(0, (dateline,)), *scenes] if dateline else list(scenes)


def moved_on(
    scenes: Sequence[tuple[int, tuple[str, ...]]], since: int, until: int, towns: Collection[str]
) -> bool:
    """Whether the text turned to another place between two positions: a scene (a header
    "NORRVIK", "In Norrvik, ...") that names none of `towns` (keys). "Kessby police", then a
    section on Norrvik: the "police" there are Norrvik's."""
    return any(
        since < at < until and not {place_key(p) for p in places} & set(towns)
        for at, places in scenes
    )


def left_town(
    name: str,
    short: str,
    towns: Collection[str],
    scenes: Sequence[tuple[int, tuple[str, ...]]],
    since: int,
    until: int,
) -> bool:
    """Whether "Kessby police" named at `since` is no longer what "police" (`short`) means at
    `until`: its name holds a town (one of `towns`, keys) the text has since turned away from.
    "Eastern Federation General Staff" holds no town: a side, never left."""
    held = ({w.lower() for w in name.split()} - {w.lower() for w in short.split()}) & set(towns)
    return bool(held) and moved_on(scenes, since, until, held)


def place_key(name: str) -> str:
    """ "the Varna River", "Varna river" → "varna river"; "Dalsk's" → "dalsk"."""
    words = name.replace("’", "'").lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(w.removesuffix("'s") for w in words)
