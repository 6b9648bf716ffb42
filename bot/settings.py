"""All configuration in one object, read from the environment and `.env`."""

from __future__ import annotations

from functools import cache
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.fetch import FetchLimits
from storage.db import DEFAULT_URL


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_ignore_empty=True, extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    database_url: str = DEFAULT_URL
    allowed_chat_ids: Annotated[frozenset[int], NoDecode] = Field(default_factory=frozenset)
    log_level: str = "INFO"

    rate_limit_articles: int = 6
    """Articles a chat may send in `rate_limit_window` seconds."""
    rate_limit_window: float = 60.0
    workers: int = 2
    """Threads that read articles (spaCy): about one per core."""
    db_workers: int = 4
    """Threads for the quick work (queries, exports, charts), apart from the readers."""

    fetch_max_bytes: int = 3_000_000
    fetch_timeout: float = 10.0
    fetch_allow_hosts: Annotated[frozenset[str], NoDecode] = Field(default_factory=frozenset)
    """Hosts exempt from the private-address check (tests' local servers). Keep empty."""

    webhook_url: str | None = None
    """Public HTTPS URL Telegram posts updates to, for `claimwatch run --webhook`."""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: SecretStr | None = None
    digests: bool = True

    @property
    def fetch_limits(self) -> FetchLimits:
        return FetchLimits(
            max_bytes=self.fetch_max_bytes,
            timeout=self.fetch_timeout,
            allow_hosts=self.fetch_allow_hosts,
        )

    @field_validator("fetch_allow_hosts", mode="before")
    @classmethod
    def _parse_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(value.replace(",", " ").split())
        return value

    @field_validator("allowed_chat_ids", mode="before")
    @classmethod
    def _parse_ids(cls, value: object) -> object:
        """`ALLOWED_CHAT_IDS=123,-100456` (commas or spaces); empty means anyone."""
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(",", " ").split())
        if isinstance(value, int):
            return frozenset({value})
        return value


@cache
def get_settings() -> Settings:
    return Settings()
