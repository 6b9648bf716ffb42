"""The numbers a claim gives, as `claims.extract` reports them: value, qualifier and what they
count; dates, times and durations are not figures. (`test_figures.py` tests `find_figures`.)"""

import pytest

from claims import extract

Row = tuple[float, str | None, str | None]
"""(value, qualifier, what) of one figure."""


def figures(text: str) -> list[Row]:
    (claim,) = extract(text).claims
    for f in claim.figures:
        assert text[f.start : f.end] == f.text
    return [(f.value, f.qualifier, f.what) for f in claim.figures]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The army said that more than 1,000 soldiers were killed.",
            [(1000, "more than", "soldiers killed")],
        ),
        (
            "The army said that about 300 prisoners had been exchanged.",
            [(300, "about", "prisoners exchanged")],
        ),
        (
            "The army said that some 2,000 civilians had fled the city.",
            [(2000, "some", "civilians fled")],
        ),
        (
            "The agency said that 1.5 million people had fled the region.",
            [(1_500_000, None, "people fled")],
        ),
        ("The agency said that a thousand homes were damaged.", [(1000, None, "homes damaged")]),
        (
            "The agency said that at least 25 people were injured on Friday.",
            [(25, "at least", "people injured")],
        ),
        (
            "The army said that up to 5,000 troops had crossed the river.",
            [(5000, "up to", "troops crossed")],
        ),
        (
            "The army said that fewer than 50 fighters remained in the plant.",
            [(50, "fewer than", "fighters remained")],
        ),
        (
            "The agency said that 40 percent of the harvest was lost.",
            [(40, None, "percent of the harvest lost")],
        ),
        pytest.param(
            "The agency said that 40% of the harvest was lost.",
            [(40, None, "percent of the harvest lost")],
        ),
        (
            "The army said that 12 drones were shot down in the last 48 hours.",
            [(12, None, "drones shot down")],
        ),
        (
            "The army said that nearly 90 villages were cut off last week.",
            [(90, "nearly", "villages cut off")],
        ),
        (
            "The ministry said that 7 tanks and 3 howitzers were destroyed.",
            [(7, None, "tanks destroyed"), (3, None, "howitzers destroyed")],
        ),
    ],
)
def test_figures_with_their_qualifier_and_what_they_count(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The army said that the ceasefire would begin at 6 pm on Sunday.", []),
        ("The army said that the 3rd brigade had withdrawn on 24 February 2023.", []),
        ("The army said the bridge was destroyed three days ago.", []),
        ("The army said that the siege had lasted 72 days.", []),
        ("The army said that the shelling went on for 48 hours.", []),
        pytest.param(
            "The army said that in 2022 two bridges were destroyed.",
            [(2, None, "bridges destroyed")],
        ),
    ],
)
def test_dates_times_and_durations_are_not_figures(text: str, expected: list[Row]) -> None:
    assert figures(text) == expected
