"""Claims with nobody, or nobody named, behind them, as `claims.extract` reports them: kept, never
given an invented claimant, and flagged as hedged. (`test_hedges.py` tests `is_hedged` itself.)"""

import pytest

from claims import Claim, ClaimKind, extract


def claim_with(text: str, content: str) -> Claim:
    """The claim saying `content` (its exact bounds are `test_attribution.py`'s business)."""
    claims = extract(text).claims
    found = [c for c in claims if content in c.content.text]
    assert found, [c.content.text for c in claims]
    return found[0]


@pytest.mark.parametrize(
    "text, content, kind",
    [
        # no source at all
        (
            "It is said that the general has resigned.",
            "that the general has resigned",
            "unattributed",
        ),
        (
            "It was reported that the dam had been mined.",
            "that the dam had been mined",
            "unattributed",
        ),
        ("It is believed that the general has fled.", "that the general has fled", "unattributed"),
        ("There are claims that the dam was mined.", "that the dam was mined", "unattributed"),
        pytest.param(
            "Claims are emerging that the dam was mined.",
            "that the dam was mined",
            "unattributed",
        ),
        pytest.param(
            "Claims have emerged that the general has fled.",
            "that the general has fled",
            "unattributed",
        ),
        pytest.param(
            "Russia seems to have stepped up its attacks.",
            "to have stepped up its attacks",
            "unattributed",
        ),
        # a source nobody can name
        (
            "Officials said the border crossing was closed.",
            "the border crossing was closed",
            "indirect",
        ),
        ("Sources said the talks had collapsed.", "the talks had collapsed", "indirect"),
        ("The talks have collapsed, sources said.", "The talks have collapsed", "indirect"),
        ("Analysts said the offensive had stalled.", "the offensive had stalled", "indirect"),
        ("Witnesses said the market was hit twice.", "the market was hit twice", "indirect"),
        (
            "A senior official said on condition of anonymity that the convoy was turned back.",
            "that the convoy was turned back",
            "indirect",
        ),
        (
            "According to unconfirmed reports, the president has left the capital.",
            "the president has left the capital",
            "according_to",
        ),
    ],
)
def test_anonymous_and_sourceless_claims_are_kept_and_hedged(
    text: str, content: str, kind: ClaimKind
) -> None:
    claim = claim_with(text, content)
    assert claim.kind == kind
    assert claim.claimant is None
    assert claim.claimant_kind == "anonymous"
    assert claim.speaker is None
    assert claim.hedged


@pytest.mark.parametrize(
    "text",
    [
        "The general has reportedly resigned.",
        "Reportedly, 2,000 civilians have left the city.",
        "The commander was allegedly killed in the strike.",
    ],
)
def test_hearsay_adverbs_make_an_unattributed_claim(text: str) -> None:
    (claim,) = extract(text).claims
    assert claim.kind == "unattributed"
    assert claim.cue is not None and claim.cue.text.lower() in ("reportedly", "allegedly")
    assert (claim.claimant, claim.claimant_kind, claim.hedged) == (None, "anonymous", True)


@pytest.mark.parametrize(
    "text, hedged",
    [
        ("Anna Holt said that the bridge had been repaired.", False),
        ("Ukraine claimed that the attack had been repelled.", False),
        ("The Interior Ministry said that 40 people were detained.", False),
        ("The ministry said the convoy had allegedly been hit.", True),
        ("The army said that the rebels may have used chemical weapons.", True),
    ],
)
def test_a_named_source_is_hedged_only_by_its_own_words(text: str, hedged: bool) -> None:
    (claim,) = extract(text).claims
    assert claim.claimant is not None
    assert claim.hedged is hedged
