"""Vietnamese search, typed into Material's search box in Chromium.

Queries without diacritics, either tone placement, NFD text and NFD queries, words after
punctuation: each must bring up the expected article, the title match first.
"""

from __future__ import annotations

import unicodedata

import pytest

from browser_support import StaticServer, browser  # noqa: F401  (fixture)
from reader_fixtures import reader_site  # noqa: F401  (fixture)

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
    ("dong thuy", "to-dan-pho-dong-thuy-lam-duong"),
    (NFD("Đồng Thụy"), "to-dan-pho-dong-thuy-lam-duong"),  # query typed in NFD
    (NFD("Thượng Thanh"), "phuong-thuong-thanh-ra-quan-lam-sach-moi-truong"),
    ("bê tông", "to-dan-pho-dong-thuy-lam-duong"),
    ("Ngọc Lâm", "trao-qua-cho-ho-ngheo"),  # in the text right after “
    ("“Ngọc Lâm”", "trao-qua-cho-ho-ngheo"),
    ("UBND", "trao-qua-cho-ho-ngheo"),  # in the text as (UBND)
    ("(ubnd)", "trao-qua-cho-ho-ngheo"),
    ("thành lập", "thanh-lap-cau-lac-bo-duong-sinh"),  # exact diacritics first…
    ("thanh niên", "thanh-nien-tinh-nguyen-mua-he-xanh"),  # …over folded matches
]


# Records the queries Material's search UI sends to its worker and the results it gets back
# (message types from Material's worker protocol: 2 = QUERY, 3 = RESULT), so a test reads
# the answer to the whole typed query, never a stale one for a prefix.
RECORD_SEARCH = """
(() => {
  const Native = window.Worker;
  const log = window.__wardSearch = {queries: [], results: []};
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message, ...rest) => {
      if (message && message.type === 2) log.queries.push(message.data);
      return post(message, ...rest);
    };
    worker.addEventListener("message", event => {
      if (event.data && event.data.type === 3) log.results.push(event.data.data);
    });
    return worker;
  };
  window.Worker.prototype = Native.prototype;
})();
"""


@pytest.fixture(scope="module")
def search_page(browser, reader_site):  # noqa: F811
    server = StaticServer(reader_site.site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_SEARCH)
    page = context.new_page()
    page.goto(server.url(""))
    yield page
    context.close()
    server.close()


def search(page, query: str) -> list[str]:
    """Type `query` into the search box; return the result links, best first."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-search__icon, label[for='__search']").first.click()
    box.fill("")
    box.press_sequentially(query)
    # Playwright types letters that are not on a US keyboard as text input, without key
    # events; a phone keyboard releases a key after each letter, and Material listens to that.
    box.dispatch_event("keyup")
    expected = unicodedata.normalize("NFC", query)
    page.wait_for_function("""expected => {
        const log = window.__wardSearch;
        return log.queries.length > 0 && log.queries[log.queries.length - 1] === expected
            && log.results.length === log.queries.length;
    }""", arg=expected)
    locations = page.evaluate("""() => {
        const log = window.__wardSearch;
        return log.results[log.results.length - 1].items.map(group => group[0].location);
    }""")
    if locations:  # the results list on screen shows the same first article
        page.wait_for_function("""location => {
            const first = document.querySelector('.md-search-result__list > li > a');
            return first && first.getAttribute('href').endsWith(location);
        }""", arg=locations[0])
    return [page.url.split("#")[0].rsplit("/", 1)[0] + "/" + location for location in locations]


@pytest.mark.parametrize("query,slug", FIRST_RESULT, ids=[q for q, _ in FIRST_RESULT])
def test_query_finds_the_article_first(search_page, query, slug):
    results = search(search_page, query)
    assert results, f"no result for {query!r}"
    assert f"/bai-viet/{slug}/" in results[0], f"{query!r}: expected {slug} first, got {results}"
    assert search_page.input_value("input.md-search__input") == unicodedata.normalize("NFC", query)


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
