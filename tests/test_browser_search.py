"""Vietnamese search on the search page (tim-kiem/) in Chromium, over Pagefind's index.

Queries without diacritics, đ as d, either tone placement, NFD queries, words after
punctuation, words only in the body or deep in a long article, full names: each must bring
up the expected article first. Filters, newest-first, linked queries, nothing downloaded
before the box is used, nothing from another host, no console error, axe clean.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from browser_support import DESKTOP, PHONE, StaticServer, axe_script, browser, screenshot  # noqa: F401
from reader_fixtures import reader_site, reader_site_in_parts  # noqa: F401  (fixtures)

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731

# (query typed, slug that must rank first)
FIRST_RESULT = [
    ("thuong thanh", "phuong-thuong-thanh-ra-quan-lam-sach-moi-truong"),
    ("Thượng Thanh", "phuong-thuong-thanh-ra-quan-lam-sach-moi-truong"),
    ("bo de", "hoi-nghi-giao-ban-tai-phuong-bo-de"),
    ("Bồ Đề", "hoi-nghi-giao-ban-tai-phuong-bo-de"),
    ("văn hóa đọc", "nang-cao-van-hoa-doc-cho-thieu-nhi"),  # title has hoá
    ("văn hoá đọc", "nang-cao-van-hoa-doc-cho-thieu-nhi"),
    ("van hoa doc", "nang-cao-van-hoa-doc-cho-thieu-nhi"),
    ("thuỷ lợi", "bao-ve-cong-trinh-thuy-loi-noi-dong"),  # title has thủy
    ("thủy lợi", "bao-ve-cong-trinh-thuy-loi-noi-dong"),
    ("ủy ban kiểm tra", "uy-ban-kiem-tra-hop-dinh-ky"),  # title has Uỷ
    ("uỷ ban kiểm tra", "uy-ban-kiem-tra-hop-dinh-ky"),
    ("sức khoẻ", "cham-soc-suc-khoe-nguoi-cao-tuoi"),  # title has khỏe
    ("suc khoe", "cham-soc-suc-khoe-nguoi-cao-tuoi"),
    ("Đồng Thụy", "to-dan-pho-dong-thuy-lam-duong"),  # article written in NFD
    ("dong thuy", "to-dan-pho-dong-thuy-lam-duong"),  # đ → d
    ("lam duong be tong", "to-dan-pho-dong-thuy-lam-duong"),
    (NFD("Đồng Thụy"), "to-dan-pho-dong-thuy-lam-duong"),  # query typed in NFD
    (NFD("Thượng Thanh"), "phuong-thuong-thanh-ra-quan-lam-sach-moi-truong"),
    ("Ngọc Lâm", "trao-qua-cho-ho-ngheo"),  # in the text right after “
    ("“Ngọc Lâm”", "trao-qua-cho-ho-ngheo"),
    ("UBND", "trao-qua-cho-ho-ngheo"),  # in the text as (UBND)
    ("(ubnd)", "trao-qua-cho-ho-ngheo"),
    ("thành lập", "thanh-lap-cau-lac-bo-duong-sinh"),  # exact diacritics first…
    ("thanh niên", "thanh-nien-tinh-nguyen-mua-he-xanh"),  # …over folded matches
    ("aspirin", "tu-thuoc-gia-dinh-mua-dich"),  # only in the body
    ("aptomat", "kiem-tra-an-toan-dien-khu-tap-the"),  # the last words of a ~3,000-word article
    ("Hoàng Văn Tư", "cuu-chien-binh-gap-mat-dau-nam"),  # another title holds hoàng, văn and tư apart
    ("hoang van tu", "cuu-chien-binh-gap-mat-dau-nam"),
    ("Đinh Thị Thủy", "chi-hoi-phu-nu-van-dong-hoi-vien"),  # vs “Quy định … thị trường thủy sản”
    ("dinh thi thuy", "chi-hoi-phu-nu-van-dong-hoi-vien"),
    ("đinh thị thuỷ", "chi-hoi-phu-nu-van-dong-hoi-vien"),  # the other tone placement
    ("tram bom dong tru", "gioi-thieu"),  # a hand-written page
    ("thống kê", "thong-ke"),  # the statistics overview
]



@pytest.fixture(scope="module", params=["one-part", "in-parts"])
def server(request):
    """Every test runs on the portal with its index in one part, and again in three parts (as
    a large portal's, wardportal.search_shards): the search page merges them."""
    site = request.getfixturevalue("reader_site" if request.param == "one-part" else "reader_site_in_parts")
    server = StaticServer(site.site)
    yield server
    server.close()


@pytest.fixture(scope="module")
def search_page(browser, server):  # noqa: F811
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server.url("tim-kiem/"))
    page.ward_errors = errors
    yield page
    context.close()


