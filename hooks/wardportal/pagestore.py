"""Finished pages kept by a key over all their inputs, published into the site by hard link.

A warm build, or `mkdocs serve` after one article was saved, would otherwise render
thousands of pages exactly as before. The caller's key must cover every input of a page;
an entry is a plain HTML file, so publishing one costs a directory and a link. Entries no
build asked for are removed by `prune`, so a template change does not leave the old pages
behind forever.

A published page is the stored file itself (a hard link), so a write into site/ or a
truncated entry would be served by every later build. Each entry is therefore recorded
when stored (size, mtime, inode and sha256, one line appended to `records.log`, from any
process) and checked before it is published: an unchanged stat is trusted (no reading), a
changed one is hashed, and an entry whose bytes differ, or that has no record, is dropped
and rendered again. The log is read once per build and compacted by `prune`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

from wardportal.filerecord import SAME, TOUCHED, FileRecord
from wardportal.stale import remove_stale_temps

RECORDS = "records.log"


class PageStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.dropped: list[str] = []  # keys of corrupted entries dropped in this build
        self._records: dict[str, FileRecord] | None = None  # read on first use

    def records(self) -> dict[str, FileRecord]:
        if self._records is None:
            self._records = _read_records(os.path.join(self.folder, RECORDS))
        return self._records

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key + ".html")

    def publish(self, key: str, dest: str) -> bool:
        """Put the page stored under `key` at `dest`; False when there is none."""
        source = self._path(key)
        try:
            stored = os.stat(source)
        except FileNotFoundError:
            return False
        if not self._intact(key, source, stored):
            return False
        if _is_file(dest, stored):
            return True  # already there (site/ folders kept from the last build)
        _unlink(dest)  # never write through a link into a stored page
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        try:
            os.link(source, dest)
        except FileNotFoundError:
            return False
        except OSError:  # another file system, or no hard links there
            shutil.copyfile(source, dest)
        return True

    def _intact(self, key: str, source: str, stored: os.stat_result) -> bool:
        """Whether the entry holds what was stored; a bad one is removed (and counted)."""
        record = self.records().get(key)
        state = record.check(source) if record is not None else None
        if state == SAME:
            return True
        if state == TOUCHED:  # bytes unchanged: record the new stat, so it is not hashed again
            self._append(key, FileRecord.of(source, record.sha256))
            return True
        _unlink(source)
        if record is not None:  # without a record (a killed build, an old store) it is only a miss
            self.dropped.append(key)
        return False

    def _append(self, key: str, record: FileRecord) -> None:
        """One line per entry, appended in one write: safe from forked workers side by side."""
        self.records()[key] = record
        fd = os.open(os.path.join(self.folder, RECORDS), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, _line(key, record).encode("ascii"))
        finally:
            os.close(fd)

    def keep(self, key: str, page: bytes, dest: str) -> None:
        """Keep `page` under `key` and put it at `dest`: the same file (a hard link) where links
        work. The entry is written under a temporary name and renamed, so a killed build never
        leaves a torn one; a store that cannot be written only costs time."""
        target = self._path(key)
        try:
            record = _write_whole(target, page)
        except OSError:
            _unlink(dest)  # never write through a link into a stored page
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "wb") as handle:
                handle.write(page)
            return
        self._append(key, record)
        _unlink(dest)
        try:
            os.link(target, dest)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            os.link(target, dest)
        except OSError:  # another file system, or no hard links there
            shutil.copyfile(target, dest)

    def prune(self, used: Iterable[str]) -> int:
        """Remove entries whose key is not in `used`, and their records; returns how many."""
        used = set(used)
        remove_stale_temps(self.folder)  # a killed build's half-written log
        self._compact(used)
        keep = {key + ".html" for key in used}
        removed = 0
        try:
            folders = list(os.scandir(self.folder))
        except OSError:
            return 0
        for folder in folders:
            if not folder.is_dir():
                continue
            for entry in os.scandir(folder.path):
                if entry.name not in keep:
                    _unlink(entry.path)
                    removed += 1
        return removed


    def _compact(self, used: set[str]) -> None:
        """Rewrite the log with the last record of each used entry (forked workers appended
        theirs to the file, so it is read again)."""
        path = os.path.join(self.folder, RECORDS)
        records = _read_records(path)
        text = "".join(_line(key, record) for key, record in records.items() if key in used)
        try:
            if os.path.getsize(path) == len(text):  # nothing to drop (ASCII: one byte a character)
                self._records = records
                return
        except OSError:
            pass
        try:
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".records-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(text)
            os.replace(tmp, path)
        except OSError:
            return
        self._records = {key: record for key, record in records.items() if key in used}


def _read_records(path: str) -> dict[str, FileRecord]:
    """The last record of each key; a torn line (a killed build) is skipped."""
    records: dict[str, FileRecord] = {}
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return records
    for line in lines:
        parts = line.split(" ")
        if len(parts) == 5 and len(parts[4]) == 64 and all(part.isdigit() for part in parts[1:4]):
            records[parts[0]] = FileRecord(int(parts[1]), int(parts[2]), int(parts[3]), parts[4])
    return records


def _line(key: str, record: FileRecord) -> str:
    return f"{key} {' '.join(map(str, record))}\n"


def _is_file(path: str, stored: os.stat_result) -> bool:
    """Whether `path` is the very file `stored` describes (a hard link to it)."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return False
    return (found.st_ino, found.st_dev) == (stored.st_ino, stored.st_dev)


def _write_whole(path: str, data: bytes) -> FileRecord:
    """Write `data` to `path` through a temporary file renamed into place; its record."""
    folder = os.path.dirname(path)
    tmp = os.path.join(folder, f"tmp{os.getpid()}.tmp")  # one write at a time per process
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
        stat = os.fstat(fd)
    except OSError:
        os.close(fd)
        _unlink(tmp)
        raise
    os.close(fd)
    os.replace(tmp, path)
    return FileRecord(stat.st_size, stat.st_mtime_ns, stat.st_ino, hashlib.sha256(data).hexdigest())


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
