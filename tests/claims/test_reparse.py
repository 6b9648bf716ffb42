"""Reported clauses the small parser hangs on the wrong word are hung on their verb of saying:
the claim keeps its subject and its figure together."""

from claims import extract
from claims.quantities import find_quantities


def contents(text: str) -> list[str]:
    return [c.content.text for c in extract(text).claims]


def test_object_read_as_the_subject_of_the_clause_after_it() -> None:
    text = (
        "The coast guard, in a short update, raised its estimate of boats lost to about 40, "
        "and said its own dead at the harbour since Monday had reached 19."
    )
    assert contents(text) == [
        "its estimate of boats lost to about 40",
        "its own dead at the harbour since Monday had reached 19",
    ]
    said = extract(text).claims[1]
    assert [(q.measure, q.interval.low) for q in find_quantities(said.content.text)] == [
        ("killed", 19)
    ]


def test_that_clause_after_a_time_is_what_was_said() -> None:
    text = (
        "The mine's owner said in a short statement the same day that nine workers had died, "
        "and again declined to comment on the cause."
    )
    claims = extract(text).claims
    said = next(c for c in claims if c.cue.text == "said")
    assert said.content.text == "that nine workers had died"
    assert said.source is not None and said.source.text == "The mine's owner"


def test_a_clause_with_its_own_conjunction_is_left_alone() -> None:
    # "when he arrived" is a clause of its own, not the subject of what was said
    assert "three people when he arrived had been hurt" not in contents(
        "The minister said three people when he arrived had been hurt."
    )


def test_a_subject_read_as_a_modifier_of_the_verb_of_saying() -> None:
    assert contents(
        'Around Varo, he said, Northern dead since November 27 were "close to 900".'
    ) == ['Northern dead since November 27 were "close to 900"']


def test_a_count_read_as_a_verb_is_the_count_of_its_owner() -> None:
    (claim,) = extract(
        "Thirty-five prisoners from each army walked across a pontoon bridge south-east of Varo "
        "on Saturday, the eleventh handover since January, and by the Red Cross's reckoning each "
        "side has now recovered 626 men."
    ).claims
    assert claim.source is not None and claim.source.text == "the Red Cross"
    assert claim.content.text == "each side has now recovered 626 men"
