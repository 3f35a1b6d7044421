"""The Pagefind bundle of a build: each part indexed once per set of records, published by hard link.

The records come in parts (wardportal.search_shards: Pagefind's memory grows with the pages
it indexes). Each part's records are written as HTML files into its staging folder (only the
changed ones are rewritten) and indexed by the Pagefind binary (PyPI `pagefind[bin]`), which
reads a folder on both cores; its Python API answers one file per 0.1 s poll, far too slow
for 10,000. Pagefind cannot update an index: a change to any record means indexing its
whole part again. Each written bundle is kept under its part's name and a digest of its
records, so a build whose records are unchanged (a warm build, a template edit, a save that
changed no article) links the kept bundles into `site/pagefind/<part>/` without running
Pagefind, and a save indexes its own part only. `site/pagefind/parts.json` names the parts,
newest first, for the search page, which merges them; each staged record carries its part's
name (a `shard` filter and meta field), by which the search page sorts by date across parts
and finds the record's text.

Each record's readable text is staged beside its HTML (`index.txt`, which Pagefind does not
read) and published in its part's bundle as `text/<url>index.txt`: the search page fetches
it for the results it shows. Pagefind runs with a smaller index chunk than its default
(wardportal.search_shards.CHUNK_WORDS; it counts only unaccented words, see
wardportal.search_records), so a query loads only small chunks.

Deferred mode (`mkdocs serve`): a rebuild does not wait for Pagefind. It publishes the newest
kept bundle of each part at once (search may miss the last edit for a few seconds) and
indexes the changed parts in a background process, which links the new bundles into the
site when it is done; a newer save stops an unfinished run first.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from importlib.metadata import version
from pathlib import Path

from wardportal.search_records import BODY_OPEN, SearchRecord
from wardportal.search_shards import CHUNK_WORDS, PAGES, Shard

BUNDLE_DIR = "pagefind"
STAGING_DIR = "records"
TEXT_DIR = "text"  # in the bundle: each record's readable text, `text/bai-viet/x/index.txt`
TEXT_NAME = "index.txt"
ENTRY_FILE = "pagefind-entry.json"  # in every complete bundle (_finish moves a bundle into place whole)
PARTS_FILE = "parts.json"  # in site/pagefind/: the parts, newest first, and those with dates (the search page's)
SHARD_FIELD = "shard"  # the filter and meta field naming a record's part
# Pagefind's own UI files: the portal has its own search page (theme/ward/search.html)
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# A deferred run yields the cores to the rebuild an editor waits for: it runs only when they
# are idle (Linux SCHED_IDLE, util-linux's chrt), else at the lowest priority nice gives
BACKGROUND_PREFIX = ["chrt", "--idle", "0"] if shutil.which("chrt") else ["nice", "-n", "19"]
_FORMAT = "6"  # bump when what is written into a bundle changes
_MANIFEST = ".manifest.json"


class PagefindError(RuntimeError):
    """Pagefind failed; the message says what it printed."""


def shard_digest(shard: Shard) -> str:
    digest = hashlib.sha256(f"{_FORMAT}|{version('pagefind')}|{shard.name}|{shard.chunk_words}".encode())
    for record in shard.records:
        html, text = _DIGESTS.of(record)
        digest.update(f"\0{record.url}\0{html}\0{text}".encode("utf-8"))
    return digest.hexdigest()[:24]


class _RecordDigests:
    """Each record's (HTML, text) digests, computed once per record object: `mkdocs serve`
    keeps the records of unchanged articles (ward_mkdocs.site_search), and hashing all
    of them again (~150 MB at 10,000 articles) cost a save most of a second."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[SearchRecord, str, str]] = {}

    def of(self, record: SearchRecord) -> tuple[str, str]:
        known = self._known.get(id(record))
        if known is None or known[0] is not record:
            known = self._known[id(record)] = (record, _sha1(record.html_bytes), _sha1(record.text_bytes))
        return known[1], known[2]

    def keep_only(self, records: list[SearchRecord]) -> None:
        """Forget records no longer published (ids are reused once their objects are gone)."""
        wanted = {id(record) for record in records}
        self._known = {number: known for number, known in self._known.items() if number in wanted}


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


