"""Claimants: one canonical claimant however the article writes it."""

from __future__ import annotations

import pytest

from claims.canonical import canonical_name, claimant_key, country_name
from claims.claimants import Claimant, ClaimantResolver, Mention, describe
from claims.nlp import load_pipeline
from claims.titles import split_title


def claimants(text: str, *sources: str) -> list[Claimant]:
    """The claimants of `sources` (source words, found in text order) in `text`."""
    doc = load_pipeline()(text)
    resolver = ClaimantResolver()
    resolver.observe(doc, 0)
    mentions: list[Mention | None] = []
    pos = 0
    for source in sources:
        start = text.index(source, pos)
        pos = start + len(source)
        span = doc.char_span(start, pos, alignment_mode="expand")
        assert span is not None, source
        mentions.append(describe(span, start))
    return resolver.resolve(mentions)


def one(text: str, source: str) -> Claimant:
    return claimants(text, source)[0]


BODY = "Russian Defence Ministry"


@pytest.mark.parametrize(
    "sentence, source, expected",
    [
        # titles are split off; the role says what they were
        (
            "Former President Dmitry Medvedev said the war would be long.",
            "Former President Dmitry Medvedev",
            Claimant("Dmitry Medvedev", "person", "former president"),
        ),
        (
            "Lt. Gen. Valery Orlov said the bridge held.",
            "Lt. Gen. Valery Orlov",
            Claimant("Valery Orlov", "person", "lieutenant general"),
        ),
        (
            "US President Joe Biden said the aid would continue.",
            "US President Joe Biden",
            Claimant("Joe Biden", "person", "president"),
        ),
        (
            "Russian Defence Minister Sergei Shoigu said the plan worked.",
            "Russian Defence Minister Sergei Shoigu",
            Claimant("Sergei Shoigu", "person", "defence minister"),
        ),
        # a spokesman is reported under the body he speaks for
        (
            "Russian Defense Ministry Spokesman Lt. Gen. Igor Konashenkov said 40 tanks burned.",
            "Russian Defense Ministry Spokesman Lt. Gen. Igor Konashenkov",
            Claimant(BODY, "organization", "spokesman", "Igor Konashenkov"),
        ),
        (
            "Igor Konashenkov, spokesman for the Russian Defence Ministry, said 70 soldiers died.",
            "Igor Konashenkov, spokesman for the Russian Defence Ministry,",
            Claimant(BODY, "organization", "spokesman", "Igor Konashenkov"),
        ),
        (
            "Kremlin spokesman Dmitry Peskov said the talks were over.",
            "Kremlin spokesman Dmitry Peskov",
            Claimant("Kremlin", "organization", "spokesman", "Dmitry Peskov"),
        ),
        (
            "A Pentagon spokeswoman said two drones were shot down.",
            "A Pentagon spokeswoman",
            Claimant("Pentagon", "organization", "spokeswoman"),
        ),
        (
            "A spokesman for the Russian Defence Ministry said the strike hit a depot.",
            "A spokesman for the Russian Defence Ministry",
            Claimant(BODY, "organization", "spokesman"),
        ),
        # spellings of one body meet
        (
            "Russia's Defence Ministry said 200 soldiers died.",
            "Russia's Defence Ministry",
            Claimant(BODY, "organization"),
        ),
        (
            "Russia’s Defense Ministry said 200 soldiers died.",
            "Russia’s Defense Ministry",
            Claimant(BODY, "organization"),
        ),
        (
            "The Russian MoD said 200 soldiers died.",
            "The Russian MoD",
            Claimant(BODY, "organization"),
        ),
        (
            "The Ministry of Defence of Russia said 200 soldiers died.",
            "The Ministry of Defence of Russia",
            Claimant(BODY, "organization"),
        ),
        (
            "According to the Russian Defense Ministry, 200 soldiers died.",
            "the Russian Defense Ministry",
            Claimant(BODY, "organization"),
        ),
        (
            "Ukraine's General Staff said 25 drones were downed.",
            "Ukraine's General Staff",
            Claimant("Ukrainian General Staff", "organization"),
        ),
        (
            "The Pentagon said the drones were shot down.",
            "The Pentagon",
            Claimant("Pentagon", "organization"),
        ),
        # countries and their capitals speak as the country
        ("Ukraine claimed that Russia fired rockets.", "Ukraine", Claimant("Ukraine", "country")),
        ("Kyiv said the bridge was destroyed.", "Kyiv", Claimant("Ukraine", "country")),
        ("Moscow denied that its jets were involved.", "Moscow", Claimant("Russia", "country")),
        (
            "The Ukrainian government said the grid held.",
            "The Ukrainian government",
            Claimant("Ukraine", "country"),
        ),
        (
            "The government of Poland said the border was open.",
            "The government of Poland",
            Claimant("Poland", "country"),
        ),
        (
            "The government said the border was open.",
            "The government",
            Claimant("government", "organization"),
        ),
        # anonymous sources are never given a name
        (
            "Officials said the bridge was destroyed.",
            "Officials",
            Claimant(None, "anonymous", "official"),
        ),
        (
            "A source close to the Russian Defence Ministry said the plan failed.",
            "A source close to the Russian Defence Ministry",
            Claimant(None, "anonymous", "source"),
        ),
        (
            "Analysts say the offensive has stalled.",
            "Analysts",
            Claimant(None, "anonymous", "analyst"),
        ),
        (
            "Senior Ukrainian military officials said the line held.",
            "Senior Ukrainian military officials",
            Claimant(None, "anonymous", "official"),
        ),
        (
            "According to unconfirmed reports, the president has left the capital.",
            "unconfirmed reports",
            Claimant(None, "anonymous"),
        ),
        (
            "People familiar with the matter said the deal was close.",
            "People familiar with the matter",
            Claimant(None, "anonymous"),
        ),
        # groups
        (
            "Protesters said the police used tear gas.",
            "Protesters",
            Claimant("protesters", "group"),
        ),
        (
            "Local residents said the shelling lasted all night.",
            "Local residents",
            Claimant("local residents", "group"),
        ),
        ("Democrats said the bill would fail.", "Democrats", Claimant("Democrats", "group")),
        (
            "Americans worried about the border said the wall would help.",
            "Americans worried about the border",
            Claimant("Americans", "group"),
        ),
        (
            "Mr. Grassley and Mr. Leahy, who wrote the bill, said it would pass.",
            "Mr. Grassley and Mr. Leahy, who wrote the bill,",
            Claimant("Mr. Grassley and Mr. Leahy", "group"),
        ),
        # things that show rather than claim, and indefinite pronouns, name nobody
        (
            "A new poll found that most voters were undecided.",
            "A new poll",
            Claimant(None, "anonymous"),
        ),
        ("Someone said the road was mined.", "Someone", Claimant(None, "anonymous")),
        ("Even China said that the talks had failed.", "Even China", Claimant("China", "country")),
        # a role nobody in the article holds by name is a person without a name
        (
            "The New York businessman said he would sue.",
            "The New York businessman",
            Claimant(None, "person", "businessman"),
        ),
        (
            "The governor said three people were hurt.",
            "The governor",
            Claimant(None, "person", "governor"),
        ),
    ],
)
def test_one_source(sentence: str, source: str, expected: Claimant) -> None:
    assert one(sentence, source) == expected


