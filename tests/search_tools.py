"""Reading a built site's Pagefind bundle in tests: every fragment (one per indexed page)."""

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
