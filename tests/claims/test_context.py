"""Places and time words of a claim's sentence, spelled as in the text."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from claims.context import places, when
from claims.nlp import load_pipeline


def sentence_of(text: str) -> Span:
    return load_pipeline()(text)[:]


@pytest.mark.parametrize(
    "text, source, expected",
    [
        (
            "Ukraine claimed that Russia fired rockets in Kharkiv province.",
            "Ukraine",
            ("Russia", "Kharkiv province"),
        ),
        (
            "More than 1,000 soldiers were killed in the Donbas region, in Bakhmut and in Bakhmut.",
            None,
            ("Donbas", "Bakhmut"),
        ),
        # the claimant and owners are not places; neither is a dateline
        (
            "Ukraine's General Staff said the strikes hit Kharkiv.",
            "Ukraine's General Staff",
            ("Kharkiv",),
        ),
        ("Moscow/Kyiv: Russia's losses grew near Lyman.", None, ("Lyman",)),
        ("The ministry said 40 soldiers were killed.", "The ministry", ()),
        ("Officials in Kyiv said two hospitals were hit.", "Officials in Kyiv", ("Kyiv",)),
    ],
)
def test_places(text: str, source: str | None, expected: tuple[str, ...]) -> None:
    sentence = sentence_of(text)
    span = None
    if source is not None:
        start = text.index(source)
        span = sentence.doc.char_span(start, start + len(source))
    assert places(sentence, span) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("575 soldiers were killed in the clashes on Friday.", "on Friday"),
        (
            "In the last 48 hours, more than 1,000 soldiers have been killed.",
            "In the last 48 hours",
        ),
        ("Russian forces attacked several cities last week.", "last week"),
        ("On Sunday morning, Ukraine claimed that Russia fired rockets.", "On Sunday morning"),
        ("Forces targeted the region on Friday and Saturday.", "on Friday and Saturday"),
        ("More than 480 troops were killed in Saturday's attacks.", "Saturday"),
        ("The 30-year-old soldier said the unit retreated.", None),
        ("The ministry said 40 soldiers were killed.", None),
        # a dateline's date is the day the story was filed, not the claim's time
        ("VARO, Feb 18 (Varo Herald) - The ministry said 40 soldiers were killed.", None),
    ],
)
def test_when(text: str, expected: str | None) -> None:
    found = when(sentence_of(text))
    assert found == expected
    assert found is None or found in text  # the linker finds it in the text


def test_time_words_of_the_content_come_first() -> None:
    text = "On Monday the ministry said that 40 soldiers were killed on Saturday."
    sentence = sentence_of(text)
    content = sentence[text[: text.index("that")].count(" ") :]
    assert when(sentence, (content,)) == "on Saturday"
    assert when(sentence) == "On Monday"
