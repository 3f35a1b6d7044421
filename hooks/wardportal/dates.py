"""Article dates: Vietnam local time in, Vietnam local time out.

Vietnam has kept UTC+07:00 without daylight saving since 1975, so a fixed offset is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7), "ICT")

ACCEPTED_FORMS = (
    "`2021-04-22 16:48` (chuẩn), `2021-04-22 16:48:30`, `2021-04-22T16:48:00+07:00`, "
    "`2021-04-22T09:48:00Z` hoặc chỉ ngày `2021-04-22`"
)

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_TIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$"
)


class DateFormatError(ValueError):
    """The value is not one of the accepted date forms."""


@dataclass(frozen=True, order=True)
class PublishedAt:
    """When an article was published, in Vietnam time; `has_time` is False for a date alone."""

    moment: datetime
    has_time: bool = True

    @property
    def day(self) -> date:
        return self.moment.date()

    @property
    def date_label(self) -> str:
        return self.moment.strftime("%d/%m/%Y")

    @property
    def time_label(self) -> str | None:
        return self.moment.strftime("%H:%M") if self.has_time else None

    @property
    def iso(self) -> str:
        return self.moment.isoformat()

    def canonical(self) -> str:
        """The form the scaffold and importer write: `2021-04-22 16:48` or `2021-04-22`."""
        if self.has_time:
            return self.moment.strftime("%Y-%m-%d %H:%M")
        return self.moment.strftime("%Y-%m-%d")


def parse_published(value: object) -> PublishedAt:
    """Read a front-matter `date` value; raise DateFormatError naming the accepted forms."""
    if isinstance(value, datetime):
        return PublishedAt(_to_vietnam(value), True)
    if isinstance(value, date):
        return PublishedAt(datetime.combine(value, time(0, 0), VIETNAM), False)
    if not isinstance(value, str):
        raise DateFormatError(f"ngày đăng không hợp lệ: {value!r}")
    text = value.strip()
    try:
        if _DATE_ONLY.match(text):
            return PublishedAt(datetime.combine(date.fromisoformat(text), time(0, 0), VIETNAM), False)
        match = _DATE_TIME.match(text)
        if match:
            day, clock, offset = match.groups()
            if offset and len(offset) == 5:  # +0700 → +07:00
                offset = offset[:3] + ":" + offset[3:]
            moment = datetime.fromisoformat(f"{day}T{clock}{offset or ''}")
            return PublishedAt(_to_vietnam(moment), True)
    except ValueError:  # e.g. 2021-02-30 or 25:00; Python's reason is English, editors read this
        raise DateFormatError(f"ngày giờ không tồn tại: `{text}` (kiểm tra tháng từ 1 đến 12, ngày có trong "
                              "tháng đó, giờ từ 00 đến 23, phút từ 00 đến 59)") from None
    raise DateFormatError(f"ngày đăng không đúng định dạng: `{text}`")


def _to_vietnam(moment: datetime) -> datetime:
    """Naive times are Vietnam time; aware ones are converted to it."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(VIETNAM)


def now_in_vietnam() -> datetime:
    return datetime.now(VIETNAM)


def parse_as_of(text: str) -> datetime:
    """`--as-of YYYY-MM-DD` (or with a time): the end of that day in Vietnam time."""
    text = text.strip()
    if _DATE_ONLY.match(text):
        return datetime.combine(date.fromisoformat(text), time(23, 59, 59), VIETNAM)
    return parse_published(text).moment


def month_label(year: int, month: int) -> str:
    return f"Tháng {month}/{year}"
