"""Newsroom test support: a fixture portal in its own git repository, served by scripts/editor.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_REGISTRY, ROOT, FixtureSite, article_text

DECAP_DIST = ROOT / "editor" / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
EXISTING = "bai-viet/2026/03/hoi-nghi-so-ket-quy-i.md"
EXISTING_TEXT = article_text(title="Hội nghị sơ kết quý I", date="2026-03-10 08:00", unit="dang-uy",
                             category="tin-hoat-dong", body="Sáng ngày 10/3, Đảng ủy phường tổ chức hội nghị.")


def require_decap() -> None:
    """Without the npm install the newsroom tests skip locally and fail in CI."""
    if DECAP_DIST.is_file():
        return
    message = "editor/node_modules is missing: run scripts/setup.sh (npm ci in editor/)"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message)
    pytest.skip(message)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def make_portal_repo(root: Path, files: dict[str, str] | None = None) -> FixtureSite:
    """A portal with one published article (and `files`, under content/), committed on `main`
    of a fresh repository."""
    site = FixtureSite(root)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.write(EXISTING, EXISTING_TEXT)
    for name, text in (files or {}).items():
        site.write(name, text)
    config = yaml.safe_load(site.config().read_text(encoding="utf-8"))
    config.update(docs_dir="content", site_dir="site")  # relative, as the project's: a worktree builds itself
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (root / ".gitignore").write_text(".cache/\nsite/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Ban biên tập")
    git(root, "config", "user.email", "bbt@example.vn")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Cổng ban đầu")
    return site


@dataclass
class RunningEditor:
    process: subprocess.Popen
    url: str
    preview_url: str | None = None

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)  # what Ctrl-C sends
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.terminate()  # never leave it running for the rest of the suite
            self.process.wait(timeout=30)
            raise AssertionError("scripts/editor.py did not stop on Ctrl-C within 30 s") from None


def start_editor(repo: Path, work: Path, *extra: str, preview: bool = False) -> RunningEditor:
    """scripts/editor.py on `repo`; without `preview`, no `mkdocs serve` (most tests need none)."""
    options = ["--preview-port", "0"] if preview else ["--no-preview"]
    process = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "editor.py"), "--repo", str(repo),
                                "--work-dir", str(work), "--port", "0", *options, *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    lines = []
    url = preview_url = None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("Trình biên tập: "):
            url = line.split(": ", 1)[1].strip()
        elif line.startswith("Xem trước cổng"):
            preview_url = line.rsplit(": ", 1)[1].strip()
        elif line.startswith("Nhấn Ctrl-C") and url:
            return RunningEditor(process, url, preview_url)
    process.kill()
    raise AssertionError("scripts/editor.py did not start:\n" + "".join(lines))
