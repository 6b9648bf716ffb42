"""What a figure measures: "more than 800 Eastern Federation soldiers were killed" becomes
measure `killed`, category `soldiers`, side `eastern`, interval [800, ∞).

Two claims can only disagree about a number when they count the same thing, so everything here
reduces wording to comparable keys. Rules are lexical (no parse) because they run on stored claims
too, where only the text survives; the engine's `Figure.value/qualifier/what` are used when given.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from claims.canonical import CAPITALS
from claims.model import Figure
from claims.numbers import COMPARATIVES, NUMBER_WORDS, RISE_WORDS, is_age_of

INF = math.inf


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a figure allows: "about 200" is [180, 220], "more than 1,000" is [1000, ∞)."""

    low: float
    high: float

    def disagrees(self, other: Interval, *, percent: bool = False) -> bool:
        """True when no value fits both, allowing for rounding (see `rounding`): 800 and 820
        agree, 7 and 8 dead do not."""
        return self.low > other.high + other.rounding(percent) or other.low > self.high + (
            self.rounding(percent)
        )

    def exceeds(self, total: Interval, *, percent: bool = False) -> bool:
        """True when a part (killed) cannot fit in a total (casualties): its least value is above
        the total's greatest, allowing for the total's rounding."""
        return self.low > total.high + total.rounding(percent)

    def rounding(self, percent: bool = False) -> float:
        """How far a figure may be off by rounding: a point for percentages, none for a small
        exact count (31 downed do not fit in 30 lost) or one not rounded to a fifty (143 aboard
        is not 146, 220 counted dead are not 229), else 5% and at least one."""
        if percent:
            return 1.0
        if not math.isfinite(self.high) or (
            self.low == self.high and (self.high < 100 or self.high % 50)
        ):
            return 0.0
        return max(1.0, 0.05 * self.high)

    def describe(self) -> str:
        if not math.isfinite(self.high):
            return f"at least {_num(self.low)}"
        if self.low == 0 and self.high > 0:
            return f"at most {_num(self.high)}"
        if self.low == self.high:
            return _num(self.low)
        return f"{_num(self.low)}–{_num(self.high)}"


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure reduced to what it counts; `text` is the figure as written ("more than 800")."""

    measure: str
    category: str
    side: str | None
    interval: Interval
    text: str
    side_text: str | None = None
    """The side as written ("Eastern Federation"), for readable reasons."""
    forecast: bool = False
    """ "will win more than 45 percent": a prediction, never compared with a reported figure."""
    when: str | None = None
    """The figure's own time words when its claim gives several figures for different times
    ("four on Monday night ..., 55 since the beginning of December"); None: the claim's."""
    where: tuple[str, ...] = ()
    """Keys of the figure's own places when its claim gives figures for several places ("650
    to 950 at Ostrovo, 320 to 480 at Tarva"); empty: the claim's."""

    @property
    def percent(self) -> bool:
        return self.measure == "share"

    def subject(self) -> str:
        """ "Eastern Federation soldiers killed", "Unity Party vote share"."""
        if self.percent:
            who = f"{self.side_text} " if self.side_text else ""
            return f"{who}{self.category}"
        if self.measure == "cost":
            return f"the cost in {self.category}"  # "the cost in crowns, first year"
        if self.measure == "size":
            return f"the {self.category}"  # "the width in metres"
        who = f"{self.side_text} " if self.side_text else ""
        return f"{who}{self.category} {MEASURE_WORDS.get(self.measure, self.measure)}"


# ----------------------------------------------------------------------------------------------
# Vocabulary. Keys are lower-case words; multi-word cues are matched on the joined token text.

MEASURE_WORDS = {
    "killed": "killed",
    "wounded": "wounded",
    "casualties": "lost (killed or wounded)",
    "captured": "captured",
    "missing": "missing",
    "destroyed": "destroyed",
    "damaged": "damaged",
    "displaced": "displaced",
    "remaining": "remaining",
    "evacuated": "evacuated",
    "participants": "taking part",
    "arrested": "arrested",
    "charged": "charged",
    "launched": "launched",
    "trapped": "trapped",
    "returned": "returned",
    "present": "present",
    "ill": "fallen ill",
    "held": "held",
    "share": "share",
    "count": "counted",
    "cost": "cost",
    "size": "measured",
    "admitted": "taken to hospital",
    "critical": "in a critical condition",
}

MEASURE_PARTS: dict[str, frozenset[str]] = {
    "casualties": frozenset({"killed", "wounded", "captured", "missing"}),
    "displaced": frozenset({"evacuated", "returned"}),
    "launched": frozenset({"destroyed"}),
    "arrested": frozenset({"charged"}),
}
"""A total and the measures it contains: killed soldiers cannot outnumber all losses."""

_MEASURE_CUES: tuple[tuple[str, str], ...] = (
    # multi-word first: they win over their single words
    ("killed or wounded", "casualties"),
    ("killed and wounded", "casualties"),
    ("dead and wounded", "casualties"),
    ("dead or wounded", "casualties"),
    ("death toll", "killed"),
    ("taken prisoner", "captured"),
    ("taken captive", "captured"),
    ("shot down", "destroyed"),
    ("brought down", "destroyed"),
    ("laid down their weapons", "captured"),
    ("laid down their arms", "captured"),
    ("their lives", "killed"),
    ("knocked out", "destroyed"),
    ("put out of action", "destroyed"),
    ("lost their lives", "killed"),
    ("lost their homes", "displaced"),
    ("moved out", "evacuated"),
    ("moved from their homes", "evacuated"),
    ("forced to flee", "displaced"),
    ("forced from their homes", "displaced"),
    ("out of their homes", "displaced"),
    ("took part", "participants"),
    ("taken part", "participants"),
    ("take part", "participants"),
    ("turned out to", "participants"),
    ("turned out", "participants"),
    ("were left", "remaining"),
    ("are left", "remaining"),
    ("is left", "remaining"),
    ("was left", "remaining"),
    ("still in", "remaining"),
    ("unaccounted for", "missing"),
    # "killed, wounded and missing": the list is all losses, not its last word
    ("killed , wounded and missing", "casualties"),
    ("killed , wounded or missing", "casualties"),
    ("dead , wounded and missing", "casualties"),
    ("wounded and missing", "casualties"),
    ("wounded or missing", "casualties"),
    ("total losses", "casualties"),
    ("fallen into", "captured"),
    ("fell into", "captured"),
    ("come back", "returned"),
    ("come home", "returned"),
    ("came home", "returned"),
    ("coming home", "returned"),
    ("made their way back", "returned"),
    ("make their way back", "returned"),
    ("making their way back", "returned"),
    ("in its hands", "captured"),
    ("in their hands", "captured"),
    ("in our hands", "captured"),
    ("accounted for", "destroyed"),
    ("taken away", "arrested"),
    ("taken into custody", "arrested"),
    ("rounded up", "arrested"),
    ("in custody", "arrested"),
    ("raised their hands for", "voted for"),
    ("living in shelters", "displaced"),
    ("in emergency shelters", "displaced"),
    ("fallen ill", "ill"),
    ("fell ill", "ill"),
    ("falling ill", "ill"),
    ("came back", "returned"),
    ("coming back", "returned"),
    ("faced charges", "charged"),
    ("face charges", "charged"),
    ("facing charges", "charged"),
    # prisoner exchanges: the men each side got back
    ("handed over", "returned"),
    ("handed back", "returned"),
    ("in each direction", "returned"),
    ("voted for", "voted for"),
    ("vote for", "voted for"),
    ("voted in favour", "voted for"),
    ("voted in favor", "voted for"),
    ("in favour", "voted for"),
    ("in favor", "voted for"),
    ("voted against", "voted against"),
    # hospitals: the injured they took in, and those still fighting for their lives
    ("admitted to hospital", "admitted"),
    ("taken to hospital", "admitted"),
    ("treated in hospital", "admitted"),
    ("in a critical condition", "critical"),
    ("in critical condition", "critical"),
    ("in a serious condition", "critical"),
    ("in intensive care", "critical"),
)
_MEASURE_WORDS: dict[str, str] = {
    **dict.fromkeys(
        "kill killed killing kills dead died die dies death deaths fatalities fatality perished "
        "slain eliminated neutralised neutralized bodies toll buried".split(),
        "killed",
    ),
    **dict.fromkeys("wounded wounding injured injuries injuring hurt".split(), "wounded"),
    **dict.fromkeys("casualties casualty losses loss lost lose losing".split(), "casualties"),
    **dict.fromkeys(
        "captured capture capturing prisoners prisoner pows surrendered".split(), "captured"
    ),
    **dict.fromkeys("missing".split(), "missing"),
    **dict.fromkeys(
        "destroyed destroy destroying downed intercepted neutralised wrecked".split(), "destroyed"
    ),
    **dict.fromkeys("damaged".split(), "damaged"),
    **dict.fromkeys(
        "displaced fled flee fleeing refugees homeless left".split(),
        "displaced",
    ),
    **dict.fromkeys("arrested arrests detained detentions detention held".split(), "arrested"),
    # charges are brought against people held: a part of the arrests (see MEASURE_PARTS)
    **dict.fromkeys("charged indicted".split(), "charged"),
    **dict.fromkeys("remain remained remaining remains stayed stay".split(), "remaining"),
    **dict.fromkeys(
        "marched marching attended rallied protested demonstrated gathered participants joined "
        "crowd crowds turnout came come drew".split(),
        "participants",
    ),
    **dict.fromkeys("evacuated evacuation evacuations".split(), "evacuated"),
    **dict.fromkeys("launched fired sent flew flown".split(), "launched"),
    **dict.fromkeys("trapped stranded entombed".split(), "trapped"),
    **dict.fromkeys("sick ill infected infections cases hospitalised hospitalized".split(), "ill"),
    **dict.fromkeys(
        "returned returning returnees return repatriated exchanged swapped".split(), "returned"
    ),
    **dict.fromkeys("voted backed supported approved endorsed".split(), "voted for"),
    **dict.fromkeys("against opposed rejected abstained".split(), "voted against"),
}
_CUES_BY_FIRST: dict[str, list[tuple[list[str], str]]] = {}
for _cue, _measure in _MEASURE_CUES:
    _words = _cue.split()
    _CUES_BY_FIRST.setdefault(_words[0], []).append((_words, _measure))
"""The multi-word cues by their first word, in their order: one lookup per word of a clause."""
_VOTES = frozenset({"voted for", "voted against"})
"""How members of a body voted: counts of deputies only ("52 deputies backed the budget")."""
# "neutralised" is ambiguous (people killed, drones destroyed); the category decides below.

_CATEGORY_WORDS: dict[str, str] = {
    **dict.fromkeys(
        "soldier soldiers troops troop servicemen serviceman fighters fighter militants militant "
        "men personnel marines paratroopers mercenaries conscripts combatants infantrymen "
        "servicemembers recruits".split(),
        "soldiers",
    ),
    **dict.fromkeys(
        "civilian civilians residents resident inhabitants villagers children women "
        "woman child boy boys girl girls non-combatants pensioners pensioner pedestrians "
        "passers-by shoppers worshippers pupils".split(),
        "civilians",
    ),
    **dict.fromkeys(
        "people persons individuals bodies person man guests patients names".split(), "people"
    ),
    **dict.fromkeys(
        "deputies deputy lawmakers lawmaker mps legislators legislator senators senator "
        "councillors councilors".split(),
        "deputies",
    ),
    **dict.fromkeys("tank tanks".split(), "tanks"),
    **dict.fromkeys(
        "vehicle vehicles apcs apc ifvs armour armor armoured-vehicles trucks".split(), "vehicles"
    ),
    **dict.fromkeys(
        "artillery howitzers howitzer guns launchers mortars systems".split(), "artillery"
    ),
    **dict.fromkeys("aircraft planes plane jets jet warplanes helicopters".split(), "aircraft"),
    **dict.fromkeys("drone drones uavs uav".split(), "drones"),
    **dict.fromkeys("missile missiles rockets rocket".split(), "missiles"),
    **dict.fromkeys("ship ships vessels vessel boats boat".split(), "ships"),
    **dict.fromkeys("protesters protester demonstrators demonstrator".split(), "protesters"),
    **dict.fromkeys("journalists journalist reporters".split(), "journalists"),
    **dict.fromkeys("hostages hostage".split(), "hostages"),
    **dict.fromkeys("supporters supporter activists activist".split(), "supporters"),
    **dict.fromkeys("miners miner workers worker".split(), "workers"),
    **dict.fromkeys("passengers passenger".split(), "passengers"),
    **dict.fromkeys("seats seat mandates".split(), "seats"),
    **dict.fromkeys("stations station precincts precinct".split(), "polling stations"),
    **dict.fromkeys(
        "complaints complaint irregularities irregularity violations violation".split(),
        "complaints",
    ),
    **dict.fromkeys("votes vote ballots ballot hands".split(), "votes"),
    **dict.fromkeys("voters voter".split(), "voters"),
    **dict.fromkeys("homes houses buildings".split(), "buildings"),
}
_PERSONNEL = frozenset(
    {
        "soldiers", "civilians", "people", "protesters", "journalists", "hostages", "supporters",
        "workers", "passengers", "deputies",
    }
)  # fmt: skip
_CROWDS = frozenset({"people", "civilians", "protesters", "supporters"})
"""Who a crowd is counted as, in a sentence about a gathering."""
_HELD = frozenset({"seats"})
"""Things a side holds rather than events: "56 seats" is how many it holds."""
_EQUIPMENT = frozenset(
    {"tanks", "vehicles", "artillery", "aircraft", "drones", "missiles", "ships"}
)

