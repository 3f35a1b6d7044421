"""The newsroom end to end: Decap CMS in Chromium on decap-server (git mode) over a fixture
portal's repository, through scripts/editor.py; then the portal built from `main`.

Slow (a real editor session, about a minute): marked `browser` and `slow`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser_support import ARTIFACTS, browser  # noqa: F401  (fixture)
from conftest import FixtureSite, ROOT
from wardportal.registry import load_registry
from newsroom_support import EXISTING, EXISTING_TEXT, git, make_portal_repo, require_decap, start_editor

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TITLE = "Đường Điện Biên Phủ khang trang sau cải tạo"
SLUG = "duong-dien-bien-phu-khang-trang-sau-cai-tao"
ARTICLE = f"content/bai-viet/2026/03/{SLUG}.md"
DRAFT_BRANCH = f"cms/bai-viet/2026/03/{SLUG}"
BODY = ["Sáng 31/3, tuyến đường Điện Biên Phủ đã hoàn thành cải tạo.", "Người dân rất phấn khởi."]
EXPECTED_FRONT_MATTER = {
    "title": TITLE, "date": "2026-03-31 09:15", "unit": "doan-thanh-nien", "category": "tin-hoat-dong",
    "image": "images/bai-viet/anh-duong-dien-bien-phu.jpg", "image_caption": "Tuyến đường sau cải tạo",
}
# What Decap shows in English when a key is missing from the locale: none may remain.
ENGLISH = ["Save", "Publish", "Published", "Status", "Draft", "In review", "Ready", "Delete", "Choose an image",
           "Choose different image", "Remove image", "Bold", "Italic", "Strikethrough", "Code", "Link",
           "Headings", "Quote", "Bulleted List", "Numbered List", "Add Component", "Toggle preview",
           "Sync scrolling", "Collections", "Contents", "Workflow", "Media", "Quick add", "New", "Upload",
           "Search", "Sort by", "Filter by", "Group by", "View as", "Set status", "Unpublished", "Loading",
           "Close", "Copy", "Copy Path", "Insert from URL", "Now", "Clear", "Add", "Expand", "Collapse",
           "Writing in", "Changes saved", "Unsaved Changes", "optional", "Log in", "Login", "Entries",
           "January", "February", "March", "April", "June", "July", "August", "September", "October",
           "November", "December", "ago",
           "close", "notification timer"]  # react-toastify's own aria-labels (ward-editor.js renames them)
TEXTS_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (el && el.offsetParent !== null && !el.closest('[contenteditable], textarea, input')) out.push(walker.currentNode.textContent);
  }
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder]'))
    for (const a of ['title', 'aria-label', 'placeholder']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
  return out;
}"""
FAR_FROM_VIETNAM = "America/Los_Angeles"  # UTC−8/−7: an editor's browser set to another zone
SHOTS = ROOT / "content" / "_portal" / "anh"  # the guide's screenshots (not published: _portal/ is excluded)


def _jpeg_with_gps(path: Path) -> Path:
    image = Image.new("RGB", (1200, 800), (40, 110, 60))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (21.0, 2.0, 3.0), 3: "E", 4: (105.0, 51.0, 0.0)}
    image.save(path, "JPEG", exif=exif.tobytes())
    assert Image.open(path).getexif().get_ifd(0x8825), "the fixture photo must carry GPS"
    return path


