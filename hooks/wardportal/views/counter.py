"""The counting rules, and remembering what was read so that nothing is counted twice.

A view is a GET answered 200 or 304 for an article page (`<base>bai-viet/<slug>/` or its
`index.html`, query string ignored) by a reader's browser (views.agents), at most one per
client address and article in any 30 minutes. Addresses live only in memory during a run;
what is kept is counts per article per day (Vietnam time) and, per log file, its identity
(a hash of its first line), how far it was counted, and where the last 30 minutes before that
begin: the next run reads those lines again only to know who was counted recently.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from wardportal.dates import VIETNAM
from wardportal.urls import ARTICLES_DIR
from wardportal.views.accesslog import first_line, is_compressed, lines_from, open_log, parse_line
from wardportal.views.agents import is_reader

WINDOW = timedelta(minutes=30)
COUNTED_METHODS = ("GET",)
COUNTED_STATUSES = (200, 304)
_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PRUNE_AT = 200_000  # remembered (address, article) pairs before old ones are dropped


@dataclass
class LogMark:
    """How far one log file (known by its first line) was read."""

    counted_to: int = 0
    context_from: int = 0
    last_read: str = ""


@dataclass
class ReadSummary:
    """What a run read: shown to staff, and the exit status of the daily job."""

    files: int = 0
    lines: int = 0
    views: int = 0
    malformed: int = 0
    unfinished: int = 0  # a last line still being written: read next time
    skipped_files: list[str] = field(default_factory=list)


class ArticlePaths:
    """Which request targets are article pages, under the site's base path (from site_url)."""

    def __init__(self, base_path: str = "/") -> None:
        base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        self.prefix = f"{base}{ARTICLES_DIR}/"

    def slug_of(self, target: str) -> str | None:
        path = target.split("?", 1)[0].split("#", 1)[0]
        if path.startswith(("http://", "https://")):  # absolute-form request target
            path = "/" + path.split("/", 3)[3] if path.count("/") >= 3 else "/"
        if not path.startswith(self.prefix):
            return None
        rest = path[len(self.prefix):]
        if rest.endswith("/index.html"):
            rest = rest[: -len("index.html")]
        if not rest.endswith("/") or not _SLUG_RE.fullmatch(rest[:-1]):
            return None
        return rest[:-1]


class ViewCounter:
    """Counts the views in a set of log files; `marks` (by file identity) are updated in place."""

    def __init__(self, paths: ArticlePaths, marks: dict[str, LogMark], today: str) -> None:
        self.paths = paths
        self.marks = marks
        self.today = today
        self.days: dict[str, Counter] = {}
        self.summary = ReadSummary()
        self._last_counted: dict[tuple[str, str], datetime] = {}

    def read(self, logs: list[Path]) -> None:
        """Oldest file first, so the 30 minutes carry over from a rotated file to the next."""
        known: dict[str, tuple[datetime | None, Path]] = {}
        for path in logs:
            try:
                line = first_line(path)
            except (OSError, EOFError, ValueError) as exc:  # gzip.BadGzipFile is an OSError
                self.summary.skipped_files.append(f"{path}: không đọc được ({exc}).")
                continue
            if line is None:
                self.summary.skipped_files.append(f"{path}: tệp rỗng hoặc chưa có dòng trọn vẹn.")
                continue
            identity = hashlib.sha256(line).hexdigest()
            if identity not in known:  # the same log under two names is read once
                request = parse_line(line.rstrip(b"\n"))
                known[identity] = (request.time if request else None, path)
        def oldest_first(item):
            started = item[1][0]
            return (started is None, started.timestamp() if started else 0.0)
        for identity, (_, path) in sorted(known.items(), key=oldest_first):
            try:
                self._read_file(path, identity)
            except (OSError, EOFError) as exc:
                self.summary.skipped_files.append(f"{path}: đọc dở thì lỗi ({exc}); phần đã đọc được giữ lại.")

    def _read_file(self, path: Path, identity: str) -> None:
        mark = self.marks.setdefault(identity, LogMark())
        final = is_compressed(path)  # a compressed log is finished: its last line is all there is
        recent: deque[tuple[int, datetime]] = deque()
        counted_to = mark.counted_to
        position = mark.context_from
        self.summary.files += 1
        with open_log(path) as handle:
            for offset, raw in lines_from(handle, mark.context_from):
                if not raw.endswith(b"\n") and not final:
                    self.summary.unfinished += 1
                    break
                position = offset + len(raw)
                counting = offset >= counted_to
                request = parse_line(raw.rstrip(b"\r\n"))
                if counting:
                    self.summary.lines += 1
                if request is None:
                    self.summary.malformed += counting
                    continue
                recent.append((offset, request.time))
                while recent and request.time - recent[0][1] > WINDOW:
                    recent.popleft()
                self._consider(request, counting)
        mark.counted_to = max(counted_to, position)
        mark.context_from = recent[0][0] if recent else mark.counted_to
        mark.last_read = self.today

    def _consider(self, request, counting: bool) -> None:
        if request.method not in COUNTED_METHODS or request.status not in COUNTED_STATUSES:
            return
        slug = self.paths.slug_of(request.target)
        if slug is None or not is_reader(request.agent):
            return
        key = (request.address, slug)
        last = self._last_counted.get(key)
        if last is not None and abs(request.time - last) < WINDOW:
            return
        self._last_counted[key] = request.time
        if len(self._last_counted) > _PRUNE_AT:
            self._prune(request.time)
        if counting:
            day = request.time.astimezone(VIETNAM).date().isoformat()
            self.days.setdefault(day, Counter())[slug] += 1
            self.summary.views += 1

    def _prune(self, now: datetime) -> None:
        self._last_counted = {key: moment for key, moment in self._last_counted.items()
                              if abs(now - moment) < WINDOW}