_PERCENT_ASPECTS: dict[str, str] = {
    **dict.fromkeys("turnout participation".split(), "turnout"),
    **dict.fromkeys("inflation prices".split(), "inflation"),
    **dict.fromkeys("unemployment jobless".split(), "unemployment"),
    **dict.fromkeys("growth gdp economy".split(), "growth"),
    **dict.fromkeys("approval approve".split(), "approval"),
    **dict.fromkeys("controlled control controls held holds hold".split(), "territory held"),
    **dict.fromkeys(
        "poll polls polling polled support backing back backs backed supported supporting leads "
        "lead led leading ahead trails trailing behind favour favor survey surveys "
        "surveyed".split(),
        "support",
    ),
    **dict.fromkeys(
        "vote votes won win wins winning ballots result results count recount tally secured "
        "received share".split(),
        "vote share",
    ),
}

DEMONYMS: dict[str, str] = {
    "ukrainian": "ukraine",
    "ukrainians": "ukraine",
    "ukraine's": "ukraine",
    "russian": "russia",
    "russians": "russia",
    "israeli": "israel",
    "israelis": "israel",
    "palestinian": "palestine",
    "palestinians": "palestine",
    "syrian": "syria",
    "iranian": "iran",
    "american": "united states",
    "us": "united states",
    "u.s.": "united states",
    "british": "united kingdom",
    "uk": "united kingdom",
    "french": "france",
    "german": "germany",
    "chinese": "china",
    "turkish": "turkey",
    "sudanese": "sudan",
    "lebanese": "lebanon",
    "hamas": "hamas",
    "hezbollah": "hezbollah",
    # "the North's drone losses" are the Northern side's
    "north": "northern",
    "south": "southern",
    "east": "eastern",
    "west": "western",
}

_NOT_SIDES = (
    frozenset(
        "the a an this that these those some about around more than over at least nearly almost "
        "up to fewer less only just total further another additional other new its his her "
        "killed wounded dead captured destroyed".split()
    )
    | frozenset(
        # who shot them down, opening a sentence: "Air-defence units destroyed 21 drones"
        "air-defence air-defense anti-aircraft air".split()
    )
    | frozenset(
        "monday tuesday wednesday thursday friday saturday sunday january february march april may "
        "june july august september october november december".split()
    )
)  # "reported on Wednesday that 149 civilians": a day is nobody's side
_SIDE_NOUNS = frozenset(
    "forces troops army military side units losses casualties troops' forces' army's "
    "military's soldiers".split()
)
_OWN = frozenset({"our", "we", "us", "own", "its"})
_FORECAST = frozenset(
    "will would 'll shall expects expect expected predicts predicted predict forecast forecasts "
    "projected projects could might may aims hopes".split()
)
_ENEMY = frozenset({"enemy", "enemy's", "adversary", "opponent", "hostile"})

_WORD_NUMBERS: dict[str, float] = {
    "no": 0,
    "none": 0,
    "zero": 0,
    "nobody": 0,
    "no one": 0,
    "a single": 1,
    "a dozen": 12,
    **NUMBER_WORDS,
    "a hundred": 100,
    "one hundred": 100,
    "a thousand": 1000,
    "one thousand": 1000,
}
_VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24, 99),
    "scores": (40, 200),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
}
_SCALES = {
    "dozen": 12,
    "thousand": 1e3,
    "million": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "k": 1e3,
}

_AT_LEAST = ("more than", "over", "above", "in excess of", "at least", "no fewer than",
             "no less than", "not less than", "upwards of", "exceeding", "exceeds", "exceeded",
             "exceed", "passed", "gone past", "surpassed", "well over", "topped",
             "beyond")  # fmt: skip
_AT_MOST = ("up to", "fewer than", "less than", "under", "below", "no more than", "not more than",
            "at most", "not exceed", "not exceeding", "does not exceed", "do not exceed",
            "did not exceed", "didn't exceed", "don't exceed", "doesn't exceed", "no higher than",
            "a maximum of", "not above", "not over")  # fmt: skip
_ABOUT = ("about", "around", "some", "roughly", "approximately", "an estimated", "estimated",
          "close to", "nearly", "almost", "just under", "just over", "circa", "approx")  # fmt: skip
_NEARLY = ("nearly", "almost", "just under", "close to")
_QUALIFIERS = (
    ("at_least", _AT_LEAST),
    ("at_most", _AT_MOST),
    ("nearly", _NEARLY),
    ("about", _ABOUT),
)

