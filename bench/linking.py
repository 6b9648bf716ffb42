"""Linking benchmark: precision and recall of claim links and of contradiction detection.

Runs the real engine (`claims.extract_many`) over the synthetic articles in bench/linking/articles,
finds each labelled claim by a distinctive substring of its content (or, failing that, of its
sentence), builds `ClaimFacts` with each article's publication date, and scores every labelled pair
of bench/linking/pairs.jsonl with `claims.linking.relate`.

    .venv/bin/python bench/linking.py            # summary
    .venv/bin/python bench/linking.py --errors   # also every wrong pair, with the link's reason
    .venv/bin/python bench/linking.py --exclude held-out-11   # keep a blind batch unseen

"linked" counts related + contradiction + update against unrelated. Pairs that touch an article of
the held-out split (written after the rules) are reported apart. A labelled claim the engine does
not find makes its pairs "missing": they are left out of the first table and counted as
predicted-unrelated in the end-to-end line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims import Claim, Extraction, extract_many  # noqa: E402
from claims.canonical import add_capital  # noqa: E402
from claims.linking import (  # noqa: E402
    ClaimFacts,
    Link,
    facts_of_article,
    link_keys,
    relate,
)

DATA = ROOT / "bench" / "linking"

# The fictional world's capitals, as real ones ("Kyiv", "Moscow") are built in: world knowledge a
# deployment has, not something learned from the labelled articles.
add_capital("Northgate", "Northern Republic")
add_capital("Eastport", "Eastern Federation")
LABELS = ("related", "contradiction", "update", "unrelated")


@dataclass(frozen=True)
class Article:
    id: str
    path: Path
    published: date
    outlet: str
    split: str


def load_articles() -> dict[str, Article]:
    rows = json.loads((DATA / "articles.json").read_text(encoding="utf-8"))
    return {
        r["id"]: Article(
            r["id"],
            DATA / "articles" / r["file"],
            date.fromisoformat(r["published"]),
            r["outlet"],
            r["split"],
        )
        for r in rows
    }


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def find_claim(extraction: Extraction, needle: str) -> Claim | None:
    """The claim whose content holds the substring; else, of the claims whose sentence holds
    it, the one whose content overlaps it most ("still denies that any of its men were taken"
    is the denial's claim, not the figure's before it in the same sentence)."""
    needle = _norm(needle)
    for claim in extraction.claims:
        if needle in _norm(claim.content.text):
            return claim
    best: tuple[int, Claim] | None = None
    for claim in extraction.claims:
        sentence = _norm(claim.sentence.text)
        at = sentence.find(needle)
        if at < 0:
            continue
        content = _norm(claim.content.text)
        start = sentence.find(content)
        overlap = min(at + len(needle), start + len(content)) - max(at, start) if start >= 0 else 0
        if best is None or overlap > best[0]:
            best = (overlap, claim)
    return best[1] if best else None


def _jsonl(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@dataclass
class Scores:
    gold: list[str]
    predicted: list[str]

    def pr(self, positive: set[str]) -> tuple[float, float, int, int, int]:
        tp = sum(
            g in positive and p in positive for g, p in zip(self.gold, self.predicted, strict=True)
        )
        fp = sum(
            g not in positive and p in positive
            for g, p in zip(self.gold, self.predicted, strict=True)
        )
        fn = sum(
            g in positive and p not in positive
            for g, p in zip(self.gold, self.predicted, strict=True)
        )
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        return precision, recall, tp, fp, fn


def report(name: str, scores: Scores, missing: int) -> None:
    n = len(scores.gold)
    counts = Counter(scores.gold)
    print(f"\n## {name}: {n} pairs scored ({missing} left out: claim not found by the engine)")
    print("gold: " + ", ".join(f"{k} {counts[k]}" for k in LABELS))
    print(f"{'':16}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}")
    for label, positive in (
        ("linked", {"related", "contradiction", "update"}),
        ("contradiction", {"contradiction"}),
        ("update", {"update"}),
    ):
        p, r, tp, fp, fn = scores.pr(positive)
        print(f"{label:16}{p:>10.3f}{r:>8.3f}{tp:>5}{fp:>5}{fn:>5}")
    print("\nconfusion (rows gold, columns predicted)")
    print(f"{'':15}" + "".join(f"{k:>14}" for k in LABELS))
    for g in LABELS:
        row = Counter(p for gg, p in zip(scores.gold, scores.predicted, strict=True) if gg == g)
        print(f"{g:15}" + "".join(f"{row[p]:>14}" for p in LABELS))


def retrieval(facts: dict[str, ClaimFacts], pairs: list[dict[str, str]]) -> str:
    """Whether storage's key lookup would bring each gold-linked earlier claim as a candidate of
    the later one: a shared `link_keys` key and a publication date inside the window."""
    found = total = 0
    for pair in pairs:
        if pair["label"] == "unrelated" or pair["a"] not in facts or pair["b"] not in facts:
            continue
        a, b = facts[pair["a"]], facts[pair["b"]]
        new, old = (a, b) if a.published >= b.published else (b, a)
        keys = link_keys(new)
        total += 1
        shared = set(keys.keys()) & set(link_keys(old).keys())
        found += bool(shared) and keys.since <= old.published <= keys.until
    return (
        f"candidate retrieval by link_keys: {found}/{total} linked pairs share a key in the window"
    )


def scoring_cost(all_facts: list[ClaimFacts]) -> str:
    """Time to load stored facts from JSON and relate a new claim to them, per candidate."""
    stored = [json.dumps(f.to_json()) for f in all_facts]
    t0 = time.perf_counter()
    loaded = [ClaimFacts.from_json(json.loads(s)) for s in stored * 10]
    t_load = (time.perf_counter() - t0) / len(loaded)
    t0 = time.perf_counter()
    for new in all_facts:
        for old in loaded[: len(all_facts)]:
            relate(new, old)
    t_relate = (time.perf_counter() - t0) / len(all_facts) ** 2
    per_200 = 200 * (t_load + t_relate) * 1000
    return (
        f"scoring: load {1e6 * t_load:.1f} µs + relate {1e6 * t_relate:.1f} µs per candidate; "
        f"200 candidates per new claim = {per_200:.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every wrong pair")
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="SPLIT",
        help="leave a split out entirely (a blind batch kept unseen while rules change)",
    )
    args = parser.parse_args()

    articles = {k: a for k, a in load_articles().items() if a.split not in args.exclude}
    ids = list(articles)
    t0 = time.perf_counter()
    texts = [articles[i].path.read_text(encoding="utf-8") for i in ids]
    extractions: dict[str, Extraction] = {}
    for article_id, result in zip(ids, extract_many(texts), strict=True):
        if not isinstance(result, Extraction):
            print(f"{article_id}: refused by the engine: {result}")
            return 1
        extractions[article_id] = result
    t_extract = time.perf_counter() - t0

    facts: dict[str, ClaimFacts] = {}
    missing_claims: list[str] = []
    t0 = time.perf_counter()
    all_facts = {
        a: dict(zip(x.claims, facts_of_article(x, articles[a].published), strict=True))
        for a, x in extractions.items()
    }
    for row in _jsonl(DATA / "claims.jsonl"):
        if row["article"] not in articles:
            continue
        article = articles[row["article"]]
        claim = find_claim(extractions[article.id], row["find"])
        if claim is None:
            missing_claims.append(row["id"])
            continue
        facts[row["id"]] = all_facts[article.id][claim]
    t_facts = time.perf_counter() - t0

    splits = list(dict.fromkeys(a.split for a in articles.values()))
    by_split: dict[str, Scores] = {s: Scores([], []) for s in splits}
    end_to_end: dict[str, Scores] = {s: Scores([], []) for s in splits}
    missing: Counter[str] = Counter()
    errors: list[tuple[str, dict[str, str], Link | None]] = []
    t_relate = 0.0
    pairs = [
        p
        for p in _jsonl(DATA / "pairs.jsonl")
        if all(p[k].split(".")[0] in articles for k in ("a", "b"))
    ]
    for pair in pairs:
        # a pair belongs to the later-written of its two articles' splits
        split = max((articles[pair[k].split(".")[0]].split for k in ("a", "b")), key=splits.index)
        gold = pair["label"]
        if pair["a"] not in facts or pair["b"] not in facts:
            missing[split] += 1
            end_to_end[split].gold.append(gold)
            end_to_end[split].predicted.append("unrelated")
            continue
        t0 = time.perf_counter()
        link = relate(facts[pair["a"]], facts[pair["b"]])
        t_relate += time.perf_counter() - t0
        predicted = link.kind if link else "unrelated"
        for table in (by_split, end_to_end):
            table[split].gold.append(gold)
            table[split].predicted.append(predicted)
        if predicted != gold:
            errors.append((split, pair, link))

    print(f"# Linking benchmark: {len(articles)} articles, {len(facts)} labelled claims found")
    print(
        f"engine {t_extract:.1f} s; facts {1000 * t_facts / max(1, len(facts)):.3f} ms/claim; "
        f"relate {1e6 * t_relate / max(1, len(pairs)):.1f} µs/pair"
    )
    if missing_claims:
        print("claims the engine did not find: " + ", ".join(missing_claims))
    print(retrieval(facts, pairs))
    print(scoring_cost([f for per in all_facts.values() for f in per.values()]))
    for split in splits:
        if by_split[split].gold or missing[split]:
            report(split, by_split[split], missing[split])
            if missing[split]:
                p, r, *_ = end_to_end[split].pr({"contradiction"})
                lp, lr, *_ = end_to_end[split].pr({"related", "contradiction", "update"})
                print(
                    f"end-to-end (missing pairs as unrelated): linked P {lp:.3f} R {lr:.3f}; "
                    f"contradiction P {p:.3f} R {r:.3f}"
                )
    if args.errors:
        print("\n## wrong pairs")
        for split, pair, link in errors:
            got = f"{link.kind} {link.score:.2f}: {link.reason}" if link else "unrelated"
            print(f"[{split}] {pair['a']} ~ {pair['b']}: gold {pair['label']} ({pair['note']})")
            print(f"    got {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
