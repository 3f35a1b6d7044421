"""The processed-image cache: entries keyed by content hash + settings, filled in parallel.

A rebuild only stats unchanged files (a small index maps path, size and mtime to the
content hash) and reads each entry's meta.json: nothing is decoded or encoded again.
A cold run spreads the work over every core with a process pool.

Entries are published by hard link, so a write into site/ or a truncated file would change
the entry for every later build: meta.json records each file's size, mtime, inode and
sha256 when the entry is made, and `load` checks them (a stat; the bytes only when the stat
differs). An entry that no longer holds what it recorded is removed and made again.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from wardportal.filerecord import CHANGED, FileRecord, file_sha256
from wardportal.forkpool import fork_map
from wardportal.images import sharecard
from wardportal.memo import RebuildMemo
from wardportal.stale import remove_stale_temps
from wardportal.images.settings import ImageSettings
from wardportal.images.thumbs import write_thumbs
from wardportal.images.variants import ImageProblem, ProcessedImage, open_checked, upright_srgb, write_variants

META = "meta.json"
_INDEX = "files.json"


@dataclass(frozen=True)
class Job:
    """One unit of work: `photo` (payload: source path) or `card` (payload: a ShareCard)."""

    kind: str
    key: str
    payload: object


@dataclass
class CacheStats:
    processed: int = 0  # entries decoded/drawn and encoded in this run
    reused: int = 0  # entries found in the cache
    hashed: int = 0  # source files whose bytes were read to hash them
    dropped: int = 0  # entries found changed or damaged, removed and made again
    errors: dict[str, str] = field(default_factory=dict)


class ImageCache:
    """A folder of entries `<key[:2]>/<key>/` holding variant files and meta.json."""

    def __init__(self, settings: ImageSettings, memo: RebuildMemo | None = None) -> None:
        self.settings = settings
        self.memo = memo  # metas read in the previous build of this process (mkdocs serve)
        self.folder = Path(settings.cache_dir)
        self.stats = CacheStats()
        remove_stale_temps(self.folder)  # half-made entries of a killed build
        self._index: dict[str, list] = self._read_index()
        self._index_changed = False

    def entry_dir(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def photo_key(self, path: Path) -> str:
        return _digest(self.content_hash(path) + self.settings.fingerprint)

    def card_key(self, card: sharecard.ShareCard) -> str:
        return _digest(card.key + self.settings.fingerprint)

    def content_hash(self, path: Path) -> str:
        """sha256 of the file, remembered by (size, mtime) so unchanged files are not read again."""
        stat = path.stat()
        name = str(path.resolve())
        known = self._index.get(name)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return known[2]
        digest = file_sha256(path)
        self.stats.hashed += 1
        self._index[name] = [stat.st_size, stat.st_mtime_ns, digest]
        self._index_changed = True
        return digest

    def load(self, key: str) -> dict | None:
        """An entry's meta; entries never change once written, so a remembered one stands
        while its folder exists."""
        folder = self.entry_dir(key)
        meta = self.memo.recall(("image", key)) if self.memo is not None else None
        if meta is None:
            try:
                meta = json.loads((folder / META).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
        if not _well_formed(meta) or not _intact(folder, meta):
            shutil.rmtree(folder, ignore_errors=True)
            self.stats.dropped += 1
            return None
        if self.memo is not None:
            self.memo.keep(("image", key), meta)
        return meta

    def run(self, jobs: list[Job]) -> dict[str, dict]:
        """meta for every job's key: from the cache, or processed now (in parallel when many)."""
        results: dict[str, dict] = {}
        pending: dict[str, Job] = {}
        for job in jobs:
            meta = results.get(job.key) or self.load(job.key)
            if meta is not None:
                if job.key not in results:
                    self.stats.reused += 1
                results[job.key] = meta
            else:
                pending[job.key] = job
        self.folder.mkdir(parents=True, exist_ok=True)
        todo = list(pending.values())
        # on every core (settings.workers: how many), one photo at a time: photos differ in size
        for job, meta in zip(todo, fork_map(lambda number: run_job(todo[number], self.settings), len(todo),
                                            min_per_worker=1, chunksize=1, workers=self.settings.workers)):
            results[job.key] = meta
            self.stats.processed += 1
        self.save_index()
        return results

    def start(self, jobs: list[Job]) -> "BackgroundJobs":
        """Process the jobs not in the cache behind the caller's back (see BackgroundJobs)."""
        pending = {job.key: job for job in jobs if self.load(job.key) is None}
        self.stats.reused += len(jobs) - len(pending)
        self.stats.processed += len(pending)
        self.folder.mkdir(parents=True, exist_ok=True)
        return BackgroundJobs(list(pending.values()), self)

    def _read_index(self) -> dict:
        try:
            data = json.loads((self.folder / _INDEX).read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def save_index(self) -> None:
        if not self._index_changed:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".files-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(self._index, handle)
        os.replace(tmp, self.folder / _INDEX)
        self._index_changed = False


class BackgroundJobs:
    """Jobs (share cards) done by a second process while the build goes on with other work.

    Much of a build runs on one core (reading articles, planning pages, writing the search
    index); the second core draws cards meanwhile. `wait` then takes the remaining jobs in
    this process too, side by side with the other, until none is left. Below
    BACKGROUND_MIN jobs (an edit in `mkdocs serve`) everything happens in `wait`.
    """

    def __init__(self, jobs: list[Job], cache: ImageCache) -> None:
        self.jobs = jobs
        self.cache = cache
        self.process = None
        self.next_job = None
        if len(jobs) >= BACKGROUND_MIN and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self.next_job = context.Value("i", 0)
            self.process = context.Process(target=_take_jobs, args=(jobs, cache.settings, self.next_job),
                                           daemon=True)
            self.process.start()

    def wait(self) -> None:
        """Return once every job's entry is in the cache; a job that failed in the background
        is done again here, so that its error shows."""
        if self.process is None:
            for job in self.jobs:
                run_job(job, self.cache.settings)
            return
        _take_jobs(self.jobs, self.cache.settings, self.next_job)
        # the other process has one card left at most; one forked while `mkdocs serve`'s
        # threads held a lock could hang on exit: stop it, its missing cards are drawn below
        self.process.join(timeout=JOIN_TIMEOUT)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        for job in self.jobs:
            if not (self.cache.entry_dir(job.key) / META).is_file():
                run_job(job, self.cache.settings)
        self.process = None
        self.jobs = []


BACKGROUND_MIN = 64
JOIN_TIMEOUT = 60  # seconds


def _take_jobs(jobs: list[Job], settings: ImageSettings, next_job) -> None:
    """Take the next job not yet taken by the other process, until none is left."""
    while True:
        with next_job.get_lock():
            number = next_job.value
            next_job.value += 1
        if number >= len(jobs):
            return
        try:
            run_job(jobs[number], settings)
        except Exception:  # done again, and reported, by BackgroundJobs.wait
            pass


def run_job(job: Job, settings: ImageSettings) -> dict:
    """Process one job into its cache entry (written atomically) and return its meta."""
    folder = Path(settings.cache_dir)
    target = folder / job.key[:2] / job.key
    work = Path(tempfile.mkdtemp(dir=folder, prefix=f".tmp-{job.key[:8]}-"))
    try:
        meta = _render(job, work, settings)
        meta["files"] = _records(work)
        (work / META).write_text(json.dumps(meta), encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir() and not (target / META).is_file():
            shutil.rmtree(target, ignore_errors=True)  # a half-written entry of a killed run
        try:
            os.replace(work, target)
        except OSError:  # another build wrote the same entry first: keep theirs
            pass
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return meta


def _render(job: Job, work: Path, settings: ImageSettings) -> dict:
    if job.kind == "card":
        sharecard.draw(job.payload, work)
        return {"card": sharecard.FILE_NAME}
    try:
        with open_checked(Path(job.payload), settings) as image:
            upright = upright_srgb(image)
    except ImageProblem as exc:
        return {"error": str(exc)}
    except MemoryError:
        return {"error": "ảnh quá lớn, không đủ bộ nhớ để xử lý: hãy thu nhỏ ảnh trước khi đăng."}
    processed = ProcessedImage(upright.width, upright.height, upright.mode == "RGBA",
                               write_variants(upright, work, settings), write_thumbs(upright, work, settings))
    return processed.to_json()


def _records(folder: Path) -> dict[str, list]:
    """name → FileRecord of every file an entry holds (a rename keeps the stat, so the
    records stay true once the folder is moved into place)."""
    return {entry.name: list(FileRecord.of(entry.path)) for entry in os.scandir(folder) if entry.is_file()}


def _well_formed(meta) -> bool:
    """A meta this code could have written: every file it names is among its records."""
    if not isinstance(meta, dict) or not isinstance(meta.get("files"), dict):
        return False
    if isinstance(meta.get("error"), str):
        return True
    if isinstance(meta.get("card"), str):
        return meta["card"] in meta["files"]
    try:
        names = [variant[2] for variant in [*meta["variants"], *meta["thumbs"]]]
        return bool(names) and all(name in meta["files"] for name in names) and \
            all(isinstance(meta[key], int) for key in ("width", "height"))
    except (KeyError, TypeError, IndexError):
        return False


def _intact(folder: Path, meta: dict) -> bool:
    """Whether every file of the entry is what it was when made (entries without records,
    from an older cache, are made again). Plain strings: a warm build checks every file."""
    records = meta.get("files")
    if not isinstance(records, dict):
        return False
    base = os.path.join(folder, "")
    try:
        for name, record in records.items():
            stat = os.stat(base + name)
            if [stat.st_size, stat.st_mtime_ns, stat.st_ino] != record[:3] and \
                    FileRecord(*record).check(base + name) == CHANGED:
                return False
    except (OSError, TypeError):  # a file gone, or a record of another shape
        return False
    return True


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