# A token: a number (1,000 / 44.2 / 61%), a word (with inner apostrophes and hyphens), or a sign.
_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_](?:[\w'’\-]*\w)?'?|%|[^\w\s]")
_STOP = frozenset('.;:!?()"“”')
_CLAUSE_WORDS = frozenset(
    {"but", "while", "whereas", "although", "though", "however", "after", "when", "because"}
)


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int


def tokenize(text: str) -> list[_Tok]:
    return [
        _Tok(m.group(), m.group().lower().replace("’", "'"), m.start(), m.end())
        for m in _TOKEN.finditer(text)
    ]


def interval_of(value: float, qualifier: str | None, *, percent: bool = False) -> Interval:
    """The interval a qualified figure allows ("about" is ±10%, ±2 points for percentages)."""
    q = (qualifier or "").lower().strip()
    q = re.sub(r"\s+", " ", q.replace("’", "'"))
    if not q or q in ("only", "just", "exactly", "precisely", "a total of", "total"):
        return Interval(value, value)
    if q in ("or more", "and more", "plus", "+"):
        return Interval(value, INF)
    # the longest qualifier wins: "no more than" is at most, though it ends in "more than"
    kind = max(
        ((len(o), k) for k, opts in _QUALIFIERS for o in opts if q == o or q.endswith(" " + o)),
        default=(0, ""),
    )[1]
    if kind == "at_least":
        return Interval(value, INF)
    if kind == "at_most":
        return Interval(0.0, value)
    if kind == "nearly":
        spread = 2.0 if percent else 0.15 * value
        return Interval(max(0.0, value - spread), value)
    if kind == "about":
        spread = 2.0 if percent else 0.10 * value
        return Interval(max(0.0, value - spread), value + spread)
    return Interval(value, value)


@dataclass(frozen=True, slots=True)
class _Number:
    first: int  # token index of the first token of the figure (qualifier included)
    last: int  # token index of the last token of the number
    value: float
    interval: Interval
    percent: bool
    text: str


def find_quantities(
    text: str,
    *,
    own_side: str | None = None,
    own_side_text: str | None = None,
    context: str = "",
    antecedents: Sequence[Quantity] = (),
) -> list[Quantity]:
    """Every figure in `text` that counts something recognisable; `own_side` resolves "our";
    `context` (the rest of the sentence) tells what a bare percentage is a share of ("According
    to Meridian, which polled ..., Unity stood at 38 percent"); `antecedents` are the figures
    read before the text, which a figure that leaves out what it counts refers to."""
    toks = tokenize(text)
    at = context.find(text) if context else -1
    denied = at >= 0 and _DENIED.search(context[:at]) is not None
    numbers = _numbers(toks, text, denied=denied)
    hint = None
    if context and any(n.percent for n in numbers):
        ctx = tokenize(context)  # only a percentage needs it: most claims never tokenise this
        hint = _aspect_in(ctx, 0, len(ctx))
    gathering = bool(context) and _GATHERING.search(context) is not None
    out: list[Quantity] = []
    change: Quantity | None = None  # "grew by nine names, to 311": what the change counts
    for number in numbers:
        if _difference(toks, number):
            if not number.percent:
                change = _describe(toks, number, own_side, own_side_text, hint) or change
            continue
        currency = None if number.percent else _currency_after(toks, number)
        if currency is not None:
            # money is counted only as a cost with its scope; aid, jackpots and fines are not
            # counts another claim could dispute
            cost = _cost(toks, number, currency)
            if cost is not None:
                out.append(cost)
            continue
        before = out[-1] if out else change or (antecedents[-1] if antecedents else None)
        unit = None if number.percent else _unit_after(toks, number)
        if unit is not None:
            # tonnes, cubic metres, a breach's width: a measurement, never a count of people
            size = _size(toks, number, unit, before)
            if size is not None:
                out.append(size)
            continue
        q = _describe(toks, number, own_side, own_side_text, hint, gathering=gathering)
        if q is None and not number.percent and out:
            q = _elliptical_share(toks, number, out[-1])
        elif q is None and not number.percent and antecedents:
            q = _poll_share(toks, number, antecedents[-1])
        if q is None and not number.percent:
            near = bool(out) or change is not None
            q = _elliptical(toks, number, before, gathering=gathering, near=near)
        elif q is not None and before is not None:
            q = _losses_of_kind(toks, number, q, before)
            q = _list_like_before(toks, number, q, before)
            if out:
                q = _same_people(toks, number, q, out[-1])
        if q is not None and out and _subset_of_previous(toks, number):
            if q.measure == out[-1].measure or q.measure != "critical":
                continue  # "eleven patients had died, four of them children": the eleven's part
            # "admitted 22 people, five of them in a critical condition": a count of its own
        if q is not None:
            out.append(q)
    return [_as_vote(q, text) for q in out]


_DIFFERENCE = re.compile(r"\s+(?:" + "|".join(sorted(COMPARATIVES)) + r") than\b")


def _difference(toks: list[_Tok], number: _Number) -> bool:
    """ "69, five more than it had admitted on Saturday": the five is how far two figures are
    apart, no count of its own."""
    after = [t.low for t in toks[number.last + 1 : number.last + 3]]
    if len(after) == 2 and after[0] in COMPARATIVES and after[1] == "than":
        return True
    # "the list grew by nine names in a week, to 311": the nine are how much it grew
    before = [t.low for t in toks[max(0, number.first - 2) : number.first]]
    return len(before) == 2 and before[1] == "by" and before[0] in _CHANGES


_CHANGES = frozenset(
    "grew grown rose risen increased fell fallen dropped decreased climbed jumped up down "
    "raised cut lowered revised".split()
)


def _subset_of_previous(toks: list[_Tok], number: _Number) -> bool:
    """ "four of them children", "including four children", "among them 12 children": a part of
    the figure just read, told to describe it, not a second count to compare."""
    after = [t.low for t in toks[number.last + 1 : number.last + 3]]
    before = [t.low for t in toks[max(0, number.first - 2) : number.first]]
    return (
        after in (["of", "them"], ["of", "whom"])
        or before[-1:] == ["including"]
        or before == ["among", "them"]
    )


def _list_like_before(toks: list[_Tok], number: _Number, q: Quantity, before: Quantity) -> Quantity:
    """ "Red Cross delegates have registered 95 Northern soldiers captured. The General Staff's
    list stands at 148 names.": a list that does not say of whom lists what was just counted."""
    if before.measure not in _PEOPLES_FATES or before.category not in _PERSONNEL:
        return q
    lo, hi = _clause(toks, number.first, number.last)
    cat_at = number.last + 1
    if not _list_of_names(toks, cat_at, lo, hi):
        return q
    return replace(q, measure=before.measure, category=before.category, side=before.side,
                   side_text=before.side_text)  # fmt: skip


def _same_people(toks: list[_Tok], number: _Number, q: Quantity, before: Quantity) -> Quantity:
    """ "150 Northern soldiers had died ..., and that 60 had been taken prisoner": the 60 are
    Northern soldiers too, whoever's troops the clause names."""
    if q.category not in ("people", before.category) or before.category not in _PERSONNEL:
        return q
    if before.side is None or q.side == before.side:
        return q
    nxt = toks[number.last + 1].low if number.last + 1 < len(toks) else "."
    if nxt[:1].isalpha() and nxt not in _AFTER_BARE and nxt not in _PASSIVE | {"had", "have"}:
        return q  # "60 civilians", "60 people": a count of its own
    # only right after "and (that)": "while Northern losses had passed 8,900" names its own side
    lead = [t.low for t in toks[max(0, number.first - 2) : number.first]]
    if not lead or lead[-1] not in ("and", "that"):
        return q
    return replace(q, category=before.category, side=before.side, side_text=before.side_text)


def _losses_of_kind(toks: list[_Tok], number: _Number, q: Quantity, before: Quantity) -> Quantity:
    """ "put its own losses over Korvin since January 1 at 45" right after drones downed over
    Korvin: losses over a place, of the kind just counted, not of people."""
    if q.measure != "casualties" or q.category not in ("people", "soldiers"):
        return q  # "soldiers": "the North's own losses" made a side's, with no noun of its own
    if before.category not in _EQUIPMENT or before.measure not in _AIRCRAFT_FATES:
        return q
    lo, hi = _clause(toks, number.first, number.last)
    if any(
        t.low in _CATEGORY_WORDS or _MEASURE_WORDS.get(t.low) in _PEOPLES_FATES for t in toks[lo:hi]
    ):
        return q  # "losses of 40 soldiers", "losses of 655 killed and wounded": people
    aerial = any(
        t.low == "over" and (nxt.text[:1].isupper() or nxt.low == "the" and nxt2.low in _TOWNS)
        for t, nxt, nxt2 in zip(toks[lo:hi], toks[lo + 1 : hi], toks[lo + 2 : hi], strict=False)
    )
    if not aerial:
        return q  # "its losses around Dalsk had risen to 640" after tanks: still people
    return replace(q, measure="destroyed", category=before.category)


_PEOPLES_FATES = frozenset({"killed", "wounded", "captured", "missing"})
_AIRCRAFT_FATES = frozenset({"destroyed", "casualties", "launched"})
"""What the count before "its own losses over Korvin" may be: drones downed, lost or sent."""
_TOWNS = frozenset({"city", "town", "capital", "port", "village", "region", "front"})


_TALLY_OF = re.compile(
    r"\b(?:tally|count|number|toll|figure|estimate|total)s? of ((?:[A-Z][\w-]+ )*[a-z][\w-]+)"
)
_GATHERING = re.compile(
    r"\b(?:rally|rallies|march|marches|marched|crowds?|protests?|demonstrations?|vigils?"
    r"|processions?|turnout|attendance)\b",
    re.IGNORECASE,
)
_QUALIFIER_WORDS = frozenset(
    w for _, options in _QUALIFIERS for o in options for w in o.split()
) | {"well", "only", "just", "barely", "nearer", "some"}
_ANAPHORS = frozenset("it figure figures number count tally toll total estimate".split())
_AFTER_BARE = frozenset(
    "in on at since over and or by for from across during with within near around to as "
    "between among inside outside".split()
)


_LIST_JOINS = frozenset({"and", "with", ",", ";", "while", "whereas"})


def _elliptical_share(toks: list[_Tok], number: _Number, before: Quantity) -> Quantity | None:
    """ "had Unity at 28 percent and the Greens at 46", "put Unity on 35 percent, with the
    Greens on 41": a bare figure for another party right after a party's share is a share of
    the same kind, that party's."""
    if not before.percent or before.category not in ("support", "vote share"):
        return None  # the share before may be "the party"'s: the figure is still another's
    if number.value > 100 or number.first == 0 or toks[number.first - 1].low not in ("at", "on"):
        return None
    nxt = toks[number.last + 1].low if number.last + 1 < len(toks) else "."
    if nxt[:1].isalpha() and nxt not in _AFTER_BARE:
        return None  # "the Greens at 46 seats"
    join = next(
        (
            j
            for j in range(number.first - 2, max(-1, number.first - 8), -1)
            if toks[j].low in _LIST_JOINS
        ),
        None,
    )
    if join is None:
        return None
    side, side_text = _named_entity(toks, join + 1, number.first - 1)
    if side is None or side == before.side:
        return None
    return Quantity("share", before.category, side, number.interval, number.text, side_text)


def _poll_share(toks: list[_Tok], number: _Number, before: Quantity) -> Quantity | None:
    """ "The Barometer had Unity on 23" after another poll's shares: a party on a bare number,
    told alone, is its share in the same kind of poll."""
    if not before.percent or before.category not in ("support", "vote share"):
        return None
    if number.value > 100 or number.first < 1 or toks[number.first - 1].low not in ("at", "on"):
        return None
    if any(t.low[:1].isalpha() and t.low not in _AFTER_BARE for t in toks[number.last + 1 :]):
        return None
    if not all(t.text[:1].isupper() or t.low == "the" for t in toks[: number.first - 1]):
        return None  # "The Barometer had the governing party on 24": the party alone, or nothing
    side, side_text = _named_entity(toks, 0, number.first - 1)
    if side is None:
        return None
    return Quantity("share", before.category, side, number.interval, number.text, side_text)


_COUNT_VERBS = frozenset({"counted", "count", "counts", "counting"})
"""A figure just counted, with nothing after it ("Police said they still counted 11"), counts
what was counted before it."""
_TIME_TAILS = frozenset({"since", "from", "until", "by"})
"""A figure alone but for when it held ("47 from the start", "47 since February 8")."""

_EMPHATIC_TAILS = frozenset(
    {"not one more", "and not one more", "no more", "and no more", "at the very most",
     "at the most", "at most", "at the very least", "at least", "or so", "or more", "tops",
     "at best"}
)  # fmt: skip
"""Words after a figure alone that only insist on it or bound it: "Nine hundred, and not one
more", "Fifteen hundred at the very most"."""

_OTHER_COUNTS = frozenset(
    {"admitted", "treated", "discharged", "housed", "sheltered", "employed", "tested",
     "vaccinated", "examined", "hired", "served"}
)  # fmt: skip
"""Verbs whose object is a count of its own, not the count told before it."""


def _elliptical(
    toks: list[_Tok],
    number: _Number,
    before: Quantity | None,
    *,
    gathering: bool,
    near: bool,
) -> Quantity | None:
    """A figure that leaves out what it counts, told by the figure before it: "police said nine
    were detained; the Greens claimed at least 40", "put the number at nearly 50,000" after "12,000
    took part", "Police estimated it at 5,000 people" of a rally. `near`: `before` is in the same
    text; a figure from an earlier sentence is taken only after "the figure", "the number", "it"."""
    lo, hi = _clause(toks, number.first, number.last)
    nxt = toks[number.last + 1].low if number.last + 1 < len(toks) else "."
    if nxt[:1].isdigit() or _number_word(nxt):
        hi = number.last + 1  # "to 311, thirty-six of them children": the next figure's words
    category, cat_at = _category_after(toks, number.last + 1, hi)
    if category is None and nxt[:1].isalpha() and nxt not in _AFTER_BARE and hi > number.last + 1:
        return None  # "12 schools", "40 square kilometres": a thing of its own
    measure = _measure_near(toks, number, lo, hi)
    verb = next(
        (t.low for t in reversed(toks[lo : number.first]) if t.low not in _QUALIFIER_WORDS), ""
    )
    if measure is None and verb in _OTHER_COUNTS:
        return None  # "the hospital had admitted 22 people" after a toll: its patients
    # "spoke of 'well over 45,000'": a figure alone refers to the count just before
    tail = [t.low for t in toks[number.last + 1 :] if t.low[:1].isalpha()]
    # '"Twenty-eight, and I am being generous,"': a figure that opens a quote and ends its
    # phrase is the answer itself, whatever follows
    answered = number.last + 1 < len(toks) and toks[number.last + 1].low in (",", ".", "!")
    bare = (
        not tail or answered or " ".join(tail) in _EMPHATIC_TAILS or tail[0] in _TIME_TAILS
    ) and all(t.low in _QUALIFIER_WORDS or not t.low[:1].isalpha() for t in toks[: number.first])
    counted = not tail and number.first > 0 and toks[number.first - 1].low in _COUNT_VERBS
    anaphor = (
        bare
        or counted
        or any(
            t.low in _ANAPHORS
            or before is not None
            and t.low in _MEASURE_NOUNS.get(before.measure, ())
            for t in toks[lo : number.first]
        )
    )
    estimate = any(t.low in _PUT_AT or t.low == "claimed" for t in toks[lo : number.first])
    if measure is None and category in (None, "people") and gathering and estimate:
        return Quantity("participants", "people", None, number.interval, number.text)
    if before is None or before.percent or before.forecast or not (near or anaphor):
        return None
    if number.interval.low >= 1_000_000 and before.measure not in ("cost", "size"):
        return None  # "the budget office said 700 million": money, not the seats told before
    if measure is not None and measure != before.measure:
        return None
    if category is not None and category != before.category and category != "people":
        return None
    side, side_text = before.side, before.side_text
    if cat_at >= 0:
        own = _side_before(toks, cat_at, number.last + 1, None, None)
        if own[0] is not None:
            side, side_text = own
    return Quantity(before.measure, before.category, side, number.interval, number.text, side_text)


_CURRENCIES: dict[str, str] = {
    **dict.fromkeys("crown crowns krona kronor koruna".split(), "crowns"),
    **dict.fromkeys("euro euros €".split(), "euros"),
    **dict.fromkeys("dollar dollars $".split(), "dollars"),
    **dict.fromkeys("pound pounds sterling £".split(), "pounds"),
    **dict.fromkeys("franc francs".split(), "francs"),
    **dict.fromkeys("rouble roubles ruble rubles".split(), "roubles"),
    **dict.fromkeys("yen".split(), "yen"),
    **dict.fromkeys("yuan renminbi".split(), "yuan"),
    **dict.fromkeys("rupee rupees".split(), "rupees"),
    **dict.fromkeys("zloty zlotys".split(), "zlotys"),
    **dict.fromkeys("hryvnia hryvnias".split(), "hryvnias"),
}
_COST_WORDS = frozenset(
    "cost costs costing costed price priced spending expense expenses outlay".split()
)
_COST_FIGURES = frozenset({"figure", "estimate", "estimates", "estimated"})
"""Words that make money with a stretch of its own a cost all the same: "the latest figure was
430 million crowns for the first year"."""
_COST_SCOPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(first|second|third)[ -]year\b"), r"\1 year"),
    (re.compile(r"\b(?:a|per|each|every) year\b|\b(?:annual|annually|yearly)\b"), "a year"),
    (re.compile(r"\b(?:a|per|each|every) month\b|\bmonthly\b"), "a month"),
    (re.compile(r"\b(?:a|per|each|every) day\b|\bdaily\b"), "a day"),
    (re.compile(r"\bover (\w+) years\b"), r"over \1 years"),
    (re.compile(r"\bin (?:all|total)\b"), "in total"),
)
"""What stretch a cost covers: "310 million in its first year" and "an annual bill of 500
million" are costs of different stretches; a cost that names none is not compared."""


def _currency_after(toks: list[_Tok], number: _Number) -> str | None:
    """ "310 million crowns", "€40m", "$2 billion": the currency a figure is counted in."""
    if number.last + 1 < len(toks):
        found = _CURRENCIES.get(toks[number.last + 1].low)
        if found is not None:
            return found
    if number.first > 0 and toks[number.first - 1].low in ("$", "€", "£"):
        return _CURRENCIES[toks[number.first - 1].low]
    return None


def _cost(toks: list[_Tok], number: _Number, currency: str) -> Quantity | None:
    """What a plan or an event costs, in one currency over one stretch ("the reform would cost
    310 million crowns in its first year", "put the first-year bill at 520 million crowns"):
    measure `cost`, category "crowns, first year". Not a forecast: every cost of a plan is an
    estimate, and two estimates of it can disagree."""
    lo, hi = _clause(toks, number.first, number.last)
    words = [t.low for t in toks[lo:hi]]
    costed = any(w in _COST_WORDS or w in _COST_FIGURES for w in words) or any(
        w == "bill" and nxt in ("at", "of") for w, nxt in zip(words, words[1:], strict=False)
    )
    if not costed:
        return None
    joined = " ".join(words).replace(" - ", "-")
    scope = next((m.expand(out) for rx, out in _COST_SCOPES if (m := rx.search(joined))), None)
    if scope is None:
        return None
    return Quantity("cost", f"{currency}, {scope}", None, number.interval, number.text)


_SIZE_UNITS: dict[str, tuple[str, float]] = {
    **dict.fromkeys("tonnes tonne tons ton".split(), ("tonnes", 1.0)),
    **dict.fromkeys("litres litre liters liter".split(), ("litres", 1.0)),
    **dict.fromkeys("metres metre meters meter".split(), ("metres", 1.0)),
    **dict.fromkeys("kilometres kilometre kilometers kilometer km".split(), ("metres", 1000.0)),
}
"""Units of measurement after a figure, in one unit per kind ("three kilometres" is 3,000
metres); "cubic" before metres makes a volume."""
_SIZE_KINDS = {"tonnes": "weight", "litres": "volume", "cubic metres": "volume"}
_DIMENSIONS: dict[str, str] = {
    **dict.fromkeys("wide width across gap breach".split(), "width"),
    **dict.fromkeys("long length stretch".split(), "length"),
    **dict.fromkeys("deep depth".split(), "depth"),
    **dict.fromkeys("high height tall".split(), "height"),
    **dict.fromkeys("radius zone cordon".split(), "radius"),
}
"""What a length measures. A length with none of these ("30 km from the front", "within 500
metres of the works") says where, not how big: nothing another claim could dispute."""
_SIZE_KIND_NAMES = frozenset({*_SIZE_KINDS.values(), *_DIMENSIONS.values()})
_MEASURE_NOUNS = {
    "size": frozenset("volume weight width size length depth height extent release".split()),
    "cost": frozenset("cost costs bill price".split()),
}
"""Words that refer back to a measurement or a cost told before ("estimated the volume at
400,000", "said the cost would fall between 480 and 540 million")."""
_MATERIAL_STOP = frozenset(
    "had have has was were is are and or from in at into to that which who on by for with as "
    "spread across".split()
)


@dataclass(frozen=True, slots=True)
class _Unit:
    name: str
    factor: float
    last: int
    """Index of the unit's last token."""


def _unit_after(toks: list[_Tok], number: _Number) -> _Unit | None:
    """ "40 metres", "5.5 million cubic metres", "a 300-metre stretch": the unit after a figure."""
    i = number.last + 1
    if i < len(toks) and toks[i].low == "-":
        i += 1
    if i + 1 < len(toks) and toks[i].low == "cubic" and toks[i + 1].low in _SIZE_UNITS:
        unit, factor = _SIZE_UNITS[toks[i + 1].low]
        return _Unit("cubic metres", factor**3, i + 1) if unit == "metres" else None
    if i < len(toks) and toks[i].low in _SIZE_UNITS:
        unit, factor = _SIZE_UNITS[toks[i].low]
        return _Unit(unit, factor, i)
    return None


def _size(
    toks: list[_Tok], number: _Number, unit: _Unit, before: Quantity | None
) -> Quantity | None:
    """A measurement: measure `size`, category "weight in tonnes", "volume in cubic metres of
    water", "width in metres". Of two things weighed in one story only a named material tells
    them apart ("four tonnes of dead fish", "30 tonnes" of the gas); "the agency put the figure
    at 1.5 tonnes" weighs what the figure before it weighed."""
    lo, hi = _clause(toks, number.first, number.last)
    kind = _SIZE_KINDS.get(unit.name)
    if kind is None:
        near = sorted(
            (abs(j - number.first), _DIMENSIONS[toks[j].low])
            for j in range(lo, hi)
            if toks[j].low in _DIMENSIONS
        )
        if not near:
            return None
        kind = near[0][1]
    category = f"{kind} in {unit.name}"
    material: list[str] = []
    j = unit.last + 1
    if j < len(toks) and toks[j].low == "of":
        j += 1
        while j < len(toks) and toks[j].low in ("the", "a", "an"):
            j += 1
        while (
            j < len(toks)
            and len(material) < 2
            and toks[j].low[:1].isalpha()
            and toks[j].low not in _MATERIAL_STOP
            and not (material and toks[j].low.endswith("ed"))
        ):
            material.append(toks[j].low)
            j += 1
    if material:
        category = f"{category} of {' '.join(material)}"
    elif (
        before is not None
        and before.measure == "size"
        and before.category.startswith(category)
        and any(t.low in _ANAPHORS for t in toks[lo : number.first])
    ):
        category = before.category
    interval = Interval(number.interval.low * unit.factor, number.interval.high * unit.factor)
    forecast = _is_forecast(toks, lo, number.first)
    return Quantity("size", category, None, interval, number.text, forecast=forecast)


def quantities_of(
    figures: Iterable[Figure],
    content: str,
    content_start: int,
    *,
    own_side: str | None = None,
    own_side_text: str | None = None,
    context: str = "",
    antecedents: Sequence[Quantity] = (),
) -> list[Quantity]:
    """Quantities from the engine's figures, filling in what `Figure.what` leaves out from the
    words around the figure, plus any figure the text shows that the engine did not give.
    `context` is the claim's sentence; `antecedents` the figures of the claims just before."""
    at = context.find(content) if context else -1
    before = list(antecedents)
    if at > 0:
        before += find_quantities(
            context[:at],
            own_side=own_side,
            own_side_text=own_side_text,
            context=context,
            antecedents=antecedents,
        )
        named = _TALLY_OF.search(context[:at])
        if named is not None:
            # "The General Staff's tally of Northern dead has risen, and it put the number at
            # almost 600": what the tally counts, for "the number" to refer to
            before += find_quantities(
                "1 " + named.group(1), own_side=own_side, own_side_text=own_side_text
            )
    from_text = find_quantities(
        content,
        own_side=own_side,
        own_side_text=own_side_text,
        context=context,
        antecedents=before,
    )
    if (
        at >= 0
        and any(c.isdigit() for c in content)
        and any(c.isalpha() for c in content)  # "and the Red Cross 229": the figure alone
        and all(q.side is None for q in from_text)
    ):
        # the engine cut the content short ("the ministry said the number of soldiers killed
        # ... was now close to 1,700" read as "was now close to 1,700", "Northern losses ...
        # had passed 640 dead" as "had passed 640 dead"): read the figure in its whole sentence
        wide = [
            q
            for q in find_quantities(
                context,
                own_side=own_side,
                own_side_text=own_side_text,
                context=context,
                antecedents=antecedents,
            )
            if q.text in content
        ]
        if not from_text or (
            len(wide) == len(from_text)
            and any(w.side is not None for w in wide)
            and all(
                w.measure == q.measure and w.interval == q.interval
                for w, q in zip(wide, from_text, strict=True)
            )
        ):
            from_text = wide  # the same figures, with the side the content left out
    out: list[Quantity] = []
    used: set[int] = set()
    for fig in figures:
        if _is_whole_of(content, fig.text):
            continue
        if fig.end > fig.start and _DIFFERENCE.match(content, fig.end - content_start):
            continue  # "five more than it had admitted": see `_difference`
        percent = "%" in fig.text or "percent" in fig.text.lower() or "per cent" in fig.text.lower()
        interval = interval_of(fig.value, fig.qualifier, percent=percent)
        local = _nearest(from_text, fig, content, content_start)
        if local is not None and id(local) in used:
            continue  # "between 480 and 540 million": the range's second end, read with it
        if local is not None:
            used.add(id(local))
            if local.interval.low <= fig.value <= local.interval.high:
                interval = local.interval  # the text's own qualifier ("no more than 20")
            elif fig.text in local.text and len(fig.text) < len(local.text):
                fig = replace(fig, text=local.text)  # "more than two dozen", read whole
                interval = local.interval
        described = _described_by_what(fig, interval, percent, own_side, own_side_text)
        if (
            described is not None
            and described.category == "share"
            and fig.end > fig.start
            and _CHANGE_BEFORE.search(content, 0, max(0, fig.start - content_start))
        ):
            # "grain exports fell 7 percent": a change of something named only in the text,
            # never met with another's ("retail sales rose 0.8 percent")
            described = None
        if described is None:
            if local is not None:
                out.append(replace(local, interval=interval, text=fig.text))
            continue
        if local is not None:
            # the text's reading decides; `what` only fills what the text did not tell
            described = replace(
                local,
                interval=interval,
                text=fig.text,
                side=local.side if local.side is not None else described.side,
                side_text=local.side_text if local.side is not None else described.side_text,
            )
        out.append(described)
    out += [q for q in from_text if id(q) not in used]
    return [_as_vote(q, content) for q in out if _comparable_at_all(q)]


def _as_vote(q: Quantity, content: str) -> Quantity:
    """ "46 hands raised against the bill", "51 votes recorded": deputies voting, for unless
    said against, whichever reading found the figure."""
    if q.category != "votes" or q.measure != "count":
        return q
    at = content.find(q.text)
    after = content[at : at + len(q.text) + 40] if at >= 0 else content
    against = re.search(r"\b(?:against|opposed)\b", after) is not None
    return replace(q, measure="voted against" if against else "voted for", category="deputies")


@functools.lru_cache(maxsize=4096)
def _is_whole_of(content: str, figure: str) -> bool:
    """ "56 of the 101 seats": 101 is the whole the count is taken from, not a count."""
    return bool(figure.strip()) and bool(
        re.search(r"\d\s+of\s+(?:the\s+|all\s+)?" + re.escape(figure.strip()) + r"\b", content)
    )


def _comparable_at_all(q: Quantity) -> bool:
    """ "shelters for 5,000 people" counts nothing another claim could dispute."""
    return not (q.measure == "count" and (q.category in _PERSONNEL or q.category in _EQUIPMENT))


def _nearest(
    found: list[Quantity], fig: Figure, content: str, content_start: int
) -> Quantity | None:
    """The text-read quantity at the engine figure's place (offsets are article offsets)."""
    if not found:
        return None
    if fig.end > fig.start:
        local = fig.start - content_start
        for q in found:
            at = content.find(q.text)
            if at >= 0 and at <= local < at + len(q.text) + 2:
                return q
    value_text = fig.text.strip()
    for q in found:
        if value_text and (value_text in q.text or q.text in value_text):
            return q
    return None


_CHANGE_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(RISE_WORDS | _CHANGES)) + r")(?:\s+by)?\s+(?:some\s+|about\s+)?$",
    re.IGNORECASE,
)