class Session:
    """One editor page, recording every request and the English it shows."""

    def __init__(self, browser, url: str, timezone: str = "Asia/Ho_Chi_Minh") -> None:
        self.context = browser.new_context(locale="vi-VN", timezone_id=timezone,
                                           viewport={"width": 1280, "height": 860})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.english: dict[str, str] = {}
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.dialogs: list[str] = []
        self.page.on("dialog", self._accept)
        self.url = url

    def go(self, fragment: str = "") -> None:
        self.page.goto(self.url + fragment)

    def login(self) -> None:
        self.go()
        self.page.get_by_role("button", name="Đăng nhập").click()
        self.page.get_by_text("Bộ sưu tập").wait_for()

    def check_vietnamese(self, screen: str) -> None:
        self.page.get_by_text("Đang tải...").first.wait_for(state="hidden")
        self.page.get_by_text(re.compile(r"^(Nội dung|Lưu)$")).first.wait_for()  # the screen is drawn
        for _ in range(40):  # the screen may still be filling in after a save or publish
            texts = self.page.evaluate(TEXTS_JS)
            if len(texts) > 10 and any(t.strip() in ("Nội dung", "Lưu") for t in texts):
                break
            self.page.wait_for_timeout(250)
        assert len(texts) > 10 and any(t.strip() in ("Nội dung", "Lưu") for t in texts), f"{screen}: no UI text read"
        self._record_english(screen, texts)

    def _record_english(self, screen: str, texts: list[str]) -> None:
        for text in texts:
            for word in ENGLISH:
                if re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text):
                    self.english.setdefault(f"{screen}: {word}", text)

    def _accept(self, dialog) -> None:
        """Decap's confirmations (publish, leave with unsaved changes): read, then accepted."""
        self.dialogs.append(dialog.message)
        self._record_english("hộp thoại", [dialog.message])
        dialog.accept()

    def check_toast(self, screen: str) -> None:
        """A notification, held open (it pauses while hovered) and read like a screen; then closed
        by its button's Vietnamese name."""
        toast = self.page.locator(".Toastify__toast").first
        toast.wait_for()
        toast.hover()
        assert toast.locator(".Toastify__close-button").get_attribute("aria-label") == "Đóng thông báo"
        assert toast.locator("[role=progressbar]").get_attribute("aria-label") == "Thời gian hiển thị thông báo"
        self.check_vietnamese(screen)
        try:  # held again: reading the screen can take longer than the toast stays on a busy machine
            toast.hover(timeout=5000)
            toast.get_by_role("button", name="Đóng thông báo").click(timeout=5000)
        except PlaywrightTimeoutError:
            pass  # its time ran out first and it closed itself (seen once in CI under load)
        toast.wait_for(state="detached")

    def shot(self, name: str) -> None:
        target = ARTIFACTS / "newsroom" / f"{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(target))
        if os.environ.get("WARD_UPDATE_SCREENSHOTS") == "1":  # refresh the guide's pictures
            image = Image.open(target).convert("RGB")
            image = image.resize((960, round(image.height * 960 / image.width)), Image.LANCZOS)
            SHOTS.mkdir(parents=True, exist_ok=True)
            image.quantize(colors=64).save(SHOTS / f"{name}.png", optimize=True)

    def set_status(self, current: str, new: str) -> None:
        self.page.get_by_text(f"Trạng thái: {current}").click()
        self.page.get_by_text(new, exact=True).last.click()
        self.page.get_by_text(f"Trạng thái: {new}").wait_for()

    def off_host(self) -> list[str]:
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"]


@pytest.fixture
def portal(tmp_path):
    require_decap()
    site = make_portal_repo(tmp_path / "cong")
    editor = start_editor(site.root, tmp_path / "editor-work")
    yield site, editor
    assert editor.stop() == 0, "Ctrl-C must stop scripts/editor.py cleanly"


def _select(page, field: str, typed: str) -> None:
    page.locator(f"[id^={field}-field]").click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")


def _wait_until(condition, seconds: float = 30) -> None:
    """decap-server answers the browser before git has finished: wait for git, never for time."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "decap-server did not finish"
        time.sleep(0.2)


def _public_build(site: FixtureSite, tmp_path: Path, name: str) -> FixtureSite:
    """The portal as readers get it: a clone of `main`, built with --strict."""
    clone = tmp_path / name
    git(site.root, "worktree", "add", "-q", "--detach", str(clone), "main")
    public = FixtureSite(clone)
    public.build(strict=True)
    return public


def _counted(public: FixtureSite) -> str:
    """What Thống kê counts for the article's unit and category in March 2026."""
    row = re.search(r'<tr data-unit="doan-thanh-nien">(.*?)</tr>', public.html("thong-ke/2026/03/"), re.S)
    return re.search(r'data-category="tin-hoat-dong" data-published="(\d+)"', row.group(1)).group(1)