def wait_for_answer(page, query: str) -> None:
    """Until the status line answers `query` (it names the query, NFC) and the newest search's
    results are in the list (it is `aria-busy` while one is on its way)."""
    expected = unicodedata.normalize("NFC", query).strip()
    page.wait_for_function("""expected => {
        const status = document.querySelector('.ward-search__status').textContent;
        const busy = document.querySelector('.ward-search__results').hasAttribute('aria-busy');
        return !busy && status.includes('“' + expected + '”');
    }""", arg=expected)


def search(page, query: str) -> list[str]:
    """Type `query` into the search page's box and press Enter; the result links, best first."""
    box = page.locator("#ward-search-q")
    box.fill("")
    box.fill(query)
    box.press("Enter")
    wait_for_answer(page, query)
    return result_links(page)


def result_links(page) -> list[str]:
    return page.eval_on_selector_all(".ward-result__title a", "links => links.map(a => a.href)")


@pytest.mark.parametrize("query,slug", FIRST_RESULT, ids=[q for q, _ in FIRST_RESULT])
def test_query_finds_the_article_first(search_page, query, slug):
    results = search(search_page, query)
    assert results, f"no result for {query!r}"
    expected = f"/{slug}/" if slug in ("gioi-thieu", "thong-ke") else f"/bai-viet/{slug}/"
    assert results[0].endswith(expected), f"{query!r}: expected {slug} first, got {results}"
    assert search_page.input_value("#ward-search-q") == unicodedata.normalize("NFC", query)
    assert search_page.ward_errors == []


def test_results_show_date_unit_and_the_matched_words_highlighted(search_page):
    search(search_page, "duong")  # đường and dưỡng: folded marks and đ
    first = search_page.locator(".ward-result").first
    assert re.fullmatch(r"Ngày đăng \d\d/\d\d/\d{4} · .+", first.locator(".ward-result__meta").inner_text())
    marks = search_page.eval_on_selector_all(".ward-result__excerpt mark", "marks => marks.map(m => m.textContent)")
    assert marks and all(unicodedata.normalize("NFD", m.lower()).replace("đ", "d")[0] == "d" for m in marks), marks
    assert "⁂" not in search_page.locator(".ward-search__results").inner_text()  # the search-only tail stays hidden


def test_title_match_ranks_above_a_mention_in_the_text(search_page):
    results = search(search_page, "bo de")
    titles = [r for r in results if "/bai-viet/hoi-nghi-giao-ban-tai-phuong-bo-de/" in r]
    mentions = [r for r in results if "/bai-viet/kinh-nghiem-cua-cac-phuong-ban/" in r]
    assert titles and mentions, results
    assert results.index(titles[0]) < results.index(mentions[0])


def test_folded_query_still_finds_the_other_word(search_page):
    """`thanh` (no diacritics) also finds `Thành lập …`: folding widens, ranking orders."""
    results = search(search_page, "thanh")
    assert any("/bai-viet/thanh-lap-cau-lac-bo-duong-sinh/" in r for r in results), results