def _described_by_what(
    fig: Figure,
    interval: Interval,
    percent: bool,
    own_side: str | None,
    own_side_text: str | None,
) -> Quantity | None:
    if not fig.what:
        return None
    toks = tokenize(fig.what)
    measure = _measure_in(toks, 0, len(toks)) or ("share" if percent else "count")
    category: str | None = None
    side: str | None = None
    side_text: str | None = None
    for i, t in enumerate(toks):
        cat = _CATEGORY_WORDS.get(t.low)
        if cat is not None and not percent:
            category = cat
            side, side_text = _side_before(toks, i, 0, own_side, own_side_text)
            break
    if percent:
        category = _aspect_in(toks, 0, len(toks)) or "share"
        side, side_text = _named_entity(toks, 0, len(toks))
        measure = "share"
    if category is None:
        return None
    if category in _HELD:
        measure = "held"
    return Quantity(measure, category, side, interval, fig.text, side_text)


_DENIED = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected claims)(?:\s+that)?\s*$", re.IGNORECASE
)
"""The words before a content that deny it: "denied that any soldier had been killed" is 0."""


def _numbers(toks: list[_Tok], text: str, *, denied: bool = False) -> list[_Number]:
    out: list[_Number] = []
    i = 0
    while i < len(toks):
        fraction = _fraction_at(toks, i)
        if fraction is not None:
            # "more than half of the village", "a third of voters": shares, in percent
            last, value = fraction
            first, qualifier = _qualifier_before(toks, i)
            if qualifier is not None:
                interval = interval_of(value, qualifier, percent=True)
            elif value < 100:
                interval = Interval(value - 3, value + 3)  # "a third" is said of 30 to 36
            else:
                interval = Interval(value, value)
            end = last - 1 if toks[last].low == "of" else last
            written = text[toks[first].start : toks[end].end]
            out.append(_Number(first, last, value, interval, True, written))
            i = last + 1
            continue
        found = _number_at(toks, i, denied=denied)
        if found is None:
            i += 1
            continue
        last, value, vague = found
        percent = False
        after = last + 1
        if after < len(toks) and toks[after].low in ("%", "percent"):
            percent, last = True, after
        elif after + 1 < len(toks) and (toks[after].low, toks[after + 1].low) == ("per", "cent"):
            percent, last = True, after + 1
        if _is_date_or_time(toks, i, last, value) or is_age_of(
            [t.low for t in toks[max(0, i - 2) : i]]
        ):
            i = last + 1
            continue
        first, qualifier = _qualifier_before(toks, i)
        if value == 1 and i > 0 and toks[i - 1].low in ("not", "never"):
            value, first = 0.0, i - 1  # "not a single soldier": none
        if vague is not None:
            interval = Interval(*vague)
        else:
            interval = interval_of(value, qualifier, percent=percent)
            tail = toks[last + 1 : last + 3]
            if [t.low for t in tail] in (["or", "more"], ["and", "more"]) or (
                tail and tail[0].low in ("plus", "+")
            ):
                interval = Interval(value, INF)
        range_end = _range_end(toks, last)
        if range_end is not None:
            high, last = range_end
            scale = _SCALES.get(toks[last].low)
            if scale is not None and scale > 1 and value * scale <= high:
                value *= scale  # "between 500 and 560 million": both ends in millions
            interval = Interval(value, high)
        written = text[toks[first].start : toks[last].end]
        if toks[i].low in ("a", "an") and last > i and toks[i + 1].low in _ORDINALS:
            written = _num(value)  # "a third patient": the third death, 3
        elif toks[i].low in ("a", "an", "any") and value <= 1:
            written = "none" if toks[i].low == "any" or value == 0 else "one"  # "a man": one
        out.append(_Number(first, last, value, interval, percent, written))
        i = last + 1
    return out


