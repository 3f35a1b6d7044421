"""Stamps of every file a build reads, to name what changed since without reading any.

`mkdocs serve` rebuilds on any change under the folders it watches but does not say what
changed. Comparing these stamps (size, mtime, ctime, inode: wardportal.filerecord says why a
stamp can stand for a file's bytes) names the changed files. A file changed too recently for
its stamp to prove its bytes (a save just before the build) is recorded by the digest of its
bytes instead, and compared by its bytes next time; so stamps taken before a build reads its
inputs never hide a save made while it ran.
"""

from __future__ import annotations

import os
import time
from typing import Iterable

from wardportal.filerecord import RACY_NS, file_sha256

# (size, mtime_ns, ctime_ns, inode); (sha256,) of the bytes when too recent; None: unreadable
Stamps = dict[str, "tuple | None"]


def take_stamps(paths: Iterable[str], now_ns: int | None = None) -> Stamps:
    """Every file under the given folders (and the given files), by absolute path."""
    now = time.time_ns() if now_ns is None else now_ns
    stamps: Stamps = {}
    walked: list[str] = []
    for path in paths:
        path = os.path.abspath(path)
        if any(path == folder or path.startswith(folder + os.sep) for folder in walked):
            continue  # inside a folder already stamped (content/_portal/ in content/)
        if os.path.isdir(path):
            walked.append(path)
            _walk(path, now, stamps)
        else:
            try:
                _add(stamps, path, os.stat(path), now)
            except OSError:
                pass  # not there: its appearing is a change
    return stamps


def changed_paths(before: Stamps, after: Stamps) -> list[str]:
    """Files added, removed or changed between two stampings (or unreadable), sorted."""
    return sorted(path for path in before.keys() | after.keys() if _changed(before.get(path), after.get(path), path))


def _changed(before: tuple | None, after: tuple | None, path: str) -> bool:
    if before is None or after is None:
        return True
    if len(before) == 1:  # too recent to trust its stamp: by its bytes
        return (file_sha256(path),) != before
    return before != after


def _walk(folder: str, now: int, stamps: Stamps) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=True):
                _walk(entry.path, now, stamps)
            else:
                _add(stamps, entry.path, entry.stat(follow_symlinks=True), now)
        except OSError:
            stamps[entry.path] = None  # there, but not readable now: unknown


def _add(stamps: Stamps, path: str, stat: os.stat_result, now: int) -> None:
    if now - max(stat.st_mtime_ns, stat.st_ctime_ns) < RACY_NS:
        digest = file_sha256(path)
        stamps[path] = (digest,) if digest else None
    else:
        stamps[path] = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)

