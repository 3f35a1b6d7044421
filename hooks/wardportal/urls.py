"""The portal's URL scheme, in one place. Every URL is ASCII and ends in `/`.

Source paths (`…/index.md`) are what the generator is given; URLs are what readers see.
"""

from __future__ import annotations

ARTICLES_DIR = "bai-viet"
CATEGORIES_DIR = "chuyen-muc"
UNITS_DIR = "don-vi"
ARCHIVE_DIR = "luu-tru"
STATS_DIR = "thong-ke"
PAGE_PREFIX = "trang-"


def article(slug: str) -> str:
    return f"{ARTICLES_DIR}/{slug}/"


def _paged(base: str, page: int) -> str:
    return base if page <= 1 else f"{base}{PAGE_PREFIX}{page}/"


def category(category_id: str, page: int = 1) -> str:
    return _paged(f"{CATEGORIES_DIR}/{category_id}/", page)


def unit(unit_id: str, page: int = 1) -> str:
    return _paged(f"{UNITS_DIR}/{unit_id}/", page)


def units_index() -> str:
    return f"{UNITS_DIR}/"


def categories_index() -> str:
    return f"{CATEGORIES_DIR}/"


def archive_index() -> str:
    return f"{ARCHIVE_DIR}/"


def archive_month(year: int, month: int, page: int = 1) -> str:
    return _paged(f"{ARCHIVE_DIR}/{year:04d}/{month:02d}/", page)


def stats_index() -> str:
    return f"{STATS_DIR}/"


def stats_period(year: int, month: int) -> str:
    return f"{STATS_DIR}/{year:04d}/{month:02d}/"


def stats_year(year: int) -> str:
    return f"{STATS_DIR}/{year:04d}/"


def stats_quarter(year: int, quarter: int) -> str:
    return f"{STATS_DIR}/{year:04d}/quy-{quarter}/"


def stats_year_total(year: int) -> str:
    return f"{STATS_DIR}/{year:04d}/ca-nam/"


def stats_unit(unit_id: str) -> str:
    return f"{STATS_DIR}/{UNITS_DIR}/{unit_id}/"


def source_path(url: str) -> str:
    """The Markdown source path that MkDocs turns into `url` (`a/b/` → `a/b/index.md`)."""
    return f"{url}index.md" if url else "index.md"


SEARCH_DIR = "tim-kiem"


def search() -> str:
    return f"{SEARCH_DIR}/"