V = TypeVar("V")


def _longest_first(phrases: dict[str, V]) -> tuple[tuple[str, int, V], ...]:
    """(phrase, its word count, value), longest phrase first, for matching at a word."""
    return tuple(
        (p, p.count(" ") + 1, v) for p, v in sorted(phrases.items(), key=lambda kv: -len(kv[0]))
    )


_FRACTIONS: dict[str, float] = {
    "half": 50.0,
    "a half": 50.0,
    "one half": 50.0,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "two thirds": 200 / 3,
    "two-thirds": 200 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "three quarters": 75.0,
    "three-quarters": 75.0,
    "the whole of": 100.0,
}


_FRACTION_PHRASES = _longest_first(_FRACTIONS)
_FRACTION_STARTS = frozenset(p.split()[0] for p in _FRACTIONS)
_SMALL = {w: float(n) for w, n in NUMBER_WORDS.items() if isinstance(n, int) and 1 <= n <= 10}


def _small_number(tok: _Tok) -> float | None:
    if tok.low.isdigit() and 1 <= int(tok.low) <= 100:
        return float(tok.low)
    return _SMALL.get(tok.low)


def _fraction_at(toks: list[_Tok], i: int) -> tuple[int, float] | None:
    """(last token index, percent) of a fraction of something at token i: "half of", "a third
    of", "the whole of", "one in six", "three in ten"; "half an hour" or "a third round" are
    none."""
    if i + 2 < len(toks) and toks[i + 1].low == "in":
        part, whole = _small_number(toks[i]), _small_number(toks[i + 2])
        if part is not None and whole is not None and 2 <= whole <= 100 and part < whole:
            if i + 3 >= len(toks) or toks[i + 3].low not in _MONTHS:
                return i + 2, round(100 * part / whole, 1)
    if toks[i].low not in _FRACTION_STARTS:
        return None
    for phrase, n, value in _FRACTION_PHRASES:
        if " ".join(t.low for t in toks[i : i + n]) != phrase:
            continue
        last = i + n - 1
        if phrase.endswith(" of"):
            return last, value
        if last + 1 < len(toks) and toks[last + 1].low == "of":
            return last + 1, value
        return None
    return None


def _number_at(
    toks: list[_Tok], i: int, *, denied: bool = False
) -> tuple[int, float, tuple[float, float] | None] | None:
    """(last token index, value, vague interval) of a number starting at token i."""
    t = toks[i]
    if (
        t.low in ("a", "an", "any")
        and (t.low != "any" or denied)
        and _one_counted(toks, i + 1, plural=t.low == "any")
    ):
        return i, 0.0 if t.low == "any" else 1.0, None  # "a man was killed"; denied "any"
    if t.low in ("a", "an") and i + 2 < len(toks) and toks[i + 1].low in _ORDINALS:
        # "a third patient had died": the third death, so three in all
        if toks[i + 2].low not in _NOT_ORDINAL_OF and toks[i + 2].low[:1].isalpha():
            return i + 1, float(_ORDINALS[toks[i + 1].low]), None
    if t.low[0].isdigit():
        try:
            value = float(t.low.replace(",", ""))
        except ValueError:
            return None
        last = i
        if i + 1 < len(toks) and toks[i + 1].low in _SCALES:
            value *= _SCALES[toks[i + 1].low]
            last = i + 1
        return last, value, None
    tens, hyphen, unit = t.low.partition("-")
    if hyphen and tens in _TENS and unit in _UNITS:
        value = float(_TENS[tens] + _UNITS[unit])  # "Forty-eight prisoners", one token
        if i + 1 < len(toks) and toks[i + 1].low in _SCALES:
            return i + 1, value * _SCALES[toks[i + 1].low], None
        return i, value, None
    if t.low not in _PHRASE_STARTS:
        return None  # most words begin no number: the phrase lists below are not tried
    for phrase, n, (low, high) in _VAGUE_PHRASES:
        if " ".join(x.low for x in toks[i : i + n]) == phrase:
            if i + n < len(toks) and toks[i + n].low == "of":
                return i + n, low, (low, high)
    for phrase, n, value in _WORD_PHRASES:
        if " ".join(x.low for x in toks[i : i + n]) != phrase:
            continue
        if phrase in ("no", "none", "zero") and not _counted_follows(toks, i + n):
            if not (phrase == "none" and _none_said(toks, i + n)):
                return None
        if phrase == "one" and not _counted_follows(toks, i + n):
            return None
        last, scaled = _compound(toks, i + n - 1, float(value))
        if last + 1 < len(toks) and toks[last + 1].low in _SCALES and value > 0:
            last, scaled = last + 1, scaled * _SCALES[toks[last + 1].low]  # "five thousand"
        return last, scaled, None
    return None


_UNITS = {w: v for w, v in NUMBER_WORDS.items() if 1 <= v <= 9}
_TENS = {w: v for w, v in NUMBER_WORDS.items() if 10 <= v <= 90 and w != "dozen"}


def _compound(toks: list[_Tok], last: int, value: float) -> tuple[int, float]:
    """Number words read as one number: "seven hundred and fifty", "two hundred thirty",
    "one hundred and five", "twenty five"."""
    nxt = toks[last + 1].low if last + 1 < len(toks) else ""
    if nxt == "hundred" and 1 <= value <= 99:  # "seven hundred", "fifteen hundred"
        last, value = last + 1, value * 100
    if toks[last].low == "hundred":
        j = last + 2 if last + 1 < len(toks) and toks[last + 1].low == "and" else last + 1
        word = toks[j].low if j < len(toks) else ""
        if word in _TENS or word in _UNITS:
            end, rest = _compound(toks, j, float(_TENS.get(word) or _UNITS[word]))
            return end, value + rest
        return last, value
    if value in _TENS.values() and value >= 20 and nxt in _UNITS:
        return last + 1, value + _UNITS[nxt]  # "twenty five"
    return last, value


_VAGUE_PHRASES = _longest_first(_VAGUE)
_WORD_PHRASES = _longest_first(_WORD_NUMBERS)
_PHRASE_STARTS = frozenset(p.split()[0] for p in (*_VAGUE, *_WORD_NUMBERS))
"""First words of number phrases, longest first when tried: sorted once, not per word."""

_ORDINALS = {
    w: n
    for n, w in enumerate(
        "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(),
        start=2,
    )
}
_NOT_ORDINAL_OF = frozenset(
    "of round time day week month year term place consecutive straight quarter party".split()
)


def _one_counted(toks: list[_Tok], i: int, *, plural: bool = False) -> bool:
    """ "a man", "a Northern soldier", "any civilians", "any of its men": a counted noun right
    after."""
    if i + 1 < len(toks) and toks[i].low == "of" and toks[i + 1].low in _OF_WHOSE:
        i += 2  # "any of its men" (denied: none)
    if i < len(toks) and toks[i].text[:1].isupper() and toks[i].low not in _CATEGORY_WORDS:
        i += 1
    if i >= len(toks):
        return False
    low = toks[i].low
    return low in _CATEGORY_WORDS and (plural or low not in _NOT_ONE)


_OF_WHOSE = frozenset({"its", "their", "our", "the", "his", "her"})
_NOT_ONE = frozenset("men people troops personnel artillery armour armor".split())


def _counted_follows(toks: list[_Tok], i: int) -> bool:
    """ "no civilians", "none of our soldiers", "none of the ministry's men": a count of zero,
    not the word "no"."""
    for j, t in enumerate(toks[i : i + 6], start=i):
        if t.low in _CATEGORY_WORDS:
            return True
        if t.low in ("of", "our", "their", "the", "its") or t.text[:1].isupper():
            continue
        if t.low in _QUOTES:
            continue  # 'that "not one" Northern soldier had been captured'
        if t.low.endswith(("'s", "’s")) or (j + 1 < len(toks) and toks[j + 1].low in ("'s", "’s")):
            continue  # an owner: "the ministry's"
        return False  # "no more than 20": a qualifier, not a count of zero
    return False


_AUXILIARIES = frozenset("had have has was were is are".split())
_QUOTES = frozenset("\"“”'‘’")


def _none_said(toks: list[_Tok], i: int) -> bool:
    """ "none had been taken prisoner", "none of them was hurt": a count of zero of the people
    told before, with what happened to them in the verb ("none was offered for exchange" is
    no count)."""
    if [t.low for t in toks[i : i + 2]] in (["of", "them"], ["of", "those"], ["of", "these"]):
        i += 2
    return (
        i < len(toks)
        and toks[i].low in _AUXILIARIES
        and any(t.low in _MEASURE_WORDS or t.low in _CUES_BY_FIRST for t in toks[i + 1 : i + 4])
    )


_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


_CLOCK_PARTS = frozenset({"half", "quarter", "ten", "five", "twenty", "minutes"})


def _is_date_or_time(toks: list[_Tok], first: int, last: int, value: float) -> bool:
    before = toks[first - 1].low if first > 0 else ""
    after = toks[last + 1].low if last + 1 < len(toks) else ""
    if before in _MONTHS or after in _MONTHS:
        return True
    if before in ("past", "to") and first >= 2 and toks[first - 2].low in _CLOCK_PARTS:
        return True  # "by half past seven", "a quarter to eight"
    if after == "-" and last + 2 < len(toks) and toks[last + 2].low.startswith(("year", "month")):
        return True  # "a 79-year-old man": an age
    if after in ("am", "pm", "a.m", "p.m", "o'clock", "hours", "hour", "days", "day", "weeks",
                 "week", "months", "month", "years", "year", "miles", "minutes", ":"):  # fmt: skip
        return True
    if (
        before in ("since", "in", "of", "by")
        and 1900 <= value <= 2100
        and "," not in toks[first].text
    ):
        return True
    if before == "at" and any(
        t.low in _PUT_AT or t.low in _COUNTED_AT for t in _back_to_stop(toks, first, 20)
    ):
        # "put the death toll at eight", "its own losses on Tuesday at 11", "put the number of
        # people killed in Thursday's collapse at the Grand Hotel at nine on Sunday"
        return False
    return before in ("at", "until", "till") and value <= 24


def _back_to_stop(toks: list[_Tok], first: int, most: int) -> list[_Tok]:
    """The tokens before `first`, at most `most`, back to the start of the sentence or clause."""
    out: list[_Tok] = []
    for t in reversed(toks[max(0, first - most) : first]):
        if t.low in (".", ";", ":", "!", "?"):
            break
        out.append(t)
    return out


_PUT_AT = frozenset("toll number figure count estimate tally total put estimated".split())
_COUNTED_AT = frozenset("losses casualties dead crowd turnout attendance".split())


def _qualifier_before(toks: list[_Tok], i: int) -> tuple[int, str | None]:
    """The qualifier words right before token i, longest first ("did not exceed", "more than")."""
    options = sorted((*_AT_LEAST, *_AT_MOST, *_ABOUT, "only", "just", "a total of"), key=len)
    for option in reversed(options):
        words = option.split()
        n = len(words)
        if i - n >= 0 and [t.low for t in toks[i - n : i]] == words:
            if option == "up to" and i - n > 0 and toks[i - n - 1].low in RISE_WORDS:
                continue  # "edged up to 274": the level it reached
            return i - n, option
    return i, None


def _range_end(toks: list[_Tok], last: int) -> tuple[float, int] | None:
    """ "200 to 300", "200-300", "between 200 and 300"."""
    if last + 2 < len(toks) and toks[last + 1].low in ("to", "-", "–", "and"):
        nxt = _number_at(toks, last + 2)
        if nxt is not None and toks[last + 2].low[0].isdigit():
            if toks[last + 1].low == "and" and (last < 1 or toks[last - 1].low != "between"):
                return None
            return nxt[1], nxt[0]
    return None


def _hands_up(toks: list[_Tok], number: _Number, at: int) -> bool:
    """ "49 raised hands for the bill", "showed 47 hands": a show of hands in a vote."""
    before = {toks[i].low for i in (at - 1, number.first - 1) if i >= 0}
    after = toks[at + 1].low if at + 1 < len(toks) else ""
    return bool(before & {"raised", "showed", "show", "counted"}) or after in ("for", "against")


