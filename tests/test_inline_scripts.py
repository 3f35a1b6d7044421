"""No inline script in any built page (the Content-Security-Policy forbids them), and the
portal's copies of Material's inline scripts still match the installed Material."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from conftest import ROOT

MATERIAL_PARTIALS = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
OURS = ROOT / "theme" / "assets" / "javascripts" / "material-inline"
# Material's template expressions, and what the files read instead (the script tag's data-*)
TEMPLATE_VALUES = {
    'new URL("{{ config.extra.scope | d(base_url) }}",location)': "new URL(document.currentScript.dataset.scope,location)",
    'new URL("{{ base_url }}")': "new URL(document.currentScript.dataset.base)",
}
# Material's partial → our file for each of its inline scripts, in order
FILES = {"announce": ["announce"], "base": ["base"], "consent": ["consent"], "outdated": ["outdated"],
         "palette": ["palette"], "content": ["content-tabs-link", "content"]}
SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)


@pytest.mark.parametrize("partial", sorted(p.stem for p in MATERIAL_PARTIALS.glob("*.html")))
def test_our_files_are_materials_inline_scripts(partial: str) -> None:
    assert partial in FILES, f"Material has a new inline-script partial {partial}.html: override it in theme/partials/javascripts/"
    scripts = [body for attrs, body in SCRIPT_RE.findall((MATERIAL_PARTIALS / f"{partial}.html").read_text()) if "src=" not in attrs]
    assert len(scripts) == len(FILES[partial])
    for body, name in zip(scripts, FILES[partial]):
        for template, value in TEMPLATE_VALUES.items():
            body = body.replace(template, value)
        assert (OURS / f"{name}.js").read_text().strip() == body.strip(), f"{name}.js differs from Material's {partial}.html"
    override = (ROOT / "theme" / "partials" / "javascripts" / f"{partial}.html").read_text()
    assert "<script>" not in override


def test_no_built_page_has_an_inline_script(sample_site) -> None:
    pages = list(sample_site.site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        for attrs, body in SCRIPT_RE.findall(page.read_text(encoding="utf-8")):
            if "src=" in attrs:
                assert not body.strip(), page
            else:  # data (Material's __config, JSON-LD metadata) is never executed
                assert re.search(r'type="application/(ld\+)?json"', attrs), f"{page}: inline <script{attrs}>"
        assert not re.search(r"\son[a-z]+=\"", page.read_text(encoding="utf-8")), f"{page}: inline event handler"


def test_the_editors_inline_scripts_are_allowed_by_hash() -> None:
    import base64
    import hashlib

    from wardportal.serving.nginxconf import EDITOR_INLINE_HASHES
    page = (ROOT / "editor" / "web" / "index.html").read_text(encoding="utf-8")
    for attrs, body in SCRIPT_RE.findall(page):
        if "src=" not in attrs:
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            assert f"sha256-{digest}" in EDITOR_INLINE_HASHES, f"editor inline script without a hash: {body[:60]}"
