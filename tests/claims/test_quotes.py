"""Direct quotes: the whole quotation is the content, wherever its cue stands."""

import pytest

from claims import Claim, Span, extract


def only_claim(text: str) -> Claim:
    claims = extract(text).claims
    assert len(claims) == 1, [c.content.text for c in claims]
    return claims[0]


def pieces(text: str, span: Span) -> tuple[str, ...]:
    """The span as the reader sees it: the quotation's pieces, without the cue between them."""
    if not span.parts:
        return (span.text,)
    return tuple(text[start:end] for start, end in span.parts)


@pytest.mark.parametrize(
    "text, source, cue, content",
    [
        # the cue after the quote
        (
            '"The bridge is still standing," the mayor said.',
            "the mayor",
            "said",
            ('"The bridge is still standing,"',),
        ),
        (
            "“We hold the line,” said General Staff spokesman Pavel Orlov.",
            "General Staff spokesman Pavel Orlov",
            "said",
            ("“We hold the line,”",),
        ),
        (
            "“Our losses are small. The bridgehead is ours,” said Pavel Orlov, a spokesman for "
            "the General Staff.",
            "Pavel Orlov, a spokesman for the General Staff",
            "said",
            ("“Our losses are small. The bridgehead is ours,”",),
        ),
        # the cue before the quote
        (
            "The mayor said: “The bridge is still standing.”",
            "The mayor",
            "said",
            ("“The bridge is still standing.”",),
        ),
        (
            "The mayor, Anna Holt, said: “The bridge held. The roads did not.”",
            "The mayor, Anna Holt,",
            "said",
            ("“The bridge held. The roads did not.”",),
        ),
        # a quote continued in the next sentence, after "he said."
        (
            "“The city is calm,” the governor said. “Shops have reopened.”",
            "the governor",
            "said",
            ("“The city is calm,”", "“Shops have reopened.”"),
        ),
        (
            '"We will not retreat," the commander said. "Not one step."',
            "the commander",
            "said",
            ('"We will not retreat,"', '"Not one step."'),
        ),
        # the cue in the middle of one quoted sentence
        pytest.param(
            "“The shelling stopped at dawn,” she said, “but the roads are still closed.”",
            "she",
            "said",
            ("“The shelling stopped at dawn,”", "“but the roads are still closed.”"),
        ),
        pytest.param(
            '"The shelling stopped at dawn," Mayor Anna Holt said, "but the roads are closed."',
            "Mayor Anna Holt",
            "said",
            ('"The shelling stopped at dawn,"', '"but the roads are closed."'),
        ),
    ],
)
def test_a_quotation_is_the_content_of_its_cue(
    text: str, source: str, cue: str, content: tuple[str, ...]
) -> None:
    claim = only_claim(text)
    assert claim.kind == "direct_quote"
    assert claim.source is not None and claim.source.text == source
    assert claim.cue is not None and claim.cue.text == cue
    assert pieces(text, claim.content) == content


def test_a_quote_continued_after_the_cue_names_the_same_speaker() -> None:
    text = "“The bridge is still standing,” Mayor Anna Holt said. “We will rebuild the rest.”"
    claim = only_claim(text)
    assert (claim.claimant, claim.claimant_role) == ("Anna Holt", "mayor")
    assert claim.content.text == text  # from the first opening mark to the last closing one
    assert pieces(text, claim.content) == (
        "“The bridge is still standing,”",
        "“We will rebuild the rest.”",
    )


def test_a_new_paragraph_with_its_own_cue_is_its_own_quote() -> None:
    text = "“We will not retreat,” the commander said.\n\n“Not one step,” he added."
    claims = extract(text).claims
    assert [c.content.text for c in claims] == ["“We will not retreat,”", "“Not one step,”"]
    assert [c.kind for c in claims] == ["direct_quote", "direct_quote"]
    assert [c.claimant_role for c in claims] == ["commander", "commander"]


def test_a_paraphrase_and_a_quote_of_one_speaker_are_two_claims() -> None:
    text = "The commander said the unit would hold. “We will not retreat,” he said."
    claims = extract(text).claims
    assert [(c.kind, c.content.text) for c in claims] == [
        ("indirect", "the unit would hold"),
        ("direct_quote", "“We will not retreat,”"),
    ]


def test_a_quote_resumes_in_the_next_sentence_with_doubled_apostrophes() -> None:
    text = (
        "''The old dam will not last another winter,'' said Mara Lind, an engineer at the "
        "Northern Water Board. ''We have told the council twice.''"
    )
    claim = only_claim(text)
    assert pieces(text, claim.content) == (
        "''The old dam will not last another winter,''",
        "''We have told the council twice.''",
    )


@pytest.mark.parametrize(
    "text, source, content",
    [
        (
            "“The pumps failed twice. Or three times,” the engineer said.",
            "the engineer",
            "“The pumps failed twice. Or three times,”",
        ),
        (
            "The harbour master continued:\n“No ship will leave before the storm has passed.”",
            "The harbour master",
            "“No ship will leave before the storm has passed.”",
        ),
    ],
)
def test_a_quotation_cut_off_from_its_verb_is_still_its_content(
    text: str, source: str, content: str
) -> None:
    claim = only_claim(text)
    assert claim.kind == "direct_quote"
    assert claim.source is not None and claim.source.text == source
    assert claim.content.text == content
