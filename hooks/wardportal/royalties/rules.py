"""content/_portal/royalties.yml: article types with their points, and effective-dated rates.

A rate line applies from its month (`from: YYYY-MM`) until the next line starts, so past
periods keep the rate they were paid at. Errors are `content/_portal/royalties.yml:LINE: …`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from wardportal.dated_lists import FieldError, open_data_file, read_items, refuse_unknown_fields, start_month
from wardportal.problems import Problem
from wardportal.registry import YearMonth

ROYALTIES_PATH = Path("_portal") / "royalties.yml"  # relative to the content folder
SHOWN = ROYALTIES_PATH.as_posix()
DEFAULT_PORTAL_NAME = "Cổng thông tin điện tử"
_TOP_KEYS = ("portal_name", "default_type", "types", "rates")
_TYPE_KEYS = ("id", "name", "points", "min", "max")
_TYPE_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_RATE_KEYS = ("from", "point_value", "base_salary", "percent", "fraction", "rounding")


@dataclass(frozen=True)
class ArticleType:
    id: str
    name: str
    points: Fraction
    low: Fraction | None = None  # the range the board may grant (`min`/`max`); None: only `points`
    high: Fraction | None = None

    def allows(self, points: Fraction) -> bool:
        if self.low is None:
            return points == self.points
        return self.low <= points <= self.high

    @property
    def range_label(self) -> str:
        return f"{_num(self.low)}–{_num(self.high)}" if self.low is not None else _num(self.points)


@dataclass(frozen=True)
class Rate:
    """From `start` on: one point is worth `point_value` đồng; the site is paid `fraction` of it;
    each author's amount per period is rounded half up to a multiple of `rounding` đồng."""

    start: YearMonth
    point_value: Fraction
    fraction: Fraction
    rounding: int
    line: int | None = None

    def amount(self, points: Fraction) -> int:
        exact = points * self.point_value * self.fraction
        steps = (exact / self.rounding + Fraction(1, 2)).__floor__()  # half up
        return int(steps * self.rounding)


@dataclass
class RoyaltyRules:
    portal_name: str = DEFAULT_PORTAL_NAME
    default_type: str | None = None
    types: dict[str, ArticleType] = field(default_factory=dict)
    rates: list[Rate] = field(default_factory=list)  # oldest first, no two on one month

    def rate_for(self, month: YearMonth) -> Rate | None:
        return next((rate for rate in reversed(self.rates) if rate.start <= month), None)


def load_rules(content_dir: Path) -> tuple[RoyaltyRules, list[Problem]]:
    """Read royalties.yml (optional: without it there is no statement). A bad line is reported
    and skipped; the scripts refuse to print a statement while any is left."""
    document, problems = open_data_file(content_dir / ROYALTIES_PATH, SHOWN, _TOP_KEYS)
    if document is None:
        return RoyaltyRules(), problems
    rules = RoyaltyRules(portal_name=str(document.data.get("portal_name") or DEFAULT_PORTAL_NAME))
    type_lines: dict[str, int | None] = {}
    for kind, line in read_items(document, "types", SHOWN, _read_type, problems):
        if kind.id in rules.types:
            problems.append(Problem(SHOWN, f"loại bài `{kind.id}` đã khai báo ở dòng {type_lines[kind.id]}: "
                                           "mỗi `id` chỉ một lần.", line=line, field="id"))
        else:
            rules.types[kind.id], type_lines[kind.id] = kind, line
    for rate, line in read_items(document, "rates", SHOWN, _read_rate, problems):
        clash = next((known for known in rules.rates if known.start == rate.start), None)
        if clash is not None:
            problems.append(Problem(SHOWN, f"đã có mức áp dụng từ {rate.start} ở dòng {clash.line}: "
                                           "mỗi tháng `from` chỉ một dòng.", line=line, field="from"))
        else:
            rules.rates.append(rate)
    rules.rates.sort(key=lambda rate: rate.start)
    default = document.data.get("default_type")
    if default is not None and str(default) in rules.types:
        rules.default_type = str(default)
    else:
        if default is not None:
            problems.append(Problem(SHOWN, f"`default_type: {default}` không có trong `types`; các loại: "
                                           f"{', '.join(rules.types) or '(chưa có)'}.",
                                    line=document.line_of("default_type"), field="default_type"))
        rules.default_type = next(iter(rules.types), None)  # documented: the first type in the list
    return rules, problems


