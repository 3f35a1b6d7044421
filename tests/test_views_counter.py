"""The view counter on generated nginx logs: the counting rules, re-runs and rotation, and the
built pages showing imported plus counted views."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import ROOT, FIXTURE_REGISTRY
from wardportal.views.agents import is_reader
from wardportal.views.counter import ArticlePaths

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
ZALO_APP = BROWSER + " Zalo android/12100 ZaloTheme/light ZaloLanguage/vn"
START = datetime(2026, 11, 20, 9, 0, tzinfo=timezone(timedelta(hours=7)))


def line(minute: float, target: str, *, addr: str = "203.0.113.5", method: str = "GET", status: int = 200,
         agent: str = BROWSER) -> str:
    moment = START + timedelta(minutes=minute)
    return (f'{addr} - - [{moment:%d/%b/%Y:%H:%M:%S %z}] "{method} {target} HTTP/1.1" {status} 5120 '
            f'"https://thuongthanh.example.vn/" "{agent}"\n')


def run_views(content: Path, *logs: Path, config: Path | None = None, extra=()) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "scripts" / "views.py"), *map(str, logs), "--content", str(content),
               *(["--config", str(config)] if config else ["--config", str(ROOT / "mkdocs.yml")]), *extra]
    return subprocess.run(command, capture_output=True, text=True)


def counts(content: Path) -> dict[str, int]:
    data = json.loads((content / "_portal" / "views.json").read_text(encoding="utf-8"))
    totals: dict[str, int] = {}
    for day in data["days"].values():
        for slug, number in day.items():
            totals[slug] = totals.get(slug, 0) + number
    return totals


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    (folder / "_portal").mkdir(parents=True)
    (folder / "_portal" / "registry.yml").write_text(FIXTURE_REGISTRY, encoding="utf-8")
    return folder


def test_counting_rules(content: Path, tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text("".join([
        line(0, "/bai-viet/hoi-nghi/"),                                    # counted
        line(5, "/bai-viet/hoi-nghi/?utm_source=zalo"),                    # same reader within 30 min
        line(31, "/bai-viet/hoi-nghi/index.html?x=1"),                     # after 30 min: counted
        line(1, "/bai-viet/hoi-nghi/", addr="2001:db8::7", status=304),    # another reader, 304: counted
        line(2, "/bai-viet/hoi-nghi/", addr="198.51.100.1", method="HEAD"),
        line(2, "/bai-viet/khong-co/", addr="198.51.100.1", status=404),
        line(2, "/bai-viet/hoi-nghi/anh-chia-se.jpg", addr="198.51.100.1"),
        line(2, "/chuyen-muc/tin-hoat-dong/", addr="198.51.100.1"),
        line(2, "/bai-viet/hoi-nghi/", addr="198.51.100.2", agent="Mozilla/5.0 (compatible; Googlebot/2.1)"),
        line(2, "/bai-viet/hoi-nghi/", addr="198.51.100.3", agent="facebookexternalhit/1.1"),
        line(2, "/bai-viet/hoi-nghi/", addr="198.51.100.4", agent="curl/8.5.0"),
        line(2, "/bai-viet/hoi-nghi/", addr="198.51.100.5", agent="-"),
        line(2, "/bai-viet/hoi-nghi/", addr="198.51.100.6", agent=""),
        line(2, "/bai-viet/hoi-nghi/", addr="198.51.100.7", agent="python-requests/2.32"),
        line(3, "/bai-viet/le-hoi/", addr="198.51.100.8", agent=ZALO_APP),  # a reader in Zalo's browser
        "this is not a log line\n",
        '198.51.100.9 - - [99/Foo/2026:00:00:00 +0700] "GET /bai-viet/le-hoi/ HTTP/1.1" 200 1 "-" "x"\n',
    ]), encoding="utf-8")
    result = run_views(content, log)
    assert result.returncode == 0, result.stderr
    assert counts(content) == {"hoi-nghi": 3, "le-hoi": 1}
    assert "2 dòng hỏng" in result.stdout and "4 lượt xem" in result.stdout
    text = (content / "_portal" / "views.json").read_text(encoding="utf-8")
    for address in ("203.0.113.5", "2001:db8::7", "198.51.100"):
        assert address not in text  # only counts per article per day are kept


def test_the_same_log_twice_and_a_rotated_copy_count_once(content: Path, tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(line(0, "/bai-viet/a/") + line(1, "/bai-viet/b/"), encoding="utf-8")
    assert run_views(content, log).returncode == 0
    assert run_views(content, log).returncode == 0
    assert counts(content) == {"a": 1, "b": 1}
    # logrotate: access.log → access.log.1 → access.log.2.gz; nginx starts a new access.log
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(line(50, "/bai-viet/c/"))
    rotated = tmp_path / "access.log.2.gz"
    rotated.write_bytes(gzip.compress(log.read_bytes()))
    log.unlink()
    fresh = tmp_path / "access.log"
    fresh.write_text(line(60, "/bai-viet/c/") + line(61, "/bai-viet/d/") + line(100, "/bai-viet/c/"),
                     encoding="utf-8")
    result = run_views(content, fresh, rotated)
    assert result.returncode == 0, result.stderr
    # c at minute 50 (new in the rotated file) counted; at 60 within 30 minutes of it, not; at 100, counted
    assert counts(content) == {"a": 1, "b": 1, "c": 2, "d": 1}
    assert run_views(content, rotated, fresh).returncode == 0
    assert counts(content) == {"a": 1, "b": 1, "c": 2, "d": 1}


def test_the_30_minutes_carry_over_between_runs(content: Path, tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(line(0, "/bai-viet/a/"), encoding="utf-8")
    run_views(content, log)
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(line(10, "/bai-viet/a/") + line(45, "/bai-viet/a/"))
    run_views(content, log)
    assert counts(content) == {"a": 2}  # minute 10 was a repeat of minute 0, read in the run before


def test_a_truncated_last_line_is_read_when_complete(content: Path, tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    whole = line(0, "/bai-viet/a/") + line(1, "/bai-viet/b/")
    log.write_text(whole[:-40], encoding="utf-8")  # nginx is still writing the last line
    result = run_views(content, log)
    assert result.returncode == 0 and "chưa ghi xong" in result.stdout
    assert counts(content) == {"a": 1}
    log.write_text(whole, encoding="utf-8")
    result = run_views(content, log)
    assert counts(content) == {"a": 1, "b": 1}
    assert "0 dòng hỏng" in result.stdout


def test_a_base_path_from_site_url(content: Path, tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: https://example.gov.vn/phuong/\n", encoding="utf-8")
    log = tmp_path / "access.log"
    log.write_text(line(0, "/phuong/bai-viet/a/") + line(0, "/bai-viet/b/"), encoding="utf-8")
    assert run_views(content, log, config=config).returncode == 0
    assert counts(content) == {"a": 1}


def test_agents_and_paths() -> None:
    assert is_reader(BROWSER) and is_reader(ZALO_APP)
    for agent in ("", "-", "Wget/1.21", "Zalo", "TelegramBot (like TwitterBot)", "okhttp/4.12",
                  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0",
                  "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"):
        assert not is_reader(agent), agent
    paths = ArticlePaths("/")
    assert paths.slug_of("/bai-viet/hoi-nghi/") == "hoi-nghi"
    assert paths.slug_of("https://example.vn/bai-viet/hoi-nghi/index.html") == "hoi-nghi"
    assert paths.slug_of("/bai-viet/hoi-nghi") is None and paths.slug_of("/bai-viet/../etc/") is None


def test_errors_exit_2_in_vietnamese(content: Path, tmp_path: Path) -> None:
    result = run_views(content, tmp_path / "khong-co.log")
    assert result.returncode == 2 and "không tìm thấy tệp nhật ký" in result.stderr
    assert "Traceback" not in result.stderr
    (content / "_portal" / "views.json").write_text("{hỏng", encoding="utf-8")
    log = tmp_path / "access.log"
    log.write_text(line(0, "/bai-viet/a/"), encoding="utf-8")
    result = run_views(content, log)
    assert result.returncode == 2 and "không đọc được tệp lượt xem" in result.stderr
    assert "Traceback" not in result.stderr
    result = run_views(content, extra=["--report", "--month", "2026-13"])
    assert result.returncode == 2 and "--month" in result.stderr


def test_built_pages_show_imported_plus_counted_views_and_the_report(fixture_site, tmp_path: Path) -> None:
    fixture_site.article("2026/11/hoi-nghi.md", title="Hội nghị sơ kết", date="2026-11-10 08:00", views=1200)
    fixture_site.article("2026/11/le-hoi.md", title="Lễ hội mùa thu", date="2026-11-11 08:00", views=5,
                         unit="ubnd")
    log = tmp_path / "access.log"
    log.write_text("".join(line(0, "/bai-viet/hoi-nghi-so-ket/", addr=f"203.0.113.{n}") for n in range(7))
                   + line(0, "/bai-viet/le-hoi-mua-thu/"), encoding="utf-8")
    assert run_views(fixture_site.content, log).returncode == 0
    fixture_site.build(strict=True)
    page = fixture_site.html("bai-viet/hoi-nghi-so-ket/")
    assert "Lượt xem: 1.207" in page
    listing = fixture_site.html("chuyen-muc/tin-hoat-dong/")
    assert "Lượt xem: 1.207" in listing and "Lượt xem: 6" in listing
    report = run_views(fixture_site.content, extra=["--report", "--month", "2026-11"])
    assert report.returncode == 0, report.stderr
    lines = report.stdout.splitlines()
    top = [l for l in lines if l.strip().startswith("1.")][0]
    assert "Hội nghị sơ kết" in top and " 7 " in top
    assert any("Đảng ủy phường" in l and l.strip().startswith("7") for l in lines)
    empty = run_views(fixture_site.content, extra=["--report", "--month", "2026-10"])
    assert "chưa có lượt xem" in empty.stdout
