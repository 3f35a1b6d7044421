#!/usr/bin/env python3
"""Check every article and the registry without building; exit 1 when anything is wrong.

    python scripts/check.py [--content content]
"""

from __future__ import annotations

import sys

import _bootstrap
from wardportal.checking import check_content


def main(argv: list[str] | None = None) -> int:
    parser = _bootstrap.ArgumentParser(description="Kiểm tra bài viết và danh mục trước khi đăng.")
    parser.add_argument("--content", default=str(_bootstrap.CONTENT_DIR), help="thư mục nội dung (mặc định: content/)")
    args = parser.parse_args(argv)
    content_dir = _bootstrap.Path(args.content)
    if not content_dir.is_dir():
        print(f"Lỗi: không tìm thấy thư mục nội dung {content_dir}.", file=sys.stderr)
        return 2
    result = check_content(content_dir)
    problems = result.problems + result.check_only  # check-only rules: builds publish those articles
    for problem in problems:
        print(problem.located_in(_bootstrap.shown_path(content_dir)))
    count = len(result.corpus.articles)
    if problems:
        print(f"\n{len(problems)} lỗi; {count} bài viết hợp lệ. Hãy sửa các lỗi trên rồi kiểm tra lại.",
              file=sys.stderr)
        return 1
    print(f"Tất cả {count} bài viết hợp lệ.")
    return 0


if __name__ == "__main__":
    _bootstrap.run(main)
