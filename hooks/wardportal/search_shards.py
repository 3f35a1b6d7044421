"""Which part of the search index each page goes in: Pagefind's memory is the limit.

Pagefind holds everything it indexes in memory, about 150 KB a page: 1.5 GB for a portal of
10,000 articles. So a large portal's index is built in parts of at most `most` pages, one
Pagefind run each, and the search page merges them (Pagefind's `mergeIndex`). The parts are
calendar periods, newest first: a year, or its quarters or months when a year alone holds
more than `most` articles (a month is never split), and the portal's own pages apart. A
saved article changes its own period's part only, so only that part is indexed again.

A portal of at most `most` pages keeps one part: nothing is lost to splitting where
memory is no concern.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from wardportal.search_records import SearchRecord

ALL = "tat-ca"  # the one part of a small portal
PAGES = "trang"  # the portal's own pages (intro, documents, statistics): no date
DEFAULT_MOST = 2000  # pages a part: Pagefind then stays near 300 MB
# Words (Pagefind counts pages + positions of unaccented words) per index chunk; Pagefind's
# default is 20,000. Smaller chunks: less to load per query, more chunk names in the meta
# file. A part has fewer pages per word, so its chunks are smaller too: at 10,000 articles
# in 5 parts a first query loaded 271-302 KB with 3,000 and 264-290 KB with 1,500.
CHUNK_WORDS = 3000
CHUNK_WORDS_IN_PARTS = 1500


@dataclass(frozen=True)
class Shard:
    """One part of the index: its folder name under pagefind/ and its records."""

    name: str
    records: list[SearchRecord]
    chunk_words: int = CHUNK_WORDS


def plan_shards(dated: list[tuple[datetime, SearchRecord]], pages: list[SearchRecord],
                most: int = DEFAULT_MOST) -> list[Shard]:
    """The parts, newest first and the portal's pages last; records keep their order."""
    if not dated and not pages:
        return []
    if len(dated) + len(pages) <= most:
        return [Shard(ALL, [record for _, record in dated] + pages)]  # (CHUNK_WORDS)
    by_year: dict[int, list[tuple[datetime, SearchRecord]]] = {}
    for moment, record in dated:
        by_year.setdefault(moment.year, []).append((moment, record))
    shards = []
    for year in sorted(by_year, reverse=True):
        shards += _periods(str(year), by_year[year], most)
    if pages:
        shards.append(Shard(PAGES, pages))
    return [Shard(shard.name, shard.records, CHUNK_WORDS_IN_PARTS) for shard in shards]


def _periods(year: str, dated: list[tuple[datetime, SearchRecord]], most: int) -> list[Shard]:
    """One year's parts: the year, else its quarters, else a quarter's months."""
    if len(dated) <= most:
        return [Shard(year, [record for _, record in dated])]
    shards = []
    for quarter in (4, 3, 2, 1):
        months = range(quarter * 3, quarter * 3 - 3, -1)
        inside = [(moment, record) for moment, record in dated if moment.month in months]
        if len(inside) <= most:
            shards += [Shard(f"{year}-q{quarter}", [record for _, record in inside])] if inside else []
            continue
        for month in months:
            records = [record for moment, record in inside if moment.month == month]
            shards += [Shard(f"{year}-{month:02d}", records)] if records else []
    return shards
