#!/usr/bin/env python3
"""The royalty statement (bảng kê nhuận bút) of a period or a range, for accounting. Internal:
nothing of it is ever published on the portal.

    python scripts/royalties.py --month 2026-03 | --quarter 2026-Q1 | --year 2026 | --from 2026-01 --to 2026-09
        [--unit ID] [--author NAME] [--format table|csv|json|xlsx|html] [--output FILE [--force]]
        [--as-of YYYY-MM-DD] [--content DIR]

Exit codes: 0 ok; 2 on any error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import _bootstrap
from quota import UsageError, _as_of, _write_output
from wardportal.checking import check_content
from wardportal.quota.ranges import parse_span
from wardportal.quota.targets import load_targets
from wardportal.quota.periods import period_month_of
from wardportal.royalties.export import FORMATS, render
from wardportal.royalties.rules import SHOWN, load_rules
from wardportal.royalties.statement import article_problems, build_statement
from wardportal.vntext import tone_key


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except UsageError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = _bootstrap.ArgumentParser(description="Bảng kê nhuận bút theo tác giả và loại bài (nội bộ).")
    parser.add_argument("--month", help="một kỳ, dạng YYYY-MM (mặc định: kỳ hiện tại)")
    parser.add_argument("--from", dest="first", help="nhiều kỳ: từ tháng YYYY-MM")
    parser.add_argument("--to", dest="last", help="nhiều kỳ: đến tháng YYYY-MM (mặc định: kỳ hiện tại)")
    parser.add_argument("--quarter", help="một quý, dạng YYYY-Qn, ví dụ 2026-Q3")
    parser.add_argument("--year", help="một năm, dạng YYYY")
    parser.add_argument("--unit", help="chỉ một đơn vị (mã, tên hoặc tên khác)")
    parser.add_argument("--author", help="chỉ một tác giả (họ tên)")
    parser.add_argument("--format", choices=FORMATS, default="table", help="định dạng (mặc định: table)")
    parser.add_argument("--output", help="ghi ra tệp thay vì màn hình (bắt buộc với xlsx)")
    parser.add_argument("--force", action="store_true", help="cho phép ghi đè tệp --output đã có")
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
    rules, problems = load_rules(content_dir)
    if problems:
        for problem in problems:
            print(problem.located_in(shown), file=sys.stderr)
        raise UsageError("tệp nhuận bút có lỗi; hãy sửa các dòng trên rồi chạy lại.")
    if not rules.types:
        raise UsageError(f"chưa có loại bài (`types:`) trong {shown}/{SHOWN}: xem README, mục Staff reports.")
    for problem in result.problems + article_problems(result.corpus.articles, rules):
        print(f"Cảnh báo: {problem.located_in(shown)}", file=sys.stderr)  # left out, as in a plain build
    targets, _ = load_targets(content_dir, result.registry)  # only its period_start_day matters here
    start_day = targets.period_start_day
    try:
        span = parse_span(month=args.month, first=args.first, last=args.last, quarter=args.quarter, year=args.year,
                          start_day=start_day, current=period_month_of(now.date(), start_day))
        if span is None:
            current = period_month_of(now.date(), start_day)
            span = parse_span(month=str(current), start_day=start_day)
        statement = build_statement(result.corpus.articles, result.registry, rules, span, now, start_day)
    except ValueError as exc:
        raise UsageError(f"{exc}.") from None
    units = list(result.registry.units)
    if args.unit:
        unit = result.registry.unit(args.unit)
        if unit is None:
            raise UsageError(f"đơn vị “{args.unit}” không có trong danh mục. Có phải là: "
                             f"{', '.join(result.registry.suggest('unit', args.unit))}?")
        statement.authors = [entry for entry in statement.authors if entry.unit.id == unit.id]
    if args.author:
        wanted = tone_key(args.author)
        statement.authors = [entry for entry in statement.authors if tone_key(entry.name) == wanted]
        if not statement.authors:
            raise UsageError(f"không có bài nào của tác giả “{args.author}” được tính trong kỳ {span.title}.")
    if args.format == "xlsx" and not args.output:
        raise UsageError("định dạng xlsx cần --output TỆP.xlsx.")
    data = render(statement, units, args.format, now.date())
    if args.output:
        _write_output(Path(args.output), data, args.force)
        print(f"Đã ghi {args.output}.", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    _bootstrap.run(main)
