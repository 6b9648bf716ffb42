"""Stories: claims grouped by what they keep counting ("Eastern Federation losses in Dalsk").

A story is keyed by a topic (losses, civilian casualties, displacement, polls, turnout, ...), the
side whose losses they are, and a region; claims that give no figure belong to no story by
themselves (storage may file them under the story of the claim they link to most strongly).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claims.quantities import Quantity

if TYPE_CHECKING:
    from claims.linking import ClaimFacts

REGIONS: dict[str, str] = {
    **dict.fromkeys(
        "bakhmut avdiivka donetsk luhansk kramatorsk sloviansk lysychansk severodonetsk mariupol "
        "horlivka pokrovsk toretsk vuhledar marinka soledar kostiantynivka".split(),
        "Donbas",
    ),
    **dict.fromkeys("kherson nova kakhovka oleshky".split(), "Kherson region"),
    **dict.fromkeys("zaporizhzhia enerhodar tokmak robotyne".split(), "Zaporizhzhia region"),
    **dict.fromkeys("kharkiv kupiansk vovchansk izium".split(), "Kharkiv region"),
    **dict.fromkeys(
        "gaza rafah khan younis jabalia deir al-balah beit hanoun".split(), "Gaza Strip"
    ),
}
"""Places that stories group by region; any other place is its own region."""

_TOPICS: dict[tuple[str, str], str] = {
    ("killed", "civilians"): "civilian casualties",
    ("wounded", "civilians"): "civilian casualties",
    ("casualties", "civilians"): "civilian casualties",
    ("killed", "people"): "casualties",
    ("wounded", "people"): "casualties",
    ("casualties", "people"): "losses",
}
_SHARE_TOPICS = {
    "support": "opinion polls",
    "vote share": "election results",
    "turnout": "turnout",
    "inflation": "inflation",
    "unemployment": "unemployment",
    "growth": "economic growth",
    "approval": "approval ratings",
}
_PERSONNEL_MEASURES = frozenset({"killed", "wounded", "casualties", "captured", "missing"})


@dataclass(frozen=True, slots=True)
class Story:
    key: str
    """Stable grouping key, "losses|eastern|dalsk"; storage's unique story id within a chat."""
    title: str


def story_of(facts: ClaimFacts) -> Story | None:
    """The story of a claim's first figure that has one."""
    return story_for(facts.quantities, facts.place_names, inferred=facts.inferred_places)


def story_for(
    quantities: Sequence[Quantity], place_names: Sequence[str], *, inferred: bool = False
) -> Story | None:
    """The story of the first of these figures that has one, placed by the first place; shares
    ignore places the claim only inherited from its article (they are national unless said)."""
    for q in quantities:
        if q.forecast:
            continue
        story = _story(q, () if inferred and q.percent else place_names)
        if story is not None:
            return story
    return None


def _story(q: Quantity, place_names: Sequence[str]) -> Story | None:
    region_key, region_name = _region(place_names)
    if q.percent:
        topic = _SHARE_TOPICS.get(q.category, q.category)
        title = topic[:1].upper() + topic[1:]
        if region_name:
            title += f" in {region_name}"
        return Story(f"{topic}||{region_key}", title)
    kind = _topic(q)
    if kind is None:
        return None
    topic = kind
    side: str = q.side if q.side and not q.side.startswith("!") else ""
    owner = f"{q.side_text} " if side and q.side_text and topic in ("losses",) else ""
    if topic == "equipment losses" and side and q.side_text:
        owner = f"{q.side_text} "
    title = f"{owner}{topic}" if owner else topic[:1].upper() + topic[1:]
    if region_name:
        title += f" in {region_name}"
    if topic not in ("losses", "equipment losses"):
        side = ""
    return Story(f"{topic}|{side}|{region_key}", title)


def _topic(q: Quantity) -> str | None:
    special = _TOPICS.get((q.measure, q.category))
    if special is not None:
        return special
    if q.measure in _PERSONNEL_MEASURES and q.category in ("soldiers", "people"):
        return "losses"
    if q.measure in _PERSONNEL_MEASURES and q.category == "civilians":
        return "civilian casualties"
    if q.measure in ("destroyed", "damaged"):
        return "equipment losses" if q.category != "buildings" else "destruction"
    if q.measure in ("displaced", "remaining", "evacuated"):
        return "displacement"
    if q.measure == "participants":
        return "crowd size"
    if q.measure in ("arrested", "charged"):
        return "arrests"
    if q.measure == "launched":
        return "strikes"
    if q.measure == "count" and q.category in ("complaints", "polling stations"):
        return "election complaints"
    return None


def _region(place_names: Sequence[str]) -> tuple[str, str | None]:
    for name in place_names:
        key = name.lower().removeprefix("the ")
        region = REGIONS.get(key)
        if region is not None:
            return region.lower(), region
    if place_names:
        first = place_names[0]
        return first.lower().removeprefix("the "), first
    return "", None
