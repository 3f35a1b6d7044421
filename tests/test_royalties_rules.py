"""A bad line of content/_portal/royalties.yml is named with file:line; the statement is refused
(exit 2, no traceback) and builds report the same line, like targets.yml."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, FixtureSite
from royalty_fixture import AS_OF, ROYALTIES, write_royalty_site
from wardportal.royalties.rules import load_rules

SHOWN = "content/_portal/royalties.yml"

# (case, text replaced, its replacement, the line the error must name (its text), words of the message)
BAD = [
    ("unknown top key", "default_type: tin\n", "default_type: tin\ncurrency: VND\n", "currency: VND",
     "khóa `currency` không được hỗ trợ"),
    ("unknown type field", "    name: Tin có ảnh\n", "    name: Tin có ảnh\n    color: red\n", "    color: red",
     "trường `color` không được hỗ trợ ở `types`"),
    ("unknown rate field", "    rounding: 1000\n", "    rounding: 1000\n    currency: VND\n", "    currency: VND",
     "trường `currency` không được hỗ trợ ở `rates`"),
    ("bad from", "  - from: 2026-07\n", "  - from: 2026-13\n", "  - from: 2026-13",
     "tháng không hợp lệ `2026-13`"),
    ("missing from", "  - from: 2026-07\n    base_salary", "  - base_salary", "  - base_salary: 2340000",
     "thiếu tháng bắt đầu áp dụng `from: YYYY-MM`"),
    ("negative point value", "    point_value: 150000\n", "    point_value: -150000\n", "    point_value: -150000",
     "`point_value` phải là số không âm"),
    ("negative points", "    points: 0.5\n", "    points: -0.5\n", "    points: -0.5",
     "`points` phải là số không âm"),
    ("min above max", "    min: 1.2\n    max: 2.5\n", "    min: 2.5\n    max: 1.2\n", "    min: 2.5",
     "`min` 2.5 lớn hơn `max` 1.2"),
    ("default outside range", "    points: 1.5\n    min: 1.2", "    points: 3.0\n    min: 1.2", "    points: 3.0",
     "điểm mặc định 3 phải nằm trong khung"),
    ("only min", "    min: 1.2\n    max: 2.5\n", "    min: 1.2\n", "    min: 1.2",
     "ghi cả `min` và `max`"),
    ("duplicate type id", "  - id: dang-lai\n", "  - id: tin\n", "  - id: tin\n    name: Bài đăng lại",
     "loại bài `tin` đã khai báo ở dòng 4"),
    ("bad type id", "  - id: dang-lai\n", "  - id: Đăng lại\n", "  - id: Đăng lại",
     "`id` của loại bài phải là chữ thường không dấu"),
    ("unknown default type", "default_type: tin\n", "default_type: tin-video\n", "default_type: tin-video",
     "`default_type: tin-video` không có trong `types`; các loại: tin, tin-anh, bai-chuyen-sau, dang-lai"),
    ("fraction above one", "    fraction: 0.5\n", "    fraction: 1.5\n", "    fraction: 1.5",
     "`fraction` (tỷ lệ hưởng của trang) từ 0 đến 1"),
    ("negative fraction", "    fraction: 0.5\n", "    fraction: -0.5\n", "    fraction: -0.5",
     "`fraction` phải là số không âm"),
    ("bad rounding", "    rounding: 1000\n", "    rounding: 0\n", "    rounding: 0",
     "`rounding` (làm tròn đến bội số đồng) phải là số nguyên dương"),
    ("value twice", "    point_value: 150000\n", "    point_value: 150000\n    base_salary: 2340000\n",
     "    point_value: 150000", "ghi `point_value` HOẶC `base_salary` và `percent`"),
    ("no value", "    point_value: 150000\n", "    fraction: 1\n", "  - from: 2026-01",
     "thiếu giá trị một điểm"),
    ("same month twice", "  - from: 2026-07\n", "  - from: 2026-01\n", "  - from: 2026-01\n    base_salary",
     "đã có mức áp dụng từ 2026-01 ở dòng"),
    ("duplicate key", "default_type: tin\n", "default_type: tin\ndefault_type: tin-anh\n", "default_type: tin-anh",
     "khóa `default_type` bị ghi hai lần"),
    ("types not a list", "types:\n", "types: tin\nold_types:\n", "types: tin",
     "`types:` phải là danh sách"),
    ("broken yaml", "    rounding: 1000\n", "    rounding: [1000\n", None, "lỗi cú pháp YAML"),
]


def _line_of(text: str, marker: str) -> int:
    return text[:text.index(marker)].count("\n") + 1


@pytest.mark.parametrize("case, old, new, marker, message", BAD, ids=[case[0] for case in BAD])
def test_bad_line_is_named_with_file_and_line_and_the_statement_refused(tmp_path, case, old, new, marker, message):
    assert old in ROYALTIES, case
    text = ROYALTIES.replace(old, new, 1)
    site = write_royalty_site(FixtureSite(tmp_path), royalties=text)
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "royalties.py"), "--content", "content",
                             "--as-of", AS_OF, "--month", "2026-07"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == f"Lỗi: content/_portal/royalties.yml có lỗi; hãy sửa các dòng trên rồi chạy lại."
    named = [line for line in lines if line.startswith(SHOWN) and message in line]
    assert named, result.stderr
    if marker is not None:
        assert named[0].startswith(f"{SHOWN}:{_line_of(text, marker)}: "), (named[0], _line_of(text, marker))
    else:
        assert named[0].startswith(f"{SHOWN}:")
    problems = load_rules(site.content)[1]  # what builds and scripts/check.py report: the same problem
    assert any(message in problem.message for problem in problems)


def test_a_good_file_reads_every_type_and_rate(tmp_path):
    site = write_royalty_site(FixtureSite(tmp_path))
    rules, problems = load_rules(site.content)
    assert problems == []
    assert list(rules.types) == ["tin", "tin-anh", "bai-chuyen-sau", "dang-lai"]
    assert rules.default_type == "tin"
    assert [(str(rate.start), rate.point_value, rate.fraction, rate.rounding) for rate in rules.rates] == [
        ("2026-01", 150000, 1, 1), ("2026-07", 234000, 0.5, 1000)]


def test_without_default_type_the_first_type_is_the_default(tmp_path):
    site = write_royalty_site(FixtureSite(tmp_path), royalties=ROYALTIES.replace("default_type: tin\n", ""))
    assert load_rules(site.content)[0].default_type == "tin"


def test_a_bad_royalties_file_fails_a_strict_build_naming_its_line(tmp_path):
    text = ROYALTIES.replace("    fraction: 0.5\n", "    fraction: 1.5\n")
    site = write_royalty_site(FixtureSite(tmp_path), royalties=text)
    result = site.build(strict=True, check=False, env={"WARD_AS_OF": AS_OF})
    assert result.returncode != 0
    assert f"_portal/royalties.yml:{_line_of(text, '    fraction: 1.5')}: `fraction`" in result.stdout
