"""Counting periods: the calendar month, or a month that starts on another day (20th → 19th).

A period is named by the month it ends in: with `period_start_day: 20`, "Tháng 3/2024"
runs from 20/02/2024 to 19/03/2024. Targets and unit existence are judged by that month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from wardportal.dates import month_label
from wardportal.registry import YearMonth

MAX_START_DAY = 28  # every month has this day
YEARS = (1900, 2999)  # the periods a report can name (and their neighbours) stay valid dates


class Days:
    """What a run of days (`start`…`end`, inclusive) says about itself: a period or a range."""

    start: date
    end: date

    @property
    def range_label(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def days_left(self, today: date) -> int:
        """Days still to come, today included (0 once it is over)."""
        if today > self.end:
            return 0
        return (self.end - max(today, self.start)).days + 1


@dataclass(frozen=True, order=True)
class Period(Days):
    month: YearMonth
    start: date
    end: date  # inclusive

    @property
    def title(self) -> str:
        return month_label(self.month.year, self.month.month)

    @property
    def is_calendar_month(self) -> bool:
        return self.start.day == 1 and self.start.month == self.month.month

    @property
    def label(self) -> str:
        """`Tháng 3/2024` for a calendar month, else `20/02/2024 – 19/03/2024`."""
        return self.title if self.is_calendar_month else self.range_label

    @property
    def sheet_title(self) -> str:
        return str(self.month)


def period_for(month: YearMonth, start_day: int = 1) -> Period:
    if start_day == 1:
        return Period(month, date(month.year, month.month, 1), _first_of(month.next()) - timedelta(days=1))
    before = month.previous()
    return Period(month, date(before.year, before.month, start_day),
                  date(month.year, month.month, start_day - 1))


def period_month_of(day: date, start_day: int = 1) -> YearMonth:
    """The month whose period contains `day`."""
    month = YearMonth(day.year, day.month)
    return month.next() if start_day > 1 and day.day >= start_day else month


def months_between(first: YearMonth, last: YearMonth) -> list[YearMonth]:
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = month.next()
    return months


def _first_of(month: YearMonth) -> date:
    return date(month.year, month.month, 1)
