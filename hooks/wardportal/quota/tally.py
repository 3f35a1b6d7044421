"""Counting published articles per unit × category × period, and judging them against targets.

The articles are filtered by the same PublishPolicy as the site (drafts and future articles
never count) and grouped once, so any period's report costs units × categories.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Iterable

from wardportal.article import Article
from wardportal.quota.counting import articles_by_period
from wardportal.quota.periods import Period, months_between, period_for, period_month_of
from wardportal.quota.targets import QuotaTargets
from wardportal.registry import Entry, Registry, YearMonth

STATUS_LABELS = {"met": "Đạt", "exceeded": "Vượt", "behind": "Chưa đạt", "no_target": "Không giao chỉ tiêu"}


def judge(published: int, target: int | None) -> str:
    if not target:
        return "no_target"
    if published > target:
        return "exceeded"
    return "met" if published == target else "behind"


def combine(statuses: Iterable[str]) -> str:
    """A total's status: behind if any part is behind; exceeded if any part exceeded."""
    judged = [status for status in statuses if status != "no_target"]
    if not judged:
        return "no_target"
    if "behind" in judged:
        return "behind"
    return "exceeded" if "exceeded" in judged else "met"


@dataclass
class Figure:
    """Published against target, for a cell or a total."""

    published: int
    target: int | None
    status: str
    still_needed: int = 0

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def percent(self) -> int | None:
        return round(100 * self.published / self.target) if self.target else None

    @property
    def difference(self) -> int | None:
        """Published minus target: negative when behind; None without a target."""
        return self.published - self.target if self.target else None


@dataclass
class QuotaRow(Figure):
    unit: Entry | None = None
    category: Entry | None = None
    articles: list[Article] = field(default_factory=list)


def quota_row(unit: Entry, category: Entry, articles: list[Article], target: int | None) -> QuotaRow:
    """One unit × category cell, of a period or of a range: the only place a cell is judged."""
    published = len(articles)
    return QuotaRow(published, target, judge(published, target), max(0, (target or 0) - published),
                    unit, category, articles)


@dataclass
class PeriodReport:
    period: Period
    today: date
    units: list[Entry]
    categories: list[Entry]
    rows: list[QuotaRow]

    def __post_init__(self) -> None:
        self._cells = {(row.unit.id, row.category.id): row for row in self.rows}

    def cell(self, unit_id: str, category_id: str) -> QuotaRow:
        return self._cells[(unit_id, category_id)]

    def unit_total(self, unit_id: str) -> Figure:
        return _total([row for row in self.rows if row.unit.id == unit_id])

    def category_total(self, category_id: str) -> Figure:
        return _total([row for row in self.rows if row.category.id == category_id])

    @property
    def total(self) -> Figure:
        return _total(self.rows)

    @property
    def is_open(self) -> bool:
        """The period has not ended yet: days left and still-needed figures matter."""
        return self.today <= self.period.end

    @property
    def days_left(self) -> int:
        return self.period.days_left(self.today)


def _total(rows: list[QuotaRow]) -> Figure:
    targets = [row.target for row in rows if row.target]
    return Figure(sum(row.published for row in rows), sum(targets) if targets else None,
                  combine(row.status for row in rows), sum(row.still_needed for row in rows))


class QuotaTally:
    """Every counted article, grouped by (period month, unit id, category id)."""

    def __init__(self, articles: Iterable[Article], registry: Registry, targets: QuotaTargets,
                 now: datetime) -> None:
        self.registry = registry
        self.targets = targets
        self.now = now
        self.start_day = targets.period_start_day
        self._groups: dict[tuple[YearMonth, str, str], list[Article]] = defaultdict(list)
        self._reports: dict[YearMonth, PeriodReport] = {}
        for month, held in articles_by_period(articles, now, self.start_day).items():
            for article in held:
                self._groups[(month, article.unit.id, article.category.id)].append(article)

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def current_month(self) -> YearMonth:
        return period_month_of(self.today, self.start_day)

    def period(self, month: YearMonth) -> Period:
        return period_for(month, self.start_day)

    def months(self) -> list[YearMonth]:
        """Every period from the first counted article to the current one, oldest first."""
        counted = [month for month, _, _ in self._groups]
        first = min(counted) if counted else self.current_month
        return months_between(min(first, self.current_month), self.current_month)

    def tracked_units(self, month: YearMonth) -> list[Entry]:
        return [unit for unit in self.registry.units if unit.exists_in(month)]

    def report(self, month: YearMonth) -> PeriodReport:
        """One period's cells, each judged by the targets in force that month (made once)."""
        if month not in self._reports:
            rows = [quota_row(unit, category, self._groups.get((month, unit.id, category.id), []),
                              self.targets.target_for(unit.id, category.id, month) or None)
                    for unit in self.tracked_units(month) for category in self.registry.categories]
            self._reports[month] = PeriodReport(self.period(month), self.today, self.tracked_units(month),
                                                list(self.registry.categories), rows)
        return self._reports[month]
