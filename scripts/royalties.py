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
import sys

import _bootstrap
from _report_cli import (UsageError, add_output_options, add_period_options, add_source_options, content_dir_of,
                         emit, now_of, report_main, require_output_for_xlsx, span_of)
from wardportal.checking import check_content
from wardportal.quota.periods import period_month_of
from wardportal.royalties.export import FORMATS, render
from wardportal.royalties.rules import SHOWN
from wardportal.royalties.statement import build_statement
from wardportal.vntext import tone_key


def main(argv: list[str] | None = None) -> int:
    return report_main(_parser(), _run, argv)


def _parser() -> argparse.ArgumentParser:
    parser = _bootstrap.ArgumentParser(description="Bảng kê nhuận bút theo tác giả và loại bài (nội bộ).")
    add_period_options(parser, "một kỳ, dạng YYYY-MM (mặc định: kỳ hiện tại)")
    parser.add_argument("--unit", help="chỉ một đơn vị (mã, tên hoặc tên khác)")
    parser.add_argument("--author", help="chỉ một tác giả (họ tên)")
    add_output_options(parser, FORMATS)
    add_source_options(parser)
    return parser


def _run(args: argparse.Namespace) -> int:
    content_dir = content_dir_of(args)
    now = now_of(args)
    result = check_content(content_dir)  # royalties.yml and the articles' type/points included
    shown = _bootstrap.shown_path(content_dir)
    rules, start_day = result.data.royalties, result.data.targets.period_start_day
    rule_problems = [problem for problem in result.data.problems if problem.path == SHOWN]
    if rule_problems:  # a statement from half-read rates would pay the wrong amounts
        for problem in rule_problems:
            print(problem.located_in(shown), file=sys.stderr)
        raise UsageError(f"{shown}/{SHOWN} có lỗi; hãy sửa các dòng trên rồi chạy lại.")
    if not rules.types:
        raise UsageError(f"chưa có loại bài (`types:`) trong {shown}/{SHOWN}: xem README, mục "
                         "Royalty statement (nhuận bút).")
    for problem in result.problems:  # faulty articles are left out, as in a plain build (and of the statement)
        print(f"Cảnh báo: {problem.located_in(shown)}", file=sys.stderr)
    span = span_of(args, start_day, period_month_of(now.date(), start_day))
    try:
        statement = build_statement(result.corpus.articles, rules, span, now, start_day)
    except ValueError as exc:
        raise UsageError(f"{exc}.") from None
    units = list(result.registry.units)
    if args.unit:
        unit = result.registry.unit(args.unit)
        if unit is None:
            raise UsageError(f"đơn vị “{args.unit}” không có trong danh mục. Có phải là: "
                             f"{', '.join(result.registry.suggest('unit', args.unit))}?")
        statement.authors = [entry for entry in statement.authors if entry.unit.id == unit.id]
        statement.uncredited = [article for article in statement.uncredited if article.unit.id == unit.id]
    if args.author:
        wanted = tone_key(args.author)
        statement.authors = [entry for entry in statement.authors if tone_key(entry.name) == wanted]
        if not statement.authors:
            raise UsageError(f"không có bài nào của tác giả “{args.author}” được tính trong kỳ {span.title}.")
    require_output_for_xlsx(args)
    emit(args, render(statement, units, args.format, now.date()))
    return 0


if __name__ == "__main__":
    _bootstrap.run(main)
