#!/usr/bin/env python3
"""Create a new article file with correct front matter (never overwrites).

    python scripts/new.py "Tiêu đề bài viết" --unit dang-uy --category tin-hoat-dong
"""

from __future__ import annotations

import sys

import _bootstrap
from wardportal.checking import check_content
from wardportal.dates import DateFormatError, now_in_vietnam, parse_published
from wardportal.scaffold import ScaffoldError, create_article, plan_new_article


def main(argv: list[str] | None = None) -> int:
    parser = _bootstrap.ArgumentParser(description="Tạo bài viết mới với phần thông tin đúng mẫu.")
    parser.add_argument("title", help="tiêu đề bài viết")
    parser.add_argument("--unit", required=True, help="đơn vị: mã, tên hoặc tên khác trong danh mục")
    parser.add_argument("--category", required=True, help="chuyên mục: mã, tên hoặc tên khác trong danh mục")
    parser.add_argument("--date", help="ngày giờ đăng, ví dụ \"2026-04-22 16:48\" (mặc định: bây giờ, giờ Việt Nam)")
    parser.add_argument("--slug", help="đường dẫn riêng (chữ thường không dấu, dấu -)")
    parser.add_argument("--publish", action="store_true", help="đăng ngay (mặc định bài mới là bản nháp: draft: true)")
    parser.add_argument("--content", default=str(_bootstrap.CONTENT_DIR), help="thư mục nội dung")
    args = parser.parse_args(argv)
    content_dir = _bootstrap.Path(args.content)
    try:
        moment = parse_published(args.date).moment if args.date else now_in_vietnam()
    except DateFormatError as exc:
        print(f"Lỗi: --date: {exc}.", file=sys.stderr)
        return 2
    checked = check_content(content_dir)
    if not checked.registry.units or not checked.registry.categories:
        for problem in checked.problems:
            print(f"Lỗi: {problem.located_in(_bootstrap.shown_path(content_dir))}", file=sys.stderr)
        return 2
    try:
        new = plan_new_article(content_dir, checked.registry, checked.corpus, title=args.title, unit=args.unit,
                               category=args.category, moment=moment, slug=args.slug, draft=not args.publish)
        create_article(new)
    except ScaffoldError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    print(f"Đã tạo {_bootstrap.shown_path(new.path)}")
    if not args.publish:
        print("Bài đang là bản nháp (draft: true): xóa dòng này khi bài sẵn sàng đăng.")
    return 0


if __name__ == "__main__":
    _bootstrap.run(main)
