"""The browser tests' fixtures (a plugin, so the tests need not import them): the real
server with the console on a free port, Debian's Chromium through Playwright, and
screenshots to artifacts/ (not committed). `browser_mark` skips without Chromium."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.channels.webhooks import WebhookServer
from bot.web.app import console_app
from bot.web.context import WebConfig
from tests.support.web_support import BOT_TOKEN

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

browser_mark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
)


@pytest.fixture
async def server(sessionmaker, files_dir, clock) -> AsyncIterator[str]:
    """The webhook server with the console mounted, as in production, on a free port."""
    web = WebhookServer("127.0.0.1", 0)
    config = WebConfig(base_url="", bot_token=BOT_TOKEN, files_dir=files_dir)
    web.mount("/console", console_app(sessionmaker, config, clock))
    await web.start()
    try:
        yield f"http://127.0.0.1:{web.port}"
    finally:
        await web.stop()


@pytest.fixture
async def chromium() -> AsyncIterator[object]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            await browser.close()


async def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
