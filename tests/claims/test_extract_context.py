"""Where and when a claim is about, as `claims.extract` reports it: the places its sentence names
(not the claimant's own name) and its relative time words. (`test_context.py` tests the pieces.)"""

import pytest

from claims import Claim, extract


def only_claim(text: str) -> Claim:
    claims = extract(text).claims
    assert len(claims) == 1, [c.content.text for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    "text, places",
    [
        ("The governor said that 14 people were killed in Kharkiv on Friday.", ("Kharkiv",)),
        ("The mayor said that shelling continued in the town of Dalsk yesterday.", ("Dalsk",)),
        ("Poland said that a missile landed near Lublin.", ("Lublin",)),
        (
            "In the last 48 hours, 200 soldiers were killed near Bakhmut, according to the army.",
            ("Bakhmut",),
        ),
        # the claimant's own name is no place
        ("Ukraine's General Staff said that Russian troops shelled Kharkiv.", ("Kharkiv",)),
        (
            "The Polish Foreign Ministry said that a missile landed in Poland last week.",
            ("Poland",),
        ),
        (
            "Ukraine claimed that Russia fired rockets in Kharkiv province.",
            ("Russia", "Kharkiv province"),
        ),
        ("The army said that the bridge was destroyed.", ()),
        pytest.param(
            "Ukraine's General Staff said that Russian troops shelled Kherson and Zaporizhzhia.",
            ("Kherson", "Zaporizhzhia"),
        ),
    ],
)
def test_places_of_the_claim(text: str, places: tuple[str, ...]) -> None:
    assert only_claim(text).places == places


@pytest.mark.parametrize(
    "text, when",
    [
        ("The governor said that 14 people were killed in Kharkiv on Friday.", "on Friday"),
        (
            "The Polish Foreign Ministry said that a missile landed in Poland last week.",
            "last week",
        ),
        (
            "In the last 48 hours, 200 soldiers were killed near Bakhmut, according to the army.",
            "In the last 48 hours",
        ),
        (
            "The agency said that 12 drones were shot down in the last 48 hours.",
            "in the last 48 hours",
        ),
        ("The army said that 200 soldiers were killed over the past week.", "over the past week"),
        ("The mayor said that shelling continued in the town of Dalsk yesterday.", "yesterday"),
        ("Kyiv said that the strike hit a power station this morning.", "this morning"),
        ("The army said the bridge was destroyed overnight.", "overnight"),
        ("The army said that 200 soldiers were killed since Monday.", "since Monday"),
        ("Germany said on Tuesday that it would send more tanks.", "on Tuesday"),
        ("The army said that the bridge was destroyed.", None),
    ],
)
def test_when_the_claim_is_about(text: str, when: str | None) -> None:
    assert only_claim(text).when == when


def test_a_number_alone_is_no_time_though_the_recogniser_takes_it_for_a_date() -> None:
    (claim,) = extract("The ministry said 12 were detained; the organisers said 70.").claims
    assert claim.when is None
