"""The `claimwatch` command line: read articles offline, manage the database, run the bot."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from claims import ExtractionError, extract, extract_many

log = logging.getLogger("claimwatch")

CLI_CHAT_ID = 0
"""Articles summarized on the command line are stored under this chat."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    except UserError as exc:
        sys.stderr.write(f"claimwatch: {exc}\n")
        return 2
    return code


class UserError(Exception):
    """A problem the user can fix; printed without a traceback."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claimwatch", description=__doc__)
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    p = sub.add_parser("summarize", help="print who claims what in an article, and store it")
    p.add_argument("article", help="a file, - for stdin, or an http(s) link")
    p.add_argument("--no-store", action="store_true", help="only print; store nothing")
    p.set_defaults(func=_summarize)

    p = sub.add_parser("extract", help="print the claims of articles in machine form")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files, or - for stdin")
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.set_defaults(func=_extract)

    p = sub.add_parser("db", help="database maintenance")
    db = p.add_subparsers(required=True, metavar="ACTION")
    up = db.add_parser("upgrade", help="apply the schema migrations to DATABASE_URL")
    up.set_defaults(func=_db_upgrade)

    p = sub.add_parser("export", help="print one chat's articles and claims")
    p.add_argument("--chat", type=int, required=True, help="Telegram chat id (0: the CLI's)")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.set_defaults(func=_export)

    p = sub.add_parser("run", help="run the Telegram bot (long polling, or --webhook)")
    p.add_argument("--webhook", action="store_true", help="serve a webhook instead of polling")
    p.set_defaults(func=_run)

    p = sub.add_parser("delete", help="delete one chat's articles and claims")
    p.add_argument("--chat", type=int, required=True)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=_delete)
    return parser


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise UserError(f"no such file: {path}") from exc
    except UnicodeDecodeError as exc:
        raise UserError(f"{path} is not UTF-8 text") from exc
    except IsADirectoryError as exc:
        raise UserError(f"{path} is a directory") from exc


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


def _summarize(args: argparse.Namespace) -> int:
    from bot.render import render_text
    from storage.repository import ArticleMeta

    source: str = args.article
    meta = ArticleMeta(received_at=datetime.now(UTC))
    if source.startswith(("http://", "https://")):
        from bot.fetch import FetchError, fetch_article
        from bot.settings import get_settings

        try:
            page = fetch_article(source, get_settings().fetch_limits)
        except FetchError as exc:
            raise UserError(str(exc)) from exc
        text = page.text
        meta = ArticleMeta(
            title=page.title,
            link=source,
            outlet=page.outlet,
            published_at=page.published_at,
            received_at=meta.received_at,
        )
    else:
        text = _read(source)
    try:
        extraction = extract(text)
    except ExtractionError as exc:
        raise UserError(str(exc)) from exc
    sys.stdout.write(render_text(extraction, text))
    if args.no_store:
        return 0
    saved = _store(text, extraction, meta)
    if saved is not None:
        sys.stdout.write(saved + "\n")
    return 0


def _store(text: str, extraction: object, meta: object) -> str | None:
    from claims.model import Extraction
    from storage.db import session_scope
    from storage.repository import ArticleMeta, save_article

    assert isinstance(extraction, Extraction) and isinstance(meta, ArticleMeta)
    engine = _engine(create=True)
    with session_scope(engine) as session:
        saved = save_article(
            session=session, chat_id=CLI_CHAT_ID, text=text, extraction=extraction, meta=meta
        )
    engine.dispose()
    if not saved.created:
        return f"Already stored: first seen {saved.first_seen:%Y-%m-%d %H:%M} UTC."
    line = f"Stored {len(saved.claim_ids)} claims (article {saved.article_id})."
    contradictions = [r for _, r in saved.links if r.kind == "contradiction"]
    if contradictions:
        line += "\nDisputed against earlier claims:\n" + "\n".join(
            f"  ! {r.reason}" for r in contradictions[:5]
        )
    return line


def _engine(create: bool = False):  # type: ignore[no-untyped-def]
    from bot.settings import get_settings
    from storage.db import make_engine
    from storage.migrate import SchemaOutOfDate, check_schema, ensure_schema

    engine = make_engine(get_settings().database_url)
    try:
        (ensure_schema if create else check_schema)(engine)
    except SchemaOutOfDate as exc:
        raise UserError(str(exc)) from exc
    return engine


def _db_upgrade(args: argparse.Namespace) -> int:
    from bot.settings import get_settings
    from storage.db import make_engine
    from storage.migrate import current_revision, upgrade

    engine = make_engine(get_settings().database_url)
    upgrade(engine)
    sys.stdout.write(f"Database at revision {current_revision(engine)}.\n")
    return 0


def _export(args: argparse.Namespace) -> int:
    from storage.db import session_scope
    from storage.export import export_chat

    engine = _engine()
    with session_scope(engine) as session:
        sys.stdout.write(export_chat(session=session, chat_id=args.chat, fmt=args.format))
    return 0


def _delete(args: argparse.Namespace) -> int:
    from storage.db import session_scope
    from storage.repository import delete_chat_data

    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("add --yes to delete without a prompt")
        answer = input(f"Delete every article and claim of chat {args.chat}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            sys.stdout.write("Nothing deleted.\n")
            return 1
    engine = _engine()
    with session_scope(engine) as session:
        count = delete_chat_data(session=session, chat_id=args.chat)
    sys.stdout.write(f"Deleted chat {args.chat}: {count} claims.\n")
    return 0


def _run(args: argparse.Namespace) -> int:
    from bot.settings import get_settings

    settings = get_settings()
    if settings.telegram_bot_token is None:
        raise UserError(
            "TELEGRAM_BOT_TOKEN is not set (in the environment or .env). Without a bot token you "
            "can still read articles offline: claimwatch summarize ARTICLE"
        )
    from bot.app import build_application, configure_logging

    configure_logging(settings)
    _engine(create=True).dispose()  # a new database gets the schema, an old one is refused
    app = build_application(settings)
    if args.webhook:
        if not settings.webhook_url or settings.webhook_secret is None:
            raise UserError("--webhook needs WEBHOOK_URL and WEBHOOK_SECRET")
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret.get_secret_value(),
        )
    else:
        app.run_polling()
    return 0


if __name__ == "__main__":
    sys.exit(main())
