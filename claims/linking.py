"""Links between claims over time: related, contradicting, or one claimant's series of updates.

What storage and the bot call (all pure, no I/O):

``facts_of_article(extraction, published) -> list[ClaimFacts]``
    Facts of every claim of one article, in claim order; use it at save time. It resolves what a
    single sentence cannot tell: "the ministry" / "Ministry spokeswoman Anna Berg" → the body named
    before, and that body's side ("our losses" are the Eastern Federation's); a claim naming no
    place takes the place of the nearest claim before it.
``facts_of(claim, published, *, claimant=None, claimant_side=None, default_places=(),
known_places=()) -> ClaimFacts``
    The same for one claim alone (`claimant` overrides the claimant key with storage's canonical
    one). `ClaimFacts.to_json()` / `ClaimFacts.from_json()` round-trip exactly: storage keeps the
    JSON next to the claim, so scoring candidates never re-reads text (≈13 µs to load one).
``link_keys(facts) -> LinkKeys``
    Index keys for candidate retrieval: ``LinkKeys.keys()`` gives 3–15 strings (``q:`` quantity
    family, ``p:`` place, ``c:`` claimant, ``t:`` content term); ``since``/``until`` bound the
    publication dates to look between. Storage writes one row (chat, key, published, claim id) per
    key, indexed on (chat, key, published). For a new claim it selects the claims of the same chat
    sharing any of its keys within [since, until], at most `CANDIDATES_PER_KEY` per key (most
    recent first), ranks them by the number of keys shared and scores the best `MAX_CANDIDATES`:
    a bounded amount of work whatever the number of stored claims.
``relate(a, b) -> Link | None``
    The link between two claims, or None: `score` in [0, 1], `kind` in "related",
    "contradiction", "update", `reason` (a sentence for users: who says what, when), `topic` (the
    shared count, for contradictions and series) and `figures` (both figures as written, earlier
    claim first). relate(a, b) == relate(b, a). ≈3 µs per pair.
``best_links(new, candidates, limit) -> list[tuple[K, Link]]``
    `relate` over storage's candidates, best first.
``stories.story_of(facts) -> Story | None``
    The story a claim belongs to, `Story(key, title)`: key "losses|eastern|dalsk", title "Eastern
    Federation losses in Dalsk" (also kept on `ClaimFacts.story` / `story_title`).

Rules, in order: two claims that count the same thing (comparable measure, category, side, place
and period; or one a part of the other: killed within all losses, a day within a week, a figure
within a later running total) are a series ("update") when one claimant gave both, a
contradiction when the figures leave no common value (a part may not exceed its whole), and
related otherwise (they agree). Any other pair is related when enough of places, story, actors,
claimant and content words line up within a few days.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Literal, TypeVar

from claims.canonical import CAPITALS, country_name
from claims.claimants import DOCUMENT_HEADS
from claims.model import Claim, Extraction
from claims.numbers import COMPARATIVES
from claims.periods import (
    IMPLICIT_DAYS,
    Period,
    comparable,
    find_when,
    inferred_total,
    open_ended,
    overlap,
    resolve,
    since_it_began,
)
from claims.places import (
    AREAS,
    find_places,
    in_institution,
    left_town,
    place_key,
    with_dateline,
)
from claims.quantities import (
    ALL_SIDES,
    MEASURE_PARTS,
    STATE_WORDS,
    Interval,
    Quantity,
    categories_comparable,
    quantities_of,
    side_key,
    sides_comparable,
    size_base,
)
from claims.stories import story_for

LinkKind = Literal["related", "contradiction", "update"]

LINK_THRESHOLD = 0.45
"""Least score of a "related" link without a shared quantity."""

LINK_WINDOW_DAYS = 14
"""Candidates are claims published at most this many days before or after the new one."""

CANDIDATES_PER_KEY = 50
"""Storage fetches at most this many recent claims per key; a common term cannot flood scoring."""

MAX_CANDIDATES = 200
"""Storage scores at most this many candidates per new claim, those sharing the most keys."""

MAX_TERM_KEYS = 6


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """What linking compares, derived once per claim."""

    published: date
    text: str
    claimant: str | None
    """Normalised claimant key; None when unknown (anonymous, a pronoun, "officials")."""
    claimant_name: str | None
    side: str | None
    """The claimant's own side ("eastern"), which "our losses" refers to."""
    quantities: tuple[Quantity, ...]
    period: Period
    places: frozenset[str]
    place_names: tuple[str, ...]
    terms: frozenset[str]
    inferred_places: bool = False
    """The places are the article's, not the claim's own: a scope for counts, not for shares."""
    actors: frozenset[str] = frozenset()
    """Sides and bodies involved: the claimant's side and the sides the content names."""
    subjects: frozenset[str] = frozenset()
    """Coarse keys of what the claim counts (`quantity_key`), or names without a figure."""
    story: str | None = None
    """`stories.story_of(...).key`, kept so scoring candidates never recomputes it."""
    story_title: str | None = None
    hedged: bool = False
    speaker: str | None = None
    """Key of the spokesperson who spoke for the claimant ("anna berg"): the same person
    named alone in another story speaks for the same body."""

    def to_json(self) -> dict[str, Any]:
        return {
            "published": self.published.isoformat(),
            "text": self.text,
            "claimant": self.claimant,
            "claimant_name": self.claimant_name,
            "side": self.side,
            "quantities": [_quantity_json(q) for q in self.quantities],
            "period": {
                "start": self.period.start.isoformat() if self.period.start else None,
                "end": self.period.end.isoformat(),
                "explicit": self.period.explicit,
                "text": self.period.text,
                "partial": self.period.partial,
            },
            "places": sorted(self.places),
            "place_names": list(self.place_names),
            "inferred_places": self.inferred_places,
            "terms": sorted(self.terms),
            "actors": sorted(self.actors),
            "subjects": sorted(self.subjects),
            "story": self.story,
            "story_title": self.story_title,
            "hedged": self.hedged,
            "speaker": self.speaker,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClaimFacts:
        p = data["period"]
        return cls(
            published=date.fromisoformat(data["published"]),
            text=data["text"],
            claimant=data["claimant"],
            claimant_name=data["claimant_name"],
            side=data["side"],
            quantities=tuple(_quantity_from_json(q) for q in data["quantities"]),
            period=Period(
                date.fromisoformat(p["start"]) if p["start"] else None,
                date.fromisoformat(p["end"]),
                bool(p["explicit"]),
                p["text"],
                bool(p.get("partial", False)),
            ),
            places=frozenset(data["places"]),
            place_names=tuple(data["place_names"]),
            inferred_places=bool(data.get("inferred_places", False)),
            terms=frozenset(data["terms"]),
            actors=frozenset(data.get("actors", ())),
            subjects=frozenset(data.get("subjects", ())),
            story=data.get("story"),
            story_title=data.get("story_title"),
            hedged=bool(data.get("hedged", False)),
            speaker=data.get("speaker"),
        )


def _quantity_json(q: Quantity) -> dict[str, Any]:
    high = q.interval.high if math.isfinite(q.interval.high) else None
    return {
        "measure": q.measure,
        "category": q.category,
        "side": q.side,
        "side_text": q.side_text,
        "low": q.interval.low,
        "high": high,
        "text": q.text,
        "forecast": q.forecast,
        "when": q.when,
        "where": list(q.where),
    }


def _quantity_from_json(d: dict[str, Any]) -> Quantity:
    high = math.inf if d["high"] is None else float(d["high"])
    return Quantity(
        d["measure"],
        d["category"],
        d["side"],
        Interval(float(d["low"]), high),
        d["text"],
        d["side_text"],
        bool(d.get("forecast", False)),
        d.get("when"),
        tuple(d.get("where", ())),
    )


@dataclass(frozen=True, slots=True)
class LinkKeys:
    """Keys storage indexes a claim under, and the publication dates to look between."""

    quantities: tuple[str, ...]
    places: tuple[str, ...]
    claimant: str | None
    terms: tuple[str, ...]
    since: date
    until: date

    def keys(self) -> tuple[str, ...]:
        out = [f"q:{k}" for k in self.quantities]
        out += [f"p:{k}" for k in self.places]
        if self.claimant:
            out.append(f"c:{self.claimant}")
        out += [f"t:{k}" for k in self.terms]
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Link:
    """How two claims relate; `topic` names the shared quantity when there is one."""

    score: float
    kind: LinkKind
    reason: str
    topic: str | None = None
    figures: tuple[str, str] | None = field(default=None)
    """The two figures as written, earlier claim first, when the link is about a quantity."""


# ----------------------------------------------------------------------------------------------
# Facts


def facts_of_article(extraction: Extraction, published: date) -> list[ClaimFacts]:
    """Facts of every claim of one article, in order, using what the article tells beyond each
    sentence: a claim that names no place inherits the article's main place ("only 6 of the
    drones were intercepted" in a story about Korvin: the places of the nearest claim before it
    that names one, else the article's most named place); a word that is a place elsewhere in the
    article is one here ("Lenne has been without water"); "the ministry", "Berg" and "Ministry
    spokeswoman Anna Berg" resolve to the body named before them, and take its side."""
    main, known = article_places(extraction)
    claimants = article_claimants(extraction)
    out: list[ClaimFacts] = []
    title = extraction.title or ""
    title_places = find_places(title) or _places_in(title, known)
    # the places of the closest claim before that names its own; at first the headline's one
    # place ("Tolvik toll rises ..."), else the one named most (a round-up names several)
    nearest = title_places if len(title_places) == 1 else main
    filed = extraction.dateline
    if filed and not country_name(filed) and re.search(rf"\b{re.escape(filed)}\b", title):
        # "HALDEN, Feb 7 - ..." under a headline on Halden and Ostrovo: filed where it happened
        nearest = (filed,)
    # event word → places of the last claim naming both, and where that claim ends
    where: dict[str, tuple[tuple[str, ...], int]] = {}
    if title_places:
        where.update(dict.fromkeys(_events(title), (title_places, 0)))
    previous: Claim | None = None
    nearest_end = 0  # where the claim that gave `nearest` ends
    claimed = [(c.sentence.start, c.sentence.end) for c in extraction.claims]
    states = _state_sides(
        [
            title,
            *(c.sentence.text for c in extraction.claims),
            # places of sentences that are no claims: "a briefing in Eastport" names the state
            *(" ".join(places) for _, places in extraction.scenes),
        ]
    )
    for claim, (key, side) in zip(extraction.claims, claimants, strict=True):
        events = _events(claim.sentence.text)
        # "put the number at nearly 50,000" refers to the figures of the claim just before
        antecedents: tuple[Quantity, ...] = ()
        if out and previous is not None and claim.sentence.start - previous.sentence.end < 600:
            antecedents = next((f.quantities for f in reversed(out[-3:]) if f.quantities), ())
        # "injured in the collision": the collision's place, though a paragraph on other news
        # came in between
        # "In Velmar, a barman died ...": a sentence that is no claim sets the scene, when it
        # comes after the claim or headline that named the place otherwise chosen
        place, at = next((where[e] for e in events if e in where), (nearest, nearest_end))
        default = _scene(extraction.scenes, claimed, at, claim.sentence.start) or place
        facts = facts_of(
            claim,
            published,
            claimant=key,
            claimant_side=side,
            default_places=default,
            known_places=known,
            antecedents=antecedents,
            state_sides=states,
        )
        previous = claim
        if facts.place_names and not facts.inferred_places:
            nearest, nearest_end = facts.place_names, claim.sentence.end
            where.update(dict.fromkeys(events, (facts.place_names, claim.sentence.end)))
        own_when = find_when(claim.content.text)
        own_same = _SAME_PERIOD.search(claim.content.text) and not own_when
        # "put its own dead at 84 for the same period on Monday": Monday is when it said so
        said_day = facts.period.text is not None and _WEEKDAY_ONLY.fullmatch(facts.period.text)
        if (own_same or said_day or not facts.period.explicit) and _SAME_PERIOD.search(
            _context_text(claim)
        ):
            # "over the same period": the period of the closest claim before that gives one
            earlier = next((f.period for f in reversed(out) if f.period.explicit), None)
            if earlier is not None:
                facts = replace(facts, period=earlier)
        if out and not facts.period.explicit and _SAME_COUNT.match(claim.content.text):
            # "the real number was well over 200", right after "149 killed since November":
            # the count of the claim before, over its period
            told = out[-1]
            shared = {quantity_key(q) for q in told.quantities}
            if told.period.explicit and any(quantity_key(q) in shared for q in facts.quantities):
                facts = replace(facts, period=told.period)
        out.append(facts)
    return out


_STATE_NAME = re.compile(
    r"\b(?!The\b|This\b|That\b)([A-Z][a-z]+) ("
    + "|".join(sorted(w.capitalize() for w in STATE_WORDS))
    + r")\b"
)


def _state_sides(texts: Sequence[str]) -> dict[str, tuple[str, str]]:
    """ "the Federation" where the article names the Eastern Federation: the side "federation"
    is "eastern", when the article names one state so. Word → (side, name)."""
    found: dict[str, set[tuple[str, str]]] = {}
    for text in texts:
        states = [m.group(0) for m in _STATE_NAME.finditer(text)]
        # "a briefing in Eastport": a capital names its state ("Eastern Federation") too
        states += [CAPITALS[w.lower()] for w in _CAPITALISED.findall(text) if w.lower() in CAPITALS]
        for state in states:
            m = _STATE_NAME.fullmatch(state)
            side = side_key(state) if m is not None else None
            if m is not None and side is not None:
                found.setdefault(m.group(2).lower(), set()).add((side, state))
    return {word: next(iter(named)) for word, named in found.items() if len(named) == 1}


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


_CARRYING = "bringing|taking|raising|pushing|lifting"
"""Participles of an event carrying a count on ("..., bringing the toll to 19")."""
_CARRIED = re.compile(rf"\b(?:{_CARRYING})\s*$", re.IGNORECASE)
"""The word before a claim carried by an event ("..., bringing the number of dead to ten")."""

_SAME_COUNT = re.compile(
    r"^(?:that )?(?:the|its|their) (?:(?:real|true|actual|correct|right|final) )?"
    r"(?:number|figure|toll|count|total)\b",
    re.IGNORECASE,
)
"""A claim that names its figure by the count just told ("the real number was ...")."""


_DISASTERS = (
    "collision|crash|derailment|flood|fire|blaze|explosion|blast|storm|collapse|earthquake"
    "|landslide|capsizing|sinking|leak|spill|crush|stampede|burst|avalanche"
)
"""Events with a place and a toll: shared by `_EVENT` and `_DISASTER`."""
_EVENT = re.compile(
    rf"\b({_DISASTERS}|march|rally|protest|strike|offensive|siege)(?:s|ing)?\b",
    re.IGNORECASE,
)


def _events(text: str) -> set[str]:
    return {m.lower() for m in _EVENT.findall(text)}


_COMPARED = "(?:" + "|".join(sorted(COMPARATIVES)) + ") than "
_UP_FROM = re.compile(
    r"\b(?:up|down|rising|falling) from [\w,.]+ "
    r"|\b" + _COMPARED + r"(?:it|they|he|she|the \w+) (?:had )?"
    r"(?:acknowledged|admitted|said|reported|gave|claimed|announced|counted|confirmed) "
    r"|\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|a few|several) " + _COMPARED
)


def _earlier_figures_time(content: str, expression: str) -> bool:
    """Whether the time words follow "up from <figure>", "five more than it acknowledged" or
    "one more than" within a few words of one clause: the earlier figure's time."""
    for m in _UP_FROM.finditer(content):
        at = content.find(expression, m.end(), m.end() + 41 + len(expression))
        if at >= 0 and not any(c in ",;" for c in content[m.end() : at]):
            return True
    return False


_SINCE_EVENT = re.compile(r"^since the ", re.IGNORECASE)
"""A count since an event ("since the first cases were reported"): the count's own time."""
_DAY_NAME = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_WEEKDAY_ONLY = re.compile(r"(?:on |last )?" + _DAY_NAME, re.IGNORECASE)
_SAME_PERIOD = re.compile(
    r"\b(?:in|over|during|for|within) (?:the|that) same (?:period|time|days?|weeks?|months?"
    r"|stretch|span|timeframe|interval)\b"
    r"|\b(?:that|the same) night\b",
    re.IGNORECASE,
)


def _scene(
    scenes: Sequence[tuple[int, tuple[str, ...]]],
    claimed: Sequence[tuple[int, int]],
    after: int,
    before: int,
) -> tuple[str, ...]:
    """The first place of the last sentence between two points that is no claim (`claimed`:
    the claims' sentences) and names one: "In Velmar, a barman died ..." sets the scene for the
    claims after it. A capital is where a government speaks and "the south" is too wide, so
    neither sets one; a claim's own sentence was read with the claim."""
    for start, names in reversed(scenes):
        if start >= before:
            continue
        if start < after:
            break
        if any(s <= start < e for s, e in claimed):
            continue
        kept = [n for n in names if not country_name(n) and place_key(n) not in AREAS]
        if kept:
            return (kept[0],)
    return ()


def article_places(extraction: Extraction) -> tuple[tuple[str, ...], frozenset[str]]:
    """The place the article names most (ties: first named), and the keys of all it names."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    names: dict[str, str] = {}
    texts = [extraction.title or ""] + [_context_text(c) for c in extraction.claims]
    officials = [c.source.text for c in extraction.claims if c.source is not None]
    for n, text in enumerate(texts + officials):
        for name in find_places(text, officials_only=n >= len(texts)):
            key = place_key(name)
            counts[key] += 1
            first.setdefault(key, len(first))
            names.setdefault(key, name)
    if not counts:
        return (), frozenset()
    best = max(counts, key=lambda k: (counts[k], -first[k]))
    return (names[best],), frozenset(counts)


_SPOKES = re.compile(
    r"^(?P<before>.*?)\b(?:spokesman|spokeswoman|spokesperson|press secretary|press officer)\b"
    r"(?:\s+(?:for|of)\s+(?P<after>.*))?",
    re.IGNORECASE,
)


def article_claimants(extraction: Extraction) -> list[tuple[str | None, str | None]]:
    """(claimant key, side) of each claim, with short and spokesperson forms resolved to the
    body named before them in the article: "General Staff spokesman Pavel Orlov" speaks for
    "the Eastern Federation's General Staff"; "the ministry" is the ministry last named."""
    out: list[tuple[str | None, str | None]] = []
    seen: list[tuple[str, str, str | None, int]] = []  # (as named, resolved, side, where)
    scenes = with_dateline(extraction.scenes, extraction.dateline)
    towns = {place_key(p) for _, places in scenes for p in places}
    # filed from a capital: its "Defence Ministry", named without a side, is that country's
    home = country_name(extraction.dateline) if extraction.dateline else None
    for claim in extraction.claims:
        name = claimant_name(claim)
        raw = claimant_key(name)
        side = _side_text_of(name, claim.claimant_role)
        if side is None and name and _is_country(name):
            side = name  # the country speaking: "Northgate said it had lost 29 drones"
        placed = _body_in_capital(claim.source.text if claim.source is not None else name)
        if side is None and placed is not None:
            side, raw = placed[0], claimant_key(" ".join(placed)) or raw
        if raw is None:
            out.append((None, side))
            continue
        body = _spokesperson_body(name or "")
        resolved, resolved_side = raw, side
        source_name = _clean_name(claim.source.text) if claim.source is not None else None
        source = claimant_key(source_name) if claim.source is not None else None
        # the source as written names no side: "the Defence Ministry", not "Northgate's"
        unqualified = _side_text_of(source_name if claim.source is not None else name, None) is None
        # "The Defence Ministry" in a story filed from Eastport, with no ministry named before,
        # is Eastport's
        as_written = source or raw
        if (
            _SPOKES.search(source_name or "")
            and len(raw.split()) >= 2
            and set(raw.split()) <= _BODY_WORDS
        ):
            as_written = raw  # "its spokeswoman", for the Defence Ministry the engine named
        home_body = (
            home is not None
            and unqualified
            and len(as_written.split()) >= 2
            and set(as_written.split()) <= _BODY_WORDS
        )
        for named, key, key_side, at in reversed(seen):
            if side and key_side and side_key(side) != side_key(key_side):
                continue  # "the Northern Defence Ministry" is never the Eastern one
            if left_town(key, raw, towns, scenes, at, claim.sentence.start):
                continue  # "Kessby police", then a section on Norrvik: its police are Norrvik's
            if raw in _FIRM_NOUNS:
                # "the company" is the last business named before it ("Sorland Rail")
                hit = key not in _FIRM_NOUNS and key.split()[-1] in _FIRM_ENDINGS
            elif body is not None:
                hit = bool(body) and set(body) <= set(key.split()) and key != raw
            else:
                # only towards a fuller name: "the ministry" → "Northern Defence Ministry",
                # never "Northern Defence Ministry" → "Northern Republic", nor "the fire
                # service" → "the service" that stood for the mountain rescue service
                words = len(raw.split())
                hit = words <= len(key.split()) and (
                    words <= len(named.split())
                    and same_claimant(raw, named)
                    or same_claimant(raw, key)
                )
            if hit:
                resolved, resolved_side = key, side or key_side
                break
        else:
            if home_body and home is not None and side is None:
                resolved = claimant_key(f"{home} {as_written}") or raw
                resolved_side = home
            elif body:
                resolved = " ".join(body)  # "General Staff spokesman Pavel Orlov": the staff
        if (
            home_body
            and home is not None
            and resolved_side is not None
            and side_key(resolved_side) != side_key(home)
            and _strikes_side(claim.content.text, resolved_side)
        ):
            # "The Defence Ministry said its crews had shot down 38 Northern drones", in a story
            # from Eastport after Northern officials spoke: Eastport's ministry, not Northgate's
            resolved = claimant_key(f"{home} {as_written}") or raw
            resolved_side = home
        capital = _lead_capital(claim)
        if capital is not None and claim.source is not None:
            if unqualified:
                # "In Northgate, a spokeswoman for the Defence Ministry": Northgate's ministry
                if resolved_side is not None and side_key(resolved_side) != side_key(capital):
                    # resolved to the other side's body named before: this is the capital's own
                    body = [w for w in resolved.split() if w in _BODY_WORDS]
                    resolved = claimant_key(" ".join([capital, *body])) or resolved
                resolved_side = capital
        seen.append((raw, resolved, resolved_side, claim.sentence.start))
        if source is not None and source != raw:
            # the words of the source too: "Ministry spokeswoman Anna Berg" lets a later
            # "Anna Berg" find the ministry the engine named
            seen.append((source, resolved, resolved_side, claim.sentence.start))
        out.append((resolved, resolved_side))
    return out


_STRIKES = re.compile(
    r"\b(?:it|we|(?:its|our) [\w-]+(?: [\w-]+)?) (?:had |have |has )?(?:shot down|brought down"
    r"|downed|destroyed|intercepted|killed|captured) (?:[\w,]+ ){0,3}?([A-Z][\w-]+)"
)


def _strikes_side(content: str, side: str) -> bool:
    """Whether the speaker says its own forces hit `side` ("its crews had shot down 38
    Northern drones"): a body does not boast of downing its own side's drones."""
    m = _STRIKES.search(content)
    return m is not None and side_key(m.group(1)) == side_key(side)


_BODY_WORDS = frozenset(
    "defence defense foreign interior health emergency ministry general staff army government "
    "command forces military".split()
)


_IN_CAPITAL = re.compile(
    r"^(?:the\s+)?(?P<body>[\w\s]+?)\s+in\s+(?P<capital>[A-Z][\w-]+)\W*$", re.I
)


def _body_in_capital(name: str | None) -> tuple[str, str] | None:
    """ "The General Staff in Eastport": (the capital's country, the body), since a government
    body placed in a capital is that country's."""
    m = _IN_CAPITAL.match(name.strip()) if name else None
    if m is None or not set(m.group("body").lower().split()) <= _BODY_WORDS:
        return None
    country = country_name(m.group("capital"))
    return (country, m.group("body")) if country else None


def _lead_capital(claim: Claim) -> str | None:
    """The country of the capital a claim's sentence opens with ("In Moscow, the ministry
    said ..."), which is where the speaker is."""
    m = _LEAD_PLACE.match(claim.sentence.text)
    if m is None:
        return None
    place = m.group(0).strip().rstrip(",").split(None, 1)[-1]
    return country_name(place)


_FIRM_NOUNS = frozenset("company firm operator carrier airline railway insurer owner".split())
_FIRM_ENDINGS = frozenset(
    "rail railways railway airlines airline air energy group inc ltd plc corp corporation "
    "company minerals mining motors holdings shipping lines logistics power telecom".split()
)


_POLICE_RANK = re.compile(
    r"(?:the\s+)?(?:chief\s+|detective\s+|police\s+)?"
    r"(?:inspector|superintendent|sergeant|constable)\b",
    re.IGNORECASE,
)
"""A police officer by rank ("Inspector Ola Brandt") speaks for the police, as a spokesperson
speaks for the body."""


def _spokesperson_body(name: str) -> list[str] | None:
    """The body a spokesperson speaks for, as key words ("General Staff spokesman Pavel Orlov" →
    ["general", "staff"]); None when the claimant is no spokesperson."""
    m = _SPOKES.search(name)
    if m is None:
        return ["police"] if _POLICE_RANK.match(name) else None
    body = m.group("after") or m.group("before")
    key = claimant_key(re.sub(r"['’]s\s*$", "", body.strip()))  # "The General Staff's spokesman"
    return key.split() if key else []


def facts_of(
    claim: Claim,
    published: date,
    *,
    claimant: str | None = None,
    claimant_side: str | None = None,
    default_places: Sequence[str] = (),
    known_places: Collection[str] = (),
    antecedents: Sequence[Quantity] = (),
    state_sides: Mapping[str, tuple[str, str]] | None = None,
) -> ClaimFacts:
    """Facts of one claim of an article published on `published`. `claimant` overrides the
    claimant key (storage's canonical claimant id); `claimant_side` overrides the side "our"
    refers to when the caller knows it better than the claimant's name tells; `default_places`
    stand in when the claim names none; `known_places` (keys) are places named elsewhere in the
    article (see `facts_of_article`); `antecedents` are the figures of the claim just before,
    which "the figure", "the number" or "it" may refer to; `state_sides` reads a short side
    ("federation") as the state the article names so (see `_state_sides`)."""
    states = state_sides or {}
    name = claimant_name(claim)
    key = claimant if claimant is not None else claimant_key(name)
    side_text = _side_text_of(name, claim.claimant_role)
    if side_text is None and name and _is_country(name):
        side_text = name  # "Northgate put its losses at 21": the capital is its government
    side = (
        side_key(claimant_side) if claimant_side else (side_key(side_text) if side_text else None)
    )
    if claimant_side:
        side_text = claimant_side
    if side is not None and side in states:
        side, side_text = states[side]
    content = _with_elliptical_tail(claim)
    said = _SPEECH_TIME.search(claim.sentence.text)
    if said is not None:
        spoken = said.group(0).split(None, 1)[-1]  # "on Monday" of "said on Monday"
        if content.startswith(spoken + " "):
            # "said on Monday it had lost 21 drones": the parse put the day in the content
            content = content[len(spoken) + 1 :]
    context = _context_text(claim)
    quantities = quantities_of(
        claim.figures,
        content,
        claim.content.start,
        own_side=side,
        own_side_text=side_text,
        context=claim.sentence.text,
        antecedents=antecedents,
    )
    # the engine's time words count only where they are the claim's, not the day it was said
    given = claim.when if claim.when and (claim.when in content or claim.when in context) else None
    # "a woman who had lived there since November, who had fled her village on the west bank":
    # one person's time and place, not the claim's
    content_at, context_at = _RELATIVE.sub("", content), _RELATIVE.sub("", context)
    if given and given not in content_at and given not in context_at:
        given = None
    own = find_when(content_at)
    if given and own and own != given and given not in own and _SINCE_EVENT.search(own):
        given = own  # "206 had fallen ill since the first cases were reported earlier this month"
    wide = find_when(context_at)
    at = claim.sentence.text.find(content)
    if not own and at > 0 and _CARRIED.search(claim.sentence.text[:at]):
        # "40 went home on Tuesday, ..., bringing the number recovered to 591": a total so far,
        # not Tuesday's
        given, wide = None, "bringing the total"
    for longer in (own, wide):
        if given and longer and given in longer:
            given = longer  # "since the battle began on December 22", not the day alone
            break
    period = resolve(None, published)
    for expression in (given, own, wide):
        if expression and any(_earlier_figures_time(t, expression) for t in (content, context)):
            continue  # "148 had fallen ill, up from 61 on Monday": Monday is the 61's
        period = resolve(expression, published)
        if period.explicit:
            break
    else:
        period = _as_said(claim.sentence.text, published) or resolve(None, published)
    if _event_toll(quantities, content, claim.sentence.text, period):
        # "20 people had been killed" in the fire, said on Saturday: the fire's toll so far
        period = Period(None, period.end, True, "death toll")
    elif _disasters_day(quantities, content, period):
        # "13 dead from Thursday's care-home fire": Thursday is the fire's; the dead are its
        # toll so far
        period = Period(None, published, True, "death toll")
    elif (
        quantities and all(q.measure == "present" for q in quantities) and _AT_EVENT.search(content)
    ):
        # "at least 640 people had been inside when the fire started": the moment of the event,
        # whenever it is told
        period = Period(None, period.end, True, "when it happened")
    quantities = _own_times(quantities, content, period)
    quantities = _own_places(quantities, content, known_places)
    if key is not None and _HUMANITARIAN.search(key):
        # the Red Cross's "at least 186 dead" in a shelled city: aid bodies count civilians
        quantities = [
            replace(q, category="civilians")
            if q.category == "people" and q.side is None and q.measure in _HARMED
            else q
            for q in quantities
        ]
    quantities = [
        replace(q, side=states[q.side][0], side_text=states[q.side][1])
        if q.side is not None and q.side in states
        else q
        for q in quantities
    ]
    sides = {side} | {q.side for q in quantities}
    engine_places = [
        p
        for p in claim.places
        if (p in content_at or p in context_at)
        and side_key(p) not in sides
        and p not in (name or "")
        and not in_institution(claim.sentence.text, max(0, claim.sentence.text.find(p)))
    ]
    named = tuple(
        dict.fromkeys([*engine_places, *_places_in(content_at, known_places)])
    ) or find_places(context_at)
    # "told reporters in Eastport": a capital outside the content is where the speaker is
    named = tuple(p for p in named if not (country_name(p) and p not in content))
    lead = _LEAD_PLACE.match(claim.sentence.text)
    if lead is not None:
        # "In Northgate, the Defence Ministry said ...": the speaker's capital, no claim's place
        named = tuple(p for p in named if not (p in lead.group(0) and country_name(p)))
    if not named:
        named = _lead_places(claim.sentence.text)
    if named and claim.source is not None and all(place_key(p) in AREAS for p in named):
        # "In the north, the mountain rescue service at Skarn said": Skarn is the place
        named = find_places(claim.source.text) or named
    if not named and claim.source is not None:
        named = find_places(claim.source.text, officials_only=True)
    names = named or tuple(default_places)
    if named and all(not n[:1].isupper() and place_key(n) not in AREAS for n in named):
        # "captured on the west bank", "in the eastern district": of the town the story is on
        names = tuple(dict.fromkeys([*named, *default_places]))
    place_keys = frozenset(place_key(n) for n in names)
    actors = {states[a][0] if a in states else a for a in _actors(content)} - place_keys
    if side:
        actors.add(side)
    actors |= {q.side for q in quantities if q.side and not q.side.startswith("!")}
    subjects = {quantity_key(q) for q in quantities if not q.forecast} or _subjects_named(content)
    story = story_for(quantities, names, inferred=not named and bool(names))
    return ClaimFacts(
        published=published,
        text=content,
        claimant=key,
        claimant_name=name,
        side=side,
        quantities=tuple(quantities),
        period=period,
        places=place_keys,
        place_names=names,
        inferred_places=not named and bool(names),
        terms=content_terms(content),
        actors=frozenset(actors),
        subjects=frozenset(subjects),
        story=story.key if story else None,
        story_title=story.title if story else None,
        hedged=claim.hedged,
        speaker=claimant_key(claim.speaker) if claim.speaker else None,
    )


_CLAUSE_BREAK = re.compile(
    r",\s+(?:adding|and|but|while|whereas|saying|although|though|out of|" + _CARRYING + r"|putting"
    r"|for a total"
    r"|which (?:takes|took|brings|brought|raises|raised|lifts|lifted|puts|put|pushes|pushed))\b"
    r"|;\s*"
    r"|\s+(?:and that|but|while|whereas)\b",
    re.IGNORECASE,
)


def _own_times(quantities: list[Quantity], content: str, period: Period) -> list[Quantity]:
    """Figures of one claim given for different times ("only four drones lost on Monday night,
    adding that losses since the beginning of December stood at 55"): each keeps the time
    words of its own clause, where they differ from the claim's; so does a lone figure whose
    clause is not the one the claim's time came from ("... on Thursday night, and losses this
    year now total 91")."""
    if not quantities:
        return quantities
    breaks = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(content)), len(content)]
    if len(breaks) == 2:
        return quantities
    out = []
    for q, n in zip(quantities, _piece_of_each(quantities, content, breaks), strict=True):
        own = find_when(content[breaks[n] : breaks[n + 1]]) if n is not None else None
        if own and own != period.text and resolve(own, period.end).explicit:
            q = replace(q, when=own)
        out.append(q)
    return out


