"""Releases through scripts/deploy.py under a real nginx: a request loop during a release sees
no failed request and no mixed page set; a failing build never goes live; rollback; the
daily job (views, then release) and its exit status."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT
from nginx_support import Nginx, require_nginx
from wardportal.precompress import LAST_RUN

PAGES = ["", "bai-viet/bai-mot/", "bai-viet/bai-hai/", "chuyen-muc/tin-hoat-dong/", "luu-tru/2026/11/"]
MARKER_RE = re.compile(r"Phiên bản ([AB]) ")


def write_version(site, version: str, *, broken: bool = False) -> None:
    for slug, day in (("bai-mot", 10), ("bai-hai", 11)):
        site.article(f"2026/11/{slug}.md", title=f"Phiên bản {version} bài {slug}", slug=slug,
                     date=f"2026-11-{day} 08:00", unit="khong-co-don-vi" if broken and slug == "bai-hai" else "dang-uy")


def deploy(site, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "WARD_AS_OF": "2026-11-26"}
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "deploy.py"), *args], capture_output=True,
                          text=True, env=env, cwd=site.root)


def release(site, target: Path, *extra: str) -> subprocess.CompletedProcess:
    return deploy(site, "release", "--to", str(target), "--config", str(site.config()), *extra)


def versions_seen(server: Nginx, path: str) -> set[str]:
    status, _, body = server.get(path)
    assert status == 200, (path, status)
    return set(MARKER_RE.findall(body.decode("utf-8")))


def test_release_swap_under_load_failed_build_and_rollback(fixture_site, tmp_path: Path) -> None:
    require_nginx()
    target = tmp_path / "deploy"
    write_version(fixture_site, "A")
    first = release(fixture_site, target)
    assert first.returncode == 0, first.stdout + first.stderr
    assert (target / "current").is_symlink()
    server = Nginx(target / "current", tmp_path / "nginx")
    try:
        assert versions_seen(server, "") == {"A"}
        write_version(fixture_site, "B")
        rounds: list[list[tuple[int, frozenset]]] = []
        stop = threading.Event()

        def load() -> None:
            while not stop.is_set():
                round_ = []
                for path in PAGES:
                    status, _, body = server.get(path)
                    round_.append((status, frozenset(MARKER_RE.findall(body.decode("utf-8", "replace")))))
                rounds.append(round_)

        loop = threading.Thread(target=load)
        loop.start()
        try:
            second = release(fixture_site, target)
        finally:
            done = len(rounds)
            while len(rounds) < done + 2 and loop.is_alive():  # a few rounds after the switch
                threading.Event().wait(0.05)
            stop.set()
            loop.join()
        assert second.returncode == 0, second.stdout + second.stderr
        flat = [item for round_ in rounds for item in round_]
        assert len(rounds) > 3
        assert all(status == 200 for status, _ in flat)  # no failed request during the swap
        assert all(len(seen) == 1 for _, seen in flat)  # each page wholly old or wholly new
        order = [next(iter(seen)) for _, seen in flat]
        assert order[0] == "A" and order[-1] == "B" and "A" not in order[order.index("B"):]  # never back to old
        mixed = [round_ for round_ in rounds if len({next(iter(seen)) for _, seen in round_}) > 1]
        assert len(mixed) <= 1  # only the round during which current was switched
        # the gzip twins of the new release are served too
        status, headers, body = server.get("", {"Accept-Encoding": "gzip"})
        assert headers["Content-Encoding"] == "gzip" and "Phiên bản B" in gzip.decompress(body).decode()

        # a build failing under --strict never goes live
        releases_before = sorted(p.name for p in (target / "releases").iterdir())
        write_version(fixture_site, "A", broken=True)
        failed = release(fixture_site, target)
        assert failed.returncode == 1 and "bản đang chạy giữ nguyên" in failed.stderr
        assert sorted(p.name for p in (target / "releases").iterdir()) == releases_before
        assert all(versions_seen(server, path) == {"B"} for path in PAGES)

        rolled = deploy(fixture_site, "rollback", "--to", str(target))
        assert rolled.returncode == 0, rolled.stderr
        assert all(versions_seen(server, path) == {"A"} for path in PAGES)
        again = deploy(fixture_site, "rollback", "--to", str(target))
        assert again.returncode == 2 and "không có bản phát hành nào cũ hơn" in again.stderr
        assert "Traceback" not in again.stderr
    finally:
        server.stop()

    # only the last N releases are kept; the build cache is shared, so a release is a warm build
    write_version(fixture_site, "B")
    for _ in range(2):
        assert release(fixture_site, target, "--keep", "2").returncode == 0
    assert len(list((target / "releases").iterdir())) == 2
    assert (fixture_site.root / ".cache" / "pages").is_dir()
    twins = json.loads((fixture_site.root / ".cache" / "gzip" / LAST_RUN).read_text(encoding="utf-8"))
    assert twins["linked"] > 10 * twins["compressed"]  # the release folder is new, its twins come from the cache


def test_the_daily_job_counts_views_then_releases(fixture_site, tmp_path: Path) -> None:
    write_version(fixture_site, "A")
    fixture_site.config()
    log = tmp_path / "access.log"
    log.write_text('203.0.113.9 - - [20/Nov/2026:09:00:00 +0700] "GET /bai-viet/bai-mot/ HTTP/1.1" 200 100 "-" '
                   '"Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"\n', encoding="utf-8")
    env = {**os.environ, "WARD_PORTAL": str(ROOT), "WARD_CONFIG": str(fixture_site.root / "mkdocs.yml"),
           "WARD_CONTENT": str(fixture_site.content), "WARD_DEPLOY": str(tmp_path / "deploy"),
           "WARD_LOGS": str(tmp_path / "access.log*"), "WARD_LOG": str(tmp_path / "job.log"),
           "WARD_AS_OF": "2026-11-26", "PYTHON": sys.executable}
    job = subprocess.run(["bash", str(ROOT / "deploy" / "ward-portal-daily.sh")], env=env, capture_output=True, text=True)
    assert job.returncode == 0, job.stdout + job.stderr
    page = (tmp_path / "deploy" / "current" / "bai-viet" / "bai-mot" / "index.html").read_text(encoding="utf-8")
    assert "Lượt xem: 1" in page
    written = (tmp_path / "job.log").read_text(encoding="utf-8")
    assert "1 lượt xem được tính" in written and "Đã phát hành" in written
    write_version(fixture_site, "B", broken=True)
    job = subprocess.run(["bash", str(ROOT / "deploy" / "ward-portal-daily.sh")], env=env, capture_output=True, text=True)
    assert job.returncode == 1  # the host's monitoring sees the failed build
    assert "phát hành mã 1" in (tmp_path / "job.log").read_text(encoding="utf-8")


def test_the_shipped_systemd_units_verify(tmp_path: Path) -> None:
    """`systemd-analyze verify` on the service and timer of deploy/systemd/ (paths and user
    pointed at this checkout and root, which exist here); any complaint fails."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is missing (Debian: package systemd)")
    service = (ROOT / "deploy" / "systemd" / "ward-portal-daily.service").read_text(encoding="utf-8")
    assert "ExecStart=/srv/ward-portal/app/deploy/ward-portal-daily.sh" in service
    service = (service.replace("/srv/ward-portal/app", str(ROOT)).replace("User=portal", "User=root")
               .replace("Group=adm", "Group=root"))
    (tmp_path / "ward-portal-daily.service").write_text(service, encoding="utf-8")
    shutil.copy(ROOT / "deploy" / "systemd" / "ward-portal-daily.timer", tmp_path)
    result = subprocess.run([analyze, "verify", str(tmp_path / "ward-portal-daily.service"),
                             str(tmp_path / "ward-portal-daily.timer")], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr
    calendar = subprocess.run([analyze, "calendar", "*-*-* 00:05:00 Asia/Ho_Chi_Minh"], capture_output=True, text=True)
    assert calendar.returncode == 0 and "00:05:00 Asia/Ho_Chi_Minh" in calendar.stdout
    assert "OnCalendar=*-*-* 00:05:00 Asia/Ho_Chi_Minh" in (tmp_path / "ward-portal-daily.timer").read_text()
