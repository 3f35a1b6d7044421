"""The real editor (Decap CMS at /quan-tri/) served by the standalone nginx under its own
location's Content-Security-Policy: its first screens draw without a violation or a console
error, for a production backend (GitLab: the login screen) and for decap-server (the local
mode: login, the article list, an article open with its preview, a photo uploaded and
chosen in the media library, the review board)."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from browser_support import browser  # noqa: F401  (fixture)
from conftest import FIXTURE_REGISTRY, FixtureSite
from newsroom_support import EXISTING, EXISTING_TEXT, make_portal_repo, require_decap
from nginx_support import Nginx, open_recording
from wardportal.newsroom.local import free_port, start_decap_server, wait_for_backend
from wardportal.newsroom.settings import DEFAULT_LOCAL_URL
from wardportal.serving.nginxconf import EDITOR_CSP

GITLAB = "https://gitlab.example.vn"
GITLAB_EDITOR = {"backend": {"name": "gitlab", "repo": "ban-bien-tap/cong-thong-tin", "base_url": GITLAB,
                             "api_root": f"{GITLAB}/api/v4", "app_id": "ung-dung-cong", "branch": "main"}}
NOT_FOUND_CONSOLE = "error: Failed to load resource: the server responded with a status of 404 (Not Found)"


def _action(body: str | None) -> str:
    try:
        return json.loads(body or "")["action"]
    except (ValueError, KeyError, TypeError):
        return f"unreadable request: {body!r}"


def _check(page, messages: list[str], screen: str) -> None:
    violations = page.evaluate("window.__violations")
    assert violations == [], f"{screen}: {violations}"
    assert messages == [], f"{screen}: {messages}"


def test_the_editor_shows_its_gitlab_login_under_its_policy(browser, tmp_path) -> None:  # noqa: F811
    require_decap()
    site = FixtureSite(tmp_path / "cong")
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.write(EXISTING, EXISTING_TEXT)
    site.build(strict=True, editor=GITLAB_EDITOR)
    assert f"base_url: {GITLAB}" in (site.site / "quan-tri" / "config.yml").read_text(encoding="utf-8")
    server = Nginx(site.site, tmp_path / "nginx", config=site.root / "mkdocs.yml",
                   options=("--editor-connect", GITLAB))
    try:
        status, headers, _ = server.get("quan-tri/")
        assert status == 200 and headers["Content-Security-Policy"] == EDITOR_CSP.format(connect=f" {GITLAB}")
        context, page, messages = open_recording(browser, server.url("quan-tri/"))
        try:
            page.get_by_role("button", name="Đăng nhập bằng GitLab").wait_for()
            _check(page, messages, "GitLab login")
        finally:
            context.close()
    finally:
        server.stop()


@pytest.fixture
def decap_server(tmp_path):
    """decap-server (git mode) on a free port, over a fixture portal's repository."""
    require_decap()
    site = make_portal_repo(tmp_path / "cong")
    port = free_port("127.0.0.1")
    log_path = tmp_path / "decap-server.log"
    with log_path.open("ab") as log:
        process = start_decap_server(site.root, port, log)
    try:
        wait_for_backend(port, process, log_path)
        yield site, port
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_editor_on_decap_server_works_under_its_policy(browser, decap_server, tmp_path) -> None:  # noqa: F811
    site, port = decap_server
    site.build(strict=True)  # no `editor:`: the local mode, Decap's proxy backend on decap-server
    config = site.site / "quan-tri" / "config.yml"
    text = config.read_text(encoding="utf-8")
    assert DEFAULT_LOCAL_URL in text
    backend = f"http://127.0.0.1:{port}"  # the test's decap-server instead of the default port
    config.write_text(text.replace(DEFAULT_LOCAL_URL, f"{backend}/api/v1"), encoding="utf-8")
    server = Nginx(site.site, tmp_path / "nginx", config=site.root / "mkdocs.yml", options=("--editor-connect", backend))
    try:
        context, page, messages = open_recording(browser, server.url("quan-tri/"))
        not_found: list[str] = []  # the actions decap-server answered 404
        page.on("response", lambda response: not_found.append(_action(response.request.post_data))
                if response.status == 404 and response.url == f"{backend}/api/v1" else None)
        try:
            page.get_by_role("button", name="Đăng nhập").wait_for()
            _check(page, messages, "login")
            page.get_by_role("button", name="Đăng nhập").click()
            page.get_by_text("Bộ sưu tập").wait_for()
            page.get_by_text("Hội nghị sơ kết quý I").first.click()
            page.locator("iframe").first.wait_for()  # the editor with its preview pane
            preview = page.frame_locator("iframe").first
            preview.get_by_text("Sáng ngày 10/3").first.wait_for()
            # Decap asks whether the article has a draft (editorial workflow) before it loads
            # the article; decap-server answers 404 when it has none: the one 404 of this
            # screen, and not the policy's.
            assert not_found == ["unpublishedEntry"], not_found
            messages = [m for m in messages if m not in (f"404: {backend}/api/v1", NOT_FOUND_CONSOLE)]
            _check(page, messages, "article editor")
            # a photo from the media library: uploaded, chosen, previewed (blob: and data: images)
            photo = tmp_path / "anh-thu.jpg"
            Image.new("RGB", (800, 600), (40, 110, 60)).save(photo, "JPEG")
            page.get_by_role("button", name="Chọn ảnh").first.click()
            page.set_input_files("input[type=file]", str(photo))
            page.get_by_text("anh-thu.jpg").first.wait_for()
            page.get_by_role("button", name="Lấy những cái đã chọn").click()
            preview.locator("img[src*='anh-thu'], img[src^='blob:'], img[src^='data:']").first.wait_for()
            _check(page, messages, "photo chosen")
            page.on("dialog", lambda dialog: dialog.accept())  # leave the unsaved article
            page.goto(server.url("quan-tri/#/workflow"))
            page.get_by_text("Bản nháp").first.wait_for()  # the board's first column
            _check(page, messages, "review board")
        finally:
            context.close()
    finally:
        server.stop()
