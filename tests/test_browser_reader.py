"""The reading side of the bundled sample portal in Chromium: controls, print, share,
navigation without JavaScript, privacy (no other host), accessibility and phone layout."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from browser_support import DESKTOP, PHONE, axe_script, browser, sample_server, screenshot  # noqa: F401

ARTICLE = "bai-viet/chuyen-doi-so-du-lieu-dung-chung/"
OTHER_ARTICLE = "bai-viet/cu-tri-phuong-thuong-thanh-no-nuc-di-bau-cu/"
SITE_URL = "https://thuongthanh.example.vn/"
PAGE_KINDS = {
    "home": "",
    "category": "chuyen-muc/tin-hoat-dong/",
    "article": ARTICLE,
    "archive": "luu-tru/",
    "month": "luu-tru/2026/03/",
    "unit": "don-vi/dang-uy/",
    "statistics": "thong-ke/",
    "search": "tim-kiem/?q=phuong",
}
AUDITED = ("home", "category", "article", "archive", "statistics", "search")


@pytest.fixture
def page(browser):  # noqa: F811
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def article_font_size(page) -> float:
    return page.eval_on_selector(".ward-article__body p", "p => parseFloat(getComputedStyle(p).fontSize)")


def test_font_size_choice_persists_across_pages(page, sample_server):  # noqa: F811
    page.goto(sample_server.url(ARTICLE))
    normal = article_font_size(page)
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    larger = article_font_size(page)
    assert larger > normal * 1.2
    page.goto(sample_server.url(OTHER_ARTICLE))
    assert article_font_size(page) == larger
    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    assert article_font_size(page) == normal
    page.get_by_role("button", name="Giảm cỡ chữ").click()
    page.goto(sample_server.url(ARTICLE))
    assert article_font_size(page) < normal


def test_print_shows_the_article_with_its_address_and_date_only(page, sample_server):  # noqa: F811
    page.goto(sample_server.url(ARTICLE))
    assert not page.locator(".ward-print-url").is_visible()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".ward-tools",
                   ".ward-related", ".ward-breadcrumbs"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator(".ward-print-url").inner_text() == f"Địa chỉ bài viết: {SITE_URL}{ARTICLE}"
    assert page.locator(".ward-article__header").inner_text().startswith("Ngày đăng ")
    assert page.locator(".ward-article__body").is_visible()
    page.emulate_media(media="screen")
    screenshot(page, "article-print-off")


def test_share_links_point_at_the_article(page, sample_server):  # noqa: F811
    page.goto(sample_server.url(ARTICLE))
    url = f"{SITE_URL}{ARTICLE}"
    hrefs = {name: page.locator(f".ward-share--{name}").get_attribute("href") for name in ("email", "facebook", "zalo")}
    email = urlsplit(hrefs["email"])
    assert email.scheme == "mailto" and parse_qs(email.query)["body"] == [url]
    assert parse_qs(email.query)["subject"] == [page.locator("h1").inner_text()]
    facebook, zalo = urlsplit(hrefs["facebook"]), urlsplit(hrefs["zalo"])
    assert (facebook.netloc, facebook.path, parse_qs(facebook.query)["u"]) == ("www.facebook.com", "/sharer/sharer.php", [url])
    assert (zalo.netloc, zalo.path, parse_qs(zalo.query)["href"]) == ("sp.zalo.me", "/plugins/share", [url])
    page.get_by_role("button", name="Sao chép liên kết").click()
    # the clipboard answers asynchronously: wait for the status line, copied or the fallback's
    expect(page.locator(".ward-tools__status")).to_have_text(
        re.compile(r"^(Đã sao chép liên kết\.|Hãy sao chép địa chỉ: " + re.escape(url) + ")$"))


def test_breadcrumbs_related_and_neighbours_navigate(page, sample_server):  # noqa: F811
    page.goto(sample_server.url(ARTICLE))
    crumbs = page.locator(".ward-breadcrumbs")
    title = page.locator("h1").inner_text()
    assert crumbs.inner_text().startswith("Trang chủ ›") and crumbs.inner_text().endswith(f"› {title}")
    category_name = crumbs.locator("a").nth(1).inner_text()
    crumbs.locator("a").nth(1).click()
    expect(page.locator("h1")).to_have_text(category_name)
    page.goto(sample_server.url(ARTICLE))
    assert page.locator(".ward-related li").count() >= 1
    neighbour = page.locator(".ward-neighbours a").first
    target = neighbour.get_attribute("href")
    neighbour.click()
    expect(page).to_have_url(re.compile(re.escape(target.lstrip("./")) + "$"))
    assert page.locator(".ward-breadcrumbs a").nth(1).inner_text() == category_name


def test_reading_and_navigation_work_without_javascript(browser, sample_server):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(sample_server.url("chuyen-muc/tin-hoat-dong/"))
    first_title = page.locator(".ward-card__title a").first.inner_text()
    page.locator(".ward-pager a[rel=next]").click()
    assert page.url.endswith("/chuyen-muc/tin-hoat-dong/trang-2/")
    assert page.locator(".ward-card__title a").first.inner_text() != first_title
    page.locator(".ward-card__title a").first.click()
    assert "/bai-viet/" in page.url
    assert len(page.locator(".ward-article__body").inner_text()) > 200
    assert page.locator(".ward-share--facebook").is_visible()
    assert not page.locator("button[data-ward-print]").is_visible()  # needs JavaScript: hidden
    page.locator(".ward-breadcrumbs a").first.click()
    assert page.url == sample_server.url("")
    context.close()


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_request_leaves_the_portal_host(browser, sample_server, kind):  # noqa: F811
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    requested: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.goto(sample_server.url(PAGE_KINDS[kind]), wait_until="networkidle")
    if kind == "search":  # a query: Pagefind, its index chunks and the results' fragments and thumbnails
        page.wait_for_selector(".ward-result")
        page.wait_for_load_state("networkidle")
        assert [url for url in requested if "/fragment/" in url and "/pagefind/" in url]
        assert page.eval_on_selector_all("img.ward-result__thumb", "images => images.filter(i => i.naturalWidth > 0).length")
    context.close()
    assert len(requested) > 3  # the page, its CSS and scripts were seen
    assert [url for url in requested if not sample_server.is_own(url)] == []
    assert failed == []  # nothing that 404s (Material's sitemap fetch for every feed link did)
    assert not [url for url in requested if url.endswith("sitemap.xml")]


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("kind", AUDITED)
def test_axe_finds_no_serious_problem_and_phones_never_scroll_sideways(browser, sample_server, axe_script,  # noqa: F811
                                                                       kind, width):
    context = browser.new_context(viewport=PHONE if width == "phone" else DESKTOP)
    page = context.new_page()
    page.goto(sample_server.url(PAGE_KINDS[kind]), wait_until="networkidle")
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    screenshot(page, f"{kind}-{width}")
    context.close()
    assert not serious, "\n".join(serious)
    if width == "phone":
        assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px at 375px"
