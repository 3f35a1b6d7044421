"""`extra.ward.stats_public: false`: no Thống kê in a public build (pages, menu, site map,
sitemap.xml, search, gzip twins); an internal build (WARD_INTERNAL=1), a preview build and
`mkdocs serve` still have it."""

from __future__ import annotations

import gzip
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import FixtureSite
from quota_range_fixture import AS_OF, write_range_site

INTRO = "---\ntitle: Thống kê\n---\n\nSố liệu nội bộ của Ban biên tập.\n"


def _site(root) -> FixtureSite:
    site = write_range_site(FixtureSite(root))
    site.write("thong-ke/index.md", INTRO)  # a hand-written intro leaves with the section
    return site


def _files_naming_stats(site: FixtureSite) -> list[str]:
    """Every file of site/ whose path or (decompressed) text names the section."""
    found = []
    for path in site.site.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site.site).as_posix()
        if rel.startswith("assets/stylesheets/stats.css"):  # the theme's styles, on every page: no figures
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        if "thong-ke" in rel or b"thong-ke" in data or "Thống kê".encode() in data \
                or "Số liệu nội bộ".encode() in data:
            found.append(rel)
    return found


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> FixtureSite:
    site = _site(tmp_path_factory.mktemp("stats-public-off"))
    site.build(strict=True, env={"WARD_AS_OF": AS_OF}, stats_public=False)
    return site


def test_public_build_has_no_stats_anywhere(public):
    assert not (public.site / "thong-ke").exists()
    assert _files_naming_stats(public) == []
    records = public.root / ".cache" / "pagefind" / "records"
    assert records.is_dir() and not [p for p in records.rglob("*") if p.is_file() and b"thong-ke" in p.read_bytes()]
    # the rest of the portal is all there
    assert 'href="so-do-cong/"' in public.html("") and (public.site / "sitemap.xml.gz").exists()
    assert "Tin hoạt động" in public.html("so-do-cong/")


@pytest.mark.parametrize("env", [{"WARD_INTERNAL": "1"}, {"WARD_PREVIEW": "1"}], ids=["internal", "preview"])
def test_internal_and_preview_builds_have_the_section(tmp_path, env):
    site = _site(tmp_path)
    site.build(strict=True, env={"WARD_AS_OF": AS_OF, **env}, stats_public=False)
    assert (site.site / "thong-ke/2026/quy-3/index.html").exists() and (site.site / "thong-ke/2026/ca-nam/").is_dir()
    assert "Số liệu nội bộ của Ban biên tập." in site.html("thong-ke/")
    assert 'href="thong-ke/"' in site.html("")  # in the menu
    assert 'href="../thong-ke/"' in site.html("so-do-cong/")


def test_default_is_public(tmp_path):
    site = _site(tmp_path)
    site.build(strict=True, env={"WARD_AS_OF": AS_OF})
    assert 'href="thong-ke/"' in site.html("") and "thong-ke/2026/quy-3/" in (site.site / "sitemap.xml").read_text()


@pytest.mark.parametrize("setting, env, message", [
    ({"stats_public": "không"}, {}, "extra.ward.stats_public chỉ nhận `true`"),
    ({}, {"WARD_INTERNAL": "có lẽ"}, "biến môi trường WARD_INTERNAL chỉ nhận 1 (bật) hoặc 0 (tắt), đang là `có lẽ`"),
])
def test_bad_switch_values_stop_the_build_with_a_named_error(fixture_site, setting, env, message):
    result = fixture_site.build(check=False, env=env, **setting)
    assert result.returncode != 0 and message in result.stdout and "Traceback" not in result.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, deadline: float) -> tuple[int, str]:
    """The page once `mkdocs serve` has built and answers (it builds first, then listens)."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, ""
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_mkdocs_serve_is_the_editors_preview_and_has_the_section(tmp_path):
    site = _site(tmp_path)
    config = site.config(stats_public=False)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "WARD_AS_OF": AS_OF}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--no-livereload",
                               "-a", f"127.0.0.1:{port}"], cwd=site.root, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300  # waiting for the first build, not timing it
        status, page = _get(f"http://127.0.0.1:{port}/thong-ke/2026/quy-3/", deadline)
        assert status == 200 and "<h1>Thống kê Quý III/2026</h1>" in page
        status, home = _get(f"http://127.0.0.1:{port}/", deadline)
        assert status == 200 and 'href="thong-ke/"' in home
    finally:
        server.terminate()
        server.wait(timeout=60)
