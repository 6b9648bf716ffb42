"""The engine's contract: offsets point back into the text, bad input is refused with a reason."""

from pathlib import Path

import pytest

from claims import EmptyInput, Extraction, NotAnArticle, extract, extract_many
from claims.model import Span

EXAMPLE = Path(__file__).parents[2] / "bot" / "examples" / "river-crossing.txt"


def _spans(extraction: Extraction) -> list[Span]:
    out = []
    for claim in extraction.claims:
        out += [claim.content, claim.sentence]
        out += [s for s in (claim.source, claim.cue) if s is not None]
    return out


def test_every_span_points_back_into_the_text() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    extraction = extract(text)
    assert extraction.claims
    for span in _spans(extraction):
        assert text[span.start : span.end] == span.text
        for start, end in span.parts:
            assert span.start <= start < end <= span.end


def test_offsets_survive_block_boundaries_in_long_input() -> None:
    paragraph = (
        'The minister said that 40 schools had closed. "We will reopen them," she added.\n\n'
    )
    text = paragraph * 300  # about 25k characters: several blocks
    extraction = extract(text)
    assert len(extraction.claims) >= 300
    for span in _spans(extraction):
        assert text[span.start : span.end] == span.text


def test_the_headline_becomes_the_title() -> None:
    extraction = extract(EXAMPLE.read_text(encoding="utf-8"))
    assert extraction.title == "Both sides claim heavy enemy losses at the Varna river crossing"
    assert extraction.language == "en"


@pytest.mark.parametrize(
    "text, error",
    [
        ("", EmptyInput),
        ("   \n\t ", EmptyInput),
        ("https://example.com/a", NotAnArticle),
        ("👍👍👍 123 456", NotAnArticle),
    ],
)
def test_out_of_scope_input_is_refused_with_a_reason(text: str, error: type[Exception]) -> None:
    with pytest.raises(error) as info:
        extract(text)
    assert str(info.value)


def test_extract_many_keeps_order_and_reports_refusals_in_place() -> None:
    results = list(extract_many(["", "The mayor said that the bridge was closed.", "   "]))
    assert isinstance(results[0], EmptyInput)
    assert isinstance(results[1], Extraction)
    assert isinstance(results[2], EmptyInput)