def _piece_of_each(
    quantities: Sequence[Quantity], content: str, breaks: list[int]
) -> list[int | None]:
    """The piece of `content` (between consecutive `breaks`) each figure stands in, in text
    order; None for a figure not found in it."""
    out: list[int | None] = []
    cursor = 0
    for q in quantities:
        at = content.find(q.text, cursor)
        if at < 0:
            out.append(None)
            continue
        cursor = at
        out.append(max(i for i, b in enumerate(breaks[:-1]) if b <= at))
    return out


_LIST_ITEM = re.compile(r",\s+(?:and\s+)?|;\s*")


def _own_places(quantities: list[Quantity], content: str, known: Collection[str]) -> list[Quantity]:
    """Figures of one claim given place by place ("between 650 and 950 at Ostrovo, 320 to 480
    at Tarva, and 1,400 to 2,000 around Lenne"): each keeps the places of its own list item,
    when the items name different places."""
    if len(quantities) < 2:
        return quantities
    breaks = [0, *(m.end() for m in _LIST_ITEM.finditer(content)), len(content)]
    if len(breaks) == 2:
        return quantities
    items = [content[lo:hi] for lo, hi in zip(breaks, breaks[1:], strict=False)]
    places = [frozenset(place_key(p) for p in _places_in(item, known)) for item in items]
    if len({p for p in places if p}) < 2:
        return quantities
    return [
        replace(q, where=tuple(sorted(places[n]))) if n is not None and places[n] else q
        for q, n in zip(quantities, _piece_of_each(quantities, content, breaks), strict=True)
    ]


