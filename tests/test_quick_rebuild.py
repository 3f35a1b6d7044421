"""`mkdocs serve`'s quick lane (ward_mkdocs.quick_rebuild): a save that changes only an
article's body is published without a build, every other save is built in full, and after
any mix of them the served site is exactly what a clean build of the same content gives."""

from __future__ import annotations

import json
import subprocess
import sys

import image_samples as samples
from conftest import FIXTURE_REGISTRY, FixtureSite, hooks_script_env
from search_tools import page_text
from wardportal.precompress import TWIN_SUFFIXES

SAME_TIME = {"SOURCE_DATE_EPOCH": "1764115200"}  # sitemap.xml.gz carries the build time

# Each step: a change, then the rebuild `mkdocs serve` would run; prints which lane took it.
_SERVE_SAVES = """
import json, logging, sys, time
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build
from conftest import FixtureSite, article_text
from ward_mkdocs import quick_rebuild
from wardportal.pagefind_index import wait_for_background

config_file, root, site_dir = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
site = FixtureSite(root)
taken = []
logging.basicConfig(level=logging.INFO, format="%(message)s")  # as the mkdocs command logs

class Server:  # what MkDocs' LiveReloadServer gives the on_serve event
    def builder(self, config=None):
        taken.append("full")
        build(load_config(config_file, site_dir=site_dir))

config = load_config(config_file, site_dir=site_dir)
config.plugins.on_startup(command="serve", dirty=False)
build(config)
server = Server()
quick_rebuild.install(server)

def save(rel, text):
    taken.append(rel)
    (site.content / rel).write_text(text, encoding="utf-8")
    server.builder()

a, b = "bai-viet/2024/03/bai-1.md", "bai-viet/2024/03/bai-2.md"
text_a = (site.content / a).read_text(encoding="utf-8")
save(a, text_a + "\\n\\nĐoạn thêm lần một.\\n")
save(a, text_a + "\\n\\nĐoạn thêm lần một.\\n")  # saved again unchanged
save(a, text_a + "\\n\\nĐoạn thêm lần một.\\n\\nĐoạn thêm lần hai có [liên kết](bai-2.md).\\n")
save(b, (site.content / b).read_text(encoding="utf-8").replace("Bài số 2 của phường", "Bài số 2 đổi tên"))
save(a, text_a.replace("Nội dung bài 1.", "Mở đầu khác hẳn, nên phần tóm tắt đổi theo."))
save(a, text_a + "\\n\\n## Mục mới\\n\\nCó tiêu đề mục mới.\\n")
save("bai-viet/2024/03/bai-moi.md", article_text(title="Bài mới đăng", date="2024-03-20 08:00"))
save("bai-viet/2024/03/bai-3.md", "---\\ntitle: [hỏng\\n---\\n")
save("bai-viet/2024/03/bai-4.md", (site.content / "bai-viet/2024/03/bai-4.md").read_text(encoding="utf-8")
     + "\\n\\nThân bài sửa sau khi có bài mới.\\n")
wait_for_background()
print(json.dumps(taken))
"""


def _portal(tmp_path) -> FixtureSite:
    site = FixtureSite(tmp_path)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.write("images/2026/bia.jpg", samples.phone_photo(900, 600))
    for number in range(6):
        site.article(f"2024/03/bai-{number}.md", title=f"Bài số {number} của phường", views=number,
                     date=f"2024-03-{10 + number} 08:00", body=f"Nội dung bài {number}.",
                     image="images/2026/bia.jpg" if number == 1 else None)
    return site


def _tree(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*"))
            if path.is_file() and not path.name.endswith(TWIN_SUFFIXES)}


def _lanes(taken: list[str]) -> list[tuple[str, str]]:
    """(saved file, "quick" or "full") for each save, from the script's record."""
    lanes = []
    for item in taken:
        if item == "full":
            lanes[-1] = (lanes[-1][0], "full")
        else:
            lanes.append((item, "quick"))
    return lanes


def test_body_saves_go_the_quick_lane_the_rest_a_full_build_and_the_site_equals_a_clean_build(tmp_path):
    site = _portal(tmp_path)
    served = tmp_path / "served"
    env = hooks_script_env(**SAME_TIME)
    result = subprocess.run([sys.executable, "-c", _SERVE_SAVES, str(site.config()), str(site.root), str(served)],
                            cwd=site.root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    lanes = _lanes(json.loads(result.stdout.strip().splitlines()[-1]))
    assert [lane for _, lane in lanes] == [
        "quick",  # a paragraph added to the body
        "quick",  # saved again unchanged (nothing written)
        "quick",  # another paragraph, with a link
        "full",   # a new title: lists, neighbours and search show it
        "full",   # the first paragraph is the summary the lists show
        "full",   # a new heading: other pages may link to its anchor
        "quick",  # a new article (ward_mkdocs.new_articles)
        "full",   # a broken file: the build reports it
        "quick",  # a body again, after those full builds
    ]
    assert "Cập nhật nhanh: trang bai-viet/bai-so-1-cua-phuong/" in result.stderr
    assert "Cập nhật nhanh: không có gì thay đổi" in result.stderr
    site.build(env=SAME_TIME)  # the same content, built from nothing into site/
    kept, fresh = _tree(served), _tree(site.site)
    assert "Thân bài sửa sau khi có bài mới." in kept["bai-viet/bai-so-4-cua-phuong/index.html"].decode()
    assert kept.keys() == fresh.keys()
    assert [path for path in fresh if kept[path] != fresh[path]] == []


def test_a_quick_save_shows_in_the_search_index_and_keeps_the_links_checked(tmp_path):
    site = _portal(tmp_path)
    served = tmp_path / "served"
    script = _SERVE_SAVES.split("a, b = ")[0] + """
a = "bai-viet/2024/03/bai-1.md"
save(a, (site.content / a).read_text(encoding="utf-8") + "\\n\\nTừ khóa aspirin và [liên kết hỏng](khong-co.md).\\n")
wait_for_background()
print(json.dumps(taken))
"""
    env = hooks_script_env()
    result = subprocess.run([sys.executable, "-c", script, str(site.config()), str(site.root), str(served)],
                            cwd=site.root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert _lanes(json.loads(result.stdout.strip().splitlines()[-1])) == [("bai-viet/2024/03/bai-1.md", "quick")]
    assert "khong-co.md" in result.stderr  # the first build had no such link: warned by the quick lane
    text = page_text(served, "/bai-viet/bai-so-1-cua-phuong/")
    assert "aspirin" in text
