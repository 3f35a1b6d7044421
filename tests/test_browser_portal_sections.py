"""The portal's own pages in Chromium (issue 14): the front page and every new page kind at
375 px and on a desktop: no sideways scrolling, axe clean, nothing requested off-host;
screenshots of the front page go to test-artifacts/."""

from __future__ import annotations

import pytest

from browser_support import DESKTOP, PHONE, axe_script, browser, sample_server, screenshot  # noqa: F401

PAGE_KINDS = {
    "front": "",
    "intro": "gioi-thieu/lanh-dao/",
    "documents": "van-ban/",
    "document": "van-ban/ke-hoach-125-kh-ubnd/",
    "schedule": "lich-cong-tac/",
    "contact": "lien-he/",
    "sitemap": "so-do-cong/",
}


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_new_page_kinds_fit_the_screen_pass_axe_and_stay_on_host(browser, sample_server, axe_script,  # noqa: F811
                                                                 kind, width):
    context = browser.new_context(viewport=PHONE if width == "phone" else DESKTOP)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(sample_server.url(PAGE_KINDS[kind]), wait_until="networkidle")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    footer = page.locator(".ward-footer").inner_text()
    if kind == "front":
        screenshot(page, f"portal-front-{width}")
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()
    serious = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(serious)
    assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px at {width}"
    assert "ubndthuongthanh@example.vn" in footer
    assert [url for url in requested if not sample_server.is_own(url)] == []


def test_front_page_uses_the_width_on_desktop_and_one_column_on_phones(browser, sample_server):  # noqa: F811
    widths = {}
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(sample_server.url(""))
        assert not page.locator(".md-sidebar--primary").first.is_visible() or name == "phone"
        lead = page.locator(".ward-lead").bounding_box()
        side = page.locator(".ward-front__side").bounding_box()
        main = page.locator(".ward-front__main").bounding_box()
        widths[name] = (lead, side, main)
        context.close()
    lead, side, main = widths["desktop"]
    assert main["x"] < side["x"] and abs(main["y"] - side["y"]) < 5  # side by side
    assert lead["width"] > 500
    lead, side, main = widths["phone"]
    assert abs(main["x"] - side["x"]) < 2 and side["y"] > main["y"]  # stacked in one column
