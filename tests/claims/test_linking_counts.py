"""Linking: running totals, nested periods and counts read as one count (invented sentences)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from claims import extract
from claims.linking import facts_of, facts_of_article
from claims.periods import find_when, resolve
from claims.places import find_places
from claims.quantities import find_quantities, quantities_of, side_key

from .test_linking import MON, claim, fact_of_article, facts, link

NORTH = "The Northern Defence Ministry"
EAST = "The Eastern Federation's General Staff"


def day(n: int) -> date:
    return MON + timedelta(days=n)


# ---------------------------------------------------------------------------------------------
# Periods


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("it had lost 12 boats since the start of March", date(2026, 3, 1), MON),
        ("prices rose 4 percent since the beginning of the year", date(2026, 1, 1), MON),
        ("40 people were arrested since the start of the month", date(2026, 11, 1), MON),
        ("since the start of the war 900 tanks were lost", None, MON),
        ("the death toll had climbed to 31", None, MON),
        ("511 had come home since the exchanges began", None, MON),
    ],
)
def test_since_the_start_of_a_month_starts_on_its_first_day(
    text: str, start: date | None, end: date
) -> None:
    period = resolve(find_when(text), MON)
    assert period.explicit
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("killed 900 rebels between the landing on March 2 and the last fighting",
         date(2026, 3, 2), MON),
        ("900 rebels were killed between March 2 and March 9", date(2026, 3, 2), date(2026, 3, 2)),
    ],
)  # fmt: skip
def test_from_a_day_to_an_event_runs_from_that_day(text: str, start: date, end: date) -> None:
    period = resolve(find_when(text), MON)
    assert (period.start, period.end) == (start, end)


def test_a_count_from_a_day_to_an_event_is_the_count_since_that_day() -> None:
    north = facts(
        "its troops killed 60 rebel soldiers near Varo between the landing on March 2 and the "
        "last fighting",
        NORTH,
        day(6),
    )
    east = facts(
        "at least 500 rebel soldiers had been killed near Varo since March 2", EAST, day(5)
    )
    found = link(north, east)
    assert found is not None and found.kind == "contradiction"


def test_a_stated_day_wins_over_a_toll() -> None:
    assert find_when("the death toll rose to 37 on Saturday") == "on Saturday"


# ---------------------------------------------------------------------------------------------
# Running totals only grow


def test_a_later_running_total_below_an_earlier_one_is_a_contradiction() -> None:
    earlier = facts(
        "3,000 Eastern Federation soldiers had been killed near Varo since the war began",
        NORTH,
        MON,
    )
    later = facts(
        "its losses near Varo since the start of the war had reached 700 soldiers", EAST, day(9)
    )
    found = link(earlier, later)
    assert found is not None and found.kind == "contradiction"


def test_a_later_running_total_above_an_earlier_one_is_no_contradiction() -> None:
    earlier = facts(
        "its losses near Varo since the start of the war stood at 700 soldiers", EAST, MON
    )
    later = facts(
        "Eastern Federation losses near Varo since the start of the war had passed 8,000 soldiers",
        NORTH,
        day(6),
    )
    found = link(earlier, later)
    assert found is not None and found.kind == "related"


@pytest.mark.parametrize(
    "earlier, later",
    [
        (
            "its losses near Varo since the start of the war stood at 700",
            "Eastern Federation losses near Varo since the start of the war had passed 8,000",
        ),
        # counts since one day are running totals too
        (
            "its own dead near Varo since December 22 had reached 40 soldiers",
            "Northern losses near Varo since December 22 stood at about 870 soldiers killed",
        ),
    ],
)
def test_running_totals_a_few_days_apart_are_one_count(earlier: str, later: str) -> None:
    found = link(facts(earlier, "The ministry", MON), facts(later, "The staff", day(2)))
    assert found is not None and found.kind == "contradiction"
    # weeks apart, the earlier is a part of the later
    found = link(facts(earlier, "The ministry", MON), facts(later, "The staff", day(20)))
    assert found is not None and found.kind == "related"


def test_a_disasters_dead_residents_and_dead_people_are_one_count() -> None:
    fire = facts(
        "11 residents had died in the fire at the care home in Osk", "The fire service", MON
    )
    police = facts("20 people had died in the fire at the care home in Osk", "The police", MON)
    found = link(fire, police)
    assert found is not None and found.kind == "contradiction"


def test_a_toll_cannot_fall() -> None:
    earlier = facts("the death toll from the fire in Osk had risen to 60", "The Red Cross", MON)
    later = facts("the death toll from the fire in Osk had reached 41", "The mayor", day(7))
    found = link(earlier, later)
    assert found is not None and found.kind == "contradiction"


def test_a_stretch_within_a_running_count_given_later_is_a_part_of_it() -> None:
    # 20 in three days (given on the 3rd) and 500 since the 1st (given on the 6th) both hold
    stretch = facts(
        "it had lost 20 soldiers near Varo in the last three days", NORTH, date(2026, 12, 3)
    )
    running = facts(
        "500 Northern soldiers had been killed near Varo since December 1", EAST, date(2026, 12, 6)
    )
    found = link(stretch, running)
    assert found is not None and found.kind == "related"
    # but a running count cannot be smaller than a count it contains
    night = facts(
        "40 Northern drones had been shot down over Varo on Thursday night",
        EAST,
        date(2026, 12, 4),
    )
    month = facts(
        "it had lost 25 drones over Varo since the start of December", NORTH, date(2026, 12, 6)
    )
    found = link(night, month)
    assert found is not None and found.kind == "contradiction"


# ---------------------------------------------------------------------------------------------
# Counts read as one count


@pytest.mark.parametrize(
    "a, b",
    [
        # seats held; "of the 120" is the whole, not a count
        (("Mara Pell", "her alliance held 64 of the 120 seats in the assembly"),
         ("Ivo Dunst", "the alliance had no more than 55 seats")),
        # the share of a place held
        (("Colonel Hale", "Southern units now controlled 90 per cent of Varo"),
         ("The Western Command", "Southern troops held less than 40 per cent of Varo")),
        # people trapped
        (("The operator", "14 workers were trapped after the shaft flooded"),
         ("The rescue service", "at least 25 workers were trapped")),
        # supporters are people: more detained supporters than detained people is impossible
        (("The police", "officers had detained 20 people at the march"),
         ("The Blue Party", "more than 90 of its supporters had been detained at the march")),
    ],
)  # fmt: skip
def test_counts_read_as_one_count_can_contradict(a: tuple[str, str], b: tuple[str, str]) -> None:
    found = link(facts(a[1], a[0], MON), facts(b[1], b[0], MON))
    assert found is not None and found.kind == "contradiction"


def test_a_share_held_is_not_a_vote_share() -> None:
    found = link(
        facts("the Blue Party held 41 percent of the vote", "Pollster A", MON),
        facts("Southern units held 90 percent of Varo", "Colonel Hale", MON),
    )
    assert found is None or found.kind == "related"


def test_one_claimants_shares_held_form_a_series() -> None:
    found = link(
        facts("Southern units now controlled 60 per cent of Varo", "Colonel Hale", MON),
        facts("Southern units now controlled 75 per cent of Varo", "Colonel Hale", day(4)),
    )
    assert found is not None and found.kind == "update"


def test_a_small_exact_part_cannot_exceed_its_whole_by_one() -> None:
    night = facts("17 Northern drones had been shot down over Varo on Friday night", EAST, day(5))
    month = facts("it had lost 16 drones over Varo since the start of November", NORTH, day(6))
    found = link(night, month)
    assert found is not None and found.kind == "contradiction"


# ---------------------------------------------------------------------------------------------
# One claimant's series


def test_a_claimants_captured_and_its_losses_are_no_series() -> None:
    losses = facts(
        "the enemy had lost more than 4,000 men near Varo since the offensive began", EAST, MON
    )
    captured = facts("90 Northern soldiers had been captured near Varo this week", EAST, MON)
    found = link(losses, captured)
    assert found is None or found.kind == "related"


def test_a_claimants_killed_then_losses_are_a_series() -> None:
    killed = facts(
        "2,000 Eastern Federation soldiers had been killed near Varo since the war began",
        NORTH,
        MON,
    )
    losses = facts(
        "Eastern Federation losses near Varo since the war began had reached 2,400", NORTH, day(4)
    )
    found = link(killed, losses)
    assert found is not None and found.kind == "update"


# ---------------------------------------------------------------------------------------------
# Places


@pytest.mark.parametrize(
    "name, place",
    [
        ("Harbourton's city council", "Harbourton"),
        ("the Millbrook Town Council", "Millbrook"),
        ("Osk's deputy mayor", "Osk"),
    ],
)
def test_a_local_bodys_name_tells_its_place(name: str, place: str) -> None:
    assert find_places(name, officials_only=True) == (place,)


def test_a_local_body_speaks_of_its_own_place_not_the_articles() -> None:
    # in an article about Varo, Harbourton's council on its tram line is not about Varo
    tram = facts_of(
        claim("the new tram line would open in May", "Harbourton's city council"),
        MON,
        default_places=("Varo",),
    )
    assert tram.places == {"harbourton"}
    losses = facts("900 Eastern Federation soldiers had been killed near Varo", NORTH, MON)
    assert link(tram, losses) is None


# ---------------------------------------------------------------------------------------------
# An election's turnout


def test_an_elections_turnout_said_days_later_is_still_that_elections() -> None:
    night = facts("final turnout was 58 percent", "The election commission", MON)
    later = facts("real turnout had been no higher than 45 percent", "The Blue Party", day(11))
    found = link(night, later)
    assert found is not None and found.kind == "contradiction"


def test_turnout_by_the_afternoon_is_part_of_the_days() -> None:
    afternoon = facts("turnout had reached 41 percent by 3 pm", "The election commission", MON)
    later = facts("final turnout had been about 55 percent", "The monitors", day(10))
    found = link(afternoon, later)
    assert found is None or found.kind == "related"


# ---------------------------------------------------------------------------------------------
# A body's monthly rate


def test_one_bodys_rate_for_consecutive_months_is_a_series() -> None:
    found = link(
        facts("unemployment had fallen to 8.1 percent in October", "The statistics office", MON),
        facts(
            "unemployment had fallen to 7.7 percent in November", "The statistics office", day(12)
        ),
    )
    assert found is not None and found.kind == "update"
    assert "2026-10" not in (found.topic or "")  # the series is of no single month


@pytest.mark.parametrize(
    "office, other",
    [
        ("Pellan's statistics office", "Morvia's statistics office"),
        ("The Pellan statistics office", "The Morvia statistics office"),
    ],
)
def test_two_countries_statistics_offices_give_their_own_countries_rates(
    office: str, other: str
) -> None:
    found = link(
        facts("unemployment rose to 6.1 percent in January", office, day(3)),
        facts("unemployment rose to 7.4 percent in January", other, day(1)),
    )
    assert found is None or found.kind == "related"


# ---------------------------------------------------------------------------------------------
# A sentence that opens with its place; a toll of an event named by its time


def test_a_sentence_opening_with_a_place_gives_its_claim_that_place() -> None:
    sentence = "In Ostra, the fire service said that 23 people had died in the blaze."
    f = facts_of(
        claim("23 people had died in the blaze", "the fire service", sentence=sentence),
        MON,
        default_places=("Varo",),
    )
    assert f.places == {"ostra"} and not f.inferred_places
    sentence = "At the Kell quarry, the owners said that 7 workers were trapped."
    f = facts_of(claim("7 workers were trapped", "the owners", sentence=sentence), MON)
    assert f.places == {"kell"}


def test_a_toll_of_last_months_event_is_a_running_total() -> None:
    text = "the death toll from last week's storm had reached 40"
    assert find_when(text) == "death toll"
    period = resolve("from last week's", MON)
    assert not period.explicit  # the storm's week, not the window of the count
    assert find_when("200 homes were flooded last week") == "last week"
    earlier = facts("58 people had died in the Ostra storm", "The Red Cross", MON)
    later = facts(text + " in Ostra", "The rescue service", day(8))
    found = link(earlier, later)
    assert found is not None and found.kind == "contradiction"


# ---------------------------------------------------------------------------------------------
# More ways of saying a count; drones downed within those sent; two sides' bodies


def test_prisoners_are_of_the_side_named_on_them_not_of_their_holders() -> None:
    (q,) = find_quantities("Northern units held 211 Eastern prisoners from the fighting")
    assert (q.measure, q.category, q.side) == ("captured", "soldiers", "eastern")


def test_laying_down_weapons_is_being_captured() -> None:
    north = facts(
        "800 Eastern Federation soldiers laid down their weapons at Varo on Monday", NORTH
    )
    east = facts("fewer than 50 of its men had been taken prisoner at Varo on Monday", EAST)
    found = link(north, east)
    assert found is not None and found.kind == "contradiction"


def test_a_cost_in_lives_is_a_count_of_the_dead() -> None:
    earlier = facts("300 Northern servicemen had been killed near Varo since May 3", EAST, MON)
    later = facts(
        "the assault on Varo had cost 420 Northern servicemen their lives since May 3", EAST, day(3)
    )
    found = link(earlier, later)
    assert found is not None and found.kind == "update"


def test_bodies_recovered_are_people_killed() -> None:
    police = facts("21 bodies had been recovered in Ostra on Monday", "Police in Ostra")
    rail = facts("12 people had died in Ostra on Monday", "The rail operator")
    found = link(police, rail)
    assert found is not None and found.kind == "contradiction"


def test_drones_brought_down_cannot_outnumber_those_sent_that_night() -> None:
    east = facts(
        "air defences brought down 40 Northern drones over Varo on Monday night",
        "The Eastern Federation's Defence Ministry",
    )
    north = facts("it had sent no more than 12 drones towards Varo on Monday night", NORTH)
    found = link(east, north)
    assert found is not None and found.kind == "contradiction"


def test_two_sides_ministries_are_not_one_claimant() -> None:
    east = facts(
        "its air defences destroyed 40 Northern drones over Varo overnight",
        "The Eastern Federation's Defence Ministry",
        MON,
    )
    north = facts(
        "it had lost 25 drones over Varo since the start of the month",
        "The Northern ministry",
        day(2),
    )
    found = link(east, north)
    assert found is not None and found.kind != "update"


def test_a_count_since_the_shelling_began_is_a_running_total() -> None:
    text = "41 civilians had been killed in Ostra since the bombardment began"
    period = resolve(find_when(text), MON)
    assert period.explicit and period.start is None
    earlier = facts(
        "at least 50 civilians had been killed in Ostra since the siege began", "The mayor", MON
    )
    later = facts(text, "The Red Cross", day(8))
    found = link(earlier, later)
    assert found is not None and found.kind == "contradiction"


# ---------------------------------------------------------------------------------------------
# Periods given by reference


def test_the_same_period_is_the_period_of_the_claim_before() -> None:
    article = (
        "The Northern Defence Ministry said that 900 Eastern Federation soldiers had been killed "
        "near Varo since 1 November. The Eastern Federation's General Staff said that its losses "
        "near Varo over the same period did not exceed 60 soldiers."
    )
    north, east = facts_of_article(extract(article), MON)
    assert east.period == north.period and north.period.explicit
    found = link(north, east)
    assert found is not None and found.kind == "contradiction"


# ---------------------------------------------------------------------------------------------
# Figures that leave out what they count


def test_a_bare_figure_counts_what_the_figure_before_it_counts() -> None:
    article = (
        "The interior ministry said 12 people were detained at the rally in Varo on Monday; "
        "the organisers said at least 70."
    )
    found = facts_of_article(extract(article), MON)
    (q,) = found[-1].quantities
    assert (q.measure, q.category, q.interval.low) == ("arrested", "people", 70)
    relation = link(found[0], found[-1])
    assert relation is not None and relation.kind == "contradiction"


def test_the_figure_refers_to_the_count_of_the_claim_before() -> None:
    article = (
        "The Northern Defence Ministry said 40 Northern soldiers had been killed near Varo on "
        "Monday. The Eastern Federation's General Staff put the figure at close to 900."
    )
    first, second = facts_of_article(extract(article), MON)
    (q,) = second.quantities
    assert (q.measure, q.category, q.side) == ("killed", "soldiers", "northern")
    relation = link(first, second)
    assert relation is not None and relation.kind == "contradiction"


def test_a_crowd_estimated_at_a_figure_counts_those_taking_part() -> None:
    article = "Police estimated the crowd at the march in Varo on Sunday at 4,000 people."
    (f,) = facts_of_article(extract(article), MON)
    assert [(q.measure, q.category) for q in f.quantities] == [("participants", "people")]


def test_a_figure_cut_from_its_content_is_read_in_its_sentence() -> None:
    (q,) = quantities_of(
        [],
        "was now close to 1,700",
        0,
        context="The ministry said the number of Eastern soldiers killed near Varo was now "
        "close to 1,700.",
    )
    assert (q.measure, q.category, q.side) == ("killed", "soldiers", "eastern")


@pytest.mark.parametrize(
    ("text", "measure", "category"),
    [
        ("no more than 25 people had been on the pier", "present", "people"),
        ("fewer than 200 were present", "present", "people"),
        ("at least 30 of its members were taken away by police", "arrested", "members"),
        ("the party still had 61 deputies behind it", "held", "seats"),
        ("the bridgehead measured no more than nine square kilometres", "held", "area"),
        ("the number of sick at more than 120", "ill", "people"),
        ("about 800 people were still living in shelters", "displaced", "people"),
        ("only 47 deputies had raised their hands for the bill", "voted for", "deputies"),
        ("58 of its soldiers had come home by Friday", "returned", "soldiers"),
        ("some 1,200 villagers had made their way back to Orsk", "returned", "civilians"),
        ("140 enemy marines were now in its hands", "captured", "soldiers"),
        ("its gunners had accounted for 17 enemy tanks", "destroyed", "tanks"),
        ("none of the navy's men had been captured", "captured", "soldiers"),
        ("buses carrying 46 prisoners in each direction crossed the line", "returned", "soldiers"),
        ("she retained the support of 45 deputies of her own", "held", "seats"),
        ("the mayor's list now ran to 302 names, 35 of them children", "killed", "people"),
        ("her government counted 48 deputies of its own", "held", "seats"),
        ("41 prisoners were exchanged at the border", "returned", "people"),
        ("14 people now faced charges over the march", "charged", "people"),
        ("Forty-eight prisoners from each army crossed the line at Varo", "returned", "soldiers"),
        ("it holds 127 prisoners and none was offered for exchange", "captured", "people"),
    ],
)
def test_what_a_figure_counts_by_its_wording(text: str, measure: str, category: str) -> None:
    (q,) = find_quantities(text)
    assert (q.measure, q.category) == (measure, category)


def test_the_general_staffs_own_losses_are_its_sides() -> None:
    (q,) = find_quantities("the General Staff's own losses on Tuesday at 11", own_side="eastern")
    assert (q.measure, q.side, q.interval.low) == ("casualties", "eastern", 11)


# ---------------------------------------------------------------------------------------------
# Who speaks


def test_a_country_speaking_for_itself_owns_what_it_lost() -> None:
    for name, side in (("The Southern Republic", "southern"), ("Ukraine", "ukraine")):
        article = f"{name} said it had lost 12 drones over Varo since Monday."
        (f,) = facts_of_article(extract(article), MON)
        assert f.side == side
        (q,) = f.quantities
        assert q.side == side


def test_an_unqualified_ministry_in_a_story_filed_from_a_capital_is_that_countrys() -> None:
    article = (
        "Varo clashes continue\n\nMOSCOW, Mar 3 (Wire) - The Defence Ministry said its units "
        "had shot down 14 drones over Belgorod overnight."
    )
    extraction = extract(article)
    assert extraction.dateline == "Moscow"
    (f,) = facts_of_article(extraction, MON)
    assert f.side == "russia" and f.claimant is not None and "russia" in f.claimant


def kind_across(earlier: str, later: str, days: int) -> str | None:
    """The link between the first claims of two one-sentence stories `days` apart."""
    a = facts_of_article(extract(earlier), MON)[0]
    b = facts_of_article(extract(later), MON + timedelta(days=days))[0]
    relation = link(a, b)
    return relation.kind if relation else None


def test_the_same_spokesperson_in_two_stories_is_one_claimant() -> None:
    assert (
        kind_across(
            "Ivo Lind, spokesman for the Marrovian Defence Ministry, said on Monday that 40 "
            "Eastern soldiers had been killed near Varo since Friday.",
            "Spokesman Ivo Lind said on Thursday that 75 Eastern soldiers had been killed near "
            "Varo since Friday.",
            3,
        )
        == "update"
    )


def test_people_still_missing_two_days_apart_are_two_moments() -> None:
    kind = kind_across(
        "The rescue service said on Monday that five people were still missing at Varo.",
        "The mayor's office said on Wednesday that three people were still missing at Varo.",
        2,
    )
    assert kind != "contradiction"


def test_a_disasters_toll_can_only_grow() -> None:
    early = facts_of_article(
        extract("Varo police said on Saturday that 20 people had been killed in the fire."),
        MON,
    )[0]
    later = facts_of_article(
        extract(
            "The fire service said on Friday that a 19th person had died of injuries from the "
            "fire in Varo."
        ),
        MON + timedelta(days=12),
    )[0]
    assert early.period.total and later.period.total
    relation = link(early, later)
    assert relation is not None and relation.kind == "contradiction"


def test_a_toll_said_beside_who_is_still_missing_is_still_the_toll() -> None:
    (toll,) = facts_of_article(
        extract(
            "The fire service said the death of a baker brought the toll from the blast in Varo "
            "to ten, and that nobody was now unaccounted for."
        ),
        MON,
    )
    assert toll.period.total


@pytest.mark.parametrize(
    ("text", "low", "high"), [("three in ten", 27, 33), ("one in four", 22, 28)]
)
def test_one_in_n_is_a_share(text: str, low: float, high: float) -> None:
    (q,) = find_quantities(f"{text} voters would back the party")
    assert q.percent and low - 0.5 <= q.interval.low and q.interval.high <= high + 0.5


def test_a_country_and_its_ministry_give_one_series() -> None:
    assert (
        kind_across(
            "The Ukrainian Defence Ministry said on Monday it had lost 21 drones over Varo "
            "since January 1.",
            "Ukraine said on Friday it had lost 38 drones over Varo since January 1.",
            4,
        )
        == "update"
    )


def test_the_number_refers_to_the_tally_the_sentence_names() -> None:
    (q,) = quantities_of(
        [],
        "the number at almost 600",
        0,
        context="The army's tally of Eastern dead around the village has risen steadily, and on "
        "Monday it put the number at almost 600.",
    )
    assert (q.measure, q.category, q.side) == ("killed", "soldiers", "eastern")


def test_raising_its_count_to_a_figure_is_a_claim() -> None:
    (claim,) = extract(
        "The ministry raised the number of its soldiers killed at Varo since March 2 to 27."
    ).claims
    assert claim.source is not None and claim.source.text == "The ministry"
    assert claim.content.text.endswith("to 27")
    assert extract("The company raised prices to 40 euros.").claims == ()


def test_people_inside_when_the_fire_broke_out_are_one_count_whenever_told() -> None:
    assert (
        kind_across(
            "Fire chief Ivo Saar said about 450 people had been in the club in Varo when the "
            "fire broke out.",
            "Prosecutors in Varo said at least 640 people had been inside the club when the "
            "fire started.",
            20,
        )
        == "contradiction"
    )


def test_votes_for_a_bill_are_deputies_voting_for_it() -> None:
    (q,) = find_quantities("they had counted 48 votes for the bill")
    assert (q.measure, q.category) == ("voted for", "deputies")


def test_people_charged_cannot_outnumber_those_arrested_at_the_same_place() -> None:
    police = facts("18 people had been arrested at the march in Varo on Saturday", "The police")
    charged = facts(
        "the number charged over Saturday's march in Varo had risen to 23",
        "The district prosecutor",
        MON + timedelta(days=3),
    )
    assert [q.measure for q in charged.quantities] == ["charged"]
    found = link(police, charged)
    assert found is not None and found.kind == "contradiction"
    fewer = facts(
        "the number charged over Saturday's march in Varo had risen to 7",
        "The district prosecutor",
        MON + timedelta(days=3),
    )
    found = link(police, fewer)
    assert found is not None and found.kind == "related"


def test_people_charged_elsewhere_are_no_part_of_an_arrest_count() -> None:
    police = facts("18 people were detained on Saturday", "The police")
    charged = facts("prosecutors charged 25 people over a warehouse fire in Tessa", "Prosecutors")
    found = link(police, charged)
    assert found is None or found.kind != "contradiction"


@pytest.mark.parametrize(
    "text, category",
    [
        (
            "the new bridge would cost the city 45 million euros in its first year",
            "euros, first year",
        ),
        ("auditors put the annual bill at 80 million crowns", "crowns, a year"),
        ("the programme costs $3 billion a year", "dollars, a year"),
    ],
)
def test_a_cost_over_a_stretch_is_a_count_of_money(text: str, category: str) -> None:
    found = find_quantities(text)
    assert [(q.measure, q.category) for q in found] == [("cost", category)]
    assert not found[0].forecast  # "would cost": an estimate, compared like any other


@pytest.mark.parametrize(
    "text",
    [
        "the government would release 20 million crowns in aid",
        "a lottery jackpot of 9 million euros was won on Saturday",
        "the bill gives 15 million crowns a year to farmers",  # a law, not a price
        "the new bridge would cost 45 million euros",  # a cost of no stated stretch
    ],
)
def test_money_that_is_no_cost_over_a_stretch_is_not_counted(text: str) -> None:
    assert find_quantities(text) == []


def test_two_first_year_costs_that_do_not_meet_contradict() -> None:
    minister = facts(
        "the tunnel would cost the treasury 200 million crowns in its first year",
        "The transport minister",
    )
    office = facts("the first-year bill at 350 million crowns", "The audit office")
    found = link(minister, office)
    assert found is not None and found.kind == "contradiction"
    assert "cost in crowns" in (found.topic or "")
    yearly = facts("the tunnel would cost 350 million crowns a year", "The audit office")
    found = link(minister, yearly)
    assert found is None or found.kind != "contradiction"  # a year's cost and the first year's


@pytest.mark.parametrize(
    "text, shares",
    [
        (
            "the poll had the Liberal Party at 31 percent and the Farmers at 27",
            [("liberal", 31.0), ("farmer", 27.0)],
        ),
        (
            "the institute, which surveyed 900 voters, put Unity on 29 percent, with the "
            "Liberal Party on 33",
            [("unity", 29.0), ("liberal", 33.0)],
        ),
    ],
)
def test_a_bare_figure_after_a_partys_share_is_the_next_partys_share(
    text: str, shares: list[tuple[str | None, float]]
) -> None:
    found = [q for q in find_quantities(text) if q.percent]
    assert [(q.measure, q.category) for q in found] == [("share", "support")] * len(shares)
    assert [(q.side, q.interval.low) for q in found] == shares


def test_a_bare_figure_with_a_noun_after_a_share_is_no_share() -> None:
    found = find_quantities(
        "the poll had the Liberal Party at 31 percent and the Farmers at 27 seats"
    )
    assert [q.measure for q in found if q.side == "farmers"] == []


def test_patients_a_hospital_admitted_are_no_second_toll() -> None:
    article = (
        "The fire service said six people were killed in the blast in Varo. "
        "The city hospital said it had admitted 22 people, three of them in a critical condition."
    )
    fire, hospital = fact_of_article(article, "six"), fact_of_article(article, "22")
    assert [q.measure for q in fire.quantities] == ["killed"]
    assert all(q.measure != "killed" for q in hospital.quantities)


@pytest.mark.parametrize(
    ("text", "measure", "low", "high"),
    [
        ("the count of cholera cases in the camps edged up to 274", "ill", 274, 274),
        ("12 people remained in the town", "remaining", 12, 12),
    ],
)
def test_counts_that_rise_and_people_who_remain(
    text: str, measure: str, low: float, high: float
) -> None:
    (q,) = find_quantities(text)
    assert (q.measure, q.interval.low, q.interval.high) == (measure, low, high)


def test_a_figure_that_remained_is_a_level_not_people_remaining() -> None:
    assert find_quantities("its figure remained 17") == []


def test_a_body_owning_a_count_counts_it_and_is_not_whose_people_are_counted() -> None:
    (q,) = find_quantities("The World Health Organization's count of civilians killed reached 81")
    assert (q.measure, q.category, q.side) == ("killed", "civilians", None)
    (q,) = find_quantities("the ministry's count of Northern soldiers killed reached 181")
    assert q.side == "northern"


@pytest.mark.parametrize(
    ("text", "measure"),
    [("Nobody was killed", "killed"), ("no one in the village was hurt", "wounded")],
)
def test_nobody_is_a_count_of_zero(text: str, measure: str) -> None:
    (q,) = find_quantities(text)
    assert (q.measure, q.interval.low, q.interval.high) == (measure, 0, 0)
    assert find_quantities("nobody knows") == []


def test_a_figure_alone_insisted_on_counts_what_was_counted_before() -> None:
    (before,) = find_quantities("about 3,000 people had come home")
    (q,) = find_quantities('"Eight hundred, and not one more,"', antecedents=[before])
    assert (q.measure, q.interval.low) == ("returned", 800)


def test_equipment_a_claimant_lost_is_its_own() -> None:
    (q,) = find_quantities(
        "the tally of drones lost over the port since May went to 61",
        own_side="western",
        own_side_text="Western",
    )
    assert (q.measure, q.category, q.side, q.forecast) == ("destroyed", "drones", "western", False)
    (may,) = find_quantities("the toll may rise to 40 people killed")
    assert may.forecast


def test_a_number_word_opening_a_sentence_is_no_side() -> None:
    article = (
        "Forty-seven Western drones were shot down over Varo, the ministry said, putting its "
        "tally for the city since May 1 at 537."
    )
    found = facts_of_article(extract(article), MON)
    assert {q.side for f in found for q in f.quantities} == {"western"}


def test_a_count_for_the_year_is_of_the_year_so_far() -> None:
    assert find_when("its count for the year had reached 566") == "its count for the year"


def test_a_sides_own_losses_over_a_city_after_drones_sent_are_drones() -> None:
    article = (
        "The Western Defence Ministry's spokesman said 21 drones had been sent to Varo in all. "
        "The West's own losses over the city this year came to 78, he said."
    )
    losses = fact_of_article(article, "78")
    assert [(q.measure, q.category) for q in losses.quantities] == [("destroyed", "drones")]
    near = fact_of_article(
        "The ministry said 21 drones had been sent to Varo. The West's own losses around the "
        "town this year came to 78, it said.",
        "78",
    )
    assert [q.category for q in near.quantities] != ["drones"]


@pytest.mark.parametrize(
    "text, shares",
    [
        ("Unity at 28 percent and the Greens at 46", [("unity", 28), ("green", 46)]),
        ("the Farmers on 35 percent, with the Liberals on 41", [("farmer", 35), ("liberal", 41)]),
        # "the party" is one told before: no other party's share
        (
            "29 percent support for the party and 46 percent for the Liberals",
            [(None, 29), ("liberal", 46)],
        ),
    ],
)
def test_each_share_in_a_list_is_the_party_it_is_given_to(
    text: str, shares: list[tuple[str | None, int]]
) -> None:
    found = find_quantities(text, context=text)
    assert [(q.side, q.interval.high) for q in found] == shares
    assert all(q.measure == "share" for q in found)


@pytest.mark.parametrize(
    "names",
    [
        ("the North's", "Northern", "the Northern Republic"),
        ("the East", "Eastern", "the Eastern Federation's"),
        ("Ukraine's", "Ukrainian"),
    ],
)
def test_a_side_is_one_however_it_is_written(names: tuple[str, ...]) -> None:
    assert len({side_key(name) for name in names}) == 1


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Four people were confirmed dead and nine were still missing",
            [("killed", 4), ("missing", 9)],
        ),
        (
            "raising the toll from the bridge collapse to seven, with six people still missing",
            [("killed", 7), ("missing", 6)],
        ),
    ],
)
def test_each_figure_has_the_event_told_of_it(text: str, expected: list[tuple[str, int]]) -> None:
    found = find_quantities(text, context=text)
    assert [(q.measure, q.interval.high) for q in found] == expected


def test_a_quoted_figure_after_a_copula_is_the_subjects() -> None:
    text = 'Northern dead in the assault since November 27 were now "nearly 2,300"'
    (q,) = find_quantities(text, context=text)
    assert (q.measure, q.side, q.interval.high) == ("killed", "northern", 2300)


def test_the_prices_of_one_kind_of_good_are_no_inflation() -> None:
    assert find_quantities("house prices fell 1.8 percent in the fourth quarter") == []
    (q,) = find_quantities("prices rose 3.1 percent in January")
    assert q.category == "inflation"


@pytest.mark.parametrize(
    "text",
    [
        "23 passengers had boarded, going by its ticket records",
        "the number of passengers at 31",
        "at least 52 people were on the slope",
        "about 150 people were in the hall",
    ],
)
def test_who_a_vehicle_carried_or_who_was_there_is_a_count_of_people_present(text: str) -> None:
    (q,) = find_quantities(text, context=text)
    assert q.measure == "present"


def test_a_show_of_hands_is_a_vote_and_hired_hands_are_not() -> None:
    text = "he could see 49 raised hands for the pension bill"
    (q,) = find_quantities(text, context=text)
    assert (q.measure, q.category, q.interval.high) == ("voted for", "deputies", 49)
    assert find_quantities("the farm said 40 hands were hired") == []


def test_a_noun_after_since_is_no_counted_thing() -> None:
    text = "51 of its soldiers had come home on Friday, for a total of 562 since the swaps began"
    assert [(q.category, q.interval.high) for q in find_quantities(text, context=text)] == [
        ("soldiers", 51),
        ("soldiers", 562),
    ]


def test_civilians_killed_and_people_killed_with_no_side_named_are_one_count() -> None:
    mayor = facts("three civilians were killed in the strike on Varo", "Mayor Ida Brun", MON)
    service = facts("five people were killed in the strike on Varo", "The emergency service", MON)
    found = link(mayor, service)
    assert found is not None and found.kind == "contradiction"


def test_an_undated_figure_and_a_count_since_the_shelling_began_told_together_are_one_count() -> (
    None
):
    article = (
        "The World Health Organization said 156 civilians had been killed in Ostra since the "
        "shelling began in late October. The Red Cross said at least 171 civilians had been killed."
    )
    who = fact_of_article(article, "156")
    red_cross = fact_of_article(article, "171")
    assert red_cross.inferred_places and not who.inferred_places
    found = link(who, red_cross)
    assert found is not None and found.kind == "contradiction"


@pytest.mark.parametrize(
    "undated, kind",
    [
        ("eight people had been killed in the strikes on Varo", "related"),  # the toll grew
        ("14 people had been killed in the strikes on Varo", "contradiction"),
    ],
)
def test_an_undated_figure_told_days_before_a_toll_is_part_of_it(undated: str, kind: str) -> None:
    police = facts(undated, "The police", MON)
    fire = facts(
        "the death toll from the strikes on Varo had reached ten", "The emergency service", day(2)
    )
    found = link(police, fire)
    assert found is not None and found.kind == kind


def test_an_unnamed_area_does_not_tell_two_counts_apart_from_a_towns() -> None:
    north = facts("about 90 Eastern soldiers had been killed near Tarva on Tuesday", NORTH, MON)
    east = facts("11 of its soldiers had been killed in the north on Tuesday", EAST, MON)
    assert north.places == {"tarva"} and east.places == {"north"}
    found = link(north, east)
    assert found is not None and found.kind == "contradiction"


def test_a_river_bank_is_of_the_town_the_story_is_on() -> None:
    article = (
        "The Eastern General Staff said 112 Northern soldiers had been captured at Ostrovo since "
        "January 12. The Northern Defence Ministry said no Northern soldier had been captured on "
        "the west bank since January 12."
    )
    east, north = fact_of_article(article, "112"), fact_of_article(article, "west bank")
    assert north.places == {"west bank", "ostrovo"} and not north.inferred_places
    found = link(east, north)
    assert found is not None and found.kind == "contradiction"


def test_figures_given_place_by_place_keep_their_own_places() -> None:
    monitors = fact_of_article(
        "The Conflict Casualty Project said between 650 and 950 soldiers of both armies had "
        "died at Ostrovo, 320 to 480 at Tarva, and 1,400 to 2,000 around Lenne.",
        "650",
    )
    assert {(q.interval.low, q.interval.high, q.where) for q in monitors.quantities} == {
        (650, 950, ("ostrovo",)),
        (320, 480, ("tarva",)),
        (1400, 2000, ("lenne",)),
    }
    staff = facts("about 870 Northern soldiers had been killed at Tarva", EAST, MON)
    found = link(monitors, staff)
    assert found is not None and found.kind == "contradiction"
    assert found.topic.endswith("in Tarva") and found.figures[1] == "about 870"


def test_police_in_a_later_section_are_that_towns_and_their_hospital_town_is_no_scene() -> None:
    article = (
        "KESSBY, Mar 3 (Courier) - Kessby police put the number of dead from the dam burst at "
        "11.\n\nNORRVIK\n\nThe fire service now counts 12 dead from the Norrvik bridge collapse. "
        "Police raised their own toll to 13 after a man died in hospital in Ringsted."
    )
    fire, police = fact_of_article(article, "12 dead"), fact_of_article(article, "13")
    assert police.claimant == "police" and police.places == {"norrvik"}
    found = link(fire, police)
    assert found is not None and found.kind == "contradiction"


def test_the_dead_of_a_disaster_named_by_its_day_are_its_toll_so_far() -> None:
    saturday = day(5)
    fire = facts(
        "13 people had died in Thursday's care-home fire in Lisberg", "The fire service", saturday
    )
    police = facts("14 people had died in the care-home fire in Lisberg", "Police", saturday)
    assert fire.period.total and fire.period.end == saturday
    found = link(fire, police)
    assert found is not None and found.kind == "contradiction"
    # a leak, a spill or a crush is a disaster too
    leak = facts(
        "the toll from Tuesday's gas leak at the works in Varo rose to seven",
        "The agency",
        saturday,
    )
    assert leak.period.total and leak.period.end == saturday


def test_one_claimants_night_count_and_its_count_since_new_year_are_no_series() -> None:
    ministry = "The Eastern Defence Ministry"
    night = facts("its crews had downed 38 drones over Varo on Friday night", ministry, day(5))
    year = facts("it had downed 401 drones over Varo since January 1", ministry, day(5))
    found = link(night, year)
    assert found is None or found.kind == "related"


@pytest.mark.parametrize(
    "content",
    [
        "38 drones had been brought down over Varo on Friday night, taking its total since the "
        "start of the year to 401",
        "drones were launched at Varo on Thursday night, and its losses over Varo this year now "
        "total 401",
        "38 drones had been downed over Varo overnight, putting its total since January 1 at 401",
        "its crews had shot down 38 drones over Varo on Friday night, which lifts its tally for "
        "the year to 401",
    ],
)
def test_a_running_total_told_beside_a_nights_count_keeps_its_own_time(content: str) -> None:
    told = facts(content, "The Eastern Defence Ministry", day(5))
    periods = {q.text: resolve(q.when, day(5)) if q.when else told.period for q in told.quantities}
    assert periods["401"].start == date(2026, 1, 1)
    if "38" in periods:
        night = periods["38"]
        assert night.start is not None and (night.end - night.start).days <= 1


def test_deputies_a_government_could_count_on_are_its_support_now_not_a_forecast() -> None:
    article = (
        "Prime Minister Petra Lang said her government could still count on 49 deputies of its "
        "own. Tomas Reid, the Green leader, put the figure at 36."
    )
    lang, reid = fact_of_article(article, "49"), fact_of_article(article, "36")
    assert not lang.quantities[0].forecast
    assert (reid.quantities[0].measure, reid.quantities[0].category) == ("held", "seats")
    found = link(lang, reid)
    assert found is not None and found.kind == "contradiction"


@pytest.mark.parametrize(
    "text, value",
    [
        ("the mayor's list grew by nine names in a week, to 311, thirty-six of them children", 311),
        ("the toll rose by 12 people to 40", 40),
    ],
)
def test_how_much_a_count_grew_by_is_no_count_of_its_own(text: str, value: int) -> None:
    (q,) = find_quantities(text)
    assert q.interval.low == value and q.measure == "killed"


def test_two_counts_of_one_sittings_votes_can_contradict() -> None:
    officer = facts("the minutes of the February 8 sitting recorded 51 votes", "Miro Sand", day(5))
    greens = facts("the February 8 sitting had seen 47 votes, no more", "The Greens", day(5))
    assert {q.category for q in officer.quantities + greens.quantities} == {"deputies"}
    found = link(officer, greens)
    assert found is not None and found.kind == "contradiction"


@pytest.mark.parametrize(
    "text",
    [
        "the World Health Organization's civilian toll rose to 209",
        "The WHO's civilian toll stood at 216",
    ],
)
def test_a_body_owning_a_toll_is_who_counts_not_whose_dead(text: str) -> None:
    (q,) = find_quantities(text)
    assert (q.measure, q.category, q.side) == ("killed", "civilians", None)


def test_an_undated_figure_and_a_count_running_for_weeks_told_together_are_one_count() -> None:
    ministry = facts("ten people had died of dysentery in Brisk", "The Health Ministry", day(5))
    doctors = facts("24 people had died of dysentery in Brisk since October", "Doctors", day(5))
    found = link(ministry, doctors)
    assert found is not None and found.kind == "contradiction"


def test_prisoners_held_from_a_battle_told_days_apart_are_one_count() -> None:
    staff = facts("78 Northern soldiers captured at Ostrovo were in its camps", EAST, day(6))
    ministry = facts("no Northern soldier had been captured at Ostrovo", NORTH, MON)
    found = link(staff, ministry)
    assert found is not None and found.kind == "contradiction"


@pytest.mark.parametrize("first", [0, 1])
def test_soldiers_and_people_returned_meet_whichever_was_told_first(first: int) -> None:
    red_cross = facts(
        "48 prisoners were handed over by each side at Varo", "The Red Cross", day(5 + first)
    )
    ministry = facts("51 of its soldiers had come home at Varo", "The ministry", day(6 - first))
    found = link(red_cross, ministry)
    assert found is not None and found.kind == "contradiction"


def test_a_sittings_votes_told_weeks_later_are_still_that_sittings() -> None:
    officer = facts("the 51 votes recorded in the minutes still stood", "Miro Sand", day(20))
    greens = facts("only 47 deputies had voted for the bill on Monday", "The Greens", MON)
    assert [q.measure for q in officer.quantities] == ["voted for"]
    found = link(officer, greens)
    assert found is not None and found.kind == "contradiction"


@pytest.mark.parametrize(
    "text, measure",
    [
        ("their own count showed 46 votes against the bill", "voted against"),
        ("the minutes recorded 51 votes", "voted for"),
    ],
)
def test_votes_counted_are_deputies_voting(text: str, measure: str) -> None:
    (q,) = facts(text, "The Greens").quantities
    assert (q.measure, q.category) == (measure, "deputies")


def test_a_figure_answered_alone_in_a_quote_counts_what_was_counted_before() -> None:
    article = (
        'Lang\'s spokesman said that 44 deputies "remain solidly with the prime minister". '
        '"Twenty-eight, and I am being generous," Tomas Reid said. One of the coalition\'s own '
        "whips, who asked not to be named, said the private tally had slipped to 41."
    )
    lang, reid = fact_of_article(article, "44"), fact_of_article(article, "Twenty-eight")
    whips = fact_of_article(article, "41")
    for told in (lang, reid, whips):
        assert [(q.measure, q.category) for q in told.quantities] == [("held", "seats")]
    found = link(lang, reid)
    assert found is not None and found.kind == "contradiction"


# ---------------------------------------------------------------------------------------------
# Measurements


@pytest.mark.parametrize(
    "text, category, low, high",
    [
        ("a section about 40 metres wide had given way", "width in metres", 36, 44),
        ("put the gap at closer to 70 metres", "width in metres", 70, 70),
        ("ordered everyone out of a zone of three kilometres", "radius in metres", 3000, 3000),
        ("estimated the release at between 20 and 25 tonnes", "weight in tonnes", 20, 25),
        ("some 150,000 cubic metres of earth and rock had slid", "volume in cubic metres of earth",
         135_000, 165_000),
    ],
)  # fmt: skip
def test_a_figure_with_a_unit_is_a_measurement(
    text: str, category: str, low: float, high: float
) -> None:
    (q,) = find_quantities(text)
    assert (q.measure, q.category, q.interval.low, q.interval.high) == ("size", category, low, high)


def test_a_distance_that_says_where_is_no_measurement() -> None:
    assert [q.measure for q in find_quantities("30 km from the front, 12 men were killed")] == [
        "killed"
    ]


def test_two_bodies_measuring_one_event_differently_contradict() -> None:
    company = facts("no more than eight tonnes of ammonia had escaped at Rostad", "Agrifer", MON)
    agency = facts("the release at Rostad was between 20 and 25 tonnes", "The agency", day(2))
    found = link(company, agency)
    assert found is not None and found.kind == "contradiction"


def test_the_figure_after_a_named_material_weighs_that_material() -> None:
    (fish, agency) = find_quantities(
        "anglers said four tonnes of dead fish were pulled from the Elva; "
        "the agency put the figure at 1.5 tonnes"
    )
    assert fish.category == agency.category == "weight in tonnes of dead fish"


def test_one_body_weighing_two_things_gives_no_series() -> None:
    fish = facts("1.5 tonnes of dead fish were taken from the Elva", "The agency", MON)
    gas = facts("30 tonnes had escaped into the Elva", "The agency", MON)
    found = link(fish, gas)
    assert found is None or found.kind == "related"


@pytest.mark.parametrize(
    "text, measure, value",
    [
        ("she repeated that none had been taken prisoner", "captured", 0),
        ("none of them was hurt", "wounded", 0),
        ('that "not one" soldier had been captured there', "captured", 0),
        ("240 people were now out of their homes on the slope", "displaced", 240),
    ],
)
def test_counts_said_without_a_counted_noun_after_the_figure(
    text: str, measure: str, value: int
) -> None:
    (q,) = find_quantities(text)
    assert (q.measure, q.interval.low, q.interval.high) == (measure, value, value)


def test_a_cost_a_day_is_compared_with_another_cost_a_day() -> None:
    hauliers = facts("detours were costing its members 11 million crowns a day", "Hauliers", MON)
    road = facts("the detours cost about four million crowns a day", "The road company", MON)
    assert [q.category for q in hauliers.quantities] == ["crowns, a day"]
    found = link(hauliers, road)
    assert found is not None and found.kind == "contradiction"


def test_a_list_that_does_not_say_of_whom_lists_what_was_just_counted() -> None:
    article = (
        "Red Cross delegates have registered 95 Northern soldiers captured at Varo, a "
        "spokeswoman said. The General Staff's list stands at 148 names."
    )
    (q,) = fact_of_article(article, "148").quantities
    assert (q.measure, q.category, q.side) == ("captured", "soldiers", "northern")
    (alone,) = find_quantities("her list now ran to 302 names")
    assert alone.measure == "killed"


def test_prisoners_a_neutral_body_registered_fit_inside_all_held() -> None:
    red_cross = facts("its delegates had registered 63 Northern soldiers captured at Varo",
                      "The Red Cross", MON)  # fmt: skip
    staff = facts("121 Northern soldiers captured at Varo were held in its camps", EAST, MON)
    ministry = facts("no Northern soldier had been captured at Varo", NORTH, MON)
    assert link(red_cross, staff) is not None and link(red_cross, staff).kind == "related"
    found = link(red_cross, ministry)
    assert found is not None and found.kind == "contradiction"


def test_an_ordinal_death_counts_the_dead() -> None:
    (cases, dead) = find_quantities("338 dysentery cases in Brisk and a thirteenth death")
    assert (dead.measure, dead.interval.low) == ("killed", 13)


def test_a_plans_first_year_cost_told_days_apart_in_other_stories_is_one_cost() -> None:
    minister = facts("the formula would cost 430 million crowns in its first year", "Anton Weil")
    office = facts("the first-year cost of the formula at 700 million crowns",
                   "The budget office", day(5))  # fmt: skip
    found = link(minister, office)
    assert found is not None and found.kind == "contradiction"
    again = facts(
        "the reform would cost 445 million crowns in its first year", "Anton Weil", day(5)
    )
    found = link(minister, again)
    assert found is not None and found.kind == "update"


def test_first_year_costs_of_two_things_are_two_costs() -> None:
    tunnel = facts("the tunnel would cost 200 million crowns in its first year", "A minister")
    bridge = facts("the new bridge would cost 350 million crowns in its first year", "Auditors",
                   day(2))  # fmt: skip
    found = link(tunnel, bridge)
    assert found is None or found.kind != "contradiction"


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("put the cost at between 500 and 560 million crowns in its first year", 500e6, 560e6),
        ("the latest figure was 430 million crowns for the first year", 430e6, 430e6),
    ],
)
def test_costs_in_millions_and_costs_given_as_a_figure(text: str, low: float, high: float) -> None:
    (q,) = find_quantities(text)
    assert (q.measure, q.interval.low, q.interval.high) == ("cost", low, high)


def test_the_cost_after_a_cost_is_that_cost() -> None:
    article = (
        "Anton Weil put the first-year cost of the formula at 420 million crowns. The central "
        "bank said the cost would fall between 480 and 540 million."
    )
    (q,) = fact_of_article(article, "480").quantities
    assert (q.measure, q.category, q.interval.low) == ("cost", "crowns, first year", 480e6)


def test_people_counted_in_a_sentence_about_a_gathering_are_its_crowd() -> None:
    sentence = (
        "Police said about 350 women stood outside the barracks, the eighth week of the vigil."
    )
    (q,) = find_quantities(sentence, context=sentence)
    assert (q.measure, q.interval.low) == ("participants", 315)
    assert find_quantities("about 350 women stood outside the barracks") == []


def test_a_rallys_attendance_and_the_people_who_turned_out_are_one_crowd() -> None:
    police = facts("attendance on Freedom Square at around 6,500", "Police")
    organisers = facts("more than 38,000 people had turned out on Freedom Square", "Organisers")
    assert [q.measure for q in police.quantities] == ["present"]
    assert [q.measure for q in organisers.quantities] == ["participants"]
    found = link(police, organisers)
    assert found is not None and found.kind == "contradiction"


def test_the_dead_of_a_nationality_are_a_count_of_their_own() -> None:
    (varans, toll) = find_quantities(
        "three of the dead were Varan citizens, and put the overall toll at ten"
    )
    assert (varans.category, toll.category) == ("varans", "people")


def test_undated_counts_of_what_only_accrues_told_days_apart_must_not_fall() -> None:
    agency = facts("some 2,000 people had returned to Varo", "The UN refugee agency", MON)
    mayor = facts("barely 600 people had returned to Varo", "The deputy mayor", day(5))
    found = link(agency, mayor)
    assert found is not None and found.kind == "contradiction"
    grown = facts("some 2,600 people had returned to Varo", "The deputy mayor", day(5))
    found = link(agency, grown)
    assert found is None or found.kind != "contradiction"


def test_a_place_set_off_before_the_counted_people_is_not_their_side() -> None:
    (q,) = find_quantities("Inside Varo, civilian deaths since March reached 224")
    assert (q.category, q.side) == ("civilians", None)


def test_a_party_on_a_bare_number_after_a_polls_shares_is_its_share() -> None:
    article = (
        "Civic Pulse found Unity at 26 percent and the Green Alliance at 49. "
        "The Varo Barometer had Unity on 23."
    )
    (q,) = fact_of_article(article, "on 23").quantities
    assert (q.measure, q.category, q.side, q.interval.low) == ("share", "support", "unity", 23)


def test_a_quoted_verb_phrase_after_had_keeps_the_clause_and_its_bound() -> None:
    (q,) = find_quantities('Northern losses since May 2 had "gone past 2,550 killed"')
    assert (q.side, q.interval.low, q.interval.high) == ("northern", 2550, float("inf"))


def test_prisoners_from_each_side_are_each_armys_soldiers() -> None:
    red_cross = facts("Forty-two prisoners from each side were handed over at Varo on Monday",
                      "The Red Cross")  # fmt: skip
    staff = facts("the number of its men returned at Varo at 39", EAST)
    found = link(red_cross, staff)
    assert found is not None and found.kind == "contradiction"


def test_a_count_since_a_day_months_back_is_the_whole_running_count() -> None:
    who = facts("its count of civilians killed in Varo since late October rose to 227",
                "The WHO", day(120))  # fmt: skip
    mayor = facts("her list of the dead in Varo stood at 333 names", "The mayor", day(120))
    found = link(who, mayor)
    assert found is not None and found.kind == "contradiction"
    recent = facts("12 civilians had been killed in Varo since Friday", "The WHO", day(120))
    found = link(recent, mayor)
    assert found is None or found.kind != "contradiction"


def test_who_shot_drones_down_opening_a_sentence_is_not_their_side() -> None:
    (q,) = find_quantities("Air-defence units destroyed 21 drones over Varo in the night")
    assert q.side is None


def test_drones_a_side_says_were_launched_are_its_own() -> None:
    (q,) = facts("no more than 25 drones had been launched at the city", NORTH).quantities
    assert (q.measure, q.side) == ("launched", "northern")


@pytest.mark.parametrize(
    "text, category",
    [
        ("the count of Varans killed in the crush stands at seven", "varans"),
        ("the number of Northerners killed rose to 40", "people"),
    ],
)
def test_a_nationality_counted_among_the_dead_is_a_count_of_its_own(
    text: str, category: str
) -> None:
    (q,) = find_quantities(text)
    assert (q.measure, q.category) == ("killed", category)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the county hospital admitted 22 people overnight, five of them in a critical condition",
         [("admitted", 22), ("critical", 5)]),
        ("three remain in a critical condition", [("critical", 3)]),
        ("its count of people treated in hospital stood at 112", [("admitted", 112)]),
        ("Northgate admitted 14 dead", [("killed", 14)]),
    ],
)  # fmt: skip
def test_a_hospitals_admissions_and_its_critically_ill_are_counts_of_their_own(
    text: str, expected: list[tuple[str, float]]
) -> None:
    assert [(q.measure, q.interval.low) for q in find_quantities(text)] == expected


def test_admissions_only_grow_and_the_critically_ill_are_a_moment() -> None:
    before = facts("the county hospital had admitted 46 people from Varo", "The hospital", MON)
    after = facts("the county hospital had admitted 40 people from Varo", "Doctors", day(2))
    found = link(before, after)
    assert found is not None and found.kind == "contradiction"
    icu = facts("nine remained in intensive care at Varo", "The hospital", MON)
    later = facts("six remained in intensive care at Varo", "Doctors", day(2))
    found = link(icu, later)
    assert found is None or found.kind != "contradiction"


@pytest.mark.parametrize("text", ["47 from the start", "47 since February 8"])
def test_a_figure_alone_but_for_when_it_held_counts_what_was_counted_before(text: str) -> None:
    article = (
        f"The presiding officer's office defended the 51 votes for the bill recorded in the "
        f"minutes. The Greens, who have counted {text}, asked the court for a fresh vote."
    )
    (q,) = fact_of_article(article, text).quantities
    assert (q.measure, q.category, q.interval.low) == ("voted for", "deputies", 47)


def test_deputies_who_would_vote_for_a_bill_are_the_backing_a_leader_has_now() -> None:
    (q,) = find_quantities('42 deputies would vote for it "without conditions"')
    assert (q.measure, q.category, q.forecast) == ("held", "seats", False)
    (counted,) = find_quantities("they had counted 48 votes for the bill and would send the film")
    assert (counted.measure, counted.category) == ("voted for", "deputies")


def test_two_counts_run_for_months_told_a_week_apart_are_one_count() -> None:
    staff = facts("955 Northern soldiers had been killed at Varo since December 22", EAST,
                  date(2027, 3, 11))  # fmt: skip
    ministry = facts("44 Northern soldiers had been killed at Varo since December 22", NORTH,
                     date(2027, 3, 6))  # fmt: skip
    found = link(staff, ministry)
    assert found is not None and found.kind == "contradiction"
    fresh = facts("44 Northern soldiers had been killed at Varo since March 1", NORTH,
                  date(2027, 3, 6))  # fmt: skip
    later = facts("95 Northern soldiers had been killed at Varo since March 1", EAST,
                  date(2027, 3, 11))  # fmt: skip
    found = link(fresh, later)
    assert found is None or found.kind != "contradiction"  # a new battle's count may double


@pytest.mark.parametrize(
    "governor",
    [
        "killing three workers at a bus garage in Varo",
        "killing three pensioners in a block of flats in Varo",
    ],
)
def test_workers_or_pensioners_a_raid_killed_are_the_civilians_it_killed(governor: str) -> None:
    local = facts(governor, "Governor Ivo Stan")
    ministry = facts("four civilians killed in Varo overnight", "The Defence Ministry")
    found = link(local, ministry)
    assert found is not None and found.kind == "contradiction"


def test_a_second_count_put_at_its_figure_after_the_content_belongs_to_the_claim() -> None:
    article = (
        "The rescue service said four people were still missing. Police put the toll at 13 and "
        "the number missing at three."
    )
    police = fact_of_article(article, "the toll at 13")
    assert [(q.measure, q.interval.low) for q in police.quantities] == [
        ("killed", 13),
        ("missing", 3),
    ]


def test_a_count_put_at_a_small_figure_far_after_its_noun_is_no_time_of_day() -> None:
    (q,) = find_quantities(
        "Varo police put the number of people killed in Thursday's balcony collapse at the "
        "Grand Hotel at nine on Sunday"
    )
    assert (q.measure, q.interval.low) == ("killed", 9)
    assert find_quantities("the meeting started at nine on Sunday") == []


def test_a_figure_just_counted_counts_what_was_counted_before() -> None:
    article = (
        "The ambulance service raised its toll from the collapse in Varo to 13 on Friday. "
        "Police said they still counted 11."
    )
    (q,) = fact_of_article(article, "counted 11").quantities
    assert (q.measure, q.interval.low) == ("killed", 11)