SPOKES = Claimant(BODY, "organization", "spokesman", "Igor Konashenkov")


@pytest.mark.parametrize(
    "text, sources, expected",
    [
        # descriptions and pronouns resolve to the claimant named before them
        (
            "Igor Konashenkov, spokesman for the Russian Defence Ministry, said 70 soldiers died. "
            "The ministry said the attack failed. The spokesman added that three tanks were hit. "
            "He said the operation would go on.",
            [
                "Igor Konashenkov, spokesman for the Russian Defence Ministry,",
                "The ministry",
                "The spokesman",
                "He",
            ],
            [SPOKES, Claimant(BODY, "organization"), SPOKES, SPOKES],
        ),
        (
            "The Russian Defence Ministry published new figures on Monday. "
            "Konashenkov, the ministry's spokesman, said 70 soldiers died.",
            ["Konashenkov, the ministry's spokesman,"],
            [Claimant(BODY, "organization", "spokesman", "Konashenkov")],
        ),
        (
            "Russian Defense Ministry Spokesman Lt. Gen. Igor Konashenkov gave the figures. "
            "The Russian spokesperson explained that tanks were destroyed.",
            ["The Russian spokesperson"],
            [SPOKES],
        ),
        (
            "Former President Dmitry Medvedev spoke on Monday. Russia's former president "
            "declared the need for a crushing defeat. Medvedev warned that the war would go on.",
            ["Russia's former president", "Medvedev"],
            [Claimant("Dmitry Medvedev", "person", "former president")] * 2,
        ),
        (
            # the description comes first, the name later in the article
            "Russia's former president declared the need for a crushing defeat. Later, Former "
            "President Dmitry Medvedev spoke again.",
            ["Russia's former president"],
            [Claimant("Dmitry Medvedev", "person", "former president")],
        ),
        (
            "The former Russian president said so while Ukrainian President Volodymyr Zelensky "
            "was abroad. Earlier, Former President Dmitry Medvedev had spoken.",
            ["The former Russian president"],
            [Claimant("Dmitry Medvedev", "person", "former president")],
        ),
        (
            "Ukrainian President Volodymyr Zelensky said aid was coming. Zelensky added that "
            "the front held. She said nothing. Kyiv said the bridge was open. It added more.",
            ["Ukrainian President Volodymyr Zelensky", "Zelensky", "Kyiv", "It"],
            [Claimant("Volodymyr Zelensky", "person", "president")] * 2
            + [Claimant("Ukraine", "country")] * 2,
        ),
        (
            # a pronoun takes the nearest person named as a subject, not the last claimant
            "The army said the town fell. Later Marta Kovac, the mayor, visited. She said that "
            "power was back.",
            ["The army", "She"],
            [Claimant("army", "organization"), Claimant("Marta Kovac", "person", "mayor")],
        ),
        (
            "The Eastern Federation's General Staff said 12 vehicles were hit. General Staff "
            "spokesman Pavel Orlov said the crossing held.",
            ["The Eastern Federation's General Staff", "General Staff spokesman Pavel Orlov"],
            [
                Claimant("Eastern Federation's General Staff", "organization"),
                Claimant(
                    "Eastern Federation's General Staff", "organization", "spokesman", "Pavel Orlov"
                ),
            ],
        ),
        (
            "Ukraine said the dam held. Later the country said that the dam was breached. The "
            "government added that repairs had begun.",
            ["Ukraine", "the country", "The government"],
            [Claimant("Ukraine", "country")] * 3,
        ),
        (
            # a misread full name does not win over the one the article uses most
            "Obama said it was over. Barack Obama spoke. Derelict Obama left. Barack Obama "
            "returned.",
            ["Obama"],
            [Claimant("Barack Obama", "person")],
        ),
        (
            "After the election, Minyon Moore, a senior adviser to the campaign, said it was over.",
            ["the election, Minyon Moore, a senior adviser to the campaign,"],
            [Claimant("Minyon Moore", "person", "senior adviser")],
        ),
        (
            "The mayor of Lenne, Marta Kovac, said the water was safe. Kovac added that the "
            "schools would reopen.",
            ["The mayor of Lenne, Marta Kovac,", "Kovac"],
            [Claimant("Marta Kovac", "person", "mayor")] * 2,
        ),
    ],
)
def test_resolution_across_an_article(
    text: str, sources: list[str], expected: list[Claimant]
) -> None:
    assert claimants(text, *sources) == expected


