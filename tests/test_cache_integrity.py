"""A damaged or changed cache entry is never published: it is dropped and made again.

Pages, image variants and share cards reach site/ as hard links to .cache/, so a write
into site/ changes the cache too. Each case damages one entry, rebuilds (with site/ kept,
and after removing it), and compares with what a clean build gives.
"""

from __future__ import annotations

import shutil

import pytest

import image_samples as samples
from conftest import FIXTURE_REGISTRY, FixtureSite, article_text

ARTICLE = "bai-viet/hoi-nghi-so-ket/index.html"
CARD = "bai-viet/hoi-nghi-so-ket/anh-chia-se.jpg"
VARIANT = "images/2026/hoi-nghi-960w.webp"


@pytest.fixture
def site(tmp_path) -> FixtureSite:
    site = FixtureSite(tmp_path)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.write("images/2026/hoi-nghi.jpg", samples.phone_photo(2400, 1600))
    site.write("bai-viet/2024/03/a.md", article_text(title="Hội nghị sơ kết", date="2024-03-11 09:00",
                                                     image="images/2026/hoi-nghi.jpg"))
    site.write("bai-viet/2024/03/b.md", article_text(title="Tin thứ hai", date="2024-03-12 09:00"))
    site.build(strict=True)
    return site


def _published(site: FixtureSite) -> dict[str, bytes]:
    return {path.relative_to(site.site).as_posix(): path.read_bytes()
            for path in site.site.rglob("*") if path.is_file() and path.suffix in (".html", ".jpg", ".webp")}


def _clean_copy(site: FixtureSite, tmp_path) -> dict[str, bytes]:
    """What a build without any cache gives."""
    clean = FixtureSite(tmp_path / "sach")
    shutil.copytree(site.content, clean.content)
    clean.build(strict=True)
    return _published(clean)


def _truncate(path, size: int) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(size)


DAMAGES = {
    "truncated stored page": lambda site: _truncate(_stored_page(site), 100),
    "page written in place in site/": lambda site: (site.site / ARTICLE).write_text("<p>hỏng</p>", encoding="utf-8"),
    "page overwritten in place, same size": lambda site: _same_size_overwrite(site.site / ARTICLE),
    "zeroed share card": lambda site: _truncate(site.site / CARD, 0),
    "truncated image variant": lambda site: _truncate(site.site / VARIANT, 50),
    "share card written in place": lambda site: (site.site / CARD).write_bytes(b"not a jpeg"),
}


def _stored_page(site: FixtureSite):
    page = site.site / ARTICLE
    inode = page.stat().st_ino
    [stored] = [p for p in (site.root / ".cache" / "pages").rglob("*.html") if p.stat().st_ino == inode]
    return stored


def _same_size_overwrite(path) -> None:
    data = path.read_bytes()
    with open(path, "r+b") as handle:  # the same length, other bytes: only the digest tells
        handle.write(data.replace(b"<", b"[", 40)[:len(data)])


@pytest.mark.parametrize("damage", list(DAMAGES))
@pytest.mark.parametrize("remove_site", [False, True], ids=["site kept", "rm -rf site"])
def test_a_damaged_entry_is_rebuilt_not_published(site, tmp_path, damage, remove_site):
    expected = _clean_copy(site, tmp_path)
    assert _published(site) == expected
    DAMAGES[damage](site)
    if remove_site:
        shutil.rmtree(site.site)
    result = site.build(strict=True)
    assert _published(site) == expected
    assert "hỏng" in result.stdout and "đã bỏ" in result.stdout  # one info line says so
    again = site.build(strict=True)  # and the next build is quiet again
    assert _published(site) == expected and "đã bỏ" not in again.stdout


def test_an_unchanged_rebuild_reads_no_entry_again(site):
    """The check is a stat: a warm build neither drops nor rewrites anything."""
    before = {p: p.stat().st_mtime_ns for p in (site.root / ".cache").rglob("*") if p.is_file()
              and "jinja" not in p.parts}
    result = site.build(strict=True)
    assert "đã bỏ" not in result.stdout
    # records.log and articles.pickle learn stats (a file that was too new to trust is now);
    # gzip/last-run.json is the twins step's report of this run (read by the benchmark), not a cache
    learning = ("records.log", "articles.pickle", "last-run.json")
    after = {p: p.stat().st_mtime_ns for p in (site.root / ".cache").rglob("*") if p.is_file()
             and "jinja" not in p.parts and p.name not in learning}
    assert {p: m for p, m in before.items() if p.name not in learning} == after


def test_a_touched_entry_is_kept(site):
    """A changed mtime with the same bytes is not damage: nothing is made again."""
    import os
    page = site.site / ARTICLE
    os.utime(page, ns=(1, 1))
    os.utime(site.site / CARD, ns=(1, 1))
    result = site.build(strict=True)
    assert "đã bỏ" not in result.stdout and (site.site / ARTICLE).stat().st_ino == page.stat().st_ino