def test_filters_by_category_and_unit_and_newest_first(search_page):
    everything = search(search_page, "phường")
    search_page.select_option("#ward-search-unit", "UBND phường")
    wait_for_answer(search_page, "phường")
    units = search_page.eval_on_selector_all(".ward-result__meta", "lines => lines.map(l => l.textContent)")
    assert units and len(units) < len(everything) and all(line.endswith("· UBND phường") for line in units), units
    assert "don-vi=UBND" in search_page.url.replace("+", " ").replace("%20", " ")
    search_page.select_option("#ward-search-unit", "")
    search_page.select_option("#ward-search-category", "Văn hóa – Xã hội")
    wait_for_answer(search_page, "phường")
    in_category = result_links(search_page)
    assert in_category and "/bai-viet/hoi-nghi-giao-ban-tai-phuong-bo-de/" in " ".join(in_category)  # odd: văn hóa
    assert "/bai-viet/phuong-thuong-thanh-ra-quan-lam-sach-moi-truong/" not in " ".join(in_category)  # even
    search_page.select_option("#ward-search-category", "")
    search_page.select_option("#ward-search-sort", "moi-nhat")
    search_page.wait_for_function("() => location.search.includes('sap-xep=moi-nhat')")
    wait_for_answer(search_page, "phường")
    dates = search_page.eval_on_selector_all(".ward-result__meta", "lines => lines.map(l => l.textContent.slice(10, 20))")
    days = [tuple(reversed(date.split("/"))) for date in dates]
    assert days == sorted(days, reverse=True) and len(days) > 3, dates
    search_page.select_option("#ward-search-sort", "")


def test_a_linked_query_opens_with_its_results(browser, server):  # noqa: F811
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server.url("tim-kiem/?q=hoang%20van%20tu"))
    wait_for_answer(page, "hoang van tu")
    assert page.input_value("#ward-search-q") == "hoang van tu"
    assert result_links(page)[0].endswith("/bai-viet/cuu-chien-binh-gap-mat-dau-nam/")
    context.close()


def test_header_box_on_every_page_opens_the_search_page(browser, server):  # noqa: F811
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(server.url("bai-viet/trao-qua-cho-ho-ngheo/"))
    page.get_by_role("searchbox", name="Từ khóa tìm kiếm").fill("suc khoe")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=suc+khoe")
    wait_for_answer(page, "suc khoe")
    assert result_links(page)[0].endswith("/bai-viet/cham-soc-suc-khoe-nguoi-cao-tuoi/")
    context.close()


def test_keyboard_alone_reaches_the_box_the_filters_and_the_results(browser, server):  # noqa: F811
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server.url("tim-kiem/"))
    page.locator("#ward-search-q").focus()
    page.keyboard.type("bo de")
    page.keyboard.press("Enter")
    wait_for_answer(page, "bo de")
    assert page.get_by_role("status").inner_text().startswith("Tìm thấy")
    focused = []
    for _ in range(8):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("() => document.activeElement.closest('.ward-result') ? 'result'"
                                     " : document.activeElement.id || document.activeElement.tagName"))
    assert focused[1:4] == ["ward-search-category", "ward-search-unit", "ward-search-sort"], focused
    assert "result" in focused, focused  # the result links come next, in order
    context.close()


@pytest.mark.parametrize("path", ["", "bai-viet/trao-qua-cho-ho-ngheo/", "chuyen-muc/tin-hoat-dong/", "tim-kiem/"])
def test_nothing_is_downloaded_for_search_before_the_box_is_used(browser, server, path):  # noqa: F811
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server.url(path), wait_until="networkidle")
    assert not [url for url in requested if "/pagefind/" in url or "sitemap" in url]
    if path == "tim-kiem/":
        page.locator("#ward-search-q").focus()  # opening the box loads Pagefind, nothing else yet
        # the list of parts, then the first part's Pagefind
        first_part = re.compile(r"/pagefind/(tat-ca|2026-03)/pagefind\.js$")
        for _ in range(200):
            if any(first_part.search(url) for url in requested):
                break
            page.wait_for_timeout(50)
        page.wait_for_timeout(300)  # what else a focus could start has started by now
        assert any(url.endswith("/pagefind/parts.json") for url in requested)
        assert any(first_part.search(url) for url in requested)
        assert not [url for url in requested if "/fragment/" in url]
    context.close()


