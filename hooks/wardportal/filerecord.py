"""What a cached file was when it was made, to prove it unchanged before it is published.

Caches publish their files into site/ by hard link, so whatever changes the published file
(an in-place write, a truncation, a disk error) changes the cached one too. A record keeps
size, mtime, inode and sha256: an equal stat is trusted without reading the file; a
different one is settled by hashing, so a file only touched is not made again.
"""

from __future__ import annotations

import hashlib
import os
import time
from typing import NamedTuple

SAME, TOUCHED, CHANGED = "same", "touched", "changed"
# Within this long after a file's last change, its stat does not prove its bytes: a rewrite of
# the same size in the same timestamp tick (1 ns on ext4, up to 2 s on FAT) would not show.
RACY_NS = 2_000_000_000


class FileRecord(NamedTuple):
    size: int
    mtime_ns: int
    inode: int
    sha256: str

    @classmethod
    def of(cls, path, sha256: str | None = None) -> "FileRecord":
        """The record of `path` now (its digest given when the caller has the bytes)."""
        stat = os.stat(path)
        return cls(stat.st_size, stat.st_mtime_ns, stat.st_ino, sha256 or file_sha256(path))

    def check(self, path) -> str:
        """SAME (stat unchanged), TOUCHED (stat changed, bytes the same) or CHANGED (or gone)."""
        try:
            stat = os.stat(path)
        except OSError:
            return CHANGED
        if (stat.st_size, stat.st_mtime_ns, stat.st_ino) == (self.size, self.mtime_ns, self.inode):
            return SAME
        if stat.st_size == self.size and file_sha256(path) == self.sha256:
            return TOUCHED
        return CHANGED


def file_sha256(path) -> str:
    """Hex sha256 of a file's bytes ('' when it cannot be read)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def trusted_stamp(path: str, now_ns: int | None = None) -> tuple[int, int, int, int, int] | None:
    """(size, mtime_ns, ctime_ns, inode, device) of `path`, to stand for its bytes in the next
    build without reading them; None when the file cannot be stat'ed or changed too recently
    for its stat to be trusted (RACY_NS, as git does for its index). ctime cannot be set
    back by a program, so a rewrite that restores the old mtime still shows."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    now = time.time_ns() if now_ns is None else now_ns
    if now - max(stat.st_mtime_ns, stat.st_ctime_ns) < RACY_NS:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev
