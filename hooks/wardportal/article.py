"""The typed article model and its validation: one place that turns front matter into facts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from wardportal import urls
from wardportal.dates import ACCEPTED_FORMS, DateFormatError, PublishedAt, parse_published
from wardportal.frontmatter_io import ArticleSource
from wardportal.problems import Problem
from wardportal.registry import Entry, Registry, YearMonth
from wardportal.textsafety import char_name, first_control, strip_control
from wardportal.vntext import nfc, slugify
from wardportal.yamlfile import is_text_value

REQUIRED_FIELDS = ("title", "date", "unit", "category")
OPTIONAL_FIELDS = ("views", "summary", "image", "image_caption", "author", "tags", "featured", "draft", "slug",
                   "type", "points")
# Written by the legacy importer: where the text came from and what still needs a look.
PROVENANCE_FIELDS = ("source", "source_hash", "review")
KNOWN_FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS + PROVENANCE_FIELDS
SUMMARY_LENGTH = 240
MAX_VIEWS = 10**9  # more than any ward portal's count; a bigger value is a typo
TEXT_FIELDS = ("title", "summary", "image", "image_caption", "slug", "unit", "category")

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # also keeps file names inside their folder


@dataclass(frozen=True)
class Credit:
    """One author of an article; `points` only when the article gives each author's share."""

    name: str
    points: float | None = None


@dataclass(frozen=True, eq=False)
class Article:
    """One published-or-not article, as every part of the portal sees it."""

    source_path: str  # relative to the content folder, '/'-separated
    title: str
    published: PublishedAt
    unit: Entry
    category: Entry
    slug: str
    body: str
    imported_views: int = 0  # the `views` field: what the old portal had counted
    summary: str = ""
    image: str | None = None
    image_caption: str | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    featured: bool = False
    draft: bool = False
    review: tuple[str, ...] = field(default=())
    authors: tuple[Credit, ...] = ()  # who is credited (royalties); `author` is the printed line
    type: str | None = None  # royalty type id (content/_portal/royalties.yml); None: the default type
    points: float | None = None  # points the board granted, within the type's range
    field_lines: dict[str, int] = field(default_factory=dict, compare=False)  # type, points, author, unit
    counted_views: int = 0  # counted from this server's access logs (wardportal.views)

    @property
    def views(self) -> int:
        """What readers see and every list ranks by: imported plus counted views."""
        return self.imported_views + self.counted_views

    @property
    def url(self) -> str:
        return urls.article(self.slug)

    @property
    def month(self) -> YearMonth:
        return YearMonth(self.published.moment.year, self.published.moment.month)

    @property
    def header_line(self) -> str:
        """`Ngày đăng 22/04/2021 | 16:48 | Lượt xem: 695`, as the old portals print it."""
        parts = [f"Ngày đăng {self.published.date_label}"]
        if self.published.has_time:
            parts.append(self.published.time_label)
        parts.append(f"Lượt xem: {format_count(self.views)}")
        return " | ".join(parts)

    @property
    def sort_key(self) -> tuple:
        """Newest first; ties broken by slug so the order is stable across builds."""
        return (-self.published.moment.timestamp(), self.slug)

    def __reduce__(self):
        """Pickled (wardportal.articlestore) with the body as UTF-8 bytes: pickling a str keeps
        a UTF-8 copy inside it for as long as it lives, 55 MB of bodies at 10,000 articles."""
        fields = {name: getattr(self, name) for name in _ARTICLE_FIELDS}
        fields["body"] = self.body.encode("utf-8")
        return (_unpickled_article, (fields,))


def _unpickled_article(fields: dict) -> Article:
    return Article(**{**fields, "body": fields["body"].decode("utf-8")})


_ARTICLE_FIELDS = tuple(name for name in Article.__dataclass_fields__)


def format_count(number: int) -> str:
    """Vietnamese thousands separator: 1204 → `1.204`."""
    return f"{number:,}".replace(",", ".")


