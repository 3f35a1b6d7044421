"""The view data file, content/_portal/views.json: counts per article per day, and the marks
of the logs already read. Written only by scripts/views.py (atomically); read by the build.

    {"about": "...", "version": 1,
     "days": {"2026-12-01": {"<slug>": 3, ...}, ...},
     "logs": {"<sha256 of the first line>": {"counted_to": 1234, "context_from": 1000,
                                             "last_read": "2026-12-01"}, ...}}
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from wardportal.article import Article
from wardportal.frontmatter_io import write_new_file
from wardportal.problems import Problem
from wardportal.views.counter import LogMark

VIEWS_PATH = "_portal/views.json"  # relative to the content folder
VERSION = 1
ABOUT = ("Lượt xem đếm từ nhật ký truy cập của máy chủ (scripts/views.py). Không sửa tay: "
         "lượt xem cũ của từng bài nằm ở trường `views` trong bài.")


class ViewDataError(Exception):
    """The data file exists but cannot be used; the message is Vietnamese."""


@dataclass
class ViewData:
    days: dict[str, dict[str, int]] = field(default_factory=dict)
    logs: dict[str, LogMark] = field(default_factory=dict)

    def add(self, days: dict[str, Counter]) -> None:
        for day, counts in days.items():
            target = self.days.setdefault(day, {})
            for slug, number in counts.items():
                target[slug] = target.get(slug, 0) + number

    def totals(self, first_day: str = "", last_day: str = "9999") -> Counter:
        """Views per article over the days in [first_day, last_day] (ISO dates)."""
        totals: Counter = Counter()
        for day, counts in self.days.items():
            if first_day <= day <= last_day:
                totals.update(counts)
        return totals


def load_view_data(content_dir: Path) -> ViewData:
    """The data file, or empty data when there is none yet."""
    path = content_dir / VIEWS_PATH
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ViewData()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ViewDataError(f"không đọc được tệp lượt xem ({exc}). Khôi phục tệp từ bản sao lưu, "
                            f"hoặc xóa nó để đếm lại từ các nhật ký còn giữ.") from None
    try:
        if raw.get("version") != VERSION:
            raise ViewDataError(f"phiên bản tệp lượt xem {raw.get('version')!r} không được hỗ trợ.")
        days = {str(day): {str(slug): int(n) for slug, n in counts.items()} for day, counts in raw["days"].items()}
        logs = {str(key): LogMark(int(m["counted_to"]), int(m["context_from"]), str(m.get("last_read", "")))
                for key, m in raw.get("logs", {}).items()}
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ViewDataError(f"tệp lượt xem sai cấu trúc ({exc!r}). Khôi phục từ bản sao lưu, hoặc xóa nó "
                            f"để đếm lại từ các nhật ký còn giữ.") from None
    return ViewData(days, logs)


def save_view_data(content_dir: Path, data: ViewData) -> None:
    payload = {"about": ABOUT, "version": VERSION,
               "days": {day: dict(sorted(data.days[day].items())) for day in sorted(data.days)},
               "logs": {key: asdict(mark) for key, mark in sorted(data.logs.items())}}
    write_new_file(content_dir / VIEWS_PATH, json.dumps(payload, ensure_ascii=False, indent=1) + "\n",
                   overwrite=True)


def counted_views(content_dir: Path) -> tuple[Counter, list[Problem]]:
    """Every article's counted views, for the build: a broken file is a problem, never a crash."""
    try:
        return load_view_data(content_dir).totals(), []
    except ViewDataError as exc:
        return Counter(), [Problem(VIEWS_PATH, str(exc))]


def with_counted_views(articles: list[Article], totals: Counter) -> list[Article]:
    """The articles with their counted views (a new Article only where there is a count)."""
    return [dataclasses.replace(article, counted_views=totals[article.slug]) if totals.get(article.slug) else article
            for article in articles]
