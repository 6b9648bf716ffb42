"""Learns the cue lexicon of `claims/attribution.py` from PolNeAR's training articles.

    python bench/polnear/learn_cues.py ../shared/data/polnear/train [--out claims/data/cues.json]

For every candidate (cue lemma, dependency configuration) the engine considers, it counts how often
the candidate's content matches an annotated attribution (token Jaccard >= 0.5, with the candidate's
cue inside the annotated cue). Only counts are written: no text of the corpus.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.polnear.corpus import parse, read_split, token_ids  # noqa: E402
from claims.attribution import THRESHOLD, candidates, content_ids, widen_to_quotes  # noqa: E402
from claims.nlp import load_pipeline  # noqa: E402
from claims.quotes import quotations  # noqa: E402

MIN_OCCURRENCES = 2


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("train_dir", type=Path)
    ap.add_argument("--out", type=Path, default=Path("claims/data/cues.json"))
    ap.add_argument("--cache", type=Path, help="DocBin file to reuse parses between runs")
    args = ap.parse_args()

    nlp = load_pipeline()
    articles = read_split(args.train_dir)
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    positives = total = 0
    for article, doc in zip(articles, parse(nlp, articles, args.cache), strict=True):
        gold = [
            (token_ids(doc, g.cue), token_ids(doc, g.content)) for g in article.gold if g.content
        ]
        quotes = quotations(doc)
        for cand in candidates(doc):
            predicted = frozenset(widen_to_quotes(cand, content_ids(cand), quotes))
            if not predicted:
                continue
            hit = any(
                cand.cue.i in cue and jaccard(predicted, content) >= 0.5 for cue, content in gold
            )
            entry = counts[cand.key]
            entry[0] += hit
            entry[1] += 1
            positives += hit
            total += 1

    kept = {k: v for k, v in sorted(counts.items()) if v[1] >= MIN_OCCURRENCES and v[0] > 0}
    args.out.write_text(
        json.dumps(
            {
                "source": "PolNeAR v1.0.0 train (Newell, Margolin & Ruths, LREC 2018): counts only",
                "prior": positives / total if total else 0.0,
                "threshold": THRESHOLD,
                "counts": kept,
            },
            indent=0,
            sort_keys=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(
        f"{len(articles)} articles, {total} candidates, {positives} attributions, {len(kept)} keys"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