def test_unit_writes_board_publishes(browser, portal, tmp_path):
    site, editor = portal
    repo = site.root
    session = Session(browser, editor.url, timezone=FAR_FROM_VIETNAM)  # times are stored as typed all the same
    page = session.page
    session.login()
    session.check_vietnamese("danh sách bài")
    page.get_by_text("Thêm bài viết", exact=True).wait_for()  # the guide's name for it (section 9.2)
    session.shot("bien-tap-1-danh-sach")

    session.go("#/collections/bai-viet/new")
    page.locator("[id^=title-field]").fill(TITLE)
    page.locator("[id^=date-field]").fill("2026-03-31T09:15")
    _select(page, "unit", "Đoàn thanh")
    _select(page, "category", "Tin hoạt")
    page.get_by_role("button", name="Chọn ảnh").click()
    page.set_input_files("input[type=file]", str(_jpeg_with_gps(tmp_path / "Ảnh đường Điện Biên Phủ.jpg")))
    page.get_by_text("anh-duong-dien-bien-phu.jpg").wait_for()  # ASCII, đ→d, like the portal's slugs
    session.check_vietnamese("thư viện ảnh")
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    page.locator("[id^=image_caption-field]").fill(EXPECTED_FRONT_MATTER["image_caption"])
    page.locator("[contenteditable=true]").last.click()
    page.keyboard.type(BODY[0])
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type(BODY[1])
    preview = page.frame_locator("iframe").first
    preview.get_by_text("Ngày đăng 31/03/2026 | 09:15 | Lượt xem: 0").wait_for()
    assert "Đơn vị: Đoàn thanh niên phường · Chuyên mục: Tin hoạt động" in preview.locator("body").inner_text()
    session.check_vietnamese("soạn bài")
    session.shot("bien-tap-2-soan-bai")

    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Trạng thái: Bản nháp").wait_for()
    session.check_toast("thông báo đã lưu")
    assert DRAFT_BRANCH in git(repo, "branch", "--list", "cms/*")
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    assert not (repo / ARTICLE).exists(), "a draft lives on its branch only"
    public = _public_build(site, tmp_path, "truoc-khi-dang")
    assert not (public.site / "bai-viet" / SLUG).exists()
    assert "Đường Điện Biên Phủ" not in public.html("")
    assert _counted(public) == "0"

    session.set_status("Bản nháp", "Đang xét duyệt")
    session.check_toast("thông báo trạng thái")  # and closed: the workflow's screenshot is not covered
    assert git(repo, "config", f"branch.{DRAFT_BRANCH}.description").strip() == "decap-cms/pending_review"
    session.go("#/workflow")
    page.get_by_text(TITLE).first.wait_for()
    for column in ("Bản nháp", "Đang xét duyệt", "Sẵn sàng"):
        page.get_by_text(column, exact=True).first.wait_for()
    session.check_vietnamese("duyệt bài")
    session.shot("bien-tap-3-duyet-bai")
    page.get_by_text(TITLE).first.click()
    session.set_status("Đang xét duyệt", "Sẵn sàng")
    assert git(repo, "config", f"branch.{DRAFT_BRANCH}.description").strip() == "decap-cms/pending_publish"
    page.get_by_text("Đăng", exact=True).click()
    page.get_by_text("Đăng ngay").click()
    page.get_by_text("Đã đăng", exact=True).wait_for()
    page.get_by_role("button", name="Xóa bài đã đăng").wait_for()
    session.check_vietnamese("đã đăng")

    _wait_until(lambda: DRAFT_BRANCH not in git(repo, "branch", "--list", "cms/*"))
    text = git(repo, "show", f"main:{ARTICLE}")
    front, body = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S).groups()
    assert yaml.safe_load(front) == EXPECTED_FRONT_MATTER
    assert "date: 2026-03-31 09:15\n" in front  # as typed, Vietnam time, no offset or seconds
    assert body.strip() == "\n\n".join(BODY)
    photo = "content/images/bai-viet/anh-duong-dien-bien-phu.jpg"
    assert photo in git(repo, "ls-tree", "-r", "--name-only", "main")

    public = _public_build(site, tmp_path, "sau-khi-dang")
    page_html = public.html(f"bai-viet/{SLUG}/")
    assert TITLE in page_html and "Ngày đăng 31/03/2026 | 09:15 | Lượt xem: 0" in page_html
    sources = re.findall(r'src="([^"]+\.jpg)"', page_html)
    assert sources, "the article shows its cover photo"
    published = (public.site / "bai-viet" / SLUG / sources[0]).resolve()
    with Image.open(published) as image:
        assert not image.getexif().get_ifd(0x8825), "GPS must be stripped from what readers get"
    assert not (public.site / "images" / "bai-viet" / "anh-duong-dien-bien-phu.jpg").exists(), "no original"
    assert _counted(public) == "1", "the quota tracker counts it in the period of its date"

    assert session.off_host() == []
    assert session.errors == []
    assert "Bạn có chắc muốn đăng bài này?" in session.dialogs  # the project's string (ward-editor.js)
    assert session.english == {}
    session.context.close()