def article_from_source(source: ArticleSource, registry: Registry) -> tuple[Article | None, list[Problem]]:
    """Validate one parsed article file. Returns (None, problems) when it cannot be published."""
    meta = source.meta
    problems: list[Problem] = []
    notes: list[Problem] = []  # warnings about an article that is published all the same

    def problem(key: str, message: str, line: int | None = None) -> None:
        problems.append(Problem(source.path, message, line=line or source.line_of(key), field=key))

    for line, key, message in source.front.issues:  # duplicate keys, control characters: refused
        problem(key, message, line)
    meta = dict(meta)
    for key in TEXT_FIELDS:
        if not is_text_value(meta.get(key)):
            problem(key, f"`{key}` phải là một đoạn chữ, đang là {_shown_type(meta[key])}. "
                         "Nếu giá trị có dấu `:` hoặc `[`, hãy đặt trong ngoặc kép.")
            meta.pop(key)
    author = meta.get("author")
    if isinstance(author, list):
        pass  # names, or `{name, points}` items: read by _credits below
    elif not is_text_value(author):
        problem("author", f"`author` phải là tên tác giả hoặc danh sách tên, ví dụ `author: Nguyễn Văn An`, "
                          f"đang là {_shown_type(author)}.")
        author = None

    title = _text(meta.get("title"))
    if not title:
        problem("title", "thiếu tiêu đề: thêm dòng `title: Tiêu đề bài viết`." if "title" not in meta
                else "tiêu đề (`title`) đang để trống: hãy nhập tiêu đề bài viết.")

    published = None
    if meta.get("date") in (None, ""):
        problem("date", f"thiếu ngày đăng `date`. Các dạng được chấp nhận: {ACCEPTED_FORMS}.")
    else:
        try:
            published = parse_published(meta["date"])
        except DateFormatError as exc:
            problem("date", f"{exc}. Các dạng được chấp nhận: {ACCEPTED_FORMS}.")

    unit = _registry_entry(meta, "unit", registry, problem)
    category = _registry_entry(meta, "category", registry, problem)

    views = 0
    raw_views = meta.get("views", 0)
    if isinstance(raw_views, bool) or not isinstance(raw_views, int):
        problem("views", f"lượt xem (`views`) phải là số nguyên không âm, ví dụ `views: 1204` "
                         f"(không dùng dấu chấm phân cách), đang là `{raw_views}`.")
    elif raw_views < 0:
        problem("views", f"lượt xem (`views`) không được âm, đang là {raw_views}.")
    elif raw_views > MAX_VIEWS:
        problem("views", f"lượt xem (`views`) quá lớn (tối đa {format_count(MAX_VIEWS)}): kiểm tra lại số đã nhập.")
    else:
        views = raw_views

    featured = _flag(meta, "featured", problem)
    draft = _flag(meta, "draft", problem)

    slug = _text(meta.get("slug"))
    if slug and not SLUG_RE.match(slug):
        problem("slug", f"`slug` `{slug}` không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu `-`, "
                        f"ví dụ `{slugify(slug) or 'hoi-nghi-so-ket'}`.")
    slug = slug or slugify(title)
    if title and not slug:
        problem("title", "không tạo được đường dẫn từ tiêu đề: hãy thêm `slug:` bằng chữ không dấu.")

    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = [part.strip() for part in tags.split(",")]
    if not isinstance(tags, list) or not all(is_text_value(tag) for tag in tags):
        problem("tags", "`tags` phải là danh sách các từ khóa, ví dụ `tags: [môi trường, thanh niên]`.")
        tags = []

    authors = _credits(meta.get("author"), problem) if author is not None else ()
    article_type, points = _royalty_fields(meta, problem)

    body = source.body
    found = first_control(body)
    if found is not None:  # harmless to drop: nothing an editor means is lost
        notes.append(Problem(source.path, f"nội dung bài có ký tự điều khiển {char_name(body[found])} "
                                          "(không hiển thị được); đã bỏ đi khi đăng. Hãy xóa ký tự đó trong tệp.",
                             line=source.body_line + body.count("\n", 0, found)))
        body = strip_control(body)

    for key in meta:
        if key not in KNOWN_FIELDS:
            problem(key, f"trường `{key}` không được hỗ trợ. Các trường hợp lệ: {', '.join(KNOWN_FIELDS[:-3])}.")

    if problems or not (title and published and unit and category and slug):
        return None, problems + notes
    return Article(
        source_path=source.path,
        title=title,
        published=published,
        unit=unit,
        category=category,
        slug=slug,
        body=body,
        imported_views=views,
        summary=_text(meta.get("summary")) or summarise(body),
        image=_text(meta.get("image")) or None,
        image_caption=_text(meta.get("image_caption")) or None,
        author=", ".join(credit.name for credit in authors) or None,
        tags=tuple(_text(tag) for tag in tags if _text(tag)),
        featured=featured,
        draft=draft,
        review=_text_list(meta.get("review")),
        authors=authors,
        type=article_type,
        points=points,
        field_lines={key: source.line_of(key) for key in ("type", "points", "author", "unit") if key in meta},
    ), notes


