"""Who is owed what for a span of periods: points per author and article, amounts per rate.

The articles are those the quota tracker counts (wardportal.quota.counting), so the two
reports never disagree on which articles a period holds. Each author's points of one period
are multiplied by that period's rate and rounded once; a span adds its periods' amounts, so
a quarter is exactly the sum of its three months.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import Iterable

from wardportal.article import Article
from wardportal.problems import Problem
from wardportal.quota.counting import articles_by_period
from wardportal.quota.ranges import Span
from wardportal.registry import Entry
from wardportal.royalties.rules import Rate, RoyaltyRules
from wardportal.vntext import sort_key, tone_key


@dataclass(frozen=True)
class Line:
    """One article as credited to one author: the author's share of its points."""

    article: Article
    type_id: str
    points: Fraction


@dataclass
class AuthorEntry:
    name: str
    unit: Entry
    lines: list[Line] = field(default_factory=list)
    amount: int = 0

    @property
    def points(self) -> Fraction:
        return sum((line.points for line in self.lines), Fraction(0))


@dataclass
class Statement:
    span: Span
    rules: RoyaltyRules
    rates: list[tuple[Rate, list]]  # each rate in force in the span, with the span's months it priced
    authors: list[AuthorEntry]
    uncredited: list[Article]  # counted articles without an author: nobody to pay

    @property
    def point_value(self) -> Fraction | None:
        """The value of one point when one rate covers the whole span, else None."""
        values = {rate.point_value for rate, _ in self.rates}
        return values.pop() if len(values) == 1 else None

    @property
    def total_points(self) -> Fraction:
        return sum((entry.points for entry in self.authors), Fraction(0))

    @property
    def total_amount(self) -> int:
        return sum(entry.amount for entry in self.authors)

    def by_unit(self, registry_units: list[Entry]) -> list[tuple[Entry, list[AuthorEntry]]]:
        """Authors grouped by unit, units in registry order (for subtotals)."""
        return [(unit, [e for e in self.authors if e.unit.id == unit.id]) for unit in registry_units
                if any(e.unit.id == unit.id for e in self.authors)]


def type_problems(articles: Iterable[Article], rules: RoyaltyRules) -> list[Problem]:
    """Every article whose `type` or `points` the rules reject (wardportal.checking reports
    them in builds and scripts/check.py; the statement leaves those articles out)."""
    problems = []
    for article in articles:
        rejected = _reject(article, rules)
        if rejected:
            field_name, message = rejected
            problems.append(Problem(article.source_path, message, field=field_name,
                                    line=article.field_lines.get(field_name) or article.field_lines.get("type")))
    return problems


_LEFT_OUT = "Bài vẫn được đăng, nhưng chưa được tính nhuận bút cho đến khi sửa."


def _reject(article: Article, rules: RoyaltyRules) -> tuple[str, str] | None:
    """(field, Vietnamese message) when the article's type or points break the rules."""
    if not rules.types:
        return None
    type_id = article.type or rules.default_type
    kind = rules.types.get(type_id)
    if kind is None:
        return "type", (f"loại bài `type: {type_id}` không có trong content/_portal/royalties.yml. Hãy ghi một "
                        f"trong các mã: {', '.join(rules.types)}. {_LEFT_OUT}")
    if article.points is not None and any(credit.points is not None for credit in article.authors):
        return "points", ("ghi `points` của bài HOẶC `points` cho từng tác giả trong `author`, không ghi cả hai. "
                          + _LEFT_OUT)
    points = _article_points(article, kind.points)
    if not kind.allows(points):
        where = "tổng điểm các tác giả" if article.points is None else "`points`"
        field_name = "author" if article.points is None else "points"
        return field_name, (f"{where} {float(points):g} nằm ngoài khung điểm của loại “{kind.name}” "
                            f"({kind.range_label}). Hãy sửa `points` hoặc `type`. {_LEFT_OUT}")
    return None


def _article_points(article: Article, default: Fraction) -> Fraction:
    if article.points is not None:
        return Fraction(str(article.points))
    shares = [credit.points for credit in article.authors]
    if shares and all(share is not None for share in shares):
        return sum((Fraction(str(share)) for share in shares), Fraction(0))
    return default


def build_statement(articles: Iterable[Article], rules: RoyaltyRules, span: Span,
                    now: datetime, start_day: int = 1) -> Statement:
    """The statement of `span`. Articles rejected by type_problems are left out.

    Raises ValueError (Vietnamese) when a period with credited articles has no rate.
    """
    held = articles_by_period(articles, now, start_day)
    entries: dict[tuple[str, str], AuthorEntry] = {}
    uncredited: list[Article] = []
    used: dict[Rate, list] = {}
    for month in span.months:
        month_points: dict[tuple[str, str], Fraction] = {}
        for article in held.get(month, []):
            if _reject(article, rules) or not rules.types:
                continue
            if not article.authors:
                uncredited.append(article)
                continue
            kind = rules.types[article.type or rules.default_type]
            for credit, share in zip(article.authors, _shares(article, kind.points)):
                key = (tone_key(credit.name), article.unit.id)
                entry = entries.setdefault(key, AuthorEntry(credit.name, article.unit))
                entry.lines.append(Line(article, kind.id, share))
                month_points[key] = month_points.get(key, Fraction(0)) + share
        rate = rules.rate_for(month)
        if rate is not None:
            used.setdefault(rate, []).append(month)
        elif month_points:
            raise ValueError(f"chưa có mức nhuận bút (`rates:` trong content/_portal/royalties.yml) áp dụng cho "
                             f"tháng {month}: thêm một dòng `from:` không muộn hơn {month}")
        for key, points in month_points.items():
            entries[key].amount += rate.amount(points)
    authors = sorted(entries.values(), key=lambda e: (sort_key(e.name), e.unit.menu_key))
    for entry in authors:
        entry.lines.sort(key=lambda line: (line.article.published.moment, line.article.slug))
    return Statement(span, rules, sorted(used.items(), key=lambda item: item[0].start), authors, uncredited)


def _shares(article: Article, default: Fraction) -> list[Fraction]:
    """Each author's points: as given per author, else the article's points shared equally."""
    given = [credit.points for credit in article.authors]
    if all(share is not None for share in given) and article.points is None:
        return [Fraction(str(share)) for share in given]
    total = _article_points(article, default)
    return [total / len(article.authors)] * len(article.authors)
