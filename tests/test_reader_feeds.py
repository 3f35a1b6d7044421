"""RSS feeds, autodiscovery, sitemap and the Vietnamese 404 page of a real build."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

from reader_fixtures import SEARCH_ARTICLES, reader_site  # noqa: F401  (fixture)

SITE_URL = "https://thuongthanh.example.vn/"  # from the project's mkdocs.yml


def parse_feed(path):
    channel = ET.parse(path).getroot().find("channel")
    return channel, channel.findall("item")


def test_portal_feed_lists_newest_first_with_absolute_links_and_vietnam_dates(reader_site):  # noqa: F811
    channel, items = parse_feed(reader_site.site / "rss.xml")
    assert channel.findtext("language") == "vi"
    assert len(items) == len(SEARCH_ARTICLES)
    dates = [parsedate_to_datetime(item.findtext("pubDate")) for item in items]
    assert dates == sorted(dates, reverse=True)
    for item in items:
        assert item.findtext("pubDate").endswith(" +0700")
        assert item.findtext("link").startswith(f"{SITE_URL}bai-viet/")
        assert item.findtext("guid") == item.findtext("link")
    newest = items[0]
    assert newest.findtext("title") == "Tổ dân phố Đồng Thụy làm đường bê tông"  # NFC, Vietnamese
    assert newest.findtext("pubDate") == "Wed, 11 Mar 2026 08:10:00 +0700"


def test_category_feeds_hold_only_their_category(reader_site):  # noqa: F811
    _, items = parse_feed(reader_site.site / "chuyen-muc" / "van-hoa-xa-hoi" / "rss.xml")
    assert items and {item.findtext("category") for item in items} == {"Văn hóa – Xã hội"}
    _, empty = parse_feed(reader_site.site / "chuyen-muc" / "bai-viet-chuyen-sau" / "rss.xml")
    assert empty == []


def test_pages_announce_their_feeds(reader_site):  # noqa: F811
    home = reader_site.html("")
    # `alternate feed`: feed readers look for the token; Material fetches sitemap.xml for `rel="alternate"`
    assert re.search(r'<link rel="alternate feed" type="application/rss\+xml"[^>]*href="rss.xml"', home)
    category = reader_site.html("chuyen-muc/van-hoa-xa-hoi/")
    assert 'href="rss.xml"' in category and 'href="../../rss.xml"' in category
    article = reader_site.html("bai-viet/thanh-lap-cau-lac-bo-duong-sinh/")
    assert re.search(r'application/rss\+xml[^>]*href="../../chuyen-muc/van-hoa-xa-hoi/rss.xml"', article)


def test_sitemap_covers_every_published_page(reader_site):  # noqa: F811
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(reader_site.site / "sitemap.xml").getroot()
    listed = {loc.text for loc in root.findall("s:url/s:loc", namespace)}
    pages = {SITE_URL + str(path.parent.relative_to(reader_site.site)).replace(".", "").strip("/") + "/"
             for path in reader_site.site.rglob("index.html")}
    pages = {url.replace(f"{SITE_URL}/", SITE_URL) for url in pages}
    pages.discard(f"{SITE_URL}quan-tri/")  # the newsroom editor is no page for readers or search engines
    assert pages - listed == set()
    assert f"{SITE_URL}bai-viet/to-dan-pho-dong-thuy-lam-duong/" in listed


def test_404_page_is_vietnamese(reader_site):  # noqa: F811
    page = reader_site.html("404.html")
    assert "Không tìm thấy trang" in page and "Về trang chủ" in page
    assert "Not found" not in page
