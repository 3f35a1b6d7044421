"""The newsroom's configuration and publishing, without a browser: Decap's config.yml comes
from the registry and mkdocs.yml at build time; scripts/editor.py refuses what is unsafe."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT
from newsroom_support import git, make_portal_repo, require_decap, start_editor
from wardportal.newsroom.config import decap_config
from wardportal.newsroom.settings import EditorSettingsError, read_editor_settings
from wardportal.registry import load_registry
from wardportal.royalties.rules import load_rules
from royalty_fixture import ROYALTIES


def _fields(config: dict, collection: str) -> dict:
    found = next(c for c in config["collections"] if c["name"] == collection)
    return {field["name"]: field for field in found["fields"]}


def test_selects_are_the_registry_and_fields_are_the_front_matter(fixture_site):
    registry, _ = load_registry(fixture_site.content)
    config = decap_config(registry, read_editor_settings(None))
    fields = _fields(config, "bai-viet")
    assert fields["unit"]["options"] == [{"label": e.name, "value": e.id} for e in registry.units]
    assert fields["category"]["options"] == [{"label": e.name, "value": e.id} for e in registry.categories]
    assert list(fields) == ["title", "date", "unit", "category", "author", "summary", "image", "image_caption",
                            "tags", "featured", "views", "slug", "body"]  # no royalties.yml: no type field
    assert fields["author"]["widget"] == "tac-gia"  # ward-editor.js: one name or several, shape kept
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm"
    assert fields["body"]["modes"] == ["raw"]
    assert config["locale"] == "vi" and config["publish_mode"] == "editorial_workflow"
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    articles = config["collections"][0]
    assert articles["folder"] == "content/bai-viet" and articles["media_folder"] == "/content/images/bai-viet"


def _article_fields_with_types(site) -> dict:
    rules, problems = load_rules(site.content)
    return _fields(decap_config(load_registry(site.content)[0], read_editor_settings(None), royalties=rules),
                   "bai-viet"), rules, problems


def test_type_select_is_the_boards_types_by_id_and_name_and_nothing_else(fixture_site):
    fixture_site.write("_portal/royalties.yml", ROYALTIES)
    fields, rules, problems = _article_fields_with_types(fixture_site)
    assert problems == []
    assert list(fields)[:8] == ["title", "date", "unit", "category", "type", "points", "author", "summary"]
    kind = fields["type"]
    assert kind["widget"] == "select" and kind["required"] is False
    assert kind["options"] == [{"label": "Tin không ảnh", "value": "tin"}, {"label": "Tin có ảnh", "value": "tin-anh"},
                               {"label": "Bài chuyên sâu", "value": "bai-chuyen-sau"},
                               {"label": "Bài đăng lại", "value": "dang-lai"}]
    assert kind["options"] == [{"label": t.name, "value": t.id} for t in rules.types.values()]
    assert "Để trống: bài tính là “Tin không ảnh”" in kind["hint"]  # the board's default type, by name
    points = fields["points"]
    assert points["widget"] == "number" and points["value_type"] == "float" and points["required"] is False
    assert "khung điểm" in points["hint"] and "scripts/check.py" in points["hint"]


def test_a_bad_royalties_file_leaves_the_valid_types_or_no_type_field(fixture_site):
    fixture_site.write("_portal/royalties.yml", ROYALTIES.replace("  - id: tin-anh\n    name: Tin có ảnh\n",
                                                                  "  - id: Tin Ảnh\n    name: Tin có ảnh\n"))
    fields, _, problems = _article_fields_with_types(fixture_site)
    assert [p.line for p in problems] == [7] and problems[0].path == "_portal/royalties.yml"
    assert [o["value"] for o in fields["type"]["options"]] == ["tin", "bai-chuyen-sau", "dang-lai"]
    fixture_site.write("_portal/royalties.yml", "types: [\n")  # not YAML at all
    fields, _, problems = _article_fields_with_types(fixture_site)
    assert problems and "type" not in fields and "points" not in fields and "author" in fields


def test_production_backends_come_from_mkdocs_settings():
    gitlab = read_editor_settings({"backend": {"name": "gitlab", "repo": "bbt/cong", "app_id": "abc",
                                               "base_url": "https://git.phuong.vn",
                                               "api_root": "https://git.phuong.vn/api/v4"}})
    config = decap_config(load_registry(ROOT / "content")[0], gitlab)
    assert config["backend"] == {"name": "gitlab", "repo": "bbt/cong", "base_url": "https://git.phuong.vn",
                                 "api_root": "https://git.phuong.vn/api/v4", "app_id": "abc",
                                 "auth_type": "pkce", "branch": "main", "squash_merges": True}
    assert config["publish_mode"] == "editorial_workflow"
    gitea = decap_config(load_registry(ROOT / "content")[0],
                         read_editor_settings({"backend": {"name": "gitea", "repo": "bbt/cong", "app_id": "x",
                                                           "base_url": "https://gitea.phuong.vn"}}))
    assert gitea["backend"]["name"] == "gitea" and "publish_mode" not in gitea  # review in pull requests


@pytest.mark.parametrize("raw, fragment", [
    ({"backend": {"name": "github"}}, "github"),
    ({"backend": {"name": "gitlab"}}, "repo"),
    ({"backend": {"name": "gitlab", "repo": "a/b", "token": "x"}}, "token"),
    ({"path": "Quản trị"}, "path"),
    ("gitlab", "bảng"),
])
def test_bad_editor_settings_are_named(raw, fragment):
    with pytest.raises(EditorSettingsError, match=fragment):
        read_editor_settings(raw)


def test_build_publishes_the_editor_and_follows_the_registry(fixture_site):
    require_decap()
    fixture_site.article("2026/03/tin.md", title="Tin thử", date="2026-03-10 08:00")
    fixture_site.build(strict=True)
    editor = fixture_site.site / "quan-tri"
    names = {path.name for path in editor.iterdir()}
    assert {"index.html", "config.yml", "decap-cms.js", "ward-editor.js", "xem-truoc.css"} <= names
    assert not [name for name in names if name.endswith(".map")]
    assert len([name for name in names if name.endswith(".decap-cms.js")]) > 50  # the lazily loaded chunks
    page = (editor / "index.html").read_text(encoding="utf-8")
    assert 'src="decap-cms.js"' in page and "http" not in page.replace('href="config.yml"', "")
    units = _fields(yaml.safe_load((editor / "config.yml").read_text(encoding="utf-8")), "bai-viet")["unit"]
    assert {"label": "Hội Liên hiệp phụ nữ phường", "value": "hoi-phu-nu"} in units["options"]

    registry = (fixture_site.content / "_portal" / "registry.yml").read_text(encoding="utf-8")
    fixture_site.write("_portal/registry.yml", registry + "  - id: hoi-nong-dan\n    name: Hội Nông dân phường\n")
    fixture_site.build(strict=True)
    units = _fields(yaml.safe_load((editor / "config.yml").read_text(encoding="utf-8")), "bai-viet")["unit"]
    assert {"label": "Hội Nông dân phường", "value": "hoi-nong-dan"} in units["options"]
    assert "quan-tri" not in (fixture_site.site / "sitemap.xml").read_text(encoding="utf-8")


def test_built_editor_offers_the_types_and_publishes_no_royalty_figure(fixture_site):
    """site/quan-tri/ is public: the type select carries ids and names, never points or rates;
    a bad line of royalties.yml is the build's warning, named, and the editor still builds."""
    require_decap()
    fixture_site.article("2026/03/tin.md", title="Tin thử", date="2026-03-10 08:00", type="tin-anh")
    fixture_site.write("_portal/royalties.yml", ROYALTIES.replace("    name: Bài đăng lại\n", ""))
    result = fixture_site.build()
    assert re.search(r"WARNING .*_portal/royalties\.yml:\d+: loại bài `dang-lai` thiếu tên", result.stdout), result.stdout
    text = (fixture_site.site / "quan-tri" / "config.yml").read_text(encoding="utf-8")
    options = _fields(yaml.safe_load(text), "bai-viet")["type"]["options"]
    assert options == [{"label": "Tin không ảnh", "value": "tin"}, {"label": "Tin có ảnh", "value": "tin-anh"},
                       {"label": "Bài chuyên sâu", "value": "bai-chuyen-sau"}]
    figures = ("1.5", "1.2", "2.5", "0.5", "150000", "2340000", "percent", "fraction", "rounding", "rates",
               "point_value", "base_salary", "nhuận bút", "royalt", "default_type")
    assert [figure for figure in figures if figure in text] == []


