"""Whole articles come out right: one claimant per body (its spokesman named under it) carrying
its figures, the former leader behind his description and his quote, the country's own claim, and
the "it is said" claims unattributed and hedged.

The real article (../shared/data, or $CLAIMWATCH_SHARED_DIR/data) is checked when it is there; a
hand-written article with the same constructions (tests/claims/fixtures) always is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from claims import Claim, Extraction, extract
from claims.canonical import claimant_key

SHARED_DIR = Path(
    os.environ.get("CLAIMWATCH_SHARED_DIR", Path(__file__).parents[2].parent / "shared")
)
"""The workplace's shared data, beside the checkout (CLAIMWATCH_SHARED_DIR elsewhere)."""
SHARED = SHARED_DIR / "data/articles/donbas-casualty-claims.txt"
FIXTURE = Path(__file__).parent / "fixtures/selva-valley-claims.txt"
SERREN_FIXTURE = Path(__file__).parent / "fixtures/serren-valley-claims.txt"


@dataclass(frozen=True)
class Expected:
    body: str
    body_words: tuple[str, ...]  # words any spelling of the body has
    spokesman: str
    figures: tuple[tuple[float, str | None, str], ...]  # value, qualifier, a word of `what`
    carried: float  # the figure named in the sentence before its source
    leader: str
    leader_role: str
    description: str  # how the article first refers to the leader
    quote_words: str
    country: str
    country_words: str
    country_place: str
    country_when: str


DONBAS = Expected(
    body="Russian Defence Ministry",
    body_words=("defence", "defense", "mod"),
    spokesman="Igor Konashenkov",
    figures=((1000, "more than", "killed"), (575, None, "killed"), (480, "more than", "killed")),
    carried=575,
    leader="Dmitry Medvedev",
    leader_role="former president",
    description="Russia’s former president",
    quote_words="crushing military defeat",
    country="Ukraine",
    country_words="Russia fired rockets",
    country_place="Kharkiv province",
    country_when="On Sunday morning",
)
SELVA = Expected(
    body="Tarvanian Defence Ministry",
    body_words=("defence", "defense", "mod", "ministry"),
    spokesman="Anton Verhoven",
    figures=((1800, "more than", "killed"), (640, None, "killed"), (510, "more than", "killed")),
    carried=640,
    leader="Ivo Strandberg",
    leader_role="former prime minister",
    description="Tarvania's former prime minister",
    quote_words="defeat its army",
    country="Marovia",
    country_words="Tarvania fired missiles",
    country_place="Kolbek",
    country_when="On Saturday evening",
)


SERREN = Expected(
    body="Valdorian Defence Ministry",
    body_words=("defence", "defense", "mod"),
    spokesman="Tomas Vrana",
    figures=(
        (1200, "more than", "killed"),
        (1000, "more than", "killed"),
        (640, None, "killed"),
        (390, "more than", "killed"),
    ),
    carried=640,
    leader="Aurel Stan",
    leader_role="former prime minister",
    description="Valdoria's former prime minister",
    quote_words="taught a lesson",
    country="Kaldonia",
    country_words="Valdoria fired rockets",
    country_place="Halden",
    country_when="On Sunday morning",
)
EXPECTED = {"donbas": DONBAS, "selva": SELVA, "serren": SERREN}


@pytest.fixture(scope="module")
def donbas() -> tuple[str, Extraction]:
    if not SHARED.is_file():
        pytest.skip(f"the shared article is not here ({SHARED})")
    text = SHARED.read_text(encoding="utf-8")
    return text, extract(text)


@pytest.fixture(scope="module")
def selva() -> tuple[str, Extraction]:
    text = FIXTURE.read_text(encoding="utf-8")
    return text, extract(text)


@pytest.fixture(scope="module")
def serren() -> tuple[str, Extraction]:
    text = SERREN_FIXTURE.read_text(encoding="utf-8")
    return text, extract(text)