_DIGESTS = _RecordDigests()
_LOG = logging.getLogger(__name__)  # a background run's failure (no build is there to report it)


class IndexingMode:
    """Whether this process defers indexing: set once by `mkdocs serve` (on_startup)."""

    deferred = os.environ.get("WARD_SEARCH_DEFERRED", "") == "1"


def publish_bundle(shards: list[Shard], site_dir: Path, cache_dir: Path, *, deferred: bool = False) -> str:
    """Link each part's bundle into `site_dir/pagefind/<part>/`, indexing first where needed.

    Returns what happened: "reused", "indexed" or "deferred"."""
    _BACKGROUND.stop()  # its records are about to be replaced
    _DIGESTS.keep_only([record for shard in shards for record in shard.records])
    target = site_dir / BUNDLE_DIR
    wanted = [(shard.name, cache_dir / f"{shard.name}-{shard_digest(shard)}") for shard in shards]
    missing = [(shard, bundle) for shard, (_, bundle) in zip(shards, wanted) if not _complete(bundle)]
    staging = cache_dir / STAGING_DIR
    _drop_staging_but(staging, {shard.name for shard in shards})
    for shard, _ in missing:
        stage_records(shard, staging / shard.name)
    if not missing or not deferred:
        for shard, bundle in missing:
            index_into(staging / shard.name, bundle, cache_dir, shard.chunk_words)
        _prune(cache_dir, [bundle for _, bundle in wanted])
        publish_parts(wanted, target)
        return "indexed" if missing else "reused"
    kept = [(name, bundle if _complete(bundle) else _newest_bundle(cache_dir, name)) for name, bundle in wanted]
    if all(bundle is not None for _, bundle in kept):  # else the site keeps what it has until the run is done
        publish_parts(kept, target)  # type: ignore[arg-type]
    _BACKGROUND.start([(staging / shard.name, bundle, shard.chunk_words) for shard, bundle in missing], wanted,
                      cache_dir, target)
    return "deferred"


def stop_background() -> None:
    """Before MkDocs empties site/ (`mkdocs serve`): a run finishing then would write into it."""
    _BACKGROUND.stop()


def wait_for_background() -> None:
    """Until a deferred run has finished (tests, and a clean exit)."""
    _BACKGROUND.wait()


def stage_records(shard: Shard, staging: Path) -> None:
    """Write each record as `<url>/index.html` (with its part's name) and its text as
    `<url>/index.txt` under `staging`; unchanged files are left alone, files of records that
    are gone are deleted."""
    named = (f'{BODY_OPEN}<meta data-pagefind-filter="{SHARD_FIELD}[content]" content="{shard.name}">'
             f'<meta data-pagefind-meta="{SHARD_FIELD}[content]" content="{shard.name}">').encode("utf-8")
    body_open = BODY_OPEN.encode("utf-8")
    manifest_path = staging / _MANIFEST
    try:
        before = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        shutil.rmtree(staging, ignore_errors=True)
        before = {}
    after: dict[str, str] = {}
    for record in shard.records:
        folder = record.url.strip("/") + "/" if record.url.strip("/") else ""
        for relative, digest in zip((folder + "index.html", folder + TEXT_NAME), _DIGESTS.of(record)):
            after[relative] = digest
            path = os.path.join(staging, relative)
            if before.get(relative) != digest or not os.path.isfile(path):
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as handle:
                    handle.write(record.text_bytes if relative.endswith(TEXT_NAME)
                                 else record.html_bytes.replace(body_open, named, 1))
    for relative in before.keys() - after.keys():
        (staging / relative).unlink(missing_ok=True)
    staging.mkdir(parents=True, exist_ok=True)
    temporary = manifest_path.with_suffix(".tmp")
    temporary.write_text(json.dumps(after), encoding="utf-8")
    os.replace(temporary, manifest_path)


