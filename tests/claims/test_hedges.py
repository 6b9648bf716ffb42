"""Hedges: claims kept at arm's length, or with nobody behind them."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from claims.attribution import Attribution
from claims.hedges import is_hedged
from claims.nlp import load_pipeline


def attribution(sentence: str, source: str | None, cue: str, content: str) -> Attribution:
    """An attribution over the given words of `sentence` (each found by its text)."""
    doc = load_pipeline()(sentence)

    def span(words: str) -> Span:
        start = sentence.index(words)
        found = doc.char_span(start, start + len(words), alignment_mode="expand")
        assert found is not None, words
        return found

    return Attribution(
        content=(span(content),),
        kind="indirect" if source else "unattributed",
        source=span(source) if source else None,
        cue=(span(cue),),
    )


@pytest.mark.parametrize(
    "sentence, source, cue, content, hedged",
    [
        (
            "It is said that the general was dismissed.",
            None,
            "is said",
            "that the general was dismissed",
            True,
        ),
        (
            "The general was reportedly dismissed, the newspaper said.",
            "the newspaper",
            "said",
            "The general was reportedly dismissed",
            True,
        ),
        (
            "The ministry said the convoy had allegedly been hit.",
            "The ministry",
            "said",
            "the convoy had allegedly been hit",
            True,
        ),
        (
            "Claims are emerging that the dam was blown up.",
            None,
            "Claims",
            "that the dam was blown up",
            True,
        ),
        (
            "Russia seems to have stepped up its attacks.",
            "Russia",
            "seems",
            "to have stepped up its attacks",
            True,
        ),
        (
            "The army said that the rebels may have used chemical weapons.",
            "The army",
            "said",
            "that the rebels may have used chemical weapons",
            True,
        ),
        (
            "According to unconfirmed reports, the president has left the capital.",
            "unconfirmed reports",
            "According to",
            "the president has left the capital",
            True,
        ),
        (
            "The minister appears to have resigned, the agency said.",
            "the agency",
            "said",
            "The minister appears to have resigned",
            True,
        ),
        (
            "The commander is believed to have been killed.",
            "The commander",
            "is believed",
            "to have been killed",
            True,
        ),
        (
            "The ministry reportedly said that 40 soldiers were killed.",
            "The ministry",
            "said",
            "that 40 soldiers were killed",
            True,
        ),
        # plain statements are not hedged, whoever makes them
        (
            "The ministry said that 40 soldiers were killed.",
            "The ministry",
            "said",
            "that 40 soldiers were killed",
            False,
        ),
        (
            "Ukraine claimed that Russia fired rockets.",
            "Ukraine",
            "claimed",
            "that Russia fired rockets",
            False,
        ),
        (
            "The spokesman explained that tanks were destroyed.",
            "The spokesman",
            "explained",
            "that tanks were destroyed",
            False,
        ),
        # a hedge outside the claim does not hedge it
        (
            "The mayor said the bridge held, while the rebels reportedly fled.",
            "The mayor",
            "said",
            "the bridge held",
            False,
        ),
        # a modal deep inside the claim is not the claim's own hedge
        (
            "The ministry said that 40 soldiers who could not escape were killed.",
            "The ministry",
            "said",
            "that 40 soldiers who could not escape were killed",
            False,
        ),
    ],
)
def test_hedges(sentence: str, source: str | None, cue: str, content: str, hedged: bool) -> None:
    assert is_hedged(attribution(sentence, source, cue, content)) is hedged
