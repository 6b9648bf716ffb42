"""When a chat's daily digest is due, from its HH:MM and IANA timezone and nothing kept in memory.

A subscription stores the next local date it owes and the UTC instant that date falls due; the
delivery job asks the database for subscriptions whose instant has passed, so a restart, a missed
day or a second bot process changes nothing: the database says what is due.

Local times that do not exist or exist twice on a DST change follow PEP 495 with ``fold=0``: a
time in the spring-forward gap fires that long after the jump (02:30 in a 02:00→03:00 gap fires at
03:30, the instant 02:30 would have been), a time in the autumn overlap fires on its first
occurrence. Either way there is exactly one instant per local date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DEFAULT_TIME = time(8, 0)
DEFAULT_TIMEZONE = "UTC"

_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2})|h)?$")


class ScheduleError(ValueError):
    """A time or timezone a user typed that we cannot use; the message is safe to show them."""


def parse_time(text: str) -> time:
    """A time of day as people type it: "8", "08:00", "8.30", "20h15"."""
    m = _TIME.match(text.strip().lower())
    if m is None:
        raise ScheduleError(f"“{text}” is not a time of day: write it as HH:MM, e.g. 08:00.")
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ScheduleError(f"“{text}” is not a time of day: hours go to 23, minutes to 59.")
    return time(hour, minute)


def parse_timezone(text: str) -> str:
    """An IANA timezone name in its canonical spelling ("europe/kyiv" → "Europe/Kyiv")."""
    name = _timezones_by_lower_name().get(text.strip().lower())
    if name is None:
        raise ScheduleError(
            f"“{text}” is not a timezone I know: use an IANA name such as Europe/Kyiv or UTC."
        )
    return name


def zone(name: str) -> ZoneInfo:
    try:
        return _zone(name)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise ScheduleError(f"“{name}” is not a timezone I know.") from err


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@cache
def _timezones_by_lower_name() -> dict[str, str]:
    names = available_timezones() | {"UTC"}
    return {n.lower(): n for n in names}


def fire_at(local_date: date, at: time, tz: str) -> datetime:
    """The UTC instant the digest of `local_date` falls due."""
    local = datetime.combine(local_date, at.replace(tzinfo=None, fold=0), tzinfo=zone(tz))
    return local.astimezone(UTC)


def local_date_of(instant: datetime, tz: str) -> date:
    return instant.astimezone(zone(tz)).date()


def due_local_date(at: time, tz: str, *, owed_from: date, now: datetime) -> date | None:
    """The local date whose digest should go out at `now`: the latest date on or after `owed_from`
    (the first date not yet delivered) whose instant has passed. Days missed while the bot was down
    collapse into one digest, the latest; None when nothing is due yet."""
    today = local_date_of(now, tz)
    # A local date's instant lies within a day of its local midnight, so three dates suffice.
    for d in (today + timedelta(days=1), today, today - timedelta(days=1)):
        if d < owed_from:
            return None
        if fire_at(d, at, tz) <= now:
            return d
    return None


def first_owed(at: time, tz: str, *, now: datetime) -> date:
    """The first local date a subscription made at `now` owes: today if its time is still ahead,
    tomorrow otherwise (subscribing at 09:00 for 08:00 does not send a digest at once)."""
    d = local_date_of(now, tz) - timedelta(days=1)
    while fire_at(d, at, tz) <= now:
        d += timedelta(days=1)
    return d


@dataclass(frozen=True, slots=True)
class Next:
    """What a subscription owes next: stored with it so the database can select what is due."""

    local_date: date
    due_at: datetime


def next_after(delivered: date, at: time, tz: str) -> Next:
    d = delivered + timedelta(days=1)
    return Next(d, fire_at(d, at, tz))


def starting(at: time, tz: str, *, now: datetime) -> Next:
    d = first_owed(at, tz, now=now)
    return Next(d, fire_at(d, at, tz))


class DailyCalendar:
    """The arithmetic above in the shape storage's claim query asks for (storage.Calendar)."""

    def due(self, at: time, tz: str, *, owed_from: date, now: datetime) -> date | None:
        return due_local_date(at, tz, owed_from=owed_from, now=now)

    def following(self, delivered: date, at: time, tz: str) -> tuple[date, datetime]:
        nxt = next_after(delivered, at, tz)
        return nxt.local_date, nxt.due_at


CALENDAR = DailyCalendar()
