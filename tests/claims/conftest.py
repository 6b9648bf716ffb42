"""The English pipeline, loaded once for the whole session."""

import pytest
from spacy.language import Language

from claims.nlp import load_pipeline


@pytest.fixture(scope="session", autouse=True)
def nlp() -> Language:
    """Loaded before the first test, so a missing model fails once with its install hint;
    `load_pipeline` caches it, and `claims.extract(text)` reuses the same pipeline."""
    return load_pipeline()