@pytest.mark.parametrize(
    "spelling",
    [
        "Russian Defence Ministry",
        "the Russian Defense Ministry",
        "Russia's MoD",
        "Russia’s Defence Ministry",
        "Russia's Defense Ministry",
        "the Russian MoD",
        "Ministry of Defence of Russia",
        "Ministry of Defense of the Russian Federation",
        "Russian Ministry of Defence",
        "Defence Ministry of Russia",
        "russian defence ministry",
    ],
)
def test_spellings_of_one_body_meet(spelling: str) -> None:
    assert canonical_name(spelling) == "Russian Defence Ministry"
    assert claimant_key(spelling) == "russian defence ministry"


@pytest.mark.parametrize(
    "spelling, canonical",
    [
        ("General Staff of the Armed Forces of Ukraine", "Ukrainian General Staff"),
        ("Ministry of Foreign Affairs of Ukraine", "Ukrainian Foreign Ministry"),
        ("the Ukrainian MFA", "Ukrainian Foreign Ministry"),
        ("the Kremlin", "Kremlin"),
        ("Dmitry Medvedev", "Dmitry Medvedev"),
        ("Armed Forces of Ukraine", "Ukrainian Armed Forces"),
        ("Ministry of Internal Affairs", "Interior Ministry"),
        ("Bank of England", "Bank of England"),
    ],
)
def test_canonical_names(spelling: str, canonical: str) -> None:
    assert canonical_name(spelling) == canonical


def test_keys_fold_accents_and_punctuation() -> None:
    assert claimant_key("Zelenský") == claimant_key("Zelensky") == "zelensky"
    assert claimant_key("the Eastern Federation's General Staff") == (
        "eastern federation general staff"
    )


@pytest.mark.parametrize(
    "text, country",
    [
        ("Kyiv", "Ukraine"),
        ("the Russian Federation", "Russia"),
        ("U.S.", "United States"),
        ("Lyman", None),
    ],
)
def test_country_names(text: str, country: str | None) -> None:
    assert country_name(text) == country


@pytest.mark.parametrize(
    "name, person, role",
    [
        ("Lt. Gen. Igor Konashenkov", "Igor Konashenkov", "lieutenant general"),
        ("Former President Dmitry Medvedev", "Dmitry Medvedev", "former president"),
        ("Deputy Prime Minister Olga Stefanishyna", "Olga Stefanishyna", "deputy prime minister"),
        ("Dr. Anna Berg", "Anna Berg", None),
        ("Marta Kovac's", "Marta Kovac", None),
    ],
)
def test_titles_are_split_off(name: str, person: str, role: str | None) -> None:
    assert split_title(name) == (person, role)
