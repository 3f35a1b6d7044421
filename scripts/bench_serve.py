"""What an editor waits for in `mkdocs serve`, timed from the outside.

The benchmark starts `mkdocs serve` on a free 127.0.0.1 port over its corpus, saves a file
and polls the served URLs until they show the change: the time an editor sees, file
watching, rebuild and serving included. (MkDocs' server holds requests while it rebuilds,
so a poll never sees a half-built site.)
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import _bootstrap  # noqa: F401  (wardportal on sys.path)
from wardportal import urls
from wardportal.article import article_from_source
from wardportal.frontmatter_io import parse_article_text, render_article
from wardportal.registry import load_registry
from wardportal.urls import ARTICLES_DIR
from wardportal.vntext import slugify

START_TIMEOUT_S = 3600  # the first build of a large corpus, on a busy machine
CHANGE_TIMEOUT_S = 600
POLL_S = 0.02
STOP_TIMEOUT_S = 120


def _ctrl_c_default() -> None:
    """In the child before exec: Ctrl-C as in a terminal. A benchmark started as a background
    job of a non-interactive shell inherits SIGINT ignored, and so would `mkdocs serve`,
    which then never stops on the SIGINT that lets it remove its temporary site folder."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    """The page's text, or None while it is not served."""
    try:
        with urllib.request.urlopen(url, timeout=CHANGE_TIMEOUT_S) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class ServedSite:
    """`mkdocs serve` in a child process; its peak RSS is read when it stops."""

    def __init__(self, config: Path, cwd: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self._log = tempfile.TemporaryFile("w+")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self._process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{self.port}"],
            cwd=cwd, env=env, stdout=self._log, stderr=subprocess.STDOUT, text=True,
            preexec_fn=_ctrl_c_default)
        self.peak_rss_mib = 0.0

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while fetch(self.base) is None:
            if self._process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"Lỗi: `mkdocs serve` không chạy được:\n{self.output()[-4000:]}")
            time.sleep(0.2)

    def _reap(self, seconds: float):
        """The child's resource usage once it has exited, or None if it is still running."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                pid, status, usage = os.wait4(self._process.pid, os.WNOHANG)
            except ChildProcessError:
                return None
            if pid:
                self._process.returncode = os.waitstatus_to_exitcode(status)
                return usage
            if time.monotonic() > deadline:
                return None
            time.sleep(0.1)

    def output(self) -> str:
        self._log.seek(0)
        return self._log.read()

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGINT)  # serve removes its temporary site folder
            usage = self._reap(STOP_TIMEOUT_S)
            if usage is None:  # it did not stop on Ctrl-C: never wait forever
                self._process.kill()
                usage = self._reap(STOP_TIMEOUT_S)
            if usage is not None:
                self.peak_rss_mib = usage.ru_maxrss / 1024
        self._log.close()

    def wait_for(self, wanted: dict[str, str], started: float) -> float:
        """Seconds from `started` until every URL (relative to the site) shows its text."""
        pending = dict(wanted)
        deadline = started + CHANGE_TIMEOUT_S
        while pending:
            for url, text in list(pending.items()):
                page = fetch(self.base + url)
                if page is not None and text in page:
                    del pending[url]
            if pending:
                if time.monotonic() > deadline:
                    raise SystemExit(f"Lỗi: sau {CHANGE_TIMEOUT_S} s `mkdocs serve` vẫn chưa hiện thay đổi ở "
                                     f"{', '.join(pending)}:\n{self.output()[-4000:]}")
                time.sleep(POLL_S)
        return time.monotonic() - started


def article_url(path: Path, content: Path, registry) -> str:
    """The URL the portal gives the article at `path`, from the shared model."""
    rel = path.relative_to(content).as_posix()
    article, problems = article_from_source(parse_article_text(path.read_text(encoding="utf-8"), rel), registry)
    if article is None:
        raise SystemExit(f"Lỗi: bài {rel} không hợp lệ: {problems}")
    return article.url


def time_edits(site: ServedSite, content: Path, edited: list[Path]) -> float:
    """The median of one body save per article: until its served page shows the new paragraph."""
    registry, _ = load_registry(content)
    times = []
    for number, path in enumerate(edited):
        url = article_url(path, content, registry)
        marker = f"Đoạn văn mới số {number + 1} được biên tập viên thêm vào {time.time_ns()}."
        started = time.monotonic()
        path.write_text(path.read_text(encoding="utf-8") + f"\n\n{marker}\n", encoding="utf-8")
        times.append(site.wait_for({url: marker}, started))
    return statistics.median(times)


def time_publish(site: ServedSite, content: Path, when: str, published: list[Path]) -> float:
    """A new article saved: until its page, its category's first list page and the home page show it."""
    registry, _ = load_registry(content)
    category = registry.categories[0].id
    title = f"Tin mới đăng để đo thời gian số {time.time_ns()}"
    meta = {"title": title, "date": when, "unit": registry.units[0].id, "category": category}
    path = content / ARTICLES_DIR / when[:4] / when[5:7] / f"{slugify(title)}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render_article(meta, "Nội dung bài mới đăng, viết để đo thời gian xuất bản.\n")
    started = time.monotonic()
    path.write_text(text, encoding="utf-8")
    published.append(path)
    url = article_url(path, content, registry)
    return site.wait_for({url: title, urls.category(category): title, "": title}, started)


def serve_figures(project: Path, config: Path, content: Path, edited: list[Path], publish_when: str) -> dict:
    """edit_s, publish_s and the serving process's peak memory."""
    site = ServedSite(config, project)
    published: list[Path] = []
    try:
        site.wait_until_up()
        edit_s = time_edits(site, content, edited)
        publish_s = time_publish(site, content, publish_when, published)
    finally:
        site.stop()
        for path in published:  # the corpus keeps its N articles
            path.unlink(missing_ok=True)
    return {"edit_s": round(edit_s, 2), "publish_s": round(publish_s, 2), "serve_rss_mib": round(site.peak_rss_mib, 1)}