def _describe(
    toks: list[_Tok],
    number: _Number,
    own_side: str | None,
    own_side_text: str | None,
    aspect_hint: str | None = None,
    *,
    gathering: bool = False,
) -> Quantity | None:
    lo, hi = _clause(toks, number.first, number.last)
    if _whole_of(toks, number.first):
        return None
    if number.percent:
        aspect = _aspect_in(toks, lo, hi, around=number.first) or aspect_hint
        if aspect is None and _standing(toks, lo, number.first):
            aspect = "support"  # "Unity at 23 percent, and the Greens on 51"
        if aspect is None:
            return None
        side, side_text = _named_entity(toks, lo, hi, around=number.first)
        if side is None and any(
            t.low in ("our", "her", "his", "its", "my", "their")
            and n.low in ("party", "candidate", "share", "vote", "support", "result")
            for t, n in zip(toks[lo:hi], toks[lo + 1 : hi], strict=False)
        ):
            side, side_text = own_side, own_side_text  # "her party would win", "its share was"
        if aspect in ("turnout", "inflation", "unemployment", "growth"):
            side, side_text = None, None
        forecast = _is_forecast(toks, lo, number.first)
        return Quantity("share", aspect, side, number.interval, number.text, side_text, forecast)

    if _is_area(toks, number.last + 1):
        # "some 40 square kilometres": the extent of ground held
        side, side_text = _side_in_clause(toks, lo, number.first, own_side, own_side_text)
        forecast = _is_forecast(toks, lo, number.first)
        return Quantity("held", "area", side, number.interval, number.text, side_text, forecast)
    category, cat_at = _category_after(toks, number.last + 1, hi)
    unknown = False
    if category is None:
        category, cat_at = _unknown_noun_after(toks, number.last + 1, hi)
        unknown = category is not None
    if category is None:
        category, cat_at = _category_before(toks, lo, number.first)
    measure = _measure_near(toks, number, lo, hi)
    if category == "votes" and toks[cat_at].low == "hands" and not _hands_up(toks, number, cat_at):
        return None  # "40 hands were hired": workers, not a show of hands
    if category == "votes" and measure is None and _won_before(toks, number.first):
        measure, category = "voted for", "deputies"  # "Lang received only 50 votes"
    if category == "votes" and cat_at + 1 < hi and toks[cat_at + 1].low in ("for", "against"):
        # "they had counted 48 votes for the bill": deputies voting for it
        measure = "voted for" if toks[cat_at + 1].low == "for" else "voted against"
        category = "deputies"
    if cat_at > number.last + 1 and any(
        t.low in _MEASURE_WORDS for t in toks[number.last + 1 : cat_at]
    ):
        # "three injured passengers died": the verb after the noun, not its modifier
        after = next(
            (_MEASURE_WORDS[t.low] for t in toks[cat_at + 1 : min(hi, cat_at + 4)]
             if t.low in _MEASURE_WORDS and t.low != "held"),
            None,
        )  # fmt: skip
        measure = after or measure
    if measure in _VOTES and category != "deputies":
        measure = None  # "strikes against 12 towns"
    if (
        measure == "voted for"
        and category == "deputies"
        and any(
            t.low in ("would", "will", "'ll") and n.low in ("vote", "back", "support")
            for t, n in zip(toks[lo:hi], toks[lo + 1 : hi], strict=False)
        )
    ):
        # "42 deputies would vote for it": the backing a leader has now, not a vote's count
        return Quantity("held", "seats", None, number.interval, number.text)
    if measure == "arrested" and category == "soldiers":
        measure = "captured"  # "24 Eastern soldiers held by the North": prisoners of war
    if measure is None and category == "soldiers" and _held(toks, number, lo, hi):
        # "21 men in Northern captivity", "in Northern hands", "the soldiers it holds"
        measure = "captured"
    if (
        measure == "casualties"
        and category in ("soldiers", "people")
        and cat_at > number.last
        and number.first > 0
        and toks[number.first - 1].low in ("lost", "lose", "loses", "losing")
        and not any(t.low in _MEASURE_WORDS for t in toks[cat_at + 1 : hi])
    ):
        # "had lost some 730 men at Tarva": the men it lost are its dead; "lost 121 men killed,
        # wounded and missing" says otherwise
        measure = "killed"
    if unknown and measure is None:
        return None  # "12 schools would reopen": nothing we can compare
    # "Northern units held 211 Eastern prisoners": the side named on the prisoners, not the
    # holders' before the figure
    before = category is not None and cat_at < number.first
    sided = _sided_dead(toks, number.last + 1, hi) if category is None or before else None
    if sided is not None and measure is not None:
        side, side_text = sided
        forecast = _is_forecast(toks, lo, number.first)
        return Quantity(
            measure, "soldiers", side, number.interval, number.text, side_text, forecast
        )
    if category is None and measure is not None:
        # "raised the number of Aldorians among the dead to six": a part of the dead
        category, cat_at = _named_among(toks, lo, hi, number.last + 1)
    if category is None:
        # "losses of 120" / "the death toll rose to 37": counted things implied by the measure
        if measure in ("killed", "wounded", "casualties", "captured", "missing", "displaced",
                       "arrested", "charged", "evacuated", "participants", "remaining",
                       "trapped", "returned", "present", "ill", "admitted",
                       "critical"):  # fmt: skip
            category, cat_at = "people", -1
        else:
            return None
    if (
        category in _HELD
        or (
            category == "deputies"
            and measure in (None, "remaining")
            # 'that 44 deputies "remain solidly with the prime minister"': past the quotation mark
            and any(t.low in _HOLDS for t in toks[lo : hi + 3])
        )
    ):
        measure = "held"  # "won 56 seats", "could rely on 42 deputies": what it holds now
        category = "seats"  # a party's deputies are its seats
    if measure is None and _list_of_names(toks, cat_at, lo, hi):
        measure = "killed"  # "her list now ran to 302 names": a list of the dead, unqualified
    if measure is None and gathering and category in _CROWDS:
        measure = "participants"  # "police said about 350 women stood outside ..., the vigil"
    if measure is None:
        if category in _PERSONNEL or category in _EQUIPMENT:
            return None  # "40 schools", "300 soldiers arrived": nothing we can compare
        measure = "count"
    if category in _EQUIPMENT and measure == "casualties":
        measure = "destroyed"  # "lost 14 tanks"
    if category in _PERSONNEL and measure == "destroyed":
        measure = "killed"  # "neutralised 40 fighters"
    side, side_text = (None, None)
    if 0 <= cat_at < number.first and any(
        t.low == "own" and p.low in ("its", "our", "their")
        for p, t in zip(toks[cat_at : number.first], toks[cat_at + 1 : number.first], strict=False)
    ):
        # "put Eastern soldiers killed at about 1,450 and its own dead there at 56": its own
        side, side_text = own_side, own_side_text
    elif 0 <= cat_at < number.first:
        # "the number of Northern servicemen killed ... was close to 1,700"
        side, side_text = _side_before(toks, cat_at, max(lo, cat_at - 3), own_side, own_side_text)
    elif cat_at >= 0:
        side, side_text = _side_before(toks, cat_at, number.last + 1, own_side, own_side_text)
        if side is None:
            side, side_text = _side_after(toks, cat_at, hi)
    if side is None:
        side, side_text = _side_in_clause(toks, lo, number.first, own_side, own_side_text)
        if side is not None and cat_at < 0 and category == "people" and measure in _WAR_FATES:
            category = "soldiers"  # "Northern losses ... at 410 killed": a side's losses
    if (
        side is None
        and own_side
        and measure in ("destroyed", "captured")
        and _inflicted(toks, lo, number.first)
    ):
        side = f"!{own_side}"  # "its crews brought down 58 drones": the enemy's drones
    if side is None and own_side and category in _EQUIPMENT and _lost(toks, lo, hi):
        side, side_text = own_side, own_side_text  # "its tally of drones lost": its own
    if (
        side is None
        and own_side
        and measure == "launched"
        and category in _EQUIPMENT
        and not any(t.low in _ENEMY for t in toks[lo:hi])
    ):
        side, side_text = own_side, own_side_text  # Northgate: "no more than 25 were launched"
    if side is None and _both_sides(toks, lo, hi):
        side, side_text = ALL_SIDES, "both sides"
    if category == "people" and measure in ("returned", "captured") and _each_side(toks, lo, hi):
        category = "soldiers"  # "42 prisoners from each side were handed over": each army's
    forecast = _is_forecast(toks, lo, number.first)
    interval = number.interval
    if measure == "captured" and any(t.low in _REGISTERED for t in toks[lo : number.first]):
        interval = Interval(interval.low, INF)  # those registered fit inside all held
    return Quantity(measure, category, side, interval, number.text, side_text, forecast)


def _each_side(toks: list[_Tok], lo: int, hi: int) -> bool:
    """ "from each side", "in each direction": a count of one side's men, whichever side."""
    return any(
        a.low in ("each", "either") and b.low in ("side", "army", "direction")
        for a, b in zip(toks[lo:hi], toks[lo + 1 : hi], strict=False)
    )


_REGISTERED = frozenset({"registered", "visited"})
"""Prisoners a neutral body has registered or visited are those it has reached so far: at
least that many are held ("the Red Cross has registered 95 Northern soldiers captured")."""

ALL_SIDES = "*"
"""The side of a count of both armies together ("400 to 700 soldiers of both armies killed"):
every side's own count is a part of it."""


def _list_of_names(toks: list[_Tok], cat_at: int, lo: int, hi: int) -> bool:
    return (
        0 <= cat_at < len(toks)
        and toks[cat_at].low == "names"
        and any(t.low == "list" for t in toks[lo:hi])
        and _measure_in(toks, lo, hi) is None
    )


def _lost(toks: list[_Tok], lo: int, hi: int) -> bool:
    return any(t.low in ("lost", "losses", "lose", "loses", "losing") for t in toks[lo:hi])


def _both_sides(toks: list[_Tok], lo: int, hi: int) -> bool:
    return any(
        toks[j].low == "both" and toks[j + 1].low in ("armies", "sides", "forces")
        for j in range(lo, min(hi, len(toks) - 1))
    )


_WAR_FATES = frozenset({"killed", "wounded", "casualties", "captured", "missing"})
_INFLICTED = frozenset("downed destroyed intercepted captured shot brought knocked".split())
_SUFFERED = frozenset("lost losses lose losing own suffered".split())


def _inflicted(toks: list[_Tok], lo: int, first: int) -> bool:
    """Whether the clause before the figure does something to the figure ("shot down 38",
    "has destroyed ... 163") rather than suffering it ("lost 34")."""
    words = {t.low for t in toks[lo:first]}
    return bool(words & _INFLICTED) and not words & _SUFFERED


_HOLDS = frozenset(
    "behind rely relies count counts counted down has had have command commands retained retains "
    "kept keeps support remain remains".split()
)
_AREA = frozenset("kilometres kilometers km miles metres meters".split())


def _is_area(toks: list[_Tok], i: int) -> bool:
    if i < len(toks) and toks[i].low in ("hectares", "km2", "km²", "acres"):
        return True
    return i + 1 < len(toks) and toks[i].low == "square" and toks[i + 1].low in _AREA


_WON = frozenset("received receives won wins got gets secured secures obtained gained".split())


def _won_before(toks: list[_Tok], first: int) -> bool:
    return any(t.low in _WON for t in toks[max(0, first - 3) : first])


def _whole_of(toks: list[_Tok], first: int) -> bool:
    """ "56 of the 101 seats": the number after "N of (the)" is the whole."""
    j = first - 1
    if j >= 0 and toks[j].low in ("the", "all"):
        j -= 1
    return j >= 1 and toks[j].low == "of" and toks[j - 1].low[:1].isdigit()


_HOLDING = frozenset({"holds", "holding", "hold", "held"})
"""Words of an army keeping soldiers of the other side: they are its prisoners."""


def _held(toks: list[_Tok], number: _Number, lo: int, hi: int) -> bool:
    """ "in Northern captivity", "in Northern hands", "the soldiers it holds", "was holding 31";
    not "held the bridge with 40 soldiers", where something else is held."""
    for j in range(lo, hi):
        low = toks[j].low
        if low == "captivity" or low == "hands" and j >= 2 and toks[j - 2].low == "in":
            return True
        if low in _HOLDING and (j > number.last or number.first - j <= 2):
            return True
    return False


def _is_forecast(toks: list[_Tok], lo: int, first: int) -> bool:
    # "since May" is a month, "may rise" a forecast; "could still count on 49 deputies" is
    # the support it has now, "could confirm only five deaths" the deaths it knows of
    return any(
        t.low in _FORECAST
        and t.text != "May"
        and not (t.low in ("could", "can") and _counts_on(toks, i + 1, first))
        for i, t in enumerate(toks[lo:first], start=lo)
    )


