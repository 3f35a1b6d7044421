"""Reading the board's effective-dated data files (targets.yml, royalties.yml) alike.

Both are a few top-level keys holding lists of items, each item valid `from: YYYY-MM`. A bad
item is reported at its field's own line and skipped; the rest of the file still applies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from wardportal.frontmatter_io import issue_problems, read_data_file
from wardportal.problems import ContentError, Problem
from wardportal.registry import YearMonth
from wardportal.yamlfile import YamlDocument


class FieldError(ValueError):
    """A bad value of one field of an item; `field` names it (for its line)."""

    def __init__(self, message: str, field_name: str) -> None:
        super().__init__(message)
        self.field = field_name


def open_data_file(path: Path, shown: str, top_keys: tuple[str, ...]) -> tuple[YamlDocument | None, list[Problem]]:
    """The document (None when the file is missing or unusable) and what is wrong at its top:
    duplicate keys, control characters, unknown top-level keys."""
    if not path.exists():
        return None, []
    try:
        document = read_data_file(path, shown)
    except ContentError as exc:
        return None, [exc.problem]
    problems = issue_problems(document, shown)
    for key in document.data:
        if key not in top_keys:
            problems.append(Problem(shown, f"khóa `{key}` không được hỗ trợ; các khóa hợp lệ: "
                                           f"{', '.join(top_keys)}.", line=document.line_of(key)))
    return document, problems


def read_items(document: YamlDocument, key: str, shown: str, reader: Callable[[Any, int | None], Any],
               problems: list[Problem]) -> list[tuple[Any, int | None]]:
    """`reader(raw, line)` of each item of the list `key`, with the item's line. A FieldError
    is reported at that field's line, any other ValueError at the item's first line."""
    raw_items = document.data.get(key) or []
    if not isinstance(raw_items, list):
        problems.append(Problem(shown, f"`{key}:` phải là danh sách, mỗi mục bắt đầu bằng `- `.",
                                line=document.line_of(key)))
        return []
    lines = document.item_lines.get(key, [])
    read = []
    for position, raw in enumerate(raw_items):
        line = lines[position] if position < len(lines) else None
        try:
            read.append((reader(raw, line), line))
        except FieldError as exc:
            problems.append(Problem(shown, str(exc), line=document.field_line(key, position, exc.field) or line,
                                    field=exc.field))
        except ValueError as exc:
            problems.append(Problem(shown, str(exc), line=line))
    return read


def refuse_unknown_fields(raw: dict, allowed: tuple[str, ...], key: str) -> None:
    unknown = [name for name in raw if name not in allowed]
    if unknown:
        raise FieldError(f"trường `{unknown[0]}` không được hỗ trợ ở `{key}`; dùng: {', '.join(allowed)}.",
                         str(unknown[0]))


def month_field(raw: dict, name: str) -> YearMonth:
    try:
        return YearMonth.parse(raw[name])
    except ValueError as exc:
        raise FieldError(str(exc), name) from None


def start_month(raw: dict, example: str) -> YearMonth:
    """The item's `from:` month, which every effective-dated item must have."""
    if not raw.get("from"):
        raise ValueError(f"thiếu tháng bắt đầu áp dụng `from: YYYY-MM`, ví dụ `from: {example}`.")
    return month_field(raw, "from")
