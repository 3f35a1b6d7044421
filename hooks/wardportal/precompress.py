"""Gzip twins of the site's text files, for nginx's `gzip_static` (deploy/nginx/).

`page.html.gz` is written next to `page.html` when it is smaller, and kept in step: a twin
whose original vanished, changed or no longer gains is removed or made again. Cheap at
10,000+ pages: a twin carries its original's modification time, so an unchanged file costs
two `stat`s; a changed or new one is looked up by content hash in a cache of compressed
files (`.cache/gzip/`) first, which makes a fresh release folder (scripts/deploy.py) a
matter of hashing and copying (copies, never links: a write into site/ cannot reach the cache;
a damaged cache entry is a miss). Only what is left is compressed, on every core.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from wardportal.forkpool import fork_map

SUFFIX = ".gz"
# HTML, CSS, JS, JSON (search index), XML (sitemap, feeds), SVG, text; Pagefind's own files
# (.pf_*, .pagefind) are compressed already.
COMPRESSED_KINDS = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".webmanifest")
LEVEL = 9  # compressed once, served for months


@dataclass
class PrecompressStats:
    kept: int = 0       # twin already in step
    linked: int = 0     # taken from the cache
    compressed: int = 0
    removed: int = 0    # stale twins deleted
    not_smaller: int = 0
    used: set[str] = field(default_factory=set)


def precompress_site(site_dir: Path, cache_dir: Path, *, workers: int | None = None) -> PrecompressStats:
    """Bring every twin in `site_dir` in step with its original; prune unused cache entries."""
    stats = PrecompressStats()
    todo: list[str] = []
    for folder, _, names in os.walk(site_dir):
        present = set(names)
        for name in names:
            path = os.path.join(folder, name)
            if name.endswith(SUFFIX):
                original = path[: -len(SUFFIX)]
                if name[: -len(SUFFIX)] not in present or not original.endswith(COMPRESSED_KINDS):
                    if _is_twin(path):
                        os.unlink(path)
                        stats.removed += 1
                continue
            if not name.endswith(COMPRESSED_KINDS):
                continue
            if name + SUFFIX in present and _in_step(path, path + SUFFIX):
                stats.kept += 1
            else:
                todo.append(path)
    results = fork_map(lambda number: _twin(todo[number], cache_dir), len(todo), min_per_worker=200,
                       workers=workers)
    for outcome, key in results:
        setattr(stats, outcome, getattr(stats, outcome) + 1)
        stats.used.add(key)
    if not stats.kept:  # every twin was (re)made, so `used` is complete (a fresh release folder)
        _prune(cache_dir, stats.used)
    return stats


def _prune(cache_dir: Path, used: set[str]) -> None:
    """Drop cache entries the site no longer uses (pages gone or changed since)."""
    if not cache_dir.is_dir():
        return
    for folder in cache_dir.iterdir():
        for entry in folder.iterdir() if folder.is_dir() else ():
            if entry.name.split(".", 1)[0] not in used:
                entry.unlink()


def _is_twin(path: str) -> bool:
    """Only twins we made are ever deleted (MkDocs' sitemap.xml.gz is one: it has an original)."""
    return path.endswith(tuple(kind + SUFFIX for kind in COMPRESSED_KINDS))


def _in_step(original: str, twin: str) -> bool:
    try:
        return os.stat(original).st_mtime_ns == os.stat(twin).st_mtime_ns
    except FileNotFoundError:
        return False


def _cached_twin(cached: Path, data: bytes) -> bytes | None:
    """The cached compressed bytes when they still decompress to `data`; a damaged entry is a miss."""
    try:
        packed = cached.read_bytes()
        return packed if gzip.decompress(packed) == data else None
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error):
        return None


def _twin(original: str, cache_dir: Path) -> tuple[str, str]:
    """Make or refresh one twin; returns (what was done, cache key)."""
    twin = original + SUFFIX
    data = Path(original).read_bytes()
    key = hashlib.sha1(data).hexdigest()
    cached = cache_dir / key[:2] / f"{key}{SUFFIX}"
    no_gain = cached.with_suffix(".none")  # marker: compressing this content does not pay
    outcome = "linked"
    packed = _cached_twin(cached, data)
    if no_gain.exists() or packed is None:
        packed = b"" if no_gain.exists() else gzip.compress(data, compresslevel=LEVEL, mtime=0)
        if no_gain.exists() or len(packed) >= len(data):
            if os.path.exists(twin):
                os.unlink(twin)
            if not no_gain.exists():
                no_gain.parent.mkdir(parents=True, exist_ok=True)
                no_gain.touch()
            return "not_smaller", key
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_name(f".{key}.{os.getpid()}.tmp")
        temporary.write_bytes(packed)
        os.replace(temporary, cached)
        outcome = "compressed"
    # A copy, never a hard link: a write into site/ can then never reach the cache.
    temporary = f"{twin}.{os.getpid()}.tmp"
    Path(temporary).write_bytes(packed)
    os.replace(temporary, twin)
    stat = os.stat(original)
    os.utime(twin, ns=(stat.st_atime_ns, stat.st_mtime_ns), follow_symlinks=False)
    return outcome, key
