"""Build settings: `extra.ward` in mkdocs.yml, overridden by environment variables.

WARD_PREVIEW=1 shows drafts and future articles; WARD_AS_OF=YYYY-MM-DD fixes "today"
so that a build (and its quota figures) can be reproduced exactly. WARD_INTERNAL=1 makes an
internal build: it holds what a board keeps off the public portal (the Thống kê section when
`extra.ward.stats_public: false`), as `mkdocs serve` and preview builds do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Mapping

from wardportal.dates import DateFormatError, now_in_vietnam, parse_as_of
from wardportal.listings import DEFAULT_PAGE_SIZE, HomeSettings
from wardportal.search_shards import DEFAULT_MOST

MAX_PAGE_SIZE = 500  # articles on one list page; more makes pages too heavy for a phone
MAX_RELATED = 50
MAX_SHARD_PAGES = 1_000_000
_TRUE = {"1", "true", "yes", "on", "co", "có"}
_FALSE = {"0", "false", "no", "off", "khong", "không", ""}


class ServeMode:
    """Whether this process is `mkdocs serve` (the editors' preview): internal sections are
    built, what only a deployed site uses is skipped, and what a later save needs stays in
    memory. Set once in on_startup, which `mkdocs serve` does not call again for its
    rebuilds: so it lives here, not in the hook."""

    active = False


class SettingsError(ValueError):
    """A setting has a value we cannot use; the message says which and what is accepted."""


@dataclass(frozen=True)
class PortalSettings:
    page_size: int = DEFAULT_PAGE_SIZE
    preview: bool = False
    as_of: datetime | None = None
    related_count: int = 5
    home: HomeSettings = HomeSettings()
    cache_folder: str | None = None
    frames: bool = True  # WARD_FRAMES=0 renders every page in full (to compare, or to debug a theme)
    stats_public: bool = True  # extra.ward.stats_public: false keeps Thống kê out of public builds
    internal: bool = False  # WARD_INTERNAL=1, or `mkdocs serve`: a build never published
    search_shard_pages: int = DEFAULT_MOST  # pages in one part of the search index (wardportal.search_shards)

    def cache_dir(self, config_file: str | None) -> Path:
        """Caches live outside site/: `.cache/` beside mkdocs.yml unless set."""
        base = Path(config_file).parent if config_file else Path.cwd()
        return base / (self.cache_folder or ".cache")

    @property
    def now(self) -> datetime:
        return self.as_of or now_in_vietnam()

    @property
    def stats_built(self) -> bool:
        """The Thống kê section is in this build: public, or a build no reader sees."""
        return self.stats_public or self.internal or self.preview


def read_settings(raw: Mapping | None, environ: Mapping[str, str]) -> PortalSettings:
    if raw is not None and not isinstance(raw, Mapping):
        raise SettingsError("extra.ward trong mkdocs.yml phải là các cặp `khóa: giá trị` (page_size, related…).")
    raw = dict(raw or {})
    page_size = _whole_number(raw, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    related = _whole_number(raw, "related", 5, 0, MAX_RELATED)
    shard_pages = _whole_number(raw, "search_shard_pages", DEFAULT_MOST, 1, MAX_SHARD_PAGES)
    preview = raw.get("preview", False)
    if not isinstance(preview, bool):
        raise SettingsError(f"extra.ward.preview chỉ nhận `true` hoặc `false`, đang là `{preview}`.")
    cache_folder = raw.get("cache_dir")
    if cache_folder is not None and (not isinstance(cache_folder, str) or not cache_folder.strip()):
        raise SettingsError(f"extra.ward.cache_dir phải là tên một thư mục, đang là `{cache_folder}`.")
    stats_public = raw.get("stats_public", True)
    if not isinstance(stats_public, bool):
        raise SettingsError(f"extra.ward.stats_public chỉ nhận `true` (mục Thống kê công khai) hoặc `false` "
                            f"(chỉ có khi xem trước hoặc dựng nội bộ), đang là `{stats_public}`.")
    internal = _switch(environ, "WARD_INTERNAL") or ServeMode.active
    if "WARD_PREVIEW" in environ:
        preview = environ["WARD_PREVIEW"].strip().lower() in _TRUE
    as_of_text = environ.get("WARD_AS_OF") or raw.get("as_of")
    as_of = None
    if as_of_text:
        try:
            as_of = parse_as_of(str(as_of_text))
        except (DateFormatError, ValueError):
            raise SettingsError(f"ngày tính số liệu `{as_of_text}` không hợp lệ: dùng dạng YYYY-MM-DD.") from None
    return PortalSettings(page_size=page_size, preview=preview, as_of=as_of,
                          related_count=related,
                          cache_folder=environ.get("WARD_CACHE_DIR") or cache_folder,
                          frames=environ.get("WARD_FRAMES", "1").strip().lower() in _TRUE,
                          stats_public=stats_public, internal=internal, search_shard_pages=shard_pages)


def _switch(environ: Mapping[str, str], name: str) -> bool:
    """An on/off environment variable: unset or empty is off; anything unclear is an error."""
    value = environ.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"biến môi trường {name} chỉ nhận 1 (bật) hoặc 0 (tắt), đang là `{environ[name]}`.")


def _whole_number(raw: Mapping, key: str, default: int, low: int, high: int) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise SettingsError(f"extra.ward.{key} phải là số nguyên từ {low} đến {high}, đang là `{value}`.")
    return value
