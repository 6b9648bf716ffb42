"""The engine's entry points: article text in, `Extraction` out.

Articles are cut into paragraph blocks and parsed in one `nlp.pipe` stream, so many short articles
batch well and one long article never holds more than a block's parse in memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from claims.article import find_dateline, find_title, split_blocks
from claims.attribution import Attribution, find_attributions
from claims.carry import carry_back
from claims.claimants import ClaimantResolver, Mention, describe
from claims.context import places, when
from claims.errors import EmptyInput, ExtractionError, NotAnArticle, UnsupportedLanguage
from claims.figures import find_figures
from claims.hedges import is_hedged
from claims.language import detect_language
from claims.model import Claim, Extraction, Span
from claims.nlp import load_pipeline
from claims.places import find_places, with_dateline

MAX_CHARS = 1_000_000
_WORD = re.compile(r"[^\W\d_]{2,}")
_SINCE_CLAUSE = re.compile(r"\bsince\b[^,;:]*")
"""A place named for when something began ("since the fighting at Ostrovo began") is no scene."""
_HEADER_WORDS = frozenset({"and", "of", "the", "in", "on", "at", "a", "to", "&"})
_URL = re.compile(r"\S+://\S+|www\.\S+")


def extract(text: str, *, nlp: Language | None = None) -> Extraction:
    """Claims of one article; raises `ExtractionError` (a user-safe message) for input out of
    scope."""
    result = next(extract_many([text], nlp=nlp))
    if isinstance(result, ExtractionError):
        raise result
    return result


def extract_many(
    texts: Iterable[str], *, nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Extraction | ExtractionError]:
    """One result per text, in order: an `Extraction`, or the `ExtractionError` that refused it."""
    nlp = nlp or load_pipeline()
    results: dict[int, Extraction | ExtractionError] = {}
    builders: dict[int, _ArticleBuilder] = {}

    def feed() -> Iterator[tuple[str, tuple[int, int, bool]]]:
        for index, text in enumerate(texts):
            try:
                language = check_input(text)
            except ExtractionError as exc:
                results[index] = exc
                continue
            builders[index] = _ArticleBuilder(text, language)
            blocks = list(split_blocks(text))
            for n, block in enumerate(blocks):
                yield block.text, (index, block.start, n == len(blocks) - 1)

    next_index = 0
    for doc, (index, start, last) in nlp.pipe(feed(), as_tuples=True, batch_size=batch_size):
        builders[index].add(doc, start)
        if last:
            results[index] = builders.pop(index).finish()
        while next_index in results:
            yield results.pop(next_index)
            next_index += 1
    while next_index in results:
        yield results.pop(next_index)
        next_index += 1


def check_input(text: str) -> str:
    """The text's language, or the reason the engine will not read it."""
    if not text.strip():
        raise EmptyInput()
    if len(text) > MAX_CHARS:
        raise NotAnArticle(f"{len(text):,} characters; the limit is {MAX_CHARS:,}")
    if len(_WORD.findall(_URL.sub(" ", text))) < 3:
        raise NotAnArticle("it has fewer than three words")
    language = detect_language(text)
    if language != "en":
        raise UnsupportedLanguage(language)
    return language


class _ArticleBuilder:
    """Turns an article's parsed blocks, in order, into claims. Claimants are resolved when the
    whole article has been read, from plain-data mentions, so no parse outlives its block."""

    def __init__(self, text: str, language: str) -> None:
        self.text = text
        self.language = language
        self.resolver = ClaimantResolver()
        self.pending: list[tuple[Claim, Mention | None]] = []
        self.scenes: list[tuple[int, tuple[str, ...]]] = []

    def add(self, doc: Doc, offset: int) -> None:
        self.resolver.observe(doc, offset)
        for sentence in doc.sents:
            opening = sentence.text[:1].lower() + sentence.text[1:]  # "In Velmar, ..."
            # "the first attack on the town since the fighting at Ostrovo began": a time
            opening = _SINCE_CLAUSE.sub(" ", opening)
            if named := find_places(opening) or self._header_places(sentence.text):
                self.scenes.append((sentence.start_char + offset, named))
        found = find_attributions(doc)
        for attribution in found + carry_back(doc, found):
            self.pending.append(self._claim(attribution, offset))

    def _header_places(self, line: str) -> tuple[str, ...]:
        """ "OSTROVO AND TARVA": a section header in capitals names the places of the section,
        the words the text also writes as names ("Ostrovo")."""
        words = line.split()
        if not words or len(words) > 6 or not line.strip().isupper():
            return ()
        names = (w.strip(",.:;").title() for w in words if w.lower() not in _HEADER_WORDS)
        return tuple(
            n for n in names if len(n) > 2 and re.search(rf"\b{re.escape(n)}\b", self.text)
        )

    def finish(self) -> Extraction:
        self.pending.sort(key=lambda p: (p[0].content.start, p[0].content.end))
        dateline = find_dateline(self.text)
        claimants = self.resolver.resolve(
            [m for _, m in self.pending], with_dateline(self.scenes, dateline)
        )
        claims = []
        for (claim, mention), claimant in zip(self.pending, claimants, strict=True):
            anonymous = claimant.kind == "anonymous"
            claims.append(
                replace(
                    claim,
                    claimant=claimant.name,
                    claimant_kind=claimant.kind,
                    claimant_role=claimant.role,
                    speaker=claimant.speaker,
                    hedged=claim.hedged or anonymous,
                    kind="unattributed"
                    if mention is None and claim.kind == "indirect"
                    else claim.kind,
                )
            )
        return Extraction(
            language=self.language,
            title=find_title(self.text),
            claims=tuple(claims),
            dateline=dateline,
            scenes=tuple(self.scenes),
        )

    def _claim(self, attribution: Attribution, offset: int) -> tuple[Claim, Mention | None]:
        pieces = [*attribution.content, *attribution.cue]
        if attribution.source is not None:
            pieces.append(attribution.source)
        sentence_start = min(p.sent.start_char for p in pieces)
        sentence_end = max(p.sent.end_char for p in pieces)
        figures = [f for piece in attribution.content for f in find_figures(piece, offset)]
        first_sentence = attribution.content[0].sent
        source = attribution.source
        mention = describe(source, source.start_char + offset) if source is not None else None
        claim = Claim(
            content=self._span(attribution.content, offset),
            kind=attribution.kind,
            sentence=self._chars(sentence_start + offset, sentence_end + offset),
            source=self._span((source,), offset) if source is not None else None,
            cue=self._span(attribution.cue, offset) if attribution.cue else None,
            hedged=is_hedged(attribution),
            figures=tuple(figures),
            places=places(first_sentence, source),
            when=when(first_sentence, attribution.content),
        )
        return claim, mention

    def _span(self, pieces: Iterable[TokenSpan], offset: int) -> Span:
        bounds = sorted((p.start_char + offset, p.end_char + offset) for p in pieces)
        start, end = bounds[0][0], max(e for _, e in bounds)
        parts = tuple(bounds) if len(bounds) > 1 else ()
        return Span(start, end, self.text[start:end], parts)

    def _chars(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])