def _counts_on(toks: list[_Tok], start: int, end: int) -> bool:
    """ "could count on 49 deputies", "could confirm only five deaths", "could be sure of only
    49 votes": what can be said now."""
    words = [t.low for t in toks[start:end] if t.low not in ("still", "now", "only", "just")]
    return bool(words) and (
        words[0] in _ABLE_TO or words[:2] in (["be", "sure"], ["be", "certain"])
    )


_ABLE_TO = frozenset(
    "count rely confirm verify identify document establish account name trace find see".split()
)


def _clause(toks: list[_Tok], first: int, last: int) -> tuple[int, int]:
    lo = first
    while lo > 0 and (
        toks[lo - 1].low not in _STOP
        and toks[lo - 1].low not in _CLAUSE_WORDS
        or _quoted_complement(toks, lo - 1)
        or _quoted_figure(toks, lo - 1, first, last)
    ):
        lo -= 1
    hi = last + 1
    while hi < len(toks) and (
        toks[hi].low not in _STOP
        and toks[hi].low not in _CLAUSE_WORDS
        or _quoted_figure(toks, hi, first, last)
    ):
        hi += 1
    return lo, hi


def _quoted_figure(toks: list[_Tok], j: int, first: int, last: int) -> bool:
    """'that "not one" soldier had been captured': quotation marks around the figure alone
    end no clause."""
    return (
        0 < first
        and last + 1 < len(toks)
        and j in (first - 1, last + 1)
        and toks[first - 1].low in _QUOTES
        and toks[last + 1].low in _QUOTES
    )


def _quoted_complement(toks: list[_Tok], j: int) -> bool:
    """'the toll was "at least 150"': an opening quotation mark after "was" ends no clause."""
    if toks[j].low not in ('"', "“") or j == 0:
        return False
    before = toks[j - 2] if toks[j - 1].low in _FILLERS and j > 1 else toks[j - 1]
    return before.low in _COPULAS  # 'were now "nearly 2,300"', 'had "gone past 2,550"' too


_COPULAS = frozenset("was is were are be at to of on had has have".split())


def _named_among(toks: list[_Tok], lo: int, hi: int, after: int) -> tuple[str | None, int]:
    """ "the number of Aldorians among the dead": people named by a word of their own (a
    nationality), counted among all the dead, never merged with them."""
    for j in range(lo, hi - 1):
        t = toks[j]
        if not (t.text[:1].isupper() and t.low.endswith("s")) or j == 0:
            continue
        if toks[j + 1].low == "among":
            return t.low, j
        if (
            _MEASURE_WORDS.get(toks[j + 1].low) in _PEOPLES_FATES
            and t.low not in DEMONYMS
            and t.low not in STATE_WORDS
            and not t.low.startswith(("north", "south", "east", "west"))  # a side's people
            and toks[j - 1].low in ("of", "the")
        ):
            return t.low, j  # "the count of Aldorians killed in the crush stands at seven"
    j = after
    words = [t.low for t in toks[j : j + 4]]
    if words[:1] == ["of"] and words[2:] in (["dead", "were"], ["dead", "was"]) and j + 4 < hi:
        named = toks[j + 4]
        if named.text[:1].isupper():
            # "six of the dead were Aldorian coach passengers": the Aldorians among them
            return named.low if named.low.endswith("s") else f"{named.low}s", j + 4
    return None, -1


def _category_after(toks: list[_Tok], i: int, hi: int) -> tuple[str | None, int]:
    """The counted noun: within a few words after the number ("800 Eastern Federation soldiers",
    "120 men", "9 artillery systems")."""
    for j in range(i, min(hi, i + 5)):
        low = toks[j].low
        if low == "of" and j > i:
            continue
        cat = _CATEGORY_WORDS.get(low)
        if cat is not None:
            # "artillery systems": take the last noun of a compound
            if j + 1 < hi and _CATEGORY_WORDS.get(toks[j + 1].low) == cat:
                return cat, j + 1
            return cat, j
        if low[0].isdigit() and _whole_of(toks, j):
            continue  # "56 of the 101 seats"
        if low in (",", "and", "or") or low[0].isdigit():
            return None, -1
    return None, -1


_NOT_NOUNS = frozenset(
    "had have has were was is are been be being would will could may might of in on at to for "
    "from by with and or the a an its their our his her this that these those since during "
    "after before until across through into than".split()
)


def _unknown_noun_after(toks: list[_Tok], i: int, hi: int) -> tuple[str | None, int]:
    """A plural noun outside the vocabulary right after the number ("12 police officers",
    "15 of its members"): counted things of their own, never merged with "people"."""
    found: tuple[str | None, int] = (None, -1)
    for j in range(i, min(hi, i + 4)):
        low = toks[j].low
        if low in ("of", "its", "their", "our", "the") and found[0] is None:
            continue
        if low in _NOT_NOUNS or not low[0].isalpha() or low in _MEASURE_WORDS:
            break
        if len(low) > 3 and low.endswith("s") and not low.endswith("ss"):
            found = (low, j)
    return found


_DEAD_NOUNS = frozenset("dead wounded injured casualties killed losses".split())
_SIDED_NOUNS = _DEAD_NOUNS | {"prisoners", "prisoner", "pows", "captives"}


def _sided_dead(toks: list[_Tok], i: int, hi: int) -> tuple[str, str] | None:
    """ "150 Northern dead", "211 Eastern prisoners": a side's dead or prisoners are its
    troops."""
    run: list[_Tok] = []
    for j in range(i, min(hi, i + 4)):
        if toks[j].low in _SIDED_NOUNS and run:
            text = " ".join(t.text for t in run)
            key = side_key(text)
            return (key, _clean_side_text(text)) if key else None
        if not (toks[j].text[:1].isupper() or toks[j].low in DEMONYMS):
            return None
        run.append(toks[j])
    return None


def _category_before(toks: list[_Tok], lo: int, first: int) -> tuple[str | None, int]:
    """ "the number of Eastern Federation soldiers killed ... had risen to 950"."""
    for j in range(first - 1, lo - 1, -1):
        cat = _CATEGORY_WORDS.get(toks[j].low)
        if cat is not None and cat not in ("votes", "voters", "polling stations"):
            return cat, j
    return None, -1


def _measure_in(toks: list[_Tok], lo: int, hi: int) -> str | None:
    joined = " ".join(t.low for t in toks[lo:hi])
    for cue, measure in _MEASURE_CUES:
        if cue in joined:
            return measure
    for t in toks[lo:hi]:
        m = _MEASURE_WORDS.get(t.low)
        if m is not None:
            return m
    return None


_HOSPITALS = frozenset({"hospital", "hospitals", "clinic", "clinics"})


def _measure_near(toks: list[_Tok], number: _Number, lo: int, hi: int) -> str | None:
    """The event word of the figure's clause, nearest first; after the figure wins a tie
    ("800 soldiers were killed"), before it otherwise ("killed 800 soldiers")."""
    best: tuple[int, str] | None = None
    held_soldiers = False
    for start in range(lo, hi):
        for words, measure in _CUES_BY_FIRST.get(toks[start].low, ()):
            if [t.low for t in toks[start : start + len(words)]] == words:
                if _another_number_between(toks, number, start):
                    continue
                # a cue's nearest word counts: "killed, wounded and missing, stood at 692"
                dist = min(
                    _distance(start, number, toks),
                    _distance(start + len(words) - 1, number, toks),
                )
                if best is None or dist < best[0]:
                    best = (dist, measure)
    for j in range(lo, hi):
        if number.first <= j <= number.last:
            continue
        m = _MEASURE_WORDS.get(toks[j].low)
        if toks[j].low == "admitted" and any(t.low in _HOSPITALS for t in toks[lo:hi]):
            m = "admitted"  # "the county hospital admitted 22 people"; "admitted 14 dead" is not
        if m is None or _another_number_between(toks, number, j):
            continue
        if m == "remaining" and best is not None and best[1] == "critical":
            continue  # "three remain in a critical condition"
        if toks[j].low == "left" and not _left_means_fled(toks, j):
            continue
        if toks[j].low in ("came", "come") and j + 1 < hi and toks[j + 1].low in ("to", "back"):
            continue  # "the losses came to 58" is a sum; "came back" is a cue above
        if m == "remaining" and j > 0 and toks[j - 1].low in _ANAPHORS:
            continue  # "its figure remained 17": the figure stays, nobody remains
        if toks[j].low == "held" and (j == 0 or toks[j - 1].low not in _PASSIVE):
            # "the list of Northern soldiers held from the fighting": prisoners, unless the
            # clause says what else befell them
            held_soldiers = held_soldiers or (
                j > 0 and _CATEGORY_WORDS.get(toks[j - 1].low) == "soldiers"
            )
            continue  # "had been held" is detained; "held a rally", "held 56 seats" are not
        dist = _distance(j, number, toks)
        if best is None or dist < best[0]:
            best = (dist, m)
    joined = " ".join(t.low for t in toks[lo:hi])
    if best is None and held_soldiers:
        return "captured"
    if best is None:
        # where people were ("143 people aboard"), only when nothing happened to them: "13 of
        # those on board had died" counts the dead
        if _PRESENT.search(joined):
            return "present"
    elif best[1] == "captured" and _EXCHANGE.search(joined):
        return "returned"  # "46 prisoners in each direction": the men each side got back
    return best[1] if best else None


_EXCHANGE = re.compile(
    r"\b(?:handed (?:over|back)|in each direction|exchanged|swapped|came home|come home"
    r"|(?:from|by) each (?:side|army))\b"
)


_PRESENT = re.compile(
    r"\b(?:aboard|on board|inside|in the building|present|had been (?:on|in|at|there)"
    r"|were there|boarded|(?:were|was) (?:on|in|at|inside) the|passengers?|attendance"
    r"|packed in|crammed|there (?:were|was) \S+ (?:\w+ )?(?:on|in|at) the)\b"
)
"""Where people were, or who a vehicle carried ("23 passengers had boarded", "the number of
passengers at 31", "gave the attendance as 9,400", "there were 1,500 people on the terrace")."""
_PASSIVE = frozenset("been being were was are is".split())


def _another_number_between(toks: list[_Tok], number: _Number, j: int) -> bool:
    """ "raising the toll to seven, with six people still missing": a word after another
    figure is that figure's."""
    return j > number.last and any(
        (toks[k].low[:1].isdigit() or toks[k].low in NUMBER_WORDS)
        and toks[k - 1].low != "of"  # "a boy of six": an age
        and not (k + 2 < len(toks) and toks[k + 2].low.endswith("-old"))  # "a 79-year-old man"
        and (k + 1 >= len(toks) or toks[k + 1].low != "of")  # "33 of them": a part of ours
        for k in range(number.last + 1, j)
    )


_FILLERS = frozenset({"still", "now", "also", "already", "yet", "reportedly", "all"})
"""Words that put no distance between a figure and its event: "nine were still missing"."""


def _distance(j: int, number: _Number, toks: list[_Tok]) -> int:
    """Words apart, after the figure winning ties; a clause of its own in between ("148 had
    fallen ill, and that two of them had died") puts a word far away."""
    # "17,400 who had fled": a relative clause right after the figure is the figure's own
    between = range(number.last + 3, j) if j > number.last else range(j + 1, number.first)
    far = 20 if any(toks[k].low in _NEW_CLAUSE for k in between) else 0
    if j > number.last:
        fillers = sum(toks[k].low in _FILLERS for k in range(number.last + 1, j))
        return 2 * (j - number.last - fillers) + far
    return 2 * (number.first - j) + 1 + far


_NEW_CLAUSE = frozenset({"that", "which", "who", "whom", "whose"})


def _left_means_fled(toks: list[_Tok], j: int) -> bool:
    """ "2,000 civilians have left Dalsk" (fled), not "the 40 left in the town"."""
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    return nxt is not None and (nxt.text[:1].isupper() or nxt.low in ("the", "their", "home"))


_TALLIES = frozenset(
    "count tally toll figure figures estimate estimates list number total records register".split()
)
"""Nouns of a count someone keeps: a name owning one is who counts ("the WHO's count of ...")."""


