"""The one article reader/writer: line numbers, encodings, round trips, atomic writes."""

import os

import pytest

from legacy_encoding import encode_cp1258
from wardportal.frontmatter_io import (decode_article_bytes, parse_article_text, read_article_file,
                                       render_article, write_new_file)
from wardportal.problems import ContentError

TEXT = """---
title: Hội nghị sơ kết
date: 2021-04-22 16:48
unit: Đảng uỷ
category: tin-hoat-dong
views: 695
tags:
  - môi trường
  - thanh niên
---

Đoạn mở đầu.
"""


def test_reader_gives_the_line_of_every_key_and_keeps_dates_as_text():
    source = parse_article_text(TEXT, "bai-viet/a.md")
    assert source.front.key_lines == {"title": 2, "date": 3, "unit": 4, "category": 5, "views": 6, "tags": 7}
    assert source.front.item_lines["tags"] == [8, 9]
    assert source.meta["date"] == "2021-04-22 16:48"  # not a YAML datetime: dates.py parses every form
    assert source.meta["views"] == 695
    assert source.body == "Đoạn mở đầu.\n"
    assert source.line_of("summary") == 2  # a missing key points at the front matter's first line


def test_bom_crlf_and_nfd_are_normalised():
    import unicodedata
    raw = ("\ufeff" + unicodedata.normalize("NFD", TEXT).replace("\n", "\r\n")).encode("utf-8")
    source = parse_article_text(decode_article_bytes(raw, "a.md"), "a.md")
    assert source.meta["title"] == "Hội nghị sơ kết"
    assert unicodedata.is_normalized("NFC", source.meta["unit"])
    assert source.front.key_lines["views"] == 6


def test_non_utf8_names_the_first_bad_line():
    raw = encode_cp1258(TEXT)
    with pytest.raises(ContentError) as raised:
        decode_article_bytes(raw, "bai-viet/cu.md")
    problem = raised.value.problem
    assert (problem.path, problem.line) == ("bai-viet/cu.md", 2)
    assert "UTF-8" in problem.message and "Windows-1258" in problem.message


@pytest.mark.parametrize("text, line, words", [
    ("---\ntitle: A\ndate: 2021-04-22\nunit: [dang-uy\ncategory: y\n---\nB\n", 5, "lỗi cú pháp YAML"),
    ("---\ntitle: Hội nghị: sơ kết\ndate: 2021-04-22\n---\nB\n", 2, "ngoặc kép"),
    ("---\ntitle: A\n  date: 2021-04-22\nunit: u\n---\nB\n", 3, "lỗi cú pháp YAML"),
    ("---\n- title\n- date\n---\nB\n", 2, "khóa: giá trị"),
    ("Chỉ có nội dung, không có phần thông tin.\n", 1, "phải bắt đầu bằng dòng `---`"),
    ("---\ntitle: A\ndate: 2021-04-22\n", 1, "không có dòng `---` đóng lại"),
])
def test_unusable_front_matter_names_the_line(text, line, words):
    with pytest.raises(ContentError) as raised:
        parse_article_text(text, "bai-viet/x.md")
    problem = raised.value.problem
    assert problem.line == line, problem
    assert words in problem.message
    assert str(problem).startswith(f"bai-viet/x.md:{line}: ")


def test_render_then_read_round_trip():
    meta = {"title": "Tin: “đặc biệt” #1", "date": "2026-04-22 16:48", "unit": "dang-uy",
            "category": "tin-hoat-dong", "views": 0, "tags": ["môi trường", "hòa giải"], "draft": True}
    text = render_article(meta, "Nội dung.\n\n## Mục\n")
    assert text.startswith("---\ntitle: ")
    assert "date: 2026-04-22 16:48\n" in text  # unquoted, as editors write it
    assert "tags: [môi trường, hòa giải]\n" in text
    source = parse_article_text(text, "a.md")
    assert source.meta == meta
    assert list(source.meta) == list(meta)
    assert source.body == "Nội dung.\n\n## Mục\n"


def test_write_new_file_refuses_to_overwrite_and_leaves_no_temp_files(tmp_path):
    path = tmp_path / "bai-viet" / "2026" / "04" / "a.md"
    write_new_file(path, "một\n")
    assert path.read_text(encoding="utf-8") == "một\n"
    with pytest.raises(FileExistsError):
        write_new_file(path, "hai\n")
    assert path.read_text(encoding="utf-8") == "một\n"
    write_new_file(path, "ba\n", overwrite=True)
    assert path.read_text(encoding="utf-8") == "ba\n"
    assert os.listdir(path.parent) == ["a.md"]


def test_read_article_file_shows_the_given_path(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(encode_cp1258(TEXT))
    with pytest.raises(ContentError) as raised:
        read_article_file(path, "content/bai-viet/a.md")
    assert str(raised.value).startswith("content/bai-viet/a.md:2: ")
