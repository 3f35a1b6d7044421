"""A real build of one richer fixture portal: every generated page, its order, paging and links."""

from __future__ import annotations

import json

import re
from html import unescape
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
from markupsafe import escape

from conftest import FIXTURE_REGISTRY, FixtureSite
from html_tools import broken_links, card_titles, parse_page
from search_tools import fragments


@dataclass
class Spec:
    """What the test writes, and so what the portal must show."""

    file: str
    title: str
    date: str
    unit: str  # registry id
    category: str
    views: int = 0
    unit_spelling: str | None = None  # how the article names its unit
    published: bool = True
    extra: dict = field(default_factory=dict)

    @property
    def moment(self) -> datetime:
        return datetime.fromisoformat(self.date)

    @property
    def header(self) -> str:
        time = f" | {self.moment:%H:%M}" if " " in self.date else ""
        return f"Ngày đăng {self.moment:%d/%m/%Y}{time} | Lượt xem: {self.views:,}".replace(",", ".")


UNITS = ["dang-uy", "ubnd", "doan-thanh-nien"]  # hoi-phu-nu deliberately has no article
SPELLINGS = {"dang-uy": "Đảng uỷ", "ubnd": "Ủy ban nhân dân phường", "doan-thanh-nien": "doan-thanh-nien"}


def _specs() -> list[Spec]:
    specs = []
    start = datetime(2024, 1, 3, 7, 0)
    for i in range(20):
        moment = start + timedelta(days=4 * i, minutes=(i * 37) % 600)
        unit = UNITS[i % 3]
        specs.append(Spec(f"2024/{moment:%m}/tin-{i:02d}.md", f"Tin hoạt động số {i + 1:02d}",
                          f"{moment:%Y-%m-%d %H:%M}", unit, "tin-hoat-dong", (i * 131) % 1000, SPELLINGS[unit]))
    # One day, three articles: order by time, not by title, file name or slug.
    specs += [
        Spec("2024/03/a.md", "Giao ban buổi tối", "2024-03-15 19:00", "ubnd", "tin-hoat-dong", 3),
        Spec("2024/03/z.md", "Giao ban buổi sáng", "2024-03-15 08:00", "dang-uy", "tin-hoat-dong", 4),
        Spec("2024/03/m.md", "Giao ban cả ngày", "2024-03-15", "doan-thanh-nien", "tin-hoat-dong", 5),
        Spec("2024/02/doi-moi.md", "Đổi mới phương thức lãnh đạo", "2024-02-10 09:00", "dang-uy",
             "bai-viet-chuyen-sau", 5000, extra={"featured": True, "body": (
                 "Đoạn mở đầu của bài chuyên sâu về đổi mới phương thức lãnh đạo.\n\n## Đổi mới\n\nNội dung.\n\n"
                 "## Kết quả đạt được\n\nNội dung.\n")}),
        Spec("2024/04/hoa-giai.md", "Chuyên đề hòa giải ở cơ sở", "2024-04-02 10:00", "ubnd",
             "bai-viet-chuyen-sau", 10),
        Spec("2024/01/ky-tu.md", "Tỷ lệ hộ nghèo dưới 2% <giảm> & tăng", "2024-01-20 10:00", "doan-thanh-nien",
             "bai-viet-chuyen-sau", 7, extra={"summary": "Tóm tắt có <b>thẻ</b> & ký hiệu."}),
        Spec("2024/04/nhap.md", "Bài nháp chưa đăng", "2024-04-03 10:00", "ubnd", "bai-viet-chuyen-sau",
             published=False, extra={"draft": True}),
        Spec("2021/04/phuc-dong.md", "Đảng ủy phường Phúc Đồng tổ chức hội nghị", "2021-04-22 16:48", "dang-uy",
             "van-hoa-xa-hoi", 695, "ĐẢNG UỶ PHƯỜNG", extra={"slug": "hoi-nghi-phuc-dong"}),
        Spec("2021/05/ngay-hoi.md", "Ngày hội văn hoá", "2021-05-01 03:15", "ubnd", "van-hoa-xa-hoi", 12,
             extra={"featured": True, "date": "2021-04-30T20:15:00Z"}),
        Spec("2026/12/tuong-lai.md", "Tin tương lai", "2026-12-01 08:00", "ubnd", "van-hoa-xa-hoi",
             published=False),
    ]
    return specs


