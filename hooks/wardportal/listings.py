"""The plan of every generated listing page: what it lists, at which URL, with which template.

Pure data: the hook turns each ListingPage into a page of the generator, and the theme's
templates present it. A hand-written page at the same path only adds an intro.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wardportal import urls
from wardportal.article import Article
from wardportal.dates import month_label
from wardportal.index import ArticleIndex
from wardportal.registry import Entry

DEFAULT_PAGE_SIZE = 10
PAGER_WINDOW = 2  # page numbers shown on each side of the current one


@dataclass(frozen=True)
class PagerLink:
    number: int | None  # None: an ellipsis
    url: str | None
    current: bool = False


@dataclass(frozen=True)
class Pager:
    """Numbered pagination: first, last and a window around the current page.

    The window keeps each page's HTML small even for a category with 1,000 pages.
    """

    page: int
    total: int
    links: tuple[PagerLink, ...] = ()
    previous_url: str | None = None
    next_url: str | None = None


def make_pager(page: int, total: int, url_of) -> Pager:
    numbers = sorted({1, total, *range(max(1, page - PAGER_WINDOW), min(total, page + PAGER_WINDOW) + 1)})
    links: list[PagerLink] = []
    for number in numbers:
        if links and links[-1].number is not None and number - links[-1].number > 1:
            links.append(PagerLink(None, None))
        links.append(PagerLink(number, url_of(number), number == page))
    return Pager(page, total, tuple(links),
                 url_of(page - 1) if page > 1 else None,
                 url_of(page + 1) if page < total else None)


@dataclass
class ListingPage:
    """One generated page. `articles` is this page's slice, newest first."""

    kind: str  # home, categories, category, units, unit, archive, month
    url: str
    title: str
    articles: list[Article] = field(default_factory=list)
    entry: Entry | None = None
    pager: Pager | None = None
    total_articles: int = 0
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def src_uri(self) -> str:
        return urls.source_path(self.url)

    @property
    def template(self) -> str:
        return f"ward/{self.kind}.html"


@dataclass(frozen=True)
class HomeSettings:
    latest: int = 10
    per_category: int = 4
    most_viewed: int = 5
    featured: int = 4


def plan_listing_pages(index: ArticleIndex, page_size: int = DEFAULT_PAGE_SIZE,
                       home: HomeSettings = HomeSettings()) -> list[ListingPage]:
    """Every listing page of the portal, in a stable order."""
    pages = [_home(index, home), _categories_index(index), _units_index(index), _archive_index(index)]
    for category in index.registry.categories:
        pages += _paginated("category", category.name, index.by_category[category.id],
                            lambda n, c=category: urls.category(c.id, n), page_size, entry=category)
    for unit in index.registry.units:
        pages += _paginated("unit", unit.name, index.by_unit[unit.id],
                            lambda n, u=unit: urls.unit(u.id, n), page_size, entry=unit)
    for month in index.months():
        pages += _paginated("month", month_label(month.year, month.month), index.by_month[month],
                            lambda n, m=month: urls.archive_month(m.year, m.month, n), page_size,
                            data={"month": month})
    return pages


def _paginated(kind: str, title: str, articles: list[Article], url_of, page_size: int,
               entry: Entry | None = None, data: dict | None = None) -> list[ListingPage]:
    total = max(1, -(-len(articles) // page_size))
    pages = []
    for number in range(1, total + 1):
        chunk = articles[(number - 1) * page_size: number * page_size]
        shown_title = title if number == 1 else f"{title} – Trang {number}"
        pages.append(ListingPage(kind, url_of(number), shown_title, chunk, entry,
                                 make_pager(number, total, url_of), len(articles), dict(data or {})))
    return pages


def _home(index: ArticleIndex, settings: HomeSettings) -> ListingPage:
    per_category = [(category, index.by_category[category.id][: settings.per_category])
                    for category in index.registry.categories if index.by_category[category.id]]
    return ListingPage("home", "", "Trang chủ", index.latest(settings.latest), total_articles=len(index),
                       data={"featured": index.featured(settings.featured),
                             "most_viewed": index.most_viewed(settings.most_viewed),
                             "per_category": per_category})


def _categories_index(index: ArticleIndex) -> ListingPage:
    counts = [(category, len(index.by_category[category.id])) for category in index.registry.categories]
    return ListingPage("categories", urls.categories_index(), "Chuyên mục", total_articles=len(index),
                       data={"counts": counts})


def _units_index(index: ArticleIndex) -> ListingPage:
    return ListingPage("units", urls.units_index(), "Đơn vị", total_articles=len(index),
                       data={"counts": index.unit_counts()})


def _archive_index(index: ArticleIndex) -> ListingPage:
    return ListingPage("archive", urls.archive_index(), "Lưu trữ", total_articles=len(index),
                       data={"years": index.years()})
