"""What the staff-report scripts (quota.py, royalties.py) share: the period options, `--as-of`,
and writing the report (`--format`, `--output`, `--force`), so both read and write alike."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import _bootstrap
from wardportal.dates import DateFormatError, now_in_vietnam, parse_as_of
from wardportal.frontmatter_io import write_new_file
from wardportal.quota.periods import YEARS
from wardportal.quota.ranges import Span, parse_span
from wardportal.registry import YearMonth


class UsageError(Exception):
    """Bad arguments or unusable input: printed, exit 2."""


def report_main(parser: argparse.ArgumentParser, run, argv: list[str] | None) -> int:
    """Parse, run, and turn a UsageError into its one Vietnamese line and exit 2."""
    args = parser.parse_args(argv)
    try:
        return run(args)
    except UsageError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2


def add_period_options(parser: argparse.ArgumentParser, month_help: str) -> None:
    """--month (its help says what is counted), --from/--to, --quarter, --year."""
    parser.add_argument("--month", help=month_help)
    parser.add_argument("--from", dest="first", help="tổng nhiều kỳ: từ tháng YYYY-MM (kèm --to)")
    parser.add_argument("--to", dest="last", help="tổng nhiều kỳ: đến tháng YYYY-MM (mặc định: kỳ hiện tại)")
    parser.add_argument("--quarter", help="tổng một quý, dạng YYYY-Qn, ví dụ 2026-Q3")
    parser.add_argument("--year", help="tổng một năm, dạng YYYY")


def add_output_options(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument("--format", choices=formats, default="table", help="định dạng (mặc định: table)")
    parser.add_argument("--output", help="ghi ra tệp thay vì màn hình (bắt buộc với xlsx)")
    parser.add_argument("--force", action="store_true", help="cho phép ghi đè tệp --output đã có")


def add_source_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", help="coi ngày này (YYYY-MM-DD) là hôm nay, để báo cáo lặp lại được")
    parser.add_argument("--content", default=str(_bootstrap.CONTENT_DIR), help="thư mục nội dung (mặc định: content/)")


def content_dir_of(args: argparse.Namespace) -> Path:
    content_dir = Path(args.content)
    if not content_dir.is_dir():
        raise UsageError(f"không tìm thấy thư mục nội dung {content_dir}.")
    return content_dir


def now_of(args: argparse.Namespace):
    """`--as-of` (or WARD_AS_OF, as builds read it), else now in Vietnam."""
    return as_of(args.as_of or os.environ.get("WARD_AS_OF"))


def as_of(text: str | None):
    if not text:
        return now_in_vietnam()
    try:
        moment = parse_as_of(text)
    except (DateFormatError, ValueError):
        raise UsageError(f"--as-of `{text}` không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 2026-03-31.") from None
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise UsageError(f"--as-of `{text}`: năm phải trong khoảng {YEARS[0]}–{YEARS[1]}.")
    return moment


def month_of(text: str) -> YearMonth:
    try:
        month = YearMonth.parse(text)
    except ValueError as exc:
        raise UsageError(f"--month: {exc}.") from None
    if not YEARS[0] <= month.year <= YEARS[1]:
        raise UsageError(f"--month `{text}`: năm phải trong khoảng {YEARS[0]}–{YEARS[1]}.")
    return month


def has_range(args: argparse.Namespace) -> bool:
    return bool(args.first or args.last or args.quarter or args.year)


def span_of(args: argparse.Namespace, start_day: int, current: YearMonth) -> Span:
    """The span the period options name; the current period when none is given."""
    if args.month:
        month_of(args.month)  # the same year bounds as a single-period report
    try:
        span = parse_span(month=args.month, first=args.first, last=args.last, quarter=args.quarter,
                          year=args.year, start_day=start_day, current=current)
        return span or parse_span(month=str(current), start_day=start_day)
    except ValueError as exc:
        raise UsageError(f"{exc}.") from None


def emit(args: argparse.Namespace, data: bytes) -> None:
    """To --output (never over an existing file without --force), else to stdout."""
    if args.output:
        write_output(Path(args.output), data, args.force)
        print(f"Đã ghi {args.output}.", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def require_output_for_xlsx(args: argparse.Namespace) -> None:
    if args.format == "xlsx" and not args.output:
        raise UsageError("định dạng xlsx cần --output TỆP.xlsx.")


def write_output(path: Path, data: bytes, force: bool) -> None:
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
