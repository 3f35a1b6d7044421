"""The portal served by a real nginx with the configuration scripts/deploy.py prints:
headers per file kind, gzip and Brotli twins served (and gzip alone by an nginx without the
Brotli module), the 404 page, IPv6, and in Chromium every page kind under the enforced
Content-Security-Policy without a violation or console error."""

from __future__ import annotations

import gzip
import re
import shutil
import ssl
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import brotli
import pytest

from browser_support import browser  # noqa: F401  (fixture)
from nginx_support import NGINX, Nginx, ROOT, open_recording, require_brotli_module, require_nginx
from wardportal.serving.nginxconf import (EDITOR_CSP, PORTAL_CSP, ConfigError, ServerOptions,
                                          brotli_enabled_for_system_nginx, standalone_config)

PAGE_KINDS = {
    "home": "",
    "category": "chuyen-muc/tin-hoat-dong/",
    "article": "bai-viet/chuyen-doi-so-du-lieu-dung-chung/",
    "archive": "luu-tru/",
    "month": "luu-tru/2026/03/",
    "unit": "don-vi/dang-uy/",
    "units": "don-vi/",
    "statistics": "thong-ke/",
    "statistics period": "thong-ke/2026/03/",
    "not found": "khong-co-trang-nay/",
    "documents": "van-ban/",
    "schedule": "lich-cong-tac/",
    "intro": "gioi-thieu/",
    "search": "tim-kiem/?q=chuyen%20doi%20so",
}
# A probe page: an inline script (must be refused on the portal) and a script that calls
# eval (refused on the portal, allowed in the editor's location).
PROBE_HTML = ('<!doctype html><html><head><meta charset="utf-8"><title>probe</title>'
              '<script>document.title = "inline ran"</script>'
              '</head><body><script src="/thu-csp/eval.js"></script></body></html>')
PROBE_JS = 'try { eval("document.body.dataset.evaluated = \'yes\'"); } catch (e) { document.body.dataset.evaluated = "no"; }'


@pytest.fixture(scope="module")
def served(sample_site, tmp_path_factory):
    root = tmp_path_factory.mktemp("served")
    site = root / "site"
    shutil.copytree(sample_site.site, site, symlinks=True)
    for folder in ("thu-csp", "quan-tri/thu-csp"):  # the editor's own page stays as built
        (site / folder).mkdir(parents=True, exist_ok=True)
        (site / folder / "index.html").write_text(PROBE_HTML, encoding="utf-8")
    (site / "thu-csp" / "eval.js").write_text(PROBE_JS, encoding="utf-8")
    (site / ".an").write_text("secret", encoding="utf-8")
    server = Nginx(site, root / "nginx", config=ROOT / "mkdocs.yml")
    yield server, site
    server.stop()


