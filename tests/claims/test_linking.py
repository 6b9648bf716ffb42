"""Linking claims over time: figures, periods, and how two claims relate."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest

from claims import extract
from claims.canonical import CAPITALS
from claims.linking import (
    ClaimFacts,
    Link,
    article_claimants,
    best_links,
    claimant_key,
    claimant_name,
    facts_of,
    facts_of_article,
    link_keys,
    relate,
    same_claimant,
)
from claims.model import Claim, Figure, Span
from claims.periods import comparable, find_when, resolve
from claims.places import find_places
from claims.quantities import Interval, find_quantities, interval_of
from claims.stories import story_of

MON = date(2026, 11, 16)  # a Monday
INF = math.inf


def claim(
    content: str,
    claimant: str | None,
    *,
    sentence: str | None = None,
    figures: tuple[Figure, ...] = (),
) -> Claim:
    """A claim as the engine returns it: the content inside its sentence."""
    sentence = sentence or f"{claimant} said that {content}."
    start = sentence.index(content)
    source = None
    if claimant and claimant in sentence:
        at = sentence.index(claimant)
        source = Span(at, at + len(claimant), claimant)
    return Claim(
        content=Span(start, start + len(content), content),
        kind="indirect",
        sentence=Span(0, len(sentence), sentence),
        source=source,
        claimant=claimant,
        figures=figures,
    )


def facts(content: str, claimant: str | None, published: date = MON, **kw: object) -> ClaimFacts:
    return facts_of(claim(content, claimant, **kw), published)  # type: ignore[arg-type]


def fact_of_article(article: str, holding: str) -> ClaimFacts:
    """The facts of the claim whose content holds `holding`, read with its whole article."""
    return next(f for f in facts_of_article(extract(article), MON) if holding in f.text)


# ---------------------------------------------------------------------------------------------
# Figures


@pytest.mark.parametrize(
    "value, qualifier, expected",
    [
        (1000, "more than", Interval(1000, INF)),
        (480, "at least", Interval(480, INF)),
        (200, "about", Interval(180, 220)),
        (120, "did not exceed", Interval(0, 120)),
        (20, "no more than", Interval(0, 20)),  # not "more than"
        (100, "nearly", Interval(85, 100)),
        (37, None, Interval(37, 37)),
        (12, "only", Interval(12, 12)),
    ],
)
def test_a_qualified_figure_is_an_interval(
    value: float, qualifier: str | None, expected: Interval
) -> None:
    assert interval_of(value, qualifier) == expected


def test_about_a_percentage_is_two_points_either_way() -> None:
    assert interval_of(60, "about", percent=True) == Interval(58, 62)


@pytest.mark.parametrize(
    "text, measure, category, side, low, high",
    [
        ("more than 800 Eastern Federation soldiers had been killed near Dalsk",
         "killed", "soldiers", "eastern", 800, INF),
        ("14 Eastern Federation tanks had also been destroyed", "destroyed", "tanks", "eastern",
         14, 14),
        ("about 300 Northern soldiers had been captured near Lenne", "captured", "soldiers",
         "northern", 270, 330),
        ("more than 1,500 Northern soldiers had been killed or wounded", "casualties", "soldiers",
         "northern", 1500, INF),
        ("the number of Ukrainian soldiers killed had risen to 950", "killed", "soldiers",
         "ukraine", 950, 950),
        ("no civilians had been killed in Lenne", "killed", "civilians", None, 0, 0),
        ("more than 2,000 civilians had fled Dalsk since Friday", "displaced", "civilians", None,
         2000, INF),
        ("6,500 people had been evacuated from Brisk", "evacuated", "people", None, 6500, 6500),
        ("about 3,000 people had taken part in the march", "participants", "people", None,
         2700, 3300),
        ("police had detained 14 people for vote buying", "arrested", "people", None, 14, 14),
        ("a Northern attack had been repelled with 150 Northern dead", "killed", "soldiers",
         "northern", 150, 150),
        ("dozens of Russian troops were wounded", "wounded", "soldiers", "russia", 24, 99),
        ("the Unity Party had the support of 41 percent of voters", "share", "support", "unity",
         41, 41),
        ("the Green Alliance led with 38 percent", "share", "support", "green", 38, 38),
        ("the Unity Party had won 44.2 per cent of the vote", "share", "vote share", "unity",
         44.2, 44.2),
        ("turnout was below 40 percent", "share", "turnout", None, 0, 40),
        ("inflation had slowed to 7.2% in October", "share", "inflation", None, 7.2, 7.2),
    ],
)  # fmt: skip
def test_figures_reduce_to_what_they_count(
    text: str, measure: str, category: str, side: str | None, low: float, high: float
) -> None:
    (q,) = find_quantities(text)
    assert (q.measure, q.category, q.side) == (measure, category, side)
    assert (q.interval.low, q.interval.high) == pytest.approx((low, high))


@pytest.mark.parametrize(
    "text",
    [
        "12 schools in the capital would reopen next week",  # nothing counted we can compare
        "the talks will resume on 20 November at 10 am",  # dates and times are no figures
        "the brigade was formed in 2014",
        "no more talks were planned",  # "no" counts nothing here
    ],
)
def test_numbers_that_count_nothing_comparable_are_left_out(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("sixty soldiers were killed", 60), ("seventeen drones were shot down", 17),
     ("a dozen tanks were destroyed", 12), ("ninety people were evacuated", 90)],
)  # fmt: skip
def test_stored_figures_read_every_number_word_the_extractor_reads(text: str, value: int) -> None:
    (q,) = find_quantities(text)
    assert q.interval == Interval(value, value)


def test_our_losses_are_the_claimants_side() -> None:
    (q,) = find_quantities(
        "Our losses in Dalsk do not exceed 120 men", own_side="eastern", own_side_text="Eastern"
    )
    assert (q.measure, q.category, q.side, q.interval) == (
        "casualties",
        "soldiers",
        "eastern",
        Interval(0, 120),
    )


def test_the_enemy_is_any_side_but_the_claimants() -> None:
    (q,) = find_quantities("the enemy had lost 300 soldiers", own_side="eastern")
    assert q.side == "!eastern"


def test_a_prediction_is_marked_so_it_is_never_compared_with_a_result() -> None:
    (q,) = find_quantities("the Unity Party would win more than 45 percent of the vote")
    assert q.forecast


def test_the_engines_figure_and_its_what_are_used_when_given() -> None:
    text = "losses were heavy"  # nothing to read in the text itself
    figure = Figure("more than 1,000", 1000, "more than", "Ukrainian soldiers killed", 0, 15)
    f = facts_of(claim(text, "Russia's Defence Ministry", figures=(figure,)), MON)
    (q,) = f.quantities
    assert (q.measure, q.category, q.side, q.interval) == (
        "killed",
        "soldiers",
        "ukraine",
        Interval(1000, INF),
    )


@pytest.mark.parametrize(
    "content, figure, expected",
    [
        # no `what`: the words around the figure say what it counts
        ("about 300 Northern soldiers had been captured", Figure("300", 300, None, None, 6, 9),
         ("captured", "soldiers", "northern", Interval(270, 330))),
        # `what` without a side: the side comes from the text
        ("950 Eastern soldiers had been killed", Figure("950", 950, None, "soldiers killed", 0, 3),
         ("killed", "soldiers", "eastern", Interval(950, 950))),
        ("turnout was 61 percent", Figure("61 percent", 61, None, "turnout", 12, 22),
         ("share", "turnout", None, Interval(61, 61))),
    ],
)  # fmt: skip
def test_engine_figures_are_completed_from_the_text(
    content: str, figure: Figure, expected: tuple[str, str, str | None, Interval]
) -> None:
    (q,) = facts_of(claim(content, "Someone", figures=(figure,)), MON).quantities
    assert (q.measure, q.category, q.side, q.interval) == expected


def test_a_figure_the_engine_missed_is_still_read() -> None:
    figure = Figure("37", 37, None, "civilians killed", 0, 2)
    content = "37 civilians had been killed in Lenne and no children had been hurt"
    found = facts_of(claim(content, "The Red Cross", figures=(figure,)), MON).quantities
    assert [(q.measure, q.category, q.interval.high) for q in found] == [
        ("killed", "civilians", 37),
        ("wounded", "civilians", 0),
    ]


def test_the_engines_time_words_are_ignored_when_they_date_the_statement() -> None:
    sentence = "Berg told reporters on Monday that 14 tanks had been destroyed."
    c = claim("14 tanks had been destroyed", "Berg", sentence=sentence)
    f = facts_of(replace(c, when="on Monday"), MON)
    assert not f.period.explicit


# ---------------------------------------------------------------------------------------------
# Periods (Monday 2026-11-16)


@pytest.mark.parametrize(
    "expression, start, end",
    [
        ("on Friday", date(2026, 11, 13), date(2026, 11, 13)),
        ("on Monday", MON, MON),
        ("last Monday", date(2026, 11, 9), date(2026, 11, 9)),
        ("yesterday", date(2026, 11, 15), date(2026, 11, 15)),
        ("overnight", date(2026, 11, 15), MON),
        ("in the last 48 hours", date(2026, 11, 14), MON),
        ("in the last 72 hours", date(2026, 11, 13), MON),
        ("over the past week", date(2026, 11, 9), MON),
        ("last week", date(2026, 11, 9), date(2026, 11, 15)),
        ("this week", MON, MON),
        ("over the weekend", date(2026, 11, 14), date(2026, 11, 15)),
        ("since Friday", date(2026, 11, 13), MON),
        ("since the shelling began on Saturday", date(2026, 11, 14), MON),
        ("on 12 November", date(2026, 11, 12), date(2026, 11, 12)),
        ("November 20", date(2025, 11, 20), date(2025, 11, 20)),  # a date ahead is last year's
        ("in October", date(2026, 10, 1), date(2026, 10, 31)),
        ("since the start of the war", None, MON),
        ("by 6 pm", MON, MON),
    ],
)
def test_time_words_resolve_against_the_publication_date(
    expression: str, start: date | None, end: date
) -> None:
    period = resolve(expression, MON)
    assert (period.start, period.end, period.explicit) == (start, end, True)


def test_without_time_words_a_figure_is_about_the_last_few_days() -> None:
    period = resolve(None, MON)
    assert (period.start, period.end, period.explicit) == (date(2026, 11, 13), MON, False)


@pytest.mark.parametrize(
    "sentence, expression",
    [
        ("800 soldiers were killed in the last 72 hours near Dalsk", "in the last 72 hours"),
        ("Losses since the start of the war stood at 380", "since the start of the war"),
        ("Turnout had reached 52 percent by 6 pm", "by 6 pm"),
        ("The bridge was damaged on Sunday night", "on Sunday night"),
        ("The figures are heavy", None),
    ],
)  # fmt: skip
def test_the_time_expression_of_a_sentence(sentence: str, expression: str | None) -> None:
    assert find_when(sentence) == expression


def test_the_day_a_claim_was_made_is_not_the_period_its_figure_covers() -> None:
    f = facts_of(
        claim(
            "14 tanks had been destroyed",
            "Anna Berg",
            sentence="Anna Berg told reporters on Monday that 14 tanks had been destroyed.",
        ),
        MON,
    )
    assert not f.period.explicit


@pytest.mark.parametrize(
    "a, b, same",
    [
        (("in the last 72 hours", MON), ("since Friday", MON), True),
        (("on Friday", MON), ("in the last 72 hours", MON), False),  # a day vs four days
        ((None, MON), ("in the last 48 hours", MON), True),  # unstated meets recent days
        ((None, MON), ((None, date(2026, 11, 25))), False),
        (("since the start of the war", MON), ("so far", date(2026, 11, 20)), True),
        (("since the start of the war", MON), ("this week", MON), False),
        (("by 6 pm", MON), (None, MON), False),  # a running count is not the day's figure
    ],
)
def test_figures_count_the_same_thing_only_over_nearly_the_same_days(
    a: tuple[str | None, date], b: tuple[str | None, date], same: bool
) -> None:
    assert comparable(resolve(*a), resolve(*b)) is same


# ---------------------------------------------------------------------------------------------
# Places and claimants


@pytest.mark.parametrize(
    "text, places",
    [
        ("soldiers were killed near Dalsk on Friday", ("Dalsk",)),
        ("civilians had fled Dalsk since Friday", ("Dalsk",)),
        ("fighting around Dalsk and Lenne intensified", ("Dalsk", "Lenne")),
        ("in the shelling of Lenne this week", ("Lenne",)),
        ("the Dalsk offensive was the largest since the spring", ("Dalsk",)),
        ("the Northern offensive began", ()),
        ("the Greens won 47% of the vote in the capital", ("the capital",)),
        ("according to the Unity Party", ()),
        ("a drone hit a depot in Kross's Mill district overnight", ("Kross", "Mill")),
    ],
)
def test_places_are_read_from_place_words(text: str, places: tuple[str, ...]) -> None:
    assert find_places(text) == places


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("The Northern Republic's Defence Ministry", "the Northern Defence Ministry", True),
        ("The mayor of Lenne, Marta Kovac,", "Kovac", True),
        ("the commission", "The Central Electoral Commission", True),
        ("the regional ambulance service", "Varland's ambulance service", True),
        ("Civic Pulse", "Meridian Research", False),
        ("The Eastern Federation's General Staff", "The Northern Defence Ministry", False),
        ("He", "He", False),  # an unresolved pronoun is nobody in particular
        ("Officials", "officials", False),
    ],
)
def test_claimant_names_meet_across_spellings(a: str, b: str, same: bool) -> None:
    assert same_claimant(claimant_key(a), claimant_key(b)) is same


@pytest.mark.parametrize(
    "claimant, source, name",
    [
        ("Eastern Federation", "The Eastern Federation's General Staff",
         "The Eastern Federation's General Staff"),  # the source names it more fully
        ("Ministry", "Ministry spokeswoman Anna Berg", "Ministry spokeswoman Anna Berg"),
        ("Pavel Orlov", "He", "Pavel Orlov"),  # the engine resolved a pronoun
        (None, "Local officials", "Local officials"),
    ],
)  # fmt: skip
def test_the_claimant_is_named_as_fully_as_the_article_does(
    claimant: str | None, source: str, name: str
) -> None:
    sentence = f"{source} said that 40 schools had closed."
    c = replace(claim("40 schools had closed", source, sentence=sentence), claimant=claimant)
    assert claimant_name(c) == name


def test_a_dateline_is_not_what_a_claim_is_about() -> None:
    sentence = "Aldora City: Civic Pulse said that the Unity Party had 41 percent support."
    f = facts_of(claim("the Unity Party had 41 percent support", "Civic Pulse", sentence=sentence),
                 MON)  # fmt: skip
    assert f.places == frozenset()


# ---------------------------------------------------------------------------------------------
# Relating two claims

NORTH = "The Northern Defence Ministry"
EAST = "The Eastern Federation's General Staff"
TUE = date(2026, 11, 17)


def link(a: ClaimFacts, b: ClaimFacts) -> Link | None:
    forward, backward = relate(a, b), relate(b, a)
    assert forward == backward  # order of the arguments does not matter
    return forward


@pytest.mark.parametrize(
    "a, b, kind",
    [
        # opposing claimants, same count, figures that cannot both be right
        ((NORTH, "more than 800 Eastern Federation soldiers had been killed near Dalsk", MON),
         (EAST, "its losses near Dalsk did not exceed 120 soldiers", MON), "contradiction"),
        (("The Red Cross", "37 civilians had been killed in Lenne this week", MON),
         ("The Eastern Federation's Defence Ministry", "no civilians had been killed in Lenne",
          MON), "contradiction"),
        (("Civic Pulse", "the Unity Party had the support of 41 percent of voters", MON),
         ("Meridian Research", "the Unity Party was backed by 34 percent of voters", MON),
         "contradiction"),
        # a part cannot exceed its total: killed within all losses, a day within the week
        ((NORTH, "950 Eastern Federation soldiers had been killed near Dalsk", MON),
         (EAST, "its losses near Dalsk since the start of the offensive stood at 450 soldiers",
          TUE), "contradiction"),
        # the same claimant again: a series, even with a different figure
        ((NORTH, "more than 800 Eastern Federation soldiers had been killed near Dalsk", MON),
         (NORTH, "950 Eastern Federation soldiers had been killed near Dalsk", TUE), "update"),
        # one statement met twice is no series: the same words, claimant and day
        ((NORTH, "950 Eastern Federation soldiers had been killed near Dalsk", MON),
         (NORTH, "950 Eastern Federation soldiers had been killed near Dalsk", MON), "related"),
        (("The Red Cross", "37 civilians had been killed in Lenne this week", MON),
         ("The Red Cross", "37 civilians had been killed in Lenne this week", TUE), "update"),
        # overlapping intervals agree
        (("The Red Cross", "37 civilians had been killed in Lenne this week", MON),
         ("Marta Kovac", "at least 35 residents had died in Lenne this week", MON), "related"),
        # different sides are different counts
        ((NORTH, "more than 800 Eastern Federation soldiers had been killed near Dalsk", MON),
         (EAST, "more than 1,500 Northern soldiers had been killed near Dalsk", MON), "related"),
        # a forecast is no result
        (("Petra Lang", "the Unity Party would win more than 45 percent of the vote", MON),
         ("The commission", "the Unity Party had won 38 percent of the vote", TUE), "related"),
        # a share in the capital is not the national one
        (("Tomas Reid", "the Greens had won 47 percent of the vote in the capital", TUE),
         ("The commission", "the Greens had won 39.5 percent of the vote", MON), "related"),
    ],
)  # fmt: skip
def test_relate(a: tuple[str, str, date], b: tuple[str, str, date], kind: str) -> None:
    found = link(facts(a[1], a[0], a[2]), facts(b[1], b[0], b[2]))
    assert found is not None
    assert found.kind == kind
    assert 0 < found.score <= 1


@pytest.mark.parametrize(
    "a, b",
    [
        ((NORTH, "more than 800 Eastern Federation soldiers had been killed near Dalsk"),
         ("Civic Pulse", "the Unity Party had the support of 41 percent of voters")),
        (("The Red Cross", "37 civilians had been killed in Lenne this week"),
         ("The Red Cross", "60 people had died in the floods in Brisk")),
        (("Police", "police had detained 14 people for vote buying"),
         (NORTH, "14 Eastern Federation tanks had been destroyed near Dalsk")),
    ],
)  # fmt: skip
def test_claims_about_different_things_are_not_linked(
    a: tuple[str, str], b: tuple[str, str]
) -> None:
    assert link(facts(a[1], a[0]), facts(b[1], b[0])) is None


def test_a_contradiction_says_who_says_what_and_when() -> None:
    found = link(
        facts("more than 800 Eastern Federation soldiers had been killed near Dalsk", NORTH, MON),
        facts("its losses near Dalsk did not exceed 120 soldiers", EAST, TUE),
    )
    assert found is not None and found.kind == "contradiction"
    for words in (NORTH, "more than 800", "2026-11-16", EAST, "did not exceed 120", "Dalsk"):
        assert words in found.reason
    assert found.figures == ("more than 800", "did not exceed 120")


def test_counts_of_two_different_nights_are_not_one_series() -> None:
    a = facts("35 Northern drones had been shot down over Korvin overnight", EAST, MON)
    b = facts(
        "9 Northern drones had been shot down over Korvin on Friday night", EAST, date(2026, 11, 21)
    )
    found = link(a, b)
    assert found is None or found.kind == "related"


# ---------------------------------------------------------------------------------------------
# What storage keeps and looks up by


def test_facts_survive_a_json_round_trip() -> None:
    f = facts("more than 800 Eastern Federation soldiers had been killed near Dalsk", NORTH)
    assert ClaimFacts.from_json(f.to_json()) == f


def test_linked_claims_share_a_lookup_key_within_the_date_window() -> None:
    a = facts("more than 800 Eastern Federation soldiers had been killed near Dalsk", NORTH, MON)
    b = facts("its losses did not exceed 120 soldiers", EAST, TUE)
    ka, kb = link_keys(a), link_keys(b)
    assert set(ka.keys()) & set(kb.keys())
    assert ka.since <= b.published <= ka.until
    assert "q:casualties/personnel" in ka.keys() and "p:dalsk" in ka.keys()


def test_best_links_puts_the_dispute_first_and_drops_the_unrelated() -> None:
    new = facts("its losses near Dalsk did not exceed 120 soldiers", EAST, TUE)
    stored = [
        (1, facts("the Unity Party had the support of 41 percent of voters", "Civic Pulse")),
        (2, facts("more than 1,500 Northern soldiers had been killed near Dalsk", EAST)),
        (3, facts("more than 800 Eastern Federation soldiers had been killed near Dalsk", NORTH)),
    ]
    found = best_links(new, stored)
    assert [(key, link.kind) for key, link in found] == [(3, "contradiction"), (2, "related")]


def test_keys_stay_few_whatever_the_claim() -> None:
    long = " and ".join(f"{n} soldiers had been killed near Town{n}" for n in range(2, 40))
    assert len(link_keys(facts(long, NORTH)).keys()) <= 60


@pytest.mark.parametrize(
    "content, claimant, title",
    [
        ("more than 800 Ukrainian soldiers had been killed in Bakhmut", "Russia",
         "Ukrainian losses in Donbas"),
        ("37 civilians had been killed in Lenne this week", "The Red Cross",
         "Civilian casualties in Lenne"),
        ("turnout was 61 percent", "The commission", "Turnout"),
        ("the Unity Party had the support of 41 percent of voters", "Civic Pulse",
         "Opinion polls"),
    ],
)  # fmt: skip
def test_claims_group_into_stories(content: str, claimant: str, title: str) -> None:
    story = story_of(facts(content, claimant))
    assert story is not None and story.title == title


def test_no_figure_no_story() -> None:
    assert story_of(facts("the bridge was firmly in our hands", EAST)) is None


# ---------------------------------------------------------------------------------------------
# One article through the engine


def test_an_article_resolves_its_spokespeople_and_places() -> None:
    article = (
        "The Eastern Federation's General Staff said that its losses near Dalsk did not exceed "
        "120 soldiers. General Staff spokesman Pavel Orlov said that the enemy had lost more "
        "than 1,000 soldiers. He added that 40 enemy tanks had been destroyed."
    )
    f = facts_of_article(extract(article), MON)
    staff, orlov = f[0], f[1]
    assert orlov.claimant == staff.claimant == "eastern federation general staff"
    assert orlov.quantities[0].side == "!eastern"  # Orlov's enemy is the North
    assert orlov.places == frozenset({"dalsk"})  # inherited from the claim before
    assert staff.quantities[0].side == "eastern"


def test_a_sentence_that_is_no_claim_sets_the_scene_for_the_claims_after_it() -> None:
    """A round-up moves from one town to the next in narrative sentences; a claim naming no
    place is about the town the text last moved to, not the one the last claim named."""
    article = (
        "Weekend round-up\n\n"
        "In Harl, the mining company said that 12 miners had died in the collision of two cages. "
        "The union said that 15 miners had died.\n\n"
        "In Osk, part of a warehouse roof came down overnight near the river port. "
        "The port authority said that 3 workers had been injured.\n\n"
        "In Northgate, the ministry said that aid would be sent."
    )
    found = facts_of_article(extract(article), MON)
    by_text = {f.text: f for f in found}
    union = next(f for t, f in by_text.items() if "15 miners" in t)
    port = next(f for t, f in by_text.items() if "3 workers" in t)
    assert union.places == frozenset({"harl"})
    assert port.places == frozenset({"osk"})  # not Harl, the last claim's place


def test_a_body_in_a_capital_is_that_countrys_and_its_spokesman_speaks_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(CAPITALS, "harlow", "Western Union")  # a deployment's own capital
    article = (
        "The General Staff in Harlow said its troops had lost 12 tanks near Kross. "
        "The General Staff's spokesman, Ivo Prell, said that 40 enemy tanks had been destroyed."
    )
    staff, prell = article_claimants(extract(article))
    assert staff == ("western union general staff", "Western Union")
    assert prell[0] == "western union general staff"


def test_a_place_named_for_when_something_began_sets_no_scene() -> None:
    article = (
        "Strike on Varo\n\n"
        "VARO, May 4 (Wire) - Rockets hit a depot overnight, the first strike on the town "
        "since the fighting at Kross began. The mayor said that four civilians had been killed."
    )
    assert fact_of_article(article, "four civilians").places == frozenset({"varo"})


def test_a_dateline_the_headline_names_is_where_the_story_happens() -> None:
    article = (
        "Drones reach Varo as the army raises its Kross count\n\n"
        "VARO, May 4 (Wire) - It was a quiet town until Saturday. "
        "Two civilians were killed, the mayor said on Sunday."
    )
    assert fact_of_article(article, "Two civilians").places == frozenset({"varo"})


def test_where_one_person_came_from_is_not_the_place_of_the_claims_after() -> None:
    article = (
        "Drones reach Varo\n\n"
        "VARO, May 4 (Wire) - Two civilians were killed, the mayor said. One of them, she said, "
        "was a teacher who had fled her village near Kross in March. The fire service said that "
        "four civilians had died."
    )
    fire = fact_of_article(article, "four civilians")
    assert fire.places == frozenset({"varo"})


def test_one_bodys_crowds_months_apart_are_two_gatherings_not_a_series() -> None:
    november = facts("about 3,000 people joined the march in Varo", "Police", MON)
    january = facts("about 12,000 people joined the march in Varo", "Police", date(2027, 1, 11))
    assert (link(november, january) or Link(0, "related", "")).kind != "update"
    next_day = facts("about 3,500 people joined the march in Varo", "Police", TUE)
    assert (link(november, next_day) or Link(0, "related", "")).kind == "update"


def test_a_section_header_in_capitals_sets_the_scene() -> None:
    article = (
        "War round-up\n\n"
        "In Varo, the army said that 12 soldiers had been killed.\n\n"
        "KROSS AND TELL\n\n"
        "The General Staff said that 40 of its soldiers had died near the river last week. "
        "The staff said 300 enemy soldiers had been captured in Kross and Tell."
    )
    died = fact_of_article(article, "40 of its")
    assert died.places == frozenset({"kross"})


def test_the_federation_is_the_state_the_article_names_so() -> None:
    article = (
        "The Western Federation's army said that 40 of its soldiers were killed near Kross. "
        "The Federation's losses there amount to 40 killed, its spokesman said."
    )
    losses = fact_of_article(article, "losses")
    assert {q.side for q in losses.quantities} == {"western"}
    assert losses.story is not None and "|western|" in losses.story  # filed with its state


def test_a_briefing_on_a_place_names_it() -> None:
    assert find_places("the ministry's weekly briefing on Kross") == ("Kross",)
    assert find_places("a report on Monday") == ()


def test_a_fuller_name_is_not_the_body_a_short_reference_stood_for() -> None:
    article = (
        "The coast guard said that six sailors had been rescued. Two were still missing, the "
        "guard said. In Varo, the city guard said that 14 people had been detained."
    )
    coast, short, city = article_claimants(extract(article))
    assert coast[0] == short[0] == "coast guard"
    assert city[0] == "city guard"


def test_the_federations_own_losses_are_the_state_its_capital_stands_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(CAPITALS, "harlow", "Western Federation")  # a deployment's own capital
    article = (
        "Spokesman Ivo Prell held his weekly briefing in Harlow. The Federation's own losses "
        "near Kross since May 1, he said, had risen to 90 killed and wounded."
    )
    (losses,) = facts_of_article(extract(article), MON)
    assert [(q.measure, q.side, q.interval.low) for q in losses.quantities] == [
        ("casualties", "western", 90)
    ]
