"""Quota targets that staff keep in content/_portal/targets.yml, validated with line numbers.

A target line applies from its month (`from`) until the next line for the same unit and
category starts, or until its own `to`. So March 2024 is always judged by the targets of
March 2024. `defaults` give a category's target to every unit without its own line.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from wardportal.dated_lists import FieldError, month_field, open_data_file, read_items, refuse_unknown_fields, start_month
from wardportal.problems import Problem
from wardportal.quota.periods import MAX_START_DAY
from wardportal.registry import Registry, YearMonth

TARGETS_PATH = Path("_portal") / "targets.yml"  # relative to the content folder
_TOP_KEYS = ("period_start_day", "defaults", "targets")
_ITEM_KEYS = {"defaults": ("category", "target", "from", "to"),
              "targets": ("unit", "category", "target", "from", "to")}


@dataclass(frozen=True)
class TargetLine:
    """One line of the file: `target` articles per period from `start` to `end` (inclusive)."""

    target: int
    start: YearMonth
    end: YearMonth | None  # None: until a later line for the same key starts
    line: int | None = None

    def applies_to(self, month: YearMonth) -> bool:
        return self.start <= month and (self.end is None or month <= self.end)


@dataclass
class QuotaTargets:
    """Every target, by (unit id, category id) and by category for the defaults."""

    period_start_day: int = 1
    own: dict[tuple[str, str], list[TargetLine]] = field(default_factory=dict)
    defaults: dict[str, list[TargetLine]] = field(default_factory=dict)

    def target_for(self, unit_id: str, category_id: str, month: YearMonth) -> int | None:
        """The unit's target in that month; None (or 0) means no target was set."""
        line = _effective(self.own.get((unit_id, category_id), ()), month)
        if line is None:
            line = _effective(self.defaults.get(category_id, ()), month)
        return line.target if line is not None else None


def _effective(lines, month: YearMonth) -> TargetLine | None:
    return next((line for line in lines if line.applies_to(month)), None)


def load_targets(content_dir: Path, registry: Registry) -> tuple[QuotaTargets, list[Problem]]:
    """Read the targets file (optional). A bad line is reported and skipped, never fatal."""
    shown = TARGETS_PATH.as_posix()
    document, problems = open_data_file(content_dir / TARGETS_PATH, shown, _TOP_KEYS)
    if document is None:
        return QuotaTargets(), problems
    targets = QuotaTargets(period_start_day=_start_day(document, shown, problems))
    for key in ("defaults", "targets"):
        for (unit_id, category_id, target_line), _ in read_items(
                document, key, shown, lambda raw, line, key=key: _read_item(key, raw, registry, line), problems):
            group = targets.defaults.setdefault(category_id, []) if unit_id is None \
                else targets.own.setdefault((unit_id, category_id), [])
            group.append(target_line)
    for group in (*targets.own.values(), *targets.defaults.values()):
        _close_ranges(group, shown, problems)
    return targets, problems


def _start_day(document, shown: str, problems: list[Problem]) -> int:
    value = document.data.get("period_start_day", 1)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_START_DAY:
        problems.append(Problem(shown, f"`period_start_day` phải là số nguyên từ 1 đến {MAX_START_DAY} "
                                       f"(ngày bắt đầu kỳ tính), đang là `{value}`; tạm dùng 1.",
                                line=document.line_of("period_start_day")))
        return 1
    return value


def _read_item(key: str, raw: object, registry: Registry, line: int | None) -> tuple[str | None, str, TargetLine]:
    if not isinstance(raw, dict):
        raise ValueError("mỗi mục phải có dạng `- category: ...`, `target: ...`, `from: YYYY-MM`.")
    refuse_unknown_fields(raw, _ITEM_KEYS[key], key)
    unit_id = None
    if key == "targets":
        unit = registry.unit(str(raw.get("unit") or ""))
        if unit is None:
            raise FieldError(f"đơn vị “{raw.get('unit') or ''}” không có trong danh mục (content/_portal/registry.yml). "
                             f"Có phải là: {', '.join(registry.suggest('unit', str(raw.get('unit') or '')))}?", "unit")
        unit_id = unit.id
    category = registry.category(str(raw.get("category") or ""))
    if category is None:
        raise FieldError(f"chuyên mục “{raw.get('category') or ''}” không có trong danh mục (content/_portal/registry.yml). "
                         f"Có phải là: {', '.join(registry.suggest('category', str(raw.get('category') or '')))}?", "category")
    target = raw.get("target")
    if isinstance(target, bool) or not isinstance(target, int):
        raise FieldError(f"`target` (số bài mỗi kỳ) phải là số nguyên không âm, ví dụ `target: 4`, đang là `{target}`.",
                         "target")
    if target < 0:
        raise FieldError(f"`target` không được âm, đang là {target}.", "target")
    start = start_month(raw, "2024-01")
    end = month_field(raw, "to") if raw.get("to") else None
    if end is not None and end < start:
        raise FieldError(f"tháng kết thúc `to: {end}` trước tháng bắt đầu `from: {start}`.", "to")
    return unit_id, category.id, TargetLine(target, start, end, line)


def _close_ranges(group: list[TargetLine], shown: str, problems: list[Problem]) -> None:
    """Sort a key's lines by month, end each open line where the next starts, drop overlaps."""
    group.sort(key=lambda item: item.start)
    kept: list[TargetLine] = []
    for item in group:
        previous = kept[-1] if kept else None
        if previous is not None and (previous.start == item.start
                                     or (previous.end is not None and previous.end >= item.start)):
            problems.append(Problem(shown, f"khoảng tháng chồng lên dòng {previous.line} "
                                           f"(cùng đơn vị và chuyên mục, từ {previous.start}"
                                           f"{f' đến {previous.end}' if previous.end else ''}). "
                                           "Hãy sửa `from`/`to` để các khoảng không trùng nhau.", line=item.line))
            continue
        if previous is not None and previous.end is None:
            kept[-1] = replace(previous, end=item.start.previous())
        kept.append(item)
    group[:] = kept
