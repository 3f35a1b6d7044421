"""Why a file operation failed, in Vietnamese: editors read these, not errno names."""

from __future__ import annotations

import errno

_REASONS = {
    errno.EACCES: "không có quyền ghi hoặc đọc",
    errno.EPERM: "không được phép",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENOENT: "không tồn tại",
    errno.ENOTDIR: "một phần của đường dẫn không phải là thư mục",
    errno.EISDIR: "là một thư mục, không phải tệp",
    errno.ENOSPC: "hết chỗ trên ổ đĩa",
    errno.EEXIST: "đã tồn tại",
}


def os_reason(exc: OSError) -> str:
    """The common reasons in Vietnamese; any other as the system words it."""
    return _REASONS.get(exc.errno, exc.strerror or str(exc))
