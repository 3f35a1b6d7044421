"""Temporary files a killed build left in a cache folder, removed at the start of the next.

Caches write each entry to a temporary name and rename it into place, so a build killed
midway leaves `tmp….tmp` files (HTML cache) or `.tmp-…` folders (image cache) that no
build would ever look at again. Only those older than a minute go: a build running beside
this one may still be writing its own. `write_whole` is that write for a cache kept in one
file (parsed articles, search records).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Iterable

MAX_AGE = 60.0  # seconds


def is_temporary(name: str) -> bool:
    return (name.startswith("tmp") and name.endswith(".tmp")) or name.startswith((".tmp-", ".files-", ".records-"))


def remove_stale_temps(folder: Path, *, subfolders: bool = False, max_age: float = MAX_AGE) -> int:
    """Remove old temporaries in `folder` (and in its two-letter entry folders); how many."""
    limit = time.time() - max_age
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if is_temporary(entry.name):
            removed += _remove_if_older(entry, limit)
        elif subfolders and len(entry.name) == 2 and entry.is_dir(follow_symlinks=False):
            for inner in os.scandir(entry.path):
                if is_temporary(inner.name):
                    removed += _remove_if_older(inner, limit)
    return removed


def _remove_if_older(entry: os.DirEntry, limit: float) -> int:
    try:
        if entry.stat(follow_symlinks=False).st_mtime >= limit:
            return 0
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            os.unlink(entry.path)
    except OSError:
        return 0
    return 1


def write_whole(path: Path, data: bytes | Iterable[bytes]) -> bool:
    """Write a one-file cache (`tmp….tmp` renamed into place, after removing a killed build's
    old temporaries there), so a reader sees the old file or the new one, never half of one.
    `data` may come in parts, so that a large file is never whole in memory. False when it
    cannot be written: a cache that is not written only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(path.parent)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="tmp", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
        os.replace(tmp, path)
    except OSError:
        return False
    return True
