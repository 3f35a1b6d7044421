"""The one reader and writer of article files (YAML front matter + Markdown body).

Built on python-frontmatter for splitting and writing; parsing goes through yamlfile so
that every field keeps its line number for error messages. Writes are atomic: an
editor's file is either the old one or the new one, never half of each.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter

from wardportal.problems import ContentError, Problem
from wardportal.vntext import nfc
from wardportal.yamlfile import DATA_FILE_LIMIT, YamlDocument, YamlSyntaxError, dump_mapping, load_mapping


class _PortalYAMLHandler(frontmatter.YAMLHandler):
    """python-frontmatter handler that writes with the portal's YAML style."""

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        return dump_mapping(dict(metadata)).strip()


_HANDLER = _PortalYAMLHandler()


@dataclass
class ArticleSource:
    """An article file split into its parts; lines are 1-based lines of the file."""

    path: str
    front: YamlDocument
    body: str
    body_line: int

    @property
    def meta(self) -> dict[str, Any]:
        return self.front.data

    def line_of(self, key: str) -> int:
        """Line of a front-matter key; the opening `---` + 1 when the key is missing."""
        return self.front.line_of(key) or 2


def decode_article_bytes(raw: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) to NFC text, or a ContentError naming the bad line."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            Problem(
                path,
                "tệp không phải UTF-8 (có thể lưu bằng TCVN3/VNI hoặc Windows-1258). "
                "Hãy mở tệp và lưu lại với bảng mã UTF-8.",
                line=line,
            )
        ) from None
    return nfc(text.replace("\r\n", "\n"))


def parse_article_text(text: str, path: str) -> ArticleSource:
    """Split and parse an article's text; ContentError when the front matter is unusable."""
    if not _HANDLER.detect(text):
        raise ContentError(
            Problem(
                path,
                "thiếu phần thông tin bài viết ở đầu tệp: tệp phải bắt đầu bằng dòng `---`, "
                "tiếp theo là title, date, unit, category, rồi một dòng `---`.",
                line=1,
            )
        )
    try:
        front_text, body = _HANDLER.split(text)
    except ValueError:
        raise ContentError(
            Problem(path, "phần thông tin bài viết mở bằng `---` nhưng không có dòng `---` đóng lại.", line=1)
        ) from None
    try:
        front = load_mapping(front_text)
    except YamlSyntaxError as exc:
        line = exc.line or 1  # the front matter starts on the `---` line itself
        raise ContentError(
            Problem(
                path,
                f"lỗi cú pháp YAML trong phần thông tin bài viết ({exc}). "
                "Mỗi dòng phải có dạng `tên: giá trị`; giá trị có dấu `:` cần đặt trong ngoặc kép.",
                line=line,
            )
        ) from None
    # The split text starts with the newline that ends the opening `---`, so its line
    # numbers are already the file's.
    stripped = body.lstrip("\n")
    body_line = front_text.count("\n") + 2 + (len(body) - len(stripped))  # first line of the stripped body
    return ArticleSource(path, front, stripped, body_line)


def read_article_file(file_path: Path, display_path: str | None = None) -> ArticleSource:
    """Read and parse one article file from disk."""
    shown = display_path or str(file_path)
    return parse_article_text(decode_article_bytes(file_path.read_bytes(), shown), shown)


def read_data_file(path: Path, shown: str) -> YamlDocument:
    """An editors' YAML data file (registry, targets) with line numbers; ContentError if unusable.

    Files over DATA_FILE_LIMIT are refused unread. What did not stop the reading (a
    duplicate key, a control character) is in the document's issues: see issue_problems.
    """
    try:
        size = path.stat().st_size
        if size > DATA_FILE_LIMIT:
            raise ContentError(Problem(shown, f"tệp quá lớn ({size:,} byte; tối đa {DATA_FILE_LIMIT:,} byte): "
                                              "hãy kiểm tra lại nội dung tệp.".replace(",", "."), line=1))
        return load_mapping(decode_article_bytes(path.read_bytes(), shown), limit=DATA_FILE_LIMIT)
    except OSError as exc:
        raise ContentError(Problem(shown, f"không đọc được tệp: {exc.strerror}.")) from None
    except YamlSyntaxError as exc:
        raise ContentError(Problem(shown, f"lỗi cú pháp YAML ({exc}).", line=exc.line)) from None


def issue_problems(document: YamlDocument, shown: str) -> list[Problem]:
    """The problems a document was read with (duplicate keys, control characters), as Problems."""
    return [Problem(shown, message, line=line, field=key) for line, key, message in document.issues]


def render_article(meta: dict[str, Any], body: str) -> str:
    """The text of an article file: front matter in the given key order, then the body."""
    post = frontmatter.Post(body.strip("\n") + "\n", handler=_HANDLER, **meta)
    return frontmatter.dumps(post, handler=_HANDLER).rstrip("\n") + "\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_new_file(path: Path, text: str | bytes, *, overwrite: bool = False) -> None:
    """Write `text` (or bytes) atomically; refuse to replace an existing file unless `overwrite`.

    The text goes to a temporary file in the same folder first, so a crash or Ctrl-C
    leaves either the old file or the new one. Without `overwrite`, the final link is
    made with os.link, which fails if the name exists (no check-then-write race).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600: editors and cron builds must read it
        mode = {"mode": "wb"} if isinstance(text, bytes) else {"mode": "w", "encoding": "utf-8", "newline": "\n"}
        with os.fdopen(fd, **mode) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp_name, path)
        else:
            os.link(tmp_name, path)  # FileExistsError when the article exists
            os.unlink(tmp_name)
    except BaseException:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        raise