def _side_before(
    toks: list[_Tok], cat_at: int, lo: int, own_side: str | None, own_side_text: str | None
) -> tuple[str | None, str | None]:
    """Capitalised modifiers between the number and the counted noun: "800 Eastern Federation
    soldiers"; "our soldiers" is the claimant's own side."""
    for t in toks[lo:cat_at]:
        if t.low in _OWN:
            return own_side, own_side_text  # "60 of its soldiers"
        if t.low in _ENEMY:
            return (f"!{own_side}" if own_side else None), None
    # the last run of capitalised words before the noun: "12 Northern armoured vehicles"
    run: list[_Tok] = []
    last = -2
    for k in range(lo, cat_at):
        t = toks[k]
        if _number_word(t.low):
            continue  # "Forty-seven Northern drones": the figure, capitalised to open a sentence
        if (t.text[:1].isupper() or t.low in DEMONYMS) and t.low not in _NOT_SIDES:
            run = run + [t] if last == k - 1 else [t]
            last = k
    between = {t.low for t in toks[last + 1 : cat_at]} if run else set()
    if "," in between:
        return None, None  # "Inside Lenne, civilian deaths ...": where, set off, not whose
    if between & _TALLIES:
        return None, None  # "the World Health Organization's count of civilians": who counts
    owner = run and (run[-1].low.endswith(("'s", "’s")) or "'s" in between or "’s" in between)
    if owner and {t.low for t in toks[cat_at + 1 : cat_at + 3]} & _TALLIES:
        return None, None  # "the WHO's civilian toll": who counts, not whose civilians
    if run and not between & {"the", "a", "an"}:
        # not "the World Health Organization raised the civilian toll": a body before another
        # noun phrase is who speaks, not whose people are counted
        text = " ".join(t.text for t in run)
        return side_key(text), _clean_side_text(text)
    return None, None


def _state_owner(toks: list[_Tok], k: int, lo: int) -> str | None:
    """ "Northgate's own losses", "the Federation's own losses": a state (or its capital) named
    before "own" owns them, whoever speaks; "the General Staff's own losses" are the speaker's."""
    if k >= lo and toks[k].low in ("'s", "’s"):
        k -= 1
    if k < lo or not toks[k].text[:1].isupper():
        return None
    word = toks[k].low.removesuffix("'s").removesuffix("’s")
    if word in CAPITALS or word in STATE_WORDS:
        return toks[k].text.removesuffix("'s").removesuffix("’s")
    return None


STATE_WORDS = frozenset({"federation", "republic", "kingdom", "union", "emirates"})
"""Words a state's name ends in ("Eastern Federation"), which it may go by alone."""


def _number_word(low: str) -> bool:
    return any(part in NUMBER_WORDS for part in low.split("-"))


def _side_after(toks: list[_Tok], cat_at: int, hi: int) -> tuple[str | None, str | None]:
    """ "soldiers of the Eastern Federation"."""
    j = cat_at + 1
    if j < hi and toks[j].low == "of":
        j += 1
        if j < hi and toks[j].low == "the":
            j += 1
        run: list[_Tok] = []
        while j < hi and (toks[j].text[:1].isupper() or toks[j].low in DEMONYMS):
            if toks[j].low in _NOT_SIDES:
                break
            run.append(toks[j])
            j += 1
        if run:
            text = " ".join(t.text for t in run)
            return side_key(text), _clean_side_text(text)
    return None, None


def _side_in_clause(
    toks: list[_Tok], lo: int, first: int, own_side: str | None, own_side_text: str | None
) -> tuple[str | None, str | None]:
    """A side owning the losses earlier in the clause: "Our losses ... do not exceed 120 men",
    "Northern forces lost 1,500 soldiers", "the enemy lost 300"."""
    for j in range(first - 1, lo - 1, -1):
        low = toks[j].low
        casualties = _MEASURE_WORDS.get(low) == "casualties"
        if low in _SIDE_NOUNS or low in ("dead", "wounded") or casualties:
            k = j - 1
            own = False
            while k >= lo and toks[k].low in (
                "had",
                "has",
                "have",
                "also",
                "only",
                "total",
                "overall",
                "combined",
                "own",
            ):
                own = own or toks[k].low == "own"
                k -= 1  # "it had lost", "we have lost", "its total losses"
            state = _state_owner(toks, k, lo) if own else None
            if state is not None:
                return side_key(state), _clean_side_text(state)
            if own or k >= lo and toks[k].low in _OWN | {"our", "it", "we"}:
                return own_side, own_side_text  # "the General Staff's own losses"
            if k >= lo and toks[k].low in _ENEMY:
                return (f"!{own_side}" if own_side else None), None
            run: list[_Tok] = []
            while k >= lo and (toks[k].text[:1].isupper() or toks[k].low in DEMONYMS):
                if toks[k].low in _NOT_SIDES and toks[k].low not in ("the", "a"):
                    break
                run.insert(0, toks[k])
                k -= 1
            if run and not (len(run) == 1 and run[0].low in ("the", "a")):
                text = " ".join(t.text for t in run)
                return side_key(text), _clean_side_text(text)
        if (
            low in _OWN
            and j + 1 < first
            and (
                toks[j + 1].low in _SIDE_NOUNS
                or toks[j + 1].low in _DEAD_NOUNS
                or _MEASURE_WORDS.get(toks[j + 1].low) == "casualties"
            )
        ):
            return own_side, own_side_text
        if low == "we" and j + 1 < first and _MEASURE_WORDS.get(toks[j + 1].low) == "casualties":
            return own_side, own_side_text
        if low in _ENEMY:
            return (f"!{own_side}" if own_side else None), None
    return None, None


def _aspect_in(toks: list[_Tok], lo: int, hi: int, around: int | None = None) -> str | None:
    best: tuple[int, str] | None = None
    for j in range(lo, hi):
        aspect = _PERCENT_ASPECTS.get(toks[j].low)
        if aspect is None or _polling_station(toks, j) or _prices_of_a_kind(toks, j):
            continue
        dist = 0 if around is None else abs(j - around)
        # turnout / inflation are specific; they win over "vote" and "support" words, and
        # those over "held" ("held 41 percent of the vote" is a vote share)
        rank = dist - (100 if aspect not in _WEAK_ASPECTS else 0)
        rank += 100 if aspect == "territory held" else 0
        if best is None or rank < best[0]:
            best = (rank, aspect)
    return best[1] if best else None


_WEAK_ASPECTS = frozenset({"vote share", "support", "territory held"})

_ENTITY_STOP = frozenset(
    "the a an on in of for by at with from to and or said says according it he she they we i "
    "percent per cent".split()
)


_PRICED_KINDS = frozenset(
    "house housing home property rent rental land share stock oil gas food fuel energy".split()
)


def _prices_of_a_kind(toks: list[_Tok], j: int) -> bool:
    """ "house prices fell 1.8 percent": the prices of one kind of good, not inflation."""
    return toks[j].low == "prices" and j > 0 and toks[j - 1].low in _PRICED_KINDS


def _polling_station(toks: list[_Tok], j: int) -> bool:
    """ "polling stations" are places to vote, not polls."""
    return toks[j].low == "polling" and j + 1 < len(toks) and toks[j + 1].low.startswith("station")


def _named_entity(
    toks: list[_Tok], lo: int, hi: int, around: int | None = None
) -> tuple[str | None, str | None]:
    """The capitalised name nearest a percentage: the party or candidate it belongs to."""
    runs: list[tuple[int, list[_Tok]]] = []
    j = lo
    while j < hi:
        if toks[j].text[:1].isupper() and toks[j].low not in _ENTITY_STOP:
            run = [toks[j]]
            k = j + 1
            while k < hi and toks[k].text[:1].isupper():
                run.append(toks[k])
                k += 1
            runs.append((j, run))
            j = k
        else:
            j += 1
    runs = [(j, r) for j, r in runs if r[0].low not in _MONTHS and not _is_weekday(r[0].low)]
    if not runs:
        return None, None
    at = around if around is not None else lo
    j, run = min(runs, key=lambda jr: abs(jr[0] - at))
    placed = _placed(toks, around) if around is not None else None
    if placed is not None and placed >= lo:
        # "Unity at 28 percent and the Greens at 46": the name the figure is given to
        holder = toks[placed]
        if holder.low in _SHARE_HOLDERS and holder.text[:1].islower():
            return None, None  # "put the party on 35 percent": a party told before
        j, run = next(((k, r) for k, r in runs if k + len(r) == placed + 1), (j, run))
    elif around is not None:
        # "29 percent support for the party and 46 percent for the Green Alliance"
        for k in range(around + 1, min(hi, around + 4)):
            if toks[k].low == "for" and toks[k - 1].low in ("percent", "%", "support", "backing"):
                o = k + 2 if k + 1 < hi and toks[k + 1].low == "the" else k + 1
                if o < hi and toks[o].low in _SHARE_HOLDERS and toks[o].text[:1].islower():
                    return None, None
                j, run = next(((m, r) for m, r in runs if m == o), (j, run))
                break
    owner = max((k for k, t in enumerate(run[:-1]) if t.low.endswith(("'s", "’s"))), default=-1)
    run = run[owner + 1 :]  # "Lang's Unity Party": the party
    text = " ".join(t.text for t in run)
    return side_key(text), _clean_side_text(text)


def _standing(toks: list[_Tok], lo: int, first: int) -> bool:
    """ "Unity at 23 percent": a name placed at a percentage is a party's or candidate's
    standing."""
    placed = _placed(toks, first)
    if placed is None or placed < lo:
        return False
    name = toks[placed]
    return (
        name.text[:1].isupper()
        and name.low not in _ENTITY_STOP
        and name.low not in _MONTHS
        and not _is_weekday(name.low)
    )


def _placed(toks: list[_Tok], first: int) -> int | None:
    """Where the name a figure is placed at ends: "Unity at 23", "Unity on 23", "Unity down to
    21"."""
    if first >= 2 and toks[first - 1].low in ("at", "on"):
        return first - 2
    if first >= 3 and toks[first - 1].low == "to" and toks[first - 2].low in ("down", "up"):
        return first - 3
    return None


_SHARE_HOLDERS = frozenset({"party", "candidate", "bloc", "coalition", "alliance", "list"})


def _is_weekday(low: str) -> bool:
    return low in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


_SIDE_DROP = frozenset(
    "the a an party party's alliance front movement bloc coalition forces army troops military "
    "general staff ministry defence defense government republic federation's republic's "
    "federation".split()
)


def side_key(text: str) -> str | None:
    """A side or party reduced so spellings meet: "Eastern Federation's" and "Eastern" → "eastern",
    "Ukrainian" and "Ukraine's" → "ukraine", "the Greens" and "Green Alliance" → "green"."""
    words = [w.lower().replace("’", "'").removesuffix("'s").strip("'") for w in text.split()]
    words = [w for w in words if w and w not in ("the", "a", "an")]
    if not words:
        return None
    joined = " ".join(words)
    if joined in DEMONYMS.values():
        return joined
    first = words[0]
    if first in CAPITALS and CAPITALS[first].lower() != first:
        return side_key(CAPITALS[first])  # "Moscow's losses" are Russia's
    if first in DEMONYMS:
        return DEMONYMS[first]
    if len(first) > 4 and first.endswith("s") and not first.endswith("ss"):
        first = first[:-1]
    return DEMONYMS.get(first, first)


def _clean_side_text(text: str) -> str:
    text = text.replace("’", "'")
    if text.lower().startswith("the "):
        text = text[4:]
    return text.removesuffix("'s")


def measures_comparable(a: str, b: str) -> bool:
    return a == b or b in MEASURE_PARTS.get(a, ()) or a in MEASURE_PARTS.get(b, ())


def categories_comparable(a: str, b: str) -> bool:
    if a == b:
        return True
    pair = {a, b}
    if is_size(a) and is_size(b):
        # "weight in tonnes of dead fish" and "weight in tonnes": the material left unsaid
        return a.startswith(b + " of ") or b.startswith(a + " of ")
    return (
        pair in (_DEMONSTRATORS, _CIVILIAN_WORKERS) or "people" in pair and bool(pair & _PERSONNEL)
    )


def is_size(category: str) -> bool:
    """ "width in metres", "weight in tonnes of ammonia": the category of a measurement."""
    return category.split(" in ", 1)[0] in _SIZE_KIND_NAMES


def size_base(category: str) -> str:
    """The measurement without its material: what any claim of that size speaks of."""
    return category.split(" of ", 1)[0] if is_size(category) else category


_CIVILIAN_WORKERS = frozenset({"civilians", "workers"})
"""Workers a strike killed are the civilians it killed ("killing three workers at a bus garage",
"four civilians killed in the city overnight")."""
_DEMONSTRATORS = frozenset({"protesters", "supporters"})
"""Detained "protesters" and a party's detained "supporters" at its rally are the same people."""


def sides_comparable(a: str | None, b: str | None) -> bool:
    """Unknown sides are comparable, and both sides together with any; "!x" (the enemy of x)
    meets any side but x."""
    if a is None or b is None or ALL_SIDES in (a, b):
        return True
    if a.startswith("!") and b.startswith("!"):
        return a == b
    if a.startswith("!"):
        return b != a[1:]
    if b.startswith("!"):
        return a != b[1:]
    return a == b
