"""Caches never serve stale pages: each input a page depends on changes its output.

A rebuild reuses the article HTML cache (.cache/html beside mkdocs.yml); changing an
article, another article's URL, a template, the registry or the Markdown settings must
still show in the rebuilt pages.
"""

import shutil

import pytest
import yaml

from conftest import FIXTURE_REGISTRY, ROOT, FixtureSite

ARTICLE = "bai-viet/doi-moi-cong-tac-dan-van/"


@pytest.fixture
def site(tmp_path):
    site = FixtureSite(tmp_path)
    site.theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", site.theme)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.article("2024/03/a.md", title="Đổi mới công tác dân vận",
                 body="Đoạn mở đầu đủ dài của bài viết về công tác dân vận ở phường.\n\n"
                      "## Kết quả nổi bật\n\nXem thêm [bài hội nghị](b.md).")
    site.article("2024/03/b.md", title="Hội nghị sơ kết", date="2024-03-11 09:00")
    site.build(strict=True)
    return site


def _cache_files(site):
    return {path: path.stat().st_mtime_ns for path in (site.root / ".cache" / "html").rglob("*.json")}


def test_unchanged_rebuild_reuses_every_cached_article(site):
    before = _cache_files(site)
    first = site.html(ARTICLE)
    site.build(strict=True)
    assert len(before) == 2 and _cache_files(site) == before  # no entry rewritten: all hits
    assert site.html(ARTICLE) == first


def _replace_in(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_changed_article_body_is_reconverted(site):
    _replace_in(site.content / "bai-viet/2024/03/a.md", "Kết quả nổi bật", "Kết quả mới")
    site.build(strict=True)
    assert "Kết quả mới" in site.html(ARTICLE) and "Kết quả nổi bật" not in site.html(ARTICLE)


def test_changed_url_of_a_linked_article_updates_the_link(site):
    _replace_in(site.content / "bai-viet/2024/03/b.md", "title: Hội nghị sơ kết",
                "title: Hội nghị sơ kết\nslug: hoi-nghi-moi")
    site.build(strict=True)
    assert 'href="../hoi-nghi-moi/"' in site.html(ARTICLE)


def test_changed_template_shows_on_every_article(site):
    _replace_in(site.theme / "ward" / "article-body.html", '<p class="ward-article__header">',
                '<p class="ward-article__header" data-changed>')
    site.build(strict=True)
    assert "data-changed" in site.html(ARTICLE)


def test_changed_registry_shows_on_article_pages(site):
    site.write("_portal/registry.yml", FIXTURE_REGISTRY.replace("name: Tin hoạt động", "name: Tin tức hoạt động"))
    site.build(strict=True)
    assert "Tin tức hoạt động" in site.html(ARTICLE)


def test_changed_markdown_settings_reconvert_articles(site):
    assert "headerlink" not in site.html(ARTICLE)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    site.markdown_extensions = [{"toc": {"permalink": True}} if isinstance(item, dict) and "toc" in item else item
                                for item in config["markdown_extensions"]]
    site.build(strict=True)
    assert 'class="headerlink"' in site.html(ARTICLE)


_SERVE_LIKE = """
import sys
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build

config_file, article, registry = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
build(load_config(config_file))
article.write_text(article.read_text(encoding="utf-8").replace("Kết quả nổi bật", "Kết quả sau khi sửa"),
                   encoding="utf-8")
registry.write_text(registry.read_text(encoding="utf-8").replace("name: Đảng ủy phường", "name: Đảng ủy phường mới"),
                    encoding="utf-8")
build(load_config(config_file))   # the rebuild `mkdocs serve` does, memo kept in this process
"""


def test_rebuild_in_the_same_process_shows_edits_and_registry_changes(site):
    import os
    import subprocess
    import sys

    config = site.config()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "WARD_AS_OF": "2026-11-26"}
    subprocess.run([sys.executable, "-c", _SERVE_LIKE, str(config), str(site.content / "bai-viet/2024/03/a.md"),
                    str(site.content / "_portal/registry.yml")], cwd=site.root, env=env, check=True,
                   capture_output=True)
    page = site.html(ARTICLE)
    assert "Kết quả sau khi sửa" in page and "Kết quả nổi bật" not in page
    assert "Đảng ủy phường mới" in page
    assert "Đảng ủy phường mới" in site.html("bai-viet/hoi-nghi-so-ket/")  # unchanged file, new registry


def _stored_pages(site):
    return {path.name: path.stat().st_ino for path in (site.root / ".cache" / "pages").rglob("*.html")}