def test_editor_can_be_turned_off(fixture_site):
    fixture_site.article("2026/03/tin.md")
    fixture_site.build(strict=True, editor=False)
    assert not (fixture_site.site / "quan-tri").exists()


def _editor_py(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "editor.py"), *args],
                          capture_output=True, text=True, timeout=60)


def test_editor_refuses_other_hosts_without_the_flag(tmp_path):
    result = _editor_py("--host", "0.0.0.0", "--repo", str(tmp_path))
    assert result.returncode == 2
    assert "không có đăng nhập" in result.stderr and "--allow-remote" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_editor_needs_a_git_repository(tmp_path):
    result = _editor_py("--repo", str(tmp_path), "--no-preview", "--port", "0")
    assert result.returncode == 2
    assert "không phải kho git" in result.stderr and "Traceback" not in result.stderr



def test_portal_collections_write_the_fields_the_models_read(fixture_site):
    from wardportal.portal.documents import DEFAULT_TYPES, OPTIONAL, REQUIRED
    from wardportal.portal.schedule import ITEM_FIELDS, REQUIRED_ITEM_FIELDS
    registry, _ = load_registry(fixture_site.content)
    config = decap_config(registry, read_editor_settings(None))
    names = [c["name"] for c in config["collections"]]
    assert names == ["bai-viet", "van-ban", "lich-cong-tac", "gioi-thieu", "danh-muc"]
    documents = _fields(config, "van-ban")
    assert list(documents) == [*REQUIRED, *OPTIONAL, "body"]
    assert documents["type"]["options"] == [{"label": name, "value": id_} for id_, name in DEFAULT_TYPES]
    assert documents["issuer"]["options"] == [{"label": e.name, "value": e.id} for e in registry.units]
    assert documents["file"]["widget"] == "file" and documents["date"]["format"] == "YYYY-MM-DD"
    collection = next(c for c in config["collections"] if c["name"] == "van-ban")
    assert collection["folder"] == "content/van-ban" and collection["media_folder"] == "/content/van-ban/tep"
    assert collection["public_folder"] == "van-ban/tep"
    weeks = _fields(config, "lich-cong-tac")
    items = {f["name"]: f for f in weeks["items"]["fields"]}
    assert tuple(items) == ITEM_FIELDS
    assert {n for n, f in items.items() if f.get("required", True)} == set(REQUIRED_ITEM_FIELDS)
    assert next(c for c in config["collections"] if c["name"] == "lich-cong-tac")["folder"] == "content/_portal/lich"
    assert list(_fields(config, "gioi-thieu")) == ["title", "description", "body"]
    assert _fields(config, "gioi-thieu")["body"]["modes"] == ["raw"]
    fixture_site.write("_portal/loai-van-ban.yml", "types:\n  - {id: to-trinh, name: Tờ trình}\n")
    from wardportal.portal.documents import load_types
    types, _ = load_types(fixture_site.content)
    local = decap_config(registry, read_editor_settings(None), document_types=types)
    assert _fields(local, "van-ban")["type"]["options"] == [{"label": "Tờ trình", "value": "to-trinh"}]


