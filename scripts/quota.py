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
import sys

import _bootstrap
from _report_cli import (UsageError, add_output_options, add_period_options, add_source_options, content_dir_of,
                         emit, has_range, month_of, now_of, report_main, require_output_for_xlsx, span_of)
from wardportal.checking import check_content
from wardportal.quota.export import FORMATS, render
from wardportal.quota.ranges import range_report
from wardportal.quota.tally import QuotaTally
from wardportal.quota.targets import load_targets


def main(argv: list[str] | None = None) -> int:
    return report_main(_parser(), _run, argv)


def _parser() -> argparse.ArgumentParser:
    parser = _bootstrap.ArgumentParser(description="Thống kê số bài đã đăng so với chỉ tiêu của một kỳ.")
    add_period_options(parser, "kỳ cần thống kê, dạng YYYY-MM (mặc định: kỳ hiện tại)")
    parser.add_argument("--unit", help="chỉ một đơn vị (mã, tên hoặc tên khác)")
    parser.add_argument("--category", help="chỉ một chuyên mục (mã, tên hoặc tên khác)")
    add_output_options(parser, FORMATS)
    parser.add_argument("--fail-under", action="store_true", help="thoát với mã 1 nếu có đơn vị chưa đạt")
    add_source_options(parser)
    return parser


def _run(args: argparse.Namespace) -> int:
    content_dir = content_dir_of(args)
    now = now_of(args)
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
    require_output_for_xlsx(args)
    emit(args, render(report, rows, args.format))
    behind = any(row.status == "behind" for row in rows)
    return 1 if args.fail_under and behind else 0


def _report(args: argparse.Namespace, tally: QuotaTally):
    """One period (--month, default the current one) or the sum of a range of periods."""
    if not has_range(args):
        return tally.report(month_of(args.month) if args.month else tally.current_month)
    return range_report(tally, span_of(args, tally.start_day, tally.current_month))


if __name__ == "__main__":
    _bootstrap.run(main)