def test_unchanged_article_and_registry_selects(browser, portal):
    site, editor = portal
    repo = site.root
    session = Session(browser, editor.url)
    page = session.page
    session.login()
    session.go("#/collections/bai-viet/entries/2026/03/hoi-nghi-so-ket-quy-i")
    page.locator("[id^=title-field]").wait_for()
    assert page.locator("[id^=title-field]").input_value() == "Hội nghị sơ kết quý I"
    assert page.get_by_role("button", name="Lưu").is_disabled(), "nothing changed: nothing to save"

    page.locator("[id^=unit-field]").click()
    shown = page.locator("[class*=option]").all_inner_texts()
    registry, problems = load_registry(site.content)
    assert problems == [] and len(registry.units) == 4
    assert shown == [unit.name for unit in registry.units]  # labels: names, in the portal's order
    page.keyboard.press("Escape")
    session.check_vietnamese("sửa bài")

    # an edit taken back leaves nothing to save: opening and leaving is a no-op
    title = page.locator("[id^=title-field]")
    title.press("End")
    title.type("!")
    title.press("Backspace")
    assert page.get_by_role("button", name="Lưu").is_disabled()
    assert git(repo, "branch", "--list", "cms/*") == ""
    # a real edit of one field rewrites that line only: front matter and Markdown stay as written
    title.type(" (cập nhật)")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Trạng thái: Bản nháp").wait_for()
    branch = "cms/bai-viet/2026/03/hoi-nghi-so-ket-quy-i"
    _wait_until(lambda: branch in git(repo, "branch", "--list", "cms/*"))
    assert git(repo, "show", f"{branch}:content/{EXISTING}") == EXISTING_TEXT.replace(
        "title: Hội nghị sơ kết quý I\n", "title: Hội nghị sơ kết quý I (cập nhật)\n")
    assert (site.content / EXISTING).read_text(encoding="utf-8") == EXISTING_TEXT

    session.go("#/collections/danh-muc/entries/registry")  # the board's registry as a form
    page.reload()  # a fresh editor: Decap keeps the previous entry's state across in-page navigation
    page.get_by_text("Đảng ủy phường (dang-uy)").wait_for()
    session.check_vietnamese("danh mục")
    session.shot("bien-tap-4-danh-muc")
    assert session.off_host() == []
    assert session.english == {}
    session.context.close()


TARGETS = "period_start_day: 1\ndefaults:\n  - category: tin-hoat-dong\n    target: 1\n    from: 2026-01\n"
PDF = b"%PDF-1.4\n" + b"0" * 2000 + b"\n%%EOF\n"


@pytest.fixture
def portal_with_targets(tmp_path):
    """The fixture portal with a targets.yml on `main`, so the targets form edits a file."""
    require_decap()
    site = make_portal_repo(tmp_path / "cong")
    site.write("_portal/targets.yml", TARGETS)
    git(site.root, "add", "-A")
    git(site.root, "commit", "-q", "-m", "Chỉ tiêu")
    editor = start_editor(site.root, tmp_path / "editor-work")
    yield site, editor
    assert editor.stop() == 0


def _last(page, field: str):
    """The field of the list item added last (earlier items of the list hold fields of that name)."""
    return page.locator(f"[id^={field}-field]").last


def _select_last(page, field: str, typed: str) -> None:
    _last(page, field).click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")


def _save_draft(session: Session, repo: Path, branch: str) -> None:
    session.page.get_by_role("button", name="Lưu").click()
    session.page.get_by_text("Trạng thái: Bản nháp").wait_for()
    _wait_until(lambda: branch in git(repo, "branch", "--list", "cms/*"))


