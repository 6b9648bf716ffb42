"""Figures: the numbers a claim gives, with their qualifier and what they count."""

from __future__ import annotations

import pytest

from claims.figures import find_figures
from claims.nlp import load_pipeline

Row = tuple[str, float, str | None, str | None]


def figures(sentence: str, offset: int = 0) -> list[Row]:
    doc = load_pipeline()(sentence)
    return [(f.text, f.value, f.qualifier, f.what) for f in find_figures(doc[:], offset)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "In the last 48 hours, more than 1,000 Ukrainian soldiers have been killed.",
            [("more than 1,000", 1000, "more than", "Ukrainian soldiers killed")],
        ),
        (
            "575 Ukrainian soldiers and foreign contractors were killed in the clashes on Friday.",
            [("575", 575, None, "Ukrainian soldiers and foreign contractors killed")],
        ),
        (
            "More than 480 Ukrainian troops and contract soldiers were killed in the attacks.",
            [("More than 480", 480, "more than", "Ukrainian troops and contract soldiers killed")],
        ),
        (
            "The forces have killed more than a thousand soldiers of the Northern Army.",
            [("more than a thousand", 1000, "more than", "soldiers of the Northern Army killed")],
        ),
        (
            "About 1.5 million people have fled the region.",
            [("About 1.5 million", 1_500_000, "about", "people fled")],
        ),
        ("Two civilians were wounded.", [("Two", 2, None, "civilians wounded")]),
        (
            "Up to 300 fighters had surrendered.",
            [("Up to 300", 300, "up to", "fighters surrendered")],
        ),
        (
            "Some 200 drones were launched at the city.",
            [("Some 200", 200, "some", "drones launched")],
        ),
        (
            "Nearly 40 percent of the grid was damaged.",
            [("Nearly 40 percent", 40, "nearly", "percent of the grid damaged")],
        ),
        ("1,000+ soldiers were killed.", [("1,000+", 1000, "+", "soldiers killed")]),
        ("Over 50,000 people marched.", [("Over 50,000", 50_000, "over", "people marched")]),
        (
            "At least 12 civilians were killed and 30 were wounded.",
            [
                ("At least 12", 12, "at least", "civilians killed"),
                ("30", 30, None, "civilians wounded"),
            ],
        ),
        # vague plurals count as their least value
        ("Dozens of homes were destroyed.", [("Dozens", 24, "at least", "homes destroyed")]),
        (
            "Tens of thousands of troops were massing near the border.",
            [("Tens of thousands", 20_000, "at least", "troops massing")],
        ),
        # every noun with its own number, each with the event
        (
            "The army destroyed 7 tanks, 12 armoured vehicles and 3 howitzers.",
            [
                ("7", 7, None, "tanks destroyed"),
                ("12", 12, None, "armoured vehicles destroyed"),
                ("3", 3, None, "howitzers destroyed"),
            ],
        ),
        (
            "Fourteen schools and three hospitals were hit.",
            [("Fourteen", 14, None, "schools hit"), ("three", 3, None, "hospitals hit")],
        ),
        (
            "Its forces shot down 25 of the 30 drones.",
            [("25", 25, None, "drones shot down"), ("30", 30, None, "drones")],
        ),
        (
            "He said more than 50,000 soldiers as well as weapons were sent.",
            [("more than 50,000", 50_000, "more than", "soldiers sent")],
        ),
        # an event is told in the past or progressive; a present verb is no event
        (
            "They hire tens of thousands of workers.",
            [("tens of thousands", 20_000, "at least", "workers")],
        ),
        ("The fund will lend 5 million.", [("5 million", 5_000_000, None, None)]),
        # dates, times, durations and names are no figures
        ("The call came at 3 a.m. on Friday.", []),
        ("The ministry said so on 24 February 2023 at 10 am.", []),
        ("The shelling lasted 48 hours.", []),
        ("Su-25 jets struck the town in 2022.", []),
        ("It was one of the heaviest days of the war.", []),
        # nor are ages
        ("The latest victim, a boy of six, died on Wednesday.", []),
    ],
)
def test_figures(sentence: str, expected: list[Row]) -> None:
    assert figures(sentence) == expected


def test_offsets_are_article_offsets() -> None:
    article = "Headline\n\nSome 200 drones were launched."
    block_start = article.index("Some")
    doc = load_pipeline()(article[block_start:])
    (figure,) = find_figures(doc[:], block_start)
    assert article[figure.start : figure.end] == figure.text == "Some 200"


def test_figures_stay_inside_the_content() -> None:
    doc = load_pipeline()("The ministry said more than 300 soldiers died.")
    content = doc[4:]  # "than 300 soldiers died."
    (figure,) = find_figures(content)
    assert figure.text == "300" and figure.qualifier is None


def test_hundred_and_a_tens_word_are_one_figure() -> None:
    found = figures("Seven hundred and fifty people had come back.")
    assert [(text, value) for text, value, _, _ in found] == [("Seven hundred and fifty", 750.0)]


def test_up_to_after_a_verb_of_rising_is_the_level_reached() -> None:
    assert figures("The count of cases edged up to 274.")[0][:3] == ("274", 274, None)
    assert figures("The storm could leave up to 300 people homeless.")[0][2] == "up to"