def test_files_written_as_the_editor_writes_them_pass_check_and_build(fixture_site):
    """Decap's output for the new collections: YAML front matter / a YAML file with the
    collection's fields, at the path its templates give, with the attachment uploaded into
    the media folder; unquoted ISO dates and times as its YAML writer leaves them."""
    site = fixture_site
    site.article("2026/11/a.md", title="Tin", date="2026-11-01 08:00")
    site.write("van-ban/tep/ke-hoach-9.pdf", b"%PDF-1.4\n" + b"0" * 2000 + b"\n%%EOF\n")
    # slug {{type}}-{{number}}, path {{year}}/{{slug}}
    site.write("van-ban/2026/ke-hoach-9-kh-ubnd.md", "---\nnumber: 9/KH-UBND\ndate: 2026-11-20\ntype: ke-hoach\n"
               "title: Kế hoạch tổng vệ sinh môi trường\nissuer: ubnd\nsigner: Trần Văn A – Chủ tịch\n"
               "file: van-ban/tep/ke-hoach-9.pdf\nsummary: Ra quân ngày 29/11.\n---\n\nCác tổ dân phố tham gia.\n")
    # slug {{week}}, lower-cased by Decap
    site.write("_portal/lich/2026-w48.yml", "week: 2026-W48\nnote: Lịch có thể thay đổi\nitems:\n"
               "  - day: 2026-11-26\n    time: 14:30\n    content: Họp giao ban\n    chair: Chủ tịch UBND\n"
               "    place: Hội trường\n    attendees: Các ban ngành\n"
               "  - day: 2026-11-27\n    time: 08:00\n    content: Tiếp công dân\n    chair: Phó Chủ tịch\n"
               "    place: Phòng tiếp dân\n")
    site.write("gioi-thieu/quy-hoach.md", "---\ntitle: Quy hoạch phường\ndescription: Quy hoạch chung.\n---\n\n"
               "## Định hướng\n\nNội dung quy hoạch.\n")
    checked = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--content", "content"],
                             cwd=site.root, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site.build(strict=True)
    assert "9/KH-UBND" in site.html("van-ban/ke-hoach-9-kh-ubnd/")
    week = site.html("lich-cong-tac/")
    assert "Họp giao ban" in week and "14:30" in week and "Tiếp công dân" in week
    assert "Quy hoạch phường</h1>" in site.html("gioi-thieu/quy-hoach/")
    assert "Quy hoạch phường" in site.html("gioi-thieu/")
    site.write("_portal/lich/2026-w48.yml", "week: 2026-W47\nitems: []\n")
    result = site.build(strict=True, check=False)
    assert result.returncode != 0 and "_portal/lich/2026-w48.yml:1: `week: 2026-W47` khác tuần của tên tệp" in result.stdout


