"""Reads PolNeAR (BRAT standoff) for learning and measuring; never copies its text anywhere."""

from __future__ import annotations

import collections
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin


@dataclass(frozen=True)
class GoldAttribution:
    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    gold: tuple[GoldAttribution, ...]


def read_ann(path: Path) -> tuple[GoldAttribution, ...]:
    spans: dict[str, list[tuple[int, int]]] = {}
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0]:
            continue
        if parts[0][0] == "T":
            _, ranges = parts[1].split(" ", 1)
            spans[parts[0]] = [tuple(map(int, r.split())) for r in ranges.split(";")]  # type: ignore[misc]
        elif parts[0][0] == "E":
            roles = dict(r.split(":") for r in parts[1].split())
            got = {k: tuple(spans.get(roles.get(k, ""), ())) for k in ("Source", "Cue", "Content")}
            if got["Content"]:
                out.append(GoldAttribution(got["Source"], got["Cue"], got["Content"]))
    return tuple(out)


def read_split(split_dir: Path) -> list[Article]:
    """One annotator per article: the first by name, as the scorer does."""
    by: dict[str, list[Path]] = collections.defaultdict(list)
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        by[ann.name.rsplit("_", 1)[0]].append(ann)
    articles = []
    for text_path in sorted((split_dir / "text").glob("*.txt")):
        base = text_path.stem
        gold = read_ann(by[base][0]) if by.get(base) else ()
        articles.append(Article(text_path.name, text_path.read_text(encoding="utf-8"), gold))
    return articles


def parse(nlp: Language, articles: list[Article], cache: Path | None = None) -> Iterator[Doc]:
    if cache is not None and cache.exists():
        yield from DocBin().from_disk(cache).get_docs(nlp.vocab)
        return
    docs = list(nlp.pipe((a.text for a in articles), batch_size=32))
    if cache is not None:
        os.makedirs(cache.parent, exist_ok=True)
        DocBin(docs=docs).to_disk(cache)
    yield from docs


def token_ids(doc: Doc, ranges: tuple[tuple[int, int], ...]) -> frozenset[int]:
    ids: set[int] = set()
    for start, end in ranges:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            ids.update(range(span.start, span.end))
    return frozenset(ids)