SPECS = _specs()
PUBLISHED = [s for s in SPECS if s.published]
INTRO = "Chuyên mục đăng tin về hoạt động của các đơn vị trong phường."


def _slug(spec: Spec) -> str:
    from wardportal.vntext import slugify
    return spec.extra.get("slug") or slugify(spec.title)


def newest_first(specs) -> list[str]:
    return [s.title for s in sorted(specs, key=lambda s: s.moment, reverse=True)]


def _write(site: FixtureSite) -> None:
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    for spec in SPECS:
        fields = {"date": spec.date, **spec.extra}
        site.article(spec.file, title=spec.title, unit=spec.unit_spelling or spec.unit, category=spec.category,
                     views=spec.views, **fields)
    site.write("chuyen-muc/tin-hoat-dong/index.md", f"# Giới thiệu chuyên mục\n\n{INTRO}\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> FixtureSite:
    site = FixtureSite(tmp_path_factory.mktemp("rich"))
    _write(site)
    site.build(strict=True, page_size=10)
    return site


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory, site) -> FixtureSite:
    """The same content built with WARD_PREVIEW=1 and 7 articles a page."""
    preview = FixtureSite(tmp_path_factory.mktemp("preview"))
    (preview.root / "content").symlink_to(site.content)
    preview.build(strict=True, env={"WARD_PREVIEW": "1"}, page_size=7)
    return preview


def pages_of(site: FixtureSite, base: str) -> list[list[str]]:
    """Card titles of `base` and each following `trang-N/` page, one list per page."""
    pages = [card_titles(site.html(base))]
    number = 2
    while (site.site / base / f"trang-{number}" / "index.html").exists():
        pages.append(card_titles(site.html(f"{base}trang-{number}/")))
        number += 1
    return pages


def test_every_published_article_has_its_page_header_and_links(site):
    for spec in PUBLISHED:
        html = site.html(f"bai-viet/{_slug(spec)}/")
        assert f'<p class="ward-article__header">{spec.header}</p>' in html, spec.title
        assert f"<h1>{escape(spec.title)}</h1>" in html  # titles are text, never markup
        taxonomy = re.search(r'<p class="ward-article__taxonomy">(.*?)</p>', html, re.S).group(1)
        assert f'href="../../don-vi/{spec.unit}/"' in taxonomy
        assert f'href="../../chuyen-muc/{spec.category}/"' in taxonomy
    assert len(list((site.site / "bai-viet").iterdir())) == len(PUBLISHED)


def test_header_line_exact_forms(site):
    assert "Ngày đăng 22/04/2021 | 16:48 | Lượt xem: 695" in site.html("bai-viet/hoi-nghi-phuc-dong/")
    assert '"ward-article__header">Ngày đăng 15/03/2024 | Lượt xem: 5</p>' in site.html("bai-viet/giao-ban-ca-ngay/")
    assert "Ngày đăng 10/02/2024 | 09:00 | Lượt xem: 5.000" in site.html("bai-viet/doi-moi-phuong-thuc-lanh-dao/")
    # a UTC time late in the evening is the next morning in Vietnam
    assert "Ngày đăng 01/05/2021 | 03:15 | Lượt xem: 12" in site.html("bai-viet/ngay-hoi-van-hoa/")


def test_explicit_slug_wins_and_urls_are_ascii(site):
    assert (site.site / "bai-viet/hoi-nghi-phuc-dong/index.html").is_file()
    assert not (site.site / "bai-viet/dang-uy-phuong-phuc-dong-to-chuc-hoi-nghi").exists()
    assert (site.site / "bai-viet/dang-uy-phuong-phuc-dong").exists() is False
    paths = [p.relative_to(site.site).as_posix() for p in site.site.rglob("*")]
    assert [p for p in paths if not p.isascii()] == []


