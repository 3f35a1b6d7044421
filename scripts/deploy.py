#!/usr/bin/env python3
"""Going live: print the nginx configuration, build and switch a release, roll back.

    python scripts/deploy.py nginx --root DIR --listen HOST:PORT [--server-name NAME]
                                   [--standalone --prefix PREFIX [--user USER] [--foreground]]
                                   [--access-log FILE] [--editor-connect ORIGIN]...
                                   [--tls-cert FILE --tls-key FILE] [--brotli auto|on|off]
                                   [--config mkdocs.yml]
    python scripts/deploy.py release --to DIR [--keep 5] [--config mkdocs.yml]
    python scripts/deploy.py rollback --to DIR

A release is built with `mkdocs build --strict` into DIR/releases/<timestamp>/ and made live
by switching the DIR/current symlink (nginx's root); a failing build never replaces what is
live. `--brotli auto` (the default) turns `brotli_static` on only where nginx has the module:
for a server block, when /etc/nginx/modules-enabled/ loads it; with --standalone, when
Debian's module file is installed (the printed nginx.conf then loads it).
Exit codes: 0 ok; 1 when the build failed (nothing was switched); 2 on any other error.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse


import _bootstrap
from wardportal.dates import now_in_vietnam
from wardportal.serving.nginxconf import (BROTLI_MODULE, ConfigError, ServerOptions, brotli_enabled_for_system_nginx,
                                          prepare_prefix, server_config, standalone_config)
from wardportal.serving.releases import (CURRENT, KEEP, RELEASES, ReleaseError, current_release, deploy_lock,
                                         new_release_name, previous_release, prune, switch_to)


class UsageError(Exception):
    """Bad arguments: printed, exit 2."""


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except (UsageError, ConfigError, ReleaseError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = _bootstrap.ArgumentParser(description="Đưa cổng lên mạng: cấu hình nginx, phát hành, quay lại bản trước.")
    commands = parser.add_subparsers(required=True, metavar="LỆNH")

    nginx = commands.add_parser("nginx", help="in cấu hình nginx của cổng")
    nginx.add_argument("--root", required=True, help="thư mục nginx phục vụ (ví dụ /srv/portal/current)")
    nginx.add_argument("--listen", required=True, help="HOST:PORT hoặc PORT, ví dụ 0.0.0.0:80")
    nginx.add_argument("--server-name", default="_", help="tên miền của cổng (mặc định: mọi tên)")
    nginx.add_argument("--standalone", action="store_true",
                       help="in cả tệp nginx.conf chạy được bằng `nginx -p PREFIX -c TỆP` (không cần root)")
    nginx.add_argument("--prefix", help="với --standalone: thư mục chứa pid, tệp tạm và nhật ký (được tạo nếu chưa có)")
    nginx.add_argument("--user", help="với --standalone: tài khoản chạy nginx worker khi khởi động bằng root")
    nginx.add_argument("--foreground", action="store_true", help="với --standalone: `daemon off` (chạy ở tiền cảnh)")
    nginx.add_argument("--access-log", default="/var/log/nginx/access.log", help="nhật ký truy cập (combined)")
    nginx.add_argument("--error-log", default="/var/log/nginx/error.log", help="nhật ký lỗi")
    nginx.add_argument("--editor-connect", action="append", default=[],
                       help="địa chỉ máy chủ nội dung trang biên tập /quan-tri/ cần gọi (ví dụ https://gitlab.example.vn)")
    nginx.add_argument("--tls-cert", help="chứng chỉ HTTPS (fullchain.pem)")
    nginx.add_argument("--tls-key", help="khóa riêng của chứng chỉ (privkey.pem)")
    nginx.add_argument("--brotli", choices=("auto", "on", "off"), default="auto",
                       help="phục vụ tệp .br (brotli_static); auto: chỉ khi nginx có mô-đun brotli (mặc định)")
    nginx.add_argument("--config", default=str(_bootstrap.ROOT / "mkdocs.yml"), help="mkdocs.yml (đọc site_url)")
    nginx.set_defaults(run=_nginx)

    release = commands.add_parser("release", help="dựng bản mới (--strict) rồi chuyển sang nó")
    release.add_argument("--to", required=True, help="thư mục triển khai (chứa releases/ và current)")
    release.add_argument("--keep", type=int, default=KEEP, help=f"số bản giữ lại (mặc định: {KEEP})")
    release.add_argument("--config", default=str(_bootstrap.ROOT / "mkdocs.yml"), help="mkdocs.yml của cổng")
    release.set_defaults(run=_release)

    rollback = commands.add_parser("rollback", help="quay lại bản phát hành trước")
    rollback.add_argument("--to", required=True, help="thư mục triển khai")
    rollback.set_defaults(run=_rollback)
    return parser


def _nginx(args: argparse.Namespace) -> int:
    options = ServerOptions(root=Path(args.root).absolute(), listen=args.listen, server_name=args.server_name,
                            base_path=_base_path(Path(args.config)), access_log=args.access_log,
                            error_log=args.error_log, editor_connect=tuple(args.editor_connect),
                            tls_cert=args.tls_cert, tls_key=args.tls_key, brotli=_brotli(args))
    if not args.standalone:
        if args.prefix or args.user or args.foreground:
            raise UsageError("--prefix, --user và --foreground chỉ dùng cùng --standalone.")
        print(server_config(options), end="")
        return 0
    if not args.prefix:
        raise UsageError("--standalone cần --prefix THƯ_MỤC (nơi để pid, tệp tạm và nhật ký).")
    prefix = Path(args.prefix)
    prepare_prefix(prefix)
    print(standalone_config(options, prefix, daemon=not args.foreground, user=args.user), end="")
    return 0


def _brotli(args: argparse.Namespace) -> bool:
    """--brotli auto: the module file for a standalone nginx, modules-enabled/ for the system's."""
    if args.brotli != "auto":
        return args.brotli == "on"
    return BROTLI_MODULE.is_file() if args.standalone else brotli_enabled_for_system_nginx()