@pytest.mark.parametrize("damage", ["{}", "[]", '{"html": 5}', "{\"html\": \"<p>x", ""])
def test_a_damaged_html_cache_entry_is_a_miss(site, tmp_path, damage):
    expected = _clean_copy(site, tmp_path)
    for entry in (site.root / ".cache" / "html").rglob("*.json"):
        entry.write_text(damage, encoding="utf-8")
    (site.content / "bai-viet/2024/03/b.md").touch()  # the same text: the page keys stand
    shutil.rmtree(site.site)
    shutil.rmtree(site.root / ".cache" / "pages")  # so every page is rendered from the HTML cache
    site.build(strict=True)
    assert _published(site) == expected


@pytest.mark.parametrize("meta", ['{"files": {}}', '{"files": {}, "variants": [[1, 1, "x.webp"]], "thumbs": []}',
                                  '{"files": {}, "card": "card.jpg"}', "[]"])
def test_a_damaged_image_meta_is_made_again(site, tmp_path, meta):
    expected = _clean_copy(site, tmp_path)
    for entry in (site.root / ".cache" / "images").rglob("meta.json"):
        entry.write_text(meta, encoding="utf-8")
    shutil.rmtree(site.site)
    site.build(strict=True)
    assert _published(site) == expected


def test_search_records_are_kept_a_line_each_and_a_damaged_line_is_only_a_miss(tmp_path):
    """wardportal.recordcache: read and written a line at a time (never the 70 MB file of
    10,000 records whole in memory); a bad line, or a file in another format, is a miss."""
    from wardportal.recordcache import RecordCache

    path = tmp_path / "search-records.json"
    kept = RecordCache(path)
    assert kept.get("a") is None
    kept.put("a", "<p>Đường</p>".encode(), "Đường làng".encode())  # UTF-8, as records keep them
    kept.put("b", b"<p>hai</p>", "dòng\nhai".encode())  # a newline in a record stays inside its line
    kept.save()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "Đường" in lines[0]
    again = RecordCache(path)
    assert again.get("a") == ("<p>Đường</p>".encode(), "Đường làng".encode())
    assert again.get("b") == (b"<p>hai</p>", "dòng\nhai".encode())
    again.save()  # the same keys: not written again
    assert path.read_text(encoding="utf-8").splitlines() == lines
    path.write_text(lines[0][:-5] + "\n" + lines[1] + "\n", encoding="utf-8")  # the first line cut short
    damaged = RecordCache(path)
    assert damaged.get("a") is None and damaged.get("b") == (b"<p>hai</p>", "dòng\nhai".encode())
    path.write_text('{"a": ["<p>cũ</p>", "cũ"]}', encoding="utf-8")  # the one-object format before
    assert RecordCache(path).get("a") is None
    path.write_bytes(b"\xff\xfe")
    assert RecordCache(path).get("a") is None


def test_a_search_record_keeps_its_text_as_utf8_and_gives_it_back_unchanged():
    """`mkdocs serve` keeps every article's record: as str, Vietnamese takes two bytes a
    character (113 MB at 10,000 articles); records hold the UTF-8 they are written as."""
    import sys

    from wardportal.search_records import SearchRecord

    html, text = "<p>Đường làng được bê tông hóa</p>" * 50, "Đường làng được bê tông hóa\ud800 " * 50
    record = SearchRecord("/bai-viet/a/", html, text)
    assert (record.html, record.text) == (html, text)  # a stray surrogate too
    assert sys.getsizeof(record.html_bytes) + sys.getsizeof(record.text_bytes) < 0.75 * (
        sys.getsizeof(html) + sys.getsizeof(text))
    assert SearchRecord.of_bytes(record.url, record.html_bytes, record.text_bytes) == record


def test_an_article_pickles_whole_without_keeping_a_utf8_copy_of_its_body(tmp_path):
    """The article store pickles every article; pickling a str keeps a UTF-8 copy inside it
    (sys.getsizeof shows it), which cost 55 MB at 10,000 articles: the body goes as bytes."""
    import dataclasses
    import pickle
    import sys

    from wardportal.article import article_from_source
    from wardportal.frontmatter_io import parse_article_text
    from wardportal.registry import load_registry

    site = FixtureSite(tmp_path)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    registry, _ = load_registry(site.content)
    text = article_text(title="Đường làng mới", body="Đường làng được bê tông hóa. " * 200, tags=["giao thông"])
    article, problems = article_from_source(parse_article_text(text, "bai-viet/2024/03/a.md"), registry)
    assert article is not None and problems == []
    size = sys.getsizeof(article.body)
    again = pickle.loads(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))
    assert sys.getsizeof(article.body) == size
    assert all(getattr(again, f.name) == getattr(article, f.name) for f in dataclasses.fields(article))
    assert again.header_line == article.header_line and again.url == article.url
