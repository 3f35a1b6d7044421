#!/usr/bin/env python3
"""Monthly article-quota report for one counting period, from the same articles as the site.

    python scripts/quota.py --month 2026-03 | --quarter 2026-Q1 | --year 2026 | --from 2026-01 --to 2026-09
        [--unit ID] [--category ID]
        [--format table|csv|json|xlsx] [--output FILE [--force]] [--fail-under]
        [--as-of YYYY-MM-DD] [--content DIR]

Exit codes: 0 ok; 1 with --fail-under when some unit is behind; 2 on any error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import _bootstrap
from wardportal.checking import check_content
from wardportal.dates import DateFormatError, now_in_vietnam, parse_as_of
from wardportal.frontmatter_io import write_new_file
from wardportal.quota.export import FORMATS, render
from wardportal.quota.ranges import parse_span, range_report
from wardportal.quota.tally import QuotaTally
from wardportal.quota.targets import load_targets
from wardportal.registry import YearMonth


YEARS = (1900, 2999)  # the periods a report can name (and their neighbours) stay valid dates


class UsageError(Exception):
    """Bad arguments or unusable input: printed, exit 2."""


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except UsageError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = _bootstrap.ArgumentParser(description="Thống kê số bài đã đăng so với chỉ tiêu của một kỳ.")
    parser.add_argument("--month", help="kỳ cần thống kê, dạng YYYY-MM (mặc định: kỳ hiện tại)")
    parser.add_argument("--from", dest="first", help="tổng nhiều kỳ: từ tháng YYYY-MM (kèm --to)")
    parser.add_argument("--to", dest="last", help="tổng nhiều kỳ: đến tháng YYYY-MM (mặc định: kỳ hiện tại)")
    parser.add_argument("--quarter", help="tổng một quý, dạng YYYY-Qn, ví dụ 2026-Q3")
    parser.add_argument("--year", help="tổng một năm, dạng YYYY")
    parser.add_argument("--unit", help="chỉ một đơn vị (mã, tên hoặc tên khác)")
    parser.add_argument("--category", help="chỉ một chuyên mục (mã, tên hoặc tên khác)")
    parser.add_argument("--format", choices=FORMATS, default="table", help="định dạng (mặc định: table)")
    parser.add_argument("--output", help="ghi ra tệp thay vì màn hình (bắt buộc với xlsx)")
    parser.add_argument("--force", action="store_true", help="cho phép ghi đè tệp --output đã có")
    parser.add_argument("--fail-under", action="store_true", help="thoát với mã 1 nếu có đơn vị chưa đạt")
    parser.add_argument("--as-of", help="coi ngày này (YYYY-MM-DD) là hôm nay, để báo cáo lặp lại được")
    parser.add_argument("--content", default=str(_bootstrap.CONTENT_DIR), help="thư mục nội dung (mặc định: content/)")
    return parser


def _run(args: argparse.Namespace) -> int:
    content_dir = Path(args.content)
    if not content_dir.is_dir():
        raise UsageError(f"không tìm thấy thư mục nội dung {content_dir}.")
    now = _as_of(args.as_of or os.environ.get("WARD_AS_OF"))
    result = check_content(content_dir)
    shown = _bootstrap.shown_path(content_dir)
    for problem in result.problems:  # faulty articles are left out, as in a plain build
        print(f"Cảnh báo: {problem.located_in(shown)}", file=sys.stderr)
    targets, problems = load_targets(content_dir, result.registry)
    if problems:
        for problem in problems:
            print(problem.located_in(shown), file=sys.stderr)
        raise UsageError("tệp chỉ tiêu có lỗi; hãy sửa các dòng trên rồi chạy lại.")
    tally = QuotaTally(result.corpus.articles, result.registry, targets, now)
    report = _report(args, tally)
    rows = report.rows
    if args.unit:
        unit = result.registry.unit(args.unit)
        if unit is None:
            raise UsageError(f"đơn vị “{args.unit}” không có trong danh mục. Có phải là: "
                             f"{', '.join(result.registry.suggest('unit', args.unit))}?")
        if unit not in report.units:
            raise UsageError(f"đơn vị “{unit.name}” không hoạt động trong kỳ {report.period.title} "
                             "(xem start/end trong content/_portal/registry.yml).")
        rows = [row for row in rows if row.unit.id == unit.id]
    if args.category:
        category = result.registry.category(args.category)
        if category is None:
            raise UsageError(f"chuyên mục “{args.category}” không có trong danh mục. Có phải là: "
                             f"{', '.join(result.registry.suggest('category', args.category))}?")
        rows = [row for row in rows if row.category.id == category.id]
    if args.format == "xlsx" and not args.output:
        raise UsageError("định dạng xlsx cần --output TỆP.xlsx.")
    data = render(report, rows, args.format)
    if args.output:
        _write_output(Path(args.output), data, args.force)
        print(f"Đã ghi {args.output}.", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    behind = any(row.status == "behind" for row in rows)
    return 1 if args.fail_under and behind else 0


def _report(args: argparse.Namespace, tally: QuotaTally):
    """One period (--month, default the current one) or the sum of a range of periods."""
    if not (args.first or args.last or args.quarter or args.year):
        return tally.report(_month(args.month) if args.month else tally.current_month)
    try:
        span = parse_span(month=args.month, first=args.first, last=args.last, quarter=args.quarter,
                          year=args.year, start_day=tally.start_day, current=tally.current_month)
    except ValueError as exc:
        raise UsageError(f"{exc}.") from None
    return range_report(tally, span)


def _as_of(text: str | None):
    if not text:
        return now_in_vietnam()
    try:
        moment = parse_as_of(text)
    except (DateFormatError, ValueError):
        raise UsageError(f"--as-of `{text}` không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 2026-03-31.") from None
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise UsageError(f"--as-of `{text}`: năm phải trong khoảng {YEARS[0]}–{YEARS[1]}.")
    return moment


def _month(text: str) -> YearMonth:
    try:
        month = YearMonth.parse(text)
    except ValueError as exc:
        raise UsageError(f"--month: {exc}.") from None
    if not YEARS[0] <= month.year <= YEARS[1]:
        raise UsageError(f"--month `{text}`: năm phải trong khoảng {YEARS[0]}–{YEARS[1]}.")
    return month


def _write_output(path: Path, data: bytes, force: bool) -> None:
    """Atomic, and never replaces an existing file unless --force."""
    if path.is_dir():
        raise UsageError(f"{path} là một thư mục.")
    if not path.parent.exists():
        raise UsageError(f"không có thư mục {path.parent}.")
    try:
        write_new_file(path, data, overwrite=force)
    except FileExistsError:
        raise UsageError(f"tệp {path} đã tồn tại: không ghi đè. Chọn tên khác hoặc thêm --force.") from None
    except OSError as exc:
        raise UsageError(f"không ghi được {path}: {_bootstrap.os_reason(exc)}.") from None


if __name__ == "__main__":
    _bootstrap.run(main)