def _only(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, pattern
    return str(found[0].relative_to(site))


def test_headers_per_file_kind(served) -> None:
    server, site = served
    status, headers, _ = server.get("")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "public, max-age=300, must-revalidate"
    assert headers["Content-Security-Policy"] == PORTAL_CSP
    assert "'unsafe-inline'" not in PORTAL_CSP.split("script-src")[1].split(";")[0]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in PORTAL_CSP
    assert "camera=()" in headers["Permissions-Policy"]
    for fingerprinted in (_only(site, "assets/javascripts/bundle.*.min.js"),
                          _only(site, "assets/stylesheets/main.*.min.css"),
                          _only(site, "assets/javascripts/workers/search.*.min.js"),
                          _only(site, "pagefind/*/fragment/*.pf_fragment"), _only(site, "pagefind/*/index/*.pf_index")):
        status, headers, _ = server.get(fingerprinted)
        assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable", fingerprinted
        assert headers["Content-Security-Policy"] == PORTAL_CSP  # every location keeps the headers
    for plain in ("assets/stylesheets/ward.css", "assets/javascripts/ward-head.js", "rss.xml",
                  _only(site, "images/**/*.webp")):
        status, headers, _ = server.get(plain)
        assert status == 200 and headers["Cache-Control"] == "public, max-age=3600", plain
    status, headers, _ = server.get("pagefind/parts.json")  # the parts can change with any rebuild
    assert status == 200 and headers["Cache-Control"] == "no-cache"
    assert server.get("rss.xml")[1]["Content-Type"] == "text/xml; charset=utf-8"
    status, headers, _ = server.get("quan-tri/thu-csp/")
    assert status == 200 and headers["Content-Security-Policy"] == EDITOR_CSP.format(connect="")


def test_gzip_twins_are_served(served) -> None:
    server, site = served
    for path, original in (("", "index.html"), ("sitemap.xml", "sitemap.xml"),
                           ("pagefind/tat-ca/pagefind-entry.json", "pagefind/tat-ca/pagefind-entry.json"),
                           (_only(site, "assets/javascripts/bundle.*.min.js"), None)):
        original = original or path
        status, headers, body = server.get(path, {"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip", path
        assert headers["Vary"] == "Accept-Encoding"
        assert gzip.decompress(body) == (site / original).read_bytes(), path
        status, headers, body = server.get(path)  # a client without gzip gets the original
        assert headers["Content-Encoding"] is None and body == (site / original).read_bytes()


COMPRESSED = (("", "index.html"), ("sitemap.xml", "sitemap.xml"), ("pagefind/tat-ca/pagefind-entry.json", "pagefind/tat-ca/pagefind-entry.json"),
              ("assets/stylesheets/ward.css", "assets/stylesheets/ward.css"))


def test_brotli_twins_are_served_where_the_module_is(served) -> None:
    require_brotli_module()
    server, site = served
    assert "brotli_static on;" in server.config.read_text(encoding="utf-8")  # --brotli auto found it
    for path, original in COMPRESSED:
        assert (site / f"{original}.br").stat().st_size < (site / original).stat().st_size, original
        for accepted in ("br", "gzip, deflate, br"):  # a browser's header: br preferred
            status, headers, body = server.get(path, {"Accept-Encoding": accepted})
            assert status == 200 and headers["Content-Encoding"] == "br", (path, accepted)
            assert headers["Vary"] == "Accept-Encoding" and headers["Content-Security-Policy"] == PORTAL_CSP
            assert headers["Content-Length"] == str(len(body))
            assert headers["Content-Type"] == server.get(path)[1]["Content-Type"]  # the original's type
            assert brotli.decompress(body) == (site / original).read_bytes(), path
        status, headers, body = server.get(path, {"Accept-Encoding": "gzip"})  # gzip still served
        assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == (site / original).read_bytes()


def test_an_nginx_without_the_brotli_module_serves_gzip(served, tmp_path) -> None:
    _, site = served
    server = Nginx(site, tmp_path / "nginx", config=ROOT / "mkdocs.yml", options=("--brotli", "off"))
    try:
        config = server.config.read_text(encoding="utf-8")
        assert "brotli_static on;" not in config and "load_module" not in config
        for path, original in COMPRESSED:
            status, headers, body = server.get(path, {"Accept-Encoding": "gzip, deflate, br"})
            assert status == 200 and headers["Content-Encoding"] == "gzip", path
            assert gzip.decompress(body) == (site / original).read_bytes()
            status, headers, body = server.get(path, {"Accept-Encoding": "br"})  # the original, never a .br
            assert status == 200 and headers["Content-Encoding"] is None and body == (site / original).read_bytes()
    finally:
        server.stop()


def test_brotli_auto_follows_the_module(tmp_path) -> None:
    enabled = tmp_path / "modules-enabled"
    enabled.mkdir()
    (enabled / "50-mod-http-echo.conf").write_text("load_module modules/ngx_http_echo_module.so;\n")
    assert not brotli_enabled_for_system_nginx(enabled)
    (enabled / "50-mod-http-brotli-static.conf").write_text(
        "# brotli\nload_module modules/ngx_http_brotli_static_module.so;\n")
    assert brotli_enabled_for_system_nginx(enabled)
    assert not brotli_enabled_for_system_nginx(tmp_path / "missing")
    printed = subprocess.run([sys.executable, str(ROOT / "scripts" / "deploy.py"), "nginx", "--root", str(tmp_path),
                              "--listen", "8080", "--brotli", "off"], capture_output=True, text=True, check=True)
    assert "gzip_static on;" in printed.stdout and "brotli_static on;" not in printed.stdout
    options, module = ServerOptions(root=tmp_path, listen="8080", brotli=True), tmp_path / "brotli.so"
    with pytest.raises(ConfigError, match="libnginx-mod-http-brotli-static"):  # --brotli on, no module
        standalone_config(options, tmp_path, brotli_module=module)
    module.write_bytes(b"")
    config = standalone_config(options, tmp_path, brotli_module=module)
    assert config.startswith(f"# Ward Portal") and f"\nload_module {module};\nworker_processes" in config
    assert "brotli_static on;" in config


def test_not_found_redirects_hidden_files_and_ipv6(served) -> None:
    server, _ = served
    status, headers, body = server.get("khong-co-trang-nay/")
    assert status == 404 and "Không tìm thấy trang (lỗi 404)" in body.decode("utf-8")
    assert headers["Content-Security-Policy"] == PORTAL_CSP
    status, headers, _ = server.get("bai-viet/chuyen-doi-so-du-lieu-dung-chung")
    assert status == 301 and headers["Location"] == "/bai-viet/chuyen-doi-so-du-lieu-dung-chung/"
    assert server.get(".an")[0] == 404
    with urllib.request.urlopen(f"http://[::1]:{server.port}/", timeout=10) as response:
        assert response.status == 200  # `listen [::1]:PORT` beside 127.0.0.1
    log = server.access_log().read_text(encoding="utf-8").splitlines()
    combined = re.compile(r'127\.0\.0\.1 - - \[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] '
                          r'"GET /khong-co-trang-nay/ HTTP/1\.1" 404 \d+ "-" "Python-urllib/[\d.]+"')
    assert any(combined.fullmatch(line) for line in log), log[-3:]  # what scripts/views.py reads


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_kind_runs_under_the_policy(browser, served, kind) -> None:  # noqa: F811
    server, _ = served
    context, page, messages = open_recording(browser, server.url(PAGE_KINDS[kind]))
    try:
        assert page.evaluate("typeof __md_get") == "function"  # Material's helpers, from a file
        if kind == "search":  # Pagefind's WebAssembly and worker load under the policy
            page.locator(".ward-result").first.wait_for(timeout=15000)
        violations = page.evaluate("window.__violations")
    finally:
        context.close()
    assert violations == []
    if kind == "not found":  # the page itself answers 404, as it should
        messages = [m for m in messages if m not in (f"404: {server.url(PAGE_KINDS[kind])}",
                    "error: Failed to load resource: the server responded with a status of 404 (Not Found)")]
    assert messages == []


def test_the_policy_is_enforced_and_the_editor_has_its_own(browser, served) -> None:  # noqa: F811
    server, _ = served
    context, page, messages = open_recording(browser, server.url("thu-csp/"))
    try:
        assert page.title() == "probe"  # the inline script was refused
        assert page.locator("body").get_attribute("data-evaluated") == "no"
        violations = page.evaluate("window.__violations")
    finally:
        context.close()
    assert any(v.startswith("script-src") and v.endswith("inline") for v in violations), violations
    assert any(v.startswith("script-src") and v.endswith("eval") for v in violations), violations
    context, page, _ = open_recording(browser, server.url("quan-tri/thu-csp/"))
    try:
        assert page.locator("body").get_attribute("data-evaluated") == "yes"  # the editor may evaluate
        assert page.title() == "probe"  # but runs no inline script either
    finally:
        context.close()


def test_the_server_block_for_sites_available_passes_nginx_t(tmp_path) -> None:
    """What the README installs: `deploy.py nginx --listen 80` inside Debian's http context."""
    printed = subprocess.run([sys.executable, str(ROOT / "scripts" / "deploy.py"), "nginx", "--root",
                              str(tmp_path / "current"), "--listen", "80", "--server-name", "phuong.example.gov.vn",
                              "--access-log", str(tmp_path / "access.log"), "--error-log", str(tmp_path / "error.log"),
                              "--brotli", "off"], capture_output=True, text=True, check=True).stdout
    assert "    listen 80;\n    listen [::]:80;" in printed  # IPv6 beside IPv4 (NĐ 224/2026, Đ11)
    (tmp_path / "ward-portal.conf").write_text(printed, encoding="utf-8")
    config = tmp_path / "nginx.conf"
    config.write_text(f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
                      f"http {{\n    include /etc/nginx/mime.types;\n    include {tmp_path}/ward-portal.conf;\n}}\n")
    require_nginx()
    checked = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_https_with_the_hosts_certificate(tmp_path) -> None:
    """--tls-cert/--tls-key under the real nginx: TLS, HSTS, and the policy upgrades requests."""
    require_nginx()
    cert, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>Cổng</title>", encoding="utf-8")
    server = Nginx(site, tmp_path / "nginx", config=ROOT / "mkdocs.yml",
                   options=("--tls-cert", str(cert), "--tls-key", str(key)))
    try:
        context = ssl.create_default_context(cafile=str(cert))
        with urllib.request.urlopen(f"https://127.0.0.1:{server.port}/", context=context, timeout=10) as response:
            assert response.status == 200 and response.headers["Strict-Transport-Security"] == "max-age=31536000"
            assert response.headers["Content-Security-Policy"] == PORTAL_CSP + "; upgrade-insecure-requests"
        with pytest.raises(urllib.error.HTTPError) as refused:  # plain HTTP on the TLS port: no page
            urllib.request.urlopen(f"http://127.0.0.1:{server.port}/", timeout=10).read()
        assert refused.value.code == 400
    finally:
        server.stop()
