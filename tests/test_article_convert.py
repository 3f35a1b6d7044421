"""Articles converted by the portal (one Markdown instance, reset between articles) come out
exactly as MkDocs' own Page.render would convert them, links and warnings included."""

import logging

import pytest
from mkdocs.commands.build import get_files
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from conftest import FIXTURE_REGISTRY, FixtureSite
from ward_mkdocs.article_convert import ArticleConverter, _convert_many
from wardportal.htmlcache import HtmlCache

BODIES = [
    "Đoạn mở đầu.\n\n## Kết quả nổi bật\n\nXem [bài B](b.md#ket-qua) và [trang chủ](../../../index.md).",
    "| Cột | Số |\n|---|---|\n| Một | 1 |\n\n!!! note \"Lưu ý\"\n    Nội dung lưu ý.\n\n## Kết quả nổi bật",
    '<div id="muc-rieng" markdown>\n**Đậm** trong HTML.\n</div>\n\n[Tự trỏ](#muc-rieng){ .nut }',
    "Liên kết hỏng [đây](khong-co.md) và [ảnh](../../../images/khong-co.jpg).",
]


@pytest.fixture(scope="module")
def mkdocs_setup(tmp_path_factory):
    site = FixtureSite(tmp_path_factory.mktemp("convert"))
    site.write("_portal/registry.yml", FIXTURE_REGISTRY)
    site.article("2024/03/a.md", title="Bài A")
    site.article("2024/03/b.md", title="Bài B")
    config = load_config(str(site.config()))
    config.plugins.on_config(config)  # the hook sets the toc slugify
    files = get_files(config)
    return config, files, files.get_file_from_path("bai-viet/2024/03/a.md")


def _mkdocs_render(config, files, file, body, caplog):
    page = Page(None, file, config)
    page.markdown = body
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        caplog.clear()
        page.render(config, files)
        warnings = [record.getMessage() for record in caplog.records]
    return page, warnings


def test_reused_instance_converts_like_mkdocs(mkdocs_setup, caplog):
    config, files, file = mkdocs_setup
    converter = ArticleConverter(config, files)
    for body in BODIES + BODIES[::-1]:  # the same instance, in both orders
        page, warnings = _mkdocs_render(config, files, file, body, caplog)
        ours = converter.convert(file, body)
        assert ours.html == page.content
        assert set(ours.anchors) == page.present_anchor_ids
        assert ours.links == {target.src_uri: links for target, links in page.links_to_anchors.items()}
        assert [message for _, level, message in ours.records if level >= logging.WARNING] == warnings


def test_broken_link_is_recorded_not_printed_and_marks_the_conversion(mkdocs_setup, caplog):
    config, files, file = mkdocs_setup
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        caplog.clear()
        conversion = ArticleConverter(config, files).convert(file, BODIES[3])
    assert conversion.warned and "khong-co.md" in conversion.records[0][2]
    assert not caplog.records  # logged by the build in the main process, where --strict counts


def test_worker_processes_give_the_same_html_and_store_it(mkdocs_setup, tmp_path):
    config, files, file = mkdocs_setup
    items = [(file, body + f"\n\nĐoạn {number}.") for number, body in enumerate(BODIES * 40)]  # enough for workers
    cache = HtmlCache(tmp_path, "test")
    keys = [cache.key(text, file.url) for file, text in items]
    serial = ArticleConverter(config, files)
    converted = _convert_many(items, keys, config, files, cache)
    assert [c.html for c in converted] == [serial.convert(f, b).html for f, b in items]
    for key, conversion in zip(keys, converted):  # stored by the workers, except what warned
        stored = cache.get(key)
        assert (stored is None) == conversion.warned
        assert stored is None or stored["html"] == conversion.html
