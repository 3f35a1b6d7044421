"""The registry of categories and units that editors keep in content/_portal/registry.yml."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from wardportal.frontmatter_io import issue_problems, read_data_file
from wardportal.problems import ContentError, Problem
from wardportal.vntext import fold_diacritics, sort_key, tone_key
from wardportal.yamlfile import is_text_value

REGISTRY_PATH = Path("_portal") / "registry.yml"  # relative to the content folder
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_KINDS = {"categories": "chuyên mục", "units": "đơn vị"}


@dataclass(frozen=True, order=True)
class YearMonth:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> "YearMonth":
        match = _MONTH_RE.match(str(text).strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(f"tháng không hợp lệ `{text}`: dùng dạng YYYY-MM, ví dụ 2024-03")
        return cls(int(match.group(1)), int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def next(self) -> "YearMonth":
        return YearMonth(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> "YearMonth":
        return YearMonth(self.year - (self.month == 1), (self.month - 2) % 12 + 1)


@dataclass(frozen=True)
class Entry:
    """A category or a unit. Compared by id; `name` is what readers see."""

    kind: str  # "category" or "unit"
    id: str
    name: str
    description: str = ""
    order: int | None = None
    aliases: tuple[str, ...] = ()
    start: YearMonth | None = None
    end: YearMonth | None = None

    def exists_in(self, month: YearMonth) -> bool:
        """Whether the unit exists in that month (categories always do)."""
        return (self.start is None or self.start <= month) and (self.end is None or month <= self.end)

    @property
    def menu_key(self) -> tuple:
        return (self.order if self.order is not None else 10**6, sort_key(self.name))


@dataclass
class Registry:
    categories: list[Entry] = field(default_factory=list)
    units: list[Entry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.categories.sort(key=lambda e: e.menu_key)
        self.units.sort(key=lambda e: e.menu_key)
        self._lookup = {kind: _lookup_table(entries) for kind, entries in
                        (("category", self.categories), ("unit", self.units))}
        self._by_id = {(e.kind, e.id): e for e in self.categories + self.units}

    def category(self, value: str) -> Entry | None:
        """The category an article's `category` value names (id, name or alias)."""
        return self._lookup["category"].get(tone_key(str(value)))

    def unit(self, value: str) -> Entry | None:
        return self._lookup["unit"].get(tone_key(str(value)))

    def unit_by_id(self, entry_id: str) -> Entry:
        return self._by_id[("unit", entry_id)]

    def suggest(self, kind: str, value: str, limit: int = 3) -> list[str]:
        """Closest registered names to an unknown value, for the error message."""
        entries = self.categories if kind == "category" else self.units
        folded = {fold_diacritics(tone_key(candidate)): entry.name
                  for entry in entries for candidate in (entry.name, entry.id, *entry.aliases)}
        matches = difflib.get_close_matches(fold_diacritics(tone_key(value)), folded, n=limit * 3, cutoff=0.4)
        names: list[str] = []
        for match in matches:
            if folded[match] not in names:
                names.append(folded[match])
        return names[:limit] or [entry.name for entry in entries[:limit]]


def _lookup_table(entries: list[Entry]) -> dict[str, Entry]:
    table: dict[str, Entry] = {}
    for entry in entries:
        for candidate in (entry.id, entry.name, *entry.aliases):
            table.setdefault(tone_key(candidate), entry)
    return table


def load_registry(content_dir: Path) -> tuple[Registry, list[Problem]]:
    """Read the registry; problems name the file and line. A bad entry is skipped."""
    path = content_dir / REGISTRY_PATH
    shown = REGISTRY_PATH.as_posix()
    if not path.exists():
        return Registry(), [Problem(shown, "không tìm thấy tệp danh mục chuyên mục và đơn vị. "
                                           "Hãy tạo tệp này theo hướng dẫn trong README.")]
    try:
        document = read_data_file(path, shown)
    except ContentError as exc:
        return Registry(), [exc.problem]
    problems: list[Problem] = issue_problems(document, shown)
    lists: dict[str, list[Entry]] = {}
    for key, kind in (("categories", "category"), ("units", "unit")):
        raw_items = document.data.get(key)
        if not isinstance(raw_items, list) or not raw_items:
            problems.append(Problem(shown, f"thiếu danh sách `{key}:` ({_KINDS[key]}).",
                                    line=document.line_of(key)))
            lists[key] = []
            continue
        lines = document.item_lines.get(key, [])
        lists[key] = _read_entries(kind, raw_items, lines, shown, problems)
    return Registry(lists["categories"], lists["units"]), problems


def _read_entries(kind: str, raw_items: list, lines: list[int], shown: str,
                  problems: list[Problem]) -> list[Entry]:
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    claimed: dict[str, str] = {}
    for position, raw in enumerate(raw_items):
        line = lines[position] if position < len(lines) else None
        try:
            entry = _read_entry(kind, raw)
        except ValueError as exc:
            problems.append(Problem(shown, str(exc), line=line))
            continue
        if entry.id in seen:
            problems.append(Problem(shown, f"mã `{entry.id}` bị trùng (đã có ở dòng {seen[entry.id]}).", line=line))
            continue
        clash = next((claimed[tone_key(c)] for c in (entry.id, entry.name, *entry.aliases)
                      if claimed.get(tone_key(c), entry.id) != entry.id), None)
        if clash:
            problems.append(Problem(shown, f"tên hoặc tên khác của `{entry.id}` trùng với `{clash}`: "
                                           "mỗi tên chỉ được chỉ một mục.", line=line))
            continue
        for candidate in (entry.id, entry.name, *entry.aliases):
            claimed[tone_key(candidate)] = entry.id
        seen[entry.id] = line or 0
        entries.append(entry)
    return entries


def _read_entry(kind: str, raw: object) -> Entry:
    if not isinstance(raw, dict):
        raise ValueError("mỗi mục phải có dạng `- id: ...` và `name: ...`.")
    for key in ("id", "name", "description", "start", "end"):
        if not is_text_value(raw.get(key)):
            raise ValueError(f"`{key}` của mục `{raw.get('id')}` phải là một đoạn chữ, không phải danh sách "
                             "hay cặp khóa–giá trị.")
    entry_id = str(raw.get("id") or "").strip()
    name = str(raw.get("name") or "").strip()
    if not _ID_RE.match(entry_id):
        raise ValueError(f"mã (id) `{entry_id}` không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu `-`, "
                         "ví dụ `tin-hoat-dong`.")
    if not name:
        raise ValueError(f"mục `{entry_id}` thiếu tên hiển thị `name`.")
    aliases = raw.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(is_text_value(alias) for alias in aliases):
        raise ValueError(f"`aliases` của `{entry_id}` phải là danh sách tên, ví dụ `aliases: [Đảng uỷ]`.")
    order = raw.get("order")
    if order is not None and (isinstance(order, bool) or not isinstance(order, int)):
        raise ValueError(f"`order` của `{entry_id}` phải là số nguyên.")
    start = YearMonth.parse(raw["start"]) if raw.get("start") else None
    end = YearMonth.parse(raw["end"]) if raw.get("end") else None
    if kind == "category" and (start or end):
        raise ValueError(f"chuyên mục `{entry_id}` không dùng `start`/`end` (chỉ dành cho đơn vị).")
    if start and end and end < start:
        raise ValueError(f"đơn vị `{entry_id}`: tháng kết thúc {end} trước tháng bắt đầu {start}.")
    return Entry(kind, entry_id, name, str(raw.get("description") or "").strip(), order,
                 tuple(str(a).strip() for a in aliases if str(a).strip()), start, end)

