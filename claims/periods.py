"""When a figure is about, as a date range resolved against the article's publication date.

"On Friday" in a Monday article is the Friday before it; "in the last 72 hours" is the three days
up to publication; "since the start of the war" is a running total with no known start. Two
figures only count the same thing when their periods are nearly the same: a daily toll and a
weekly one differ without anyone contradicting anyone.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

IMPLICIT_DAYS = 3
"""A figure with no time words is about the last few days before publication."""

TOTALS_WITHIN_DAYS = 7
"""Running totals are comparable when given within a week of each other."""

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fourteen": 14, "twenty-four": 24,
    "forty-eight": 48, "seventy-two": 72, "several": 3, "few": 3,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Period:
    """Days a figure covers, both ends included. `start is None` is a running total ("since the
    war began"); `explicit` is False when the text gave no time and the default was used."""

    start: date | None
    end: date
    explicit: bool = True
    text: str | None = None
    partial: bool = False
    """ "by 6 pm": a count still running on the day, comparable only with the same hour's."""

    @property
    def total(self) -> bool:
        return self.start is None

    def days(self) -> int:
        return 0 if self.start is None else (self.end - self.start).days + 1

    def describe(self) -> str:
        if self.start is None:
            return f"in total up to {self.end.isoformat()}"
        if self.start == self.end:
            return f"on {self.start.isoformat()}"
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


_NUM = r"(\d+|" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) + r")"
_WEEKDAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_BETWEEN = r"\bbetween the [a-z-]+ on "
"""From an event's day to another event: "between the crossing on January 12 and the last
fighting"."""
_NO_END = r"(?! and (?:on |the )?(?:\d|" + _MONTH[1:-4] + r"))"
"""Not "between January 3 and January 9": a range with an end date of its own."""
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("since_start_of", r"\bsince the (?:start|beginning|turn) of (?:(?:the|this) )?"
                           r"(year|month|week|" + _MONTH[1:-4] + r")\b"
                           r"|\bsince (?:the )?(new year)(?:['’]s day)?\b"),
        ("total", r"\bsince the (?:start|beginning|outbreak|launch) of (?:the |this )?\w+"
                  # "since the shelling began", "since the exchanges started"
                  r"|\bsince the [a-z-]+ (?:began|started)\b(?! on\b| last\b| in\b)"
                  r"|\bsince (?:the )?(?:war|invasion|conflict) began"
                  # "killed since the crossing": since the event the story is about
                  r"|\bsince the (?:crossing|landing|invasion|offensive|assault|siege|ceasefire"
                  r"|truce|outbreak|floods?|earthquake|collapse|explosion|uprising)\b"
                  r"(?! (?:on|in|last|of|at)\b| \w+ (?:on|in)\b)"
                  r"|\bsince the first (?:cases?|deaths?|infections?|reports?)\b"
                  r"|\b(?:in total|so far|to date|altogether|overall|all told|cumulative)\b"),
        ("partial", r"\bby (?:\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.|h)\b"
                    r"|\d{1,2}[:.]\d{2}\b|noon\b|midday\b|midnight\b|mid-?afternoon\b|mid-?morning\b)"),
        ("iso", r"\b(\d{4})-(\d{2})-(\d{2})\b"),
        # "since 22 December", "since the fighting began on December 22"; "between the
        # crossing on January 12 and the last fighting": from a day to an event, not a date
        ("since_day_month", r"\bsince (?:[\w-]+ ){0,6}?(?:on )?(\d{1,2}) " + _MONTH
                            + r"|" + _BETWEEN + r"(\d{1,2}) " + _MONTH + r"\b" + _NO_END),
        ("since_month_day", r"\bsince (?:[\w-]+ ){0,6}?(?:on )?" + _MONTH + r" (\d{1,2})\b"
                            + r"|" + _BETWEEN + _MONTH + r" (\d{1,2})\b" + _NO_END),
        ("day_month", r"\b(\d{1,2})(?:st|nd|rd|th)? " + _MONTH + r"(?: (\d{4}))?"),
        ("month_day", r"\b" + _MONTH + r" (\d{1,2})(?:st|nd|rd|th)?\b(?:,? (\d{4}))?"),
        ("last_n", r"\b(?:(?:in|over|during|within|for) )?the (?:last|past|previous) " + _NUM
                   + r" (hours?|days?|weeks?|months?)\b"),
        ("last_unit", r"\b(?:(?:in|over|during|within|for) )?the (?:last|past|previous) "
                      r"(day|week|month|year|weekend|24 hours)\b"),
        ("since_weekday", r"\bsince (?:last )?" + _WEEKDAY
                          + r"|\bsince (?:\w+ ){1,4}(?:on |last )?" + _WEEKDAY),
        ("yesterday", r"\byesterday\b"),
        ("overnight", r"\b(?:overnight|last night|(?:during|in) the night)\b"),
        ("today", r"\b(?:today|this morning|this afternoon|this evening|tonight)\b"),
        ("weekday", r"\b(?:on |last |this |late |early )?" + _WEEKDAY
                    + r"(?:'s| night| morning| afternoon| evening)?\b"),
        ("weekend", r"\b(?:(?:over|at|during) )?the weekend\b|\b(?:this|last) weekend\b"),
        ("this_week", r"\bthis week\b|\bearlier this week\b"),
        ("last_week", r"\blast week\b"),
        ("this_month", r"\bthis month\b"),
        ("last_month", r"\blast month\b"),
        # "since the shelling began in late November": since that month
        ("in_month", r"\b(?:(?:in|during|for|over) (?:the (?:whole|whole month|course|rest) of )?"
                     r"|since (?:the [\w-]+ (?:began|started) )?(?:in )?"
                     r"(?:late |early |mid-?)?)" + _MONTH + r"\b"),
        ("this_year", r"\bthis year\b"
                      r"|\b(?:its|their|the) (?:count|tally|total|toll) for the year\b"),
        # a toll that "has reached" a figure counts everything so far: least specific of all
        ("toll", r"\b(?:death|casualty) toll\b|\bnumber of (?:dead|deaths|victims)\b"
                 # "losses had risen to 840": a count that grew to this, so everything so far
                 r"|\b(?:risen|rose|climbed|grown|grew|increased|mounted) to\b"
                 r"|\b(?:now )?(?:stands?|stood) at\b|\bbringing the (?:total|toll|number)\b"
                 r"|\b(?:now )?(?:amounts?|amounted) to\b"
                 r"|\bhad (?:passed|exceeded|topped|reached)\b"
                 r"|\b(?:real|true|overall|official|full) toll\b"
                 # "its casualties in the battle": the whole battle's so far
                 r"|\bin (?:the|this|that) (?:\w+ )?"
                 r"(?:battle|offensive|siege|campaign|war|fighting for)\b"),
    )
)  # fmt: skip


