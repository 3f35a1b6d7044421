"""Which articles a counting period holds: the one rule the quota tracker and royalties share.

Published (not draft, not dated after `now`, by the site's PublishPolicy, never preview),
grouped by the period of their date in Vietnam time, with the board's period start day.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Iterable

from wardportal.article import Article
from wardportal.corpus import PublishPolicy
from wardportal.quota.periods import period_month_of
from wardportal.registry import YearMonth


def articles_by_period(articles: Iterable[Article], now: datetime, start_day: int = 1) -> dict[YearMonth, list[Article]]:
    """Every counted article under its period's month, newest first within a month."""
    policy = PublishPolicy(now)  # never preview: drafts and future articles do not count
    groups: dict[YearMonth, list[Article]] = defaultdict(list)
    for article in sorted(articles, key=lambda a: a.sort_key):
        if policy.shows(article):
            groups[period_month_of(article.published.day, start_day)].append(article)
    return dict(groups)
