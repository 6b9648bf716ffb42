"""Due times across timezones and DST changes, with the clock passed in."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.schedule import (
    ScheduleError,
    due_local_date,
    fire_at,
    first_owed,
    next_after,
    parse_time,
    parse_timezone,
    starting,
)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    "text, expected",
    [("08:00", time(8)), ("8", time(8)), ("7:05", time(7, 5)), ("20.15", time(20, 15)),
     ("23h59", time(23, 59)), (" 0:00 ", time(0))],
)  # fmt: skip
def test_times_of_day(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "8:60", "noon", "8:5", "", "-1"])
def test_bad_times_say_how_to_write_one(text: str) -> None:
    with pytest.raises(ScheduleError, match="time of day"):
        parse_time(text)


@pytest.mark.parametrize(
    "text, expected",
    [("Europe/Kyiv", "Europe/Kyiv"), ("europe/kyiv", "Europe/Kyiv"), ("utc", "UTC"),
     ("America/New_York", "America/New_York")],
)  # fmt: skip
def test_timezones_are_iana_names_in_any_case(text: str, expected: str) -> None:
    assert parse_timezone(text) == expected


@pytest.mark.parametrize("text", ["Mars/Olympus", "+03:00", "../etc/passwd", ""])
def test_unknown_timezones_are_refused(text: str) -> None:
    with pytest.raises(ScheduleError, match="timezone"):
        parse_timezone(text)


@pytest.mark.parametrize(
    "local_date, at, tz, expected",
    [
        # Ordinary days: 08:00 in Kyiv is 05:00 UTC in summer, 06:00 in winter.
        (date(2024, 7, 1), time(8), "Europe/Kyiv", utc(2024, 7, 1, 5)),
        (date(2024, 1, 15), time(8), "Europe/Kyiv", utc(2024, 1, 15, 6)),
        # Spring forward in Berlin, 31 March 2024, 02:00 → 03:00: 02:30 does not exist and
        # fires at the instant it would have been (00:30 UTC, 03:30 local, after the jump).
        (date(2024, 3, 31), time(2, 30), "Europe/Berlin", utc(2024, 3, 31, 1, 30)),
        (date(2024, 3, 31), time(8), "Europe/Berlin", utc(2024, 3, 31, 6)),
        # Fall back in Berlin, 27 October 2024, 03:00 → 02:00: 02:30 happens twice; the first.
        (date(2024, 10, 27), time(2, 30), "Europe/Berlin", utc(2024, 10, 27, 0, 30)),
        # New York, 10 March 2024 02:00 → 03:00 and 3 November 2024 02:00 → 01:00.
        (date(2024, 3, 10), time(2, 15), "America/New_York", utc(2024, 3, 10, 7, 15)),
        (date(2024, 11, 3), time(1, 30), "America/New_York", utc(2024, 11, 3, 5, 30)),
        # A zone ahead of UTC by more than the time of day: 08:00 in Auckland is the day before.
        (date(2024, 7, 1), time(8), "Pacific/Auckland", utc(2024, 6, 30, 20)),
    ],
)
def test_each_local_date_has_exactly_one_instant(
    local_date: date, at: time, tz: str, expected: datetime
) -> None:
    assert fire_at(local_date, at, tz) == expected


def test_spring_forward_day_fires_once_and_later_days_return_to_the_wall_clock() -> None:
    instants = [fire_at(date(2024, 3, 30) + timedelta(days=i), time(2, 30), "Europe/Berlin")
                for i in range(3)]  # fmt: skip
    assert instants == [utc(2024, 3, 30, 1, 30), utc(2024, 3, 31, 1, 30), utc(2024, 4, 1, 0, 30)]


def test_fall_back_day_does_not_fire_twice() -> None:
    at, tz, owed = time(2, 30), "Europe/Berlin", date(2024, 10, 27)
    first = utc(2024, 10, 27, 0, 30)  # 02:30 CEST
    second = utc(2024, 10, 27, 1, 30)  # 02:30 CET, the same wall time an hour later
    assert due_local_date(at, tz, owed_from=owed, now=first) == owed
    nxt = next_after(owed, at, tz)
    assert due_local_date(at, tz, owed_from=nxt.local_date, now=second) is None
    assert nxt.due_at == utc(2024, 10, 28, 1, 30)


@pytest.mark.parametrize(
    "now, owed_from, expected",
    [
        (utc(2024, 7, 1, 4, 59), date(2024, 7, 1), None),  # 07:59 in Kyiv
        (utc(2024, 7, 1, 5, 0), date(2024, 7, 1), date(2024, 7, 1)),  # 08:00 sharp
        (utc(2024, 7, 1, 12), date(2024, 7, 1), date(2024, 7, 1)),  # late: still today's
        (utc(2024, 7, 1, 12), date(2024, 7, 2), None),  # today's already delivered
        # Down since 25 June: the missed days collapse into one digest, the latest.
        (utc(2024, 7, 1, 4), date(2024, 6, 25), date(2024, 6, 30)),
        (utc(2024, 7, 1, 6), date(2024, 6, 25), date(2024, 7, 1)),
        # Down through yesterday's time only: yesterday's goes out when the bot is back.
        (utc(2024, 7, 1, 3), date(2024, 6, 30), date(2024, 6, 30)),
    ],
)
def test_due_local_date(now: datetime, owed_from: date, expected: date | None) -> None:
    assert due_local_date(time(8), "Europe/Kyiv", owed_from=owed_from, now=now) == expected


@pytest.mark.parametrize(
    "now, expected",
    [
        (utc(2024, 7, 1, 4, 59), date(2024, 7, 1)),  # 07:59 local: today's is still ahead
        (utc(2024, 7, 1, 5, 0), date(2024, 7, 2)),  # 08:00 local: it has just passed
        (utc(2024, 6, 30, 21, 30), date(2024, 7, 1)),  # 00:30 local on 1 July, 23:30 UTC before
    ],
)
def test_a_new_subscription_owes_the_next_time_ahead(now: datetime, expected: date) -> None:
    assert first_owed(time(8), "Europe/Kyiv", now=now) == expected
    nxt = starting(time(8), "Europe/Kyiv", now=now)
    assert nxt.local_date == expected and nxt.due_at > now


def test_next_after_walks_one_local_day_at_a_time_across_a_dst_change() -> None:
    nxt = next_after(date(2024, 3, 9), time(8), "America/New_York")
    assert nxt.local_date == date(2024, 3, 10)
    assert nxt.due_at == utc(2024, 3, 10, 12)  # EDT since 02:00 that morning
    before = fire_at(date(2024, 3, 9), time(8), "America/New_York")
    assert nxt.due_at - before == timedelta(hours=23)


def test_a_day_of_minutes_is_due_exactly_once() -> None:
    """Walk a whole DST-change day minute by minute in several zones, delivering whenever due."""
    days = [
        ("Europe/Berlin", date(2024, 10, 27)),
        ("America/New_York", date(2024, 3, 10)),
        ("Australia/Lord_Howe", date(2024, 4, 7)),  # half-hour DST change
        ("Asia/Kathmandu", date(2024, 5, 1)),  # UTC+05:45
    ]
    for tz, day in days:
        for at in (time(0), time(1, 30), time(2, 15), time(2, 30), time(8), time(23, 59)):
            owed = first_owed(at, tz, now=fire_at(day, time(0), tz) - timedelta(days=1))
            delivered: list[date] = []
            now = fire_at(day, time(0), tz) - timedelta(hours=30)
            while now < fire_at(day, time(0), tz) + timedelta(hours=50):
                due = due_local_date(at, tz, owed_from=owed, now=now)
                if due is not None:
                    delivered.append(due)
                    owed = next_after(due, at, tz).local_date
                now += timedelta(minutes=1)
            assert delivered == sorted(set(delivered)), (tz, at)
            assert day in delivered, (tz, at)
