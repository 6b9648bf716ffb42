"""Article-level text handling: the headline, and blocks small enough to parse in bounded memory."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

BLOCK_CHARS = 4_000
"""Parse at most this many characters at once: spaCy's memory grows with document length, and
paragraph-sized blocks keep a 200k-character article as cheap per character as a short one."""

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")


@dataclass(frozen=True, slots=True)
class Block:
    """A slice of the article: `text == article[start:start + len(text)]`."""

    start: int
    text: str


def find_title(text: str) -> str | None:
    """The first line when it reads like a headline: short, followed by a blank line or more text,
    and not ending like a sentence."""
    stripped = text.lstrip()
    first, sep, rest = stripped.partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first or len(first) > 200:
        return None
    if first[-1] in '.!?:;,"”’' and not first.endswith("?"):
        return None
    if len(first.split()) < 2:
        return None
    return first


_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z'’.\- ]{1,40}?)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*(?:\([^)\n]{1,60}\))?\s*[-–—]|:)\s"
)


def find_dateline(text: str) -> str | None:
    """The place an article was filed from ("EASTPORT, Jan 6 (Eastport Daily) - ...", "Northgate:
    ..."), in the first paragraph after the headline; where a story is filed tells whose
    "Defence Ministry" an unqualified one is."""
    body = text.lstrip()
    if find_title(text) is not None:
        body = body.partition("\n")[2].lstrip()
    m = _DATELINE.match(body)
    if m is None:
        return None
    place = m.group("place").strip()
    return place.title() if place.isupper() else place


def split_blocks(text: str, limit: int = BLOCK_CHARS) -> Iterator[Block]:
    """Cut at paragraph breaks, falling back to sentence ends, then to white space."""
    pos = 0
    n = len(text)
    while pos < n:
        if n - pos <= limit:
            yield Block(pos, text[pos:])
            return
        window = text[pos : pos + limit]
        cut = _last_match_end(_PARAGRAPH_BREAK, window, minimum=limit // 4)
        if cut is None:
            cut = _last_match_end(_SENTENCE_END, window, minimum=limit // 4)
        if cut is None:
            space = window.rfind(" ", limit // 4)
            cut = space + 1 if space > 0 else limit
        yield Block(pos, window[:cut])
        pos += cut


def _last_match_end(pattern: re.Pattern[str], window: str, minimum: int) -> int | None:
    last = None
    for m in pattern.finditer(window, minimum):
        last = m.end()
    return last
