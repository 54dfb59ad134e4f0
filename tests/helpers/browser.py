"""Headless Chromium for page tests: open an HTML file at a given viewport width,
collect console errors, measure horizontal overflow, save a screenshot.

Uses Debian's /usr/bin/chromium through Playwright's driver (no browser download);
tests using it are skipped with a clear reason when no Chromium is installed."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("HUBB_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
#: where tests save screenshots (kept by CI as artefacts)
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"

ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)")


@dataclass
class PageCheck:
    screenshot: Path
    scroll_width: int
    client_width: int
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    title: str = ""
    text: str = ""

    @property
    def overflows(self) -> bool:
        return self.scroll_width > self.client_width


def check_page(path: Path, name: str, width: int = 1024, height: int = 800) -> PageCheck:
    """Render ``path`` (a local HTML file) at ``width`` px and report what a person would see."""
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(parents=True, exist_ok=True)
    shot = OUTPUT / f"{name}-{width}.png"
    console: list[str] = []
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(Path(path).resolve().as_uri())
            page.wait_for_load_state("load")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            client_width = page.evaluate("document.documentElement.clientWidth")
            title = page.title()
            text = page.inner_text("body")
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    return PageCheck(shot, scroll_width, client_width, console, errors, title, text)
