"""`mkdocs serve`'s lane for new articles (ward_mkdocs.new_articles): a save that only adds
article files is published without a build, and the served site is then exactly what a clean
build of the same content gives, file for file; whatever the lane cannot prove goes to the
full rebuild."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

import image_samples as samples
from conftest import FIXTURE_REGISTRY, FixtureSite, article_text, hooks_script_env

SAME_TIME = {"SOURCE_DATE_EPOCH": "1764115200"}  # sitemap.xml.gz carries the build time

# Each step: files written (or removed), the rebuild `mkdocs serve` would run, then a clean
# `mkdocs build` of the same content into its own folder with its own cache, and the files
# that differ. Prints one record per step.
_STEPS = r"""
import json, os, shutil, subprocess, sys
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build
from ward_mkdocs import quick_rebuild
from ward_mkdocs.portal_pages import PageWriter
from wardportal.pagefind_index import wait_for_background

spliced = []  # pages written by replacing their related block (few pages: no worker processes)
write_related_only = PageWriter.write_related_only
PageWriter.write_related_only = lambda self, item, old: write_related_only(self, item, old) and not spliced.append(1)

config_file, root, served, steps = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), json.loads(sys.argv[4])
content, clean = root / "content", root / "clean"
lanes = []

class Server:  # what MkDocs' LiveReloadServer gives the on_serve event
    def builder(self, config=None):
        lanes[-1] = "full"
        build(load_config(config_file, site_dir=str(served)))

def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

config = load_config(config_file, site_dir=str(served))
config.plugins.on_startup(command="serve", dirty=False)
build(config)
server = Server()
quick_rebuild.install(server)
for step in steps:
    if step.get("clock"):  # the time the lane reads for "now" (settings.now, WARD_AS_OF in tests)
        from datetime import datetime
        from wardportal.dates import VIETNAM
        quick_rebuild.REMEMBERED.build.clock = lambda: datetime.fromisoformat(step["clock"]).replace(tzinfo=VIETNAM)
    for rel, text in step["files"].items():
        path = content / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    lanes.append("quick")
    spliced.clear()
    server.builder()
    wait_for_background()
    shutil.rmtree(clean, ignore_errors=True)
    env = {**os.environ, "WARD_CACHE_DIR": str(root / "clean-cache"), "WARD_PRECOMPRESS": "0"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config_file, "-d", str(clean)],
                   check=True, env=env, cwd=root)
    # Pagefind numbers pages in the order it finds their files, which differs between two
    # folders: its input is compared instead (the records the build staged for it)
    kept = {**tree(served), **{"records/" + k: v for k, v in tree(root / ".cache/pagefind/records").items()}}
    fresh = {**tree(clean), **{"records/" + k: v for k, v in tree(root / "clean-cache/pagefind/records").items()}}
    kept, fresh = ({k: v for k, v in t.items() if not k.startswith("pagefind/") or k.endswith("parts.json")}
                   for t in (kept, fresh))
    print(json.dumps({"step": step["name"], "lane": lanes[-1], "spliced": len(spliced),
                      "missing": sorted(fresh.keys() - kept.keys()), "extra": sorted(kept.keys() - fresh.keys()),
                      "differ": sorted(p for p in fresh.keys() & kept.keys() if fresh[p] != kept[p])}), flush=True)
