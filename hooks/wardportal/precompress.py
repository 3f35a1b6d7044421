"""Gzip and Brotli twins of the site's text files, for nginx's `gzip_static` and
`brotli_static` (deploy/nginx/).

`page.html.gz` and `page.html.br` are written next to `page.html`, each when it is smaller,
and kept in step: a twin whose original vanished, changed or no longer gains is removed or
made again. Cheap at 10,000+ pages: a twin carries its original's modification time, so an
unchanged file costs two `stat`s per twin; a changed or new one is looked up by content hash
in a cache of compressed files (`.cache/gzip/<2 hex>/<sha1>.gz|.br`) first, which makes a
fresh release folder (scripts/deploy.py) a matter of hashing and copying (copies, never
links: a write into site/ cannot reach the cache; a damaged cache entry is a miss). Only what
is left is compressed, on every core. Each run leaves its figures in `.cache/gzip/last-run.json`
(read by scripts/bench.py).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import time
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import brotli

from wardportal.forkpool import fork_map

# HTML, CSS, JS, JSON (search index), XML (sitemap, feeds), SVG, text; Pagefind's own files
# (.pf_*, .pagefind) are compressed already.
COMPRESSED_KINDS = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".webmanifest")
# A cold build at 10,000 articles makes ~22,000 pairs of twins, so the levels are chosen for
# time. On a 38 KB article page (2026-12-02): gzip 9 takes 1.22 ms for 8,387 bytes, gzip 6
# 0.66 ms for 8,434 (+0.6%); Brotli 8 1.24 ms for 7,849, Brotli 5 0.57 ms for 8,040 (+2.4%),
# Brotli 11 43 ms for 7,245. Levels 6 and 5 halve the step for about 1-2% more bytes.
GZIP_LEVEL = 6
BROTLI_QUALITY = 5
LAST_RUN = "last-run.json"


@dataclass(frozen=True)
class Encoding:
    suffix: str
    compress: Callable[[bytes], bytes]
    decompress: Callable[[bytes], bytes]
    damaged: tuple[type[Exception], ...]  # what decompressing a damaged cache entry raises


ENCODINGS = (
    Encoding(".gz", lambda data: gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0), gzip.decompress,
             (OSError, EOFError, gzip.BadGzipFile, zlib.error)),
    Encoding(".br", lambda data: brotli.compress(data, quality=BROTLI_QUALITY), brotli.decompress,
             (brotli.error,)),
)
TWIN_SUFFIXES = tuple(encoding.suffix for encoding in ENCODINGS)


@dataclass
class PrecompressStats:
    kept: int = 0       # twin already in step
    linked: int = 0     # taken from the cache
    compressed: int = 0
    removed: int = 0    # stale twins deleted
    not_smaller: int = 0
    seconds: float = 0.0
    used: set[str] = field(default_factory=set)


def precompress_site(site_dir: Path, cache_dir: Path, *, workers: int | None = None) -> PrecompressStats:
    """Bring every twin in `site_dir` in step with its original; prune unused cache entries."""
    started = time.perf_counter()
    stats = PrecompressStats()
    todo: list[tuple[str, tuple[Encoding, ...]]] = []  # an original and the twins it needs
    for folder, _, names in os.walk(site_dir):
        present = set(names)
        for name in names:
            path = os.path.join(folder, name)
            if name.endswith(TWIN_SUFFIXES):
                original = os.path.splitext(path)[0]
                if os.path.basename(original) not in present or not original.endswith(COMPRESSED_KINDS):
                    if _is_twin(path):
                        os.unlink(path)
                        stats.removed += 1
                continue
            if not name.endswith(COMPRESSED_KINDS):
                continue
            stale = tuple(encoding for encoding in ENCODINGS
                          if name + encoding.suffix not in present or not _in_step(path, path + encoding.suffix))
            stats.kept += len(ENCODINGS) - len(stale)
            if stale:
                todo.append((path, stale))
    results = fork_map(lambda number: _twins(*todo[number], cache_dir), len(todo), min_per_worker=200,
                       workers=workers)
    for key, outcomes in results:
        stats.used.add(key)
        for outcome in outcomes:
            setattr(stats, outcome, getattr(stats, outcome) + 1)
    if not stats.kept:  # every twin was (re)made, so `used` is complete (a fresh release folder)
        _prune(cache_dir, stats.used)
    stats.seconds = time.perf_counter() - started
    _record(cache_dir, stats)
    return stats


def _record(cache_dir: Path, stats: PrecompressStats) -> None:
    """The run's figures, for the benchmark (written whole or not at all)."""
    figures = {key: value for key, value in asdict(stats).items() if key != "used"}
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = cache_dir / f".{LAST_RUN}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps(figures), encoding="utf-8")
    os.replace(temporary, cache_dir / LAST_RUN)


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
    return path.endswith(tuple(kind + suffix for kind in COMPRESSED_KINDS for suffix in TWIN_SUFFIXES))


def _in_step(original: str, twin: str) -> bool:
    try:
        return os.stat(original).st_mtime_ns == os.stat(twin).st_mtime_ns
    except FileNotFoundError:
        return False


def _cached_twin(cached: Path, data: bytes, encoding: Encoding) -> bytes | None:
    """The cached compressed bytes when they still decompress to `data`; a damaged entry is a miss."""
    try:
        packed = cached.read_bytes()
        return packed if encoding.decompress(packed) == data else None
    except (OSError, *encoding.damaged):
        return None


def _twins(original: str, encodings: tuple[Encoding, ...], cache_dir: Path) -> tuple[str, list[str]]:
    """Make or refresh an original's twins; returns (cache key, what was done for each)."""
    data = Path(original).read_bytes()
    key = hashlib.sha1(data).hexdigest()
    return key, [_twin(original, data, key, encoding, cache_dir) for encoding in encodings]


def _twin(original: str, data: bytes, key: str, encoding: Encoding, cache_dir: Path) -> str:
    """Make or refresh one twin; returns what was done."""
    twin = original + encoding.suffix
    cached = cache_dir / key[:2] / f"{key}{encoding.suffix}"
    no_gain = cached.with_name(f"{cached.name}.none")  # marker: compressing this content does not pay
    outcome = "linked"
    packed = None if no_gain.exists() else _cached_twin(cached, data, encoding)
    if packed is None:
        packed = b"" if no_gain.exists() else encoding.compress(data)
        if no_gain.exists() or len(packed) >= len(data):
            if os.path.exists(twin):
                os.unlink(twin)
            if not no_gain.exists():
                no_gain.parent.mkdir(parents=True, exist_ok=True)
                no_gain.touch()
            return "not_smaller"
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
        temporary.write_bytes(packed)
        os.replace(temporary, cached)
        outcome = "compressed"
    # A copy, never a hard link: a write into site/ can then never reach the cache.
    temporary = f"{twin}.{os.getpid()}.tmp"
    Path(temporary).write_bytes(packed)
    os.replace(temporary, twin)
    stat = os.stat(original)
    os.utime(twin, ns=(stat.st_atime_ns, stat.st_mtime_ns), follow_symlinks=False)
    return outcome
