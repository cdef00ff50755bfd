"""Headless Chromium for the browser tests (tests/test_browser.py, tests/test_browser_page.py):
Debian's chromium and chromium-driver, driven by Selenium without Selenium Manager.

Where a browser is required (CI or ALLOCATOR_REQUIRE_BROWSER set, as .ci/run does), a missing
browser fails every test; elsewhere the browser tests are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError:  # pragma: no cover - only without the test extra
    webdriver = None  # type: ignore[assignment]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
DOCS = Path(__file__).resolve().parent.parent / "docs"
WINDOW = (1500, 1100)
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def is_set(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in {"", "0", "false", "no"}


def _missing() -> list[str]:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.is_file()]
    if webdriver is None:
        missing.append("the Python package selenium")
    return missing


REQUIRED = is_set("CI") or is_set("ALLOCATOR_REQUIRE_BROWSER")
MISSING = _missing()
REASON = (
    f"browser tests need {', '.join(MISSING)}: "
    "apt-get install chromium chromium-driver, and pip install -e '.[test]'"
)


def skip_without_browser() -> None:
    """Called at the top of a browser test module: skip it where no browser is required."""
    if MISSING and not REQUIRED:
        pytest.skip(REASON, allow_module_level=True)


@contextmanager
def chromium(profile: Path) -> Iterator[Any]:
    """One headless Chromium whose page is exactly WINDOW; quit on exit."""
    if MISSING:  # and a browser is required (CI, ALLOCATOR_REQUIRE_BROWSER): fail, never skip
        pytest.fail(f"{REASON} (required here: CI or ALLOCATOR_REQUIRE_BROWSER is set)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={WINDOW[0]},{WINDOW[1]}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # A Service with the driver's path: Selenium uses it as is and never runs Selenium Manager.
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        # Headless Chromium keeps room for a frame it does not draw: grow the window by that much
        # so that the page, and every screenshot, is exactly WINDOW.
        frame = driver.execute_script("return [outerWidth - innerWidth, outerHeight - innerHeight]")
        driver.set_window_size(WINDOW[0] + frame[0], WINDOW[1] + frame[1])
        yield driver
    finally:
        driver.quit()
