#!/usr/bin/env python3
"""Import articles saved as plain text from old portals (layouts A, B, C) as portal articles.

    python3 scripts/import_legacy.py PATH... [--unit ID] [--category ID] [--out DIR]
                                     [--dry-run] [--force] [--format text|json]

Exit 0 when no input failed, 1 when some did, 2 on a usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import _bootstrap
from tqdm import tqdm

from wardportal import urls
from wardportal.legacy.importer import ExistingArticles, ImportOptions, ImportResult, discover_inputs, import_file
from wardportal.registry import Registry, load_registry

PROGRESS_FROM = 6  # a progress bar from this many files on
_LABELS = {"imported": "Đã nhập", "review": "Cần xem lại", "failed": "Lỗi", "duplicate": "Bỏ qua (trùng)"}


def main(argv: list[str] | None = None) -> int:
    parser = _bootstrap.ArgumentParser(prog="import_legacy.py", description="Nhập bài viết cũ (tệp văn bản .txt chép từ cổng cũ).")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="tệp .txt hoặc thư mục (mọi tệp .txt bên trong)")
    parser.add_argument("--unit", help="đơn vị cho các tệp không ghi đơn vị (mã, tên hoặc tên khác)")
    parser.add_argument("--category", help="chuyên mục cho các tệp không ghi chuyên mục")
    parser.add_argument("--out", help="thư mục ghi bài (mặc định: content/bai-viet); bài nằm trong NĂM/THÁNG/")
    parser.add_argument("--content", default=str(_bootstrap.CONTENT_DIR),
                        help="thư mục nội dung có _portal/registry.yml (mặc định: content/)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ báo kết quả, không ghi tệp nào")
    parser.add_argument("--force", action="store_true", help="ghi đè bài đã có cùng tên hoặc đã nhập từ cùng tệp")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="dạng kết quả (mặc định: text)")
    args = parser.parse_args(argv)

    content_dir = Path(args.content)
    registry, registry_problems = load_registry(content_dir)
    for problem in registry_problems:
        print(f"Cảnh báo: {problem.located_in(_bootstrap.shown_path(content_dir))}", file=sys.stderr)
    if not registry.units or not registry.categories:
        print("Lỗi: không đọc được danh mục chuyên mục và đơn vị: hãy sửa các lỗi trên.", file=sys.stderr)
        return 2
    options = ImportOptions(registry, Path(args.out) if args.out else content_dir / urls.ARTICLES_DIR,
                            dry_run=args.dry_run, force=args.force)
    for kind, value in (("unit", args.unit), ("category", args.category)):
        if value is not None:
            entry = _registry_option(registry, kind, value)
            if entry is None:
                return 2
            setattr(options, kind, entry)

    inputs = discover_inputs([Path(p) for p in args.paths])
    existing = ExistingArticles.scan(options.out_dir)
    results: list[ImportResult] = []
    interrupted = False
    with tqdm(total=len(inputs), desc="Đang nhập", unit="tệp", file=sys.stderr,
              disable=len(inputs) < PROGRESS_FROM) as progress:
        try:
            for path in inputs:
                result = import_file(path, _bootstrap.shown_path(path), options, existing)
                results.append(result)
                if args.format == "text":
                    progress.write(_text_lines(result), file=sys.stdout)
                progress.update()
        except KeyboardInterrupt:  # each write is atomic: what was imported is complete
            interrupted = True
    summary = _summary(results, args.dry_run)
    if interrupted:
        summary += f" Đã dừng (Ctrl+C) sau {len(results)}/{len(inputs)} tệp; chạy lại lệnh để nhập tiếp."
    if args.format == "json":
        json.dump([_as_json(result) for result in results], sys.stdout, ensure_ascii=False, indent=2)
        print()
        print(summary, file=sys.stderr)
    else:
        print(summary)
    if interrupted:
        return 130
    return 1 if any(result.status == "failed" for result in results) else 0


def _registry_option(registry: Registry, kind: str, value: str):
    entry = registry.unit(value) if kind == "unit" else registry.category(value)
    if entry is None:
        label = "đơn vị" if kind == "unit" else "chuyên mục"
        print(f"Lỗi: --{kind}: {label} “{value}” không có trong danh mục. Có phải là: "
              f"{', '.join(registry.suggest(kind, value))}?", file=sys.stderr)
    return entry


def _shown_output(result: ImportResult) -> str | None:
    return _bootstrap.shown_path(result.output) if result.output else None


def _text_lines(result: ImportResult) -> str:
    label = _LABELS[result.status]
    if result.status == "failed":
        return "\n".join(f"{label}: {problem}" for problem in result.problems)
    if result.status == "duplicate":
        return f"{label}: {result.source} đã được nhập trước đó ({_shown_output(result)})"
    lines = [f"{label}: {result.source} → {_shown_output(result)}"]
    lines += [f"    {problem}" for problem in result.problems]
    return "\n".join(lines)


def _as_json(result: ImportResult) -> dict:
    return {"source": result.source, "status": result.status, "output": _shown_output(result),
            "fields": result.fields, "problems": [str(problem) for problem in result.problems]}


def _summary(results: list[ImportResult], dry_run: bool) -> str:
    counts = {status: sum(r.status == status for r in results) for status in _LABELS}
    text = (f"Tổng kết: {counts['imported']} đã nhập, {counts['review']} cần xem lại (bản nháp), "
            f"{counts['failed']} lỗi, {counts['duplicate']} bỏ qua vì trùng.")
    if dry_run:
        text += " Chạy thử (--dry-run): không tệp nào được ghi."
    return text


if __name__ == "__main__":
    _bootstrap.run(main)
