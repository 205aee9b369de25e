"""The container files as an operator's tools would read them: the Dockerfile builds the
package from what is in the repository, runs as a non-root user with an exec-form CMD and
a health check; compose brings PostgreSQL, a one-shot migration, a scalable bot, an
optional separate scheduler and backups; every variable they set is a real setting.
(`scripts/test.sh` also runs `docker compose config` and `docker build` where a Docker
daemon answers.)"""

from __future__ import annotations

import json
import re
import tomllib

import yaml

from bot.settings import Settings
from tests.support.cli_support import ROOT


def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) pairs, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def setting_names() -> set[str]:
    return {name.upper() for name in Settings.model_fields}


def test_dockerfile_is_slim_non_root_exec_form_with_a_health_check():
    steps = dockerfile()
    assert re.fullmatch(r"python:3\.1[1-9]-slim(-\w+)?", steps[0][1])
    users = [args for word, args in steps if word == "USER"]
    assert users and users[-1] not in ("root", "0")
    (cmd,) = [args for word, args in steps if word == "CMD"]
    assert json.loads(cmd) == ["python", "-m", "bot"]  # exec form: SIGTERM reaches the bot
    (health,) = [args for word, args in steps if word == "HEALTHCHECK"]
    assert "/healthz" in health and "CMD [" in health
    cmd_index = [word for word, _ in steps].index("CMD")
    assert [word for word, _ in steps].index("USER") < cmd_index


def test_dockerfile_copies_every_package_the_project_installs():
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    wanted = {name.rstrip("*") for name in packages["packages"]["find"]["include"]}
    copied = {args.split()[0].rstrip("/") for word, args in dockerfile() if word == "COPY"}
    assert wanted <= copied
    for name in copied:
        assert (ROOT / name).exists(), name
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".env" in ignored and ".git" in ignored  # no secrets or history in the image


def test_dockerfile_and_compose_set_only_real_settings():
    names = setting_names()
    env_lines = [args for word, args in dockerfile() if word == "ENV"]
    from_docker = set(re.findall(r"([A-Z][A-Z0-9_]+)=", " ".join(env_lines)))
    from_docker -= {"PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PIP_NO_CACHE_DIR"}
    from_docker -= {"PIP_DISABLE_PIP_VERSION_CHECK"}
    app = compose()["x-app"]
    assert from_docker <= names, from_docker - names
    assert set(app["environment"]) <= names, set(app["environment"]) - names


def test_compose_runs_postgres_a_migration_a_scalable_bot_and_backups():
    services = compose()["services"]
    assert {"db", "migrate", "bot", "scheduler"} <= set(services)
    db = services["db"]
    assert db["image"].startswith("postgres:") and "healthcheck" in db
    assert any(v.endswith(":/var/lib/postgresql/data") for v in db["volumes"])
    migrate = services["migrate"]
    assert migrate["command"] == ["python", "-m", "bot", "db", "upgrade"]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    bot = services["bot"]
    assert "ports" not in bot  # no fixed host port: `--scale bot=N` behind the proxy
    assert bot["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "command" not in bot  # the image's exec-form CMD
    assert any(v.startswith("backups:") for v in bot["volumes"])
    assert any(v.startswith("files:") for v in bot["volumes"])
    assert services["scheduler"]["command"] == ["python", "-m", "bot", "scheduler"]
    assert services["scheduler"]["profiles"] == ["split"]
    url = bot["environment"]["DATABASE_URL"]
    assert url.startswith("postgresql+asyncpg://") and "@db:5432/" in url


def test_the_env_example_holds_no_real_secret_and_names_the_compose_password():
    example = (ROOT / ".env.example").read_text()
    assert "POSTGRES_PASSWORD" in example
    for line in example.splitlines():
        if re.match(r"(TELEGRAM_BOT_TOKEN|ZALO_BOT_TOKEN)=\S", line):
            raise AssertionError(f"a token in .env.example: {line}")