def test_full_render_build_never_writes_into_stored_pages(site):
    page = site.site / ARTICLE / "index.html"
    stored = _stored_pages(site)
    _replace_in(site.content / "bai-viet/2024/03/a.md", "Kết quả nổi bật", "Kết quả TẠM")
    site.build(strict=True, env={"WARD_FRAMES": "0"})  # no store: must not write through its links
    assert "Kết quả TẠM" in page.read_text(encoding="utf-8")
    _replace_in(site.content / "bai-viet/2024/03/a.md", "Kết quả TẠM", "Kết quả nổi bật")
    site.build(strict=True)
    assert "Kết quả TẠM" not in site.html(ARTICLE) and _stored_pages(site) == stored


def test_serve_and_build_keep_separate_stores(site):
    stored = _stored_pages(site)
    site.build(strict=True, env={"WARD_PREVIEW": "1"})  # another store: this one's pages stay
    assert set(stored) <= set(_stored_pages(site))


def test_unchanged_rebuild_links_article_pages_from_the_store(site):
    stored = _stored_pages(site)
    assert len(stored) >= 2  # both articles and their framed list pages
    site.build(strict=True)
    assert _stored_pages(site) == stored  # nothing rendered again
    page = site.site / ARTICLE / "index.html"
    assert page.stat().st_ino in stored.values()  # the site's page is the stored file itself


def test_changed_other_article_title_updates_related_and_neighbour_links(site):
    before = _stored_pages(site)
    _replace_in(site.content / "bai-viet/2024/03/b.md", "title: Hội nghị sơ kết",
                "title: Hội nghị sơ kết quý I\nslug: hoi-nghi-so-ket")
    site.build(strict=True)
    page = site.html(ARTICLE)  # a.md did not change, but it lists b.md
    assert "Hội nghị sơ kết quý I" in page
    after = _stored_pages(site)
    assert len(after) == len(before)  # the old versions are pruned
    assert (site.site / ARTICLE / "index.html").stat().st_ino in set(after.values()) - set(before.values())


def test_changed_site_name_shows_on_stored_article_pages(site):
    site.site_name = "Cổng thông tin phường Mới"
    site.build(strict=True)
    assert "Cổng thông tin phường Mới" in site.html(ARTICLE)


def test_publishing_an_article_keeps_the_others_cached(site):
    before = _cache_files(site)
    site.article("2024/04/c.md", title="Tin mới đăng", date="2024-04-02 08:00")
    site.build(strict=True)
    after = _cache_files(site)
    assert len(after) == len(before) + 1
    assert all(after[path] == mtime for path, mtime in before.items())  # a and b: not converted again


def test_a_link_target_published_later_becomes_a_link(site):
    _replace_in(site.content / "bai-viet/2024/03/a.md", "[bài hội nghị](b.md)", "[bài sắp đăng](d.md)")
    site.build()  # d.md does not exist yet: a warning, and nothing cached for a.md
    site.article("2024/03/d.md", title="Bài đăng sau", date="2024-03-20 08:00")
    site.build(strict=True)
    assert 'href="../bai-dang-sau/"' in site.html(ARTICLE)


def test_a_quiet_build_does_not_hide_a_broken_link_from_strict(site):
    import os
    import subprocess
    import sys

    _replace_in(site.content / "bai-viet/2024/03/a.md", "[bài hội nghị](b.md)", "[bài hỏng](khong-co.md)")
    config = site.config()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "WARD_AS_OF": "2026-11-26"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=site.root, env=env,
                   check=True, capture_output=True)
    strict = site.build(strict=True, check=False)
    assert strict.returncode != 0 and "khong-co.md" in strict.stdout


_SAVES_IN_ONE_PROCESS = """
import json, os, sys, time
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build
from mkdocs.structure.files import File

config_file, site, a, b = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
reads = []
content_bytes = File.content_bytes
File.content_bytes = property(lambda self: reads.append(self.src_uri) or content_bytes.fget(self),
                              content_bytes.fset)
page = site / "bai-viet/doi-moi-cong-tac-dan-van/index.html"
seen = {}

def rebuild(name):
    reads.clear()
    build(load_config(config_file))
    seen[name] = {"page": page.read_text(encoding="utf-8"),
                  "reads": sorted(uri for uri in reads if uri.startswith("bai-viet/"))}

def rewrite_keeping_mtime(path, old, new):
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    assert old in text and len(old.encode()) == len(new.encode())
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # size and mtime as before
    assert (os.stat(path).st_size, os.stat(path).st_mtime_ns) == (before.st_size, before.st_mtime_ns)

time.sleep(2.2)  # older than wardportal.filerecord.RACY_NS: their stat is trusted from now on
rebuild("first")
rebuild("untouched")
rewrite_keeping_mtime(a, "Kết quả nổi bật", "Kết quả NỔI BẬT")  # only ctime shows it
time.sleep(2.2)  # settled again: the stat is trusted, and must still differ
rebuild("same size, same mtime")
rewrite_keeping_mtime(a, "Kết quả NỔI BẬT", "Kết quả Nổi Bật")  # again, within the racy window
rebuild("again at once")
b.with_suffix(".tmp").write_text(b.read_text(encoding="utf-8").replace("Hội nghị sơ kết", "Hội nghị tổng kết"),
                                 encoding="utf-8")
os.replace(b.with_suffix(".tmp"), b)  # another file (inode) in its place
rebuild("replaced")
print(json.dumps(seen))
"""


