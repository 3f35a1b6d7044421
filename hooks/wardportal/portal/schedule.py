"""The leaders' weekly work schedule (lịch công tác tuần): one data file per ISO week,
`content/_portal/lich/YYYY-Www.yml`, validated with named errors.

The week holding the build's "today" (WARD_AS_OF) is the current one; earlier weeks are
the archive, later ones are shown as upcoming.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from wardportal.frontmatter_io import read_data_file
from wardportal.problems import ContentError, Problem

SCHEDULE_DIR = "_portal/lich"
WEEK_RE = re.compile(r"^(\d{4})-[Ww](\d{2})$")  # the editor (Decap) writes file names in lower case
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
ITEM_FIELDS = ("day", "time", "content", "chair", "place", "attendees")
REQUIRED_ITEM_FIELDS = ("day", "time", "content", "chair", "place")
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


@dataclass(frozen=True)
class ScheduleItem:
    day: date
    time: str
    content: str
    chair: str
    place: str
    attendees: str = ""


@dataclass(frozen=True)
class ScheduleDay:
    day: date
    items: tuple[ScheduleItem, ...]

    @property
    def label(self) -> str:
        return f"{WEEKDAYS[self.day.weekday()]}, {self.day.strftime('%d/%m/%Y')}"


@dataclass(frozen=True)
class Week:
    year: int
    number: int
    items: tuple[ScheduleItem, ...]
    note: str = ""

    @property
    def id(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def url(self) -> str:
        return f"lich-cong-tac/{self.year}-w{self.number:02d}/"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def label(self) -> str:
        sunday = self.monday + timedelta(days=6)
        return f"Tuần {self.number} năm {self.year} (từ {self.monday:%d/%m} đến {sunday:%d/%m/%Y})"

    def days(self) -> list[ScheduleDay]:
        """Days with items, Monday first; items of a day by time."""
        by_day: dict[date, list[ScheduleItem]] = {}
        for item in sorted(self.items, key=lambda i: (i.day, i.time)):
            by_day.setdefault(item.day, []).append(item)
        return [ScheduleDay(day, tuple(items)) for day, items in by_day.items()]


@dataclass
class Schedule:
    weeks: list[Week] = field(default_factory=list)  # newest first
    problems: list[Problem] = field(default_factory=list)

    def split(self, today: date) -> tuple[Week | None, list[Week], list[Week]]:
        """(the current week, upcoming weeks, past weeks newest first) as of `today`."""
        year, number, _ = today.isocalendar()
        current = next((w for w in self.weeks if (w.year, w.number) == (year, number)), None)
        upcoming = sorted((w for w in self.weeks if (w.year, w.number) > (year, number)), key=lambda w: w.monday)
        past = [w for w in self.weeks if (w.year, w.number) < (year, number)]
        return current, upcoming, past


def load_schedule(content_dir: Path) -> Schedule:
    """Every week file; a bad file or line is named and skipped, the rest is kept."""
    schedule = Schedule()
    folder = content_dir / SCHEDULE_DIR
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        shown = f"{SCHEDULE_DIR}/{path.name}"
        match = WEEK_RE.match(path.stem)
        if not match or not 1 <= int(match[2]) <= date(int(match[1]), 12, 28).isocalendar()[1]:
            schedule.problems.append(Problem(shown, "tên tệp lịch phải là năm và số tuần ISO, vd. 2026-W49.yml.", line=1))
            continue
        try:
            doc = read_data_file(path, shown)
        except ContentError as exc:
            schedule.problems.append(exc.problem)
            continue
        week, problems = _week(int(match[1]), int(match[2]), doc, shown)
        schedule.problems += problems
        if week.id in seen:
            schedule.problems.append(Problem(shown, f"tuần {week.id} đã có trong {seen[week.id]}: gộp hai tệp.", line=1))
            continue
        seen[week.id] = shown
        schedule.weeks.append(week)
    schedule.weeks.sort(key=lambda w: w.monday, reverse=True)
    return schedule


def _week(year: int, number: int, doc, shown: str) -> tuple[Week, list[Problem]]:
    problems: list[Problem] = []
    raw_items = doc.data.get("items")
    lines = doc.item_lines.get("items", [])
    if not isinstance(raw_items, list):
        problems.append(Problem(shown, "cần danh sách `items:` (mỗi mục: day, time, content, chair, place, attendees).",
                                line=doc.line_of("items", 1)))
        raw_items = []
    week_id = f"{year}-W{number:02d}"
    written = doc.data.get("week")  # the editor's name for the file; optional when written by hand
    if written not in (None, "") and str(written).strip().upper() != week_id:
        problems.append(Problem(shown, f"`week: {written}` khác tuần của tên tệp ({week_id}): sửa cho khớp.",
                                line=doc.line_of("week", 1)))
    monday = date.fromisocalendar(year, number, 1)
    items = []
    for position, raw in enumerate(raw_items):
        line = lines[position] if position < len(lines) else None
        item, message = _item(raw, monday)
        if message:
            problems.append(Problem(shown, f"mục lịch thứ {position + 1}: {message}", line=line))
        else:
            items.append(item)
    return Week(year, number, tuple(items), str(doc.data.get("note") or "").strip()), problems


def _item(raw: object, monday: date) -> tuple[ScheduleItem | None, str]:
    if not isinstance(raw, dict):
        return None, "phải là các cặp `khóa: giá trị` (day, time, content, chair, place, attendees)."
    missing = [key for key in REQUIRED_ITEM_FIELDS if not str(raw.get(key) or "").strip()]
    if missing:
        return None, f"thiếu {', '.join(missing)}."
    unknown = [key for key in raw if key not in ITEM_FIELDS]
    if unknown:
        return None, f"trường không dùng: {', '.join(map(str, unknown))}; các trường: {', '.join(ITEM_FIELDS)}."
    try:
        day = date.fromisoformat(str(raw["day"]).strip())
    except ValueError:
        return None, f"ngày `{raw['day']}` không hợp lệ: viết dạng YYYY-MM-DD."
    if not monday <= day <= monday + timedelta(days=6):
        return None, f"ngày {day:%d/%m/%Y} không thuộc tuần này ({monday:%d/%m} – {monday + timedelta(days=6):%d/%m/%Y})."
    time = raw["time"]
    # YAML 1.1 reads an unquoted 14:30 as the base-60 number 870: take it back
    time = f"{time // 60:02d}:{time % 60:02d}" if isinstance(time, int) and not isinstance(time, bool) else str(time).strip()
    if not TIME_RE.match(time):
        return None, f"giờ `{time}` không hợp lệ: viết dạng HH:MM trong ngoặc kép, vd. \"08:00\"."
    return ScheduleItem(day, time, *(str(raw.get(key) or "").strip() for key in ITEM_FIELDS[2:])), ""
