#!/usr/bin/env python3
"""Count article views from nginx access logs, or report the most viewed articles of a month.

    python scripts/views.py LOG... [--content DIR] [--config mkdocs.yml]
    python scripts/views.py --report --month YYYY-MM [--top N] [--content DIR]

Counts go to content/_portal/views.json (per article per day; no client address is stored).
Reading a log again, or its rotated copy, never counts a line twice. Exit codes: 0 ok;
1 when a log file could not be read (the others are counted); 2 on any other error.
"""

from __future__ import annotations

import argparse
import fcntl
import sys
from collections import Counter
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

import yaml

import _bootstrap
from wardportal.article import format_count
from wardportal.checking import check_content
from wardportal.dates import now_in_vietnam
from wardportal.views.counter import ArticlePaths, ViewCounter
from wardportal.views.store import VIEWS_PATH, ViewDataError, load_view_data, save_view_data


class UsageError(Exception):
    """Bad arguments or unusable input: printed, exit 2."""


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.report:
            return _report(args)
        return _count(args)
    except (UsageError, ViewDataError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = _bootstrap.ArgumentParser(description="Đếm lượt xem bài viết từ nhật ký truy cập nginx (combined).")
    parser.add_argument("logs", nargs="*", metavar="LOG", help="tệp nhật ký (access.log, access.log.1, *.gz)")
    parser.add_argument("--content", default=str(_bootstrap.CONTENT_DIR), help="thư mục nội dung (mặc định: content/)")
    parser.add_argument("--config", default=str(_bootstrap.ROOT / "mkdocs.yml"),
                        help="mkdocs.yml, để biết đường dẫn gốc của cổng (site_url)")
    parser.add_argument("--report", action="store_true", help="báo cáo bài và đơn vị được xem nhiều nhất")
    parser.add_argument("--month", help="tháng của báo cáo, dạng YYYY-MM (mặc định: tháng này)")
    parser.add_argument("--top", type=int, default=20, help="số bài trong báo cáo (mặc định: 20)")
    return parser


@contextmanager
def _locked(content_dir: Path):
    """One counter at a time: two runs at once would both add the same lines."""
    lock_path = content_dir / "_portal" / ".views.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError("một lần đếm khác đang chạy; hãy chờ nó xong rồi chạy lại.") from None
        yield


def _count(args: argparse.Namespace) -> int:
    if not args.logs:
        raise UsageError("hãy chỉ ra ít nhất một tệp nhật ký, ví dụ /var/log/nginx/access.log*.")
    content_dir = _content_dir(args.content)
    missing = [log for log in args.logs if not Path(log).is_file()]
    if missing:
        raise UsageError(f"không tìm thấy tệp nhật ký {', '.join(missing)}.")
    with _locked(content_dir):
        data = load_view_data(content_dir)
        counter = ViewCounter(ArticlePaths(_base_path(Path(args.config))), data.logs,
                              now_in_vietnam().date().isoformat())
        counter.read([Path(log) for log in args.logs])
        data.add(counter.days)
        save_view_data(content_dir, data)
    summary = counter.summary
    print(f"Đã đọc {summary.files} tệp nhật ký, {format_count(summary.lines)} dòng mới: "
          f"{format_count(summary.views)} lượt xem được tính; "
          f"{format_count(summary.malformed)} dòng hỏng bị bỏ qua"
          + (f"; {summary.unfinished} dòng cuối chưa ghi xong (sẽ đọc lần sau)" if summary.unfinished else "")
          + f". Lưu vào {_bootstrap.shown_path(content_dir / VIEWS_PATH)}.")
    for message in summary.skipped_files:
        print(f"Cảnh báo: {message}", file=sys.stderr)
    unreadable = [m for m in summary.skipped_files if "tệp rỗng" not in m]
    return 1 if unreadable else 0


def _report(args: argparse.Namespace) -> int:
    content_dir = _content_dir(args.content)
    first, last = _month(args.month)
    if args.top < 1:
        raise UsageError("--top phải là số nguyên dương.")
    totals = load_view_data(content_dir).totals(first.isoformat(), last.isoformat())
    articles = {article.slug: article for article in check_content(content_dir).corpus.articles}
    print(f"Lượt xem từ {first:%d/%m/%Y} đến {last:%d/%m/%Y} (đếm từ nhật ký truy cập; "
          f"không gồm lượt xem nhập từ cổng cũ): tổng {format_count(sum(totals.values()))}.")
    print("\nBài được xem nhiều nhất:")
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[: args.top]
    for place, (slug, number) in enumerate(ranked, start=1):
        article = articles.get(slug)
        title = f"{article.title} ({article.unit.name})" if article else f"{slug} (bài không còn trên cổng)"
        print(f"{place:>3}. {format_count(number):>8}  {title}")
    if not ranked:
        print("  (chưa có lượt xem nào trong tháng này)")
    units: Counter = Counter()
    names: dict[str, str] = {}
    for slug, number in totals.items():
        article = articles.get(slug)
        if article is not None:
            units[article.unit.id] += number
            names[article.unit.id] = article.unit.name
    print("\nTheo đơn vị:")
    for unit_id, number in sorted(units.items(), key=lambda item: (-item[1], item[0])):
        print(f"     {format_count(number):>8}  {names[unit_id]}")
    if not units:
        print("  (không có)")
    return 0


def _content_dir(text: str) -> Path:
    content_dir = Path(text)
    if not content_dir.is_dir():
        raise UsageError(f"không tìm thấy thư mục nội dung {content_dir}.")
    return content_dir


def _month(text: str | None) -> tuple[date, date]:
    if text is None:
        today = now_in_vietnam().date()
        return today.replace(day=1), today
    try:
        year, month = (int(part) for part in text.split("-"))
        first = date(year, month, 1)
    except ValueError:
        raise UsageError(f"--month “{text}” không hợp lệ: dùng dạng YYYY-MM, ví dụ 2026-03.") from None
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def _base_path(config: Path) -> str:
    """The path part of site_url: a portal served under /phuong/ logs /phuong/bai-viet/…"""
    try:
        site_url = (yaml.load(config.read_text(encoding="utf-8"), Loader=_IgnoringLoader) or {}).get("site_url")
    except FileNotFoundError:
        return "/"
    except (OSError, yaml.YAMLError) as exc:
        raise UsageError(f"không đọc được {config}: {exc}.") from None
    return urlparse(site_url or "/").path or "/"


class _IgnoringLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !ENV or !!python/name: only site_url matters here."""


_IgnoringLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_IgnoringLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


if __name__ == "__main__":
    _bootstrap.run(main)
