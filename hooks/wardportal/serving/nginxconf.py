"""The portal's nginx configuration, filled in from deploy/nginx/*.template.

One place decides the headers (the policies below), so the shipped example, the printed
configuration and the tests never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[3] / "deploy" / "nginx"

PORTAL_CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
              "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
              "manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
              "frame-ancestors 'none'")
# The editor page's one inline script (editor/web/index.html: `window.CMS_MANUAL_INIT = true;`)
# is allowed by its hash; test_serving_nginx checks every inline script of the editor has one.
EDITOR_INLINE_HASHES = ("sha256-Hx47mYK7okpadKVYneZvwqwuJSl8ZUaC0EMxEJ/t+8c=",)
EDITOR_CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval' " + " ".join(f"'{h}'" for h in EDITOR_INLINE_HASHES) + "; "
              "style-src 'self' 'unsafe-inline'; "
              "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'{connect}; "
              "worker-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'; "
              "form-action 'self'; frame-ancestors 'none'")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
MIME_TYPES = "/etc/nginx/mime.types"
# Debian 12's libnginx-mod-http-brotli-static puts the module here and loads it for the
# system nginx from modules-enabled/ (a `load_module` line); nginx.conf includes that folder.
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MODULES_ENABLED = Path("/etc/nginx/modules-enabled")


class ConfigError(Exception):
    """A value that cannot go into the configuration; the message is Vietnamese."""


@dataclass(frozen=True)
class ServerOptions:
    root: Path
    listen: str                   # "HOST:PORT", "PORT" or "[::1]:PORT"
    server_name: str = "_"
    base_path: str = "/"          # the path of site_url
    access_log: str = "/var/log/nginx/access.log"
    error_log: str = "/var/log/nginx/error.log"
    editor_connect: tuple[str, ...] = ()  # the editor's backend (e.g. https://gitlab.example.vn)
    tls_cert: str | None = None
    tls_key: str | None = None
    brotli: bool = False          # `brotli_static on`: only where nginx has the module loaded


def brotli_enabled_for_system_nginx(enabled: Path = MODULES_ENABLED) -> bool:
    """Whether Debian's nginx loads the brotli_static module (modules-enabled/*.conf)."""
    for conf in sorted(enabled.glob("*.conf")) if enabled.is_dir() else ():
        try:
            text = conf.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if re.search(r"^\s*load_module\s+\S*ngx_http_brotli_static_module\.so\s*;", text, re.M):
            return True
    return False


def server_config(options: ServerOptions) -> str:
    """The http-context part: the maps and the server block."""
    host, port = _split_listen(options.listen)
    ssl = " ssl" if options.tls_cert else ""
    if host.startswith("["):  # an IPv6 address given: its IPv4 twin too
        listen_v6, listen = f"{host}:{port}{ssl}", f"{'127.0.0.1' if host == '[::1]' else '0.0.0.0'}:{port}{ssl}"
    else:
        listen = f"{host}:{port}{ssl}" if host else f"{port}{ssl}"
        listen_v6 = f"[::1]:{port}{ssl}" if host in ("127.0.0.1", "localhost") else f"[::]:{port}{ssl}"
    for value in (str(options.root), options.access_log, options.error_log, *options.editor_connect,
                  options.tls_cert or "", options.tls_key or "", *options.server_name.split()):
        if re.search(r"[\s;{}\"'$\\]", value):
            raise ConfigError(f"giá trị “{value}” có khoảng trắng hoặc ký tự đặc biệt: không đưa vào cấu hình "
                              f"nginx được. Hãy dùng đường dẫn hoặc tên không có các ký tự đó.")
    tls = ""
    portal_csp = PORTAL_CSP
    if options.tls_cert:
        if not options.tls_key:
            raise ConfigError("có --tls-cert thì cần cả --tls-key (khóa riêng của chứng chỉ).")
        tls = (f"    ssl_certificate {options.tls_cert};\n    ssl_certificate_key {options.tls_key};\n"
               "    ssl_protocols TLSv1.2 TLSv1.3;\n"
               '    add_header Strict-Transport-Security "max-age=31536000" always;\n')
        portal_csp += "; upgrade-insecure-requests"
    connect = "".join(f" {origin}" for origin in options.editor_connect)
    return _fill("portal.conf.template",
        base_path=_base(options.base_path), root=str(options.root), listen=listen,
        listen_v6=listen_v6, server_name=options.server_name, access_log=options.access_log,
        error_log=options.error_log, portal_csp=portal_csp, editor_csp=EDITOR_CSP.format(connect=connect),
        permissions_policy=PERMISSIONS_POLICY, tls=tls,
        brotli="    brotli_static on;                 # page.html.br, for browsers that accept br\n"
               if options.brotli else "")


def standalone_config(options: ServerOptions, prefix: Path, *, daemon: bool = True, user: str | None = None,
                      brotli_module: Path = BROTLI_MODULE) -> str:
    """A complete nginx.conf for `nginx -p PREFIX -c FILE`, without root: everything under PREFIX.
    With `options.brotli` it loads `brotli_module` itself (it reads no modules-enabled/)."""
    if options.brotli and not brotli_module.is_file():
        raise ConfigError(f"không có mô-đun brotli của nginx ({brotli_module}): cài gói "
                          f"libnginx-mod-http-brotli-static (apt-get install) hoặc dùng --brotli off.")
    prefix_text = str(prefix.resolve()).rstrip("/") + "/"
    options = ServerOptions(**{**options.__dict__, "access_log": prefix_text + "logs/access.log",
                               "error_log": prefix_text + "logs/error.log"})
    server = "\n".join(("    " + line) if line else "" for line in server_config(options).splitlines())
    return _fill("standalone.conf.template",
        prefix=prefix_text, daemon="on" if daemon else "off", mime_types=MIME_TYPES,
        load_modules=f"load_module {brotli_module};\n" if options.brotli else "",
        user=f"user {user};\n" if user else "",
        server=server)


def prepare_prefix(prefix: Path) -> None:
    """The folders a standalone nginx writes to."""
    for name in ("logs", "tmp"):
        (prefix / name).mkdir(parents=True, exist_ok=True)


def _fill(name: str, **values: str) -> str:
    """`{{name}}` placeholders (nginx has its own `$variables`); a missing value is a bug."""
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    return re.sub(r"\{\{(\w+)\}\}", lambda match: values[match[1]], text)


def _base(path: str) -> str:
    path = "/" + path.strip("/") + "/" if path.strip("/") else "/"
    if not re.fullmatch(r"[A-Za-z0-9._~/-]+", path):
        raise ConfigError(f"đường dẫn gốc “{path}” (site_url) có ký tự không dùng được trong cấu hình nginx.")
    return path


def _split_listen(listen: str) -> tuple[str, str]:
    match = re.fullmatch(r"(?:(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})", listen.strip())
    if match is None or not 0 < int(match[2]) < 65536:
        raise ConfigError(f"--listen “{listen}” không hợp lệ: dùng HOST:PORT (ví dụ 0.0.0.0:80, 127.0.0.1:8080) "
                          f"hoặc chỉ PORT.")
    return match[1] or "", match[2]