@lru_cache(maxsize=4096)
def find_when(text: str) -> str | None:
    """The first time expression in the text, in the order of how specific it is. Cached: a
    claim's content and sentence are read several times while its facts are worked out."""
    toll: str | None = None
    possessive: str | None = None
    for name, pattern in _PATTERNS:
        m = pattern.search(text)
        if m is None:
            continue
        if name == "toll":
            toll = m.group(0)
        elif _POSSESSIVE.match(text, m.end()):
            possessive = possessive or m.group(0)
            continue
        if name != "toll":
            return m.group(0)  # the patterns go from most to least specific
    # "the toll from last month's floods": the event's time; the toll counts up to now
    return toll or possessive


_POSSESSIVE = re.compile(r"['’]s\b")


_SINCE_IT_BEGAN = re.compile(
    r"since the [\w-]+(?: [\w-]+)? (?:began|started|broke out)\b", re.IGNORECASE
)


def since_it_began(p: Period) -> bool:
    """ "since the shelling began in late November": everything the shelling has done, as the
    toll of the shelling is; the month tells when that was."""
    return p.start is not None and p.text is not None and _SINCE_IT_BEGAN.match(p.text) is not None


def open_ended(expression: str) -> bool:
    """Whether a time expression runs on from a day: "since the 27th", "between the crossing on
    January 12 and the last fighting" (not "between Sunday evening and sunrise", one night)."""
    text = expression.lower()
    return text.startswith("since") or re.match(_BETWEEN, text) is not None


def resolve(expression: str | None, published: date) -> Period:
    """The date range of a time expression; the implicit default when there is none or it is not
    understood."""
    if expression:
        for name, pattern in _PATTERNS:
            m = pattern.search(expression)
            if m is None or (name != "toll" and _POSSESSIVE.match(expression, m.end())):
                continue  # "last month's": the time of the event named next, see find_when
            period = _resolve(name, m, published)
            if period is not None:
                start, end = period
                return Period(start, end, True, expression, partial=name == "partial")
    return Period(published - timedelta(days=IMPLICIT_DAYS), published, False, None)


