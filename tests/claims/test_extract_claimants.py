"""Who claims, as `claims.extract` reports it: one canonical claimant however the article writes
it; a spokesman speaks for his body; titles are not names; a country or its capital speaks as the
country. (`test_claimants.py` tests the resolver's pieces one by one.)"""

import pytest

from claims import Claim, extract
from claims.claimants import canonical_name, claimant_key

Who = tuple[str | None, str, str | None, str | None]
"""(claimant, claimant_kind, claimant_role, speaker) of one claim."""


def who(claim: Claim) -> Who:
    return (claim.claimant, claim.claimant_kind, claim.claimant_role, claim.speaker)


def only_claim(text: str) -> Claim:
    claims = extract(text).claims
    assert len(claims) == 1, [c.content.text for c in claims]
    return claims[0]


INTERIOR_SPOKESMAN: Who = ("Interior Ministry", "organization", "spokesman", "Jane Doe")
NORTHERN_ARMY_SPOKESMAN: Who = ("Northern Army", "organization", "spokesman", "Jane Doe")


@pytest.mark.parametrize(
    "text, expected",
    [
        # "X's spokesman told ...": the body claims, through a spokesman not named here
        (
            "The Interior Ministry's spokesman told reporters that the convoy had turned back.",
            [("Interior Ministry", "organization", "spokesman", None)],
        ),
        (
            "A spokesman for the Foreign Ministry said the ambassador had been summoned.",
            [("Foreign Ministry", "organization", "spokesman", None)],
        ),
        # a named spokesman: the body claims, the person speaks; later mentions stay with the body
        (
            "Interior Ministry spokesman Col. Jane Doe said that three drones were shot down. "
            "The spokesman said the air defences held. He added that no civilians were hurt.",
            [INTERIOR_SPOKESMAN] * 3,
        ),
        (
            "Interior Ministry spokeswoman Maria Lind told reporters that 40 people were "
            'detained. "The protests were not peaceful," she said.',
            [("Interior Ministry", "organization", "spokeswoman", "Maria Lind")] * 2,
        ),
        (
            "“We hold the line,” said General Staff spokesman Pavel Orlov.",
            [("General Staff", "organization", "spokesman", "Pavel Orlov")],
        ),
        (
            "“Our losses are small,” said Pavel Orlov, a spokesman for the General Staff.",
            [("General Staff", "organization", "spokesman", "Pavel Orlov")],
        ),
        # a word between the owner and the role is the role's: "second", "new"
        (
            "The Interior Ministry said 23 soldiers were missing. Jane Doe, the ministry's second "
            "spokesman, said 97 drones had been lost.",
            [("Interior Ministry", "organization", None, None), INTERIOR_SPOKESMAN],
        ),
        pytest.param(
            "The Northern Army's spokesman, Col. Jane Doe, said the convoy had turned back. "
            '"We lost no vehicles," the spokesman said. He added that the road was open.',
            [NORTHERN_ARMY_SPOKESMAN] * 3,
        ),
    ],
)
def test_a_spokesman_speaks_for_his_body(text: str, expected: list[Who]) -> None:
    assert [who(c) for c in extract(text).claims] == expected


@pytest.mark.parametrize(
    "text, claimant, role",
    [
        (
            "Lt. Gen. Ivan Petrov said the offensive would continue.",
            "Ivan Petrov",
            "lieutenant general",
        ),
        ("Col. Jane Doe told reporters that the convoy had turned back.", "Jane Doe", "colonel"),
        (
            "Former President Dmitry Medvedev said the regime must be defeated.",
            "Dmitry Medvedev",
            "former president",
        ),
        (
            "Foreign Minister Anna Berg said that talks would resume.",
            "Anna Berg",
            "foreign minister",
        ),
        ("Mr. Tomas Varga said that the vote was rigged.", "Tomas Varga", None),
        ("Anna Holt, the mayor, said that the bridge had been repaired.", "Anna Holt", "mayor"),
        ("The mayor, Anna Holt, said that the bridge had been repaired.", "Anna Holt", "mayor"),
    ],
)
def test_titles_are_split_off_the_name(text: str, claimant: str, role: str | None) -> None:
    assert who(only_claim(text)) == (claimant, "person", role, None)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Anna Holt, the mayor, said that the bridge had been repaired. She added that the "
            "ferry would resume on Monday.",
            [("Anna Holt", "person", "mayor", None)] * 2,
        ),
        (
            "The Interior Ministry said that 40 people were detained. The ministry said later "
            "that all had been released.",
            [("Interior Ministry", "organization", None, None)] * 2,
        ),
        (
            "Former President Dmitry Medvedev spoke in Moscow. “The regime must fall,” Medvedev "
            "warned.",
            [("Dmitry Medvedev", "person", "former president", None)],
        ),
        pytest.param(
            "Gen. Ivan Petrov visited the front on Monday. Petrov said the offensive would "
            "continue.",
            [("Ivan Petrov", "person", "general", None)],
        ),
    ],
)
def test_later_mentions_resolve_to_the_claimant_named_before(
    text: str, expected: list[Who]
) -> None:
    assert [who(c) for c in extract(text).claims] == expected


