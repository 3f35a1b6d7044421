"""Hostile, careless and corrupted editors' files (issue 11): nothing expands, crashes the build,
reaches a reader or a feed; every bad file is named; `--strict` fails whatever the verbosity;
scripts/check.py and a strict build agree."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from mkdocs.config import load_config

from conftest import FIXTURE_REGISTRY, ROOT, FixtureSite, article_text
from hostile_portal import BAD_ARTICLES, BAD_DATA, BODY_CONTROL, GOOD, write_hostile_portal
from wardportal.article import article_from_source
from wardportal.corpus import ARTICLE_LIMIT, read_corpus
from wardportal.dates import VIETNAM
from wardportal.feeds import Feed, render_feed
from wardportal.frontmatter_io import parse_article_text
from wardportal.registry import Registry, load_registry
from wardportal.settings import SettingsError, read_settings
from wardportal.yamlfile import DATA_FILE_LIMIT, MAX_DEPTH, YamlSyntaxError, load_mapping

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "WARD_AS_OF": "2026-11-26"}


# --- the YAML reader -------------------------------------------------------------------------

@pytest.mark.parametrize("text, line, words", [
    ("a: 1\nb: &x [1]\nc: *x\n", 2, "neo `&x`"),
    ("a: 1\nc: *x\n", 2, "`*x`"),
    ("a: 1\n<<: {b: 2}\n", 2, "khóa gộp `<<`"),
    ("t: !!binary aGVsbG8=\n", 1, "`!!binary`"),
    ("t: !!python/object/apply:os.system [ls]\n", 1, "`!!python/object/apply:os.system`"),
    ("t: !!str x\n", 1, "`!!str`"),
    ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", 1, "quá dài"),  # libyaml's composer would crash
    ("a:\n  " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n", 2, "lồng nhau quá sâu"),
    ("a: 1\n---\nb: 2\n", 2, "một khối YAML"),
    ("? [a]\n: b\n", 1, "khóa phải là chữ"),
], ids=["anchor", "alias", "merge", "binary", "python", "str", "huge", "deep", "two-docs", "list-key"])
def test_what_could_expand_or_run_is_refused_with_its_line(text, line, words):
    with pytest.raises(YamlSyntaxError) as raised:
        load_mapping(text)
    assert raised.value.line == line and words in str(raised.value), (raised.value.line, str(raised.value))


def test_duplicate_keys_and_control_characters_are_reported_at_their_line():
    document = load_mapping('title: a\ndraft: true\ndraft: false\nitems:\n  - {id: x, id: y}\nt: "D:\\bieu"\n')
    issues = {line: (key, message) for line, key, message in document.issues}
    assert issues[3][0] == "draft" and "lần trước ở dòng 2" in issues[3][1]
    assert issues[5][0] == "id"
    assert issues[6][0] == "t" and "U+0008" in issues[6][1]
    assert document.data["t"] == "D:ieu"  # removed, never passed on


def test_field_lines_of_list_items_are_kept():
    document = load_mapping("targets:\n  - unit: a\n    target: -3\n  - b\n")
    assert document.item_lines["targets"] == [2, 4]
    assert document.field_line("targets", 0, "target") == 3
    assert document.field_line("targets", 1, "target") == 4


def test_an_oversized_data_file_is_refused_unread(tmp_path):
    (tmp_path / "_portal").mkdir()
    (tmp_path / "_portal" / "registry.yml").write_text(FIXTURE_REGISTRY + "#" * DATA_FILE_LIMIT, encoding="utf-8")
    registry, problems = load_registry(tmp_path)
    assert not registry.units and "tệp quá lớn" in problems[0].message


# --- front-matter fields ---------------------------------------------------------------------

def _validate(text: str):
    registry, _ = load_registry(ROOT / "content")
    return article_from_source(parse_article_text(text, "bai-viet/x.md"), registry)


def test_author_may_be_a_list_of_names():
    article, problems = _validate(article_text(unit="Đảng ủy phường", category="Tin hoạt động",
                                               author=["Minh Anh", "Thu Hà"]))
    assert problems == [] and article.author == "Minh Anh, Thu Hà"


@pytest.mark.parametrize("field, value", [("image_caption", ["a"]), ("author", {"a": 1}), ("slug", True),
                                          ("author", [["a"]]), ("featured", "yes")])
def test_fields_of_the_wrong_type_are_refused(field, value):
    article, problems = _validate(article_text(unit="Đảng ủy phường", category="Tin hoạt động", **{field: value}))
    assert article is None and [p.field for p in problems] == [field], problems


def test_a_date_that_does_not_exist_is_explained_in_vietnamese():
    _, problems = _validate(article_text(date="2024-02-30 08:00"))
    assert "day is out of range" not in problems[0].message and "ngày có trong tháng" in problems[0].message


# --- XML outputs: a last line of defence ------------------------------------------------------

def test_feeds_cannot_carry_characters_xml_forbids():
    article, _ = _validate(article_text(unit="Đảng ủy phường", category="Tin hoạt động"))
    poisoned = dataclasses.replace(article, title="a\x08b\x1b\ufffe", summary="c\x00d\x85")
    feed = Feed("rss.xml", "Cổng\x0c", "mô tả\x01", "", [poisoned])
    root = ET.fromstring(render_feed(feed, "https://example.vn/", datetime(2026, 1, 1, tzinfo=VIETNAM)))
    assert root.find("channel/item/title").text == "ab"


# --- the hostile portal, built for real --------------------------------------------------------

@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    site = FixtureSite(tmp_path_factory.mktemp("hostile"))
    write_hostile_portal(site)
    return site, site.build(check=False)


def test_the_build_ends_and_names_every_bad_file_at_its_line(hostile):
    site, result = hostile
    assert result.returncode == 0, result.stdout
    for name, (_, line, words) in BAD_ARTICLES.items():
        found = [row for row in result.stdout.splitlines() if f"content/bai-viet/2024/03/{name}:{line}:" in row]
        assert found and all(any(word in row for row in found) for word in words), (name, result.stdout)
    for path, expected in BAD_DATA.items():
        for line, words in expected:
            assert any(f"content/{path}:{line}:" in row and all(w in row for w in words)
                       for row in result.stdout.splitlines()), (path, line, result.stdout)
    assert "Traceback" not in result.stdout


def test_the_good_articles_are_published_and_the_bad_ones_are_not(hostile):
    site, _ = hostile
    published = {p.parent.name for p in (site.site / "bai-viet").glob("*/index.html")}
    assert {"hoi-nghi-so-ket-quy-i", "ra-quan-ve-sinh-moi-truong", "than-bai-co-ky-tu-la"} <= published
    assert not any(word in " ".join(published) for word in ("bom-alias", "trung-khoa", "khoa-gop", "tieu-de"))
    assert "\x08" not in (site.site / "bai-viet" / "than-bai-co-ky-tu-la" / "index.html").read_text(encoding="utf-8")


def test_a_control_character_in_a_body_is_removed_with_a_warning(hostile):
    _, result = hostile
    assert re.search(rf"content/bai-viet/{BODY_CONTROL[0]}:\d+: nội dung bài có ký tự điều khiển U\+0008", result.stdout)


def test_every_feed_and_the_sitemap_parse(hostile):
    site, _ = hostile
    feeds = [site.site / "rss.xml", *sorted((site.site / "chuyen-muc").glob("*/rss.xml"))]
    assert len(feeds) > 1
    for path in [*feeds, site.site / "sitemap.xml"]:
        ET.parse(path)  # raises on anything not well-formed
    titles = [item.text for item in ET.parse(site.site / "rss.xml").getroot().iter("title")]
    assert set(GOOD.values()) <= set(titles)


@pytest.mark.parametrize("verbosity", ["-q", "-v", None])
def test_a_strict_build_fails_on_the_portals_problems_whatever_the_verbosity(hostile, verbosity):
    site, _ = hostile
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site.root / "mkdocs.yml")]
    result = subprocess.run(command + ([verbosity] if verbosity else []), cwd=site.root, env=ENV,
                            capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "dừng vì chạy với --strict" in output and "bom-alias.md" in output


# --- scripts/check.py and a strict build agree --------------------------------------------------

TAB_TARGETS = "targets:\n\t- unit: dang-uy\n"
ONE_TARGET = "  - unit: {unit}\n    category: tin-hoat-dong\n    target: {target}\n    from: {start}\n"
CASES = {
    "raw-img": ("bai-viet/2024/03/anh.md", article_text(title="Ảnh thô", body='Đoạn văn.\n\n<img src="x.jpg">\n')),
    "tabs": ("_portal/targets.yml", TAB_TARGETS),
    "target-am": ("_portal/targets.yml", "targets:\n" + ONE_TARGET.format(unit="dang-uy", target=-3, start="2024-01")),
    "chong-nhau": ("_portal/targets.yml", "targets:\n" + ONE_TARGET.format(unit="dang-uy", target=1, start="2024-01")
                   + ONE_TARGET.format(unit="dang-uy", target=2, start="2024-01")),
    "don-vi-la": ("_portal/targets.yml", "targets:\n" + ONE_TARGET.format(unit="khong-co", target=1, start="2024-01")),
    "bom-alias": ("bai-viet/2024/03/bom.md", BAD_ARTICLES["bom-alias.md"][0]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_check_and_a_strict_build_report_the_same_problems(tmp_path, case):
    site = FixtureSite(tmp_path)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.article("2024/03/tot.md", title="Bài tốt")
    path, text = CASES[case]
    site.write(path, text)
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--content", "content"],
                           cwd=site.root, capture_output=True, text=True)
    build = site.build(strict=True, check=False)
    assert check.returncode != 0 and build.returncode != 0, check.stdout + build.stdout
    checked = {row for row in check.stdout.splitlines() if row.startswith("content/")}
    warned = {row.split("-  ", 1)[1] for row in build.stdout.splitlines() if row.startswith("WARNING") and "content/" in row}
    assert checked and checked == warned, (checked, warned)


def test_target_minus_three_is_named_at_the_fields_line(tmp_path):
    site = FixtureSite(tmp_path)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.write(*CASES["target-am"])
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--content", "content"],
                           cwd=site.root, capture_output=True, text=True)
    assert "content/_portal/targets.yml:4: `target` không được âm" in check.stdout, check.stdout


# --- mkdocs serve watches the theme and the data files ----------------------------------------

def test_serve_watches_the_theme_and_the_portal_data(tmp_path):
    site = FixtureSite(tmp_path)
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    config = load_config(str(site.config()))

    class FakeServer:  # what on_serve uses of MkDocs' LiveReloadServer
        def __init__(self):
            self.watched = []
            self.builder = lambda config=None: None

        def watch(self, path, func=None, *, recursive=True):
            self.watched.append(path)

    server = config.plugins.on_serve(FakeServer(), config=config, builder=lambda: None)
    assert str(ROOT / "theme") in server.watched
    assert str(site.content / "_portal") in server.watched
    assert server.builder.__module__ == "ward_mkdocs.quick_rebuild"  # the quick lane comes first


def test_an_oversized_article_is_refused_unread():
    huge = article_text(body="x" * (ARTICLE_LIMIT + 1)).encode("utf-8")
    corpus = read_corpus([("bai-viet/lon.md", lambda: huge)], Registry())
    assert corpus.articles == [] and "tệp bài viết quá lớn" in corpus.problems[0].message


@pytest.mark.parametrize("raw", [{"related": "abc"}, {"related": -1}, {"page_size": 10**9}, ["page_size"],
                                 {"preview": "yes"}, {"cache_dir": ["x"]}])
def test_bad_portal_settings_stop_the_build_with_one_message(raw):
    with pytest.raises(SettingsError) as raised:
        read_settings(raw, {})
    assert "extra.ward" in str(raised.value)
