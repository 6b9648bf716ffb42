"""Settings from the environment and `.env`, and a token that never reaches a log line."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from bot.app import RedactToken
from bot.settings import Settings

TOKEN = "123456:SECRET-TOKEN-abcdef"


@pytest.fixture(autouse=True)
def clean_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.chdir(tmp_path)


def test_defaults_need_nothing() -> None:
    s = Settings()
    assert s.telegram_bot_token is None
    assert s.telegram_api_base_url == "https://api.telegram.org/bot"
    assert s.database_url == "sqlite:///claimwatch.db"
    assert s.allowed_chat_ids == frozenset() and s.fetch_allow_hosts == frozenset()


@pytest.mark.parametrize(
    "raw, ids",
    [
        ("", frozenset()),
        ("123", {123}),
        ("123,-100456", {123, -100456}),
        (" 123 , -100456 7 ", {123, -100456, 7}),
    ],
)
def test_allowed_chat_ids(raw: str, ids: set[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLOWED_CHAT_IDS", raw)
    assert Settings().allowed_chat_ids == ids


def test_empty_values_fall_back_to_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "")
    monkeypatch.setenv("DATABASE_URL", "")
    s = Settings()
    assert s.telegram_bot_token is None and s.database_url == "sqlite:///claimwatch.db"


def test_dotenv_is_read_and_the_token_stays_secret(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        f"TELEGRAM_BOT_TOKEN={TOKEN}\nFETCH_ALLOW_HOSTS=127.0.0.1:8080, news.test\nUNKNOWN=1\n"
    )
    s = Settings()
    assert s.telegram_bot_token is not None
    assert s.telegram_bot_token.get_secret_value() == TOKEN
    assert TOKEN not in repr(s) and TOKEN not in str(s)
    assert s.fetch_limits.allow_hosts == {"127.0.0.1:8080", "news.test"}


def test_env_example_documents_every_setting() -> None:
    example = (Path(__file__).parents[2] / ".env.example").read_text()
    for name in Settings.model_fields:
        assert f"\n{name.upper()}=" in example, name


def _formatted(record: logging.LogRecord) -> str:
    RedactToken(TOKEN).filter(record)
    return logging.Formatter("%(message)s").format(record)


def test_the_token_is_redacted_from_messages_and_arguments() -> None:
    url = f"https://api.telegram.org/bot{TOKEN}/getMe"
    record = logging.LogRecord("httpx", logging.INFO, "x", 1, "HTTP Request: POST %s", (url,), None)
    assert TOKEN not in _formatted(record) and "bot<token>/getMe" in _formatted(record)


def test_the_token_is_redacted_from_chained_tracebacks() -> None:
    """PTB wraps httpx's error; the URL with the token sits in the cause, not the outer one."""
    try:
        try:
            raise httpx.ConnectError(f"cannot reach https://api.telegram.org/bot{TOKEN}/getMe")
        except httpx.ConnectError as inner:
            raise RuntimeError("network error") from inner
    except RuntimeError:
        record = logging.LogRecord(
            "telegram", logging.ERROR, "x", 1, "failed", None, sys.exc_info()
        )
    text = _formatted(record)
    assert "Traceback" in text and "network error" in text and "bot<token>/getMe" in text
    assert TOKEN not in text


def test_run_settings_carry_the_token_as_a_secret() -> None:
    s = Settings(telegram_bot_token=SecretStr(TOKEN))
    assert "**********" in repr(s.telegram_bot_token)