"""


def _portal(tmp_path) -> FixtureSite:
    site = FixtureSite(tmp_path)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.write("images/2026/bia.jpg", samples.phone_photo(900, 600))
    site.write("images/2026/chua-dung.jpg", samples.phone_photo(600, 400))  # shown by no article yet
    categories = ["tin-hoat-dong", "tin-hoat-dong", "bai-viet-chuyen-sau", "tin-hoat-dong", "van-hoa-xa-hoi",
                  "tin-hoat-dong", "tin-hoat-dong"]
    for number, category in enumerate(categories):
        site.article(f"2024/0{3 + number % 2}/bai-{number}.md", title=f"Bài số {number} của phường",
                     date=f"2024-0{3 + number % 2}-{10 + number} 08:00", body=f"Nội dung bài {number}.",
                     category=category, unit="ubnd" if number % 3 else "dang-uy", views=number,
                     image="images/2026/bia.jpg" if number == 1 else None)
    site.write("gioi-thieu/lich-su.md", "# Lịch sử phường\n\nPhường được thành lập năm 1981.\n")
    return site


def _run(site: FixtureSite, tmp_path, steps: list[dict], **settings) -> list[dict]:
    config = site.config(page_size=2, related=3)
    if settings:
        written = yaml.safe_load(config.read_text(encoding="utf-8"))
        config.write_text(yaml.safe_dump({**written, **settings}, allow_unicode=True, sort_keys=False),
                          encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", _STEPS, str(config), str(site.root), str(tmp_path / "served"),
                             json.dumps(steps)], cwd=site.root, env=hooks_script_env(**SAME_TIME),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def _same_as_clean(record: dict) -> bool:
    return not (record["missing"] or record["extra"] or record["differ"])


def test_new_articles_are_published_without_a_build_and_the_site_equals_a_clean_build(tmp_path):
    site = _portal(tmp_path)
    new = "bai-viet/2024/04/"
    steps = [
        {"name": "newest", "files": {new + "moi-nhat.md": article_text(
            title="Tin mới nhất của phường", date="2024-04-30 09:00", body="Tin vừa đăng, đứng đầu mọi danh sách.")}},
        {"name": "new month, older than all", "files": {"bai-viet/2023/01/cu.md": article_text(
            title="Tin cũ nhập sau", date="2023-01-05 07:30", category="van-hoa-xa-hoi", unit="hoi-phu-nu")}},
        {"name": "an image already shown", "files": {new + "co-anh.md": article_text(
            title="Tin có ảnh đã dùng", date="2024-04-20 10:00", image="images/2026/bia.jpg",
            body="Ảnh trong bài.\n\n![Ảnh minh họa](../../../images/2026/bia.jpg)")}},
        {"name": "two at once, a featured one", "files": {
            new + "hai-a.md": article_text(title="Tin thứ nhất cùng lúc", date="2024-04-25 08:00", featured=True),
            new + "hai-b.md": article_text(title="Tin thứ hai cùng lúc", date="2024-03-01 08:00",
                                           category="bai-viet-chuyen-sau")}},
        {"name": "a body saved after", "files": {new + "moi-nhat.md": article_text(
            title="Tin mới nhất của phường", date="2024-04-30 09:00",
            body="Tin vừa đăng, đứng đầu mọi danh sách.\n\nĐoạn sửa thêm.")}},
        {"name": "an image no article showed", "files": {new + "anh-moi.md": article_text(
            title="Tin có ảnh chưa dùng", date="2024-04-21 10:00", image="images/2026/chua-dung.jpg")}},
        {"name": "a link to a file not there yet", "files": {new + "dan-link.md": article_text(
            title="Tin dẫn sang bài sắp đăng", date="2024-04-22 10:00", body="Xem [bài sắp đăng](sap-dang.md).")}},
        {"name": "the file it named", "files": {new + "sap-dang.md": article_text(
            title="Bài sắp đăng", date="2024-04-23 10:00")}},
        {"name": "a taken address", "files": {new + "trung.md": article_text(
            title="Tin mới nhất của phường", date="2024-04-24 10:00")}},
        {"name": "a broken file", "files": {new + "hong.md": "---\ntitle: [hỏng\n---\n"}},
        {"name": "the broken file mended", "files": {new + "hong.md": article_text(
            title="Tin đã sửa lỗi", date="2024-04-26 10:00")}},
        {"name": "a new article removed", "files": {new + "moi-nhat.md": None}},
        {"name": "future-dated", "files": {"bai-viet/2027/01/sau.md": article_text(
            title="Tin hẹn giờ", date="2027-01-01 08:00")}},
    ]
    records = _run(site, tmp_path, steps)
    assert [(record["step"], record["lane"]) for record in records] == [
        ("newest", "quick"),
        ("new month, older than all", "quick"),  # a new month page and archive counts
        ("an image already shown", "quick"),  # its share card drawn
        ("two at once, a featured one", "quick"),
        ("a body saved after", "quick"),  # the body lane, on the index the new-article lane left
        ("an image no article showed", "full"),  # photos are processed and checked by a build
        ("a link to a file not there yet", "quick"),
        ("the file it named", "full"),  # the linking page changes
        ("a taken address", "full"),  # the build reports it
        ("a broken file", "full"),
        ("the broken file mended", "full"),  # not new: its earlier save was seen
        ("a new article removed", "full"),
        ("future-dated", "full"),  # not shown: the build says so
    ]
    assert [record for record in records if not _same_as_clean(record)] == []
    # the category's older articles show the newest among their related articles: their
    # pages had only that block replaced (PageWriter.write_related_only)
    assert records[0]["spliced"] >= 3


@pytest.mark.parametrize("validation", [None, {"links": {"not_found": "info"}}], ids=["warned", "not warned"])
def test_a_page_linking_to_a_missing_article_sends_that_article_to_the_full_build(tmp_path, validation):
    site = _portal(tmp_path)
    site.write("gioi-thieu/lich-su.md", "# Lịch sử phường\n\nXem [bài sẽ viết](../bai-viet/2024/04/se-viet.md).\n")
    steps = [{"name": "any other new article", "files": {"bai-viet/2024/04/khac.md": article_text(
        title="Một tin khác", date="2024-04-22 10:00")}},
             {"name": "the file it named", "files": {"bai-viet/2024/04/se-viet.md": article_text(
                 title="Bài sẽ viết", date="2024-04-23 10:00")}}]
    records = _run(site, tmp_path, steps, **({"validation": validation} if validation else {}))
    # noted by the build's lookups, whether MkDocs warned about the link or not
    assert [record["lane"] for record in records] == ["quick", "full"]
    assert [record for record in records if not _same_as_clean(record)] == []


def test_files_mkdocs_does_not_list_and_due_articles_go_to_the_full_build(tmp_path):
    site = _portal(tmp_path)
    site.article("2026/12/hen-gio.md", title="Tin hẹn giờ đăng", date="2026-12-01 08:00")  # after WARD_AS_OF
    new = "bai-viet/2024/04/"
    steps = [
        {"name": "a dot file", "files": {new + ".nhap.md": article_text(title="Bản nháp ẩn", date="2024-04-20 10:00")}},
        {"name": "in a dot folder", "files": {new + ".cu/b.md": article_text(title="Bài ẩn", date="2024-04-20 11:00")}},
        {"name": "a README.md", "files": {new + "README.md": article_text(title="Đọc tôi", date="2024-04-20 12:00")}},
        {"name": "an ordinary one", "files": {new + "thuong.md": article_text(title="Tin thường", date="2024-04-21 10:00")}},
        {"name": "after the scheduled one is due", "clock": "2026-12-01T08:00:00",
         "files": {new + "sau-hen.md": article_text(title="Tin sau giờ hẹn", date="2024-04-22 10:00")}},
    ]
    records = _run(site, tmp_path, steps)
    assert [(record["step"], record["lane"]) for record in records] == [
        ("a dot file", "full"), ("in a dot folder", "full"), ("a README.md", "full"),
        ("an ordinary one", "quick"), ("after the scheduled one is due", "full")]
    assert [record for record in records if not _same_as_clean(record)] == []