def _merge_drafts(repo: Path, merged: Path, count: int) -> Path:
    """`main` with every draft branch merged, as publishing them would, in a worktree."""
    git(repo, "worktree", "add", "-q", "-b", "dang-thu", str(merged), "main")
    branches = git(repo, "branch", "--list", "--format=%(refname:short)", "cms/*").split()
    assert len(branches) == count, branches
    git(merged, "merge", "-q", "--no-edit", *branches)
    return merged


def _upload(page, path: Path, stored_name: str) -> None:
    page.set_input_files("input[type=file]", str(path))
    page.get_by_text(stored_name).first.wait_for()  # ASCII, đ→d, like the portal's slugs
    page.get_by_role("button", name="Lấy những cái đã chọn").click()


def test_portal_forms_write_files_that_pass_the_check_and_build(browser, portal_with_targets, tmp_path):
    """Văn bản, Lịch công tác, Giới thiệu, the registry and the targets, each filled in the editor
    and saved; the drafts' branches merged as publishing merges them; then check.py and a
    strict build of the result, which shows every one."""
    site, editor = portal_with_targets
    repo = site.root
    session = Session(browser, editor.url, timezone=FAR_FROM_VIETNAM)  # dates alone must not shift a day
    page = session.page
    session.login()

    session.go("#/collections/van-ban/new")
    page.locator("[id^=number-field]").fill("9/KH-UBND")
    page.locator("[id^=date-field]").fill("2026-11-20")
    _select(page, "type", "Kế hoạch")
    page.locator("[id^=title-field]").fill("Kế hoạch tổng vệ sinh môi trường")
    _select(page, "issuer", "UBND")
    page.locator("[id^=signer-field]").fill("Trần Văn A – Chủ tịch UBND phường")
    page.get_by_role("button", name="Chọn một tập tin").click()
    pdf = tmp_path / "Kế hoạch số 9.pdf"
    pdf.write_bytes(PDF)
    _upload(page, pdf, "ke-hoach-so-9.pdf")
    session.check_vietnamese("văn bản")
    page.locator("[id^=number-field]").scroll_into_view_if_needed()
    session.shot("bien-tap-5-van-ban")
    _save_draft(session, repo, "cms/van-ban/2026/ke-hoach-9-kh-ubnd")

    session.go("#/collections/lich-cong-tac/new")
    page.reload()  # a fresh editor: Decap keeps the previous entry's state across in-page navigation
    page.locator("[id^=week-field]").fill("2026-W49")
    page.get_by_role("button", name="Thêm mục lịch").click()
    _last(page, "day").fill("2026-12-01")
    _last(page, "time").fill("14:30")
    _last(page, "content").fill("Họp giao ban cuối năm")
    _last(page, "chair").fill("Chủ tịch UBND phường")
    _last(page, "place").fill("Hội trường")
    session.check_vietnamese("lịch công tác")
    _save_draft(session, repo, "cms/lich-cong-tac/2026-w49")

    session.go("#/collections/gioi-thieu/new")
    page.reload()
    page.locator("[id^=title-field]").fill("Quy hoạch phường")
    page.locator("[id^=description-field]").fill("Quy hoạch chung của phường.")
    page.locator("[contenteditable=true]").last.click()
    page.keyboard.type("## Định hướng")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Nội dung quy hoạch phường.")
    session.check_vietnamese("giới thiệu")
    _save_draft(session, repo, "cms/gioi-thieu/quy-hoach-phuong")

    session.go("#/collections/danh-muc/entries/registry")
    page.reload()
    page.get_by_text("Đảng ủy phường (dang-uy)").wait_for()
    page.get_by_role("button", name="Thêm đơn vị").click()
    _last(page, "id").fill("hoi-nong-dan")
    _last(page, "name").fill("Hội Nông dân phường")
    _last(page, "start").fill("2026-11")
    _save_draft(session, repo, "cms/danh-muc/registry")

    session.go("#/collections/danh-muc/entries/targets")
    page.reload()
    page.get_by_role("button", name="Thêm chỉ tiêu riêng").click()
    _select_last(page, "unit", "Hội Liên hiệp")
    _select_last(page, "category", "Bài viết chuyên")
    _last(page, "target").fill("2")
    _last(page, "from").fill("2026-11")
    session.check_vietnamese("chỉ tiêu")
    _save_draft(session, repo, "cms/danh-muc/targets")
    assert session.off_host() == [] and session.errors == [] and session.english == {}
    session.context.close()

    merged = _merge_drafts(repo, tmp_path / "da-dang", 5)
    written = {path: git(merged, "show", f"HEAD:{path}") for path in (
        "content/van-ban/2026/ke-hoach-9-kh-ubnd.md", "content/_portal/lich/2026-w49.yml",
        "content/gioi-thieu/quy-hoach-phuong.md", "content/_portal/registry.yml", "content/_portal/targets.yml")}
    assert "van-ban/tep/ke-hoach-so-9.pdf" in git(merged, "ls-tree", "-r", "--name-only", "HEAD")
    assert "\ndate: 2026-11-20\n" in written["content/van-ban/2026/ke-hoach-9-kh-ubnd.md"]  # as typed
    assert "day: 2026-12-01\n" in written["content/_portal/lich/2026-w49.yml"]
    checked = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--content", "content"],
                             cwd=merged, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr + "\n".join(written.values())
    public = FixtureSite(merged)
    public.build(strict=True)
    assert "9/KH-UBND" in public.html("van-ban/ke-hoach-9-kh-ubnd/")
    assert "Họp giao ban cuối năm" in public.html("lich-cong-tac/2026-w49/")  # the build's today is in week 48
    assert "Quy hoạch phường</h1>" in public.html("gioi-thieu/quy-hoach-phuong/")
    stats = public.html("thong-ke/2026/11/")
    assert '<tr data-unit="hoi-nong-dan">' in stats and "Hội Nông dân phường" in stats  # tracked from 2026-11
    assert re.search(r'<tr data-unit="hoi-phu-nu">.*?data-category="bai-viet-chuyen-sau" data-published="0" '
                     r'data-target="2"', stats, re.S), written["content/_portal/targets.yml"]


