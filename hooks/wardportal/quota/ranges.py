"""Reports over a run of periods: a quarter, a year, or any `--from`/`--to` months.

Each period keeps its own targets (the ones in force that month); a range sums the
periods' published counts and targets and judges the sums. The same figures feed
scripts/quota.py (`--quarter`, `--year`, `--from/--to`) and the year pages' quarter totals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from wardportal.quota.periods import months_between, period_for
from wardportal.quota.tally import Figure, QuotaRow, QuotaTally, _total, judge
from wardportal.registry import Entry, YearMonth

_QUARTER_RE = re.compile(r"^(\d{4})-[Qq]([1-4])$")


@dataclass(frozen=True)
class Span:
    """Periods `first`…`last` (months they end in) and the days they cover."""

    first: YearMonth
    last: YearMonth
    start: date
    end: date  # inclusive
    title: str

    @property
    def months(self) -> list[YearMonth]:
        return months_between(self.first, self.last)

    @property
    def range_label(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    @property
    def label(self) -> str:
        return self.title

    @property
    def sheet_title(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first} đến {self.last}"[:31]

    def days_left(self, today: date) -> int:
        return 0 if today > self.end else (self.end - max(today, self.start)).days + 1


def make_span(first: YearMonth, last: YearMonth, start_day: int = 1, title: str | None = None) -> Span:
    if last < first:
        raise ValueError(f"tháng cuối {last} trước tháng đầu {first}")
    if title is None:
        if first == last:
            title = period_for(first, start_day).title
        elif first.year == last.year:
            title = f"Tháng {first.month}–{last.month}/{first.year}"
        else:
            title = f"Tháng {first.month}/{first.year} – tháng {last.month}/{last.year}"
    return Span(first, last, period_for(first, start_day).start, period_for(last, start_day).end, title)


def quarter_span(year: int, quarter: int, start_day: int = 1) -> Span:
    return make_span(YearMonth(year, 3 * quarter - 2), YearMonth(year, 3 * quarter), start_day,
                     f"Quý {_ROMAN[quarter]}/{year}")


def year_span(year: int, start_day: int = 1) -> Span:
    return make_span(YearMonth(year, 1), YearMonth(year, 12), start_day, f"Năm {year}")


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def parse_span(*, month: str | None = None, first: str | None = None, last: str | None = None,
               quarter: str | None = None, year: str | None = None, start_day: int = 1,
               current: YearMonth | None = None) -> Span | None:
    """The span the options name (None: none given). ValueError with a Vietnamese message.

    `--from` alone runs to the current period; `--to` alone is a single month.
    """
    given = [name for name, value in (("--month", month), ("--from/--to", first or last),
                                      ("--quarter", quarter), ("--year", year)) if value]
    if len(given) > 1:
        raise ValueError(f"chỉ dùng một trong {', '.join(given)}")
    if month:
        chosen = _month("--month", month)
        return make_span(chosen, chosen, start_day)
    if first or last:
        begin = _month("--from", first) if first else _month("--to", last)
        end = _month("--to", last) if last else (current or begin)
        if end < begin:
            raise ValueError(f"--to {end} trước --from {begin}")
        return make_span(begin, end, start_day)
    if quarter:
        match = _QUARTER_RE.match(quarter.strip())
        if not match:
            raise ValueError(f"--quarter `{quarter}` không hợp lệ: dùng dạng YYYY-Qn, ví dụ 2026-Q3")
        return quarter_span(int(match.group(1)), int(match.group(2)), start_day)
    if year:
        if not re.fullmatch(r"\d{4}", year.strip()):
            raise ValueError(f"--year `{year}` không hợp lệ: dùng dạng YYYY, ví dụ 2026")
        return year_span(int(year), start_day)
    return None


def _month(option: str, text: str) -> YearMonth:
    try:
        return YearMonth.parse(text)
    except ValueError as exc:
        raise ValueError(f"{option}: {exc}") from None


@dataclass
class RangeReport:
    """The same shape as a PeriodReport (exports take either), plus the units that published nothing."""

    period: Span
    today: date
    units: list[Entry]
    categories: list[Entry]
    rows: list[QuotaRow]

    @property
    def is_open(self) -> bool:
        return self.today <= self.period.end

    @property
    def days_left(self) -> int:
        return self.period.days_left(self.today)

    @property
    def idle_units(self) -> list[Entry]:
        """Tracked units with no counted article in the whole range, in registry order."""
        return [unit for unit in self.units if self.unit_total(unit.id).published == 0]

    def unit_total(self, unit_id: str) -> Figure:
        return _range_total([row for row in self.rows if row.unit.id == unit_id])

    @property
    def total(self) -> Figure:
        return _range_total(self.rows)


def _range_total(rows: list[QuotaRow]) -> Figure:
    figure = _total(rows)
    return Figure(figure.published, figure.target, judge(figure.published, figure.target),
                  max(0, (figure.target or 0) - figure.published))


def range_report(tally: QuotaTally, span: Span) -> RangeReport:
    """Sum every period of the span, each judged by its own targets; a unit counts in the
    periods it exists in (registry start/end) and is listed if it exists in any."""
    reports = [tally.report(month) for month in span.months]
    units = [unit for unit in tally.registry.units if any(unit in report.units for report in reports)]
    rows = []
    for unit in units:
        for category in tally.registry.categories:
            cells = [report.cell(unit.id, category.id) for report in reports if unit in report.units]
            published = sum(cell.published for cell in cells)
            targets = [cell.target for cell in cells if cell.target]
            target = sum(targets) if targets else None
            articles = [article for cell in cells for article in cell.articles]
            rows.append(QuotaRow(published, target, judge(published, target), max(0, (target or 0) - published),
                                 unit, category, sorted(articles, key=lambda a: a.sort_key)))
    return RangeReport(span, tally.today, units, list(tally.registry.categories), rows)