def _release(args: argparse.Namespace) -> int:
    config = Path(args.config).resolve()
    if not config.is_file():
        raise UsageError(f"không tìm thấy {config}.")
    if args.keep < 1:
        raise UsageError("--keep phải từ 1 trở lên.")
    target = Path(args.to).absolute()
    with deploy_lock(target):
        name = new_release_name(target, now_in_vietnam())
        building = target / RELEASES / f"{name}.tmp"
        building.mkdir(parents=True)
        started = datetime.now()
        print(f"Đang dựng bản {name} (mkdocs build --strict)…", flush=True)
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(building)]
        result = subprocess.run(command, cwd=config.parent, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print(result.stdout, end="", flush=True)
        if result.returncode != 0 or not (building / "index.html").is_file():
            shutil.rmtree(building, ignore_errors=True)
            live = current_release(target)
            print(f"Lỗi: dựng bản {name} không thành công (mã {result.returncode}); bản đang chạy giữ nguyên"
                  + (f" ({live.name})." if live else "."), file=sys.stderr)
            return 1
        release = building.with_name(name)
        os.replace(building, release)
        switch_to(target, release)
        gone = prune(target, args.keep)
    seconds = (datetime.now() - started).total_seconds()
    print(f"Đã phát hành {name} sau {seconds:.0f} giây: {target / CURRENT} → {RELEASES}/{name}"
          + (f"; xóa {len(gone)} bản cũ." if gone else "."))
    return 0


def _rollback(args: argparse.Namespace) -> int:
    target = Path(args.to).absolute()
    with deploy_lock(target):
        live = current_release(target)
        previous = previous_release(target)
        switch_to(target, previous)
    print(f"Đã quay lại {previous.name} (trước đó: {live.name if live else 'không có'}).")
    return 0


def _base_path(config: Path) -> str:
    """The path part of site_url (a portal under https://example.vn/phuong/ is at /phuong/)."""
    try:
        text = config.read_text(encoding="utf-8")
    except FileNotFoundError:
        return "/"
    site_url = next((line.split(":", 1)[1].strip().strip("'\"") for line in text.splitlines()
                     if line.startswith("site_url:")), "")
    return urlparse(site_url).path or "/"


if __name__ == "__main__":
    _bootstrap.run(main)
