"""PortalPage computes its addresses without urljoin; they must equal MkDocs' own."""

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from ward_mkdocs.portal_pages import PortalPage


@pytest.mark.parametrize("site_url", ["https://phuong.example.vn/", "https://phuong.example.vn",
                                      "https://example.vn/cong/", "http://127.0.0.1:8000/x", ""])
@pytest.mark.parametrize("dest_uri", ["bai-viet/tin-so-1/index.html", "chuyen-muc/tin/trang-2/index.html",
                                      "index.html", "thong-ke/2026/01/index.html"])
def test_addresses_equal_mkdocs(site_url, dest_uri):
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "site_url": site_url or None})
    config.validate()
    file = File("a.md", "/src", "/site", True, dest_uri=dest_uri)
    ours, theirs = PortalPage(None, file, config), Page(None, file, config)
    assert (ours.canonical_url, ours.abs_url) == (theirs.canonical_url, theirs.abs_url)