def pagefind_command(staging: Path, out_dir: Path, chunk_words: int = CHUNK_WORDS) -> list[str]:
    """Pagefind over `staging` (through `env`, which sets the chunk size and execs Pagefind)."""
    return ["env", f"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE={chunk_words}", sys.executable, "-m", "pagefind",
            "--site", str(staging), "--output-path", str(out_dir), "--force-language", "vi", "--silent"]


def index_into(staging: Path, bundle: Path, cache_dir: Path, chunk_words: int = CHUNK_WORDS) -> None:
    """Run Pagefind over `staging`; the bundle appears at `bundle` only once complete."""
    work = Path(tempfile.mkdtemp(prefix="tmp-", dir=cache_dir))
    try:
        result = subprocess.run(pagefind_command(staging, work / BUNDLE_DIR, chunk_words), capture_output=True,
                                text=True)
        if result.returncode != 0:
            raise PagefindError((result.stdout + result.stderr).strip()[-2000:] or f"exit {result.returncode}")
        _finish(work / BUNDLE_DIR, bundle, staging)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _finish(written: Path, bundle: Path, staging: Path) -> None:
    for name in UNUSED_FILES:
        (written / name).unlink(missing_ok=True)
    for text in staging.rglob(TEXT_NAME):  # copies: the staged files are rewritten in place
        target = written / TEXT_DIR / text.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(text, target)
    shutil.rmtree(bundle, ignore_errors=True)
    os.replace(written, bundle)


def _complete(bundle: Path) -> bool:
    return (bundle / ENTRY_FILE).is_file()


def _part_of(bundle: Path) -> str:
    """The part a kept bundle is of (`2025-q3-<digest>` is of `2025-q3`)."""
    return bundle.name.rsplit("-", 1)[0]


def _newest_bundle(cache_dir: Path, part: str) -> Path | None:
    bundles = [entry for entry in cache_dir.iterdir() if entry.is_dir() and _part_of(entry) == part
               and _complete(entry)] if cache_dir.is_dir() else []
    return max(bundles, key=lambda entry: entry.stat().st_mtime, default=None)


def _prune(cache_dir: Path, keep: list[Path]) -> None:
    """Of each part, the bundle in use and the one before it (an undo in `mkdocs serve`);
    bundles of parts no longer made and work folders left by a killed build are dropped."""
    if not cache_dir.is_dir():
        return  # nothing indexed yet (no records at all)
    for bundle in keep:
        os.utime(bundle)
    in_use = {bundle.name for bundle in keep}
    parts = {_part_of(bundle) for bundle in keep}
    entries = sorted((entry for entry in cache_dir.iterdir() if entry.is_dir() and entry.name != STAGING_DIR),
                     key=lambda entry: entry.stat().st_mtime, reverse=True)
    older: set[str] = set()
    for entry in entries:
        if entry.name in in_use:
            continue
        part = _part_of(entry)
        if part in parts and part not in older and _complete(entry):
            older.add(part)
        else:
            shutil.rmtree(entry, ignore_errors=True)


def _drop_staging_but(staging: Path, parts: set[str]) -> None:
    """Staging folders of parts no longer made (and files of the one-part layout before them)."""
    if staging.is_dir():
        _remove_entries(staging, lambda name: name not in parts)


def _remove_entries(folder: Path, unwanted) -> None:
    """Every file and folder directly in `folder` whose name `unwanted` accepts."""
    for entry in folder.iterdir():
        if unwanted(entry.name):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def publish_parts(parts: list[tuple[str, Path]], target: Path) -> None:
    """The site's search folder: each part's bundle under its name, and the parts' list."""
    names = [name for name, _ in parts]
    target.mkdir(parents=True, exist_ok=True)
    for name, bundle in parts:
        _publish(bundle, target / name)
    listing = json.dumps({"parts": names, "dated": [name for name in names if name != PAGES]}, ensure_ascii=False)
    listed = target / PARTS_FILE
    if not listed.is_file() or listed.read_text(encoding="utf-8") != listing:
        temporary = target / f".{PARTS_FILE}.tmp"
        temporary.write_text(listing, encoding="utf-8")
        os.replace(temporary, listed)
    # (the parts list's gzip and Brotli twins are wardportal.precompress's)
    _remove_entries(target, lambda name: name not in names and not name.startswith(PARTS_FILE))


