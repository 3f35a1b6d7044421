"""A real nginx (Debian's) for tests: the standalone configuration scripts/deploy.py prints,
on 127.0.0.1 at a port chosen at run time. Without nginx the tests skip locally and fail in
CI (tests/run.sh installs it)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from browser_support import DESKTOP
from wardportal.serving.nginxconf import BROTLI_MODULE

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def require_nginx() -> None:
    _require(os.access(NGINX, os.X_OK), NGINX, "nginx-light")


def require_brotli_module() -> None:
    _require(BROTLI_MODULE.is_file(), BROTLI_MODULE, "libnginx-mod-http-brotli-static")


def _require(present: bool, what: Path | str, package: str) -> None:
    if present:
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{what} is missing (CI: the nginx tests must run; tests/run.sh installs {package})")
    pytest.skip(f"{what} is missing: run tests/run.sh (installs Debian's {package})")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Nginx:
    """nginx -p PREFIX -c PREFIX/nginx.conf, serving `root`, stopped by stop()."""

    def __init__(self, root: Path, prefix: Path, *, config: Path | None = None, options: tuple[str, ...] = ()) -> None:
        """`options`: more arguments for `deploy.py nginx` (e.g. "--brotli", "off")."""
        require_nginx()
        self.prefix, self.port = prefix, free_port()
        command = [sys.executable, str(ROOT / "scripts" / "deploy.py"), "nginx", "--standalone",
                   "--root", str(root), "--listen", f"127.0.0.1:{self.port}", "--prefix", str(prefix)]
        if config is not None:
            command += ["--config", str(config)]
        command += options
        if os.geteuid() == 0:
            command += ["--user", "root"]  # else workers run as nobody, who cannot enter pytest's tmp
        printed = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        self.config = prefix / "nginx.conf"
        self.config.write_text(printed, encoding="utf-8")
        subprocess.run([NGINX, "-p", str(prefix), "-c", str(self.config)], check=True, capture_output=True)
        self._wait()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def get(self, path: str, headers: dict | None = None, method: str = "GET"):
        """(status, headers, body bytes) without following redirects or decoding gzip."""
        request = urllib.request.Request(self.url(path), headers=headers or {}, method=method)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def access_log(self) -> Path:
        return self.prefix / "logs" / "access.log"

    def _wait(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"nginx did not start: {(self.prefix / 'logs' / 'error.log').read_text()}")

    def stop(self) -> None:
        subprocess.run([NGINX, "-p", str(self.prefix), "-c", str(self.config), "-s", "quit"], capture_output=True)


LISTEN_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def open_recording(browser, url: str, viewport: dict = DESKTOP):
    """A page at `url` that records CSP violations (`window.__violations`); returns (context,
    page, messages): console errors, uncaught exceptions and responses of 400 and above."""
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    page = context.new_page()
    page.add_init_script(LISTEN_VIOLATIONS)
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    page.on("response", lambda response: messages.append(f"{response.status}: {response.url}")
            if response.status >= 400 else None)
    page.goto(url, wait_until="networkidle")
    return context, page, messages


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
