"""The Pagefind index a build writes: what is indexed, the Vietnamese search-only tail, reuse."""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import datetime

from wardportal.article import Article
from wardportal.dates import parse_published
from wardportal.registry import Entry
from wardportal.search_shards import ALL, CHUNK_WORDS_IN_PARTS, PAGES, Shard, plan_shards
from wardportal.search_records import EXTRA_MARK, article_record, folded_words, joined_query_words, variant_words

from reader_fixtures import SEARCH_ARTICLES, reader_site  # noqa: F401  (fixture)
from search_tools import fragments, page_text, parts

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
    assert deep["filters"] == {"category": ["Văn hóa – Xã hội"], "unit": ["Đảng ủy phường"], "shard": ["tat-ca"]}
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
    unused = {path.name for path in (reader_site.site / "pagefind" / "tat-ca").iterdir()}
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
    marker = fixture_site.site / "pagefind" / ALL / "marker"
    marker.write_text("", encoding="utf-8")
    again = fixture_site.build()
    assert "Tìm kiếm (Pagefind): dùng lại chỉ mục" in again.stdout
    assert marker.exists()  # kept across MkDocs' clean of site/ (wardportal.keptfolders), not linked again
    marker.unlink()
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
    first = [Shard(ALL, [article_record(make_article("Bài một"), "<p>Nội dung cũ về aptomat.</p>")])]
    assert publish_bundle(first, site, cache) == "indexed"
    assert "aptomat" in fragments(site)["/bai-viet/bai/"]["content"]
    os.mkfifo(gate)
    command = pagefind_index.pagefind_command
    monkeypatch.setattr(pagefind_index, "pagefind_command", lambda *args: [
        "sh", "-c", 'read line < "$0" && exec "$@"', str(gate), *command(*args)])
    second = [Shard(ALL, [article_record(make_article("Bài một"), "<p>Nội dung mới về aspirin.</p>")])]
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
    that already links a part's bundle keeps its folder; a changed bundle replaces the folder
    in one rename (nothing of the old one left, no work folder beside it)."""
    from wardportal.pagefind_index import publish_bundle

    site, cache = tmp_path / "site", tmp_path / "cache"
    first = [Shard(ALL, [article_record(make_article("Bài một"), "<p>Nội dung cũ về aptomat.</p>")])]
    assert publish_bundle(first, site, cache) == "indexed"
    folder = (site / "pagefind" / ALL).stat().st_ino
    assert publish_bundle(first, site, cache) == "reused"
    assert (site / "pagefind" / ALL).stat().st_ino == folder  # left as it was
    (site / "pagefind" / ALL / "stale.txt").write_text("x", encoding="utf-8")
    second = [Shard(ALL, [article_record(make_article("Bài một"), "<p>Nội dung mới về aspirin.</p>")])]
    assert publish_bundle(second, site, cache) == "indexed"
    assert "aspirin" in fragments(site)["/bai-viet/bai/"]["content"]
    assert not (site / "pagefind" / ALL / "stale.txt").exists()
    assert sorted(path.name for path in (site / "pagefind").iterdir()) == ["parts.json", ALL]
    assert publish_bundle(first, site, cache) == "reused"  # the kept one, linked again
    assert "aptomat" in fragments(site)["/bai-viet/bai/"]["content"]


def _dated(*months: str) -> list[tuple[datetime, object]]:
    return [(datetime.fromisoformat(f"{month}-15T08:00"), f"{month}#{number}") for number, month in enumerate(months)]


def test_small_portals_keep_one_part_and_large_ones_split_by_year_then_quarter_then_month():
    pages = ["/gioi-thieu/"]
    assert plan_shards([], []) == []
    assert plan_shards(_dated("2025-01", "2024-05"), pages, most=3) == [Shard(ALL, ["2025-01#0", "2024-05#1", "/gioi-thieu/"])]
    dated = _dated("2026-11", "2026-11", "2026-10", "2026-05", "2026-02", "2026-01", "2025-12", "2025-03", "2024-07")
    shards = plan_shards(dated, pages, most=2)
    # 2026 (6) is over 2: its quarters; Q4 (3) is over 2: its months; 2025 (2) and 2024 (1) stay whole
    assert [(shard.name, shard.records) for shard in shards] == [
        ("2026-11", ["2026-11#0", "2026-11#1"]), ("2026-10", ["2026-10#2"]), ("2026-q2", ["2026-05#3"]),
        ("2026-q1", ["2026-02#4", "2026-01#5"]), ("2025", ["2025-12#6", "2025-03#7"]), ("2024", ["2024-07#8"]),
        (PAGES, ["/gioi-thieu/"])]
    assert {shard.chunk_words for shard in shards} == {CHUNK_WORDS_IN_PARTS}  # a part's words are fewer pages each
    month = plan_shards(_dated("2026-11", "2026-11", "2026-11", "2026-10"), [], most=2)
    assert [(shard.name, len(shard.records)) for shard in month] == [("2026-11", 3), ("2026-10", 1)]  # a month never splits


def test_a_portal_in_parts_indexes_again_only_the_part_a_save_changed(fixture_site):
    """Each part has its own bundle: a save re-indexes its period's part; the others' bundles
    (and their links in the site) stay as they were."""
    for number, month in enumerate(("2026/03", "2026/02", "2025/06", "2024/09")):
        fixture_site.article(f"{month}/a{number}.md", title=f"Bài {number}", date=f"{month.replace('/', '-')}-10 08:00",
                             body=f"Nội dung số {number} về aptomat.")
    fixture_site.build(search_shard_pages=2)
    assert parts(fixture_site.site) == ["2026", "2025", "2024", PAGES]  # the portal's own pages last
    assert {url: fragment["meta"]["shard"] for url, fragment in fragments(fixture_site.site).items()
            if url.startswith("/bai-viet/")} == {
        "/bai-viet/bai-0/": "2026", "/bai-viet/bai-1/": "2026", "/bai-viet/bai-2/": "2025", "/bai-viet/bai-3/": "2024"}
    bundles = sorted(p.name for p in (fixture_site.root / ".cache" / "pagefind").iterdir() if p.name != "records")
    assert len(bundles) == 4
    links = {part: (fixture_site.site / "pagefind" / part / "pagefind-entry.json").stat().st_ino for part in ("2025", "2024")}
    fixture_site.article("2025/06/a2.md", title="Bài 2", date="2025-06-10 08:00", body="Nội dung đã sửa về aspirin.")
    edited = fixture_site.build(search_shard_pages=2)
    assert re.search(r"Tìm kiếm \(Pagefind\): lập chỉ mục \d+ trang, 4 phần", edited.stdout)
    after = sorted(p.name for p in (fixture_site.root / ".cache" / "pagefind").iterdir() if p.name != "records")
    assert [name for name in after if name not in bundles] == [next(n for n in after if n.startswith("2025-"))]
    assert [name for name in bundles if not name.startswith("2025-")] == \
        [name for name in after if not name.startswith("2025-")]  # the other parts were not indexed again
    assert "aspirin" in page_text(fixture_site.site, "/bai-viet/bai-2/")
    assert (fixture_site.site / "pagefind" / "2024" / "pagefind-entry.json").stat().st_ino == links["2024"]
    assert (fixture_site.site / "pagefind" / "2025" / "pagefind-entry.json").stat().st_ino != links["2025"]


def test_nothing_to_index_publishes_an_empty_list_of_parts(tmp_path):
    from wardportal.pagefind_index import publish_bundle

    assert publish_bundle([], tmp_path / "site", tmp_path / "no-cache-yet") == "reused"
    assert parts(tmp_path / "site") == []


def test_a_deferred_run_that_fails_leaves_the_site_as_it_was_and_says_so(tmp_path, monkeypatch, caplog):
    """Crossing into parts under `mkdocs serve`: until the new parts are indexed the site keeps
    the part it has (never an empty search); a failed run is reported, not silent."""
    from wardportal import pagefind_index
    from wardportal.pagefind_index import publish_bundle, wait_for_background

    site, cache = tmp_path / "site", tmp_path / "cache"
    record = article_record(make_article("Bài một"), "<p>Nội dung về aptomat.</p>")
    assert publish_bundle([Shard(ALL, [record])], site, cache) == "indexed"
    monkeypatch.setattr(pagefind_index, "pagefind_command", lambda *args: ["sh", "-c", "echo hỏng >&2; exit 3"])
    assert publish_bundle([Shard("2026", [record]), Shard(PAGES, [record])], site, cache, deferred=True) == "deferred"
    wait_for_background()
    assert parts(site) == [ALL] and "aptomat" in fragments(site)["/bai-viet/bai/"]["content"]
    assert "lập chỉ mục nền cho phần 2026 thất bại" in caplog.text and "hỏng" in caplog.text
