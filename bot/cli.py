"""The `claimwatch` command line: summarize and extract offline, manage the database, run the bot."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from claims import ExtractionError, extract_many

log = logging.getLogger("claimwatch")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claimwatch", description=__doc__)
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="print the claims of articles in machine form")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files, or - for stdin")
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.set_defaults(func=_extract)
    return parser


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    return Path(path).read_text(encoding="utf-8")


def _extract(args: argparse.Namespace) -> int:
    paths: list[str] = args.paths
    texts = (_read(p) for p in paths)
    failed = 0
    for path, result in zip(paths, extract_many(texts), strict=True):
        if isinstance(result, ExtractionError):
            failed += 1
            sys.stderr.write(f"{path}: {result}\n")
            record = {"path": path, "error": str(result), "claims": []}
        else:
            record = result.to_json(path)
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if failed == len(paths) else 0


if __name__ == "__main__":
    sys.exit(main())
