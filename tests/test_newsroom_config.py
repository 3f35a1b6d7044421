"""The newsroom's configuration and publishing, without a browser: Decap's config.yml comes
from the registry and mkdocs.yml at build time; scripts/editor.py refuses what is unsafe."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from newsroom_support import require_decap
from wardportal.newsroom.config import decap_config
from wardportal.newsroom.settings import EditorSettingsError, read_editor_settings
from wardportal.registry import load_registry


def _fields(config: dict, collection: str) -> dict:
    found = next(c for c in config["collections"] if c["name"] == collection)
    return {field["name"]: field for field in found["fields"]}


def test_selects_are_the_registry_and_fields_are_the_front_matter(fixture_site):
    registry, _ = load_registry(fixture_site.content)
    config = decap_config(registry, read_editor_settings(None))
    fields = _fields(config, "bai-viet")
    assert fields["unit"]["options"] == [{"label": e.name, "value": e.id} for e in registry.units]
    assert fields["category"]["options"] == [{"label": e.name, "value": e.id} for e in registry.categories]
    assert list(fields) == ["title", "date", "unit", "category", "summary", "image", "image_caption",
                            "author", "tags", "featured", "views", "slug", "body"]
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm"
    assert fields["body"]["modes"] == ["raw"]
    assert config["locale"] == "vi" and config["publish_mode"] == "editorial_workflow"
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    articles = config["collections"][0]
    assert articles["folder"] == "content/bai-viet" and articles["media_folder"] == "/content/images/bai-viet"


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

