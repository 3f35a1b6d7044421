"""The Pagefind index a build writes: what is indexed, the Vietnamese search-only tail, reuse."""

from __future__ import annotations

import os
import unicodedata
from datetime import datetime

from wardportal.article import Article
from wardportal.dates import parse_published
from wardportal.registry import Entry
from wardportal.search_records import EXTRA_MARK, article_record, folded_words, joined_query_words, variant_words

from reader_fixtures import SEARCH_ARTICLES, reader_site  # noqa: F401  (fixture)
from search_tools import fragments, page_text

CATEGORY = Entry("category", "tin-hoat-dong", "Tin hoạt động")
UNIT = Entry("unit", "dang-uy", "Đảng ủy phường")


def make_article(title: str, body: str = "Nội dung.", **fields) -> Article:
    return Article(source_path="bai-viet/2026/03/bai.md", title=title, published=parse_published("2026-03-01 08:00"),
                   unit=UNIT, category=CATEGORY, slug="bai", body=body, summary=fields.pop("summary", title),
                   **fields)


def test_variant_words_add_d_for_d_with_stroke_and_the_other_tone_placement():
    forms = variant_words("Đường về Hoà Bình, sức khỏe “Thuỷ” (UBND)")
    assert forms == ["dường", "hòa", "khoẻ", "thủy"]
    assert variant_words("đoà") == ["doà", "dòa", "đòa"]  # both changes at once


def test_joined_forms_cover_names_and_adjacent_title_words_folded():
    joined = joined_query_words("Đảng ủy họp", "Sáng nay, ông Hoàng Văn Tư và bà Đinh Thị Thủy dự họp.")
    for form in ("danguy", "uyhop", "danguyhop", "hoangvantu", "hoangvan", "vantu", "dinhthithuy"):
        assert form in joined, form
    assert "sangnay" not in joined  # a sentence opener followed by a lower-case word is no name
    assert all(form.isascii() for form in joined)


def test_folded_words_are_each_word_once_in_ascii():
    assert folded_words("Đường về Hoà Bình, hòa bình “Thuỷ” (UBND) đường") == [
        "duong", "ve", "hoa", "binh", "thuy", "ubnd"]


def test_article_record_holds_body_meta_filters_sort_and_escapes_everything():
    article = make_article("Tin <b>đậm</b> & “trích”", "Thân <script>bài</script>.", tags=("môi trường",),
                           image=None)
    record = article_record(article, "<p>Thân bài với Nguyễn Văn A.</p><p>Đoạn hai.</p>",
                            thumbnail="images/a-thumb-320w.webp")
    assert record.url == "/bai-viet/bai/"
    assert 'data-pagefind-meta="title[content]" content="Tin &lt;b&gt;đậm&lt;/b&gt; &amp; “trích”"' in record.html
    assert '"7">tin b dam trich</div>\n<div data-pagefind-weight="1">than bai voi nguyen van a doan hai moi truong</div>' in record.html
    assert 'data-pagefind-meta="image[content]" content="images/a-thumb-320w.webp"' in record.html
    assert 'data-pagefind-filter="unit[content]" content="Đảng ủy phường"' in record.html
    assert 'data-pagefind-sort="date[content]" content="2026-03-01T08:00"' in record.html
    assert 'data-pagefind-meta="date[content]" content="01/03/2026"' in record.html
    assert "<script>" not in record.html
    assert " dậm " in record.html.split(EXTRA_MARK)[1]  # the title's d form: `dam` typed as `dậm` is exact
    assert record.text == "Thân bài với Nguyễn Văn A.\nĐoạn hai.\nmôi trường"  # what excerpts are made from


def test_record_is_nfc_whatever_the_author_typed():
    nfd = unicodedata.normalize("NFD", "Tổ dân phố Đồng Thụy")
    record = article_record(make_article(nfd, nfd), f"<p>{nfd}</p>")
    assert unicodedata.is_normalized("NFC", record.html)


def test_built_index_holds_every_article_body_and_the_search_tail(reader_site):  # noqa: F811
    found = fragments(reader_site.site)
    for slug in SEARCH_ARTICLES:
        assert f"/bai-viet/{slug}/" in found, slug
    deep = found["/bai-viet/kiem-tra-an-toan-dien-khu-tap-the/"]
    words, tail = deep["content"].split(EXTRA_MARK)
    assert "aptomat" in words.split()  # every word of the body, to its end, once
    assert len(words.split()) == len(set(words.split()))
    text = page_text(reader_site.site, "/bai-viet/kiem-tra-an-toan-dien-khu-tap-the/")
    assert text.index("aptomat") > 15_000 and "Đoạn 149:" in text  # the readable text, in full
    assert deep["meta"]["date"] and deep["meta"]["unit"] == "Đảng ủy phường"
    assert deep["filters"] == {"category": ["Văn hóa – Xã hội"], "unit": ["Đảng ủy phường"]}
    assert "duong" in found["/bai-viet/to-dan-pho-dong-thuy-lam-duong/"]["content"].split()
    assert "/gioi-thieu/" in found  # hand-written pages are searchable
    assert [url for url in found if url.startswith("/thong-ke/")] == ["/thong-ke/"]  # the overview only


