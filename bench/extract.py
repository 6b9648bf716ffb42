"""Extraction speed: articles per second, cost over the bare spaCy pipeline, peak memory.

    python bench/extract.py [TEXT_DIR] [--long-chars 200000]

TEXT_DIR defaults to ../shared/data/polnear/dev/text, falling back to the project's own example
articles. The bare pipeline and the engine read the same texts with the same loaded pipeline; the
engine's total (cutting, parsing, finding and enriching claims) is reported as a ratio to the bare
`nlp.pipe` time (goal: at most 1.3).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims import extract, extract_many  # noqa: E402
from claims.nlp import load_pipeline  # noqa: E402

DEFAULT_DIRS = (ROOT.parent / "shared/data/polnear/dev/text", ROOT / "bot/examples")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("text_dir", nargs="?", type=Path)
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs for each side")
    ap.add_argument("--long-chars", type=int, default=200_000)
    args = ap.parse_args()

    text_dir = args.text_dir or next(d for d in DEFAULT_DIRS if d.is_dir())
    texts = [p.read_text(encoding="utf-8") for p in sorted(text_dir.glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    nlp = load_pipeline()
    list(extract_many(texts[:2], nlp=nlp))  # warm up

    bare = min(_timed(lambda: list(nlp.pipe(texts, batch_size=64))) for _ in range(args.repeat))
    ours = min(_timed(lambda: list(extract_many(texts, nlp=nlp))) for _ in range(args.repeat))
    claims = sum(len(r.claims) for r in extract_many(texts, nlp=nlp) if hasattr(r, "claims"))

    paragraph = texts[0].strip() + "\n\n"
    long_text = (paragraph * (args.long_chars // len(paragraph) + 1))[: args.long_chars]
    tracemalloc.start()
    long_time = _timed(lambda: extract(long_text, nlp=nlp))
    _, long_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"texts: {len(texts)} articles, {words:,} words from {text_dir}")
    print(f"bare spaCy pipeline: {bare:.2f} s ({len(texts) / bare:.1f} articles/s)")
    rate = len(texts) / ours
    print(f"claimwatch extract:  {ours:.2f} s ({rate:.1f} articles/s, {claims} claims)")
    print(f"ratio to bare pipeline: {ours / bare:.2f}x (goal <= 1.3x)")
    print(
        f"{len(long_text):,}-character article: {long_time:.2f} s, "
        f"peak traced memory {long_peak / 2**20:.0f} MiB"
    )
    print(f"peak RSS of this process: {peak_rss_mb():.0f} MiB")
    return 0


def _timed(fn: object) -> float:
    assert callable(fn)
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
