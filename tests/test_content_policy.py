"""The content policy (wardportal.sanitise) in real builds of the hostile portal.

Every trick in an article body is removed and named in a warning with its file and line
(so --strict fails); the articles themselves are published, cleaned; good markup
(tables, admonitions, md_in_html, figures, links to other sites) is kept.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import FixtureSite
from hostile_html import HOSTILE, OTHER, TITLES, write_hostile_portal
from wardportal.sanitise import EXTERNAL_CLASS, clean_body
from wardportal.vntext import slugify


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    site = FixtureSite(tmp_path_factory.mktemp("hostile"))
    write_hostile_portal(site)
    result = site.build()
    return site, result.stdout


def page_of(site: FixtureSite, name: str) -> str:
    return site.html(f"bai-viet/{slugify(TITLES[name])}/")


def body_of(page: str) -> str:
    start = page.index('class="ward-article__body')
    return page[start:page.index("</article>", start)]


@pytest.mark.parametrize("name", list(HOSTILE))
def test_every_trick_is_named_with_its_file_and_line(hostile, name):
    site, output = hostile
    source = (site.content / "bai-viet" / name).read_text(encoding="utf-8").splitlines()
    warnings = [line for line in output.splitlines() if f"content/bai-viet/{name}:" in line]
    for needle in HOSTILE[name][1]:
        bare = needle.strip("<>")
        written = needle.rstrip(">")  # `<embed`, not the `/embed` of another line's URL
        line = next(number for number, text in enumerate(source, 1) if written in text)
        assert any(f"{name}:{line}: " in warning and (bare in warning or "style" in warning) for warning in warnings), (
            needle, line, warnings)


def test_a_strict_build_fails_on_the_hostile_articles(hostile):
    site, _ = hostile
    result = site.build(strict=True, check=False)
    assert result.returncode != 0


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_articles_are_published_cleaned(hostile, name):
    site, _ = hostile
    page = page_of(site, name)
    body = body_of(page)
    assert "Đoạn mở đầu của bài viết" in body
    assert "alert(" not in page and OTHER not in page
    assert not re.search(r"<(script|iframe|object|embed|form|input|link|style|svg)\b", body)
    assert not re.search(r"\son[a-z]+\s*=", body) and "javascript:" not in body and "data:" not in body


def test_good_markup_is_kept(hostile):
    site, output = hostile
    assert not [line for line in output.splitlines() if "tin-tot" in line and "WARNING" in line]
    body = body_of(page_of(site, "2024/05/tin-tot.md"))
    assert '<th style="text-align:center">Cột giữa</th>' in body or 'style="text-align:center"' in body
    assert 'class="admonition note"' in body and "admonition-title" in body
    assert '<div class="ghi-chu">' in body and "<strong>Chữ đậm</strong>" in body
    assert '<figure class="ward-figure"><picture>' in body and "<figcaption>Toàn cảnh hội nghị</figcaption>" in body
    assert (f'<a href="https://chinhphu.vn/" class="{EXTERNAL_CLASS}" rel="noopener">Cổng Chính phủ</a>' in body)
    assert '<a href="../tin-tot-thu-hai/">bài khác</a>' in body  # internal: no mark, no rel


def test_feeds_and_sitemap_parse(hostile):
    site, _ = hostile
    documents = list(site.site.rglob("*.xml"))
    assert any(path.name == "rss.xml" for path in documents) and any(p.name == "sitemap.xml" for p in documents)
    for path in documents:
        ElementTree.parse(path)  # raises on anything not well-formed


def test_a_warm_rebuild_reports_again_and_publishes_the_same(hostile):
    """Bodies the policy changed are never cached as clean: the warnings come back until fixed."""
    site, first = hostile
    before = {name: page_of(site, name) for name in TITLES}
    again = site.build().stdout
    count = sum("content/bai-viet/" in line and "WARNING" in line for line in first.splitlines())
    assert sum("content/bai-viet/" in line and "WARNING" in line for line in again.splitlines()) == count
    assert {name: page_of(site, name) for name in TITLES} == before


def test_clean_body_keeps_what_markdown_writes():
    html = ('<h2 id="ket-qua">Kết quả</h2>\n<p>Chữ <strong>đậm</strong>, <em>nghiêng</em>, <code>mã</code>.</p>\n'
            '<ol start="3">\n<li>một</li>\n</ol>\n<blockquote>\n<p>trích</p>\n</blockquote>\n'
            '<p><img alt="ảnh" src="../../images/a.jpg" title="chú thích"></p>')
    cleaned = clean_body(html)
    assert cleaned.findings == [] and cleaned.html == html


@pytest.mark.parametrize("html, kept", [
    ('<a href="java\tscript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href=" JAVASCRIPT:alert(1)">x</a>', "<a>x</a>"),
    ('<img src="HTTPS://h.example/a.jpg" alt="a">', '<img alt="a">'),
    ('<img srcset="a.jpg 1x, //h.example/b.jpg 2x" alt="a">', '<img alt="a">'),
    ('<p style="color:red">x</p>', "<p>x</p>"),
    ('<details open ontoggle="alert(1)"><summary>s</summary>x</details>', "<details open><summary>s</summary>x</details>"),
])
def test_clean_body_removes_and_reports(html, kept):
    cleaned = clean_body(html)
    assert cleaned.html.replace('open=""', "open") == kept and cleaned.findings


def test_hand_written_pages_follow_the_same_policy(tmp_path):
    site = FixtureSite(tmp_path)
    write_hostile_portal(site)
    site.write("chuyen-muc/tin-hoat-dong/index.md",
               "# Giới thiệu chuyên mục\n\nĐoạn giới thiệu.\n\n<script>alert('intro')</script>\n\n"
               f"![Ảnh ngoài](https://{OTHER}/gioi-thieu.jpg)\n")
    result = site.build(check=False)
    assert "content/chuyen-muc/tin-hoat-dong/index.md:5: đã bỏ thẻ <script>" in result.stdout
    assert f"content/chuyen-muc/tin-hoat-dong/index.md:7: lỗi: ảnh `https://{OTHER}/gioi-thieu.jpg`" in result.stdout
    page = site.html("chuyen-muc/tin-hoat-dong/")
    assert "Đoạn giới thiệu." in page and "alert(" not in page and OTHER not in page
