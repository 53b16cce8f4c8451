"""The bot's settings, read once from the environment or `.env` and passed down.

Nothing here talks to Discord, so the CLI can build `Settings()` without a token; the Discord
front end checks the token itself (`Settings.discord_token_value`) before it logs in.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]

# A bot token is three base64url parts: the bot's user id, a timestamp and an HMAC.
_TOKEN_SHAPE: Final = re.compile(r"[A-Za-z0-9_-]{18,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}")


class TokenError(ValueError):
    """The token is missing or cannot be a Discord bot token (the message says which)."""


class Settings(BaseSettings):
    """Every setting of the bot; field names are the environment variable names."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
        frozen=True,
    )

    discord_token: SecretStr | None = Field(
        default=None, description="the bot token from the Developer Portal; never logged"
    )
    discord_api_base: str | None = Field(
        default=None,
        description="REST API base URL, e.g. http://127.0.0.1:8080/api/v10 for a fake Discord",
    )
    command_prefix: str = Field(
        default="", description="prefix for `!ask`-style commands; empty disables them"
    )
    dev_guild_id: int | None = Field(
        default=None, description="server that gets instant command sync while developing"
    )
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: Annotated[tuple[int, ...] | None, NoDecode] = None
    log_level: LogLevel = "INFO"
    knowledge_dir: Path | None = None
    allow_private_urls: bool = Field(
        default=False,
        description="let `kb add` fetch URLs on loopback or private networks (tests, intranets)",
    )
    cooldown_rate: int = Field(default=5, ge=1, description="questions allowed per window")
    cooldown_per: float = Field(default=30.0, gt=0, description="cooldown window in seconds")
    max_question_length: int = Field(default=300, ge=10, le=4000)
    engine_cache: bool = Field(
        default=True, description="keep the built engine on disk so commands start fast"
    )
    engine_cache_dir: Path | None = Field(
        default=None, description="where the engine cache lives; empty: ~/.cache/newsbot"
    )
    metrics_port: int | None = Field(
        default=None,
        ge=0,
        le=65535,
        description="serve /metrics, /livez and /readyz on this port; empty: off",
    )
    metrics_host: str = Field(
        default="127.0.0.1", description="address the metrics port listens on (0.0.0.0: all)"
    )
    heartbeat_timeout: float = Field(
        default=30.0,
        ge=10.0,
        le=120.0,
        description="seconds of gateway silence after which the bot reconnects",
    )
    startup_retry_seconds: float = Field(
        default=300.0,
        ge=0.0,
        description="how long start-up keeps retrying Discord's transient errors before failing",
    )
    shutdown_grace: float = Field(
        default=8.0,
        ge=0.0,
        le=60.0,
        description="seconds a SIGTERM waits for answers in flight before closing",
    )
    data_dir: Path = Field(
        default=Path("data"),
        description="where the bot keeps its state: the SQLite database (unless DATABASE_URL)",
    )
    database_url: SecretStr | None = Field(
        default=None,
        description="PostgreSQL for several shard processes (postgresql://…); empty: SQLite",
    )
    retention_days: int = Field(
        default=90, ge=1, description="days votes and unanswered questions are kept"
    )
    library_poll_seconds: float = Field(
        default=5.0,
        gt=0,
        description="how often the bot looks for articles changed by another process or a curator",
    )
    command_sync_state: Path = Field(
        default=Path(".command-sync.json"),
        description="where the hash of the last globally synced command set is kept",
    )

    @field_validator("discord_token", "database_url", mode="before")
    @classmethod
    def _blank_secret_is_missing(cls, value: object) -> object:
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("command_prefix", mode="before")
    @classmethod
    def _strip_prefix(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value

    @field_validator("discord_api_base", mode="after")
    @classmethod
    def _api_base_is_http(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("http://", "https://")):
            msg = "DISCORD_API_BASE must start with http:// or https://"
            raise ValueError(msg)
        return value.rstrip("/")

    @field_validator(
        "discord_api_base",
        "dev_guild_id",
        "shard_count",
        "knowledge_dir",
        "engine_cache_dir",
        "metrics_port",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _split_shard_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part for part in re.split(r"[\s,]+", value.strip()) if part]
            return tuple(int(part) for part in parts) or None
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _shards_fit(self) -> Settings:
        if self.shard_ids is not None:
            if self.shard_count is None:
                msg = "SHARD_IDS needs SHARD_COUNT"
                raise ValueError(msg)
            if any(not 0 <= shard < self.shard_count for shard in self.shard_ids):
                msg = f"every SHARD_IDS entry must be in 0..{self.shard_count - 1}"
                raise ValueError(msg)
        return self

    def store_url(self) -> str:
        """The database the bot keeps its state in: DATABASE_URL, else SQLite in DATA_DIR.

        Raises:
            StorageError: DATA_DIR cannot be created.
        """
        # Imported here: only the commands that store anything load SQLAlchemy.
        from storage import database_url  # noqa: PLC0415

        url = self.database_url.get_secret_value() if self.database_url else None
        return database_url(self.data_dir, url)

    @property
    def prefix_enabled(self) -> bool:
        """Whether `!ask`-style prefix commands (and so the message_content intent) are on."""
        return bool(self.command_prefix)

    def discord_token_value(self) -> str:
        """Return the token, checked for shape.

        Raises:
            TokenError: the token is missing or malformed; the message never contains it.
        """
        if self.discord_token is None:
            msg = "DISCORD_TOKEN is not set (put it in the environment or in .env)"
            raise TokenError(msg)
        token = self.discord_token.get_secret_value().strip()
        if token.lower().startswith("bot "):
            msg = "DISCORD_TOKEN must be the bare token, without the 'Bot ' prefix"
            raise TokenError(msg)
        if not _TOKEN_SHAPE.fullmatch(token):
            msg = (
                "DISCORD_TOKEN is malformed: expected three dot-separated parts as shown on "
                "the Developer Portal's Bot page"
            )
            raise TokenError(msg)
        return token
