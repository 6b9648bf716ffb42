"""`claimwatch summarize` as on a fresh checkout: no token, no network, a new database."""

from __future__ import annotations

import io
import sqlite3
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.settings import get_settings

EXAMPLE = Path(__file__).parents[2] / "bot" / "examples" / "river-crossing.txt"


@pytest.fixture(autouse=True)
def fresh_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A working directory without .env and the default database URL, as on a new machine."""
    for name in ("DATABASE_URL", "TELEGRAM_BOT_TOKEN", "FETCH_ALLOW_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def stored_claims(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute("SELECT count(*) FROM claims").fetchone()[0])


def test_summarize_prints_who_claims_what_and_stores_it(
    fresh_directory: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summarize", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Both sides claim heavy enemy losses at the Varna river crossing\n===")
    assert "Defence Ministry [organization] — spokesman Anna Berg" in out
    assert "(quote)" in out and "(paraphrase" in out and "hedged" in out
    assert "figures: more than 800 (Eastern Federation soldiers killed)" in out
    assert "\nUnattributed\n" in out
    assert "Stored 12 claims" in out
    assert stored_claims(fresh_directory / "claimwatch.db") == 12

    assert main(["summarize", str(EXAMPLE)]) == 0
    assert "Already stored: first seen" in capsys.readouterr().out
    assert stored_claims(fresh_directory / "claimwatch.db") == 12


def test_no_store_only_prints(fresh_directory: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", "--no-store", str(EXAMPLE)]) == 0
    assert "Stored" not in capsys.readouterr().out
    assert not (fresh_directory / "claimwatch.db").exists()


def test_stdin_and_database_url(
    fresh_directory: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = fresh_directory / "elsewhere" / "news.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setattr("sys.stdin", io.StringIO("The minister said that prices would rise."))
    assert main(["summarize", "-"]) == 0
    assert "(paraphrase) that prices would rise" in capsys.readouterr().out
    assert stored_claims(db) == 1


@pytest.mark.parametrize(
    "argument, message",
    [
        ("missing.txt", "no such file: missing.txt"),
        ("http://127.0.0.1:9/article", "private network"),
        ("http://169.254.169.254/latest/meta-data/", "private network"),
    ],
)
def test_bad_input_is_a_one_line_error(
    argument: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summarize", argument]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize(
    "text, message", [("", "empty"), ("Минобороны заявило о потерях противника.", "Russian")]
)
def test_what_is_not_an_english_article_is_refused_plainly(
    text: str, message: str, fresh_directory: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = fresh_directory / "in.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["summarize", str(path)]) == 2
    assert message in capsys.readouterr().err


class _Page(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return

    def do_GET(self) -> None:  # noqa: N802
        body = (
            b"<html><head><title>Bridge holds</title></head><body><article><h1>Bridge holds</h1>"
            b"<p>The Northern Defence Ministry said on Monday that the bridge over the Varna was "
            b"still standing and that 40 Eastern soldiers were killed near Dalsk.</p>"
            b"</article></body></html>"
        )
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_a_link_is_read_from_an_allowed_host(
    fresh_directory: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"127.0.0.1:{server.server_address[1]}"
    try:
        monkeypatch.setenv("FETCH_ALLOW_HOSTS", host)
        assert main(["summarize", f"http://{host}/bridge"]) == 0
    finally:
        server.shutdown()
        server.server_close()
    out = capsys.readouterr().out
    assert out.startswith("Bridge holds") and "Northern Defence Ministry" in out


def test_run_without_a_token_points_to_summarize(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert "TELEGRAM_BOT_TOKEN is not set" in err and "claimwatch summarize" in err