@pytest.fixture(params=list(EXPECTED))
def article(request: pytest.FixtureRequest) -> tuple[str, Extraction, Expected]:
    text, extraction = request.getfixturevalue(request.param)
    return text, extraction, EXPECTED[request.param]


Article = tuple[str, Extraction, Expected]


def by(extraction: Extraction, claimant: str) -> list[Claim]:
    return [c for c in extraction.claims if c.claimant == claimant]


def test_the_body_is_one_claimant_whatever_the_spelling(article: Article) -> None:
    _, extraction, want = article
    for claim in extraction.claims:
        source = (claim.source.text if claim.source else "").lower()
        if "ministry" in source and any(w in source for w in want.body_words):
            assert claim.claimant == want.body, claim.source
    names = {c.claimant for c in extraction.claims if c.claimant}
    ministry = {n for n in names if claimant_key(n) == claimant_key(want.body)}
    assert ministry == {want.body}
    assert not any("Defense" in n for n in names)


def test_the_spokesman_speaks_under_the_body(article: Article) -> None:
    _, extraction, want = article
    spoken = [c for c in extraction.claims if c.speaker == want.spokesman]
    assert len(spoken) >= 3  # two by name and one as "the ... spokesperson"
    for claim in spoken:
        assert (claim.claimant, claim.claimant_kind) == (want.body, "organization")
        assert claim.claimant_role == "spokesman"
    assert not any(want.spokesman.split()[-1] in (c.claimant or "") for c in extraction.claims)


def test_the_body_carries_its_figures(article: Article) -> None:
    _, extraction, want = article
    figures = [f for c in by(extraction, want.body) for f in c.figures]
    for value, qualifier, event in want.figures:
        found = [f for f in figures if f.value == value]
        assert found, value
        assert found[0].qualifier == qualifier
        assert found[0].what is not None and event in found[0].what.split()


def test_a_figure_sentence_takes_the_source_named_after_it(article: Article) -> None:
    text, extraction, want = article
    (claim,) = [c for c in extraction.claims if any(f.value == want.carried for f in c.figures)]
    assert claim.claimant == want.body and claim.speaker == want.spokesman
    assert claim.kind == "according_to" and not claim.hedged
    assert claim.source is not None and claim.source.start > claim.content.end
    assert text[claim.content.start : claim.content.end] == claim.content.text


def test_the_former_leader_behind_his_description_and_his_quote(article: Article) -> None:
    _, extraction, want = article
    claims = by(extraction, want.leader)
    assert {c.claimant_kind for c in claims} == {"person"}
    assert {c.claimant_role for c in claims} == {want.leader_role}
    sources = {c.source.text for c in claims if c.source}
    assert want.description in sources
    (quote,) = [c for c in claims if c.kind == "direct_quote"]
    assert want.quote_words in quote.content.text


def test_the_country_makes_its_own_claim(article: Article) -> None:
    _, extraction, want = article
    (claim,) = [c for c in by(extraction, want.country) if want.country_words in c.content.text]
    assert claim.claimant_kind == "country" and not claim.hedged
    assert want.country_place in claim.places
    assert claim.when == want.country_when


def test_it_is_said_claims_are_unattributed_and_hedged(article: Article) -> None:
    _, extraction, _ = article
    said = [c for c in extraction.claims if c.sentence.text.startswith("It is said")]
    assert len(said) == 2
    for claim in said:
        assert claim.kind == "unattributed" and claim.hedged
        assert (claim.claimant, claim.claimant_kind) == (None, "anonymous")


def test_no_claim_invents_a_name_for_anonymous_sources(article: Article) -> None:
    _, extraction, _ = article
    for claim in extraction.claims:
        if claim.claimant_kind == "anonymous":
            assert claim.claimant is None and claim.hedged


def test_spans_point_back_into_the_text(article: Article) -> None:
    text, extraction, _ = article
    assert extraction.language == "en"
    for claim in extraction.claims:
        for span in (claim.content, claim.sentence, claim.source, claim.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text
        for figure in claim.figures:
            assert text[figure.start : figure.end] == figure.text
