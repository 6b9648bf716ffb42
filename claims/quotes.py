"""Quotations in a parsed block: where they start and end, in tokens.

The parser cuts a quotation that holds several sentences into pieces and often hangs its cue ("…,"
said Caddell) on the last one, so attribution content is widened to whole quotations here.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

OPEN_CURLY = "“"
CLOSE_CURLY = "”"
STRAIGHT = ('"', "''", "``")
MAX_QUOTE_TOKENS = 400


@dataclass(frozen=True, slots=True)
class Quotation:
    """Tokens `start`..`end` (exclusive), quote marks included."""

    start: int
    end: int

    def covers(self, i: int) -> bool:
        return self.start <= i < self.end


def quotations(doc: Doc) -> list[Quotation]:
    """Curly pairs match opener to closer; straight marks alternate within a paragraph. An unclosed
    quotation ends with its paragraph, as in news copy where a quote runs on into the next one."""
    found: list[Quotation] = []
    open_at: int | None = None
    open_kind = ""
    for tok in doc:
        text = tok.text
        if "\n" in text and tok.is_space:
            if open_at is not None and tok.i - open_at > 2:
                found.append(Quotation(open_at, tok.i))
            open_at = None
            continue
        if text == OPEN_CURLY or (text in STRAIGHT and open_at is None):
            if open_at is not None and open_kind == OPEN_CURLY and text == OPEN_CURLY:
                open_at = tok.i  # a stray opener: restart
                continue
            if open_at is None:
                open_at, open_kind = tok.i, text
                continue
        if open_at is not None and (
            (text == CLOSE_CURLY and open_kind == OPEN_CURLY)
            or (text in STRAIGHT and open_kind in STRAIGHT)
        ):
            if tok.i - open_at <= MAX_QUOTE_TOKENS:
                found.append(Quotation(open_at, tok.i + 1))
            open_at = None
    if open_at is not None and len(doc) - open_at > 2:
        found.append(Quotation(open_at, _trim_end(doc, len(doc))))
    return found


def _trim_end(doc: Doc, end: int) -> int:
    while end > 0 and doc[end - 1].is_space:
        end -= 1
    return end


def quote_at(quotes: list[Quotation], i: int) -> Quotation | None:
    for q in quotes:
        if q.covers(i):
            return q
    return None


def inside_share(span_ids: set[int], quotes: list[Quotation]) -> float:
    """How much of a content lies inside quotation marks: above one half it is a direct quote."""
    if not span_ids:
        return 0.0
    inside = sum(1 for i in span_ids if quote_at(quotes, i) is not None)
    return inside / len(span_ids)


def continuation(doc: Doc, quotes: list[Quotation], after: int) -> Quotation | None:
    """A quotation that opens right after the sentence ending at token `after`, in the same
    paragraph: news copy continues a speaker's quote this way ("…," he said. "More.")."""
    i = after
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    for q in quotes:
        if q.start == i and i < len(doc):
            return q
        if after - 2 <= q.start < after and all(_is_mark(t) for t in doc[q.start : after]):
            return q  # the parser left the opening mark at the end of the sentence before
    return None


def _is_mark(tok: Token) -> bool:
    return tok.is_space and "\n" not in tok.text or tok.text in (OPEN_CURLY, *STRAIGHT)


def as_span(doc: Doc, q: Quotation) -> Span:
    return doc[q.start : q.end]
