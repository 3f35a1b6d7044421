"""Reading a built site's Pagefind bundle in tests: every fragment (one per indexed page), and
the readable text published beside it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before the JSON of a decompressed file


def fragments(site_dir: Path) -> dict[str, dict]:
    """URL → fragment (url, content, meta, filters) of every page in `site_dir/pagefind`."""
    found = {}
    for path in (site_dir / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        fragment = json.loads(data[len(SIGNATURE):])
        found[fragment["url"]] = fragment
    return found


def page_text(site_dir: Path, url: str) -> str:
    """The readable text of the page at `url` (`/bai-viet/x/`), as the search page fetches it."""
    return (site_dir / "pagefind" / "text" / url.strip("/") / "index.txt").read_text(encoding="utf-8")