def _period_of(f: ClaimFacts, q: Quantity) -> Period:
    return f.period if q.when is None else _resolved(q.when, f.published)


@functools.lru_cache(maxsize=4096)
def _resolved(expression: str, published: date) -> Period:
    return resolve(expression, published)


def _as_said(sentence: str, published: date) -> Period | None:
    """An undated figure "said on Monday" is the figure as it stood on Monday, not on the day
    the article came out: Monday's 9 dead and Tuesday's 14 are two days' figures."""
    said = _SPEECH_TIME.search(sentence)
    if said is None:
        return None
    day = resolve(find_when(said.group(0)), published)
    if not day.explicit or day.start is None or day.end >= published:
        return None
    return Period(day.end - timedelta(days=IMPLICIT_DAYS), day.end, False, None)


_LEAD_PLACE = re.compile(
    r"^\s*(?:In|At|Near|Inside|Outside|Around|Over|Off|Across)\s+[^,.;:]{1,40},"
)


def _lead_places(sentence: str) -> tuple[str, ...]:
    """The place a sentence opens with ("In Brisk, the ministry said ...", "At the Harl mine,
    the company said ..."): where its claim is, when the claim names no place of its own."""
    m = _LEAD_PLACE.match(sentence)
    if m is None:
        return ()
    lead = m.group(0).lstrip()
    found = find_places(lead[0].lower() + lead[1:])
    # "In Northgate, the Defence Ministry said ...": where the speaker is, not the fighting
    return tuple(p for p in found if country_name(p) is None)