def test_category_pages_paginate_newest_first(site):
    expected = newest_first(s for s in PUBLISHED if s.category == "tin-hoat-dong")
    assert len(expected) == 23
    pages = pages_of(site, "chuyen-muc/tin-hoat-dong/")
    assert [len(page) for page in pages] == [10, 10, 3]
    assert sum(pages, []) == expected
    day = [t for t in expected if t.startswith("Giao ban")]
    assert day == ["Giao ban buổi tối", "Giao ban buổi sáng", "Giao ban cả ngày"]
    assert pages_of(site, "chuyen-muc/bai-viet-chuyen-sau/") == [[
        "Chuyên đề hòa giải ở cơ sở", "Đổi mới phương thức lãnh đạo", "Tỷ lệ hộ nghèo dưới 2% <giảm> & tăng"]]
    assert "Tóm tắt có &lt;b&gt;thẻ&lt;/b&gt; &amp; ký hiệu." in site.html("chuyen-muc/bai-viet-chuyen-sau/")
    assert pages_of(site, "chuyen-muc/van-hoa-xa-hoi/") == [["Ngày hội văn hoá",
                                                               "Đảng ủy phường Phúc Đồng tổ chức hội nghị"]]


def test_pager_has_numbered_links(site):
    first = site.html("chuyen-muc/tin-hoat-dong/")
    assert '<span class="ward-pager__current" aria-current="page">1</span>' in first
    assert 'href="trang-2/" aria-label="Trang 2"' in first and 'href="trang-3/" aria-label="Trang 3"' in first
    assert '<a class="ward-pager__step" href="trang-2/" rel="next">' in first
    assert 'ward-pager__step" href="../" rel="prev"' not in first and "‹ Trang trước" not in first
    second = site.html("chuyen-muc/tin-hoat-dong/trang-2/")
    assert '<span class="ward-pager__current" aria-current="page">2</span>' in second
    assert '<a class="ward-pager__step" href="../" rel="prev">' in second
    assert 'href="../" aria-label="Trang 1"' in second and 'href="../trang-3/" aria-label="Trang 3"' in second
    assert "Trang 2/3 · 23 bài viết" in second
    assert "ward-pager" not in site.html("chuyen-muc/bai-viet-chuyen-sau/")  # one page: no pager


def test_hand_written_page_is_the_intro_and_the_list_still_renders(site):
    first = site.html("chuyen-muc/tin-hoat-dong/")
    assert INTRO in first
    assert "<title>Tin hoạt động" in first
    assert len(card_titles(first)) == 10
    assert INTRO not in site.html("chuyen-muc/tin-hoat-dong/trang-2/")


def test_unit_pages_and_unit_index_with_zero_counts(site):
    for unit in UNITS:
        expected = newest_first(s for s in PUBLISHED if s.unit == unit)
        pages = pages_of(site, f"don-vi/{unit}/")
        assert sum(pages, []) == expected, unit
        assert [len(p) for p in pages[:-1]] == [10] * (len(pages) - 1)
    assert "Chưa có bài viết." in site.html("don-vi/hoi-phu-nu/")
    index = site.html("don-vi/")
    rows = re.findall(r'<a href="([^"]+)">([^<]+)</a> <span class="ward-counts__n">(\d+) bài</span>', index)
    counts = {unit: sum(1 for s in PUBLISHED if s.unit == unit) for unit in UNITS + ["hoi-phu-nu"]}
    # Vietnamese order: Đảng and Đoàn before Hội and UBND (Python's order would put Đ after U)
    assert rows == [("dang-uy/", "Đảng ủy phường", str(counts["dang-uy"])),
                    ("doan-thanh-nien/", "Đoàn thanh niên phường", str(counts["doan-thanh-nien"])),
                    ("hoi-phu-nu/", "Hội Liên hiệp phụ nữ phường", "0"),
                    ("ubnd/", "UBND phường", str(counts["ubnd"]))]


def test_month_pages_and_archive_index(site):
    months = sorted({(s.moment.year, s.moment.month) for s in PUBLISHED}, reverse=True)
    assert months == [(2024, 4), (2024, 3), (2024, 2), (2024, 1), (2021, 5), (2021, 4)]
    for year, month in months:
        expected = newest_first(s for s in PUBLISHED if (s.moment.year, s.moment.month) == (year, month))
        html = site.html(f"luu-tru/{year}/{month:02d}/")
        assert f"<h1>Tháng {month}/{year}</h1>" in html
        assert sum(pages_of(site, f"luu-tru/{year}/{month:02d}/"), []) == expected
    archive = site.html("luu-tru/")
    years = re.findall(r"<h2>Năm (\d+) <small>\((\d+) bài\)</small></h2>", archive)
    assert years == [("2024", str(sum(1 for s in PUBLISHED if s.moment.year == 2024))), ("2021", "2")]
    links = re.findall(r'<a href="([^"]+)">(Tháng \d+/\d+)</a> <span class="ward-counts__n">(\d+) bài', archive)
    assert links[-2:] == [("2021/05/", "Tháng 5/2021", "1"), ("2021/04/", "Tháng 4/2021", "1")]
    assert [label for _, label, _ in links] == [f"Tháng {m}/{y}" for y, m in months]