def test_rebuilds_in_one_process_read_only_changed_files_and_miss_no_change(site):
    """`mkdocs serve` finds changed articles by their stat before reading any: a rewrite of the
    same size that keeps the mtime (only ctime shows it), one within the same moment, a file
    replaced by another are all seen; an unchanged file is not read again."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "WARD_AS_OF": "2026-11-26"}
    articles = site.content / "bai-viet/2024/03"
    result = subprocess.run([sys.executable, "-c", _SAVES_IN_ONE_PROCESS, str(site.config()), str(site.site),
                             str(articles / "a.md"), str(articles / "b.md")],
                            cwd=site.root, env=env, check=True, capture_output=True, text=True)
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["untouched"]["reads"] == []  # both stats trusted: nothing read
    assert "Kết quả NỔI BẬT" in seen["same size, same mtime"]["page"]
    assert seen["same size, same mtime"]["reads"] == ["bai-viet/2024/03/a.md"]
    assert "Kết quả Nổi Bật" in seen["again at once"]["page"]
    assert "Hội nghị tổng kết" in seen["replaced"]["page"]  # a.md lists b.md as related


def test_a_recently_changed_file_has_no_trusted_stamp(tmp_path):
    import time

    from wardportal.filerecord import RACY_NS, trusted_stamp

    path = tmp_path / "bai.md"
    path.write_text("nội dung", encoding="utf-8")
    assert trusted_stamp(str(path)) is None  # changed just now: its stat proves nothing yet
    later = time.time_ns() + RACY_NS + 1
    stamp = trusted_stamp(str(path), now_ns=later)
    assert stamp is not None and stamp[0] == len("nội dung".encode("utf-8"))
    path.write_text("nội dunG", encoding="utf-8")  # same size
    assert trusted_stamp(str(path), now_ns=later + RACY_NS) != stamp  # ctime moved
    assert trusted_stamp(str(tmp_path / "khong-co.md")) is None


_ONE_BUILD_COUNTING_READS = """
import json, sys
from mkdocs.config import load_config
from mkdocs.commands.build import build
from mkdocs.structure.files import File

reads = []
content_bytes = File.content_bytes
File.content_bytes = property(lambda self: reads.append(self.src_uri) or content_bytes.fget(self),
                              content_bytes.fset)
build(load_config(sys.argv[1]))
print(json.dumps(sorted(uri for uri in reads if uri.startswith("bai-viet/"))))
"""


def test_a_warm_build_reads_only_the_article_files_that_changed(site):
    """Parsed articles are kept on disk by their file's stat (wardportal.articlestore): a
    later `mkdocs build` reads none of the unchanged files, and still sees a rewrite of the
    same size that kept the mtime."""
    import json
    import os
    import subprocess
    import sys
    import time

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "WARD_AS_OF": "2026-11-26"}

    def build_counting_reads():
        result = subprocess.run([sys.executable, "-c", _ONE_BUILD_COUNTING_READS, str(site.config())],
                                cwd=site.root, env=env, check=True, capture_output=True, text=True)
        return json.loads(result.stdout.splitlines()[-1])

    time.sleep(2.2)  # older than wardportal.filerecord.RACY_NS: their stat is trusted from now on
    build_counting_reads()  # stores the stamps (unless the fixture's build, if slow, already did)
    assert build_counting_reads() == []
    path = site.content / "bai-viet/2024/03/a.md"
    before = path.stat()
    _replace_in(path, "Kết quả nổi bật", "Kết quả NỔI BẬT")  # the same number of bytes
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    time.sleep(2.2)
    assert build_counting_reads() == ["bai-viet/2024/03/a.md"]
    assert "Kết quả NỔI BẬT" in site.html(ARTICLE)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY.replace("name: Tin hoạt động", "name: Tin tức hoạt động"))
    assert build_counting_reads() == ["bai-viet/2024/03/a.md", "bai-viet/2024/03/b.md"]  # another registry
