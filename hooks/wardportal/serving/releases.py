"""Atomic releases: DIR/releases/<timestamp>/ holds one complete build, DIR/current points
at the live one. A build goes into `<timestamp>.tmp/` and gets its final name only when it
succeeded; `current` is switched by renaming a new symlink over it (rename(2) is atomic), so
a reader gets either the old site or the new one, never a half-built or mixed one.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

RELEASES = "releases"
CURRENT = "current"
KEEP = 5
_NAME_RE = re.compile(r"^\d{8}-\d{6}(?:-\d+)?$")


class ReleaseError(Exception):
    """A release that cannot be made or switched to; the message is Vietnamese."""


@contextmanager
def deploy_lock(target: Path):
    """One release or rollback at a time per target folder."""
    target.mkdir(parents=True, exist_ok=True)
    with open(target / ".deploy.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReleaseError(f"một lần triển khai khác đang chạy vào {target}; hãy chờ nó xong.") from None
        yield


def new_release_name(target: Path, now: datetime) -> str:
    base = now.strftime("%Y%m%d-%H%M%S")
    name, number = base, 1
    while (target / RELEASES / name).exists() or (target / RELEASES / f"{name}.tmp").exists():
        number += 1
        name = f"{base}-{number}"
    return name


def releases(target: Path) -> list[Path]:
    """Complete releases, oldest first (their names sort by time)."""
    folder = target / RELEASES
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if path.is_dir() and _NAME_RE.match(path.name))


def current_release(target: Path) -> Path | None:
    link = target / CURRENT
    if not link.is_symlink():
        return None
    return (target / os.readlink(link)).resolve()


def switch_to(target: Path, release: Path) -> None:
    """Point DIR/current at `release` in one rename; a relative link, so DIR can be moved."""
    link = target / CURRENT
    if link.exists() and not link.is_symlink():
        raise ReleaseError(f"{link} đã có và không phải liên kết tượng trưng: hãy chuyển nó đi rồi chạy lại.")
    temporary = target / f".{CURRENT}.{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(os.path.relpath(release, target), temporary)
    os.replace(temporary, link)


def prune(target: Path, keep: int) -> list[Path]:
    """Delete the oldest releases beyond `keep`, never the live one; returns what went."""
    live = current_release(target)
    doomed = [path for path in releases(target)[:-keep] if path.resolve() != live] if keep > 0 else []
    for path in doomed:
        shutil.rmtree(path)
    for leftover in (target / RELEASES).glob("*.tmp") if (target / RELEASES).is_dir() else ():
        shutil.rmtree(leftover, ignore_errors=True)  # a build that was killed
    return doomed


def previous_release(target: Path) -> Path:
    live = current_release(target)
    complete = releases(target)
    if live is None or live not in [path.resolve() for path in complete]:
        raise ReleaseError(f"{target / CURRENT} không trỏ tới bản phát hành nào trong {target / RELEASES}.")
    index = [path.resolve() for path in complete].index(live)
    if index == 0:
        raise ReleaseError("không có bản phát hành nào cũ hơn bản đang chạy để quay lại.")
    return complete[index - 1]
