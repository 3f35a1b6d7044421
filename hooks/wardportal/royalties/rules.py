"""content/_portal/royalties.yml: article types with their points, and effective-dated rates.

A rate line applies from its month (`from: YYYY-MM`) until the next line starts, so past
periods keep the rate they were paid at. Errors are `content/_portal/royalties.yml:LINE: …`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from wardportal.frontmatter_io import read_data_file
from wardportal.problems import ContentError, Problem
from wardportal.registry import YearMonth

ROYALTIES_PATH = Path("_portal") / "royalties.yml"  # relative to the content folder
SHOWN = ROYALTIES_PATH.as_posix()
DEFAULT_PORTAL_NAME = "Cổng thông tin điện tử"
_TOP_KEYS = ("portal_name", "default_type", "types", "rates")
_TYPE_KEYS = ("id", "name", "points", "min", "max")
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
    """Read royalties.yml (optional: without it there is no statement). Bad lines are reported."""
    path = content_dir / ROYALTIES_PATH
    if not path.exists():
        return RoyaltyRules(), []
    try:
        document = read_data_file(path, SHOWN)
    except ContentError as exc:
        return RoyaltyRules(), [exc.problem]
    problems: list[Problem] = []
    for key in document.data:
        if key not in _TOP_KEYS:
            problems.append(Problem(SHOWN, f"khóa `{key}` không được hỗ trợ; các khóa hợp lệ: {', '.join(_TOP_KEYS)}.",
                                    line=document.line_of(key)))
    rules = RoyaltyRules(portal_name=str(document.data.get("portal_name") or DEFAULT_PORTAL_NAME))
    for key, reader in (("types", _read_type), ("rates", _read_rate)):
        raw_items = document.data.get(key) or []
        if not isinstance(raw_items, list):
            problems.append(Problem(SHOWN, f"`{key}:` phải là danh sách, mỗi mục bắt đầu bằng `- `.",
                                    line=document.line_of(key)))
            continue
        lines = document.item_lines.get(key, [])
        for position, raw in enumerate(raw_items):
            line = lines[position] if position < len(lines) else None
            try:
                item = reader(raw, line)
            except ValueError as exc:
                problems.append(Problem(SHOWN, str(exc), line=line))
                continue
            if key == "types":
                if item.id in rules.types:
                    problems.append(Problem(SHOWN, f"loại bài `{item.id}` đã khai báo ở trên.", line=line))
                else:
                    rules.types[item.id] = item
            else:
                clash = next((rate for rate in rules.rates if rate.start == item.start), None)
                if clash is not None:
                    problems.append(Problem(SHOWN, f"đã có mức áp dụng từ {item.start} ở dòng {clash.line}: "
                                                   "mỗi tháng `from` chỉ một dòng.", line=line))
                else:
                    rules.rates.append(item)
    rules.rates.sort(key=lambda rate: rate.start)
    default = document.data.get("default_type")
    if default is not None and str(default) not in rules.types:
        problems.append(Problem(SHOWN, f"`default_type: {default}` không có trong `types`.",
                                line=document.line_of("default_type")))
    elif default is not None:
        rules.default_type = str(default)
    elif rules.types:
        rules.default_type = next(iter(rules.types))  # documented: the first type in the list
    return rules, problems


def _read_type(raw: object, line: int | None) -> ArticleType:
    if not isinstance(raw, dict):
        raise ValueError("mỗi loại bài có dạng `- id: tin-anh`, `name: Tin có ảnh`, `points: 1.5`.")
    _no_unknown(raw, _TYPE_KEYS, "types")
    type_id = str(raw.get("id") or "")
    if not type_id or not type_id.replace("-", "").isalnum() or not type_id.isascii() or type_id != type_id.lower():
        raise ValueError(f"`id` của loại bài phải là chữ thường không dấu, số và `-`, ví dụ `tin-anh`, đang là `{type_id}`.")
    if not str(raw.get("name") or "").strip():
        raise ValueError(f"loại bài `{type_id}` thiếu tên `name: ...`.")
    points = _number(raw, "points", required=True)
    low, high = _number(raw, "min"), _number(raw, "max")
    if (low is None) != (high is None):
        raise ValueError(f"loại bài `{type_id}`: ghi cả `min` và `max` (khung điểm), hoặc bỏ cả hai.")
    if low is not None and not low <= points <= high:
        raise ValueError(f"loại bài `{type_id}`: điểm mặc định {_num(points)} phải nằm trong khung "
                         f"`min` {_num(low)} – `max` {_num(high)}.")
    return ArticleType(type_id, str(raw["name"]).strip(), points, low, high)


def _read_rate(raw: object, line: int | None) -> Rate:
    if not isinstance(raw, dict):
        raise ValueError("mỗi mức có dạng `- from: YYYY-MM`, `point_value: 150000` (hoặc `base_salary` "
                         "và `percent`), `fraction: 1`, `rounding: 1000`.")
    _no_unknown(raw, _RATE_KEYS, "rates")
    if not raw.get("from"):
        raise ValueError("thiếu tháng bắt đầu áp dụng `from: YYYY-MM`, ví dụ `from: 2026-01`.")
    start = YearMonth.parse(raw["from"])
    value = _number(raw, "point_value")
    salary, percent = _number(raw, "base_salary"), _number(raw, "percent")
    if value is not None and (salary is not None or percent is not None):
        raise ValueError("ghi `point_value` HOẶC `base_salary` và `percent`, không ghi cả hai.")
    if value is None:
        if salary is None or percent is None:
            raise ValueError("thiếu giá trị một điểm: ghi `point_value: 150000` (đồng), hoặc `base_salary: 2340000` "
                             "và `percent: 10` (một điểm = lương cơ sở × phần trăm).")
        value = salary * percent / 100
    fraction = _number(raw, "fraction")
    fraction = Fraction(1) if fraction is None else fraction
    if fraction > 1:
        raise ValueError(f"`fraction` (tỷ lệ hưởng của trang) từ 0 đến 1, ví dụ 0.5, đang là {_num(fraction)}.")
    rounding = raw.get("rounding", 1)
    if isinstance(rounding, bool) or not isinstance(rounding, int) or rounding < 1:
        raise ValueError(f"`rounding` (làm tròn đến bội số đồng) phải là số nguyên dương, ví dụ 1000, "
                         f"đang là `{rounding}`.")
    return Rate(start, value, fraction, rounding, line)


def _number(raw: dict, key: str, required: bool = False) -> Fraction | None:
    value = raw.get(key)
    if value is None:
        if required:
            raise ValueError(f"thiếu `{key}` (số điểm), ví dụ `{key}: 1.5`.")
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"`{key}` phải là số không âm (dấu chấm thập phân, không dấu phân cách nghìn), "
                         f"đang là `{value}`.")
    return Fraction(str(value))


def _no_unknown(raw: dict, allowed: tuple[str, ...], key: str) -> None:
    unknown = [name for name in raw if name not in allowed]
    if unknown:
        raise ValueError(f"trường `{unknown[0]}` không được hỗ trợ ở `{key}`; dùng: {', '.join(allowed)}.")


def _num(value: Fraction | None) -> str:
    return "" if value is None else f"{float(value):g}"
