"""Scores `claims.attribution` on parsed PolNeAR articles, fast enough to iterate on rules.

    python bench/polnear/evaluate.py ../shared/data/polnear/train --cache /tmp/train.spacy \
        --fold heldout [--errors 40]

Articles are parsed once (`--cache` keeps the parses) and scored with the shared PolNeAR scorer's
own matching (`--scorer`, default ../shared/tools/polnear_score.py). `--fold heldout` keeps every
fifth training article, the ones `learn_cues.py` holds out to choose its threshold, so error
analysis never needs the dev split; `--errors N` prints N missed and N spurious contents (to the
terminal only: corpus text is never written into the project).
The numbers differ slightly from `claimwatch extract` on the same files, which parses paragraph
blocks and resolves claimants.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.polnear.corpus import Article, parse, read_split  # noqa: E402
from claims.attribution import Attribution, CueModel, find_attributions  # noqa: E402
from claims.carry import carry_back  # noqa: E402
from claims.nlp import load_pipeline  # noqa: E402


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("polnear_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def as_claims(found: list[Attribution]) -> list[dict[str, Any]]:
    def spans(pieces: tuple[Any, ...]) -> list[dict[str, int]]:
        return [{"start": p.start_char, "end": p.end_char} for p in pieces]

    return [
        {
            "source": spans((a.source,)) if a.source is not None else None,
            "cue": spans(a.cue),
            "content": spans(a.content),
        }
        for a in found
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("split_dir", type=Path)
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--fold", choices=("all", "heldout", "fit"), default="all")
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared/tools/polnear_score.py")
    ap.add_argument("--model", type=Path, help="a cue model other than claims/data/cues.json")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    scorer = load_scorer(args.scorer)
    model = CueModel.from_json(json.loads(args.model.read_text())) if args.model else None
    articles = read_split(args.split_dir)
    docs = list(parse(load_pipeline(), articles, args.cache))
    keep = {
        "all": lambda n: True,
        "heldout": lambda n: n % 5 == 4,
        "fit": lambda n: n % 5 != 4,
    }[args.fold]
    tally = scorer.Tally()
    misses: list[str] = []
    spurious: list[str] = []
    golds = scorer.gold_files(str(args.split_dir))
    for n, (article, doc) in enumerate(zip(articles, docs, strict=True)):
        if not keep(n):
            continue
        found = find_attributions(doc, model)
        found += carry_back(doc, found)
        toks = scorer.tokens(article.text)
        anns = golds.get(article.name.removesuffix(".txt"), [])
        gold = scorer.read_gold(anns[0], toks) if anns else []
        pred = scorer.read_pred(as_claims(found), toks)
        tally.add(gold, pred)
        if args.errors:
            _collect_errors(scorer, article, toks, gold, pred, misses, spurious)
    print(
        json.dumps(
            {k: round(v, 4) if isinstance(v, float) else v for k, v in tally.report().items()}
        )
    )
    if args.errors:
        rng = random.Random(args.seed)
        for title, items in (("MISSED", misses), ("SPURIOUS", spurious)):
            print(f"\n=== {title} ({len(items)}) ===")
            for line in rng.sample(items, min(args.errors, len(items))):
                print(line)
    return 0


def _collect_errors(
    scorer: ModuleType,
    article: Article,
    toks: list[tuple[int, int]],
    gold: list[dict[str, frozenset[int]]],
    pred: list[dict[str, frozenset[int]]],
    misses: list[str],
    spurious: list[str],
) -> None:
    def show(ids: frozenset[int]) -> str:
        if not ids:
            return "-"
        ordered = sorted(ids)
        out, prev = [], None
        for i in ordered:
            if prev is not None and i != prev + 1:
                out.append("…")
            out.append(article.text[toks[i][0] : toks[i][1]])
            prev = i
        return " ".join(out)

    def describe(a: dict[str, frozenset[int]]) -> str:
        return f"[S] {show(a['Source'])} [C] {show(a['Cue'])} [T] {show(a['Content'])}"

    jacc = scorer.jacc
    for g in gold:
        best = max(pred, key=lambda p: jacc(g["Content"], p["Content"]), default=None)
        score = jacc(g["Content"], best["Content"]) if best else 0.0
        if score < 0.5:
            near = f"\n    near ({score:.2f}): {describe(best)}" if best and score > 0 else ""
            misses.append(f"- {article.name}: {describe(g)}{near}")
    for p in pred:
        if all(jacc(g["Content"], p["Content"]) < 0.5 for g in gold):
            spurious.append(f"- {article.name}: {describe(p)}")


if __name__ == "__main__":
    sys.exit(main())
