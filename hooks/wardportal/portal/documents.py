"""Documents (văn bản): first-class items with their own fields, read through the one
front-matter reader (wardportal.frontmatter_io) and validated with named errors.

A document is `content/van-ban/YYYY/<slug>.md`; its attached PDF/DOCX lives under content/
and is published as it is. Types come from `content/_portal/loai-van-ban.yml` (or the
defaults below).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from wardportal.frontmatter_io import ArticleSource, decode_article_bytes, parse_article_text, read_data_file
from wardportal.problems import ContentError, Problem
from wardportal.registry import Entry, Registry
from wardportal.vntext import nfc, tone_key

DOCUMENTS_DIR = "van-ban"
TYPES_PATH = "_portal/loai-van-ban.yml"
REQUIRED = ("number", "date", "type", "title", "issuer", "signer", "file")
OPTIONAL = ("article", "summary")
ATTACHMENT_KINDS = {".pdf": "PDF", ".docx": "DOCX", ".doc": "DOC", ".xlsx": "XLSX", ".odt": "ODT"}
# 125/KH-UBND, 12/2026/QĐ-UBND, 45-TB/ĐU (party documents write the type after a dash)
NUMBER_RE = re.compile(r"^\d{1,5}(?:/\d{4})?[/-][A-ZĐ0-9]+(?:[-/][A-ZĐ0-9]+)*$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DEFAULT_TYPES = (("ke-hoach", "Kế hoạch"), ("thong-bao", "Thông báo"), ("quyet-dinh", "Quyết định"),
                 ("bao-cao", "Báo cáo"), ("cong-van", "Công văn"), ("chi-thi", "Chỉ thị"),
                 ("nghi-quyet", "Nghị quyết"), ("huong-dan", "Hướng dẫn"))


@dataclass(frozen=True)
class DocumentType:
    id: str
    name: str
    order: int = 0


@dataclass(frozen=True)
class Attachment:
    path: str  # relative to content/
    size: int

    @property
    def kind(self) -> str:
        return ATTACHMENT_KINDS.get(Path(self.path).suffix.lower(), "Tệp")

    @property
    def size_label(self) -> str:
        """`245 KB`, `1,2 MB`: Vietnamese decimal comma."""
        if self.size < 1024 * 1024:
            return f"{max(1, round(self.size / 1024))} KB"
        return f"{self.size / 1024 / 1024:.1f} MB".replace(".", ",")


@dataclass(frozen=True, eq=False)
class Document:
    source_path: str
    slug: str
    number: str
    issued: date
    type: DocumentType
    title: str  # trích yếu
    issuer: Entry
    signer: str
    attachment: Attachment
    article: str | None = None  # related article's slug
    summary: str = ""
    body: str = ""

    @property
    def url(self) -> str:
        return f"{DOCUMENTS_DIR}/{self.slug}/"

    @property
    def date_label(self) -> str:
        return self.issued.strftime("%d/%m/%Y")

    @property
    def sort_key(self) -> tuple:
        return (-self.issued.toordinal(), self.slug)


@dataclass
class DocumentSet:
    """Every valid document, newest first, grouped by type and year; plus what was wrong."""

    documents: list[Document] = field(default_factory=list)
    types: list[DocumentType] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.documents.sort(key=lambda d: d.sort_key)

    def latest(self, count: int) -> list[Document]:
        return self.documents[:count]

    def by_type(self) -> list[tuple[DocumentType, list[Document]]]:
        return [(kind, [d for d in self.documents if d.type.id == kind.id]) for kind in self.types]

    def by_year(self) -> list[tuple[int, list[Document]]]:
        years: dict[int, list[Document]] = {}
        for document in self.documents:
            years.setdefault(document.issued.year, []).append(document)
        return sorted(years.items(), reverse=True)


def is_document_path(rel_path: str) -> bool:
    return rel_path.startswith(DOCUMENTS_DIR + "/") and rel_path.endswith(".md") and rel_path.count("/") >= 2


def load_types(content_dir: Path) -> tuple[list[DocumentType], list[Problem]]:
    """Document types from the data file, or the defaults when there is none."""
    path = content_dir / TYPES_PATH
    if not path.exists():
        return [DocumentType(i, n, k) for k, (i, n) in enumerate(DEFAULT_TYPES)], []
    try:
        doc = read_data_file(path, TYPES_PATH)
    except ContentError as exc:
        return [], [exc.problem]
    items = doc.data.get("types")
    lines = doc.item_lines.get("types", [])
    if not isinstance(items, list):
        return [], [Problem(TYPES_PATH, "cần danh sách `types:` gồm các mục `id` và `name`.", line=doc.line_of("types"))]
    types, problems = [], []
    for number, item in enumerate(items):
        line = lines[number] if number < len(lines) else None
        if not isinstance(item, dict) or not SLUG_RE.match(str(item.get("id", ""))) or not item.get("name"):
            problems.append(Problem(TYPES_PATH, "mỗi loại văn bản cần `id` (chữ thường, gạch nối) và `name`.", line=line))
            continue
        types.append(DocumentType(str(item["id"]), nfc(str(item["name"])), number))
    return types, problems


def read_documents(sources: Iterable[tuple[str, Callable[[], bytes]]], types: list[DocumentType],
                   registry: Registry, attachment_size: Callable[[str], int | None],
                   article_slugs: set[str]) -> DocumentSet:
    """Parse and validate every document; a bad one is named and left out, never the others."""
    found = DocumentSet(types=types)
    by_type = {t.id: t for t in types} | {_key(t.name): t for t in types}
    slugs: dict[str, str] = {}
    for rel_path, read_bytes in sorted(sources, key=lambda item: item[0]):
        try:
            source = parse_article_text(decode_article_bytes(read_bytes(), rel_path), rel_path)
        except ContentError as exc:
            found.problems.append(exc.problem)
            continue
        document, problems = _document(source, by_type, registry, attachment_size, article_slugs)
        found.problems += problems
        if document is None:
            continue
        if document.slug in slugs:
            found.problems.append(Problem(rel_path, f"trùng địa chỉ van-ban/{document.slug}/ với {slugs[document.slug]}: "
                                                    "đổi tên tệp.", line=1))
            continue
        slugs[document.slug] = rel_path
        found.documents.append(document)
    found.__post_init__()
    return found


def _key(text: str) -> str:
    return tone_key(text)


def _document(source: ArticleSource, by_type: dict, registry: Registry,
              attachment_size: Callable[[str], int | None], article_slugs: set[str]):
    path, meta = source.path, source.meta
    problems: list[Problem] = []

    def bad(key: str, message: str) -> None:
        problems.append(Problem(path, message, line=source.line_of(key), field=key))

    for key in REQUIRED:
        if meta.get(key) in (None, ""):
            bad(key, f"thiếu trường `{key}` ({_LABELS[key]}).")
    for key in meta:
        if key not in REQUIRED + OPTIONAL:
            bad(key, f"trường `{key}` không dùng cho văn bản; các trường: {', '.join(REQUIRED + OPTIONAL)}.")
    slug = Path(path).stem
    if not SLUG_RE.match(slug):
        bad("title", f"tên tệp `{Path(path).name}` phải là chữ thường không dấu nối bằng gạch ngang (vd. ke-hoach-125.md).")
    number = nfc(str(meta.get("number", "")).strip())
    if number and not NUMBER_RE.match(number):
        bad("number", f"số/ký hiệu `{number}` không đúng dạng: viết như `125/KH-UBND` hoặc `12/2026/QĐ-UBND`.")
    issued = None
    if meta.get("date") not in (None, ""):
        try:
            issued = date.fromisoformat(str(meta["date"]).strip())
        except ValueError:
            bad("date", f"ngày ban hành `{meta['date']}` không hợp lệ: viết dạng YYYY-MM-DD, vd. 2026-11-20.")
    kind = by_type.get(str(meta.get("type", "")).strip()) or by_type.get(_key(str(meta.get("type", ""))))
    if meta.get("type") and kind is None:
        names = ", ".join(t.name for t in dict.fromkeys(by_type.values()))
        bad("type", f"loại văn bản `{meta['type']}` không có trong danh mục ({TYPES_PATH}): dùng một trong {names}.")
    issuer = registry.unit(str(meta.get("issuer", ""))) if meta.get("issuer") else None
    if meta.get("issuer") and issuer is None:
        bad("issuer", f"cơ quan ban hành `{meta['issuer']}` không có trong danh mục đơn vị (_portal/registry.yml).")
    attachment = None
    file_path = str(meta.get("file", "")).strip().lstrip("/")
    if file_path:
        size = attachment_size(file_path)
        if Path(file_path).suffix.lower() not in ATTACHMENT_KINDS:
            bad("file", f"tệp đính kèm `{file_path}` phải là PDF hoặc DOCX.")
        elif size is None:
            bad("file", f"không tìm thấy tệp đính kèm `{file_path}` trong content/: kiểm tra đường dẫn.")
        else:
            attachment = Attachment(file_path, size)
    related = str(meta.get("article", "")).strip() or None
    if related and related.strip("/").split("/")[-1] not in article_slugs:
        bad("article", f"bài viết liên quan `{related}` không có (hoặc chưa đăng): ghi slug của bài, vd. ten-bai-viet.")
        related = None
    if problems or issued is None or kind is None or issuer is None or attachment is None:
        return None, problems
    return Document(path, slug, number, issued, kind, nfc(str(meta["title"]).strip()), issuer,
                    nfc(str(meta["signer"]).strip()), attachment,
                    related.strip("/").split("/")[-1] if related else None,
                    nfc(str(meta.get("summary", "")).strip()), source.body), []


_LABELS = {"number": "số/ký hiệu, vd. 125/KH-UBND", "date": "ngày ban hành, YYYY-MM-DD", "type": "loại văn bản",
           "title": "trích yếu", "issuer": "cơ quan ban hành", "signer": "người ký",
           "file": "tệp đính kèm PDF/DOCX, đường dẫn trong content/"}
