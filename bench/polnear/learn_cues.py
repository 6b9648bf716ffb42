"""Learns the cue model of `claims/attribution.py` from PolNeAR's training articles.

python bench/polnear/learn_cues.py ../shared/data/polnear/train [--out claims/data/cues.json]

Every candidate (cue token, dependency configuration, content) the engine considers is labelled an
attribution when its content matches an annotated one (token Jaccard >= 0.5, the candidate's cue
inside the annotated cue). A logistic model over the candidates' features is fitted on four fifths
of the articles; the decision threshold is the one that maximises content F1 on the remaining fifth,
scored the way the PolNeAR scorer scores; then the model is refitted on all of train. Only feature
weights are written, no text of the corpus. The dev split is never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.polnear.corpus import parse, read_split, token_ids  # noqa: E402
from claims.attribution import candidates, content_ids, features, widen_to_quotes  # noqa: E402
from claims.nlp import load_pipeline  # noqa: E402
from claims.quotes import quotations  # noqa: E402

MIN_COUNT = 3
L2 = 1e-5
EPOCHS = 300


@dataclass
class Example:
    doc: int
    content: frozenset[int]
    features: list[str]
    label: bool


@dataclass
class Data:
    examples: list[Example] = field(default_factory=list)
    gold: list[list[frozenset[int]]] = field(default_factory=list)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def collect(train_dir: Path, cache: Path | None) -> Data:
    nlp = load_pipeline()
    articles = read_split(train_dir)
    data = Data()
    for n, (article, doc) in enumerate(zip(articles, parse(nlp, articles, cache), strict=True)):
        gold = [(token_ids(doc, g.cue), token_ids(doc, g.content)) for g in article.gold]
        data.gold.append([content for _, content in gold])
        quotes = quotations(doc)
        for cand in candidates(doc, quotes):
            ids = widen_to_quotes(cand, content_ids(cand), quotes)
            if not ids:
                continue
            content = frozenset(ids)
            hit = any(cand.cue.i in cue and jaccard(content, g) >= 0.5 for cue, g in gold)
            data.examples.append(Example(n, content, features(cand, ids, quotes), hit))
    return data


def fit(examples: list[Example]) -> tuple[dict[str, float], float]:
    counts: dict[str, int] = {}
    for ex in examples:
        for f in ex.features:
            counts[f] = counts.get(f, 0) + 1
    index = {f: i for i, f in enumerate(k for k, v in counts.items() if v >= MIN_COUNT)}
    rows, cols = [], []
    for r, ex in enumerate(examples):
        for f in ex.features:
            if f in index:
                rows.append(r)
                cols.append(index[f])
    row, col = np.array(rows), np.array(cols)
    y = np.array([ex.label for ex in examples], dtype=float)
    w = np.zeros(len(index))
    b = 0.0
    gw2 = np.full(len(index), 1e-8)
    gb2 = 1e-8
    n = len(examples)
    for _ in range(EPOCHS):
        z = np.bincount(row, weights=w[col], minlength=n) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        err = p - y
        gw = np.bincount(col, weights=err[row], minlength=len(index)) / n * 100 + L2 * w
        gb = err.mean() * 100
        gw2 += gw * gw
        gb2 += gb * gb
        w -= 0.5 * gw / np.sqrt(gw2)
        b -= 0.5 * gb / np.sqrt(gb2)
    names = list(index)
    return {names[i]: round(float(w[i]), 4) for i in range(len(names)) if abs(w[i]) >= 0.02}, b


def probability(weights: dict[str, float], bias: float, feats: list[str]) -> float:
    z = bias + sum(weights.get(f, 0.0) for f in feats)
    return float(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


def content_f1(
    data: Data, docs: set[int], weights: dict[str, float], bias: float, th: float
) -> float:
    """Greedy one-to-one content matching at Jaccard >= 0.5, as the PolNeAR scorer does (on parser
    tokens rather than the scorer's regex tokens: close enough to choose a threshold), after the
    engine's own choice among overlapping contents."""
    by_doc: dict[int, list[tuple[float, frozenset[int]]]] = {d: [] for d in docs}
    for ex in data.examples:
        if ex.doc in docs and (p := probability(weights, bias, ex.features)) >= th:
            by_doc[ex.doc].append((p, ex.content))
    tp = n_pred = n_gold = 0
    for d, scored in by_doc.items():
        unique: list[frozenset[int]] = []  # the engine keeps the likelier of overlapping contents
        for _, content in sorted(scored, key=lambda x: -x[0]):
            if all(jaccard(content, other) <= 0.5 for other in unique):
                unique.append(content)
        gold = data.gold[d]
        n_pred += len(unique)
        n_gold += len(gold)
        pairs = sorted(
            ((jaccard(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(unique)),
            reverse=True,
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        for score, i, j in pairs:
            if score < 0.5:
                break
            if i not in used_g and j not in used_p:
                used_g.add(i)
                used_p.add(j)
                tp += 1
    return 2 * tp / (n_gold + n_pred) if n_gold + n_pred else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("train_dir", type=Path)
    ap.add_argument("--out", type=Path, default=Path("claims/data/cues.json"))
    ap.add_argument("--cache", type=Path, help="DocBin file to reuse parses between runs")
    ap.add_argument(
        "--fit-only",
        action="store_true",
        help="leave the held-out fifth out of the final fit too (for error analysis on it)",
    )
    args = ap.parse_args()

    data = collect(args.train_dir, args.cache)
    n_docs = len(data.gold)
    held = {d for d in range(n_docs) if d % 5 == 4}
    weights, bias = fit([ex for ex in data.examples if ex.doc not in held])
    scores = {
        th: content_f1(data, held, weights, bias, th) for th in np.arange(0.2, 0.65, 0.025).round(3)
    }
    threshold = float(max(scores, key=lambda t: scores[t]))
    print("held-out content F1 by threshold:", {k: round(v, 4) for k, v in scores.items()})
    weights, bias = fit([ex for ex in data.examples if not (args.fit_only and ex.doc in held)])
    args.out.write_text(
        json.dumps(
            {
                "source": "PolNeAR v1.0.0 train (Newell, Margolin & Ruths, LREC 2018): "
                "weights only",
                "threshold": threshold,
                "bias": round(bias, 4),
                "weights": dict(sorted(weights.items())),
            },
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    positives = sum(ex.label for ex in data.examples)
    print(
        f"{n_docs} articles, {len(data.examples)} candidates, {positives} attributions, "
        f"{len(weights)} weights, threshold {threshold}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
