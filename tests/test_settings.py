"""Settings: every one documented in .env.example with its real default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import Settings

EXAMPLE = Path(__file__).resolve().parent.parent / ".env.example"


def test_env_example_documents_every_setting_with_its_default(monkeypatch) -> None:
    documented = dict(re.findall(r"^([A-Z_]+)=(.*)$", EXAMPLE.read_text(), re.M))
    assert set(documented) == {name.upper() for name in Settings.model_fields}
    defaults = Settings(_env_file=None)
    from_example = Settings(_env_file=EXAMPLE)
    assert from_example == defaults


def test_placeholder_tokens_are_refused() -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, telegram_bot_token="changeme")
    assert Settings(_env_file=None, telegram_bot_token="").telegram_bot_token is None


def test_tokens_do_not_show_in_repr() -> None:
    settings = Settings(_env_file=None, telegram_bot_token="123:secret-token")
    assert "secret-token" not in repr(settings)


def test_scheduler_settings_are_checked() -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, quiet_hours_start="25:00")
    with pytest.raises(ValidationError):
        Settings(_env_file=None, send_rates="telegram=fast")
    assert Settings(_env_file=None, send_rates="console=5/1").send_rates == "console=5/1"


def test_telegram_webhook_needs_a_valid_secret_and_https() -> None:
    url = "https://bot.example.vn/telegram"
    with pytest.raises(ValidationError, match="TELEGRAM_WEBHOOK_SECRET is required"):
        Settings(_env_file=None, telegram_webhook_url=url)
    with pytest.raises(ValidationError, match="A-Z"):
        Settings(_env_file=None, telegram_webhook_url=url, telegram_webhook_secret="bad secret!")
    with pytest.raises(ValidationError, match="A-Z"):
        Settings(_env_file=None, telegram_webhook_url=url, telegram_webhook_secret="x" * 257)
    with pytest.raises(ValidationError, match="https"):
        Settings(
            _env_file=None,
            telegram_webhook_url="http://bot.example.vn/tg",
            telegram_webhook_secret="s",
        )
    settings = Settings(_env_file=None, telegram_webhook_url=url, telegram_webhook_secret="a_B-9")
    assert settings.telegram_webhook_path == "/telegram"
    assert "a_B-9" not in repr(settings)