def _new_article(session: Session, title: str, typed_date: str) -> None:
    page = session.page
    session.go("#/collections/bai-viet/new")
    page.reload()  # a fresh editor: Decap keeps the previous entry's state across in-page navigation
    page.locator("[id^=title-field]").fill(title)
    page.locator("[id^=date-field]").fill(typed_date)
    _select(page, "unit", "Đảng ủy")
    _select(page, "category", "Tin hoạt")
    page.locator("[contenteditable=true]").last.click()
    page.keyboard.type("Nội dung bài trùng tiêu đề.")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Trạng thái: Bản nháp").wait_for()


def test_a_title_taken_by_another_article_is_named_by_the_check(browser, portal, tmp_path):
    """The existing article's title again, in another month and in its own month: Decap never
    overwrites the existing file, and the check names the URL clash with what to do."""
    site, editor = portal
    repo = site.root
    session = Session(browser, editor.url)
    session.login()
    title = "Hội nghị sơ kết quý I"
    _new_article(session, title, "2026-04-02T08:00")
    _wait_until(lambda: len(git(repo, "branch", "--list", "cms/*").split()) == 1)
    _new_article(session, title, "2026-03-20T08:00")
    _wait_until(lambda: len(git(repo, "branch", "--list", "cms/*").split()) == 2)
    assert session.off_host() == [] and session.errors == []
    session.context.close()

    branches = git(repo, "branch", "--list", "--format=%(refname:short)", "cms/*").split()
    merged = tmp_path / "da-dang"
    git(repo, "worktree", "add", "-q", "-b", "dang-thu", str(merged), "main")
    git(merged, "merge", "-q", "--no-edit", *branches)
    assert (merged / "content" / EXISTING).read_text(encoding="utf-8") == EXISTING_TEXT
    added = sorted(set(git(merged, "ls-tree", "-r", "--name-only", "HEAD").split())
                   - set(git(repo, "ls-tree", "-r", "--name-only", "main").split()))
    checked = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--content", "content"],
                             cwd=merged, capture_output=True, text=True)
    assert checked.returncode == 1, checked.stdout
    # Decap gives a same-month file its own name (…-1.md); the slug still comes from the title
    assert added == ["content/bai-viet/2026/03/hoi-nghi-so-ket-quy-i-1.md",
                     "content/bai-viet/2026/04/hoi-nghi-so-ket-quy-i.md"]
    clash = "trùng đường dẫn `bai-viet/hoi-nghi-so-ket-quy-i/`"
    named = [line for line in checked.stdout.splitlines() if clash in line]
    assert len(named) == 2 and all("thêm `slug:` khác" in line for line in named), checked.stdout
    files = {line.split(":", 1)[0] for line in named} | {"content/" + line.split("với bài ")[1].split(". ")[0]
                                                        for line in named}
    assert files == {*added, f"content/{EXISTING}"}, named