def test_spellings_of_one_body_are_one_claimant_in_an_article() -> None:
    text = (
        "The Russian Defense Ministry said that 30 drones were destroyed. Russia's Defence "
        "Ministry said later that the attack had been repelled. The Russian MoD said that two "
        "airfields were hit. The Ministry of Defence of the Russian Federation said that the "
        "strikes hit fuel depots."
    )
    claims = extract(text).claims
    assert [c.source.text if c.source else None for c in claims] == [
        "The Russian Defense Ministry",
        "Russia's Defence Ministry",
        "The Russian MoD",
        "The Ministry of Defence of the Russian Federation",
    ]
    assert {who(c) for c in claims} == {("Russian Defence Ministry", "organization", None, None)}


@pytest.mark.parametrize(
    "text, claimant",
    [
        ("Ukraine claimed that the attack had been repelled.", "Ukraine"),
        ("Kyiv said the strike hit a power station.", "Ukraine"),
        ("Moscow said the drones were downed over the border.", "Russia"),
        ("Russia said that the convoy carried only food.", "Russia"),
        ("Washington said that the aid package was ready.", "United States"),
        ("Germany said on Tuesday that it would send more tanks.", "Germany"),
    ],
)
def test_a_country_or_its_capital_claims_as_the_country(text: str, claimant: str) -> None:
    assert who(only_claim(text)) == (claimant, "country", None, None)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Kremlin said that the talks had stalled.", ("Kremlin", "organization", None, None)),
        ("The rebels claimed they had captured two villages.", ("rebels", "group", None, None)),
        ("Residents said that the water supply had failed.", ("residents", "group", None, None)),
        ("The governor said that the dam was safe.", (None, "person", "governor", None)),
    ],
)
def test_bodies_groups_and_unnamed_officials(text: str, expected: Who) -> None:
    assert who(only_claim(text)) == expected


@pytest.mark.parametrize(
    "written, canonical",
    [
        ("the Russian Defense Ministry", "Russian Defence Ministry"),
        ("Russia’s MoD", "Russian Defence Ministry"),
        ("Ministry of Defence of the Russian Federation", "Russian Defence Ministry"),
        ("Ukraine's General Staff", "Ukrainian General Staff"),
        ("the U.S. Department of Defense", "US Defence Department"),
        ("Igor Konashenkov", "Igor Konashenkov"),
    ],
)
def test_canonical_name(written: str, canonical: str) -> None:
    assert canonical_name(written) == canonical


@pytest.mark.parametrize(
    "spellings, key",
    [
        (
            ["the Russian Defense Ministry", "Russia’s MoD", "RUSSIAN DEFENCE MINISTRY"],
            "russian defence ministry",
        ),
        (["Ukraine's General Staff", "the Ukrainian General Staff"], "ukrainian general staff"),
        (["Café Müller", "Cafe Muller"], "cafe muller"),
    ],
)
def test_claimant_key_is_shared_by_every_spelling(spellings: list[str], key: str) -> None:
    assert {claimant_key(s) for s in spellings} == {key}


def test_different_bodies_keep_different_keys() -> None:
    names = ("Russian Defence Ministry", "Ukrainian Defence Ministry", "Russian Foreign Ministry")
    assert len({claimant_key(name) for name in names}) == 3