def _credits(value: Any, problem) -> tuple[Credit, ...]:
    """`author:` as a name, a list of names, or a list of `{name, points}` (each author's share)."""
    if value is None or isinstance(value, (str, int, float)) and not isinstance(value, bool):
        name = _text(value)
        return (Credit(name),) if name else ()
    if not isinstance(value, list):
        problem("author", "`author` là một tên, hoặc danh sách tên `author: [Nguyễn Văn A, Trần Thị B]`, hoặc "
                          "danh sách `- name: ...` kèm `points: ...` cho từng người.")
        return ()
    credits = []
    for item in value:
        if isinstance(item, dict):
            name = _text(item.get("name"))
            unknown = [key for key in item if key not in ("name", "points")]
            points = item.get("points")
            if not name or unknown or (points is not None and _points_value(points) is None):
                problem("author", "mỗi tác giả dạng mục phải có `name: Họ tên` và tùy chọn `points: 1.5` "
                                  f"(số không âm); đang là `{item}`.")
                continue
            credits.append(Credit(name, _points_value(points) if points is not None else None))
        elif isinstance(item, (str, int, float)) and not isinstance(item, bool) and _text(item):
            credits.append(Credit(_text(item)))
        else:
            problem("author", f"tên tác giả `{item}` không hợp lệ: mỗi mục là một họ tên.")
    given = [credit.points is not None for credit in credits]
    if any(given) and not all(given):
        problem("author", "khi ghi điểm cho từng tác giả (`points:` trong mục tác giả), hãy ghi cho tất cả "
                          "các tác giả của bài.")
    return tuple(credits)


def _royalty_fields(meta: dict, problem) -> tuple[str | None, float | None]:
    """`type` as written (checked against royalties.yml by wardportal.checking, which warns and
    leaves the article out of the statement, never out of the portal) and `points` (a number ≥ 0)."""
    article_type = _text(meta.get("type")) or None
    points = None
    if meta.get("points") is not None:
        points = _points_value(meta["points"])
        if points is None:
            problem("points", f"số điểm (`points`) phải là số không âm, ví dụ `points: 1.5`, "
                              f"đang là `{meta['points']}`.")
    return article_type, points


def _points_value(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        return None
    return float(value)


def _text_list(value: Any) -> tuple[str, ...]:
    """A list field written as a list or as one value (`review:` from the importer)."""
    values = value if isinstance(value, list) else [value] if value else []
    return tuple(_text(item) for item in values if _text(item))


def _shown_type(value: Any) -> str:
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "các cặp khóa–giá trị"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"


def _text(value: Any) -> str:
    return nfc(str(value)).strip() if value is not None else ""


def _flag(meta: dict, key: str, problem) -> bool:
    value = meta.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        problem(key, f"`{key}` chỉ nhận `true` hoặc `false`, đang là `{value}`.")
        return False
    return value


def _registry_entry(meta: dict, key: str, registry: Registry, problem) -> Entry | None:
    label = "đơn vị" if key == "unit" else "chuyên mục"
    value = _text(meta.get(key))
    if not value:
        problem(key, f"thiếu {label} (`{key}`): ghi mã hoặc tên {label} trong danh mục content/_portal/registry.yml.")
        return None
    entry = registry.unit(value) if key == "unit" else registry.category(value)
    if entry is None:
        suggestions = ", ".join(f"“{name}”" for name in registry.suggest(key, value))
        problem(key, f"{label} “{value}” không có trong danh mục (content/_portal/registry.yml). "
                     f"Có phải là: {suggestions}? Nếu là {label} mới, hãy thêm vào danh mục.")
    return entry


_MARKUP_RES = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links → text
    (re.compile(r"<[^>]+>"), ""),  # inline HTML
    (re.compile(r"[*_`]{1,3}"), ""),  # emphasis and code marks
    (re.compile(r"\s+"), " "),
]


def summarise(body: str, limit: int = SUMMARY_LENGTH) -> str:
    """The first prose paragraph of the body as plain text, cut at a word near `limit`."""
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block or block[0] in "#>|!-*+<`:" or re.match(r"^\d+\.\s", block) or block.startswith("---"):
            continue
        text = block
        for pattern, replacement in _MARKUP_RES:
            text = pattern.sub(replacement, text)
        text = text.strip()
        if len(text) < 40 and not text.endswith((".", "!", "?")):
            continue  # a caption or a one-line label, not a paragraph
        if len(text) <= limit:
            return text
        return text[:limit].rsplit(" ", 1)[0].rstrip(",;:–-") + "…"
    return ""