def _front(text: str, **fields: str) -> str:
    """An article in the editor's own layout: keys in the form's order, lists in block style."""
    return "---\n" + "".join(f"{key}: {value}\n" if not value.startswith("\n") else f"{key}:{value}\n"
                             for key, value in fields.items()) + "---\n\n" + text + "\n"


NAMES_BLOCK = "\n  - Nguyễn Thu Hà\n  - Vũ Hoàng Anh"
SHARES_BLOCK = "\n  - name: Nguyễn Thu Hà\n    points: 1.2\n  - name: Vũ Hoàng Anh\n    points: 0.6"
AUTHOR_ARTICLES = {  # slug: (file text, what the form shows)
    "tin-mot-tac-gia": _front("Một tác giả.", title="Tin một tác giả", date="2026-03-11 08:00", unit="dang-uy",
                              category="tin-hoat-dong", type="tin", author="Nguyễn Văn An"),
    "tin-hai-tac-gia": _front("Hai tác giả.", title="Tin hai tác giả", date="2026-03-12 08:00", unit="dang-uy",
                              category="tin-hoat-dong", type="tin-anh", author=NAMES_BLOCK),
    "bai-diem-tung-nguoi": _front("Điểm từng người.", title="Bài điểm từng người", date="2026-03-13 08:00",
                                  unit="dang-uy", category="tin-hoat-dong", type="bai-chuyen-sau",
                                  author=SHARES_BLOCK),
}
FLOW_TEXT = _front("Viết tay.", title="Tin viết tay", date="2026-03-14 08:00", unit="dang-uy",
                   category="tin-hoat-dong", author="[Nguyễn Thu Hà, Vũ Hoàng Anh]", tags="[hội nghị, đảng ủy]")
NEW_TITLE = "Chuyên đề chuyển đổi số ở tổ dân phố"
NEW_SLUG = "chuyen-de-chuyen-doi-so-o-to-dan-pho"


@pytest.fixture
def portal_with_types(tmp_path):
    """The fixture portal with the board's article types and articles of each author form."""
    from royalty_fixture import ROYALTIES
    require_decap()
    files = {f"bai-viet/2026/03/{slug}.md": text for slug, text in AUTHOR_ARTICLES.items()}
    files["bai-viet/2026/03/tin-viet-tay.md"] = FLOW_TEXT
    site = make_portal_repo(tmp_path / "cong", {"_portal/royalties.yml": ROYALTIES, **files})
    editor = start_editor(site.root, tmp_path / "editor-work")
    yield site, editor
    assert editor.stop() == 0


def _open(session: Session, slug: str) -> None:
    session.go(f"#/collections/bai-viet/entries/2026/03/{slug}")
    session.page.reload()  # a fresh editor: Decap keeps the previous entry's state across in-page navigation
    session.page.locator("[id^=title-field]").wait_for()


def _edit_title_and_save(session: Session, repo: Path, slug: str) -> str:
    title = session.page.locator("[id^=title-field]")
    title.press("End")
    title.type(" (sửa)")
    branch = f"cms/bai-viet/2026/03/{slug}"
    _save_draft(session, repo, branch)
    return git(repo, "show", f"{branch}:content/bai-viet/2026/03/{slug}.md")


