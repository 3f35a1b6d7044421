"""The office machine's newsroom (scripts/editor.py): decap-server in git mode, the editor
page on its own small server, and a live preview of `main`.

decap-server has no login: whoever reaches it can write to the repository. It always binds
127.0.0.1; the editor page's server (which forwards /api/v1 to it) binds 127.0.0.1 too
unless scripts/editor.py is told otherwise explicitly. It also checks branches out in the repository's
working tree while it works on a draft, so the preview is built from a second, detached
worktree (under .cache/editor/ of the project) moved to `main` whenever `main` changes: readers' view,
drafts never shown. The editor page is served by plain http.server, not by `mkdocs serve`,
which would inject its live-reload script and reload the page on every save.
"""

from __future__ import annotations

import functools
import http.server
import ipaddress
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from wardportal.newsroom.bundle import EDITOR_DIR

SERVER_JS = EDITOR_DIR / "node_modules" / "decap-server" / "dist" / "index.js"


class NewsroomError(RuntimeError):
    """Why the newsroom cannot start, in Vietnamese, with what to do."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise NewsroomError(f"lệnh git {' '.join(args)} thất bại trong {repo}: {result.stderr.strip()}")
    return result.stdout.strip()


def check_repository(repo: Path, branch: str) -> None:
    if subprocess.run(["git", "-C", str(repo), "rev-parse", "--git-dir"], capture_output=True).returncode != 0:
        raise NewsroomError(f"{repo} không phải kho git: trình biên tập lưu bài bằng git (git init, rồi commit nội dung).")
    if subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
                      capture_output=True).returncode != 0:
        raise NewsroomError(f"kho {repo} không có nhánh `{branch}`: dùng --branch để chọn nhánh bài đã đăng.")


API_PATH = "/api/v1"
MAX_REQUEST_BYTES = 60_000_000  # decap-server's own limit is 50 MB of JSON (base64 photos)


class _EditorHandler(http.server.SimpleHTTPRequestHandler):
    """Static editor files, plus POST /api/v1 forwarded to decap-server on 127.0.0.1, so
    the browser talks to one origin and decap-server itself never listens beyond localhost."""

    backend_url = ""
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml"}

    def log_message(self, format, *args):
        pass

    def do_POST(self):
        if self.path != API_PATH:
            self.send_error(404)
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST_BYTES:
            self.send_error(413)
            return
        request = urllib.request.Request(self.backend_url, data=self.rfile.read(length), method="POST",
                                         headers={"Content-Type": self.headers.get("Content-Type", "application/json")})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status, body, kind = response.status, response.read(), response.headers.get("Content-Type")
        except urllib.error.HTTPError as exc:
            status, body, kind = exc.code, exc.read(), exc.headers.get("Content-Type")
        except OSError:
            status, body, kind = 502, b'{"error": "decap-server is not answering"}', "application/json"
        self.send_response(status)
        self.send_header("Content-Type", kind or "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


@dataclass
class EditorPageServer:
    """Serves the folder holding `<path>/` (the editor) on one address, in a thread."""

    httpd: http.server.ThreadingHTTPServer

    @classmethod
    def start(cls, folder: Path, host: str, port: int, backend_port: int) -> "EditorPageServer":
        handler_class = type("EditorHandler", (_EditorHandler,),
                             {"backend_url": f"http://127.0.0.1:{backend_port}{API_PATH}"})
        handler = functools.partial(handler_class, directory=str(folder))
        try:
            httpd = http.server.ThreadingHTTPServer((host, port), handler)
        except OSError as exc:
            raise NewsroomError(f"không mở được cổng {host}:{port} cho trang biên tập ({exc.strerror}): chọn cổng khác bằng --port.") from None
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        return cls(httpd)

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def start_decap_server(repo: Path, port: int, log_file) -> subprocess.Popen:
    """decap-server in git mode (drafts are `cms/…` branches), on 127.0.0.1 only."""
    if not SERVER_JS.is_file():
        raise NewsroomError("chưa cài decap-server (editor/node_modules): chạy `bash scripts/setup.sh`.")
    env = {**os.environ, "MODE": "git", "PORT": str(port), "BIND_HOST": "127.0.0.1",
           "GIT_REPO_DIRECTORY": str(repo), "LOG_LEVEL": "warn"}
    try:
        return subprocess.Popen(["node", str(SERVER_JS)], env=env, stdout=log_file, stderr=subprocess.STDOUT,
                                cwd=str(EDITOR_DIR))
    except FileNotFoundError:
        raise NewsroomError("không tìm thấy Node.js (lệnh node): chạy `bash scripts/setup.sh` để cài nodejs.") from None


class PreviewWorktree:
    """A detached worktree following `branch`: what readers would see after the next build."""

    def __init__(self, repo: Path, branch: str, folder: Path) -> None:
        self.repo, self.branch, self.folder = repo, branch, folder
        self.commit = ""

    def update(self) -> bool:
        """Move to the branch's newest commit; True when it moved."""
        commit = git(self.repo, "rev-parse", f"refs/heads/{self.branch}")
        if commit == self.commit:
            return False
        if not (self.folder / ".git").exists():
            self.folder.parent.mkdir(parents=True, exist_ok=True)
            git(self.repo, "worktree", "prune")
            git(self.repo, "worktree", "add", "--detach", "--force", str(self.folder), commit)
        else:
            git(self.folder, "checkout", "--detach", "--force", commit)
        self.commit = commit
        return True


def start_preview(worktree: Path, host: str, port: int, log_file) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(worktree / "mkdocs.yml"),
                             "-a", f"{host}:{port}", "--no-strict"], env=env, stdout=log_file,
                            stderr=subprocess.STDOUT, cwd=str(worktree))


def wait_for_backend(port: int, process: subprocess.Popen, log_path: Path, seconds: float = 30) -> None:
    """Until decap-server answers `info` (it validates the repository first)."""
    deadline = time.monotonic() + seconds
    request = urllib.request.Request(f"http://127.0.0.1:{port}{API_PATH}", data=b'{"action": "info"}',
                                     headers={"Content-Type": "application/json"}, method="POST")
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise NewsroomError(f"decap-server dừng ngay khi khởi động: xem nhật ký {log_path}.")
        try:
            with urllib.request.urlopen(request, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise NewsroomError(f"decap-server không trả lời sau {seconds:.0f} giây: xem {log_path}.")


def stop(process: subprocess.Popen | None) -> None:
    """Ask a child to stop, then make sure it has."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
