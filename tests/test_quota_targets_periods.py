"""Targets file validation (path:line), targets over time, and counting periods."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import FIXTURE_REGISTRY
from wardportal.quota.periods import period_for, period_month_of
from wardportal.quota.targets import load_targets
from wardportal.registry import YearMonth, load_registry


def targets_from(tmp_path: Path, text: str):
    (tmp_path / "_portal").mkdir(exist_ok=True)
    (tmp_path / "_portal" / "registry.yml").write_text(FIXTURE_REGISTRY, encoding="utf-8")
    (tmp_path / "_portal" / "targets.yml").write_text(text, encoding="utf-8")
    registry, _ = load_registry(tmp_path)
    return load_targets(tmp_path, registry)


BAD = """\
period_start_day: 31
defaults:
  - category: khong-co
    target: 1
    from: 2024-01
targets:
  - unit: khong-co
    category: tin-hoat-dong
    target: 1
    from: 2024-01
  - unit: dang-uy
    category: tin-hoat-dong
    target: -2
    from: 2024-01
  - unit: dang-uy
    category: tin-hoat-dong
    target: 2
    from: 2024-13
  - unit: ubnd
    category: tin-hoat-dong
    target: 2
    from: 2024-01
    to: 2024-06
  - unit: UBND phường
    category: tin tức hoạt động
    target: 3
    from: 2024-05
  - unit: ubnd
    category: tin-hoat-dong
    target: 4
    from: 2024-09
"""


def test_every_kind_of_error_is_reported_with_its_line_and_the_rest_is_kept(tmp_path):
    targets, problems = targets_from(tmp_path, BAD)
    shown = {problem.line: str(problem) for problem in problems}
    # a bad field is named at its own line (`target: -2` on 13, `from: 2024-13` on 18), not the item's first
    assert sorted(shown) == [1, 3, 7, 13, 18, 24]
    assert shown[1].startswith("_portal/targets.yml:1: `period_start_day` phải là số nguyên từ 1 đến 28")
    assert "chuyên mục “khong-co” không có trong danh mục" in shown[3]
    assert "đơn vị “khong-co” không có trong danh mục" in shown[7]
    assert "`target` không được âm" in shown[13]
    assert "tháng không hợp lệ `2024-13`" in shown[18]
    assert "chồng lên dòng 19" in shown[24]
    assert targets.period_start_day == 1
    assert targets.target_for("ubnd", "tin-hoat-dong", YearMonth(2024, 6)) == 2
    assert targets.target_for("ubnd", "tin-hoat-dong", YearMonth(2024, 9)) == 4
    assert targets.target_for("ubnd", "tin-hoat-dong", YearMonth(2024, 7)) is None  # gap: no default


def test_targets_hold_from_their_month_on_and_defaults_fill_units_without_a_line(tmp_path):
    targets, problems = targets_from(tmp_path, """\
defaults:
  - {category: tin-hoat-dong, target: 1, from: 2024-01}
  - {category: tin-hoat-dong, target: 2, from: 2025-01}
targets:
  - {unit: dang-uy, category: tin-hoat-dong, target: 4, from: 2024-01}
  - {unit: dang-uy, category: tin-hoat-dong, target: 3, from: 2024-07}
  - {unit: dang-uy, category: bai-viet-chuyen-sau, target: 0, from: 2024-01}
""")
    assert problems == []
    at = lambda unit, category, month: targets.target_for(unit, category, YearMonth.parse(month))
    assert [at("dang-uy", "tin-hoat-dong", m) for m in ("2023-12", "2024-06", "2024-07", "2026-01")] == [None, 4, 3, 3]
    assert [at("ubnd", "tin-hoat-dong", m) for m in ("2024-03", "2024-12", "2025-01")] == [1, 1, 2]
    assert at("ubnd", "van-hoa-xa-hoi", "2024-03") is None
    assert at("dang-uy", "bai-viet-chuyen-sau", "2024-03") == 0


def test_missing_targets_file_is_no_problem(tmp_path):
    registry, _ = load_registry(tmp_path)
    targets, problems = load_targets(tmp_path, registry)
    assert problems == [] and targets.target_for("dang-uy", "tin-hoat-dong", YearMonth(2024, 3)) is None


def test_calendar_and_twentieth_periods():
    march = period_for(YearMonth(2024, 3))
    assert (march.start, march.end, march.label) == (date(2024, 3, 1), date(2024, 3, 31), "Tháng 3/2024")
    assert period_for(YearMonth(2024, 2)).end == date(2024, 2, 29)
    shifted = period_for(YearMonth(2024, 3), 20)
    assert (shifted.start, shifted.end) == (date(2024, 2, 20), date(2024, 3, 19))
    assert shifted.label == "20/02/2024 – 19/03/2024" and shifted.title == "Tháng 3/2024"
    assert period_for(YearMonth(2024, 1), 20).start == date(2023, 12, 20)
    assert period_month_of(date(2024, 3, 19), 20) == YearMonth(2024, 3)
    assert period_month_of(date(2024, 3, 20), 20) == YearMonth(2024, 4)
    assert period_month_of(date(2024, 12, 25), 20) == YearMonth(2025, 1)
    assert shifted.days_left(date(2024, 3, 10)) == 10 and shifted.days_left(date(2024, 3, 20)) == 0
    assert shifted.days_left(date(2024, 1, 1)) == shifted.days == 29