def test_author_forms_are_kept_and_type_and_points_are_written(browser, portal_with_types, tmp_path):
    """Each form of `author` opens with nothing to save, and saved after an edit of the title the
    file differs by that line only (the `{name, points}` form is shown read-only); a new article
    with Loại bài, Điểm and two authors is written exactly so, and passes scripts/check.py."""
    site, editor = portal_with_types
    repo = site.root
    session = Session(browser, editor.url)
    page = session.page
    session.login()
    for slug, text in AUTHOR_ARTICLES.items():
        _open(session, slug)
        assert page.get_by_role("button", name="Lưu").is_disabled(), f"{slug}: opening changed nothing"
        authors = page.locator("[id^=author-field]")
        if slug == "bai-diem-tung-nguoi":
            shown = page.locator("[data-ward-authors=co-diem]").inner_text()
            assert "Nguyễn Thu Hà — 1,2 điểm" in shown and "Vũ Hoàng Anh — 0,6 điểm" in shown
            assert "sửa trực tiếp trong tệp bài" in shown
            assert page.locator("[data-ward-authors=co-diem] input").count() == 0
        else:
            names = [authors.nth(i).input_value() for i in range(authors.count())]
            assert names == (["Nguyễn Thu Hà", "Vũ Hoàng Anh"] if slug == "tin-hai-tac-gia" else ["Nguyễn Văn An"])
        session.check_vietnamese(f"tác giả {slug}")
        saved = _edit_title_and_save(session, repo, slug)
        title = yaml.safe_load(text.split("---")[1])["title"]
        assert saved == text.replace(f"title: {title}\n", f"title: {title} (sửa)\n"), saved
    assert git(repo, "branch", "--list", "cms/*").count("cms/") == 3

    # hand-written flow lists: the values are kept, the layout becomes the editor's (block lists)
    _open(session, "tin-viet-tay")
    assert page.get_by_role("button", name="Lưu").is_disabled()
    saved = _edit_title_and_save(session, repo, "tin-viet-tay")
    before, after = (yaml.safe_load(t.split("---")[1]) for t in (FLOW_TEXT, saved))
    assert after == {**before, "title": "Tin viết tay (sửa)"}
    assert "author:\n  - Nguyễn Thu Hà\n  - Vũ Hoàng Anh\n" in saved

    session.go("#/collections/bai-viet/new")
    page.reload()
    page.locator("[id^=title-field]").fill(NEW_TITLE)
    page.locator("[id^=date-field]").fill("2026-03-25T10:30")
    _select(page, "unit", "Đảng ủy")
    _select(page, "category", "Tin hoạt")
    page.locator("[id^=type-field]").click()
    assert page.locator("[class*=option]").all_inner_texts() == ["Tin không ảnh", "Tin có ảnh", "Bài chuyên sâu",
                                                                 "Bài đăng lại"]
    page.keyboard.type("Bài chuyên")
    page.keyboard.press("Enter")
    page.locator("[id^=points-field]").fill("1.8")
    page.locator("[id^=author-field]").first.fill("Nguyễn Thu Hà")
    page.get_by_role("button", name="Thêm tác giả").click()
    page.locator("[id^=author-field]").nth(1).fill("Vũ Hoàng Anh")
    page.locator("[contenteditable=true]").last.click()
    page.keyboard.type("Tổ dân phố số 5 đưa dịch vụ công đến từng nhà.")
    preview = page.frame_locator("iframe").first
    preview.get_by_text("Nguyễn Thu Hà, Vũ Hoàng Anh").wait_for()  # the author line as the portal prints it
    session.check_vietnamese("soạn bài có loại bài")
    page.locator("[id^=category-field]").evaluate("field => field.scrollIntoView({block: 'start'})")
    session.shot("bien-tap-6-loai-bai-tac-gia")
    branch = f"cms/bai-viet/2026/03/{NEW_SLUG}"
    _save_draft(session, repo, branch)
    written = git(repo, "show", f"{branch}:content/bai-viet/2026/03/{NEW_SLUG}.md")
    assert written.startswith(f"---\ntitle: {NEW_TITLE}\ndate: 2026-03-25 10:30\nunit: dang-uy\n"
                              "category: tin-hoat-dong\ntype: bai-chuyen-sau\npoints: 1.8\n"
                              "author:\n  - Nguyễn Thu Hà\n  - Vũ Hoàng Anh\n---\n"), written
    assert session.off_host() == [] and session.errors == [] and session.english == {}
    session.context.close()

    merged = _merge_drafts(repo, tmp_path / "da-dang", 5)
    checked = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--content", "content"],
                             cwd=merged, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
