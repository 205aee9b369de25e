"""Settings from the environment and `.env`, read once at start and passed down."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from scheduler.config import parse_rates
from storage.services.schedules import parse_time

# The Bot API takes a webhook secret_token of 1 to 256 of these characters.
TELEGRAM_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
PLACEHOLDERS = {"changeme", "change-me", "your-token-here", "123456:ABC", "xxx"}


class Settings(BaseSettings):
    """Every setting of the bot; `.env.example` documents each with its default."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///data/bot.db"
    files_dir: Path = Path("data/files")
    bot_language: Literal["vi", "en"] = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    log_level: str = "INFO"
    log_format: Literal["text", "json"] = "text"

    telegram_bot_token: SecretStr | None = None
    # For t.me deep links on invite sheets; when empty the console asks Telegram (getMe).
    telegram_bot_username: str = ""
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_file_base_url: str = "https://api.telegram.org/file/bot"
    telegram_max_in_flight: int = Field(default=64, ge=1, le=1024)
    telegram_rate_per_second: float = Field(default=30, gt=0)
    telegram_rate_per_chat: float = Field(default=0.9, gt=0)
    telegram_chat_burst: int = Field(default=3, ge=1, le=20)
    telegram_poll_timeout: int = Field(default=10, ge=0, le=50)
    # -- telegram by webhook (several processes behind a load balancer) ------------------
    telegram_webhook_url: str = ""
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_max_connections: int = Field(default=40, ge=1, le=100)
    telegram_inbox_sweep_seconds: float = Field(default=5, gt=0)

    zalo_bot_token: SecretStr | None = None
    zalo_api_base_url: str = "https://bot-api.zaloplatforms.com"
    # -- zalo (bot platform, official account, webhooks, delivery) -----------------------
    zalo_bot_webhook_url: str = ""
    zalo_bot_webhook_secret: SecretStr | None = None
    zalo_bot_webhook_path: str = "/zalo/bot"
    zalo_bot_poll_timeout: int = Field(default=30, ge=1, le=60)
    zalo_bot_rate_per_second: float = Field(default=5, gt=0)
    zalo_bot_rate_per_chat: float = Field(default=1, gt=0)
    zalo_oa_app_id: str = ""
    zalo_oa_secret_key: SecretStr | None = None
    zalo_oa_webhook_secret_key: SecretStr | None = None
    zalo_oa_refresh_token: SecretStr | None = None
    zalo_oa_api_base_url: str = "https://openapi.zalo.me"
    zalo_oa_oauth_base_url: str = "https://oauth.zaloapp.com"
    zalo_oa_redirect_uri: str = ""
    zalo_oa_webhook_path: str = "/zalo/oa"
    zalo_oa_rate_per_second: float = Field(default=1.5, gt=0)
    zalo_oa_rate_per_chat: float = Field(default=1, gt=0)
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=0, le=65535)
    deliver_to_all_channels: bool = False
    # -- operating: /readyz waits this long for the database, and wants each channel to
    # have had a successful API call within READY_CHANNEL_SECONDS (idle ones are probed)
    ready_channel_seconds: float = Field(default=120, gt=0)
    ready_database_timeout: float = Field(default=2, gt=0)

    # -- committee console (web pages under /console on the webhook server)
    web_base_url: str = ""
    web_init_data_max_age: int = Field(default=86400, ge=60)
    web_session_idle_minutes: int = Field(default=60, ge=1)
    web_session_max_hours: int = Field(default=12, ge=1)

    max_file_mb: float = Field(default=20, gt=0)
    allowed_file_types: str = (
        "image/jpeg,image/png,image/webp,image/heic,application/pdf,"
        "application/msword,"
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
        "application/vnd.ms-excel,"
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    invite_ttl_days: int = Field(default=14, ge=1)
    invite_secret: SecretStr | None = None
    lockout_attempts: int = Field(default=5, ge=1)
    lockout_minutes: int = Field(default=15, ge=1)
    demo_employee_code: str = "HNI0008"

    # -- scheduler: reminders, digests, broadcasts
    quiet_hours_start: str = "21:00"
    quiet_hours_end: str = "07:00"
    missed_grace_minutes: int = Field(default=180, ge=0)
    send_rates: str = "zalo_bot=10/1,zalo_oa=10/1,console=200/200"
    send_max_attempts: int = Field(default=5, ge=1)
    send_retry_seconds: float = Field(default=30, gt=0)
    send_concurrency: int = Field(default=8, ge=1)
    sender_poll_seconds: float = Field(default=1, gt=0)
    sender_lease_seconds: float = Field(default=60, gt=0)
    scheduler_sync_seconds: float = Field(default=10, gt=0)
    leader_poll_seconds: float = Field(default=15, gt=0)
    broadcast_progress_seconds: float = Field(default=3, gt=0)

    # -- personal data retention (a daily job of the scheduler leader)
    retention_time: str = "03:30"
    # At least the 7 days a Zalo OA event may be replayed within (zalo_oa_webhook.MAX_AGE).
    retention_processed_update_days: int = Field(default=7, ge=7)
    retention_outbox_days: int = Field(default=90, ge=1)
    retention_invite_days: int = Field(default=30, ge=1)

    # -- backups
    backup_dir: Path | None = Path("data/backups")
    backup_keep: int = Field(default=14, ge=1)
    backup_at: str = "02:30"

    @field_validator(
        "telegram_bot_token",
        "telegram_webhook_secret",
        "zalo_bot_token",
        "zalo_bot_webhook_secret",
        "zalo_oa_secret_key",
        "zalo_oa_webhook_secret_key",
        "zalo_oa_refresh_token",
        "invite_secret",
        mode="before",
    )
    @classmethod
    def _empty_or_placeholder_is_none(cls, value: object) -> object:
        """Treat an empty token as unset and refuse a placeholder copied from the example."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, str) and value.strip().lower() in PLACEHOLDERS:
            raise ValueError("is a placeholder: put the real token or leave it empty")
        return value

    @field_validator("quiet_hours_start", "quiet_hours_end", "retention_time", "backup_at")
    @classmethod
    def _time_of_day(cls, value: str) -> str:
        if parse_time(value) is None:
            raise ValueError("must be a time of day such as 21:00")
        return value

    @field_validator("send_rates")
    @classmethod
    def _rates(cls, value: str) -> str:
        try:
            rates = parse_rates(value)
        except ValueError as exc:
            raise ValueError("must look like telegram=30/1,console=200/200") from exc
        if any(r.per_second <= 0 or r.per_chat <= 0 for r in rates.values()):
            raise ValueError("rates must be positive")
        return value

    @field_validator("backup_dir", mode="before")
    @classmethod
    def _empty_is_off(cls, value: object) -> object:
        """An empty BACKUP_DIR turns the daily backup off."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("web_base_url")
    @classmethod
    def _web_base_url(cls, value: str) -> str:
        """The console's public address: http(s)://host[/prefix], no trailing slash."""
        value = value.strip().rstrip("/")
        if value and not value.startswith(("https://", "http://")):
            raise ValueError("must start with https:// (or http:// on a local network)")
        return value

    @field_validator("zalo_bot_webhook_secret")
    @classmethod
    def _secret_length(cls, value: SecretStr | None) -> SecretStr | None:
        """Zalo takes a webhook secret of 8 to 256 characters."""
        if value is not None and not 8 <= len(value.get_secret_value()) <= 256:
            raise ValueError("must be 8 to 256 characters")
        return value

    def secret_values(self) -> list[str]:
        """Every configured token and key, for the log formatter to blank."""
        return [
            value.get_secret_value()
            for value in self.__dict__.values()
            if isinstance(value, SecretStr) and value.get_secret_value()
        ]

    @field_validator("telegram_webhook_url")
    @classmethod
    def _https_url(cls, value: str) -> str:
        """Telegram delivers webhooks only to a public HTTPS address."""
        value = value.strip()
        if value and (urlsplit(value).scheme != "https" or not urlsplit(value).hostname):
            raise ValueError(
                "must be a public https:// address, e.g. https://bot.example.vn/telegram"
            )
        return value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _telegram_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not TELEGRAM_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.telegram_webhook_url and self.telegram_webhook_secret is None:
            raise ValueError(
                "TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL "
                "(e.g. the output of: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        return self

    @property
    def telegram_webhook_path(self) -> str:
        """Where the webhook server takes Telegram's updates: the URL's path."""
        return urlsplit(self.telegram_webhook_url).path or "/"

    @property
    def zalo_oa_configured(self) -> bool:
        return bool(self.zalo_oa_app_id.strip()) and self.zalo_oa_secret_key is not None

    @property
    def channels_configured(self) -> bool:
        """True when at least one chat channel has its credentials (else: the console)."""
        return (
            self.telegram_bot_token is not None
            or self.zalo_bot_token is not None
            or self.zalo_oa_configured
        )

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def allowed_mime_types(self) -> frozenset[str]:
        return frozenset(t.strip() for t in self.allowed_file_types.split(",") if t.strip())


def describe_errors(exc: ValidationError) -> str:
    """One line per bad setting: its variable name and what is wrong, never its value
    (pydantic's own text repeats the input, which may be a token)."""
    lines = []
    for error in exc.errors(include_url=False, include_input=False, include_context=False):
        name = "_".join(str(part) for part in error["loc"]).upper() or "?"
        lines.append(f"  {name}: {error['msg']}")
    return "\n".join(lines)
