"""Claimwatch's NLP core: article text in, structured claims out.

No Telegram, no database, no I/O beyond loading the spaCy pipeline once per process.
"""

from claims.engine import extract, extract_many
from claims.errors import EmptyInput, ExtractionError, NotAnArticle, UnsupportedLanguage
from claims.model import Claim, ClaimantKind, ClaimKind, Extraction, Figure, Span

__all__ = [
    "Claim",
    "ClaimKind",
    "ClaimantKind",
    "EmptyInput",
    "Extraction",
    "ExtractionError",
    "Figure",
    "NotAnArticle",
    "Span",
    "UnsupportedLanguage",
    "extract",
    "extract_many",
]