def test_lists_drafts_and_material_search_are_left_out(reader_site):  # noqa: F811
    found = fragments(reader_site.site)
    assert not [url for url in found if url.startswith(("/chuyen-muc/", "/don-vi/", "/luu-tru/", "/tim-kiem/"))
                or url == "/"]
    assert not (reader_site.site / "search").exists()  # Material's lunr index is not built
    home = reader_site.html("")
    assert "md-search" not in home and 'data-md-component="search"' not in home
    assert 'class="ward-search-box"' in home and 'action="tim-kiem/"' in home
    unused = {path.name for path in (reader_site.site / "pagefind").iterdir()}
    assert "pagefind.js" in unused and "pagefind-ui.js" not in unused


def test_feeds_are_announced_without_matching_materials_sitemap_selector(reader_site):  # noqa: F811
    """Material fetches sitemap.xml for each `link[rel=alternate]` (exact value): none may match."""
    for url in ("", "bai-viet/trao-qua-cho-ho-ngheo/", "chuyen-muc/tin-hoat-dong/"):
        html = reader_site.html(url)
        assert 'rel="alternate feed" type="application/rss+xml"' in html
        assert 'rel="alternate"' not in html


def test_an_unchanged_build_reuses_the_index_and_an_edit_indexes_again(fixture_site):
    fixture_site.article("2026/03/a.md", title="Bài A", body="Nội dung đầu tiên của bài.")
    first = fixture_site.build()
    assert "Tìm kiếm (Pagefind): lập chỉ mục" in first.stdout
    again = fixture_site.build()
    assert "Tìm kiếm (Pagefind): dùng lại chỉ mục" in again.stdout
    assert "Nội dung đầu tiên" in page_text(fixture_site.site, "/bai-viet/bai-a/")
    fixture_site.article("2026/03/a.md", title="Bài A", body="Nội dung đã sửa lại hoàn toàn.")
    edited = fixture_site.build()
    assert "Tìm kiếm (Pagefind): lập chỉ mục" in edited.stdout
    assert "đã sửa lại" in page_text(fixture_site.site, "/bai-viet/bai-a/")
    bundles = [p for p in (fixture_site.root / ".cache" / "pagefind").iterdir() if p.name != "records"]
    assert len(bundles) <= 2  # the old bundle is kept once (an undo), never more


def test_deferred_indexing_publishes_the_last_bundle_at_once_and_the_new_one_when_done(tmp_path, monkeypatch):
    """What `mkdocs serve` does after a save: no wait for Pagefind, and never a stale bundle left.

    The deferred Pagefind run waits on a named pipe until the test has looked at the site,
    so the old bundle is checked before the new one can replace it, however fast Pagefind is."""
    from wardportal import pagefind_index
    from wardportal.pagefind_index import publish_bundle, wait_for_background

    site, cache, gate = tmp_path / "site", tmp_path / "cache", tmp_path / "gate"
    first = [article_record(make_article("Bài một"), "<p>Nội dung cũ về aptomat.</p>")]
    assert publish_bundle(first, site, cache) == "indexed"
    assert "aptomat" in fragments(site)["/bai-viet/bai/"]["content"]
    os.mkfifo(gate)
    command = pagefind_index.pagefind_command
    monkeypatch.setattr(pagefind_index, "pagefind_command", lambda *args: [
        "sh", "-c", 'read line < "$0" && exec "$@"', str(gate), *command(*args)])
    second = [article_record(make_article("Bài một"), "<p>Nội dung mới về aspirin.</p>")]
    try:
        assert publish_bundle(second, site, cache, deferred=True) == "deferred"
        assert "aptomat" in fragments(site)["/bai-viet/bai/"]["content"]  # the kept bundle, at once
        assert "aptomat" in page_text(site, "/bai-viet/bai/")
    finally:
        with open(gate, "w") as opened:  # lets the deferred run go on
            opened.write("go\n")
    wait_for_background()
    assert "aspirin" in fragments(site)["/bai-viet/bai/"]["content"]  # then the new one
    assert "aspirin" in page_text(site, "/bai-viet/bai/")
    assert publish_bundle(second, site, cache, deferred=True) == "reused"


def test_a_published_bundle_is_not_linked_again_and_a_new_one_replaces_it_whole(tmp_path):
    """Relinking 20,000 files costs a `mkdocs serve` save seconds at 10,000 articles: a site
    that already links the bundle keeps its folder; a changed bundle replaces the folder in
    one rename (nothing of the old one left, no work folder beside it)."""
    from wardportal.pagefind_index import publish_bundle

    site, cache = tmp_path / "site", tmp_path / "cache"
    first = [article_record(make_article("Bài một"), "<p>Nội dung cũ về aptomat.</p>")]
    assert publish_bundle(first, site, cache) == "indexed"
    folder = (site / "pagefind").stat().st_ino
    assert publish_bundle(first, site, cache) == "reused"
    assert (site / "pagefind").stat().st_ino == folder  # left as it was
    (site / "pagefind" / "stale.txt").write_text("x", encoding="utf-8")
    second = [article_record(make_article("Bài một"), "<p>Nội dung mới về aspirin.</p>")]
    assert publish_bundle(second, site, cache) == "indexed"
    assert "aspirin" in fragments(site)["/bai-viet/bai/"]["content"]
    assert not (site / "pagefind" / "stale.txt").exists()
    assert sorted(path.name for path in site.iterdir()) == ["pagefind"]
    assert publish_bundle(first, site, cache) == "reused"  # the kept one, linked again
    assert "aptomat" in fragments(site)["/bai-viet/bai/"]["content"]
