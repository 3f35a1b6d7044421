"""Reports over a run of periods: a quarter, a year, or any `--from`/`--to` months.

Each period keeps its own targets (the ones in force that month); a range sums the
periods' cells and judges each sum as one month's cell is judged (tally.quota_row). The same
figures feed scripts/quota.py (`--quarter`, `--year`, `--from/--to`) and the Thống kê pages'
quarter and year totals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from wardportal.quota.periods import YEARS, Days, months_between, period_for
from wardportal.quota.tally import PeriodReport, QuotaTally, quota_row
from wardportal.registry import Entry, YearMonth

_QUARTER_RE = re.compile(r"^(\d{4})-[Qq]([1-4])$")


@dataclass(frozen=True)
class Span(Days):
    """Periods `first`…`last` (named by the months they end in) and the days they cover."""

    first: YearMonth
    last: YearMonth
    start: date
    end: date  # inclusive
    title: str

    @property
    def months(self) -> list[YearMonth]:
        return months_between(self.first, self.last)

    @property
    def label(self) -> str:
        return self.title

    @property
    def sheet_title(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first} đến {self.last}"


def make_span(first: YearMonth, last: YearMonth, start_day: int = 1) -> Span:
    """The periods `first`…`last`, named as boards name their reports."""
    if last < first:
        raise ValueError(f"tháng cuối {last} trước tháng đầu {first}")
    return Span(first, last, period_for(first, start_day).start, period_for(last, start_day).end,
                _title(first, last, start_day))


def _title(first: YearMonth, last: YearMonth, start_day: int) -> str:
    """`Tháng 3/2026`, `Quý III/2026`, `6 tháng đầu năm 2026`, `Năm 2026`, `Tháng 2–5/2026`…"""
    if first == last:
        return period_for(first, start_day).label
    if first.year != last.year:
        return f"Tháng {first.month}/{first.year} – tháng {last.month}/{last.year}"
    if (first.month, last.month) == (1, 12):
        return f"Năm {first.year}"
    if first.month % 3 == 1 and last.month == first.month + 2:
        return f"Quý {_ROMAN[last.month // 3]}/{first.year}"
    if first.month == 1:
        return f"{last.month} tháng đầu năm {first.year}"
    return f"Tháng {first.month}–{last.month}/{first.year}"


def quarter_span(year: int, quarter: int, start_day: int = 1) -> Span:
    return make_span(YearMonth(year, 3 * quarter - 2), YearMonth(year, 3 * quarter), start_day)


def year_span(year: int, start_day: int = 1) -> Span:
    return make_span(YearMonth(year, 1), YearMonth(year, 12), start_day)


def quarter_of(month: YearMonth) -> int:
    return (month.month - 1) // 3 + 1


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def parse_span(*, month: str | None = None, first: str | None = None, last: str | None = None,
               quarter: str | None = None, year: str | None = None, start_day: int = 1,
               current: YearMonth | None = None) -> Span | None:
    """The span the options name (None: none given). ValueError with a Vietnamese message
    that names the option.

    `--from` alone runs to the current period; `--to` alone is a single month.
    """
    given = [name for name, value in (("--month", month), ("--from/--to", first or last),
                                      ("--quarter", quarter), ("--year", year)) if value]
    if len(given) > 1:
        raise ValueError(f"chỉ dùng một trong {' và '.join(given)}, không dùng cùng lúc")
    if month:
        chosen = _month("--month", month)
        return make_span(chosen, chosen, start_day)
    if first or last:
        begin = _month("--from", first) if first else _month("--to", last)
        end = _month("--to", last) if last else (current or begin)
        if end < begin:
            raise ValueError(f"--to {end} trước --from {begin}" if last else
                             f"--from {begin} sau kỳ hiện tại {end}: thêm --to YYYY-MM")
        return make_span(begin, end, start_day)
    if quarter:
        match = _QUARTER_RE.match(quarter.strip())
        if not match:
            raise ValueError(f"--quarter `{quarter}` không hợp lệ: dùng dạng YYYY-Qn với n từ 1 đến 4, "
                             "ví dụ 2026-Q3")
        return quarter_span(_year("--quarter", match.group(1)), int(match.group(2)), start_day)
    if year:
        if not re.fullmatch(r"\d{4}", year.strip()):
            raise ValueError(f"--year `{year}` không hợp lệ: dùng dạng YYYY, ví dụ 2026")
        return year_span(_year("--year", year), start_day)
    return None


def _month(option: str, text: str) -> YearMonth:
    try:
        month = YearMonth.parse(text)
    except ValueError as exc:
        raise ValueError(f"{option}: {exc}") from None
    _year(option, str(month.year))
    return month


def _year(option: str, text: str) -> int:
    if not YEARS[0] <= int(text) <= YEARS[1]:
        raise ValueError(f"{option}: năm phải trong khoảng {YEARS[0]}–{YEARS[1]}, đang là {text}")
    return int(text)


@dataclass
class RangeReport(PeriodReport):
    """A PeriodReport over a Span (exports and templates take either), plus its months'
    reports and the units that published nothing in the whole range."""

    months: list[PeriodReport] = field(default_factory=list)

    @property
    def idle_units(self) -> list[Entry]:
        """Tracked units with no counted article in the whole range, in registry order."""
        return [unit for unit in self.units if self.unit_total(unit.id).published == 0]


def range_report(tally: QuotaTally, span: Span) -> RangeReport:
    """The months' cells summed through the same judging as one month's (tally.quota_row):
    published and targets add up, each month with its own targets; a unit counts in the
    months it exists in (registry start/end) and is listed if it exists in any."""
    reports = [tally.report(month) for month in span.months]
    units = [unit for unit in tally.registry.units if any(unit in report.units for report in reports)]
    rows = []
    for unit in units:
        for category in tally.registry.categories:
            cells = [report.cell(unit.id, category.id) for report in reports if unit in report.units]
            targets = [cell.target for cell in cells if cell.target]
            articles = sorted((article for cell in cells for article in cell.articles), key=lambda a: a.sort_key)
            rows.append(quota_row(unit, category, articles, sum(targets) if targets else None))
    return RangeReport(span, tally.today, units, list(tally.registry.categories), rows, months=reports)
