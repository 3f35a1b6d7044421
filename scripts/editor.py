#!/usr/bin/env python3
"""The newsroom on one office machine: Decap CMS on decap-server (git mode) plus the live preview.

    python3 scripts/editor.py              # editor http://127.0.0.1:8080/quan-tri/, preview http://127.0.0.1:8000/

Drafts are git branches (cms/…); publishing merges into main. Ctrl-C stops everything.
decap-server has no login, so nothing listens beyond 127.0.0.1 unless --host names another
address AND --allow-remote is given (then anyone who reaches the port can publish).
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import sys
import time

import _bootstrap
import yaml
from wardportal.newsroom.bundle import BundleMissing, publish_editor
from wardportal.newsroom.local import (API_PATH, EditorPageServer, NewsroomError, PreviewWorktree,
                                       check_repository, free_port, is_loopback, start_decap_server,
                                       start_preview, stop, wait_for_backend)
from wardportal.newsroom.settings import EditorSettingsError, read_editor_settings
from wardportal.portal.documents import load_types
from wardportal.registry import load_registry
from wardportal.royalties.rules import load_rules

Path = _bootstrap.Path


def _arguments(argv):
    parser = _bootstrap.ArgumentParser(description="Mở trình biên tập (Decap CMS) và bản xem trước cổng trên máy này.")
    parser.add_argument("--repo", default=str(_bootstrap.ROOT), help="kho git của cổng (mặc định: thư mục dự án)")
    parser.add_argument("--branch", default="main", help="nhánh chứa bài đã đăng (mặc định: main)")
    parser.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này)")
    parser.add_argument("--allow-remote", action="store_true",
                        help="cho phép --host khác 127.0.0.1 (decap-server không có đăng nhập: ai vào được cổng đều sửa được bài)")
    parser.add_argument("--port", type=int, default=8080, help="cổng của trang biên tập (0: cổng trống bất kỳ)")
    parser.add_argument("--preview-port", type=int, default=8000, help="cổng của bản xem trước (0: cổng trống bất kỳ)")
    parser.add_argument("--work-dir", help="thư mục làm việc: trang biên tập, nhật ký, bản xem trước "
                        "(mặc định .cache/editor/ của dự án; luôn ở ngoài kho)")
    parser.add_argument("--no-preview", action="store_true", help="không chạy bản xem trước (mkdocs serve)")
    return parser.parse_args(argv)


def _site_config(repo: Path) -> dict:
    path = repo / "mkdocs.yml"
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise NewsroomError(f"không đọc được {path}: {exc}") from None
    if not isinstance(config, dict):
        raise NewsroomError(f"{path}: cấu hình không hợp lệ.")
    return config


def _docs_dir(repo: Path, config: dict) -> str:
    """The docs_dir as a path inside the repository (Decap's paths are relative to it)."""
    folder = (repo / str(config.get("docs_dir", "docs"))).resolve()
    try:
        return folder.relative_to(repo).as_posix()
    except ValueError:
        raise NewsroomError(f"docs_dir {folder} nằm ngoài kho {repo}: trình biên tập chỉ sửa được tệp trong kho.") from None


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if not is_loopback(args.host) and not args.allow_remote:
        print(f"Lỗi: từ chối lắng nghe trên {args.host}. decap-server không có đăng nhập: bất kỳ ai vào được "
              "cổng này đều sửa và đăng được bài. Chỉ dùng trên máy của văn phòng (127.0.0.1), hoặc thêm "
              "--allow-remote nếu mạng này thật sự chỉ có người của ban biên tập.", file=sys.stderr)
        return 2
    repo = Path(args.repo).resolve()
    processes: list = []
    server = None
    try:
        check_repository(repo, args.branch)
        config = _site_config(repo)
        docs_dir = _docs_dir(repo, config)
        ward = (config.get("extra") or {}).get("ward") or {}
        settings = read_editor_settings(ward.get("editor"))
        registry, problems = load_registry(repo / docs_dir)
        royalties, royalty_problems = load_rules(repo / docs_dir)  # the editor offers the valid types
        for problem in problems + royalty_problems:
            print(f"Cảnh báo: {problem.located_in(docs_dir)}", file=sys.stderr)
        # outside the repository: decap-server commits with `git add .`
        work = (Path(args.work_dir).resolve() if args.work_dir else
                _bootstrap.ROOT / ".cache" / "editor" / hashlib.sha1(str(repo).encode()).hexdigest()[:10])
        site = work / "site"
        shutil.rmtree(site, ignore_errors=True)
        publish_editor(site / settings.path, registry, settings, site_name=str(config.get("site_name", "")),
                       docs_dir=docs_dir, local_url=API_PATH, branch=args.branch,
                       document_types=load_types(repo / docs_dir)[0],
                       royalties=royalties)
        work.mkdir(parents=True, exist_ok=True)
        log = (work / "decap-server.log").open("ab")
        backend_port = free_port("127.0.0.1")
        processes.append(start_decap_server(repo, backend_port, log))
        wait_for_backend(backend_port, processes[0], work / "decap-server.log")
        server = EditorPageServer.start(site, args.host, args.port, backend_port)
        preview = None
        if not args.no_preview:
            preview = PreviewWorktree(repo, args.branch, work / "preview")
            preview.update()
            preview_port = args.preview_port or free_port(args.host)
            processes.append(start_preview(preview.folder, args.host, preview_port,
                                           (work / "preview.log").open("ab")))
        print(f"Trình biên tập: http://{args.host}:{server.port}/{settings.path}/", flush=True)
        if preview:
            print(f"Xem trước cổng (nhánh {args.branch}, tự cập nhật khi đăng bài): http://{args.host}:{preview_port}/", flush=True)
        print("Nhấn Ctrl-C để dừng.", flush=True)
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        while True:
            time.sleep(1)
            for process in processes:
                if process.poll() is not None:
                    raise NewsroomError("một tiến trình con đã dừng (decap-server hoặc mkdocs serve): "
                                        f"xem nhật ký trong {work}.")
            if preview:
                preview.update()
    except KeyboardInterrupt:
        print("Đã dừng trình biên tập.", flush=True)
        return 0
    except (NewsroomError, EditorSettingsError, BundleMissing) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    finally:
        if server is not None:
            server.stop()
        for process in reversed(processes):
            stop(process)


if __name__ == "__main__":
    _bootstrap.run(main)