def test_home_page_sections(site):
    html = site.html("")
    sections = dict(re.findall(r'<section class="ward-block ward-home__(\w+)"[^>]*>(.*?)</section>', html, re.S))

    def titles(block: str) -> list[str]:
        return [unescape(t) for t in re.findall(r'<li><a href="[^"]+">([^<]+)</a>', block)]

    assert titles(sections["latest"]) == newest_first(PUBLISHED)[:10]
    lead = re.search(r'<h3 class="ward-lead__title"><a href="[^"]+">([^<]+)</a>', html)[1]
    following = card_titles(html[html.index('class="ward-front__next"'):html.index('class="ward-front__grid"')])
    assert [lead] + following[:1] == ["Đổi mới phương thức lãnh đạo", "Ngày hội văn hoá"]  # featured first
    popular = titles(sections["popular"])
    assert popular == [s.title for s in sorted(PUBLISHED, key=lambda s: -s.views)][:5]
    categories = re.findall(r'<section class="ward-block ward-home__category"[^>]*>\s*<h2[^>]*><a href="[^"]+">([^<]+)</a>(.*?)</section>',
                            html, re.S)
    assert [name for name, _ in categories] == ["Tin hoạt động", "Bài viết chuyên sâu", "Văn hóa – Xã hội"]
    assert card_titles(categories[0][1]) == newest_first(s for s in PUBLISHED if s.category == "tin-hoat-dong")[:4]


def test_drafts_and_future_articles_stay_off_the_portal(site):
    assert not (site.site / "bai-viet/bai-nhap-chua-dang").exists()
    assert not (site.site / "bai-viet/tin-tuong-lai").exists()
    everything = "".join(p.read_text(encoding="utf-8") for p in site.site.rglob("*.html"))
    everything += json.dumps(fragments(site.site), ensure_ascii=False)  # the search index too
    assert "Bài nháp chưa đăng" not in everything and "Tin tương lai" not in everything
    assert "2026/12" not in everything


def test_preview_shows_drafts_and_future_articles_with_the_configured_page_size(preview_site):
    assert "Bài nháp chưa đăng" in preview_site.html("bai-viet/bai-nhap-chua-dang/")
    assert "Ngày đăng 01/12/2026 | 08:00" in preview_site.html("bai-viet/tin-tuong-lai/")
    assert "Tháng 12/2026" in preview_site.html("luu-tru/")
    assert [len(page) for page in pages_of(preview_site, "chuyen-muc/tin-hoat-dong/")] == [7, 7, 7, 2]


def test_navigation_never_lists_articles(site):
    for url in ("", "bai-viet/hoi-nghi-phuc-dong/", "chuyen-muc/tin-hoat-dong/"):
        nav = parse_page(site.html(url)).nav_links
        assert nav and not [href for href in nav if "bai-viet/" in href], url
    nav = parse_page(site.html("")).nav_links
    for target in ("chuyen-muc/tin-hoat-dong/", "chuyen-muc/van-hoa-xa-hoi/", "don-vi/", "luu-tru/"):
        assert target in nav, (target, nav)


def test_heading_anchors_are_ascii(site):
    ids = parse_page(site.html("bai-viet/doi-moi-phuong-thuc-lanh-dao/")).ids
    assert "doi-moi" in ids and "ket-qua-dat-duoc" in ids


def test_every_internal_link_resolves(site):
    assert broken_links(site.site) == []


def test_pager_shows_a_window_of_page_numbers():
    from wardportal.listings import make_pager
    pager = make_pager(6, 12, lambda n: f"p{n}/")
    assert [link.number for link in pager.links] == [1, None, 4, 5, 6, 7, 8, None, 12]
    assert [link.number for link in pager.links if link.current] == [6]
    assert (pager.previous_url, pager.next_url) == ("p5/", "p7/")
    assert [link.number for link in make_pager(1, 3, str).links] == [1, 2, 3]
