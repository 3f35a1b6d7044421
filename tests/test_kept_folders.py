"""A rebuild into an existing site/ keeps the portal's own folders (articles, images) and
rewrites only what changed; the result must be exactly what a build into an empty site/ gives."""

from __future__ import annotations

import shutil

import image_samples as samples
from conftest import FIXTURE_REGISTRY, FixtureSite, article_text, hooks_script_env
from wardportal.precompress import TWIN_SUFFIXES

BODY = "Đoạn mở đầu đủ dài của bài viết để làm phần tóm tắt.\n\n![Ảnh](../../../images/2026/than-bai.jpg)\n"
SAME_TIME = {"SOURCE_DATE_EPOCH": "1764115200"}  # sitemap.xml.gz carries the build time


def _tree(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*"))
            if path.is_file()}


def _portal(tmp_path) -> FixtureSite:
    site = FixtureSite(tmp_path)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.write("images/2026/bia.jpg", samples.phone_photo(900, 600))
    site.write("images/2026/than-bai.jpg", samples.phone_photo(700, 500))
    for number in range(6):
        site.article(f"2024/03/bai-{number}.md", title=f"Bài số {number} của phường", views=number,
                     date=f"2024-03-{10 + number} 08:00", body=BODY if number == 2 else f"Nội dung bài {number}.",
                     image="images/2026/bia.jpg" if number == 1 else None)
    return site


def test_rebuild_after_changes_equals_a_build_into_an_empty_site(tmp_path):
    site = _portal(tmp_path)
    site.build(strict=True, env=SAME_TIME)
    # deleted, renamed, edited, retitled, and a replaced photo
    (site.content / "bai-viet/2024/03/bai-0.md").unlink()
    site.article("2024/03/bai-3.md", title="Bài số 3 của phường", slug="bai-ba-moi", date="2024-03-13 08:00")
    site.article("2024/03/bai-4.md", title="Bài số 4 của phường", date="2024-03-14 08:00", body="Nội dung đã sửa.")
    site.article("2024/03/bai-5.md", title="Bài số 5 đổi tên", date="2024-03-15 08:00")
    site.write("images/2026/than-bai.jpg", samples.phone_photo(640, 480))
    site.build(strict=True, env=SAME_TIME)
    kept = _tree(site.site)
    assert "bai-viet/bai-ba-moi/index.html" in kept and "bai-viet/bai-so-3-cua-phuong/index.html" not in kept
    assert not any(path.startswith("bai-viet/bai-so-0-") for path in kept)
    assert not any(".ward-kept-" in path for path in kept)
    shutil.rmtree(site.site)
    site.build(strict=True, env=SAME_TIME)
    fresh = _tree(site.site)
    assert kept.keys() == fresh.keys()
    assert [path for path in fresh if kept[path] != fresh[path]] == []


def test_unchanged_rebuild_leaves_article_pages_untouched(tmp_path):
    site = _portal(tmp_path)
    site.build(strict=True)
    page = site.site / "bai-viet/bai-so-1-cua-phuong/index.html"
    card = site.site / "bai-viet/bai-so-1-cua-phuong/anh-chia-se.jpg"
    # unlinking and linking a file again changes its ctime, even with the same content
    before = [(path.stat().st_ino, path.stat().st_ctime_ns) for path in (page, card, page.parent)]
    site.build(strict=True)
    assert [(path.stat().st_ino, path.stat().st_ctime_ns) for path in (page, card, page.parent)] == before


def test_a_build_that_fails_leaves_no_hidden_folder(tmp_path):
    site = _portal(tmp_path)
    site.build(strict=True)
    site.write("bai-viet/2024/03/hong.md", article_text(title="Bài lỗi", unit="khong-co-don-vi"))
    result = site.build(strict=True, check=False)
    assert result.returncode != 0
    assert not list(site.site.glob(".ward-kept-*"))
    site.build()  # and the next build is whole again
    assert (site.site / "bai-viet/bai-so-1-cua-phuong/index.html").exists()


_SERVE_REBUILDS = """
import json, sys
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build
import image_samples as samples
from conftest import FixtureSite
from wardportal.pagefind_index import wait_for_background

config_file, root, site_dir = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
site = FixtureSite(root)  # only its writers, on the same folder
config = load_config(config_file, site_dir=str(site_dir))
config.plugins.on_startup(command="serve", dirty=False)
build(config)
(site.content / "bai-viet/2024/03/bai-0.md").unlink()
site.article("2024/03/bai-3.md", title="Bài số 3 của phường", slug="bai-ba-moi", date="2024-03-13 08:00")
build(load_config(config_file, site_dir=str(site_dir)))
site.article("2024/03/bai-4.md", title="Bài số 4 của phường", date="2024-03-14 08:00", body="Nội dung đã sửa.")
site.article("2024/03/bai-5.md", title="Bài số 5 đổi tên", date="2024-03-15 08:00")
site.write("images/2026/than-bai.jpg", samples.phone_photo(640, 480))
build(load_config(config_file, site_dir=str(site_dir)))
wait_for_background()
"""


def test_serve_rebuilds_leave_exactly_what_a_clean_build_gives(tmp_path):
    """`mkdocs serve` removes what a save made obsolete without walking the kept folders, and
    re-keys only the pages a change shows on: its articles and images equal a clean build's."""
    import subprocess
    import sys

    site = _portal(tmp_path)
    served = tmp_path / "served"
    env = hooks_script_env(**SAME_TIME)
    result = subprocess.run([sys.executable, "-c", _SERVE_REBUILDS, str(site.config()), str(site.root), str(served)],
                            cwd=site.root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    site.build(strict=True, env=SAME_TIME)

    def portal_files(root):
        return {path: data for path, data in _tree(root).items()
                if path.startswith(("bai-viet/", "images/")) and not path.endswith(TWIN_SUFFIXES)}

    kept, fresh = portal_files(served), portal_files(site.site)
    assert "bai-viet/bai-ba-moi/index.html" in kept and not any(path.startswith("bai-viet/bai-so-0-") for path in kept)
    assert kept.keys() == fresh.keys()
    assert [path for path in fresh if kept[path] != fresh[path]] == []
