#!/usr/bin/env python3
"""List image problems of every article before publishing; exit 1 when there are any.

    python scripts/images.py [--content content] [--max-mb 10] [--max-mp 50]

Missing, corrupt, unsupported or oversized images, pictures taken from other sites. It
prepares the images the way the build does, so the next build reuses the work.
"""

from __future__ import annotations

import os
import sys

import _bootstrap
from wardportal.images.audit import ADVISED_MAX_BYTES, ADVISED_MAX_PIXELS, audit_images
from wardportal.images.settings import ImageSettingsError, read_image_settings
from wardportal.yamlfile import YamlSyntaxError, load_mapping


def main(argv: list[str] | None = None) -> int:
    parser = _bootstrap.ArgumentParser(description="Kiểm tra ảnh của các bài viết trước khi đăng.")
    parser.add_argument("--content", default=str(_bootstrap.CONTENT_DIR), help="thư mục nội dung (mặc định: content/)")
    parser.add_argument("--max-mb", type=float, default=ADVISED_MAX_BYTES / 1e6,
                        help="dung lượng tối đa nên có của một ảnh, MB (mặc định: %(default)s)")
    parser.add_argument("--max-mp", type=float, default=ADVISED_MAX_PIXELS / 1e6,
                        help="số điểm ảnh tối đa nên có, triệu điểm ảnh (mặc định: %(default)s)")
    args = parser.parse_args(argv)
    content_dir = _bootstrap.Path(args.content)
    if not content_dir.is_dir():
        print(f"Lỗi: không tìm thấy thư mục nội dung {content_dir}.", file=sys.stderr)
        return 2
    if args.max_mb <= 0 or args.max_mp <= 0:
        print("Lỗi: --max-mb và --max-mp phải là số dương.", file=sys.stderr)
        return 2
    try:
        settings = read_image_settings(_configured_images(), os.environ, _bootstrap.ROOT)
    except ImageSettingsError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    audit = audit_images(content_dir, settings, max_bytes=int(args.max_mb * 1e6), max_pixels=int(args.max_mp * 1e6))
    for problem in audit.problems:
        print(problem.located_in(_bootstrap.shown_path(content_dir)))
    for path in audit.unused:
        print(f"(ghi chú) {_bootstrap.shown_path(content_dir)}/{path}: không bài viết nào dùng ảnh này.")
    if audit.problems:
        print(f"\n{len(audit.problems)} vấn đề về ảnh; đã kiểm tra {audit.checked} tệp ảnh. "
              "Hãy sửa các mục trên rồi kiểm tra lại.", file=sys.stderr)
        return 1
    print(f"Tất cả {audit.checked} ảnh đều dùng được.")
    return 0


def _configured_images() -> dict | None:
    """extra.ward.images of the project's mkdocs.yml (cache folder, limits), when readable."""
    try:
        data = load_mapping((_bootstrap.ROOT / "mkdocs.yml").read_text(encoding="utf-8")).data
    except (OSError, YamlSyntaxError):  # a broken mkdocs.yml is the build's to report; use the defaults here
        return None
    return ((data.get("extra") or {}).get("ward") or {}).get("images")


if __name__ == "__main__":
    _bootstrap.run(main)
