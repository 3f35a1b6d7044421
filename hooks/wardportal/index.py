"""The in-memory article index: built once per build, every listing reads from it.

Everything here is one pass or one sort over the articles; nothing is quadratic.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby

from wardportal.article import Article
from wardportal.registry import Entry, Registry, YearMonth


@dataclass(frozen=True)
class Neighbours:
    """The articles just before and after one article in its category (newest first)."""

    newer: Article | None
    older: Article | None


class ArticleIndex:
    """Published articles grouped by category, unit and month, each group newest first."""

    def __init__(self, articles: list[Article], registry: Registry) -> None:
        self.registry = registry
        self.articles = sorted(articles, key=lambda a: a.sort_key)
        self.by_slug = {article.slug: article for article in self.articles}
        self.by_category: dict[str, list[Article]] = {e.id: [] for e in registry.categories}
        self.by_unit: dict[str, list[Article]] = {e.id: [] for e in registry.units}
        self.by_month: dict[YearMonth, list[Article]] = defaultdict(list)
        for article in self.articles:  # already newest first, so every group is too
            self.by_category[article.category.id].append(article)
            self.by_unit[article.unit.id].append(article)
            self.by_month[article.month].append(article)
        self._category_position = {
            article.slug: position
            for group in self.by_category.values()
            for position, article in enumerate(group)
        }

    def replace(self, old: Article, new: Article) -> None:
        """Put `new` where `old` is, for an article whose place is the same (its date, category,
        unit and slug unchanged: a corrected body); every list keeps its order."""
        if (old.sort_key, old.slug, old.category.id, old.unit.id, old.month) != \
                (new.sort_key, new.slug, new.category.id, new.unit.id, new.month):
            raise ValueError(f"{new.source_path}: the article moved; build the index again")
        for group in (self.articles, self.by_category[old.category.id], self.by_unit[old.unit.id],
                      self.by_month[old.month]):
            group[next(number for number, article in enumerate(group) if article is old)] = new
        self.by_slug[new.slug] = new

    def __len__(self) -> int:
        return len(self.articles)

    def latest(self, count: int) -> list[Article]:
        return self.articles[:count]

    def most_viewed(self, count: int) -> list[Article]:
        return heapq.nsmallest(count, self.articles, key=lambda a: (-a.views, a.sort_key))

    def featured(self, count: int) -> list[Article]:
        return [article for article in self.articles if article.featured][:count]

    def related(self, article: Article, count: int) -> list[Article]:
        """Same category, newest first, without the article itself."""
        group = self.by_category[article.category.id]
        return [other for other in group[: count + 1] if other is not article][:count]

    def neighbours(self, article: Article) -> Neighbours:
        group = self.by_category[article.category.id]
        position = self._category_position[article.slug]
        return Neighbours(group[position - 1] if position > 0 else None,
                          group[position + 1] if position + 1 < len(group) else None)

    def months(self) -> list[YearMonth]:
        """Months with articles, newest first."""
        return sorted(self.by_month, reverse=True)

    def years(self) -> list[tuple[int, list[tuple[YearMonth, int]]]]:
        """[(year, [(month, count), …]), …], newest first, for the archive index."""
        return [(year, [(month, len(self.by_month[month])) for month in months])
                for year, months in groupby(self.months(), key=lambda m: m.year)]

    def unit_counts(self) -> list[tuple[Entry, int]]:
        """Every registered unit with its article count, units without articles included."""
        return [(unit, len(self.by_unit[unit.id])) for unit in self.registry.units]
