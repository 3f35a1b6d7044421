"""The bundled sample portal: builds with --strict and has the breadth the issue asks for.

The sample articles change as editors add them, so these are properties, not exact counts.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from html_tools import broken_links, parse_page
from wardportal.checking import check_content
from wardportal.corpus import PublishPolicy
from wardportal.dates import parse_as_of


@pytest.fixture(scope="module")
def sample_articles():
    result = check_content(ROOT / "content")
    assert [str(p) for p in result.problems] == []
    policy = PublishPolicy(parse_as_of("2026-11-26"))  # the sample_site build's WARD_AS_OF
    return [article for article in result.corpus.articles if policy.shows(article)]


def test_sample_site_has_its_main_pages(sample_site):
    for url in ("", "chuyen-muc/", "don-vi/", "luu-tru/", "chuyen-muc/tin-hoat-dong/"):
        assert "md-content" in sample_site.html(url)


def test_every_sample_article_page_has_its_header_line(sample_site, sample_articles):
    assert len(sample_articles) >= 40
    for article in sample_articles:
        html = sample_site.html(article.url)
        assert f'<p class="ward-article__header">{article.header_line}</p>' in html, article.source_path
    built = [p for p in (sample_site.site / "bai-viet").iterdir() if (p / "index.html").is_file()]
    assert len(built) == len(sample_articles)


def _counted(html: str) -> dict[str, int]:
    rows = re.findall(r'<a href="[^"]+">([^<]+)</a> <span class="ward-counts__n">([\d.]+) bài</span>', html)
    return {name: int(count.replace(".", "")) for name, count in rows}


def test_sample_site_breadth(sample_site, sample_articles):
    assert len([n for n in _counted(sample_site.html("don-vi/")).values() if n]) >= 6
    assert len([n for n in _counted(sample_site.html("chuyen-muc/")).values() if n]) >= 4
    months = re.findall(r">Tháng \d+/\d{4}</a>", sample_site.html("luu-tru/"))
    assert len(months) >= 8
    assert len({a.month for a in sample_articles}) == len(months)
    assert any(a.featured for a in sample_articles) and any(a.image for a in sample_articles)


def test_sample_content_uses_both_tone_placements(sample_articles):
    text = " ".join(f"{a.title} {a.body} {a.summary}" for a in sample_articles).lower()
    for spelling in ("hoá", "hóa", "uỷ", "ủy"):
        assert spelling in text, spelling


def test_sample_site_links_resolve_and_urls_are_ascii(sample_site):
    assert broken_links(sample_site.site) == []
    paths = [p.relative_to(sample_site.site).as_posix() for p in sample_site.site.rglob("*")]
    assert [p for p in paths if not p.isascii()] == []
    nav = parse_page(sample_site.html("")).nav_links
    assert nav and not [href for href in nav if "bai-viet/" in href]