def test_the_guides_screenshots_exist_and_each_is_shown():
    """Section 9 of the guide shows the newsroom's screens (refreshed by
    WARD_UPDATE_SCREENSHOTS=1 tests/test_newsroom_browser.py): none missing, none left over."""
    guide = (ROOT / "content" / "_portal" / "huong-dan-bien-tap.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(anh/(bien-tap-[\w-]+\.png)\)", guide))
    stored = {path.name for path in (ROOT / "content" / "_portal" / "anh").glob("bien-tap-*.png")}
    assert len(linked) >= 5 and linked == stored


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def _wait_for_page(url: str, text: str, seconds: float = 90) -> str:
    """Until the page answers with `text` (mkdocs serve builds, then rebuilds after a change)."""
    deadline = time.monotonic() + seconds
    while True:
        status, body = _get(url)
        if status == 200 and text in body:
            return body
        assert time.monotonic() < deadline, f"{url} never showed {text!r} (last status {status})"
        time.sleep(0.5)


@pytest.mark.slow
def test_the_preview_follows_main_and_the_editor_is_never_live_reloaded(tmp_path):
    """scripts/editor.py with its preview: `mkdocs serve` shows `main` (its live-reload script
    in every page), the editor's own server never injects that script, and an article merged
    into `main` appears in the preview by itself. Ctrl-C stops both servers."""
    require_decap()
    site = make_portal_repo(tmp_path / "cong")
    editor = start_editor(site.root, tmp_path / "editor-work", preview=True)
    try:
        assert editor.preview_url and urlsplit(editor.preview_url).hostname == "127.0.0.1"
        home = _wait_for_page(editor.preview_url, "Hội nghị sơ kết quý I")
        assert "livereload" in home  # what mkdocs serve adds, and the editor page must not have
        status, page = _get(editor.url)
        assert status == 200 and "decap-cms.js" in page and "livereload" not in page
        for branch, title in (("tin-moi", "Tin mới đăng"), ("tin-nhap", "Tin nháp chưa duyệt")):
            git(site.root, "switch", "-q", "-c", f"cms/bai-viet/2026/03/{branch}", "main")  # as decap-server does
            site.article(f"2026/03/{branch}.md", title=title, date="2026-03-20 08:00")
            git(site.root, "add", "-A")
            git(site.root, "commit", "-q", "-m", title)
        git(site.root, "switch", "-q", "main")
        git(site.root, "merge", "-q", "--no-ff", "--no-edit", "cms/bai-viet/2026/03/tin-moi")  # published
        git(site.root, "switch", "-q", "cms/bai-viet/2026/03/tin-nhap")  # the working tree holds a draft
        _wait_for_page(editor.preview_url + "bai-viet/tin-moi-dang/", "Tin mới đăng</h1>")
        assert _get(editor.preview_url + "bai-viet/tin-nhap-chua-duyet/")[0] == 404, "drafts stay out of the preview"
    finally:
        assert editor.stop() == 0
    assert _get(editor.preview_url)[0] == 0 and _get(editor.url)[0] == 0, "Ctrl-C stops both servers"
