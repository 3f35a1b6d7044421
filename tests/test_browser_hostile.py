"""The hostile portal in Chromium: no content script runs, nothing is requested from another
host, and the good articles show (tests/hostile_html.py)."""

from __future__ import annotations

import pytest

from browser_support import DESKTOP, StaticServer, browser  # noqa: F401
from conftest import FixtureSite
from hostile_html import GOOD, HOSTILE, TITLES, write_hostile_portal
from wardportal.vntext import slugify


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    site = FixtureSite(tmp_path_factory.mktemp("hostile-browser"))
    write_hostile_portal(site)
    site.build()
    served = StaticServer(site.site)
    yield served
    served.close()


@pytest.fixture
def watched(browser, server):  # noqa: F811
    """A page that records every dialog (then dismissed), page error and off-host request."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    seen = {"dialogs": [], "errors": [], "off_host": []}
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("request", lambda request: None if server.is_own(request.url) else seen["off_host"].append(request.url))
    context.route("**/*", lambda route: route.continue_() if server.is_own(route.request.url) else route.abort())
    yield page, seen
    context.close()


def article_url(server, name: str) -> str:
    return server.url(f"bai-viet/{slugify(TITLES[name])}/")


@pytest.mark.parametrize("name", list(HOSTILE))
def test_no_content_script_runs_and_nothing_leaves_the_host(watched, server, name):
    page, seen = watched
    page.goto(article_url(server, name))
    page.wait_for_load_state("networkidle")
    body = page.locator(".ward-article__body")
    assert "Đoạn mở đầu của bài viết" in body.inner_text()
    for element in body.locator("p, a, img, div").all():  # every handler an attacker could hope for
        if element.is_visible():
            element.hover()
            element.click(no_wait_after=True, timeout=2000, modifiers=[])
            if page.url != article_url(server, name):
                page.go_back()
    page.wait_for_timeout(300)  # let any timer a script might have set fire
    assert seen == {"dialogs": [], "errors": [], "off_host": []}


@pytest.mark.parametrize("name", list(GOOD))
def test_good_articles_are_published_with_their_images(watched, server, name):
    page, seen = watched
    page.goto(article_url(server, name))
    page.wait_for_load_state("networkidle")
    assert page.locator(".ward-article__body").inner_text().strip()
    for image in page.locator(".ward-article__body img").all():
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert seen == {"dialogs": [], "errors": [], "off_host": []}
