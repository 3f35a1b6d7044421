"""Reading a built site's Pagefind bundles in tests: every fragment (one per indexed page) of
every part (wardportal.search_shards), and the readable text published beside it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before the JSON of a decompressed file


def fragments(site_dir: Path) -> dict[str, dict]:
    """URL → fragment (url, content, meta, filters) of every page in `site_dir/pagefind/*/`."""
    found = {}
    for path in (site_dir / "pagefind").glob("*/fragment/*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        fragment = json.loads(data[len(SIGNATURE):])
        found[fragment["url"]] = fragment
    return found


def page_text(site_dir: Path, url: str) -> str:
    """The readable text of the page at `url` (`/bai-viet/x/`), as the search page fetches it:
    from the part its fragment names."""
    part = fragments(site_dir)[url]["meta"]["shard"]
    return (site_dir / "pagefind" / part / "text" / url.strip("/") / "index.txt").read_text(encoding="utf-8")


def parts(site_dir: Path) -> list[str]:
    """The parts the search page merges, newest first (`pagefind/parts.json`)."""
    return json.loads((site_dir / "pagefind" / "parts.json").read_text(encoding="utf-8"))["parts"]