def _places_in(content: str, known: Collection[str]) -> tuple[str, ...]:
    """Places of the content: after place words, or any name the article uses as a place."""
    found = list(find_places(content))
    if known:
        keys = {place_key(n) for n in found}
        for m in _ACTOR_RUN.finditer(content):
            key = place_key(m.group(0))
            if key in known and key not in keys:
                found.append(m.group(0).replace("’", "'").removesuffix("'s"))
                keys.add(key)
    return tuple(found)


_ACTOR_RUN = re.compile(r"(?<![.!?]\s)\b[A-Z][\w\-']*(?:\s+[A-Z][\w\-']*)*")
_NOT_ACTORS = frozenset(
    "our we it its they their he she his her i the a an this that these those there "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def _actors(text: str) -> list[str]:
    """Sides and bodies the content names ("the Unity Party", "Northern drones") as side keys."""
    out = []
    for m in _ACTOR_RUN.finditer(text):
        if m.group(0).split()[0].lower() in _NOT_ACTORS:
            continue
        key = side_key(m.group(0))
        if key and key not in _NOT_ACTORS:
            out.append(key)
    return out


_SUBJECT_WORDS = {
    "turnout": "share/turnout",
    "inflation": "share/inflation",
    "unemployment": "share/unemployment",
    "poll": "share/support",
    "polls": "share/support",
    "polling": "share/support",
    "survey": "share/support",
}


def _subjects_named(text: str) -> set[str]:
    """What a claim without figures is about, when it names a measured subject ("the official
    turnout figures were impossible")."""
    words = set(re.findall(r"[a-z]+", re.sub(r"polling stations?", " ", text.lower())))
    return {key for word, key in _SUBJECT_WORDS.items() if word in words}


_SPEECH_TIME = re.compile(
    r"\b(?:said|says|told\s+(?:\w+\s+)?(?:reporters|journalists|parliament|lawmakers|[A-Z]\w+)|"
    r"added|announced|stated|claimed|reported|insisted|warned|confirmed|wrote|posted)"
    r"(?:\s+(?:on|late|early))?\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today)"
    r"(?:\s+(?:night|morning|afternoon|evening))?",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"(?:^|\n)\s*[A-Z][\w.'’\- ]{1,40}(?::|,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*(?:\([^)\n]{1,60}\))?"
    r"\s*[-–—])\s"
)
"""An article's "Aldora City:" opening says where it was filed, not what a claim is about."""
_ACCORDING = re.compile(r"\baccording to\b[^,.;]*", re.IGNORECASE)


def _context_text(claim: Claim) -> str:
    """The claim's sentence without its source, cue, "according to ..." and the day it was said:
    "the mayor of Lenne said on Monday" names neither where nor when the claim is about."""
    sentence = claim.sentence
    text = _SPEECH_TIME.sub(_blank, sentence.text)
    for span in (claim.source, claim.cue):
        if span is None:
            continue
        start, end = span.start - sentence.start, span.end - sentence.start
        if 0 <= start < end <= len(text):
            text = text[:start] + " " * (end - start) + text[end:]
    text = _DATELINE.sub(_blank, text)
    return _ACCORDING.sub(_blank, text)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


_PRONOUNS = frozenset("he she they it we i you him her them this that who which one".split())
_GENERIC = frozenset(
    "officials official sources source reports report analysts experts witnesses residents "
    "observers critics media people someone many some others authorities statement".split()
)
_TITLES = frozenset(
    "mr mrs ms dr col colonel lt lieutenant maj major capt captain sgt sergeant gen "
    "spokesman spokeswoman spokesperson press secretary official head chief deputy "
    "the a an of for".split()
) | {"regional"}  # "the regional ambulance service" is the country's ambulance service
_INSTITUTIONS = frozenset(
    "ministry staff army government commission office party agency police council committee "
    "forces military command service services headquarters bank alliance institute pulse "
    "research centre center union federation republic front movement".split()
)


def claimant_key(name: str | None) -> str | None:
    """A claimant's name reduced so that repeat mentions meet: "the Northern Republic's Defence
    Ministry" → "northern republic defence ministry"; pronouns and generic groups → None."""
    name = _clean_name(name)
    if not name:
        return None
    words = re.findall(r"[\w\-]+", name.replace("’", "'").lower().replace("'s ", " "))
    words = [w.removesuffix("'s") for w in words]
    # "Northgate's Defence Ministry" is the Northern Republic's: a capital stands for its country
    # when it is the whole name or names a body ("Paris Hilton", "Washington Post" stay)
    if words and words[0] in CAPITALS and (len(words) == 1 or words[1] in _BODY_WORDS):
        words = [*CAPITALS[words[0]].lower().split(), *words[1:]]
    if not words or (len(words) == 1 and words[0] in _PRONOUNS | _GENERIC):
        return None
    if all(w in _PRONOUNS | _GENERIC | _TITLES for w in words):
        return None
    kept = [w for w in words if w not in _TITLES]
    return " ".join(kept) or None


def claimant_name(claim: Claim) -> str | None:
    """The claimant as the article names them: the source words when they name the claimant more
    fully ("The Eastern Federation's General Staff" for "Eastern Federation", "Ministry
    spokeswoman Anna Berg" for "Ministry"), else the engine's resolved name ("He" → "Orlov")."""
    name = _clean_name(claim.claimant)
    source = _clean_name(claim.source.text) if claim.source is not None else None
    if source is None or claimant_key(source) is None:
        return name
    if name is None:
        return source
    named = set(re.findall(r"[a-z]+", name.lower()))
    fuller = set(re.findall(r"[a-z]+", source.lower()))
    return source if named <= fuller else name


def _clean_name(name: str | None) -> str | None:
    """The claimant as one line: a headline glued to the first sentence is not part of a name."""
    if name is None:
        return None
    name = " ".join(name.strip().split("\n")[-1].split())
    # "Eastport's General Staff, which has never published a toll," is Eastport's General Staff
    name = _ASIDE.sub("", name).strip(" ,")
    # "A Civic Pulse survey conducted between December 27 and 30" is Civic Pulse's survey
    name = _FIELDWORK.sub("", name).strip(" ,")
    # "The Defence Ministry's afternoon summary" speaks for the ministry
    name = _DOCUMENT_OF.sub("", name).strip(" ,")
    m = _NAME_THEN_ROLE.match(name)
    return (m.group(1) if m else name) or None


_ASIDE = re.compile(
    r",\s*(?:who|which|whose|where|speaking|writing|polling|citing|quoting|according|"
    r"in a|on|at)\b.*$",
    re.IGNORECASE,
)
_DOCUMENT_OF = re.compile(
    r"['’]s\s+(?:[a-z-]+\s+){0,2}(?:" + "|".join(sorted(DOCUMENT_HEADS)) + r")$", re.IGNORECASE
)
_FIELDWORK = re.compile(
    r"\s+(?:conducted|taken|carried out|published|released|done|held|in the field)\b.*$",
    re.IGNORECASE,
)
_NAME_THEN_ROLE = re.compile(
    r"^(?!(?:In|At|Near|Inside|Outside|Around|On|From|After)\b)"
    r"([A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*)*),\s*(?:the|a|an|its|their)\s.*$"
)
""""Nordline, the ferry's operator": the name before the role."""


_TAIL = re.compile(
    r"^\s*,?\s*(?:and|but|while|with)\s+"
    # "put the toll at 13 and the number missing at three": a second count put at its figure
    r"(?:the\s+(?:number|count|toll|total)\s+(?:[a-z]+\s+){0,3}at\s+)?"
    r"(?:(?:more than|about|nearly|some|almost|over|at least"
    r"|roughly|around|close to)\s+)?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|a dozen|dozens|hundreds)\b)"
)


def _with_elliptical_tail(claim: Claim) -> str:
    """The content with a figure the engine left after it: "it had downed 26 drones on Saturday
    night alone, and 74 since January 1" is one claim of two figures."""
    content = claim.content.text
    sentence = claim.sentence.text
    end = claim.content.end - claim.sentence.start
    if not 0 < end <= len(sentence) or sentence[:end][-len(content) :] != content:
        return content
    tail = sentence[end:]
    if not _TAIL.match(tail):
        return content
    stop = re.search(r"[.;:!?]|,\s*(?:and\s+)?(?:said|says|according)\b|\s[\"“]", tail)
    return content + tail[: stop.start() if stop else len(tail)].rstrip(" ,")


def _one_government(a: ClaimFacts, b: ClaimFacts) -> bool:
    """ "Northgate" and "the Northern Defence Ministry": a country and its ministries, staff and
    army speak with one official voice, whose figures form one series."""
    return a.side is not None and a.side == b.side and _official(a) and _official(b)


def _official(f: ClaimFacts) -> bool:
    if f.claimant is None or f.side is None:
        return False
    if f.claimant_name and _is_country(f.claimant_name):
        return True
    rest = [w for w in f.claimant.split() if side_key(w) != f.side]
    return bool(rest) and set(rest) <= _BODY_WORDS | {"republic", "federation"}


def _same_speaker(a: ClaimFacts, b: ClaimFacts) -> bool:
    """ "Anna Berg, spokeswoman for the Northern Defence Ministry" in one story and
    "spokeswoman Anna Berg" in the next: one voice. A surname alone is not enough here."""
    if a.speaker is None:
        return False
    other = b.speaker or b.claimant
    return other is not None and len(other.split()) >= 2 and same_claimant(a.speaker, other)


def same_claimant(a: str | None, b: str | None) -> bool:
    """Keys equal, or one names the other more fully: "defence ministry" and "northern republic
    defence ministry"; "kovac" and "marta kovac"."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    small, large = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if not set(small) <= set(large):
        return False
    if len(small) >= 2:
        return True
    # one word: a surname or a short reference ("the commission") to the name it ends
    return small[0] == large[-1]


_STATE = re.compile(
    r"(?:the\s+)?(?:[A-Z][\w'-]+\s+)+(?:Republic|Federation|Kingdom|Union|States|Emirates)",
)


def _is_country(name: str) -> bool:
    """A country or its capital speaking as itself: "Russia", "Northgate", "the Northern
    Republic" (a name made like a state's, for countries the built-in list lacks)."""
    return country_name(name) is not None or _STATE.fullmatch(name.strip()) is not None


def _side_text_of(name: str | None, role: str | None) -> str | None:
    """The side in a claimant's name or role: the words before the institution ("Eastern
    Federation" in "Eastern Federation General Staff"), or after "of the"."""
    for text in (name, role):
        if not text:
            continue
        words = text.replace("’", "'").split()
        run: list[str] = []
        for w in words:
            bare = w.removesuffix("'s").strip(",.")
            if bare.lower() in _INSTITUTIONS | {"defence", "defense", "general", "foreign"}:
                if run and bare.lower() not in ("federation", "republic"):
                    return " ".join(run)
                if bare.lower() in ("federation", "republic") and run:
                    run.append(bare)
                    continue
                run = []
                continue
            if w[:1].isupper() and bare.lower() not in ("the", "a", "an"):
                run.append(bare)
                if w.endswith("'s"):
                    return " ".join(run)
            else:
                run = []
        m = re.search(r"\bof (?:the )?((?:[A-Z][\w]*\s?)+)", text)
        if m is not None:
            found = _side_text_of(m.group(1).strip(), None)
            if found:
                return found
    return None


_STOPWORDS = frozenset(
    "the a an and or but of to in on at by for with from into over under about around than then "
    "that this these those there their they them he she it its his her we our us you your i "
    "was were is are be been being has have had do does did not no nor so as if while also "
    "would could should will shall may might must can said says say told tell added claimed "
    "more most less least some any all each other such only just very still even after before "
    "since during against between among per cent percent last past next first second new "
    "according which who whom whose what when where why how because until again further once "
    "here both few many much own same too up down out off above below yesterday today "
    "monday tuesday wednesday thursday friday saturday sunday week weeks day days hours "
    "night morning evening month year".split()
)


def content_terms(text: str) -> frozenset[str]:
    """Content words, crudely stemmed, for overlap between claims."""
    words = re.findall(r"[^\W\d_][\w\-']+", text.lower().replace("’", "'"))
    out = set()
    for w in words:
        w = w.removesuffix("'s")
        if len(w) < 4 or w in _STOPWORDS:
            continue
        out.add(_stem(w))
    return frozenset(out)


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# ----------------------------------------------------------------------------------------------
# Keys


_FAMILY = {
    "killed": "casualties",
    "wounded": "casualties",
    "captured": "casualties",
    "missing": "casualties",
    "casualties": "casualties",
    "charged": "arrested",
}
_CATEGORY_FAMILY = dict.fromkeys(
    ("soldiers", "civilians", "people", "supporters", "workers", "passengers"), "personnel"
)


def quantity_key(q: Quantity) -> str:
    """Coarse on purpose: "killed soldiers" and "losses of people" must meet as candidates."""
    measure = _FAMILY.get(q.measure, q.measure)
    category = size_base(q.category) if q.measure == "size" else q.category
    return f"{measure}/{_CATEGORY_FAMILY.get(category, category)}"


def link_keys(facts: ClaimFacts) -> LinkKeys:
    """Keys to fetch a new claim's candidates by (see the module docstring)."""
    quantities = tuple(sorted({quantity_key(q) for q in facts.quantities}))
    terms = sorted(facts.terms - facts.places, key=lambda t: (-len(t), t))[:MAX_TERM_KEYS]
    start = facts.period.start or facts.published
    return LinkKeys(
        quantities=quantities,
        places=tuple(sorted(facts.places)),
        claimant=facts.claimant,
        terms=tuple(sorted(terms)),
        since=min(start, facts.published) - timedelta(days=LINK_WINDOW_DAYS),
        until=facts.published + timedelta(days=LINK_WINDOW_DAYS),
    )


# ----------------------------------------------------------------------------------------------
# Relating two claims


Relation = Literal["same", "a_in_b", "b_in_a", "mixed"]
"""How two figures' counts relate: the same count, one a part of the other (killed within all
losses, a day's toll within a later running total, turnout by 6 pm within the day's), or
overlapping in ways that allow no comparison."""


@dataclass(frozen=True, slots=True)
class _Match:
    strength: float
    relation: Relation
    qa: Quantity
    qb: Quantity


def relate(a: ClaimFacts, b: ClaimFacts) -> Link | None:
    """The link between two claims (see the module docstring), or None."""
    if _order(b) < _order(a):
        a, b = b, a
    # "the Northern ministry" and "the Eastern Federation's Defence Ministry" are two bodies
    same = (
        same_claimant(a.claimant, b.claimant)
        or _same_speaker(a, b)
        or _same_speaker(b, a)
        or _one_government(a, b)
    ) and not (a.side and b.side and a.side != b.side)
    if not (same or _share_anything(a, b)):
        return None  # most candidates: nothing in common, no need to score
    if same and a.text == b.text and a.published == b.published:
        # one statement met twice (a story forwarded again, or two of its figures): no series
        return Link(1.0, "related", f"The same statement by {_who(a)}, told again.")
    match = _quantity_match(a, b, same)
    if match is not None:
        return _quantity_link(a, b, match, same)
    score = _relatedness(a, b, same)
    if score < LINK_THRESHOLD:
        return None  # most candidates: the reason is written only for the links kept
    return Link(round(score, 3), "related", _relatedness_reason(a, b, same))


K = TypeVar("K")


def best_links(
    new: ClaimFacts, candidates: Iterable[tuple[K, ClaimFacts]], limit: int = 20
) -> list[tuple[K, Link]]:
    """The links of a new claim to stored candidates (id, facts): contradictions first, then
    series, then plain relations, each strongest first; at most `limit`."""
    found = [(key, link) for key, facts in candidates if (link := relate(new, facts)) is not None]
    rank = {"contradiction": 0, "update": 1, "related": 2}
    found.sort(key=lambda kl: (rank[kl[1].kind], -kl[1].score))
    return found[:limit]


def _share_anything(a: ClaimFacts, b: ClaimFacts) -> bool:
    return bool(
        a.places & b.places
        or a.subjects & b.subjects
        or a.terms & b.terms
        or a.actors & b.actors
        or (a.story is not None and a.story == b.story)
    )


def _order(f: ClaimFacts) -> tuple[date, str, str]:
    """Earlier claim first; ties broken by name and text so that relate(a, b) == relate(b, a)."""
    return f.published, f.claimant_name or "", f.text


_SIDED = frozenset({"soldiers", "tanks", "vehicles", "artillery", "aircraft", "drones", "ships"})
"""Counts that belong to one side of a conflict: without a side they could be anyone's."""

RUNNING_SAME_DAYS = 3
"""Running totals given at most this many days apart are one count (neither can have grown
much); further apart, the earlier is a part of the later."""

_CIVILIANS = frozenset({"people", "civilians"})
_CIVILIAN_MEASURES = frozenset({"displaced", "evacuated", "remaining", "returned"})
"""Counts of people that are counts of civilians: the people who fled a town are its civilians
(while "people killed" may include soldiers)."""

_DEAD = frozenset({"killed", "casualties"})
"""A claimant's enemy "killed" and "losses" are one series (said loosely of the same dead);
its captured, wounded or missing are counts of their own."""

_EVENT_SHARES = frozenset({"turnout"})
"""Shares of one past event: said days apart without a date of their own, they are still of
that event (the election's turnout), not of the days before each claim."""

_PLACE_SHARES = frozenset({"territory held"})
"""Shares of a place ("85 per cent of the town"): the article's place is their scope, as for
counts."""

_RATES = frozenset({"inflation", "unemployment", "growth"})
RATE_DAYS = 45
"""An undated rate ("inflation is 15 percent") is the latest monthly figure: it meets a stated
month that ended at most this many days before."""


def _quantity_match(a: ClaimFacts, b: ClaimFacts, series: bool) -> _Match | None:
    """The pair of figures, one from each claim, that most surely count the same thing."""
    if not a.quantities or not b.quantities:
        return None
    place = _place_agreement(a, b)
    share_place = _share_scope(a, b)
    countries = _two_countries(a, b)
    best: _Match | None = None
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.percent != qb.percent or qa.forecast != qb.forecast:
                continue
            if countries and qa.percent and qa.category in _RATES:
                continue  # Aldoria's statistics office on its unemployment, Sorland's on its own
            if qa.measure == "cost" and not _one_plan(a.text, b.text):
                continue  # what the tunnel would cost and what the bridge would
            plan = _plan_cost(qa)
            scope = (
                share_place if qa.percent and qa.category not in _PLACE_SHARES or plan else place
            )
            if (qa.where or qb.where) and not qa.percent:
                scope = _places_agree(set(qa.where) or a.places, set(qb.where) or b.places)
            if scope == 0.0:
                continue
            if series and qa.measure != qb.measure and {qa.measure, qb.measure} != _DEAD:
                continue  # one claimant's captured and its losses are two counts, no series
            if series and qa.measure == qb.measure == "size" and qa.category != qb.category:
                continue  # one body's "1.5 tonnes of dead fish" and its "30 tonnes": two things
            measure = _measure_relation(qa.measure, qb.measure)
            if measure in ("a_in_b", "b_in_a") and not _part_placed(qa, qb, place):
                continue
            category = _category_relation(qa.category, qb.category)
            if {qa.category, qb.category} == _CIVILIANS and (
                qa.measure in _CIVILIAN_MEASURES
                or a.period.text == b.period.text == "death toll"
                or qa.measure == qb.measure == "killed"
                and qa.side is None
                and qb.side is None
            ):
                # people who fled are civilians who fled; a fire's dead are all civilians, and
                # so are the people a strike killed when neither claim names a side
                category = "same"
            if measure is None or category is None or not sides_comparable(qa.side, qb.side):
                continue
            # both places guessed: one article's own count and its running toll still meet
            loose = not (a.inferred_places and b.inferred_places) or a.places == b.places
            pa, pb = _period_of(a, qa), _period_of(b, qb)
            period = _period_relation(pa, pb, qa, series, current=loose, plan=plan)
            if period is None:
                continue
            side = _side_relation(qa.side, qb.side)
            relation = _combine(measure, category, period, side)
            if relation == "mixed" and period != "same" and _told_together(pa, pb):
                # a count so far only grows, but told days apart it is still one count: when
                # the two also differ in scope (one side's dead, both sides'), the scope decides
                relation = _combine(measure, category, side)
            strength = _strength(a, b, qa, qb, scope, period)
            if strength >= 0.5 and (best is None or strength > best.strength):
                best = _Match(strength, relation, qa, qb)
    return best


def _told_together(a: Period, b: Period) -> bool:
    """Two counts so far (undated, or running from a day) told a few days apart at most."""
    return (
        all(not p.explicit or p.start is None or _since(p) for p in (a, b))
        and abs((a.end - b.end).days) <= RUNNING_SAME_DAYS
    )


def _two_countries(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Whether the claimants are two countries' bodies: by their sides, or by names that differ
    only in whose body it is ("Sorland statistics office", "Federation statistics office")."""
    if a.side and b.side:
        return side_key(a.side) != side_key(b.side)
    ka, kb = (a.claimant or "").split(), (b.claimant or "").split()
    shared = 0
    while shared < min(len(ka), len(kb)) and ka[-1 - shared] == kb[-1 - shared]:
        shared += 1
    return shared > 0 and len(ka) > shared and len(kb) > shared and ka[:-shared] != kb[:-shared]


def _side_relation(x: str | None, y: str | None) -> Relation:
    """One side's dead are a part of both armies' dead."""
    if x == ALL_SIDES and y not in (None, ALL_SIDES):
        return "b_in_a"
    if y == ALL_SIDES and x not in (None, ALL_SIDES):
        return "a_in_b"
    return "same"


_PLACED_PARTS = frozenset({"charged"})
"""Parts told apart from their whole, often days later and by another body (prosecutors charge
some of the people police arrested): only a shared place ties them to one event's whole."""


def _part_placed(qa: Quantity, qb: Quantity, place: float) -> bool:
    """Whether a part and a whole may be compared at this place agreement."""
    return place == 1.0 or not ({qa.measure, qb.measure} & _PLACED_PARTS)


_CROWD_MEASURES = frozenset({"participants", "present"})
"""A rally's "attendance" and the people who "turned out" for it are one crowd."""


def _measure_relation(x: str, y: str) -> Relation | None:
    if x == y or {x, y} == _CROWD_MEASURES:
        return "same"
    if x in MEASURE_PARTS.get(y, ()):
        return "a_in_b"
    if y in MEASURE_PARTS.get(x, ()):
        return "b_in_a"
    return None


def _category_relation(x: str, y: str) -> Relation | None:
    if x == y:
        return "same"
    if not categories_comparable(x, y):
        return None
    if "people" not in (x, y):
        return "same"  # detained protesters and the party's detained supporters
    return "a_in_b" if y == "people" else "b_in_a"


def _period_relation(
    a: Period, b: Period, q: Quantity, series: bool, *, current: bool = True, plan: bool = False
) -> Relation | None:
    """One claimant's figures form a series whatever their periods, unless both name periods
    that do not meet (two nights' drone counts are two counts); other figures meet when their
    periods coincide or one lies within the other (a day's detentions within the week's)."""
    if plan and abs((a.end - b.end).days) <= PLAN_COST_DAYS:
        return "same"  # "430 million crowns for the first year", told on any day of the debate
    if series:
        if q.measure == "participants" and abs((a.end - b.end).days) > CROWD_DAYS:
            return None  # a march in November and one in January: two crowds, no series
        if _disjoint(a, b):
            # two nights' counts are two counts; one body's monthly rates are its series
            return "mixed" if q.percent and q.category in _RATES else None
        if _day_in_running(a, b) or _day_in_running(b, a):
            return None  # "38 handed over on Tuesday, 407 since January 16": two counts
        return "same" if a.total == b.total and a.partial == b.partial else "mixed"
    if q.measure == "present" and "when it happened" in (a.text, b.text):
        if a.text == b.text or not (a.explicit and b.explicit):
            return "same"  # people inside when the fire broke out, told on any day
    if q.measure in _STATES and abs((a.end - b.end).days) >= 2:
        return None  # "five still missing" on Friday, "three" on Sunday: two moments
    if (
        q.measure in ("size", "cost")
        and not (a.explicit or b.explicit)
        and abs((a.end - b.end).days) <= HELD_SAME_DAYS
    ):
        # a breach's width, the gas released, what a plan will cost in its first year: one
        # measure of one thing, whichever day it is told
        return "same"
    events = not q.percent and q.measure not in ("remaining", "count", "size", "cost")
    if events:
        running = _running_part(a, b)
        if running is not None:
            return running
    if comparable(a, b):
        return "same"
    if q.measure in ("voted for", "voted against") and _one_sitting(a, b):
        return "same"
    if (
        q.measure == "captured"
        and not (a.explicit or b.explicit)
        and abs((a.end - b.end).days) <= HELD_SAME_DAYS
    ):
        return "same"  # prisoners held from a battle, told days apart: one count as it stands
    if current and (_current(a, b) or _current(b, a) or _both_undated(a, b, q)):
        if events and abs((a.end - b.end).days) > 1:
            return "a_in_b" if a.end < b.end else "b_in_a"  # a count so far only grows
        return "same"
    if _within(a, b) or (events and _inside(a, b)):
        return "a_in_b"
    if _within(b, a) or (events and _inside(b, a)):
        return "b_in_a"
    if q.category in _EVENT_SHARES and not (a.partial or b.partial):
        if not (a.explicit and b.explicit):
            return "same"  # "turnout had been 48 percent": the election's, said days later
    if q.percent and q.category in _RATES and a.explicit != b.explicit:
        implicit, stated = (a, b) if not a.explicit else (b, a)
        if stated.start is not None and 0 <= (implicit.end - stated.end).days <= RATE_DAYS:
            return "same"
    return None


PLAN_COST_DAYS = 14
"""What a plan will cost in a year of its own is one figure however the days of its debate go:
estimates told up to this many days apart are of one cost."""


def _plan_cost(q: Quantity) -> bool:
    """A cost over a year of a plan ("crowns, first year"): no place of its own, and no time but
    the plan's, whatever the story it is told in."""
    return q.measure == "cost" and "year" in q.category


_COSTED = re.compile(
    r"\b(?:the|its|a)\s+(?:new\s+)?([a-z]+)(?:'s)?\s+(?:would|will|could)?\s*(?:cost|costs|first-year)\b"
    r"|\bcost of (?:the |its |a )?(?:new )?(?:[a-z]+ )?([a-z]+)\b",
    re.IGNORECASE,
)
_ANY_PLAN = frozenset(
    "reform plan formula scheme programme program measure law bill package budget treasury".split()
)


def _costed(text: str) -> str | None:
    m = _COSTED.search(text)
    word = (m.group(1) or m.group(2)).lower() if m else None
    return None if word is None or word in _ANY_PLAN else word


def _one_plan(a: str, b: str) -> bool:
    """Whether two costs may be of one plan: not when each names another thing ("the tunnel
    would cost", "the new bridge would cost"); "the reform" and "the formula" are one."""
    x, y = _costed(a), _costed(b)
    return x is None or y is None or x == y


HELD_SAME_DAYS = 7
"""Undated counts of prisoners held, told at most this many days apart, are one count."""

CROWD_DAYS = 7
"""A crowd is of one gathering: counts of it said further apart than this are of two."""

_DISASTER = re.compile(
    rf"\b(?:{_DISASTERS}|floods|flooding|avalanche|toll|outbreak|epidemic)\b", re.IGNORECASE
)


def _disasters_day(quantities: Sequence[Quantity], content: str, period: Period) -> bool:
    """Whether the claim's time is a disaster's day in the possessive ("Sunday's dam burst"),
    and its figures count the disaster's dead or missing."""
    if not quantities or period.text is None or not _POSSESSIVE_DAY.fullmatch(period.text):
        return False
    if any(q.measure not in ("killed", "missing", "wounded") for q in quantities):
        return False
    at = content.find(period.text)
    return at >= 0 and _DISASTER_AFTER.match(content, at + len(period.text)) is not None


_POSSESSIVE_DAY = re.compile(r"(?:last |this )?" + _DAY_NAME + r"['’]s", re.IGNORECASE)
_DISASTER_AFTER = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{_DISASTERS}|breach)\b")


def _event_toll(
    quantities: Sequence[Quantity], content: str, sentence: str, period: Period
) -> bool:
    """The dead of one disaster ("died of injuries from the fire", "20 people had been killed")
    or the sick of one outbreak, counted with no time of their own: the toll so far, which can
    only grow."""
    if period.total or not quantities or find_when(content) is not None:
        return False
    if any(
        q.measure not in ("killed", "wounded", "ill", "missing", "trapped")
        or q.category == "soldiers"
        for q in quantities
    ) or all(q.measure in _STATES for q in quantities):
        return False  # "the toll to ten, and nobody unaccounted for": a toll and a state beside
    return _DISASTER.search(sentence) is not None


_HUMANITARIAN = re.compile(
    r"\b(?:red cross|red crescent|world health organi[sz]ation|united nations|un|unicef|ocha"
    r"|unhcr|doctors without borders|msf|amnesty|human rights watch)\b"
)
"""Bodies whose counts of the dead and hurt in a conflict are civilians' (matched on the key)."""
_HARMED = frozenset({"killed", "wounded", "missing", "casualties"})

_RELATIVE = re.compile(
    r"\b(?!(?:people|men|women|children|residents|civilians|soldiers|patients)\b)"
    r"[a-z]+(?<!s)\s+(?:who|whom|whose)\b[^,;.]*"
    r"|\bthe (?:latest|most recent|youngest|oldest) (?:a|an|one)\b[^,;.]*"
)
""" "four have died, the latest a woman who had lived in a sports hall since November", "291
names, the latest a boy killed on Wednesday": the time of one person's relative clause or
aside is theirs, not the figure's (while "the number of people who had died as a result of this
month's collision" is the count's own)."""

_AT_EVENT = re.compile(
    r"\bwhen (?:the|it|she|he|they) (?:\w+ ){0,2}(?:broke out|started|began|struck|hit|came down"
    r"|capsized|sank|left port|left|collapsed|went down)\b",
    re.IGNORECASE,
)
_STATES = frozenset({"missing", "trapped", "remaining", "critical"})
"""Counts of how things stand, which go down as well as up: only the same day's can clash."""


def _running_part(a: Period, b: Period) -> Relation | None:
    """A running count only grows: given by two claimants on different days, the earlier one is
    part of the later ("650 killed since the 27th" on the 3rd within "55 lost since the 27th" on
    the 8th), so only an earlier figure above a later one is impossible. Likewise a stretch
    within a running count that goes on after it ("25 in the last three days" within "since the
    27th", given days later). The same day's running counts are the same count."""
    if a.total and b.total:
        if abs((a.end - b.end).days) <= RUNNING_SAME_DAYS:
            return None
        return "a_in_b" if a.end < b.end else "b_in_a"
    if (a.total and since_it_began(b) or b.total and since_it_began(a)) and a.end == b.end:
        return "same"  # "the toll at 211" and "197 since the shelling began", the same day
    for part, whole, rel in ((a, b, "a_in_b"), (b, a, "b_in_a")):
        if (
            _since(whole)
            and part.end < whole.end
            and _inside(part, whole)
            and not (part.start == whole.start and _since(part))
        ):
            return rel  # type: ignore[return-value]
        if _since(whole) and _since(part) and part.start == whole.start and part.end < whole.end:
            if (whole.end - part.end).days <= RUNNING_SAME_DAYS:
                return "same"  # two counts since one day, told a day apart: one count
            if (
                part.start is not None
                and (part.end - part.start).days > LONG_SINCE_DAYS
                and (whole.end - part.end).days <= CURRENT_DAYS
            ):
                return "same"  # a count run for months moves little in a week: one count
            return rel  # type: ignore[return-value]
        if _since(part) and not _since(whole) and part.end < whole.end and _inside(part, whole):
            return rel  # type: ignore[return-value]  # 51 by the 28th within December's 58
        if _since(part) and whole.total and abs((part.end - whole.end).days) <= RUNNING_SAME_DAYS:
            # "1,300 dead since the crossing on the 12th" within "losses amount to 134" told
            # the same days: what happened since a day is part of everything so far; since a
            # day months back ("since late November", when the shelling began) it is all of it
            if part.start is not None and (part.end - part.start).days > LONG_SINCE_DAYS:
                return "same"
            return rel  # type: ignore[return-value]
    return None


LONG_SINCE_DAYS = 60
"""A count since a day this long ago is the whole of a war's or a siege's count so far, as a
running total with no date is."""


def _one_sitting(a: Period, b: Period) -> bool:
    """Votes counted at a sitting are told for weeks after it ("the 51 votes recorded", said on
    Wednesday): unless both name days that differ, two counts within a month are of one
    sitting's vote."""
    dated = [p for p in (a, b) if p.explicit and not _WEEKDAY_ONLY.fullmatch(p.text or "")]
    if len(dated) == 2:
        return False  # both dated: `comparable` has judged them
    return abs((a.end - b.end).days) <= VOTE_DAYS


VOTE_DAYS = 30
"""Counts of a sitting's vote told at most this many days apart, one of them undated, are of one
sitting."""


_TO_DATE = re.compile(
    r"\b(?:so far|to date|bringing the total|since the [\w ]+ (?:began|started))\b"
)
"""A total to date by wording: not a toll, which may be told for the day it was told."""


def _day_in_running(part: Period, whole: Period) -> bool:
    """A stated day or night inside a count since a day, or a total so far: one claimant's two
    counts, not a series of one count."""
    return (
        part.explicit
        and part.start is not None
        and (part.end - part.start).days <= 1
        and not _open_ended(part)
        and (
            _since(whole)
            and whole.start is not None
            and whole.start < part.start
            # "That brought its count for the year so far to 231": a total to date
            or whole.total
            and _TO_DATE.search(whole.text or "") is not None
        )
        and part.end <= whole.end
    )


def _current(a: Period, b: Period) -> bool:
    """An undated figure and a total by wording alone ("the toll had risen to 950", "197 since
    the shelling began"), given days apart at most: both the figure as it stands ("losses did
    not exceed 120"); more than a day apart, the earlier is part of the later, as a count so far
    only grows. Not when both claims borrow their place: too weak a tie for this guess."""
    return (
        not a.explicit
        and (inferred_total(b) or since_it_began(b) or _long_running(b))
        and abs((a.end - b.end).days) <= CURRENT_DAYS
    )


def _both_undated(a: Period, b: Period, q: Quantity) -> bool:
    """Two undated counts of what only accrues (people back home, the dead), told days apart:
    each is the count as it stood, so the earlier is part of the later."""
    return (
        q.measure in _ACCRUING
        and not a.explicit
        and not b.explicit
        and abs((a.end - b.end).days) <= CURRENT_DAYS
    )


_ACCRUING = frozenset({"returned", "killed", "admitted"})
"""Counts that never go down: "2,000 have returned" on Monday and "barely 600" on Saturday
cannot both be right."""


CURRENT_DAYS = 7
"""An undated figure meets a running total told at most this many days from it; after the first
day only as its part (see `_period_relation`), so a week apart only a count that fell clashes."""


def _long_running(p: Period) -> bool:
    """ "24 since January": a count that has run for weeks, as a toll has."""
    return _since(p) and p.start is not None and (p.end - p.start).days >= LONG_RUNNING_DAYS


LONG_RUNNING_DAYS = 14
"""A count since a day at least this long ago has run like a toll: an undated figure beside it
is the same count as it stands."""


def _since(p: Period) -> bool:
    return p.explicit and p.start is not None and _open_ended(p)


def _open_ended(p: Period) -> bool:
    return open_ended(p.text or "")


def _within(part: Period, whole: Period) -> bool:
    """A running count on the day ("by 6 pm") within that day's figure; a period's figure within
    a running total given no earlier."""
    if part.partial and not whole.partial and whole.start is not None:
        return whole.start <= part.end <= whole.end
    if whole.total and not part.total and not part.partial:
        return part.end <= whole.end
    return False


def _disjoint(a: Period, b: Period) -> bool:
    """Two stated windows that do not meet; "since Friday" counts run on, so never are."""
    if not (a.explicit and b.explicit) or a.start is None or b.start is None:
        return False
    if any(_open_ended(p) for p in (a, b)):
        return False
    return a.end < b.start or b.end < a.start


def _inside(part: Period, whole: Period) -> bool:
    """Stated ranges, the first within the second: events counted in it are part of the
    second's count."""
    if not (part.explicit and whole.explicit) or part.start is None or whole.start is None:
        return False
    return whole.start <= part.start and part.end <= whole.end


def _combine(*relations: Relation) -> Relation:
    kinds = {r for r in relations if r != "same"}
    if not kinds:
        return "same"
    if len(kinds) == 1 and kinds != {"mixed"}:
        return kinds.pop()
    return "mixed"


def _place_agreement(a: ClaimFacts, b: ClaimFacts) -> float:
    """1 for a shared place, 0 for disjoint places, in between when one names none."""
    return _places_agree(a.places, b.places)


def _places_agree(a: Collection[str], b: Collection[str]) -> float:
    if a and b:
        if not set(a).isdisjoint(b) or any(_one_place(x, y) for x in a for y in b):
            return 1.0
        if AREAS.issuperset(a) or AREAS.issuperset(b):
            return 0.7  # "the North", "in the capital": no town to tell two events apart
        return 0.0
    if a or b:
        return 0.7
    return 0.8


def _one_place(x: str, y: str) -> bool:
    """ "askvik hamnvall" (Askvik's Hamnvall ground) and "hamnvall": one name holds the other
    whole, at its start or end."""
    short, long = sorted((x, y), key=len)
    return long.startswith(short + " ") or long.endswith(" " + short)


def _share_scope(a: ClaimFacts, b: ClaimFacts) -> float:
    """Shares (vote, turnout, inflation) are of the whole country unless the claim itself names
    a part: a share "in the capital" and a national one are different counts."""
    pa = frozenset() if a.inferred_places else a.places
    pb = frozenset() if b.inferred_places else b.places
    if not pa and not pb:
        return 1.0
    if pa and pb and pa & pb:
        return 1.0
    if a.places & b.places and _one_vote(a.text, b.text):
        return 1.0  # "turnout in the runoff" in a story about the capital's runoff
    return 0.0


_NAMED_VOTES = re.compile(r"\b(?:runoff|run-off|referendum|by-election|primary|mayoral)\b", re.I)


def _one_vote(x: str, y: str) -> bool:
    """Both name the same particular vote, which has one place however either names it."""
    vx = {m.lower() for m in _NAMED_VOTES.findall(x)}
    return bool(vx & {m.lower() for m in _NAMED_VOTES.findall(y)})


def _strength(
    a: ClaimFacts, b: ClaimFacts, qa: Quantity, qb: Quantity, place: float, period: Relation
) -> float:
    """How surely two figures count the same thing, from 0 to 1."""
    s = 1.0
    if qa.measure != qb.measure:
        s *= 0.85
    if qa.category != qb.category:
        s *= 0.8
    if qa.percent:
        if qa.category in ("support", "vote share") and (qa.side is None or qb.side is None):
            s *= 0.4  # a vote share without a party is no one's
    else:
        if qa.category in _SIDED and qb.category in _SIDED:  # either order, one strength
            if qa.side is None and qb.side is None:
                s *= 0.6
            elif qa.side is None or qb.side is None:
                s *= 0.75
            elif qa.side.startswith("!") or qb.side.startswith("!"):
                s *= 0.85
        if qa.measure == "count" and qa.category != "votes":
            s *= 0.6  # "40 schools": a count of what; "51 votes" already says what was counted
    s *= place
    pa, pb = _period_of(a, qa), _period_of(b, qb)
    if period != "same":
        s *= 0.85
    elif not pa.explicit or not pb.explicit:
        s *= 0.9
    elif not pa.total and not (pb.total and since_it_began(pa)):
        s *= 0.8 + 0.2 * overlap(pa, pb)
    return s


def _quantity_link(a: ClaimFacts, b: ClaimFacts, m: _Match, same: bool) -> Link:
    topic = _topic(m, a, b)
    figures = (m.qa.text, m.qb.text)
    who_a, who_b = _who(a), _who(b)
    if same:
        verb = "repeats" if _agree_exactly(m.qa.interval, m.qb.interval) else "updated"
        reason = (
            f"{who_b} {verb} its figure for {topic}: {m.qa.text} on {a.published.isoformat()}, "
            f"then {m.qb.text} on {b.published.isoformat()}."
        )
        return Link(round(0.6 + 0.4 * m.strength, 3), "update", reason, topic, figures)
    if _disagree(m):
        reason = (
            f"Both about {topic}: {who_a} says {m.qa.text} ({a.published.isoformat()}), "
            f"{who_b} says {m.qb.text} ({b.published.isoformat()}); the figures cannot both be "
            "right."
        )
        return Link(round(0.5 + 0.5 * m.strength, 3), "contradiction", reason, topic, figures)
    reason = (
        f"Both about {topic}: {who_a} says {m.qa.text}, {who_b} says {m.qb.text}; "
        "the figures are compatible."
    )
    return Link(round(0.5 + 0.4 * m.strength, 3), "related", reason, topic, figures)


def _agree_exactly(x: Interval, y: Interval) -> bool:
    return x.low == y.low and x.high == y.high


def _disagree(m: _Match) -> bool:
    percent = m.qa.percent
    if m.relation == "same":
        return m.qa.interval.disagrees(m.qb.interval, percent=percent)
    if m.relation == "a_in_b":
        return m.qa.interval.exceeds(m.qb.interval, percent=percent)
    if m.relation == "b_in_a":
        return m.qb.interval.exceeds(m.qa.interval, percent=percent)
    return False


def _who(f: ClaimFacts) -> str:
    return f.claimant_name or "an unnamed source"


def _topic(m: _Match, a: ClaimFacts, b: ClaimFacts) -> str:
    """ "Eastern Federation soldiers killed in Dalsk, 2026-11-13 to 2026-11-16"."""
    q = m.qa if m.qa.side_text or not m.qb.side_text else m.qb
    subject = q.subject()
    # a figure given for one place of several speaks of that place only
    mine = [n for n in a.place_names if not m.qa.where or place_key(n) in m.qa.where]
    theirs = [n for n in b.place_names if not m.qb.where or place_key(n) in m.qb.where]
    keys = {place_key(n) for n in theirs}
    shared = [n for n in mine if place_key(n) in keys] or mine or theirs
    where = f" in {', '.join(shared)}" if shared else ""
    pa, pb = _period_of(a, m.qa), _period_of(b, m.qb)
    period = pa if pa.explicit else pb
    when = f", {period.describe()}" if period.explicit and m.relation == "same" else ""
    return f"{subject}{where}{when}"


def _relatedness(a: ClaimFacts, b: ClaimFacts, same: bool) -> float:
    """Score of two claims without a shared quantity."""
    shared_places = a.places & b.places
    place = 1.0 if shared_places - AREAS else 0.5 if shared_places else 0.0
    subject, _ = _subject_overlap(a, b)
    actors = len(a.actors & b.actors) / len(a.actors | b.actors) if a.actors & b.actors else 0.0
    terms_a, terms_b = a.terms - a.places, b.terms - b.places
    shared_terms = terms_a & terms_b
    term = min(1.0, 2 * len(shared_terms) / max(1, min(len(terms_a), len(terms_b))))
    days = abs((b.published - a.published).days)
    recency = 1.0 if days <= 7 else 0.8 if days <= LINK_WINDOW_DAYS else 0.5
    # a place alone links claims of the same few days; later, it takes more in common
    place_weight = 0.45 if days <= 3 else 0.3
    score = place_weight * place + 0.35 * subject + 0.15 * actors + 0.25 * term + 0.15 * same
    if a.places and b.places and not shared_places and not (a.inferred_places or b.inferred_places):
        score -= 0.1  # the same kind of news from somewhere else
    return max(0.0, min(1.0, score)) * recency


def _relatedness_reason(a: ClaimFacts, b: ClaimFacts, same: bool) -> str:
    """What two related claims share, for the link's reason."""
    shared_places = a.places & b.places
    _, subject_words = _subject_overlap(a, b)
    shared_terms = (a.terms - a.places) & (b.terms - b.places)
    days = abs((b.published - a.published).days)
    parts = []
    if shared_places:
        names = [n for n in a.place_names if place_key(n) in shared_places]
        parts.append(f"both about {', '.join(names)}")
    if subject_words:
        parts.append(f"both about {subject_words}")
    if same:
        parts.append(f"both from {_who(b)}")
    if shared_terms:
        parts.append("shared words: " + ", ".join(sorted(shared_terms)[:5]))
    when = "the same day" if days == 0 else f"{days} day{'s' if days != 1 else ''} apart"
    reason = "; ".join(parts) + f" ({when})." if parts else f"Published {when}."
    return reason[:1].upper() + reason[1:]


def _subject_overlap(a: ClaimFacts, b: ClaimFacts) -> tuple[float, str | None]:
    """1 for the same story, 0.8 for one party's shares, 0.6 for the same kind of count."""
    if a.story is not None and a.story == b.story:
        return 1.0, a.story_title
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.percent and qb.percent and qa.side is not None and qa.side == qb.side:
                return 0.8, f"{qa.side_text or qa.side}'s share"
            if qa.percent and qb.percent and qa.category == qb.category in _RATES:
                return 0.8, qa.category  # the same rate in other months
    for qa in a.quantities:
        for qb in b.quantities:
            if (
                quantity_key(qa) == quantity_key(qb)
                and categories_comparable(qa.category, qb.category)
                and sides_comparable(qa.side, qb.side)
            ):
                return 0.6, qa.subject()
    shared = {s for s in a.subjects & b.subjects if s.startswith("share/")}
    if shared and not (a.quantities and b.quantities):
        return 0.6, min(shared).split("/")[-1]
    return 0.0, None
