"""Browser-test support: Debian's Chromium through Playwright, a local static server, axe-core.

Import the fixtures into a test module (`from browser_support import browser, ...`).
Without Chromium the tests skip locally but fail in CI (CI=true): never a silent pass.
"""

from __future__ import annotations

import atexit
import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _require(condition: bool, message: str) -> None:
    if condition:
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{message} (CI: browser tests must run)")
    pytest.skip(message)


def require_chromium() -> None:
    """Skip without Chromium locally; fail in CI."""
    _require(os.access(CHROMIUM, os.X_OK), f"{CHROMIUM} is missing: run tests/run.sh (installs it)")


_SHARED: dict = {}  # one Playwright and one Chromium per test process


def _shared_chromium():
    """Start Chromium once per process: every module imports the fixture, which gives each
    module its own fixture definition, and two sync Playwright instances cannot coexist."""
    if "browser" not in _SHARED:
        from playwright.sync_api import sync_playwright
        playwright = sync_playwright().start()
        _SHARED["playwright"] = playwright
        _SHARED["browser"] = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        atexit.register(_stop_chromium)
    return _SHARED["browser"]


def _stop_chromium() -> None:
    _SHARED.pop("browser").close()
    _SHARED.pop("playwright").stop()


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    return _shared_chromium()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep pytest output clean
        pass


class StaticServer:
    """Serves one built site on 127.0.0.1 at a free port, in a background thread."""

    def __init__(self, directory: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path}"

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in {"data", "blob", "about"} or f"{parts.scheme}://{parts.netloc}" == self.origin

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def sample_server(sample_site):
    server = StaticServer(sample_site.site)
    yield server
    server.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe.min.js as the pinned PyPI package axe-playwright-python ships it (no npm needed)."""
    target = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    assert target.exists(), "axe-playwright-python ships no axe.min.js: check requirements-dev.txt"
    return target


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ (gitignored) for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