def _publish(bundle: Path, target: Path) -> None:
    """`bundle` at `target`, unless `target` already is its links: relinking 20,000 files
    (a fragment and a text per page) would cost a `mkdocs serve` save seconds."""
    try:
        if os.path.samefile(bundle / ENTRY_FILE, target / ENTRY_FILE):
            return  # link_tree puts a whole tree in place at once: the rest is there too
    except OSError:
        pass
    link_tree(bundle, target)


def link_tree(source: Path, target: Path) -> None:
    """Hard-link every file of `source` into `target` (copies across devices), replacing
    whatever was there in one rename: `target` is never half made."""
    made = target.with_name(f".{target.name}.new")
    left = target.with_name(f".{target.name}.old")
    shutil.rmtree(made, ignore_errors=True)
    for folder, _, names in os.walk(source):
        destination = made / os.path.relpath(folder, source)
        os.makedirs(destination, exist_ok=True)
        for name in names:
            try:
                os.link(os.path.join(folder, name), destination / name)
            except OSError:
                shutil.copyfile(os.path.join(folder, name), destination / name)
    shutil.rmtree(left, ignore_errors=True)
    if os.path.lexists(target):
        os.replace(target, left)
    os.replace(made, target)
    shutil.rmtree(left, ignore_errors=True)


class _BackgroundIndex:
    """At most one deferred Pagefind run per process (`mkdocs serve` keeps this module)."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.run = 0  # each start and stop counts one: an older run's thread then ends
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()

    def start(self, jobs: list[tuple[Path, Path, int]], parts: list[tuple[str, Path]], cache_dir: Path,
              target: Path) -> None:
        """Index each (staging, bundle, chunk words) of `jobs` in turn, then publish `parts`."""
        with self.lock:
            self.run += 1
            run = self.run
        self.thread = threading.Thread(target=self._index_all, args=(run, jobs, parts, cache_dir, target), daemon=True)
        self.thread.start()

    def _index_all(self, run: int, jobs: list[tuple[Path, Path, int]], parts: list[tuple[str, Path]],
                   cache_dir: Path, target: Path) -> None:
        for staging, bundle, chunk_words in jobs:
            work = Path(tempfile.mkdtemp(prefix="tmp-", dir=cache_dir))
            try:
                with self.lock:
                    if run != self.run:  # stopped: a newer save replaces these records
                        return
                    command = pagefind_command(staging, work / BUNDLE_DIR, chunk_words)
                    self.process = process = subprocess.Popen(  # below the next save's rebuild
                        [*BACKGROUND_PREFIX, *command],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                _, errors = process.communicate()
                if process.returncode != 0:
                    if run == self.run:  # not stopped: it failed
                        _LOG.warning(f"Tìm kiếm (Pagefind): lập chỉ mục nền cho phần {staging.name} thất bại, "
                                     f"tìm kiếm chưa có thay đổi mới: {errors.decode('utf-8', 'replace')[-1000:]}")
                    return
                with self.lock:
                    if run != self.run:
                        return
                    _finish(work / BUNDLE_DIR, bundle, staging)
            finally:
                shutil.rmtree(work, ignore_errors=True)
        with self.lock:
            if run == self.run:
                _prune(cache_dir, [bundle for _, bundle in parts])
                if target.parent.is_dir():
                    publish_parts(parts, target)

    def stop(self) -> None:
        """No run started before writes anything after this returns: a run finishes or
        publishes only under the lock, after checking it is still the current run. Its
        thread is not waited for: it only removes its own work folder (Pagefind's half-made
        bundle, thousands of files), which would hold up the rebuild an editor waits for."""
        with self.lock:
            self.run += 1
            process, self.process = self.process, None
            self.thread = None
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait()

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None


_BACKGROUND = _BackgroundIndex()