@pytest.mark.parametrize("path", ["", "bai-viet/trao-qua-cho-ho-ngheo/", "chuyen-muc/tin-hoat-dong/", "don-vi/",
                                  "luu-tru/", "thong-ke/", "gioi-thieu/", "404.html", "tim-kiem/?q=phuong"])
def test_no_console_error_no_404_no_other_host(browser, server, path):  # noqa: F811
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    failed: list[str] = []
    requested: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requested.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.goto(server.url(path), wait_until="networkidle")
    if path.startswith("tim-kiem/"):
        wait_for_answer(page, "phuong")
        page.wait_for_load_state("networkidle")
    context.close()
    assert errors == [] and failed == []
    assert [url for url in requested if not server.is_own(url)] == []
    assert not [url for url in requested if url.endswith("sitemap.xml")]


def test_a_part_that_fails_to_load_is_loaded_again_on_the_next_search(browser, server):  # noqa: F811
    """A slow or broken connection: the search says so, and the next search loads the index
    anew (Pagefind keeps a part that failed in its one instance, failing every later search)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server.url("tim-kiem/"))
    last = page.evaluate("async () => (await (await fetch('../pagefind/parts.json')).json()).parts.slice(-1)[0]")
    page.route(f"**/pagefind/{last}/pagefind-entry.json*", lambda route: route.fulfill(status=503, body="bận"))
    page.locator("#ward-search-q").fill("aspirin")
    page.locator("#ward-search-q").press("Enter")
    page.wait_for_function("() => document.querySelector('.ward-search__status').textContent.includes('Không tải được')")
    assert page.get_attribute(".ward-search__results", "aria-busy") is None
    page.unroute(f"**/pagefind/{last}/pagefind-entry.json*")
    assert search(page, "aspirin")[0].endswith("/bai-viet/tu-thuoc-gia-dinh-mua-dich/")
    assert search(page, "tram bom dong tru")[0].endswith("/gioi-thieu/")  # the last part too
    context.close()


def test_newest_first_lists_only_dated_pages_in_one_part_or_many(search_page):
    assert any(r.endswith("/gioi-thieu/") for r in search(search_page, "tram bom dong tru"))
    search_page.select_option("#ward-search-sort", "moi-nhat")
    wait_for_answer(search_page, "tram bom dong tru")
    assert not any(r.endswith("/gioi-thieu/") for r in result_links(search_page))  # a page without a date
    search_page.select_option("#ward-search-sort", "")
    wait_for_answer(search_page, "tram bom dong tru")


def test_404_page_offers_a_search(browser, server):  # noqa: F811
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server.url("404.html"))
    page.locator(".ward-search-404 input[name=q]").fill("aspirin")
    page.locator(".ward-search-404 button").click()
    page.wait_for_url("**/tim-kiem/?q=aspirin")  # the status line is the search page's, not the 404's
    wait_for_answer(page, "aspirin")
    assert result_links(page)[0].endswith("/bai-viet/tu-thuoc-gia-dinh-mua-dich/")
    context.close()


def test_without_javascript_the_search_page_says_it_needs_it(browser, server):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(server.url("tim-kiem/?q=phuong"))
    notice = page.locator(".ward-search__nojs")
    assert notice.is_visible() and "cần bật JavaScript" in notice.inner_text()
    notice.get_by_role("link", name="chuyên mục").click()
    assert page.url.endswith("/chuyen-muc/")
    context.close()


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_search_page_passes_axe_and_fits_a_phone(browser, server, axe_script, width):  # noqa: F811
    context = browser.new_context(viewport=PHONE if width == "phone" else DESKTOP)
    page = context.new_page()
    page.goto(server.url("tim-kiem/?q=phuong"))
    wait_for_answer(page, "phuong")
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    problems = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
                for v in result["violations"] if v["impact"] in ("serious", "critical", "moderate")]
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    screenshot(page, f"search-{width}")
    context.close()
    assert not problems, "\n".join(problems)
    assert overflow <= 0, f"the search page scrolls sideways by {overflow}px"
