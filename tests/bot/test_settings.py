"""Settings: the example file loads, the token stays secret, malformed values are caught."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr, ValidationError

from bot.__main__ import main
from bot.settings import Settings, TokenError
from tests.bot.conftest import TOKEN

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / ".env.example"


def test_env_example_loads_and_lists_every_setting() -> None:
    settings = Settings(_env_file=EXAMPLE)
    assert settings.discord_token is None
    assert settings.command_prefix == ""
    assert not settings.prefix_enabled
    text = EXAMPLE.read_text(encoding="utf-8")
    names = set(re.findall(r"^([A-Z_]+)=", text, flags=re.MULTILINE))
    assert names == {name.upper() for name in Settings.model_fields}
    for name in names:  # every setting has a comment right above it
        assert re.search(rf"^#.*\n{name}=", text, flags=re.MULTILINE), name


def test_settings_build_without_a_token() -> None:
    settings = Settings(_env_file=None)
    with pytest.raises(TokenError, match="DISCORD_TOKEN is not set"):
        settings.discord_token_value()


def test_token_never_appears_in_repr_or_str() -> None:
    settings = Settings(_env_file=None, discord_token=SecretStr(TOKEN))
    assert TOKEN not in repr(settings)
    assert TOKEN not in str(settings)
    assert TOKEN not in str(settings.model_dump())
    assert settings.discord_token_value() == TOKEN


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("", "not set"),
        ("   ", "not set"),
        ("abc", "malformed"),
        ("a.b.c", "malformed"),
        (f"Bot {TOKEN}", "without the 'Bot ' prefix"),
        (TOKEN.replace(".", ""), "malformed"),
    ],
)
def test_bad_tokens_get_a_clear_message_without_the_token(token: str, message: str) -> None:
    settings = Settings(_env_file=None, discord_token=SecretStr(token))
    with pytest.raises(TokenError, match=re.escape(message)) as caught:
        settings.discord_token_value()
    if token.strip():
        assert token.strip() not in str(caught.value)


def test_environment_values_are_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("SHARD_COUNT", "4")
    monkeypatch.setenv("SHARD_IDS", "0, 2")
    monkeypatch.setenv("COMMAND_PREFIX", " ! ")
    monkeypatch.setenv("DEV_GUILD_ID", "123")
    monkeypatch.setenv("DISCORD_API_BASE", "http://127.0.0.1:9/api/v10/")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    settings = Settings(_env_file=None)
    assert settings.shard_ids == (0, 2)
    assert settings.shard_count == 4
    assert settings.command_prefix == "!"
    assert settings.dev_guild_id == 123
    assert settings.discord_api_base == "http://127.0.0.1:9/api/v10"
    assert settings.log_level == "DEBUG"


@pytest.mark.parametrize(
    "values",
    [
        {"shard_ids": "0,5", "shard_count": "2"},
        {"shard_ids": "0"},
        {"discord_api_base": "ftp://example.com"},
        {"cooldown_rate": "0"},
        {"max_question_length": "3"},
    ],
)
def test_invalid_values_are_rejected(values: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Settings(_env_file=None, **values)


def test_an_unreadable_env_file_is_one_line_and_exit_code_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".env").write_bytes(b"\xff\xfeDISCORD_TOKEN=x\n")
    monkeypatch.chdir(tmp_path)
    assert main(["kb", "check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: could not read the settings")
    assert len(err.splitlines()) == 1


def test_a_setting_that_needs_another_says_so_plainly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SHARD_IDS", "1")
    monkeypatch.delenv("SHARD_COUNT", raising=False)
    assert main(["kb", "check"]) == 2
    assert capsys.readouterr().err == "error: invalid settings: SHARD_IDS needs SHARD_COUNT\n"