def test_it_may_be_a_body_a_sentence_before_was_about() -> None:
    claim = only_claim(
        "Amnesty International gave a lower toll on Sunday. In a statement it said that 30 "
        "people had died."
    )
    assert claim.claimant == "Amnesty International"


def test_it_may_be_a_body_the_recogniser_missed_after_a_section_header() -> None:
    claims = extract(
        "The Defence Ministry said 55 soldiers had come home.\n\nMONITORS\n\nThe Conflict "
        "Casualty Project in Geneva widened its ranges again. It now estimates that between 700 "
        "and 1,000 soldiers died at Ostrovo."
    ).claims
    assert [c.claimant for c in claims] == ["Defence Ministry", "Conflict Casualty Project"]


@pytest.mark.parametrize(
    "between, police",
    [("\n\nNORRVIK\n\nIn Norrvik, ", "police"), (" In the town, ", "Kessby Police")],
)
def test_a_towns_police_are_not_the_police_of_the_next_towns_section(
    between: str, police: str
) -> None:
    claims = extract(
        f"KESSBY, Mar 3 (Courier) - Kessby police put the number of dead at 11.{between}police "
        "said 13 people had died."
    ).claims
    assert [c.claimant for c in claims] == ["Kessby Police", police]


@pytest.mark.parametrize("opening", ["Over Korvin", "In Korvin"])
def test_an_opening_place_is_not_the_speaker(opening: str) -> None:
    (claim,) = extract(
        f"{opening}, the Federation's Defence Ministry reported that 19 drones had been downed."
    ).claims
    assert claim.claimant == "Federation's Defence Ministry"


@pytest.mark.parametrize("verb", ["insisted", "confirmed", "warned"])
def test_a_second_statement_coordinated_with_the_first_has_the_same_speaker(verb: str) -> None:
    said, insisted = extract(
        "The company gave a lower toll. In a statement it said seven people had lost their "
        f"lives, and {verb} that no more than 30 people had been on the slope."
    ).claims
    assert said.content.text == "seven people had lost their lives"
    assert insisted.content.text == "that no more than 30 people had been on the slope"
    assert said.source is not None and insisted.source is not None
    assert said.source.text == insisted.source.text == "it"


def test_they_are_the_people_the_sentence_is_about_after_the_last_body() -> None:
    ministry, doctors = extract(
        "The Health Ministry said eight people had died. Doctors at the district hospital gave "
        "a very different picture: 17 patients had died since January, they said."
    ).claims
    assert ministry.claimant == "Health Ministry"
    assert (doctors.claimant, doctors.claimant_kind) == ("doctors", "group")


def test_an_unnamed_spokeswoman_speaks_for_the_body_last_named_not_an_earlier_spokesman() -> None:
    claims = extract(
        "The army's losses had reached 40, spokesman Ivan Roth told reporters. The Association "
        "of Pit Widows said 300 women had marched. The association also disputed the army's "
        "count. "
        "Its members had collected 90 names of missing men, a spokeswoman said."
    ).claims
    assert [c.claimant for c in claims] == [
        "Ivan Roth",
        "Association of Pit Widows",
        "Association of Pit Widows",
        "Association of Pit Widows",
    ]
    assert claims[-1].claimant_role == "spokeswoman"


def test_a_spokesmans_surname_alone_is_still_his_body_speaking() -> None:
    # the recogniser takes "Orlov" alone for an organisation
    first, later = extract(
        "Pavel Orlov, the General Staff's spokesman, told a briefing in Eastport that 138 "
        "Northern soldiers were now on its list.\n\nOrlov said 955 Northern soldiers had been "
        "killed since December 22."
    ).claims
    assert (first.claimant, first.speaker) == ("General Staff", "Pavel Orlov")
    assert (later.claimant, later.speaker) == ("General Staff", "Pavel Orlov")


def test_a_spokeswoman_described_by_her_body_speaks_for_it_not_the_body_before() -> None:
    *_, hospital = extract(
        "The rescue service said four people were missing. The county hospital admitted 22 "
        "people overnight, a hospital spokeswoman said."
    ).claims
    assert hospital.claimant == "hospital"