def _resolve(name: str, m: re.Match[str], pub: date) -> tuple[date | None, date] | None:
    g = [x.lower() if x else x for x in m.groups()]
    if name in ("since_day_month", "since_month_day"):
        g = [x for x in g if x is not None]  # "since ..." or "between ...", whichever matched
    if name in ("total", "toll"):
        return None, pub
    if name == "since_start_of":
        unit = (g[0] or g[1] or "").lower()
        if unit in ("year", "new year"):
            return date(pub.year, 1, 1), pub
        if unit == "month":
            return pub.replace(day=1), pub
        if unit == "week":
            return pub - timedelta(days=pub.weekday()), pub
        month = _MONTHS[unit]
        return date(pub.year if month <= pub.month else pub.year - 1, month, 1), pub
    if name == "partial":
        return pub, pub
    if name == "iso":
        try:
            d = date(int(g[0]), int(g[1]), int(g[2]))
        except ValueError:
            return None
        return d, d
    if name in ("day_month", "month_day", "since_day_month", "since_month_day"):
        if name in ("day_month", "since_day_month"):
            day, month = int(g[0]), _MONTHS[g[1]]
        else:
            month, day = _MONTHS[g[0]], int(g[1])
        year = int(g[2]) if len(g) > 2 and g[2] else None
        day_date = _past_date(pub, month, day, year)
        if day_date is None:
            return None
        return (day_date, pub) if name.startswith("since") else (day_date, day_date)
    if name == "last_n":
        n = int(g[0]) if g[0].isdigit() else _COUNT_WORDS[g[0]]
        unit = g[1].rstrip("s")
        days = {"hour": n / 24, "day": n, "week": 7 * n, "month": 30 * n}[unit]
        return pub - timedelta(days=max(1, math.ceil(days))), pub
    if name == "last_unit":
        days = {"day": 1, "24 hours": 1, "week": 7, "weekend": 3, "month": 30, "year": 365}[g[0]]
        return pub - timedelta(days=days), pub
    if name == "since_weekday":
        weekday = next(x for x in g if x)
        return _last_weekday(pub, weekday, strictly_before=False), pub
    if name == "yesterday":
        d = pub - timedelta(days=1)
        return d, d
    if name == "overnight":
        return pub - timedelta(days=1), pub
    if name == "today":
        return pub, pub
    if name == "weekday":
        d = _last_weekday(pub, g[0], strictly_before=m.group(0).lower().startswith("last "))
        return d, d
    if name == "weekend":
        saturday = _last_weekday(pub, "saturday", strictly_before=False)
        if "last weekend" in m.group(0).lower() and pub.weekday() in (5, 6):
            saturday -= timedelta(days=7)
        return saturday, min(saturday + timedelta(days=1), pub)
    if name == "this_week":
        return pub - timedelta(days=pub.weekday()), pub
    if name == "last_week":
        monday = pub - timedelta(days=pub.weekday() + 7)
        return monday, monday + timedelta(days=6)
    if name == "this_month":
        return pub.replace(day=1), pub
    if name == "last_month":
        first = pub.replace(day=1) - timedelta(days=1)
        return first.replace(day=1), first
    if name == "in_month":
        month = _MONTHS[g[0]]
        year = pub.year if month <= pub.month else pub.year - 1
        first = date(year, month, 1)
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        if m.group(0).lower().startswith("since"):
            return first, pub
        return first, min(nxt - timedelta(days=1), pub)
    if name == "this_year":
        return date(pub.year, 1, 1), pub
    return None


def _past_date(pub: date, month: int, day: int, year: int | None) -> date | None:
    """The date with this day and month on or before publication (last year's, if need be)."""
    try:
        if year is not None:
            return date(year, month, day)
        d = date(pub.year, month, day)
        return d if d <= pub + timedelta(days=1) else date(pub.year - 1, month, day)
    except ValueError:
        return None


def _last_weekday(pub: date, weekday: str, *, strictly_before: bool) -> date:
    back = (pub.weekday() - _WEEKDAYS.index(weekday)) % 7
    if back == 0 and strictly_before:
        back = 7
    return pub - timedelta(days=back)


def inferred_total(p: Period) -> bool:
    """A running total only by its wording ("the toll rose to 37", "losses had risen to 840"):
    the current figure, as an undated one is."""
    return (
        p.total
        and p.text is not None
        and (_TOLL.search(p.text) is not None or _SINCE_FIRST.search(p.text) is not None)
    )


_TOLL = dict(_PATTERNS)["toll"]
_SINCE_FIRST = re.compile(r"\bsince the first\b", re.IGNORECASE)


def comparable(a: Period, b: Period) -> bool:
    """Whether two figures can be about the same count: both running totals given within a week,
    or ranges that mostly coincide. A period the text did not state meets any stated range that
    touches its last days."""
    if a.partial or b.partial:
        return a.partial and b.partial and a.text == b.text and a.end == b.end
    if a.total or b.total:
        return a.total and b.total and abs((a.end - b.end).days) <= TOTALS_WITHIN_DAYS
    if not a.explicit and not b.explicit:
        return abs((a.end - b.end).days) <= IMPLICIT_DAYS
    if not a.explicit or not b.explicit:
        implicit, stated = (a, b) if not a.explicit else (b, a)
        return _overlap_days(implicit, stated) > 0 and stated.days() <= 2 * 7
    return overlap(a, b) >= 0.5


def overlap(a: Period, b: Period) -> float:
    """Shared days over the days of either (1.0 for the same range)."""
    if a.start is None or b.start is None:
        return 1.0 if a.start is None and b.start is None else 0.0
    union = (max(a.end, b.end) - min(a.start, b.start)).days + 1
    return _overlap_days(a, b) / union


def _overlap_days(a: Period, b: Period) -> int:
    if a.start is None or b.start is None:
        return 0
    return max(0, (min(a.end, b.end) - max(a.start, b.start)).days + 1)
