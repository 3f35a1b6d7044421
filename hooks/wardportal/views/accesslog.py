"""Reading nginx access logs in the combined format, plain or gzip-rotated.

    $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"

Lines are read as bytes with their offsets (in the uncompressed text), so the counter can
remember how far it read; a line that does not parse is None, never an exception.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import BinaryIO, Iterator

_LINE_RE = re.compile(
    r'^(?P<addr>\S+) \S+ \S+ \[(?P<time>[^\]]+)\] "(?P<request>[^"]*)" (?P<status>\d{3}) (?:\d+|-)'
    r' "(?P<referer>[^"]*)" "(?P<agent>[^"]*)"\s*$')
_TIME_RE = re.compile(r"^(\d{2})/([A-Z][a-z]{2})/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$")
_MONTHS = {name: number for number, name in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)}
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Request:
    """One logged request: what the counting rules look at (the address stays in memory)."""

    address: str
    time: datetime
    method: str
    target: str
    status: int
    agent: str


def parse_line(raw: bytes) -> Request | None:
    """A combined-format line, or None when it is not one (malformed, cut off, binary)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # nginx escapes bytes it logs; a stray one is no reason to drop the line
    match = _LINE_RE.match(text)
    if match is None:
        return None
    moment = parse_time(match["time"])
    parts = match["request"].split(" ")
    if moment is None or len(parts) != 3:
        return None
    return Request(match["addr"], moment, parts[0], parts[1], int(match["status"]), match["agent"])


def parse_time(text: str) -> datetime | None:
    """`10/Oct/2026:13:55:36 +0700` (nginx's $time_local), without the locale-bound %b."""
    match = _TIME_RE.match(text)
    if match is None or match[2] not in _MONTHS:
        return None
    day, _, year, hour, minute, second, sign, off_h, off_m = match.groups()
    offset = timedelta(hours=int(off_h), minutes=int(off_m)) * (1 if sign == "+" else -1)
    try:
        return datetime(int(year), _MONTHS[match[2]], int(day), int(hour), int(minute), int(second),
                        tzinfo=timezone(offset))
    except ValueError:
        return None


def is_compressed(path: Path) -> bool:
    """By content, not name: logrotate's `delaycompress` and hand-made copies vary."""
    with open(path, "rb") as handle:
        return handle.read(2) == GZIP_MAGIC


def open_log(path: Path) -> BinaryIO:
    return gzip.open(path, "rb") if is_compressed(path) else open(path, "rb")


def first_line(path: Path) -> bytes | None:
    """The first complete line (with its newline), or None for an empty or unfinished file."""
    with open_log(path) as handle:
        line = handle.readline()
    return line if line.endswith(b"\n") else None


def lines_from(handle: BinaryIO, offset: int) -> Iterator[tuple[int, bytes]]:
    """(offset, line) from `offset` on; the last line may lack its newline (still being written)."""
    if offset:
        handle.seek(offset)  # gzip files seek by decompressing: fine for daily files
    position = offset
    for line in handle:
        yield position, line
        position += len(line)
