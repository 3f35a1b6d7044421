"""What every script shares: the wardportal package on sys.path (it lives in hooks/, beside
MkDocs' hook), a Vietnamese argument parser, and `run`, which ends any error in exit 2."""

import argparse
import sys
from pathlib import Path
from typing import Callable, NoReturn

ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = ROOT / "content"
if str(ROOT / "hooks") not in sys.path:
    sys.path.insert(0, str(ROOT / "hooks"))

from wardportal.oserrors import os_reason  # noqa: E402 - needs the path above


def shown_path(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class ArgumentParser(argparse.ArgumentParser):
    """argparse with a Vietnamese error line and exit 2 (argparse's own exit code for usage)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"Lỗi: tham số không hợp lệ ({message}). Xem hướng dẫn: --help", file=sys.stderr)
        sys.exit(2)


def error_message(exc: BaseException) -> str:
    """What went wrong, in Vietnamese, from any exception a script did not handle itself."""
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        return (f"Lỗi: không thực hiện được thao tác với tệp{where}: {os_reason(exc)}. "
                "Hãy kiểm tra đường dẫn và quyền ghi.")
    if isinstance(exc, MemoryError):
        return "Lỗi: không đủ bộ nhớ để chạy lệnh này."
    return (f"Lỗi không mong đợi ({type(exc).__name__}: {exc}). "
            "Hãy báo cho người quản trị, kèm lệnh đã chạy.")


def run(main: Callable[[], int]) -> NoReturn:
    """Run a script's main and exit with its code: any error it did not handle ends in one
    Vietnamese line and exit 2, never a traceback (exit 1 means something else to callers,
    e.g. `quota.py --fail-under`)."""
    try:
        code = main()
    except KeyboardInterrupt:
        print("Đã dừng (Ctrl+C).", file=sys.stderr)
        code = 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence of a command-line tool
        print(error_message(exc), file=sys.stderr)
        code = 2
    sys.exit(code)