def _read_type(raw: object, line: int | None) -> ArticleType:
    if not isinstance(raw, dict):
        raise ValueError("mỗi loại bài có dạng `- id: tin-anh`, `name: Tin có ảnh`, `points: 1.5`.")
    refuse_unknown_fields(raw, _TYPE_KEYS, "types")
    type_id = str(raw.get("id") or "")
    if not _TYPE_ID_RE.match(type_id):
        raise FieldError(f"`id` của loại bài phải là chữ thường không dấu, số và `-`, ví dụ `tin-anh`, "
                         f"đang là `{type_id}`.", "id")
    if not str(raw.get("name") or "").strip():
        raise ValueError(f"loại bài `{type_id}` thiếu tên `name: ...`.")
    points = _number(raw, "points", required=True)
    low, high = _number(raw, "min"), _number(raw, "max")
    if (low is None) != (high is None):
        raise FieldError(f"loại bài `{type_id}`: ghi cả `min` và `max` (khung điểm), hoặc bỏ cả hai.",
                         "min" if low is not None else "max")
    if low is not None and low > high:
        raise FieldError(f"loại bài `{type_id}`: `min` {_num(low)} lớn hơn `max` {_num(high)}.", "min")
    if low is not None and not low <= points <= high:
        raise FieldError(f"loại bài `{type_id}`: điểm mặc định {_num(points)} phải nằm trong khung "
                         f"`min` {_num(low)} – `max` {_num(high)}.", "points")
    return ArticleType(type_id, str(raw["name"]).strip(), points, low, high)


def _read_rate(raw: object, line: int | None) -> Rate:
    if not isinstance(raw, dict):
        raise ValueError("mỗi mức có dạng `- from: YYYY-MM`, `point_value: 150000` (hoặc `base_salary` "
                         "và `percent`), `fraction: 1`, `rounding: 1000`.")
    refuse_unknown_fields(raw, _RATE_KEYS, "rates")
    start = start_month(raw, "2026-01")
    value = _number(raw, "point_value")
    salary, percent = _number(raw, "base_salary"), _number(raw, "percent")
    if value is not None and (salary is not None or percent is not None):
        raise FieldError("ghi `point_value` HOẶC `base_salary` và `percent`, không ghi cả hai.", "point_value")
    if value is None:
        if salary is None or percent is None:
            raise ValueError("thiếu giá trị một điểm: ghi `point_value: 150000` (đồng), hoặc `base_salary: 2340000` "
                             "và `percent: 10` (một điểm = lương cơ sở × phần trăm).")
        value = salary * percent / 100
    fraction = _number(raw, "fraction")
    fraction = Fraction(1) if fraction is None else fraction
    if fraction > 1:
        raise FieldError(f"`fraction` (tỷ lệ hưởng của trang) từ 0 đến 1, ví dụ 0.5, đang là {_num(fraction)}.",
                         "fraction")
    rounding = raw.get("rounding", 1)
    if isinstance(rounding, bool) or not isinstance(rounding, int) or rounding < 1:
        raise FieldError(f"`rounding` (làm tròn đến bội số đồng) phải là số nguyên dương, ví dụ 1000, "
                         f"đang là `{rounding}`.", "rounding")
    return Rate(start, value, fraction, rounding, line)


def _number(raw: dict, key: str, required: bool = False) -> Fraction | None:
    value = raw.get(key)
    if value is None:
        if required:
            raise ValueError(f"thiếu `{key}` (số điểm mặc định), ví dụ `{key}: 1.5`.")
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise FieldError(f"`{key}` phải là số không âm (dấu chấm thập phân, không dấu phân cách nghìn), "
                         f"đang là `{value}`.", key)
    return Fraction(str(value))


def _num(value: Fraction | None) -> str:
    return "" if value is None else f"{float(value):g}"
