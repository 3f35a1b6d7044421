"""The registry: matching by id, name or alias with case and tone folding; clear problems."""

from pathlib import Path

import pytest

from conftest import FIXTURE_REGISTRY
from legacy_encoding import encode_cp1258
from wardportal.registry import REGISTRY_PATH, YearMonth, load_registry


def _load(tmp_path: Path, text: str | bytes):
    path = tmp_path / REGISTRY_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_registry(tmp_path)


@pytest.fixture
def registry(tmp_path):
    registry, problems = _load(tmp_path, FIXTURE_REGISTRY)
    assert problems == []
    return registry


@pytest.mark.parametrize("value", ["dang-uy", "DANG-UY", "Đảng ủy phường", "đảng uỷ phường", "ĐẢNG UỶ PHƯỜNG",
                                   "Đảng uỷ", "  Đảng ủy   phường "])
def test_unit_matches_by_id_name_or_alias(registry, value):
    assert registry.unit(value).id == "dang-uy"


@pytest.mark.parametrize("value, expected", [
    ("tin-hoat-dong", "tin-hoat-dong"), ("Tin hoạt động", "tin-hoat-dong"), ("tin tức hoạt động", "tin-hoat-dong"),
    ("Văn hoá – Xã hội", "van-hoa-xa-hoi"), ("CÁC BÀI VIẾT CHUYÊN SÂU", "bai-viet-chuyen-sau"),
])
def test_category_matches_by_id_name_or_alias(registry, value, expected):
    assert registry.category(value).id == expected


@pytest.mark.parametrize("value", ["Dang uy phuong", "Đảng ủy xã", "tin-hoat-dong", ""])
def test_unknown_unit_values_do_not_match(registry, value):
    assert registry.unit(value) is None  # a category id is not a unit; marks are not optional


def test_suggestions_name_the_closest_entries(registry):
    assert registry.suggest("unit", "Dang uy phuong")[0] == "Đảng ủy phường"
    assert registry.suggest("unit", "doan thanh nien")[0] == "Đoàn thanh niên phường"
    assert registry.suggest("category", "Văn hóa xã hội")[0] == "Văn hóa – Xã hội"
    assert registry.suggest("category", "tin hoat dong")[0] == "Tin hoạt động"
    assert len(registry.suggest("unit", "qqqq")) == 3  # nothing close: still a few names to choose from


def test_entries_sorted_by_order_then_vietnamese_name(registry):
    assert [e.id for e in registry.categories] == ["tin-hoat-dong", "bai-viet-chuyen-sau", "van-hoa-xa-hoi"]
    # no order: Vietnamese A–Z, so Đảng and Đoàn sort before Hội and UBND (not after Z)
    assert [e.id for e in registry.units] == ["dang-uy", "doan-thanh-nien", "hoi-phu-nu", "ubnd"]
    assert registry.unit_by_id("ubnd").name == "UBND phường"


def test_missing_registry_is_a_problem(tmp_path):
    registry, problems = load_registry(tmp_path)
    assert registry.units == [] and len(problems) == 1
    assert problems[0].path == "_portal/registry.yml"
    assert "không tìm thấy" in problems[0].message


def test_bad_entries_are_reported_with_their_line_and_skipped(tmp_path):
    text = """\
categories:
  - id: tin-hoat-dong
    name: Tin hoạt động
  - id: Tin Hoat Dong
    name: Trùng
  - id: tin-hoat-dong
    name: Lặp lại
  - id: tin-tuc
    name: Tin tức
    aliases: [Tin hoạt động]
  - id: chuyen-de
    start: 2024-01
    name: Chuyên đề
units:
  - id: dang-uy
    name: Đảng ủy
    start: 2024-13
  - id: ubnd
  - id: mttq
    name: MTTQ
    start: 2025-06
    end: 2024-01
  - id: doan
    name: Đoàn thanh niên
    order: đầu tiên
  - id: hoi-nong-dan
    name: Hội Nông dân
    start: 2024-03
"""
    registry, problems = _load(tmp_path, text)
    found = {problem.line: problem.message for problem in problems}
    assert sorted(found) == [4, 6, 8, 11, 15, 18, 19, 23]
    assert "không hợp lệ" in found[4] and "tin-hoat-dong" in found[4]
    assert "bị trùng" in found[6] and "dòng 2" in found[6]
    assert "trùng với `tin-hoat-dong`" in found[8]
    assert "chỉ dành cho đơn vị" in found[11]
    assert "2024-13" in found[15]
    assert "thiếu tên" in found[18]
    assert "trước tháng bắt đầu" in found[19]
    assert "số nguyên" in found[23]
    assert all(str(problem).startswith(f"_portal/registry.yml:{problem.line}: ") for problem in problems)
    assert [e.id for e in registry.categories] == ["tin-hoat-dong"]
    assert [e.id for e in registry.units] == ["hoi-nong-dan"]
    unit = registry.units[0]
    assert unit.start == YearMonth(2024, 3) and not unit.exists_in(YearMonth(2024, 2))
    assert unit.exists_in(YearMonth(2024, 3))


def test_registry_without_units_and_broken_registry(tmp_path):
    registry, problems = _load(tmp_path, "categories:\n  - id: a\n    name: A\n")
    assert [p.message for p in problems] == ["thiếu danh sách `units:` (đơn vị)."]
    _, problems = _load(tmp_path, "categories:\n  - id: a\n    name: [A\nunits: []\n")
    assert len(problems) == 1 and problems[0].line == 4 and "lỗi cú pháp YAML" in problems[0].message
    _, problems = _load(tmp_path, encode_cp1258(FIXTURE_REGISTRY))
    assert len(problems) == 1 and "UTF-8" in problems[0].message and problems[0].line == 3


def test_year_month_arithmetic():
    assert YearMonth(2024, 12).next() == YearMonth(2025, 1)
    assert YearMonth(2025, 1).previous() == YearMonth(2024, 12)
    assert str(YearMonth.parse("2024-03")) == "2024-03"
    with pytest.raises(ValueError):
        YearMonth.parse("2024-3")
